"""The report folder: an earlier report is never clobbered by accident nor left half-replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.report.json import JsonReporter
from tests.conftest import SAMPLES


def reports(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def check(out: Path, *options: str, paths: tuple[str, ...] = (str(SAMPLES),)) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["check", *paths, "--out", str(out), "--no-cache", "--jobs", "1", *options]
    )
    return result.exit_code, result.output


def test_an_existing_report_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert check(out)[0] == 1
    before = reports(out)
    code, output = check(out, "--ignore", "L4")
    assert code == 2
    assert "already holds a report" in output and "--force" in output
    assert reports(out) == before
    assert check(out, "--ignore", "L4", "--force")[0] == 0
    assert reports(out)["findings.csv"] != before["findings.csv"]


def test_a_folder_without_a_report_is_used(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert check(out)[0] == 1
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "report.json").is_file()


def test_a_failing_reporter_leaves_the_previous_report_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert check(out)[0] == 1
    before = reports(out)

    def broken(
        self: JsonReporter, result: object, out_dir: Path, jobs: int = 1, cache: object = None
    ) -> list[Path]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(JsonReporter, "write", broken)
    code, _output = check(out, "--ignore", "L4", "--force")  # CSV is written before JSON fails
    assert code != 0
    assert reports(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


KILL_WHILE_WRITING = """
import os, signal
from aligner.cli import main
from aligner.report.json import JsonReporter
def die(self, result, out_dir, jobs=1, cache=None):
    os.kill(os.getpid(), signal.SIGKILL)  # the CSV files are written, the JSON is not
