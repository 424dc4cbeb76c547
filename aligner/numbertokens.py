"""The tokens number reading looks at (``aligner.numbers``): numerals, single CJK characters and
words, and, per language, the scanner that finds only the tokens a numeral of that language can
be made of (:func:`number_tokens`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aligner.langdata import LanguageTable

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
SEPARATORS = ".,'’\u00a0\u202f\u2009\u066b\u066c"
CJK_CHAR = re.compile(f"[{CJK}]")
# \d\d* is \d+, written to start with a character class: the engine then skips to the digits.
NUMERAL = re.compile(rf"\d\d*(?:(?:[{SEPARATORS}]| (?=\d{{3}}(?!\d)))\d+)*")
# The vowel signs and other marks of Devanagari and Thai are letters of their words (`तीन`, three,
# is `त` `ी` `न`): not word characters to the regex engine, which cut `तीन` into `त` and `न`.
MARKS = "\u0900-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
LETTER = re.compile(rf"(?:[^\W\d_{CJK}]|[{MARKS}])")  # a letter of a word token: not a digit, not CJK
PLAIN_LETTER = re.compile(rf"[^\W\d_{CJK}]")  # ``LETTER`` for words without marks: one class, faster
HAS_MARK = re.compile(f"[{MARKS}]")
WORD = re.compile(rf"{LETTER.pattern}+")
# A text is a sequence of tokens: numerals, single CJK characters (each one a token) and words
# (maximal runs of letters); whatever lies between two tokens holds none of these characters.
TOKEN = re.compile(rf"(?P<num>{NUMERAL.pattern})|(?P<char>[{CJK}])|(?P<word>{WORD.pattern})")
TOKEN_CHAR = re.compile(rf"[^\W_]|[{CJK}{MARKS}]")  # a digit, a letter (or mark) or a CJK character
# The characters whose casefold is a single character of another kind (U+0345 → ι, a letter):
# with them, the casefolded text does not split into the same tokens (see :func:`number_tokens`).
KIND_CHANGING_FOLDS = "\u0345"
HAS_KIND_CHANGING_FOLD = re.compile(f"[{KIND_CHANGING_FOLDS}]")
# Scale notations glued to digits, language-independent: $5M, 10bn, 3k.
NOTATION: dict[str, int] = {
    "k": 10**3,
    "K": 10**3,
    "M": 10**6,
    "B": 10**9,
    "bn": 10**9,
    "mn": 10**6,
    "T": 10**12,
}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "num", "word", "char"
    raw: str
    start: int
    end: int


def number_tokens(text: str, lang: LanguageTable | None) -> list[Token]:
    """The tokens of ``text`` a numeral of ``lang`` can be made of: numerals, and the words and CJK
    characters whose casefold is a candidate (see :func:`scanner_for`).

    Every other token would be rejected by :func:`aligner.numbers._feed`, which only ends the numeral being read;
    and a dropped token between two kept ones keeps them apart, as :func:`aligner.numbers._gap_ok` (a gap with a
    letter, digit or CJK character is not a space or a hyphen) and :func:`aligner.numbers._neighbours` see. A kept
    token is read as in the full token stream. A token is NFKC already, as the text is, so its
    casefold is its :func:`aligner.langdata.normalize` form.

    No other token holds a digit or a CJK character, so numerals and CJK characters are found on
    their own. Candidate words are found in the casefolded text, where one regex matches all of
    them, unless casefolding changes the text's length or the kind of a character (then each token
    of the text is casefolded and looked up on its own).
    """
    return [
        Token(kind, text[start:end], start, end) for start, end, kind in token_spans(text, scanner_for(lang))
    ]


def token_spans(text: str, scanner: Scanner) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each token :func:`number_tokens` keeps, in order; no token objects are built
    (a text is mostly split into runs, see :func:`aligner.numbers._runs`, whose readings are known already)."""
    folded = text.casefold()
    if len(folded) != len(text) or HAS_KIND_CHANGING_FOLD.search(text):
        return [(t.start, t.end, t.kind) for t in filtered_tokens(text, scanner.candidates)]
    found = [(*m.span(), "num") for m in NUMERAL.finditer(text)]
    if scanner.chars is not None:
        found += [(*m.span(), "char") for m in scanner.chars.finditer(text)]
    # A word match is a whole word: it starts and ends at a non-letter (see :func:`whole_words`).
    found += [(*m.span(), "word") for m in scanner.words.finditer(folded)]
    found.sort()  # tokens do not overlap: by start
    return found


def filtered_tokens(text: str, candidates: frozenset[str]) -> list[Token]:
    """:func:`number_tokens`, reading every token of ``text``: numerals and candidate words and characters."""
    found: list[Token] = []
    for match in TOKEN.finditer(text):
        raw = match[0]
        if match.lastgroup == "num" or raw.casefold() in candidates:
            found.append(Token(match.lastgroup or "", raw, match.start(), match.end()))
    return found


@dataclass(frozen=True, slots=True)
class Scanner:
    """What :func:`number_tokens` looks for in the texts of one language."""

    candidates: frozenset[str]  # casefolded words and CJK characters
    words: re.Pattern[str]  # the candidate words that are whole words of a casefolded text
    chars: re.Pattern[str] | None  # the candidate CJK characters


@functools.cache
def scanner_for(lang: LanguageTable | None) -> Scanner:
    """Candidates of ``lang``: every word or character of a number or scale key (and of its NFD
    form: a kana and a voicing mark compose), vague markers, scale articles, joiners, and the
    casefolds of scale notations (``M``); with the notations alone without a table."""
    found = {notation.casefold() for notation in NOTATION}
    if lang is not None:
        keys = [*lang.number_words, *lang.scale_words]
        found |= {word for key in keys for word in key.split()}
        found |= {ch for key in keys for ch in key + unicodedata.normalize("NFD", key) if CJK_CHAR.match(ch)}
        found |= lang.numbers.vague | lang.numbers.scale_articles | lang.numbers.joiners
    # A candidate that is not a word or a CJK character (``mio.``) is never a token's casefold.
    words = sorted(w for w in found if WORD.fullmatch(w))
    chars = "".join(sorted(c for c in found if len(c) == 1 and CJK_CHAR.match(c)))
    return Scanner(
        candidates=frozenset(found),
        words=whole_words(words),
        chars=re.compile(f"[{re.escape(chars)}]") if chars else None,
    )


def whole_words(words: Sequence[str]) -> re.Pattern[str]:
    """A regex matching any of ``words`` (non-empty words) where it is a whole word: no letter before
    or after. The lookahead on the possible first characters comes first so that the engine skips
    straight to them; the letter before is then tested in the engine, not in Python. A mark counts
    as a letter when a word has one (Hindi, Thai): a word of another script never sits next to one."""
    heads = "".join(sorted({word[0] for word in words}))
    letter = (LETTER if any(HAS_MARK.search(word) for word in words) else PLAIN_LETTER).pattern
    return re.compile(rf"(?=[{re.escape(heads)}])(?<!{letter}){alternation(words)}(?!{letter})")


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (non-empty strings), factored by first character: the
    engine skips to where one of them may start, then tries one branch per character."""
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, rests in sorted(tails.items()):
        longer = [rest for rest in rests if rest]
        branch = re.escape(head)
        if longer:
            branch += alternation(longer) + ("?" if len(longer) < len(rests) else "")
        branches.append(branch)
    return f"(?:{'|'.join(branches)})"
