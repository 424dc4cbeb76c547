"""S004/S005/S008 — scrape health: missing metadata, glued fields, text cut off mid-sentence.

These look at what the scraper delivered, on every variant (the reference too). S004 compares a
card with the other cards of its own page: a page layout that never shows a field (the Japanese
listing has no duration, tags or caption languages on any card) is not a regression. S005 looks
for two fields run together at a boundary the parser knows (channel and date, title and
duration, call to action and its neighbours, the repeated title and the summary, tags and the
next title) or a structure marker (`## [ts]`, `> *"`, `- **Name**`) swallowed by the text before
it. S008 reads how each text ends; see :func:`ending` and the check's docs for the rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from aligner import langdata
from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.checks.damage import reference_chapters
from aligner.model import Chapter, Finding, Severity, Variant
from aligner.parse import ParsedPage
from aligner.parse.items import CLOSING_MARKS

# -- S004 ------------------------------------------------------------------------------------------

METADATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("duration", "duration"),
    ("caption languages", "caption_langs"),
    ("tags", "tags"),
)


def has_field(variant: Variant, attribute: str) -> bool:
    value = getattr(variant, attribute)
    return bool(value.strip() if isinstance(value, str) else value)


@register
class MissingMetadata(Check):
    code = "S004"
    name = "missing-metadata"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    thresholds: ClassVar[dict[str, float]] = {"min_share": 0.5}  # of the page's other cards carrying it
    reads_pages = True
    docs = Docs(
        what="Reports a card that lacks a field — title, duration, caption languages or tags — which "
        "more than half (`min_share`) of the other cards on the same page carry. A page whose layout "
        "never shows the field (the Japanese listing: no duration, tags or captions on any card) is fine.",
        why="When one card of a page loses a field its neighbours have, the scraper or the site's "
        "template dropped it for that card: the page is only partly scraped.",
        example="Spanish page: two cards show `56:10` and `#llm-critique#jepa`, the third has neither.",
        instead="Re-scrape the card, or fix the selector that missed the field (see also R608 for diffs).",
    )

    def __init__(self) -> None:
        # Per page (by id, the page kept to check identity): its card keys and field carriers.
        self._pages_seen: dict[int, tuple[ParsedPage, frozenset[str], dict[str, int]]] = {}

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            page = ctx.pages.get(variant.source_path)
            if page is None:
                continue
            keys, carriers = self._page_fields(page)
            mates = len(keys) - (variant.key in keys)  # ``ctx.page_mates(variant)``, counted
            if not mates:
                continue
            min_share = ctx.settings.threshold(self.code, "min_share", 0.5, variant.page_locale)
            for label, attribute in METADATA_FIELDS:
                if has_field(variant, attribute):
                    continue
                carrying = carriers[attribute]  # the variant lacks it: every card that has it is a mate
                if carrying / mates > min_share:
                    yield self.finding(
                        ctx,
                        variant,
                        f"No {label} on this card ({carrying} of {mates} other cards on the page have one)",
                        label,
                    )

    def _page_fields(self, page: ParsedPage) -> tuple[frozenset[str], dict[str, int]]:
        """The card keys of ``page`` and how many of its cards carry each field, worked out once per
        page (the episodes of a page's cards ask about it once each): kept on this check object,
        which lives for one run."""
        seen = self._pages_seen
        known = seen.get(id(page))
        if known is None or known[0] is not page:
            carriers = {
                a: sum(1 for card in page.variants if has_field(card, a)) for _l, a in METADATA_FIELDS
            }
            known = seen[id(page)] = (page, frozenset(card.key for card in page.variants), carriers)
        return known[1], known[2]


# -- S005 ------------------------------------------------------------------------------------------

FIELD_LABELS = {
    "channel": "channel",
    "published": "date",
    "title": "title",
    "duration": "duration",
    "call_to_action": "call to action",
    "captions": "caption languages",
    "summary": "summary",
    "tags": "tags",
    "chapter": "next chapter heading",
    "quote": "quote",
    "entity": "next entity",
    "body": "chapter body",
    "description": "entity description",
}
_DIGITS = re.compile(r"\d+")
_CAPTIONS_AT_START = re.compile(r"^[A-Z]{2,3}(?:/[A-Z]{2,3})+(?=[A-Z][a-z])")
_TAGS_AT_START = re.compile(r"^(?:#[^\s#]+)+")
# (second field, a string every match contains — a cheap pre-test —, the marker glued to text)
_MARKERS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("chapter", "#", re.compile(r"\S#{2,3}[ \t]*[\[［【][ \t]*\d")),
    ("quote", ">", re.compile(r"[^\s>]>[ \t]*\*[ \t]*[\"“「『«„]")),
    ("entity", "**", re.compile(r"\S[-•][ \t]*\*\*[^*\n]{1,80}\*\*[ \t]*[(（]")),
)
_GLUED_HEADING = re.compile(r"#{2,3}[ \t]*[\[［【][ \t]*\d")  # a quote's note that opens with a heading


@dataclass(frozen=True, slots=True)
class Junction:
    """Two fields run together: ``left`` ends the first, ``right`` starts the second."""

    first: str
    second: str
    left: str
    right: str
    chapter: Chapter | None = None

    @property
    def evidence(self) -> str:
        # Digits are masked so that "hace 3 días" → "hace 4 días" keeps the fingerprint.
        return f"{self.left}|{_DIGITS.sub('N', self.right)}" if self.second == "published" else self.seam

    @property
    def seam(self) -> str:
        return f"{self.left}|{self.right}"


def _tail(text: str, limit: int = 24) -> str:
    word = text.rstrip().split(" ")[-1] if text.strip() else ""
    return word[-limit:]


def _head(text: str, limit: int = 24) -> str:
    word = text.lstrip().split(" ")[0] if text.strip() else ""
    return word[:limit]


def _glued_pair(text: str, known: str, at_start: bool) -> bool:
    """``known`` opens (or closes) ``text`` with a word character directly after (before) it."""
    if not known or len(text) <= len(known):
        return False
    if at_start:
        return text.startswith(known) and text[len(known)].isalnum() and known[-1] not in " \t"
    return text.endswith(known) and text[-len(known) - 1].isalnum() and known[0] not in " \t"


@functools.cache
def _calls_to_action() -> tuple[str, ...]:
    """Every language table's calls to action (the tables are fixed for the process)."""
    return tuple(cta for t in langdata.TABLES.values() for cta in t.call_to_action)


def header_junctions(variant: Variant) -> Iterator[Junction]:
    """Glued header fields: what the parser recorded, and known strings run into neighbours."""
    for glued in variant.glued:
        first, _, second = glued.partition("+")
        if glued == "channel+published" and variant.channel and variant.published:
            yield Junction(first, second, _tail(variant.channel), _head(variant.published))
        elif glued == "title+duration" and variant.title:
            yield Junction(first, second, _tail(variant.title), variant.duration_text or "")
        elif glued.startswith("tags+title:"):  # the parser split them: the tag is kept with the seam
            yield Junction("tags", "title", glued.partition(":")[2], _head(variant.title))
    ctas = _calls_to_action()
    for attribute, text in (("channel", variant.channel), ("call_to_action", variant.call_to_action)):
        if not text or not text.startswith(ctas):  # one C call for the usual answer
            continue
        for cta in ctas:
            if _glued_pair(text, cta, at_start=True):
                yield Junction("call_to_action", attribute, _tail(cta), _head(text[len(cta) :]))
    glued_caps = _CAPTIONS_AT_START.match(variant.call_to_action or "")
    if glued_caps:  # "EN/ZHWatch with Captions"
        rest = (variant.call_to_action or "")[glued_caps.end() :]
        yield Junction("captions", "call_to_action", glued_caps.group(0), _head(rest))
    title, summary = variant.title.strip(), variant.summary
    if len(title) >= 8 and summary.startswith(title) and len(summary) > len(title):
        nxt = summary[len(title)]
        if nxt.isalnum() and not (title[-1].islower() and nxt.islower()):
            yield Junction("title", "summary", _tail(title), _head(summary[len(title) :]))
    tags = _TAGS_AT_START.match(title)
    if tags and title[tags.end() :].strip():  # "#ai-safetyGemini Co-Lead…": the next title ran into tags
        last = tags.group(0).split("#")[-1]
        split = re.search(r"[a-z0-9][A-Z]", last)
        left, right = (last[: split.start() + 1], last[split.start() + 1 :]) if split else (last, "")
        yield Junction("tags", "title", "#" + left, right or _head(title[tags.end() :]))


def text_junctions(variant: Variant, chapter_of: dict[int, Chapter]) -> Iterator[Junction]:
    """Structure markers swallowed by the text before them (no space before `##`, `>`, `- **`)."""
    fields: list[tuple[str, str, Chapter | None]] = [("summary", variant.summary, None)]
    fields += [("body", c.found or c.body, chapter_of.get(id(c), c)) for c in variant.chapters]
    fields += [("description", e.description, None) for e in variant.entities or ()]
    for first, text, chapter in fields:
        for second, needle, pattern in _MARKERS:
            match = pattern.search(text) if needle in text else None
            if match:
                start = match.start() + 1
                yield Junction(first, second, _tail(text[:start]), text[start : start + 12].strip(), chapter)
    # A heading glued to the quote before it (`…Google."*## [19:43]`) trails the quote on its line:
    # the parser keeps it as the quote's note, and its chapter is missing (C101).
    for c in variant.chapters:
        for item in c.quotes:
            if item.note.startswith("#") and _GLUED_HEADING.match(item.note):
                closing = CLOSING_MARKS.get(item.mark, "")
                yield Junction(
                    "quote",
                    "chapter",
                    _tail(item.text) + closing,
                    item.note[:12].strip(),
                    chapter_of.get(id(c), c),
                )


@register
class GluedText(Check):
    code = "S005"
    name = "glued-text"
    severity = Severity.WARNING
    mqm = "Fluency/Spelling"
    docs = Docs(
        what="Reports two fields run together without a separator: the channel and the relative date "
        "(`Jacob Effronhace 3 días`), a title and its duration (`Biographer56:10`), the call to action "
        "and its neighbours, the repeated title and the summary, tags and the next title, or a "
        '`## [ts]`, `> *"` or `- **Name**` marker with no space before it, swallowed by the text.',
        why="The scraper lost the boundary between two elements: readers see words glued together, "
        "and fields parsed from the page may be wrong (a missing chapter or entity, a wrong channel).",
        example="`Unsupervised Learning: With Jacob Effronhace 3 días` on every card of the Spanish page.",
        instead="Keep a separator between the elements when scraping (the line-broken pages write "
        "`Jacob Effron · 3 days ago`), then re-scrape.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            chapter_of = reference_chapters(ctx, variant)
            seen: set[tuple[str, str, str]] = set()
            for junction in [*header_junctions(variant), *text_junctions(variant, chapter_of)]:
                key = (junction.first, junction.second, junction.evidence)
                if key in seen:
                    continue
                seen.add(key)
                part = "quote" if junction.first == "quote" else "body"
                where = f"chapter `[{junction.chapter.label}]` {part}" if junction.chapter else ""
                first = where or FIELD_LABELS[junction.first]
                yield self.finding(
                    ctx,
                    variant,
                    f"{first[:1].upper() + first[1:]} and {FIELD_LABELS[junction.second]} run together: "
                    f"`{junction.seam}`",
                    junction.evidence,
                    junction.chapter,
                )


# -- S008 ------------------------------------------------------------------------------------------

# Closing quotes and brackets end a sentence too; so do the Arabic question mark and full stop
# (؟ ۔), the Devanagari danda (। ॥), the Armenian and Ethiopic full stops (։ ።).
TERMINAL = frozenset(".!?。！？…‥」』\"”’'»)）]】〕\u061f\u06d4\u0964\u0965\u0589\u1362")
TRAILING_MARKUP = "*_` \t\n\u3000"
CONNECTORS = frozenset(",;:、，；：-–—/(（「『“‘«[【&+\u060c\u061b")  # Arabic comma and semicolon too
# Function words of the language tables that may still close a sentence ("gave up", "y más").
CAN_END_A_SENTENCE = frozenset({"vs", "vs.", "up", "off", "so", "yet", "no", "más", "se"})


def ending(text: str) -> str:
    """``"terminal"`` (ends a sentence), ``"dangling"`` (ends on a connector), else ``"open"``."""
    stripped = text.rstrip(TRAILING_MARKUP)
    if not stripped:
        return "terminal"
    last = stripped[-1]
    if last in TERMINAL:
        return "terminal"
    if last in CONNECTORS:
        return "dangling"
    return "open"


def dangling_word(text: str, lang: str) -> str | None:
    """The function word a text stops on (``de``, ``the``, ``の``), or None."""
    table = langdata.table(lang)
    if table is None or table.script in ("Han", "Japanese", "Thai"):
        return None  # no spaces between words: a final の or 的 may end a noun (もの, こと), not a clause
    words = text.rstrip(TRAILING_MARKUP).split()
    last = words[-1].casefold() if words else ""
    return last if last in table.small_words and last not in CAN_END_A_SENTENCE else None


@dataclass(frozen=True, slots=True)
class TextUnit:
    group: str  # units of one group share a style: "prose" (summary, chapter bodies), "description"
    label: str  # for messages
    text: str
    chapter: Chapter | None = None


def text_units(variant: Variant, chapter_of: dict[int, Chapter]) -> list[TextUnit]:
    units = [TextUnit("prose", "summary", variant.summary)] if variant.summary.strip() else []
    for chapter in variant.chapters:
        if chapter.body.strip():
            ref = chapter_of.get(id(chapter), chapter)
            units.append(TextUnit("prose", f"chapter `[{ref.label}]` body", chapter.body, ref))
    for entity in variant.entities or ():
        if entity.description.strip():
            name = " ".join(entity.name.split()).replace("`", "'")[:40]
            units.append(TextUnit("description", f"entity `{name}` description", entity.description))
    return units


def all_terminal(variant: Variant) -> bool:
    """Whether every text ``text_units`` could list for ``variant`` ends a sentence (checked
    without building the units; a whitespace-only text may count as not ending one)."""
    return (
        ending(variant.summary) == "terminal"
        and all(ending(chapter.body) == "terminal" for chapter in variant.chapters)
        and all(ending(entity.description) == "terminal" for entity in variant.entities or ())
    )


@register
class TruncatedText(Check):
    code = "S008"
    name = "truncated-text"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    thresholds: ClassVar[dict[str, float]] = {"min_share": 0.5}  # of siblings ending a sentence
    docs = Docs(
        what="Reports a summary, chapter body or entity description that stops mid-sentence: it ends on "
        "a connector (`,` `:` `—` `、` `(`) or, in spaced scripts, a function word (`de`, `the`), or it lacks final "
        'punctuation (`. ! ? 。 ！ ？ … 」 "` or a closing bracket) while more than half (`min_share`) of '
        "its siblings in the variant (summary and chapter bodies; entity descriptions) have it. When "
        "every description of a variant goes without a final period, that is the variant's style.",
        why="Text cut off by the scraper, a length limit or a failed export reads as broken and "
        "hides the rest of the sentence from readers.",
        example="`- **Geoffrey Hinton** (Persona): Coganador del Premio Turing; cambió su posición sobre` "
        "while the other descriptions end with a period.",
        instead="Re-scrape or re-export the full text; raise the length limit that cut it.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            if all_terminal(variant):
                continue  # every unit ends a sentence: ``_reason`` is None for each
            units = text_units(variant, reference_chapters(ctx, variant))
            min_share = ctx.settings.threshold(self.code, "min_share", 0.5, variant.page_locale)
            # per group: (units, how many end a sentence), counted once, not once per unit (a list
            # of 8,000 entity descriptions took 32 million `ending` calls)
            groups: dict[str, tuple[int, int]] = {}
            for unit in units:
                count, terminal = groups.get(unit.group, (0, 0))
                groups[unit.group] = (count + 1, terminal + (ending(unit.text) == "terminal"))
            for unit in units:
                reason = self._reason(unit, groups[unit.group], variant.lang, min_share)
                if reason:
                    tail = unit.text.rstrip()[-60:]
                    yield self.finding(
                        ctx,
                        variant,
                        f"{unit.label[:1].upper() + unit.label[1:]} stops mid-sentence ({reason})",
                        "…" + tail if len(unit.text.rstrip()) > 60 else tail,
                        unit.chapter,
                    )

    @staticmethod
    def _reason(unit: TextUnit, group: tuple[int, int], lang: str, min_share: float) -> str | None:
        """Why ``unit`` stops mid-sentence, or None; ``group``: how many units its group has and
        how many of them end a sentence (``unit`` itself does not, when this is asked)."""
        end = ending(unit.text)
        if end == "terminal":
            return None
        if end == "dangling":
            return f"ends on `{unit.text.rstrip(TRAILING_MARKUP)[-1]}`"
        word = dangling_word(unit.text, lang)
        if word:
            return f"ends on `{word}`"
        count, punctuated = group
        siblings = count - 1  # the unit itself is no sibling, and no terminal one
        if not siblings:
            return None
        if punctuated / siblings > min_share:
            return f"no final punctuation; {punctuated} of {siblings} siblings have it"
        return None
