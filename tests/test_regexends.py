"""``aligner.regexends.last_chars``: every match of a pattern ends with one of its characters."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.langdata import TABLES
from aligner.regexends import last_chars

PATTERNS = [
    r"\d+ (?:days?|hours?) ago",
    r"hace \d+ (?:días|horas?)",
    r"a(?:b|c)?",
    r"x[a-c]+(?!y)",
    r"(?:un|\d+) (?:jour|mois)s?",
    *(table.relative_date for table in TABLES.values()),
]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_match_ends_with_one_of_the_characters(pattern: str, data: st.DataObject) -> None:
    match = data.draw(st.from_regex(re.compile(pattern), fullmatch=True))
    found = last_chars(pattern)
    assert found is not None and match[-1] in found


@pytest.mark.parametrize("pattern", [r"\w+", r"a.", r"[^x]", r"(a)\1", r"(?:foo|ba.)"])
def test_any_character_is_none(pattern: str) -> None:
    assert last_chars(pattern) is None
