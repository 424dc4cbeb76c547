"""Letters per writing system: the exact, cheap first step of language identification.

A text's script profile counts its letters per script (Latin, Han, Kana, Hangul, Cyrillic,
Arabic, Devanagari, Thai and the other scripts of ``_SCRIPT_RANGES``, Other) in its first ``SAMPLE_CHARS`` characters, with C string operations; ``ScriptProfile.system``
weighs them (one Han character carries about as much text as three Latin letters) to name the
dominant writing system. ``aligner.langid`` builds on it.
"""

from __future__ import annotations

import bisect
import functools
import re
import string
from collections import Counter
from dataclasses import dataclass

SAMPLE_CHARS = 2000  # detection reads at most this many leading characters
MIN_KANA_SHARE = 0.1  # kana share of the CJK letters that makes CJK text Japanese
MIN_SCRIPT_SHARE = 0.15  # weighted share at which a non-Latin script decides the language

# How much text one letter of each script carries, relative to a Latin letter (≈ 1 / length prior).
# Devanagari and Thai write most vowels as marks, which are no letters (`मैलाबी` counts 3 of 6).
SCRIPT_WEIGHTS: dict[str, float] = {"Han": 3.0, "Kana": 2.2, "Hangul": 2.0, "Devanagari": 1.3, "Thai": 1.3}


@dataclass(frozen=True, slots=True)
class ScriptProfile:
    """Letter counts per script in a text sample, and which writing system they amount to."""

    counts: dict[str, int]  # "Latin", "Han", "Kana", "Hangul", "Cyrillic", "Arabic", …, "Other"

    @property
    def weighted(self) -> dict[str, float]:
        return {script: n * SCRIPT_WEIGHTS.get(script, 1.0) for script, n in self.counts.items()}

    @property
    def size(self) -> float:
        """Weighted letter count: how much text there is to judge."""
        return sum(self.weighted.values())

    def system(self) -> tuple[str, float]:
        """(writing system, its weighted share): "Japanese", "Han", "Latin", "Other" or the script
        (``_SCRIPT_RANGES``: "Hangul", "Cyrillic", "Arabic", "Thai", …)."""
        return writing_system(self.counts, self.weighted)


def writing_system(counts: dict[str, int], weights: dict[str, float]) -> tuple[str, float]:
    """``ScriptProfile.system`` of ``counts``, whose weighted counts are ``weights``."""
    if len(weights) == 1 and weights.get("Latin", 0.0) > 0:
        return "Latin", 1.0  # what the general case gives: no other group, weights["Latin"] / total
    total = sum(weights.values())
    if not total:
        return "Other", 0.0
    groups = {
        "CJK": weights.get("Han", 0.0) + weights.get("Kana", 0.0),
        **{script: weights[script] for script in weights if script not in _NOT_GROUPS},
    }
    group, amount = max(groups.items(), key=lambda item: item[1])
    share = amount / total
    if share < MIN_SCRIPT_SHARE and weights.get("Latin", 0.0):
        return "Latin", weights["Latin"] / total
    if group == "CJK":
        kana, han = counts.get("Kana", 0), counts.get("Han", 0)
        return ("Japanese" if kana and kana / (kana + han) >= MIN_KANA_SHARE else "Han"), share
    return group, share


# Arabic presentation forms: the letters in their joined shapes as compatibility characters (old
# PDFs, some scrapers), not U+FEFF (a zero-width no-break space at the end of their block).
ARABIC_PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufefc"

# The letters and marks of a word in the Hebrew, Arabic and Devanagari alphabets (no digits, no
# punctuation): names written by sound are matched on them (``aligner.mentions``, ``aligner.terms``).
RTL_AND_INDIC_WORD = (
    r"\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u05d0-\u05ea"  # Hebrew letters and points
    r"\u0620-\u065f\u066e-\u06d3\u06d5"  # Arabic letters and harakat
    r"\u0900-\u0963\u0971-\u097f"  # Devanagari, without the danda and digits
)

