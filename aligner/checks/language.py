"""L4xx — language: variants left untranslated on a locale page."""

from __future__ import annotations

from collections.abc import Iterable

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.model import Finding, Severity, Variant


def base(code: str) -> str:
    return code.split("-")[0].lower()


def is_untranslated(variant: Variant, ref_lang: str) -> bool:
    """Published on a locale page but written in the episode's reference language."""
    if variant.page_locale in ("", "und") or variant.lang in ("", "und"):
        return False
    return base(variant.lang) != base(variant.page_locale) and base(variant.lang) == base(ref_lang)


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
