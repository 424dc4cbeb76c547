"""Which characters a regular expression's matches may end with, read from its parse tree.

``aligner.langdata`` screens a line with it before searching it for a relative date: almost no
line ends with one of the few characters a date of any table ends with.
"""

from __future__ import annotations

import re._constants as re_constants
import re._parser as re_parser

MAX_CLASS_RANGE = 512  # a wider character range in a class counts as "any character"
_ZERO_WIDTH = frozenset({re_constants.AT, re_constants.ASSERT, re_constants.ASSERT_NOT})

_Last = tuple[set[str] | None, bool]  # (possible last characters, None for any; may match empty)


def last_chars(pattern: str) -> set[str] | None:
    """The characters a non-empty match of ``pattern`` may end with, as written (a caller matching
    case-insensitively folds them); None when it may end with any character (``.``, ``\\w``, a
    negated class) or the pattern uses what this reading does not follow (back references)."""
    found, _empty = _sequence(list(re_parser.parse(pattern).data))
    return found


def _sequence(items: list[tuple[object, object]]) -> _Last:
    """``last_chars`` of a parsed sequence: its last item's, and the one's before while they may
    match empty."""
    last: set[str] = set()
    for op, value in reversed(items):
        if op in _ZERO_WIDTH:
            continue
        chars, empty = _item(op, value)
        if chars is None:
            return None, False
        last |= chars
        if not empty:
            return last, False
    return last, True


def _item(op: object, value: object) -> _Last:
    if op == re_constants.LITERAL:
        return {chr(value)}, False  # type: ignore[arg-type]
    if op == re_constants.IN:
        return _class(value), False  # type: ignore[arg-type]
    if op == re_constants.SUBPATTERN:
        return _sequence(list(value[-1]))  # type: ignore[index]
    if op == re_constants.BRANCH:
        chars: set[str] = set()
        empty = False
        for branch in value[1]:  # type: ignore[index]
            found, branch_empty = _sequence(list(branch))
            if found is None:
                return None, False
            chars |= found
            empty = empty or branch_empty
        return chars, empty
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        low, _high, item = value  # type: ignore[misc]
        found, item_empty = _sequence(list(item))
        return found, item_empty or low == 0
    return None, False  # any character, a back reference…


def _class(items: list[tuple[object, object]]) -> set[str] | None:
    chars: set[str] = set()
    for op, value in items:
        if op == re_constants.LITERAL:
            chars.add(chr(value))  # type: ignore[arg-type]
        elif op == re_constants.RANGE and value[1] - value[0] <= MAX_CLASS_RANGE:  # type: ignore[index,operator]
            chars.update(map(chr, range(value[0], value[1] + 1)))  # type: ignore[index,operator]
        else:  # a negated class, a category (\\w), a wide range
            return None
    return chars
