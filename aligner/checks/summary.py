"""T505 — the summary paragraph: missing, empty, or cut down to a stub.

Completeness of the summary is judged here, in one place:

* **missing / empty** — the reference has a summary and the variant has none (or only whitespace);
* **stub** — the variant has one, but it is shorter than ``min_ratio`` (default 0.2) of the length
  expected from the reference (reference characters × the language pair's length prior). A
  translation that short is not a shorter style but a truncated or placeholder paragraph; it is
  reported as T505 with "truncated" in the message, at the same (error) severity as a missing one.

Moderate shortness is *not* judged here: the calibrated length model (T501) owns length ratios,
and a summary that stops mid-sentence is S008. The floor is far below any real language pair's
spread (priors range from 0.33 for zh to 1.2 for de/fr relative to en; on the bundled pages the
summaries sit at 1.0–1.04 of their expected length), so the two checks do not report the same
summary twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from aligner.checks.base import Check, Docs, EpisodeContext, quote, register
from aligner.model import Finding, Severity
from aligner.score import expected_ratio

MIN_RATIO = 0.2  # a summary under this share of its expected length is a stub
MIN_REFERENCE_CHARS = 80  # below this the reference summary is too short to judge a ratio


def summary_length(text: str) -> int:
    return len(" ".join(text.split()))


@register
class SummaryMissing(Check):
    code = "T505"
    name = "summary-missing"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    thresholds: ClassVar[dict[str, float]] = {"min_ratio": MIN_RATIO}
    docs = Docs(
        what="Reports a variant without a summary paragraph (or an empty one) while the reference has one; "
        "also a summary cut down to a stub — under `min_ratio` (0.2) of the length expected from the "
        "reference and the language pair's length prior.",
        why="The summary is what readers see first on the listing page; without it the card shows only "
        "metadata and chapter headings.",
        example="The English card opens with `Sebastian Mallaby spent three years…`; the Spanish card goes "
        "straight from its metadata to `## [00:00] Introducción`, or has only `Sebastian Mallaby…`.",
        instead="Translate the whole summary paragraph and publish it above the chapters.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        reference = ctx.episode.reference
        ref_chars = summary_length(reference.summary)
        if not ref_chars:
            return
        for alignment in ctx.aligned():
            variant = alignment.variant
            chars = summary_length(variant.summary)
            if not chars:
                yield self.finding(
                    ctx,
                    variant,
                    f"Summary missing in `{variant.lang}`",
                    f"reference: {quote(reference.summary, 100)}",
                )
                continue
            if ref_chars < MIN_REFERENCE_CHARS:
                continue
            expected = ref_chars * expected_ratio(ctx.episode.ref_lang, variant.lang)
            floor = ctx.settings.threshold(self.code, "min_ratio", MIN_RATIO, variant.page_locale)
            if expected > 0 and chars < floor * expected:
                yield self.finding(
                    ctx,
                    variant,
                    f"Summary truncated in `{variant.lang}`: {chars} characters, "
                    f"{chars / expected:.0%} of the expected {expected:.0f}",
                    quote(variant.summary, 100),
                )
