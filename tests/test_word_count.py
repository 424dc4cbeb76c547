"""word_count (aligner.model) counts like its definition: whitespace tokens with a non-CJK
alphanumeric, plus half the CJK characters — with one regex pass, linear on long tokens."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.model import word_count

ALPHABET = " \t\n\u3000\u00a0\x1c_-!.,aZ9é日本語ア한\u2e80\u0301"


def by_definition(text: str) -> int:
    latin = sum(1 for token in text.split() if any(ch.isalnum() and ch < "\u2e80" for ch in token))
    cjk = sum(1 for ch in text if ch.isalnum() and ch >= "\u2e80")
    return latin + (cjk + 1) // 2


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_word_count_matches_its_definition(text: str) -> None:
    assert word_count(text) == by_definition(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET.replace("日本語ア한\u2e80", "") + "\u2028\x85·—", max_size=40))
def test_word_count_without_cjk_matches_its_definition(text: str) -> None:
    """Below U+2E80 the tokens are counted by ``str.split`` less the tokens without alphanumerics."""
    assert word_count(text) == by_definition(text)


def test_word_count_of_mixed_text() -> None:
    assert word_count("Yann LeCun — 世界モデル, 2027.") == 3 + 3  # Yann, LeCun, 2027.; 5 CJK → 3


def test_a_long_token_without_letters_is_scanned_once() -> None:
    start = time.perf_counter()
    assert word_count("!" * 1_000_000 + " a") == 1
    assert word_count(" a" + "!" * 1_000_000 + "日") == 1 + 1
    assert word_count(" _" + "!" * 1_000_000 + "a ") == 1
    assert time.perf_counter() - start < 1.0  # quadratic scanning would take minutes
