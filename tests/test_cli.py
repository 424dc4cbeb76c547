"""The command line: exit codes, report files, determinism, bad input."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import aligner.outdir
from aligner.cli import main
from aligner.schema import errors
from tests.conftest import SAMPLES

REPORT_FILES = {"findings.csv", "chapters.csv", "variants.csv", "report.json", "index.html"}


def test_check_samples_writes_every_report_and_fails_on_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1, result.output  # the samples hold untranslated episodes (L401)
    assert {p.name for p in (tmp_path / "r").iterdir()} >= REPORT_FILES
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert errors("report", report) == []
    header = (tmp_path / "r" / "findings.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith(
        "episode_id,episode_title,page_locale,lang,ref_lang,chapter_ts,code,name,severity,message,evidence,source_path"
    )


def test_fail_on_and_ignore_control_the_exit_code(tmp_path: Path) -> None:
    runner = CliRunner()
    never = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "a"), "--fail-on", "never"])
    assert never.exit_code == 0
    ignored = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "b"), "--ignore", "L4"])
    assert ignored.exit_code == 0, ignored.output
    warn = runner.invoke(
        main,
        ["check", str(SAMPLES), "--out", str(tmp_path / "c"), "--ignore", "L4,S005", "--fail-on", "warning"],
    )
    assert warn.exit_code == 0  # the LeCun pair has only an info (E305)
    selected = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "d"), "--select", "E305"])
    rows = (tmp_path / "d" / "findings.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert selected.exit_code == 0 and len(rows) == 1 and ",E305," in rows[0]


def test_a_selection_that_leaves_nothing_to_run_is_refused_not_passed(tmp_path: Path) -> None:
    """A pre-publish gate that checks nothing must not say PASS."""
    runner = CliRunner()
    out = str(tmp_path / "out")
    for command in (
        ["check", str(SAMPLES), "--select", "R6"],  # the diff checks: `check` runs none of them
        ["check", str(SAMPLES), "--select", "C1", "--ignore", "C"],
        ["diff", str(SAMPLES), str(SAMPLES), "--select", "C1"],
        # without --previous the R6xx compare with nothing: an empty night recorded as run 1
        ["nightly", str(SAMPLES), "--history", str(tmp_path / "h.sqlite"), "--select", "R6"],
    ):
        result = runner.invoke(main, [*command, "--out", out, "--no-cache"])
        assert result.exit_code == 2, (command, result.output)
        assert f"leaves no check that `aligner {command[0]}` runs" in result.output
        # the hint at the other command only when the selection holds its checks
        assert ("R6xx" in result.output) == (command[-1] in ("R6", "C1") and "--ignore" not in command)
        assert not (tmp_path / "out").exists()  # refused before the run
    assert not (tmp_path / "h.sqlite").exists()
    previous = ["nightly", str(SAMPLES), "--previous", str(SAMPLES), "--history", str(tmp_path / "h2.sqlite")]
    ran = runner.invoke(main, [*previous, "--select", "R6", "--out", str(tmp_path / "n"), "--no-cache"])
    assert ran.exit_code == 0, ran.output
    config = tmp_path / "aligner.toml"
    config.write_text('ignore = ["C", "E", "L", "Q", "S", "T"]\n', encoding="utf-8")
    by_config = runner.invoke(main, ["check", str(SAMPLES), "--config", str(config), "--out", out])
    assert by_config.exit_code == 2 and "select/ignore in the configuration" in by_config.output
    one = runner.invoke(main, ["check", str(SAMPLES), "--select", "R6,E305", "--out", out, "--no-cache"])
    assert one.exit_code == 0, one.output  # one check left: it runs


def test_the_reports_line_names_the_top_files_and_counts_the_episode_pages(tmp_path: Path) -> None:
    """A catalog's run writes an HTML page per episode: listing each made a line of thousands of names."""
    out = tmp_path / "r"
    result = CliRunner().invoke(main, ["check", str(SAMPLES), "--out", str(out), "--no-cache"])
    line = next(line for line in result.output.splitlines() if line.startswith("reports: "))
    top = sorted(p.name for p in out.iterdir() if p.is_file())
    pages = len(list((out / "episodes").iterdir()))
    assert pages == 3
    assert line.startswith(f"reports: {out} (") and line.endswith(", episodes/: 3 files)")
    assert sorted(line[line.index("(") + 1 : line.rindex(", episodes/")].split(", ")) == top


