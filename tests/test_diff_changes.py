"""``aligner diff`` against regressions found by exploratory QA: re-scrapes that change only code
points, timestamp shifts, text added or partly lost, pages that moved, cards scraped twice,
chapters re-ordered, and a page's health counted by code."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.diff import diff_paths
from aligner.model import Severity
from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests import scrape_defects
from tests.conftest import SAMPLES
from tests.diffing import ES, HASSABIS, JA, LECUN_ES, LECUN_ID, codes_of, diff_of, snapshot

# -- invisible re-encodings: a re-scrape that only changes code points, not what a reader sees -----------


@pytest.mark.parametrize(
    ("relative", "edit"),
    [
        (ES, lambda t: t.replace("días", "di\u0301as")),  # accents as combining marks (NFD)
        (JA, lambda t: __import__("unicodedata").normalize("NFD", t)),  # every kana and kanji decomposed
        (ES, lambda t: t.replace("hace ", "hace\u00a0")),  # &nbsp; in the relative date
        (ES, lambda t: t.replace("## [", "##\u00a0[")),  # &nbsp; after a flattened heading's marks
        ("en/hassabis.md", lambda t: t.replace("** (", "**\u00a0(")),  # &nbsp; before an entity's type
        ("en/hassabis.md", lambda t: t.replace("- **", "-\u00a0**")),  # &nbsp; after an entity's dash
        # bidirectional marks and isolates, as right-to-left editors and scrapers leave them
        ("en/hassabis.md", lambda t: t.replace("56:10", "56:10\u200f").replace("EN/ZH", "\u200eEN/ZH\u200e")),
        ("en/hassabis.md", lambda t: t.replace("**Demis Hassabis**", "**\u2068Demis Hassabis\u2069**")),
        # soft hyphens, zero-width spaces and word joiners: were R606 "`Geoffrey Hinton` removed,
        # `Geoffrey Hin­ton` added" (the same name shown twice) and R605/R607
        (ES, lambda t: t.replace("Hinton", "Hin\u00adton").replace("LeCun", "Le\u200bCun")),
        (
            "en/hassabis.md",
            lambda t: t.replace("Hassabis", "Has\u2060sabis").replace("Mallaby", "Mal\ufefflaby"),
        ),
    ],
    ids=[
        "nfd-es-date",
        "nfd-ja",
        "nbsp-es-date",
        "nbsp-es-heading",
        "nbsp-en-entity",
        "nbsp-en-entity-dash",
        "rlm-en-metadata",
        "isolates-en-entity",
        "soft-hyphen-zwsp-es",
        "word-joiner-bom-en",
    ],
)
def test_a_re_scrape_that_changes_only_code_points_reports_nothing(
    tmp_path: Path, relative: str, edit: Callable[[str], str]
) -> None:
    # Before: a decomposed or no-break-spaced date line was no date, every card of the Spanish page
    # split in two (46 R603/R604 errors); a decomposed quote was "changed"; a type became a description.
    assert diff_of(snapshot(tmp_path, "new", {relative: edit})) == []


def _latin1(text: str) -> str:
    """UTF-8 bytes read back as cp1252: mojibake in every non-ASCII character."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_an_encoding_damaged_page_is_an_r609_error_counting_the_damage(tmp_path: Path) -> None:
    findings = diff_of(snapshot(tmp_path, "new", {"en/hassabis.md": _latin1}))
    assert [(f.code, f.severity) for f in findings] == [("R609", Severity.ERROR)]  # was a warning
    assert "; new: S006 ×" in findings[0].message
    assert findings[0].evidence.startswith("S006 Encoding damage")


def _shift_timestamps(text: str, seconds: int, skip: str | None = None) -> str:
    """Every ``## [MM:SS]`` heading of a line-broken page moved by ``seconds``; the chapter at
    ``skip`` dropped (heading, body and quote)."""

    def moved(match: re.Match[str]) -> str:
        total = int(match[1]) * 60 + int(match[2]) + seconds
        return f"## [{total // 60:02d}:{total % 60:02d}]"

    if skip is not None:
        text = re.sub(rf"(?ms)^## \[{skip}\].*?(?=^## \[)", "", text)
    return re.sub(r"## \[(\d\d):(\d\d)\]", moved, text)


