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
import functools
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
    values = field_values(cls)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


@functools.cache
def field_values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """Getter of an instance's field values, in declaration order (one C call)."""
    getter = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
    return getter if len(dataclasses.fields(cls)) > 1 else lambda obj: (getter(obj),)


@functools.cache
def _field_positions(cls: type) -> dict[str, int]:
    return {f.name: i for i, f in enumerate(dataclasses.fields(cls))}


def replaced(obj: T, **changes: Any) -> T:
    """``dataclasses.replace(obj, **changes)`` for a ``by_fields`` class, by one positional call.

    ``dataclasses.replace`` inspects every field on every call — a noticeable share of the load
    stage, which replaces every chapter. The fields of a ``by_fields`` class are all ``__init__``
    parameters in declaration order, so its field values with ``changes`` put in are exactly the
    positional arguments."""
    cls = type(obj)
    values = list(field_values(cls)(obj))
    positions = _field_positions(cls)
    for name, value in changes.items():
        values[positions[name]] = value
    return cls(*values)
