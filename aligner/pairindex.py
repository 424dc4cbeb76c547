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
* if ``m = ⌈n/2⌉`` of a variant's ``n`` chapters must match, then any ``n - m + k`` of its
  chapters hold ``k`` matched ones (pigeonhole). Each variant *probes* with every pair of its
  ``n - m + k`` rarest chapters (the shared ``[00:00]`` is the most common and comes last),
  looking up the neighbouring buckets (±1 on each side), with ``k = clamp(m, 2, MATCHED_PROBES)``;
* a real partner is then hit by at least ``k(k-1)/2`` distinct probe pairs (6 when ``k = 4``);
  pairs hit by fewer are chance coincidences of a few timestamps, dropped before they are scored.
  (Without that filter a catalog of 10,000 variants, whose episodes share the same few hours of
  timestamps, proposes about 20 chance pairs per variant.)

So a pair whose timestamps agree on at least half the chapters always shares a probe hit; the
pair's real score is still computed by ``aligner.pair``. Candidates come back sorted, so the
result does not depend on dictionary order.

The probe hits are counted with numpy (``_candidate_pairs_numpy``): counting them in Python was
most of the pairing stage. ``candidate_pairs_reference`` is the plain-Python statement of the
same index, kept as the fallback for bucket numbers too large for int64 keys and as the oracle
of the differential tests.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

_SHIFT = 1 << 32  # two buckets in one int key, first * _SHIFT + second (timestamps are far below 2**32 s)
_OFFSETS = tuple(da * _SHIFT + db for da, db in itertools.product((-1, 0, 1), repeat=2))  # neighbours
MATCHED_PROBES = 4  # matched probe chapters required (when half the chapters are at least this many)
_NUMPY_BUCKET_LIMIT = 1 << 30  # |bucket| below this: a*_SHIFT + b ± neighbours fits in int64


