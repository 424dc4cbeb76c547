"""``aligner diff``: snapshot pairs built from the real sample pages, each with one scraping
regression injected, must report the right R6xx code (at the right chapter); an unchanged
re-scrape and a re-ordered page must report nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.diff import diff_paths, load_snapshot, match_cards
from aligner.model import FINDING_COLUMNS, Severity
from aligner.parse import parse_page
from aligner.read import read_page
from aligner.schema import errors as schema_errors
from aligner.settings import Settings
from tests import defects, scrape_defects
from tests.conftest import SAMPLES
from tests.counting import Work
from tests.diffing import (
    ES,
    GEMINI,
    GEMINI_ID,
    HASSABIS,
    HASSABIS_ID,
    JA,
    LECUN_ES,
    LECUN_ES_BODY,
    LECUN_ID,
    LECUN_JA,
    chapters_with_quotes,
    codes_of,
    diff_of,
    snapshot,
)

# -- nothing changed ----------------------------------------------------------------------------------


def test_unchanged_rescrape_reports_nothing(tmp_path: Path) -> None:
    assert diff_of(snapshot(tmp_path, "new", {})) == []


def test_reordered_pages_report_nothing(tmp_path: Path) -> None:
    new = snapshot(
        tmp_path,
        "new",
        {
            ES: lambda t: scrape_defects.reorder_cards(t, [LECUN_ES, HASSABIS, GEMINI]),
            JA: lambda t: scrape_defects.reorder_cards(t, [GEMINI, LECUN_JA, HASSABIS]),
        },
    )
    reordered = parse_page(read_page(str(new / ES)))
    assert [v.title for v in reordered.variants] == [LECUN_ES, HASSABIS, GEMINI]  # the edit happened
    assert diff_of(new) == []


def test_cards_match_by_title_not_position() -> None:
    page = parse_page(read_page(str(SAMPLES / ES)))
    old = list(page.variants)
    pairs = match_cards(old, list(reversed(old)), 5)
    assert sorted((a.title, b.title, how) for a, b, how in pairs if a and b) == sorted(
        (v.title, v.title, "title") for v in old
    )
    assert all(a is not None and b is not None for a, b, _how in pairs)


# -- one regression each --------------------------------------------------------------------------------


def test_episode_removed_from_a_page(tmp_path: Path) -> None:
    findings = diff_of(snapshot(tmp_path, "new", {ES: lambda t: scrape_defects.remove_card(t, LECUN_ES)}))
    assert codes_of(findings) == Counter({("R601", "es", ""): 1})
    assert findings[0].episode_id == LECUN_ID
    assert findings[0].severity is Severity.ERROR
    assert LECUN_ES in findings[0].message


def test_page_cut_halfway(tmp_path: Path) -> None:
    findings = diff_of(snapshot(tmp_path, "new", {ES: scrape_defects.cut_half}))
    codes = codes_of(findings)
    # the card after the cut is gone; the card at the cut lost its tail: chapters, entity list, tags
    assert codes[("R601", "es", "")] == 1
    assert {f.episode_id for f in findings if f.code == "R601"} == {LECUN_ID}
    gemini = [f for f in findings if f.episode_id == GEMINI_ID]
    assert {f.chapter_ts for f in gemini if f.code == "R603"} == {"46:40", "49:48", "52:14"}
    assert any(f.code == "R604" and f.chapter_ts == "" and "Entity list gone" in f.message for f in gemini)
    assert any(f.code == "R608" and f.message.startswith("Tags") for f in gemini)
    assert not [f for f in findings if f.episode_id == HASSABIS_ID]  # the card before the cut is intact


def test_blockquotes_stripped(tmp_path: Path) -> None:
    findings = diff_of(snapshot(tmp_path, "new", {JA: scrape_defects.strip_quotes}))
    # one R607 per card, which lost every quote (it was one per quoted chapter: 41 findings);
    # [35:57]'s quote had a note after it on its line, which the stripped quote leaves in the
    # chapter body: the chapter's text is the same (notes are compared with it), no R605
    cards = {episode for _code, _locale, episode in ((f.code, f.page_locale, f.episode_id) for f in findings)}
    assert codes_of(findings) == Counter({("R607", "ja", ""): len(cards)})
    quoted = chapters_with_quotes(JA)
    assert sum(int(f.message.split()[1]) for f in findings if f.code == "R607") == sum(quoted.values())
    assert all(
        f.message.startswith("All ") and "quotes gone from the `ja` card" in f.message
        for f in findings
        if f.code == "R607"
    )


def test_metadata_lines_removed(tmp_path: Path) -> None:
    def drop(text: str) -> str:
        lines = text.split("\n")
        return "\n".join(
            line for line in lines if not scrape_defects.DURATION_RE.match(line) and not line.startswith("#")
        )

    findings = diff_of(snapshot(tmp_path, "new", {ES: drop}))
    assert codes_of(findings) == Counter({("R608", "es", ""): 6})
    messages = sorted(f.message.split(" `")[0] for f in findings)
    assert messages == ["Duration"] * 3 + ["Tags"] * 3
    assert any("`1:21:56`" in f.message and f.episode_id == LECUN_ID for f in findings)


def test_chapter_text_replaced(tmp_path: Path) -> None:
    findings = diff_of(
        snapshot(
            tmp_path,
            "new",
            {ES: lambda t: scrape_defects.replace_chapter_text(t, LECUN_ES_BODY, "15:55", "12:07")},
        )
    )
    assert codes_of(findings) == Counter({("R605", "es", "15:55"): 1})
    assert findings[0].episode_id == LECUN_ID
    assert "chrF" in findings[0].message


def test_layout_switched_from_flattened_to_line_broken(tmp_path: Path) -> None:
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    scrape_defects.to_line_broken(new / ES, HASSABIS)
    findings = diff_of(new)
    assert codes_of(findings) == Counter({("R609", "es", ""): 1})  # the content itself is unchanged
    assert findings[0].episode_id == HASSABIS_ID
    assert "flattened → line-broken" in findings[0].message


def test_chapter_dropped_and_entity_retyped_on_the_ja_page(tmp_path: Path) -> None:
    marker = "チューリング賞受賞者でAMI Labs創業者"
    new = snapshot(
        tmp_path,
        "new",
        {
            JA: lambda t: defects.retype_entity(
                defects.drop_chapter(t, marker, "15:55"), marker, "JEPA", "人物"
            )
        },
    )
    assert codes_of(diff_of(new)) == Counter({("R603", "ja", "15:55"): 1, ("R606", "ja", ""): 1})


# -- whole pages and hostile input ------------------------------------------------------------------------


def test_empty_new_snapshot_loses_every_card(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    findings = diff_of(tmp_path / "new")
    assert codes_of(findings) == Counter(
        {("R601", "en", ""): 1, ("R601", "es", ""): 3, ("R601", "ja", ""): 3, ("R601", "zh", ""): 1}
    )
    assert all("is missing" in f.message for f in findings)


def test_unreadable_new_page_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    (new / JA).write_bytes(b"\x00\x01binary\x00" * 100)
    findings = diff_of(new)
    codes = codes_of(findings)
    assert codes[("R609", "ja", "")] == 1  # a new S001 on the page
    assert codes[("R601", "ja", "")] == 3
    assert sum(codes.values()) == 4
    # The cause is named: fewer notes than before, and every card gone with the page unreadable.
    health = next(f.message for f in findings if f.code == "R609")
    assert "new S001 problem" in health, health
    gone = [f.message for f in findings if f.code == "R601"]
    assert all(m.endswith(f"(page `{JA}` is unreadable now: S001)") for m in gone), gone


def test_a_scraper_that_starts_writing_an_override_is_r609(tmp_path: Path) -> None:
    """One page-level S006 (bidirectional controls read off a page) is one issue, under the three
    more that make a page's health worse: a scraper that started writing them passed `diff`."""
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    text = (SAMPLES / JA).read_text(encoding="utf-8")
    (new / JA).write_text(text.replace("ヤン・ルカン", "\u202eヤン・ルカン\u202c", 1), encoding="utf-8")
    findings = diff_of(new)
    assert [(f.code, f.severity, f.page_locale) for f in findings] == [("R609", Severity.ERROR, "ja")]
    assert "new S006 problem" in findings[0].message, findings[0].message


