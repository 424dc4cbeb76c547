"""``--jobs``: worker processes change how long a run takes, never its reports."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.pipeline import check_paths
from aligner.pool import WORKER_GC_THRESHOLD, resolve_jobs, run_tasks
from aligner.report.html import MIN_SHARD, HtmlReporter, _shards
from aligner.settings import Settings
from benchmarks.generate import generate
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic catalog (48 variants on 11 pages, with defects) next to the real pages."""
    root = tmp_path_factory.mktemp("catalog")
    generate(root / "synthetic", 48, per_page=6, defect_rate=0.3, seed=7)
    for page in SAMPLES.rglob("*"):
        if page.is_file():
            (root / "real" / page.relative_to(SAMPLES)).parent.mkdir(parents=True, exist_ok=True)
            (root / "real" / page.relative_to(SAMPLES)).write_bytes(page.read_bytes())
    return root


def reports(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run(catalog: Path, out: Path, *options: str) -> int:
    result = CliRunner().invoke(main, ["check", str(catalog), "--out", str(out), "--no-cache", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code


def test_reports_are_byte_identical_for_any_jobs(catalog: Path, tmp_path: Path) -> None:
    codes = [run(catalog, tmp_path / f"jobs{jobs}", "--jobs", str(jobs)) for jobs in (1, 2, 3)]
    assert codes == [1, 1, 1]
    one = reports(tmp_path / "jobs1")
    assert {"findings.csv", "chapters.csv", "variants.csv", "report.json", "index.html"} <= set(one)
    assert len(one["findings.csv"].splitlines()) > 40  # the run found the injected defects
    for jobs in (2, 3):
        assert reports(tmp_path / f"jobs{jobs}") == one, jobs


def test_jobs_default_to_every_core() -> None:
    assert resolve_jobs(0) == resolve_jobs(None) >= 1
    assert resolve_jobs(3) == 3


def _worker_pid(task: int) -> int:
    time.sleep(0.01)  # long enough for both workers to take tasks
    return os.getpid()


def test_work_really_runs_in_worker_processes() -> None:
    pids = list(run_tasks(_worker_pid, list(range(40)), {}, 2))
    assert len(pids) == 40
    assert len(set(pids)) == 2 and os.getpid() not in pids
    assert set(run_tasks(_worker_pid, list(range(40)), {}, 1)) == {os.getpid()}


def _young_generation_threshold(task: int) -> int:
    return gc.get_threshold()[0]


def test_workers_collect_young_objects_less_often_and_the_main_process_as_before() -> None:
    before = gc.get_threshold()
    thresholds = set(run_tasks(_young_generation_threshold, list(range(8)), {}, 2))
    assert thresholds == {WORKER_GC_THRESHOLD} != {before[0]}
    assert gc.get_threshold() == before
    assert set(run_tasks(_young_generation_threshold, list(range(8)), {}, 1)) == {before[0]}  # inline


def test_checks_reading_other_cards_of_a_page_find_the_same_with_workers(tmp_path: Path) -> None:
    """S004 compares a card with the other cards of its page: it runs in the main process (workers
    are not sent whole pages), and must report the same as a one-process run."""
    from tests.conftest import ES_PAGE

    pages = tmp_path / "pages" / "es"
    pages.mkdir(parents=True)
    text = ES_PAGE.read_text(encoding="utf-8")
    lost = text.replace("1:21:56\n", "", 1).replace("#llm-critique#world-models#jepa", "", 1)
    assert lost != text
    (pages / ES_PAGE.name).write_text(lost, encoding="utf-8")
    for other in SAMPLES.rglob("*"):
        if other.is_file() and other.name != ES_PAGE.name:
            target = tmp_path / "pages" / other.relative_to(SAMPLES)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(other.read_bytes())
    generate(tmp_path / "pages" / "synthetic", 24, per_page=6, seed=3)  # enough episodes for a pool
    for jobs in (1, 2):
        run(tmp_path / "pages", tmp_path / f"jobs{jobs}", "--jobs", str(jobs))
    one = reports(tmp_path / "jobs1")
    assert b"S004" in one["findings.csv"]
    assert reports(tmp_path / "jobs2") == one


def test_html_pages_rendered_in_shards_are_the_same_files(tmp_path: Path) -> None:
    """Enough episodes for the HTML reporter to render its pages in shards side by side."""

    generate(tmp_path / "pages", 200, per_page=10, seed=5)
    result = check_paths([str(tmp_path / "pages")], Settings(), jobs=2)
    assert len(result.episodes) >= 2 * MIN_SHARD
    shards = _shards(result.episodes, 3)
    assert len(shards) == 2 and [e for shard in shards for e in shard] == list(result.episodes)
    written = {}
    for jobs in (1, 3):
        out = tmp_path / f"html{jobs}"
        out.mkdir()
        written[jobs] = [p.relative_to(out).as_posix() for p in HtmlReporter().write(result, out, jobs)]
    assert written[1] == written[3]  # same files, in the same order
    assert written[1][0] == "index.html" and len(written[1]) == len(result.episodes) + 3
    assert reports(tmp_path / "html1") == reports(tmp_path / "html3")
