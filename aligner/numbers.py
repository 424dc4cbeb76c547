"""Numbers in text, normalized across languages and scripts: ``$1 billion`` = ``1000 millones`` =
``mil millones`` = ``10億ドル`` = ``10亿美元``.

:func:`extract` reads every numeral of a text in a given language into :class:`NumberMention`\\ s:

* digits of any script (``２０２７``, ``٢٠٢٧``) with the language's decimal and group marks
  (``1,000.5`` in English, ``1.000,5`` and ``1 000,5`` in Spanish). A numeral that reads two ways
  (``1,000`` is a thousand in English, one in Spanish) keeps both readings, the language's own
  first; either may match;
* number and scale words from the language's table (``aligner.langdata``): ``three``, ``mil
  millones``, ``treinta y cinco``, ``a million``; Chinese and Japanese numerals are read in their
  own positional system (``三千五百万`` = 35,000,000, ``1億2000万`` = 120,000,000);
* glued scale notations: ``$5M``, ``10bn``;
* a scale word with no count (``millions of hours``, ``miles de millones``) and a numeral after a
  vague marker (``数十億``, ``何百万``: *billions*, *millions*) are indefinite and dropped.

What a translation must keep (``required``): every numeral written with digits; number words
from two up (``one``/``uno`` are mostly articles and pronouns); CJK numerals of two characters or
more (``二十``, but not the ``一`` of ``一方`` or the ``十`` of ``十分``). Words and single CJK
numerals still count when they *answer* a required number (``three years`` = ``3年``).

:func:`aligner.numbercompare.compare` matches the required numbers of a reference text against
all numbers of a translation. A decade matches its year (``los años 90`` = ``1990年代``). Units
are not compared: ``20 hours`` = ``20 horas`` = ``20時間`` by value, so are percentages and
ordinals (``1st`` = ``第1``).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from aligner.langdata import LanguageTable, normalize, table
from aligner.langdata.table import NumberFormat
from aligner.numberglue import spaced_scales, split_compounds
from aligner.numbertokens import (
    CJK_CHAR,
    NOTATION,
    TOKEN_CHAR,
    Scanner,
    Token,
    number_tokens,
    scanner_for,
    token_spans,
)
from aligner.numerals import ascii_digits, readings

MAX_WORDS_IN_KEY = 3  # "mil millones" is one scale key
MAX_CHARS_IN_KEY = 4  # Korean native numerals are several syllables: 다섯


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One numeral as written, with its normalized readings (the preferred one first)."""

    text: str
    values: tuple[Decimal, ...]
    exact: bool  # written with digits
    required: bool  # a translation must keep it (see module docs)

    @property
    def label(self) -> str:
        return format_value(self.values[0])


