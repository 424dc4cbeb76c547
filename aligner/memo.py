"""Memoization on the *identity* of the arguments, for functions of the run's model objects.

The model (``aligner.model``) is made of frozen dataclasses: hashable, but hashing an ``Alignment``
walks every chapter, quote and entity of two variants — a ``functools.lru_cache`` keyed on one
costs about as much as the work it saves. Within a run the same objects are passed around
(T504 and the score stage ask for the chapter rows of the very same ``Alignment``), so a cache
keyed on ``id()`` is exact and O(1). Each entry keeps its arguments alive, so an id cannot be
reused by another object while its entry exists; entries are evicted least recently used.

Inside ``episode_scope`` (one episode checked and scored) nothing is evicted, and every identity
cache is emptied when the scope ends: an episode in more variants than a cache holds had its
content matrices and chapter rows evicted by C106 before the score stage asked for them again —
worked out twice from 34 variants on, three times from 66 (found by QA of catalog shapes).
"""

from __future__ import annotations

import contextlib
import functools
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


_CLEARS: list[Callable[[], None]] = []  # every identity cache's ``clear``
_scopes = [0]  # episode scopes entered and not yet left


@contextlib.contextmanager
def episode_scope() -> Iterator[None]:
    """Identity caches keep every entry until the outermost scope ends, then drop them all."""
    _scopes[0] += 1
    try:
        yield
    finally:
        _scopes[0] -= 1
        if not _scopes[0]:
            for clear in _CLEARS:
                clear()


def identity_cache(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: cache ``function(*args)`` on ``(id(arg), ...)`` — positional arguments only;
    ``maxsize`` entries outside an ``episode_scope``, every one inside it."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        entries: OrderedDict[tuple[int, ...], tuple[tuple[Any, ...], R]] = OrderedDict()
        _CLEARS.append(entries.clear)

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
            if len(entries) > maxsize and not _scopes[0]:
                entries.popitem(last=False)
            return value

        wrapper.cache_clear = entries.clear  # type: ignore[attr-defined]
        return wrapper

    return decorate
