"""R604, R605 — text that shrank or changed between two snapshots (see :mod:`aligner.checks.regressions`).

A summary, chapter or entity list that lost half of its characters is R604; any change of a
title, text grown or partly lost, or replaced (chrF both ways) is R605.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import ClassVar

from aligner.checks.base import Check, Docs, quote, register
from aligner.checks.diffcontext import DiffContext, VariantMatch, card_name
from aligner.checks.textdiff import (
    TextItem,
    added_text,
    chrf,
    common_entities,
    entities_text,
    flat,
    grown,
    shrunk,
    text_items,
)
from aligner.locales import language_of
from aligner.model import Finding, Severity, Variant
from aligner.names import comparable
from aligner.textdamage import encoding_damage

SHRINK_SHARE = 0.5  # R604: a text that lost at least this share of its characters has shrunk
SHRINK_MIN_CHARS = 40  # R604: shorter texts are too small to judge
CHANGE_CHRF = 60.0  # R605: chrF (0–100) of new text against old below this: the text was replaced
CHANGE_MIN_CHARS = 20
GROWTH_SHARE = 0.1  # R605: a text that gained at least this share of its characters has grown
LOSS_SHARE = 0.2  # R605: one that lost this share (and less than R604's) has lost a part


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
            locale = match.variant.page_locale
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
            message = f"Entity list gone from {card_name(match.variant)} ({len(old)} entities before)"
        else:
            message = (
                f"Entity list shrank {len(old)} → {len(new)} entities "
                f"({len(old_text):,} → {len(new_text):,} characters) in {card_name(match.variant)}"
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
        what="Reports a title, summary, chapter or set of entity descriptions whose same-language text changed: any change of a title; a text that grew by `growth` (default 0.1) of its length, quoting what was added, or lost `loss` (default 0.2; R604 from half), quoting what was lost; otherwise a sacrebleu sentence chrF below `chrf` (default 60) either way — new against old sees text lost or replaced, old against new text added. A card whose text is in another language now is one finding (an error when it was in its page's language: the translation is gone; none when a tenth of its text is encoding damage, whose language means nothing: R609 reports the damage); texts already reported as shrunk (R604) are skipped.",
        why="Re-scraping unchanged pages gives the same text; a chapter whose text is replaced means a selector now grabs the wrong block or cards got mixed up.",
        example="Chapter `[04:03]` now holds the text of chapter `[02:04]` (chrF 22).",
        instead="Check the card's chapter selector and compare the page in a browser; accept the diff only for a deliberate rewrite.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            locale = match.variant.page_locale
            threshold = ctx.settings.threshold(self.code, "chrf", CHANGE_CHRF, locale)
            min_chars = ctx.settings.threshold(self.code, "min_chars", CHANGE_MIN_CHARS, locale)
            share = ctx.settings.threshold("R604", "share", SHRINK_SHARE, locale)
            shrink_min = ctx.settings.threshold("R604", "min_chars", SHRINK_MIN_CHARS, locale)
            growth = ctx.settings.threshold(self.code, "growth", GROWTH_SHARE, locale)
            loss = ctx.settings.threshold(self.code, "loss", LOSS_SHARE, locale)
            same = match.old.lang == match.new.lang
            if not same:
                if not _decoded_wrongly(match.new):  # then its language was read from mojibake: R609's
                    yield _language_switched(self, match)
                continue
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
                if item.label == "Title":
                    # every change counts, a shortened title too (R604 reads no titles): the title
                    # names the card, and makes its episode's id
                    if _visible(item.old) != _visible(item.new):
                        yield self.diff_finding(
                            match,
                            f"Title changed in {card_name(match.variant)}",
                            f"{quote(item.old, 100)} → {quote(item.new, 100)}",
                        )
                    continue
                if shrunk(item.old, item.new, item.same_lang, share, shrink_min):
                    continue  # R604's finding
                if shrunk(item.old, item.new, item.same_lang, loss, min_chars):
                    yield _shrank(self, match, item)  # less than R604's share: a part lost
                    continue
                if grown(item.old, item.new, growth, min_chars):
                    yield self.diff_finding(
                        match,
                        f"{item.label} grew {len(item.old):,} → {len(item.new):,} characters in "
                        f"{card_name(match.variant)}",
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
                        f"{item.label} text changed in {card_name(match.variant)} (chrF {score:.0f})",
                        f"{quote(item.old, 100)} → {quote(item.new, 100)}",
                        item.chapter,
                    )


DAMAGED_SHARE = 0.1  # of a card's text in encoding damage: its detected language means nothing


def _language_switched(check: Check, match: VariantMatch) -> Finding:
    """The card's text is in another language now: one finding, not one per text. An error when
    the card was in its page's language (the page lost its translation: `ja` → `es`)."""
    assert match.old is not None and match.new is not None
    finding = check.diff_finding(
        match,
        f"Text of {card_name(match.variant)} is in `{match.new.lang}` now, was in `{match.old.lang}`",
        f"{quote(flat(match.old.summary), 80)} → {quote(flat(match.new.summary), 80)}",
    )
    lost_translation = language_of(match.old.page_locale) == match.old.lang
    return replace(finding, severity=Severity.ERROR) if lost_translation else finding


def _decoded_wrongly(variant: Variant) -> bool:
    """Whether a tenth or more of the card's summary and chapter text is encoding damage (mojibake,
    U+FFFD): R609 reports the damage, and the language detected in it means nothing."""
    texts = [t for t in (variant.summary, *(c.body for c in variant.chapters)) if t]
    total = sum(map(len, texts))
    damaged = sum(hit.end - hit.start for text in texts for hit in encoding_damage(text))
    return total > 0 and damaged >= DAMAGED_SHARE * total


def _visible(text: str) -> str:
    """``text`` without format characters (soft hyphens, zero-width spaces, direction marks) and
    as ``names.comparable``: a title that differs only by them reads the same."""
    if text.isascii():
        return text
    return "".join(ch for ch in comparable(text) if unicodedata.category(ch) != "Cf")


def _shrank(check: Check, match: VariantMatch, item: TextItem) -> Finding:
    """R604's finding of a text that shrank, and R605's of one that lost less (their own code)."""
    return check.diff_finding(
        match,
        f"{item.label} shrank {len(item.old):,} → {len(item.new):,} characters in {card_name(match.variant)}",
        _lost(item.old, item.new),
        item.chapter,
    )


def _lost(old: str, new: str) -> str:
    """R604/R605 evidence of a text that shrank: what it lost (the part of the old text between
    the beginning and end both share), or that it is empty now."""
    return "lost: " + quote(added_text(new, old), 200) if new else "now empty; was: " + quote(old, 160)
