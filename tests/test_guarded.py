"""``aligner.guarded``: a guarded pattern finds exactly the match its full regex finds (issue 6),
and compiles nothing for a text that lacks one of its pieces."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import glossary, mentions, terms
from aligner.guarded import (
    COMPILE_AFTER,
    LATIN_CHAR,
    LATIN_EDGE,
    PLURAL,
    BoundedWords,
    GuardedPattern,
    guarded,
    latin_words,
)

# Texts made of the pieces terms are built from, the characters at their boundaries (ASCII and
# Latin-extended letters, digits, the plural endings) and the gaps between words.
_PIECES = ["ai", "model", "world", "yann", "lecun", "e", "s", "es", " ", "-", "‐", "\n", "é", "ø", "ł", "ɏ"]
_PIECES += ["À", "×", "0", "9", "x", "_", "ß", "・", "ワ", "ー", "ル", "ド", "Ɐ", "ɐ"]
_ALPHABET = st.sampled_from(_PIECES)
_TEXTS = st.lists(_ALPHABET, max_size=14).map("".join)
_TERMS = st.sampled_from(
    ["AI", "World Model", "world-models", "Yann LeCun", "lecun", "ワールド", "ø model", "9"]
)
_FORMS = st.sampled_from(["ai", "model", "yann lecun", "ø", "world", "e"])


def _full(pattern: GuardedPattern | None) -> re.Pattern[str] | None:
    return None if pattern is None else re.compile(pattern.source)


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def _answers(pattern: GuardedPattern, text: str) -> tuple[tuple[int, int] | None, bool, bool]:
    """The match span, and ``found`` walked in Python and compiled (for a ``BoundedWords``)."""
    walked = compiled = pattern.found(text)
    if isinstance(pattern, BoundedWords):
        fresh = BoundedWords(
            pattern.source, pattern.words, pattern.endings, pattern.gap, pattern.boundary, None, ""
        )
        walked = fresh.found(text)
        fresh._asked = COMPILE_AFTER  # from now on: the compiled regex
        compiled = fresh.found(text)
    return _span(pattern.search(text)), walked, compiled


def _expected(full: re.Pattern[str], text: str) -> tuple[tuple[int, int] | None, bool, bool]:
    match = full.search(text)
    return _span(match), match is not None, match is not None


@settings(max_examples=400, deadline=None)
@given(term=_TERMS, text=_TEXTS)
def test_term_patterns_find_the_full_regex_match(term: str, text: str) -> None:
    pattern = glossary.term_pattern(term)
    full = _full(pattern)
    assert pattern is not None and full is not None
    assert _answers(pattern, text) == _expected(full, text)


@settings(max_examples=400, deadline=None)
@given(form=_FORMS, text=_TEXTS)
def test_name_patterns_find_the_full_regex_match(form: str, text: str) -> None:
    pattern = mentions._latin_pattern(form)
    assert _answers(pattern, text) == _expected(re.compile(pattern.source), text)
    # the source is the historical look-behind-after pattern, boundaries spelled with Latin letters
    assert (
        pattern.source == rf"{re.escape(form)}(?<![{LATIN_CHAR}]{re.escape(form)})(?:e?s)?(?![{LATIN_CHAR}])"
    )


@given(
    acronym=st.sampled_from(["AI", "LLM", "US"]),
    text=st.lists(st.sampled_from(["AI", "LLM", "US", "s", "x", " ", "9", "é"]), max_size=10).map("".join),
)
def test_acronym_patterns_find_the_full_regex_match(acronym: str, text: str) -> None:
    pattern = terms._acronym_pattern(acronym)
    assert _answers(pattern, text) == _expected(re.compile(pattern.source), text)


def test_an_edge_letter_next_to_a_fast_match_lets_the_full_pattern_decide() -> None:
    pattern = latin_words(("ai",), (PLURAL,))
    # The twin's first match touches an edge letter on the right ("aisø": the plural then ø);
    # the full pattern finds no match there but one later.
    assert _span(pattern.search("aisø ai")) == (5, 7)
    assert _span(pattern.search("øai")) is None  # an edge letter before the word
    assert _span(pattern.search("ai")) == (0, 2)
    assert pattern.found("aisø ai") and not pattern.found("øai") and not pattern.found("aisø aiø")
    assert set(LATIN_EDGE) == {chr(c) for c in range(0xC0, 0x250)}


def test_nothing_is_compiled_for_a_text_that_lacks_a_piece() -> None:
    pattern = GuardedPattern(r"abc(?:d)?", ("abc",))
    assert pattern.search("xyz") is None
    assert pattern._compiled is None  # never compiled
    assert _span(pattern.search("xxabcd")) == (2, 6)
    assert pattern._compiled is not None


def test_guarded_patterns_are_shared() -> None:
    assert guarded("a+", ("a",)) is guarded("a+", ("a",))
    assert glossary.term_pattern("  ") is None


_CASES = [
    "modeles",
    "models",
    "modelss",
    "model",
    "world model",
    "world  -‐ model",
    "world\nmodels",
    "worldmodel",
]
_CASES += [
    "world modelesx",
    "world-model",
    "world - modeles",
    "yann lecun",
    "yann  lecunes",
    "yann-lecuns",
    "øai",
]
_CASES += ["aies", "aiesx", "ai9", "ai ai", "xai ai", "world ·model", "ÀWorld Model", "world modelß", "9 9s"]


@pytest.mark.parametrize("text", [*_CASES, *(c.upper() for c in _CASES)])
@pytest.mark.parametrize("term", ["world model", "model", "yann lecun", "ai", "9", "ø"])
def test_words_endings_gaps_and_boundaries_as_the_regex_reads_them(term: str, text: str) -> None:
    pattern = glossary.term_pattern(term)
    assert pattern is not None
    assert _answers(pattern, text) == _expected(re.compile(pattern.source), text)
    name = mentions._latin_pattern(term)
    assert _answers(name, text) == _expected(re.compile(name.source), text)
