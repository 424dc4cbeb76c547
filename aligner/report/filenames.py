"""Safe, deterministic file names and HTML ids derived from scraped text.

Episode titles and ids come from scraped pages and are hostile: they may hold ``../``, slashes,
NUL bytes, Windows device names (``CON``, ``NUL``, ``COM1``), thousands of characters, or
differ only in case. :func:`safe_stem` turns any string into a short lowercase ASCII stem made of
``[a-z0-9-]`` that is never empty, never a reserved device name and never longer than
:data:`MAX_STEM`; :func:`unique_stems` makes a list of them unique (case-insensitively, as on
macOS and Windows file systems) without depending on anything but the input order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

MAX_STEM = 64
FALLBACK = "episode"

# Windows device names, reserved with any extension and in any case (and so unusable on a share).
RESERVED: frozenset[str] = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"com{n}" for n in range(10)}
    | {f"lpt{n}" for n in range(10)}
)

_NOT_STEM = re.compile(r"[^a-z0-9]+")
_NOT_TOKEN = re.compile(r"[^A-Za-z0-9_-]+")


def safe_stem(text: str, fallback: str = FALLBACK) -> str:
    """A file-name stem for ``text``: transliterated to ASCII, ``[a-z0-9-]`` only, bounded.

    ``"Yann LeCun sobre lo que viene"`` → ``"yann-lecun-sobre-lo-que-viene"``;
    ``"../../etc/passwd"`` → ``"etc-passwd"``; ``"CON"`` → ``"con-episode"``; ``""`` → ``"episode"``.
    """
    ascii_text = anyascii(unicodedata.normalize("NFKC", text)).lower()
    stem = _NOT_STEM.sub("-", ascii_text).strip("-")
    stem = stem[:MAX_STEM].rstrip("-")
    if not stem:
        return fallback
    if stem in RESERVED:
        return f"{stem}-{fallback}"
    return stem


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def unique_stems(names: Iterable[str], fallback: str = FALLBACK) -> list[str]:
    """One safe stem per name, in order, all distinct (case-insensitively).

    A stem already taken gets the first 8 hex digits of the SHA-1 of the *original* name
    (so it does not depend on which other names happen to collide), then a counter if even
    that is taken (identical names).
    """
    used: set[str] = set()
    stems: list[str] = []
    for name in names:
        stem = safe_stem(name, fallback)
        if stem in used:
            base = f"{stem[: MAX_STEM - 9].rstrip('-')}-{_digest(name)}"
            stem, counter = base, 2
            while stem in used:
                stem = f"{base}-{counter}"
                counter += 1
        used.add(stem)
        stems.append(stem)
    return stems


def safe_token(text: str, fallback: str = "x") -> str:
    """An HTML id / URL-fragment piece: ``[A-Za-z0-9_-]`` only, bounded (``zh-Hans`` stays)."""
    token = _NOT_TOKEN.sub("-", text).strip("-")[:32].rstrip("-")
    return token or fallback
