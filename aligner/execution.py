"""Where the expensive work runs: in worker processes (``--jobs``) and from the cache (``--cache``).

Two kinds of work are independent and run in parallel, in deterministic order:

* **per page** — read + parse + language detection (``load_page``);
* **per episode** after pairing and alignment — the episode-scope checks and the chapter
  scores of one episode (``EpisodeWork`` in, ``EpisodeOutcome`` out).

Pairing, alignment and the run-wide resources (glossary, calibrated length model) need every
page and stay in the main process, between the two parallel phases, as do the page-scope checks
(they only report what the parser recorded) and S004, which compares a card with the other
cards of its page (``Check.reads_pages``). Results are gathered in input order, so any
``--jobs`` gives the same reports byte for byte (findings and rows are sorted afterwards anyway).

Workers are forked where the platform can fork (Linux, macOS), else spawned. They get the small
run-wide state once (settings, resources, enabled codes) and each task's data pickled: a forked
worker that *read* the inherited analysis would write the reference count of everything it
touched, copying the main process's memory page by page (see ``EpisodeWork``).
Run objects pickle as their field values (``aligner.pickling``). Nothing in a worker may use a
thread pool created in the parent: lingua is only called through its sequential API
(``aligner.langid``).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from aligner import langdata
from aligner.cache import RunCache, code_fingerprint, digest, open_cache
from aligner.checks import CATALOG, Check, EpisodeContext
from aligner.detect import detect_variant, page_candidates
from aligner.filekeys import file_key, file_keys
from aligner.fingerprint import remember
from aligner.memo import episode_scope
from aligner.model import Alignment, Episode, Finding, Variant
from aligner.packedrows import PackedRows, Rows
from aligner.parse import PageProblem, ParsedPage, parse_page
from aligner.pickling import by_fields
from aligner.pool import STATE, stored_or_run
from aligner.read import read_page
from aligner.report.fragments import render_fragment
from aligner.resources import Resources
from aligner.results import ChapterFragment, chapter_order
from aligner.score import chapter_rows, variant_score
from aligner.settings import Settings

Progress = Callable[[Iterable[str], int], Iterable[str]]
MAX_ERROR_CHARS = 200  # of an unexpected error's text in a finding


# -- per page: read + parse + detect ---------------------------------------------------------------


def load_page(path: str, settings: Settings, name: str | None = None) -> ParsedPage:
    """Read, parse and language-detect one file (``name``: what the reports call it, when not
    ``path``). ``parse_page`` reports bad content as problems and never raises (the fuzz tests
    hold it to that); should it or the detector raise all the same — a bug of aligner's — the
    page is an S002 naming the error, and the run goes on."""
    page = read_page(path, settings.locale, langdata.ui_locale, name)
    kept = replace(page, text=None)  # the run keeps the parse, not the text (as much memory again)
    try:
        result = parse_page(page)
        # each variant's own page locale: a JSON file of `aligner parse` holds the pages of many
        variants = tuple(
            detect_variant(v, page_candidates(settings.languages, v.page_locale)) for v in result.variants
        )
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
        problem = PageProblem(
            "S002", f"`{page.path}` could not be parsed ({reason}): a bug in aligner, please report it"
        )
        return ParsedPage(kept, (), (problem,))
    return replace(result, page=kept, variants=variants)


def variant_digest(variant: Variant) -> str:
    """What stands for a variant in cache keys: the digest of all it holds (its pickle). A unit
    and an alignment read nothing of a page but its variants, so a card edited on a page of ten
    invalidates the work of its own episode, not of the ten. (Two equal variants pickled with
    their strings shared differently would only make a needless miss.)"""
    return hashlib.blake2b(
        pickle.dumps(variant, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20
    ).hexdigest()


def variant_digests(parsed: Iterable[ParsedPage]) -> dict[str, str]:
    """Variant key → ``variant_digest``, from the parses (worked out here where they lack them)."""
    found: dict[str, str] = {}
    for page in parsed:
        digests = page.variant_digests or tuple(map(variant_digest, page.variants))
        found.update(zip((v.key for v in page.variants), digests, strict=True))
    return found


def _ship(value: Any, kind: str, key: str | None) -> Any:
    """A task's result: stored in the cache under ``key``; pickled once when it leaves a worker."""
    cache: RunCache | None = STATE["cache"]
    if (cache is None or key is None) and STATE.get("inline"):
        return value
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if cache is not None and key is not None:
        cache.put_bytes(kind, key, data)
    return value if STATE.get("inline") else data


