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

Most callers only ask whether there is a match (``found``). For a pattern of literal words
(``BoundedWords``: the words, their plural endings, the gaps between them and the boundary
characters), ``found`` is answered by ``str.find`` and a few character tests in Python for the
first ``COMPILE_AFTER`` texts that hold its pieces, without compiling anything: a name met in a
handful of texts never costs a compilation. A pattern asked more often than that is compiled
(its fast twin): then a search in C is cheaper than the Python walk.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Sequence


class GuardedPattern:
    """A regex (``source``) whose every match contains each of ``pieces``."""

    __slots__ = ("_compiled", "pieces", "source")

    def __init__(self, source: str, pieces: Sequence[str]) -> None:
        self.source = source
        self.pieces = tuple(p for p in dict.fromkeys(pieces) if p)
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        return self._search(text) if self._holds_pieces(text) else None

    def found(self, text: str) -> bool:
        """Whether the pattern matches ``text`` anywhere (``search(text) is not None``)."""
        return self.search(text) is not None

    def _holds_pieces(self, text: str) -> bool:
        for piece in self.pieces:  # noqa: SIM110 - a plain loop: this runs ~100k times per 1,000 variants
            if piece not in text:
                return False
        return True

    def _search(self, text: str) -> re.Match[str] | None:
        """``search`` of a text that holds every piece."""
        return self.compiled.search(text)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled


@functools.lru_cache(maxsize=1 << 14)
def guarded(source: str, pieces: tuple[str, ...]) -> GuardedPattern:
    """The shared ``GuardedPattern`` of ``source`` (its compiled regex is kept with it)."""
    return GuardedPattern(source, pieces)


COMPILE_AFTER = 32  # texts a BoundedWords pattern walks in Python before it is compiled


class BoundedWords(GuardedPattern):
    """Literal ``words`` in order, each followed by one of its ``endings`` (tried in order, the
    regex's backtracking order; ``("",)``: none), consecutive words separated by a run of ``gap``
    characters or whitespace (the next word never starts with one), the first word not preceded
    and the last ending not followed by a ``boundary`` character. ``source`` is that regex;
    ``fast``, when given, a twin with narrower boundary classes, whose matches include the
    pattern's, and ``edge`` the characters the narrowing left out, which a twin match must not
    touch to be the pattern's."""

    __slots__ = ("_asked", "_edge", "_fast", "_fast_source", "boundary", "endings", "gap", "words")

    def __init__(
        self,
        source: str,
        words: tuple[str, ...],
        endings: tuple[tuple[str, ...], ...],
        gap: str,
        boundary: frozenset[str],
        fast: str | None = None,
        edge: str = "",
    ) -> None:
        super().__init__(source, words)
        self.words = words
        self.endings = endings
        self.gap = gap
        self.boundary = boundary
        self._fast_source = fast
        self._edge = edge
        self._fast: re.Pattern[str] | None = None
        self._asked = 0

    def found(self, text: str) -> bool:
        if not self._holds_pieces(text):
            return False
        if self._asked >= COMPILE_AFTER:
            return self._search(text) is not None
        self._asked += 1
        first, boundary = self.words[0], self.boundary
        start = text.find(first)
        while start >= 0:
            if (start == 0 or text[start - 1] not in boundary) and self._rest(text, start + len(first), 0):
                return True
            start = text.find(first, start + 1)
        return False

    def _search(self, text: str) -> re.Match[str] | None:
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

    def _rest(self, text: str, position: int, index: int) -> bool:
        """Whether the match can go on after word ``index``, which ends at ``position``."""
        last = index + 1 == len(self.words)
        for ending in self.endings[index]:
            if ending and not text.startswith(ending, position):
                continue
            end = position + len(ending)
            if last:
                if end == len(text) or text[end] not in self.boundary:
                    return True
                continue
            after = end
            while after < len(text) and (text[after] in self.gap or text[after].isspace()):
                after += 1
            following = self.words[index + 1]
            if (
                after > end
                and text.startswith(following, after)
                and self._rest(text, after + len(following), index + 1)
            ):
                return True
        return False


