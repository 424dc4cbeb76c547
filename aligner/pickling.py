"""Fast pickling for the run's frozen, slotted dataclasses.

Parsed pages travel from the workers that parse them to the main process, episodes and their
alignments travel to the workers that check them, and results travel back — hundreds of
thousands of small objects per run. For a ``frozen=True, slots=True`` dataclass, Python 3.11
pickles through generated ``__getstate__``/``__setstate__`` methods that set each field with
``object.__setattr__`` in a Python loop; pickling the object as ``(rebuilder, field values)`` is
about twice as fast both ways, and the result is equal. The rebuilder of a class without
``__post_init__`` (which its ``__init__`` would run) sets the slots through their descriptors
directly — a frozen ``__init__`` looks up ``object.__setattr__`` and the slot by name for every
field, about twice as slow, which a cached re-run pays for each of the ≈ 400,000 objects it reads back.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
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
    rebuild: Callable[..., T] = _rebuilder(cls) or cls

    def __reduce__(self: Any) -> tuple[Callable[..., T], tuple[Any, ...]]:
        return rebuild, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


def _rebuilder(cls: type[T]) -> Callable[..., T] | None:
    """A function of the field values (in declaration order) that makes the instance ``cls(*values)``
    makes, without its ``__init__``: for a slotted class with no ``__post_init__``, else None.

    Pickle finds it as the class attribute ``_rebuild`` (by module and qualified name, as it finds
    the class). Generated source, as ``dataclasses`` generates ``__init__``: one call per slot."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    slots = [cls.__dict__.get(name) for name in names]
    if hasattr(cls, "__post_init__") or not all(_is_slot(slot) for slot in slots):
        return None
    arguments = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    set{i}(obj, v{i})\n" for i in range(len(names)))
    source = f"def _rebuild({arguments}):\n    obj = new(cls)\n{body}    return obj\n"
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update({f"set{i}": slot.__set__ for i, slot in enumerate(slots)})
    exec(source, namespace)  # the source is made of field positions only
    rebuild = namespace["_rebuild"]
    rebuild.__module__ = cls.__module__
    rebuild.__qualname__ = f"{cls.__qualname__}._rebuild"
    cls._rebuild = rebuild  # type: ignore[attr-defined]
    return rebuild  # type: ignore[no-any-return]


def maker(cls: type[T]) -> Callable[..., T]:
    """What makes a ``by_fields`` instance from its field values (declaration order) as fast as
    unpickling does: the class's rebuilder, or the class itself where it has none."""
    made: Callable[..., T] = getattr(cls, "_rebuild", cls)
    return made


def _is_slot(attribute: object) -> bool:
    return isinstance(attribute, types.MemberDescriptorType)


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
