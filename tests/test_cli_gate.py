"""The pre-publish gate's last lines: the verdict, what failed above it, pages compared with
nothing, options that would silently drop a file."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from aligner.cli import main
from tests.conftest import SAMPLES


def test_the_last_line_is_the_verdict_and_agrees_with_the_exit_code(tmp_path: Path) -> None:
    rank = {"info": 0, "warning": 1, "error": 2}
    runner = CliRunner()
    for name, extra, fail_on in (
        ("default", [], "error"),
        ("warning", ["--fail-on", "warning"], "warning"),
        ("clean", ["--ignore", "L4,S005"], "error"),
        ("never", ["--fail-on", "never"], "never"),
    ):
        out = tmp_path / name
        result = runner.invoke(
            main, ["check", str(SAMPLES), "--out", str(out), "--format", "csv", "--no-cache", *extra]
        )
        last = result.output.strip().splitlines()[-1]
        with (out / "findings.csv").open(encoding="utf-8") as handle:
            severities = [(row["code"], row["severity"]) for row in csv.DictReader(handle)]
        if fail_on == "never":
            assert (result.exit_code, last) == (0, "not gated (--fail-on never): exit 0")
            continue
        gated = Counter(code for code, severity in severities if rank[severity] >= rank[fail_on])
        if not gated:
            assert (result.exit_code, last) == (0, f"PASS: no finding at or above {fail_on}"), name
            continue
        assert result.exit_code == 1 and last.startswith(
            f"FAIL: {sum(gated.values())} findings at or above {fail_on} ("
        ), last
        assert {
            part.split(" ×")[0]: int(part.split(" ×")[1])
            for part in last[last.index("(") + 1 : -1].split(", ")
        } == gated


def test_a_failing_gate_lists_what_failed_above_its_verdict(tmp_path: Path) -> None:
    """A CI log showed only counts ("FAIL: 4 findings … (L401 ×4)"): which page, which chapter?"""
    runner = CliRunner()
    failed = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "a"), "--no-cache"])
    lines = failed.output.strip().splitlines()
    assert failed.exit_code == 1 and lines[-1].startswith("FAIL: 4 findings")
    listed = [line for line in lines if line.startswith("  error L401 ")]
    assert len(listed) == 4 and all("laidub-" in line and "not translated" in line for line in listed)
    # a finding of a whole card names its card: two of a page otherwise read the same
    assert (
        sum("`A Conversation With Demis Hassabis' Biographer`: Episode is in `en`" in line for line in listed)
        == 2
    )
    passed = runner.invoke(
        main, ["check", str(SAMPLES), "--out", str(tmp_path / "b"), "--no-cache", "--ignore", "L4,S005"]
    )
    assert passed.exit_code == 0 and not [
        line for line in passed.output.splitlines() if line.startswith("  ")
    ]


def test_a_page_checked_alone_is_said_to_be_compared_with_nothing(tmp_path: Path) -> None:
    """Checking one new translation without the reference page passed silently: nothing had been
    compared with it (found by exploratory QA of the pre-publish gate)."""
    runner = CliRunner()
    alone = runner.invoke(main, ["check", str(SAMPLES / "zh"), "--out", str(tmp_path / "a"), "--no-cache"])
    assert alone.exit_code == 0
    assert "alone: 1 episode with a single variant, compared with nothing" in alone.output
    assert "give the pages of its other languages too" in alone.output
    # pages of two languages given, and still alone: the advice to give them would mislead
    apart = runner.invoke(
        main, ["check", str(SAMPLES / "zh"), str(SAMPLES / "en"), "--out", str(tmp_path / "c"), "--no-cache"]
    )
    assert "alone: 2 episodes" in apart.output and "did not pair across languages" in apart.output
    together = runner.invoke(main, ["check", str(SAMPLES), "--out", str(tmp_path / "b"), "--no-cache"])
    assert "alone:" not in together.output


def test_an_option_meant_to_combine_given_twice_is_refused_not_silently_replaced(tmp_path: Path) -> None:
    """`--waivers team.toml --waivers mine.toml` applied mine.toml alone: the team's waivers
    stopped applying without a word, and the verdict depended on the order of the options."""
    runner = CliRunner()
    for args in (
        ["check", str(SAMPLES), "--waivers", "a.toml", "--waivers", "b.toml"],
        ["check", str(SAMPLES), "--baseline=a.csv", "--baseline", "b.csv"],
        ["check", str(SAMPLES), "--select", "L4", "--select", "C1"],
        ["check", str(SAMPLES), "--glossary", "a.csv", "--glossary=b.csv"],
    ):
        result = runner.invoke(main, [*args, "--out", str(tmp_path / "out")])
        assert result.exit_code == 2, (args, result.output)
        assert "given 2 times" in result.output
    assert not (tmp_path / "out").exists()
    once = runner.invoke(main, ["check", str(SAMPLES), "--select", "L4", "--out", str(tmp_path / "ok")])
    assert once.exit_code == 1
    # any other option keeps the shell's convention: the last one wins (an alias, then an override)
    twice = runner.invoke(
        main, ["check", str(SAMPLES), "--jobs", "2", "--jobs", "1", "--out", str(tmp_path / "j")]
    )
    assert twice.exit_code == 1


def test_no_input_names_each_path_with_its_reason(tmp_path: Path) -> None:
    """A folder that exists but holds no page was listed as `missing: folder`."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "notes.rst").write_text("not a page", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(folder), str(tmp_path / "typo"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert f"{folder}: a folder with no page in it" in result.stderr
    assert f"{tmp_path / 'typo'}: no such file or folder" in result.stderr and "missing:" not in result.stderr


