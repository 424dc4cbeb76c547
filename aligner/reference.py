"""An episode's reference: the variant the others are compared with (``aligner.pair``)."""

from __future__ import annotations

from collections.abc import Sequence

from aligner.locales import language_of
from aligner.model import Variant


def choose_reference(variants: Sequence[Variant], source_lang: str) -> Variant:
    """The source-language variant (preferring its own locale page) that has chapters, else a
    deterministic pivot.

    The pivot is the most complete variant (distinct chapters, then quotes, then entities), so an
    omission in one variant is reported against the complete one; ties go to the language code.
    """
    in_source = [v for v in variants if v.lang == language_of(source_lang)]
    if any(v.chapters for v in variants):
        # a source page whose chapters were all lost (its markup changed) is no reference: every
        # translation would 'lack' the source's summary and have chapters it has not
        in_source = [v for v in in_source if v.chapters]
    pool = in_source or list(variants)
    return min(
        pool,
        key=lambda v: (
            language_of(v.page_locale) != v.lang,  # a variant localized for its page is the better witness
            *completeness(v),
            v.entities is None,
            v.lang,
            v.source_path,
            v.position,
        ),
    )


def completeness(variant: Variant) -> tuple[int, int, int]:
    """(-distinct chapters, -their quotes, -entities): a duplicated chapter adds nothing."""
    first: dict[int, int] = {}
    for chapter in variant.chapters:
        first.setdefault(chapter.ts, len(chapter.quotes))
    return -len(first), -sum(first.values()), -variant.entity_count