# Scripts that are no writing system of their own in ``writing_system``: Latin is the fallback,
# Han and Kana together are CJK.
_NOT_GROUPS = frozenset({"Latin", "Han", "Kana"})

# Letter ranges per script, sorted by start; letters outside them count as "Other".
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x024F, "Latin"),  # Basic Latin to Latin Extended-B
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),  # Arabic, Persian, Urdu
    (0x0750, 0x077F, "Arabic"),  # supplement
    (0x08A0, 0x08FF, "Arabic"),  # extended-A
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),  # Jamo
    (0x1C80, 0x1C8F, "Cyrillic"),
    (0x1E00, 0x1EFF, "Latin"),  # Latin Extended Additional (Vietnamese, …)
    (0x1F00, 0x1FFF, "Greek"),  # extended (polytonic)
    (0x2C60, 0x2C7F, "Latin"),
    (0x3005, 0x3006, "Han"),  # 々 〆
    (0x3040, 0x30FF, "Kana"),  # hiragana, katakana, ー
    (0x3130, 0x318F, "Hangul"),  # compatibility jamo
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA8E0, 0xA8FF, "Devanagari"),  # extended
    (0xAC00, 0xD7AF, "Hangul"),  # syllables
    (0xF900, 0xFAFF, "Han"),
    (0xFB1D, 0xFB4F, "Hebrew"),  # presentation forms
    (0xFB50, 0xFDFF, "Arabic"),  # presentation forms-A
    (0xFE70, 0xFEFF, "Arabic"),  # presentation forms-B
    (0xFF21, 0xFF5A, "Latin"),  # full-width
    (0xFF66, 0xFF9D, "Kana"),  # half-width
    (0x20000, 0x3FFFF, "Han"),
)
_RANGE_STARTS = [start for start, _, _ in _SCRIPT_RANGES]


def _letter_script(ch: str) -> str | None:
    """Script of a letter; None for anything that is not a letter (digits, punctuation, ・)."""
    if not ch.isalpha():
        return None
    index = bisect.bisect_right(_RANGE_STARTS, ord(ch)) - 1
    if index >= 0:
        start, end, script = _SCRIPT_RANGES[index]
        if start <= ord(ch) <= end:
            return script
    return "Other"


_char_script = functools.cache(_letter_script)

# Script profiles count letters with C string operations. ASCII letters are all Latin: they are
# counted on the UTF-8 bytes, which also give the non-ASCII characters apart (deleting the ASCII
# bytes leaves whole multi-byte sequences). Each non-ASCII character of the Basic Multilingual
# Plane maps to a one-letter tag (``str.translate`` with a 65,536-character table) and
# ``str.count`` adds the tags up.
_TAGS: dict[str | None, str] = {
    "Latin": "L",
    "Han": "H",
    "Kana": "K",
    "Hangul": "G",
    "Cyrillic": "C",
    "Greek": "R",
    "Armenian": "Y",
    "Hebrew": "E",
    "Arabic": "A",
    "Devanagari": "D",
    "Bengali": "B",
    "Gurmukhi": "P",
    "Gujarati": "U",
    "Tamil": "T",
    "Telugu": "W",
    "Thai": "I",
    "Georgian": "J",
    "Other": "O",
    None: " ",
}
_COMMON_TAGS = "LHKGCO"  # Latin, Han, Kana, Hangul, Cyrillic, Other
_RARE_TAGS = "".join(tag for script, tag in _TAGS.items() if script is not None and tag not in _COMMON_TAGS)
_TAG_SCRIPTS = {tag: script for script, tag in _TAGS.items() if script is not None}
_ASCII_BYTES = bytes(range(0x80))
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
BMP = 0x10000


