"""Score stage: chapter-pair scores from documented components, variant scores, MQM quality.

Chapter pair score (0–100) = 100 × the weighted *geometric* mean of the components below, each in
0..1 and floored at ``COMPONENT_FLOOR`` (0.1), so one failed component pulls the score down hard
(a dropped quote: 100 → 72) while small wobbles of several stay small:

* ``ts_score`` — timestamp agreement: 1 when the timestamps agree (after the variant's constant
  offset), falling linearly to 0 at four times the tolerance.
* ``length_score`` — length plausibility: ``exp(-z²/2)`` where ``z`` is the distance of the log
  length ratio (variant/reference, title and body in characters) from the expected log ratio for
  the language pair, in units of the pair's spread — both from ``aligner.lengthmodel``, calibrated
  on the run's own chapter pairs with per-language priors (``LengthModel()``: priors only).
* ``anchor_score`` — anchor recall: share of the reference chapter's anchors (numbers, acronyms,
  entity names written in Latin script) found in the variant chapter; names and acronyms count
  only when the variant uses them somewhere (a term rendered differently throughout is not a
  chapter's loss); 1 when there are none.
* ``quote_score`` — quote parity: min/max of the quote counts (1 when both have none).
* ``lang_score`` — language correctness: 1 when the chapter body is in the language the variant
  should be in (the page's locale for a localized variant; for a variant that is as a whole in
  another language — L401/L402, judged once per variant — its own language) or undetermined, 0
  when it is in another language (typically the reference language: an untranslated chapter).
* ``content_score`` — content fit (C106): similarity of the variant body with its timestamp
  partner divided by its best similarity with any reference chapter (``aligner.contentalign``);
  1 when the body fits its own reference chapter best, low for swapped or shifted bodies.
* ``damage_score`` — text damage: ``1 / (1 + 3 × hits)`` over the encoding damage (mojibake, U+FFFD,
  control characters) and markup leftovers (tags, entities, placeholders) found in the variant
  chapter's title, body and quotes (``aligner.textdamage``, as S006/S007 see them).

Missing and extra chapters score 0. Weights are ``WEIGHTS``. The weighted geometric mean
separates defective from clean chapters as well as the arithmetic mean did on the labelled
fixtures (``scripts/validate_scores.py``, ROC AUC 0.99) with a wider gap between the two groups,
which is what T504's threshold needs. A variant's score is the mean of its
matched chapter scores weighted by reference chapter length, times coverage (the length-weighted
share of reference chapters that have a counterpart). Quality is MQM-style: 100 minus penalty
points (error 5, warning 1, info 0) per 1,000 words of the variant, floored at 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from functools import lru_cache

from aligner import langdata, numerals
from aligner.contentalign import build_matrix
from aligner.contentmatrix import ContentMatrix
from aligner.lengthmodel import LengthModel, chapter_length
from aligner.locales import language_of
from aligner.memo import identity_cache
from aligner.model import Alignment, Chapter, ChapterPair, Episode, Finding, Severity, Variant
from aligner.results import ChapterRow, VariantRow
from aligner.terms import TermIndex
from aligner.textdamage import encoding_damage, markup_leftovers

WEIGHTS: dict[str, float] = {
    "ts_score": 0.25,
    "length_score": 0.2,
    "anchor_score": 0.2,
    "quote_score": 0.2,
    "lang_score": 0.15,
    "content_score": 0.2,
    "damage_score": 0.2,
}
COMPONENTS: tuple[str, ...] = tuple(WEIGHTS)
LENGTH_SIGMA = 0.45
COMPONENT_FLOOR = 0.1  # a failed component costs a bounded share of the score
PENALTY = {Severity.ERROR: 5.0, Severity.WARNING: 1.0, Severity.INFO: 0.0}

_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")  # Arabic decimal and thousands marks too
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9]{1,}\b")  # = \b[A-Z][A-Z0-9]{1,}\b, scanned faster


def _prior(lang: str) -> float:
    table = langdata.table(language_of(lang)) if lang else None
    return table.length_prior if table is not None else 1.0


def expected_ratio(ref_lang: str, var_lang: str) -> float:
    return _prior(var_lang) / _prior(ref_lang)


def anchors(text: str, names: Sequence[str]) -> set[str]:
    return set(_anchors(text, tuple(names)))


@lru_cache(maxsize=1024)  # reuse is within an episode; entries are whole token sets
def _anchors(text: str, names: tuple[str, ...]) -> frozenset[str]:
    normalized = unicodedata.normalize("NFKC", text)
    found = {_numeral(m) for m in _NUMBER.findall(normalized)}
    found |= set(_ACRONYM.findall(normalized))
    folded = normalized.casefold()
    found |= {name for name, folded_name in _ascii_names(names) if folded_name in folded}
    return frozenset(found)


def _numeral(written: str) -> str:
    """A number anchor: its digits without marks, in ASCII (``٢٠١٩`` = ``2019``, as T502 reads)."""
    digits = written.replace(",", "").replace(".", "")
    if digits.isascii():
        return digits
    return numerals.ascii_digits(digits.replace("\u066b", "").replace("\u066c", ""))


@lru_cache(maxsize=256)
def _ascii_names(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The names that count as anchors (ASCII ones) with their casefolded forms: an episode's
    names are tested against every chapter text of every variant, folded once here."""
    return tuple((name, name.casefold()) for name in names if name.isascii())


