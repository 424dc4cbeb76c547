"""The run result the HTML reporter tests render: hostile text in every field a page shows (a
script in a title, an attribute break in a path, a template injection, a ``javascript:`` link),
and a small HTML parser to look at the pages by element."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, ClassVar

from aligner.model import (
    Alignment,
    Chapter,
    ChapterPair,
    Entity,
    EntityPair,
    Episode,
    Finding,
    Layout,
    Quote,
    RawPage,
    Severity,
    Variant,
)
from aligner.results import ChapterRow, RunResult, VariantRow
from aligner.settings import Settings

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TEMPLATE_INJECTION = "{{7*7}}"
JS_LINK = "[x](javascript:alert(1))"
FORMULA = '=HYPERLINK("x")'
ATTR_BREAK = 'pages/"><svg onload=alert(1)>/es.txt'
EP1 = "ep-1"
EP2 = "../../CON"  # a hostile episode id: its page name must still be safe


def _chapter(ts: int, title: str, body: str, quotes: tuple[str, ...] = ()) -> Chapter:
    return Chapter(
        ts=ts,
        ts_text=f"{ts // 60:02d}:{ts % 60:02d}",
        title=title,
        body=body,
        quotes=tuple(Quote(text=q, mark='"') for q in quotes),
    )


def _variant(
    path: str, locale: str, lang: str, title: str, chapters: tuple[Chapter, ...], position: int = 0
) -> Variant:
    return Variant(
        source_path=path,
        page_locale=locale,
        position=position,
        title=title,
        summary=f"Summary with *emphasis* and {JS_LINK}",
        chapters=chapters,
        entities=(Entity("Ada", "Person", f"desc {SCRIPT}", 0), Entity("Tool", "Software", "a tool", 1)),
        layout=Layout.FLATTENED,
        lang=lang,
    )


REF_CHAPTERS = (
    _chapter(0, "Intro", f"Intro body {SCRIPT}", (f"quote {IMG}",)),
    _chapter(75, "Middle", "Middle body", ("middle quote",)),
    _chapter(200, "End", "End body"),
)
ES_CHAPTERS = (
    _chapter(0, "Intro es", "Cuerpo", ("cita",)),
    _chapter(75, "Medio", "Cuerpo medio"),
    _chapter(300, "Extra", "Capítulo extra"),
)
EN = _variant("pages/en.txt", "en", "en", SCRIPT, REF_CHAPTERS)
ES = _variant(ATTR_BREAK, "es", "es", IMG, ES_CHAPTERS)
JA = _variant("pages/ja.txt", "ja", "en", "untranslated", REF_CHAPTERS)
EP2_EN = _variant("pages/en.txt", "en", "en", "Second", REF_CHAPTERS[:1], position=1)


def _finding(
    code: str, severity: Severity, variant: Variant, evidence: str, sort: int, episode: str = EP1
) -> Finding:
    return Finding(
        episode_id=episode,
        page_locale=variant.page_locale,
        source_path=variant.source_path,
        chapter_sort=sort,
        code=code,
        message=f"Chapter `[{sort}]` {TEMPLATE_INJECTION}" if sort >= 0 else f"Variant {TEMPLATE_INJECTION}",
        episode_title=SCRIPT,
        lang=variant.lang,
        ref_lang="en",
        chapter_ts=f"{sort // 60:02d}:{sort % 60:02d}" if sort >= 0 else "",
        name=f"name-{code}",
        severity=severity,
        evidence=evidence,
        variant_key=variant.key,
    )


def _chapter_row(ref_ts: str, var_ts: str, status: str, score: float) -> ChapterRow:
    return ChapterRow(
        episode_id=EP1,
        episode_title=SCRIPT,
        page_locale="es",
        lang="es",
        ref_lang="en",
        ref_ts=ref_ts,
        var_ts=var_ts,
        status=status,
        score=score,
        components=(("ts_score", 1.0), ("length_score", 0.5), ("content_score", 0.25)),
        source_path=ATTR_BREAK,
        variant_key=ES.key,
    )


def _row(variant: Variant, episode: str, score: float | None, counts: tuple[int, int, int]) -> VariantRow:
    errors, warnings, infos = counts
    return VariantRow(
        episode_id=episode,
        episode_title=f"title {episode}",
        page_locale=variant.page_locale,
        lang=variant.lang,
        is_reference=score is None,
        chapters=len(variant.chapters),
        quotes=variant.quote_count,
        entities=variant.entity_count,
        score=score,
        errors=errors,
        warnings=warnings,
        infos=infos,
        source_path=variant.source_path,
        title=variant.title,
        layout="flattened",
        coverage=None if score is None else 0.9,
        quality=100.0,
        words=10,
        variant_key=variant.key,
    )


ES_ALIGNMENT = Alignment(
    variant=ES,
    chapters=(
        ChapterPair(REF_CHAPTERS[0], ES_CHAPTERS[0], "matched"),
        ChapterPair(REF_CHAPTERS[1], ES_CHAPTERS[1], "matched"),
        ChapterPair(REF_CHAPTERS[2], None, "missing"),
        ChapterPair(None, ES_CHAPTERS[2], "extra"),
    ),
    entities=(
        EntityPair(EN.entities[0], ES.entities[0], "name", "Person", "Person"),  # type: ignore[index]
        EntityPair(EN.entities[1], None, "", "Software", ""),  # type: ignore[index]
        EntityPair(None, ES.entities[1], "", "", "Software"),  # type: ignore[index]
    ),
)
JA_ALIGNMENT = Alignment(
    variant=JA,
    chapters=tuple(ChapterPair(c, c, "matched") for c in REF_CHAPTERS),
    entities=(),
)

FINDINGS = (
    _finding("Q201", Severity.ERROR, ES, SCRIPT, 0),
    _finding("C101", Severity.ERROR, ES, FORMULA, 200),
    _finding("S007", Severity.WARNING, ES, IMG, -1),
    _finding("C102", Severity.WARNING, ES, "", 300),
    _finding("L401", Severity.ERROR, JA, FORMULA, -1),
    _finding("S009", Severity.ERROR, EN, "dup", 75),
    _finding("E306", Severity.INFO, EP2_EN, TEMPLATE_INJECTION, -1, episode=EP2),
)
WAIVED = (_finding("E306", Severity.INFO, JA, JS_LINK, -1),)

TRENDS: dict[str, Any] = {
    "nights": [
        {"run_id": "a", "started_at": "2024-05-01T02:00:00Z", "errors": 4, "warnings": 2, "infos": 0,
         "by_code": {}, "scores": {"es": 70.0, "ja": 50.0}},
        {"run_id": "b", "started_at": "2024-05-02T02:00:00Z", "errors": 3, "warnings": 6, "infos": 1,
         "by_code": {}, "scores": {"es": 80.0, "ja": 55.5}},
        {"run_id": "c", "started_at": "2024-05-03T02:00:00Z", "errors": 3, "warnings": 5, "infos": 1,
         "by_code": {}, "scores": {"es": 90.0}},
    ],
    "new": [f"key {SCRIPT}"],
    "fixed": [],
}  # fmt: skip


def build_result(trends: dict[str, Any] | None = None, waived: tuple[Finding, ...] = WAIVED) -> RunResult:
    return RunResult(
        settings=Settings().signature(["C101", "S007", "L401"]),
        pages=(
            RawPage(path="pages/en.txt", text="", locale="en", locale_source="path"),
            RawPage(path=ATTR_BREAK, text="", locale="es", locale_source="path"),
            RawPage(path="pages/ja.txt", text="", locale="ja", locale_source="ui-strings"),
            RawPage(path="pages/fr.bin", text=None, locale="fr", locale_source="path", error=IMG),
        ),
        variants=(EN, ES, JA, EP2_EN),
        episodes=(
            Episode(episode_id=EP1, variants=(EN, ES, JA), reference=EN, ref_lang="en", pairing="title"),
            Episode(episode_id=EP2, variants=(EP2_EN,), reference=EP2_EN, ref_lang="en", pairing="single"),
        ),
        findings=tuple(sorted(FINDINGS)),
        chapters=(
            _chapter_row("00:00", "00:00", "matched", 91.5),
            _chapter_row("01:15", "01:15", "matched", 60.0),
            _chapter_row("03:20", "", "missing", 0.0),
            _chapter_row("", "05:00", "extra", 0.0),
        ),
        variant_rows=(
            _row(EN, EP1, None, (1, 0, 0)),
            _row(ES, EP1, 72.26, (2, 2, 0)),
            _row(JA, EP1, 40.0, (1, 0, 0)),
            _row(EP2_EN, EP2, None, (0, 0, 1)),
        ),
        alignments=(ES_ALIGNMENT, JA_ALIGNMENT),
        trends=trends,
        waived=waived,
    )


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: list[str] = field(default_factory=list)
    parents: tuple[Element, ...] = ()

    @property
    def content(self) -> str:
        return " ".join(" ".join(self.text).split())

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def inside(self, tag: str, cls: str = "") -> bool:
        return any(p.tag == tag and (not cls or cls in p.classes()) for p in self.parents)


class _Collector(HTMLParser):
    VOID: ClassVar[frozenset[str]] = frozenset({"meta", "br", "img", "link", "input", "hr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), parents=tuple(self.stack))
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs), parents=tuple(self.stack)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text.append(data)


def parse(html: str) -> list[Element]:
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def by_id(elements: list[Element], ident: str) -> Element:
    found = [e for e in elements if e.attrs.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]
