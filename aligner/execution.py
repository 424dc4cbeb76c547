"""Where the expensive work runs: in worker processes (``--jobs``) and from the cache (``--cache``).

Two kinds of work are independent and run in parallel, in deterministic order:

* **per page** — read + parse + language detection (``load_page``);
* **per unit** after pairing and alignment — a page's page-scope checks, or an episode's
  episode-scope checks and chapter scores (``EpisodeOutcome``).

Pairing, alignment and the run-wide resources (glossary, calibrated length model) need every
page and stay in the main process, between the two parallel phases. Results are gathered in
input order, so any ``--jobs`` gives the same reports byte for byte (findings and rows are
sorted afterwards anyway).

Workers are forked where the platform can fork (Linux, macOS): they inherit the run's state
(settings, the analysis) without pickling it, and send back pickled results. Elsewhere they are
spawned and receive the state once each. Nothing in a worker may use a thread pool created in
the parent: lingua is only called through its sequential API (``aligner.langid``).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aligner import langdata
from aligner.cache import RunCache, code_fingerprint, digest, open_cache
from aligner.checks import CATALOG, Check, EpisodeContext
from aligner.detect import detect_variant
from aligner.model import Episode, Finding, RawPage
from aligner.parse import ParsedPage, parse_page
from aligner.read import MAX_FILE_BYTES, read_page
from aligner.results import ChapterRow
from aligner.score import chapter_rows, variant_score
from aligner.settings import Settings

Progress = Callable[[Iterable[str], int], Iterable[str]]
MIN_PARALLEL_TASKS = 4  # fewer tasks than this run in the main process (a pool costs more)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or ``0``: every core; otherwise at least 1."""
    if not jobs:
        return os.cpu_count() or 1
    return max(1, jobs)


# -- worker pool ---------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}  # what a worker needs, installed by _install (fork: inherited)


def _install(state: dict[str, Any]) -> None:
    _STATE.clear()
    _STATE.update(state)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_tasks(
    function: Callable[[Any], Any], tasks: Sequence[Any], state: dict[str, Any], jobs: int
) -> Iterator[Any]:
    """``function(task)`` for every task, results in task order; in ``jobs`` worker processes
    when that pays off, else here. ``function`` reads ``state`` from ``_STATE``."""
    if jobs <= 1 or len(tasks) < MIN_PARALLEL_TASKS:
        _install({**state, "inline": True})  # results stay objects: nothing to pickle
        try:
            yield from map(function, tasks)
        finally:
            _STATE.clear()
        return
    workers = min(jobs, len(tasks))
    chunksize = max(1, len(tasks) // (workers * 8))
    # Forked workers share the main process's memory until they write to it; the cyclic garbage
    # collector would write to every object it scans, so existing objects are frozen out of it.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers, mp_context=_context(), initializer=_install, initargs=(state,)
        ) as pool:
            yield from pool.map(function, tasks, chunksize=chunksize)
    finally:
        gc.unfreeze()


# -- per page: read + parse + detect ---------------------------------------------------------------


def load_page(path: str, settings: Settings) -> ParsedPage:
    """Read, parse and language-detect one file."""
    page = read_page(path, settings.locale, langdata.ui_locale)
    result = parse_page(page)
    variants = tuple(detect_variant(v, settings.languages) for v in result.variants)
    # The run keeps the parse; the page text (as much memory again) is only needed for its digest.
    kept = replace(page, text=None, text_digest=text_digest(page.text)) if page.text is not None else page
    return replace(result, page=kept, variants=variants)


def text_digest(text: str | None) -> str:
    return digest("text", text or "")


def _file_key(path: str, settings: Settings) -> str | None:
    """Cache key of a file's parse: its bytes, path, parse settings and the code (None: no cache)."""
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            return None
        data = Path(path).read_bytes()
    except OSError:
        return None
    return digest("page", code_fingerprint(), path, settings.locale or "", list(settings.languages), data)


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
    if key is not None and _file_key(path, _STATE["settings"]) != key:
        key = None  # the file changed while it was read: do not cache this parse under the old key
    return _ship(page, "pages", key)


