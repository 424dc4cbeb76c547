"""Tests for aligner.langdata: the per-language tables and the helpers that search them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aligner import langdata
from aligner.langdata import (
    CANONICAL_TYPES,
    SCRIPTS,
    TABLES,
    canonical_type,
    is_entity_heading,
    relative_date_regex,
    split_relative_date,
    table,
    ui_locale,
)

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")


def page_lines(locale: str) -> list[str]:
    """The real scraped page of a locale (samples/pages/<locale>/laidub-<locale>-page.txt)."""
    path = REPO / "samples" / "pages" / locale / f"laidub-{locale}-page.txt"
    if not path.exists():  # the lead copies the seeds; fall back to copying them ourselves
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEEDS / path.name, path)
    return path.read_text(encoding="utf-8").splitlines()


# --- the tables -----------------------------------------------------------------------------


def test_one_module_per_table() -> None:
    modules = sorted(p.stem for p in Path(langdata.__file__).parent.glob("*.py") if len(p.stem) == 2)
    assert sorted(TABLES) == modules
    assert {"en", "es", "ja", "zh", "fr", "de", "pt", "it", "ko", "ru", "nl"} <= set(TABLES)


@pytest.mark.parametrize("code", sorted(TABLES))
def test_table_is_complete(code: str) -> None:
    lang = TABLES[code]
    assert lang.code == code
    assert lang.script in SCRIPTS
    assert lang.entity_headings and lang.ui_strings and lang.call_to_action
    assert set(lang.type_labels.values()) == set(CANONICAL_TYPES), "every canonical type localized"
    assert all(key == langdata.normalize(key) for key in lang.type_labels)
    assert lang.sentence_starters and lang.small_words and lang.number_words and lang.scale_words
    assert 0.2 < lang.length_prior < 2.0
    assert not lang.relative_date.startswith(("^", r"\b")) and not lang.relative_date.endswith("$")
    hash(lang)  # frozen and hashable despite its mappings


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        TABLES["es"].type_labels["x"] = "Person"  # type: ignore[index]


def test_no_label_means_two_types() -> None:
    meanings: dict[str, set[str]] = {}
    for lang in TABLES.values():
        for label, canonical in lang.type_labels.items():
            meanings.setdefault(label, set()).add(canonical)
    assert {label: types for label, types in meanings.items() if len(types) > 1} == {}


def test_no_ui_string_is_a_call_to_action() -> None:
    ui = {langdata.normalize(s) for lang in TABLES.values() for s in lang.ui_strings}
    cta = {langdata.normalize(s) for lang in TABLES.values() for s in lang.call_to_action}
    assert not ui & cta


@pytest.mark.parametrize(
    ("code", "expected"),
    [("es", "es"), ("ES", "es"), ("zh-Hans", "zh"), ("pt_BR", "pt"), (" ja ", "ja"), ("xx", None)],
)
def test_table_lookup(code: str, expected: str | None) -> None:
    found = table(code)
    assert (found.code if found else None) == expected


# --- entity types and headings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Person", "Person"),
        ("Persona", "Person"),
        ("人物", "Person"),
        (" PERSON ", "Person"),
        ("Ｐｅｒｓｏｎ", "Person"),  # full-width, NFKC
        ("Organization", "Organization"),
        ("Organización", "Organization"),
        ("組織", "Organization"),
        ("Concept", "Concept"),
        ("Concepto", "Concept"),
        ("概念", "Concept"),
        ("Software", "Software"),
        ("产品", "Product"),
        ("Produkt", "Product"),
        ("Book", "Work"),
        ("論文", "Work"),
        ("Модель", "Technology"),
        ("인물", "Person"),
        ("Lieu", "Place"),
        ("Evento", "Event"),
        ("research group", "Research Group"),
        ("  mystery   thing ", "Mystery Thing"),
    ],
)
def test_canonical_type(label: str, expected: str) -> None:
    assert canonical_type(label) == expected


def test_real_type_labels_agree() -> None:
    assert canonical_type("Persona") == canonical_type("人物") == canonical_type("Person") == "Person"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Entities", True),
        ("Entidades", True),
        ("登場人物", True),
        ("实体", True),
        ("## Entities", True),
        ("ENTITIES:", True),
        ("  People & Things Mentioned ", True),
        ("Entitäten", True),
        ("Intro", False),
        ("Entidades mencionadas en el libro", False),
        ("", False),
    ],
)
def test_is_entity_heading(text: str, expected: bool) -> None:
    assert is_entity_heading(text) is expected


# --- relative dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Unsupervised Learning: With Jacob Effronhace 3 días",
            ("Unsupervised Learning: With Jacob Effron", "hace 3 días", "es"),
        ),
        (
            "Unsupervised Learning: With Jacob Effronhace 13 días",
            ("Unsupervised Learning: With Jacob Effron", "hace 13 días", "es"),
        ),
        (
            "Unsupervised Learning: With Jacob Effron · 3 days ago",
            ("Unsupervised Learning: With Jacob Effron", "3 days ago", "en"),
        ),
        ("Channel hace 1 mes", ("Channel", "hace 1 mes", "es")),
        ("Channel 2 hours ago ", ("Channel", "2 hours ago", "en")),
        ("チャンネル3日前", ("チャンネル", "3日前", "ja")),
        ("频道 3天前", ("频道", "3天前", "zh")),
        ("Chaîne il y a 2 semaines", ("Chaîne", "il y a 2 semaines", "fr")),
        ("Kanal vor 3 Tagen", ("Kanal", "vor 3 Tagen", "de")),
        ("Canal há 3 dias", ("Canal", "há 3 dias", "pt")),
        ("Canale 3 giorni fa", ("Canale", "3 giorni fa", "it")),
        ("채널 3일 전", ("채널", "3일 전", "ko")),
        ("Канал 3 дня назад", ("Канал", "3 дня назад", "ru")),
        ("Kanaal 3 dagen geleden", ("Kanaal", "3 dagen geleden", "nl")),
        ("hace 3 días", ("", "hace 3 días", "es")),
        ("チャンネル 3年前", ("チャンネル", "3年前", None)),  # Japanese and Chinese alike
        ("Unsupervised Learning: With Jacob Effron", None),
        ("hace 3 días, dijo", None),  # not at the end of the line
    ],
)
def test_split_relative_date(line: str, expected: tuple[str, str, str | None] | None) -> None:
    assert split_relative_date(line) == expected


def test_relative_date_regex_is_shared_and_unanchored() -> None:
    assert relative_date_regex() is relative_date_regex()
    match = relative_date_regex().search("Jacob Effronhace 20 días\n")
    assert match is not None and match.group(0) == "hace 20 días"
    assert isinstance(relative_date_regex(), re.Pattern)


# --- page locale from chrome ----------------------------------------------------------------


def test_ui_locale_real_spanish_page() -> None:
    assert ui_locale(page_lines("es")) == "es"


def test_ui_locale_real_japanese_page() -> None:
    assert ui_locale(page_lines("ja")) == "ja"


def test_ui_locale_japanese_chrome_lines() -> None:
    assert ui_locale(page_lines("ja")[:2]) == "ja"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["LaiDub", "Podcasts", "Watch with Captions"], None),  # CTA and ambiguous nav do not vote
        (["Watch with Captions", "Unsupervised Learning: With Jacob Effronhace 3 días"], "es"),
        (["チャンネルを探す"], "ja"),
        (["探索频道", "3天前"], "zh"),
        (["Explorer les chaînes"], "fr"),
        (["Explore channels", "Explorar canales"], "en"),  # tie: the first to vote
        (["Explore channels", "Explorar canales", "Canal hace 2 días"], "es"),
        (["x" * 200 + " 3 days ago"], None),  # long lines are content, not chrome
        ([], None),
    ],
)
def test_ui_locale(lines: list[str], expected: str | None) -> None:
    assert ui_locale(lines) == expected


@pytest.mark.parametrize(
    ("code", "language"),
    [("zh-Hans", "zh"), ("pt_BR", "pt"), ("EN", "en"), ("es-419", "es"), ("und", "und"), ("", "")],
)
def test_the_language_of_a_locale_tag(code: str, language: str) -> None:
    from aligner.locales import language_of

    assert language_of(code) == language
