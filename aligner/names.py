"""Name normalization shared by pairing, entity alignment and term checks."""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCT = re.compile(r"[\W_]+")


def normalize_name(name: str) -> str:
    """Case-, width-, accent- and punctuation-insensitive key: ``Gita Matarić`` = ``gita mataric``."""
    # Names recur in every pair and check: short strings are memoized, long texts are not.
    return _normalize_short(name) if len(name) <= 100 else _normalize(name)


@functools.lru_cache(maxsize=1 << 15)
def _normalize_short(name: str) -> str:
    return _normalize(name)


def _normalize(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)
    return _PUNCT.sub(" ", text).strip()


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
