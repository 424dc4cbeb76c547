"""Scraped text reaching a terminal, and the CSV cells read back (found by exploratory QA of hostile
input): every line the command prints, and the JSON and TOML it prints, carry no control or
directional character raw; a ``findings.csv`` cell reads back as the value written."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

from click.testing import CliRunner

from aligner.baseline import unneutralize
from aligner.cli import main
from aligner.report.csv import neutralize
from aligner.shown import json_text, terminal_lines, terminal_text
from tests.conftest import SAMPLES

OSC_TITLE = "\x1b]0;PWNED\x07"  # sets the terminal's title
C1 = "\x9d0;PWNED\x9c\x9b31m"  # the same as 8-bit controls, and a colour
RAW = ("\x1b", "\x07", "\x9b", "\x9c", "\x9d", "\u202e", "\u2066")


def _raw_controls(text: str) -> list[str]:
    return [char for char in RAW if char in text]


def _pair(tmp_path: Path) -> Path:
    """The English Hassabis page and the Spanish listing (its Hassabis card untranslated: L401)."""
    root = tmp_path / "pages"
    for locale, name in (("en", "hassabis.md"), ("es", "laidub-es-page.txt")):
        (root / locale).mkdir(parents=True)
        shutil.copy(SAMPLES / locale / name, root / locale / name)
    return root


def _variants(tmp_path: Path, pages: Path) -> list[dict]:
    out = tmp_path / "parsed.json"
    assert CliRunner().invoke(main, ["parse", str(pages), "-o", str(out)]).exit_code == 0
    return json.loads(out.read_text(encoding="utf-8"))["variants"]


def test_terminal_text_escapes_controls_and_directional_characters_only() -> None:
    assert terminal_text("Biographer\x1b]0;pwned\x07") == "Biographer\\x1b]0;pwned\\x07"
    assert terminal_text("page\u202etxt.exe\u202c.txt") == "page\\u202etxt.exe\\u202c.txt"
    assert terminal_text("a\u2066b\u2069\u2028c\x9b") == "a\\u2066b\\u2069\\u2028c\\x9b"
    kept = "Yann LeCun · ヤン · दुनिया\u200d · میخواهم\u200c · עברית\u200f"  # joiners and marks are spelling
    assert terminal_text(kept) == kept
    assert terminal_lines("one\x1b\ntwo") == "one\\x1b\ntwo"


def test_json_text_is_the_same_document_with_the_escapes() -> None:
    document = {"title": f"A {C1} B\u202e C\x7f\u2028", "n": ["\x1b", "ok"]}
    text = json_text(json.dumps(document, ensure_ascii=False, indent=2))
    assert _raw_controls(text) == [] and "\x7f" not in text and "\u2028" not in text
    assert json.loads(text) == document


def test_parse_prints_notes_and_problems_and_json_without_raw_controls(tmp_path: Path) -> None:
    pages = _pair(tmp_path)
    page = pages / "en" / "hassabis.md"
    text = page.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## ["))
    # a heading without brackets is a parse note, which quotes the heading
    broken = heading.replace("## [", "## (", 1).replace("]", ")", 1) + OSC_TITLE + C1
    page.write_text(text.replace(heading, broken, 1), encoding="utf-8")
    (pages / "en" / f"bad{OSC_TITLE}.txt").write_bytes(b"\x00\x01\x02 not a page")
    result = CliRunner().invoke(main, ["parse", str(pages)])
    assert "chapter heading without square brackets" in result.stderr
    assert "bad\\x1b]0;PWNED\\x07.txt" in result.stderr  # the unreadable file, named
    assert _raw_controls(result.stderr) == [], result.stderr
    assert _raw_controls(result.stdout) == []
    titles = [c["title"] for v in json.loads(result.stdout)["variants"] for c in v["chapters"]]
    assert any(C1 in title for title in titles)  # the JSON still holds the text as scraped


def test_stale_waiver_lines_and_missing_names_are_escaped(tmp_path: Path) -> None:
    runner = CliRunner()
    pages = _pair(tmp_path)
    variants = _variants(tmp_path, pages)
    json_pages = tmp_path / "json"
    for variant in variants:
        variant["episode_id"] = f"ep{OSC_TITLE}{variant['episode_id']}"
        folder = json_pages / variant["page_locale"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{len(list(folder.iterdir()))}.json").write_text(json.dumps([variant]), encoding="utf-8")
    first = runner.invoke(main, ["check", str(json_pages), "--out", str(tmp_path / "r1"), "--no-cache"])
    assert first.exit_code == 1 and _raw_controls(first.output) == []
    waivers = tmp_path / "waivers.toml"
    waived = runner.invoke(
        main,
        [
            "waive",
            str(tmp_path / "r1" / "findings.csv"),
            "--code",
            "L401",
            "--reason",
            "ok",
            "-o",
            str(waivers),
        ],
    )
    assert waived.exit_code == 0, waived.output
    # the waivers expired: stale waivers, each line naming its episode
    text = waivers.read_text(encoding="utf-8").replace(
        'reason = "ok"', 'reason = "ok"\nexpires = "2000-01-01"'
    )
    waivers.write_text(text, encoding="utf-8")
    second = runner.invoke(
        main,
        ["check", str(json_pages), "--waivers", str(waivers), "--out", str(tmp_path / "r2"), "--no-cache"],
    )
    assert "stale waiver (expired)" in second.stderr
    assert "ep\\x1b]0;PWNED\\x07" in second.stderr and _raw_controls(second.stderr) == []

    empty = tmp_path / "empty" / "es"
    empty.mkdir(parents=True)
    os.symlink("/nonexistent", empty / f"a{OSC_TITLE}.md")  # a broken link: nothing to read
    missing = runner.invoke(main, ["check", str(empty.parent), "--out", str(tmp_path / "r3")])
    assert missing.exit_code == 2 and "no input files found" in missing.stderr
    assert "a\\x1b]0;PWNED\\x07.md" in missing.stderr and _raw_controls(missing.stderr) == []


def test_directional_characters_neither_spoof_the_log_nor_survive_json_escapes(tmp_path: Path) -> None:
    pages = _pair(tmp_path)
    variants = _variants(tmp_path, pages)
    page = pages / "es" / "laidub-es-page.txt"
    page.rename(page.with_name("page\u202etxt.exe\u202c.txt"))
    ja = next(v for v in variants if v["page_locale"] == "es")
    ja.update(page_locale="ja", source_path="src\u202egpj.exe")
    ja["chapters"][0]["title"] = "In\u2066tro\u2069\u200b"
    (pages / "ja").mkdir()
    # ``json.dumps`` writes the characters as ``\u202e`` escapes, which reading a page never sees
    (pages / "ja" / "page.json").write_text(json.dumps([ja]), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pages), "--out", str(tmp_path / "r"), "--no-cache"])
    assert result.exit_code == 1
    assert "page\\u202etxt.exe\\u202c.txt" in result.stderr and _raw_controls(result.output) == []
    reread = json.loads(CliRunner().invoke(main, ["parse", str(pages / "ja")]).stdout)["variants"]
    assert reread[0]["chapters"][0]["title"] == "Intro"  # the invisible characters removed, as from a page
    assert "\u202e" not in reread[0]["source_path"]


def test_waive_prints_a_template_without_raw_controls_that_reads_back(tmp_path: Path) -> None:
    runner = CliRunner()
    pages = _pair(tmp_path)
    variants = _variants(tmp_path, pages)
    episode = f"ep{C1}\u202e"
    for variant in variants:
        variant["episode_id"] = episode
    (tmp_path / "all.json").write_text(json.dumps(variants), encoding="utf-8")
    runner.invoke(main, ["check", str(tmp_path / "all.json"), "--out", str(tmp_path / "r"), "--no-cache"])
    result = runner.invoke(main, ["waive", str(tmp_path / "r" / "findings.csv"), "--reason", "ok"])
    assert result.exit_code == 0 and _raw_controls(result.stdout) == []
    waivers = tomllib.loads(result.stdout)["waiver"]
    assert waivers and {w["episode"] for w in waivers} == {f"ep{C1}"}  # reading removed the U+202E


def test_every_csv_cell_reads_back_as_written() -> None:
    for value in ("=1+1", "'@home", "''=x", "'plain", "-5", "\tx", "'", "''", "a'=b", "", "@"):
        written = neutralize(value)
        assert unneutralize(written) == value, (value, written)
        assert not written.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")) or written.startswith("'")


def test_a_waiver_of_an_episode_id_that_starts_with_an_apostrophe_applies(tmp_path: Path) -> None:
    """``'@home`` was written unprefixed to findings.csv and read back as ``@home``: the waiver
    written from it never applied, and neither did a baseline."""
    runner = CliRunner()
    pages = _pair(tmp_path)
    variants = _variants(tmp_path, pages)
    for variant in variants:
        variant["episode_id"] = "'@home"
    (tmp_path / "all.json").write_text(json.dumps(variants), encoding="utf-8")
    first = runner.invoke(
        main, ["check", str(tmp_path / "all.json"), "--out", str(tmp_path / "r"), "--no-cache"]
    )
    assert first.exit_code == 1
    findings = str(tmp_path / "r" / "findings.csv")
    waive = ["waive", findings, "--reason", "ok", "-o", str(tmp_path / "w.toml")]
    assert runner.invoke(main, waive).exit_code == 0
    for option, path in (("--waivers", str(tmp_path / "w.toml")), ("--baseline", findings)):
        again = runner.invoke(
            main,
            [
                "check",
                str(tmp_path / "all.json"),
                option,
                path,
                "--out",
                str(tmp_path / option),
                "--no-cache",
            ],
        )
        assert again.exit_code == 0, again.output
        assert "stale waiver" not in again.output
