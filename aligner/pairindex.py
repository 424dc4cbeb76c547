"""Which variant pairs can possibly pair on their chapter signature — without comparing all pairs.

``aligner.pair`` merges differently titled variants when their chapter timestamps agree: a pair
scores 0 unless both have at least ``min_chapters`` (≥ 2) chapters and at least half of the
longer one's chapters match within the tolerance — so at least two chapters match. Comparing
every pair of title groups is quadratic (50 million pairs for a 10,000-variant catalog), so this
index proposes only pairs that can pass that test, and proposes every one of them (prefix
filtering on pairs of chapters):

* timestamps are bucketed by ``tolerance + 1`` seconds, so two timestamps within the tolerance
  fall in the same or adjacent buckets;
* every variant indexes each pair of its chapters ``(x1 < x2)`` under their two buckets;
* if ``m = ⌈n/2⌉`` of a variant's ``n`` chapters must match, then any ``n - m + 2`` of its
  chapters hold two matched ones (pigeonhole). Each variant *probes* with every pair of its
  ``n - m + 2`` rarest chapters (the shared ``[00:00]`` is the most common and comes last),
  looking up the neighbouring buckets (±1 on each side);
* when ``m ≥ 3``, it probes with ``n - m + 3`` chapters instead, three of which match: a real
  partner is hit by at least three distinct probe pairs, and pairs hit by fewer are chance
  coincidences of two timestamps, dropped before they are scored.

So a pair whose timestamps agree on at least half the chapters always shares a probe hit; the
pair's real score is still computed by ``aligner.pair``. Candidates come back sorted, so the
result does not depend on dictionary order.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

_SHIFT = 1 << 32  # two buckets in one int key (timestamps are far below 2**32 s)
_NEIGHBOURS = tuple(itertools.product((-1, 0, 1), repeat=2))


def _key(first: int, second: int) -> int:
    return first * _SHIFT + second


def candidate_pairs(
    signatures: Sequence[Sequence[int]], tolerance: int, min_chapters: int
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of signatures (chapter timestamps) that may share at
    least half of the longer one's chapters within ``tolerance``; a superset of those that do."""
    if min_chapters < 2:
        raise ValueError("candidate_pairs relies on at least two matched chapters")
    width = tolerance + 1
    buckets = [sorted(ts // width for ts in sig) for sig in signatures]
    eligible = [i for i, sig in enumerate(buckets) if len(sig) >= min_chapters]
    frequency: Counter[int] = Counter()
    index: dict[int, list[int]] = defaultdict(list)
    for i in eligible:
        frequency.update(set(buckets[i]))
        for key in {_key(a, b) for a, b in itertools.combinations(buckets[i], 2)}:
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for i in eligible:
        sig = buckets[i]
        n = len(sig)
        must = (n + 1) // 2  # chapters of this signature that match in any pair worth proposing
        # With three or more of them, take one more probe chapter: then three matched probes —
        # three probe pairs — hit the partner, which filters out chance two-chapter coincidences.
        wanted = 3 if must >= 3 else 1
        keep = n - must + (3 if wanted == 3 else 2)
        rare = sorted(sig, key=lambda b: (frequency[b - 1] + frequency[b] + frequency[b + 1], b))[:keep]
        hits: Counter[int] = Counter()
        for a, b in itertools.combinations(sorted(rare), 2):
            found: set[int] = set()
            for da, db in _NEIGHBOURS:
                found.update(index.get(_key(a + da, b + db), ()))
            hits.update(found)
        for j, count in hits.items():
            if j != i and count >= wanted:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)
