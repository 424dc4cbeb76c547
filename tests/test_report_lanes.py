"""Report formats written side by side (``--jobs``): the same files as one after the other."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.report.lanes import can_fork, lanes, write_side_by_side
from aligner.results import RunResult
from aligner.settings import Settings

needs_fork = pytest.mark.skipif(not can_fork(), reason="side-by-side writing needs fork (Linux, macOS)")


@pytest.fixture(scope="module")
def samples() -> RunResult:
    return check_paths(["samples/pages"], Settings(glossary="samples/glossary.csv"))


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_lanes_deal_formats_round_robin() -> None:
    assert lanes(5, 2) == [[0, 2, 4], [1, 3]]
    assert lanes(2, 8) == [[0], [1]]
    assert lanes(3, 1) == [[0, 1, 2]]
    assert lanes(1, 0) == [[0]]


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3])
def test_side_by_side_writes_the_same_files_in_the_same_order(
    samples: RunResult, tmp_path: Path, jobs: int
) -> None:
    serial = write_reports(samples, tmp_path / "serial", "csv,json,html", jobs=1)
    parallel = write_reports(samples, tmp_path / "parallel", "csv,json,html", jobs=jobs)
    assert [p.relative_to(tmp_path / "parallel") for p in parallel] == [
        p.relative_to(tmp_path / "serial") for p in serial
    ]
    assert files(tmp_path / "parallel") == files(tmp_path / "serial")
    assert len(files(tmp_path / "serial")) > 4  # HTML pages besides the CSV and JSON files


@needs_fork
def test_a_lane_whose_worker_dies_is_written_here(samples: RunResult, tmp_path: Path) -> None:
    here = os.getpid()

    def first(result: RunResult, out: Path) -> list[Path]:
        (out / "first.txt").write_text("first")
        return [out / "first.txt"]

    def dies_in_a_worker(result: RunResult, out: Path) -> list[Path]:
        if os.getpid() != here:
            os._exit(3)  # a killed worker (out of memory, signal)
        (out / "second.txt").write_text(f"{len(result.variants)} variants")
        return [out / "second.txt"]

    written = write_side_by_side(samples, tmp_path, [first, dies_in_a_worker], jobs=2)
    assert written == [tmp_path / "first.txt", tmp_path / "second.txt"]
    assert (tmp_path / "second.txt").read_text() == f"{len(samples.variants)} variants"


@needs_fork
def test_an_error_in_a_worker_reaches_the_caller(samples: RunResult, tmp_path: Path) -> None:
    def fine(result: RunResult, out: Path) -> list[Path]:
        return []

    def full_disk(result: RunResult, out: Path) -> list[Path]:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_side_by_side(samples, tmp_path, [fine, full_disk], jobs=2)


@needs_fork
def test_an_error_here_waits_for_the_children(samples: RunResult, tmp_path: Path) -> None:
    """No child outlives the call as a zombie, and none writes after the error was raised."""

    def broken_here(result: RunResult, out: Path) -> list[Path]:
        raise ValueError("broken template")

    def slow_in_a_child(result: RunResult, out: Path) -> list[Path]:
        time.sleep(0.3)
        (out / "late.txt").write_text("done")
        return [out / "late.txt"]

    with pytest.raises(ValueError, match="broken template"):
        write_side_by_side(samples, tmp_path, [broken_here, slow_in_a_child], jobs=2)
    assert (tmp_path / "late.txt").read_text() == "done"


@needs_fork
def test_a_stop_here_kills_the_children_before_their_folder_goes(samples: RunResult, tmp_path: Path) -> None:
    """Ctrl-C (or SIGTERM) while the reports render: the caller removes the staging folder next,
    so a child still writing into it must be gone first, not waited for."""
    here = os.getpid()
    children: list[int] = []

    def stopped_here(result: RunResult, out: Path) -> list[Path]:
        deadline = time.monotonic() + 10
        while not (out / "child.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        children.append(int((out / "child.pid").read_text()))
        raise KeyboardInterrupt

    def endless_in_a_child(result: RunResult, out: Path) -> list[Path]:
        if os.getpid() != here:
            (out / "child.pid").write_text(str(os.getpid()))
            time.sleep(3600)
        return []

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        write_side_by_side(samples, tmp_path, [stopped_here, endless_in_a_child], jobs=2)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # killed and reaped: no such child any more
        os.waitpid(children[0], os.WNOHANG)


def test_weighted_lanes_give_the_heaviest_task_a_lane_of_its_own() -> None:
    """CSV, JSON and HTML on two lanes: round robin put CSV before HTML in one lane, so the HTML,
    which takes as long as the other two many times over, started late."""
    assert lanes(3, 2) == [[0, 2], [1]]
    assert lanes(3, 2, [0.5, 0.5, 14.0]) == [[2], [0, 1]]
    assert lanes(3, 3, [0.5, 0.5, 14.0]) == [[2], [0], [1]]
    assert lanes(4, 2, [1, 1, 1, 1]) == [[0, 2], [1, 3]]  # equal weights: round robin
    assert lanes(2, 1, [3, 1]) == [[0, 1]]
