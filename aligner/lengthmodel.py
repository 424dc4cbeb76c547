"""Expected length of a translation, per language pair, calibrated on the run's own chapters.

The statistic is ``x = log(len(variant) / len(reference))`` in characters (whitespace runs count
as one). For each language pair (reference language → variant language) the model holds a centre
``mu`` and a spread ``sigma`` of ``x``; a chapter's robust z-score is ``(x - mu) / sigma``.

* **Prior**: ``mu₀ = log(prior(var) / prior(ref))`` from the ``length_prior`` of each language
  table (relative to English: Japanese 0.45, Chinese 0.33, Spanish 1.15), ``sigma₀ = PRIOR_SIGMA``.
* **Calibration** on the matched chapter pairs of that language pair in this run (both bodies at
  least ``MIN_CHARS`` long): median ``m`` and scaled MAD ``s = 1.4826 · MAD`` — robust, so the
  defects being looked for (a truncated or doubled chapter) do not move the model.
* **Blend**: with ``n`` calibration pairs the prior counts as ``PRIOR_WEIGHT`` pseudo-pairs:
  ``w = n / (n + PRIOR_WEIGHT)``, ``mu = w·m + (1-w)·mu₀``, ``sigma² = w·s² + (1-w)·sigma₀²``
  (floored at ``MIN_SIGMA``). Below ``MIN_PAIRS`` pairs the prior is used alone.

Quotes are short, so their spread is wider: ``sigma_quote = max(QUOTE_SIGMA_FACTOR · sigma,
QUOTE_MIN_SIGMA)`` around the same centre.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from aligner import langdata
from aligner.model import Alignment, Chapter

PRIOR_SIGMA = 0.22
PRIOR_WEIGHT = 8.0  # the prior counts as this many chapter pairs
MIN_PAIRS = 3  # fewer calibration pairs than this: prior only
MIN_SIGMA = 0.08
MIN_CHARS = 80  # shorter chapter bodies are not used for calibration
MAD_SCALE = 1.4826  # MAD → standard deviation under normality
QUOTE_SIGMA_FACTOR = 1.5
QUOTE_MIN_SIGMA = 0.25


def text_length(text: str) -> int:
    """Characters with whitespace runs counted once (layouts differ in spacing, not in content)."""
    return len(" ".join(text.split()))


def chapter_length(chapter: Chapter) -> int:
    """The chapter's title and body: robust to a title/body split guessed on flattened pages."""
    return _title_body_length(chapter.title, chapter.body)


@functools.lru_cache(maxsize=1 << 15)
def _title_body_length(title: str, body: str) -> int:
    # calibration, the length score and L-checks all ask for the same chapters
    return text_length(f"{title} {body}")


def prior_ratio(lang: str) -> float:
    data = langdata.table(lang) if lang and lang != "und" else None
    return data.length_prior if data is not None else 1.0


@dataclass(frozen=True, slots=True)
class PairModel:
    """The expected log length ratio of one language pair."""

    ref_lang: str
    var_lang: str
    mu: float
    sigma: float
    n: int = 0  # calibration pairs used (0: prior only)
    prior_mu: float = 0.0

    @property
    def ratio(self) -> float:
        """Expected variant/reference length ratio."""
        return math.exp(self.mu)

    def z(self, ref_len: int, var_len: int, quote: bool = False) -> float:
        x = math.log((var_len + 1) / (ref_len + 1))
        sigma = max(QUOTE_SIGMA_FACTOR * self.sigma, QUOTE_MIN_SIGMA) if quote else self.sigma
        return (x - self.mu) / sigma

    def share(self, ref_len: int, var_len: int) -> float:
        """The variant's length as a share of its expected length (1.0 = as expected)."""
        return (var_len + 1) / ((ref_len + 1) * self.ratio)


@dataclass(frozen=True, slots=True)
class LengthModel:
    """Per language pair expectations; pairs never seen in the run fall back to the prior."""

    pairs: Mapping[tuple[str, str], PairModel] = field(default_factory=dict)

    def pair(self, ref_lang: str, var_lang: str) -> PairModel:
        var_lang = var_lang if var_lang not in ("", "und") else ref_lang
        found = self.pairs.get((ref_lang, var_lang))
        return found if found is not None else _prior_model(ref_lang, var_lang)

    def z(self, ref_len: int, var_len: int, ref_lang: str, var_lang: str, quote: bool = False) -> float:
        return self.pair(ref_lang, var_lang).z(ref_len, var_len, quote)

    @classmethod
    def calibrate(
        cls,
        alignments: Iterable[Alignment],
        ref_langs: Mapping[str, str] | None = None,
        measured: Mapping[str, Sequence[float]] | None = None,
    ) -> LengthModel:
        """Fit every language pair seen in ``alignments``. ``ref_langs`` maps a variant key to its
        episode's reference language (default: the most common language of the reference chapters);
        ``measured``: ``alignment_samples`` already known, by variant key (``aligner.aligncache``)."""
        samples: dict[tuple[str, str], list[float]] = defaultdict(list)
        for alignment in alignments:
            ref_lang = (ref_langs or {}).get(alignment.variant.key) or _reference_lang(alignment)
            var_lang = alignment.variant.lang if alignment.variant.lang != "und" else ref_lang
            known = measured.get(alignment.variant.key) if measured is not None else None
            samples[(ref_lang, var_lang)].extend(alignment_samples(alignment) if known is None else known)
        return cls({key: fit(key[0], key[1], values) for key, values in sorted(samples.items())})


def alignment_samples(alignment: Alignment) -> list[float]:
    """The calibration samples of one alignment: the log length ratio of each matched chapter
    pair whose bodies are both long enough."""
    values: list[float] = []
    for pair in alignment.chapters:
        if pair.ref is None or pair.var is None:
            continue
        if len(pair.ref.body) < MIN_CHARS or len(pair.var.body) < MIN_CHARS:
            continue
        values.append(math.log((chapter_length(pair.var) + 1) / (chapter_length(pair.ref) + 1)))
    return values


def fit(ref_lang: str, var_lang: str, values: list[float]) -> PairModel:
    """Blend the robust statistics of ``values`` with the prior (see the module docs)."""
    prior = _prior_model(ref_lang, var_lang)
    n = len(values)
    if n < MIN_PAIRS:
        return prior
    median = statistics.median(values)
    spread = MAD_SCALE * statistics.median(abs(v - median) for v in values)
    weight = n / (n + PRIOR_WEIGHT)
    mu = weight * median + (1 - weight) * prior.mu
    sigma = math.sqrt(weight * spread**2 + (1 - weight) * prior.sigma**2)
    return PairModel(ref_lang, var_lang, mu, max(sigma, MIN_SIGMA), n, prior.mu)


def _prior_model(ref_lang: str, var_lang: str) -> PairModel:
    mu = math.log(prior_ratio(var_lang) / prior_ratio(ref_lang))
    return PairModel(ref_lang, var_lang, mu, PRIOR_SIGMA, 0, mu)


def _reference_lang(alignment: Alignment) -> str:
    langs = Counter(p.ref.lang for p in alignment.chapters if p.ref is not None and p.ref.lang != "und")
    return min(langs, key=lambda lang: (-langs[lang], lang)) if langs else "und"
