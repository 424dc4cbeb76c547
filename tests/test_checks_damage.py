"""S006/S007: the detectors on tricky text, the real pages (clean) and damage injected into them."""

from __future__ import annotations

import shutil
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.model import Finding
from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings
from aligner.textdamage import encoding_damage, markup_leftovers
from tests.conftest import ES_PAGE, JA_PAGE, SAMPLES

ES_LECUN = "Yann LeCun, ganador del Premio Turing"
JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"
EN_HASSABIS = "Sebastian Mallaby spent three years"


def mojibake(text: str) -> str:
    """UTF-8 text decoded as Windows-1252: what a wrong ``charset`` does to a page."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


ENCODING_CASES = [
    ("tÃ©cnico", "mojibake"),
    (mojibake("ワールドモデル"), "mojibake"),
    ("itâ€™s the model", "mojibake"),
    ("Looking ahead â€” Lena", "mojibake"),
    ("アーキ\ufffdテクチャ", "replacement character"),
    ("Startup de\x07 Berlín", "control character"),
    ("an escape\x1b[0m code", "control character"),
    ("a DEL\x7f here", "control character"),
    ("an ellipsis read as latin-1\x85", "mojibake"),  # cp1252 "…" decoded as latin-1: ftfy repairs it
]
CLEAN_TEXT = [
    "Según Lena, lo más difícil del trabajo no es la arquitectura sino los datos.",
    "“Curly” quotes, ‘single’ ones, «guillemets» and „German“ quotes — and an em dash…",
    "**Jacob Effron**(人物):Redpoint Venturesパートナー;「生産的な行き止まり」",
    "Oriol Vinyals(Google DeepMind VP of Research、Gemini 联合负责人)在 Google I/O 第二天",
    "Ñandú, façade, naïve, Øresund, Straße, İstanbul, Dvořák",
    "Tab\tand new\nline are layout, not damage",
]
MARKUP_CASES = [
    ("<b>Lena</b> sostiene", "HTML tag"),
    ("una preferencia.<br/>", "HTML tag"),
    ('<p class="summary">Yann', "HTML tag"),
    ("R&amp;D spending", "HTML entity"),
    ("nobody&#39;s willing", "HTML entity"),
    ("the cost&nbsp;of serving", "HTML entity"),
    ("AT&amp T", "HTML entity"),
    ("{{title}}", "template placeholder"),
    ("{% if chapter.title %}", "template placeholder"),
    ("Hello ${name}", "template placeholder"),
    ("Episode %s of %d", "format placeholder"),
    ("by %(author)s", "format placeholder"),
    ("Title: [object Object]", "serialized object"),
    ("Yann LeCun ![Yann LeCun en el escenario](https://cdn.example.com/lecun.jpg) sostiene", "image markup"),
    ("caf\\u00e9", "escape sequence"),
    ("undefined", "placeholder value"),
    (" null ", "placeholder value"),
    # a page scraped before its script filled it in, and filler text
    ("Loading...", "placeholder value"),
    ("Cargando…", "placeholder value"),
    ("読み込み中...", "placeholder value"),
    ("加载中", "placeholder value"),
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", "placeholder text"),
    ("<!-- chapter 3 -->", "HTML comment"),
]
NOT_MARKUP = [
    "The Infinity Machine* and *italics* and **bold** are markdown, which is fine",
    "when latency < 50 ms and a <b and c> in prose, or x<y>z",
    "a $1 billion pledge and a $5 million check; 50% of the budget; 100%",
    "Google I/O, math/code, Brain + DeepMind, R&D, AT&T, Q&A",
    "the null hypothesis is undefined behaviour in C",
    "Loading the model takes minutes; the lorem ipsum of AI demos",
    "{a, b} sets and f(x) = {x | x > 0}",
    "a [bracketed aside](not a link) and a footnote [1] and JEPA [2](3)",
    "<Vinyals> is not an HTML tag; neither is <3",
]


@pytest.mark.parametrize(("text", "kind"), ENCODING_CASES)
def test_encoding_damage_is_found(text: str, kind: str) -> None:
    assert kind in {hit.kind for hit in encoding_damage(text)}


@pytest.mark.parametrize("text", CLEAN_TEXT)
def test_clean_text_has_no_encoding_damage(text: str) -> None:
    assert encoding_damage(text) == []


@pytest.mark.parametrize(("text", "kind"), MARKUP_CASES)
def test_markup_leftovers_are_found(text: str, kind: str) -> None:
    assert kind in {hit.kind for hit in markup_leftovers(text)}


@pytest.mark.parametrize("text", NOT_MARKUP + CLEAN_TEXT)
def test_prose_is_not_markup(text: str) -> None:
    assert markup_leftovers(text) == []


def test_mojibake_evidence_shows_the_repair() -> None:
    text = "El problema " + mojibake("técnico") + " de los datos"
    (hit,) = encoding_damage(text)
    assert hit.excerpt(text, fix=True).endswith("→ El problema técnico de los datos")


# -- the real pages --------------------------------------------------------------------------------


def test_real_pages_have_no_damage(samples_result: RunResult) -> None:
    assert [f for f in samples_result.findings if f.code in ("S006", "S007")] == []


def _inject(tmp_path: Path, page: Path, marker: str, *edits: tuple[str, str, str]) -> list[Finding]:
    """Copy the samples, apply ``(chapter ts, old, new)`` edits inside one episode's body line of
    ``page``, run everything, return the S006/S007 findings."""
    shutil.copytree(SAMPLES, tmp_path / "pages")
    target = tmp_path / "pages" / page.parent.name / page.name
    lines = target.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if marker in line and " ## [" in line)
    for ts, old, new in edits:
        line = lines[index]
        start = line.index(f" ## [{ts}]")
        end = line.find(" ## ", start + 4)
        end = end if end >= 0 else len(line)
        chapter = line[start:end]
        assert old in chapter, f"{old!r} not in chapter {ts}"
        lines[index] = line[:start] + chapter.replace(old, new, 1) + line[end:]
    target.write_text("\n".join(lines), encoding="utf-8")
    result = check_paths([str(tmp_path / "pages")], Settings())
    return [f for f in result.findings if f.code in ("S006", "S007")]


def test_mojibake_in_a_chapter_of_the_spanish_reference(tmp_path: Path) -> None:
    findings = _inject(tmp_path, ES_PAGE, ES_LECUN, ("12:07", "arquitectura", mojibake("arquitectúra")))
    assert [(f.code, f.page_locale, f.lang, f.chapter_ts) for f in findings] == [
        ("S006", "es", "es", "12:07")
    ]
    assert "arquitectúra" in findings[0].evidence  # ftfy's repair


def test_replacement_characters_in_a_japanese_chapter(tmp_path: Path) -> None:
    findings = _inject(tmp_path, JA_PAGE, JA_LECUN, ("28:18", "ソブリン", "ソ\ufffd\ufffdン"))
    assert [(f.code, f.page_locale, f.chapter_ts) for f in findings] == [("S006", "ja", "28:18")]
    assert "replacement character" in findings[0].message


def test_markup_in_a_chapter_of_the_spanish_reference(tmp_path: Path) -> None:
    findings = _inject(
        tmp_path, ES_PAGE, ES_LECUN, ("07:51", "modelos de mundo", "<b>modelos</b> de mundo &amp; {{title}}")
    )
    assert [(f.code, f.page_locale, f.chapter_ts) for f in findings] == [("S007", "es", "07:51")]
    assert all(kind in findings[0].message for kind in ("HTML tag", "HTML entity", "template placeholder"))


def test_damage_in_a_drifted_japanese_chapter_is_filed_under_the_reference_timestamp(tmp_path: Path) -> None:
    findings = _inject(
        tmp_path,
        JA_PAGE,
        JA_LECUN,
        ("20:37", " ## [20:37]", " ## [20:40]"),
        ("20:40", "シリコンバレー", "<br>シリコンバレー"),
    )
    assert [(f.code, f.page_locale, f.chapter_ts) for f in findings] == [("S007", "ja", "20:37")]


def test_damage_is_reported_on_an_untranslated_copy_too(tmp_path: Path) -> None:
    findings = _inject(tmp_path, ES_PAGE, EN_HASSABIS, ("02:04", "inevitable", mojibake("inevitable — yes")))
    assert [(f.code, f.page_locale, f.lang, f.chapter_ts) for f in findings] == [
        ("S006", "es", "en", "02:04")
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_detectors_never_raise_and_hits_lie_inside_the_text(text: str) -> None:
    for hit in [*encoding_damage(text), *markup_leftovers(text)]:
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.excerpt(text, fix=True)
