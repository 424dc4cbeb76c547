"""Content language of each variant and each chapter, detected from the text (never assumed).

Detection is gated, bounded and batched (see ``aligner.langid``):

* the variant language comes from one sample of at most ``SAMPLE_CHARS`` characters of its
  summary and chapter bodies;
* a chapter is detected from its own body only when the body is long enough to be trusted
  (``CHAPTER_MIN_CHARS``), otherwise it inherits the variant's language;
* a chapter body is cut to ``CHAPTER_SAMPLE_CHARS`` (at a word boundary) — enough for lingua to
  tell Spanish from English, a fraction of the cost of reading the whole body;
* the script gate decides every chapter whose writing system settles it (kana, Han, Hangul, or
  a script with one candidate language); a function-word vote then confirms the chapters that
  are clearly in the variant's own language; only the rest (a segment left in another language,
  a short or mixed one) go to lingua, in one batch per variant.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from aligner import langid
from aligner.locales import language_of
from aligner.model import Variant
from aligner.pickling import replaced

SAMPLE_CHARS = 2000
CHAPTER_MIN_CHARS = 40
CHAPTER_SAMPLE_CHARS = 600


@functools.lru_cache(maxsize=256)
def _page_candidates(languages: tuple[str, ...], page_locale: str) -> tuple[str, ...]:
    own = language_of(page_locale)
    if own in languages or not langid.knows(own):
        return languages
    return (*languages, own)


def page_candidates(languages: Sequence[str], page_locale: str) -> tuple[str, ...]:
    """The candidate languages of a page: the run's (``Settings.languages``) and its page locale's
    language, when the detector knows it — a Turkish page is read as Turkish (not as the nearest
    configured language) without configuring ``tr``."""
    return _page_candidates(tuple(languages), page_locale)


def detect_variant(variant: Variant, languages: Sequence[str]) -> Variant:
    sample = _variant_sample(variant)
    lang, confidence = langid.detect_voting(sample, languages)
    long_bodies = [i for i, c in enumerate(variant.chapters) if len(c.body) >= CHAPTER_MIN_CHARS]
    samples = [chapter_sample(variant.chapters[i].body) for i in long_bodies]
    detected = langid.detect_expecting(samples, languages, lang)
    chapter_langs = {i: found for i, (found, _confidence) in zip(long_bodies, detected, strict=True)}
    chapters = tuple(
        replaced(c, lang=chapter_langs.get(i) or (lang if c.body else "und"))
        for i, c in enumerate(variant.chapters)
    )
    return replaced(variant, lang=lang, lang_confidence=round(confidence, 3), chapters=chapters)


def chapter_sample(body: str) -> str:
    """The leading ``CHAPTER_SAMPLE_CHARS`` of a chapter body, cut at a space when there is one."""
    if len(body) <= CHAPTER_SAMPLE_CHARS:
        return body
    cut = body.rfind(" ", CHAPTER_SAMPLE_CHARS // 2, CHAPTER_SAMPLE_CHARS)
    return body[: cut if cut > 0 else CHAPTER_SAMPLE_CHARS]


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
