from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from aligner.model import Chapter, Episode, Finding, Layout, RawPage, Severity, Variant
from aligner.report import write_reports
from aligner.report.html import TEMPLATE, HtmlReporter, make_environment, render_html
from aligner.results import RunResult, VariantRow
from aligner.settings import Settings

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TEMPLATE_INJECTION = "{{7*7}}"
FORMULA = '=HYPERLINK("x")'
ATTR_BREAK = 'pages/"><svg onload=alert(1)>/es.txt'


def _variant(path: str, locale: str, lang: str, title: str, position: int = 0) -> Variant:
    chapter = Chapter(ts=75, ts_text="01:15", title="Intro", body="Body")
    return Variant(
        source_path=path,
        page_locale=locale,
        position=position,
        title=title,
        summary="Summary",
        chapters=(chapter,),
        entities=(),
        layout=Layout.FLATTENED,
        lang=lang,
    )


def _row(
    episode: str, locale: str, lang: str, score: float | None, counts: tuple[int, int, int]
) -> VariantRow:
    """A variant row; ``score=None`` makes it the reference."""
    errors, warnings, infos = counts
    return VariantRow(
        episode_id=episode,
        episode_title=f"title {episode}",
        page_locale=locale,
        lang=lang,
        is_reference=score is None,
        chapters=1,
        quotes=0,
        entities=0,
        score=score,
        errors=errors,
        warnings=warnings,
        infos=infos,
        source_path=ATTR_BREAK if locale == "es" else f"pages/{locale}.txt",
        title="t",
        layout="flattened",
        coverage=None,
        quality=None,
        words=10,
    )


def _finding(code: str, severity: Severity, locale: str, evidence: str, sort: int) -> Finding:
    return Finding(
        episode_id="ep-1",
        page_locale=locale,
        source_path=f"pages/{locale}.txt",
        chapter_sort=sort,
        code=code,
        message=f"Chapter `[01:15]` {TEMPLATE_INJECTION}",
        episode_title=SCRIPT,
        lang=locale,
        ref_lang="en",
        chapter_ts="01:15" if sort >= 0 else "",
        name=f"name-{code}",
        severity=severity,
        evidence=evidence,
    )


def build_result() -> RunResult:
    en = _variant("pages/en.txt", "en", "en", SCRIPT)
    es = _variant(ATTR_BREAK, "es", "es", IMG)
    ja = _variant("pages/ja.txt", "ja", "en", "untranslated")
    ep2_en = _variant("pages/en.txt", "en", "en", "Second", position=1)
    return RunResult(
        settings=Settings().signature(["C101", "S007", "L401"]),
        pages=(
            RawPage(path="pages/en.txt", text="", locale="en", locale_source="path"),
            RawPage(path=ATTR_BREAK, text="", locale="es", locale_source="path"),
            RawPage(path="pages/ja.txt", text="", locale="ja", locale_source="ui-strings"),
            RawPage(path="pages/fr.bin", text=None, locale="fr", locale_source="path", error=IMG),
        ),
        variants=(en, es, ja, ep2_en),
        episodes=(
            Episode(episode_id="ep-1", variants=(en, es, ja), reference=en, ref_lang="en", pairing="title"),
            Episode(episode_id="ep-2", variants=(ep2_en,), reference=ep2_en, ref_lang="en", pairing="single"),
        ),
        findings=(
            _finding("C101", Severity.ERROR, "es", SCRIPT, 75),
            _finding("S007", Severity.WARNING, "es", IMG, -1),
            _finding("L401", Severity.ERROR, "ja", FORMULA, -1),
            _finding("E306", Severity.INFO, "ja", TEMPLATE_INJECTION, -1),
        ),
        chapters=(),
        variant_rows=(
            _row("ep-1", "en", "en", None, (0, 0, 0)),
            _row("ep-1", "es", "es", 72.26, (1, 1, 0)),
            _row("ep-1", "ja", "en", 40.0, (1, 0, 1)),
            _row("ep-2", "en", "en", None, (0, 0, 0)),
        ),
    )


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: list[str] = field(default_factory=list)
    parents: tuple[str, ...] = ()