@pytest.mark.parametrize("seconds", [8, 60])
def test_every_chapter_shifted_beyond_the_tolerance_is_one_finding(tmp_path: Path, seconds: int) -> None:
    # Before: each of the 11 chapters was "gone" and another "added" (22 R603 errors).
    new = snapshot(tmp_path, "new", {"en/hassabis.md": lambda t: _shift_timestamps(t, seconds)})
    findings = diff_of(new)
    assert codes_of(findings) == Counter({("R603", "en", ""): 1})
    assert findings[0].message == f"All 11 chapters moved by +{seconds} s in the `en` card"


def test_a_shifted_card_that_also_lost_a_chapter_says_both(tmp_path: Path) -> None:
    new = snapshot(tmp_path, "new", {"en/hassabis.md": lambda t: _shift_timestamps(t, 60, skip="15:51")})
    findings = diff_of(new)
    assert codes_of(findings) == Counter({("R603", "en", ""): 1, ("R603", "en", "15:51"): 1})
    messages = sorted(f.message for f in findings if f.code == "R603")
    assert messages == [
        "10 of 11 chapters moved by +60 s in the `en` card",
        "Chapter `[15:51]` gone from the `en` card",
    ]


def test_site_chrome_added_to_titles_and_summaries_is_reported(tmp_path: Path) -> None:
    # Before: both passed silently (chrF weighs recall: text added barely moves new-against-old),
    # while the suffixed titles changed every episode id overnight.
    cookie = " We use cookies to improve your experience. Accept all cookies | Manage preferences | Privacy policy."
    new = snapshot(
        tmp_path,
        "new",
        {
            "en/hassabis.md": lambda t: t.replace(HASSABIS, HASSABIS + " | LaiDub").replace(
                "he could not stop it.", "he could not stop it." + cookie, 1
            )
        },
    )
    findings = diff_of(new)
    assert codes_of(findings) == Counter({("R605", "en", ""): 2})
    title, summary = sorted(findings, key=lambda f: f.message, reverse=True)
    assert title.message == "Title changed in the `en` card"
    assert title.evidence == f"{HASSABIS} → {HASSABIS} | LaiDub"
    assert summary.message == "Summary grew 590 → 691 characters in the `en` card"
    assert summary.evidence == "added: " + cookie.strip()


def _body_0403(text: str) -> str:
    """The body line of the English page's chapter [04:03]."""
    return next(line for line in text.split("\n") if line.startswith("Summer 2015, SpaceX"))


