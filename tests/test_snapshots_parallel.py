"""``aligner diff`` and ``aligner nightly`` with worker processes and the cache: the same reports
as a plain serial run, and a second night over an unchanged catalog re-does nothing."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import aligner.diff
from aligner.cli import main
from aligner.diff import diff_paths
from aligner.nightly import run_nightly
from aligner.report import write_reports
from aligner.report.html import render_html
from aligner.results import RunResult
from aligner.settings import Settings
from benchmarks.generate import generate
from tests.counting import Work

NIGHT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Yesterday's catalog and today's, where one chapter timestamp moved (an R6xx regression)."""
    root = tmp_path_factory.mktemp("snapshots")
    generate(root / "old", 48, per_page=6, defect_rate=0.3, seed=5)
    shutil.copytree(root / "old", root / "new")
    page = sorted((root / "new" / "en").iterdir())[0]
    text = page.read_text(encoding="utf-8")
    second = list(re.finditer(r"## \[(\d\d):(\d\d)\]", text))[1]
    moved = f"## [{second.group(1)}:{(int(second.group(2)) + 30) % 60:02d}]"
    page.write_text(text[: second.start()] + moved + text[second.end() :], encoding="utf-8")
    return root / "old", root / "new"


def report_bytes(result: RunResult, folder: Path) -> dict[str, bytes]:
    write_reports(result, folder, "csv,json")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_nightly_with_workers_and_cache_equals_a_serial_night(
    snapshots: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = snapshots
    settings = Settings()
    serial = run_nightly(str(new), settings, tmp_path / "serial.sqlite", str(old), started_at=NIGHT)
    cache = tmp_path / "cache"
    fast = run_nightly(
        str(new), settings, tmp_path / "fast.sqlite", str(old), started_at=NIGHT, jobs=2, cache=cache
    )
    assert any(f.code.startswith("R6") for f in serial.result.findings)  # the diff ran too
    assert report_bytes(fast.result, tmp_path / "fast") == report_bytes(serial.result, tmp_path / "serial")
    assert fast.trends == serial.trends
    work = Work(monkeypatch)  # the same night again, in this process: everything comes from the cache
    again = run_nightly(
        str(new), settings, tmp_path / "again.sqlite", str(old), started_at=NIGHT, cache=cache
    )
    assert (work.pages, work.episodes) == (0, 0)
    assert report_bytes(again.result, tmp_path / "again") == report_bytes(serial.result, tmp_path / "serial")


def test_diff_with_workers_and_cache_equals_a_serial_diff(
    snapshots: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = snapshots
    settings = Settings()
    serial = diff_paths(str(old), str(new), settings)
    assert [f.code for f in serial.findings if f.code.startswith("R6")]
    cache = tmp_path / "cache"
    fast = diff_paths(str(old), str(new), settings, jobs=2, cache=cache)
    assert report_bytes(fast, tmp_path / "fast") == report_bytes(serial, tmp_path / "serial")
    work = Work(monkeypatch)
    again = diff_paths(str(old), str(new), settings, cache=cache)
    assert (work.pages, work.episodes) == (0, 0)
    assert report_bytes(again, tmp_path / "again") == report_bytes(serial, tmp_path / "serial")


def test_snapshot_commands_take_jobs_and_cache_options(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = snapshots
    runner = CliRunner()
    common = ["--jobs", "2", "--cache", str(tmp_path / "cache"), "--format", "csv,json"]
    diffed = runner.invoke(main, ["diff", str(old), str(new), "--out", str(tmp_path / "d"), *common])
    plain = runner.invoke(main, ["diff", str(old), str(new), "--out", str(tmp_path / "p"), "--no-cache"])
    assert diffed.exit_code == plain.exit_code
    assert diffed.exit_code in (0, 1), diffed.output
    assert (tmp_path / "d" / "findings.csv").read_bytes() == (tmp_path / "p" / "findings.csv").read_bytes()
    night = runner.invoke(
        main,
        ["nightly", str(new), "--history", str(tmp_path / "h.sqlite"), "--out", str(tmp_path / "n"), *common],
    )
    assert night.exit_code == 0, night.output
    assert any((tmp_path / "cache").rglob("*.pkl"))


def test_tonights_snapshot_in_a_new_folder_reuses_last_nights_work(
    snapshots: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nightly snapshots lie in a new folder each night. Their pages are named relative to the
    snapshot (in the reports too), so a catalog copied to a new folder keeps its cache entries:
    the second night parses and checks only what changed, and reports as a night without cache."""
    old, new = snapshots
    settings = Settings()
    cache = tmp_path / "cache"
    run_nightly(str(old), settings, tmp_path / "h.sqlite", started_at=NIGHT, cache=cache)
    tonight = tmp_path / "2026-12-02"
    shutil.copytree(new, tonight)
    work = Work(monkeypatch)
    health_runs: list[object] = []
    run_checks = aligner.diff.run_checks
    monkeypatch.setattr(
        aligner.diff, "run_checks", lambda *args: health_runs.append(args) or run_checks(*args)
    )
    night = run_nightly(
        str(tonight), settings, tmp_path / "h.sqlite", str(old), started_at=NIGHT, cache=cache
    )
    assert work.pages == 1 and 0 < work.episodes <= 2  # the page with the moved chapter, its episode(s)
    assert health_runs == []  # last night's health was stored, tonight's read from tonight's check
    plain = run_nightly(str(tonight), settings, tmp_path / "plain.sqlite", str(old), started_at=NIGHT)
    assert report_bytes(night.result, tmp_path / "night") == report_bytes(plain.result, tmp_path / "plain")
    paths = {f.source_path for f in night.result.findings} | {
        r.source_path for r in night.result.variant_rows
    }
    assert paths and all(
        not Path(p).is_absolute() and p.split("/")[0] in ("en", "es", "ja", "zh") for p in paths
    )
    assert any(f.code.startswith("R6") for f in night.result.findings)
    # the reports' paths are relative to the folder each night names
    assert [n["snapshot"] for n in night.trends["nights"]] == [str(old), str(tonight)]
    assert night.result.snapshot == str(tonight)
    assert f"paths relative to <code>{tonight}</code>" in render_html(night.result)
