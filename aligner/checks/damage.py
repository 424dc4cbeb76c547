"""S006/S007 — damaged text: broken encoding and markup leftovers, in every text field of every variant.

S006 also reports, per page, the bidirectional embeddings and overrides reading removed, which have
no place in prose (``aligner.textdamage.direction_damage``, a ``PageProblem`` of the parse, reported
by ``Check.run_page``).

Both run on the reference too (a scraper bug damages the source as easily as a translation).
A finding names the field and, for chapter fields, the chapter: the reference chapter's
timestamp for an aligned variant's chapter, the variant's own for the reference or an extra
chapter. One finding per damaged field; the evidence is a short excerpt around the first hit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from aligner import langdata
from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.glossary import fold
from aligner.locales import language_of
from aligner.memo import identity_cache
from aligner.model import Chapter, Finding, Severity, Variant
from aligner.textdamage import (
    FIELD_SEPARATOR,
    Hit,
    encoding_damage,
    markup_leftovers,
    may_have_encoding_damage,
    may_have_markup,
)


@dataclass(frozen=True, slots=True)
class Field:
    """One text field of a variant: a label for messages, its text, the chapter it belongs to."""

    label: str
    text: str
    chapter: Chapter | None = None


def text_fields(variant: Variant) -> Iterator[Field]:
    """Every text field of a variant: title, summary, chapters (title, body, quotes), entities."""
    yield Field("title", variant.title)
    yield Field("summary", variant.summary)
    for chapter in variant.chapters:
        yield Field("chapter title", chapter.title, chapter)
        yield Field("chapter body", chapter.body, chapter)
        for number, item in enumerate(chapter.quotes, start=1):
            suffix = f" {number}" if len(chapter.quotes) > 1 else ""
            yield Field(f"quote{suffix}", item.text, chapter)
            if item.note:
                yield Field(f"quote{suffix} note", item.note, chapter)
    for entity in variant.entities or ():
        name = _short(entity.name)
        yield Field(f"entity `{name}` name", entity.name)
        yield Field(f"entity `{name}` type", entity.type)
        yield Field(f"entity `{name}` description", entity.description)


def field_texts(variant: Variant) -> list[str]:
    """The texts of ``text_fields(variant)``, in order, without building the fields (a cheap
    screen: most variants have no damage at all)."""
    texts = [variant.title, variant.summary]
    for chapter in variant.chapters:
        texts += (chapter.title, chapter.body)
        for item in chapter.quotes:
            texts += (item.text, item.note) if item.note else (item.text,)
    for entity in variant.entities or ():
        texts += (entity.name, entity.type, entity.description)
    return texts


@dataclass(frozen=True, slots=True)
class Screen:
    """A variant's field texts, and the same joined by ``FIELD_SEPARATOR`` for one-pass scans."""

    texts: tuple[str, ...]
    joined: str


@identity_cache(maxsize=64)
def screen(variant: Variant) -> Screen:
    """The texts S006 and S007 screen a variant by; built once for both checks."""
    texts = tuple(field_texts(variant))
    return Screen(texts, FIELD_SEPARATOR.join(texts))


@identity_cache(maxsize=64)
def filled_fields(variant: Variant) -> tuple[Field, ...]:
    """The text fields of a variant that have text; listed once for S006 and S007."""
    return tuple(field for field in text_fields(variant) if field.text)


def _short(name: str, limit: int = 40) -> str:
    name = " ".join(name.split()).replace("`", "'")
    return name if len(name) <= limit else name[: limit - 1] + "…"


def reference_chapters(ctx: EpisodeContext, variant: Variant) -> dict[int, Chapter]:
    """Variant chapter (by identity) → the chapter its findings are filed under."""
    alignment = ctx.alignments.get(variant.key)
    mapping: dict[int, Chapter] = {id(c): c for c in variant.chapters}
    if alignment is not None and variant.key != ctx.episode.reference.key:
        for pair in alignment.chapters:
            if pair.var is not None and pair.ref is not None:
                mapping[id(pair.var)] = pair.ref
    return mapping


