"""Waivers: reading (TOML, CSV), applying, expiring, invalidation by evidence, re-scrape survival."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.config import ConfigError
from aligner.model import Finding, Severity
from aligner.pipeline import check_paths, exit_code
from aligner.report import write_reports
from aligner.results import RunResult
from aligner.schema import errors
from aligner.settings import Settings
from aligner.waivers import (
    Waiver,
    apply_waivers,
    finding_fingerprint,
    load_waivers,
    suppression_lines,
)
from tests.checkedpages import listing_pages
from tests.conftest import ES_PAGE
from tests.findings import make_finding

HASSABIS = "a-conversation-with-demis-hassabis-biographer"
ES_TEXT = ES_PAGE.read_text(encoding="utf-8")
TODAY = date(2026, 6, 30)


def _pages(root: Path, es_text: str = ES_TEXT) -> Path:
    return listing_pages(root, es_text)


def _reordered(text: str, order: tuple[int, ...]) -> str:
    """The Spanish page with its episode cards in another order (a re-scrape that only re-orders)."""
    lines = text.split("\n")
    chrome, cards, rest = lines[:4], [lines[4:15], lines[15:26], lines[26:37]], lines[37:]
    assert [card[0] for card in cards] == [card[6] for card in cards]  # each card opens with its title
    return "\n".join([*chrome, *(line for i in order for line in cards[i]), *rest])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return check_paths([str(_pages(tmp_path_factory.mktemp("pages")))], Settings())


def _l401(result: RunResult, locale: str = "es") -> Finding:
    return next(
        f
        for f in result.findings
        if f.code == "L401" and f.episode_id == HASSABIS and f.page_locale == locale
    )


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _waiver_toml(finding: Finding, reason: str = "English original on purpose", extra: str = "") -> str:
    return (
        f'[[waiver]]\nepisode = "{finding.episode_id}"\nlocale = "{finding.page_locale}"\n'
        f'code = "{finding.code}"\nchapter = "{finding.chapter_ts}"\nreason = "{reason}"\n{extra}'
    )


# -- reading ---------------------------------------------------------------------------------------


def test_toml_and_csv_read_the_same_waivers(tmp_path: Path) -> None:
    toml = _write(
        tmp_path / "w.toml",
        '[[waiver]]\nepisode = "ep"\nlocale = "ES"\ncode = "C101"\nchapter = "0:15:55"\nreason = "  cut  on purpose "\n'
        'expires = 2026-12-31\nfingerprint = "0123456789ab"\n',
    )
    rows = "episode,locale,code,chapter,reason,expires,fingerprint\nep,ES,C101,0:15:55,  cut  on purpose ,2026-12-31,0123456789ab\n"
    from_csv = load_waivers(_write(tmp_path / "w.csv", rows))
    from_toml = load_waivers(toml)
    strip = [replace(w, where="") for w in from_toml]
    assert strip == [replace(w, where="") for w in from_csv]
    assert strip == [
        Waiver("ep", "es", "C101", "15:55", "cut on purpose", date(2026, 12, 31), "0123456789ab")
    ]
    assert from_toml[0].where == f"{toml}: waiver 1 (line 1)"
    for mark in (";", "\t"):  # as a spreadsheet saves it in a locale whose decimal mark is a comma
        saved = _write(tmp_path / "saved.csv", rows.replace(",", mark))
        assert [replace(w, where="") for w in load_waivers(saved)] == strip


def test_toml_errors_name_the_entry_and_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "w.toml",
        '# header\n[[waiver]]\nepisode = "ep"\nlocale = "es"\ncode = "L401"\n\n'
        '[[waiver]]\nepisode = "ep"\nlocale = "es"\ncode = "X401"\nreason = " "\nexpires = "2026-02-30"\n'
        'fingerprint = "zz"\ncolour = 1\n\n[[waivers]]\nepisode = "ep"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_waivers(path)
    assert caught.value.problems == [
        f"{path}: unknown key 'waivers' (did you mean 'waiver'?)",
        f"{path}: waiver 1 (line 2): missing required key 'reason'",
        f"{path}: waiver 2 (line 7): unknown key 'colour'",
        f"{path}: waiver 2 (line 7): fingerprint: 'zz' does not match '^[0-9a-f]{{12}}$'",
        f"{path}: waiver 2 (line 7): reason: must not be empty",
        f"{path}: waiver 2 (line 7): code: unknown check code 'X401' (did you mean 'L401'?)",
        f"{path}: waiver 2 (line 7): expires: '2026-02-30' is not a valid date",
    ]


def test_a_findings_report_given_as_waivers_is_one_clear_line(
    tmp_path: Path, samples_result: RunResult
) -> None:
    """It was 17 lines of unknown and missing columns."""
    out = tmp_path / "report"
    write_reports(samples_result, out, ["csv"])
    with pytest.raises(ConfigError) as caught:
        load_waivers(out / "findings.csv")
    assert caught.value.problems == [
        f"{out / 'findings.csv'}: a findings report, not a waivers file "
        "(`aligner waive findings.csv` writes a waivers template from it)"
    ]


def test_csv_errors_name_the_line(tmp_path: Path) -> None:
    bad_header = _write(tmp_path / "h.csv", "episode,locale,code,reasn\n")
    with pytest.raises(ConfigError) as caught:
        load_waivers(bad_header)
    assert caught.value.problems == [
        f"{bad_header}: line 1: unknown column 'reasn' (did you mean 'reason'?)",
        f"{bad_header}: line 1: missing column 'reason'",
    ]
    bad_rows = _write(
        tmp_path / "r.csv", 'episode,locale,code,reason\nep,es,L401,ok\n\nep,es,L4O1,ok\nep,es,L401,""\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_waivers(bad_rows)
    assert caught.value.problems == [
        f"{bad_rows}: line 4: code: 'L4O1' does not match '^[A-Z][0-9]{{3}}$'",
        f"{bad_rows}: line 5: reason: must not be empty",
    ]


def test_a_quote_left_open_is_an_error_not_a_reason_that_swallows_the_next_waivers(tmp_path: Path) -> None:
    text = 'episode,locale,code,reason\nep,es,L401,"known, "\nep,ja,L401,"checked by Ana\nep,zh,L401,ok\n'
    with pytest.raises(ConfigError) as caught:
        load_waivers(_write(tmp_path / "w.csv", text))
    assert caught.value.problems == [f"{tmp_path / 'w.csv'}: line 3: not CSV (unexpected end of data)"]
    # closed, the same reason may span lines, and the waiver after it is read
    fixed = load_waivers(_write(tmp_path / "ok.csv", text.replace("Ana\n", 'Ana\nand Li"\n')))
    assert [(w.locale, w.reason) for w in fixed] == [
        ("es", "known,"),
        ("ja", "checked by Ana and Li"),
        ("zh", "ok"),
    ]


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_waivers(tmp_path / "none.toml")


# -- fingerprints ----------------------------------------------------------------------------------


def test_fingerprint_ignores_path_position_case_and_spacing(run: RunResult) -> None:
    finding = _l401(run)
    assert len(finding_fingerprint(finding)) == 12
    moved = replace(finding, source_path="elsewhere/page.txt", variant_key="elsewhere/page.txt#2")
    assert finding_fingerprint(moved) == finding_fingerprint(finding)
    respaced = replace(finding, evidence="  " + finding.evidence.upper().replace(" ", "\n "))
    assert finding_fingerprint(respaced) == finding_fingerprint(finding)
    assert finding_fingerprint(replace(finding, page_locale="ja")) != finding_fingerprint(finding)
    evidenced = next(f for f in run.findings if f.code != "L401" and f.evidence)
    changed = replace(evidenced, evidence="Another text")
    assert finding_fingerprint(changed) != finding_fingerprint(evidenced)


def test_an_untranslated_variant_keeps_its_fingerprint_through_a_copy_edit(run: RunResult) -> None:
    """L401 quotes the variant's summary: a copy edit of that English text ("over 30 hours" →
    "more than 30 hours") made it new against a baseline and its fingerprinted waiver stale (found
    by QA of a team's configuration). A waiver written with the evidence hashed, before the
    upgrade, holds through the edit too (found by QA of nightly runs across an upgrade)."""
    finding = _l401(run)
    edited = replace(finding, evidence=finding.evidence.replace(" ", "  ") + " more")
    assert finding_fingerprint(edited) == finding_fingerprint(finding)
    (legacy,) = finding.fingerprints[1:]
    for found in (finding, edited):
        _, waived, stale = apply_waivers(
            [found], [Waiver(finding.episode_id, "es", "L401", "", "r", fingerprint=legacy)], TODAY
        )
        assert len(waived) == 1 and stale == []
    current = Waiver(finding.episode_id, "es", "L401", "", "r", fingerprint=finding.fingerprint)
    _, waived, stale = apply_waivers([edited], [current], TODAY)  # written now: survives the edit
    assert len(waived) == 1 and stale == []


# -- applying --------------------------------------------------------------------------------------


def test_waived_finding_leaves_the_exit_code_but_stays_in_the_reports(run: RunResult, tmp_path: Path) -> None:
    errors_before = [f for f in run.findings if f.severity is Severity.ERROR]
    waivers = tmp_path / "w.toml"
    waivers.write_text("\n".join(_waiver_toml(f) for f in errors_before), encoding="utf-8")
    root = _pages(tmp_path / "pages")
    result = check_paths([str(root)], Settings(waivers=str(waivers)))
    assert exit_code(run, "error") == 1 and exit_code(result, "error") == 0
    assert sorted(f.fingerprint for f in result.waived) == sorted(f.fingerprint for f in errors_before)
    assert all(f.waived == "English original on purpose" for f in result.waived)
    assert result.stale_waivers == ()

    runner = CliRunner()
    out = tmp_path / "out"
    cli = runner.invoke(main, ["check", str(root), "--waivers", str(waivers), "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    rows = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8"))))
    header = next(csv.reader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8"))))
    assert header[-2:] == ["fingerprint", "waived"]  # after the contract columns
    waived_rows = [r for r in rows if r["waived"]]
    assert len(waived_rows) == len(errors_before) and all(r["severity"] == "error" for r in waived_rows)
    assert len(rows) == len(result.findings) + len(result.waived)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert errors("report", report) == []
    assert (
        report["summary"]["waived"] == len(errors_before) and report["summary"]["by_severity"]["error"] == 0
    )
    listed = [f["fingerprint"] for f in report["findings"] if f["waived"]]
    assert listed == [f.fingerprint for f in result.waived]
    assert len(report["findings"]) == report["summary"]["findings"] + report["summary"]["waived"]


def test_expiry_is_inclusive_and_an_expired_waiver_is_reported(run: RunResult) -> None:
    finding = _l401(run)
    waiver = Waiver(finding.episode_id, "es", "L401", "", "until launch", expires=TODAY)
    active, waived, stale = apply_waivers(run.findings, [waiver], TODAY)
    assert [f.fingerprint for f in waived] == [finding.fingerprint] and finding not in active
    active, waived, stale = apply_waivers(run.findings, [waiver], date(2026, 7, 1))
    assert waived == [] and finding in active
    assert [(s.waiver, s.status) for s in stale] == [(waiver, "expired")]


def test_changed_evidence_invalidates_a_fingerprinted_waiver(run: RunResult, tmp_path: Path) -> None:
    glued = next(
        f for f in run.findings if f.code == "S005" and f.episode_id == HASSABIS and f.page_locale == "es"
    )
    assert glued.evidence == "Effron|hace"
    waivers = _write(tmp_path / "w.toml", _waiver_toml(glued, extra=f'fingerprint = "{glued.fingerprint}"\n'))
    same = check_paths([str(_pages(tmp_path / "same"))], Settings(waivers=waivers))
    assert [f.fingerprint for f in same.waived] == [glued.fingerprint]
    edited = ES_TEXT.replace("Jacob Effronhace 3 días", "Jacob Efronhace 3 días", 1)
    assert edited != ES_TEXT
    changed = check_paths([str(_pages(tmp_path / "changed", edited))], Settings(waivers=waivers))
    assert changed.waived == ()
    back = next(f for f in changed.findings if f.code == "S005" and f.episode_id == HASSABIS)
    assert back.evidence == "Efron|hace" and back.fingerprint != glued.fingerprint  # back, not dropped
    assert [s.status for s in changed.stale_waivers] == ["evidence-changed"]
    # without a fingerprint the waiver keys on episode, locale, code and chapter only
    loose = _write(tmp_path / "loose.toml", _waiver_toml(glued))
    assert len(check_paths([str(tmp_path / "changed")], Settings(waivers=loose)).waived) == 1
    # an untranslated variant's waiver outlives a copy edit of the text it quotes
    l401 = _l401(run)
    kept = _write(tmp_path / "l401.toml", _waiver_toml(l401, extra=f'fingerprint = "{l401.fingerprint}"\n'))
    copy_edited = ES_TEXT.replace(
        "Sebastian Mallaby spent three years", "Sebastian Mallaby spent four years", 1
    )
    again = check_paths([str(_pages(tmp_path / "copy-edited", copy_edited))], Settings(waivers=kept))
    assert [f.code for f in again.waived] == ["L401"] and again.stale_waivers == ()


def test_waiver_survives_a_rescrape_that_reorders_the_page(run: RunResult, tmp_path: Path) -> None:
    finding = _l401(run)
    glued = [f for f in run.findings if f.code == "S005" and f.page_locale == "es"]
    assert len(glued) == 3
    entries = [_waiver_toml(finding, extra=f'fingerprint = "{finding.fingerprint}"\n')]
    entries += [
        _waiver_toml(f, "scraper keeps no separator", f'fingerprint = "{f.fingerprint}"\n') for f in glued
    ]
    waivers = _write(tmp_path / "w.toml", "\n".join(entries))
    # a later scrape: cards in another order, and every relative date a day older
    later = _reordered(ES_TEXT, (2, 0, 1))
    for days in (20, 13, 3):
        later = later.replace(f"Effronhace {days} días", f"Effronhace {days + 1} días")
    rescraped = check_paths([str(_pages(tmp_path / "later", later))], Settings(waivers=waivers))
    es = [v for v in rescraped.variants if v.page_locale == "es"]
    assert [v.title.split()[0] for v in es] == ["Yann", "A", "Gemini"]  # the page really changed order
    assert {v.published for v in es} == {"hace 21 días", "hace 14 días", "hace 4 días"}
    waived = {(f.code, f.episode_id) for f in rescraped.waived}
    assert ("L401", HASSABIS) in waived and len(waived) == 4
    assert rescraped.stale_waivers == ()
    moved = next(f for f in rescraped.waived if f.code == "L401")
    assert moved.variant_key != finding.variant_key  # another card position, same waiver


def test_unused_waivers_are_reported_unless_their_check_did_not_run(run: RunResult) -> None:
    fixed = Waiver(HASSABIS, "es", "C101", "15:55", "was missing")
    _, waived, stale = apply_waivers(run.findings, [fixed], TODAY, codes=["C101", "L401"])
    assert waived == [] and [s.status for s in stale] == ["unused"]
    _, _, stale = apply_waivers(run.findings, [fixed], TODAY, codes=["L401"])
    assert stale == []


def test_a_waiver_of_a_diff_check_is_not_unused_in_a_check_run(tmp_path: Path) -> None:
    """A team's waivers file shared by `check` and `diff`: its R601 waiver was "unused" on every
    `check`, which never runs R601 (found by QA of a team's configuration)."""
    root = _pages(tmp_path / "pages")
    waivers = _write(
        tmp_path / "w.toml",
        f'[[waiver]]\nepisode = "{HASSABIS}"\nlocale = "es"\ncode = "R601"\nchapter = ""\nreason = "moved"\n'
        f'[[waiver]]\nepisode = "{HASSABIS}"\nlocale = "es"\ncode = "C101"\nchapter = "15:55"\nreason = "r"\n',
    )
    result = check_paths([str(root)], Settings(waivers=waivers))
    assert [(s.waiver.code, s.status) for s in result.stale_waivers] == [("C101", "unused")]


def test_stale_waivers_are_listed_in_the_html_report(tmp_path: Path) -> None:
    """They were said on stderr and in report.json only: an editor reading the report missed them."""
    root = _pages(tmp_path / "pages")
    waivers = _write(
        tmp_path / "w.toml",
        f'[[waiver]]\nepisode = "{HASSABIS}"\nlocale = "es"\ncode = "C101"\nchapter = "15:55"\n'
        'reason = "was <missing>"\n',
    )
    out = tmp_path / "r"
    CliRunner().invoke(main, ["check", str(root), "--waivers", str(waivers), "--out", str(out)])
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="stale-h">Stale waivers</h2>' in html and '<a href="#stale">' in html
    assert '<td>unused</td><td class="mono">C101</td>' in html
    assert "was &lt;missing&gt;" in html  # escaped like every other text of the report
    clean = tmp_path / "c"
    CliRunner().invoke(main, ["check", str(root), "--out", str(clean)])
    assert "Stale waivers" not in (clean / "index.html").read_text(encoding="utf-8")


def test_any_chapter_and_first_matching_waiver(run: RunResult) -> None:
    glued = next(f for f in run.findings if f.code == "S005")
    star = Waiver(glued.episode_id, glued.page_locale, "S005", "*", "all chapters")
    exact = Waiver(glued.episode_id, glued.page_locale, "S005", "", "variant-level")
    _, waived, stale = apply_waivers([glued], [star, exact], TODAY)
    assert [f.waived for f in waived] == ["all chapters"]
    assert [s.status for s in stale] == ["unused"]  # the second one had nothing left to accept


def test_an_unused_waiver_says_why_when_the_run_can_tell() -> None:
    """A second waiver of one finding (`59:53` and `00:59:53` are one chapter) and a C101 waiver
    without its `chapter` were only "unused" (found by QA of a team's configuration)."""
    missing = make_finding(chapter_sort=3593, chapter_ts="59:53", evidence="Title")
    first = Waiver("ep", "es", "C101", "59:53", "known", where="w.toml: waiver 1 (line 1)")
    again = Waiver("ep", "es", "C101", "59:53", "known", where="w.toml: waiver 2 (line 8)")
    whole = Waiver("ep", "es", "C101", "", "known", where="w.toml: waiver 3 (line 15)")
    _, waived, stale = apply_waivers([missing], [first, again, whole], TODAY)
    assert len(waived) == 1
    assert [(s.waiver.where, s.status, s.note) for s in stale] == [
        (
            "w.toml: waiver 2 (line 8)",
            "unused",
            "it repeats w.toml: waiver 1 (line 1), which took the finding",
        ),
        (
            "w.toml: waiver 3 (line 15)",
            "unused",
            "its finding is at [59:53]: give that `chapter`, or `*` for any",
        ),
    ]
    assert (
        "stale waiver (unused)"
        in suppression_lines(RunResult({}, (), (), (), (), (), (), stale_waivers=tuple(stale)))[0]
    )
