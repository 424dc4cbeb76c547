"""``aligner.misspelled``: a surname a chapter lacks, next to a word spelled nearly like it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.glossary import fold
from aligner.misspelled import alphabet_surname, misspelling, spelled_in, suffixed_misspelling, surname
from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests.translations import edit_body, with_source

LANGUAGES = Path(__file__).parent / "data" / "languages"


def _misspelled(name: str, chapter: str, known: frozenset[str] = frozenset()) -> str | None:
    last = surname(name)
    assert last is not None
    return misspelling(last, fold(chapter), chapter, lambda: known)


@pytest.mark.parametrize(
    ("name", "chapter", "word"),
    [
        ("Reid Hoffman", "Lalu Reid Hofman menjanjikan satu miliar dolar.", "Hofman"),
        ("Demis Hassabis", "Demis Hasabis menginginkan pengawasan.", "Hasabis"),
        ("Rishi Sunak", "Perdana Menteri Rishi Sunal berbicara.", "Sunal"),
        ("Ilya Sutskever", "Ilya Sutskevar meninggalkan OpenAI.", "Sutskevar"),
        ("Geoffrey Hinton", "ヤンはHintnの話をした。", "Hintn"),
    ],
)
def test_a_surname_spelled_nearly_is_a_misspelling(name: str, chapter: str, word: str) -> None:
    assert _misspelled(name, chapter) == word


@pytest.mark.parametrize(
    ("name", "chapter"),
    [
        ("Reid Hoffman", "Reid Hoffman pledged a billion."),  # spelled right
        ("Reid Hoffman", "Pieniądze od Reida Hoffmana."),  # Polish: an inflected form starts with it
        ("Demis Hassabis", "Hassabis'in planı."),  # Turkish suffix
        ("Demis Hassabis", "Demis wanted oversight."),  # the given name alone: T503's rule, no misspelling
        ("Yoshua Bengio", "ヤン・ルカンとベンジオ。"),  # a transliteration: no Latin word to judge
        ("Venture Startups", "Startup dan Start-upy."),  # a prefix of the surname, a compound
        ("Sam Altman", "Sam Alpman and Sam Altmann"),  # the surname is there (Altmann holds it)
    ],
)
def test_no_misspelling(name: str, chapter: str) -> None:
    assert _misspelled(name, chapter) is None


def test_a_word_the_episode_really_has_is_no_misspelling() -> None:
    """A word of the reference chapter or of the variant's entity list is a name of its own."""
    chapter = "Geoffrey Hintom hablaba con Yann."
    assert _misspelled("Geoffrey Hinton", chapter) == "Hintom"
    assert _misspelled("Geoffrey Hinton", chapter, known=frozenset({"hintom"})) is None
    assert _misspelled("Geoffrey Hinton", "Geoffrey Hilton") is None  # another start: another name


def test_a_short_surname_is_never_judged() -> None:
    assert surname("Elon Musk") is None and surname("Andrew Ng") is None  # too near too many words
    assert surname("Sam Bankman-Fried") is None  # a hyphenated surname is not judged either


def test_known_words_are_built_only_for_a_word_nearly_the_surname() -> None:
    asked: list[int] = []

    def known() -> frozenset[str]:
        asked.append(1)
        return frozenset()

    assert misspelling("hoffman", fold("Reid Hoffman"), "Reid Hoffman", known) is None
    assert misspelling("hoffman", fold("nothing like it"), "nothing like it", known) is None
    assert asked == []


def test_a_katakana_surname_spelled_nearly_is_a_misspelling() -> None:
    from aligner.misspelled import kana_misspelling, kana_surname

    assert kana_surname("デミス・ハサビス") == "ハサビス" and kana_surname("ハサビス") is None
    assert kana_misspelling("ハサビス", "デミス・ハサピスは語った。", lambda: frozenset()) == "ハサピス"
    assert kana_misspelling("ホフマン", "リード・ホフマソが出資した。", lambda: frozenset()) == "ホフマソ"
    assert kana_misspelling("ハサビス", "ハサビスは語った。", lambda: frozenset()) is None
    assert kana_misspelling("ハサビス", "ハサミで切った。", lambda: frozenset()) is None  # scissors


def _ja_pair(tmp_path: Path, edit: Callable[[str], str]) -> list[str]:
    pages = tmp_path / "pages"
    for locale in ("en", "ja"):
        shutil.copytree(LANGUAGES / locale, pages / locale)
    page = pages / "ja" / "hassabis.md"
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    return [f.message for f in check_paths([str(pages)], Settings()).findings if f.code == "T503"]


def test_a_japanese_chapter_that_misspells_a_name_the_page_spells_right_is_reported(tmp_path: Path) -> None:
    """`ハサピス` for `ハサビス` in one chapter passed: misspelled names were judged in Latin only."""

    def chapter(text: str) -> str:
        start = text.index("## [00:00]")
        end = text.index("\n## ", start + 5)
        return text[:start] + text[start:end].replace("ハサビス", "ハサピス") + text[end:]

    assert any("(has `ハサピス`)" in message for message in _ja_pair(tmp_path / "a", chapter))

    def entity_list(text: str) -> str:
        start = text.index("**デミス・ハサビス**")
        return text[:start] + text[start:].replace("ハサビス", "ハサピス", 1)

    # the list is the odd one out: the chapters that spell the name right are not misspelled
    assert not any("ハサ" in message for message in _ja_pair(tmp_path / "b", entity_list))


@pytest.mark.parametrize(
    ("chapter", "word"),
    [
        ("Ο Χασάπης είπε ότι ήταν αναπόφευκτο.", "Χασάπης"),  # a letter dropped
        ("Η άποψη του Χασάμπι ήταν σαφής.", "Χασάμπι"),  # the genitive, one letter off
        ("Η άποψη του Χασάμπη ήταν σαφής.", None),  # the genitive: the surname but its final ς
        ("Ο Χασαμπής είπε.", None),  # the stress moved
        ("Οι Χασάμπηδες της ιστορίας.", None),
        ("Ο Ντέμης είπε.", None),
    ],
)
def test_a_greek_surname_in_any_case_and_stress_is_no_misspelling(chapter: str, word: str | None) -> None:
    """Greek names lose their final `ς` in the genitive and accusative and move their stress; a
    Greek misspelling passed (judged in Latin, katakana, Cyrillic and Hangul only)."""
    last = alphabet_surname("Ντέμης Χασάμπης")
    assert last == "Χασάμπης"
    assert suffixed_misspelling(last, chapter, lambda: frozenset()) == word
    assert spelled_in(last, "η άποψη του Χασάμπη") and not spelled_in(last, "η άποψη του Χασάπη")


def test_a_greek_chapter_that_misspells_a_name_the_page_declines_is_reported(tmp_path: Path) -> None:
    """The el page writes `Χασάμπη` (genitive, accusative) ten times and `Χασάμπης` only in its
    entity list: the surname was taken for one the text never spells."""
    edit_body(with_source(tmp_path, "el"), "02:04", lambda line: f"{line} Ο Χασάπης το είπε.")
    messages = [f.message for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "T503"]
    assert messages == ["Chapter `[02:04]` lacks `Demis Hassabis` in `el` (has `Χασάπης`)"]
