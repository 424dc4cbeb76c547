"""Pages whose markup differs from the samples' (another template, another scraper, HTML converted
to text): each is read as the sample it varies, or its parse notes say what was not read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aligner import langdata
from aligner.parse import parse_page
from aligner.parse.titles import make_hints, split_title
from aligner.pipeline import check_paths
from aligner.read import read_page
from aligner.settings import Settings
from tests.conftest import ES_PAGE, SAMPLES


def _parse(path: Path):  # type: ignore[no-untyped-def]
    return parse_page(read_page(str(path), None, langdata.ui_locale))


def _parse_text(tmp_path: Path, text: str, name: str):  # type: ignore[no-untyped-def]
    """Parse ``text`` written as ``tmp_path/name`` (its folder names the page locale)."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return _parse(path)


def test_a_flattened_page_with_parenthesized_timestamps_keeps_its_chapters(tmp_path: Path) -> None:
    """`## (12:07)` is a heading the parser reads on its own line; inside a flattened body line it
    was not seen at all, and the Spanish page lost every chapter (41 C101 in a diff)."""
    text = ES_PAGE.read_text(encoding="utf-8")
    paren = re.sub(r" ## \[([\d:]+)\]", r" ## (\1)", text)
    assert paren != text
    before, after = _parse(ES_PAGE).variants, _parse_text(tmp_path, paren, "es/page.txt").variants
    assert [[(c.ts, c.title) for c in v.chapters] for v in after] == [
        [(c.ts, c.title) for c in v.chapters] for v in before
    ]
    assert all(any("without square brackets" in n for n in v.parse_notes) for v in after if v.chapters)


def test_cards_without_duration_and_caption_lines_keep_their_titles(tmp_path: Path) -> None:
    """Title, call to action, channel: "Watch with Captions" had become the title of three phantom
    cards (three more episodes, a false "Title gone" in a diff, another episode id for LeCun)."""
    text = ES_PAGE.read_text(encoding="utf-8")
    bare = re.sub(r"\n(\d+:)?\d\d:\d\d\nEN/ZH\n", "\n", text)
    assert bare.count("\nWatch with Captions\n") == 3 and "EN/ZH" not in bare
    before, after = _parse(ES_PAGE).variants, _parse_text(tmp_path, bare, "es/page.txt").variants
    assert [(v.title, v.call_to_action, len(v.chapters)) for v in after] == [
        (v.title, v.call_to_action, len(v.chapters)) for v in before
    ]
    assert all(v.duration is None and not v.caption_langs for v in after)


@pytest.mark.parametrize("date", ["el 3 de mayo", "ayer", "hace 3 días (editado)", "hace 3 dÃ­as"])
def test_a_channel_line_with_a_date_the_tables_lack_keeps_its_card_whole(tmp_path: Path, date: str) -> None:
    """The channel line ends with a date the language tables do not read (an absolute date, a
    word, an edit mark, mojibake): it was taken for the summary's first line, the header ended
    there and the body opened a second, untitled card — every chapter "gone" in a diff."""
    text = ES_PAGE.read_text(encoding="utf-8")
    changed = re.sub(r"(Effron)hace \d+ días", rf"\1{date}", text)
    assert changed.count(date) == text.count(date) + 3
    before, after = _parse(ES_PAGE).variants, _parse_text(tmp_path, changed, "es/page.txt").variants
    assert [(v.title, v.summary, len(v.chapters), len(v.entities or ())) for v in after] == [
        (v.title, v.summary, len(v.chapters), len(v.entities or ())) for v in before
    ]
    channel = "Unsupervised Learning: With Jacob Effron"
    assert all(v.channel and v.channel.startswith(channel) and v.published is None for v in after)
    assert all(any("channel line without a relative date" in n for n in v.parse_notes) for v in after)


