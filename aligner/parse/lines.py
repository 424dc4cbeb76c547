"""Turn page text into classified logical lines.

Flattened pages put a whole episode body on one physical line (``summary ## [00:00] Intro …
> *"…"* ## Entities - **X** (Person): …``). We *explode* such lines at their markdown markers so
that flattened and line-broken pages become the same stream of logical lines, and one grammar
(``cards.py``) reads both. Every regular expression here is linear: no nested quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from aligner import langdata


class Kind(StrEnum):
    BLANK = "blank"
    H1 = "h1"  # "# Title"
    CHAPTER = "chapter"  # "## [00:00] Title"
    SECTION = "section"  # "## Entities" or any other untimed heading
    QUOTE = "quote"  # "> *"…"*"
    ENTITY = "entity"  # "- **Name** (Type): description"
    DURATION = "duration"  # "56:10", "1:21:56"
    CAPTIONS = "captions"  # "EN/ZH"
    TAGS = "tags"  # "#a#b#c"
    CHANNEL = "channel"  # channel name + relative date
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Line:
    kind: Kind
    text: str  # stripped
    phys: int  # 0-based physical line number
    flat: bool = False  # came from exploding a flattened body line
    starts_body: bool = False  # first piece of an exploded flattened body line


TS = r"(?:\d{1,2}[:：])?\d{1,3}[:：]\d{2}"
CHAPTER_RE = re.compile(rf"^#{{2,3}}[ \t]*[\[［【][ \t]*(?P<ts>{TS})[ \t]*[\]］】][ \t]*(?P<rest>.*)$")
SECTION_RE = re.compile(r"^#{2,6}[ \t]+(?P<text>.*)$")
H1_RE = re.compile(r"^#[ \t]+(?P<text>.+)$")
DURATION_RE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
CAPTIONS_RE = re.compile(r"^[A-Z]{2,3}(?:[ \t]*/[ \t]*[A-Z]{2,3})*$")
TAGS_RE = re.compile(r"^#[^\s#]+(?:[ \t]*#[^\s#]+)*$")
ENTITY_RE = re.compile(r"^[-*•・][ \t]*\*\*")
QUOTE_RE = re.compile(r"^>")

# Split points inside a flattened line: before " ## ", before " > " that opens a quote,
# and (inside an untimed section) before " - **" entity items.
# Each split point starts a whitespace run (lookbehind) and takes the run whole (possessive):
# a long run of spaces not followed by a marker is then one failed attempt, not a quadratic one.
_HEADING_SPLIT = re.compile(r"(?<![ \t])[ \t]++(?=#{2,3}[ \t])")
_QUOTE_SPLIT = re.compile(r"(?<![ \t])[ \t]++(?=>[ \t]*+(?:\*[ \t]*+)?[\"“「『«„])")
_ITEM_SPLIT = re.compile(r"(?<![ \t])[ \t]++(?=[-•][ \t]++\*\*)")
_INLINE_CHAPTER = re.compile(rf"\S[ \t]+#{{2,3}}[ \t]*[\[［【][ \t]*{TS}[ \t]*[\]］】]")


def classify(text: str) -> Kind:
    if not text:
        return Kind.BLANK
    if text.startswith("#"):
        if CHAPTER_RE.match(text):
            return Kind.CHAPTER
        if TAGS_RE.match(text):
            return Kind.TAGS
        if SECTION_RE.match(text):
            return Kind.SECTION
        if H1_RE.match(text):
            return Kind.H1
    if QUOTE_RE.match(text):
        return Kind.QUOTE
    if ENTITY_RE.match(text):
        return Kind.ENTITY
    if DURATION_RE.match(text):
        return Kind.DURATION
    if CAPTIONS_RE.match(text) and len(text) <= 40:
        return Kind.CAPTIONS
    if len(text) <= 200 and langdata.split_relative_date(text) is not None:
        return Kind.CHANNEL
    return Kind.TEXT


def explode(text: str, phys: int) -> list[Line]:
    """Split one flattened physical line into logical lines; other lines pass through."""
    stripped = text.strip()
    if not _INLINE_CHAPTER.search(stripped) and not (
        stripped.startswith("#") and _QUOTE_SPLIT.search(stripped)
    ):
        return [Line(classify(stripped), stripped, phys)]
    pieces: list[str] = []
    for head_piece in _HEADING_SPLIT.split(stripped):
        quote_pieces = _QUOTE_SPLIT.split(head_piece)
        for piece in quote_pieces:
            if SECTION_RE.match(piece) and not CHAPTER_RE.match(piece):
                pieces.extend(_ITEM_SPLIT.split(piece))
            else:
                pieces.append(piece)
    lines: list[Line] = []
    for index, piece in enumerate(p.strip() for p in pieces):
        if not piece:
            continue
        kind = classify(piece)
        if kind in (Kind.DURATION, Kind.CAPTIONS, Kind.TAGS, Kind.CHANNEL, Kind.H1):
            kind = Kind.TEXT  # inside a body these are just text
        lines.append(Line(kind, piece, phys, flat=True, starts_body=index == 0 and kind is Kind.TEXT))
    return lines


def logical_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for phys, raw in enumerate(text.split("\n")):
        if raw and not raw.isspace():  # blank lines carry nothing (the card reader skips them)
            lines.extend(explode(raw, phys))
    return lines