def test_a_page_cut_off_mid_character_is_only_partly_readable(tmp_path: Path) -> None:
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    data = (SAMPLES / JA).read_bytes()
    cut = data.index("ヤン・ルカン".encode()) + 1  # inside the first byte sequence of a kana
    (new / JA).write_bytes(data[:cut])
    findings = diff_of(new)
    gone = [f.message for f in findings if f.code == "R601"]
    assert gone and all(m.endswith(f"(page `{JA}` is only partly readable now: S001)") for m in gone), gone


def test_a_page_without_episodes_now_and_an_untitled_new_card_say_so(tmp_path: Path) -> None:
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    (new / JA).write_text("LaiDub\n\nPodcasts\n", encoding="utf-8")
    (new / "zh" / "extra.md").write_text("## [00:00] 开场\n主持人介绍嘉宾。\n", encoding="utf-8")
    findings = diff_of(new)
    gone = [f.message for f in findings if f.code == "R601"]
    assert len(gone) == 3 and all(m.endswith(f"(page `{JA}` yields no episode now: S002)") for m in gone)
    assert [f.message for f in findings if f.code == "R602"] == ["New episode (untitled) on the `zh` page"]


def test_two_single_files_compare_whatever_their_names(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    before, after = tmp_path / "es" / "listing-monday.txt", tmp_path / "es" / "listing-tuesday.txt"
    text = (SAMPLES / ES).read_text(encoding="utf-8")
    before.write_text(text, encoding="utf-8")
    after.write_text(scrape_defects.remove_card(text, GEMINI), encoding="utf-8")
    findings = diff_paths(str(before), str(after), Settings()).findings
    assert codes_of(list(findings)) == Counter({("R601", "es", ""): 1})
    assert findings[0].episode_id == GEMINI_ID


def test_missing_snapshot_is_no_input(tmp_path: Path) -> None:
    from aligner.pipeline import NoInputError

    with pytest.raises(NoInputError, match="snapshot not found"):
        load_snapshot(str(tmp_path / "nowhere"), Settings())


# -- settings --------------------------------------------------------------------------------------------


def test_thresholds_and_severity_come_from_settings(tmp_path: Path) -> None:
    new = snapshot(
        tmp_path,
        "new",
        {ES: lambda t: scrape_defects.replace_chapter_text(t, LECUN_ES_BODY, "15:55", "12:07")},
    )
    lenient = Settings(thresholds={"R605": {"chrf": 10.0}})
    assert diff_paths(str(SAMPLES), str(new), lenient).findings == ()
    per_locale = Settings(locales={"es": {"thresholds": {"R605": {"chrf": 10.0}}}})
    assert diff_paths(str(SAMPLES), str(new), per_locale).findings == ()
    stricter = Settings(severity={"R605": "error"})
    (finding,) = diff_paths(str(SAMPLES), str(new), stricter).findings
    assert finding.severity is Severity.ERROR


def test_select_and_ignore_apply_to_diff_checks(tmp_path: Path) -> None:
    new = snapshot(tmp_path, "new", {ES: lambda t: scrape_defects.remove_card(t, LECUN_ES)})
    assert diff_paths(str(SAMPLES), str(new), Settings(ignore=("R601",))).findings == ()
    result = diff_paths(str(SAMPLES), str(new), Settings(select=("R6",)))
    assert result.settings["checks"] == [f"R60{i}" for i in range(1, 10)]


# -- the command ----------------------------------------------------------------------------------------


def test_cli_diff_writes_the_check_reports_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(main, ["diff", str(SAMPLES), str(SAMPLES), "--out", str(tmp_path / "same")])
    assert same.exit_code == 0, same.output
    new = snapshot(tmp_path, "new", {ES: lambda t: scrape_defects.remove_card(t, LECUN_ES)})
    out = tmp_path / "out"
    broken = runner.invoke(main, ["diff", str(SAMPLES), str(new), "--out", str(out)])
    assert broken.exit_code == 1, broken.output
    assert isinstance(broken.exception, SystemExit)  # an exit code, not a crash
    assert {p.name for p in out.iterdir()} >= {
        "findings.csv",
        "chapters.csv",
        "variants.csv",
        "report.json",
        "index.html",
    }
    assert "1 error," in broken.output
    header = (out / "findings.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[: len(FINDING_COLUMNS)] == list(FINDING_COLUMNS)
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert schema_errors("report", document) == []
    assert [f["code"] for f in document["findings"]] == ["R601"]
    before = (out / "report.json").read_bytes()
    refused = runner.invoke(main, ["diff", str(SAMPLES), str(new), "--out", str(out), "--fail-on", "never"])
    assert refused.exit_code == 2 and "already holds a report" in refused.output  # not clobbered
    assert (out / "report.json").read_bytes() == before
    warning_only = runner.invoke(
        main, ["diff", str(SAMPLES), str(new), "--out", str(out), "--fail-on", "never", "--force"]
    )
    assert warning_only.exit_code == 0


def test_cli_diff_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    work = Work(monkeypatch)
    missing = runner.invoke(
        main, ["diff", str(SAMPLES), str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"), "--jobs", "1"]
    )
    assert missing.exit_code == 2
    assert f"snapshot not found: {tmp_path / 'nowhere'}" in missing.output
    assert work.pages == 0  # said before OLD was read
    bad_code = runner.invoke(main, ["diff", str(SAMPLES), str(SAMPLES), "--select", "X9"])
    assert bad_code.exit_code == 2
    page = SAMPLES / "es" / "laidub-es-page.txt"  # a folder against a file: no page path in common
    mixed = runner.invoke(
        main, ["diff", str(SAMPLES), str(page), "--out", str(tmp_path / "o"), "--jobs", "1"]
    )
    assert mixed.exit_code == 2 and "one is a folder and the other a file" in mixed.output
    assert work.pages == 0
    same_page = runner.invoke(main, ["diff", str(page), str(page), "--out", str(tmp_path / "p")])
    assert same_page.exit_code == 0, same_page.output  # the two files of one page compare


def test_diff_reports_are_deterministic(tmp_path: Path) -> None:
    new = snapshot(tmp_path, "new", {JA: scrape_defects.strip_quotes})
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(
            main, ["diff", str(SAMPLES), str(new), "--out", str(tmp_path / name), "--format", "csv,json"]
        )
        assert result.exit_code == 1, result.output  # every quote of the ja page gone: R607 errors
    for name in ("findings.csv", "chapters.csv", "variants.csv", "report.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_diff_reads_thresholds_from_the_config_file(tmp_path: Path) -> None:
    new = snapshot(
        tmp_path,
        "new",
        {ES: lambda t: scrape_defects.replace_chapter_text(t, LECUN_ES_BODY, "15:55", "12:07")},
    )
    runner = CliRunner()
    default = runner.invoke(
        main, ["diff", str(SAMPLES), str(new), "--out", str(tmp_path / "a"), "--format", "csv"]
    )
    assert default.exit_code == 0 and "1 warning," in default.output  # R605 is a warning
    config = tmp_path / "aligner.toml"
    config.write_text("[checks.R605]\nchrf = 10\n", encoding="utf-8")
    lenient = runner.invoke(
        main,
        [
            "diff",
            str(SAMPLES),
            str(new),
            "--out",
            str(tmp_path / "b"),
            "--format",
            "csv",
            "--config",
            str(config),
        ],
    )
    assert lenient.exit_code == 0 and "0 warnings" in lenient.output
    config.write_text("[checks.R605]\nchfr = 10\n", encoding="utf-8")
    typo = runner.invoke(main, ["diff", str(SAMPLES), str(new), "--config", str(config)])
    assert typo.exit_code == 2 and "did you mean 'chrf'" in typo.output