class _Collector(HTMLParser):
    VOID: ClassVar[frozenset[str]] = frozenset({"meta", "br", "img", "link", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parents = tuple(
            f"{e.tag}.{e.attrs.get('class') or ''}" for e in self.stack
        )  # e.g. ("html.", "body.", "table.findings")
        element = Element(tag, dict(attrs), parents=parents)
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text.append(data)


def _parse(html: str) -> list[Element]:
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def _inside(elements: list[Element], tag: str, table_class: str) -> list[Element]:
    return [e for e in elements if e.tag == tag and f"table.{table_class}" in e.parents]


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(build_result())


def test_autoescape_is_on_for_j2_templates() -> None:
    env = make_environment()
    assert TEMPLATE.endswith(".j2")
    assert callable(env.autoescape)
    assert env.autoescape(TEMPLATE) is True
    assert env.autoescape("page.html") is True
    assert env.autoescape(None) is True
    assert env.from_string("{{ x }}").render(x=SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_hostile_text_is_escaped(html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html.lower()
    assert "<svg" not in html.lower()
    assert TEMPLATE_INJECTION in html  # shown literally, never evaluated
    assert "=HYPERLINK(&#34;x&#34;)" in html


def test_attribute_values_cannot_break_out(html: str) -> None:
    titles = [e.attrs["title"] for e in _parse(html) if e.tag == "div" and "title" in e.attrs]
    assert ATTR_BREAK in titles  # the whole hostile path stayed inside the attribute
    assert 'title="pages/&#34;&gt;&lt;svg onload=alert(1)&gt;/es.txt"' in html


def test_self_contained(html: str) -> None:
    elements = _parse(html)
    assert not [e for e in elements if e.tag in {"script", "link", "iframe", "object", "embed"}]
    assert not [e for e in elements if "src" in e.attrs or "href" in e.attrs]
    assert "<style>" in html
    csp = [e for e in elements if e.tag == "meta" and e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0].attrs["content"] or "")


def test_findings_rows_carry_data_attributes(html: str) -> None:
    rows = _inside(_parse(html), "tr", "findings")
    rows = [r for r in rows if "data-code" in r.attrs]
    assert [(r.attrs["data-code"], r.attrs["data-severity"], r.attrs["data-locale"]) for r in rows] == [
        ("C101", "error", "es"),
        ("S007", "warning", "es"),
        ("L401", "error", "ja"),
        ("E306", "info", "ja"),
    ]
    headers = [" ".join(e.text).strip() for e in _inside(_parse(html), "th", "findings")]
    assert headers == [
        "severity",
        "code",
        "name",
        "episode",
        "locale",
        "lang",
        "chapter",
        "message",
        "evidence",
        "source",
    ]
    first_cells = [e for e in _inside(_parse(html), "td", "findings")][:10]
    assert "".join(first_cells[8].text) == SCRIPT  # evidence round-trips as text
    assert "".join(first_cells[6].text) == "01:15"


def test_summary_counts(html: str) -> None:
    elements = _parse(html)
    badges = {
        e.attrs["data-severity"]: "".join(e.text)
        for e in elements
        if e.tag == "span" and "data-severity" in e.attrs
    }
    assert badges == {"error": "error: 2", "warning": "warning: 1", "info": "info: 1"}
    codes = [
        (r.attrs["data-code"], r.attrs["data-severity"]) for r in _inside(elements, "tr", "codes") if r.attrs
    ]
    assert codes == [("C101", "error"), ("E306", "info"), ("L401", "error"), ("S007", "warning")]


def test_matrix(html: str) -> None:
    elements = _parse(html)
    header = [e.attrs["data-locale"] for e in _inside(elements, "th", "matrix") if "data-locale" in e.attrs]
    assert header == ["en", "es", "fr", "ja"]  # page locales, sorted; fr has only an unreadable page
    rows = [e for e in _inside(elements, "tr", "matrix") if "data-episode" in e.attrs]
    assert [r.attrs["data-episode"] for r in rows] == ["ep-1", "ep-2"]
    cells = [e for e in _inside(elements, "td", "matrix")]
    assert [c.attrs["data-locale"] for c in cells] == ["en", "es", "fr", "ja"] * 2
    texts = [" ".join("".join(c.text).split()) for c in cells]
    classes = [c.attrs["class"] for c in cells]
    assert classes[:4] == ["sev-ok", "sev-error", "missing", "sev-error"]
    assert texts[0] == "en · ref E 0 · W 0 · I 0"
    assert texts[1] == "es · 72.3 E 1 · W 1 · I 0"
    assert texts[2] == "—"
    assert texts[3].startswith("en · 40.0")  # the variant's content lang, not the page locale
    assert classes[4:] == ["sev-ok", "missing", "missing", "missing"]


def test_unreadable_pages_listed(html: str) -> None:
    assert "pages/fr.bin" in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 2  # the page error is escaped too


def test_settings_signature_in_footer(html: str) -> None:
    footer = html[html.index("<footer>") :]
    assert '<dt>source_lang</dt><dd class="mono">en</dd>' in footer
    assert '<dt>tolerance_s</dt><dd class="mono">5</dd>' in footer
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
    html = render_html(empty)
    assert "No findings." in html
    assert "No episodes." in html


def test_byte_identical_and_written_atomically(tmp_path: Path) -> None:
    first = write_reports(build_result(), tmp_path / "a", ["html"])
    second = write_reports(build_result(), tmp_path / "b", ["html"])
    assert [p.name for p in first] == ["index.html"]
    assert first[0].read_bytes() == second[0].read_bytes()
    assert first[0].read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["index.html"]


def test_reporter_name() -> None:
    assert HtmlReporter().name == "html"
