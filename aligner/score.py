"""Score stage: chapter-pair scores from documented components, variant scores, MQM quality.

Chapter pair score (0–100) = 100 × weighted mean of five components, each in 0..1:

* ``ts_score`` — timestamp agreement: 1 when the timestamps agree (after the variant's constant
  offset), falling linearly to 0 at four times the tolerance.
* ``length_score`` — length plausibility: ``exp(-z²/2)`` where ``z`` is the distance of the log
  length ratio (variant/reference, in characters) from the expected log ratio for the language
  pair (built-in priors per language), in units of ``LENGTH_SIGMA``.
* ``anchor_score`` — anchor recall: share of the reference chapter's anchors (numbers, acronyms,
  entity names written in Latin script) found in the variant chapter; 1 when there are none.
* ``quote_score`` — quote parity: min/max of the quote counts (1 when both have none).
* ``lang_score`` — language correctness: 1 when the chapter body is in the page's locale (or
  undetermined), 0 when it is in another language.

Missing and extra chapters score 0. Weights are ``WEIGHTS``. A variant's score is the mean of its
matched chapter scores weighted by reference chapter length, times coverage (the length-weighted
share of reference chapters that have a counterpart). Quality is MQM-style: 100 minus penalty
points (error 5, warning 1, info 0) per 1,000 words of the variant, floored at 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from aligner import langdata
from aligner.model import Alignment, ChapterPair, Episode, Finding, Severity, Variant
from aligner.results import ChapterRow, VariantRow

WEIGHTS: dict[str, float] = {
    "ts_score": 0.25,
    "length_score": 0.2,
    "anchor_score": 0.2,
    "quote_score": 0.2,
    "lang_score": 0.15,
}
COMPONENTS: tuple[str, ...] = tuple(WEIGHTS)
LENGTH_SIGMA = 0.45
PENALTY = {Severity.ERROR: 5.0, Severity.WARNING: 1.0, Severity.INFO: 0.0}

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}\b")


def _prior(lang: str) -> float:
    table = langdata.table(lang.split("-")[0]) if lang else None
    return table.length_prior if table is not None else 1.0


def expected_ratio(ref_lang: str, var_lang: str) -> float:
    return _prior(var_lang) / _prior(ref_lang)


def anchors(text: str, names: Sequence[str]) -> set[str]:
    normalized = unicodedata.normalize("NFKC", text)
    found = {m.replace(",", "").replace(".", "") for m in _NUMBER.findall(normalized)}
    found |= set(_ACRONYM.findall(normalized))
    folded = normalized.casefold()
    found |= {n for n in names if n.isascii() and n.casefold() in folded}
    return found


def anchor_recall(ref_text: str, var_text: str, names: Sequence[str]) -> float:
    wanted = anchors(ref_text, names)
    if not wanted:
        return 1.0
    var_norm = unicodedata.normalize("NFKC", var_text)
    have = anchors(var_norm, names)
    folded = var_norm.casefold()
    hits = sum(1 for a in wanted if a in have or a.casefold() in folded)
    return hits / len(wanted)


def chapter_components(
    pair: ChapterPair, tolerance: int, ref_lang: str, variant: Variant, names: Sequence[str]
) -> dict[str, float]:
    if pair.ref is None or pair.var is None:
        return dict.fromkeys(COMPONENTS, 0.0)
    ref, var = pair.ref, pair.var
    drift = abs(var.ts - pair.offset - ref.ts)
    ts_score = max(0.0, 1.0 - drift / (4 * max(tolerance, 1)))
    ref_len, var_len = len(ref.body) + 1, len(var.body) + 1
    expected = expected_ratio(ref_lang, variant.lang if variant.lang != "und" else ref_lang)
    z = (math.log(var_len / ref_len) - math.log(expected)) / LENGTH_SIGMA
    length_score = math.exp(-(z * z) / 2)
    quotes_ref, quotes_var = len(ref.quotes), len(var.quotes)
    quote_score = (
        1.0 if quotes_ref == quotes_var else min(quotes_ref, quotes_var) / max(quotes_ref, quotes_var)
    )
    expected_lang = variant.page_locale if variant.page_locale not in ("", "und") else variant.lang
    lang_ok = var.lang in ("und", expected_lang.split("-")[0]) or expected_lang == "und"
    return {
        "ts_score": ts_score,
        "length_score": length_score,
        "anchor_score": anchor_recall(
            ref.body + " " + " ".join(q.text for q in ref.quotes),
            var.body + " " + " ".join(q.text for q in var.quotes),
            names,
        ),
        "quote_score": quote_score,
        "lang_score": 1.0 if lang_ok else 0.0,
    }


def combine(components: dict[str, float]) -> float:
    return 100.0 * sum(WEIGHTS[k] * components[k] for k in COMPONENTS) / sum(WEIGHTS.values())


def chapter_rows(episode: Episode, alignment: Alignment, tolerance: int) -> list[ChapterRow]:
    variant = alignment.variant
    names = [e.name for e in episode.reference.entities or ()]
    rows = []
    for pair in alignment.chapters:
        comps = chapter_components(pair, tolerance, episode.ref_lang, variant, names)
        score = combine(comps) if pair.ref is not None and pair.var is not None else 0.0
        rows.append(
            ChapterRow(
                episode_id=episode.episode_id,
                episode_title=episode.title,
                page_locale=variant.page_locale,
                lang=variant.lang,
                ref_lang=episode.ref_lang,
                ref_ts=pair.ref.label if pair.ref else "",
                var_ts=pair.var.label if pair.var else "",
                status=pair.status,
                score=score,
                components=tuple((k, comps[k]) for k in COMPONENTS),
                source_path=variant.source_path,
                ref_title=pair.ref.title if pair.ref else "",
                var_title=pair.var.title if pair.var else "",
            )
        )
    return rows


def variant_score(rows: Sequence[ChapterRow], alignment: Alignment) -> tuple[float, float]:
    """(score, coverage) — length-weighted mean of matched chapter scores × coverage."""
    weights = {p.ref.label: len(p.ref.body) + 1 for p in alignment.chapters if p.ref is not None}
    total = sum(weights.values())
    if not total:
        return 0.0, 0.0
    matched = [r for r in rows if r.ref_ts and r.var_ts]
    covered = sum(weights.get(r.ref_ts, 0) for r in matched)
    coverage = covered / total
    if not covered:
        return 0.0, coverage
    mean = sum(r.score * weights.get(r.ref_ts, 0) for r in matched) / covered
    return mean * coverage, coverage


def quality(findings: Sequence[Finding], words: int) -> float:
    points = sum(PENALTY[f.severity] for f in findings)
    return max(0.0, 100.0 - points * 1000.0 / max(words, 1))


def variant_row(
    episode: Episode,
    variant: Variant,
    findings: Sequence[Finding],
    score: float | None,
    coverage: float | None,
) -> VariantRow:
    counts = Counter(f.severity for f in findings)
    words = variant.word_count()
    return VariantRow(
        episode_id=episode.episode_id,
        episode_title=episode.title,
        page_locale=variant.page_locale,
        lang=variant.lang,
        is_reference=variant.key == episode.reference.key,
        chapters=len(variant.chapters),
        quotes=variant.quote_count,
        entities=variant.entity_count,
        score=score,
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        source_path=variant.source_path,
        title=variant.title,
        layout=variant.layout.value,
        coverage=coverage,
        quality=quality(findings, words),
        words=words,
    )
