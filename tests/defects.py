"""Inject defects into the flattened body line of one episode of a real scraped page.

Each function takes the page text, a marker that identifies the episode's body line (any text
unique to it) and returns the edited page text. Edits work on the page's own markup
(`` ## [ts] ``, `` > *"…"*``, `` - **Name** (Type)``), exactly as a scraper or editor would.
"""

from __future__ import annotations

import re


def _split(text: str, marker: str) -> tuple[list[str], int]:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if marker in line and " ## [" in line)
    return lines, index


def _edit(text: str, marker: str, edit) -> str:  # type: ignore[no-untyped-def]
    lines, index = _split(text, marker)
    edited = edit(lines[index])
    assert edited != lines[index], "defect injection changed nothing"
    lines[index] = edited
    return "\n".join(lines)


def _chapter_span(line: str, ts: str) -> tuple[int, int]:
    start = line.index(f" ## [{ts}]")
    nxt = line.find(" ## ", start + 4)
    return start, (nxt if nxt >= 0 else len(line))


def drop_chapter(text: str, marker: str, ts: str) -> str:
    def edit(line: str) -> str:
        start, end = _chapter_span(line, ts)
        return line[:start] + line[end:]

    return _edit(text, marker, edit)


def drop_quote(text: str, marker: str, ts: str) -> str:
    def edit(line: str) -> str:
        start, end = _chapter_span(line, ts)
        chapter = re.sub(r" > \*[\"「].*?[\"」]\*", "", line[start:end], count=1)
        return line[:start] + chapter + line[end:]

    return _edit(text, marker, edit)


def _entity_span(line: str, name: str) -> tuple[int, int]:
    start = line.index(f" - **{name}**")
    nxt = line.find(" - **", start + 4)
    return start, (nxt if nxt >= 0 else len(line))


def drop_entity(text: str, marker: str, name: str) -> str:
    def edit(line: str) -> str:
        start, end = _entity_span(line, name)
        return line[:start] + line[end:]

    return _edit(text, marker, edit)


def retype_entity(text: str, marker: str, name: str, new_type: str) -> str:
    def edit(line: str) -> str:
        start, end = _entity_span(line, name)
        item = re.sub(r"\*\*\s*\(([^)]*)\)", f"** ({new_type})", line[start:end], count=1)
        return line[:start] + item + line[end:]

    return _edit(text, marker, edit)


def drop_entity_section(text: str, marker: str) -> str:
    def edit(line: str) -> str:
        last_heading = max(m.start() for m in re.finditer(r" ## (?!\[)", line))
        return line[:last_heading]

    return _edit(text, marker, edit)


def retime(text: str, marker: str, ts: str, new_ts: str) -> str:
    return _edit(text, marker, lambda line: line.replace(f" ## [{ts}]", f" ## [{new_ts}]", 1))


def duplicate_chapter(text: str, marker: str, ts: str) -> str:
    def edit(line: str) -> str:
        start, end = _chapter_span(line, ts)
        return line[:end] + line[start:end] + line[end:]

    return _edit(text, marker, edit)


def swap_chapters(text: str, marker: str, ts_a: str, ts_b: str) -> str:
    def edit(line: str) -> str:
        a_start, a_end = _chapter_span(line, ts_a)
        b_start, b_end = _chapter_span(line, ts_b)
        assert a_end == b_start, "swap needs adjacent chapters"
        return line[:a_start] + line[b_start:b_end] + line[a_start:a_end] + line[b_end:]

    return _edit(text, marker, edit)


def add_chapter(text: str, marker: str, after_ts: str, new_ts: str, heading_and_body: str) -> str:
    def edit(line: str) -> str:
        _start, end = _chapter_span(line, after_ts)
        return line[:end] + f" ## [{new_ts}] {heading_and_body}" + line[end:]

    return _edit(text, marker, edit)


def replace_in_chapter(text: str, marker: str, ts: str, old: str, new: str) -> str:
    """Replace every ``old`` inside one chapter (heading, body and quote) with ``new``."""

    def edit(line: str) -> str:
        start, end = _chapter_span(line, ts)
        return line[:start] + line[start:end].replace(old, new) + line[end:]

    return _edit(text, marker, edit)


def truncate_chapter_body(text: str, marker: str, ts: str, keep: float) -> str:
    """Cut a chapter's heading+body text to ``keep`` of its length, its quote left in place."""

    def edit(line: str) -> str:
        start, end = _chapter_span(line, ts)
        head = start + len(f" ## [{ts}] ")
        quote = line.find(" > *", head, end)
        body_end = quote if quote >= 0 else end
        cut = head + int((body_end - head) * keep)
        return line[:cut] + line[body_end:]

    return _edit(text, marker, edit)


def duplicate_body(text: str, marker: str, ts: str) -> str:
    """Paste a chapter's heading+body text twice (its quote once)."""

    def edit(line: str) -> str:
        start, end = _chapter_span(line, ts)
        head = start + len(f" ## [{ts}] ")
        quote = line.find(" > *", head, end)
        body_end = quote if quote >= 0 else end
        return line[:body_end] + " " + line[head:body_end] + line[body_end:]

    return _edit(text, marker, edit)
