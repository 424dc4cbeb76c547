"""Names found by sound in another script (``TermIndex``): an ordinary word is no name, a Korean
particle is no part of one (found by exploratory QA of Russian, Ukrainian, Greek and Korean pages)."""

from __future__ import annotations

import pytest

from aligner.terms import Term, TermIndex, _names


def _keeps(text: str, *forms: str) -> bool:
    return TermIndex.of([text]).keeps(Term(forms[0], "name", forms))


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("В том же году он ушёл.", "God"),  # `году`, "year"
        ("Но сама гонка? Это другое.", "Sam"),  # `сама`, "herself"
        ("сценарий истинно плохой", "US-China"),
        ("στον δρόμο μιας ζωής", "Mars"),
        ("στον δρόμο", "US-China"),  # two names joined: never one word of an alphabet
    ],
)
def test_an_ordinary_word_that_sounds_like_a_name_is_not_it(text: str, form: str) -> None:
    assert not _keeps(text, form)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Илон Маск сказал", "Musk"),
        ("Ο Χίντον είπε", "Hinton"),
        ("알파고가 이겼다", "AlphaGo"),  # 알파고 + the subject particle
        ("알파고의 대국", "AlphaGo"),  # + the possessive
        ("샘은 말했다", "Sam"),
    ],
)
def test_a_transliterated_name_is_found(text: str, form: str) -> None:
    assert _keeps(text, form)


def test_a_sentence_opening_word_before_a_name_is_no_part_of_it() -> None:
    assert _names("There is a silence. Then Elon says: Mm.", "en") == ("Elon",)


def test_a_korean_or_japanese_given_name_of_two_characters_counts_alone() -> None:
    """`일론` (Elon) is two hangul syllables, as long as `Elon`: it was dropped as too short, and
    every chapter naming Elon Musk by his given name 'lacked' him."""
    from aligner.mentions import name_forms

    assert "일론" in name_forms("일론 머스크", True) and "ヤン" in name_forms("ヤン・ルカン", True)
    assert "샘" not in name_forms("샘 올트먼", True)  # one syllable: too short to count alone


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "谷歌的管理层从未给予这种监督。"),
        ("ja", "グーグルの経営陣はその監督を与えなかった。"),
        ("ko", "구글 경영진은"),
    ],
)
def test_a_name_rendered_by_meaning_or_a_fixed_form_is_kept(lang: str, text: str) -> None:
    """`谷歌` is Google to every Chinese reader, `グーグル` to a Japanese one, though neither sounds
    enough like it: three Chinese chapters 'lacked' Google (found by QA of a zh-CN translation)."""
    from aligner.terms import _glossary_forms

    forms = ("Google", *_glossary_forms(None, "Google", "en", lang))
    assert _keeps(text, *forms)
    assert not _keeps(text, "Google")
