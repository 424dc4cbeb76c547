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

import gc
import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from aligner import langdata
from aligner.cache import RunCache, code_fingerprint, digest, open_cache
from aligner.checks import CATALOG, Check, EpisodeContext
from aligner.cores import available_cores
from aligner.detect import detect_variant
from aligner.filekeys import file_key, file_keys
from aligner.fingerprint import remember
from aligner.heap import freezing, frozen_heap
from aligner.interrupts import worker_started
from aligner.model import Alignment, Episode, Finding, Variant
from aligner.packedrows import PackedRows, Rows
from aligner.parse import PageProblem, ParsedPage, parse_page
from aligner.pickling import by_fields
from aligner.read import read_page
from aligner.report.fragments import render_fragment
from aligner.resources import Resources
from aligner.results import ChapterFragment, chapter_order
from aligner.score import chapter_rows, variant_score
from aligner.settings import Settings

Progress = Callable[[Iterable[str], int], Iterable[str]]
MIN_PARALLEL_TASKS = 4  # fewer tasks than this run in the main process (a pool costs more)
# Stored parses a cached run reads back while workers parse the missing pages: with this many to
# read, a pool started for even one page (fork ≈ 8 ms) parses it while this process reads, rather
# than this process parsing it afterwards (a first page costs 35 ms: the parser's tables). Not so
# for episodes: a few are checked here faster than in a fresh worker, which builds its per-process
# tables at its first episode (25-40 ms) where this process has them from pairing and aligning.
MIN_OVERLAPPED_HITS = 64
# Tasks a worker takes at once: a chunk and its results are in the worker's memory together, so a
# chunk that grew with the run (1/16 of it) made the workers grow with the run too.
MAX_CHUNK = 16
MAX_ERROR_CHARS = 200  # of an unexpected error's text in a finding
WORKER_GC_THRESHOLD = 10_000  # allocations between two young collections in a worker (default 700)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or ``0``: every core this process may use (``aligner.cores``); otherwise at least 1."""
    if not jobs:
        return available_cores()
    return max(1, jobs)


# -- worker pool ---------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}  # what a worker needs, installed by _install (fork: inherited)


def _install(state: dict[str, Any]) -> None:
    _STATE.clear()
    _STATE.update(state)


