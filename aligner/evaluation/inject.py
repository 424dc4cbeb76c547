"""Defect injection on the text of a scraped page, as a scraper or an editor would cause it.

Every function takes the page text and a *marker* (any text unique to the episode's body, the
line that holds ``## [ts]`` headings on flattened pages), edits one episode and returns the page
text. Chapter content = everything after ``## [ts]`` up to the next ``## `` heading (title, body and
pull-quotes); *body* = that content minus the chapter title (given, since the title/body boundary
of flattened pages is only known to the parser) and minus the quotes. An edit that changes nothing
raises ``ValueError``: a fixture that silently injects nothing would measure nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_HEADING = re.compile(r"## \[(\d{1,2}(?::\d{2}){1,2})\]")
_QUOTE = re.compile(r"\s*> \*[\"“「『«„].*?[\"”」』»]\*", re.S)


@dataclass(frozen=True, slots=True)
class Span:
    ts: str
    start: int  # index of the character after ``## [ts]``
    end: int  # index of the next heading's ``## `` (or the end of the region)


def _region(text: str, marker: str) -> tuple[int, int]:
    """The episode's region: its body line on a flattened page, else the card from the marker on."""
    at = text.find(marker)
    if at < 0:
        raise ValueError(f"marker not found: {marker[:40]!r}")
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    if "## [" in text[line_start:line_end]:
        return line_start, line_end
    return line_start, len(text)


def spans(text: str, marker: str) -> list[Span]:
    """The chapter spans of the episode, in page order."""
    start, end = _region(text, marker)
    region = text[start:end]
    heads = list(_HEADING.finditer(region))
    result = []
    for k, head in enumerate(heads):
        nxt = region.find("## ", head.end())
        stop = nxt if nxt >= 0 else len(region)
        if k + 1 < len(heads):
            stop = min(stop, heads[k + 1].start())
        result.append(Span(head.group(1), start + head.end(), start + stop))
    return result


def _span(text: str, marker: str, ts: str) -> Span:
    for span in spans(text, marker):
        if span.ts == ts:
            return span
    raise ValueError(f"chapter [{ts}] not found")


def _changed(before: str, after: str) -> str:
    if before == after:
        raise ValueError("defect injection changed nothing")
    return after


def _body_bounds(text: str, span: Span, title: str) -> tuple[int, int]:
    """(start, end) of the chapter body inside ``span``: after the title, before the first quote."""
    content = text[span.start : span.end]
    lead = len(content) - len(content.lstrip())
    if title and content[lead:].startswith(title):
        lead += len(title)
    quote = _QUOTE.search(content, lead)
    stop = quote.start() if quote else len(content.rstrip())
    return span.start + lead, span.start + stop


def edit_body(text: str, marker: str, ts: str, title: str, edit: Callable[[str], str]) -> str:
    """Replace the body of chapter ``ts`` by ``edit(body)`` (whitespace around it kept)."""
    start, end = _body_bounds(text, _span(text, marker, ts), title)
    body = text[start:end]
    inner = body.strip()
    new = body.replace(inner, edit(inner), 1) if inner else edit(inner)
    return _changed(text, text[:start] + new + text[end:])


def swap_contents(text: str, marker: str, ts_a: str, ts_b: str) -> str:
    """Swap everything under two headings (titles, bodies, quotes); the timestamps stay."""
    a, b = sorted((_span(text, marker, ts_a), _span(text, marker, ts_b)), key=lambda s: s.start)
    new = (
        text[: a.start]
        + text[b.start : b.end]
        + text[a.end : b.start]
        + text[a.start : a.end]
        + text[b.end :]
    )
    return _changed(text, new)


def shift_contents(text: str, marker: str, first: int = 0, last: int | None = None) -> str:
    """Move the content of chapter i to chapter i+1 for chapters ``first..last`` (page order);
    chapter ``first`` keeps its own content (now duplicated), the content of ``last`` is lost."""
    chapters = spans(text, marker)
    last = len(chapters) - 1 if last is None else last
    contents = [text[s.start : s.end] for s in chapters]
    moved = contents[: first + 1] + contents[first:last] + contents[last + 1 :]
    out, pos = [], 0
    for span, content in zip(chapters, moved, strict=True):
        out.append(text[pos : span.start])
        out.append(content)
        pos = span.end
    out.append(text[pos:])
    return _changed(text, "".join(out))


def truncate_body(text: str, marker: str, ts: str, title: str, keep: float = 0.4) -> str:
    """Cut the chapter body mid-sentence, keeping the first ``keep`` share of its characters."""
    return edit_body(text, marker, ts, title, lambda body: body[: max(1, int(len(body) * keep))].rstrip())


def pad_body(text: str, marker: str, ts: str, title: str) -> str:
    """Double the chapter body (a scraper that glued a second copy of the text)."""
    return edit_body(text, marker, ts, title, lambda body: body + " " + body)


def replace_body(text: str, marker: str, ts: str, title: str, new_body: str) -> str:
    """Put another text (e.g. the untranslated reference body) in place of the chapter body."""
    return edit_body(text, marker, ts, title, lambda _body: " ".join(new_body.split()))


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (bytes cp1252 leaves undefined read as Latin-1)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def mojibake_body(text: str, marker: str, ts: str, title: str) -> str:
    return edit_body(text, marker, ts, title, mojibake)


def markup_body(text: str, marker: str, ts: str, title: str) -> str:
    """Leave HTML in the body: a ``<b>…</b>`` around its first words and an ``&amp;`` entity."""

    def edit(body: str) -> str:
        cut = min(len(body), max(8, len(body) // 6))
        middle = len(body) // 2
        return f"<b>{body[:cut]}</b>{body[cut:middle]} &amp; {body[middle:]}"

    return edit_body(text, marker, ts, title, edit)


def change_number(text: str, marker: str, ts: str, title: str) -> str:
    """Change the first number of the body (a year becomes another year: 2023 → 2031)."""

    def edit(body: str) -> str:
        match = re.search(r"\d+", body)
        if match is None:
            raise ValueError(f"chapter [{ts}] has no number to change")
        value = int(match.group())
        new = value + 8 if value >= 1000 else value + 3
        return body[: match.start()] + str(new) + body[match.end() :]

    return edit_body(text, marker, ts, title, edit)


def drop_quote(text: str, marker: str, ts: str) -> str:
    span = _span(text, marker, ts)
    content = _QUOTE.sub("", text[span.start : span.end], count=1)
    return _changed(text, text[: span.start] + content + text[span.end :])


def drop_chapter(text: str, marker: str, ts: str) -> str:
    span = _span(text, marker, ts)
    head = text.rfind("## [", 0, span.start)
    return _changed(text, text[:head] + text[span.end :])


def add_chapter(text: str, marker: str, after_ts: str, new_ts: str, content: str) -> str:
    """Insert a chapter ``## [new_ts] content`` after chapter ``after_ts`` (flattened layout)."""
    span = _span(text, marker, after_ts)
    end = span.end
    while end > span.start and text[end - 1] == " ":
        end -= 1
    return _changed(text, text[:end] + f" ## [{new_ts}] {content}" + text[end:])


def timestamps(text: str, marker: str) -> Sequence[str]:
    return [s.ts for s in spans(text, marker)]