def _load_task(task: tuple[str, str, str | None]) -> Any:
    path, name, key = task
    page = load_page(path, STATE["settings"], name)
    if STATE["cache"] is not None:  # the parse is cached: so are its variants' digests
        page = replace(page, variant_digests=tuple(map(variant_digest, page.variants)))
    if key is not None and file_key(path, STATE["settings"], name) != key:
        key = None  # the file changed while it was read: do not cache this parse under the old key
    return _ship(page, "pages", key)


def load_files(
    files: Sequence[str],
    settings: Settings,
    progress: Progress,
    jobs: int,
    cache: RunCache | str | None,
    names: Sequence[str] | None = None,
) -> list[ParsedPage]:
    """``load_page`` for every file (named as in ``names``, else by its path), in order: cached
    parses are reused, the rest computed."""
    store = open_cache(cache)
    shown = files if names is None else names
    keys = file_keys(files, settings, store, jobs, shown) if store is not None else [None] * len(files)
    found = stored_or_run(
        store,
        "pages",
        keys,
        lambda i: (files[i], shown[i], keys[i]),
        _load_task,
        {"settings": settings, "cache": store},
        jobs,
        steps=progress(files, len(files)),
        overlap=True,
    )
    return [page for page in found if page is not None]


# -- per unit: page checks, episode checks and scores ----------------------------------------------


@by_fields
@dataclass(frozen=True, slots=True)
class VariantScore:
    rows: Rows  # tuple[ChapterRow, ...] where scored, PackedRows once checked (see aligner.packedrows)
    score: float
    coverage: float


@by_fields
@dataclass(frozen=True, slots=True)
class EpisodeOutcome:
    """An episode's findings (before severity overrides and waivers) and its variants' scores."""

    findings: tuple[Finding, ...]
    scores: dict[str, VariantScore] = field(default_factory=dict)  # variant key → score
    words: dict[str, int] = field(default_factory=dict)  # variant key → Variant.word_count()
    chapters: ChapterFragment | None = None  # the scores' chapter rows, rendered for the reports
    fingerprints: tuple[str, ...] = ()  # the findings' (see ``remember_fingerprints``)


def enabled(codes: Sequence[str]) -> list[Check]:
    return [CATALOG[code]() for code in codes]


def page_findings(page: ParsedPage, checks: Sequence[Check], settings: Settings) -> list[Finding]:
    return [f for check in checks if check.scope != "diff" for f in check.run_page(page, settings)]


def episode_findings(ctx: EpisodeContext, checks: Sequence[Check]) -> list[Finding]:
    return [f for check in checks if check.scope == "episode" for f in check.run(ctx)]


def variant_scores(
    episode: Episode, alignments: Mapping[str, Alignment], resources: Resources, settings: Settings
) -> dict[str, VariantScore]:
    scores: dict[str, VariantScore] = {}
    for variant in episode.variants:
        alignment = alignments.get(variant.key)
        if alignment is not None:
            rows = chapter_rows(episode, alignment, settings.tolerance, resources.length_model)
            score_value, coverage = variant_score(rows, alignment)
            scores[variant.key] = VariantScore(tuple(rows), score_value, coverage)
    return scores


def page_map(analysis: Any) -> dict[str, ParsedPage]:
    """Each page by its path, and each page a JSON file holds by the ``FILE#PAGE`` its variants
    carry (``aligner parse`` of several pages): S004 compares a card with the cards of its own page,
    as it does reading the pages themselves."""
    pages = {page.page.path: page for page in analysis.parsed}
    for page in analysis.parsed:
        origins: dict[str, list[Variant]] = {}
        for variant in page.variants:
            if variant.source_path != page.page.path:
                origins.setdefault(variant.source_path, []).append(variant)
        for origin, variants in origins.items():
            pages.setdefault(origin, replace(page, variants=tuple(variants), problems=(), variant_digests=()))
    return pages


@by_fields
@dataclass(frozen=True, slots=True)
class EpisodeWork:
    """What checking one episode needs of the analysis: the episode and its variants' alignments.

    A worker receives it pickled rather than reading the analysis it inherited: a forked worker
    that reads an inherited object writes its reference count, which copies the object's memory
    page into the worker — reading every episode that way copies most of the main process."""

    episode: Episode
    alignments: dict[str, Alignment]


def episode_work(analysis: Any, index: int) -> EpisodeWork:
    episode: Episode = analysis.episodes[index]
    alignments = {v.key: analysis.alignments[v.key] for v in episode.variants if v.key in analysis.alignments}
    return EpisodeWork(episode, alignments)


