"""Name normalization shared by pairing, entity alignment and term checks."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+")  # letters and digits: what normalization keeps
# Scripts whose vowel signs are marks that stay after ``strip_combining`` (Devanagari and the other
# Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer): in them a word is its letters and marks —
# letters alone cut `मैलाबी` (Mallaby) into `म ल ब` and `มัลลาบี` into `ม ลลาบ`.
_ABUGIDA_CHARS = "\u0900-\u0fff\u1000-\u109f\u1780-\u17ff"
_ABUGIDA = re.compile(f"[{_ABUGIDA_CHARS}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# Spellings of one Arabic-script word that a re-scrape or another keyboard changes: the Arabic and
# Persian forms of kaf and yeh (ك ک, ي ی ى), the tatweel that stretches a word (ـ), and the zero-width
# (non-)joiners of Persian compounds (`نرم‌افزار` = `نرمافزار`). ``comparable`` folds them.
_ARABIC_SPELLING_CHARS = "\u0643\u064a\u0649\u0640\u200c\u200d"
_ARABIC_SPELLING = re.compile(f"[{_ARABIC_SPELLING_CHARS}]")
_SCRIPT_SPECIFIC = re.compile(f"[{_ABUGIDA_CHARS}{_ARABIC_SPELLING_CHARS}]")  # either of the two
_ARABIC_FOLD = str.maketrans(
    {
        "\u0643": "\u06a9",
        "\u064a": "\u06cc",
        "\u0649": "\u06cc",
        "\u0640": None,
        "\u200c": None,
        "\u200d": None,
    }
)


def comparable(text: str) -> str:
    """``text`` in NFKC with ``_ARABIC_SPELLING`` folded: what two snapshots of a page compare
    (presentation forms, full-width letters and these spellings are no change a reader sees)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_ARABIC_FOLD) if _ARABIC_SPELLING.search(text) else text


def normalize_name(name: str) -> str:
    """Case-, width-, accent- and punctuation-insensitive key: ``Gita Matarić`` = ``gita mataric``."""
    # Names recur in every pair and check: short strings are memoized, long texts are not.
    return _normalize_short(name) if len(name) <= 100 else _normalize(name)


@functools.lru_cache(maxsize=1 << 15)
def _normalize_short(name: str) -> str:
    return _normalize(name)


def _normalize(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    if text.isascii():  # ASCII is its own NFKD and NFC, without combining marks
        return " ".join(_WORD.findall(text))
    text = unicodedata.normalize("NFC", strip_combining(unicodedata.normalize("NFKD", text)))
    text = text.replace("ı", "i")  # Turkish dotless ı: casefolding made `I` an `i` (`Işık` = `ışık`)
    if _SCRIPT_SPECIFIC.search(text) is None:  # one scan for the two tests below, nearly always
        return " ".join(_WORD.findall(text))
    if _ARABIC_SPELLING.search(text):
        text = text.translate(_ARABIC_FOLD)
    words = _abugida_word().findall(text) if _ABUGIDA.search(text) else _WORD.findall(text)
    return " ".join(words)  # punctuation and spaces → one space, none at the ends


@functools.cache
def _abugida_word() -> re.Pattern[str]:
    """``_WORD`` that keeps the marks of the ``_ABUGIDA`` scripts inside words."""
    marks = char_class(c for c in range(0x0900, 0x1800) if unicodedata.category(chr(c)).startswith("M"))
    return re.compile(rf"(?:[^\W_]|{marks})+")


def unaccented(text: str) -> str:
    """``text`` without its accents and other combining marks (`Χασάμπη` = `Χασαμπη`, `έ` = `ε`),
    its letters decomposed (NFD)."""
    return strip_combining(unicodedata.normalize("NFD", text))


def strip_combining(text: str) -> str:
    """``text`` without its combining characters (``unicodedata.combining`` ≠ 0), any plane."""
    text = _combining_pattern(0, 0xFFFF).sub("", text)
    if _ASTRAL.search(text):  # the planes above the BMP are scanned only for a text that needs them
        return _combining_pattern(0x10000, sys.maxunicode).sub("", text)
    return text


@functools.cache
def _combining_pattern(first: int, last: int) -> re.Pattern[str]:
    """A regex of runs of the combining characters from ``first`` to ``last``: one for the BMP and
    one above it, because a class confined to the BMP compiles to a constant-time bitmap and one
    spanning planes does not (and scanning the 1.1 million code points takes most of a second)."""
    return re.compile(char_class(c for c in range(first, last + 1) if unicodedata.combining(chr(c))) + "+")


def char_class(codes: Iterable[int]) -> str:
    """A regex character class of the code points ``codes`` (ascending), as ranges."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return "[" + "".join(parts) + "]"


def script_class(text: str) -> str:
    """Coarse script of a name: latin, cjk, hangul, cyrillic, other."""
    for ch in text:
        code = ord(ch)
        if ch.isascii() and ch.isalpha():
            return "latin"
        if 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            return "cjk"
        if 0xAC00 <= code <= 0xD7AF:
            return "hangul"
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
        if ch.isalpha() and code < 0x0250:
            return "latin"
    return "other"