@pytest.mark.parametrize("hashes", ["#", "####"])
@pytest.mark.parametrize(
    ("page", "name", "count"), [("en/hassabis.md", "en/hassabis.md", 11), ("es", "es/page.txt", 41)]
)
def test_chapter_headings_at_another_level_are_chapters(
    tmp_path: Path, hashes: str, page: str, name: str, count: int
) -> None:
    """`# [00:00] Intro` (a template's heading level changed) was a `# ` episode title on a
    line-broken page, a card per chapter, and plain text inside a flattened one: 28 new episodes,
    every chapter gone and the Japanese page without an episode in a diff of the samples."""
    path = ES_PAGE if page == "es" else SAMPLES / page
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)(^| )## \[", rf"\1{hashes} [", text)
    assert changed.count(f"{hashes} [") == count
    before, after = _parse(path).variants, _parse_text(tmp_path, changed, name).variants
    assert [[(c.ts, c.title, c.body, c.quotes) for c in v.chapters] for v in after] == [
        [(c.ts, c.title, c.body, c.quotes) for c in v.chapters] for v in before
    ]
    notes = [n for v in after for n in v.parse_notes if f"chapter heading at level {len(hashes)}" in n]
    assert len(notes) == count


def test_pull_quotes_without_their_marker_are_noted(tmp_path: Path) -> None:
    """`*"…"*` on its own line (the template dropped the blockquote's `> `): read as body text, as
    before, and now said — every quote was gone without a word."""
    page = SAMPLES / "en" / "hassabis.md"
    text = page.read_text(encoding="utf-8").replace("\n> *", "\n*")
    [variant] = _parse_text(tmp_path, text, "en/hassabis.md").variants
    assert len(variant.chapters) == 11 and not any(c.quotes for c in variant.chapters)
    notes = [n for n in variant.parse_notes if "quote-like line not read as a pull-quote" in n]
    assert len(notes) == 11


def test_a_sentence_case_title_that_ends_with_a_name_keeps_it() -> None:
    """`De qué se arrepiente realmente Demis Sobre AlphaFold…` was cut before `Demis` (a body often
    opens with a name); a capitalized function word after the name is where the body opens (found
    by QA of a flattened Spanish page). Title Case and caseless titles are not judged so."""

    hints = make_hints(["Demis Hassabis"], "", "es")
    text = "De qué se arrepiente realmente Demis Sobre AlphaFold y la IA aplicada a la ciencia: ninguno."
    assert split_title(text, hints) == (
        "De qué se arrepiente realmente Demis",
        "Sobre AlphaFold y la IA aplicada a la ciencia: ninguno.",
    )
    opening = "Por qué Google no apuesta Demis convoca una cumbre en 2015 con Elon."
    assert split_title(opening, hints)[1].startswith("Demis convoca")  # a body that opens with the name


@pytest.mark.parametrize(
    ("written", "clock"),
    [("56 min", "56:00"), ("56m 10s", "56:10"), ("56 min 10 s", "56:10"), ("56:10 min", "56:10"),
     ("Duración: 56:10", "56:10"), ("1 h 21 min 56 s", "1:21:56")],
)  # fmt: skip
def test_a_duration_written_otherwise_is_read_as_its_clock(tmp_path: Path, written: str, clock: str) -> None:
    """`56 min` on the line after the title had become the card's title (the English reference's:
    every finding was filed under episode `56-min`), or on the Spanish page a card of its own
    (found by QA of layout variations)."""
    text = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    assert "\n56:10\n" in text
    written_so = text.replace("\n56:10\n", f"\n{written}\n", 1)
    [variant] = _parse_text(tmp_path, written_so, "en/hassabis.md").variants
    assert variant.title == "A Conversation With Demis Hassabis' Biographer"
    assert variant.duration_text == clock and len(variant.chapters) == 11
    assert any(f"duration written `{written}`" in note for note in variant.parse_notes)


def test_a_flattened_page_whose_headings_lost_their_brackets_keeps_its_chapters(tmp_path: Path) -> None:
    """`## 00:00 Intro` inside a flattened line was not seen at all: the Spanish cards lost every
    chapter, quote and entity into their summaries, with no note (found by QA of layout
    variations). Read as chapters now, each with the note the line-broken page gives."""
    text = ES_PAGE.read_text(encoding="utf-8")
    bare = re.sub(r" ## \[([\d:]+)\]", r" ## \1", text)
    assert bare != text
    before, after = _parse(ES_PAGE).variants, _parse_text(tmp_path, bare, "es/page.txt").variants
    assert [[(c.ts, c.title, len(c.quotes)) for c in v.chapters] for v in after] == [
        [(c.ts, c.title, len(c.quotes)) for c in v.chapters] for v in before
    ]
    assert [len(v.entities or ()) for v in after] == [len(v.entities or ()) for v in before]
    assert all(any("without square brackets" in n for n in v.parse_notes) for v in after if v.chapters)


