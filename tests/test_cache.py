"""Incremental runs: a re-run with the cache gives exactly the reports of a full run, and only
re-does the work the changed pages touch."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import aligner.execution
import aligner.pair
from aligner.cache import RunCache
from aligner.cli import main
from aligner.settings import Settings
from benchmarks.generate import generate
from tests.counting import Work


@pytest.fixture()
def catalog(tmp_path: Path) -> Path:
    info = generate(tmp_path / "catalog", 48, per_page=6, defect_rate=0.3, seed=11)
    assert info.pages == 8
    return tmp_path / "catalog"


def reports(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run(catalog: Path, out: Path, *options: str) -> dict[str, bytes]:
    result = CliRunner().invoke(main, ["check", str(catalog), "--out", str(out), "--jobs", "1", *options])
    assert result.exit_code == 1, result.output
    return reports(out)


def edit_one_summary(catalog: Path) -> Path:
    page = sorted((catalog / "es").iterdir())[1]
    text = page.read_text(encoding="utf-8")
    edited = text.replace("Sebastian Mallaby spent", "Sebastian Mallaby, the biographer, spent", 1)
    assert edited != text
    page.write_text(edited, encoding="utf-8")
    return page


def test_rerun_after_a_small_change_equals_a_full_run(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    before = run(catalog, tmp_path / "first", "--cache", str(cache))
    edit_one_summary(catalog)
    counter = Work(monkeypatch)
    cached = run(catalog, tmp_path / "cached", "--cache", str(cache))
    assert counter.pages == 1  # only the edited page was parsed again
    assert counter.episodes == 1  # only the edited card's episode was checked again (of 18; 6 on its page)
    full = run(catalog, tmp_path / "full", "--no-cache")
    assert cached == full
    assert cached["report.json"] != before["report.json"]  # the edit shows (the summary is in it)


def test_unchanged_rerun_reuses_everything_and_settings_invalidate(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = run(catalog, tmp_path / "first", "--cache", str(cache))
    counter = Work(monkeypatch)
    assert run(catalog, tmp_path / "again", "--cache", str(cache)) == first
    assert (counter.pages, counter.episodes) == (0, 0)
    strict = run(catalog, tmp_path / "strict", "--cache", str(cache), "--tolerance", "1")
    assert counter.episodes == 18  # a setting changed: every episode was checked again
    assert strict == run(catalog, tmp_path / "strict-full", "--no-cache", "--tolerance", "1")


def test_damaged_cache_entries_are_misses(catalog: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(catalog, tmp_path / "first", "--cache", str(cache))
    entries = list(RunCache(cache).entries())
    assert entries
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    assert run(catalog, tmp_path / "second", "--cache", str(cache)) == first


def test_a_cache_nothing_can_be_stored_in_is_said_and_the_run_goes_on(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    runner = CliRunner()
    plain = run(catalog, tmp_path / "plain", "--no-cache")
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["check", str(catalog), "--out", str(out), "--cache", str(blocker / "cache")]
    )
    assert result.exit_code == 1
    assert (
        f"aligner: cannot write the cache {blocker / 'cache'} (Not a directory): this run is not cached"
        in (result.output)
    )
    assert reports(out) == plain
    # the file itself as the folder: it had been a usage error (exit 2) that stopped the night
    out = tmp_path / "out2"
    result = runner.invoke(main, ["check", str(catalog), "--out", str(out), "--cache", str(blocker)])
    assert result.exit_code == 1
    assert f"aligner: cannot write the cache {blocker} (a file, not a folder): this run is not cached" in (
        result.output
    )
    assert reports(out) == plain
    # A warm cache mounted read-only is still read (root can write anywhere: the refusal is faked).
    warm = tmp_path / "warm"
    run(catalog, tmp_path / "fill", "--cache", str(warm))
    monkeypatch.setattr(RunCache, "unwritable", lambda _self: "Read-only file system")
    work = Work(monkeypatch)
    again = runner.invoke(
        main, ["check", str(catalog), "--out", str(tmp_path / "ro"), "--cache", str(warm), "--jobs", "1"]
    )
    assert (work.pages, work.episodes) == (0, 0)  # every page and episode read back
    assert f"cannot write the cache {warm} (Read-only file system): entries are read, none are stored" in (
        again.output
    )
    assert reports(tmp_path / "ro") == plain


def test_prune_keeps_the_cache_under_its_cap(tmp_path: Path) -> None:
    store = RunCache(tmp_path / "cache")
    for n in range(10):
        store.put("pages", f"{n:02d}" + "a" * 38, b"x" * 1000)
    assert store.prune(max_bytes=5000, target=3000) >= 7
    assert sum(p.stat().st_size for p in store.entries()) <= 3000
    shutil.rmtree(tmp_path / "cache")
    assert store.prune() == 0


def edit_one_timestamp(catalog: Path) -> None:
    page = sorted((catalog / "en").iterdir())[0]
    text = page.read_text(encoding="utf-8")
    second = list(re.finditer(r"## \[(\d\d):(\d\d)\]", text))[1]  # a chapter after [00:00]
    moved = f"## [{second.group(1)}:{(int(second.group(2)) + 30) % 60:02d}]"
    page.write_text(text[: second.start()] + moved + text[second.end() :], encoding="utf-8")


def test_episode_groups_are_reused_until_a_grouping_feature_changes(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    run(catalog, tmp_path / "first", "--cache", str(cache))
    merges: list[int] = []
    merge = aligner.pair._merge_on_signature

    def counting_merge(*args: Any) -> Any:
        merges.append(1)
        return merge(*args)

    monkeypatch.setattr(aligner.pair, "_merge_on_signature", counting_merge)
    edit_one_summary(catalog)  # a text: the groups come from the cache
    cached = run(catalog, tmp_path / "cached", "--cache", str(cache))
    assert merges == []
    assert cached == run(catalog, tmp_path / "full", "--no-cache")
    merges.clear()
    edit_one_timestamp(catalog)  # a chapter timestamp: grouping runs again
    cached = run(catalog, tmp_path / "cached-2", "--cache", str(cache))
    assert merges == [1]
    assert cached == run(catalog, tmp_path / "full-2", "--no-cache")


def test_a_pairing_plan_that_misplaces_a_variant_is_ignored(tmp_path: Path) -> None:
    from aligner.pair import grouping_key, pair_variants
    from aligner.pipeline import load

    variants = [v for page in load(["samples/pages"], Settings()) for v in page.variants]
    plain = pair_variants(variants, "en", 2)
    store = RunCache(tmp_path / "cache")
    key = grouping_key(variants, 2)
    for bad in ([("id", [0, 0])], [("id", list(range(len(variants) + 1)))], "not a plan", [("id", ["x"])]):
        store.put("pairing", key, bad)
        assert pair_variants(variants, "en", 2, store) == plain
    store.put("pairing", key, [("single", [i]) for i in range(len(variants))])  # a valid plan is used
    assert all(e.pairing == "single" for e in pair_variants(variants, "en", 2, store))
