"""``aligner nightly``: three consecutive nights — clean samples, an injected defect, the defect
fixed — give the right new/fixed findings, trends and exit codes 0 / 1 / 0."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from aligner.cli import main
from aligner.history import History
from aligner.nightly import history_path, run_nightly
from aligner.settings import Settings
from tests import defects, scrape_defects
from tests.conftest import SAMPLES
from tests.counting import Work

JA = "ja/laidub-ja-page.txt"
JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"
LECUN_ID = "yann-lecun-sobre-lo-que-viene-despues-de-los-llms"


def _night(runner: CliRunner, tmp_path: Path, night: int, snapshot: Path, previous: Path | None) -> Result:
    args = ["nightly", str(snapshot), "--history", str(tmp_path / "history.sqlite")]
    args += ["--out", str(tmp_path / f"out{night}")]
    if previous is not None:
        args += ["--previous", str(previous)]
    return runner.invoke(main, args)


def _trends(tmp_path: Path, night: int) -> dict[str, Any]:
    return json.loads((tmp_path / f"out{night}" / "trends.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def three_nights(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Result]]:
    tmp_path = tmp_path_factory.mktemp("nightly")
    return tmp_path, _three_nights(tmp_path, repaired=True)


def _three_nights(tmp_path: Path, repaired: bool) -> list[Result]:
    """The samples; the samples with a quote of the Japanese LeCun dropped; the samples again
    (``repaired``) or night 2 again."""
    night1 = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap1")
    night2 = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap2")
    scrape_defects.edit_page(night2 / JA, lambda t: defects.drop_quote(t, JA_LECUN, "12:07"))
    night3 = scrape_defects.copy_snapshot(SAMPLES if repaired else night2, tmp_path / "snap3")
    runner = CliRunner()
    return [
        _night(runner, tmp_path, 1, night1, None),
        _night(runner, tmp_path, 2, night2, night1),
        _night(runner, tmp_path, 3, night3, night2),
    ]


def test_exit_codes_are_0_1_0(three_nights: tuple[Path, list[Result]]) -> None:
    _tmp, results = three_nights
    assert [r.exit_code for r in results] == [0, 1, 0], [r.output for r in results]
    assert all(r.exception is None or isinstance(r.exception, SystemExit) for r in results)  # no crash
    assert "(1 error)" in results[1].output.split("since the previous night:")[1]


def test_night_1_is_the_baseline(three_nights: tuple[Path, list[Result]]) -> None:
    tmp_path, _results = three_nights
    trends = _trends(tmp_path, 1)
    assert (trends["new"], trends["fixed"], trends["previous_run_id"]) == ([], [], None)
    assert len(trends["nights"]) == 1


def test_night_2_reports_the_injected_defect_as_new(three_nights: tuple[Path, list[Result]]) -> None:
    tmp_path, _results = three_nights
    trends = _trends(tmp_path, 2)
    assert trends["new_errors"] == [k for k in trends["new"] if "|Q201|" in k]
    (q201,) = trends["new_errors"]
    assert q201.startswith(f"{LECUN_ID}|ja|Q201|12:07|")
    # the diff against night 1 sees the lost quote too (a warning: new, but not an error)
    assert any(k.startswith(f"{LECUN_ID}|ja|R607|12:07|") for k in trends["new"])
    assert all(k.startswith(f"{LECUN_ID}|ja|") for k in trends["new"])
    assert trends["fixed"] == []


def test_night_3_reports_the_defect_fixed(three_nights: tuple[Path, list[Result]]) -> None:
    tmp_path, _results = three_nights
    night2, night3 = _trends(tmp_path, 2), _trends(tmp_path, 3)
    assert night3["new_errors"] == []
    assert set(night2["new_errors"]) <= set(night3["fixed"])
    lost_quote = next(k for k in night2["new"] if "|R607|" in k)
    # a change between two nights is no defect to fix: the quote coming back is a change (new),
    # and the Q201 gone is the fix
    assert lost_quote not in night3["fixed"]
    assert [k for k in night3["new"] if "|R607|" in k]
    assert night3["previous_run_id"] == night2["nights"][-1]["run_id"]


def test_trends_over_three_nights(three_nights: tuple[Path, list[Result]]) -> None:
    tmp_path, _results = three_nights
    trends = _trends(tmp_path, 3)
    nights = trends["nights"]
    assert [n["run_id"] for n in nights] == ["1", "2", "3"]
    errors = [n["errors"] for n in nights]
    assert errors[1] == errors[0] + 1 and errors[2] == errors[0]
    assert [n["by_code"].get("Q201", 0) for n in nights] == [0, 1, 0]
    ja = [n["scores"]["ja"] for n in nights]
    assert ja[1] < ja[0] == ja[2]
    assert nights[0]["new"] == 0 and nights[0]["fixed"] == 0
    assert nights[1]["new"] == len(_trends(tmp_path, 2)["new"])
    assert nights[2]["fixed"] == len(trends["fixed"])


def test_trends_csv(three_nights: tuple[Path, list[Result]]) -> None:
    tmp_path, _results = three_nights
    with (tmp_path / "out3" / "trends.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["night"] for r in rows] == ["1", "2", "3"]
    assert list(rows[0])[:8] == [
        "night",
        "run_id",
        "started_at",
        "errors",
        "warnings",
        "infos",
        "new",
        "fixed",
    ]
    assert {"score_es", "score_ja"} <= set(rows[0])
    assert float(rows[1]["score_ja"]) < float(rows[0]["score_ja"])
    assert int(rows[1]["errors"]) == int(rows[0]["errors"]) + 1
    assert (tmp_path / "out3" / "findings.csv").is_file() and (tmp_path / "out3" / "report.json").is_file()


def test_history_holds_the_three_runs(three_nights: tuple[Path, list[Result]]) -> None:
    tmp_path, _results = three_nights
    with History(tmp_path / "history.sqlite") as db:
        runs = db.runs()
        assert [Path(r.snapshot).name for r in runs] == ["snap1", "snap2", "snap3"]
    with sqlite3.connect(tmp_path / "history.sqlite") as raw:
        previous = [row[0] for row in raw.execute("SELECT previous_snapshot FROM runs ORDER BY id")]
        scored = raw.execute("SELECT COUNT(*) FROM variant_scores WHERE run_id = 3").fetchone()[0]
    raw.close()
    assert [Path(p).name if p else "" for p in previous] == ["", "snap1", "snap2"]
    assert scored == 8  # every variant of the samples


def test_nights_option_limits_the_window(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    for day in (1, 2, 3):
        at = datetime(2026, 1, day, tzinfo=UTC)
        outcome = run_nightly(str(SAMPLES), Settings(), history, nights=2, started_at=at)
    assert [n["run_id"] for n in outcome.trends["nights"]] == ["2", "3"]
    assert outcome.exit_code == 0 and outcome.run_id == 3


def test_history_location(tmp_path: Path) -> None:
    assert history_path("given.sqlite", Settings(history="config.sqlite")) == Path("given.sqlite")
    assert history_path(None, Settings(history="config.sqlite")) == Path("config.sqlite")
    assert history_path(None, Settings()) == Path("reports/history.sqlite")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(
        main, ["nightly", str(tmp_path / "nowhere"), "--history", str(tmp_path / "h.sqlite")]
    )
    assert missing.exit_code == 2 and "snapshot not found" in missing.output
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(main, ["nightly", str(tmp_path / "empty"), "--history", str(tmp_path / "h.sqlite")])
    assert empty.exit_code == 2
    (tmp_path / "bad.sqlite").write_text("not a database\n" * 100, encoding="utf-8")
    bad = runner.invoke(
        main,
        ["nightly", str(SAMPLES), "--history", str(tmp_path / "bad.sqlite"), "--out", str(tmp_path / "o")],
    )
    assert bad.exit_code == 2 and "cannot open the history database" in bad.output
    assert not (tmp_path / "o").exists()  # refused before the run, not after it
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    under_a_file = tmp_path / "a-file" / "h.sqlite"
    unwritable = runner.invoke(
        main, ["nightly", str(SAMPLES), "--history", str(under_a_file), "--out", str(tmp_path / "o")]
    )
    assert unwritable.exit_code == 2, unwritable.output
    assert unwritable.output.startswith(f"aligner: {under_a_file}: cannot open the history database (")


def test_a_missing_previous_snapshot_is_said_before_the_night_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = Work(monkeypatch)
    history, out = str(tmp_path / "h.sqlite"), str(tmp_path / "o")
    options = [
        "--previous",
        str(tmp_path / "gone"),
        "--history",
        history,
        "--out",
        out,
        "--no-cache",
        "--jobs",
        "1",
    ]
    result = CliRunner().invoke(main, ["nightly", str(SAMPLES), *options])
    assert result.exit_code == 2 and f"snapshot not found: {tmp_path / 'gone'}" in result.output
    assert work.pages == 0  # not one page of tonight's snapshot was parsed first


def test_a_night_without_changes_has_nothing_new_or_fixed(tmp_path: Path) -> None:
    """Night 2 loses a quote (Q201 and the diff's R607); night 3 is night 2 again. The R607 of night
    2 is gone from night 3 — the pages did not change again — yet the quote is still lost: nothing
    is fixed (it used to count as one fix)."""
    results = _three_nights(tmp_path, repaired=False)
    assert [r.exit_code for r in results] == [0, 1, 0]
    trends = _trends(tmp_path, 3)
    assert (trends["new"], trends["fixed"]) == ([], [])
    assert trends["nights"][-1]["fixed"] == 0
    assert "0 new (0 errors), 0 fixed" in results[2].output


def test_changed_settings_are_said(tmp_path: Path) -> None:
    snapshot = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap1")
    runner = CliRunner()
    _night(runner, tmp_path, 1, snapshot, None)
    args = [
        "nightly",
        str(snapshot),
        "--history",
        str(tmp_path / "history.sqlite"),
        "--out",
        str(tmp_path / "out2"),
    ]
    result = runner.invoke(main, [*args, "--ignore", "L401"])
    # which checks: "(checks)" said nothing of which (found by QA of nightly runs)
    assert "settings changed since the previous night (checks (-L401))" in result.output
    assert "The settings changed since the previous night" in (tmp_path / "out2" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_night_that_ran_fewer_checks_fixed_nothing_it_did_not_check(tmp_path: Path) -> None:
    """The same pages three nights; night 2 with `--select E3`. Night 2 had counted the findings
    of every other check "fixed" (17), and night 3 found them "new" — 4 new errors, exit 1."""
    snapshot = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap")
    base = ["nightly", str(snapshot), "--history", str(tmp_path / "history.sqlite"), "--no-cache"]
    runner = CliRunner()
    results = [
        runner.invoke(main, [*base, "--out", str(tmp_path / f"out{night}"), *extra])
        for night, extra in ((1, []), (2, ["--select", "E3"]), (3, []))
    ]
    assert [r.exit_code for r in results] == [0, 0, 0], results[2].output
    for night in (2, 3):
        trends = _trends(tmp_path, night)
        assert (trends["new"], trends["fixed"], trends["new_errors"]) == ([], [], [])
        assert (trends["nights"][-1]["new"], trends["nights"][-1]["fixed"]) == (0, 0)
    assert "0 new (0 errors), 0 fixed" in results[2].output


def test_a_card_that_vanished_fixed_none_of_its_findings(tmp_path: Path) -> None:
    """Night 2 loses the Spanish LeCun card (its page cut before it): its findings are gone with
    it, not fixed - they used to swell the night's "fixed" (three here: S005, E306…)."""
    night1 = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap1")
    night2 = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap2")
    es = night2 / "es" / "laidub-es-page.txt"
    text = es.read_text(encoding="utf-8")
    es.write_text(text[: text.index("Yann LeCun sobre")], encoding="utf-8")
    runner = CliRunner()
    first = _night(runner, tmp_path, 1, night1, None)
    second = _night(runner, tmp_path, 2, night2, night1)
    assert (first.exit_code, second.exit_code) == (0, 1)  # R601: the card is gone
    trends = _trends(tmp_path, 2)
    assert trends["fixed"] == []
    assert trends["nights"][-1]["fixed"] == 0
    assert any(key.startswith(f"{LECUN_ID}|es|R601|") for key in trends["new"])


def test_the_report_names_what_is_new_and_what_was_fixed(three_nights: tuple[Path, list[Result]]) -> None:
    """The HTML report of a night lists its new findings with their messages and links, marks them
    in the findings table (``data-since="new"``, a filter), and lists the fixed ones with what they
    said the night before - it used to list bare keys."""
    tmp_path, _results = three_nights
    night2, night3 = _trends(tmp_path, 2), _trends(tmp_path, 3)
    html2 = (tmp_path / "out2" / "index.html").read_text(encoding="utf-8")
    assert html2.count('data-since="new"') == len(night2["new"]) > 0
    assert html2.count('data-since="older"') > 0 and 'id="f-since"' in html2
    changes = html2.split('<details class="changes">')[1].split("</details>")[0]
    assert "Chapter `[12:07]` lost 1 of 1 quotes" in changes and 'href="episodes/' in changes
    (q201,) = night2["new_errors"]
    said = night3["fixed_messages"][q201]
    assert "12:07" in said and said in (tmp_path / "out3" / "index.html").read_text(encoding="utf-8")
    assert q201 not in (tmp_path / "out3" / "index.html").read_text(encoding="utf-8")  # no bare key


def test_a_night_run_again_replaces_itself_and_keeps_its_new_errors(tmp_path: Path) -> None:
    """Night 2 lost a quote (exit 1). Run again — a failed job retried — it was recorded a second
    time and compared with itself: 0 new, exit 0, and the trends showed night 2 twice."""
    night1 = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap1")
    night2 = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap2")
    scrape_defects.edit_page(night2 / JA, lambda t: defects.drop_quote(t, JA_LECUN, "12:07"))
    runner = CliRunner()
    assert _night(runner, tmp_path, 1, night1, None).exit_code == 0
    assert _night(runner, tmp_path, 2, night2, night1).exit_code == 1
    first = _trends(tmp_path, 2)
    # spelled another way (relative, where the first attempt was absolute): still this night's retry
    again = _night(runner, tmp_path, 3, Path(os.path.relpath(night2)), night1)
    assert again.exit_code == 1, again.output
    assert "this night was recorded already (run 2): run 3 replaces it" in again.output
    retried = _trends(tmp_path, 3)
    assert first["new_errors"] and retried["new_errors"] == first["new_errors"]
    assert [n["run_id"] for n in retried["nights"]] == ["1", "3"]
    with sqlite3.connect(tmp_path / "history.sqlite") as db:
        assert [row[0] for row in db.execute("SELECT id FROM runs ORDER BY id")] == [1, 3]
        assert db.execute("SELECT COUNT(*) FROM findings WHERE run_id = 2").fetchone() == (0,)


def test_a_waiver_neither_fixes_its_findings_nor_makes_them_new_when_it_ends(tmp_path: Path) -> None:
    """The same pages three nights; night 2 with a waiver of the four L401 errors, night 3 without
    it (expired, removed). Night 2 had counted them fixed, and night 3 new errors: exit 1 on a
    catalog that did not change (found by QA of nightly runs)."""
    runner = CliRunner()

    def night(number: int, *extra: str) -> Result:
        snapshot = scrape_defects.copy_snapshot(SAMPLES, tmp_path / f"snap{number}")  # one per night
        history = ["--history", str(tmp_path / "history.sqlite"), "--no-cache", *extra]
        return runner.invoke(
            main, ["nightly", str(snapshot), *history, "--out", str(tmp_path / f"out{number}")]
        )

    first = night(1)
    waivers = tmp_path / "waivers.toml"
    findings = str(tmp_path / "out1" / "findings.csv")
    made = runner.invoke(main, ["waive", findings, "--code", "L401", "--reason", "r", "-o", str(waivers)])
    assert made.exit_code == 0, made.output
    second = night(2, "--waivers", str(waivers))
    third = night(3)
    assert [r.exit_code for r in (first, second, third)] == [0, 0, 0], third.output
    night2, night3 = _trends(tmp_path, 2), _trends(tmp_path, 3)
    assert (night2["new"], night2["fixed"]) == ([], [])
    assert len(night2["waived"]) == 4 and all("|L401|" in key for key in night2["waived"])
    assert "0 fixed; 4 newly waived" in second.output
    assert (night3["new"], night3["new_errors"], night3["fixed"]) == ([], [], [])
    assert night3["unwaived"] == night2["waived"]
    assert "4 back after a waiver ended" in third.output
    assert night2["nights"][-1]["errors"] == 0 and night3["nights"][-1]["errors"] == 4
    assert "L401" not in night2["nights"][-1]["by_code"]  # the counts are of the active findings
    assert "4 newly waived (not counted as fixed)" in (tmp_path / "out2" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_changed_tolerance_is_named(tmp_path: Path) -> None:
    """After a `--tolerance`-only change the warning said "new and fixed compare different checks"."""
    snapshot = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "snap")
    base = ["nightly", str(snapshot), "--history", str(tmp_path / "history.sqlite"), "--no-cache"]
    runner = CliRunner()
    runner.invoke(main, [*base, "--out", str(tmp_path / "out1")])
    second = runner.invoke(main, [*base, "--out", str(tmp_path / "out2"), "--tolerance", "8"])
    assert "settings changed since the previous night (tolerance_s)" in second.output
    assert "different checks" not in second.output
    assert _trends(tmp_path, 2)["settings_changes"] == ["tolerance_s"]


def test_a_baseline_taken_up_is_newly_in_the_baseline_not_waived(tmp_path: Path) -> None:
    """A baseline set in the configuration on night 2: its findings were "368 newly waived" beside
    "waived: 0; already in the baseline: 368" (found by QA of nightly runs across an upgrade)."""
    runner = CliRunner()

    def night(number: int, *extra: str) -> Result:
        snapshot = scrape_defects.copy_snapshot(SAMPLES, tmp_path / f"snap{number}")
        history = ["--history", str(tmp_path / "history.sqlite"), "--no-cache", *extra]
        return runner.invoke(
            main, ["nightly", str(snapshot), *history, "--out", str(tmp_path / f"out{number}")]
        )

    night(1)
    config = tmp_path / "aligner.toml"
    config.write_text(f'baseline = "{tmp_path / "out1" / "findings.csv"}"\n', encoding="utf-8")
    second = night(2, "--config", str(config))
    trends = _trends(tmp_path, 2)
    assert trends["waived"] == [] and len(trends["baselined"]) == 12
    assert f"0 fixed; {len(trends['baselined'])} newly in the baseline" in second.output
