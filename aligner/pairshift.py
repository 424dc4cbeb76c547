"""Variants that pair only once their timestamps are shifted: a constant offset of every chapter.

A locale whose audio has a few more seconds of intro shows every chapter a little later
(``[00:08]``, ``[07:59]``, … against ``[00:00]``, ``[07:51]``, …). The alignment stage reports
such an offset once (C103); but when the variants' titles differ (the LeCun episode: Spanish on one
page, Japanese on the other) they must first pair on their chapter timestamps, and beyond the
tolerance no timestamp matches — the shifted variant became an episode of its own, the reference
of nothing, and no check compared it with anything.

A shift keeps the gaps between consecutive chapters. So every variant is indexed by each run of
``GAP_RUN`` consecutive gaps of its sorted timestamps (and, for a variant with fewer gaps, by each
pair), bucketed by ``2 × tolerance + 1`` seconds: two timestamps each within the tolerance give
gaps within twice of it, so the same or an adjacent bucket. A variant left alone by the other
pairing rules probes the index with its own gap runs (neighbouring buckets included), and every
variant hit by at least half of them (and at least ``MIN_GAP_HITS``) is a candidate.
``aligner.pair`` then accepts a candidate only when one offset explains most of their chapters
*exactly* (``aligner.align.estimate_offset``), the shifted signature scores as an unshifted one
must, and the lone variant has no other such candidate: catalogs built from templates hold whole
episodes that are shifted copies of each other, and an ambiguous shift pairs nothing.

Runs of three gaps, not two: with gaps of a few minutes in 11 s buckets, a 10,000-variant catalog
holds each bucketed pair some twenty times, each run of three about once. A key that more than
``MAX_KEY_OWNERS`` variants hold is skipped (it counts as not shared): it identifies nothing, and
probing it would make the pass quadratic. The index is built only for a run with such lonely
variants, and only they probe it.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

MIN_GAP_HITS = 2  # gap runs a candidate must share with the probing variant (fewer if it has fewer)
MAX_KEY_OWNERS = 64  # variants holding one bucketed gap run beyond which it is no evidence
GAP_RUN = 3  # consecutive gaps per key (a variant with fewer uses pairs)
_Key = tuple[int, ...]


def gap_keys(timestamps: Sequence[int], width: int, run: int = GAP_RUN) -> set[_Key]:
    """The bucketed runs of ``run`` consecutive gaps between the distinct sorted ``timestamps``."""
    ordered = sorted(set(timestamps))
    buckets = [(b - a) // width for a, b in itertools.pairwise(ordered)]
    return {tuple(buckets[i : i + run]) for i in range(len(buckets) - run + 1)}


def _probe_keys(timestamps: Sequence[int], width: int) -> set[_Key]:
    """The keys a variant probes with: its gap runs, or its gap pairs when it has no run."""
    return gap_keys(timestamps, width) or gap_keys(timestamps, width, 2)


@functools.cache
def _neighbours(length: int) -> tuple[tuple[int, ...], ...]:
    return tuple(itertools.product((-1, 0, 1), repeat=length))


def shifted_candidates(
    signatures: Sequence[Sequence[int]], probes: Sequence[int], tolerance: int
) -> Iterator[tuple[int, int]]:
    """``(probe, other)`` index pairs whose chapter gaps agree on at least half of the probe's gap
    runs (``_probe_keys``) and at least ``MIN_GAP_HITS`` of them (all when it has fewer), for each
    index in ``probes``; in order."""
    if not probes:
        return
    width = 2 * tolerance + 1
    probing = {probe: _probe_keys(signatures[probe], width) for probe in probes}
    runs = sorted({len(key) for keys in probing.values() for key in keys})  # gap run lengths probed
    index: dict[_Key, list[int]] = defaultdict(list)
    for owner, signature in enumerate(signatures):
        for run in runs:  # keys of different lengths never collide
            for key in gap_keys(signature, width, run):
                index[key].append(owner)
    for probe in probes:
        own = probing[probe]
        if not own:
            continue
        hits: Counter[int] = Counter()
        for key in own:
            hit: set[int] = set()
            for offsets in _neighbours(len(key)):
                owners = index.get(tuple(map(operator.add, key, offsets)), ())
                if len(owners) <= MAX_KEY_OWNERS:  # a gap pattern that common tells no episode
                    hit.update(owners)
            hits.update(hit)
        needed = max(min(MIN_GAP_HITS, len(own)), (len(own) + 1) // 2)
        for other in sorted(hits):
            if other != probe and hits[other] >= needed:
                yield probe, other
