"""Numerals written in digits: the digits of any script as ASCII, and what a numeral with marks
can mean (``1,000`` is a thousand in English and one in Spanish; ``10,00,000`` is ten lakh).
``aligner.numbers`` reads them with the words around them."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from aligner.langdata.table import NumberFormat

_GROUPING = frozenset(",. '’\u00a0\u202f\u2009\u066c")
_DECIMAL = frozenset(".,\u066b")


def ascii_digits(raw: str) -> str:
    """``raw`` with the digits of every script as ASCII digits (``٢٠١٩`` → ``2019``)."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in raw)


def readings(raw: str, fmt: NumberFormat) -> tuple[Decimal, ...]:
    """Values a digit numeral can mean with the language's marks, its own reading first;
    empty when no reading is consistent (``1.2.3``)."""
    if raw.isascii() and raw.isdigit():  # no marks: the common case, read at once
        return (Decimal(raw),)
    return _marked_readings(raw, fmt)


@functools.lru_cache(maxsize=4096)
def _marked_readings(raw: str, fmt: NumberFormat) -> tuple[Decimal, ...]:
    text = ascii_digits(raw)
    groups = re.split(r"\D", text)
    seps = re.findall(r"\D", text)
    if not seps:
        return (Decimal(text),)
    found: list[tuple[bool, Decimal]] = []  # (is the language's own reading, value)
    if _grouped(groups, seps):
        found.append((seps[0] in fmt.group_marks, Decimal("".join(groups))))
    if seps[-1] in _DECIMAL and (
        len(seps) == 1 or (_grouped(groups[:-1], seps[:-1]) and seps[0] != seps[-1])
    ):
        found.append((seps[-1] == fmt.decimal_mark, Decimal("".join(groups[:-1]) + "." + groups[-1])))
    found.sort(key=lambda item: not item[0])
    return tuple(dict.fromkeys(value for _own, value in found))


def _grouped(groups: Sequence[str], seps: Sequence[str]) -> bool:
    """Whether digit ``groups`` between ``seps`` are thousands groups: ``1,234,567``, or the
    Indian grouping by lakh and crore (``10,00,000`` is ten lakh, a million: it was read as 10)."""
    if len(set(seps)) != 1 or seps[0] not in _GROUPING:
        return False
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return True
    return (
        seps[0] == ","
        and len(groups) > 2
        and 1 <= len(groups[0]) <= 2
        and all(len(g) == 2 for g in groups[1:-1])
        and len(groups[-1]) == 3
    )
