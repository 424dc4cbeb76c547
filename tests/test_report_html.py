"""The HTML reporter without a browser: structure, escaping, links, trends, determinism.

(tests/browser/ loads the same pages in headless Chromium.)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from aligner.report import write_reports
from aligner.report.html import (
    CSP,
    STATIC_DIR,
    TEMPLATE,
    TEMPLATE_DIR,
    HtmlReporter,
    make_environment,
    render_html,
    render_site,
)
from aligner.report.html_overview import entry_band
from aligner.report.html_text import code_segments, segments
from aligner.results import RunResult
from aligner.settings import Settings
from tests.conftest import ROOT
from tests.html_run import (
    ATTR_BREAK,
    EP1,
    EP2,
    JS_LINK,
    SCRIPT,
    TEMPLATE_INJECTION,
    TRENDS,
    WAIVED,
    build_result,
    by_id,
    parse,
)


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in render_site(build_result(TRENDS)).items()}


@pytest.fixture(scope="module")
def html(site: dict[str, str]) -> str:
    return site["index.html"]


@pytest.fixture(scope="module")
def episode(site: dict[str, str]) -> str:
    return site["episodes/ep-1.html"]


def test_autoescape_is_on_for_j2_templates() -> None:
    env = make_environment()
    assert TEMPLATE.endswith(".j2")
    assert env.autoescape(TEMPLATE) is True  # type: ignore[operator]
    assert env.autoescape("page.html") is True  # type: ignore[operator]
    assert env.autoescape(None) is True  # type: ignore[operator]
    assert env.from_string("{{ x }}").render(x=SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_templates_never_mark_data_safe_and_script_never_writes_markup() -> None:
    for template in TEMPLATE_DIR.glob("*.j2"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)  # comments
        assert "|safe" not in text.replace(" ", ""), template.name
        assert "autoescape false" not in text, template.name
        assert "style=" not in text, template.name  # the CSP forbids inline styles
    script = re.sub(
        r"/\*.*?\*/|//[^\n]*", "", (STATIC_DIR / "report.js").read_text(encoding="utf-8"), flags=re.S
    )
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink
    assert "fetch(" not in script and "XMLHttpRequest" not in script


def test_site_files(site: dict[str, str]) -> None:
    assert sorted(site) == [
        "episodes/con-episode.html",  # "../../CON": traversal stripped, device name avoided
        "episodes/ep-1.html",
        "index.html",
        "report.css",
        "report.js",
    ]


@pytest.mark.parametrize("name", ["index.html", "episodes/ep-1.html", "episodes/con-episode.html"])
def test_pages_are_self_contained_with_a_strict_csp(site: dict[str, str], name: str) -> None:
    elements = parse(site[name])
    root = "../" if name.startswith("episodes/") else ""
    scripts = [e for e in elements if e.tag == "script"]
    assert [e.attrs.get("src") for e in scripts] == [f"{root}report.js"]
    assert all("".join(e.text).strip() == "" for e in scripts)  # no inline script
    links = [e.attrs.get("href") for e in elements if e.tag == "link"]
    assert links == [f"{root}report.css"]
    assert not [e for e in elements if e.tag in {"style", "img", "iframe", "object", "embed", "base"}]
    assert not [e for e in elements if e.tag == "form" and ("action" in e.attrs or "method" in e.attrs)]
    assert not [e for e in elements if any(k.startswith("on") or k == "style" for k in e.attrs)]
    for element in elements:
        href = element.attrs.get("href")
        if href is not None:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", href), href  # relative links only: no scheme
    csp = [e for e in elements if e.tag == "meta" and e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].attrs["content"] == CSP
    assert "default-src 'none'" in CSP and "script-src 'self'" in CSP and "unsafe" not in CSP


def test_hostile_text_is_escaped_everywhere(site: dict[str, str]) -> None:
    for name in ("index.html", "episodes/ep-1.html", "episodes/con-episode.html"):
        text = site[name]
        assert "<script>alert" not in text and "<img" not in text and "<svg onload" not in text, name
        assert 'href="javascript' not in text and "href='javascript" not in text, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in site["index.html"]
    assert TEMPLATE_INJECTION in site["index.html"]  # shown literally, never evaluated
    assert "=HYPERLINK(&#34;x&#34;)" in site["index.html"]
    episode = site["episodes/ep-1.html"]
    assert "Intro body &lt;script&gt;alert(1)&lt;/script&gt;" in episode
    assert "quote &lt;img src=x onerror=alert(1)&gt;" in episode
    assert "desc &lt;script&gt;alert(1)&lt;/script&gt;" in episode
    assert JS_LINK in episode and 'href="javascript' not in episode
    assert "Summary with <em>emphasis</em> and" in episode  # the only markup made from data


def test_attribute_values_cannot_break_out(html: str) -> None:
    titles = [e.attrs["title"] for e in parse(html) if e.tag == "div" and "title" in e.attrs]
    assert ATTR_BREAK in titles
    assert 'title="pages/&#34;&gt;&lt;svg onload=alert(1)&gt;/es.txt"' in html


def test_findings_rows_carry_data_attributes_and_links(html: str) -> None:
    rows = [
        e for e in parse(html) if e.tag == "tr" and e.inside("table", "findings") and "data-code" in e.attrs
    ]
    got = [
        (r.attrs["data-code"], r.attrs["data-severity"], r.attrs["data-locale"], r.attrs["data-status"])
        for r in rows
    ]
    assert got == [  # errors first (an editor starts there), then report order within a severity
        ("S009", "error", "en", "active"),
        ("Q201", "error", "es", "active"),
        ("C101", "error", "es", "active"),
        ("L401", "error", "ja", "active"),
        ("S007", "warning", "es", "active"),
        ("C102", "warning", "es", "active"),
        ("E306", "info", "en", "active"),  # "../../CON" sorts before "ep-1"
        ("E306", "info", "ja", "waived"),
    ]
    links = {
        r.attrs["data-code"] + "/" + str(r.attrs["data-status"]): [
            e.attrs["href"] for e in parse(html) if e.tag == "a" and e.parents and r in e.parents
        ]
        for r in rows
    }
    assert links["Q201/active"] == ["episodes/ep-1.html#ch-es-0"]
    assert links["C101/active"] == ["episodes/ep-1.html#ch-es-200"]
    assert links["C102/active"] == ["episodes/ep-1.html#ch-es-300"]  # the extra chapter's own time
    assert links["S007/active"] == ["episodes/ep-1.html#v-es"]
    assert links["S009/active"] == ["episodes/ep-1.html#ch-en-75"]  # the reference's own chapter
    assert links["E306/waived"] == ["episodes/ep-1.html#v-ja"]
    assert links["E306/active"] == ["episodes/con-episode.html#v-en"]


def test_filter_controls_are_labelled_and_list_the_findings_values(html: str) -> None:
    elements = parse(html)
    for ident in ("f-severity", "f-code", "f-locale", "f-episode", "f-status", "f-text"):
        assert [e for e in elements if e.tag == "label" and e.attrs.get("for") == ident], ident
    options = {
        ident: [e.attrs["value"] for e in elements if e.tag == "option" and e.inside("select") and
                e.parents[-1].attrs.get("id") == ident]
        for ident in ("f-severity", "f-code", "f-locale", "f-episode", "f-status")
    }  # fmt: skip
    assert options["f-severity"] == ["", "error", "warning", "info"]
    assert options["f-code"] == ["", "C101", "C102", "E306", "L401", "Q201", "S007", "S009"]
    assert options["f-locale"] == ["", "en", "es", "ja"]
    assert options["f-episode"] == ["", EP1, EP2]
    assert options["f-status"] == ["", "active", "waived"]
    headers = [e for e in elements if e.tag == "th" and e.inside("table", "findings")]
    assert [h.content.replace(" ↕", "") for h in headers] == [
        "Severity",
        "Check",
        "Episode",
        "Locale",
        "Chapter",
        "Message and evidence",
    ]
    assert all(h.attrs.get("scope") == "col" and h.attrs.get("aria-sort") == "none" for h in headers)


def test_summary_counts(html: str) -> None:
    elements = parse(html)
    tiles = {
        e.attrs["data-severity"]: e.content for e in elements if e.tag == "li" and "data-severity" in e.attrs
    }
    assert tiles == {"error": "4 errors", "warning": "2 warnings", "info": "1 info"}
    assert by_id(elements, "f-shown").content == "8"
    # the table's summary agrees with the tiles: the waived info counts as waived only
    assert [e.content for e in elements if e.tag == "span" and "data-count" in e.attrs] == [
        "4",
        "2",
        "1",
        "1",
    ]
    codes = [
        r.attrs["data-code"] for r in elements if r.tag == "tr" and r.inside("table", "codes") and r.attrs
    ]
    assert codes == ["C101", "C102", "E306", "L401", "Q201", "S007", "S009"]


def test_matrix(html: str) -> None:
    elements = parse(html)
    header = [e.attrs["data-locale"] for e in elements if e.tag == "th" and e.inside("table", "matrix")
              and "data-locale" in e.attrs]  # fmt: skip
    assert header == ["en", "es", "fr", "ja"]  # page locales, sorted; fr has only an unreadable page
    rows = [
        e for e in elements if e.tag == "tr" and e.inside("table", "matrix") and "data-episode" in e.attrs
    ]
    assert [r.attrs["data-episode"] for r in rows] == [EP1, EP2]
    cells = [e for e in elements if e.tag == "td" and e.inside("table", "matrix")]
    assert [c.attrs["data-locale"] for c in cells] == ["en", "es", "fr", "ja"] * 2
    classes = [c.attrs["class"] for c in cells]
    assert classes[:4] == ["cell band-ref has-errors", "cell band-low has-errors", "cell band-missing",
                           "cell band-bad has-errors"]  # fmt: skip
    assert cells[1].content.startswith("72.3 in es 2 E errors 2 W warnings 0 I infos")
    # the worst findings of the cell, most severe first, each linking to its chapter
    worst = [e for e in elements if e.tag == "a" and cells[1] in e.parents and "worst" not in e.classes()]
    assert [a.attrs["href"] for a in worst] == [
        "episodes/ep-1.html#v-es",
        "episodes/ep-1.html#ch-es-0",
        "episodes/ep-1.html#ch-es-200",
        "episodes/ep-1.html#v-es",
        "episodes/ep-1.html#v-es",  # "+1 more" leads to the variant's section, which lists them all
    ]
    assert "+1 more" in cells[1].content and worst[-1].content.startswith("+1 more")
    assert cells[2].content == "— no variant"
    assert cells[3].content.startswith("40.0 in en")  # the variant's content lang, not the page locale
    assert "E306" not in cells[3].content  # waived findings are not among the worst
    assert classes[4:] == ["cell band-ref", "cell band-missing", "cell band-missing", "cell band-missing"]


def test_episode_side_by_side(episode: str) -> None:
    elements = parse(episode)
    rows = [
        e
        for e in elements
        if e.tag == "tr" and "sbs-row" in e.classes() and e.inside("section", "comparison")
    ]
    es_rows = [r for r in rows if str(r.attrs.get("id", "")).startswith("ch-es-")]
    assert [(r.attrs["id"], r.attrs["data-status"]) for r in es_rows] == [
        ("ch-es-0", "matched"),
        ("ch-es-75", "matched"),
        ("ch-es-200", "missing"),
        ("ch-es-300", "extra"),
    ]
    missing = by_id(elements, "ch-es-200")
    assert "Missing chapter — no counterpart of 03:20 in es" in missing.content
    assert "C101" in missing.content
    extra = by_id(elements, "ch-es-300")
    assert "No reference chapter" in extra.content and "C102" in extra.content
    first = by_id(elements, "ch-es-0")
    assert "Q201" in first.content and "91.5" in first.content
    assert "timestamp 1.00" in first.content and "length 0.50" in first.content
    assert "content 0.25" in first.content  # an unknown component keeps a readable label
    assert "has-issue" in first.classes()
    assert "has-issue" in by_id(elements, "ch-es-75").classes()  # the reference's S009 sits there
    assert "has-issue" not in by_id(elements, "ch-ja-200").classes()  # matched, no finding
    # the reference's own chapter finding sits on its cell in the first comparison
    ref_cell = by_id(elements, "ch-en-75")
    assert ref_cell.tag == "td" and ref_cell.inside("section", "comparison")
    assert "S009" in by_id(elements, "ch-es-75").content
    # variant-level findings head their section; waived ones are marked
    section_es = by_id(elements, "v-es")
    assert "S007" in section_es.content
    assert "waived" in by_id(elements, "v-ja").content
    # both comparisons carry the reference chapters
    assert [r.attrs["id"] for r in rows if str(r.attrs.get("id", "")).startswith("ch-ja-")] == [
        "ch-ja-0",
        "ch-ja-75",
        "ch-ja-200",
    ]


def test_episode_entity_table(episode: str) -> None:
    elements = parse(episode)
    rows = [
        e for e in elements if e.tag == "tr" and e.inside("table", "entities") and "data-status" in e.attrs
    ]
    got = [
        (r.attrs["data-status"], [c.content for c in elements if c.tag == "td" and r in c.parents][4])
        for r in rows
    ]
    assert got == [("matched", "name"), ("missing", "unmatched missing"), ("extra", "unmatched extra")]
    assert "This variant has no entity list." not in episode


def test_single_variant_episode_page(site: dict[str, str]) -> None:
    elements = parse(site["episodes/con-episode.html"])
    row = by_id(elements, "ch-en-0")
    assert "Intro" in row.content
    assert "E306" in by_id(elements, "v-en").content
    assert not [e for e in elements if e.attrs.get("id") == "only-issues"]


def test_unreadable_pages_listed(html: str) -> None:
    assert "pages/fr.bin" in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 2


def test_settings_signature_in_footer(html: str) -> None:
    footer = html[html.index('<footer class="wrap footer">') :]
    assert '<dt>source_lang</dt><dd class="mono">en</dd>' in footer
    assert '<dt>checks</dt><dd class="mono">C101,L401,S007</dd>' in footer


def test_empty_run_renders() -> None:
    empty = RunResult(
        settings=Settings().signature([]),
        pages=(),
        variants=(),
        episodes=(),
        findings=(),
        chapters=(),
        variant_rows=(),
    )
    site = render_site(empty)
    assert sorted(site) == ["index.html", "report.css", "report.js"]
    html = site["index.html"].decode("utf-8")
    assert "No findings." in html and "No episodes." in html


def test_written_atomically_and_byte_identical(tmp_path: Path) -> None:
    first = write_reports(build_result(TRENDS), tmp_path / "a", ["html"])
    second = write_reports(build_result(TRENDS), tmp_path / "b", ["html"])
    names = [p.relative_to(tmp_path / "a").as_posix() for p in first]
    assert names == [
        "index.html",
        "episodes/ep-1.html",
        "episodes/con-episode.html",
        "report.css",
        "report.js",
    ]
    for path in first:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name
    assert sorted(p.name for p in (tmp_path / "a").rglob("*")) == sorted(
        [*(Path(n).name for n in names), "episodes"]
    )
    assert (tmp_path / "b" / "index.html").read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
    assert len(second) == len(first)


def test_segments() -> None:
    assert segments("a *b* **c** d") == (("", "a "), ("em", "b"), ("", " "), ("strong", "c"), ("", " d"))
    assert segments("2 * 3 * 4") == (("", "2 * 3 * 4"),)
    assert segments(SCRIPT) == (("", SCRIPT),)
    assert code_segments("Chapter `[15:55]` missing in `ja`") == (
        ("", "Chapter "),
        ("code", "[15:55]"),
        ("", " missing in "),
        ("code", "ja"),
    )
    assert code_segments("odd ` tick") == (("", "odd ` tick"),)


def test_static_files_ship_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["aligner"]
    package = ROOT / "aligner"
    shipped = {p for pattern in patterns for p in package.glob(pattern)}
    for path in [*STATIC_DIR.iterdir(), *TEMPLATE_DIR.iterdir()]:
        assert path in shipped, path.name
    assert "playwright" in " ".join(config["project"]["optional-dependencies"]["test"])


def test_waived_can_be_empty() -> None:
    html = render_html(replace(build_result(), waived=()))
    assert 'data-status="waived"' in html  # the tile is still there …
    assert 'data-count="waived">0<' in html  # … with zero


def test_reporter_name() -> None:
    assert HtmlReporter().name == "html"


def test_a_waived_finding_shows_its_waiver_reason_on_both_pages() -> None:
    # Before: the badge said only "waived"; the reason was in findings.csv alone.
    reason = "Accepted: the Japanese page <keeps> the English concept name"
    waived = tuple(replace(f, waived=reason) for f in WAIVED)
    files = render_site(replace(build_result(), waived=waived))
    escaped = "Accepted: the Japanese page &lt;keeps&gt; the English concept name"
    assert escaped in files["index.html"].decode("utf-8")
    episode = next(body for name, body in files.items() if name.startswith("episodes/"))
    assert escaped in episode.decode("utf-8") and reason not in episode.decode("utf-8")


@pytest.mark.parametrize(
    ("score", "errors", "band"),
    [
        (100.0, 0, "high"),
        (100.0, 1, "low"),
        (80.0, 2, "low"),
        (60.0, 1, "low"),
        (30.0, 1, "bad"),
        (None, 1, "none"),
    ],
)
def test_a_variant_with_an_error_is_never_coloured_as_fine(
    score: float | None, errors: int, band: str
) -> None:
    # Before: an untranslated copy (L401) scoring 100 on alignment was a green cell.
    assert entry_band(score, errors) == band