def anchor_recall(ref_text: str, var_text: str, names: Sequence[str], vocabulary: str | None = None) -> float:
    """Share of the reference anchors found in the variant text. With ``vocabulary`` (the whole
    variant's text), a name or acronym counts only if the variant uses it somewhere: a term the
    translation renders differently throughout (``World Model`` → ``modelo de mundo``) is not a
    loss in one chapter. Numbers always count."""
    names = tuple(names)
    wanted: Iterable[str] = _anchors(ref_text, names)
    if vocabulary is not None:
        in_vocabulary = _vocabulary_index(vocabulary).contains
        wanted = {a for a in wanted if a.isdigit() or in_vocabulary(a)}
    if not wanted:
        return 1.0
    var_norm = unicodedata.normalize("NFKC", var_text)
    have = _anchors(var_norm, names)
    missing = [a for a in wanted if a not in have]
    if missing:
        in_chapter = _TermIndex(var_norm.casefold()).contains
        found = sum(
            1 for a in missing if in_chapter(a) or _decade_year(a, have) or _written_by_sound(a, var_norm)
        )
    else:
        found = 0
    return (len(wanted) - len(missing) + found) / len(wanted)


def _written_by_sound(anchor: str, var_text: str) -> bool:
    """Whether the variant chapter writes the name ``anchor`` in its own script, each word as T503
    hears it (``aligner.terms``: `डीपमाइंड` is DeepMind). A page that glossed `डीपमाइंड (DeepMind)`
    once "used" the Latin name, and the Hindi chapters writing `डीपमाइंड` alone lost every anchor:
    two faithful chapters scored 70 (T504). Numbers and acronyms are matched as written."""
    if anchor.isdigit() or anchor.isupper():
        return False
    index = _sound_index(var_text)
    return all(index.has(word) for word in anchor.split())


@lru_cache(maxsize=64)
def _sound_index(var_text: str) -> TermIndex:
    """A chapter's T503 index, made once for all the anchors it may write by sound."""
    return TermIndex.of([var_text])


class _TermIndex:
    """Answers ``_contains_term(folded_text, term)`` for many terms of one casefolded text.

    A term made only of ``[a-z0-9]`` occurs as a whole word exactly when it equals one of the
    text's maximal ``[a-z0-9]`` runs (the regex's look-arounds reject precisely a longer run), so
    a set lookup replaces a regex scan of the text; other terms (names with spaces, non-ASCII
    digits) take the regex, once per term: a variant's vocabulary is asked about the same
    names for every chapter."""

    __slots__ = ("_folded", "_known", "_runs")

    def __init__(self, folded_text: str) -> None:
        self._folded = folded_text
        self._runs = frozenset(_WORD_RUN.findall(folded_text))
        self._known: dict[str, bool] = {}

    def contains(self, term: str) -> bool:
        found = self._known.get(term)
        if found is None:
            folded_term = term.casefold()
            if _PLAIN_TERM.fullmatch(folded_term):
                found = folded_term in self._runs
            else:
                found = _contains_term(self._folded, term)
            self._known[term] = found
        return found


_WORD_RUN = re.compile(r"[a-z0-9]+")
_PLAIN_TERM = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=64)
def _vocabulary_index(vocabulary: str) -> _TermIndex:
    """The term index of a whole variant's text (asked once per chapter of the variant)."""
    return _TermIndex(_folded(vocabulary))


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    """NFKC + casefold of a whole variant's text (asked once per chapter of the variant)."""
    return unicodedata.normalize("NFKC", text).casefold()


def _decade_year(anchor: str, have: Set[str]) -> bool:
    """A decade matches its year, as in ``aligner.numbers``: ``los años 90`` = ``1990年代``."""
    return len(anchor) == 2 and anchor.isdigit() and bool({"19" + anchor, "20" + anchor} & have)


def _contains_term(folded_text: str, term: str) -> bool:
    """``term`` in the casefolded text as a whole Latin word (``IA`` is not in ``Gaussian``; ``LLM``
    is in ``LLMが``)."""
    folded_term = term.casefold()
    return folded_term in folded_text and _term_pattern(folded_term).search(folded_text) is not None


