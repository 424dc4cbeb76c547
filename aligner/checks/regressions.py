"""R6xx — scraping regressions: what changed between two snapshots of the same site.

These checks run only in ``aligner diff`` (and ``aligner nightly --previous``): they compare each
card of each page with the same card in an older snapshot (:mod:`aligner.diff` does the
matching). The old snapshot is the reference: a re-scrape of an unchanged site, or the same page
with its cards re-ordered, reports nothing.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import ClassVar

from aligner import langdata
from aligner.checks.base import REGISTRY, Check, Docs, quote, register
from aligner.checks.diffcontext import DiffContext, VariantMatch
from aligner.checks.textdiff import (
    TextItem,
    added_text,
    chapter_text,
    chrf,
    common_entities,
    entities_text,
    flat,
    grown,
    shrunk,
    text_items,
)
from aligner.model import Entity, Finding, Severity, Variant
from aligner.names import normalize_name
from aligner.pair import normalize_title
from aligner.settings import Settings

SHRINK_SHARE = 0.5  # R604: a text that lost at least this share of its characters has shrunk
SHRINK_MIN_CHARS = 40  # R604: shorter texts are too small to judge
CHANGE_CHRF = 60.0  # R605: chrF (0–100) of new text against old below this: the text was replaced
CHANGE_MIN_CHARS = 20
GROWTH_SHARE = 0.1  # R605: a text that gained at least this share of its characters has grown
LOSS_SHARE = 0.2  # R605: one that lost this share (and less than R604's) has lost a part
QUOTE_CHRF = 80.0  # R607: a quote whose chrF against the old one is below this has changed
ALL_QUOTES_MIN = 3  # R607: a card whose quoted chapters (at least this many) all lost theirs is one finding
HEALTH_INCREASE = 3  # R609: this many more parse notes / scrape-health findings on one page
PAGE_PROBLEMS = ("S001", "S002", "S003")  # a new one of these on a page is always R609


def _locale(match: VariantMatch) -> str:
    return match.variant.page_locale


def _card(variant: Variant) -> str:
    return f"the `{variant.page_locale}` card"


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
        what="Reports chapters gone, added or moved to another timestamp since the old snapshot (one finding per chapter; a constant shift of the card's chapters, of any size, is one finding, and only the chapters it does not explain are reported one by one), and chapters in timestamp order before and out of it now (one finding).",
        why="Timestamps do not change on a re-scrape; a lost chapter is a truncated page or a broken chapter selector.",
        example="Old `## [15:55] El problema de los datos` is missing from the new `es` card.",
        instead="Re-scrape the page and compare the chapter list; if the episode was re-edited on purpose, accept the diff.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            yield from self._card(match)

    def _card(self, match: VariantMatch) -> Iterator[Finding]:
        yield from self._order(match)
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
                f"{how_many} chapters moved by {shift:+d} s in {_card(match.variant)}",
                ", ".join(f"{p.ref.label}→{p.var.label}" for p in shifted[:6] if p.ref and p.var),
            )
        else:
            shift = 0
        for pair in match.chapters:
            if pair.ref is not None and pair.var is None:
                yield self.diff_finding(
                    match,
                    f"Chapter `[{pair.ref.label}]` gone from {_card(match.variant)}",
                    "was: " + quote(chapter_text(pair.ref), 120),
                    pair.ref,
                )
            elif pair.ref is None and pair.var is not None:
                yield self.diff_finding(
                    match,
                    f"Chapter `[{pair.var.label}]` added to {_card(match.variant)}",
                    "now: " + quote(chapter_text(pair.var), 120),
                    pair.var,
                )
            elif pair.ref is not None and pair.var is not None and pair.delta and pair.delta != shift:
                yield self.diff_finding(
                    match,
                    f"Chapter `[{pair.ref.label}]` moved to `[{pair.var.label}]` in {_card(match.variant)}",
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
            f"Chapters of {_card(match.variant)} are out of order now: `[{earlier.label}]` comes after "
            f"`[{later.label}]`",
            " ".join(f"[{c.label}]" for c in chapters[:12]),
        )


@register
class TextShrunk(Check):
    code = "R604"
    name = "text-shrunk"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    scope = "diff"
    thresholds: ClassVar[dict[str, float]] = {"share": SHRINK_SHARE, "min_chars": SHRINK_MIN_CHARS}
    docs = Docs(
        what="Reports a summary, chapter or entity list that lost a large share of its text since the old snapshot (threshold `share`, default 0.5 of its characters; texts under `min_chars` are ignored).",
        why="A page cut off halfway or a selector that now grabs only the first paragraph loses text silently.",
        example="Chapter `[20:37]` had 1,180 characters and now has 240; the `es` card's entity list is gone.",
        instead="Re-scrape the page; check for truncation (size limits, lazy-loaded sections) before publishing.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            locale = _locale(match)
            share = ctx.settings.threshold(self.code, "share", SHRINK_SHARE, locale)
            min_chars = ctx.settings.threshold(self.code, "min_chars", SHRINK_MIN_CHARS, locale)
            for item in text_items(match):
                if shrunk(item.old, item.new, item.same_lang, share, min_chars):
                    yield _shrank(self, match, item)
            yield from self._entities(match, share, min_chars)

    def _entities(self, match: VariantMatch, share: float, min_chars: float) -> Iterator[Finding]:
        assert match.old is not None and match.new is not None
        old, new = match.old.entities or (), match.new.entities or ()
        old_text, new_text = entities_text(old), entities_text(new)
        if not old or not shrunk(old_text, new_text, match.old.lang == match.new.lang, share, min_chars):
            return
        if not new:
            message = f"Entity list gone from {_card(match.variant)} ({len(old)} entities before)"
        else:
            message = (
                f"Entity list shrank {len(old)} → {len(new)} entities "
                f"({len(old_text):,} → {len(new_text):,} characters) in {_card(match.variant)}"
            )
        yield self.diff_finding(match, message, ", ".join(e.name for e in old[:12]))


@register
class TextChanged(Check):
    code = "R605"
    name = "text-changed"
    severity = Severity.WARNING
    mqm = "Accuracy/Mistranslation"
    scope = "diff"
    thresholds: ClassVar[dict[str, float]] = {
        "chrf": CHANGE_CHRF,
        "min_chars": CHANGE_MIN_CHARS,
        "growth": GROWTH_SHARE,
        "loss": LOSS_SHARE,
    }
    docs = Docs(
        what="Reports a title, summary, chapter or set of entity descriptions whose same-language text changed: any change of a title; a text that grew by `growth` (default 0.1) of its length, quoting what was added, or lost `loss` (default 0.2; R604 from half), quoting what was lost; otherwise a sacrebleu sentence chrF below `chrf` (default 60) either way — new against old sees text lost or replaced, old against new text added. Texts in another language now, or already reported as shrunk (R604), are skipped.",
        why="Re-scraping unchanged pages gives the same text; a chapter whose text is replaced means a selector now grabs the wrong block or cards got mixed up.",
        example="Chapter `[04:03]` now holds the text of chapter `[02:04]` (chrF 22).",
        instead="Check the card's chapter selector and compare the page in a browser; accept the diff only for a deliberate rewrite.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            locale = _locale(match)
            threshold = ctx.settings.threshold(self.code, "chrf", CHANGE_CHRF, locale)
            min_chars = ctx.settings.threshold(self.code, "min_chars", CHANGE_MIN_CHARS, locale)
            share = ctx.settings.threshold("R604", "share", SHRINK_SHARE, locale)
            shrink_min = ctx.settings.threshold("R604", "min_chars", SHRINK_MIN_CHARS, locale)
            growth = ctx.settings.threshold(self.code, "growth", GROWTH_SHARE, locale)
            loss = ctx.settings.threshold(self.code, "loss", LOSS_SHARE, locale)
            same = match.old.lang == match.new.lang
            items = [
                TextItem("Title", flat(match.old.title), flat(match.new.title), same),
                *text_items(match),
                common_entities(match.old, match.new),
            ]
            for item in items:
                if (
                    not item.same_lang
                    or not item.new
                    or (len(item.old) < min_chars and item.label != "Title")
                ):
                    continue
                if shrunk(item.old, item.new, item.same_lang, share, shrink_min):
                    continue  # R604's finding
                if item.label == "Title" and _visible(item.old) != _visible(item.new):
                    # every change counts: the title names the card, and makes its episode's id
                    yield self.diff_finding(
                        match,
                        f"Title changed in {_card(match.variant)}",
                        f"{quote(item.old, 100)} → {quote(item.new, 100)}",
                    )
                    continue
                if shrunk(item.old, item.new, item.same_lang, loss, min_chars):
                    yield _shrank(self, match, item)  # less than R604's share: a part lost
                    continue
                if grown(item.old, item.new, growth, min_chars):
                    yield self.diff_finding(
                        match,
                        f"{item.label} grew {len(item.old):,} → {len(item.new):,} characters in "
                        f"{_card(match.variant)}",
                        "added: " + quote(added_text(item.old, item.new), 200),
                        item.chapter,
                    )
                    continue
                # chrF weighs recall: new against old sees text lost or replaced, old against new
                # text added
                score = min(chrf(item.old, item.new), chrf(item.new, item.old))
                if score < threshold:
                    yield self.diff_finding(
                        match,
                        f"{item.label} text changed in {_card(match.variant)} (chrF {score:.0f})",
                        f"{quote(item.old, 100)} → {quote(item.new, 100)}",
                        item.chapter,
                    )


@register
class EntitiesChanged(Check):
    code = "R606"
    name = "entities-changed"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    scope = "diff"
    docs = Docs(
        what="Reports entities removed from, added to or retyped in a card's entity list since the old snapshot (one finding per entity; a list that is gone entirely is R604).",
        why="Entity lists are generated with the summary and do not change on a re-scrape; a changed list means a broken item selector or a partial page.",
        example="`Tapestry` (Organization) is no longer in the `ja` card's entity list; `JEPA` changed from `Concept` to `Person`.",
        instead="Re-scrape the page; check the entity item selector and the type label parsing.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            if match.old.entities and not match.new.entities:
                continue  # the whole list is gone: R604
            yield from self._compare(match, match.old.entities or (), match.new.entities or ())

    def _compare(
        self, match: VariantMatch, old: Sequence[Entity], new: Sequence[Entity]
    ) -> Iterator[Finding]:
        card = _card(match.variant)
        remaining: dict[str, list[Entity]] = {}
        for entity in new:
            remaining.setdefault(normalize_name(entity.name), []).append(entity)
        for entity in old:
            candidates = remaining.get(normalize_name(entity.name))
            if not candidates:
                yield self.diff_finding(
                    match,
                    f"Entity `{entity.name}` removed from {card}",
                    "was: " + quote(entity.description, 120),
                )
                continue
            now = candidates.pop(0)
            if langdata.canonical_type(entity.type) != langdata.canonical_type(now.type):
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


@register
class QuotesChanged(Check):
    code = "R607"
    name = "quotes-changed"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    scope = "diff"
    thresholds: ClassVar[dict[str, float]] = {"chrf": QUOTE_CHRF}
    docs = Docs(
        what="Reports a chapter whose pull-quotes were lost, gained or changed since the old snapshot (a same-language quote changes when its chrF against the old one is below `chrf`, default 80). A card whose quoted chapters (three or more) all lost their quotes is one finding.",
        why="Quotes are scraped from blockquotes; a changed selector strips them from every chapter without any other symptom.",
        example='Chapter `[02:04]` had `> *"I think it was inevitable…"*` and now has no quote.',
        instead="Check the blockquote selector of the scraper; re-scrape the page.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            threshold = ctx.settings.threshold(self.code, "chrf", QUOTE_CHRF, _locale(match))
            same = match.old.lang == match.new.lang
            card = _card(match.variant)
            quoted = [p for p in match.chapters if p.ref is not None and p.var is not None and p.ref.quotes]
            stripped = len(quoted) >= ALL_QUOTES_MIN and all(
                p.var is not None and not p.var.quotes for p in quoted
            )
            if stripped:  # one cause, one finding: a blockquote selector that no longer matches
                count = sum(len(p.ref.quotes) for p in quoted if p.ref is not None)
                yield self.diff_finding(
                    match,
                    f"All {count} quotes gone from {card}",
                    "chapters: " + " ".join(f"[{p.ref.label}]" for p in quoted[:12] if p.ref is not None),
                )
            for pair in match.chapters:
                if pair.ref is None or pair.var is None:
                    continue  # a lost or added chapter is R603
                before, after = pair.ref.quotes, pair.var.quotes
                label = f"Chapter `[{pair.ref.label}]`"
                if len(after) < len(before) and stripped:
                    continue
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
                        match, f"{label} `{quote(before)}` gone from {_card(new)}", quote(before, 200)
                    )


@register
class LayoutChanged(Check):
    code = "R609"
    name = "layout-changed"
    severity = Severity.WARNING
    mqm = "Terminology/Other"
    scope = "diff"
    thresholds: ClassVar[dict[str, float]] = {"increase": HEALTH_INCREASE}
    docs = Docs(
        what="Reports a card whose layout switched (flattened ↔ line-broken) and a page whose parse health got worse: at least `increase` (default 3) more parse notes and scrape-health (S0xx) findings, counted by code, or a new S001–S003 problem. A warning; an error when the page is unreadable now or its new findings include an error (S006 encoding damage, S009 duplicate chapters).",
        why="A layout switch means the site or the scraper changed; the parser reads both, but other fields may have moved. More parse notes mean the grammar no longer fits the page.",
        example="`es/listing.txt` cards were flattened (one line per card) and are now line-broken markdown.",
        instead="Confirm the scraper change was intended; inspect the new parse notes (`aligner parse`) and adapt the scraper or the parser.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            if match.old.layout != match.new.layout:
                yield self.diff_finding(
                    match,
                    f"Layout of {_card(match.new)} changed: {match.old.layout.value} → {match.new.layout.value}",
                    quote(match.new.title, 120),
                )
        for page in ctx.pages:
            if page.old is None or page.new is None:
                continue
            if page.moved_from:
                yield self.diff_page_finding(
                    page,
                    f"Page `{page.moved_from}` is now `{page.page}`: its cards are compared across the move",
                    f"{page.moved_from} → {page.page}",
                )
            increase = ctx.settings.threshold(self.code, "increase", HEALTH_INCREASE, page.new.page.locale)
            added = list((Counter(page.new_issues) - Counter(page.old_issues)).elements())
            new_problems = {p.code for p in page.new.problems} - {p.code for p in page.old.problems}
            worse = len(page.new_issues) - len(page.old_issues)
            counts = f"{len(page.old_issues)} → {len(page.new_issues)} parse notes and scrape-health findings"
            # A page that became unreadable has fewer notes than before: the new problem is the news.
            if problems := sorted(new_problems & set(PAGE_PROBLEMS)):
                message = f"Parse health of `{page.page}` worse: new {'/'.join(problems)} problem ({counts})"
            elif worse >= increase:
                message = f"Parse health of `{page.page}` worse: {counts}; new: {_issue_counts(added)}"
            else:
                continue
            finding = self.diff_page_finding(page, message, _issue_evidence(added))
            locale = page.new.page.locale
            configured = [_issue_severity(issue, ctx.settings, locale) for issue in added]
            if problems or Severity.ERROR in configured:
                finding = replace(finding, severity=Severity.ERROR)
            yield finding


def _visible(text: str) -> str:
    """``text`` without format characters (soft hyphens, zero-width spaces, direction marks): a
    title that differs only by them reads the same."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf") if not text.isascii() else text