def _unit_task(task: tuple[EpisodeWork, str | None]) -> Any:
    with episode_scope():  # the checks and the scores share matrices and rows, however many variants
        return _checked_unit(*task)


def _checked_unit(work: EpisodeWork, key: str | None) -> Any:
    settings, resources = STATE["settings"], STATE["resources"]
    if "checks" not in STATE:
        STATE["checks"] = enabled(STATE["codes"])
    ctx = EpisodeContext(work.episode, work.alignments, settings, resources)  # no pages: see evaluate
    findings = tuple(episode_findings(ctx, STATE["checks"]))
    scores = variant_scores(work.episode, work.alignments, resources, settings)
    words = {variant.key: variant.word_count() for variant in work.episode.variants}
    rows = [row for v in work.episode.variants if v.key in scores for row in scores[v.key].rows]
    rendered = render_fragment(work.episode.episode_id, sorted(rows, key=chapter_order))
    packed = {key: VariantScore(PackedRows(s.rows), s.score, s.coverage) for key, s in scores.items()}
    fingerprints = tuple(finding.fingerprint for finding in findings)
    value = EpisodeOutcome(findings, packed, words, rendered, fingerprints)
    return _ship(value, "units", key)


def remember_fingerprints(outcomes: Iterable[EpisodeOutcome]) -> None:
    """Let this process (and the report lanes it forks) look up the fingerprints the workers
    worked out, instead of hashing every finding again (``aligner.fingerprint.remember``)."""
    remember(
        (finding.fingerprint_inputs, known)
        for outcome in outcomes
        for finding, known in zip(outcome.findings, outcome.fingerprints, strict=True)
    )


def _page_reading_findings(analysis: Any, settings: Settings, checks: Sequence[Check]) -> list[Finding]:
    """Episode checks that compare a card with the other cards of its page (S004), run here: a
    worker reading the inherited pages would copy them (see ``EpisodeWork``). They are cheap."""
    if not checks:
        return []
    pages = page_map(analysis)
    found: list[Finding] = []
    for episode in analysis.episodes:
        ctx = EpisodeContext(episode, analysis.alignments, settings, analysis.resources, pages)
        found.extend(episode_findings(ctx, checks))
    return found


def _episode_keys(analysis: Any, settings: Settings, codes: Sequence[str]) -> list[str]:
    """Cache keys of the episode units (see ``aligner.cache``)."""
    digests = analysis.variant_digests or variant_digests(analysis.parsed)
    run = digest("run", code_fingerprint(), settings, list(codes))
    resources = digest("resources", analysis.resources)
    return [
        digest(
            "episode",
            run,
            resources,
            episode.episode_id,
            episode.pairing,
            episode.reference.key,
            episode.ref_lang,
            variant_identities(episode, digests),
        )
        for episode in analysis.episodes
    ]


def variant_identities(episode: Episode, digests: Mapping[str, str]) -> str:
    """An episode's variants with their digests (``variant_digests``), as one string for a digest
    (the ``repr`` of string pairs: unambiguous, and made in C rather than by ``canonical``)."""
    return repr([(v.key, digests.get(v.key, "")) for v in episode.variants])


def evaluate(
    analysis: Any,
    settings: Settings,
    codes: Sequence[str],
    jobs: int = 1,
    cache: RunCache | str | None = None,
) -> tuple[list[Finding], list[EpisodeOutcome], list[str | None]]:
    """Page findings (all pages, in order), one outcome per episode (in order), and the cache key
    of each outcome (``None`` without a cache).

    Page checks only report the problems the parser recorded, and checks that read other cards
    of a page are cheap: they run here. Episodes are checked in ``jobs`` workers, each receiving
    its ``EpisodeWork``; cached outcomes are reused."""
    store = open_cache(cache)
    checks = enabled(codes)
    worker_codes = [check.code for check in checks if not check.reads_pages]
    count = len(analysis.episodes)
    keys: list[str | None] = [None] * count
    if store is not None:
        keys = list(_episode_keys(analysis, settings, worker_codes))
    # Before the workers fork: these read the pages, and reading an object shared with a forked
    # worker writes its reference count, which copies its memory page (see EpisodeWork).
    found = [f for page in analysis.parsed for f in page_findings(page, checks, settings)]
    found += _page_reading_findings(analysis, settings, [c for c in checks if c.reads_pages])
    state = {"settings": settings, "resources": analysis.resources, "codes": worker_codes, "cache": store}
    results = stored_or_run(
        store, "units", keys, lambda i: (episode_work(analysis, i), keys[i]), _unit_task, state, jobs
    )
    return found, results, keys
