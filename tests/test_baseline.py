"""--baseline: report only findings that a previous findings.csv (or report.json) does not hold."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.baseline import BaselineError, finding_key, load_baseline, split_baseline, unneutralize
from aligner.cli import main
from aligner.model import FINDING_COLUMNS, Finding
from aligner.pipeline import check_paths, exit_code
from aligner.report.csv import CsvReporter
from aligner.report.json import JsonReporter
from aligner.results import RunResult
from aligner.schema import errors
from aligner.settings import Settings
from tests.checkedpages import listing_pages
from tests.conftest import ES_PAGE, JA_PAGE
from tests.defects import drop_chapter
from tests.findings import make_finding

LECUN_JA = "チューリング賞受賞者でAMI Labs創業者"  # unique to the body line of the Japanese LeCun card


def _pages(root: Path, ja_text: str | None = None, es_text: str | None = None) -> Path:
    return listing_pages(root, es_text, ja_text)


def _check(root: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(root), "--out", str(out), *extra])
    return result.exit_code, result.output


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A previous night's report folder over the two real pages."""
    root = tmp_path_factory.mktemp("night1")
    code, output = _check(_pages(root / "pages"), root / "report")
    assert code == 1, output
    return root / "report"


def test_a_rerun_against_its_own_baseline_reports_nothing(first: Path, tmp_path: Path) -> None:
    before = _rows(first / "findings.csv")
    code, output = _check(
        _pages(tmp_path / "pages"), tmp_path / "r", "--baseline", str(first / "findings.csv")
    )
    assert code == 0, output
    assert _rows(tmp_path / "r" / "findings.csv") == []
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert errors("report", report) == []
    assert report["summary"]["baselined"] == len(before) > 0
    assert report["summary"]["findings"] == 0

    # known defects still weigh on the scores: variants.csv is the same as without a baseline
    def scores(folder: Path) -> list[tuple[str, ...]]:
        return [
            (r["episode_id"], r["page_locale"], r["score"], r["errors"], r["warnings"])
            for r in _rows(folder / "variants.csv")
        ]

    assert scores(tmp_path / "r") == scores(first)
    # and the HTML overview says why its cells count errors its findings table does not list
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert f'<span id="baselined">{len(before)} already in the baseline' in html


def test_only_new_findings_are_reported(first: Path, tmp_path: Path) -> None:
    broken = drop_chapter(JA_PAGE.read_text(encoding="utf-8"), LECUN_JA, "15:55")
    root = _pages(tmp_path / "pages", ja_text=broken)
    baseline = str(first / "findings.csv")
    result = check_paths([str(root)], Settings(baseline=baseline))
    assert ("C101", "15:55", "ja") in {(f.code, f.chapter_ts, f.page_locale) for f in result.findings}
    known = load_baseline(baseline)
    assert result.findings and all(finding_key(f) not in known for f in result.findings)
    assert len(result.baselined) == len(_rows(first / "findings.csv"))
    assert exit_code(result, "error") == 1


def test_baseline_survives_reordering_and_moving_the_pages(first: Path, tmp_path: Path) -> None:
    lines = ES_PAGE.read_text(encoding="utf-8").split("\n")
    reordered = "\n".join([*lines[:4], *lines[26:37], *lines[4:26], *lines[37:]])
    root = _pages(tmp_path / "elsewhere" / "snapshot", es_text=reordered)
    result = check_paths([str(root)], Settings(baseline=str(first / "findings.csv")))
    assert [v.title.split()[0] for v in result.variants if v.page_locale == "es"] == ["Yann", "A", "Gemini"]
    assert result.findings == ()


def test_changed_evidence_is_a_new_finding(first: Path, tmp_path: Path) -> None:
    """The seam of a glued channel and date changed: a new S005. A copy edit of the English summary
    an untranslated variant (L401) quotes is the same problem, not a new one (it failed the gate)."""
    text = ES_PAGE.read_text(encoding="utf-8").replace("Jacob Effronhace 3 días", "Jacob Efronhace 3 días", 1)
    text = text.replace("Sebastian Mallaby spent three", "Sebastian Mallaby spent 3", 1)
    result = check_paths(
        [str(_pages(tmp_path / "p", es_text=text))], Settings(baseline=str(first / "findings.csv"))
    )
    assert [(f.code, f.page_locale, f.evidence) for f in result.findings] == [("S005", "es", "Efron|hace")]


