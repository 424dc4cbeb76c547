"""Group logical lines into episode cards: one grammar for every layout.

A card is ``title, metadata…, [title again], summary, chapters, [entity section], [tags]``.
The Spanish listing shows metadata lines and repeats the title; the Japanese listing has only
title/body pairs; markdown pages may use ``# Title``. Lines before the first card and lines that
belong to no card (site chrome) are kept as ``chrome`` for locale detection and parse health.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from aligner import langdata
from aligner.model import Entity, Quote
from aligner.parse.items import parse_captions, parse_entity, parse_quote, parse_tags, parse_ts
from aligner.parse.lines import CHAPTER_RE, DURATION_RE, H1_RE, SECTION_RE, Kind, Line, duration_clock

_META = (Kind.DURATION, Kind.CAPTIONS, Kind.CHANNEL)
# A line of a summary or body that opens with a timestamp, as a chapter heading in other markup
# does (`**[00:00] Intro**`, `- [00:00] Intro`, `00:00 Intro`): such a card lost its chapters into
# its text without a word, and its translations were blamed for having them (C102, T505).
_TIMESTAMPED = re.compile(
    r"^(?:[-*•][ \t]+)?(?:\*\*)?[\[［(（]?(?:\d{1,2}[:：])?\d{1,3}[:：]\d{2}[\]］)）]?(?:\*\*)?[ \t]+\S"
)
# A whole line in italics and quotation marks: a pull-quote whose `> ` the template dropped.
_BARE_QUOTE = re.compile(r"^\*{1,2}[ \t]*[\"“「『«„].*[\"”」』»“][ \t]*\*{1,2}$")
# What some pages put between a chapter's timestamp and its title: ``## [00:00] - Intro``,
# ``## [04:00]: Intro``. A dash needs a blank after it (``-1 °C`` is a title).
_LEADING_SEPARATOR = re.compile(r"^(?:[-–—|·•][ \t\u00a0]+|[:：][ \t\u00a0]*)")
# A title with the duration glued on, no separator: "A Conversation With … Biographer56:10".
_GLUED_DURATION = re.compile(r"^(?P<title>.*[^\s\d:])(?P<duration>\d{1,2}:\d{2}(?::\d{2})?)$")


@dataclass(slots=True)
class ChapterDraft:
    ts: int
    ts_text: str
    heading: str  # text after "## [ts]" (title — and, on flattened pages, the body too)
    flat: bool
    body: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(slots=True)
class CardDraft:
    first_line: int
    title: str | None = None
    title_repeated: bool = False
    duration_text: str | None = None
    captions: tuple[str, ...] = ()
    channel: str | None = None
    published: str | None = None
    call_to_action: str | None = None
    tags: tuple[str, ...] = ()
    summary: list[str] = field(default_factory=list)
    chapters: list[ChapterDraft] = field(default_factory=list)
    entity_heading: str | None = None
    entities: list[Entity] | None = None
    flat: bool = False
    notes: list[str] = field(default_factory=list)
    glued: list[str] = field(default_factory=list)  # lost field boundaries: "channel+published"
    state: str = "header"  # header → summary → chapters → entities → done
    body_phys: int = -1  # physical line of a flattened body

    @property
    def has_body(self) -> bool:
        return bool(self.summary or self.chapters or self.entities is not None)


@dataclass(slots=True)
class PageDraft:
    cards: list[CardDraft]
    chrome: list[str]


def read_cards(lines: list[Line]) -> PageDraft:
    reader = _CardReader(lines)
    reader.run()
    return PageDraft([c for c in reader.cards if c.has_body or c.title], reader.chrome)


class _CardReader:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = [ln for ln in lines if ln.kind is not Kind.BLANK]
        self.cards: list[CardDraft] = []
        self.card: CardDraft | None = None
        self.chrome: list[str] = []

    def peek(self, i: int, offset: int = 1) -> Line | None:
        j = i + offset
        return self.lines[j] if j < len(self.lines) else None

    def new_card(self, line: Line, title: str | None) -> CardDraft:
        self.card = CardDraft(first_line=line.phys, title=title)
        if line.glued and title == line.text:  # the title had run into the last card's tags
            self.card.glued.append(f"tags+title:{line.glued}")
        glued = _GLUED_DURATION.match(title or "")
        if glued:  # "…Biographer56:10": the duration line was glued to the title
            self.card.title, self.card.duration_text = glued["title"], glued["duration"]
            self.card.glued.append("title+duration")
        self.cards.append(self.card)
        return self.card

    def run(self) -> None:
        handlers = {kind: getattr(self, f"on_{kind.value}") for kind in Kind if kind is not Kind.BLANK}
        for i, line in enumerate(self.lines):
            card = self.card
            if card is not None and card.flat and card.state != "done" and line.phys != card.body_phys:
                card.state = "done"  # a flattened body ends with its physical line
            handlers[line.kind](i, line)

    # -- line handlers -------------------------------------------------------------------------

    def on_h1(self, i: int, line: Line) -> None:
        match = H1_RE.match(line.text)
        self.new_card(line, match["text"].strip() if match else line.text)

    def on_text(self, i: int, line: Line) -> None:
        card = self.card
        if line.starts_body:
            if card is None or card.state != "header":
                card = self.new_card(line, None)
            self._begin_flat_body(card, line)
            card.summary.append(line.text)
            card.state = "summary"
            return
        if card is not None and card.state == "header":
            self._header_text(i, line, card)
            return
        if card is not None and card.state in ("summary", "chapters") and not line.flat:
            if _TIMESTAMPED.match(line.text):  # `**[00:00] Intro**`, `- [00:00] Intro`: said, not read
                card.notes.append(
                    f"timestamped line not read as a chapter heading (no `## `): {line.text[:60]}"
                )
            elif card.state == "chapters" and _BARE_QUOTE.match(line.text):  # `*"…"*` without `> `
                card.notes.append(f"quote-like line not read as a pull-quote (no `> `): {line.text[:60]}")
            if self._starts_card(i, inside_body=True):
                self.new_card(line, line.text)
            elif card.state == "summary":
                card.summary.append(line.text)
            elif _title_below(card.chapters[-1], line.text):
                card.chapters[-1].heading = line.text  # `## [00:00]`, then `Intro` on its own line
                card.notes.append(f"chapter title on the line after its heading: {line.text[:60]}")
            else:
                card.chapters[-1].body.append(line.text)
            return
        if card is not None and card.state == "chapters":
            card.chapters[-1].body.append(line.text)
            return
        if card is not None and card.state == "entities" and not self._starts_card(i):
            # a list in another markup (a table, `Name — Type: …`): said, and no list is read, so
            # the variant is one E304 ("no entity list"), not an E301 for every entity
            card.notes.append(f"entity list line not read (not `- **Name** (Type): …`): {line.text[:60]}")
            return
        if self._starts_card(i):
            self.new_card(line, line.text)
        else:
            self.chrome.append(line.text)

    def _header_text(self, i: int, line: Line, card: CardDraft) -> None:
        nxt = self.peek(i)
        if card.title is None and _is_call_to_action(line.text):  # the title line is gone (S004)
            card.call_to_action = line.text
        elif card.title is None:
            card.title = line.text
        elif line.text == card.title:
            card.title_repeated = True
        elif _is_call_to_action(line.text) or (nxt is not None and nxt.kind in _META):
            card.call_to_action = line.text
        elif card.channel is None and self._before_repeated_title(i, card):
            # the channel line, its date in a form the tables lack (`el 3 de mayo`, `ayer`,
            # `hace 3 días (editado)`): read as the summary's first line, it ended the header and
            # the card's body opened a second, untitled card
            card.channel = line.text
            card.notes.append(f"channel line without a relative date the tool reads: {line.text[:60]}")
        else:
            card.summary.append(line.text)
            card.state = "summary"

    def _before_repeated_title(self, i: int, card: CardDraft) -> bool:
        """Whether line ``i`` of a card's header comes after its metadata and right before its
        title said again (the layout's channel line)."""
        nxt = self.peek(i)
        return (
            nxt is not None
            and nxt.kind is Kind.TEXT
            and nxt.text == card.title
            and (card.duration_text is not None or bool(card.captions) or card.call_to_action is not None)
        )

    def _starts_card(self, i: int, inside_body: bool = False) -> bool:
        """A text line opens a card when metadata or a body follows it (else it is chrome).

        Inside a line-broken summary or chapter only metadata can open a card: there a text line
        followed by a chapter heading is the last paragraph of the current body.
        """
        nxt = self.peek(i)
        if nxt is None:
            return False
        if inside_body:
            return nxt.kind in _META and _not_chrome(self.lines[i].text)
        if nxt.kind in _META or nxt.starts_body or nxt.kind is Kind.CHAPTER:
            return _not_chrome(self.lines[i].text) and not _is_call_to_action(self.lines[i].text)
        after = self.peek(i, 2)
        if nxt.kind is Kind.TEXT and _is_call_to_action(nxt.text):
            # a card that lost its duration and caption lines: title, call to action, channel
            return after is not None and after.kind in _META and _not_chrome(self.lines[i].text)
        return (
            nxt.kind is Kind.TEXT
            and not nxt.flat
            and after is not None
            and after.kind is Kind.CHAPTER
            and _not_chrome(self.lines[i].text)
        )

    def _begin_flat_body(self, card: CardDraft, line: Line) -> None:
        card.flat = True
        card.body_phys = line.phys

    def on_chapter(self, i: int, line: Line) -> None:
        card = self.card
        if card is None or card.state in ("entities", "done"):
            card = self.new_card(line, None)
            if line.flat:
                self._begin_flat_body(card, line)
        match = CHAPTER_RE.match(line.text)
        assert match is not None
        ts = match["ts"] or match["bare"]
        if match["bare"] or line.text.lstrip("#").lstrip()[:1] in "(（":
            card.notes.append(f"chapter heading without square brackets: {line.text[:60]}")
        level = len(line.text) - len(line.text.lstrip("#"))
        if level not in (2, 3):
            card.notes.append(f"chapter heading at level {level} (not `## `): {line.text[:60]}")
        card.chapters.append(
            ChapterDraft(
                ts=parse_ts(ts),
                ts_text=ts.replace("：", ":"),
                heading=_LEADING_SEPARATOR.sub("", match["rest"].strip()),
                flat=line.flat,
            )
        )
        card.state = "chapters"

    def on_quote(self, i: int, line: Line) -> None:
        card = self.card
        quote, _ = parse_quote(line.text)
        if card is None or quote is None:
            self.chrome.append(line.text)
            return
        if card.chapters and card.state == "chapters":
            card.chapters[-1].quotes.append(quote)
        else:
            card.notes.append(f"quote outside any chapter: {line.text[:60]}")

    def on_section(self, i: int, line: Line) -> None:
        card = self.card
        match = SECTION_RE.match(line.text)
        heading = match["text"].strip() if match else line.text
        nxt = self.peek(i)
        is_entities = (nxt is not None and nxt.kind is Kind.ENTITY) or langdata.is_entity_heading(heading)
        if card is None:
            self.chrome.append(line.text)
            return
        if is_entities and card.state not in ("done",):
            card.entity_heading = heading
            card.entities = []
            card.state = "entities"
        elif card.state == "chapters":
            card.notes.append(f"untimed heading inside chapters: {heading[:60]}")
        elif card.state not in ("header", "summary"):
            card.notes.append(f"unexpected heading: {heading[:60]}")

    def on_entity(self, i: int, line: Line) -> None:
        card = self.card
        if card is None or card.state in ("header", "done"):
            self.chrome.append(line.text)
            return
        if card.entities is None:
            card.entities = []
            card.notes.append("entity items without a heading")
        card.state = "entities"
        entity = parse_entity(line.text, len(card.entities))
        if entity is None:
            card.notes.append(f"unreadable entity line: {line.text[:60]}")
        else:
            card.entities.append(entity)

    def on_duration(self, i: int, line: Line) -> None:
        card = self._meta_card(i, line)
        card.duration_text = line.text
        if not DURATION_RE.match(line.text):
            card.duration_text = duration_clock(line.text)
            card.notes.append(f"duration written `{line.text[:40]}`: read as {card.duration_text}")

    def on_captions(self, i: int, line: Line) -> None:
        card = self._meta_card(i, line)
        card.captions = parse_captions(line.text)

    def on_channel(self, i: int, line: Line) -> None:
        card = self._meta_card(i, line)
        split = langdata.split_relative_date(line.text)
        if split is None:
            card.channel = line.text
            return
        channel, date, _lang = split
        card.channel = channel.strip().rstrip("·•|-–—").strip() or None
        card.published = date
        if channel and line.text[len(channel) : len(channel) + 1].isalnum():  # "Effronhace 3 días"
            card.glued.append("channel+published")

    def on_tags(self, i: int, line: Line) -> None:
        card = self.card
        if card is None or card.tags:
            self.chrome.append(line.text)
            return
        card.tags = parse_tags(line.text)
        if card.state != "header":
            card.state = "done"

    def _meta_card(self, i: int, line: Line) -> CardDraft:
        card = self.card
        if card is None or card.state != "header":
            card = self.new_card(line, None)
        return card


MAX_TITLE_BELOW = 100  # characters of a line taken as the title of the heading above it


def _title_below(chapter: ChapterDraft, text: str) -> bool:
    """Whether ``text``, the first line under a line-broken heading without a title, is that title:
    short, and not a sentence (a body's first line ends its sentence or runs on)."""
    return (
        not chapter.heading
        and not chapter.flat
        and not chapter.body
        and not chapter.quotes
        and len(text) <= MAX_TITLE_BELOW
        and not text.rstrip().endswith((".", "!", "。", "！", ",", "，", ":", "："))
    )


def _is_call_to_action(text: str) -> bool:
    return text.casefold() in _folded_calls_to_action()


def _not_chrome(text: str) -> bool:
    return text.casefold() not in _folded_ui_strings()


@functools.cache
def _folded_calls_to_action() -> frozenset[str]:
    return frozenset(cta.casefold() for t in langdata.TABLES.values() for cta in t.call_to_action)


@functools.cache
def _folded_ui_strings() -> frozenset[str]:
    return frozenset(ui.casefold() for t in langdata.TABLES.values() for ui in t.ui_strings)
