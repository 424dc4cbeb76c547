"""The whole run: read → parse → detect → pair → align → check → score, as one library call."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from aligner import langdata
from aligner.align import align_episode
from aligner.checks import CATALOG, Check, EpisodeContext, select_codes
from aligner.detect import detect_variant
from aligner.model import Alignment, Episode, Finding, Severity
from aligner.pair import pair_variants
from aligner.parse import ParsedPage, parse_page
from aligner.read import discover, read_page
from aligner.resources import Resources
from aligner.results import ChapterRow, RunResult, VariantRow
from aligner.score import chapter_rows, variant_row, variant_score
from aligner.settings import Settings

Progress = Callable[[Iterable[str], int], Iterable[str]]


class NoInputError(Exception):
    """No readable input at all (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything before scoring: parsed pages, episodes and alignments."""

    parsed: tuple[ParsedPage, ...]
    episodes: tuple[Episode, ...]
    alignments: dict[str, Alignment]
    resources: Resources = field(default_factory=Resources)


def _no_progress(items: Iterable[str], total: int) -> Iterable[str]:
    return items


def load(paths: Sequence[str], settings: Settings, progress: Progress = _no_progress) -> list[ParsedPage]:
    """Read, parse and language-detect every input file."""
    files, missing = discover(paths)
    if not files:
        raise NoInputError("no input files found" + (f" (missing: {', '.join(missing)})" if missing else ""))
    parsed: list[ParsedPage] = []
    for path in progress(files, len(files)):
        page = read_page(path, settings.locale, langdata.ui_locale)
        result = parse_page(page)
        variants = tuple(detect_variant(v, settings.languages) for v in result.variants)
        parsed.append(replace(result, variants=variants))
    return parsed


def analyse(parsed: Sequence[ParsedPage], settings: Settings) -> Analysis:
    variants = [v for page in parsed for v in page.variants]
    episodes = pair_variants(variants, settings.source_lang, settings.tolerance)
    alignments: dict[str, Alignment] = {}
    for episode in episodes:
        for alignment in align_episode(episode, settings.tolerance):
            alignments[alignment.variant.key] = alignment
    return Analysis(tuple(parsed), tuple(episodes), alignments, build_resources(alignments, settings))


def build_resources(alignments: dict[str, Alignment], settings: Settings) -> Resources:
    """Run-wide resources for the checks (glossary, calibrated length model, …)."""
    return Resources()


def enabled_checks(settings: Settings) -> list[Check]:
    return [CATALOG[code]() for code in select_codes(settings.select, settings.ignore)]


def run_checks(analysis: Analysis, settings: Settings) -> list[Finding]:
    checks = enabled_checks(settings)
    findings: list[Finding] = []
    for check in checks:
        if check.scope == "page":
            for page in analysis.parsed:
                findings.extend(check.run_page(page, settings))
    for episode in analysis.episodes:
        ctx = EpisodeContext(episode, analysis.alignments, settings, analysis.resources)
        for check in checks:
            if check.scope == "episode":
                findings.extend(check.run(ctx))
    return sorted(_apply_severity(findings, settings))


def _apply_severity(findings: list[Finding], settings: Settings) -> Iterable[Finding]:
    for finding in findings:
        override = settings.severity_for(finding.code, finding.page_locale)
        yield replace(finding, severity=Severity.parse(override)) if override else finding


def score(
    analysis: Analysis, findings: Sequence[Finding], settings: Settings
) -> tuple[list[ChapterRow], list[VariantRow]]:
    by_variant: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_variant[finding.variant_key].append(finding)
    chapters: list[ChapterRow] = []
    variants: list[VariantRow] = []
    for episode in analysis.episodes:
        for variant in episode.variants:
            alignment = analysis.alignments.get(variant.key)
            score_value = coverage = None
            if alignment is not None:
                rows = chapter_rows(episode, alignment, settings.tolerance)
                chapters.extend(rows)
                score_value, coverage = variant_score(rows, alignment)
            variants.append(variant_row(episode, variant, by_variant[variant.key], score_value, coverage))
    chapters.sort(key=lambda r: (r.episode_id, r.page_locale, r.source_path, _ts_key(r)))
    variants.sort(key=lambda r: (r.episode_id, not r.is_reference, r.page_locale, r.source_path))
    return chapters, variants


def _ts_key(row: ChapterRow) -> tuple[int, str]:
    from aligner.parse.items import parse_ts

    label = row.ref_ts or row.var_ts
    return (parse_ts(label) if label else -1, row.var_ts)


def check_paths(paths: Sequence[str], settings: Settings, progress: Progress = _no_progress) -> RunResult:
    """Run the whole pipeline on files/directories; raises NoInputError if nothing is readable."""
    parsed = load(paths, settings, progress)
    return build_result(parsed, settings)


def build_result(parsed: Sequence[ParsedPage], settings: Settings) -> RunResult:
    analysis = analyse(parsed, settings)
    findings = run_checks(analysis, settings)
    chapters, variants = score(analysis, findings, settings)
    codes = select_codes(settings.select, settings.ignore)
    return RunResult(
        settings=settings.signature(codes),
        pages=tuple(p.page for p in parsed),
        variants=tuple(v for p in parsed for v in p.variants),
        episodes=analysis.episodes,
        findings=tuple(findings),
        chapters=tuple(chapters),
        variant_rows=tuple(variants),
        alignments=tuple(analysis.alignments[k] for k in sorted(analysis.alignments)),
    )


def exit_code(result: RunResult, fail_on: str) -> int:
    """0: nothing at or above ``fail_on``; 1: something is. ``never`` always gives 0."""
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in result.findings) else 0