# The Latin word boundary of term and name patterns, split into its ASCII part (cheap to compile)
# and the rest; ``LATIN_EDGE`` holds every character of the rest, for ``in`` tests.
LATIN_CHAR = "a-z0-9\u00c0-\u024f"
ASCII_CHAR = "a-z0-9"
LATIN_EDGE = "".join(map(chr, range(0xC0, 0x250)))


LATIN_BOUNDARY = frozenset(string.ascii_lowercase + string.digits + LATIN_EDGE)  # [a-z0-9À-ɏ]
ALNUM_BOUNDARY = frozenset(string.ascii_letters + string.digits)
PLURAL = ("es", "s", "")  # ``(?:e?s)?``, in the order the regex tries it
TERM_GAP = "-\u2010"  # with whitespace: ``[\s\-‐]+``


@functools.lru_cache(maxsize=1 << 14)
def latin_words(words: tuple[str, ...], endings: tuple[tuple[str, ...], ...]) -> BoundedWords:
    r"""``words`` (each with its ``endings``, see ``BoundedWords``) separated by ``[\s\-‐]+``,
    between Latin boundaries: no Latin letter or digit (``[a-z0-9À-ɏ]``) before the first word or
    after the match. The left boundary is a look-behind after the first word
    (``word(?<![…]word)``), not before it: a pattern that opens with a literal lets the regex
    engine scan for it, one that opens with a look-behind is tried at every position."""
    head = re.escape(words[0])
    body = _ending(endings[0]) + "".join(
        r"[\s\-‐]+" + re.escape(word) + _ending(ending)
        for word, ending in zip(words[1:], endings[1:], strict=True)
    )
    full = rf"{head}(?<![{LATIN_CHAR}]{head}){body}(?![{LATIN_CHAR}])"
    fast = rf"{head}(?<![{ASCII_CHAR}]{head}){body}(?![{ASCII_CHAR}])"
    return BoundedWords(full, words, endings, TERM_GAP, LATIN_BOUNDARY, fast, LATIN_EDGE)


MIN_DECLINED = 4  # a shorter name alone takes no ending: Polish `sama` ("herself") is no `Sam`


def declinable(words: tuple[str, ...]) -> bool:
    """Whether a name's words may be matched with case endings (``inflected_words``): several, or
    one long enough."""
    return len(words) > 1 or (len(words) == 1 and len(words[0]) >= MIN_DECLINED)


@functools.lru_cache(maxsize=1 << 12)
def inflected_words(words: tuple[str, ...], endings: tuple[str, ...]) -> re.Pattern[str]:
    r"""``words`` (lower-case, accents folded) separated by ``[\s\-‐]+``, each bare or with one of
    ``endings`` (a language's case endings: Polish ``Sama Altmana`` is Sam Altman), between Latin
    boundaries. Asked only about a term already missing in its plain forms: no guard needed."""
    ending = "(?:" + "|".join(map(re.escape, sorted(endings, key=len, reverse=True))) + ")?"
    body = r"[\s\-‐]+".join(re.escape(word) + ending for word in words)
    return re.compile(rf"(?<![{LATIN_CHAR}]){body}(?![{LATIN_CHAR}])")


@functools.lru_cache(maxsize=1 << 12)
def cyrillic_words(words: tuple[str, ...]) -> GuardedPattern:
    r"""``words`` separated by ``[\s\-‐]+``, the first not inside a longer word (no letter before
    it: ``рид`` is not in ``юридические``), each free to go on (Russian inflects names:
    ``Рида Хоффмана`` is Рид Хоффман). Linear: a word's letters never match the gap."""
    head = re.escape(words[0])
    rest = "".join(r"[^\W\d_]*[\s\-‐]+" + re.escape(word) for word in words[1:])
    return guarded(rf"{head}(?<![^\W\d_]{head}){rest}", words)


def _ending(endings: tuple[str, ...]) -> str:
    if endings == PLURAL:
        return "(?:e?s)?"
    if endings == ("s", ""):
        return "s?"
    if endings == ("",):
        return ""
    raise ValueError(f"no regex for endings {endings!r}")
