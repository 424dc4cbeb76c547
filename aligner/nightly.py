"""``aligner nightly``: check a snapshot, diff it against the previous one, keep the history.

One nightly run is: ``check`` on SNAPSHOT (plus the R6xx diff against ``--previous`` when given),
waivers and the baseline applied as in ``check``; the run is appended to the history database
(:mod:`aligner.history`); the report gets ``RunResult.trends`` — counts per severity and per
check over the last N nights, mean scores per locale, and the finding keys new and fixed since
the previous night. The exit code is 1 when there is a new *error* since the previous night
(0 otherwise; the first night is the baseline and has nothing new).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aligner.cache import RunCache
from aligner.checks import select_codes
from aligner.diff import compare, load_snapshot, snapshot_result, with_health
from aligner.heap import frozen_heap
from aligner.history import DEFAULT_HISTORY, History
from aligner.pipeline import NoInputError, Progress, check_analysis
from aligner.results import RunResult
from aligner.settings import Settings

DEFAULT_NIGHTS = 7


@dataclass(frozen=True, slots=True)
class NightlyOutcome:
    result: RunResult  # with trends
    run_id: int
    history: Path
    replaced: int | None = None  # the run of the same night this one replaced (run again)

    @property
    def trends(self) -> dict[str, Any]:
        assert self.result.trends is not None
        return self.result.trends

    @property
    def new_errors(self) -> list[str]:
        return list(self.trends.get("new_errors", []))

    @property
    def exit_code(self) -> int:
        """1 when there are new errors since the previous night, else 0."""
        return 1 if self.new_errors else 0


def history_path(option: str | None, settings: Settings) -> Path:
    """``--history``, else the configuration's ``history``, else ``reports/history.sqlite``."""
    return Path(option or settings.history or DEFAULT_HISTORY)


def run_nightly(
    snapshot: str,
    settings: Settings,
    history: Path | str,
    previous: str | None = None,
    nights: int = DEFAULT_NIGHTS,
    started_at: datetime | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    cache: RunCache | str | None = None,
) -> NightlyOutcome:
    """Run one night; raises NoInputError when SNAPSHOT (or PREVIOUS) holds no readable input.
    Pages are parsed and episodes checked in ``jobs`` workers, unchanged ones reused from ``cache``
    (the catalog changes little from one night to the next)."""
    started = (started_at or datetime.now(UTC)).isoformat(timespec="seconds")
    if previous is not None and not Path(previous).exists():  # said now, not after the night's check
        raise NoInputError(f"snapshot not found: {previous}")
    with frozen_heap():  # the snapshots live as long as the run (see aligner.heap)
        # tonight's parse health is read from its checked findings (``with_health``), and stored
        # for tomorrow night, when tonight's snapshot is the previous one
        current = load_snapshot(snapshot, settings, progress, jobs, cache, health=False)
        if not current.pages:
            raise NoInputError(f"no input files in {snapshot}")
        checked = check_analysis(current.analysis, settings, jobs, cache)
        findings = list(checked.findings)
        if previous is not None or cache is not None:
            current = with_health(current, settings, checked.findings, cache)
        if previous is not None:
            findings += compare(load_snapshot(previous, settings, progress, jobs, cache), current, settings)
        # the selection is the same with or without --previous, so the settings signature is too
        codes = select_codes(settings.select, settings.ignore)
        result = snapshot_result(current, findings, settings, codes, checked)
    with History(history) as db:
        replaced = db.same_night(snapshot, previous or "", started, result.settings)
        run_id = db.record_run(result, snapshot, started, previous_snapshot=previous or "")
        trends = db.trends(run_id, nights)
    return NightlyOutcome(replace(result, trends=trends), run_id, Path(history), replaced)