def test_an_entity_list_in_another_markup_is_said_and_read_as_no_list(tmp_path: Path) -> None:
    """A markdown table under `## Entities` gave an empty list and no note: on the reference every
    entity of every translation was 'not in the reference' (E302 x13 per locale), on a translation
    every reference entity 'missing' (E301 x13). Now each unread line is noted and the list is
    none: one E304 on a translation, nothing on the translations of a reference without one."""
    text = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    table = re.sub(r"^- \*\*(.+?)\*\* \((.+?)\): (.*)$", r"| \1 | \2 | \3 |", text, flags=re.M).replace(
        "## Entities\n", "## Entities\n| Name | Type | Description |\n|---|---|---|\n"
    )
    assert table != text
    page = tmp_path / "pages" / "en" / "hassabis.md"
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page.write_text(table, encoding="utf-8")
    [variant] = _parse(page).variants
    assert variant.entities is None and variant.entity_heading == "Entities"
    assert sum("entity list line not read" in note for note in variant.parse_notes) >= 13
    findings = check_paths([str(tmp_path / "pages")], Settings()).findings
    assert not [f for f in findings if f.code in ("E301", "E302")]


def test_a_no_break_space_after_the_quote_marker_is_a_blank(tmp_path: Path) -> None:
    """`>&nbsp;*"…"*` (pages converted from HTML): the flattened Spanish page lost all 41 quotes
    into the bodies (Q201 x41), the line-broken page kept the quote marks in the text."""
    for source, locale in ((ES_PAGE, "es"), (SAMPLES / "en" / "hassabis.md", "en")):
        text = source.read_text(encoding="utf-8")
        nbsp = text.replace("> *", ">\u00a0*")
        assert nbsp != text
        before, after = _parse(source).variants, _parse_text(tmp_path, nbsp, f"{locale}/page.txt").variants
        assert [[q.text for c in v.chapters for q in c.quotes] for v in after] == [
            [q.text for c in v.chapters for q in c.quotes] for v in before
        ]


@pytest.mark.parametrize("heading", ["**[{ts}] {title}**", "- [{ts}] {title}", "{ts} {title}"])
def test_a_chapter_heading_in_other_markup_is_said(tmp_path: Path, heading: str) -> None:
    """`**[00:00] Intro**` is no heading the parser reads: the chapters ran into the summary with no
    note, and check blamed the translations (found by QA of layout variations). Each such line is
    noted now, so `check` counts parse notes and `aligner parse` lists them."""
    text = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    other = re.sub(r"^## \[([\d:]+)\] (.*)$", lambda m: heading.format(ts=m[1], title=m[2]), text, flags=re.M)
    [variant] = _parse_text(tmp_path, other, "en/hassabis.md").variants
    assert not variant.chapters
    assert sum("timestamped line not read as a chapter heading" in n for n in variant.parse_notes) == 11


def test_a_chapter_title_on_the_line_below_its_heading_is_its_title(tmp_path: Path) -> None:
    """`## [00:00]`, then `Intro` on its own line: the title was empty and `Intro` opened the body,
    and a diff saw no title change (found by QA of layout variations)."""
    text = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    below = re.sub(r"^(## \[[\d:]+\]) (.*)$", r"\1\n\2", text, flags=re.M)
    before, after = (
        _parse(SAMPLES / "en" / "hassabis.md").variants[0],
        _parse_text(tmp_path, below, "en/hassabis.md").variants[0],
    )
    assert [(c.title, c.body) for c in after.chapters] == [(c.title, c.body) for c in before.chapters]
    assert sum("chapter title on the line after its heading" in n for n in after.parse_notes) == 11
