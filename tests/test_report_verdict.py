"""The HTML overview opens with the gate's verdict, the very line the command ends with: an
editor handed the report could not tell whether the translation may be published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.report import write_reports
from aligner.results import RunResult
from tests.conftest import SAMPLES

VERDICT = re.compile(r'<p class="verdict verdict-(\w+)" id="verdict">([^<]*)</p>')


@pytest.mark.parametrize(
    ("options", "state"),
    [([], "fail"), (["--ignore", "L4,S005"], "pass"), (["--fail-on", "never"], "never")],
)
def test_the_overview_opens_with_the_verdict_of_the_command(
    tmp_path: Path, options: list[str], state: str
) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["check", str(SAMPLES), "--out", str(out), "--no-cache", *options])
    shown = VERDICT.findall((out / "index.html").read_text(encoding="utf-8"))
    last = run.output.strip().splitlines()[-1]
    assert shown == [(state, last)]
    assert last.startswith({"fail": "FAIL: 4 findings", "pass": "PASS", "never": "not gated"}[state])


def test_a_diff_report_opens_with_its_verdict(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["diff", str(SAMPLES), str(SAMPLES), "--out", str(out), "--no-cache"])
    assert VERDICT.findall((out / "index.html").read_text(encoding="utf-8")) == [
        ("pass", run.output.strip().splitlines()[-1])
    ]


def test_a_report_no_command_gated_shows_no_verdict(tmp_path: Path, samples_result: RunResult) -> None:
    write_reports(samples_result, tmp_path, ["html"])
    assert VERDICT.findall((tmp_path / "index.html").read_text(encoding="utf-8")) == []