@pytest.mark.parametrize(("extra", "status"), [(["--ignore", "L4,S005"], 0), ([], 1)])
def test_a_reader_that_stops_early_does_not_change_the_exit_code(
    tmp_path: Path, extra: list[str], status: int
) -> None:
    """`aligner check … | head -1` in a gate: click turns a broken pipe into exit 1, a FAIL."""
    command = [sys.executable, "-c", "from aligner.cli import main; main()", "check", str(SAMPLES)]
    run = subprocess.Popen(
        [*command, "--out", str(tmp_path / "r"), "--no-cache", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None
    run.stdout.close()  # the reader is gone before the first line is written
    _out, err = run.communicate(timeout=120)
    # stderr holds only what a failing gate lists (no "Broken pipe", no traceback)
    assert run.returncode == status
    assert all(line.startswith("  ") for line in err.decode().splitlines()), err.decode()
    assert bool(err) == bool(status)
    assert (tmp_path / "r" / "findings.csv").is_file()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["rules"], ["explain", "C101"], ["parse", str(SAMPLES / "en")]])
def test_a_full_standard_output_is_one_line_and_exit_2(args: list[str]) -> None:
    """`aligner rules > /dev/full` printed a traceback and exited 1, which a gate reads as findings."""
    command = [sys.executable, "-c", "from aligner.cli import main; main()", *args]
    with open("/dev/full", "w") as full:
        run = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, timeout=120, check=False)
    err = run.stderr.decode()
    assert run.returncode == 2
    assert err.splitlines() == ["aligner: cannot write the output: No space left on device"], err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_standard_error_keeps_the_verdict_and_its_exit_code(tmp_path: Path) -> None:
    """`aligner check … 2>/dev/full`: the notes above the verdict could not be written, and the
    gate exited 2 (a usage error) instead of its FAIL's 1."""
    command = [sys.executable, "-c", "from aligner.cli import main; main()", "check", str(SAMPLES)]
    command += ["--out", str(tmp_path / "r"), "--no-cache", "--jobs", "1"]
    with open("/dev/full", "w") as full:
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=full, timeout=300, check=False)
    assert run.returncode == 1
    assert run.stdout.decode().splitlines()[-1] == "FAIL: 4 findings at or above error (L401 ×4)"
    assert (tmp_path / "r" / "findings.csv").is_file()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_usage_error_that_cannot_be_written_is_still_exit_2() -> None:
    """`--select Z9 2>/dev/full`: click's message failed to write and Python exited 1 — a gate's
    FAIL (found by a review session)."""
    command = [
        sys.executable,
        "-c",
        "from aligner.cli import main; main()",
        "check",
        str(SAMPLES),
        "--select",
        "Z9",
    ]
    with open("/dev/full", "w") as full:
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=full, timeout=120, check=False)
    assert run.returncode == 2


def test_parse_notes_are_counted_by_check_and_listed_by_parse(tmp_path: Path) -> None:
    """Headings the parser read in an odd form are no finding, but a scraper that changed writes
    them first: `check` counts them, `parse` lists them."""
    page = tmp_path / "pages" / "en" / "hassabis.md"
    page.parent.mkdir(parents=True)
    text = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    odd = text.replace("## [02:04] ", "## 02:04 ").replace("## [04:03] ", "## (04:03) ")
    assert odd.count("## [") == text.count("## [") - 2
    page.write_text(odd, encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(
        main, ["check", str(page.parent.parent), "--out", str(tmp_path / "r"), "--no-cache"]
    )
    assert "parse notes: 2 on 1 page (`aligner parse PATH` lists them)" in checked.output.splitlines()
    parsed = runner.invoke(main, ["parse", str(page), "-o", str(tmp_path / "p.json")])
    notes = [line for line in parsed.output.splitlines() if line.startswith("note ")]
    assert notes == [
        f"note `{page.as_posix()}` (A Conversation With Demis Hassabis' Biographer): chapter heading "
        f"without square brackets: {heading}"
        for heading in ("## 02:04 Was the AI Race Inevitable?", "## (04:03) The 2015 Safety Summit Backfire")
    ]
    clean = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "s"), "--no-cache"])
    assert "parse notes" not in clean.output