def format_value(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


# -- reading ---------------------------------------------------------------------------------------


@dataclass
class _Group:
    """A numeral being read: Latin arithmetic (``three hundred thousand``) or CJK (``三千五百万``)."""

    cjk: bool
    start: int = -1
    end: int = -1
    total: tuple[Decimal, ...] = (Decimal(0),)
    section: tuple[Decimal, ...] = (Decimal(0),)  # CJK: the part below the current big unit
    current: tuple[Decimal, ...] | None = None
    last_big: int = 0
    digits: int = 0  # numeral tokens written with digits
    numerals: int = 0  # numeral tokens of any kind
    word_value: bool = False  # current was built from words (may be extended: twenty + three)
    article: bool = False
    vague: bool = False
    countless: bool = False

    @property
    def empty(self) -> bool:
        return self.numerals == 0 and not self.article and not self.vague

    def add_number(self, values: tuple[Decimal, ...], from_digits: bool) -> bool:
        if self.article:
            return False
        if self.current is not None:
            small = values[0]
            if from_digits or not self.word_value or not _extends(self.current[0], small):
                return False
            self.current = tuple(c + small for c in self.current)
            self.numerals += 1
            return True
        if not self.cjk and self.last_big and values[0] >= self.last_big:
            return False  # 2 million 3 million: two numbers
        self.current = values
        self.word_value = not from_digits
        self.numerals += 1
        self.digits += from_digits
        return True

    def add_scale(self, scale: int) -> bool:
        small = scale < (10**4 if self.cjk else 1000)
        count = self.current
        if count is None:
            if self.article or (self.cjk and small):
                count = (Decimal(1),)
            elif not small and self.last_big and scale > self.last_big and not self.cjk:
                self.total = tuple(t * scale for t in self.total)  # mil millones
                self.last_big = scale
                self.numerals += 1
                return True
            elif not small and self.cjk and self.section[0]:
                count = (Decimal(0),)
            else:
                self.countless = True
                count = (Decimal(1),)
        self.article = False
        self.numerals += 1
        if small and not self.cjk:
            self.current = tuple(c * scale for c in count)
            self.word_value = True
        elif small:
            self.section = _add(self.section, tuple(c * scale for c in count))
            self.current = None
        else:
            block = _add(self.section, count)
            self.total = _add(self.total, tuple(b * scale for b in block))
            self.section = (Decimal(0),)
            self.current = None
            self.last_big = scale
        return True

    def value(self) -> tuple[Decimal, ...]:
        return _add(_add(self.total, self.section), self.current or (Decimal(0),))


def _add(a: tuple[Decimal, ...], b: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    if len(a) == 1:
        return tuple(a[0] + y for y in b)
    if len(b) == 1:
        return tuple(x + b[0] for x in a)
    return tuple(x + y for x, y in zip(a, b, strict=False))


def _extends(current: Decimal, small: Decimal) -> bool:
    """``twenty`` + ``three``, ``ciento`` + ``veinte``, ``mil`` + ``quinientos``: place values free."""
    if current < 10 or small >= current:
        return False
    place = 10
    while current % (place * 10) == 0 and place * 10 <= current:
        place *= 10
    return current % place == 0 and small < place


@functools.cache
def _percent_patterns(lang: LanguageTable) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The language's percent words (``por ciento``), each with the blank that replaces it."""
    return tuple(
        (re.compile(re.escape(word), re.IGNORECASE), " " * len(word)) for word in lang.numbers.percent_words
    )


def _key(
    text: str, tokens: Sequence[Token], i: int, lang: LanguageTable
) -> tuple[str, int, int | None, int | None]:
    """Longest table key starting at token ``i``: (key, tokens used, number value, scale value)."""
    first = normalize(tokens[i].raw)
    if first not in _key_starts(lang):
        return first, 1, None, None
    limit = MAX_CHARS_IN_KEY if tokens[i].kind == "char" else MAX_WORDS_IN_KEY
    for size in range(min(limit, len(tokens) - i), 0, -1):
        run = tokens[i : i + size]
        if any(t.kind != run[0].kind for t in run) or not _adjacent_run(text, run):
            continue
        joiner = "" if run[0].kind == "char" else " "
        key = normalize(joiner.join(t.raw for t in run))
        number, scale = lang.number_words.get(key), lang.scale_words.get(key)
        if number is not None or scale is not None:
            return key, size, number, scale
    return first, 1, None, None


@functools.cache
def _key_starts(lang: LanguageTable) -> frozenset[str]:
    """First words (or first characters, for CJK keys) of every number and scale key."""
    keys = [*lang.number_words, *lang.scale_words]
    words = {k.split()[0] for k in keys}
    chars = {k[0] for k in keys if CJK_CHAR.match(k)}
    return frozenset(words | chars)


def _adjacent_run(text: str, run: Sequence[Token]) -> bool:
    return all(b.start - a.end <= 1 and _neighbours(text, a, b) for a, b in itertools.pairwise(run))


def _neighbours(text: str, a: Token, b: Token) -> bool:
    """Whether no token of ``text`` (kept or dropped by :func:`number_tokens`) lies between ``a`` and ``b``."""
    return TOKEN_CHAR.search(text, a.end, b.start) is None


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    return not gap.strip() or (gap in ("-", "‐") and a.kind == b.kind == "word")


# Optional vowel points of Hebrew and Arabic (niqqud, harakat): `ثلاثمِائة` is `ثلاثمائة`, 300.
_POINTS = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670]")


# Superscript and subscript digits are exponents, footnote marks and formulas (`km²`, `CO₂`,
# `study¹`), no number of the text: NFKC would read `5 km²` as 5 and 2, and `10²` as 102.
_RAISED_DIGITS = re.compile("[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]")


def extract(text: str, lang: str) -> list[NumberMention]:
    """Every numeral of ``text`` read with the table of ``lang`` (digits only without a table)."""
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _RAISED_DIGITS.sub(" ", text))
        if _POINTS.search(text):
            text = _POINTS.sub("", text)
    return _extract(text, lang)


