"""The shortcuts of the damage and untranslated detectors are exact, not approximations.

* ``aligner.textdamage`` skips ftfy's badness pattern (and ftfy) on texts without any of the
  characters in ``_MOJIBAKE_SIGNS``: proved here by reading the installed ftfy's pattern.
* ``aligner.untranslated`` skips chrF when a unigram upper bound is below the threshold: checked
  here against sacrebleu on real and synthetic pairs.
* Both memoize: callers get a fresh list each time.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parser  # type: ignore[import-not-found]

import ftfy
import pytest
from ftfy.badness import BADNESS_RE

from aligner import textdamage, untranslated


def _characters(op: object, av: object) -> set[str] | None:
    """The characters one regex item accepts, when it is a literal or a plain character class."""
    if op is sre_constants.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is not sre_constants.IN:
        return None
    chars: set[str] = set()
    for item_op, item_av in av:  # type: ignore[attr-defined]
        if item_op is sre_constants.LITERAL:
            chars.add(chr(item_av))
        elif item_op is sre_constants.RANGE:
            chars.update(chr(code) for code in range(item_av[0], item_av[1] + 1))
        else:  # negated classes, categories (\s, \w): not a fixed set
            return None
    return chars


def _alternatives() -> list[list[tuple[object, object]]]:
    parsed = sre_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    items = list(parsed.data)
    if len(items) == 1 and items[0][0] is sre_constants.BRANCH:
        return [list(branch.data) for branch in items[0][1][1]]
    return [items]


def test_every_badness_alternative_needs_a_mojibake_sign() -> None:
    """Each top-level alternative of BADNESS_RE has a mandatory position (a literal or a character
    class at the top level of the alternative, so matched exactly once) whose characters are all
    in ``_MOJIBAKE_SIGNS``: a text without those characters cannot match."""
    assert not BADNESS_RE.flags & re.IGNORECASE  # each literal stands for itself only
    alternatives = _alternatives()
    assert len(alternatives) > 10
    for number, alternative in enumerate(alternatives):
        positions = [chars for op, av in alternative if (chars := _characters(op, av)) is not None]
        assert any(all(textdamage._MOJIBAKE_SIGNS.fullmatch(ch) for ch in chars) for chars in positions), (
            f"BADNESS_RE alternative {number} can match without a character of _MOJIBAKE_SIGNS"
        )


@pytest.mark.parametrize(
    "text",
    ["plain ascii", "café y más ¿por qué?", "ワールドモデル「世界」", "中文“引号”", "a\x81b", "x\ufffdy"],
)
def test_fix_encoding_leaves_text_without_badness_alone(text: str) -> None:
    if BADNESS_RE.search(text) is None:
        assert ftfy.fix_encoding(text) == text
    assert textdamage.may_be_mojibake(text) == (BADNESS_RE.search(text) is not None)


def test_results_are_fresh_lists() -> None:
    text = "Ã©t\ufffd <b>x</b>"
    first = textdamage.encoding_damage(text)
    first.clear()
    assert textdamage.encoding_damage(text)
    markup = textdamage.markup_leftovers(text)
    markup.clear()
    assert textdamage.markup_leftovers(text)


_PAIRS = [
    ("", "reference"),
    ("same text here, long enough to count", "same text here, long enough to count"),
    ("a copy with three words changed in it", "a copy with four words unchanged in it"),
    (
        "ヤンは2013年末にFacebookに入社し、FAIR所長を務めた",
        "Yann joined Facebook at the end of 2013 to run FAIR",
    ),
    ("Yann se incorporó a Facebook a finales de 2013", "Yann joined Facebook at the end of 2013"),
    ("abc", "abcdefgh"),
    ("x" * 3000, "x" * 2500),
    ("  \u3000 spaced\xa0out text  ", "spaced out text"),
]


@pytest.mark.parametrize(("text", "reference"), _PAIRS)
def test_chrf_bound_is_an_upper_bound(text: str, reference: str) -> None:
    assert untranslated.chrf_upper_bound(text, reference) + 1e-9 >= untranslated._chrf_score(text, reference)


@pytest.mark.parametrize(("text", "reference"), _PAIRS)
@pytest.mark.parametrize("threshold", [0.0, 10.0, 35.0, 70.0, 99.0, 100.0])
def test_identical_score_agrees_with_similarity(text: str, reference: str, threshold: float) -> None:
    score = untranslated.similarity(text, reference)
    expected = score if score >= threshold else None
    assert untranslated.identical_score(text, reference, threshold) == expected


@pytest.mark.parametrize(
    "text", ["", "abc 123", "ヤンは2013年", "²½Ⅻ_é", "Ñandú!", "1" * 90 + "a" * 20, "- " * 50 + "word " * 9]
)
def test_letters_counts_alphabetic_characters(text: str) -> None:
    count = sum(ch.isalpha() for ch in text)
    assert untranslated.letters(text) == count
    for minimum in (1, 8, 20, 45):
        assert untranslated.has_letters(text, minimum) == (count >= minimum)


def test_mojibake_sign_class_is_a_character_class() -> None:
    assert re.fullmatch(r"\[.*\]", textdamage._MOJIBAKE_SIGNS.pattern, re.DOTALL)