def candidate_pairs(
    signatures: Sequence[Sequence[int]], tolerance: int, min_chapters: int
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of signatures (chapter timestamps) that may share at
    least half of the longer one's chapters within ``tolerance``; a superset of those that do."""
    if min_chapters < 2:
        raise ValueError("candidate_pairs relies on at least two matched chapters")
    width = tolerance + 1
    buckets = [sorted(ts // width for ts in sig) for sig in signatures]
    if any(sig and (sig[0] <= -_NUMPY_BUCKET_LIMIT or sig[-1] >= _NUMPY_BUCKET_LIMIT) for sig in buckets):
        return candidate_pairs_reference(signatures, tolerance, min_chapters)
    return _candidate_pairs_numpy(buckets, min_chapters)


def _pair_keys(sig: Sequence[int]) -> set[int]:
    """The index keys of a signature: each pair of its (sorted) buckets, as one int."""
    return {a * _SHIFT + b for a, b in itertools.combinations(sig, 2)}


class _KeyIndex:
    """The pair-key index as sorted arrays: the owners of key ``keys[k]`` are
    ``owners[starts[k]:ends[k]]`` (a CSR layout, so a probe gathers all its hits at once)."""

    def __init__(self, buckets: Sequence[Sequence[int]], eligible: Sequence[int]) -> None:
        key_list: list[int] = []
        owner_list: list[int] = []
        for i in eligible:
            keys = _pair_keys(buckets[i])
            key_list.extend(keys)
            owner_list.extend(itertools.repeat(i, len(keys)))
        all_keys = np.array(key_list, dtype=np.int64)
        order = np.argsort(all_keys, kind="stable")
        sorted_keys = all_keys[order]
        self.owners = np.array(owner_list, dtype=np.int64)[order]
        self.keys, self.starts = np.unique(sorted_keys, return_index=True)
        self.ends = np.append(self.starts[1:], len(sorted_keys))

    def hits(self, probes: np.ndarray) -> np.ndarray:
        """Owners of every probe key, repeated once per probe that finds them (like chaining
        ``index.get`` over the probes)."""
        if len(self.keys) == 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.keys, probes)
        pos[pos == len(self.keys)] = 0
        found = pos[self.keys[pos] == probes]
        starts, lengths = self.starts[found], self.ends[found] - self.starts[found]
        total = int(lengths.sum())
        # positions starts[k] .. starts[k] + lengths[k] - 1 for every found probe, concatenated
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return self.owners[shift + np.arange(total)]


@functools.cache
def _combinations(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays of ``itertools.combinations(range(n), 2)`` (cached: a few sizes recur)."""
    return np.triu_indices(n, 1)


def _candidate_pairs_numpy(buckets: Sequence[Sequence[int]], min_chapters: int) -> list[tuple[int, int]]:
    """``candidate_pairs_reference`` with the probe hits gathered and counted by numpy."""
    eligible = [i for i, sig in enumerate(buckets) if len(sig) >= min_chapters]
    frequency: Counter[int] = Counter()
    for i in eligible:
        frequency.update(set(buckets[i]))
    nearby = {b: frequency[b - 1] + frequency[b] + frequency[b + 1] for b in list(frequency)}
    index = _KeyIndex(buckets, eligible)
    offsets = np.array(_OFFSETS, dtype=np.int64)
    pairs: set[tuple[int, int]] = set()
    for i in eligible:
        sig = buckets[i]
        n = len(sig)
        must = (n + 1) // 2
        matched = max(2, min(must, MATCHED_PROBES))
        wanted = matched * (matched - 1) // 2
        keep = n - must + matched
        rare = np.array(sorted(sorted(sig, key=lambda b: (nearby[b], b))[:keep]), dtype=np.int64)
        first, second = _combinations(len(rare))
        probes = ((rare[first] * _SHIFT + rare[second])[:, None] + offsets[None, :]).ravel()
        counts = np.bincount(index.hits(probes), minlength=len(buckets))
        for j in np.flatnonzero(counts >= wanted).tolist():
            if j != i:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def candidate_pairs_reference(
    signatures: Sequence[Sequence[int]], tolerance: int, min_chapters: int
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of signatures (chapter timestamps) that may share at
    least half of the longer one's chapters within ``tolerance``; a superset of those that do.

    The straightforward implementation: ``candidate_pairs`` returns exactly the same list."""
    if min_chapters < 2:
        raise ValueError("candidate_pairs relies on at least two matched chapters")
    width = tolerance + 1
    buckets = [sorted(ts // width for ts in sig) for sig in signatures]
    eligible = [i for i, sig in enumerate(buckets) if len(sig) >= min_chapters]
    frequency: Counter[int] = Counter()
    index: dict[int, list[int]] = defaultdict(list)
    for i in eligible:
        frequency.update(set(buckets[i]))
        for key in {a * _SHIFT + b for a, b in itertools.combinations(buckets[i], 2)}:
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for i in eligible:
        sig = buckets[i]
        n = len(sig)
        must = (n + 1) // 2  # chapters of this signature that match in any pair worth proposing
        # Probe with enough chapters that `matched` of them match (pigeonhole): a real partner is
        # then hit by every pair of those — `wanted` distinct probe pairs — which filters out
        # chance coincidences of a few timestamps before anything is scored.
        matched = max(2, min(must, MATCHED_PROBES))
        wanted = matched * (matched - 1) // 2
        keep = n - must + matched
        rare = sorted(sig, key=lambda b: (frequency[b - 1] + frequency[b] + frequency[b + 1], b))[:keep]
        keys = [a * _SHIFT + b + o for a, b in itertools.combinations(sorted(rare), 2) for o in _OFFSETS]
        # A signature may be counted more than once per probe (two of its chapters in neighbouring
        # buckets): that only adds candidates, never loses one.
        hits = Counter(itertools.chain.from_iterable(map(index.get, keys, itertools.repeat(()))))
        for j, count in hits.most_common():  # sorted in C: stop at the first chance hit
            if count < wanted:
                break
            if j != i:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)
