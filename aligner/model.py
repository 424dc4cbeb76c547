"""Typed objects passed between pipeline stages: read → parse → pair → align → check → score → report.

Everything here is a frozen dataclass: stages build new objects (``dataclasses.replace``)
instead of mutating the ones they were given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from aligner.fingerprint import FingerprintInputs, earlier_fingerprints, fingerprint
from aligner.pickling import by_fields
from aligner.scripts import ARABIC_PRESENTATION_FORMS


class Severity(StrEnum):
    """Finding severity; ``rank`` orders them (error is the most severe)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Layout(StrEnum):
    """How a variant was laid out in its source file."""

    FLATTENED = "flattened"  # a whole episode body on one line, separators reduced to spaces
    LINE_BROKEN = "line-broken"  # markdown with line breaks kept
    JSON = "json"


def format_ts(seconds: int) -> str:
    """``75`` → ``01:15``; ``3626`` → ``01:00:26`` (the site's own formats)."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


@by_fields
@dataclass(frozen=True, slots=True)
class RawPage:
    """One input file, decoded. ``text`` is None when it could not be read (see ``error``), and
    once the page is parsed (the run keeps the parse, not the text)."""

    path: str  # as given / relative to the input root, with forward slashes
    text: str | None
    locale: str  # page locale: --locale, path component, UI strings, else "und"
    locale_source: str  # "option", "path", "ui-strings", "und"
    error: str | None = None  # why the file could not be read
    encoding: str = "utf-8"
    # S006's (message, evidence) for the bidirectional embeddings and overrides that reading removed
    # from the text (``aligner.textdamage.direction_damage``); None when there were none.
    direction_damage: tuple[str, str] | None = None


@by_fields
@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    mark: str  # the opening quotation mark: " “ 「 『 « „
    note: str = ""  # text that trails the quote on the same line, e.g. an editor's remark


@by_fields
@dataclass(frozen=True, slots=True)
class Chapter:
    ts: int  # seconds
    ts_text: str  # as written, without brackets: "01:00:26"
    title: str
    body: str
    quotes: tuple[Quote, ...] = ()
    # The chapter's text as found (heading rest + body) when it is not ``title`` and ``body``
    # joined back (``found``); None when it is, which is nearly always: not kept twice.
    raw: str | None = None
    title_split: str = "exact"  # "exact" (line-broken/JSON) or "heuristic" (flattened)
    lang: str = "und"  # content language of the body

    @property
    def label(self) -> str:
        return format_ts(self.ts)

    @property
    def found(self) -> str:
        """The chapter's text as found on the page: heading rest and body."""
        return self.raw if self.raw is not None else joined_text(self.title, self.body, self.title_split)


def joined_text(title: str, body: str, title_split: str) -> str:
    """A chapter's text as found, from its title and body: a heading line and body lines
    (``exact``), or one flattened line the title was cut from (``heuristic``)."""
    return (title + "\n" + body).strip() if title_split == "exact" else title + " " + body


@by_fields
@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str  # as written on the page, e.g. "Persona"
    description: str
    position: int  # 0-based position in the list


