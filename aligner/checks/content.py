"""Content checks across a chapter pair: misplaced bodies (C106) and a low chapter score (T504).

C106 uses :mod:`aligner.contentalign` (the similarity of every reference chapter with every
variant chapter). T504 uses the chapter-pair score of :mod:`aligner.score` — the very function the
score stage uses (``chapter_rows``), so the score in ``chapters.csv`` and the finding always agree:
the score is computed from the chapter texts, never from other findings, which is what lets it
run inside the check stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.contentalign import build_matrix
from aligner.contentmatrix import MARGIN, copies, is_copy, misalignments
from aligner.model import Finding, Severity
from aligner.score import chapter_rows

MIN_SCORE = 80.0  # T504 default threshold on the 0–100 chapter score


@register
class ContentMisaligned(Check):
    code = "C106"
    name = "content-misaligned"
    severity = Severity.ERROR
    thresholds: ClassVar[dict[str, float]] = {"margin": MARGIN}
    mqm = "Accuracy/Mistranslation"
    docs = Docs(
        what=(
            "Reports a chapter whose body matches a different reference chapter clearly better than the "
            "reference chapter at its timestamp (and that chapter matches it back): swapped or shifted "
            "bodies; and, of a swap, the other chapter too when its content fits the first one's at least "
            "as well as its own (a chapter with few anchors gives weak evidence on its own); and a body pasted "
            "under two timestamps whose reference chapters differ, on the one that fits its own chapter less. Evidence that survives translation: numbers, names, acronyms and Latin-script terms, "
            "localized entity names, body and quote lengths. Threshold: `margin` (default 0.15)."
        ),
        why=(
            "A scraper that shifts bodies by one chapter keeps every timestamp, so nothing else looks "
            "wrong, yet every chapter link plays audio that does not match the text."
        ),
        example=(
            "The Japanese `[07:51]` chapter talks about Tapestry and federated training — the content of "
            "the reference `[28:18]` chapter — while `[28:18]` carries the world-model text of `[07:51]`."
        ),
        instead="Put each body back under the heading (timestamp) of the reference chapter it translates.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            variant = alignment.variant
            margin = ctx.settings.threshold(self.code, "margin", MARGIN, variant.page_locale)
            matrix = build_matrix(ctx.episode.reference, alignment)
            found = misalignments(matrix, margin)
            for item in found + copies(matrix, {item.var_index for item in found}):
                ref = matrix.ref[item.ref_index]
                other = matrix.ref[item.belongs_to]
                body = matrix.var[item.var_index].body
                swap = f" (swapped with `[{other.label}]`)" if item.swapped else ""
                said = (
                    f"has the body of `[{other.label}]` (pasted twice?)"
                    if is_copy(matrix, item)
                    else f"carries the content of `[{other.label}]`{swap}"
                )
                yield self.finding(
                    ctx,
                    variant,
                    f"Chapter `[{ref.label}]` in `{variant.lang}` {said}",
                    f"similarity {item.own:.2f} with [{ref.label}], {item.other:.2f} with [{other.label}]: "
                    + quote(body, 120),
                    ref,
                )


@register
class LowAlignmentScore(Check):
    code = "T504"
    name = "low-alignment-score"
    severity = Severity.WARNING
    thresholds: ClassVar[dict[str, float]] = {"min_score": MIN_SCORE}
    mqm = "Accuracy"
    docs = Docs(
        what=(
            "Reports a chapter pair whose chapter score (0–100, the `score` column of `chapters.csv`) is "
            "below `min_score` (default 80). Missing and extra chapters are C101/C102, not T504."
        ),
        why=(
            "The score combines timestamp, length, anchors, quotes, language, content fit and text damage; "
            "a low score means several of them disagree, even when no single check crossed its threshold."
        ),
        example="A chapter that is half as long as expected, lost its quote and half of its names: score 64.",
        instead="Compare the chapter with the reference and restore what was lost; the score's components tell which part.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            variant = alignment.variant
            limit = ctx.settings.threshold(self.code, "min_score", MIN_SCORE, variant.page_locale)
            rows = chapter_rows(ctx.episode, alignment, ctx.settings.tolerance, ctx.resources.length_model)
            for pair, row in zip(alignment.chapters, rows, strict=True):
                if pair.ref is None or pair.var is None or row.score >= limit:
                    continue
                weakest = _weakest(row.components)
                yield self.finding(
                    ctx,
                    variant,
                    f"Chapter `[{pair.ref.label}]` scores {row.score:.1f} in `{variant.lang}` (below {limit:g})",
                    # names only: values move with the run-wide length model and would churn fingerprints
                    "weakest: " + ", ".join(name for name, _value in weakest),
                    pair.ref,
                )


def _weakest(components: tuple[tuple[str, float], ...]) -> list[tuple[str, float]]:
    """The two lowest components below 1 (a perfect one is never "weak"), lowest first; the two
    lowest of all only if none is below 1 (a ``min_score`` above 100)."""
    ranked = sorted(components, key=lambda kv: kv[1])
    return [kv for kv in ranked if kv[1] < 1.0][:2] or ranked[:2]