def _finding(evidence: str) -> Finding:
    return make_finding(message="-1 chapter", episode_title="=cmd", evidence=evidence)


def test_neutralized_cells_and_old_files_without_fingerprints_still_match(tmp_path: Path) -> None:
    hostile = [_finding('=HYPERLINK("http://x","y")'), _finding("+1 555"), _finding("@who"), _finding("")]
    hostile += [_finding('a\u2028b\r\nc "q" , d'), _finding("\x0bx\x1cy\u2029")]  # line breaks of every kind
    result = RunResult(
        settings={}, pages=(), variants=(), episodes=(), findings=tuple(hostile), chapters=(), variant_rows=()
    )
    CsvReporter().write(result, tmp_path)
    text = (tmp_path / "findings.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    new, old = split_baseline(hostile, load_baseline(tmp_path / "findings.csv"))
    assert new == [] and old == hostile
    # a findings.csv written before the fingerprint/waived columns existed
    legacy = tmp_path / "legacy.csv"
    rows = list(csv.reader(io.StringIO(text)))
    cut = rows[0].index("fingerprint")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(row[:cut] for row in rows)
    legacy.write_text(buffer.getvalue(), encoding="utf-8")
    assert load_baseline(legacy) == load_baseline(tmp_path / "findings.csv")
    changed = replace(hostile[1], evidence="+1 556")
    assert split_baseline([changed], load_baseline(legacy)) == ([changed], [])


def test_a_report_json_is_a_baseline_as_good_as_its_findings_csv(first: Path, tmp_path: Path) -> None:
    """A CI that keeps only ``report.json`` (``--format json``) can baseline on it; hostile cells
    are compared as written there (the CSV's formula apostrophes are the CSV's)."""
    assert load_baseline(first / "report.json") == load_baseline(first / "findings.csv")
    assert len(load_baseline(first / "report.json")) == len(_rows(first / "findings.csv")) > 0
    code, output = _check(
        _pages(tmp_path / "pages"), tmp_path / "r", "--baseline", str(first / "report.json")
    )
    assert code == 0 and _rows(tmp_path / "r" / "findings.csv") == [], output
    hostile = [_finding('=HYPERLINK("http://x","y")'), _finding("+1 555")]
    result = RunResult(
        settings={}, pages=(), variants=(), episodes=(), findings=tuple(hostile), chapters=(), variant_rows=()
    )
    (tmp_path / "hostile").mkdir()
    JsonReporter().write(result, tmp_path / "hostile")
    assert split_baseline(hostile, load_baseline(tmp_path / "hostile" / "report.json")) == ([], hostile)


def test_a_baseline_saved_again_by_a_spreadsheet_as_utf16_is_the_same(first: Path, tmp_path: Path) -> None:
    resaved = tmp_path / "findings.csv"
    resaved.write_bytes(
        (first / "findings.csv").read_text(encoding="utf-8").encode("utf-16")
    )  # with its mark
    assert load_baseline(resaved) == load_baseline(first / "findings.csv")
    assert load_baseline(resaved)


def test_a_baseline_saved_again_with_semicolons_or_tabs_is_the_same(first: Path, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO((first / "findings.csv").read_text(encoding="utf-8"))))
    for mark in (";", "\t"):
        out = io.StringIO()
        csv.writer(out, delimiter=mark).writerows(rows)
        resaved = tmp_path / "findings.csv"
        resaved.write_text(out.getvalue(), encoding="utf-8")
        assert load_baseline(resaved) == load_baseline(first / "findings.csv")