class _DamageCheck(Check):
    """Scan every field of every variant with one detector; one finding per damaged field."""

    problem: str  # "Encoding damage", "Markup leftover"

    def detect(self, text: str) -> list[Hit]:
        raise NotImplementedError

    def may_detect(self, texts: Screen) -> bool:
        """False only when ``detect`` finds nothing in any of the screened texts."""
        return True

    def evidence(self, text: str, hit: Hit) -> str:
        return hit.excerpt(text)

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            if not self.may_detect(screen(variant)):
                continue
            chapters: dict[int, Chapter] | None = None  # built for the first damaged field only
            for field in filled_fields(variant):
                hits = self.detect(field.text)
                if hits:
                    if chapters is None:
                        chapters = reference_chapters(ctx, variant)
                    yield self._finding(ctx, variant, field, hits, chapters.get)

    def _finding(
        self,
        ctx: EpisodeContext,
        variant: Variant,
        field: Field,
        hits: list[Hit],
        chapter_of: Callable[[int], Chapter | None],
    ) -> Finding:
        kinds = ", ".join(dict.fromkeys(hit.kind for hit in hits))
        where = field.label
        chapter = None
        if field.chapter is not None:
            chapter = chapter_of(id(field.chapter)) or field.chapter
            where = f"chapter `[{chapter.label}]` {field.label.removeprefix('chapter ')}"
        count = f" ({len(hits)}×)" if len(hits) > 1 else ""
        return self.finding(
            ctx,
            variant,
            f"{self.problem} in {where} of `{variant.lang}`: {kinds}{count}",
            self.evidence(field.text, hits[0]),
            chapter,
        )


@register
class EncodingDamage(_DamageCheck):
    code = "S006"
    name = "encoding-damage"
    severity = Severity.ERROR
    mqm = "Fluency/Character encoding"
    problem = "Encoding damage"
    docs = Docs(
        what="Reports mojibake (UTF-8 read as cp1252/latin-1: `Ã©`, `ã‚¤`, `â€™`, detected with ftfy's "
        "badness heuristic), the replacement character U+FFFD and stray control characters in any text "
        "field: title, summary, chapter titles and bodies, quotes, entity names, types and descriptions; and a "
        "summary or chapter body (150+ letters) of a language that accents nearly every sentence (Vietnamese, "
        "Turkish, Polish: `accented_letters` of its table) with under a tenth of its usual accented letters. "
        "Per page: the bidirectional embeddings and overrides (U+202A–U+202E) that reading removes (on a page "
        "with right-to-left letters, only a right-to-left override: its embeddings set Latin names); the checks "
        "and reports read the text without them (marks and isolates, which right-to-left pages and their "
        "editors use properly, are removed without a finding).",
        why="Readers see garbage instead of words; the text was decoded with the wrong encoding somewhere "
        "between the editor and the page, and usually more than one field is affected. A bidirectional "
        "override shows the text it wraps reversed to the site's readers (`\\u202eevil` reads `live`).",
        example="`## [02:04] Â¿Era inevitable la carrera?` or `ãƒ¯ãƒ¼ãƒ«ãƒ‰ãƒ¢ãƒ‡ãƒ«` for `ワールドモデル`; "
        "`Encoding damage on line 12 of the page: right-to-left override U+202E, pop directional formatting "
        "U+202C (2×); removed before checking`.",
        instead="Fix the decoding step (read and write UTF-8) and republish; the evidence shows ftfy's repair. "
        "Remove the bidirectional controls at the source (the evidence shows each as `\\u202e`).",
    )

    def detect(self, text: str) -> list[Hit]:
        return encoding_damage(text)

    def may_detect(self, texts: Screen) -> bool:
        return may_have_encoding_damage(texts.texts, texts.joined)

    def evidence(self, text: str, hit: Hit) -> str:
        return hit.excerpt(text, fix=hit.kind == "mojibake")

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        yield from super().run(ctx)
        yield from self._accents_stripped(ctx)

    def _accents_stripped(self, ctx: EpisodeContext) -> Iterator[Finding]:
        """The summary or a chapter body of a language that accents nearly every sentence
        (``LanguageTable.accented_letters``: Vietnamese, Turkish, Polish) with almost no accent
        left: a scraper or an editor folded it to ASCII (`Sebastian Mallaby da danh ba nam`).
        Text in the reference language (an untranslated segment, L401/L403) is not judged."""
        ref_lang = language_of(ctx.episode.ref_lang)
        for variant in ctx.variants:
            table = langdata.table(variant.page_locale)
            if table is None or not table.accented_letters or language_of(variant.lang) == ref_lang:
                continue
            chapters: dict[int, Chapter] | None = None
            fields = [Field("summary", variant.summary)] + [
                Field("chapter body", c.body, c) for c in variant.chapters if language_of(c.lang) != ref_lang
            ]
            for field in fields:
                counts = stripped_accents(field.text, table.accented_letters)
                if counts is None or not speaks_folded(field.text, table):
                    continue  # no accent, but not the page's language either: L402's, not damage
                if chapters is None:
                    chapters = reference_chapters(ctx, variant)
                accented, letters = counts
                hit = Hit("accents stripped", 0, min(len(field.text), 60))
                finding = self._finding(ctx, variant, field, [hit], chapters.get)
                yield replace(
                    finding,
                    message=f"{finding.message} ({accented} of {letters:,} letters accented, where "
                    f"`{table.code}` text has about {table.accented_letters:.0%})",
                )