@by_fields
@dataclass(frozen=True, slots=True)
class Variant:
    """One language variant of one episode, as found on one page."""

    source_path: str
    page_locale: str
    position: int  # 0-based card position on the page
    title: str
    summary: str
    chapters: tuple[Chapter, ...]
    entities: tuple[Entity, ...] | None  # None: the variant has no entity section at all
    layout: Layout
    episode_id: str | None = None  # explicit id (JSON input) — pairing prefers it
    entity_heading: str | None = None
    duration: int | None = None  # seconds
    duration_text: str | None = None
    caption_langs: tuple[str, ...] = ()
    channel: str | None = None
    published: str | None = None  # relative date text as shown, e.g. "hace 3 días"
    call_to_action: str | None = None
    tags: tuple[str, ...] = ()
    title_repeated: bool = False  # the card repeats its title above the body (es layout)
    lang: str = "und"  # detected content language
    lang_confidence: float = 0.0
    parse_notes: tuple[str, ...] = ()
    # Field boundaries the scrape lost (no separator between two fields), e.g. "channel+published";
    # "tags+title:#ai-safety" when the title ran into the previous card's tags (that last tag)
    glued: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Unique within a run: page path and card position."""
        return f"{self.source_path}#{self.position}"

    @property
    def quote_count(self) -> int:
        return sum(len(c.quotes) for c in self.chapters)

    @property
    def entity_count(self) -> int:
        return len(self.entities or ())

    def word_count(self) -> int:
        """Rough size of the text in words (CJK characters count as half a word each)."""
        text = " ".join([self.summary, *(c.title + " " + c.body for c in self.chapters)])
        return word_count(text)


# ``[^\W_]`` is exactly ``str.isalnum``: alphanumerics below U+2E80 (Latin, Cyrillic…) and from it (CJK).
# A whitespace-separated token (regex ``\s`` is ``str.split``'s whitespace) with one of the former
# holds exactly one match of its first such character and the rest of the token; a CJK character
# is counted in runs, so no string is built per character.
_ALNUM_BELOW_CJK_TO_TOKEN_END = re.compile("[^\\W_\u2e80-\U0010ffff]\\S*")
_ALNUM_CJK_RUN = re.compile("[^\\W_\x00-\u2e7f]+")
# Without a character from U+2E80 on (most Latin texts: a plain range class finds that out 7 times
# faster than the CJK run scan), a token counts unless it has no alphanumeric at all: all the
# tokens (``str.split``, C) but those — a space, then punctuation or ``_`` up to the next space.
_FROM_CJK = re.compile("[\u2e80-\U0010ffff]")
_TOKEN_WITHOUT_ALNUM = re.compile(r"\s(?:[^\w\s]|_)++(?=\s)")


# Scripts written without spaces between words whose letters are no words of their own (unlike
# Han): Thai, Lao, Myanmar, Khmer. A run of them counts a word per ``UNSPACED_CHARS`` characters
# (marks included): a Thai translation then counts about as many words as the English it renders
# (5.8 characters per English word on the Hassabis page), where each run between spaces was one
# word (a third of the English) and its quality score was diluted threefold.
_UNSPACED_CHARS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_UNSPACED = re.compile(f"[{_UNSPACED_CHARS}]+")
UNSPACED_CHARS = 5
# Arabic presentation forms (old PDFs and scrapers; ``aligner.read`` folds those of pages) sit
# above U+2E80 but are Arabic letters, spaced.
_PRESENTATION_CHARS = ARABIC_PRESENTATION_FORMS
_PRESENTATION_FORMS = re.compile(f"[{_PRESENTATION_CHARS}]")
_EITHER = re.compile(f"[{_UNSPACED_CHARS}{_PRESENTATION_CHARS}]")  # one scan for nearly every text


def word_count(text: str) -> int:
    if text.isascii() or _EITHER.search(text) is None:  # nearly every text
        return _word_count(text)
    if _PRESENTATION_FORMS.search(text):  # those characters alone: NFKC would fold full-width text too
        text = _PRESENTATION_FORMS.sub(lambda match: unicodedata.normalize("NFKC", match[0]), text)
    runs = _UNSPACED.findall(text)
    return _word_count(_UNSPACED.sub(" ", text)) + round(sum(map(len, runs)) / UNSPACED_CHARS)


def _word_count(text: str) -> int:
    if _FROM_CJK.search(text) is None:
        return len(text.split()) - len(_TOKEN_WITHOUT_ALNUM.findall(f" {text} "))
    latin = len(_ALNUM_BELOW_CJK_TO_TOKEN_END.findall(text))
    cjk = sum(map(len, _ALNUM_CJK_RUN.findall(text)))
    return latin + (cjk + 1) // 2


@by_fields
@dataclass(frozen=True, slots=True)
class Episode:
    """Variants of one episode across pages; ``reference`` is compared with every other variant."""

    episode_id: str
    variants: tuple[Variant, ...]
    reference: Variant
    ref_lang: str
    pairing: str  # how the variants were grouped: "id", "title", "signature", "single"

    @property
    def title(self) -> str:
        return self.reference.title

    @property
    def others(self) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.key != self.reference.key)


@by_fields
@dataclass(frozen=True, slots=True)
class ChapterPair:
    """A reference chapter and its counterpart in a variant (either side may be missing)."""

    ref: Chapter | None
    var: Chapter | None
    status: str  # "matched", "drift", "missing", "extra"
    offset: int = 0  # the variant-wide constant offset (seconds) this pair was matched under

    @property
    def delta(self) -> int | None:
        if self.ref is None or self.var is None:
            return None
        return self.var.ts - self.ref.ts

    @property
    def sort_ts(self) -> int:
        chapter = self.ref if self.ref is not None else self.var
        assert chapter is not None
        return chapter.ts


@by_fields
@dataclass(frozen=True, slots=True)
class EntityPair:
    ref: Entity | None
    var: Entity | None
    method: str  # "name", "glossary", "transliteration", "fuzzy", "structure", "" (unmatched)
    ref_type: str = ""  # canonical types after localizing labels
    var_type: str = ""


@by_fields
@dataclass(frozen=True, slots=True)
class Alignment:
    """The alignment of one non-reference variant with its episode's reference."""

    variant: Variant
    chapters: tuple[ChapterPair, ...]
    entities: tuple[EntityPair, ...]
    offset: int = 0  # constant timestamp offset detected for the whole variant (seconds)


