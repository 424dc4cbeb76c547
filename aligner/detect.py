"""Content language of each variant and each chapter, detected from the text (never assumed).

Detection is gated and bounded (see ``aligner.langid``): the variant language comes from a
sample of its summary and chapter bodies; a chapter is detected from its own body only when the
body is long enough to be trusted, otherwise it inherits the variant's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from aligner import langid
from aligner.model import Variant

SAMPLE_CHARS = 2000
CHAPTER_MIN_CHARS = 40


def detect_variant(variant: Variant, languages: Sequence[str]) -> Variant:
    sample = _variant_sample(variant)
    lang, confidence = langid.detect(sample, languages)
    chapters = tuple(replace(c, lang=_chapter_lang(c.body, lang, languages)) for c in variant.chapters)
    return replace(variant, lang=lang, lang_confidence=round(confidence, 3), chapters=chapters)


def _chapter_lang(body: str, variant_lang: str, languages: Sequence[str]) -> str:
    if len(body) < CHAPTER_MIN_CHARS:
        return variant_lang if body else "und"
    lang, _confidence = langid.detect(body, languages)
    return lang


def _variant_sample(variant: Variant) -> str:
    parts = [variant.summary]
    parts.extend(c.body for c in variant.chapters)
    if not any(parts):
        parts = [variant.title, *(c.title for c in variant.chapters)]
    sample = ""
    for part in parts:
        if len(sample) >= SAMPLE_CHARS:
            break
        sample += " " + part[: SAMPLE_CHARS // 2]
    return sample.strip()
