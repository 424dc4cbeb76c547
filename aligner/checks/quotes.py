"""Q2xx — pull-quotes: dropped and extra quotes per chapter."""

from __future__ import annotations

from collections.abc import Iterable

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.model import Finding, Severity


@register
class DroppedQuote(Check):
    code = "Q201"
    name = "dropped-quote"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a chapter whose variant has fewer pull-quotes than the reference chapter.",
        why="Each chapter carries a pull-quote; a dropped one is lost content (often a broken selector).",
        example='Reference `[02:04]` ends with `> *"I think it was inevitable…"*`; the variant chapter has none.',
        instead='Translate the quote and keep it as `> *"…"*` (or `> *「…」*`) in the same chapter.',
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None:
                    continue
                missing = len(pair.ref.quotes) - len(pair.var.quotes)
                if missing > 0:
                    lost = pair.ref.quotes[len(pair.var.quotes)]
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Chapter `[{pair.ref.label}]` lost {missing} of {len(pair.ref.quotes)} quotes"
                        f" in `{alignment.variant.lang}`",
                        quote(lost.text, 120),
                        pair.ref,
                    )


@register
class ExtraQuote(Check):
    code = "Q202"
    name = "extra-quote"
    severity = Severity.WARNING
    mqm = "Accuracy/Addition"
    docs = Docs(
        what="Reports a chapter whose variant has more pull-quotes than the reference chapter.",
        why="An extra quote is either added content or a quote moved from another chapter.",
        example="The reference chapter has one quote; the variant chapter has two.",
        instead="Keep exactly the quotes of the reference chapter.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None:
                    continue
                extra = len(pair.var.quotes) - len(pair.ref.quotes)
                if extra > 0:
                    added = pair.var.quotes[len(pair.ref.quotes)]
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Chapter `[{pair.ref.label}]` has {extra} extra quote(s) in `{alignment.variant.lang}`",
                        quote(added.text, 120),
                        pair.ref,
                    )
