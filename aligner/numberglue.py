"""Number words glued to other words, set apart before a text is read (``aligner.numbers``): a
scale glued to a numeral in a language without spaces (Thai), a number word opening a compound
(German, Dutch, Russian, Ukrainian, Greek: ``compound_endings`` of their tables)."""

from __future__ import annotations

import functools
import re

from aligner.langdata import table


def split_compounds(text: str, code: str) -> str:
    """``text`` with each number word that opens a compound (``_compound``) set apart from its
    ending: `zweistündigen` is read as `zwei stündigen`."""
    return _compound(code).sub(r"\1 ", text)


@functools.cache
def _compound(code: str) -> re.Pattern[str]:
    """A number word that opens a word with one of the language's ``compound_endings`` (German
    `zweistündigen`, `einunddreißigjährige`; Dutch `tweejarig`): ``split_compounds`` sets it
    apart from its ending, so the word reads as its number. `Dreieck` keeps its three to itself."""
    data = table(code)
    assert data is not None
    # table keys are casefolded (`dreissig`); a text writes `dreißig`
    words = {form for key in data.number_words for form in (key, key.replace("ss", "ß"))}
    numbers = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    endings = "|".join(map(re.escape, data.numbers.compound_endings))
    return re.compile(f"(?<![^\\W\\d_])({numbers})(?=(?:{endings}))", re.IGNORECASE)


@functools.cache
def _scale_spacing(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(scale words right after a numeral, one scale word) of a language that glues words."""
    data = table(code)
    assert data is not None
    scales = "|".join(map(re.escape, sorted(data.scale_words, key=len, reverse=True)))
    return re.compile(rf"(?<=\d)[ \u00a0]?((?:{scales})+)"), re.compile(scales)


def spaced_scales(text: str, code: str) -> str:
    """``text`` with the scale words glued to a numeral made words of their own, in a language
    that writes no spaces between words (Thai `50 ล้านดอลลาร์`, "50 million dollars", is read as
    `50 ล้าน ดอลลาร์`): where words are not found inside runs, a numeral's scale still is — a 5 to
    50 million change passed."""
    glued, word = _scale_spacing(code)
    return glued.sub(lambda match: " " + " ".join(word.findall(match[1])) + " ", text)
