"""T502 for a variant language without a table: its number and scale words are unknown."""

from __future__ import annotations

import pytest

from aligner.checks.numbers import _unread_words
from aligner.langdata import table
from aligner.numbercompare import compare
from aligner.numbers import extract_lines

REFERENCE = "Mallaby spent three years with him, and the lab cost $5 million in 2019."


@pytest.mark.parametrize(
    ("swahili", "faithful"),
    [
        ("Mallaby alitumia miaka mitatu naye, na maabara iligharimu dola milioni 5 mwaka 2019.", True),
        ("Mallaby alitumia miaka mitatu naye, na maabara iligharimu dola milioni 7 mwaka 2019.", False),
        ("Mallaby alitumia miaka mitatu naye, na maabara iligharimu dola milioni 5 mwaka 2020.", False),
    ],
)
def test_words_and_scales_of_a_language_without_a_table_are_not_misread(swahili: str, faithful: bool) -> None:
    # `three` and `5 million` were "missing" from every faithful chapter (6-7 false T502 per page),
    # and a real change gave the same finding as the faithful text
    assert table("sw") is None
    ref, found = extract_lines(REFERENCE, "en"), extract_lines(swahili, "sw")
    assert compare(ref, found).mismatch
    assert compare(*_unread_words(ref, found)).mismatch is not faithful