def test_reports_are_byte_identical_across_runs(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("one", "two"):
        runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / name)])
    for name in REPORT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_reports_written_inside_the_catalog_are_not_read_back_as_pages(tmp_path: Path) -> None:
    """``aligner check .`` twice in a catalog: the first run's reports (and a nightly run's
    trends) sit in ``./reports/``, and the second run must check the same pages, not them."""
    catalog = tmp_path / "catalog"
    shutil.copytree(SAMPLES, catalog)
    runner = CliRunner()
    check = ["check", str(catalog), "--format", "csv,json", "--no-cache", "--out"]
    runner.invoke(main, [*check, str(catalog / "reports" / "one")])
    history = str(tmp_path / "history.sqlite")
    night = runner.invoke(
        main,
        [
            "nightly",
            str(SAMPLES),
            "--history",
            history,
            "--no-cache",
            "--out",
            str(catalog / "reports" / "n"),
        ],
    )
    assert (catalog / "reports" / "n" / "trends.json").is_file(), night.output
    shutil.copyfile(
        catalog / "reports" / "one" / "report.json", catalog / "baseline.json"
    )  # kept as a baseline
    runner.invoke(main, [*check, str(catalog / "reports" / "two")])
    one, two = (
        json.loads((catalog / "reports" / name / "report.json").read_text(encoding="utf-8"))
        for name in ("one", "two")
    )
    assert two["findings"] == one["findings"] and two["variants"] == one["variants"]
    assert two["summary"]["pages"] == one["summary"]["pages"] == 4
    # Named on the command line, a report is read, and said to be one.
    named = runner.invoke(
        main,
        [
            "check",
            str(catalog / "baseline.json"),
            str(catalog / "en"),
            "--format",
            "json",
            "--no-cache",
            "--out",
            str(tmp_path / "named"),
        ],
    )
    assert named.exit_code == 1
    report = json.loads((tmp_path / "named" / "report.json").read_text(encoding="utf-8"))
    assert [f["message"] for f in report["findings"] if f["code"] == "S003"] == [
        f"`{(catalog / 'baseline.json').as_posix()}`: an aligner report, not episode JSON (see `aligner parse`)"
    ]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(main, ["check", str(SAMPLES), "--select", "X999"]).exit_code == 2
    assert runner.invoke(main, ["check", str(SAMPLES), "--format", "pdf"]).exit_code == 2
    assert runner.invoke(main, ["explain", "Z001"]).exit_code == 2


def test_language_options_are_checked_as_the_configuration_file_is(tmp_path: Path) -> None:
    runner = CliRunner()
    refused = {
        ("check", str(SAMPLES), "--source-lang", "../../etc"): "--source-lang",
        ("check", str(SAMPLES), "--locale", "es/../x"): "--locale",
        ("parse", str(SAMPLES), "--locale", "e s", "-o", str(tmp_path / "never")): "--locale",
        ("diff", str(SAMPLES), str(SAMPLES), "--source-lang", "1x"): "--source-lang",
        ("nightly", str(SAMPLES), "--locale", "-es"): "--locale",
        ("check", str(SAMPLES), "--locale", "zz"): "--locale",  # a code, but no language's
    }
    for args, option in refused.items():
        out = [] if args[0] == "parse" else ["--out", str(tmp_path / "never")]
        result = runner.invoke(main, [*args, *out])
        assert result.exit_code == 2 and f"Invalid value for '{option}'" in result.output, (
            args,
            result.output,
        )
        assert "is not a language or locale code" in result.output or "unknown language code" in result.output
    assert not (tmp_path / "never").exists()
    parsed = runner.invoke(
        main, ["parse", str(SAMPLES / "ja"), "--locale", "zh-Hans", "-o", str(tmp_path / "p.json")]
    )
    assert parsed.exit_code == 0, parsed.output
    document = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert {v["page_locale"] for v in document["variants"]} == {"zh-hans"}


