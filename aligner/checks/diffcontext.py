"""What a diff check sees: two snapshots of the same site, matched page by page and card by card.

The *old* snapshot plays the reference role: a chapter finding carries the old chapter's
timestamp (the new one's only for a chapter that was added). Matching is done by
:mod:`aligner.diff`; checks only read these records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from aligner.model import ChapterPair, Variant
from aligner.parse import ParsedPage
from aligner.settings import Settings


@dataclass(frozen=True, slots=True)
class VariantMatch:
    """One card of one page in the old and in the new snapshot (either side may be missing)."""

    page: str  # page path relative to its snapshot root (the same on both sides)
    old: Variant | None
    new: Variant | None
    episode_id: str  # from the new snapshot's pairing (the old one's for a vanished card)
    episode_title: str
    ref_lang: str
    how: str  # how old and new were matched: "id", "title", "signature" ("" when one side is missing)
    chapters: tuple[ChapterPair, ...] = ()  # old chapters (ref side) vs new chapters (var side), offset 0
    same: bool = False  # both sides present and equal (then ``chapters`` is not worked out)
    # The old card of the same page whose chapters this card carries now, its own gone (two
    # cards' bodies swapped, or one card's body under another's title): one R603, no other check.
    carries: Variant | None = None

    @property
    def variant(self) -> Variant:
        """The card as it is now (as it was, for a vanished card)."""
        current = self.new if self.new is not None else self.old
        assert current is not None, "a match has at least one side"
        return current


@dataclass(frozen=True, slots=True)
class PageMatch:
    """One page path in the old and in the new snapshot, with its parse health on each side.

    ``*_issues`` are the page's parse notes (``note: …``) and scrape-health findings (``S004 …``),
    one string each, so a diff can count them and name the new ones.
    """

    page: str
    old: ParsedPage | None
    new: ParsedPage | None
    old_issues: tuple[str, ...] = ()
    new_issues: tuple[str, ...] = ()
    moved_from: str = ""  # the old snapshot's path of a page that moved (same locale, same cards)

    @property
    def current(self) -> ParsedPage:
        current = self.new if self.new is not None else self.old
        assert current is not None, "a page match has at least one side"
        return current


@dataclass
class DiffContext:
    """Every page and card of two snapshots, matched, plus the run settings."""

    pages: tuple[PageMatch, ...]
    variants: tuple[VariantMatch, ...]
    settings: Settings

    def matched(self) -> Iterator[VariantMatch]:
        """Cards present in both snapshots that differ. Every check of a matched card compares its
        two sides, so a card that did not change has nothing to report; most cards of a nightly
        catalog have not."""
        for match in self.variants:
            if match.old is not None and match.new is not None and not match.same and match.carries is None:
                yield match

    def crossed(self) -> Iterator[VariantMatch]:
        """Cards that carry another old card's chapters now (``VariantMatch.carries``)."""
        for match in self.variants:
            if match.carries is not None:
                yield match


def card_name(variant: Variant) -> str:
    """How a diff finding names a card: ``the `es` card`` (its page and position are columns)."""
    return f"the `{variant.page_locale}` card"
