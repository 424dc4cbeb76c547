"""Report formats written side by side: this process and forked workers, one lane each.

The formats are independent and each is written atomically into its own files, so with
``jobs > 1`` they can render at the same time: this process writes the first lane while forked
workers write the others. A forked worker *inherits* the run result instead of receiving it
pickled (pickling a large run costs as much as rendering it); the result's pages it reads are
copied into it as it writes their reference counts, which is why this process keeps a lane of
its own rather than waiting on two workers that would each copy the same rows.

Each file's bytes do not depend on where it was rendered, and the written paths come back in
the order of the formats. Where the platform cannot fork, or a worker dies, the lanes are
written here one after the other: slower, same files.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from aligner.results import RunResult

Write = Callable[[RunResult, Path], list[Path]]

_INHERITED: dict[str, Any] = {}  # what the forked workers read: the result and the writers


def lanes(count: int, jobs: int) -> list[list[int]]:
    """Indexes ``0..count-1`` dealt round robin into ``min(jobs, count)`` lanes."""
    width = max(1, min(jobs, count))
    return [list(range(start, count, width)) for start in range(width)]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def write_side_by_side(result: RunResult, out_dir: Path, writers: Sequence[Write], jobs: int) -> list[Path]:
    """Every writer's paths, in writer order; lanes after the first in forked workers."""
    plan = lanes(len(writers), jobs if can_fork() else 1)
    done: dict[int, list[Path]] = {}
    if len(plan) > 1:
        _INHERITED.update(result=result, writers=list(writers), out_dir=out_dir)
        try:
            with ProcessPoolExecutor(len(plan) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [(lane, pool.submit(_write_lane, lane)) for lane in plan[1:]]
                done.update(_run_lane(result, out_dir, writers, plan[0]))
                for lane, future in futures:
                    done.update(_collect(future, lane, result, out_dir, writers))
        finally:
            _INHERITED.clear()
    else:
        done.update(_run_lane(result, out_dir, writers, plan[0]))
    return [path for index in range(len(writers)) for path in done[index]]


def _run_lane(
    result: RunResult, out_dir: Path, writers: Sequence[Write], lane: Sequence[int]
) -> dict[int, list[Path]]:
    return {index: writers[index](result, out_dir) for index in lane}


def _write_lane(lane: list[int]) -> dict[int, list[Path]]:
    """In a forked worker: the lane's writers on the inherited result."""
    return _run_lane(_INHERITED["result"], _INHERITED["out_dir"], _INHERITED["writers"], lane)


def _collect(
    future: Future[dict[int, list[Path]]],
    lane: list[int],
    result: RunResult,
    out_dir: Path,
    writers: Sequence[Write],
) -> dict[int, list[Path]]:
    """A worker's paths; a worker that died (killed, out of memory) has its lane written here."""
    try:
        return future.result()
    except BrokenProcessPool:
        return _run_lane(result, out_dir, writers, lane)
