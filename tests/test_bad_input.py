"""A folder of bad files through the whole CLI: each is a clear S001/S002/S003 finding or a
correct parse, and the real page next to them is checked exactly as when it is alone."""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import aligner.execution
from aligner.cli import main
from aligner.model import RawPage
from benchmarks.generate import cut_page, retime, retitle
from tests.conftest import JA_PAGE, SAMPLES

REAL = "ja/laidub-ja-page.txt"


def synthetic_card(title: str, shift: int) -> str:
    """The line-broken English card of the samples under another title and timestamps, so it
    pairs with nothing on the real page."""
    card = cut_page(SAMPLES / "en" / "hassabis.md", "en").cards[0]
    return retime(retitle(card.text, card.title, title), 1.0, shift)


SHIFT_JIS_PAGE = (
    "テスト番組の要約\n"
    "この番組では東京の研究者が言語モデルの将来について語ります。"
    " ## [00:00] 導入 司会者が研究者を紹介します。 > *「未来はすでにここにある。」*"
    " ## [05:10] 研究の話 研究者が最近の成果を説明します。 > *「データがすべてです。」*"
    " ## [12:30] まとめ 二人が今後の展望を話します。 > *「また会いましょう。」*"
    " ## 登場人物 - **山田太郎**(人物):研究者。\n"
)


def impossible_time(card: str) -> str:
    """``card`` with its second chapter's seconds made impossible (``[15:04]`` → ``[15:74]``)."""
    second = list(re.finditer(r"## \[\d+:(\d)\d\]", card))[1]
    return card[: second.start(1)] + "7" + card[second.end(1) :]