def test_a_bad_file_is_a_finding_and_the_rest_still_runs(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "ja").mkdir(parents=True)
    (pages / "ja" / "broken.txt").write_bytes(b"\x00\xff\xfe binary \x00")
    (pages / "ja" / "empty.txt").write_text("", encoding="utf-8")
    (pages / "ja" / "ok.txt").write_bytes((SAMPLES / "ja" / "laidub-ja-page.txt").read_bytes())
    result = CliRunner().invoke(main, ["check", str(pages), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    codes = sorted(
        f["code"] for f in report["findings"] if f["source_path"].endswith(("broken.txt", "empty.txt"))
    )
    assert codes == ["S001", "S002"]
    assert len(report["variants"]) == 3


def test_reports_that_cannot_be_written_are_a_clear_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the run when --out cannot be made (a typo costs no run); after it on a full disk,
    with the previous report left whole. Never a traceback."""
    runner = CliRunner()
    page = tmp_path / "page.md"
    page.write_text("x", encoding="utf-8")
    under_a_file = tmp_path / "page.md" / "reports"
    result = runner.invoke(main, ["check", str(SAMPLES), "--out", str(under_a_file), "--no-cache"])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"aligner: cannot write reports to {under_a_file} ({page} is a file, not a folder)"
    )

    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.csv").write_text("the previous report\n", encoding="utf-8")

    def full_disk(*_args: object) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device", "report.json")

    monkeypatch.setattr(aligner.outdir, "write_reports", full_disk)
    result = runner.invoke(main, ["check", str(SAMPLES), "--out", str(out), "--force", "--no-cache"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"aligner: cannot write reports to {out} (No space left on device: report.json)"
    )
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []
    assert (out / "findings.csv").read_text(encoding="utf-8") == "the previous report\n"


def test_an_output_file_that_cannot_be_written_is_a_clear_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = tmp_path / "a-file" / "out.json"
    runner = CliRunner()
    parsed = runner.invoke(main, ["parse", str(SAMPLES / "ja"), "-o", str(target)])
    assert parsed.exit_code == 2
    assert (
        parsed.output.strip().splitlines()[-1].startswith(f"aligner: cannot write {target} (Not a directory")
    )
    runner.invoke(
        main, ["check", str(SAMPLES), "--out", str(tmp_path / "r"), "--format", "csv", "--no-cache"]
    )
    waived = runner.invoke(main, ["waive", str(tmp_path / "r" / "findings.csv"), "-o", str(target)])
    assert waived.exit_code == 2 and f"aligner: cannot write {target} (Not a directory" in waived.output


def test_a_given_path_with_nothing_to_read_is_a_finding_not_skipped(tmp_path: Path) -> None:
    """A pre-publish check of two paths, one mistyped, must not pass on the other alone."""
    quiet = ["--ignore", "L4,S005", "--format", "json", "--no-cache"]  # the samples then pass (exit 0)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # never opened: reading it would wait for a writer
    runner = CliRunner()
    alone = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "a"), *quiet])
    typo = str(tmp_path / "pages-typo")
    given = runner.invoke(
        main, ["check", str(SAMPLES), typo, str(fifo), "--out", str(tmp_path / "b"), *quiet]
    )
    assert (alone.exit_code, given.exit_code) == (0, 1), given.output
    before, after = (json.loads((tmp_path / d / "report.json").read_text(encoding="utf-8")) for d in "ab")
    unread = [(f["code"], f["source_path"], f["message"]) for f in after["findings"] if f["code"] == "S001"]
    assert sorted(unread) == [
        ("S001", typo, f"`{typo}`: no such file or folder"),
        ("S001", fifo.as_posix(), f"`{fifo.as_posix()}`: not a regular file or folder"),
    ]
    assert [f for f in after["findings"] if f["code"] != "S001"] == before["findings"]
    assert after["variants"] == before["variants"]


def test_a_catalog_folder_is_read_as_its_pages_once(tmp_path: Path) -> None:
    """A git checkout of the catalog: its `.github` templates are no pages, a page reached by two
    paths is one page, and a dangling link to a page is an S001, not silence."""
    quiet = ["--ignore", "L4,S005", "--format", "json", "--no-cache"]
    catalog = tmp_path / "catalog"
    shutil.copytree(SAMPLES, catalog)
    runner = CliRunner()
    plain = runner.invoke(main, ["check", str(catalog), "--out", str(tmp_path / "a"), *quiet])
    (catalog / ".github").mkdir()
    shutil.copy(SAMPLES / "es" / "laidub-es-page.txt", catalog / ".github" / "pull_request_template.md")
    (catalog / "es" / "moved.txt").symlink_to(catalog / "es" / "renamed.txt")
    again = str(catalog / "ja" / ".." / "ja" / "laidub-ja-page.txt")
    given = runner.invoke(main, ["check", str(catalog), again, "--out", str(tmp_path / "b"), *quiet])
    assert (plain.exit_code, given.exit_code) == (0, 1), given.output
    before, after = (json.loads((tmp_path / d / "report.json").read_text(encoding="utf-8")) for d in "ab")
    assert after["variants"] == before["variants"]
    moved = (catalog / "es" / "moved.txt").as_posix()
    unread = [(f["source_path"], f["message"]) for f in after["findings"] if f["code"] == "S001"]
    assert unread == [(moved, f"`{moved}`: broken symbolic link (to {catalog / 'es' / 'renamed.txt'})")]
    assert [f for f in after["findings"] if f["code"] != "S001"] == before["findings"]


def test_parse_writes_schema_valid_json(tmp_path: Path) -> None:
    out = tmp_path / "variants.json"
    result = CliRunner().invoke(main, ["parse", str(SAMPLES / "ja"), "-o", str(out)])
    assert result.exit_code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert errors("episode", document) == []
    assert [len(v["chapters"]) for v in document["variants"]] == [11, 17, 13]


def test_the_command_list_says_what_each_command_does_in_one_line() -> None:
    """`aligner --help` listed `explain  Show the documentation of one check (e.g.` (click cuts the
    first sentence at 45 characters) and `check  Check PATH...`."""
    output = CliRunner().invoke(main, ["--help"]).output
    listed = output.split("Commands:\n", 1)[1].splitlines()
    commands = {line.split()[0]: line.split(None, 1)[1] for line in listed if line.strip()}
    assert set(commands) == {"check", "diff", "explain", "nightly", "parse", "rules", "waive"}
    assert all(text.endswith(".") and "..." not in text for text in commands.values()), commands
