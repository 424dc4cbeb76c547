"""``pool.stored_or_run``: stored values read back, the rest computed, all in key order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from aligner.cache import RunCache
from aligner.pool import MIN_OVERLAPPED_HITS, MIN_PARALLEL_TASKS, stored_or_run

_events: list[str] = []  # what this process did, in order (one job: the tasks run here)


def _described(task: tuple[int, str]) -> Any:
    index, key = task
    _events.append("compute")
    return ("computed", index, key, os.getpid())


class _Recording(RunCache):
    def get(self, kind: str, key: str) -> Any | None:
        _events.append("get")
        return super().get(kind, key)


@pytest.mark.parametrize("jobs", [1, 2])
def test_hits_are_read_misses_computed_and_values_come_in_key_order(tmp_path: Path, jobs: int) -> None:
    cache = _Recording(tmp_path)
    _events.clear()
    count = 4 * MIN_PARALLEL_TASKS  # enough for workers with 2 jobs
    keys: list[str | None] = [f"{index:04x}" for index in range(count)]
    keys[5] = None  # no key: always computed, never stored
    stored = {index for index in range(count) if index % 3 == 0 and keys[index] is not None}
    for index in stored:
        cache.put("things", keys[index] or "", ("stored", index))
    ticks: list[str] = []

    def steps() -> Any:
        for index in range(count):
            yield str(index)
            ticks.append(str(index))
        ticks.append("end")  # the progress bar's closing code runs

    values = stored_or_run(cache, "things", keys, lambda i: (i, keys[i]), _described, {}, jobs, steps=steps())
    assert len(values) == count
    for index, value in enumerate(values):
        if index in stored:
            assert value == ("stored", index)
        else:
            assert value[:3] == ("computed", index, keys[index])
    workers = {value[3] for value in values if value[0] == "computed"}
    assert (os.getpid() in workers) == (jobs == 1)
    assert ticks[-1] == "end" and len(ticks) == count + 1
    # Every stored value is read before this process waits for a computed one (which, with
    # workers, would leave the later stored values unread meanwhile).
    assert _events.count("get") == len(stored)
    if jobs == 1:
        assert _events == ["get"] * len(stored) + ["compute"] * (count - len(stored))


def test_an_unreadable_entry_is_computed(tmp_path: Path) -> None:
    cache = RunCache(tmp_path)
    keys: list[str | None] = ["aa01", "aa02", "aa03"]
    cache.put("things", "aa01", ("stored", 0))
    cache.put_bytes("things", "aa02", b"not a pickle")
    values = stored_or_run(cache, "things", keys, lambda i: (i, keys[i]), _described, {}, 1)
    assert values[0] == ("stored", 0)
    assert [v[:3] for v in values[1:]] == [("computed", 1, "aa02"), ("computed", 2, "aa03")]


@pytest.mark.parametrize("stored", [MIN_OVERLAPPED_HITS - 1, MIN_OVERLAPPED_HITS])
def test_one_missing_value_goes_to_a_worker_while_many_stored_ones_are_read(
    tmp_path: Path, stored: int
) -> None:
    """A re-run that changed one page: its parse overlaps the reading of the others — when asked
    (``overlap``), and only when there are enough of those to hide a pool's start."""
    cache = RunCache(tmp_path)
    keys: list[str | None] = [f"{index:04x}" for index in range(stored + 1)]
    for index in range(stored):
        cache.put("things", keys[index] or "", ("stored", index))
    for overlap in (True, False):
        values = stored_or_run(
            cache, "things", keys, lambda i: (i, keys[i]), _described, {}, 2, overlap=overlap
        )
        assert values[:stored] == [("stored", index) for index in range(stored)]
        *computed, pid = values[stored]
        assert computed == ["computed", stored, keys[stored]]
        assert (pid != os.getpid()) == (overlap and stored >= MIN_OVERLAPPED_HITS)
