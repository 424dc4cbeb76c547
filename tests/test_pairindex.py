"""aligner.pairindex proposes every pair that can pair on its chapter signature (no misses)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.pair import SIGNATURE_MIN_CHAPTERS, timestamp_similarity
from aligner.pairindex import candidate_pairs

signatures = st.lists(st.lists(st.integers(0, 400), max_size=16), max_size=14)


@settings(deadline=None, max_examples=300)
@given(sigs=signatures, tolerance=st.integers(0, 12))
def test_every_pair_that_can_pair_is_a_candidate(sigs: list[list[int]], tolerance: int) -> None:
    proposed = set(candidate_pairs(sigs, tolerance, SIGNATURE_MIN_CHAPTERS))
    for i, j in itertools.combinations(range(len(sigs)), 2):
        a, b = sigs[i], sigs[j]
        if min(len(a), len(b)) >= SIGNATURE_MIN_CHAPTERS and timestamp_similarity(a, b, tolerance) >= 0.5:
            assert (i, j) in proposed, (a, b, tolerance)


def test_unrelated_signatures_are_not_proposed() -> None:
    # Same [00:00] opening, nothing else in common: the index must not compare them.
    sigs = [[0, 2000 + 20 * k, 9000 + 20 * k] for k in range(200)]
    assert candidate_pairs(sigs, 5, SIGNATURE_MIN_CHAPTERS) == []
    assert candidate_pairs([[0, 60, 120], [2, 61, 500]], 5, 3) == [(0, 1)]
