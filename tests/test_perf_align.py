"""The fast pairing and alignment paths give exactly what the straightforward code gives.

``aligner.pairindex`` counts probe hits with numpy, ``aligner.align`` finds nearest timestamps by
bisection and name matches by dictionary: each is checked here against a plain reference, on
random input (hypothesis) and on the real sample pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import align
from aligner.glossary import load_glossary
from aligner.pair import SIGNATURE_MIN_CHAPTERS, pair_variants
from aligner.pairindex import candidate_pairs, candidate_pairs_reference
from aligner.pipeline import load
from aligner.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

timestamps = st.lists(st.integers(0, 600), max_size=18)


def _reference_name_pass(ref_keys: list[str], var_keys: list[str]) -> dict[int, tuple[int, str]]:
    """The original name pass: every reference entity scans the variant list in order."""
    matched: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    for i, key in enumerate(ref_keys):
        for j, other in enumerate(var_keys):
            if j not in used and key and other and key == other:
                matched[i] = (j, "name")
                used.add(j)
                break
    return matched


def _fast_name_pass(ref_keys: list[str], var_keys: list[str]) -> dict[int, tuple[int, str]]:
    matched: dict[int, tuple[int, str]] = {}
    align._match_by_name(ref_keys, var_keys, matched, set())
    return matched


@settings(deadline=None, max_examples=300)
@given(sigs=st.lists(timestamps, max_size=16), tolerance=st.integers(0, 12), min_chapters=st.integers(2, 4))
def test_candidate_pairs_equal_reference(sigs: list[list[int]], tolerance: int, min_chapters: int) -> None:
    assert candidate_pairs(sigs, tolerance, min_chapters) == candidate_pairs_reference(
        sigs, tolerance, min_chapters
    )


@settings(deadline=None, max_examples=100)
@given(sigs=st.lists(st.lists(st.integers(-(10**13), 10**13), max_size=8), max_size=8))
def test_candidate_pairs_equal_reference_for_extreme_timestamps(sigs: list[list[int]]) -> None:
    # negative and huge timestamps: the int64 keys must not overflow (the reference takes over)
    assert candidate_pairs(sigs, 3, SIGNATURE_MIN_CHAPTERS) == candidate_pairs_reference(
        sigs, 3, SIGNATURE_MIN_CHAPTERS
    )


def test_candidate_pairs_on_shared_timestamps() -> None:
    # many variants on the same few timestamps: long index lists, many probe hits
    sigs = [[0, 60 * (k % 7), 600 + 30 * (k % 5), 1200, 1800 + (k % 3)] for k in range(120)]
    assert candidate_pairs(sigs, 2, 3) == candidate_pairs_reference(sigs, 2, 3)


@settings(deadline=None, max_examples=500)
@given(values=st.lists(st.integers(-50, 50), min_size=1, max_size=20), target=st.integers(-60, 60))
def test_nearest_equals_min(values: list[int], target: int) -> None:
    expected = min(values, key=lambda v: (abs(v - target), v))
    assert align._nearest(sorted(values), target) == expected


@settings(deadline=None, max_examples=300)
@given(ref=timestamps, var=timestamps, tolerance=st.integers(0, 10))
def test_estimate_offset_equals_reference(ref: list[int], var: list[int], tolerance: int) -> None:
    ref, var = sorted(ref), sorted(var)
    assert align.estimate_offset(ref, var, tolerance) == _reference_offset(ref, var, tolerance)


def _reference_offset(ref: list[int], var: list[int], tolerance: int) -> int:
    """``estimate_offset`` as it was: the nearest variant timestamp by a linear ``min``."""
    if not ref or not var:
        return 0
    deltas: dict[int, int] = {}
    for r in ref:
        nearest = min(var, key=lambda v: (abs(v - r), v))
        deltas[nearest - r] = deltas.get(nearest - r, 0) + 1
    ranked = sorted(deltas.items(), key=lambda item: -item[1])  # Counter.most_common: stable
    candidates = [0] + [d for d, _ in ranked[: align.MAX_OFFSET_CANDIDATES] if d != 0]
    best, best_key = 0, (-1, -1, 0)
    for offset in candidates:
        matched, exact = align._count_matches(ref, var, tolerance, offset)
        key = (matched, exact, -abs(offset))
        if key > best_key:
            best, best_key = offset, key
    if best != 0 and best_key[1] < max(2, (best_key[0] + 1) // 2):
        return 0
    return best


names = st.lists(st.sampled_from(["", "a", "b", "c", "yann lecun", "d"]), max_size=10)


@settings(deadline=None, max_examples=500)
@given(ref_keys=names, var_keys=names)
def test_name_pass_equals_scan(ref_keys: list[str], var_keys: list[str]) -> None:
    assert _fast_name_pass(ref_keys, var_keys) == _reference_name_pass(ref_keys, var_keys)


@pytest.fixture(scope="module")
def sample_variants() -> list:
    parsed = load([str(SAMPLES / "pages")], Settings(), jobs=1)
    variants = [v for page in parsed for v in page.variants]
    assert variants
    return variants


def test_sample_pages_pairing_uses_same_candidates(sample_variants: list) -> None:
    sigs = [[c.ts for c in v.chapters] for v in sample_variants]
    for tolerance in (0, 2, 5):
        assert candidate_pairs(sigs, tolerance, 3) == candidate_pairs_reference(sigs, tolerance, 3)


def test_sample_pages_alignment_matches_reference_helpers(sample_variants: list) -> None:
    settings_ = Settings()
    glossary = load_glossary(str(SAMPLES / "glossary.csv"))
    episodes = pair_variants(sample_variants, settings_.source_lang, settings_.tolerance)
    assert pair_variants(sample_variants, settings_.source_lang, settings_.tolerance) == episodes
    for episode in episodes:
        reference = episode.reference
        for variant in episode.others:
            ref_ts = sorted(c.ts for c in reference.chapters)
            var_ts = sorted(c.ts for c in variant.chapters)
            tolerance = settings_.tolerance
            assert align.estimate_offset(ref_ts, var_ts, tolerance) == _reference_offset(
                ref_ts, var_ts, tolerance
            )
            ref_keys = [align.normalize_name(e.name) for e in reference.entities or ()]
            var_keys = [align.normalize_name(e.name) for e in variant.entities or ()]
            assert _fast_name_pass(ref_keys, var_keys) == _reference_name_pass(ref_keys, var_keys)
        alignments = align.align_episode(episode, settings_.tolerance, glossary)
        assert alignments == align.align_episode(
            episode, settings_.tolerance, glossary
        )  # caches change nothing