@functools.cache
def _tag_table() -> str:
    """Tag of every BMP character, indexed by code point (built once, on first use): the
    ``_letter_script`` of each, worked out a range at a time with C string operations — a
    character-by-character loop costs 40 ms, paid by every process that parses a page."""
    letters = bytes(map(str.isalpha, bmp_chars()))  # 1 for a letter, 0 for anything else
    tags = bytearray(letters.translate(_tag_bytes("Other")))  # letters outside every range
    for start, end, script in _SCRIPT_RANGES:
        if start < BMP:
            stop = min(end, BMP - 1) + 1
            tags[start:stop] = letters[start:stop].translate(_tag_bytes(script))
    return tags.decode("ascii")


@functools.cache
def bmp_chars() -> str:
    """Every BMP code point (surrogates too), in order: what the per-character tables are built
    from (made on first use, not at import)."""
    return "".join(map(chr, range(BMP)))


def _tag_bytes(script: str) -> bytes:
    """A ``bytes.translate`` table: 0 (not a letter) → the untagged tag, 1 → ``script``'s tag."""
    table = bytearray(range(256))
    table[0], table[1] = ord(_TAGS[None]), ord(_TAGS[script])
    return bytes(table)


def profile(text: str) -> ScriptProfile:
    """Letters per script in the first ``SAMPLE_CHARS`` characters of ``text``."""
    return ScriptProfile(_script_counts(text[:SAMPLE_CHARS]))


def _non_ascii_tags(utf8: bytes) -> str:
    """Tags of the non-ASCII characters of a UTF-8 text, in order (untagged beyond the BMP)."""
    return utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass").translate(_tag_table())


def _script_counts(sample: str) -> dict[str, int]:
    """Letters per script of ``sample``, keyed in the order each script first appears (as counting
    character by character would key them); see ``_script_counts_by_char``."""
    utf8 = sample.encode("utf-8", "surrogatepass")
    ascii_letters = len(utf8) - len(utf8.translate(None, _ASCII_LETTERS))
    if len(utf8) == len(sample):  # all ASCII
        return {"Latin": ascii_letters} if ascii_letters else {}
    tags = _non_ascii_tags(utf8)
    if not tags.isascii():  # a character beyond the BMP kept itself instead of a tag
        return _script_counts_by_char(sample)
    latin = tags.count("L")
    untagged = tags.count(" ")
    if latin + untagged == len(tags):  # Latin letters only (accents, dashes, quotes)
        latin += ascii_letters
        return {"Latin": latin} if latin else {}
    found = {tag: tags.count(tag) for tag in _COMMON_TAGS if tag in tags}
    if sum(found.values()) + untagged < len(tags):  # a script of a few languages (Arabic, Thai…)
        found.update((tag, tags.count(tag)) for tag in _RARE_TAGS if tag in tags)
    order = sorted(found, key=tags.find)
    counts = {tag: found[tag] for tag in order}
    if ascii_letters:
        counts["L"] = counts.get("L", 0) + ascii_letters
        if any(tag != "L" for tag in order):
            # Latin first appears at the first ASCII letter, unless a non-ASCII letter before it did.
            first = _ASCII_LETTER.search(sample)
            assert first is not None
            # ``tags`` has one tag per non-ASCII character: those before the letter lead it.
            prefix = sample[: first.start()]
            before = tags[: len(prefix) - len(prefix.encode("ascii", "ignore"))]
            seen_before = sorted((tag for tag in order if tag in before), key=before.find)
            order = list(dict.fromkeys([*seen_before, "L", *order]))
        else:
            order = ["L"]
    return {_TAG_SCRIPTS[tag]: counts[tag] for tag in order}


def _script_counts_by_char(sample: str) -> dict[str, int]:
    """``_script_counts`` one distinct character at a time (any text, e.g. beyond the BMP)."""
    counts: dict[str, int] = {}
    # Count characters in C first, then classify each distinct character once.
    for ch, n in Counter(sample).items():
        script = _char_script(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + n
    return counts


def script_of(text: str) -> str:
    """Dominant writing system of a text: "Latin", "Han", "Japanese", "Other" or a script ("Hangul",
    "Cyrillic", "Arabic", "Devanagari", "Thai", …)."""
    return profile(text).system()[0]
