"""How many cores a run may use: what ``--jobs 0`` (the default) means.

``os.cpu_count()`` counts the machine's cores. A process pinned to some of them (``taskset``,
cpusets) or in a container with a CPU quota (``docker --cpus 2``, a Kubernetes CPU limit) may
use fewer. Forking a worker per machine core there (64 on a CI runner's host) makes the workers
wait on each other for the quota and multiplies the memory a run takes, for no speed.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def available_cores(cgroup_root: Path = CGROUP_ROOT) -> int:
    """The cores this process may run on, capped by its cgroup's CPU quota (rounded up)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    quota = cpu_quota(cgroup_root)
    if quota is not None:
        cores = min(cores, math.ceil(quota))
    return max(1, cores)


def cpu_quota(cgroup_root: Path = CGROUP_ROOT) -> float | None:
    """The CPU quota in cores (``1.5``), or ``None`` when there is none or it cannot be read:
    cgroup v2 ``cpu.max`` (``150000 100000``; ``max 100000`` is none), else cgroup v1
    ``cpu.cfs_quota_us`` over ``cpu.cfs_period_us`` (a quota of ``-1`` is none)."""
    try:
        quota, period = (cgroup_root / "cpu.max").read_text(encoding="ascii").split()[:2]
        return None if quota == "max" else _cores(int(quota), int(period))
    except (OSError, ValueError):
        pass
    try:
        quota_us = int((cgroup_root / "cpu" / "cpu.cfs_quota_us").read_text(encoding="ascii"))
        period_us = int((cgroup_root / "cpu" / "cpu.cfs_period_us").read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
    return _cores(quota_us, period_us)


def _cores(quota: int, period: int) -> float | None:
    return quota / period if quota > 0 and period > 0 else None
