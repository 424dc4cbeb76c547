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
PROBE_BATCH = 2048  # signatures probing at once: bounds the hit arrays (≈ 100 hits per signature)
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


@functools.cache
def _combinations(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays of ``itertools.combinations(range(n), 2)`` (cached: a few sizes recur)."""
    return np.triu_indices(n, 1)


def _by_length(
    buckets: Sequence[Sequence[int]], eligible: Sequence[int]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The eligible signatures grouped by length ``n``: (their indexes, an (m, n) array of their
    sorted buckets), so that every step below is one numpy operation per length."""
    rows: dict[int, list[int]] = defaultdict(list)
    for i in eligible:
        rows[len(buckets[i])].append(i)
    return [
        (np.array(members, dtype=np.int64), np.array([buckets[i] for i in members], dtype=np.int64))
        for _n, members in sorted(rows.items())
    ]


def _distinct_pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``(first, second)`` pairs, sorted by ``first`` then ``second``."""
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    fresh = np.ones(len(first), dtype=bool)
    fresh[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    return first[fresh], second[fresh]


class _KeyIndex:
    """The pair-key index as sorted arrays: the owners of key ``keys[k]`` are
    ``owners[starts[k]:ends[k]]`` (a CSR layout, so a probe gathers all its hits at once)."""

    def __init__(self, groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        key_parts, owner_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for owners, rows in groups:
            first, second = _combinations(rows.shape[1])
            key_parts.append((rows[:, first] * _SHIFT + rows[:, second]).ravel())
            owner_parts.append(np.repeat(owners, len(first)))
        # a signature is an owner of each of its keys once (like the reference's set of keys)
        keys, self.owners = _distinct_pairs(np.concatenate(key_parts), np.concatenate(owner_parts))
        self.keys, self.starts = np.unique(keys, return_index=True)
        self.ends = np.append(self.starts[1:], len(keys))

    def hits(self, probes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For every probe key, its owners, repeated once per probe that finds them (like chaining
        ``index.get`` over the probes): ``(probe positions, owners)``, one entry per hit."""
        if len(self.keys) == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        pos = np.searchsorted(self.keys, probes)
        pos[pos == len(self.keys)] = 0
        found_at = np.flatnonzero(self.keys[pos] == probes)
        found = pos[found_at]
        starts, lengths = self.starts[found], self.ends[found] - self.starts[found]
        total = int(lengths.sum())
        # positions starts[k] .. starts[k] + lengths[k] - 1 for every found probe, concatenated
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return np.repeat(found_at, lengths), self.owners[shift + np.arange(total)]


class _Nearby:
    """For a bucket ``b``: how many eligible signatures have a chapter in ``b - 1``, ``b`` or
    ``b + 1`` (the reference's ``frequency[b - 1] + frequency[b] + frequency[b + 1]``)."""

    def __init__(self, groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        owners = np.concatenate([np.zeros(0, dtype=np.int64)] + [np.repeat(o, r.shape[1]) for o, r in groups])
        values = np.concatenate([np.zeros(0, dtype=np.int64)] + [r.ravel() for _o, r in groups])
        _owners, values = _distinct_pairs(owners, values)  # a signature counts once per bucket
        self.buckets, self.counts = np.unique(values, return_counts=True)

    def _frequency(self, values: np.ndarray) -> np.ndarray:
        if len(self.buckets) == 0:
            return np.zeros(values.shape, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.buckets, values), len(self.buckets) - 1)
        return np.where(self.buckets[pos] == values, self.counts[pos], 0)

    def __call__(self, values: np.ndarray) -> np.ndarray:
        return self._frequency(values - 1) + self._frequency(values) + self._frequency(values + 1)


def _candidate_pairs_numpy(buckets: Sequence[Sequence[int]], min_chapters: int) -> list[tuple[int, int]]:
    """``candidate_pairs_reference`` in numpy: signatures of one length at once, each probing
    with its rarest buckets; the hits are counted per (prober, owner) pair, ``PROBE_BATCH``
    probers at a time, so the work grows with the hits, not with the square of the catalog."""
    eligible = [i for i, sig in enumerate(buckets) if len(sig) >= min_chapters]
    groups = _by_length(buckets, eligible)
    index, nearby = _KeyIndex(groups), _Nearby(groups)
    offsets = np.array(_OFFSETS, dtype=np.int64)
    width = len(buckets)
    found_i, found_j = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for owners, rows in groups:
        n = rows.shape[1]
        must = (n + 1) // 2
        matched = max(2, min(must, MATCHED_PROBES))
        wanted = matched * (matched - 1) // 2
        keep = min(n, n - must + matched)  # two chapters, both needed: both probe
        # the `keep` rarest buckets of each row (ties: the smaller bucket), in bucket order
        rarity = nearby(rows) * _SHIFT + (rows + _NUMPY_BUCKET_LIMIT)
        rare = np.sort(np.take_along_axis(rows, np.argsort(rarity, axis=1, kind="stable")[:, :keep], 1), 1)
        first, second = _combinations(keep)
        pair_keys = rare[:, first] * _SHIFT + rare[:, second]
        probes = (pair_keys[:, :, None] + offsets[None, None, :]).reshape(len(rows), -1)
        for start in range(0, len(rows), PROBE_BATCH):
            batch = probes[start : start + PROBE_BATCH]
            probers = np.repeat(owners[start : start + PROBE_BATCH], batch.shape[1])
            at, hit = index.hits(batch.ravel())
            counted, counts = np.unique(probers[at] * width + hit, return_counts=True)
            i, j = np.divmod(counted[counts >= wanted], width)
            found_i.append(i[i != j])
            found_j.append(j[i != j])
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    low, high = _distinct_pairs(np.minimum(i, j), np.maximum(i, j))
    return list(zip(low.tolist(), high.tolist(), strict=True))


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
