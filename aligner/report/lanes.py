"""Report formats written side by side: this process and forked children, one lane each.

The formats are independent and each is written atomically into its own files, so with
``jobs > 1`` they can render at the same time: this process writes the first lane while forked
children write the others. A forked child *inherits* the run result instead of receiving it
pickled (pickling a large run costs as much as rendering it); the result's pages it reads are
copied into it as it writes their reference counts, which is why this process keeps a lane of
its own rather than waiting on two children that would each copy the same rows. A child is a
bare ``os.fork``: a process pool's start (queues, a manager thread, the worker's bootstrap)
cost 15 ms of the 85 ms a 1,000-variant report takes.

Each file's bytes do not depend on where it was rendered, and the written paths come back in
the order of the formats. Where the platform cannot fork, or a child dies, the lanes are
written here one after the other: slower, same files. An error raised in a child is raised here.
``side_by_side`` is the same for any tasks whose values pickle: the HTML reporter renders its
episode pages in shards with it.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from aligner.interrupts import worker_started
from aligner.results import RunResult

Write = Callable[[RunResult, Path], list[Path]]
T = TypeVar("T")


def lanes(count: int, jobs: int, weights: Sequence[float] | None = None) -> list[list[int]]:
    """Indexes ``0..count-1`` dealt into ``min(jobs, count)`` lanes: round robin, or with
    ``weights`` (each task's expected cost) heaviest first into the lightest lane, so that a task
    that costs as much as the others together gets a lane of its own. Each lane in index order."""
    width = max(1, min(jobs, count))
    if weights is None:
        return [list(range(start, count, width)) for start in range(width)]
    plan: list[list[int]] = [[] for _ in range(width)]
    load = [0.0] * width
    for index in sorted(range(count), key=lambda i: (-weights[i], i)):
        lane = min(range(width), key=lambda k: (load[k], k))
        plan[lane].append(index)
        load[lane] += weights[index]
    return [sorted(lane) for lane in plan]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def write_side_by_side(
    result: RunResult,
    out_dir: Path,
    writers: Sequence[Write],
    jobs: int,
    weights: Sequence[float] | None = None,
) -> list[Path]:
    """Every writer's paths, in writer order; lanes after the first in forked children."""
    done = side_by_side([functools.partial(write, result, out_dir) for write in writers], jobs, weights)
    return [path for paths in done for path in paths]


def side_by_side(
    tasks: Sequence[Callable[[], T]], jobs: int, weights: Sequence[float] | None = None
) -> list[T]:
    """Every task's value, in task order: the tasks dealt into ``lanes``, the first lane run here
    and the others in forked children, which send their values back pickled."""
    plan = lanes(len(tasks), jobs if can_fork() else 1, weights)
    children = [_fork_lane(tasks, lane) for lane in plan[1:]]
    try:
        try:
            done = _run_lane(tasks, plan[0])
        except KeyboardInterrupt:
            raise
        except BaseException:
            for child in children:
                child.reap()
            raise
        for child in children:
            done.update(child.collect(tasks))
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the children stop too, before their folder goes
        for child in children:
            child.kill()
        raise
    return [done[index] for index in range(len(tasks))]


def _run_lane(tasks: Sequence[Callable[[], T]], lane: Sequence[int]) -> dict[int, T]:
    return {index: tasks[index]() for index in lane}


@dataclass(frozen=True, slots=True)
class _Child:
    """A forked child running ``lane``; it sends back ``(True, values)`` or ``(False, error)``."""

    pid: int
    pipe: int  # the read end
    lane: list[int]

    def collect(self, tasks: Sequence[Callable[[], T]]) -> dict[int, T]:
        """The child's values; a child that died (killed, out of memory) has its lane run here."""
        try:
            ok, value = pickle.loads(self.reap())
        except Exception:  # nothing or half a message: the child died
            return _run_lane(tasks, self.lane)
        if not ok:
            raise value
        done: dict[int, T] = value
        return done

    def kill(self) -> None:
        """Stop the child now (it may have ended and been reaped already)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def reap(self) -> bytes:
        """What the child sent, once it has ended."""
        with os.fdopen(self.pipe, "rb") as pipe:
            sent = pipe.read()
        os.waitpid(self.pid, 0)
        return sent


def _fork_lane(tasks: Sequence[Callable[[], T]], lane: list[int]) -> _Child:
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return _Child(pid, read_end, lane)
    try:  # the child: write the lane, send the outcome, leave without running the parent's exit code
        worker_started(parent)
        os.close(read_end)
        try:
            message = pickle.dumps((True, _run_lane(tasks, lane)))
        except BaseException as error:  # raised again in the parent
            message = pickle.dumps((False, error))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(message)
    finally:
        os._exit(0)