def test_a_passing_gate_shows_its_first_warnings(tmp_path: Path) -> None:
    """A PASS said "2 warnings" and nothing of them: a number changed, a paragraph left in English
    were only in the reports (found by QA of the pre-publish gate)."""
    passed = CliRunner().invoke(
        main, ["check", str(SAMPLES), "--out", str(tmp_path / "a"), "--no-cache", "--ignore", "L4"]
    )
    lines = passed.output.strip().splitlines()
    assert passed.exit_code == 0 and lines[-1].startswith("PASS")
    shown = [line for line in lines if line.startswith("  warning ")]
    with (tmp_path / "a" / "findings.csv").open(encoding="utf-8") as file:
        warnings = [row for row in csv.DictReader(file) if row["severity"] == "warning"]
    assert warnings and len(shown) == min(5, len(warnings))
    assert any("below the gate" in line for line in lines)
    assert not [line for line in lines if line.startswith(("  error", "  info"))]


def test_a_locale_forced_on_the_source_page_is_explained(tmp_path: Path) -> None:
    """`check source.md translation.md --locale fr` gives the source page the `fr` locale too: it
    failed as "not translated" with nothing saying why. The note names the pages and the way out;
    a locale in the file name (`hassabis.fr.md`) leaves the source page alone."""
    source = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    (tmp_path / "hassabis.md").write_text(source, encoding="utf-8")
    (tmp_path / "hassabis-fr.md").write_text(source, encoding="utf-8")  # not translated yet
    (tmp_path / "hassabis.fr.md").write_text(source, encoding="utf-8")
    runner = CliRunner()
    base = ["check", "--format", "csv", "--no-cache", "--force"]
    pages = [str(tmp_path / "hassabis.md"), str(tmp_path / "hassabis-fr.md")]
    forced = runner.invoke(main, [*base, *pages, "--locale", "fr", "--out", str(tmp_path / "forced")])
    assert forced.exit_code == 1
    (note,) = [line for line in forced.output.splitlines() if line.startswith("note: --locale fr")]
    assert "hassabis.md`" in note and "hassabis-fr.md`" in note and "`page.fr.md`" in note
    named = runner.invoke(
        main,
        [
            *base,
            str(tmp_path / "hassabis.md"),
            str(tmp_path / "hassabis.fr.md"),
            "--out",
            str(tmp_path / "named"),
        ],
    )
    assert named.exit_code == 1 and "FAIL: 1 finding at or above error (L401 ×1)" in named.output
    assert "note: --locale" not in named.output and "hassabis.fr.md" in named.output
    single = runner.invoke(
        main, [*base, str(tmp_path / "hassabis.fr.md"), "--locale", "fr", "--out", str(tmp_path / "single")]
    )
    assert "note: --locale" not in single.output  # one page: nothing else it could have meant


def test_above_a_pass_names_are_listed_after_the_other_warnings() -> None:
    """On a Thai page five T503 (names rendered the page's own way) took the five lines and a
    changed timestamp (C103) was not shown; "… and 1 more warnings" (found by QA of the gate)."""
    from aligner.gatelines import failing_lines
    from aligner.model import Finding, Severity
    from aligner.results import RunResult
    from tests.findings import make_finding

    def warning(code: str, ts: str) -> Finding:
        return make_finding(
            page_locale="th",
            source_path="th/p.md",
            chapter_sort=int(ts[:2]) * 60,
            code=code,
            message=f"{code} at {ts}",
            chapter_ts=ts,
            severity=Severity.WARNING,
        )

    names = [warning("T503", f"{m:02d}:00") for m in range(5)]
    moved = warning("C103", "23:46")
    lines = failing_lines(RunResult({}, (), (), (), (*names, moved), (), ()), "error")
    assert lines[0] == "  warning C103 th/p.md [23:46]: C103 at 23:46"
    assert lines[-1] == "  … and 1 more warning (below the gate; in the reports)"
    more = failing_lines(
        RunResult({}, (), (), (), (*names, warning("T503", "09:00"), moved), (), ()), "error"
    )
    assert more[-1] == "  … and 2 more warnings (below the gate; in the reports)"