def test_a_chapter_that_lost_a_third_is_a_warning_quoting_what_it_lost(tmp_path: Path) -> None:
    # Before: under half lost was silent (R604 starts at half, and chrF weighs the rest as kept).
    def cut(text: str) -> str:
        line = _body_0403(text)
        return text.replace(line, line[: line.rindex(" ", 0, len(line) * 2 // 3)])

    findings = diff_of(snapshot(tmp_path, "new", {"en/hassabis.md": cut}))
    assert codes_of(findings) == Counter({("R605", "en", "04:03"): 1})
    assert "shrank" in findings[0].message and findings[0].evidence.startswith("lost: ")


def test_r604_quotes_what_a_chapter_lost(tmp_path: Path) -> None:
    def cut(text: str) -> str:
        return text.replace(_body_0403(text), _body_0403(text)[:100])

    (finding,) = diff_of(snapshot(tmp_path, "new", {"en/hassabis.md": cut}))
    assert finding.code == "R604" and finding.chapter_ts == "04:03"
    line = _body_0403((SAMPLES / "en/hassabis.md").read_text(encoding="utf-8"))
    assert finding.evidence.startswith("lost: " + " ".join(line[100:].split())[:60])


def test_a_card_scraped_twice_is_new_but_named_as_a_repeat(tmp_path: Path) -> None:
    def twice(text: str) -> str:  # the Gemini card (lines 16-26 of the real page) again at the end
        lines = text.split("\n")
        return text.rstrip("\n") + "\n" + "\n".join(lines[15:26]) + "\n"

    (finding,) = diff_of(snapshot(tmp_path, "new", {ES: twice}))
    assert finding.code == "R602"
    assert finding.message.endswith("on the `es` page (it repeats card 2 of the page)")


@pytest.mark.parametrize("moved", ["es-ES/laidub-es-page.txt", "es/laidub-es-page.md"])
def test_a_page_that_only_moved_is_one_warning_naming_both_paths(tmp_path: Path, moved: str) -> None:
    # Before: each card was "gone" (R601, errors) and "new" (R602), and no finding named the new path.
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    (new / moved).parent.mkdir(parents=True, exist_ok=True)
    (new / ES).rename(new / moved)
    (finding,) = diff_of(new)
    assert (finding.code, finding.severity) == ("R609", Severity.WARNING)
    assert finding.message == f"Page `{ES}` is now `{moved}`: its cards are compared across the move"


def test_a_moved_page_that_also_lost_a_card_says_both(tmp_path: Path) -> None:
    new = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "new")
    text = (new / ES).read_text(encoding="utf-8")
    (new / "es-ES").mkdir()
    (new / "es-ES" / "page.txt").write_text(text[: text.index(LECUN_ES)], encoding="utf-8")
    (new / ES).unlink()
    findings = diff_of(new)
    # two of its three cards kept: a move (R609), and the lost card is all that is gone (it was
    # three R601 and two R602)
    assert codes_of(findings) == Counter({("R609", "es-es", ""): 1, ("R601", "es", ""): 1})
    assert {f.episode_id for f in findings if f.code == "R601"} == {LECUN_ID}


def test_chapters_put_out_of_order_are_one_r603(tmp_path: Path) -> None:
    # Before: silent - the diff aligns both sides sorted by timestamp (check says C104 ×9).
    def swap(text: str) -> str:  # the line-broken page's [02:04] and [04:03] blocks change places
        parts = re.split(r"(?m)^(?=## \[)", text)
        index = next(i for i, part in enumerate(parts) if part.startswith("## [02:04]"))
        parts[index], parts[index + 1] = parts[index + 1], parts[index]
        return "".join(parts)

    findings = diff_of(snapshot(tmp_path, "new", {"en/hassabis.md": swap}))
    order = [f for f in findings if f.code == "R603"]
    assert [f.message for f in order] == [
        "Chapters of the `en` card are out of order now: `[02:04]` comes after `[04:03]`"
    ]


def test_r609_follows_the_configured_severity_of_the_new_findings(tmp_path: Path) -> None:
    new = snapshot(tmp_path, "new", {"en/hassabis.md": _latin1})
    relaxed = Settings(severity={"S006": "warning"})  # mojibake is only a warning on this site
    findings = diff_of(new, relaxed)
    assert [(f.code, f.severity) for f in findings] == [("R609", Severity.WARNING)]


def test_a_title_differing_only_by_invisible_characters_is_unchanged(tmp_path: Path) -> None:
    new = snapshot(tmp_path, "new", {"en/hassabis.md": lambda t: t.replace("Hassabis'", "Has\u00adsabis'")})
    assert [f for f in diff_of(new) if f.message.startswith("Title changed")] == []


def test_a_shifted_card_with_an_added_chapter_says_all_moved(tmp_path: Path) -> None:
    def shift_and_add(text: str) -> str:
        shifted = _shift_timestamps(text, 60)
        return shifted.replace(
            "## [01:00]", "## [00:30] A new opening\nA new chapter body of some length here.\n\n## [01:00]", 1
        )

    messages = sorted(
        f.message
        for f in diff_of(snapshot(tmp_path, "new", {"en/hassabis.md": shift_and_add}))
        if f.code == "R603"
    )
    assert messages[0] == "All 11 chapters moved by +60 s in the `en` card"
    assert messages[1].startswith("Chapter `[00:30]` added")


def test_the_diff_report_says_it_is_about_scraping_regressions(tmp_path: Path) -> None:
    from aligner.report.html import render_html

    new = snapshot(tmp_path, "new", {ES: scrape_defects.strip_quotes})
    html = render_html(diff_paths(str(SAMPLES), str(new), Settings()))
    assert "<h1>Scraping regressions report</h1>" in html  # it said "Translation QA report"


LANGUAGES = Path(__file__).parent / "data" / "languages"


def _persian_snapshot(root: Path, edit: Callable[[str], str]) -> Path:
    for locale in ("en", "fa"):
        (root / locale).mkdir(parents=True)
        text = (LANGUAGES / locale / "hassabis.md").read_text(encoding="utf-8")
        (root / locale / "hassabis.md").write_text(edit(text) if locale == "fa" else text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("ک", "ك").replace("ی", "ي"),  # Arabic kaf and yeh for the Persian ones
        lambda t: t.replace("\u200c", ""),  # zero-width non-joiners dropped from compounds
        lambda t: t.replace("ا", "\ufe8d"),  # an isolated-form presentation character for alef
    ],
    ids=["arabic-letters", "no-zwnj", "presentation-forms"],
)
def test_a_persian_page_re_spelled_by_a_scraper_is_no_change(
    tmp_path: Path, edit: Callable[[str], str]
) -> None:
    # The same Persian page with Arabic letters, or without its ZWNJ, flooded the diff: 15 R605-R607
    # warnings, R606 "retyped نرم‌افزار → نرمافزار", R605 on the title.
    old = _persian_snapshot(tmp_path / "old", lambda t: t)
    new = _persian_snapshot(tmp_path / "new", edit)
    assert (new / "fa" / "hassabis.md").read_bytes() != (old / "fa" / "hassabis.md").read_bytes()
    assert list(diff_paths(str(old), str(new), Settings()).findings) == []


_PRESENTED = str.maketrans(
    {
        "ا": "\ufe8d",
        "ل": "\ufedd",
        "ت": "\ufe95",
        "ع": "\ufec9",
        "م": "\ufee1",
        "ي": "\ufef1",
        "ن": "\ufee5",
        "ّ": "\ufe7c",
    }
)


def test_a_page_in_presentation_forms_reads_as_the_plain_page(tmp_path: Path) -> None:
    # An Arabic page written in presentation forms (old PDFs, some scrapers) was `ur` on the `ar`
    # page (L402), its names no names (E306, R606 "removed"/"added" in a diff)
    for name, edit in (("plain", lambda t: t), ("presented", lambda t: t.translate(_PRESENTED))):
        for locale in ("en", "ar"):
            (tmp_path / name / locale).mkdir(parents=True)
            text = (LANGUAGES / locale / "hassabis.md").read_text(encoding="utf-8")
            (tmp_path / name / locale / "hassabis.md").write_text(edit(text), encoding="utf-8")
    plain = check_paths([str(tmp_path / "plain")], Settings())
    presented = check_paths([str(tmp_path / "presented")], Settings())
    assert [(f.code, f.chapter_ts, f.message) for f in presented.findings] == [
        (f.code, f.chapter_ts, f.message) for f in plain.findings
    ]
    assert list(diff_paths(str(tmp_path / "plain"), str(tmp_path / "presented"), Settings()).findings) == []


def test_a_card_now_in_another_language_is_one_finding_an_error_when_its_translation_is_gone(
    tmp_path: Path,
) -> None:
    """The Japanese page served the Spanish page's cards: its LeCun translation was gone, yet the
    diff had only R606/R609 warnings and exit 0 (texts in another language were skipped)."""
    spanish = (SAMPLES / ES).read_text(encoding="utf-8")
    findings = diff_of(snapshot(tmp_path, "new", {JA: lambda _t: spanish}))
    switched = [f for f in findings if f.code == "R605" and "is in `" in f.message]
    assert [(f.page_locale, f.severity, f.message) for f in switched] == [
        ("ja", Severity.ERROR, "Text of the `ja` card is in `es` now, was in `ja`")
    ]
    assert switched[0].episode_id == LECUN_ID


def test_a_block_a_flattened_page_gained_after_a_quote_is_text_the_chapter_gained(tmp_path: Path) -> None:
    """It was read as the last quote's note, which nothing compared: no finding at all."""
    block = (
        "Episodios relacionados Andrej Karpathy: Software 3.0 1:12:04 Ilya Sutskever on Superintelligence "
        "48:33 Dario Amodei sobre la escalada de la IA 2:01:10 Ver todos "
    )

    def related(text: str) -> str:
        at = text.index("## Entidades")
        return text[:at] + block + text[at:]

    findings = diff_of(snapshot(tmp_path, "new", {ES: related}))
    assert [(f.code, f.page_locale) for f in findings] == [("R605", "es")]
    assert "grew" in findings[0].message and "Episodios relacionados" in findings[0].evidence


def test_a_card_that_lost_most_of_its_quotes_is_one_error(tmp_path: Path) -> None:
    """The zh card lost 16 of its 17 quotes: one finding for each of 16 chapters, warnings (exit 0),
    because the card finding needed every quote gone. Most is enough; the quote kept is no loss."""

    def keep_first_quote(text: str) -> str:
        lines = text.split("\n")
        quotes = [i for i, line in enumerate(lines) if line.startswith("> ")]
        return "\n".join(line for i, line in enumerate(lines) if i not in quotes[1:])

    findings = [
        f for f in diff_of(snapshot(tmp_path, "new", {"zh/vinyals.md": keep_first_quote})) if f.code == "R607"
    ]
    assert [(f.severity, f.message) for f in findings] == [
        (Severity.ERROR, "16 of 17 quotes gone from the `zh` card")
    ]