def test_a_bad_report_json_baseline_says_what_is_wrong(tmp_path: Path) -> None:
    cases = {
        "cut.json": ('{"findings": [', "line 1: not a report.json (invalid JSON"),
        "list.json": ("[1, 2]", "not a report.json (no `findings` list)"),
        "odd.json": ('{"findings": [{"code": "C101"}]}', "finding 1: not a finding (needs episode_id"),
        "deep.json": (
            '{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "not a report.json (invalid JSON: nested too deeply to read)",
        ),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(BaselineError, match=re.escape(f"{tmp_path / name}: {message}")):
            load_baseline(tmp_path / name)


def test_unneutralize_only_strips_the_reporters_apostrophe() -> None:
    assert unneutralize("'=x") == "=x"
    assert unneutralize("'-5 vs 5") == "-5 vs 5"
    assert unneutralize("'quoted'") == "'quoted'"
    assert unneutralize("'") == "'"


def test_a_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    root = _pages(tmp_path / "pages")
    (tmp_path / "chapters.csv").write_text("episode_id,ref_ts\nx,00:00\n", encoding="utf-8")
    code, output = _check(root, tmp_path / "r", "--baseline", str(tmp_path / "chapters.csv"))
    assert code == 2 and "not a findings.csv (missing columns 'page_locale', 'code', 'chapter_ts')" in output
    code, output = _check(root, tmp_path / "r", "--baseline", str(tmp_path / "none.csv"))
    assert code == 2 and "none.csv: file not found" in output
    with pytest.raises(BaselineError, match="line 1"):
        load_baseline(tmp_path / "chapters.csv")


def test_the_contract_columns_come_first() -> None:
    assert FINDING_COLUMNS[:12] == (
        "episode_id",
        "episode_title",
        "page_locale",
        "lang",
        "ref_lang",
        "chapter_ts",
        "code",
        "name",
        "severity",
        "message",
        "evidence",
        "source_path",
    )
    assert FINDING_COLUMNS[-2:] == ("fingerprint", "waived")


def test_a_baseline_row_of_a_language_holds_its_regions_findings_but_a_region_only_its_own() -> None:
    finding = replace(
        _finding("e"), page_locale="pt-br", source_path="pt-BR/p.md", code="L403", chapter_ts=""
    )
    fp = finding.fingerprint
    assert split_baseline([finding], frozenset({("ep", "pt", "L403", "", fp)})) == ([], [finding])
    assert split_baseline([finding], frozenset({("ep", "pt-pt", "L403", "", fp)})) == ([finding], [])


def test_a_baseline_that_matches_nothing_says_so(first: Path, tmp_path: Path) -> None:
    """Another catalog's findings.csv as the baseline: every finding was "new" and nothing said
    why (found by QA of a team's configuration)."""
    rows = _rows(first / "findings.csv")
    other = tmp_path / "other.csv"
    with other.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "episode_id": "another-" + row["episode_id"]} for row in rows)
    code, output = _check(_pages(tmp_path / "pages"), tmp_path / "r", "--baseline", str(other))
    assert code == 1
    assert f"baseline: none of its {len(rows)} entries matches a finding of this run" in output
    code, output = _check(
        _pages(tmp_path / "pages2"), tmp_path / "r2", "--baseline", str(first / "findings.csv")
    )
    assert code == 0 and "none of its" not in output


def test_an_l401_in_a_baseline_written_before_the_upgrade_survives_a_copy_edit(
    first: Path, tmp_path: Path
) -> None:
    """A findings.csv whose L401 prints hashed the summary it quoted: a copy edit of that English
    text made the L401 new, a FAIL (found by QA of nightly runs across an upgrade)."""
    from aligner.fingerprint import _digest

    rows = _rows(first / "findings.csv")
    for row in rows:
        if row["code"] == "L401":  # the print as the old scheme wrote it: the evidence hashed
            row["fingerprint"] = _digest(
                "L401", row["episode_id"], row["page_locale"], "", row["evidence"], "", False
            )
    old = tmp_path / "old.csv"
    with old.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    text = ES_PAGE.read_text(encoding="utf-8").replace(
        "Sebastian Mallaby spent three", "Sebastian Mallaby spent 3", 1
    )
    result = check_paths([str(_pages(tmp_path / "p", es_text=text))], Settings(baseline=str(old)))
    assert [f.code for f in result.findings if f.code == "L401"] == []
