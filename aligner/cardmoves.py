"""Cards of a diff that changed place: a card whose page now holds another card's chapters
(``carried_chapters``), and a card that moved to another page of its locale (``across_pages``).
``aligner.diff`` matches cards page by page; these look across the pairs it made."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from aligner.checks.diffcontext import VariantMatch
from aligner.model import ChapterPair, Variant
from aligner.pair import MERGE_THRESHOLD, normalize_title, signature_score

ChapterPairing = Callable[[Variant, Variant, int], tuple[ChapterPair, ...]]  # old card, new card, tolerance


def carried_chapters(
    pairs: Sequence[tuple[Variant | None, Variant | None, str]], old_cards: Sequence[Variant], tolerance: int
) -> dict[int, Variant]:
    """New cards (by ``id``) matched on their id or title whose chapters are no longer their old
    card's but another old card's of the page (``signature_score``: timestamps, entities,
    duration) — the bodies of two cards swapped, or a card's body under another's title. Each was
    a "Chapter gone" and "Chapter added" per chapter and an entity change per entity (96 findings
    for two swapped Spanish cards)."""
    carried: dict[int, Variant] = {}
    for before, after, how in pairs:
        if before is None or after is None or how == "signature" or before == after:
            continue
        if signature_score(before, after, tolerance) >= MERGE_THRESHOLD:
            continue  # its own chapters, changed or not
        scores = [(signature_score(other, after, tolerance), index) for index, other in enumerate(old_cards)]
        best, index = max(scores, default=(0.0, -1))
        if best >= MERGE_THRESHOLD and old_cards[index] is not before:
            carried[id(after)] = old_cards[index]
    return carried


def across_pages(
    variants: list[VariantMatch], tolerance: int, chapter_pairs: ChapterPairing
) -> list[VariantMatch]:
    """``variants`` with a card gone from one page and one added to another page of the same
    locale made one match when they have the same episode id or title, each the only one of the
    locale's gone and added cards (on the new card's page): a paginated listing where a new
    episode pushed each page's last card to the next page reported each "gone" (R601, an error)
    and "new" (R602) every night (found by QA of nightly runs)."""
    gone = _unique_by_identity(m.old for m in variants if m.new is None and m.old is not None)
    added = _unique_by_identity(m.new for m in variants if m.old is None and m.new is not None)
    moved = {key: (gone[key], added[key]) for key in gone.keys() & added.keys()}
    moved = {key: pair for key, pair in moved.items() if pair[0].source_path != pair[1].source_path}
    if not moved:
        return variants
    gone_cards = {id(pair[0]) for pair in moved.values()}
    added_cards = {id(pair[1]): pair for pair in moved.values()}
    result: list[VariantMatch] = []
    for match in variants:  # in their order: the moved card where it is now
        if match.new is None and id(match.old) in gone_cards:
            continue
        pair = added_cards.get(id(match.new)) if match.old is None else None
        if pair is None:
            result.append(match)
            continue
        before, after = pair
        same = replace(before, source_path=after.source_path, position=after.position) == after
        chapters = () if same else chapter_pairs(before, after, tolerance)
        how = _identity(after)[1].split(":", 1)[0]
        result.append(replace(match, old=before, how=how, chapters=chapters, same=same))
    return result


def _identity(card: Variant | None) -> tuple[str, str]:
    """A card's locale and its episode id, else its title (``id:…``/``title:…``); "" when it has none."""
    if card is None:
        return "", ""
    if card.episode_id:
        return card.page_locale, f"id:{card.episode_id}"
    title = normalize_title(card.title)
    return card.page_locale, f"title:{title}" if title else ""


def _unique_by_identity(cards: Iterable[Variant | None]) -> dict[tuple[str, str], Variant]:
    """Cards by ``_identity``, but those whose identity is shared or empty."""
    found: dict[tuple[str, str], list[Variant]] = defaultdict(list)
    for card in cards:
        key = _identity(card)
        if card is not None and key[1]:
            found[key].append(card)
    return {key: cards[0] for key, cards in found.items() if len(cards) == 1}
