"""C1xx — chapters: missing, extra, drifting, out of order, empty, beyond the episode's end."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.model import Finding, Severity


@register
class MissingChapter(Check):
    code = "C101"
    name = "missing-chapter"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a reference chapter with no counterpart (within the timestamp tolerance) in the variant.",
        why="Readers of the variant lose a whole part of the episode.",
        example="The English page has `## [15:51] Project Mario…`; the Japanese variant jumps from `[11:27]` to `[19:43]`.",
        instead="Translate and publish the missing chapter at the same timestamp.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.chapters:
                if pair.status == "missing" and pair.ref is not None:
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Chapter `[{pair.ref.label}]` missing in `{alignment.variant.lang}`",
                        quote(pair.ref.title),
                        pair.ref,
                    )


@register
class ExtraChapter(Check):
    code = "C102"
    name = "extra-chapter"
    severity = Severity.WARNING
    mqm = "Accuracy/Addition"
    docs = Docs(
        what="Reports a variant chapter with no counterpart in the reference.",
        why="Content the source does not have is either an addition or a chapter with a wrong timestamp.",
        example="The variant has `## [30:00] Bonus` and the reference has no chapter near 30:00.",
        instead="Remove the chapter, or give it the timestamp of the reference chapter it translates.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            counts = Counter(c.ts for c in alignment.variant.chapters)
            for pair in alignment.chapters:
                if pair.status == "extra" and pair.var is not None and counts[pair.var.ts] == 1:
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Chapter `[{pair.var.label}]` in `{alignment.variant.lang}` has no reference chapter",
                        quote(pair.var.title),
                        pair.var,
                    )


@register
class TimestampDrift(Check):
    code = "C103"
    name = "timestamp-drift"
    severity = Severity.WARNING
    mqm = "Locale convention/Time format"
    docs = Docs(
        what=(
            "Reports a chapter whose timestamp differs from its reference chapter: within the tolerance, or "
            "beyond it while still sitting between the same neighbours. A constant offset of the whole "
            "variant is reported once."
        ),
        why="Chapter links jump to the wrong moment of the audio.",
        example="Reference `[04:03]`, variant `[04:06]`; or every chapter of the variant 3 s late.",
        instead="Copy the reference timestamps exactly.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            variant = alignment.variant
            if alignment.offset:
                matched = sum(1 for p in alignment.chapters if p.ref is not None and p.var is not None)
                yield self.finding(
                    ctx,
                    variant,
                    f"All {matched} chapters of `{variant.lang}` are offset by {alignment.offset:+d} s",
                    f"offset {alignment.offset:+d} s",
                )
            for pair in alignment.chapters:
                if pair.status in ("drift", "shifted") and pair.ref is not None and pair.var is not None:
                    delta = pair.var.ts - pair.ref.ts
                    beyond = " (beyond tolerance)" if pair.status == "shifted" else ""
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{pair.ref.label}]` is at `[{pair.var.label}]` in `{variant.lang}`"
                        f" ({delta:+d} s){beyond}",
                        f"{pair.ref.label} → {pair.var.label}",
                        pair.ref,
                    )


@register
class ChapterOrder(Check):
    code = "C104"
    name = "chapter-order"
    severity = Severity.ERROR
    mqm = "Accuracy/Mistranslation"
    docs = Docs(
        what="Reports a chapter whose timestamp is earlier than the chapter before it (two chapters at the "
        "same timestamp are S009, not reported twice).",
        why="Chapters out of order mean swapped or mis-timed chapters; players and readers get lost.",
        example="`[04:03]` followed by `[02:04]`.",
        instead="Restore the reference order and timestamps.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            chapters = variant.chapters
            for before, chapter in itertools.pairwise(chapters):
                if chapter.ts < before.ts:
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{chapter.label}]` comes after `[{before.label}]` in `{variant.lang}`",
                        f"{before.label} → {chapter.label}",
                        chapter,
                    )


@register
class EmptyChapter(Check):
    code = "C105"
    name = "empty-chapter"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a chapter with a heading but no body text.",
        why="An empty chapter is almost always lost text (scraper or editor).",
        example="`## [19:43] What Demis Actually Regrets` followed directly by the next heading.",
        instead="Restore the chapter body.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            for chapter in variant.chapters:
                if not chapter.body.strip():
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{chapter.label}]` has no body in `{variant.lang}`",
                        quote(chapter.found or chapter.title),
                        chapter,
                    )


@register
class BeyondDuration(Check):
    code = "C107"
    name = "beyond-duration"
    severity = Severity.WARNING
    mqm = "Accuracy/Mistranslation"
    docs = Docs(
        what="Reports a chapter that starts at or after the episode's duration: the variant's own, or, on a "
        "page that shows none (the Japanese listing), the reference's (the variant's constant timestamp "
        "offset taken off).",
        why="The chapter cannot exist: either its timestamp or the duration is wrong.",
        example="Duration `56:10` and a chapter `[58:00]`.",
        instead="Fix the timestamp (often a typo such as 85:00 for 58:00) or the duration.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        reference = ctx.episode.reference
        for variant in ctx.variants:
            duration, shown, offset = variant.duration, variant.duration_text, 0
            if duration is None and variant is not reference and reference.duration is not None:
                alignment = ctx.alignments.get(variant.key)
                duration, offset = reference.duration, alignment.offset if alignment is not None else 0
                shown = f"{reference.duration_text} on the `{reference.page_locale}` page"
            if duration is None:
                continue
            for chapter in variant.chapters:
                if chapter.ts - offset >= duration:
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{chapter.label}]` starts after the episode ends ({shown})",
                        f"duration {shown}",
                        chapter,
                    )
