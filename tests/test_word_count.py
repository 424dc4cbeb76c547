"""word_count (aligner.model) counts like its definition: whitespace tokens with a non-CJK
alphanumeric, plus half the CJK characters — with one regex pass, linear on long tokens."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.model import UNSPACED_CHARS, word_count

LANGUAGES = Path(__file__).parent / "data" / "languages"
ALPHABET = " \t\n\u3000\u00a0\x1c_-!.,aZ9é日本語ア한\u2e80\u0301ทยั\ufe8d\ufef5\ufeffＡ２ｶ"


def _unspaced(ch: str) -> bool:  # Thai, Lao, Myanmar, Khmer
    return "\u0e00" <= ch <= "\u0eff" or "\u1000" <= ch <= "\u109f" or "\u1780" <= ch <= "\u17ff"


def by_definition(text: str) -> int:
    # Arabic presentation forms are Arabic letters (U+FEFF, a zero-width no-break space, is none)
    text = "".join(
        unicodedata.normalize("NFKC", ch) if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc" else ch
        for ch in text
    )
    unspaced = sum(map(_unspaced, text))
    text = "".join(" " if _unspaced(ch) else ch for ch in text)
    latin = sum(1 for token in text.split() if any(ch.isalnum() and ch < "\u2e80" for ch in token))
    cjk = sum(1 for ch in text if ch.isalnum() and ch >= "\u2e80")
    return latin + (cjk + 1) // 2 + round(unspaced / UNSPACED_CHARS)


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


def test_thai_counts_about_as_many_words_as_the_english_it_renders() -> None:
    # each run between spaces was one word: a third of the English page, quality diluted threefold
    english = word_count((LANGUAGES / "en" / "hassabis.md").read_text(encoding="utf-8"))
    thai = word_count((LANGUAGES / "th" / "hassabis.md").read_text(encoding="utf-8"))
    assert 0.8 < thai / english < 1.3


def test_arabic_presentation_forms_are_arabic_words_not_cjk_characters() -> None:
    arabic = "أمضى سيباستيان مالابي ثلاث سنوات"
    presented = unicodedata.normalize("NFC", arabic).replace("ا", "\ufe8d").replace("ث", "\ufe99")
    assert presented != arabic
    assert word_count(presented) == word_count(arabic) == 5


def test_a_long_token_without_letters_is_scanned_once() -> None:
    start = time.perf_counter()
    assert word_count("!" * 1_000_000 + " a") == 1
    assert word_count(" a" + "!" * 1_000_000 + "日") == 1 + 1
    assert word_count(" _" + "!" * 1_000_000 + "a ") == 1
    assert time.perf_counter() - start < 1.0  # quadratic scanning would take minutes


def test_a_zero_width_no_break_space_folds_nothing() -> None:
    # U+FEFF sat in the presentation-forms range: one stray byte-order mark NFKC-folded the whole
    # text, full-width letters and digits included (17 words became 7)
    text = "哈萨比斯（Ｄｅｍｉｓ Ｈａｓｓａｂｉｓ）在２０１０年创立了ＤｅｅｐＭｉｎｄ。"
    assert word_count(text + "\ufeff") == word_count(text)