ACCENT_MIN_LETTERS = 150  # shorter texts are not judged
ACCENT_LOSS = 0.1  # under this share of the language's usual accented letters, the accents are gone
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_ACCENTED_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


FOLDED_FUNCTION_WORDS = 0.05  # share of a text's words that are its language's, folded to ASCII


def speaks_folded(text: str, table: langdata.LanguageTable) -> bool:
    """Whether ``text`` is in ``table``'s language once both are folded to ASCII: its function words
    (two letters or more) make at least ``FOLDED_FUNCTION_WORDS`` of its words. An Indonesian text
    on the Vietnamese page has no accent either, and is no Vietnamese text that lost them."""
    words = _WORD.findall(text.casefold())
    known = _folded_function_words(table.code)
    hits = sum(1 for word in words if word in known)
    return bool(words) and hits >= FOLDED_FUNCTION_WORDS * len(words)


@functools.cache
def _folded_function_words(code: str) -> frozenset[str]:
    table = langdata.table(code)
    assert table is not None
    folded = (fold(word) for word in table.small_words | table.sentence_starters)
    return frozenset(word for word in folded if len(word) >= 2 and word.isascii())


_WORD = re.compile(r"[^\W\d_]+")


def stripped_accents(text: str, usual: float) -> tuple[int, int] | None:
    """(accented letters, Latin letters) of ``text`` when it has lost its accents — fewer than
    ``ACCENT_LOSS`` of the ``usual`` share — else None."""
    letters = len(_LATIN_LETTER.findall(text))
    if letters < ACCENT_MIN_LETTERS:
        return None
    accented = len(_ACCENTED_LETTER.findall(text))
    return (accented, letters) if accented < ACCENT_LOSS * usual * letters else None


@register
class MarkupLeftover(_DamageCheck):
    code = "S007"
    name = "markup-leftover"
    severity = Severity.WARNING
    mqm = "Fluency/Markup"
    problem = "Markup leftover"
    docs = Docs(
        what="Reports HTML tags (`<b>`, `</p>`, `<br/>`), HTML entities (`&amp;`, `&#39;`, `&nbsp;`) and "
        "template placeholders (`{{x}}`, `{%…%}`, `${x}`, `%s`, `[object Object]`, a field reading "
        "`undefined`/`null` or `Loading…` in the site's languages, filler text opening with `Lorem ipsum`) "
        "and images turned into text (`![alt](https://…)`) in any text field. Markdown emphasis, `a < b`, "
        "`I/O`, `$1 billion` are text.",
        why="Readers see raw markup or an unfilled template: the scraper or the publishing template "
        "double-escaped or failed to render the text.",
        example="`Jacob Effron presenta a <b>Yann LeCun</b> y explica por qu&eacute; {{title}}…`",
        instead="Unescape/strip the markup at the source (or fill the template) and republish.",
    )

    def detect(self, text: str) -> list[Hit]:
        return markup_leftovers(text)

    def may_detect(self, texts: Screen) -> bool:
        return may_have_markup(texts.texts, texts.joined)
