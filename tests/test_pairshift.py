"""A variant whose every chapter is shifted by a constant offset still pairs with its episode
(``aligner.pairshift``, ``aligner.pair._shifted_candidates``) — and only when the shift points to
one episode."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.cache import RunCache
from aligner.model import Episode, Variant
from aligner.pair import pair_variants
from aligner.pairshift import MAX_KEY_OWNERS, shifted_candidates
from aligner.pipeline import load
from aligner.settings import Settings
from tests.conftest import SAMPLES

TOLERANCE = Settings().tolerance


@pytest.fixture(scope="module")
def sample_variants() -> list[Variant]:
    return [v for page in load([str(SAMPLES)], Settings()) for v in page.variants]


def _lecun(variants: list[Variant], locale: str) -> Variant:
    return next(
        v for v in variants if v.page_locale == locale and ("LeCun" in v.title or "ルカン" in v.title)
    )


def _shifted(variant: Variant, offsets: list[int], **changes: object) -> Variant:
    chapters = tuple(
        dataclasses.replace(c, ts=c.ts + d) for c, d in zip(variant.chapters, offsets, strict=True)
    )
    return dataclasses.replace(variant, chapters=chapters, **changes)  # type: ignore[arg-type]


def _episode_of(episodes: list[Episode], variant: Variant) -> Episode:
    return next(e for e in episodes if any(v.key == variant.key for v in e.variants))


@pytest.mark.parametrize("offset", [8, 30, -20, 300])
def test_a_shifted_variant_pairs_with_its_episode(sample_variants: list[Variant], offset: int) -> None:
    # LeCun has a Spanish and a Japanese title: only the chapter timestamps pair them
    ja = _lecun(sample_variants, "ja")
    shifted = _shifted(ja, [offset] * len(ja.chapters))
    variants = [shifted if v.key == ja.key else v for v in sample_variants]
    episodes = pair_variants(variants, "en", TOLERANCE)
    lecun = _episode_of(episodes, shifted)
    assert len(episodes) == 3
    assert sorted(v.page_locale for v in lecun.variants) == ["es", "ja"]
    assert lecun.pairing == "signature"


def test_a_jittered_variant_is_not_a_shifted_one(sample_variants: list[Variant]) -> None:
    # every chapter moved by its own amount beyond the tolerance: no one offset explains them
    ja = _lecun(sample_variants, "ja")
    jitter = random.Random(7)
    shifted = _shifted(ja, [jitter.choice([-1, 1]) * jitter.randint(8, 40) for _c in ja.chapters])
    variants = [shifted if v.key == ja.key else v for v in sample_variants]
    episodes = pair_variants(variants, "en", TOLERANCE)
    assert len(_episode_of(episodes, shifted).variants) == 1


def test_a_shift_that_fits_two_episodes_pairs_with_neither(sample_variants: list[Variant]) -> None:
    ja, es = _lecun(sample_variants, "ja"), _lecun(sample_variants, "es")
    shifted = _shifted(ja, [12] * len(ja.chapters))
    # the Spanish card once more, on another page under another title, 30 s later: the Japanese
    # card fits both Spanish ones on a shift, and they fit each other on one
    twin = _shifted(es, [30] * len(es.chapters), source_path=es.source_path + ".copy", title="Otro título")
    variants = [shifted if v.key == ja.key else v for v in sample_variants] + [twin]
    episodes = pair_variants(variants, "en", TOLERANCE)
    assert [len(_episode_of(episodes, v).variants) for v in (shifted, es, twin)] == [1, 1, 1]
    # without the twin, the shift points to one episode
    alone = pair_variants([shifted if v.key == ja.key else v for v in sample_variants], "en", TOLERANCE)
    assert len(_episode_of(alone, shifted).variants) == 2


def test_a_shifted_variant_never_joins_an_episode_of_its_own_locale(sample_variants: list[Variant]) -> None:
    es = _lecun(sample_variants, "es")
    # a Spanish card on another page, shifted, with another title: the episode has Spanish already
    other = _shifted(es, [15] * len(es.chapters), source_path=es.source_path + ".copy", title="Otro título")
    episodes = pair_variants([*sample_variants, other], "en", TOLERANCE)
    assert len(_episode_of(episodes, other).variants) == 1
    assert len(_episode_of(episodes, es).variants) == 2


def test_a_cached_pairing_plan_follows_a_changed_page_locale(
    sample_variants: list[Variant], tmp_path: Path
) -> None:
    # The same card, with the same path, title and timestamps, on a page whose locale changed (a
    # page without a locale folder takes it from its UI strings, or from ``--locale``): grouping
    # read the locale, so the plan cached for the old one must not be reused.
    es = _lecun(sample_variants, "es")
    store = RunCache(tmp_path / "cache")
    spanish = _shifted(es, [15] * len(es.chapters), source_path=es.source_path + ".copy", title="Otro título")
    before = pair_variants([*sample_variants, spanish], "en", TOLERANCE, store)
    assert len(_episode_of(before, spanish).variants) == 1
    portuguese = dataclasses.replace(spanish, page_locale="pt")
    after = pair_variants([*sample_variants, portuguese], "en", TOLERANCE, store)
    assert len(_episode_of(after, portuguese).variants) == 3
    assert after == pair_variants([*sample_variants, portuguese], "en", TOLERANCE)


timestamps = st.lists(st.integers(0, 7200), min_size=3, max_size=20, unique=True).filter(
    lambda ts: len({b - a for a, b in zip(sorted(ts), sorted(ts)[1:], strict=False)}) > 1
)


@settings(deadline=None, max_examples=200)
@given(
    signature=timestamps,
    offset=st.integers(-600, 600),
    tolerance=st.integers(0, 12),
    others=st.integers(0, 30),
)
def test_a_shifted_copy_is_always_proposed(
    signature: list[int], offset: int, tolerance: int, others: int
) -> None:
    noise = random.Random(len(signature) * 7919 + others)
    unrelated = [sorted(noise.sample(range(7200), len(signature))) for _k in range(others)]
    signatures = [signature, *unrelated, [t + offset for t in signature]]
    proposed = set(shifted_candidates(signatures, [len(signatures) - 1], tolerance))
    assert (len(signatures) - 1, 0) in proposed


def test_a_gap_pattern_held_by_too_many_variants_proposes_nothing() -> None:
    common = [0, 300, 600, 900]  # every variant has the same chapter gaps: they tell no episode
    signatures = [[t + 1000 * k for t in common] for k in range(MAX_KEY_OWNERS + 2)]
    assert list(shifted_candidates(signatures, [0], 5)) == []
    assert list(shifted_candidates(signatures[:3], [0], 5)) == [(0, 1), (0, 2)]


def test_a_shifted_copy_is_found_among_fifty_thousand_real_looking_signatures() -> None:
    """Gaps of one to fifteen minutes, as chapters have: among 50,000 variants the gap runs stay
    selective (no key reaches ``MAX_KEY_OWNERS``), so the copy is still proposed, and few others."""
    rng = random.Random(3)
    signatures = []
    for _k in range(50000):
        ts = [0]
        for _c in range(rng.randint(6, 16)):
            ts.append(ts[-1] + rng.randint(60, 900))
        signatures.append(ts)
    signatures.append([t + 8 for t in signatures[1234]])  # (gap pairs, not runs, lost it there)
    proposed = list(shifted_candidates(signatures, [50000], TOLERANCE))
    assert (50000, 1234) in proposed
    assert len(proposed) <= 3
