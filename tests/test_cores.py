"""``--jobs 0``: the cores this process may use, not the machine's (``aligner.cores``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.cores import available_cores, cpu_quota


def _cgroup(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="ascii")
    return root


@pytest.mark.parametrize(
    ("files", "quota"),
    [
        ({"cpu.max": "150000 100000\n"}, 1.5),  # cgroup v2, docker --cpus 1.5
        ({"cpu.max": "max 100000\n"}, None),  # v2, no limit
        ({"cpu/cpu.cfs_quota_us": "200000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 2.0),  # v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),  # v1, no limit
        ({"cpu.max": "garbage"}, None),
        ({}, None),  # no cgroup file system (not Linux, or not mounted)
    ],
)
def test_the_cpu_quota_is_read_from_either_cgroup_version(
    tmp_path: Path, files: dict[str, str], quota: float | None
) -> None:
    assert cpu_quota(_cgroup(tmp_path, files)) == quota


def test_a_quota_caps_the_cores_and_rounds_up(tmp_path: Path) -> None:
    machine = available_cores(tmp_path)  # no quota here
    assert machine >= 1
    assert available_cores(_cgroup(tmp_path / "half", {"cpu.max": "50000 100000"})) == 1
    assert available_cores(_cgroup(tmp_path / "huge", {"cpu.max": "6400000 100000"})) == machine


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux's")
def test_a_process_pinned_to_one_core_gets_one_job() -> None:
    code = "from aligner.pool import resolve_jobs; print(resolve_jobs(0), resolve_jobs(3))"
    first_core = min(os.sched_getaffinity(0))
    pinned = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: os.sched_setaffinity(0, {first_core}),  # as `taskset -c 0` would
    )
    assert pinned.stdout.split() == ["1", "3"]  # an explicit --jobs is taken as given