@lru_cache(maxsize=4096)
def _term_pattern(folded_term: str) -> re.Pattern[str]:
    """``(?<![a-z0-9])term(?![a-z0-9])``, with the look-behind written after the term: a pattern
    that opens with a literal is scanned for it quickly, one that opens with a look-behind is tried
    at every position (≈ 40 µs per search of a whole variant's text, 20 times more)."""
    literal = re.escape(folded_term)
    return re.compile(rf"{literal}(?<![a-z0-9]{literal})(?![a-z0-9])")


def chapter_components(
    pair: ChapterPair,
    tolerance: int,
    ref_lang: str,
    variant: Variant,
    names: Sequence[str],
    matrix: ContentMatrix | None = None,
    length_model: LengthModel | None = None,
) -> dict[str, float]:
    if pair.ref is None or pair.var is None:
        return dict.fromkeys(COMPONENTS, 0.0)
    ref, var = pair.ref, pair.var
    drift = abs(var.ts - pair.offset - ref.ts)
    ts_score = max(0.0, 1.0 - drift / (4 * max(tolerance, 1)))
    z = (length_model or LengthModel()).z(chapter_length(ref), chapter_length(var), ref_lang, variant.lang)
    length_score = math.exp(-(z * z) / 2)
    quotes_ref, quotes_var = len(ref.quotes), len(var.quotes)
    quote_score = (
        1.0 if quotes_ref == quotes_var else min(quotes_ref, quotes_var) / max(quotes_ref, quotes_var)
    )
    expected_lang = _expected_lang(variant)
    lang_ok = var.lang in ("und", expected_lang) or expected_lang == "und"
    return {
        "ts_score": ts_score,
        "length_score": length_score,
        "anchor_score": anchor_recall(
            ref.body + " " + " ".join(q.text for q in ref.quotes),
            var.body + " " + " ".join(q.text for q in var.quotes),
            names,
            variant_text(variant),
        ),
        "quote_score": quote_score,
        "lang_score": 1.0 if lang_ok else 0.0,
        "content_score": _content_fit(matrix, ref),
        "damage_score": 1.0 / (1.0 + 3.0 * damage_hits(var)),
    }


@identity_cache(maxsize=64)
def variant_text(variant: Variant) -> str:
    """All the running text of a variant (summary, chapter titles, bodies and quotes)."""
    parts = [variant.summary]
    for chapter in variant.chapters:
        parts += [chapter.title, chapter.body, *(q.text for q in chapter.quotes)]
    return " ".join(parts)


def _expected_lang(variant: Variant) -> str:
    """The language the variant's chapters should be in: the page locale when the variant is
    localized for its page (or undetected), else the variant's own language."""
    page = language_of(variant.page_locale)
    own = language_of(variant.lang)
    if page in ("", "und"):
        return own
    return page if own in ("", "und", page) else own


def _content_fit(matrix: ContentMatrix | None, ref: Chapter) -> float:
    if matrix is None:
        return 1.0
    index = matrix.ref_index(ref)
    return 1.0 if index is None else matrix.fit(index)


def damage_hits(chapter: Chapter) -> int:
    """Pieces of encoding damage and markup leftovers in a chapter's title, body and quotes."""
    texts = [chapter.title, chapter.body, *(q.text for q in chapter.quotes)]
    return sum(len(encoding_damage(t)) + len(markup_leftovers(t)) for t in texts if t)


def combine(components: dict[str, float]) -> float:
    """100 × the weighted geometric mean of the components, each floored at ``COMPONENT_FLOOR``."""
    total = sum(WEIGHTS.values())
    log_mean = sum(WEIGHTS[k] * math.log(max(COMPONENT_FLOOR, components[k])) for k in COMPONENTS) / total
    return 100.0 * math.exp(log_mean)


def chapter_rows(
    episode: Episode, alignment: Alignment, tolerance: int, length_model: LengthModel | None = None
) -> tuple[ChapterRow, ...]:
    """The chapter rows of one variant; computed once per alignment object (T504 and the score
    stage both ask, so the finding and ``chapters.csv`` always agree)."""
    return _chapter_rows(episode, alignment, tolerance, length_model)


@identity_cache(maxsize=64)
def _chapter_rows(
    episode: Episode, alignment: Alignment, tolerance: int, length_model: LengthModel | None
) -> tuple[ChapterRow, ...]:
    variant = alignment.variant
    variant_key = variant.key  # one string for every row: pickled once with them
    names = [e.name for e in episode.reference.entities or ()]
    matrix = build_matrix(episode.reference, alignment)
    rows = []
    for pair in alignment.chapters:
        comps = chapter_components(pair, tolerance, episode.ref_lang, variant, names, matrix, length_model)
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
                variant_key=variant_key,
            )
        )
    return tuple(rows)


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
    words: int | None = None,
) -> VariantRow:
    """``words``: ``variant.word_count()`` when already counted (in a worker)."""
    counts = Counter(f.severity for f in findings)
    if words is None:
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
        variant_key=variant.key,
    )
