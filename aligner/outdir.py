"""The report folder: never clobbered by accident, never left half-written.

Rule: ``aligner check --out DIR`` (and ``diff``, ``nightly``) refuses (exit 2) when ``DIR``
already holds a report of another run — any of its CSV or JSON files, or its HTML overview (an
``index.html`` aligner wrote) — unless ``--force`` is given. An empty or missing folder, or one
holding other files only, is used as it is. With ``--force`` the files of this run replace their
namesakes, and the files of the earlier report that this run did not write are removed (formats
not asked for this time, ``episodes/*.html`` of episodes gone): the folder then looks as after a
fresh run. Other files in the folder are left alone.

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
from aligner.report.html import FILENAME as HTML_OVERVIEW
from aligner.report.html import STATIC_FILES
from aligner.report.html_links import EPISODE_DIR
from aligner.results import RunResult
from aligner.writable import probe_writable

# The files a report run writes at the top of its folder (its formats and a nightly run's trends):
# any of them tells an earlier report, but ``index.html`` only when aligner wrote it.
REPORT_FILES: tuple[str, ...] = (
    "findings.csv",
    "chapters.csv",
    "variants.csv",
    "report.json",
    "trends.csv",
    "trends.json",
)
HTML_FILES: tuple[str, ...] = (HTML_OVERVIEW, *STATIC_FILES)
_HTML_MARK = b"<title>aligner"  # in the head of every index.html the HTML reporter writes
_STAGING = ".{name}.staging-"


class OutputExists(Exception):
    """The output folder already holds a report and ``--force`` was not given."""


def existing_report(directory: Path) -> list[str]:
    """The report files of an earlier run found in ``directory`` (empty: safe to write)."""
    found = [name for name in REPORT_FILES if (directory / name).is_file()]
    return [*found, HTML_OVERVIEW] if _is_html_report(directory / HTML_OVERVIEW) else found


def _is_html_report(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return _HTML_MARK in file.read(4096)
    except OSError:  # none, a folder, unreadable
        return False


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
    replaced = existing_report(target)  # with --force: an earlier report is replaced
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
            if replaced:
                _remove_stale_files(target, placed, html=HTML_OVERVIEW in replaced)
        return placed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_stale_files(target: Path, placed: Sequence[Path], html: bool) -> None:
    """The files of the replaced report in ``target`` that this run did not write: a format not
    asked for this time, and episode pages of episodes gone or renamed (``html``: the replaced
    report had an HTML overview, so its style sheet, script and pages are aligner's too), and the
    pages' folder once empty. The folder then holds what a fresh run would write; nothing else is
    touched."""
    written = {path.resolve() for path in placed}
    names = [*REPORT_FILES, *(HTML_FILES if html else ())]
    stale = [target / name for name in names]
    stale += sorted((target / EPISODE_DIR).glob("*.html")) if html else []
    for path in stale:
        if path.is_file() and path.resolve() not in written:
            with contextlib.suppress(OSError):
                path.unlink()
    if html:
        with contextlib.suppress(OSError):  # not empty (a page written, a file of someone else's): kept
            (target / EPISODE_DIR).rmdir()


def _remove_stale_staging(target: Path) -> None:
    """Staging folders a killed run left behind for this target."""
    for stale in target.parent.glob(_STAGING.format(name=target.name) + "*"):
        with contextlib.suppress(OSError):
            shutil.rmtree(stale)
