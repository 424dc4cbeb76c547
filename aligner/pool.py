"""The worker pool: tasks run in forked worker processes (``--jobs``) or here, results in task
order, stored values read back from the cache while the workers compute the rest.

A worker takes the run-wide state once (``STATE``, installed by its initializer or inherited by
fork) and each task's data pickled; it ignores Ctrl-C and dies with this process
(``aligner.interrupts``). ``aligner.execution`` says what the tasks are.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import InvalidStateError, ProcessPoolExecutor
from typing import Any

from aligner.cache import RunCache
from aligner.cores import available_cores
from aligner.heap import freezing, frozen_heap
from aligner.interrupts import worker_started

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
WORKER_GC_THRESHOLD = 10_000  # allocations between two young collections in a worker (default 700)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or ``0``: every core this process may use (``aligner.cores``); otherwise at least 1."""
    if not jobs:
        return available_cores()
    return max(1, jobs)


STATE: dict[str, Any] = {}  # what a worker needs, installed by ``install`` (fork: inherited)


def install(state: dict[str, Any]) -> None:
    STATE.clear()
    STATE.update(state)


def _start_worker(state: dict[str, Any], parent: int) -> None:
    """A worker's initializer: it ignores Ctrl-C and ends with ``parent`` (``aligner.interrupts``),
    takes the run-wide state, and sets a young generation of the cyclic garbage
    collector 14 times the default. A task allocates ~10^5 objects that die with it, nearly all
    freed by their reference counts; at the default threshold (700) each task ran ~150 young
    collections and, in their wake, full ones over the worker's caches: ≈ 4% of the check stage
    at 10,000 variants."""
    worker_started(parent)
    install(state)
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
    ``STATE``. ``count``: the number of tasks when ``tasks`` is not a sequence. ``announce``:
    yield ``STARTED`` first, once the workers have every task (see ``start_tasks``)."""
    if count is None:
        tasks = tasks if isinstance(tasks, Sequence) else list(tasks)
        count = len(tasks)
    if jobs <= 1 or count < max(1, min_tasks):
        if announce:
            yield STARTED
        install({**state, "inline": True})  # results stay objects: nothing to pickle
        try:
            yield from map(function, tasks)
        finally:
            STATE.clear()
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
    Ctrl-C (``aligner.interrupts``) — a task stuck on a pathological page would hold the run.

    The tasks not yet taken are dropped too: the queue's feeder thread may be blocked sending a
    chunk larger than the pipe holds to workers that will never read it, and at exit
    ``multiprocessing`` joins that thread — the stopped run would hang there for good."""
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
    _quiet_manager_thread()
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    # A worker killed while it sent a result leaves half a message in the result pipe, and the
    # pool's manager thread waits for the rest for good — and leaving the pool joins that thread
    # (a stopped run hung in 2 of 64 SIGTERMs). This process's end for writing is the last one
    # once the workers are gone: closed, the pipe ends, the read fails and the thread finishes.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()


def _quiet_manager_thread() -> None:
    """Keep one error of the standard library's pool off stderr: its manager thread, finding the
    workers killed, fails every pending future — including those this thread has just cancelled
    as the stop unwound ``map``, which raises ``InvalidStateError`` in that thread (a traceback
    under the stop's one line, once in ~15 Ctrl-C's). Other errors of other threads still show."""
    previous = threading.excepthook
    if getattr(previous, "quiets_manager_thread", False):
        return

    def hook(args: threading.ExceptHookArgs) -> None:
        if (
            isinstance(args.exc_value, InvalidStateError)
            and type(args.thread).__name__ == "_ExecutorManagerThread"
        ):
            return
        previous(args)

    hook.quiets_manager_thread = True  # type: ignore[attr-defined]
    threading.excepthook = hook


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


def _unship(result: Any) -> Any:
    return pickle.loads(result) if isinstance(result, bytes) else result
