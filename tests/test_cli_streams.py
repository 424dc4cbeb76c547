"""The command line on standard streams that are not UTF-8 terminals (found by QA of determinism
across environments): a Latin-1 or cp1252 terminal, a closed standard output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES


def _aligner(
    *args: str, encoding: str | None = None, close_stdout: bool = False
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": "/nonexistent-cache"}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    command = [sys.executable, "-m", "aligner", *args]
    if close_stdout:  # as the shell's `>&-`: descriptor 1 not open in the process
        return subprocess.run(command, env=env, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    return subprocess.run(command, env=env, capture_output=True)


def test_a_latin1_terminal_gets_escapes_and_the_verdicts_exit_code(tmp_path: Path) -> None:
    """`reports: out/レポート` was a UnicodeEncodeError after the reports were written: exit 1
    instead of the verdict's 0, and no verdict line."""
    out = tmp_path / "レポート"
    done = _aligner(
        "check", str(SAMPLES), "--out", str(out), "--no-cache", "--fail-on", "never", encoding="latin-1"
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert "\\u30ec\\u30dd\\u30fc\\u30c8" in done.stdout.decode("latin-1")
    assert b"not gated (--fail-on never)" in done.stdout
    assert (out / "report.json").is_file()


def test_parse_prints_utf8_json_whatever_the_terminals_encoding(tmp_path: Path) -> None:
    written = tmp_path / "parsed.json"
    assert _aligner("parse", str(SAMPLES / "ja"), "-o", str(written)).returncode == 0
    done = _aligner("parse", str(SAMPLES / "ja"), encoding="cp1252")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8")) == json.loads(written.read_text(encoding="utf-8"))


def test_parse_with_standard_output_closed_says_so() -> None:
    """`aligner parse PAGES >&-` exited 0 having written the JSON nowhere."""
    done = _aligner("parse", str(SAMPLES / "en"), close_stdout=True)
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr


def test_a_reader_that_stops_early_is_no_failure() -> None:
    """`aligner rules | head -1` exited 1 (what a CI step reads as a failure) on the broken pipe."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line: every write breaks the pipe
    try:
        for command in (["rules"], ["explain", "C101"]):
            done = subprocess.run(
                [sys.executable, "-m", "aligner", *command], stdout=write_end, stderr=subprocess.PIPE
            )
            assert done.returncode == 0, (command, done.stderr)
            assert b"Traceback" not in done.stderr
    finally:
        os.close(write_end)
