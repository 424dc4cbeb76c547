"""Parse stage: ``RawPage`` → ``Variant``s (flattened, line-broken and JSON pages)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from aligner import langdata
from aligner.model import Chapter, Layout, RawPage, Variant, joined_text
from aligner.parse.cards import CardDraft, ChapterDraft, read_cards
from aligner.parse.items import parse_ts, timestamp_fault
from aligner.parse.lines import logical_lines
from aligner.parse.titles import Hints, make_hints, split_title
from aligner.pickling import by_fields


@by_fields
@dataclass(frozen=True, slots=True)
class PageProblem:
    """A page-level problem found while reading or parsing (becomes an S00x finding)."""

    code: str
    message: str
    evidence: str = ""


@by_fields
@dataclass(frozen=True, slots=True)
class ParsedPage:
    page: RawPage
    variants: tuple[Variant, ...]
    problems: tuple[PageProblem, ...]
    chrome: tuple[str, ...] = ()
    # What stands for each variant in cache keys (``aligner.execution.variant_digest``), worked out
    # where the page is parsed when a cache is in use, and cached with the parse.
    variant_digests: tuple[str, ...] = ()


def parse_page(page: RawPage) -> ParsedPage:
    """Parse one page. Never raises on bad content: problems are returned instead."""
    problems: list[PageProblem] = []
    if page.error:
        problems.append(PageProblem("S001", f"`{page.path}`: {page.error}"))
    if page.text is None:
        return ParsedPage(page, (), tuple(problems))
    if page.direction_damage is not None:  # what reading removed (S006)
        problems.append(PageProblem("S006", *page.direction_damage))
    if page.path.lower().endswith(".json"):
        from aligner.parse.jsonin import parse_json_page

        variants, json_problems = parse_json_page(page)
        problems.extend(json_problems)
        chrome: list[str] = []
    else:
        draft = read_cards(logical_lines(page.text))
        variants = [_variant(page, position, card) for position, card in enumerate(draft.cards)]
        variants = [v for v in variants if v.chapters or v.summary or v.entities]
        chrome = draft.chrome
    problems.extend(_time_faults(variants))
    if not variants and not any(p.code == "S003" for p in problems):
        problems.append(PageProblem("S002", f"`{page.path}` yields no episode", _preview(page.text)))
    return ParsedPage(page, tuple(variants), tuple(problems), tuple(chrome))


def _time_faults(variants: Sequence[Variant]) -> Iterator[PageProblem]:
    """S003 for each timestamp or duration of a page that no clock shows (``[12:75]``): the schema's
    ``timestamp`` rejects it. The variant is still checked, with the time as read (``13:15``) — one
    mistyped digit is no reason to skip a card — but an editor searching the page for the reported
    timestamp would not find it, and a scraper that garbles times is broken. The message leaves the
    page's path to the finding's ``source_path``: the gate's line printed it twice."""
    for variant in variants:
        title = variant.title or f"card {variant.position + 1}"
        if variant.duration_text and (fault := timestamp_fault(variant.duration_text)):
            yield PageProblem(
                "S003",
                f"The duration `{variant.duration_text}` of `{title}` is not a valid time ({fault})",
                variant.duration_text,
            )
        for chapter in variant.chapters:
            if fault := timestamp_fault(chapter.ts_text):
                yield PageProblem(
                    "S003",
                    f"The timestamp `[{chapter.ts_text}]` in `{title}` is not a valid time ({fault}); "
                    f"checked as `[{chapter.label}]`",
                    f"[{chapter.ts_text}] {chapter.title}"[:120],
                )


def _preview(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()[:1000])[:120]  # bounded: pages may be one 50 MB line


def _variant(page: RawPage, position: int, card: CardDraft) -> Variant:
    summary = " ".join(card.summary).strip()
    hints = make_hints(
        (e.name for e in card.entities or ()),
        summary,
        _guess_language(summary or " ".join(c.heading for c in card.chapters)),
    )
    duration = None
    if card.duration_text:
        duration = parse_ts(card.duration_text)
    return Variant(
        source_path=page.path,
        page_locale=page.locale,
        position=position,
        title=(card.title or "").strip(),
        summary=summary,
        chapters=tuple(_chapter(c, hints) for c in card.chapters),
        # a section none of whose lines reads as an entity is no list: one E304 (a note says why)
        entities=tuple(card.entities) if card.entities else None,
        layout=Layout.FLATTENED if card.flat else Layout.LINE_BROKEN,
        entity_heading=card.entity_heading,
        duration=duration,
        duration_text=card.duration_text,
        caption_langs=card.captions,
        channel=card.channel,
        published=card.published,
        call_to_action=card.call_to_action,
        tags=card.tags,
        title_repeated=card.title_repeated,
        parse_notes=tuple(card.notes)
        + (
            (f"entity heading `{card.entity_heading[:40]}` with no entity read",)
            if card.entity_heading and not card.entities
            else ()
        ),
        glued=tuple(card.glued),
    )


def _chapter(draft: ChapterDraft, hints: Hints) -> Chapter:
    body_lines = [line for line in draft.body if line]
    if draft.flat and not body_lines:
        title, body = split_title(draft.heading, hints)
        raw = draft.heading
        split = "heuristic"
    else:
        title, body = draft.heading, "\n".join(body_lines)
        raw = (draft.heading + "\n" + body).strip()
        split = "exact"
    return Chapter(
        ts=draft.ts,
        ts_text=draft.ts_text,
        title=title,
        body=body,
        quotes=tuple(draft.quotes),
        raw=None if raw == joined_text(title, body, split) else raw,
        title_split=split,
    )


_GUESS_WORD = re.compile(r"[^\W\d_]+")


def _guess_language(text: str) -> str:
    """A cheap stop-word vote, only to pick the title-splitting style (not content language)."""
    words = Counter(_GUESS_WORD.findall(text[:3000].casefold()))
    if not words:
        return "und"
    best, best_hits = "und", 0
    for code, vocab in _guess_vocabularies():
        hits = sum(words[w] for w in vocab.intersection(words))
        if hits > best_hits:
            best, best_hits = code, hits
    return best if best_hits >= 3 else "und"


@functools.cache
def _guess_vocabularies() -> tuple[tuple[str, frozenset[str]], ...]:
    """(code, small words and sentence starters) of every language table, by code."""
    return tuple(
        (code, frozenset(table.small_words | table.sentence_starters))
        for code, table in sorted(langdata.TABLES.items())
    )
