"""Report stage: one reporter per output format behind one small interface.

Callers never branch on the format: they pass format names to :func:`write_reports`, which
looks each one up in :data:`REPORTERS`. Adding a format is adding a module with a reporter and
one entry in the registry.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from aligner.cache import RunCache
from aligner.heap import frozen_heap
from aligner.report.csv import CsvReporter
from aligner.report.html import HtmlReporter
from aligner.report.json import JsonReporter
from aligner.report.lanes import write_side_by_side
from aligner.results import RunResult


@runtime_checkable
class Reporter(Protocol):
    """Writes one format's files for a run into ``out_dir`` and returns their paths, in up to
    ``jobs`` processes (a format may use one), reusing what an earlier run left in ``cache`` where
    it can (the HTML episode pages)."""

    name: str
    weight: float  # how long it takes next to the others: the heaviest gets a lane of its own

    def write(
        self, result: RunResult, out_dir: Path, jobs: int = 1, cache: RunCache | None = None
    ) -> list[Path]: ...


_BUILT_IN: tuple[Reporter, ...] = (CsvReporter(), JsonReporter(), HtmlReporter())
REPORTERS: dict[str, Reporter] = {reporter.name: reporter for reporter in _BUILT_IN}

DEFAULT_FORMATS: tuple[str, ...] = ("csv", "json", "html")


def resolve_formats(formats: Sequence[str] | str) -> list[Reporter]:
    """Reporters for the given names (``"csv,json"`` or ``["csv", "json"]``), duplicates dropped.

    Raises ValueError naming every unknown format and the known ones, or when none is given.
    """
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = list(dict.fromkeys(name.strip().lower() for name in names if name.strip()))
    known = ", ".join(sorted(REPORTERS))
    if not wanted:
        raise ValueError(f"no report format given (expected one or more of: {known})")
    unknown = [name for name in wanted if name not in REPORTERS]
    if unknown:
        raise ValueError(
            f"unknown report format{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
            f"(expected one or more of: {known})"
        )
    return [REPORTERS[name] for name in wanted]


def write_reports(
    result: RunResult,
    out_dir: Path | str,
    formats: Sequence[str] | str,
    jobs: int = 1,
    cache: RunCache | None = None,
) -> list[Path]:
    """Create ``out_dir`` and write every requested format; return the written paths in order.

    Formats are checked before anything is written, so a typo never leaves a partial report.
    With ``jobs > 1`` the formats are written side by side (``aligner.report.lanes``): same files.
    With ``cache``, so are they: only what is rendered is taken from it (``Reporter``).
    """
    reporters = resolve_formats(formats)
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    with frozen_heap():  # the run's objects are not garbage: collections need not scan them
        writers = [functools.partial(reporter.write, jobs=jobs, cache=cache) for reporter in reporters]
        weights = [reporter.weight for reporter in reporters]
        return write_side_by_side(result, directory, writers, jobs, weights)


__all__ = ["DEFAULT_FORMATS", "REPORTERS", "Reporter", "resolve_formats", "write_reports"]
