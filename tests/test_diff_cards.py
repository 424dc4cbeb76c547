"""Diffs of whole cards and sections: a scraper that doubled, dropped, swapped, moved or mis-decoded
a card's chapters, quotes or entity list is one finding per card, and the night it is fixed says
so once (found by QA of scraping regressions and of nightly runs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligner.diff import diff_paths
from aligner.model import Severity
from aligner.settings import Settings
from tests import scrape_defects
from tests.conftest import SAMPLES
from tests.diffing import ES, HASSABIS, JA, LECUN_ES, diff_of, snapshot


def _doubled_chapters(text: str) -> str:
    """Every `## [..]` chapter of a line-broken page twice in a row (heading, body and quote)."""
    head, *chapters = re.split(r"(?m)^(?=## \[)", text)
    last, sep, tail = chapters[-1].partition("\n## ")  # the entity heading after the last chapter
    chapters[-1] = last + "\n" if sep else last
    return head + "".join(c + c for c in chapters) + (f"## {tail}" if sep else "")


def test_chapters_doubled_by_the_scraper_are_one_finding_and_their_fix_none(tmp_path: Path) -> None:
    # Before: one "Chapter added" error per copy (110 on the samples), and the night the scraper
    # was fixed one "Chapter gone" error per copy, every chapter still there once.
    new = snapshot(tmp_path, "new", {"en/hassabis.md": _doubled_chapters})
    doubled = [f for f in diff_of(new) if f.code == "R603"]
    assert [f.message for f in doubled] == [
        "11 chapters duplicated in the `en` card: the same timestamp, title and text twice"
    ]
    fixed = diff_paths(str(new), str(SAMPLES), Settings()).findings
    assert [f for f in fixed if f.code == "R603"] == []


def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, as a misconfigured scraper does (bytes it lacks become U+FFFD)."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


@pytest.mark.parametrize("page", [ES, JA])
def test_a_page_decoded_wrongly_is_one_finding_not_a_retyping_per_entity(tmp_path: Path, page: str) -> None:
    # Before: besides R609's error, a "retyped `产品` → `äº§å“�`" per entity (12 on the Spanish
    # page, 20 on the Japanese) and a card "in `en` now, was in `zh`" or "in `pt` now" — the
    # language of mojibake.
    findings = diff_of(snapshot(tmp_path, "new", {page: _mojibake}))
    locale = page.split("/")[0]
    assert [f.code for f in findings if f.code == "R609"] == ["R609"]
    assert not [f for f in findings if f.code == "R606" or " now, was in " in f.message], [
        f.message for f in findings
    ]
    assert all(f.page_locale == locale for f in findings)


def _bold_headings(text: str) -> str:
    """Chapter headings in bold instead of `## ` (a template change): no chapter is read."""
    return re.sub(r"(?m)^## (\[[\d:]+\][^\n]*)$", r"**\1**", text)


def test_a_card_whose_chapters_are_all_gone_is_one_finding(tmp_path: Path) -> None:
    # Before: a "Chapter gone" error per chapter (11 on the English card).
    new = snapshot(tmp_path, "new", {"en/hassabis.md": _bold_headings})
    chapters = [f for f in diff_of(new) if f.code == "R603"]
    assert [(f.message, f.severity) for f in chapters] == [
        ("All 11 chapters gone from the `en` card", Severity.ERROR)
    ]


def test_the_night_a_scraper_is_fixed_is_one_note_per_card(tmp_path: Path) -> None:
    # Before: a "gained 1 quote(s)" warning per chapter (41 on the Japanese page), an "Entity
    # added" warning per entity — the repair looked like new problems in a nightly run.
    broken = snapshot(
        tmp_path, "broken", {JA: scrape_defects.strip_quotes, "en/hassabis.md": _without_entity_list}
    )
    fixed = [
        f for f in diff_paths(str(broken), str(SAMPLES), Settings()).findings if f.code in ("R606", "R607")
    ]
    assert sorted((f.code, f.page_locale, f.severity) for f in fixed) == [
        ("R606", "en", Severity.INFO),
        *[("R607", "ja", Severity.INFO)] * 3,
    ]
    assert all("had none" in f.message for f in fixed)
    # Their keys are not the keys of the night the quotes went: those made a recurrence one night
    # later "0 new" and exit 0 (found by QA of nightly runs).
    gone = [f for f in diff_paths(str(SAMPLES), str(broken), Settings()).findings if f.code == "R607"]
    assert gone and not {f.fingerprint for f in gone} & {f.fingerprint for f in fixed}


def _without_entity_list(text: str) -> str:
    return text[: text.index("\n## Entities")] + "\n"


def _swap_first_bodies(text: str) -> str:
    """The flattened bodies (summary, chapters, entities) of the page's first two cards swapped,
    their headers kept: a scraper that mixed up its cards."""
    lines = text.split("\n")
    first, second = [i for i, line in enumerate(lines) if len(line) > 1000][:2]
    lines[first], lines[second] = lines[second], lines[first]
    return "\n".join(lines)


def test_two_cards_whose_bodies_swapped_are_a_finding_each(tmp_path: Path) -> None:
    # Before: 96 findings — each chapter "gone" and "added", each entity "removed" and "added",
    # texts "changed" — and none said the cards had swapped.
    findings = diff_of(snapshot(tmp_path, "new", {ES: _swap_first_bodies}))
    assert [(f.code, f.page_locale, f.severity) for f in findings] == [("R603", "es", Severity.ERROR)] * 2
    titles = {f.episode_title: f.message.split("card `")[1].split("`")[0] for f in findings}
    assert titles[HASSABIS].startswith("Gemini Co-Lead") and titles[HASSABIS] in titles.values()


def test_a_card_that_moved_to_the_next_page_of_its_locale_is_no_change(tmp_path: Path) -> None:
    # Before: a paginated listing whose new episode pushed each page's last card to the next page
    # reported every pushed card "gone" (R601, an error) and "new" (R602), every night (found by QA
    # of nightly runs).
    new = snapshot(tmp_path, "new", {})
    page = new / ES
    lines = page.read_text(encoding="utf-8").split("\n")
    start, end = scrape_defects._card_span(lines, LECUN_ES)
    page.write_text("\n".join(lines[:start] + lines[end + 1 :]), encoding="utf-8")
    (new / "es" / "laidub-es-page-2.txt").write_text(
        "\n".join(lines[start : end + 1]) + "\n", encoding="utf-8"
    )
    assert [f for f in diff_of(new) if f.code in ("R601", "R602")] == []
    assert any(f.code == "R601" for f in diff_of(snapshot(tmp_path, "cut", {ES: _without_lecun})))


def _without_lecun(text: str) -> str:
    return scrape_defects.remove_card(text, LECUN_ES)


def test_a_title_replaced_by_the_site_name_is_reported(tmp_path: Path) -> None:
    # Before: a title that lost half its length or more counted as R604's shrunk text, and R604
    # reads no titles: the scraper taking the site name for every title passed silently.
    new = snapshot(tmp_path, "new", {"en/hassabis.md": lambda t: t.replace(HASSABIS, "LaiDub")})
    titles = [f for f in diff_of(new) if f.message.startswith("Title changed")]
    assert [(f.code, f.page_locale, f.evidence) for f in titles] == [("R605", "en", f"{HASSABIS} → LaiDub")]
