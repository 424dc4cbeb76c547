"""Regexes compiled only for the texts that can match them, and compiled cheaply.

Terms, names and acronyms are looked up with a regex each (word boundaries, plurals, flexible
gaps: ``aligner.glossary.term_pattern``, ``aligner.mentions``, ``aligner.terms``). Compiling one
costs up to 1 ms — a hundred times a search — and a real catalog brings new names with every
episode (the chapter titles alone are capitalized runs: ``What Real Intelligence Means``), so
compiling can cost as much as all the rest of checking an episode. Two things make it cheap:

* **pieces** — every match contains some literal pieces (the words of a term, the characters of a
  CJK term). ``search`` first tests that the text contains all of them (``in``, in C) and
  compiles nothing for a text that lacks one: a form that never occurs costs nothing to build.
* **a fast twin** — most of the compile time goes into the Latin word-boundary classes
  (``[a-z0-9À-ɏ]``: the range beyond Latin-1 makes the compiler build and compress a 65,536-entry
  bitmap, twice per pattern). The twin has ASCII-only boundaries (``[a-z0-9]``, five times
  cheaper to compile), so it matches wherever the pattern does and possibly more; a match of the
  twin whose two ends touch no ``edge`` character (``[À-ɏ]``) is the pattern's very match
  (the same leftmost position, and the first path the engine tries there that passes both
  tests). Only when a twin match touches one does the full pattern decide (compiled then).

``search`` answers exactly as the full regex's ``search`` would: the same match, or None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence


class GuardedPattern:
    """A regex (``source``) whose every match contains each of ``pieces``; ``fast``: a twin with
    narrower boundary classes, whose matches include the pattern's, and ``edge``: the characters
    the narrowing left out, which a twin match must not touch to be the pattern's."""

    __slots__ = ("_compiled", "_edge", "_fast", "_fast_source", "pieces", "source")

    def __init__(self, source: str, pieces: Sequence[str], fast: str | None = None, edge: str = "") -> None:
        self.source = source
        self.pieces = tuple(p for p in dict.fromkeys(pieces) if p)
        self._fast_source = fast
        self._edge = edge
        self._compiled: re.Pattern[str] | None = None
        self._fast: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        for piece in self.pieces:  # a plain loop: this runs ~100k times per 1,000 variants
            if piece not in text:
                return None
        if self._fast_source is None:
            return self.compiled.search(text)
        if self._fast is None:
            self._fast = re.compile(self._fast_source)
        match = self._fast.search(text)
        if match is None:
            return None
        start, end = match.span()
        if (start > 0 and text[start - 1] in self._edge) or (end < len(text) and text[end] in self._edge):
            return self.compiled.search(text)  # the full boundaries decide
        return match

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled


@functools.lru_cache(maxsize=1 << 14)
def guarded(source: str, pieces: tuple[str, ...], fast: str | None = None, edge: str = "") -> GuardedPattern:
    """The shared ``GuardedPattern`` (its compiled regexes are kept with it)."""
    return GuardedPattern(source, pieces, fast, edge)


# The Latin word boundary of term and name patterns, split into its ASCII part (cheap to compile)
# and the rest; ``LATIN_EDGE`` holds every character of the rest, for ``in`` tests.
LATIN_CHAR = "a-z0-9\u00c0-\u024f"
ASCII_CHAR = "a-z0-9"
LATIN_EDGE = "".join(map(chr, range(0xC0, 0x250)))


def latin_bounded(body: str, head: str, pieces: tuple[str, ...]) -> GuardedPattern:
    """``head`` + ``body`` where ``head`` is not preceded and the match not followed by a Latin
    letter or digit: ``{head}(?<![LATIN]{head}){body}(?![LATIN])``, with its fast twin."""
    full = rf"{head}(?<![{LATIN_CHAR}]{head}){body}(?![{LATIN_CHAR}])"
    fast = rf"{head}(?<![{ASCII_CHAR}]{head}){body}(?![{ASCII_CHAR}])"
    return guarded(full, pieces, fast, LATIN_EDGE)
