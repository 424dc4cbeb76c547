"""Fast pickling for the run's frozen, slotted dataclasses.

Parsed pages travel from the workers that parse them to the main process, episodes and their
alignments travel to the workers that check them, and results travel back — hundreds of
thousands of small objects per run. For a ``frozen=True, slots=True`` dataclass, Python 3.11
pickles through generated ``__getstate__``/``__setstate__`` methods that set each field with
``object.__setattr__`` in a Python loop; pickling the object as ``(class, field values)`` and
rebuilding it through its ``__init__`` is about twice as fast both ways, and the result is equal.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """Class decorator (placed above ``@dataclass``): pickle instances as their field values.

    Every field must be an ``__init__`` parameter, in declaration order (checked here)."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not fields or any(not f.init for f in fields):
        raise TypeError(f"{cls.__name__}: by_fields needs init fields only")
    getter = operator.attrgetter(*(f.name for f in fields))
    values: Callable[[Any], tuple[Any, ...]] = getter if len(fields) > 1 else lambda obj: (getter(obj),)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls
