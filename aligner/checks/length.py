"""T501, Q204 — lengths: chapters and quotes far outside the expected length ratio.

The expected ratio per language pair comes from ``aligner.lengthmodel`` (calibrated on the run's
own chapter pairs, priors from the language tables), so Japanese being far shorter than Spanish is
normal and a chapter cut to a third is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.lengthmodel import LengthModel, chapter_length, prior_ratio, text_length
from aligner.model import Alignment, Finding, Severity

CHAPTER_Z = 3.0  # default |z| threshold (Settings: [thresholds.T501] z = …)
QUOTE_Z = 3.0  # default |z| threshold for quotes (Settings: [thresholds.Q204] z = …)
MIN_CHAPTER_CHARS = 100  # English-equivalent characters: shorter reference chapters are not judged
MIN_QUOTE_CHARS = 40  # English-equivalent characters: shorter reference quotes are not judged


def _model(ctx: EpisodeContext) -> LengthModel:
    model = ctx.resources.length_model
    return model if isinstance(model, LengthModel) else LengthModel()


def _translated(alignment: Alignment, chapter_lang: str) -> bool:
    """Chapters in another language than their variant are the language checks' business."""
    lang = alignment.variant.lang
    return lang == "und" or chapter_lang in ("und", lang)


def same_words(text: str, other: str) -> bool:
    """The two texts are equal up to whitespace; equal texts (untranslated copies, common in a
    catalog) are recognised without splitting them."""
    return text == other or " ".join(text.split()) == " ".join(other.split())


def _describe(share: float) -> str:
    return f"{share:.0%} of its expected length"


@register
class LengthOutlier(Check):
    code = "T501"
    name = "length-outlier"
    severity = Severity.WARNING
    thresholds: ClassVar[dict[str, float]] = {"z": CHAPTER_Z}
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a chapter whose variant/reference length ratio is far from the ratio expected for the "
        "language pair: a robust z-score beyond the threshold (default 3). The expectation is calibrated on the "
        "run's own chapter pairs (median and MAD of the log ratio), blended with per-language priors.",
        why="A chapter cut to a third (a truncated scrape, a lost paragraph) or doubled (pasted twice, a "
        "neighbour's text appended) keeps its timestamp and quote, so only its length gives it away.",
        example="Spanish `[15:55]` has 1,136 characters; the Japanese chapter has 130 where about 440 are "
        "expected (30%).",
        instead="Restore the missing text (or remove the duplicated one) so the chapter says what the reference says.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        model = _model(ctx)
        ref_lang = ctx.episode.ref_lang
        ref_prior = prior_ratio(ref_lang)  # the same for every pair of the episode
        for alignment in ctx.aligned():
            variant = alignment.variant
            expected = model.pair(ref_lang, variant.lang)
            limit = ctx.settings.threshold(self.code, "z", CHAPTER_Z, variant.page_locale)
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None or not pair.var.body.strip():
                    continue  # missing and empty chapters are C101/C105
                if not _translated(alignment, pair.var.lang):
                    continue
                ref_len, var_len = chapter_length(pair.ref), chapter_length(pair.var)
                if ref_len / ref_prior < MIN_CHAPTER_CHARS:
                    continue
                z = expected.z(ref_len, var_len)
                if abs(z) < limit:
                    continue
                share = expected.share(ref_len, var_len)
                # The evidence (what the fingerprint is made of) holds what the chapter pair alone
                # decides; the z-score and the expectation, which move as the catalog grows, are in
                # the message: a T501 was "new" and "fixed" every night (found by QA of nightly runs).
                yield self.finding(
                    ctx,
                    variant,
                    f"Chapter `[{pair.ref.label}]` is {_describe(share)} in `{variant.lang}` (z = {z:+.1f}; "
                    f"expected ×{expected.ratio:.2f}, {expected.n} pairs calibrated)",
                    f"{var_len} chars vs {ref_len} in `{ref_lang}`",
                    pair.ref,
                )


@register
class QuoteTruncated(Check):
    code = "Q204"
    name = "quote-truncated"
    severity = Severity.WARNING
    thresholds: ClassVar[dict[str, float]] = {"z": QUOTE_Z}
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a pull-quote whose length is far from the expected ratio for the language pair (the "
        "chapters' calibrated ratio, with a wider spread because quotes are short). Quotes shorter than "
        "about 40 English characters are not judged.",
        why="A quote cut mid-sentence or replaced by a fragment still counts as a quote, so Q201 stays silent.",
        example='Reference `> *"If the model cannot leave the building, it has to fit in the building."*`; '
        'variant `> *"Si el modelo no puede"*`.',
        instead="Translate the whole quote.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        model = _model(ctx)
        ref_lang = ctx.episode.ref_lang
        ref_prior = prior_ratio(ref_lang)  # the same for every pair of the episode
        for alignment in ctx.aligned():
            variant = alignment.variant
            expected = model.pair(ref_lang, variant.lang)
            limit = ctx.settings.threshold(self.code, "z", QUOTE_Z, variant.page_locale)
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None or not _translated(alignment, pair.var.lang):
                    continue
                for ref_quote, var_quote in zip(pair.ref.quotes, pair.var.quotes, strict=False):
                    if same_words(var_quote.text, ref_quote.text):
                        continue  # left untranslated: Q203's business
                    ref_len, var_len = text_length(ref_quote.text), text_length(var_quote.text)
                    if ref_len / ref_prior < MIN_QUOTE_CHARS:
                        continue
                    z = expected.z(ref_len, var_len, quote=True)
                    if abs(z) < limit:
                        continue
                    yield self.finding(
                        ctx,
                        variant,
                        f"Quote of chapter `[{pair.ref.label}]` is "
                        f"{_describe(expected.share(ref_len, var_len))} in `{variant.lang}` (z = {z:+.1f})",
                        quote(var_quote.text, 120),  # the z-score moves with the catalog: not evidence
                        pair.ref,
                    )
