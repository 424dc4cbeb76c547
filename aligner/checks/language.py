"""L4xx and Q203 — language: variants, segments, titles and quotes left untranslated or in a wrong language.

L401 and L402 judge a whole variant from the language ``aligner.detect`` found for it. L403,
L404 and Q203 look inside the variants that *are* translated overall (an untranslated variant is
one L401, not one finding per chapter). Chinese with English terms and Japanese with Latin names
are judged by their script first (``aligner.langid``), so code-mixed text is not "English".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.detect import CHAPTER_MIN_CHARS, page_candidates
from aligner.langdata.hanzi import SCRIPT_NAMES, chinese_script
from aligner.locales import script_and_region
from aligner.model import Alignment, Chapter, Finding, Severity, Variant
from aligner.sentencesleft import sentence_left_among
from aligner.textdamage import encoding_damage
from aligner.untranslated import (
    IDENTICAL_CHRF,
    MIN_LETTERS,
    LanguageBudget,
    base,
    has_letters,
    identical_score,
    is_translated,
    is_untranslated,
    known,
    left_in,
    script_of_language,
    sentence_left_in,
    terms_of,
    title_left_untranslated,
)

__all__ = ["base", "is_untranslated"]  # L401's helpers, kept importable from here

MIN_VARIANT_CONFIDENCE = 0.5  # L402 only trusts a variant language detected at least this surely
CHAPTER_LANGUAGE_MIN_CHARS = 200  # L402 judges a chapter body of at least this many characters
MOST_TITLES = 0.5  # at least this share of titles untranslated: one variant-level L404
NO_TERMS: frozenset[str] = frozenset()


@register
class VariantUntranslated(Check):
    code = "L401"
    name = "variant-untranslated"
    severity = Severity.ERROR
    mqm = "Accuracy/Untranslated"
    docs = Docs(
        what="Reports a variant whose content language is not its page's locale but the reference language.",
        why="Readers of the locale page get the episode in another language: it was never translated.",
        example="The Spanish page (`hace 3 días`) shows `A Conversation With Demis Hassabis' Biographer` in English.",
        instead="Publish the translation, or hide the episode on that locale until it exists.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            if is_untranslated(variant, ctx.episode.ref_lang):
                yield self.finding(
                    ctx,
                    variant,
                    f"Episode is in `{variant.lang}` on the `{variant.page_locale}` page (not translated)",
                    quote(variant.summary or variant.title, 100),
                )


@register
class WrongLanguage(Check):
    code = "L402"
    name = "wrong-language"
    severity = Severity.ERROR
    mqm = "Accuracy/Mistranslation"
    thresholds: ClassVar[dict[str, float]] = {"min_confidence": MIN_VARIANT_CONFIDENCE}
    docs = Docs(
        what="Reports a variant whose content language is neither its page's locale nor the episode's "
        "reference language (detected with confidence ≥ `min_confidence`, 0.5), and, in a variant written in "
        "its page's language, a chapter body (of 200 characters or more) in such a third language; on a Chinese page "
        "that names its script or region, a variant or chapter body in the other script (Simplified text on `zh-TW/`). "
        "Pages whose locale the detector cannot return are not judged.",
        why="The wrong translation was published (a French text on the Spanish page), or a page was "
        "filed under the wrong locale.",
        example="The Spanish page (`hace 3 días`) shows `Pourquoi les petits modèles gagnent` in French.",
        instead="Publish the variant written in the page's language, or move the page to the right locale.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        ref_lang = base(ctx.episode.ref_lang)
        for variant in ctx.variants:
            lang, page = base(variant.lang), base(variant.page_locale)
            if not known(lang) or not known(page) or page not in _candidates(ctx, variant):
                continue
            if lang == page == "zh":
                yield from self._chinese_script(ctx, variant)
                continue
            if lang in (page, ref_lang):
                continue
            if _damaged(variant.summary or (variant.chapters[0].body if variant.chapters else variant.title)):
                continue  # a language read off mojibake is no language: S006's (a whole Greek page "in `fr`")
            floor = ctx.settings.threshold(
                self.code, "min_confidence", MIN_VARIANT_CONFIDENCE, variant.page_locale
            )
            if variant.lang_confidence < floor:
                continue
            yield self.finding(
                ctx,
                variant,
                f"Episode is in `{variant.lang}` on the `{variant.page_locale}` page "
                f"(expected `{page}`, or the reference `{ref_lang}`)",
                quote(variant.summary or variant.title, 100),
            )
        yield from self._chapters(ctx, ref_lang)

    def _chapters(self, ctx: EpisodeContext, ref_lang: str) -> Iterator[Finding]:
        """A chapter body in a third language inside a variant written in its page's language (a
        Spanish paragraph on the Portuguese page): the variant passes as a whole, the chapter
        scores only a little lower (``lang_score`` 0), and no other check names the language."""
        partners = _partners(ctx)
        for variant in ctx.variants:
            page = base(variant.page_locale)
            if base(variant.lang) != page or page not in _candidates(ctx, variant):
                continue
            for chapter in variant.chapters:
                lang = base(chapter.lang)
                if not known(lang) or lang in (page, ref_lang):
                    continue
                if len(chapter.body) < CHAPTER_LANGUAGE_MIN_CHARS or _damaged(chapter.body):
                    continue
                yield self.finding(
                    ctx,
                    variant,
                    f"Chapter `[{chapter.label}]` body is in `{chapter.lang}` on the `{variant.page_locale}` page "
                    f"(expected `{page}`)",
                    quote(chapter.body, 100),
                    partners.get(id(chapter)) or chapter,
                )

    def _chinese_script(self, ctx: EpisodeContext, variant: Variant) -> Iterator[Finding]:
        """Simplified text on a Traditional page (``zh-TW``, ``zh-Hant``) or the reverse, for the
        variant or one chapter body: one language to the detector, another text to readers. A
        page naming neither a script nor a region (``zh``) is not judged."""
        expected = script_and_region(variant.page_locale)[0]
        if variant.page_locale == "zh" or expected not in SCRIPT_NAMES:  # `zh-latn`: pinyin, not judged
            return
        wrong = SCRIPT_NAMES.get(
            chinese_script(" ".join([variant.summary, *(c.body for c in variant.chapters)]))
        )
        where = f"on the `{variant.page_locale}` page (expected {SCRIPT_NAMES[expected]})"
        if wrong is not None and wrong != SCRIPT_NAMES[expected]:
            yield self.finding(ctx, variant, f"Episode is in {wrong} {where}", quote(variant.summary, 100))
            return
        partners = _partners(ctx)
        for chapter in variant.chapters:
            wrong = SCRIPT_NAMES.get(chinese_script(chapter.body))
            if wrong is not None and wrong != SCRIPT_NAMES[expected]:
                yield self.finding(
                    ctx,
                    variant,
                    f"Chapter `[{chapter.label}]` body is in {wrong} {where}",
                    quote(chapter.body, 100),
                    partners.get(id(chapter)) or chapter,
                )


def _damaged(text: str) -> bool:
    """Whether ``text`` has encoding damage (S006's): mojibake reads as some language, and a
    damaged chapter is S006's alone, not also "in `fr`" (L402) or "left in `en`" (L403)."""
    return bool(encoding_damage(text))


def _candidates(ctx: EpisodeContext, variant: Variant) -> set[str]:
    """The languages the detector could find on ``variant``'s page (``detect.page_candidates``)."""
    return {base(code) for code in page_candidates(ctx.settings.languages, variant.page_locale)}


def _partners(ctx: EpisodeContext) -> dict[int, Chapter]:
    """Variant chapter (by id) → its reference chapter, the one findings are placed at."""
    return {
        id(p.var): p.ref for a in ctx.aligned() for p in a.chapters if p.var is not None and p.ref is not None
    }


def _translated(ctx: EpisodeContext) -> Iterable[Alignment]:
    for alignment in ctx.aligned():
        if is_translated(alignment.variant, ctx.episode.ref_lang):
            yield alignment


@register
class SegmentUntranslated(Check):
    code = "L403"
    name = "segment-untranslated"
    severity = Severity.WARNING
    mqm = "Accuracy/Untranslated"
    thresholds: ClassVar[dict[str, float]] = {"identical_chrf": IDENTICAL_CHRF}
    docs = Docs(
        what="In a translated variant, reports a chapter body (or the summary, or a note that trails a pull-quote "
        "on its line) left in the reference language, and in a variant of a script other than Latin, a sentence "
        "of a Latin-script reference language left in a chapter body (eight Latin words or more in a row, not "
        "opening a quotation, detected as that language); in a variant of the reference's own script, such a "
        "sentence picked by its function words (eight words or more, three of the reference language's `the`, "
        "`of`, `and` or more and over twice as many as of the variant's `el`, `de`, `y`; quotations left out), "
        "detected as the reference language; "
        "or identical to the reference — chrF ≥ `identical_chrf` (70; translations of the same chapter score "
        "25–40, a lightly edited copy 80–100). Chapters are judged by the language already detected for them; "
        "text written mostly in the locale's script (Chinese with English terms) is not the reference language.",
        why="Readers hit a paragraph in another language in the middle of their page: a segment was "
        "skipped by the translator or overwritten by a scraper fallback.",
        example="The Spanish variant's `## [15:55] El problema de los datos` is followed by the English "
        "`According to Lena, the hardest part of the work…`.",
        instead="Translate the segment (or restore it from the translation memory).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        ref = ctx.episode.reference
        ref_lang = ctx.episode.ref_lang
        for alignment in _translated(ctx):
            variant = alignment.variant
            threshold = ctx.settings.threshold(
                self.code, "identical_chrf", IDENTICAL_CHRF, variant.page_locale
            )
            budget = LanguageBudget(page_candidates(ctx.settings.languages, variant.page_locale))
            summary = variant.summary
            why = None
            if summary.strip():  # a missing summary is T505's
                why = left_in(summary, ref.summary, ref_lang, variant.page_locale, budget, threshold)
            if why:
                yield self.finding(
                    ctx,
                    variant,
                    f"Summary of `{variant.lang}` left untranslated: {why}",
                    f"summary: {quote(summary, 100)}",
                )
            # a Latin-script reference's sentences left on a page of another script, or on a page
            # of the reference's own script (`aligner.sentencesleft`)
            left_among = _sentence_finder(variant.lang, ref_lang)
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None or not pair.var.body.strip():
                    continue
                body = pair.var.body
                why = None
                if (
                    len(body) >= CHAPTER_MIN_CHARS
                    and known(pair.var.lang)
                    and base(pair.var.lang) == base(ref_lang)
                ):
                    why = f"in `{pair.var.lang}`"
                elif (
                    has_letters(body, MIN_LETTERS)
                    and (score := identical_score(body, pair.ref.body, threshold)) is not None
                ):
                    why = f"identical to the reference (chrF {score:.0f})"
                if (
                    not why
                    and left_among is not None
                    and (run := left_among(body, ref_lang, variant.lang, budget)) is not None
                    and not _damaged(body)
                ):
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{pair.ref.label}]` of `{variant.lang}` has a sentence left in `{ref_lang}`: "
                        f"{quote(run, 60)}",
                        quote(run, 120),
                        pair.ref,
                    )
                    continue
                if why and not _damaged(body):
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{pair.ref.label}]` of `{variant.lang}` left untranslated: {why}",
                        quote(body, 120),
                        pair.ref,
                    )
            yield from self._notes(ctx, alignment, budget, threshold)

    def _notes(
        self, ctx: EpisodeContext, alignment: Alignment, budget: LanguageBudget, threshold: float
    ) -> Iterator[Finding]:
        """The text that trails a pull-quote on its line (``Quote.note``: an editor's gloss) is a
        segment of the page too: one left in the reference language is reported like a body."""
        variant = alignment.variant
        ref_lang = ctx.episode.ref_lang
        for pair in alignment.chapters:
            if pair.ref is None or pair.var is None:
                continue
            ref_notes = [q.note for q in pair.ref.quotes]
            for k, item in enumerate(pair.var.quotes):
                if not item.note.strip() or item.note.startswith("#"):  # a heading glued on: S005's
                    continue
                counterpart = ref_notes[k] if k < len(ref_notes) else ""
                why = left_in(item.note, counterpart, ref_lang, variant.page_locale, budget, threshold)
                if why:
                    yield self.finding(
                        ctx,
                        variant,
                        f"Note after the quote of chapter `[{pair.ref.label}]` of `{variant.lang}` left "
                        f"untranslated: {why}",
                        quote(item.note, 120),
                        pair.ref,
                    )