def _extract(text: str, lang: str) -> list[NumberMention]:
    """The numerals of ``text`` (NFKC), read run by run (see :func:`_runs`): a run is read as it is
    read within the whole text, so the reading of each distinct run is computed once."""
    _data, scanner, percent = _language(lang)
    for pattern, blank in percent:
        text = pattern.sub(blank, text)
    if _data is not None and not _data.numbers.reads_words:
        text = spaced_scales(text, _data.code)
    if _data is not None and _data.numbers.compound_endings:
        text = split_compounds(text, _data.code)
    spans = token_spans(text, scanner)
    if not spans:
        return []
    mentions: list[NumberMention] = []
    for start, end in _runs(text, spans):
        mentions.extend(_read_run(text[start:end], lang))
    if _data is not None and _data.numbers.eras:
        return _with_eras(mentions, text, _data.numbers.eras)
    return mentions


def _with_eras(mentions: list[NumberMention], text: str, eras: Mapping[str, int]) -> list[NumberMention]:
    """``mentions`` with a year of another era also read in the common era: `พ.ศ. 2558` is 2015."""
    years: dict[Decimal, int] = {}
    for marker, offset in eras.items():
        for match in re.finditer(re.escape(marker) + r"\s*(\d{3,4})(?!\d)", text):
            years[Decimal(ascii_digits(match[1]))] = offset
    if not years:
        return mentions
    return [
        replace(m, values=(*m.values, *(v + years[v] for v in m.values if v in years)))
        if any(v in years for v in m.values)
        else m
        for m in mentions
    ]


@functools.cache
def _language(lang: str) -> tuple[LanguageTable | None, Scanner, tuple[tuple[re.Pattern[str], str], ...]]:
    """What reading a text of ``lang`` needs, looked up by code (a table hashes all its fields)."""
    data = table(lang) if lang else None
    return data, scanner_for(data), _percent_patterns(data) if data is not None else ()


