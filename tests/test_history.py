"""The nightly history database: round trips, schema migrations, concurrent readers."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from aligner import history, historyschema
from aligner.history import SCHEMA_VERSION, History, HistoryError, finding_key
from aligner.model import Severity
from aligner.results import RunResult
from aligner.waivers import finding_fingerprint

# The schema of version 1, written out by hand as an older aligner created it.
V1_SCHEMA = (
    """CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL,
       snapshot TEXT NOT NULL, signature TEXT NOT NULL, errors INTEGER NOT NULL,
       warnings INTEGER NOT NULL, infos INTEGER NOT NULL)""",
    """CREATE TABLE findings (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
       key TEXT NOT NULL, episode_id TEXT NOT NULL, page_locale TEXT NOT NULL, code TEXT NOT NULL,
       chapter_ts TEXT NOT NULL, severity TEXT NOT NULL, fingerprint TEXT NOT NULL)""",
)


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def test_round_trip(tmp_path: Path, samples_result: RunResult) -> None:
    path = tmp_path / "h" / "history.sqlite"
    with History(path) as db:
        run_id = db.record_run(samples_result, "samples/pages", "2025-01-01T02:00:00+00:00")
        assert db.version == SCHEMA_VERSION
    with History(path) as db:  # reopened: nothing to migrate, the run is there
        (run,) = db.runs()
        keys = db.finding_keys(run_id)
        trends = db.trends(run_id, 7)
    assert (run.id, run.snapshot, run.started_at) == (run_id, "samples/pages", "2025-01-01T02:00:00+00:00")
    assert (run.errors, run.warnings, run.infos) == tuple(
        samples_result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    assert keys == {finding_key(f): f.severity.value for f in samples_result.findings}
    (night,) = trends["nights"]
    assert night["errors"] == samples_result.count(Severity.ERROR)
    assert sum(night["by_code"].values()) == len(samples_result.findings)
    assert set(night["scores"]) == {r.page_locale for r in samples_result.variant_rows if r.score is not None}
    assert (trends["new"], trends["fixed"], trends["previous_run_id"]) == ([], [], None)  # the baseline


def test_finding_key_names_the_finding_and_reuses_the_waiver_fingerprint(samples_result: RunResult) -> None:
    finding = next(f for f in samples_result.findings if f.code == "L401")
    key = finding_key(finding)
    assert key.split("|") == [
        finding.episode_id,
        finding.page_locale,
        "L401",
        finding.chapter_ts,
        finding_fingerprint(finding),
    ]
    moved = replace(finding, source_path="elsewhere/" + finding.source_path, variant_key="x#9")
    assert finding_key(moved) == key  # a moved or re-ordered page keeps its keys


def test_new_and_fixed_against_the_previous_run(tmp_path: Path, samples_result: RunResult) -> None:
    dropped = samples_result.findings[0]
    fewer = replace(samples_result, findings=samples_result.findings[1:])
    with History(tmp_path / "h.sqlite") as db:
        first = db.record_run(samples_result, "night1", "2025-01-01T02:00:00+00:00")
        second = db.record_run(fewer, "night2", "2025-01-02T02:00:00+00:00")
        third = db.record_run(samples_result, "night3", "2025-01-03T02:00:00+00:00")
        assert db.trends(second, 7)["fixed"] == [finding_key(dropped)]
        trends = db.trends(third, 2)
    assert trends["new"] == [finding_key(dropped)]
    assert trends["new_errors"] == ([finding_key(dropped)] if dropped.severity is Severity.ERROR else [])
    assert trends["previous_run_id"] == str(second)
    assert [n["run_id"] for n in trends["nights"]] == [str(second), str(third)]  # --nights 2
    assert [(n["new"], n["fixed"]) for n in trends["nights"]] == [(0, 1), (1, 0)]
    assert first < second < third


def test_migrates_a_version_1_database(tmp_path: Path, samples_result: RunResult) -> None:
    path = tmp_path / "old.sqlite"
    finding = samples_result.findings[0]
    legacy = f"{finding.episode_id}|{finding.page_locale}|C101|15:55|abc"  # a variant still checked
    with sqlite3.connect(path) as db:
        for statement in V1_SCHEMA:
            db.execute(statement)
        db.execute("INSERT INTO runs VALUES (1, '2024-12-31T02:00:00+00:00', 'old-snapshot', 'sig', 1, 0, 0)")
        db.execute(
            "INSERT INTO findings VALUES (1, ?, ?, ?, ?, ?, 'error', ?)",
            (
                legacy,
                finding.episode_id,
                finding.page_locale,
                "C101",
                "15:55",
                "abc",
            ),
        )
        db.execute("PRAGMA user_version = 1")
    db.close()

    with History(path) as current:
        assert current.version == SCHEMA_VERSION
        (old_run,) = current.runs()
        assert (old_run.snapshot, old_run.errors) == ("old-snapshot", 1)
        assert current.finding_keys(1) == {legacy: "error"}
        run_id = current.record_run(samples_result, "new-snapshot", "2025-01-01T02:00:00+00:00")
        trends = current.trends(run_id, 7)
    assert {"message", "suppressed"} <= set(_columns(path, "findings"))
    assert {"settings_json", "previous_snapshot"} <= set(_columns(path, "runs"))
    assert _columns(path, "variant_scores")
    assert trends["fixed"] == [legacy]
    assert trends["nights"][0]["scores"] == {}  # version 1 kept no scores
    assert trends["settings_changed"] is True


def test_a_failed_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "h.sqlite"
    with sqlite3.connect(path) as db:
        for statement in V1_SCHEMA:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
    db.close()
    broken = (
        historyschema.MIGRATIONS[0],
        historyschema.Migration(
            2, "half a step", ("CREATE TABLE variant_scores (run_id INTEGER)", "NOT SQL")
        ),
    )
    monkeypatch.setattr(history, "MIGRATIONS", broken)
    monkeypatch.setattr(history, "SCHEMA_VERSION", 2)
    with pytest.raises(HistoryError, match=r"NOT SQL|syntax error"):
        History(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert "variant_scores" not in tables


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(
        HistoryError, match=r"newer than this aligner.s \(\d+\): upgrade aligner, or give another --history"
    ):
        History(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_text("date,errors\n2025-01-01,3\n" * 200, encoding="utf-8")
    with pytest.raises(HistoryError, match="cannot open the history database"):
        History(path)


def test_wal_mode(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite"):
        pass
    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_two_readers_while_one_writer(tmp_path: Path, samples_result: RunResult) -> None:
    """Readers are never blocked by an open write transaction and never see it half done."""
    path = tmp_path / "h.sqlite"
    with History(path) as setup:
        setup.record_run(samples_result, "night1", "2025-01-01T02:00:00+00:00")
    written = threading.Barrier(3, timeout=60)  # the writer has inserted, not committed
    read = threading.Barrier(3, timeout=60)  # both readers have read during the transaction
    committed = threading.Barrier(3, timeout=60)
    seen: dict[str, list[int]] = {}
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            with History(path) as db, db.write() as conn:
                conn.execute(
                    "INSERT INTO runs (started_at, snapshot, signature, errors, warnings, infos)"
                    " VALUES ('2025-01-02T02:00:00+00:00', 'night2', 'sig', 0, 0, 0)"
                )
                written.wait()
                read.wait()
            committed.wait()
        except BaseException as exc:
            failures.append(exc)
            for barrier in (written, read, committed):
                barrier.abort()

    def reader(name: str) -> None:
        try:
            with History(path) as db:
                written.wait()
                during = len(db.runs())
                read.wait()
                committed.wait()
                seen[name] = [during, len(db.runs())]
        except BaseException as exc:
            failures.append(exc)
            for barrier in (written, read, committed):
                barrier.abort()

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader, args=(name,)) for name in ("a", "b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert seen == {"a": [1, 2], "b": [1, 2]}


def test_a_night_after_page_locales_kept_their_region_is_no_change() -> None:
    """Pages under `es-MX/` were `es` and are `es-mx` now: the same findings under the new key
    (its fingerprint hashes the language) are neither new nor fixed - the first night after the
    upgrade failed with every regional finding new (a reviewer session)."""
    from aligner.nightchanges import fixed_keys, new_keys

    before = {"ep|es|L401||abc": "error", "ep|es|S005||def": "warning", "ep|ja|T502|01:00|123": "warning"}
    now = {"ep|es-mx|L401||abc": "error", "ep|ja|T502|01:00|123": "warning"}
    present = {("ep", "es-mx"), ("ep", "ja")}
    assert new_keys(before, now) == set()
    assert fixed_keys(before, now, present) == {"ep|es|S005||def"}  # really fixed on its es-mx page
    assert new_keys({}, now) == set(now)  # the first night: all new
    # an L401 whose fingerprint hashed its evidence the night before the upgrade: the same finding
    assert new_keys({"ep|es|L401||3532e3a1b0a2": "error"}, {"ep|es|L401||43bf47286e80": "error"}) == set()
    assert fixed_keys({"ep|es|L401||3532e3a1b0a2": "error"}, {"ep|es|L401||43bf47286e80": "error"}) == set()
    assert fixed_keys({"ep|es|L401||3532e3a1b0a2": "error"}, {}) == {"ep|es|L401||3532e3a1b0a2"}
    # a `ja-JP/` folder renamed back to `ja/`: every ja finding was new
    assert new_keys({"ep|ja-jp|T502|01:00|123": "warning"}, {"ep|ja|T502|01:00|123": "warning"}) == set()
    assert new_keys({"ep|ja-jp|T502|01:00|123": "warning"}, {"ep|ja|T502|02:00|456": "warning"}) == {
        "ep|ja|T502|02:00|456"
    }


def test_a_history_damaged_inside_or_locked_is_a_history_error(
    tmp_path: Path, samples_result: RunResult
) -> None:
    """SQLite's own errors escaped as a traceback and exit 1 — which says "new errors" to a
    nightly job (found by QA of nightly runs): a page damaged inside, its header intact, and a
    database another process holds past the busy timeout."""
    path = tmp_path / "h.sqlite"
    with History(path) as setup:
        for night in range(3):
            setup.record_run(samples_result, f"night{night}", f"2025-01-0{night + 1}T02:00:00+00:00")
    with path.open("r+b") as file:  # pages in the middle overwritten, the header left alone
        file.seek(4096 * 3)
        file.write(b"\xa5" * 4096 * 4)
    with pytest.raises(HistoryError, match="cannot be used"), History(path) as damaged:
        damaged.trends(3, 7)
    locked = tmp_path / "locked.sqlite"
    with History(locked):
        pass
    holder = sqlite3.connect(locked, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="database is locked"), History(locked, timeout=0.1) as waiting:
            waiting.record_run(samples_result, "night", "2025-01-01T02:00:00+00:00")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_l401_waived_on_the_night_its_fingerprint_changed_is_waived_not_fixed() -> None:
    """The night before was recorded with L401's old print, tonight's waiver accepts it under the
    new one: it was counted fixed (found by a review session)."""
    from aligner.nightchanges import NightKeys, acceptance_changes, night_changes

    before = NightKeys({"ep|es|L401||3532e3a1b0a2": "error"}, {("ep", "es")})
    tonight = NightKeys({}, {("ep", "es")}, accepted=frozenset({"ep|es|L401||43bf47286e80"}))
    assert night_changes(before, tonight) == (set(), set())
    assert acceptance_changes(before, tonight) == ({"ep|es|L401||43bf47286e80"}, set())
    back = NightKeys({"ep|es|L401||43bf47286e80": "error"}, {("ep", "es")})
    waived = NightKeys({}, {("ep", "es")}, accepted=frozenset({"ep|es|L401||3532e3a1b0a2"}))
    assert night_changes(waived, back) == (set(), set())
    assert acceptance_changes(waived, back) == (set(), {"ep|es|L401||43bf47286e80"})


def test_a_waiver_that_ends_the_night_a_locale_folder_is_renamed_brings_nothing_new() -> None:
    """`ja/` renamed `ja-JP/` the night the L401 waivers ended: 60 new errors, exit 1; waivers
    added on a rename night: 60 fixed (found by QA of nightly runs across an upgrade)."""
    from aligner.nightchanges import NightKeys, acceptance_changes, night_changes

    waived = NightKeys({}, {("ep", "ja")}, accepted=frozenset({"ep|ja|L401||43bf47286e80"}))
    renamed = NightKeys({"ep|ja-jp|L401||43bf47286e80": "error"}, {("ep", "ja-jp")})
    assert night_changes(waived, renamed) == (set(), set())
    assert acceptance_changes(waived, renamed) == (set(), {"ep|ja-jp|L401||43bf47286e80"})
    active = NightKeys({"ep|ja|L401||43bf47286e80": "error"}, {("ep", "ja")})
    waived_renamed = NightKeys({}, {("ep", "ja-jp")}, accepted=frozenset({"ep|ja-jp|L401||43bf47286e80"}))
    assert night_changes(active, waived_renamed) == (set(), set())
    assert acceptance_changes(active, waived_renamed) == ({"ep|ja-jp|L401||43bf47286e80"}, set())
