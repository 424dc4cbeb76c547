"""Parse the small items of an episode body: timestamps, pull-quotes, entity lines, metadata."""

from __future__ import annotations

import functools
import re
import unicodedata

from aligner.model import Entity, Quote

CLOSING_MARKS = {'"': '"', "“": "”", "「": "」", "『": "』", "«": "»", "„": "“"}  # opening → closing
# &nbsp; after `>` too, as pages converted from HTML write it (the marks had stayed in the quote)
_QUOTE_OPEN = re.compile(r"^>[ \t\u00a0]*+(?:(?P<star>\*{1,2})[ \t\u00a0]*+)?(?P<open>[\"“「『«„])")
_ENTITY_RE = re.compile(
    r"^[-*•・][ \t\u00a0]*\*\*(?P<name>[^*]+?)\*\*[ \t\u00a0]*"
    r"(?:[(（](?P<type>[^)）]{0,60})[)）])?[ \t\u00a0]*(?:[:：—–-][ \t\u00a0]*)?(?P<desc>.*)$"
)


@functools.lru_cache(maxsize=1 << 12)  # chapter timestamps repeat across variants and pages
def parse_ts(text: str) -> int:
    """``"01:00:26"`` → 3626, ``"15:55"`` → 955 (full-width colons accepted)."""
    parts = [int(p) for p in unicodedata.normalize("NFKC", text).split(":")]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


@functools.lru_cache(maxsize=1 << 12)
def timestamp_fault(text: str) -> str:
    """What makes ``text`` a time no clock shows (``12:75``: ``"seconds 75 exceed 59"``), or ``""``.
    Seconds, and minutes after hours, run from 00 to 59; minutes alone may run past 59 (``125:30``).
    ``parse_ts`` still reads such a time (``12:75`` → 795 s, ``13:15``)."""
    *head, seconds = unicodedata.normalize("NFKC", text).split(":")
    if int(seconds) > 59:
        return f"seconds {seconds} exceed 59"
    if len(head) == 2 and int(head[1]) > 59:
        return f"minutes {head[1]} exceed 59"
    return ""


def parse_quote(line: str) -> tuple[Quote | None, str]:
    """A quote line → (Quote, trailing text). Not a quote → (None, line)."""
    match = _QUOTE_OPEN.match(line)
    if not match:
        body = line.lstrip(">").strip()
        return (Quote(body.strip("*").strip(), "")) if body else None, ""
    opening = match["open"]
    closing = CLOSING_MARKS[opening]
    star = match["star"] or ""
    rest = line[match.end() :]
    end = -1
    if star:
        end = rest.find(closing + star)  # the usual `"*` that closes a `> *"…"*` quote
    if end < 0:
        end = rest.rfind(closing)
    if end < 0:
        return Quote(rest.rstrip("*").strip(), opening), ""
    text = rest[:end].strip()
    trailing = rest[end + len(closing) :]
    if star and trailing.startswith(star):
        trailing = trailing[len(star) :]
    return Quote(text, opening, trailing.strip()), trailing.strip()


def parse_entity(line: str, position: int) -> Entity | None:
    match = _ENTITY_RE.match(line)
    if not match:
        return None
    name = match["name"].strip()
    if not name:
        return None
    return Entity(
        name=name, type=(match["type"] or "").strip(), description=match["desc"].strip(), position=position
    )


def parse_captions(text: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in text.split("/") if part.strip())


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in text.split("#") if tag.strip())
