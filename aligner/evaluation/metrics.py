"""Measures for labelled fixtures: ROC AUC (Mann–Whitney U), precision and recall."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive ranks above a random negative (ties count half).

    This is the Mann–Whitney U statistic divided by ``len(positives) × len(negatives)``, computed
    from mid-ranks of the pooled sample. A *positive* is what should score higher; to measure
    how well a low score flags a defect, pass the negated scores (or swap the groups).
    """
    if not positives or not negatives:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    pooled = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives], key=lambda t: t[0])
    ranks = [0.0] * len(pooled)
    k = 0
    while k < len(pooled):
        end = k
        while end + 1 < len(pooled) and pooled[end + 1][0] == pooled[k][0]:
            end += 1
        mid = (k + end) / 2 + 1  # 1-based mid-rank of the tie group
        for t in range(k, end + 1):
            ranks[t] = mid
        k = end + 1
    rank_sum = sum(r for r, (_v, label) in zip(ranks, pooled, strict=True) if label)
    n_pos, n_neg = len(positives), len(negatives)
    u = rank_sum - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


def compare_sets(flagged: set[object], expected: set[object]) -> Counts:
    """Counts of a detector that flagged ``flagged`` when ``expected`` should have been flagged."""
    return Counts(tp=len(flagged & expected), fp=len(flagged - expected), fn=len(expected - flagged))


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"
