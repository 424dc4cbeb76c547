"""S006/S007: the detectors on tricky text, the real pages (clean) and damage injected into them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.model import Finding
from aligner.pipeline import check_paths
from aligner.read import read_page
from aligner.results import RunResult
from aligner.settings import Settings
from aligner.textdamage import direction_damage, encoding_damage, markup_leftovers
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


# -- bidirectional controls: removed when a page is read, reported when they have no place there -----

LANGUAGES = Path(__file__).parent / "data" / "languages"
RAW_DIRECTION_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC = "حوار مع كاتب سيرة ديميس هسابيس"

DIRECTION_DAMAGE = [
    # (page text, the controls the message names)
    (
        "Demis \u202eHassabis\u202c and Mallaby",
        "right-to-left override U+202E, pop directional formatting U+202C",
    ),
    ("## [00:00] Intro \u202dLTR\u202c", "left-to-right override U+202D, pop directional formatting U+202C"),
    ("Android wraps \u202a+1 555 0100\u202c in an embedding", "left-to-right embedding U+202A"),
    (f"{ARABIC} \u200f\u202eevil\u202c", "right-to-left override U+202E"),  # on a right-to-left page too
]
NO_DIRECTION_DAMAGE = [
    f"{ARABIC} \u202aThe Infinity Machine\u202c",  # right-to-left pages set Latin names in embeddings
    f"{ARABIC} \u202d+44 20 7946 0000\u202c",  # and numbers in a left-to-right override
    f"{ARABIC}\u200f 56:10\u200f",  # right-to-left pages use marks
    "56:10\u200f and EN/ZH",  # and their editors leave them in left-to-right metadata
    "score \u061c1 2",
    "\u2067Demis Hassabis\u2069 (Person)",
    f"{ARABIC} \u2066Demis Hassabis\u2069 \u2067{ARABIC}\u2069 \u061c",  # and isolates
    "\u200eEN/ZH\u200e and \u2068Demis Hassabis\u2069, \u2066Google\u2069",  # never reorder left-to-right text
    "no control at all",
]


@pytest.mark.parametrize(("text", "kinds"), DIRECTION_DAMAGE)
def test_bidirectional_controls_with_no_place_in_a_page_are_damage(text: str, kinds: str) -> None:
    found = direction_damage(text)
    assert found is not None
    message, evidence = found
    assert message.startswith(f"Encoding damage on line 1 of the page: {kinds}")
    assert message.endswith("; removed before checking")
    assert RAW_DIRECTION_CONTROL.search(message + evidence) is None  # shown as escapes: nothing reversed
    assert re.search(r"\\u202[a-e]", evidence)


@pytest.mark.parametrize("text", NO_DIRECTION_DAMAGE)
def test_bidirectional_controls_in_their_place_are_not_damage(text: str) -> None:
    assert direction_damage(text) is None


def test_bidirectional_damage_names_its_count_and_lines() -> None:
    text = "title\n56:10\nDemis \u202eHassabis\u202c\nsummary\n\u202eMallaby\u202c and \u202eLeCun\u202c"
    message, evidence = direction_damage(text) or ("", "")
    assert message == (
        "Encoding damage on 2 lines of the page, from line 3: right-to-left override U+202E, "
        "pop directional formatting U+202C (6×); removed before checking"
    )
    assert evidence == "Demis \\u202eHassabis\\u202c"  # the first one, in its line


def test_a_page_with_an_override_is_one_s006_and_is_checked_without_it(
    tmp_path: Path, samples_result: RunResult
) -> None:
    """The override was removed silently when the page was read: nothing said the scraped page
    would show `Hassabis` reversed to its readers. Now one page-level S006 says so; the text the
    checks and the reports read stays without it, so every other finding is the same."""
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "en" / "hassabis.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Demis Hassabis", "Demis \u202eHassabis\u202c", 2), encoding="utf-8")
    result = check_paths([str(tmp_path / "pages")], Settings())
    [finding] = [f for f in result.findings if f.code == "S006"]
    assert (finding.episode_id, finding.page_locale, finding.chapter_ts) == ("", "en", "")
    assert finding.source_path == page.as_posix() and finding.severity == "error"
    assert finding.message == (
        "Encoding damage on 2 lines of the page, from line 1: right-to-left override U+202E, "
        "pop directional formatting U+202C (4×); removed before checking"
    )
    assert "Demis \\u202eHassabis\\u202c" in finding.evidence
    [english] = [v for v in result.variants if v.source_path == page.as_posix()]
    assert english.title == "A Conversation With Demis Hassabis' Biographer"

    def others(found: RunResult) -> list[tuple[str, ...]]:
        return sorted((f.code, f.episode_id, f.page_locale, f.chapter_ts, f.message) for f in found.findings)

    assert others(result) == sorted([*others(samples_result), ("S006", "", "en", "", finding.message)])


def test_the_marks_of_the_right_to_left_pages_are_not_damage() -> None:
    for locale in ("ar", "fa", "he"):
        page = read_page(str(LANGUAGES / locale / "hassabis.md"))
        assert page.text is not None and RAW_DIRECTION_CONTROL.search(page.text) is None
        assert page.direction_damage is None, locale
    text = (LANGUAGES / "ar" / "hassabis.md").read_text(encoding="utf-8")
    assert "\u200f" in text  # the page does hold marks: they are in their place


def test_an_override_hidden_by_a_json_escape_is_s006(tmp_path: Path) -> None:
    """``json.dumps`` writes U+202E as ``\\u202e``, which the page's text never shows: reading it
    removed the override from the string, and reported nothing."""
    shutil.copytree(SAMPLES / "en", tmp_path / "en")
    card = {
        "title": "Mallaby on \u202eHassabis\u202c",
        "summary": "A summary.",
        "chapters": [],
        "entities": [],
    }
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "page.json").write_text(json.dumps({"variants": [card]}), encoding="ascii")
    result = check_paths([str(tmp_path)], Settings())
    [finding] = [f for f in result.findings if f.code == "S006"]
    assert finding.source_path.endswith("es/page.json") and finding.chapter_ts == ""
    assert finding.message.startswith(
        "Encoding damage in the page's JSON strings: right-to-left override U+202E"
    )
    assert finding.evidence == "Mallaby on \\u202eHassabis\\u202c"
    assert [v.title for v in result.variants if v.source_path.endswith("page.json")] == [
        "Mallaby on Hassabis"
    ]