def build_folder(root: Path) -> dict[str, str]:
    """Write the bad corpus and one real page; returns {file: what it must give}."""
    files: dict[str, bytes] = {
        "ja/empty.txt": b"",
        "ja/binary.txt": bytes(range(256)) * 64,
        "en/utf16-bom.md": codecs.BOM_UTF16_LE + synthetic_card("UTF-16 Episode", 7 * 60).encode("utf-16-le"),
        "en/utf16-no-bom.md": synthetic_card("UTF-16 Without BOM", 9 * 60).encode("utf-16-le"),
        "ja/shift-jis.txt": SHIFT_JIS_PAGE.encode("shift_jis"),
        "en/truncated.md": synthetic_card("Truncated Episode — café", 11 * 60).encode("utf-8")
        + "é".encode()[:1],
        "en/one-huge-line.txt": b"lorem ipsum dolor sit amet " * (50 * 1024 * 1024 // 27),
        "en/only-headings.md": "".join(
            f"## Heading {i}\n### Sub {i}\n# Title {i}\n" for i in range(2000)
        ).encode(),
        "en/many-chapters.md": (
            "Many Chapters\n\nA summary of the episode.\n\n"
            + "".join(
                f"## [{i // 60:02d}:{i % 60:02d}] Part {i}\nBody {i} of the episode.\n\n" for i in range(3000)
            )
        ).encode(),
        "en/repeated-markers.txt": (
            "## " * 5000 + "\n" + "> " * 5000 + '*"\n' + "- " * 5000 + "**\n" + "#" * 20000 + "\n"
        ).encode(),
        "en/impossible-time.md": impossible_time(synthetic_card("Impossible Time", 13 * 60)).encode(),
        "en/broken.json": b'{"variants": [ {"title": ',
        "en/invalid.json": json.dumps({"variants": [{"title": "X", "chapters": [{"ts": "99"}]}]}).encode(),
        "en/number-title.json": json.dumps({"schema_version": 1, "variants": [{"title": 5}]}).encode(),
        "en/list-title.json": json.dumps({"title": ["X"], "chapters": []}).encode(),
        "en/deep.json": b"[" * 200_000 + b"]" * 200_000,  # too deep for the JSON reader
        "en/deep-entities.json": (  # read, but too deep for the schema validator
            b'{"variants": [{"title": "Deep", "chapters": [], "entities": ' + b"[" * 990 + b"]" * 990 + b"}]}"
        ),
        REAL: JA_PAGE.read_bytes(),
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return {
        "ja/empty.txt": "S002",
        "ja/binary.txt": "S001",
        "en/utf16-bom.md": "parse",
        "en/utf16-no-bom.md": "parse",  # its NUL bytes tell (it was S001 "binary")
        "ja/shift-jis.txt": "parse",
        "en/truncated.md": "S001+parse",
        "en/one-huge-line.txt": "S002",
        "en/only-headings.md": "S002",
        "en/many-chapters.md": "parse",
        "en/repeated-markers.txt": "S002",
        "en/impossible-time.md": "S003+parse",
        "en/broken.json": "S003",
        "en/invalid.json": "S003",
        "en/number-title.json": "S003",  # was S002 "a bug in aligner" (the title sliced as a string)
        "en/list-title.json": "S003",
        "en/deep.json": "S003",
        "en/deep-entities.json": "S003",
    }


def run_check(folder: Path, out: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", str(folder), "--out", str(out), "--format", "csv,json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _relative(record: dict[str, Any], root: Path) -> dict[str, Any]:
    prefix = root.as_posix() + "/"
    return {k: (v.replace(prefix, "") if isinstance(v, str) else v) for k, v in record.items()}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], int, dict[str, Any]]:
    root = tmp_path_factory.mktemp("bad") / "pages"
    expected = build_folder(root)
    code, report = run_check(root, root.parent / "out")
    return root, expected, code, report


def test_every_bad_file_is_a_clear_finding_or_a_parse(
    bad_run: tuple[Path, dict[str, str], int, dict[str, Any]],
) -> None:
    root, expected, code, report = bad_run
    assert code == 1
    for name, outcome in expected.items():
        path = (root / name).as_posix()
        codes = {
            f["code"]
            for f in report["findings"]
            if f["source_path"] == path and f["code"] in {"S001", "S002", "S003"}
        }
        variants = [v for v in report["variants"] if v["source_path"] == path]
        if outcome == "parse":
            assert not codes and len(variants) == 1, (name, codes)
        elif outcome.endswith("+parse"):
            assert codes == {outcome.removesuffix("+parse")} and len(variants) == 1, (name, codes)
        else:
            assert codes == {outcome} and not variants, (name, codes)
    many = next(v for v in report["variants"] if v["source_path"].endswith("many-chapters.md"))
    assert many["chapters"] == 3000
    sjis = next(v for v in report["variants"] if v["source_path"].endswith("shift-jis.txt"))
    assert sjis["chapters"] == 3 and sjis["lang"] == "ja"
    messages = " ".join(f["message"] for f in report["findings"] if f["code"] == "S001")
    assert "truncated" in messages and "binary" in messages
    titles = [f for f in report["findings"] if f["source_path"].endswith("-title.json")]
    assert len(titles) == 2 and all("title" in f["evidence"] for f in titles), titles
    # the first fault is in the message too: a gate's log shows messages
    assert all(f["message"].endswith(f"schema ({f['evidence'].split('; ')[0][:100]})") for f in titles), (
        titles
    )
    deep = [f["message"] for f in report["findings"] if f["source_path"].endswith("/deep.json")]
    assert deep == [f"`{(root / 'en/deep.json').as_posix()}`: invalid JSON (nested too deeply to read)"]


def test_a_page_the_parser_fails_on_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``parse_page`` never raises on content (the fuzz tests hold it to that); were a bug to make
    it raise all the same, one page must not end a nightly run over the catalog."""
    pages = tmp_path / "pages"
    (pages / "ja").mkdir(parents=True)
    (pages / REAL).write_bytes(JA_PAGE.read_bytes())
    (pages / "en").mkdir()
    (pages / "en" / "trigger.md").write_text(synthetic_card("Trigger", 7 * 60), encoding="utf-8")
    parse_page = aligner.execution.parse_page

    def buggy(page: RawPage) -> Any:
        if page.path.endswith("trigger.md"):
            raise IndexError("list index out of range")
        return parse_page(page)

    monkeypatch.setattr(aligner.execution, "parse_page", buggy)
    code, report = run_check(pages, tmp_path / "out")
    trigger = (pages / "en" / "trigger.md").as_posix()
    assert [(f["code"], f["message"]) for f in report["findings"] if f["source_path"] == trigger] == [
        (
            "S002",
            f"`{trigger}` could not be parsed (IndexError: list index out of range): a bug in aligner, "
            "please report it",
        )
    ]
    assert code == 1
    assert len([v for v in report["variants"] if v["source_path"] == (pages / REAL).as_posix()]) == 3


def test_the_real_page_is_unaffected_by_its_bad_neighbours(
    bad_run: tuple[Path, dict[str, str], int, dict[str, Any]], tmp_path: Path
) -> None:
    root, _expected, _code, report = bad_run
    alone = tmp_path / "pages"
    (alone / "ja").mkdir(parents=True)
    (alone / REAL).write_bytes(JA_PAGE.read_bytes())
    _code_alone, report_alone = run_check(alone, tmp_path / "out")

    def of_real(rep: dict[str, Any], base: Path, table: str) -> list[dict[str, Any]]:
        return [_relative(r, base) for r in rep[table] if r["source_path"] == (base / REAL).as_posix()]

    for table in ("findings", "variants", "chapters"):
        assert of_real(report, root, table) == of_real(report_alone, alone, table), table
    assert len(of_real(report, root, "variants")) == 3


def test_names_and_text_no_report_can_encode_are_shown_not_fatal(tmp_path: Path) -> None:
    """A Latin-1 file name (a legacy scraper) and half a surrogate pair in a JSON page (`"\\ud800"`)
    reach Python as lone surrogates, which UTF-8 cannot encode: the reports failed after the run."""
    pages = tmp_path / "pages"
    (pages / "en").mkdir(parents=True)
    latin1 = os.fsdecode(b"caf\xe9.md")  # 'caf\udce9.md'
    (pages / "en" / latin1).write_text(synthetic_card("Latin-1 Name", 7 * 60), encoding="utf-8")
    card = {"title": "Half \ud800 a pair", "summary": "A summary.", "chapters": [], "entities": []}
    (pages / "en" / "page.json").write_text(json.dumps({"variants": [card]}), encoding="ascii")
    code, report = run_check(pages, tmp_path / "out")
    assert code == 1
    shown = (pages / "en").as_posix() + "/caf\\xe9.md"  # the undecodable byte, escaped
    assert [v["title"] for v in report["variants"] if v["source_path"] == shown] == ["Latin-1 Name"]
    damaged = [
        f for f in report["findings"] if f["source_path"].endswith("page.json") and f["code"] == "S006"
    ]
    assert [f["evidence"] for f in damaged] == ["Half \ufffd a pair"]


def test_a_file_name_with_a_bidirectional_override_or_a_line_break_is_shown_escaped(tmp_path: Path) -> None:
    """`page\u202etxt.exe\u202c.md` displays as `pageexe.txt.md` wherever it is shown as it is,
    and a line break in a name splits a terminal line: reports carried both raw (found by review)."""
    pages = tmp_path / "pages" / "en"
    pages.mkdir(parents=True)
    (pages / "page\u202etxt.exe\u202c.md").write_text(
        synthetic_card("Reversed Name", 7 * 60), encoding="utf-8"
    )
    (pages / "two\nlines.md").write_text(synthetic_card("Broken Name", 8 * 60), encoding="utf-8")
    out = tmp_path / "out"
    code, report = run_check(pages.parent, out)
    assert code == 0
    shown = {v["title"]: v["source_path"] for v in report["variants"]}
    assert shown["Reversed Name"] == pages.as_posix() + "/page\\u202etxt.exe\\u202c.md"
    assert shown["Broken Name"] == pages.as_posix() + "/two\\x0alines.md"
    for written in out.iterdir():
        if written.is_file():
            text = written.read_text(encoding="utf-8")
            assert "\u202e" not in text and "two\nlines" not in text, written.name


def test_a_run_with_no_readable_input_is_exit_2_with_its_reports(tmp_path: Path) -> None:
    """DESIGN: exit 2 for "no readable input". A check of one binary file was a FAIL, exit 1: a CI
    job read "the translation has errors" where nothing had been checked. The reports still say
    why (S001/S002); one readable page beside the bad files keeps exit 1 for its findings."""
    pages = tmp_path / "pages" / "en"
    pages.mkdir(parents=True)
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (pages / "no-episode.md").write_text("just some words, no heading, no chapters\n", encoding="utf-8")
    code, report = run_check(pages, tmp_path / "out")
    assert code == 2
    assert sorted(f["code"] for f in report["findings"]) == ["S001", "S002"]
    result = CliRunner().invoke(main, ["check", str(pages), "--out", str(tmp_path / "again"), "--force"])
    assert "no readable input: no episode in 2 pages" in result.stderr
    es = tmp_path / "pages" / "es"
    es.mkdir()
    (es / "hassabis.md").write_text(
        (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert run_check(tmp_path / "pages", tmp_path / "mixed")[0] == 1