def _runs(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of ``text`` that :func:`_read` reads independently, given the (start, end, kind) of its
    tokens: it is split between two tokens whose gap is not a numeral's (:func:`_gap_ok`) and holds
    a dropped token or more than one character, so no table key spans it (:func:`_adjacent_run`).

    Why a run reads alone as within the text: at such a gap :func:`_read` finishes the numeral being
    read (an empty one is a new one: nothing but an accepted token changes a :class:`_Group`, and
    an accepted token makes it non-empty), a joiner before the gap is rejected whatever follows,
    and a glued notation needs an empty gap; nothing else looks across tokens. A run starts and
    ends with a token, and its text holds the same tokens (see :func:`number_tokens`).
    """
    runs: list[tuple[int, int]] = []
    start = spans[0][0]
    for (_a_start, a_end, _a_kind), (b_start, _b_end, _b_kind) in itertools.pairwise(spans):
        gap = text[a_end:b_start]
        if (len(gap) > 1 and not gap.isspace()) or (len(gap) == 1 and TOKEN_CHAR.match(gap)):
            runs.append((start, a_end))
            start = b_start
    runs.append((start, spans[-1][1]))
    return runs


@functools.lru_cache(maxsize=1 << 14)
def _read_run(run: str, lang: str) -> tuple[NumberMention, ...]:
    """The numerals of one run of a text (see :func:`_runs`): runs (``2027``, ``three``, ``y``) recur
    across the chapters of a catalog far more than texts do."""
    data = _language(lang)[0]
    return tuple(_read(run, number_tokens(run, data), data))


def _read(text: str, tokens: Sequence[Token], lang: LanguageTable | None) -> list[NumberMention]:
    """Read ``tokens`` of ``text`` token by token into numerals: the plain reading of a text."""
    cjk = lang is not None and lang.script in ("Han", "Japanese", "Hangul")
    fmt = lang.numbers if lang is not None else NumberFormat()
    mentions: list[NumberMention] = []
    group = _Group(cjk)
    i = 0
    prev: Token | None = None
    while i < len(tokens):
        token = tokens[i]
        if prev is not None and not group.empty and not _gap_ok(text, prev, token):
            mentions.extend(_finish(group, text))
            group = _Group(cjk)
        used, accepted = _feed(group, tokens, i, text, lang, fmt)
        if not accepted:
            if not group.empty:
                mentions.extend(_finish(group, text))
                group = _Group(cjk)
                continue  # read this token again as the start of a new numeral
            used = 1
        elif group.start < 0:
            group.start = token.start
        if accepted:
            group.end = tokens[i + used - 1].end
        prev = tokens[i + used - 1]
        i += used
    mentions.extend(_finish(group, text))
    return mentions


def _feed(
    group: _Group, tokens: Sequence[Token], i: int, text: str, lang: LanguageTable | None, fmt: NumberFormat
) -> tuple[int, bool]:
    """Offer token ``i`` to the numeral being read: (tokens consumed, accepted)."""
    token = tokens[i]
    if token.kind == "num":
        values = readings(token.raw, fmt)
        if not values:  # 1.2.3: read each part on its own
            values = (Decimal(ascii_digits(re.split(r"\D", token.raw)[0])),)
        return 1, group.add_number(values, from_digits=True)
    if (
        group.current is not None
        and group.digits
        and i > 0
        and tokens[i - 1].end == token.start
        and token.raw in NOTATION
    ):
        return 1, group.add_scale(NOTATION[token.raw])
    if lang is None:
        return 1, False
    key, used, number, scale = _key(text, tokens, i, lang)
    if (
        used > 1
        and number is None  # a compound number key (`soixante dix`) is read whole
        and group.current is None
        and lang.number_words.get(normalize(token.raw)) is not None
    ):
        key, used, number, scale = normalize(token.raw), 1, lang.number_words[normalize(token.raw)], None
    if scale is not None and (number is None or group.current is not None):
        if group.empty and key in fmt.bare_scales:
            group.article = True  # a language without articles: `миллиард долларов` is one billion
        return used, group.add_scale(scale)
    if number is not None:
        if group.cjk and 10 <= number < 10**4 and number in (10, 100, 1000):
            return used, group.add_scale(number)
        return used, group.add_number((Decimal(number),), from_digits=False)
    if key in fmt.vague and group.numerals == 0:
        group.vague = True
        return 1, True
    if key in fmt.vague:
        return 1, True  # 三十多: the marker after a numeral changes nothing
    if key in fmt.scale_articles and group.empty:
        group.article = True
        return 1, True
    if key in fmt.joiners and group.word_value and i + 1 < len(tokens):
        _next_key, _n, next_number, _s = _key(text, tokens, i + 1, lang)
        if next_number is not None and _gap_ok(text, token, tokens[i + 1]):
            return 1, True
    return 1, False


def _finish(group: _Group, text: str) -> list[NumberMention]:
    if group.numerals == 0 or group.vague or group.countless or group.start < 0:
        return []
    values = tuple(dict.fromkeys(group.value()))
    written = " ".join(text[group.start : group.end].split())
    if group.digits:
        required = True
    elif group.cjk:
        required = group.numerals >= 2 and values[0] >= 2
    else:
        required = values[0] >= 2
    return [NumberMention(written, values, bool(group.digits), required)]


@functools.lru_cache(maxsize=1024)
def extract_cached(text: str, lang: str) -> tuple[NumberMention, ...]:
    return tuple(extract(text, lang))


def extract_lines(text: str, lang: str) -> tuple[NumberMention, ...]:
    """``extract_cached`` of each line of ``text``, in order: a numeral never spans a line break.
    The chapter checks join a chapter's title, body and quotes as lines and ask about the same
    lines (T502, C106): each is read once."""
    if "\n" not in text:
        return extract_cached(text, lang)
    return tuple(
        itertools.chain.from_iterable(extract_cached(line, lang) for line in text.split("\n") if line)
    )
