"""R6xx — scraping regressions: what changed between two snapshots of the same site.

These checks run only in ``aligner diff`` (and ``aligner nightly --previous``): they compare each
card of each page with the same card in an older snapshot (:mod:`aligner.diff` does the
matching). The old snapshot is the reference: a re-scrape of an unchanged site, or the same page
with its cards re-ordered, reports nothing. Cards, chapters, entities, quotes and metadata are
here; text that shrank or changed (R604, R605) is :mod:`aligner.checks.textchanges`, a page's
layout and parse health (R609) :mod:`aligner.checks.pagehealth`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import ClassVar

from aligner import langdata
from aligner.checks.base import Check, Docs, quote, register
from aligner.checks.diffcontext import DiffContext, VariantMatch, card_name
from aligner.checks.textdiff import (
    chapter_text,
    chrf,
    flat,
)
from aligner.model import Chapter, ChapterPair, Entity, Finding, Severity, Variant
from aligner.names import comparable, normalize_name
from aligner.pair import normalize_title
from aligner.textdamage import encoding_damage, repaired

QUOTE_CHRF = 80.0  # R607: a quote whose chrF against the old one is below this has changed
WHOLE_SECTION_MIN = (
    3  # R603/R606/R607: chapters, entities or quotes (this many) gone or back at once are one finding
)
ALL_QUOTES_MIN = 3  # R607: a card whose quoted chapters (at least this many) lost theirs is one finding…
MOST_QUOTES = 0.8  # …when at least this share of them did (a quote kept here and there by a second selector)


def _named(title: str) -> str:
    """An episode's title for a message, quoted, or ``(untitled)``: empty backticks read as a glitch."""
    return f"`{quote(title)}`" if title else "(untitled)"


