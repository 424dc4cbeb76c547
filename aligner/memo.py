"""Memoization on the *identity* of the arguments, for functions of the run's model objects.

The model (``aligner.model``) is made of frozen dataclasses: hashable, but hashing an ``Alignment``
walks every chapter, quote and entity of two variants — a ``functools.lru_cache`` keyed on one
costs about as much as the work it saves. Within a run the same objects are passed around
(T504 and the score stage ask for the chapter rows of the very same ``Alignment``), so a cache
keyed on ``id()`` is exact and O(1). Each entry keeps its arguments alive, so an id cannot be
reused by another object while its entry exists; entries are evicted least recently used.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def identity_cache(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: cache ``function(*args)`` on ``(id(arg), ...)`` — positional arguments only."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        entries: OrderedDict[tuple[int, ...], tuple[tuple[Any, ...], R]] = OrderedDict()

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                raise TypeError(f"{function.__name__}: identity-cached functions take positional arguments")
            key = tuple(map(id, args))
            entry = entries.get(key)
            if entry is not None:
                entries.move_to_end(key)
                return entry[1]
            value = function(*args)
            entries[key] = (args, value)  # the arguments stay alive: their ids stay theirs
            if len(entries) > maxsize:
                entries.popitem(last=False)
            return value

        wrapper.cache_clear = entries.clear  # type: ignore[attr-defined]
        return wrapper

    return decorate
