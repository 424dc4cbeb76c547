"""The whole run: read → parse → detect → pair → align → check → score, as one library call."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from aligner.align import align_episode
from aligner.aligncache import AlignmentStore
from aligner.cache import RunCache, open_cache
from aligner.checks import CATALOG, Check, EpisodeContext, check_codes
from aligner.execution import (
    VariantScore,
    episode_findings,
    evaluate,
    load_files,
    page_findings,
    page_map,
    remember_fingerprints,
    variant_digests,
    variant_scores,
)
from aligner.glossary import Glossary, load_glossary
from aligner.heap import freezing, frozen_heap
from aligner.lengthmodel import LengthModel
from aligner.model import Alignment, Episode, Finding, Severity
from aligner.packedrows import ChapterRows, Rows
from aligner.pair import pair_variants
from aligner.parse import ParsedPage, parse_page
from aligner.read import discover, missing_page, printable, relative_name
from aligner.resources import Resources
from aligner.results import ChapterFragment, RunResult, VariantRow, failing
from aligner.runinputs import run_inputs
from aligner.score import variant_row
from aligner.settings import Settings
from aligner.waivers import Suppressed, suppress

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
    # Variant key → ``variant_digest``, when the analysis used a cache (the units' keys read them too).
    variant_digests: Mapping[str, str] = field(default_factory=dict)


def no_progress(items: Iterable[str], total: int) -> Iterable[str]:
    return items


def load(
    paths: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    jobs: int = 1,
    cache: RunCache | str | None = None,
    root: str | None = None,
) -> list[ParsedPage]:
    """Read, parse and language-detect every input file (in ``jobs`` worker processes; parses
    of unchanged files come from ``cache``, see ``aligner.execution`` and ``aligner.cache``).
    With ``root`` (a snapshot's folder), the files under it are named relative to it."""
    files, missing = discover(paths)
    if not files:
        # each path with its reason: a folder that exists but holds no page is not "missing"
        shown = "; ".join(f"{printable(path)}: {reason}" for path, reason in missing.items())
        raise NoInputError("no input files found" + (f" ({shown})" if missing else ""))
    # A path given that holds nothing to read (a typo) is an S001 finding, never silently skipped:
    # a pre-publish check of two pages, one of them mistyped, must not pass.
    unread = [
        parse_page(missing_page(relative_name(path, root), reason, settings.locale))
        for path, reason in missing.items()
    ]
    names = [relative_name(path, root) for path in files] if root is not None else None
    return [*load_files(files, settings, progress, jobs, cache, names), *unread]


def analyse(
    parsed: Sequence[ParsedPage], settings: Settings, cache: RunCache | str | None = None
) -> Analysis:
    """Pair and align the variants; calibrate the run-wide resources. With a ``cache``, episode
    groups and alignments of unchanged variants are reused (``aligner.pair``, ``aligner.aligncache``)."""
    store = open_cache(cache)
    variants = [v for page in parsed for v in page.variants]
    episodes = pair_variants(variants, settings.source_lang, settings.tolerance, store)
    glossary = load_glossary(settings.glossary)  # GlossaryError: the CLI exits 2
    digests = variant_digests(parsed) if store else {}
    plans = AlignmentStore(store, settings.tolerance, glossary, digests)
    alignments: dict[str, Alignment] = {}
    for episode in freezing(episodes):  # alignments are kept for the run
        key = plans.key(episode)
        found = plans.get(key, episode)
        if found is None:
            found = align_episode(episode, settings.tolerance, glossary)
            plans.put(key, episode, found)
        for alignment in found:
            alignments[alignment.variant.key] = alignment
    ref_langs = {v.key: e.ref_lang for e in episodes for v in e.others}
    resources = build_resources(alignments, settings, glossary, ref_langs, plans.samples)
    plans.save()
    return Analysis(tuple(parsed), tuple(episodes), alignments, resources, digests)


def build_resources(
    alignments: dict[str, Alignment],
    settings: Settings,
    glossary: Glossary | None = None,
    ref_langs: Mapping[str, str] | None = None,
    measured: Mapping[str, Sequence[float]] | None = None,
) -> Resources:
    """Run-wide resources for the checks: the glossary (``Settings.glossary``, unless already
    loaded) and the length model calibrated on this run's chapter pairs (``ref_langs``: variant
    key → its episode's reference language; ``measured``: calibration samples known already)."""
    if glossary is None:
        glossary = load_glossary(settings.glossary)
    model = LengthModel.calibrate(alignments.values(), ref_langs, measured)
    return Resources(glossary=glossary, length_model=model)


def enabled_checks(settings: Settings) -> list[Check]:
    return [CATALOG[code]() for code in check_codes(settings.select, settings.ignore)]


def run_checks(analysis: Analysis, settings: Settings) -> list[Finding]:
    checks = enabled_checks(settings)
    findings: list[Finding] = []
    for page in analysis.parsed:
        findings.extend(page_findings(page, checks, settings))
    pages = page_map(analysis)  # page context (S004)
    for episode in analysis.episodes:
        ctx = EpisodeContext(episode, analysis.alignments, settings, analysis.resources, pages)
        findings.extend(episode_findings(ctx, checks))
    return sorted(apply_severity(findings, settings))


def apply_severity(findings: Iterable[Finding], settings: Settings) -> Iterable[Finding]:
    for finding in findings:
        override = settings.severity_for(finding.code, finding.page_locale)
        yield replace(finding, severity=Severity.parse(override)) if override else finding


def score(
    analysis: Analysis,
    findings: Sequence[Finding],
    settings: Settings,
    computed: Mapping[str, VariantScore] | None = None,
    words: Mapping[str, int] | None = None,
) -> tuple[ChapterRows, list[VariantRow]]:
    """Chapter and variant rows; ``computed``: chapter scores already worked out per variant key
    (``aligner.execution``), else they are computed here; ``words``: likewise word counts."""
    by_variant: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_variant[finding.variant_key].append(finding)
    chapters: list[Rows] = []  # each variant's rows, in this order: ChapterRows sorts them (stable)
    owners: list[str] = []  # the episode id of each
    variants: list[VariantRow] = []
    for episode in analysis.episodes:
        scores = (
            computed
            if computed is not None
            else variant_scores(episode, analysis.alignments, analysis.resources, settings)
        )
        for variant in episode.variants:
            score_value = coverage = None
            if variant.key in scores:
                chapters.append(scores[variant.key].rows)
                owners.append(episode.episode_id)
                score_value, coverage = scores[variant.key].score, scores[variant.key].coverage
            count = words.get(variant.key) if words is not None else None
            variants.append(
                variant_row(episode, variant, by_variant[variant.key], score_value, coverage, count)
            )
    variants.sort(key=lambda r: (r.episode_id, not r.is_reference, r.page_locale, r.source_path))
    return ChapterRows(chapters, owners), variants


def check_paths(
    paths: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    jobs: int = 1,
    cache: RunCache | str | None = None,
) -> RunResult:
    """Run the whole pipeline on files/directories; raises NoInputError if nothing is readable.

    ``jobs`` worker processes and the ``cache`` folder change how long it takes, never the result.
    """
    with frozen_heap():
        parsed = load(paths, settings, progress, jobs, cache)
        return build_result(parsed, settings, jobs, cache)


def build_result(
    parsed: Sequence[ParsedPage], settings: Settings, jobs: int = 1, cache: RunCache | str | None = None
) -> RunResult:
    """``run_checks`` and ``score`` over ``analyse``, with the per-page and per-episode work in
    ``jobs`` worker processes and reused from ``cache`` (same result as the serial functions)."""
    with frozen_heap():  # the parsed pages and the analysis live as long as the run
        analysis = analyse(parsed, settings, cache)
        gc.freeze()
        checked = check_analysis(analysis, settings, jobs, cache)
        # waivers and --baseline (aligner/waivers.py), judged against the checks that ran
        suppressed = suppress(checked.findings, settings, codes=checked.codes)
        chapters, variants = score(analysis, suppressed.scored, settings, checked.scores, checked.words)
        signature = settings.signature(checked.codes)
        result = run_result(
            signature, analysis, suppressed, chapters, variants, checked.fragments, checked.keys
        )
        return replace(result, inputs=run_inputs(settings))


@dataclass(frozen=True, slots=True)
class Checked:
    """What checking an analysis gives: the findings of ``codes`` (severity overrides applied,
    sorted), and every variant's chapter scores and word count (for ``score``)."""

    codes: list[str]
    findings: list[Finding]
    scores: dict[str, VariantScore]
    words: dict[str, int]
    fragments: tuple[ChapterFragment | None, ...] = ()  # the chapter rows rendered, per episode
    keys: tuple[str | None, ...] = ()  # each episode's cache key (None: no cache)


def check_analysis(
    analysis: Analysis,
    settings: Settings,
    jobs: int = 1,
    cache: RunCache | str | None = None,
    codes: Sequence[str] | None = None,
) -> Checked:
    """``run_checks`` with the per-episode work in ``jobs`` workers and reused from ``cache``, plus
    the chapter scores; ``codes``: the checks to run (default: those the settings enable; none
    gives the scores alone)."""
    codes = check_codes(settings.select, settings.ignore) if codes is None else list(codes)
    found, outcomes, keys = evaluate(analysis, settings, codes, jobs, cache)
    remember_fingerprints(outcomes)
    found += [f for outcome in outcomes for f in outcome.findings]
    return Checked(
        codes,
        sorted(apply_severity(found, settings)),
        {key: value for outcome in outcomes for key, value in outcome.scores.items()},
        {key: count for outcome in outcomes for key, count in outcome.words.items()},
        tuple(outcome.chapters for outcome in outcomes),
        tuple(keys),
    )


def run_result(
    signature: dict[str, object],
    analysis: Analysis,
    suppressed: Suppressed,
    chapters: ChapterRows,
    variant_rows: Sequence[VariantRow],
    fragments: Sequence[ChapterFragment | None] = (),
    keys: Sequence[str | None] = (),
) -> RunResult:
    """The run's result: its pages and variants, the findings left after waivers and baseline,
    the rows (``fragments``: the chapter rows pre-rendered per episode) and the alignments
    (``aligner check`` and ``aligner diff`` both build one)."""
    return RunResult(
        settings=signature,
        pages=tuple(p.page for p in analysis.parsed),
        variants=tuple(v for p in analysis.parsed for v in p.variants),
        episodes=analysis.episodes,
        findings=suppressed.active,
        chapters=chapters,
        variant_rows=tuple(variant_rows),
        alignments=tuple(analysis.alignments[k] for k in sorted(analysis.alignments)),
        waived=suppressed.waived,
        baselined=suppressed.baselined,
        baseline_entries=suppressed.baseline_entries,
        stale_waivers=suppressed.stale,
        chapter_fragments=tuple(fragments),
        episode_keys=tuple(keys),
    )


def exit_code(result: RunResult, fail_on: str) -> int:
    """0: nothing at or above ``fail_on``; 1: something is. ``never`` always gives 0."""
    return 1 if failing(result, fail_on) else 0
