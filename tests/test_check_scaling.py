"""Checks whose work grew with the square of what they compare (found by QA of extreme but valid
content): counted in calls, not timed — a count is the same on every machine — and the faster
way checked against the first one."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import numbercompare, pair
from aligner.checks import scrape as scrape_checks
from aligner.checks.base import EpisodeContext
from aligner.model import Chapter, Entity, Episode, Layout, Variant, format_ts
from aligner.numbercompare import SMALL_POOL, NumberDiff, _amount, compare, same_number
from aligner.numbers import NumberMention
from aligner.pipeline import Analysis, analyse, load
from aligner.settings import Settings
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def hassabis() -> tuple[Episode, Analysis]:
    settings = Settings()
    analysis = analyse(load([str(SAMPLES / "en")], settings), settings)
    [episode] = analysis.episodes
    return episode, analysis


def test_truncated_text_reads_each_description_a_bounded_number_of_times(
    hassabis: tuple[Episode, Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    """8,000 entity descriptions without a final period took 32 million `ending` calls (each
    unit re-read every sibling): 20 s of one check."""
    episode, analysis = hassabis
    variant = episode.reference
    many = tuple(
        Entity(f"Name {i}", "Concept", f"A description without a period {i}", i) for i in range(2000)
    )
    big = dataclasses.replace(variant, entities=many)
    episode = dataclasses.replace(episode, variants=(big,), reference=big)
    calls = 0
    real = scrape_checks.ending

    def counted(text: str) -> str:
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(scrape_checks, "ending", counted)
    ctx = EpisodeContext(episode, {}, Settings(), analysis.resources)
    list(scrape_checks.TruncatedText().run(ctx))
    assert calls <= 4 * (len(many) + len(variant.chapters) + 1)


_VALUES = [Decimal(v) for v in (1, 2, 15, 50, 90, 1990, 2090, 2015, 10**8, 10**9)]
_mention = st.builds(
    lambda values, exact, required: NumberMention("n", tuple(values), exact, required),
    st.lists(st.sampled_from(_VALUES), min_size=1, max_size=2, unique=True),
    st.booleans(),
    st.booleans(),
)


def _plain_compare(ref: list[NumberMention], var: list[NumberMention]) -> NumberDiff:
    """``numbercompare.compare`` as first written: a scan of the pool per reference number."""

    def take(pool: list[NumberMention], mention: NumberMention, same_way: bool) -> bool:
        for k, other in enumerate(pool):
            if (not same_way or other.exact == mention.exact) and same_number(mention, other):
                del pool[k]
                return True
        return False

    pool = list(var)
    unmatched = [m for m in sorted(ref, key=lambda m: not m.required) if not take(pool, m, same_way=True)]
    missing = [m for m in unmatched if not take(pool, m, same_way=False) and m.required]
    extra = [m for m in pool if (m.exact or _amount(m)) and not any(same_number(m, r) for r in ref)]
    absent = [m for m in missing if not any(same_number(m, v) for v in var)]
    return NumberDiff(tuple(missing), tuple(extra), tuple(absent))


@settings(max_examples=300, deadline=None)
@given(st.lists(_mention, max_size=60), st.lists(_mention, min_size=33, max_size=90))
def test_indexed_number_matching_is_the_plain_scan(
    ref: list[NumberMention], var: list[NumberMention]
) -> None:
    """Beyond ``SMALL_POOL`` translation numbers the matching is indexed (8,000 unmatched numbers
    in a chapter took 64 million comparisons, 42 s): the same diff, mention for mention."""
    assert len(var) > SMALL_POOL
    assert compare(ref, var) == _plain_compare(ref, var)


def test_unmatched_numbers_are_compared_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = numbercompare._matching_values

    def counted(values: tuple[Decimal, ...]) -> frozenset[object]:
        nonlocal calls
        calls += 1
        return real(values)

    monkeypatch.setattr(numbercompare, "_matching_values", counted)
    ref = [NumberMention(str(i), (Decimal(i),), True, True) for i in range(4000)]
    var = [NumberMention(str(i), (Decimal(i),), True, True) for i in range(10_000, 14_000)]
    diff = compare(ref, var)
    assert len(diff.missing) == len(diff.absent) == 4000 and len(diff.extra) == 4000
    assert calls <= 4 * (len(ref) + len(var))


def _card(title: str, locale: str, position: int, timestamps: list[int]) -> Variant:
    chapters = tuple(Chapter(ts, format_ts(ts), f"t{ts}", "body") for ts in timestamps)
    return Variant(
        f"{locale}/page.txt", locale, position, title, "summary", chapters, None, Layout.LINE_BROKEN
    )


def test_a_card_repeated_on_a_page_is_indexed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """One card 2,000 times on a page (one title, one group) made every copy a candidate of every
    other: 17 GB in the pairing. A distinct signature is indexed once."""
    seen: list[int] = []
    real = pair.candidate_pairs

    def counted(signatures: list[list[int]], tolerance: int, min_chapters: int) -> list[tuple[int, int]]:
        seen.append(len(signatures))
        return real(signatures, tolerance, min_chapters)

    monkeypatch.setattr(pair, "candidate_pairs", counted)
    timestamps = [0, 124, 243, 1091, 1426]
    copies = [_card("Same", "es", i, timestamps) for i in range(500)]
    other = _card("Otro título", "ja", 0, timestamps)
    episodes = pair.pair_variants([*copies, other], "en", 5)
    assert seen == [1] and len(episodes) == 1 and len(episodes[0].variants) == 501


def test_a_template_signature_pairs_nothing_and_an_episode_in_many_languages_still_pairs() -> None:
    """1,600 episodes with chapters every 200 s (3,200 groups) were 1.3 million candidates, 10 GB,
    and merged at random; twenty locales of one episode sharing one signature are one episode."""
    template = [0, 200, 400, 600, 800]
    cards = [_card(f"Episodio {i}", "es", i, template) for i in range(40)]
    cards += [_card(f"エピソード {i}", "ja", i, template) for i in range(40)]
    assert all(len(e.variants) == 1 for e in pair.pair_variants(cards, "en", 5))
    one = [
        _card(f"Title {locale}", locale, 0, template) for locale in ("en", "es", "ja", "fr", "de", "it", "ko")
    ]
    assert [len(e.variants) for e in pair.pair_variants(one, "en", 5)] == [7]


def test_a_long_run_of_translated_concepts_aligns_in_quadratic_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entities of one type whose names were all translated are paired by their place in the
    list; the rivals of each candidate were counted for every pair — cubic: 6.5 s for 400
    concepts, 3 s per Spanish variant of an episode listing 300 (found by QA of catalog shapes)."""
    from aligner import align

    n = 120
    ref = [Entity(f"Concept number {i} alpha", "Concept", f"About idea {i}.", i) for i in range(n)]
    var = [Entity(f"Noción traducida {i} beta", "Concepto", f"Sobre la idea {i}.", i) for i in range(n)]
    calls = 0
    real = align._types_agree

    def counted(a: str, b: str) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(align, "_types_agree", counted)
    pairs = align.align_entities(ref, var)
    assert [(p.ref.name, p.var.name) for p in pairs if p.var is not None] == [
        (a.name, b.name) for a, b in zip(ref, var, strict=True)
    ]
    assert calls <= 6 * n * n
