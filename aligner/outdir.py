"""The report folder: never clobbered by accident, never left half-written.

Rule: ``aligner check --out DIR`` (and ``diff``, ``nightly``) refuses (exit 2) when ``DIR``
already holds a report of another run — any of its CSV or JSON files, or its HTML overview (an
``index.html`` aligner wrote) — unless ``--force`` is given. An empty or missing folder, or one
holding other files only, is used as it is. With ``--force`` the files of this run replace their
namesakes, and the files of the earlier report that this run did not write are removed (formats
not asked for this time, ``episodes/*.html`` of episodes gone): the folder then looks as after a
fresh run. Other files in the folder are left alone.

An HTML report also refuses, without ``--force``, a folder holding an ``index.html``, style sheet
or script that aligner did not write: it would replace them.

Writing is atomic for the report as a whole: every format is first written into a hidden staging
folder next to ``DIR`` (same file system), then swapped in by renames — each file of the earlier
report set aside in the staging folder, the new one renamed into place — under a lock on ``DIR``
(two runs into one folder take turns). A rename that fails (a file where a folder should be, a
folder that takes no files) undoes the ones before it: the previous report is left whole, never
mixed with the new one. A run killed while rendering leaves the previous report untouched; the
swap itself defers Ctrl-C and SIGTERM. A staging folder is named after its run's process and
removed by a later run only once that process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
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
_STAGING = ".{name}.staging-"  # then the run's process id
STALE_AFTER = 86_400  # seconds after which a staging folder is removed even if its process id is in use


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


def guard(directory: Path, force: bool, html: bool = False) -> None:
    """Refuse (``OutputExists``) a folder holding a report, or, for an ``html`` report, files of
    the HTML report's names that aligner did not write — unless ``force``."""
    if force:
        return
    found = existing_report(directory)
    if found:
        raise OutputExists(
            f"{directory} already holds a report ({', '.join(found)}); "
            "use --force to replace it or choose another --out"
        )
    foreign = _foreign_html_files(directory) if html else []
    if foreign:
        raise OutputExists(
            f"{directory} holds files an HTML report would replace, not written by aligner "
            f"({', '.join(foreign)}); use --force to replace them or choose another --out"
        )


def _foreign_html_files(directory: Path) -> list[str]:
    """The overview, style sheet and script an HTML report writes that exist in ``directory``
    without an aligner HTML report there: someone else's site. (Pages in ``episodes/`` are named
    after episodes, and another page there is left alone.)"""
    return [name for name in HTML_FILES if (directory / name).exists()]


def wants_html(formats: Sequence[str] | str) -> bool:
    """Whether ``formats`` (``"csv,html"`` or a list) ask for the HTML report."""
    names = formats.split(",") if isinstance(formats, str) else formats
    return any(name.strip().lower() == "html" for name in names)


def unwritable(directory: Path) -> str | None:
    """Why reports cannot be written to ``directory`` (``None`` when they can): its parent is
    made, and a file made and removed there (where the staging folder goes). Asked before the run,
    so a typo in ``--out`` costs no run."""
    try:
        if directory.exists() and not directory.is_dir():
            return "a file, not a folder"
        probe_writable(directory.parent, _STAGING.format(name=directory.name))
        if directory.is_dir():  # the reports are renamed into it: a read-only folder fails then
            probe_writable(directory, ".aligner-probe-")
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
    writer; pages rendered by earlier runs taken from ``cache``), then swap them into
    ``directory`` (see the module docs)."""
    target = Path(directory)
    html = wants_html(formats)
    guard(target, force, html)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target)
    prefix = _STAGING.format(name=target.name) + f"{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix))
    try:
        written = write_reports(result, staging, formats, jobs, cache)
        for write in extra:
            written += write(result, staging)
        with deferred():  # a stop now would leave files of both reports: it waits for the swap
            target.mkdir(parents=True, exist_ok=True)
            with _locked(target):
                guard(target, force, html)  # another run may have written there meanwhile
                replaced = existing_report(target)  # with --force: an earlier report is replaced
                placed = _swap_in(written, staging, target)
                if replaced:
                    _remove_stale_files(target, placed, html=HTML_OVERVIEW in replaced)
        return placed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(written: Sequence[Path], staging: Path, target: Path) -> list[Path]:
    """Rename each of ``written`` (in ``staging``) to its place in ``target``, setting aside the
    file it replaces; on the first failure, put everything back as it was and raise the error,
    naming the place that failed (not the staging file)."""
    aside = staging / ".replaced"
    placed: list[tuple[Path, Path]] = []  # (final, staged)
    set_aside: list[tuple[Path, Path]] = []  # (final, kept)
    made: list[Path] = []  # folders made in target
    try:
        for path in written:
            relative = path.relative_to(staging)
            final = target / relative
            try:
                made += _make_parents(final.parent, target)
                if final.is_dir() and not final.is_symlink():
                    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(final))
                if final.exists() or final.is_symlink():
                    kept = aside / relative
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(final, kept)
                    set_aside.append((final, kept))
                os.replace(path, final)
            except OSError as exc:  # named by the place in target, not the staging file
                names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
                place = next((n for n in names if not Path(n).is_relative_to(staging)), str(final))
                raise OSError(exc.errno, exc.strerror or str(exc), place) from exc
            placed.append((final, path))
    except OSError:
        for final, staged in reversed(placed):
            with contextlib.suppress(OSError):
                os.replace(final, staged)
        for final, kept in reversed(set_aside):
            with contextlib.suppress(OSError):
                os.replace(kept, final)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return [final for final, _staged in placed]


def _make_parents(folder: Path, target: Path) -> list[Path]:
    """Make ``folder`` (inside ``target``) and its missing parents; the folders made."""
    missing = []
    while folder != target and not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir()
    return list(reversed(missing))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (``flock`` of the folder itself: no lock file left behind)
    while a run swaps its report in; where folders cannot be locked, no lock."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


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
    """Staging folders a killed run left behind for this target: those of processes that are gone
    (a run still writing its own is left to it)."""
    prefix = _STAGING.format(name=target.name)
    for stale in target.parent.glob(glob.escape(prefix) + "*"):
        pid = stale.name[len(prefix) :].split("-", 1)[0]
        with contextlib.suppress(OSError):
            if pid.isdigit() and _alive(int(pid)) and time.time() - stale.stat().st_mtime < STALE_AFTER:
                continue  # its run is still writing (a process id reused since is given a day)
        with contextlib.suppress(OSError):
            shutil.rmtree(stale)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True
