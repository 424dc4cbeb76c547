"""``json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)``, streamed and faster.

With ``indent`` the standard library encodes in pure Python through a chain of generators, one
``yield`` per token per nesting level: most of the report stage of a large run. Here a record of
scalars (a report row) is encoded by ``json``'s C encoder, any other value by one recursive
function into a list of strings (strings escaped by the C ``encode_basestring``), and a section
given as an iterator is encoded record by record, so the rows of a large run never exist all at
once as dictionaries. The bytes are the same as ``json.dumps`` (``tests/test_report_jsonstream.py``
holds it to that).
"""

from __future__ import annotations

import functools
import json.encoder
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

INDENT = "  "
_string = json.encoder.encode_basestring  # the C version when available, as json.dumps uses


class Encoded:
    """A list whose items are encoded already (at their nesting level); one string may hold
    several items joined by the list's item separator (``,`` + newline + indentation)."""

    def __init__(self, items: Iterable[str]) -> None:
        self.items = items


def stream_document(document: Mapping[str, Any]) -> Iterator[str]:
    """The document's JSON in pieces; a value that is an ``Iterator`` is encoded as a list,
    item by item, as it is consumed; an ``Encoded`` one is a list of its items as they are."""
    if not document:
        yield "{}"
        return
    separator = "{\n" + INDENT
    for key, value in document.items():
        yield separator + _key(key) + ": "
        separator = ",\n" + INDENT
        if isinstance(value, Encoded):
            yield from _stream_list(iter(value.items), 1, encoded=True)
        elif isinstance(value, Iterator):
            yield from _stream_list(value, 1)
        else:
            yield encode(value, 1)
    yield "\n}"


def encode(value: Any, level: int = 0) -> str:
    """``value`` as JSON, indented as if nested ``level`` deep."""
    if type(value) is dict and value and _FLAT.issuperset(map(type, value.values())):
        flat = _flat_encoder(level)
        if flat is not None:
            return "{\n" + INDENT * (level + 1) + "".join(flat(value, 0))[1:-1] + "\n" + INDENT * level + "}"
    out: list[str] = []
    _encode(value, level, out)
    return "".join(out)


@functools.cache
def _flat_encoder(level: int) -> Callable[[dict[Any, Any], int], Sequence[str]] | None:
    """``json``'s C encoder for a non-empty dictionary of exact scalars (a report row) nested
    ``level`` deep, or None without the C accelerator. Without ``indent`` ``json`` encodes in C
    with any item separator, and a row's only line breaks are between its items: a separator
    holding the newline and indentation leaves just the braces to place. Made once (``json.dumps``
    would make one per call, which costs as much as the row)."""
    if json.encoder.c_make_encoder is None:  # pragma: no cover - CPython has it
        return None
    separator = ",\n" + INDENT * (level + 1)
    return json.encoder.c_make_encoder(
        None, _not_serializable, _string, None, ": ", separator, False, False, False
    )


def _not_serializable(value: Any) -> Any:  # pragma: no cover - only exact scalars reach the encoder
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _stream_list(items: Iterator[Any], level: int, encoded: bool = False) -> Iterator[str]:
    inner = "\n" + INDENT * (level + 1)
    separator = "[" + inner
    for item in items:
        yield separator + (item if encoded else encode(item, level + 1))
        separator = "," + inner
    yield "[]" if separator.startswith("[") else "\n" + INDENT * level + "]"


def _encode(value: Any, level: int, out: list[str]) -> None:
    scalar = _SCALARS.get(type(value))  # exact types only: subclasses take the general path
    if scalar is not None:
        out.append(scalar(value))
        return
    # The order of the tests is json.encoder's: a bool is an int, a str subclass is a str.
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + INDENT * (level + 1)
        out.append("[" + inner)
        for index, item in enumerate(value):
            if index:
                out.append("," + inner)
            _encode(item, level + 1, out)
        out.append("\n" + INDENT * level + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + INDENT * (level + 1)
        separator = "{" + inner
        for key, item in value.items():
            name = _KEYS.get(key) if type(key) is str else None  # a column name: escaped already
            if name is None:
                name = _key(key)
            scalar = _SCALARS.get(type(item))
            if scalar is not None:  # most values of a record: one piece, no call
                out.append(separator + name + ": " + scalar(item))
            else:
                out.append(separator + name + ": ")
                _encode(item, level + 1, out)
            separator = "," + inner
        out.append("\n" + INDENT * level + "}")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A dictionary key as json.dumps writes it (keys are strings in JSON)."""
    if type(key) is str:  # the column names of every record: escaped once
        cached = _KEYS.get(key)
        if cached is None:
            cached = _string(key)
            if len(_KEYS) < MAX_CACHED_KEYS:
                _KEYS[key] = cached
        return cached
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        return _string(_float(key))
    if key is True or key is False or key is None:
        return _string(json.dumps(key))
    if isinstance(key, int):
        return _string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


_FLAT = frozenset({str, int, float, bool, type(None)})  # exact types: subclasses take _encode
MAX_CACHED_KEYS = 4096
_KEYS: dict[str, str] = {}
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _string,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "null",
}