def _shrank(check: Check, match: VariantMatch, item: TextItem) -> Finding:
    """R604's finding of a text that shrank, and R605's of one that lost less (their own code)."""
    return check.diff_finding(
        match,
        f"{item.label} shrank {len(item.old):,} → {len(item.new):,} characters in {_card(match.variant)}",
        _lost(item.old, item.new),
        item.chapter,
    )


def _lost(old: str, new: str) -> str:
    """R604/R605 evidence of a text that shrank: what it lost (the part of the old text between
    the beginning and end both share), or that it is empty now."""
    return "lost: " + quote(added_text(new, old), 200) if new else "now empty; was: " + quote(old, 160)


ISSUE_EXAMPLES = 4  # new issues quoted in an R609 finding's evidence


def _issue_code(issue: str) -> str:
    """``S006`` of ``"S006 Encoding damage in …"``; ``note`` of a parse note (``"note: …"``)."""
    return "note" if issue.startswith("note:") else issue.split(" ", 1)[0]


def _issue_severity(issue: str, settings: Settings | None = None, locale: str | None = None) -> Severity:
    """The severity of an issue's check: as configured (``[checks.S006] severity``), else its own."""
    code = _issue_code(issue)
    configured = settings.severity_for(code, locale) if settings is not None else None
    if configured in {s.value for s in Severity}:
        return Severity(configured)
    return _code_severity(code)


def _code_severity(code: str) -> Severity:
    check = REGISTRY.get(code)
    return check.severity if check is not None else Severity.INFO


def _issue_counts(added: Sequence[str]) -> str:
    """``S006 ×114, S004 ×8, 4 parse notes``: the most severe codes first."""
    counts = Counter(_issue_code(issue) for issue in added)
    order = sorted(counts, key=lambda code: (code == "note", -_RANK[_code_severity(code)], code))
    return ", ".join(
        f"{counts[code]} parse note{'s' if counts[code] > 1 else ''}"
        if code == "note"
        else f"{code} ×{counts[code]}"
        for code in order
    )


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


def _issue_evidence(added: Sequence[str]) -> str:
    """A few of the new issues, the most severe first, parse notes last."""
    ranked = sorted(
        enumerate(added),
        key=lambda item: (-_RANK[_issue_severity(item[1])], _issue_code(item[1]) == "note", item[0]),
    )
    return " | ".join(issue for _index, issue in ranked[:ISSUE_EXAMPLES])