@register
class EpisodeVanished(Check):
    code = "R601"
    name = "episode-vanished"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    scope = "diff"
    docs = Docs(
        what="Reports an episode card that was on a page in the old snapshot and is not on it now.",
        why="A card that disappears from a listing is usually a scraper or pagination failure, not an edit.",
        example="Old `es/listing.txt` has 3 cards; the new one lists only 2 (the LeCun episode is gone).",
        instead="Re-scrape the page (check pagination and the card selector); if the episode was unpublished on purpose, accept the diff.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        present = {page.page: page.new for page in ctx.pages if page.new is not None}
        for match in ctx.variants:
            if match.old is not None and match.new is None:
                new_page = present.get(match.page)
                codes = {p.code for p in new_page.problems} if new_page is not None else set()
                if new_page is None:
                    where = f"(page `{match.page}` is missing)"
                elif "S001" in codes:  # a page cut off mid-character still yields its first cards
                    state = "only partly readable" if new_page.variants else "unreadable"
                    where = f"(page `{match.page}` is {state} now: S001)"
                elif "S002" in codes:
                    where = f"(page `{match.page}` yields no episode now: S002)"
                else:
                    where = f"from the `{match.old.page_locale}` page"
                yield self.diff_finding(
                    match,
                    f"Episode {_named(match.old.title or match.episode_title)} gone {where}",
                    f"card {match.old.position + 1}: {len(match.old.chapters)} chapters, "
                    f"{match.old.entity_count} entities",
                )


@register
class EpisodeAdded(Check):
    code = "R602"
    name = "episode-added"
    severity = Severity.INFO
    mqm = "Accuracy/Addition"
    scope = "diff"
    docs = Docs(
        what="Reports an episode card that is on a page now and was not on it in the old snapshot.",
        why="New episodes are expected; listing them makes a scrape's growth visible and catches cards split in two.",
        example="The new `ja/listing.txt` has a fourth card, `ヤン・ルカンが語る…`, that the old one lacked.",
        instead="Nothing to do for a genuinely new episode; a card that looks like half of another one is a parse problem.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        kept = {
            (m.page, normalize_title(m.new.title)): m.new
            for m in ctx.variants
            if m.old is not None and m.new is not None and m.new.title
        }
        for match in ctx.variants:
            if match.new is not None and match.old is None:
                twin = kept.get((match.page, normalize_title(match.new.title))) if match.new.title else None
                # a card scraped twice is no new episode: say which card it repeats (S010 in check)
                repeats = f" (it repeats card {twin.position + 1} of the page)" if twin is not None else ""
                yield self.diff_finding(
                    match,
                    f"New episode {_named(match.new.title or match.episode_title)} on the "
                    f"`{match.new.page_locale}` page{repeats}",
                    f"card {match.new.position + 1}: {len(match.new.chapters)} chapters",
                )


@register
class ChaptersChanged(Check):
    code = "R603"
    name = "chapters-changed"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    scope = "diff"
    docs = Docs(
        what="Reports chapters gone, added or moved to another timestamp since the old snapshot (one finding per chapter; a constant shift of the card's chapters, of any size, is one finding, and only the chapters it does not explain are reported one by one), chapters repeated now with the same timestamp, title and text (one finding per card; their removal, the night the scraper is fixed, is no finding), a card whose chapters (three or more) are all gone (one finding), or are back after a snapshot without any (one info), a card whose chapters are another card's of its page now, its own gone (one finding, and no other check reports the card: bodies swapped or mixed), and chapters in timestamp order before and out of it now (one finding).",
        why="Timestamps do not change on a re-scrape; a lost chapter is a truncated page or a broken chapter selector.",
        example="Old `## [15:55] El problema de los datos` is missing from the new `es` card.",
        instead="Re-scrape the page and compare the chapter list; if the episode was re-edited on purpose, accept the diff.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.crossed():
            assert match.carries is not None and match.old is not None
            yield self.diff_finding(
                match,
                f"The chapters of {card_name(match.variant)} are those of the card `{match.carries.title}` "
                "now: its own are gone (card bodies swapped or mixed)",
                f"was: {_chapter_labels(match.old)}; now: {_chapter_labels(match.variant)}",
            )
        for match in ctx.matched():
            yield from self._chapters(match)

    def _chapters(self, match: VariantMatch) -> Iterator[Finding]:
        yield from self._order(match)
        assert match.old is not None and match.new is not None
        card = card_name(match.variant)
        labels = " ".join(f"[{c.label}]" for c in (match.old.chapters or match.new.chapters)[:12])
        if len(match.old.chapters) >= WHOLE_SECTION_MIN and not match.new.chapters:
            # one cause, one finding: the chapter heading selector (or the headings' markup) changed
            yield self.diff_finding(match, f"All {len(match.old.chapters)} chapters gone from {card}", labels)
            return
        if len(match.new.chapters) >= WHOLE_SECTION_MIN and not match.old.chapters:
            message = f"{len(match.new.chapters)} chapters in {card}, which had none: the page is whole again"
            yield replace(self.diff_finding(match, message, "back: " + labels), severity=Severity.INFO)
            return
        moved = [p for p in match.chapters if p.ref is not None and p.var is not None and p.delta]
        lost = [p for p in match.chapters if p.var is None or p.ref is None]
        # the shift the card was aligned under (``aligner.diff``), else one every chapter shares
        shift = next((p.offset for p in match.chapters if p.offset), 0)
        if (
            not shift
            and not lost
            and len(moved) == len(match.chapters)
            and len({p.delta for p in moved}) == 1
        ):
            shift = moved[0].delta or 0
        shifted = [p for p in moved if p.delta == shift] if shift else []
        if len(shifted) >= 2:
            before = sum(1 for p in match.chapters if p.ref is not None)
            how_many = f"All {len(shifted)}" if len(shifted) == before else f"{len(shifted)} of {before}"
            yield self.diff_finding(
                match,
                f"{how_many} chapters moved by {shift:+d} s in {card_name(match.variant)}",
                ", ".join(f"{p.ref.label}→{p.var.label}" for p in shifted[:6] if p.ref and p.var),
            )
        else:
            shift = 0
        added_copies, removed_copies = _copies(match.chapters)
        if added_copies:
            yield self.diff_finding(
                match,
                f"{len(added_copies)} chapter{'s' if len(added_copies) > 1 else ''} duplicated in "
                f"{card_name(match.variant)}: the same timestamp, title and text twice",
                " ".join(f"[{c.label}]" for c in added_copies[:12]),
            )
        copies = {id(c) for c in (*added_copies, *removed_copies)}
        for pair in match.chapters:
            if id(pair.var) in copies or id(pair.ref) in copies:
                continue  # a duplicate: said once above, or gone as a fixed page should be
            if pair.ref is not None and pair.var is None:
                yield self.diff_finding(
                    match,
                    f"Chapter `[{pair.ref.label}]` gone from {card_name(match.variant)}",
                    "was: " + quote(chapter_text(pair.ref), 120),
                    pair.ref,
                )
            elif pair.ref is None and pair.var is not None:
                yield self.diff_finding(
                    match,
                    f"Chapter `[{pair.var.label}]` added to {card_name(match.variant)}",
                    "now: " + quote(chapter_text(pair.var), 120),
                    pair.var,
                )
            elif pair.ref is not None and pair.var is not None and pair.delta and pair.delta != shift:
                yield self.diff_finding(
                    match,
                    f"Chapter `[{pair.ref.label}]` moved to `[{pair.var.label}]` in {card_name(match.variant)}",
                    f"{pair.ref.label} → {pair.var.label}: " + quote(pair.ref.title, 100),
                    pair.ref,
                )

    def _order(self, match: VariantMatch) -> Iterator[Finding]:
        """Chapters in timestamp order before and out of it now (the alignment sorts both sides,
        so this is the one change it cannot see): the first chapter now before an earlier one."""
        assert match.old is not None and match.new is not None
        before, now = [c.ts for c in match.old.chapters], [c.ts for c in match.new.chapters]
        if before != sorted(before) or now == sorted(now):
            return
        chapters = match.new.chapters
        later, earlier = next((a, b) for a, b in itertools.pairwise(chapters) if b.ts < a.ts)
        yield self.diff_finding(
            match,
            f"Chapters of {card_name(match.variant)} are out of order now: `[{earlier.label}]` comes after "
            f"`[{later.label}]`",
            " ".join(f"[{c.label}]" for c in chapters[:12]),
        )


def _chapter_labels(variant: Variant) -> str:
    return " ".join(f"[{c.label}]" for c in variant.chapters[:8]) + (
        " …" if len(variant.chapters) > 8 else ""
    )


def _copies(pairs: Sequence[ChapterPair]) -> tuple[list[Chapter], list[Chapter]]:
    """Chapters added that repeat a chapter of the new card (the same timestamp, title and text),
    and chapters gone that repeated one the new card still has: a scraper that doubles every
    chapter is one finding, not one "added" per chapter, and the night it is fixed says nothing —
    each removed copy had been "gone" (an error)."""
    new_kept = {(c.ts, c.title, c.body) for p in pairs if (c := p.var) is not None and p.ref is not None}
    old_kept = {(c.ts, c.title, c.body) for p in pairs if (c := p.ref) is not None and p.var is not None}
    added = [
        c for p in pairs if p.ref is None and (c := p.var) is not None and (c.ts, c.title, c.body) in new_kept
    ]
    removed = [
        c for p in pairs if p.var is None and (c := p.ref) is not None and (c.ts, c.title, c.body) in old_kept
    ]
    return added, removed


@register
class EntitiesChanged(Check):
    code = "R606"
    name = "entities-changed"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    scope = "diff"
    docs = Docs(
        what="Reports entities removed from, added to or retyped in a card's entity list since the old snapshot (one finding per entity; a list that is gone entirely is R604, a list of three or more back in a card that had none is one info; a name or type damaged in decoding is compared repaired, and a type that is mojibake now is R609's finding, not a retyping).",
        why="Entity lists are generated with the summary and do not change on a re-scrape; a changed list means a broken item selector or a partial page.",
        example="`Tapestry` (Organization) is no longer in the `ja` card's entity list; `JEPA` changed from `Concept` to `Person`.",
        instead="Re-scrape the page; check the entity item selector and the type label parsing.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            if match.old.entities and not match.new.entities:
                continue  # the whole list is gone: R604
            if not match.old.entities and len(match.new.entities or ()) >= WHOLE_SECTION_MIN:
                count = len(match.new.entities or ())
                message = f"Entity list of {count} entities in {card_name(match.variant)}, which had none"
                names = ", ".join(e.name for e in (match.new.entities or ())[:8])
                yield replace(self.diff_finding(match, message, names), severity=Severity.INFO)
                continue
            yield from self._compare(match, match.old.entities or (), match.new.entities or ())

    def _compare(
        self, match: VariantMatch, old: Sequence[Entity], new: Sequence[Entity]
    ) -> Iterator[Finding]:
        card = card_name(match.variant)
        remaining: dict[str, list[Entity]] = {}
        for entity in new:  # a name or type whose page was decoded wrongly is compared repaired
            remaining.setdefault(normalize_name(repaired(entity.name)), []).append(entity)
        for entity in old:
            candidates = remaining.get(normalize_name(repaired(entity.name)))
            if not candidates:
                yield self.diff_finding(
                    match,
                    f"Entity `{entity.name}` removed from {card}",
                    "was: " + quote(entity.description, 120),
                )
                continue
            now = candidates.pop(0)
            if _types_differ(entity.type, now.type):
                yield self.diff_finding(
                    match,
                    f"Entity `{entity.name}` retyped `{entity.type}` → `{now.type}` in {card}",
                    f"{entity.type} → {now.type}: " + quote(now.description, 100),
                )
        for left in remaining.values():
            for entity in left:
                yield self.diff_finding(
                    match, f"Entity `{entity.name}` added to {card}", "now: " + quote(entity.description, 120)
                )


def _types_differ(old: str, new: str) -> bool:
    """Whether an entity was retyped: its type labels differ once localized, and neither was
    damaged in decoding (``产品`` read as ``äº§å“�`` is the page's mojibake, R609's finding; what
    ftfy can undo is compared undone)."""
    old, new = repaired(old), repaired(new)
    if encoding_damage(new) or encoding_damage(old):
        return False
    return langdata.canonical_type(comparable(old)) != langdata.canonical_type(comparable(new))


@register
class QuotesChanged(Check):
    code = "R607"
    name = "quotes-changed"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    scope = "diff"
    thresholds: ClassVar[dict[str, float]] = {"chrf": QUOTE_CHRF}
    docs = Docs(
        what="Reports a chapter whose pull-quotes were lost, gained or changed since the old snapshot (a same-language quote changes when its chrF against the old one is below `chrf`, default 80). A card whose quoted chapters (three or more) lost their quotes, all or 80% of them, is one finding, an error: its blockquote selector failed; quotes back in such a card, the night the selector is fixed, are one info.",
        why="Quotes are scraped from blockquotes; a changed selector strips them from every chapter without any other symptom.",
        example='Chapter `[02:04]` had `> *"I think it was inevitable…"*` and now has no quote.',
        instead="Check the blockquote selector of the scraper; re-scrape the page.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            threshold = ctx.settings.threshold(self.code, "chrf", QUOTE_CHRF, match.variant.page_locale)
            same = match.old.lang == match.new.lang
            card = card_name(match.variant)
            quoted = [p for p in match.chapters if p.ref is not None and p.var is not None and p.ref.quotes]
            bare = [p for p in quoted if p.var is not None and not p.var.quotes]
            stripped = len(quoted) >= ALL_QUOTES_MIN and len(bare) >= MOST_QUOTES * len(quoted)
            if stripped:  # one cause, one finding: a blockquote selector that no longer matches
                count = sum(len(p.ref.quotes) for p in bare if p.ref is not None)
                total = sum(len(p.ref.quotes) for p in quoted if p.ref is not None)
                # an error: the card lost its quotes, not a quote (the selector's failure)
                yield replace(
                    self.diff_finding(
                        match,
                        f"All {count} quotes gone from {card}"
                        if count == total
                        else f"{count} of {total} quotes gone from {card}",
                        "chapters: " + " ".join(f"[{p.ref.label}]" for p in bare[:12] if p.ref is not None),
                    ),
                    severity=Severity.ERROR,
                )
            now_quoted = [
                p for p in match.chapters if p.ref is not None and p.var is not None and p.var.quotes
            ]
            were_bare = [p for p in now_quoted if p.ref is not None and not p.ref.quotes]
            restored = len(now_quoted) >= ALL_QUOTES_MIN and len(were_bare) >= MOST_QUOTES * len(now_quoted)
            if restored:  # the night the selector is fixed: one finding, not a "gained" per chapter
                count = sum(len(p.var.quotes) for p in were_bare if p.var is not None)
                message = f"{count} quotes in {card}, whose chapters had none"
                # evidence of its own: a fingerprint is made of the evidence, and the night before's
                # "gone" finding lists the same chapters (this one had its key: a recurrence was old)
                chapters = "back in chapters: " + " ".join(
                    f"[{p.ref.label}]" for p in were_bare[:12] if p.ref is not None
                )
                yield replace(self.diff_finding(match, message, chapters), severity=Severity.INFO)
            for pair in match.chapters:
                if pair.ref is None or pair.var is None:
                    continue  # a lost or added chapter is R603
                before, after = pair.ref.quotes, pair.var.quotes
                label = f"Chapter `[{pair.ref.label}]`"
                if (stripped and not after) or (restored and not before):
                    continue  # in the card's finding
                if len(after) < len(before):
                    lost = before[len(after)]
                    message = f"{label} lost {len(before) - len(after)} of {len(before)} quotes in {card}"
                    yield self.diff_finding(match, message, "was: " + quote(lost.text, 120), pair.ref)
                elif len(after) > len(before):
                    added = after[len(before)]
                    message = f"{label} gained {len(after) - len(before)} quote(s) in {card}"
                    yield self.diff_finding(match, message, "now: " + quote(added.text, 120), pair.ref)
                if not same:
                    continue
                for old_quote, new_quote in zip(before, after, strict=False):
                    score = chrf(flat(old_quote.text), flat(new_quote.text))
                    if score < threshold:
                        yield self.diff_finding(
                            match,
                            f"Quote of {label.lower()} changed in {card} (chrF {score:.0f})",
                            f"{quote(old_quote.text, 100)} → {quote(new_quote.text, 100)}",
                            pair.ref,
                        )


@register
class MetadataLost(Check):
    code = "R608"
    name = "metadata-lost"
    severity = Severity.WARNING
    mqm = "Terminology/Other"
    scope = "diff"
    docs = Docs(
        what="Reports a card's duration, tags, caption languages or title that were present in the old snapshot and are gone now (one finding per field).",
        why="Metadata lines are scraped with their own selectors; when one breaks, the field vanishes from every card without an error.",
        example="The `es` card of `Yann LeCun sobre…` showed `1:21:56` and `EN/ZH`; the new scrape has neither line.",
        instead="Check the metadata selectors of the scraper; re-scrape the page.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            old, new = match.old, match.new
            fields: list[tuple[str, str, bool]] = [
                ("Title", old.title, bool(new.title)),
                ("Duration", old.duration_text or "", bool(new.duration_text)),
                (
                    "Caption languages",
                    "/".join(c.upper() for c in old.caption_langs),
                    bool(new.caption_langs),
                ),
                ("Tags", "".join(f"#{t}" for t in old.tags), bool(new.tags)),
            ]
            for label, before, present in fields:
                if before and not present:
                    yield self.diff_finding(
                        match, f"{label} `{quote(before)}` gone from {card_name(new)}", quote(before, 200)
                    )
