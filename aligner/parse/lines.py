"""Turn page text into classified logical lines.

Flattened pages put a whole episode body on one physical line (``summary ## [00:00] Intro …
> *"…"* ## Entities - **X** (Person): …``). We *explode* such lines at their markdown markers so
that flattened and line-broken pages become the same stream of logical lines, and one grammar
(``cards.py``) reads both. Every regular expression here is linear: no nested quantifiers.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import NamedTuple

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


class Line(NamedTuple):  # a tuple: pages have tens of thousands of lines, and tuples build fast
    kind: Kind
    text: str  # stripped
    phys: int  # 0-based physical line number
    flat: bool = False  # came from exploding a flattened body line
    starts_body: bool = False  # first piece of an exploded flattened body line
    glued: str = ""  # the tag a title ran into (its physical line began with the tags: ``_glued_tags``)


TS = r"(?:\d{1,2}[:：])?\d{1,3}[:：]\d{2}"
# The blanks of a heading line: pages converted from HTML keep no-break and ideographic spaces.
HEADING_BLANK = "[ \t\u00a0\u3000]"
# ``## [01:10] Title`` — and, as scrapers also write it, ``## (01:10) Title`` or ``## 01:10 Title``
# (``bare``: the card reader notes the missing brackets). A bracketed timestamp makes a heading of
# any level a chapter heading (``# [01:10] Title``: a template's heading level changed; the card
# reader notes it): an episode title never opens with one, and as a ``# `` title it opened a card
# per chapter.
CHAPTER_RE = re.compile(
    rf"^(?:#{{2,3}}|#{{1,6}}(?={HEADING_BLANK}*[\[［【(（]{HEADING_BLANK}*{TS}))(?!#){HEADING_BLANK}*"
    rf"(?:[\[［【(（]{HEADING_BLANK}*(?P<ts>{TS}){HEADING_BLANK}*[\]］】)）]|(?P<bare>{TS})(?![\d:：]))"
    rf"{HEADING_BLANK}*(?P<rest>.*)$"
)
SECTION_RE = re.compile(rf"^#{{2,6}}{HEADING_BLANK}+(?P<text>.*)$")
H1_RE = re.compile(r"^#[ \t]+(?P<text>.+)$")
DURATION_RE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
# A duration written in words or behind a label, as other templates and scrapers write it: `56 min`,
# `56m 10s`, `1 h 21 min`, `56:10 min`, `Duración: 56:10`. Read as the clock it stands for
# (``duration_clock``): it had become the card's title, or a card of its own.
_UNIT_H = r"(?:h|hr|hrs|hours?|std\.?|horas?|heures?|ore|uur|時間|小时|小時|시간|ч\.?)"
_UNIT_M = r"(?:m|min\.?|mins|minutes?|minutos?|minuten|minuti|分鐘|分钟|分|분|мин\.?)"
_UNIT_S = r"(?:s|sec\.?|secs|seconds?|segundos?|sekunden|secondi|秒|초|сек\.?)"
_WORDED_DURATION = re.compile(
    rf"^(?:(?P<h>\d{{1,2}})[ \t]*{_UNIT_H}[ \t]*)?(?:(?P<m>\d{{1,3}})[ \t]*{_UNIT_M}[ \t]*)?"
    rf"(?:(?P<s>\d{{1,2}})[ \t]*{_UNIT_S})?$",
    re.IGNORECASE,
)
_LABELLED_DURATION = re.compile(
    r"^(?:(?:duration|duraci[oó]n|dur[ée]e|dauer|durata|dura[çc][ãa]o|duur|длительность|長さ|时长|時長)"
    r"[ \t]*[:：][ \t]*)?(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?:[ \t]*(?:min\.?|mins|minutes|minutos|分))?$",
    re.IGNORECASE,
)


def duration_clock(text: str) -> str | None:
    """The clock (``56:10``, ``1:21:56``) a duration line written otherwise stands for, or None."""
    if len(text) > 40:
        return None
    labelled = _LABELLED_DURATION.match(text)
    if labelled is not None:
        return labelled["clock"]
    worded = _WORDED_DURATION.match(text)
    if worded is None or not any(worded.group(unit) for unit in ("h", "m", "s")):
        return None
    hours, minutes, seconds = (int(worded.group(unit) or 0) for unit in ("h", "m", "s"))
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


CAPTIONS_RE = re.compile(r"^[A-Z]{2,3}(?:[ \t]*/[ \t]*[A-Z]{2,3})*$")
TAGS_RE = re.compile(r"^#[^\s#]+(?:[ \t]*#[^\s#]+)*$")
ENTITY_RE = re.compile(r"^[-*•・][ \t\u00a0]*\*\*")  # &nbsp; after the dash too, as parse_entity reads
QUOTE_RE = re.compile(r"^>")

# Split points inside a flattened line: before " ## ", before " > " that opens a quote,
# and (inside an untimed section) before " - **" entity items. A split point is a whole run of
# spaces/tabs (maximal: from the first blank after text) that a marker follows; the run is
# dropped. The markers are found first — each pattern opens with a literal or a small character
# set, so the scan skips through ordinary text in C — and a lookbehind requires the blank before
# the marker. The run is then walked back from the marker: linear overall, since runs are disjoint.
# `#{2,3}` and a blank, after a blank; or a heading of another level before a bracketed timestamp
_HEADING_MARKER = re.compile(
    rf"#(?<=[ \t]#)(?:##?[ \t\u00a0]|#{{0,5}}(?!#)[ \t\u00a0]+(?=[\[［【(（]{HEADING_BLANK}*{TS}))"
)
_QUOTE_MARKER = re.compile(r">(?<=[ \t]>)[ \t\u00a0]*+(?:\*[ \t\u00a0]*+)?[\"“「『«„]")
_ITEM_MARKER = re.compile(r"[-•](?<=[ \t][-•])[ \t\u00a0]++\*\*")
# A chapter heading inside a flattened line, in any bracket ``CHAPTER_RE`` reads (``## (12:07)``),
# or in none (``## 12:07 Title``: a template that dropped the brackets; the card reader notes it).
_INLINE_CHAPTER = re.compile(
    rf"\S[ \t]+(?:#{{2,3}}|#{{1,6}}(?={HEADING_BLANK}*[\[［【(（]{HEADING_BLANK}*{TS}))(?!#){HEADING_BLANK}*"
    rf"(?:[\[［【(（]{HEADING_BLANK}*{TS}{HEADING_BLANK}*[\]］】)）]|{TS}(?![\d:：]))"
)
_BLANKS = " \t"
MAX_CHANNEL_LINE = 200  # longer lines are never a channel + relative date


def classify(text: str) -> Kind:
    if len(text) <= MAX_CHANNEL_LINE:
        return _classify_short(text)  # short lines recur (chrome, metadata, channel lines)
    return _classify(text)


@functools.lru_cache(maxsize=1 << 14)
def _classify_short(text: str) -> Kind:
    return _classify(text)


def _classify(text: str) -> Kind:
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
    if DURATION_RE.match(text) or ((text[:1].isdigit() or text[:1].isalpha()) and duration_clock(text)):
        return Kind.DURATION
    if CAPTIONS_RE.match(text) and len(text) <= 40:
        return Kind.CAPTIONS
    if len(text) <= MAX_CHANNEL_LINE and langdata.split_relative_date(text) is not None:
        return Kind.CHANNEL
    return Kind.TEXT


def _split_before(text: str, marker: re.Pattern[str]) -> list[str]:
    """``text`` cut at every maximal run of spaces/tabs that ``marker`` follows (runs dropped).

    The pieces of ``re.split(r"(?<![ \t])[ \t]++(?=MARKER)", text)``, where ``marker`` matches
    MARKER only after a blank (lookbehind). A marker match never holds the start of another
    marker after a blank, so scanning marker matches left to right finds every split point.
    """
    pieces: list[str] = []
    start = 0
    for match in marker.finditer(text):
        end = begin = match.start()
        while begin > start and text[begin - 1] in _BLANKS:
            begin -= 1
        pieces.append(text[start:begin])
        start = end
    pieces.append(text[start:])
    return pieces


def _classify_piece(text: str) -> Kind:
    """``classify`` for a piece of an exploded body line, where duration, captions, tags, channel
    and ``# title`` lines are plain text: only chapter/section headings, quotes and entity items
    keep their kind (the checks ``classify`` makes for the other kinds cannot change the result)."""
    if text.startswith("#"):
        if CHAPTER_RE.match(text):
            return Kind.CHAPTER
        if SECTION_RE.match(text):  # TAGS_RE and H1_RE match no text SECTION_RE matches
            return Kind.SECTION
        return Kind.TEXT
    if QUOTE_RE.match(text):
        return Kind.QUOTE
    if ENTITY_RE.match(text):
        return Kind.ENTITY
    return Kind.TEXT


def explode(text: str, phys: int) -> list[Line]:
    """Split one flattened physical line into logical lines; other lines pass through."""
    stripped = text.strip()
    # Both tests below need a "#": most lines have none and skip the regular expressions.
    if "#" not in stripped or (
        not _INLINE_CHAPTER.search(stripped)
        and not (stripped.startswith("#") and ">" in stripped and _QUOTE_MARKER.search(stripped))
    ):
        return [Line(classify(stripped), stripped, phys)]
    pieces: list[str] = []
    for head_piece in _split_before(stripped, _HEADING_MARKER):
        quote_pieces = _split_before(head_piece, _QUOTE_MARKER) if ">" in head_piece else [head_piece]
        for piece in quote_pieces:
            if SECTION_RE.match(piece) and not CHAPTER_RE.match(piece):
                pieces.extend(_split_before(piece, _ITEM_MARKER))
            else:
                pieces.append(piece)
    lines: list[Line] = []
    for index, piece in enumerate(p.strip() for p in pieces):
        if not piece:
            continue
        kind = _classify_piece(piece)
        lines.append(Line(kind, piece, phys, flat=True, starts_body=index == 0 and kind is Kind.TEXT))
    return lines


# A tags line with the next card's title run into it: "#deepmind#ai-safetyGemini Co-Lead on World
# Models". Tags are lower-case words with digits and hyphens; the title opens with any other letter.
_TAGS_THEN_TITLE = re.compile(r"(?P<tags>(?:#[a-z0-9][a-z0-9-]*)+)(?P<title>[^\W\d_a-z].*)")


def _glued_tags(text: str, phys: int) -> list[Line] | None:
    """A tags line and the title glued to it, as the two lines they were; None for any other line.
    The title must hold a space and no `` #`` (``#ai#openAI #x`` is tags with a camel-case one).
    A title without spaces (Japanese, Chinese) stays glued: ``#deepmind#ディープマインド`` is a
    tags line, and nothing tells where such a title would begin."""
    match = _TAGS_THEN_TITLE.fullmatch(text)
    if (
        match is None
        or " " not in match["title"]
        or " #" in match["title"]
        or classify(text) is not Kind.TEXT
    ):
        return None
    tags, title = match["tags"], match["title"]
    return [Line(Kind.TAGS, tags, phys), Line(Kind.TEXT, title, phys, glued="#" + tags.rsplit("#", 1)[1])]


def logical_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for phys, raw in enumerate(text.split("\n")):
        if raw and not raw.isspace():  # blank lines carry nothing (the card reader skips them)
            glued = _glued_tags(raw.strip(), phys) if raw.startswith("#") and raw[1:2] not in "# " else None
            lines.extend(glued or explode(raw, phys))
    return lines
