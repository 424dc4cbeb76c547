"""``aligner.terms.TermIndex``: where a variant's text uses a reference term (T503 asks it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aligner.glossary import fold
from aligner.langdata import TABLES
from aligner.mentions import MentionIndex, name_forms
from aligner.names import normalize_name
from aligner.pipeline import check_paths
from aligner.renderings import keeps_inflected, page_aliases
from aligner.settings import Settings
from aligner.terms import Term, TermIndex

LANGUAGES = Path(__file__).parent / "data" / "languages"


@pytest.mark.parametrize(
    ("text", "uses"),
    [
        ("o governo dos EUA e o US Senate", True),
        ("US, Canada", True),
        ("the USA", False),  # a longer word
        ("USs are plural", True),  # a plural s is allowed
        # Brazilian (and Hong Kong, Australian…) currency notation is an amount, not a use of `US`:
        # a pt-BR chapter that writes `EUA` was "lacking `US`" because another wrote `US$ 5 milhões`
        ("um cheque de US$ 5 milhões", False),
        ("US$5", False),
        ("A$ 10 from the US", True),  # the other dollar is not this one
    ],
)
def test_an_acronym_is_used_as_a_word_not_as_a_currency_sign(text: str, uses: bool) -> None:
    assert TermIndex.of([text]).has("US") is uses


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("मैलाबी ने कहा कि हसाबिस", "Mallaby"),  # Devanagari: a vowel sign cut the name into `म ल ब`
        ("मैलाबी ने कहा", "सेबेस्टियन मैलाबी"),  # the paired name's surname alone (a form of it)
        ("ตามที่มัลลาบี เล่า", "มัลลาบี"),  # Thai: no spaces, the name inside a run
        ("قال مالابي إن", "Mallaby"),  # Arabic
        ("אמר מלאבי", "Mallaby"),  # Hebrew
        ("Işık hızı sabittir", "ışık hızı"),  # Turkish: `I` folds to `i`, and so does `ı`
    ],
)
def test_a_name_is_found_in_the_scripts_that_write_it_by_sound(text: str, form: str) -> None:
    index = TermIndex.of([text])
    forms = (form, *name_forms(form, True)) if " " in form and not form.isascii() else (form,)
    assert any(index.has(f) for f in forms)


def test_a_name_of_several_words_is_not_one_word_of_an_alphabet() -> None:
    # `Nobel Prize` ~ `небольшой`: compared whole, a two-word name met ordinary words
    assert not TermIndex.of(["مالابي"]).has("Sebastian Mallaby")
    assert TermIndex.of(["مالابي"]).has("Mallaby")


def test_a_name_glossed_in_brackets_is_the_name_wherever_the_page_uses_its_rendering(tmp_path: Path) -> None:
    # The zh-TW page introduces `塞巴斯蒂安·馬拉比（Sebastian Mallaby）` and then says `馬拉比`; its entity
    # list keeps the Latin name. Every chapter "lacked `Sebastian Mallaby`" (T503 x11).
    glossed = ["塞巴斯蒂安·馬拉比（Sebastian Mallaby）花了三年", "เซบาสเตียน มัลลาบี (Sebastian Mallaby) ใช้"]
    assert page_aliases(glossed) == {
        "sebastian mallaby": ("塞巴斯蒂安·馬拉比", "馬拉比", "เซบาสเตียน มัลลาบี", "มัลลาบี")
    }
    assert page_aliases(["the lab (DeepMind) and Meta (FAIR)"]) == {}  # Latin before: no rendering
    # only the names asked about; Japanese is read by sound (kanji would load pykakasi's dictionary)
    assert page_aliases(glossed, {"demis hassabis"}) == {}
    assert page_aliases(["ヤン・ルカン（Yann LeCun）は語る"]) == {}
    # words that are no rendering of the name: "of the lab (DeepMind)", "his colleague (Demis Hassabis)"
    assert page_aliases(["основателями лаборатории (DeepMind)", "его коллега (Demis Hassabis)"]) == {}
    for locale in ("en", "zh-TW"):
        shutil.copytree(LANGUAGES / locale, tmp_path / locale)
    found = [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "T503"]
    assert [f.message for f in found if "Mallaby" in f.message] == []


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("Mallaby opowiada o rozmowach z Hassabisem i Samem Altmanem", "Sam Altman", True),
        ("pieniądze od Reida Hoffmana", "Reid Hoffman", True),
        ("według Hassabisa", "Demis Hassabis", True),
        ("według Hassabisowskiego planu", "Demis Hassabis", False),  # another word, not an ending
        ("rozmowa o Metalu", "Meta", False),
        ("Firma sama w sobie nic nie znaczy", "Sam Altman", False),  # `sama` ("itself") is no Sam
        ("Oni sami to zbudowali", "Sam Altman", False),
        ("Hoffman dał pieniądze", "Reid Hoffman", True),  # as written: no ending needed
    ],
)
def test_a_name_polish_declines_is_still_the_name(text: str, name: str, kept: bool) -> None:
    # Polish `Hassabisa`, `Altmanem`: 3 false T503 on the faithful Polish page (and 2 E306)
    endings = tuple(fold(e) for e in TABLES["pl"].name_endings)
    term = Term(name, "entity", (name, *name_forms(name, True)))
    index = TermIndex.of([text])
    assert (index.keeps(term) or keeps_inflected(index, term, endings)) is kept
    assert (
        MentionIndex.of([text]).mentions(name, True)
        or MentionIndex.of([text]).mentions_inflected(
            name, True, tuple(normalize_name(e) for e in TABLES["pl"].name_endings)
        )
    ) is kept


def test_a_chapter_in_another_language_does_not_make_the_variant_use_its_terms(tmp_path: Path) -> None:
    # The Hebrew body of [23:46] on the Arabic page writes `AI`: the Arabic chapters rightly writing
    # `الذكاء الاصطناعي` "lacked `AI`" five times (it is L402's chapter)
    for locale in ("en", "ar"):
        shutil.copytree(LANGUAGES / locale, tmp_path / locale)
    arabic = (tmp_path / "ar" / "hassabis.md").read_text(encoding="utf-8")
    hebrew = (LANGUAGES / "he" / "hassabis.md").read_text(encoding="utf-8")

    def body(text: str) -> str:
        return text.split("## [23:46]", 1)[1].split("\n", 1)[1].split("\n>", 1)[0]

    (tmp_path / "ar" / "hassabis.md").write_text(arabic.replace(body(arabic), body(hebrew)), encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    assert [(f.code, f.chapter_ts) for f in findings if f.code == "L402"] == [("L402", "23:46")]
    assert [f.message for f in findings if f.code == "T503"] == []