JsonReporter.write = die
main()
"""


@pytest.mark.parametrize("moment", ["while writing", "while checking"])
def test_a_killed_run_leaves_the_previous_report(tmp_path: Path, moment: str) -> None:
    """SIGKILL ``aligner check --force`` in a subprocess: the previous report is still there,
    whole, and the next run cleans up what the killed one left."""
    out = tmp_path / "out"
    assert check(out, "--select", "C1")[0] == 0
    before = reports(out)
    code = KILL_WHILE_WRITING if moment == "while writing" else "from aligner.cli import main; main()"
    command = [sys.executable, "-c", code, "check", str(SAMPLES), "--out", str(out), "--force", "--no-cache"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if moment == "while checking":
        time.sleep(0.5)  # importing and parsing take longer than this
        os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=120) == -signal.SIGKILL
    assert reports(out) == before
    assert check(out, "--force")[0] == 1
    assert set(reports(out)) >= {"findings.csv", "chapters.csv", "variants.csv", "report.json"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_replacing_a_report_removes_the_episode_pages_it_no_longer_has(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert check(out)[0] == 1  # the three sample episodes
    pages = sorted(p.name for p in (out / "episodes").glob("*.html"))
    assert len(pages) == 3
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    one_page = str(SAMPLES / "en")  # one episode
    assert check(out, "--force", paths=(one_page,))[0] in (0, 1)
    fresh = tmp_path / "fresh"
    check(fresh, paths=(one_page,))
    assert reports(out) == {**reports(fresh), "notes.txt": b"mine"}  # as a fresh run, plus my file
    assert len(list((out / "episodes").glob("*.html"))) < len(pages)


def test_an_html_only_report_is_refused_without_force(tmp_path: Path) -> None:
    """It had no CSV or JSON file, so a second run overwrote its index.html and left the episode
    pages of the first beside it."""
    out = tmp_path / "out"
    assert check(out, "--format", "html")[0] == 1
    before = reports(out)
    code, output = check(out, "--format", "html", paths=(str(SAMPLES / "en"),))
    assert code == 2 and "index.html" in output
    assert reports(out) == before


def test_force_with_fewer_formats_leaves_no_file_of_the_earlier_report(tmp_path: Path) -> None:
    """`--format csv` over a full report had left its report.json and index.html (12 findings)
    beside the new findings.csv: a `--baseline out/report.json` would read the other run."""
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert check(out)[0] == 1
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    one_page = (str(SAMPLES / "en"),)
    assert check(out, "--force", "--format", "csv", paths=one_page)[0] in (0, 1)
    check(fresh, "--format", "csv", paths=one_page)
    assert reports(out) == {**reports(fresh), "notes.txt": b"mine"}
    folders = [sorted(p.name for p in root.iterdir() if p.is_dir()) for root in (out, fresh)]
    assert folders[0] == folders[1] == []  # no empty `episodes/` left behind either


def test_an_index_html_of_my_own_neither_blocks_nor_goes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<title>My site</title>", encoding="utf-8")
    assert check(out, "--format", "csv")[0] == 1
    assert check(out, "--format", "json", "--force")[0] == 1
    assert (out / "index.html").read_text(encoding="utf-8") == "<title>My site</title>"
    assert not (out / "findings.csv").exists()


def test_episode_pages_in_a_folder_without_a_report_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "episodes").mkdir(parents=True)
    (out / "episodes" / "mine.html").write_text("<p>mine</p>", encoding="utf-8")
    assert check(out)[0] == 1
    assert (out / "episodes" / "mine.html").read_text(encoding="utf-8") == "<p>mine</p>"


# -- diff and nightly publish their reports the same way -------------------------------------------


def snapshot_run(
    command: str, out: Path, *options: str, paths: tuple[str, ...] = (str(SAMPLES),)
) -> tuple[int, str]:
    """``aligner diff PATH PATH`` or ``aligner nightly PATH`` into ``out``."""
    args = [*paths, *paths] if command == "diff" else [*paths, "--history", str(out.parent / "h.sqlite")]
    result = CliRunner().invoke(
        main, [command, *args, "--out", str(out), "--no-cache", "--jobs", "1", *options]
    )
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["diff", "nightly"])
def test_snapshot_commands_refuse_an_existing_report_without_force(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    assert snapshot_run(command, out)[0] == 0
    before = reports(out)
    assert ("trends.csv" in before) is (command == "nightly")
    code, output = snapshot_run(command, out, "--format", "csv")
    assert code == 2 and "already holds a report" in output and "--force" in output
    assert reports(out) == before
    assert snapshot_run(command, out, "--format", "csv", "--force")[0] == 0
    assert reports(out)["findings.csv"] == before["findings.csv"]  # same run, replaced
    assert [p.name for p in tmp_path.iterdir() if p.name != "h.sqlite"] == ["out"]  # no staging left


@pytest.mark.parametrize("command", ["diff", "nightly"])
def test_snapshot_commands_leave_the_previous_report_when_a_reporter_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    out = tmp_path / "out"
    assert snapshot_run(command, out)[0] == 0
    before = reports(out)

    def broken(
        self: JsonReporter, result: object, out_dir: Path, jobs: int = 1, cache: object = None
    ) -> list[Path]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(JsonReporter, "write", broken)
    code, _output = snapshot_run(command, out, "--force")
    assert code != 0
    assert reports(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "h.sqlite"] == ["out"]


def test_diff_with_force_removes_the_episode_pages_it_no_longer_has(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert snapshot_run("diff", out)[0] == 0
    assert len(list((out / "episodes").glob("*.html"))) == 3
    one_page = (str(SAMPLES / "en"),)
    assert snapshot_run("diff", out, "--force", paths=one_page)[0] == 0
    fresh = tmp_path / "fresh"
    snapshot_run("diff", fresh, paths=one_page)
    assert reports(out) == reports(fresh)


# -- the swap: all of the new report or none of it (found by QA of determinism across environments) --


def test_a_rename_that_fails_midway_puts_the_previous_report_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files were renamed into place one by one: a failure at the fifth (a full disk, a folder that
    takes no files) left four new files beside the old rest — a report of two runs."""
    out = tmp_path / "out"
    assert check(out, "--format", "csv,json,html")[0] == 1
    before = reports(out)
    real = os.replace
    calls = 0  # renames into the report folder

    def failing(src: object, dst: object) -> None:
        nonlocal calls
        if Path(str(dst)).parent in (out, out / "episodes") and ".staging-" in str(src):
            calls += 1
            if calls == 5:
                raise PermissionError(13, "Permission denied", str(src), None, str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, output = check(out, "--format", "csv,json,html", "--ignore", "L4", "--force")
    assert code == 2 and calls > 5  # the failing rename, then the old files put back
    assert "Permission denied" in output and ".staging-" not in output  # the place, not the staged file
    assert reports(out) == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_a_file_where_the_pages_folder_goes_leaves_no_partial_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "episodes").write_text("mine", encoding="utf-8")
    code, output = check(out, "--format", "csv,json,html")
    assert code == 2 and "episodes" in output
    assert reports(out) == {"episodes": b"mine"}  # no CSV or JSON of a run that failed
    assert check(out, "--format", "csv,json")[0] == 1  # not refused as "already holds a report"


def test_another_sites_html_files_are_not_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<title>My site</title>", encoding="utf-8")
    code, output = check(out, "--format", "html")
    assert code == 2 and "not written by aligner (index.html)" in output
    assert reports(out) == {"index.html": b"<title>My site</title>"}
    assert check(out, "--format", "csv")[0] == 1  # a report without HTML replaces nothing of it
    assert check(out, "--format", "html", "--force")[0] == 1
    assert b"<title>aligner" in (out / "index.html").read_bytes()


def test_only_the_staging_folders_of_runs_that_are_gone_are_removed(tmp_path: Path) -> None:
    """A run removed every staging folder of its target: a second run into the same folder deleted
    the first one's while it was still writing (5 of 6 tries failed)."""
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(finished.stdout)
    live = tmp_path / f".out.staging-{os.getpid()}-abc"
    gone = tmp_path / f".out.staging-{dead}-abc"
    other = tmp_path / ".out[1].staging-1-abc"  # another target, whose name a glob would have matched
    for folder in (live, gone, other):
        folder.mkdir()
    assert check(tmp_path / "out")[0] == 1
    assert live.is_dir() and other.is_dir() and not gone.exists()