def load_files(
    files: Sequence[str], settings: Settings, progress: Progress, jobs: int, cache: RunCache | str | None
) -> list[ParsedPage]:
    """``load_page`` for every file, in order: cached parses are reused, the rest computed."""
    store = open_cache(cache)
    found: list[ParsedPage | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    if store is not None:
        for index, path in enumerate(files):
            keys[index] = _file_key(path, settings)
            if keys[index] is not None:
                found[index] = store.get("pages", keys[index])
    misses = [i for i, page in enumerate(found) if page is None]
    computed = run_tasks(
        _load_task, [(files[i], keys[i]) for i in misses], {"settings": settings, "cache": store}, jobs
    )
    try:
        for index, _path in enumerate(progress(files, len(files))):
            if found[index] is None:
                found[index] = _unship(next(computed))
    finally:
        computed.close()  # shuts the pool down now, not when the generator is collected
    return [page for page in found if page is not None]


# -- per unit: page checks, episode checks and scores ----------------------------------------------


@dataclass(frozen=True, slots=True)
class VariantScore:
    rows: tuple[ChapterRow, ...]
    score: float
    coverage: float


@dataclass(frozen=True, slots=True)
class EpisodeOutcome:
    """An episode's findings (before severity overrides and waivers) and its variants' scores."""

    findings: tuple[Finding, ...]
    scores: dict[str, VariantScore] = field(default_factory=dict)  # variant key → score


def enabled(codes: Sequence[str]) -> list[Check]:
    return [CATALOG[code]() for code in codes]


def page_findings(page: ParsedPage, checks: Sequence[Check], settings: Settings) -> list[Finding]:
    return [f for check in checks if check.scope == "page" for f in check.run_page(page, settings)]


def episode_findings(ctx: EpisodeContext, checks: Sequence[Check]) -> list[Finding]:
    return [f for check in checks if check.scope == "episode" for f in check.run(ctx)]


def variant_scores(episode: Episode, analysis: Any, settings: Settings) -> dict[str, VariantScore]:
    scores: dict[str, VariantScore] = {}
    for variant in episode.variants:
        alignment = analysis.alignments.get(variant.key)
        if alignment is not None:
            rows = chapter_rows(episode, alignment, settings.tolerance, analysis.resources.length_model)
            score_value, coverage = variant_score(rows, alignment)
            scores[variant.key] = VariantScore(tuple(rows), score_value, coverage)
    return scores


def page_map(analysis: Any) -> dict[str, ParsedPage]:
    return {page.page.path: page for page in analysis.parsed}


def _unit_task(task: tuple[str, int, str | None]) -> Any:
    kind, index, key = task
    analysis, settings = _STATE["analysis"], _STATE["settings"]
    if "checks" not in _STATE:
        _STATE["checks"] = enabled(_STATE["codes"])
        _STATE["pages"] = page_map(analysis)
    checks: list[Check] = _STATE["checks"]
    value: Any
    if kind == "page":
        value = tuple(page_findings(analysis.parsed[index], checks, settings))
    else:
        episode = analysis.episodes[index]
        ctx = EpisodeContext(episode, analysis.alignments, settings, analysis.resources, _STATE["pages"])
        value = EpisodeOutcome(
            tuple(episode_findings(ctx, checks)), variant_scores(episode, analysis, settings)
        )
    return _ship(value, "units", key)


def page_content_key(page: RawPage) -> str:
    content = page.text_digest or text_digest(page.text)
    return digest("raw", page.path, page.locale, page.locale_source, page.error or "", page.encoding, content)


def _unit_keys(analysis: Any, settings: Settings, codes: Sequence[str]) -> tuple[list[str], list[str]]:
    """Cache keys of the page units and the episode units (see ``aligner.cache``)."""
    contents = {page.page.path: page_content_key(page.page) for page in analysis.parsed}
    run = digest("run", code_fingerprint(), settings, list(codes))
    resources = digest("resources", analysis.resources)
    page_keys = [digest("page-checks", run, contents[page.page.path]) for page in analysis.parsed]
    episode_keys = [
        digest(
            "episode",
            run,
            resources,
            episode.episode_id,
            episode.pairing,
            episode.reference.key,
            episode.ref_lang,
            [(v.key, contents.get(v.source_path, "")) for v in episode.variants],
        )
        for episode in analysis.episodes
    ]
    return page_keys, episode_keys


def evaluate(
    analysis: Any,
    settings: Settings,
    codes: Sequence[str],
    jobs: int = 1,
    cache: RunCache | str | None = None,
) -> tuple[list[Finding], list[EpisodeOutcome]]:
    """Page findings (all pages, in order) and one outcome per episode (in order)."""
    store = open_cache(cache)
    tasks: list[tuple[str, int, str | None]] = [("page", i, None) for i in range(len(analysis.parsed))]
    tasks += [("episode", i, None) for i in range(len(analysis.episodes))]
    results: list[Any] = [None] * len(tasks)
    if store is not None:
        page_keys, episode_keys = _unit_keys(analysis, settings, codes)
        tasks = [(kind, i, (page_keys if kind == "page" else episode_keys)[i]) for kind, i, _ in tasks]
        for position, (_kind, _i, key) in enumerate(tasks):
            results[position] = store.get("units", key) if key else None
    misses = [position for position, value in enumerate(results) if value is None]
    state = {"analysis": analysis, "settings": settings, "codes": list(codes), "cache": store}
    for position, data in zip(
        misses, run_tasks(_unit_task, [tasks[p] for p in misses], state, jobs), strict=True
    ):
        results[position] = _unship(data)
    pages = len(analysis.parsed)
    found = [f for value in results[:pages] for f in value]
    return found, list(results[pages:])
