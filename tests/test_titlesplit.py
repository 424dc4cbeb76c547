"""Episodes that share a title (a series reusing one): split by their chapter timestamps, while a
card listed on several pages of a locale, or a translation with drifted timestamps, stays one
episode (found by QA of catalog shapes: 3,200 variants of a reused title were 3 episodes)."""

from __future__ import annotations

from aligner.model import Chapter, Layout, Variant, format_ts
from aligner.pair import pair_variants


def _card(
    locale: str, page: str, position: int, timestamps: list[int], title: str = "Weekly roundup"
) -> Variant:
    chapters = tuple(Chapter(ts, format_ts(ts), f"t{ts}", "body") for ts in timestamps)
    return Variant(
        f"{locale}/{page}.txt", locale, position, title, "summary", chapters, None, Layout.LINE_BROKEN
    )


WEEK_1 = [0, 130, 420, 900, 1500]
WEEK_2 = [0, 300, 610, 1250, 2000]


def _episodes(variants: list[Variant]) -> list[list[str]]:
    return sorted(sorted(v.key for v in episode.variants) for episode in pair_variants(variants, "en", 5))


def test_a_reused_title_is_one_episode_per_timestamp_list() -> None:
    variants = [
        _card("en", "list", 0, WEEK_1),
        _card("en", "list", 1, WEEK_2),
        _card("es", "list", 0, [t + 3 for t in WEEK_2]),  # drifted within the tolerance
        _card("es", "list", 1, WEEK_1),
    ]
    assert _episodes(variants) == [
        ["en/list.txt#0", "es/list.txt#1"],
        ["en/list.txt#1", "es/list.txt#0"],
    ]


def test_one_card_on_several_pages_of_a_locale_stays_one_episode() -> None:
    variants = [
        _card("en", "home", 0, WEEK_1),
        _card("en", "tag-ai", 0, WEEK_1),
        _card("es", "home", 0, [t + 2 for t in WEEK_1]),
        _card("ja", "home", 0, WEEK_1[:2]),  # too few chapters to tell: stays with the first episode
    ]
    assert _episodes(variants) == [["en/home.txt#0", "en/tag-ai.txt#0", "es/home.txt#0", "ja/home.txt#0"]]


def test_cards_of_other_titles_are_not_split() -> None:
    variants = [_card("en", "list", 0, WEEK_1, "A"), _card("es", "list", 0, WEEK_2, "A")]
    assert _episodes(variants) == [
        ["en/list.txt#0", "es/list.txt#0"]
    ]  # one card per locale: the title decides
