"""Variants that pair only once their timestamps are shifted: a constant offset of every chapter.

A locale whose audio has a few more seconds of intro shows every chapter a little later
(``[00:08]``, ``[07:59]``, … against ``[00:00]``, ``[07:51]``, …). The alignment stage reports
such an offset once (C103); but when the variants' titles differ (the LeCun episode: Spanish on one
page, Japanese on the other) they must first pair on their chapter timestamps, and beyond the
tolerance no timestamp matches — the shifted variant became an episode of its own, the reference
of nothing, and no check compared it with anything.

A shift keeps the gaps between consecutive chapters. So every variant is indexed by each pair of
consecutive gaps of its sorted timestamps, bucketed by ``2 × tolerance + 1`` seconds (two
timestamps each within the tolerance give gaps within twice of it: the same or an adjacent
bucket). A variant left alone by the other pairing rules probes the index with its own gap pairs
(neighbouring buckets included), and every variant hit by at least half of them (and at least
``MIN_GAP_HITS``) is a candidate. ``aligner.pair`` then accepts a candidate only when one offset
explains most of their chapters *exactly* (``aligner.align.estimate_offset``), the shifted
signature scores as an unshifted one must, and the lone variant has no other such candidate:
catalogs built from templates hold whole episodes that are shifted copies of each other, and an
ambiguous shift pairs nothing.

A bucketed gap pair that more than ``MAX_KEY_OWNERS`` variants hold is skipped (it counts as not
shared): it identifies nothing, and probing it would make the pass quadratic. The index is built
only for a run with such lonely variants, and only they probe it.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

MIN_GAP_HITS = 2  # gap pairs a candidate must share with the probing variant (fewer if it has fewer)
MAX_KEY_OWNERS = 64  # variants holding one bucketed gap pair beyond which it is no evidence
_NEIGHBOURS = tuple((da, db) for da in (-1, 0, 1) for db in (-1, 0, 1))


def gap_keys(timestamps: Sequence[int], width: int) -> set[tuple[int, int]]:
    """The bucketed pairs of consecutive gaps between the distinct sorted ``timestamps``."""
    ordered = sorted(set(timestamps))
    gaps = [b - a for a, b in itertools.pairwise(ordered)]
    return {(g // width, h // width) for g, h in itertools.pairwise(gaps)}


def shifted_candidates(
    signatures: Sequence[Sequence[int]], probes: Sequence[int], tolerance: int
) -> Iterator[tuple[int, int]]:
    """``(probe, other)`` index pairs whose chapter gaps agree on at least half of the probe's gap
    pairs and at least ``MIN_GAP_HITS`` of them (all when it has fewer), for each index in
    ``probes``; in order."""
    if not probes:
        return
    width = 2 * tolerance + 1
    keys = [gap_keys(signature, width) for signature in signatures]
    index: dict[tuple[int, int], list[int]] = defaultdict(list)
    for owner, owned in enumerate(keys):
        for key in owned:
            index[key].append(owner)
    for probe in probes:
        own = keys[probe]
        if not own:
            continue
        hits: Counter[int] = Counter()
        for a, b in own:
            hit: set[int] = set()
            for da, db in _NEIGHBOURS:
                owners = index.get((a + da, b + db), ())
                if len(owners) <= MAX_KEY_OWNERS:  # a gap pattern that common tells no episode
                    hit.update(owners)
            hits.update(hit)
        needed = max(min(MIN_GAP_HITS, len(own)), (len(own) + 1) // 2)
        for other in sorted(hits):
            if other != probe and hits[other] >= needed:
                yield probe, other
