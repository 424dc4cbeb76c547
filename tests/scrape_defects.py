"""Inject scraping regressions into the real scraped pages (for ``aligner diff`` and nightly tests).

Each function takes a page's text and returns the text a broken scraper (or a changed site)
would have produced: a card missing, the download cut off, blockquotes stripped by a changed
selector, metadata lines gone, a chapter's text replaced, one card switched from the flattened
layout to line-broken markdown. Edits work on the page's own markup.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from aligner.model import Variant
from aligner.parse import parse_page
from aligner.read import read_page

QUOTE_RE = re.compile(r" > \*[\"「].*?[\"」]\*")
DURATION_RE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
CAPTIONS_RE = re.compile(r"^[A-Z]{2}(?:/[A-Z]{2})+$")
CLOSING = {'"': '"', "“": "”", "「": "」", "『": "』", "«": "»", "„": "“"}


def copy_snapshot(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def edit_page(path: Path, edit: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text, "the injected regression changed nothing"
    path.write_text(edited, encoding="utf-8")


def _body_index(lines: list[str], marker: str) -> int:
    return next(i for i, line in enumerate(lines) if marker in line and " ## [" in line)


def _card_span(lines: list[str], title: str) -> tuple[int, int]:
    """First and last line of the card titled ``title``: from its title line to its tags line
    (or its flattened body line when it has no tags)."""
    body = _body_index_after_title(lines, title)
    start = next(i for i in range(body) if lines[i].strip() == title and not _between_cards(lines, i, body))
    end = body
    nxt = next((i for i in range(body + 1, len(lines)) if lines[i].strip()), None)
    if nxt is not None and lines[nxt].startswith("#") and " " not in lines[nxt].strip():
        end = nxt
    return start, end


def _body_index_after_title(lines: list[str], title: str) -> int:
    first = next(i for i, line in enumerate(lines) if line.strip() == title)
    return next(i for i in range(first, len(lines)) if " ## [" in lines[i])


def _between_cards(lines: list[str], start: int, body: int) -> bool:
    """Whether another card's body or tags line lies between ``start`` and ``body``."""
    return any(" ## [" in lines[i] or re.match(r"^#\S+$", lines[i].strip()) for i in range(start + 1, body))


def remove_card(text: str, title: str) -> str:
    """The card titled ``title`` is gone from the page (pagination or card selector broke)."""
    lines = text.split("\n")
    start, end = _card_span(lines, title)
    return "\n".join(lines[:start] + lines[end + 1 :])


def cut_half(text: str) -> str:
    """The download stopped halfway (a size limit, a dropped connection)."""
    return text[: len(text) // 2]


def strip_quotes(text: str) -> str:
    """Every pull-quote is gone (a changed blockquote selector)."""
    return QUOTE_RE.sub("", text)


def drop_metadata_lines(text: str) -> str:
    """Duration and caption-language lines are gone from every card (a changed metadata selector)."""
    kept = [line for line in text.split("\n") if not (DURATION_RE.match(line) or CAPTIONS_RE.match(line))]
    return "\n".join(kept)


def _chapter_span(line: str, ts: str) -> tuple[int, int]:
    start = line.index(f" ## [{ts}]")
    nxt = line.find(" ## ", start + 4)
    return start, (nxt if nxt >= 0 else len(line))


def replace_chapter_text(text: str, marker: str, ts: str, source_ts: str) -> str:
    """Chapter ``ts`` of the card holding ``marker`` now carries the text of chapter ``source_ts``
    (its own quote is kept): the chapter body selector grabbed the wrong block."""
    lines = text.split("\n")
    index = _body_index(lines, marker)
    line = lines[index]

    def text_of(stamp: str) -> tuple[int, int]:
        start, end = _chapter_span(line, stamp)
        head = start + len(f" ## [{stamp}]")
        quote = QUOTE_RE.search(line, head, end)
        return head, (quote.start() if quote else end)

    head, stop = text_of(ts)
    source_head, source_stop = text_of(source_ts)
    lines[index] = line[:head] + line[source_head:source_stop] + line[stop:]
    return "\n".join(lines)


def line_broken_body(variant: Variant) -> str:
    """A parsed card's body written as line-broken markdown (the layout of ``hassabis.md``)."""
    parts = [variant.summary, ""]
    for chapter in variant.chapters:
        parts += [f"## [{chapter.ts_text}] {chapter.title}", chapter.body, ""]
        for quote in chapter.quotes:
            parts += [f"> *{quote.mark}{quote.text}{CLOSING.get(quote.mark, quote.mark)}*", ""]
    if variant.entities is not None:
        parts.append(f"## {variant.entity_heading or 'Entities'}")
        parts += [f"- **{e.name}** ({e.type}): {e.description}" for e in variant.entities]
    return "\n".join(parts)


def to_line_broken(path: Path, title: str) -> None:
    """Switch one card of a flattened page to line-broken markdown (a site redesign)."""
    page = parse_page(read_page(str(path)))
    variant = next(v for v in page.variants if v.title == title)
    lines = path.read_text(encoding="utf-8").split("\n")
    body = _body_index_after_title(lines, title)
    lines[body] = line_broken_body(variant)
    path.write_text("\n".join(lines), encoding="utf-8")


def reorder_cards(text: str, titles: list[str]) -> str:
    """The same cards in another order: ``titles`` lists every moved card in its new order."""
    lines = text.split("\n")
    spans = {title: _card_span(lines, title) for title in titles}
    first = min(start for start, _end in spans.values())
    last = max(end for _start, end in spans.values())
    middle: list[str] = []
    for title in titles:
        start, end = spans[title]
        middle += [*lines[start : end + 1], ""]
    return "\n".join(lines[:first] + middle[:-1] + lines[last + 1 :])
