"""Scraped text prepared for the HTML templates: plain strings only, never markup.

The site writes markdown emphasis inside bodies and descriptions (``*The Infinity Machine*``,
``**Name**``). :func:`segments` splits a text into ``(kind, text)`` pieces so that a template
can wrap emphasised pieces in ``<em>``/``<strong>`` while autoescaping every piece: no data is
ever handed to the template as markup, so ``<script>``, ``onerror=`` or ``[x](javascript:…)``
stay text. Links are deliberately *not* rendered: a scraped URL never becomes an ``href``.
"""

from __future__ import annotations

import re

from aligner import langdata

Segment = tuple[str, str]  # (kind, text); kind is "", "em", "strong" or "code"
Segments = tuple[Segment, ...]

_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*")


def segments(text: str) -> Segments:
    """``"a *b* **c**"`` → ``(("", "a "), ("em", "b"), ("", " "), ("strong", "c"))``."""
    pieces: list[Segment] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            pieces.append(("", text[position : match.start()]))
        if match.group(1) is not None:
            pieces.append(("strong", match.group(1)))
        else:
            pieces.append(("em", match.group(2)))
        position = match.end()
    if position < len(text):
        pieces.append(("", text[position:]))
    return tuple(pieces)


def code_segments(text: str, lang: str = "") -> Segments:
    """Our own messages quote items in backticks: ``"Chapter `[15:55]` missing"`` → a code piece.
    With ``lang`` (the finding's variant language, when it is not written in Latin letters), a
    piece in another script than Latin is that language's (``code:ar``): a name the message quotes
    from the variant (`داريو أمودي`) is marked as Arabic, not as the page's English."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: keep the text as it is
        return (("", text),) if text else ()
    tagged = f"code:{lang}" if lang and _non_latin_language(lang) else "code"
    return tuple(
        ((tagged if _NON_LATIN.search(piece) else "code") if i % 2 else "", piece)
        for i, piece in enumerate(pieces)
        if piece
    )


_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")  # a letter beyond Latin Extended-B


def _non_latin_language(lang: str) -> bool:
    table = langdata.table(lang)
    return table is not None and table.script != "Latin"


def percent(value: float | None, digits: int = 0) -> str:
    """``0.873`` → ``"87%"``; ``None`` → ``""``."""
    if value is None:
        return ""
    return f"{100 * value:.{digits}f}%"


def score_text(value: float | None) -> str:
    """A 0–100 score with one decimal, ``""`` when there is none."""
    return "" if value is None else f"{value:.1f}"


def score_band(value: float | None) -> str:
    """CSS band of a 0–100 score: ``high`` ≥ 90, ``mid`` ≥ 75, ``low`` ≥ 50, else ``bad``."""
    if value is None:
        return "none"
    if value >= 90:
        return "high"
    if value >= 75:
        return "mid"
    if value >= 50:
        return "low"
    return "bad"


def entry_band(score: float | None, errors: int) -> str:
    """A variant's colour: its score's band, but never above ``low`` with an error. The score
    measures alignment; an untranslated copy (L401) or a missing entity (E301) can score 100, and
    a green cell told the editor it was fine. The overview's cells and the episode pages' badges
    both use it, so a variant has one colour everywhere."""
    band = score_band(score)
    return "low" if errors and band in ("high", "mid") else band
