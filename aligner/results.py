"""What a run produces, in the shape every reporter reads (reporters never compute findings)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aligner.model import Episode, Finding, RawPage, Severity, Variant
from aligner.parse.items import parse_ts
from aligner.pickling import by_fields

CHAPTER_COLUMNS: tuple[str, ...] = (
    "episode_id",
    "episode_title",
    "page_locale",
    "lang",
    "ref_lang",
    "ref_ts",
    "var_ts",
    "status",
    "score",
)

VARIANT_COLUMNS: tuple[str, ...] = (
    "episode_id",
    "episode_title",
    "page_locale",
    "lang",
    "is_reference",
    "chapters",
    "quotes",
    "entities",
    "score",
    "errors",
    "warnings",
    "infos",
    "source_path",
)


@by_fields
@dataclass(frozen=True, slots=True)
class ChapterRow:
    """One chapter pair of one variant with its score and score components."""

    episode_id: str
    episode_title: str
    page_locale: str
    lang: str
    ref_lang: str
    ref_ts: str
    var_ts: str
    status: str
    score: float
    components: tuple[tuple[str, float], ...]  # (name, value in 0..1), fixed order
    source_path: str
    ref_title: str = ""
    var_title: str = ""
    variant_key: str = ""  # the variant's ``Variant.key``: not a report column (see ``VariantRow``)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "episode_id": self.episode_id,
            "episode_title": self.episode_title,
            "page_locale": self.page_locale,
            "lang": self.lang,
            "ref_lang": self.ref_lang,
            "ref_ts": self.ref_ts,
            "var_ts": self.var_ts,
            "status": self.status,
            "score": round(self.score, 1),
        }
        for name, value in self.components:
            record[name] = round(value, 3)
        record["source_path"] = self.source_path
        record["ref_title"] = self.ref_title
        record["var_title"] = self.var_title
        return record


@by_fields
@dataclass(frozen=True, slots=True)
class VariantRow:
    episode_id: str
    episode_title: str
    page_locale: str
    lang: str
    is_reference: bool
    chapters: int
    quotes: int
    entities: int
    score: float | None  # None for the reference (nothing to compare it with)
    errors: int
    warnings: int
    infos: int
    source_path: str
    title: str
    layout: str
    coverage: float | None
    quality: float | None  # MQM-style: 100 minus penalty points per 1,000 words
    words: int
    # The variant's ``Variant.key`` (page and card): not a report column. A listing page holds
    # cards of several episodes, which share the page, its locale and often the language.
    variant_key: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "episode_id": self.episode_id,
            "episode_title": self.episode_title,
            "page_locale": self.page_locale,
            "lang": self.lang,
            "is_reference": self.is_reference,
            "chapters": self.chapters,
            "quotes": self.quotes,
            "entities": self.entities,
            "score": "" if self.score is None else round(self.score, 1),
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "source_path": self.source_path,
            "title": self.title,
            "layout": self.layout,
            "coverage": "" if self.coverage is None else round(self.coverage, 3),
            "quality": "" if self.quality is None else round(self.quality, 1),
            "words": self.words,
        }


def chapter_order(row: ChapterRow) -> tuple[str, str, str, int, str]:
    """The sort key of chapter rows: episode, page locale, page, then chapter time."""
    label = row.ref_ts or row.var_ts
    return (row.episode_id, row.page_locale, row.source_path, parse_ts(label) if label else -1, row.var_ts)


@by_fields
@dataclass(frozen=True, slots=True)
class ChapterFragment:
    """One episode's chapter rows as the reporters write them (``aligner.report.fragments``):
    rendered where the rows are scored, joined when the reports are written."""

    episode_id: str
    count: int  # rows
    keys: tuple[str, ...]  # every row's record keys, in order
    csv: bytes  # zlib: the rows' lines of chapters.csv
    json: bytes  # zlib: the rows' items of report.json's "chapters", joined by their separator


@dataclass(frozen=True, slots=True)
class RunResult:
    settings: dict[str, Any]  # the settings signature
    pages: tuple[RawPage, ...]
    variants: tuple[Variant, ...]
    episodes: tuple[Episode, ...]
    findings: tuple[Finding, ...]  # sorted
    chapters: Sequence[ChapterRow]  # sorted (aligner.packedrows.ChapterRows: unpickled when read)
    variant_rows: tuple[VariantRow, ...]  # sorted
    alignments: tuple[Any, ...] = ()  # aligner.model.Alignment, kept for reporters that draw pages
    # Nightly history, when a history database is in use (else None). Shape:
    # {"nights": [{"run_id": str, "started_at": ISO str, "errors": int, "warnings": int, "infos": int,
    #              "by_code": {code: int}, "scores": {locale: float}}, …oldest first, this run last],
    #  "new": [finding keys new since the previous night], "fixed": [finding keys gone since then]}
    # Also (aligner.history): each night's "new"/"fixed" counts against the night before it, and
    # "new_errors" (the new keys at error severity), "previous_run_id" (str | None: the first night
    # is the baseline, with nothing new), "settings_changed" (bool), "settings_changes" (the names
    # that changed), "waived" / "baselined" / "unwaived" (keys accepted tonight by a waiver, by the
    # baseline, and back tonight after one: neither fixed nor new). Keys: aligner.history.finding_key.
    trends: dict[str, Any] | None = None
    # Findings accepted by a waiver (kept visible in reports as waived): same records as findings.
    waived: tuple[Finding, ...] = ()
    # Findings left out because a --baseline findings.csv already holds them (counted in the summary).
    baselined: tuple[Finding, ...] = ()
    baseline_entries: int = 0  # findings the --baseline file holds (0: none given)
    # Waivers that did not apply (aligner.waivers.StaleWaiver: expired, evidence-changed, unused).
    stale_waivers: tuple[Any, ...] = ()
    # The chapter rows pre-rendered per episode, in episode order (None: an episode's rows could
    # not be). Reporters use them only when they join into exactly what the rows render to.
    chapter_fragments: tuple[ChapterFragment | None, ...] = field(default=(), compare=False)
    # The cache key of each episode's outcome, in episode order (empty without a cache): it stands
    # for all an episode page shows but its findings and variant rows (aligner.report.pagecache).
    episode_keys: tuple[str | None, ...] = field(default=(), compare=False)
    # The snapshot folder the pages are named relative to (``aligner diff`` and ``nightly``; see
    # aligner.diff.load_snapshot), shown in the HTML overview; empty for ``aligner check``.
    snapshot: str = ""
    # The --fail-on threshold the command gates on ("error", "warning", "never"); empty when no
    # command gated the run (a nightly run, a library call): the HTML overview then shows no verdict.
    fail_on: str = ""
    # What the run read besides its pages (aligner.runinputs): config file, gate threshold, waivers,
    # baseline and glossary with their digests — report.json's "run" (empty: not recorded).
    inputs: dict[str, Any] = field(default_factory=dict, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)


VERDICT_CODES = 5  # codes named in a FAIL line


def failing(result: RunResult, fail_on: str) -> list[Finding]:
    """The findings at or above ``fail_on`` (none for ``never``), which make the exit code 1."""
    if fail_on == "never":
        return []
    threshold = Severity.parse(fail_on).rank
    return [f for f in result.findings if f.severity.rank >= threshold]


def verdict(result: RunResult, fail_on: str) -> str:
    """The line a pre-publish gate reads: ``FAIL`` (exit 1) with the findings at or above
    ``fail_on`` counted by code, ``PASS`` (exit 0), or that nothing was gated (``never``). The
    command line ends with it, and the HTML overview opens with it."""
    if fail_on == "never":
        return "not gated (--fail-on never): exit 0"
    codes = Counter(f.code for f in failing(result, fail_on))
    if not codes:
        return f"PASS: no finding at or above {fail_on}"
    ranked = sorted(codes.items(), key=lambda item: (-item[1], item[0]))
    named = ", ".join(f"{code} ×{count}" for code, count in ranked[:VERDICT_CODES])
    more = f" and {len(ranked) - VERDICT_CODES} more codes" if len(ranked) > VERDICT_CODES else ""
    total = sum(codes.values())
    return f"FAIL: {total} finding{'s' if total > 1 else ''} at or above {fail_on} ({named}{more})"