def _sentence_finder(var_lang: str, ref_lang: str) -> SentenceFinder | None:
    """How a chapter of ``var_lang`` is searched for a sentence left in ``ref_lang``: by its runs of
    Latin words when only the reference is written in Latin, by function words when both languages
    share a script, not at all otherwise (neither script's words stand out)."""
    var_script, ref_script = script_of_language(var_lang), script_of_language(ref_lang)
    if var_script is None or ref_script is None:
        return None
    if var_script == ref_script:
        return sentence_left_among
    if ref_script == "Latin":
        return lambda text, ref, _var, budget: sentence_left_in(text, ref, budget)
    return None


SentenceFinder = Callable[[str, str, str, LanguageBudget], "str | None"]


@register
class TitlesUntranslated(Check):
    code = "L404"
    name = "titles-untranslated"
    severity = Severity.INFO
    mqm = "Accuracy/Untranslated"
    docs = Docs(
        what="In a translated variant, reports chapter titles left in the reference language: the reference "
        "title itself, or (where the locale writes another script) a title written only in the reference's "
        "script. Titles made only of names and terms the translation itself uses (`Tapestry`, `JEPA`, "
        "`OpenAI`) are not reported. When most titles are left, one finding for the variant; else one per title.",
        why="Chapter titles are the table of contents: English headings over translated bodies look "
        "unfinished and are often a forgotten step of the translation job.",
        example="The Chinese variant keeps `## [01:36] Why World Models` over a Chinese body.",
        instead="Translate the titles (names and product terms may stay as they are).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        ref_lang = ctx.episode.ref_lang
        for alignment in _translated(ctx):
            variant = alignment.variant
            pairs = [(p.ref, p.var) for p in alignment.chapters if p.ref is not None and p.var is not None]
            titled = [(ref, var) for ref, var in pairs if var.title.strip()]
            # With no shared terms a title is reported at least as readily as with them, so the
            # terms (every word of the variant: costly) are gathered only for titles still in doubt.
            suspects = [
                (ref, var)
                for ref, var in titled
                if title_left_untranslated(var.title, ref.title, ref_lang, variant.lang, NO_TERMS)
            ]
            terms = terms_of(variant, ctx.episode.reference) if suspects else NO_TERMS
            left = [
                (ref, var)
                for ref, var in suspects
                if title_left_untranslated(var.title, ref.title, ref_lang, variant.lang, terms)
            ]
            if len(left) >= 2 and len(left) >= MOST_TITLES * len(titled):
                yield self.finding(
                    ctx,
                    variant,
                    f"{len(left)} of {len(titled)} chapter titles of `{variant.lang}` left in `{ref_lang}`",
                    "; ".join(f"[{ref.label}] {var.title}" for ref, var in left),
                )
                continue
            for ref, var in left:
                yield self.finding(
                    ctx,
                    variant,
                    f"Chapter `[{ref.label}]` title of `{variant.lang}` left in `{ref_lang}`",
                    quote(var.title, 100),
                    ref,
                )


@register
class QuoteUntranslated(Check):
    code = "Q203"
    name = "quote-untranslated"
    severity = Severity.INFO
    mqm = "Accuracy/Untranslated"
    docs = Docs(
        what="In a translated variant, reports a pull-quote left in the reference language: identical to the "
        "reference quote (chrF), or detected as the reference language (script first, lingua only for "
        "same-script quotes, at most 64 per variant). Silent for a locale configured with "
        "`quotes_untranslated_ok = true` (some locales keep quotes in the original by convention).",
        why="A quote in another language breaks the page for readers who do not read it, unless the "
        "locale keeps original quotes on purpose.",
        example='The Spanish chapter keeps `> *"Every hour we spend cleaning data saves us a week of training."*`.',
        instead="Translate the quote, or set `quotes_untranslated_ok` for the locale if that is its convention.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        ref_lang = ctx.episode.ref_lang
        for alignment in _translated(ctx):
            variant = alignment.variant
            if _quotes_untranslated_ok(ctx, variant.page_locale):
                continue
            budget = LanguageBudget(page_candidates(ctx.settings.languages, variant.page_locale))
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None:
                    continue
                for number, (ref_quote, var_quote) in enumerate(
                    zip(pair.ref.quotes, pair.var.quotes, strict=False)
                ):
                    why = left_in(var_quote.text, ref_quote.text, ref_lang, variant.page_locale, budget)
                    if why:
                        which = f" {number + 1}" if len(pair.var.quotes) > 1 else ""
                        yield self.finding(
                            ctx,
                            variant,
                            f"Quote{which} of chapter `[{pair.ref.label}]` in `{variant.lang}` left untranslated: {why}",
                            quote(var_quote.text, 120),
                            pair.ref,
                        )


def _quotes_untranslated_ok(ctx: EpisodeContext, locale: str) -> bool:
    settings = ctx.settings
    value = settings.locale_option(locale, "quotes_untranslated_ok", None)
    if value is None:
        value = settings.locale_option(base(locale), "quotes_untranslated_ok", False)
    return bool(value)