@by_fields
@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem found. Field order is the stable sort order of reports."""

    episode_id: str
    page_locale: str
    source_path: str
    chapter_sort: int  # reference chapter seconds (-1: variant-level) — sort key only
    code: str
    message: str
    episode_title: str = field(compare=False)
    lang: str = field(compare=False)
    ref_lang: str = field(compare=False)
    chapter_ts: str = field(compare=False)
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    evidence: str = field(default="", compare=False)
    mqm: str = field(default="", compare=False)
    variant_key: str = field(default="", compare=False)  # which variant it concerns ("" for pages)
    waived: str = field(default="", compare=False)  # the waiver's reason when a waiver accepts it

    @property
    def fingerprint(self) -> str:
        """Stable short hash of code, episode, locale, chapter and evidence — not the evidence of
        L401, a sample of the untranslated text (see aligner.fingerprint)."""
        return fingerprint(*self.fingerprint_inputs)

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """Its fingerprint, and those it had under earlier schemes (for a regional page, ``es-mx``,
        the one with the whole tag hashed; for L401, the one with its evidence hashed): waivers and
        baselines written then still match."""
        return self.fingerprint, *earlier_fingerprints(*self.fingerprint_inputs)

    @property
    def fingerprint_inputs(self) -> FingerprintInputs:
        return self.code, self.episode_id, self.page_locale, self.chapter_ts, self.evidence, self.message

    def to_record(self) -> dict[str, Any]:
        """The contract columns of ``findings.csv``, in order (see DESIGN.md)."""
        return {
            "episode_id": self.episode_id,
            "episode_title": self.episode_title,
            "page_locale": self.page_locale,
            "lang": self.lang,
            "ref_lang": self.ref_lang,
            "chapter_ts": self.chapter_ts,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "evidence": self.evidence,
            "source_path": self.source_path,
            "mqm_category": self.mqm,
            "fingerprint": self.fingerprint,
            "waived": self.waived,
        }


FINDING_COLUMNS: tuple[str, ...] = (
    "episode_id",
    "episode_title",
    "page_locale",
    "lang",
    "ref_lang",
    "chapter_ts",
    "code",
    "name",
    "severity",
    "message",
    "evidence",
    "source_path",
    "mqm_category",
    "fingerprint",
    "waived",
)
