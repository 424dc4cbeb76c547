"""Episodes that share a title: a series that reuses one (``Weekly roundup``) is several episodes.

Pairing groups variants by title first (``aligner.pair``). A title group that holds, for one page
locale, cards whose chapter timestamps disagree holds several episodes: each was checked against
one reference it does not translate, and all of them made one unit of work — thousands of
variants in one worker, an HTML page of 99 MB (found by QA of catalog shapes). Such a group is
split around the distinct timestamp lists of its most numerous locale; every other card joins the
one its timestamps fit best. A group whose cards of each locale agree (the same card listed on
several pages of a locale, a translation with drifted timestamps) is left whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from aligner.model import Variant

Similarity = Callable[[Sequence[int], Sequence[int]], float]  # 0..1 of two sorted timestamp lists
SAME_EPISODE = 0.5  # timestamp similarity from which two cards of one locale are one episode


def split_reused_title(
    variants: Sequence[Variant], similar: Similarity, min_chapters: int, by_title: bool = True
) -> list[list[Variant]]:
    """``variants`` (one title group) as one list per episode, in the order of their first card;
    ``[list(variants)]`` when the group is one episode, or not grouped ``by_title``. Cards with
    fewer than ``min_chapters`` chapters say nothing about it: they stay with the first episode."""
    seeds = _seeds(variants, similar, min_chapters) if by_title else []
    if len(seeds) < 2:
        return [list(variants)]
    exact = {signature: index for index, signature in enumerate(seeds)}
    members: list[list[Variant]] = [[] for _ in seeds]
    for variant in variants:
        signature = _signature(variant)
        index = exact.get(signature)
        if index is None:
            index = 0
            if len(signature) >= min_chapters:
                scores = [similar(signature, seed) for seed in seeds]
                index = scores.index(max(scores))  # the first of equally good ones
        members[index].append(variant)
    return [group for group in members if group]


def _seeds(variants: Sequence[Variant], similar: Similarity, min_chapters: int) -> list[tuple[int, ...]]:
    """The timestamp lists of the locale with the most cards (the first such locale), one per
    episode: a list close to an earlier one (``SAME_EPISODE``) is that episode's."""
    counts = Counter(v.page_locale for v in variants)
    if not counts or max(counts.values()) < 2:
        return []
    locale = max(counts, key=lambda code: (counts[code], -_first(variants, code)))
    seeds: list[tuple[int, ...]] = []
    for variant in variants:
        signature = _signature(variant)
        if variant.page_locale != locale or len(signature) < min_chapters or signature in seeds:
            continue
        if not any(similar(signature, seed) >= SAME_EPISODE for seed in seeds):
            seeds.append(signature)
    return seeds


def _first(variants: Sequence[Variant], locale: str) -> int:
    return next(index for index, variant in enumerate(variants) if variant.page_locale == locale)


def _signature(variant: Variant) -> tuple[int, ...]:
    return tuple(sorted(chapter.ts for chapter in variant.chapters))
