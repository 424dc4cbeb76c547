"""``aligner waive``: a waivers template from a report — a reason required, a date gone by refused,
page-level findings left out, scraped text kept inert (``aligner/waivertemplate.py``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.config import ConfigError
from aligner.waivers import load_waivers
from aligner.waivertemplate import waiver_template
from tests.checkedpages import listing_pages


def _checked_listing(tmp_path: Path) -> tuple[CliRunner, str]:
    """A runner and the findings.csv of a check of the two listing pages."""
    runner = CliRunner()
    root = listing_pages(tmp_path / "pages")
    runner.invoke(main, ["check", str(root), "--out", str(tmp_path / "r"), "--format", "csv"])
    return runner, str(tmp_path / "r" / "findings.csv")


def test_waive_refuses_a_date_gone_by_and_says_when_nothing_matches(tmp_path: Path) -> None:
    """`--expires 2020-01-01` wrote waivers expired already (waiving nothing); a `--code` that
    matches no finding wrote an empty template without a word."""
    runner, findings = _checked_listing(tmp_path)
    past = runner.invoke(main, ["waive", findings, "--expires", "2020-01-01"])
    assert past.exit_code == 2 and "2020-01-01 has passed" in past.output
    none = runner.invoke(main, ["waive", findings, "--code", "C101"])
    assert none.exit_code == 0 and "no finding to waive" in none.output and "[[waiver]]" not in none.output


def test_waive_writes_a_template_that_needs_a_reason(tmp_path: Path) -> None:
    runner = CliRunner()
    root = listing_pages(tmp_path / "pages")
    first = runner.invoke(main, ["check", str(root), "--out", str(tmp_path / "r"), "--format", "csv,json"])
    assert first.exit_code == 1
    findings = str(tmp_path / "r" / "findings.csv")
    template = tmp_path / "w.toml"
    made = runner.invoke(main, ["waive", findings, "--code", "L4", "--locale", "es", "-o", str(template)])
    assert made.exit_code == 0, made.output
    # from report.json: the very same template
    from_json = runner.invoke(
        main, ["waive", str(tmp_path / "r" / "report.json"), "--code", "L4", "--locale", "es"]
    )
    assert from_json.exit_code == 0 and from_json.output == template.read_text(encoding="utf-8"), (
        from_json.output
    )
    with pytest.raises(ConfigError, match="reason: must not be empty"):
        load_waivers(template)
    assert runner.invoke(main, ["waive", findings, "-o", str(template)]).exit_code == 2  # no overwrite
    filled = runner.invoke(
        main,
        [
            "waive",
            findings,
            "--code",
            "L401",
            "--reason",
            "known",
            "--expires",
            "2999-12-31",
            "-o",
            str(template),
            "--force",
        ],
    )
    assert filled.exit_code == 0, filled.output
    assert {w.code for w in load_waivers(template)} == {"L401"} and len(load_waivers(template)) == 4
    everything = tmp_path / "all.toml"
    assert runner.invoke(main, ["waive", findings, "--reason", "ok", "-o", str(everything)]).exit_code == 0
    args = [
        "check",
        str(root),
        "--waivers",
        str(everything),
        "--out",
        str(tmp_path / "s"),
        "--fail-on",
        "warning",
    ]
    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output  # every finding waived
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s" / "findings.csv").read_text(encoding="utf-8"))))
    assert rows and all(row["waived"] == "ok" for row in rows)


def test_waive_leaves_out_page_level_findings_and_says_so(tmp_path: Path) -> None:
    """An unreadable page's S001 belongs to no episode: a waiver for it (``episode = ""``) made the
    next check exit 2. Its file now holds the other waivers, and loads."""
    runner = CliRunner()
    root = listing_pages(tmp_path / "pages")
    (root / "es" / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    runner.invoke(main, ["check", str(root), "--out", str(tmp_path / "r"), "--format", "csv"])
    template = tmp_path / "w.toml"
    made = runner.invoke(
        main, ["waive", str(tmp_path / "r" / "findings.csv"), "--reason", "ok", "-o", str(template)]
    )
    assert made.exit_code == 0, made.output
    assert "left out: 1 page-level finding(s) (S001)" in made.output
    waivers = load_waivers(template)
    assert waivers and "S001" not in {w.code for w in waivers}
    again = runner.invoke(
        main, ["check", str(root), "--waivers", str(template), "--out", str(tmp_path / "s")]
    )
    assert again.exit_code == 1, again.output  # loads; the S001 error stays
    assert "S001" in again.output


def test_a_template_entry_names_every_finding_it_accepts() -> None:
    """Without fingerprints two E301 of one variant are one entry: both are named above it."""
    base = {"episode_id": "ep", "page_locale": "es", "code": "E301", "chapter_ts": "", "fingerprint": ""}
    rows = [{**base, "message": "Entity `A` missing"}, {**base, "message": "Entity `B` missing"}]
    text = waiver_template(rows, fingerprints=False)
    assert text.count("[[waiver]]") == 1
    assert "# E301 Entity `A` missing\n# E301 Entity `B` missing\n[[waiver]]" in text


def test_template_keeps_hostile_text_in_comments_and_strings() -> None:
    row = {
        "episode_id": 'ep"\n[[waiver]]',
        "page_locale": "es",
        "code": "L401",
        "chapter_ts": "",
        "message": 'x\n[[waiver]]\nepisode = "evil"\r\n',
        "fingerprint": "0123456789ab",
    }
    text = waiver_template([row], reason="ok")
    import tomllib

    entries = tomllib.loads(text)["waiver"]
    assert len(entries) == 1 and entries[0]["episode"] == 'ep"\n[[waiver]]'


def test_waive_refuses_a_locale_that_is_no_language_and_names_the_locales_a_report_has(
    tmp_path: Path,
) -> None:
    """`--locale xx` (no language) or `--locale es;ja` wrote an empty template, as a locale with no
    finding did, without saying which locales the report holds."""
    runner, findings = _checked_listing(tmp_path)
    unknown = runner.invoke(main, ["waive", findings, "--locale", "es,xx"])
    assert unknown.exit_code == 2 and "unknown language code 'xx'" in unknown.output
    malformed = runner.invoke(main, ["waive", findings, "--locale", "es;ja"])
    assert malformed.exit_code == 2 and "is not a language or locale code" in malformed.output
    absent = runner.invoke(main, ["waive", findings, "--locale", "ko"])
    assert absent.exit_code == 0 and "[[waiver]]" not in absent.output
    assert "the report has no finding in ko (it has es, ja)" in absent.output, absent.output
    upper = runner.invoke(main, ["waive", findings, "--locale", "ES,", "--code", "L4"])
    assert upper.exit_code == 0 and "[[waiver]]" in upper.output and "no finding in" not in upper.output


def test_waive_shows_the_locales_of_a_hostile_findings_file_escaped(tmp_path: Path) -> None:
    """The locales named when none matches come from the file: a terminal escape in a cell reached
    the terminal as it was (found by review)."""
    hostile = tmp_path / "findings.csv"
    row = {"episode_id": "ep", "page_locale": "es\x1b]0;PWNED\x07\u202e", "code": "E301", "chapter_ts": ""}
    with hostile.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*row, "fingerprint"])
        writer.writeheader()
        writer.writerow({**row, "fingerprint": ""})
    result = CliRunner().invoke(main, ["waive", str(hostile), "--locale", "de"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "(it has es\\x1b]0;pwned\\x07\\u202e)" in result.output, result.output
