"""Comparing one card's text across two snapshots: the pieces R604, R605 and R607 measure.

Texts are compared whitespace-normalized; a chapter is its title and body together, so the
flattened layout's guessed title/body split never matters. Similarity is sacrebleu's sentence
chrF (character n-grams: works for CJK without tokenization), 0–100, new text against old.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aligner.checks.diffcontext import VariantMatch
from aligner.model import Chapter, Entity, Variant
from aligner.names import comparable, normalize_name
from aligner.untranslated import chrf_metric


def chrf(old: str, new: str) -> float:
    """sacrebleu's sentence chrF of ``new`` against ``old`` (100 for identical text), compared as
    ``names.comparable``: a page re-scraped with Persian letters for Arabic ones is no change."""
    if old == new:
        return 100.0
    old, new = comparable(old), comparable(new)
    if old == new:
        return 100.0
    if not old or not new:
        return 0.0
    return float(chrf_metric().sentence_score(new, [old]).score)


def flat(text: str) -> str:
    return " ".join(text.split())


def chapter_text(chapter: Chapter) -> str:
    """Title, body and the text trailing its quotes as one string: the flattened layout's guessed
    title split cannot matter, and a block a flattened page gained after a quote ("Related
    episodes …", read as the quote's note) is text the chapter gained. The quotes themselves are
    R607's: with them, each quote a scraper dropped would also be text lost here."""
    notes = " ".join(quote.note for quote in chapter.quotes if quote.note)
    return flat(f"{chapter.title} {chapter.body} {notes}" if notes else f"{chapter.title} {chapter.body}")


def entities_text(entities: Iterable[Entity]) -> str:
    return flat(" ".join(f"{e.name} ({e.type}) {e.description}" for e in entities))


@dataclass(frozen=True, slots=True)
class TextItem:
    """One piece of a card's text, old and new: summary, a chapter, the entity list, the title."""

    label: str  # for messages: "Summary", "Chapter `[15:55]`", "Entity list", "Title"
    old: str
    new: str
    same_lang: bool
    chapter: Chapter | None = None


def text_items(match: VariantMatch) -> list[TextItem]:
    """The texts R604 and R605 compare (cards present in both snapshots only)."""
    old, new = match.old, match.new
    assert old is not None and new is not None
    same = old.lang == new.lang
    items = [TextItem("Summary", flat(old.summary), flat(new.summary), same)]
    for pair in match.chapters:
        if pair.ref is not None and pair.var is not None:
            items.append(
                TextItem(
                    f"Chapter `[{pair.ref.label}]`",
                    chapter_text(pair.ref),
                    chapter_text(pair.var),
                    pair.ref.lang == pair.var.lang,
                    pair.ref,
                )
            )
    return items


def shrunk(old: str, new: str, same_lang: bool, share: float, min_chars: float) -> bool:
    """Lost at least ``share`` of its characters (across languages: only when it is gone)."""
    if len(old) < min_chars:
        return False
    if not same_lang:
        return not new
    return len(new) <= len(old) * (1.0 - share)


def grown(old: str, new: str, share: float, min_chars: float) -> bool:
    """Gained at least ``share`` of its characters (a paragraph of site chrome appended)."""
    return len(old) >= min_chars and len(new) >= len(old) * (1.0 + share)


def added_text(old: str, new: str) -> str:
    """What ``new`` holds between the beginning and the end it shares with ``old``: the inserted or
    appended text when the change is one insertion (``new`` itself otherwise)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return new[start : len(new) - end].strip() or new


def common_entities(old: Variant, new: Variant) -> TextItem:
    """Descriptions of the entities listed in both snapshots (R606 covers added and removed ones)."""
    new_names = {normalize_name(e.name) for e in new.entities or ()}
    old_common = [e for e in old.entities or () if normalize_name(e.name) in new_names]
    by_name = {normalize_name(e.name): e for e in reversed(new.entities or ())}
    new_common = [by_name[normalize_name(e.name)] for e in old_common]
    return TextItem(
        "Entity descriptions", entities_text(old_common), entities_text(new_common), old.lang == new.lang
    )