def _start_worker(state: dict[str, Any], parent: int) -> None:
    """A worker's initializer: it ignores Ctrl-C and ends with ``parent`` (``aligner.interrupts``),
    takes the run-wide state, and sets a young generation of the cyclic garbage
    collector 14 times the default. A task allocates ~10^5 objects that die with it, nearly all
    freed by their reference counts; at the default threshold (700) each task ran ~150 young
    collections and, in their wake, full ones over the worker's caches: ≈ 4% of the check stage
    at 10,000 variants."""
    worker_started(parent)
    _install(state)
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_tasks(
    function: Callable[[Any], Any],
    tasks: Iterable[Any],
    state: dict[str, Any],
    jobs: int,
    count: int | None = None,
    announce: bool = False,
    min_tasks: int = MIN_PARALLEL_TASKS,
) -> Iterator[Any]:
    """``function(task)`` for every task, results in task order; in ``jobs`` worker processes
    when there are at least ``min_tasks``, else here. ``function`` reads ``state`` from
    ``_STATE``. ``count``: the number of tasks when ``tasks`` is not a sequence. ``announce``:
    yield ``STARTED`` first, once the workers have every task (see ``start_tasks``)."""
    if count is None:
        tasks = tasks if isinstance(tasks, Sequence) else list(tasks)
        count = len(tasks)
    if jobs <= 1 or count < max(1, min_tasks):
        if announce:
            yield STARTED
        _install({**state, "inline": True})  # results stay objects: nothing to pickle
        try:
            yield from map(function, tasks)
        finally:
            _STATE.clear()
        return
    workers = min(jobs, count)
    chunksize = max(1, min(MAX_CHUNK, count // (workers * 8)))
    # Forked workers share the main process's memory until they write to it; the cyclic garbage
    # collector would write to every object it scans, so existing objects are frozen out of it.
    with (
        frozen_heap(),
        ProcessPoolExecutor(
            workers, mp_context=_context(), initializer=_start_worker, initargs=(state, os.getpid())
        ) as pool,
    ):
        delivered = 0
        try:
            results = pool.map(function, tasks, chunksize=chunksize)  # every task submitted now
            if announce:
                yield STARTED
            for result in results:
                delivered += 1
                yield result
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM while this process waited for a result
            _stop_workers(pool)
            raise
        except GeneratorExit:  # closed: stopped while the consumer worked, or every result read
            if delivered < count:
                _stop_workers(pool)
            raise


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers: leaving the pool waits for the tasks they run, and they ignore
    Ctrl-C (``aligner.interrupts``) — a task stuck on a pathological page would hold the run."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()


STARTED = object()  # what run_tasks(announce=True) yields first


def stored_or_run(
    store: RunCache | None,
    kind: str,
    keys: Sequence[str | None],
    task_of: Callable[[int], Any],
    function: Callable[[Any], Any],
    state: dict[str, Any],
    jobs: int,
    steps: Iterable[object] | None = None,
    overlap: bool = False,
) -> list[Any]:
    """One value per key, in order: read back from ``store`` where an entry ``kind``/``key``
    exists, else ``function(task_of(index))``. The workers start on the missing ones first and
    work while this process reads every stored one back (into new objects, kept for the run:
    frozen as they come), and only then waits for theirs — reading in key order instead would
    stop at each missing value until the workers deliver it, while the stored ones after it
    wait. ``overlap``: with ``MIN_OVERLAPPED_HITS`` to read, even one missing value goes to a
    worker. An entry that exists but does not load is computed afterwards. ``steps``: as many
    items as keys, one taken per value (a progress bar)."""
    hits = [index for index, key in enumerate(keys) if store is not None and key and store.has(kind, key)]
    hit = set(hits)
    misses = [index for index in range(len(keys)) if index not in hit]
    values: list[Any] = [None] * len(keys)
    ticks = iter(() if steps is None else steps)
    with frozen_heap():
        overlapped = 1 if overlap and len(hits) >= MIN_OVERLAPPED_HITS else MIN_PARALLEL_TASKS
        computed = start_tasks(function, (task_of(i) for i in misses), state, jobs, len(misses), overlapped)
        try:
            for index in freezing(hits):
                values[index] = store.get(kind, keys[index] or "") if store is not None else None
                next(ticks, None)
            for index in freezing(misses):
                values[index] = _unship(next(computed))
                next(ticks, None)
            for _rest in ticks:  # ends the progress bar (``steps`` has as many items as keys)
                pass
        finally:
            computed.close()  # shuts the pool down now, not when the generator is collected
        unreadable = [index for index, value in enumerate(values) if value is None]
        again = run_tasks(function, [task_of(i) for i in unreadable], state, jobs)
        for index, data in zip(unreadable, again, strict=True):
            values[index] = _unship(data)
    return values


def start_tasks(
    function: Callable[[Any], Any],
    tasks: Iterable[Any],
    state: dict[str, Any],
    jobs: int,
    count: int,
    min_tasks: int = MIN_PARALLEL_TASKS,
) -> Iterator[Any]:
    """``run_tasks`` with the workers already at work when it returns: this process can do
    something else before it reads the results. (With one job, or fewer than ``min_tasks``
    tasks, they still run here, as the results are read.)"""
    results = run_tasks(function, tasks, state, jobs, count, announce=True, min_tasks=min_tasks)
    next(results)
    return results


# -- per page: read + parse + detect ---------------------------------------------------------------


def load_page(path: str, settings: Settings) -> ParsedPage:
    """Read, parse and language-detect one file. ``parse_page`` reports bad content as problems
    and never raises (the fuzz tests hold it to that); should it or the detector raise all the
    same — a bug of aligner's — the page is an S002 naming the error, and the run goes on."""
    page = read_page(path, settings.locale, langdata.ui_locale)
    kept = replace(page, text=None)  # the run keeps the parse, not the text (as much memory again)
    try:
        result = parse_page(page)
        variants = tuple(detect_variant(v, settings.languages) for v in result.variants)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
        problem = PageProblem(
            "S002", f"`{path}` could not be parsed ({reason}): a bug in aligner, please report it"
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
    cache: RunCache | None = _STATE["cache"]
    if (cache is None or key is None) and _STATE.get("inline"):
        return value
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if cache is not None and key is not None:
        cache.put_bytes(kind, key, data)
    return value if _STATE.get("inline") else data


def _unship(result: Any) -> Any:
    return pickle.loads(result) if isinstance(result, bytes) else result


def _load_task(task: tuple[str, str | None]) -> Any:
    path, key = task
    page = load_page(path, _STATE["settings"])
    if _STATE["cache"] is not None:  # the parse is cached: so are its variants' digests
        page = replace(page, variant_digests=tuple(map(variant_digest, page.variants)))
    if key is not None and file_key(path, _STATE["settings"]) != key:
        key = None  # the file changed while it was read: do not cache this parse under the old key
    return _ship(page, "pages", key)


def load_files(
    files: Sequence[str], settings: Settings, progress: Progress, jobs: int, cache: RunCache | str | None
) -> list[ParsedPage]:
    """``load_page`` for every file, in order: cached parses are reused, the rest computed."""
    store = open_cache(cache)
    keys = file_keys(files, settings, store, jobs) if store is not None else [None] * len(files)
    found = stored_or_run(
        store,
        "pages",
        keys,
        lambda i: (files[i], keys[i]),
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
    return [f for check in checks if check.scope == "page" for f in check.run_page(page, settings)]


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
    return {page.page.path: page for page in analysis.parsed}


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
    work, key = task
    settings, resources = _STATE["settings"], _STATE["resources"]
    if "checks" not in _STATE:
        _STATE["checks"] = enabled(_STATE["codes"])
    ctx = EpisodeContext(work.episode, work.alignments, settings, resources)  # no pages: see evaluate
    findings = tuple(episode_findings(ctx, _STATE["checks"]))
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
) -> tuple[list[Finding], list[EpisodeOutcome]]:
    """Page findings (all pages, in order) and one outcome per episode (in order).

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
    return found, results
