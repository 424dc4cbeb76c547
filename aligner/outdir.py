"""The report folder: never clobbered by accident, never left half-written.

Rule: ``aligner check --out DIR`` (and ``diff``, ``nightly``) refuses (exit 2) when ``DIR``
already holds a report of another run — a ``findings.csv`` or a ``report.json`` — unless
``--force`` is given. An empty or missing folder, or one holding other files only, is used as it
is. With ``--force`` the files of this run replace their namesakes and the episode pages of an
earlier report that this run did not write are removed (``episodes/*.html``: the folder then
looks as after a fresh run); other files in the folder are left alone.

Writing is atomic for the report as a whole: every format is first written into a hidden staging
folder next to ``DIR`` (same file system), then each file is renamed into place. A run that fails
or is killed while rendering leaves the previous report untouched; only the final renames (a few
milliseconds) could interleave old and new files, and each file is always complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner.cache import RunCache
from aligner.interrupts import deferred
from aligner.report import write_reports
from aligner.report.html_links import EPISODE_DIR
from aligner.results import RunResult
from aligner.writable import probe_writable

REPORT_MARKERS: tuple[str, ...] = ("findings.csv", "report.json")
_STAGING = ".{name}.staging-"


class OutputExists(Exception):
    """The output folder already holds a report and ``--force`` was not given."""


def existing_report(directory: Path) -> list[str]:
    """The report files of an earlier run found in ``directory`` (empty: safe to write)."""
    return [name for name in REPORT_MARKERS if (directory / name).is_file()]


def guard(directory: Path, force: bool) -> None:
    found = existing_report(directory)
    if found and not force:
        raise OutputExists(
            f"{directory} already holds a report ({', '.join(found)}); "
            "use --force to replace it or choose another --out"
        )


def unwritable(directory: Path) -> str | None:
    """Why reports cannot be written to ``directory`` (``None`` when they can): its parent is
    made, and a file made and removed there (where the staging folder goes). Asked before the run,
    so a typo in ``--out`` costs no run."""
    try:
        if directory.exists() and not directory.is_dir():
            return "a file, not a folder"
        probe_writable(directory.parent, _STAGING.format(name=directory.name))
    except FileExistsError as exc:  # a file where a folder of the path should be
        return f"{exc.filename} is a file, not a folder"
    except OSError as exc:
        return os_reason(exc)
    return None


def os_reason(exc: OSError) -> str:
    """``No space left on device: reports/x/report.json``: what failed, and on which file."""
    return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")


def unused(directory: Path) -> Path:
    """``directory``, or ``directory-2``, ``-3``… if it already holds a report (default folders)."""
    candidate, n = directory, 1
    while existing_report(candidate):
        n += 1
        candidate = directory.with_name(f"{directory.name}-{n}")
    return candidate


Writer = Callable[[RunResult, Path], list[Path]]  # a reporter beside the formats (trends)


def publish(
    result: RunResult,
    directory: Path | str,
    formats: Sequence[str] | str,
    force: bool = False,
    jobs: int = 1,
    extra: Sequence[Writer] = (),
    cache: RunCache | None = None,
) -> list[Path]:
    """Write the reports into a staging folder (``jobs`` formats at a time, then each ``extra``
    writer; pages rendered by earlier runs taken from ``cache``), then rename them into
    ``directory``."""
    target = Path(directory)
    guard(target, force)
    replacing = bool(existing_report(target))  # with --force: an earlier report is replaced
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=_STAGING.format(name=target.name)))
    try:
        written = write_reports(result, staging, formats, jobs, cache)
        for write in extra:
            written += write(result, staging)
        with deferred():  # a stop now would leave files of both reports: it waits for the renames
            target.mkdir(parents=True, exist_ok=True)
            placed = []
            for path in written:
                final = target / path.relative_to(staging)
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, final)
                placed.append(final)
            if replacing:
                _remove_stale_pages(target, placed)
        return placed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_stale_pages(target: Path, placed: Sequence[Path]) -> None:
    """Episode pages the replaced report left in ``target/episodes/`` that this one did not write
    (episodes gone or renamed), when this run wrote an HTML report: the folder then holds what a
    fresh run would write. Nothing else is touched."""
    written = {path.resolve() for path in placed}
    if (target / "index.html").resolve() not in written:
        return
    for stale in (target / EPISODE_DIR).glob("*.html"):
        if stale.resolve() not in written:
            with contextlib.suppress(OSError):
                stale.unlink()


def _remove_stale_staging(target: Path) -> None:
    """Staging folders a killed run left behind for this target."""
    for stale in target.parent.glob(_STAGING.format(name=target.name) + "*"):
        with contextlib.suppress(OSError):
            shutil.rmtree(stale)
