"""Language knowledge as data: one table per language, one module per table.

Adding a language is adding a module ``aligner/langdata/<code>.py`` that defines ``TABLE``;
it is discovered here. The helpers below search every table, so no caller needs
``if lang == …`` branches.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Iterable

from aligner.langdata.table import CANONICAL_TYPES, SCRIPTS, LanguageTable, normalize
from aligner.locales import language_of
from aligner.names import char_class
from aligner.regexends import last_chars

__all__ = [
    "CANONICAL_TYPES",
    "SCRIPTS",
    "TABLES",
    "LanguageTable",
    "canonical_type",
    "is_entity_heading",
    "normalize",
    "relative_date_regex",
    "split_relative_date",
    "table",
    "types_agree",
    "ui_locale",
]

_TABLE_MODULE = re.compile(r"[a-z]{2,3}")
# Site chrome is short; long lines are content and never vote for a page locale.
MAX_CHROME_LINE = 120
# What may sit between a channel name and its date ("Jacob Effron · 3 days ago").
_CHANNEL_TRAIL = " \t\u00b7\u2022|-\u2013\u2014,:"  # middle dot, bullet, en/em dash


def _discover() -> dict[str, LanguageTable]:
    found: dict[str, LanguageTable] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not _TABLE_MODULE.fullmatch(info.name):
            continue
        lang: LanguageTable = importlib.import_module(f"{__name__}.{info.name}").TABLE
        if lang.code != info.name:
            raise ValueError(f"aligner/langdata/{info.name}.py defines the table for {lang.code!r}")
        found[lang.code] = lang
    return found


TABLES: dict[str, LanguageTable] = _discover()


def table(code: str) -> LanguageTable | None:
    """The table of a language code; region/script subtags are ignored (``zh-Hans`` → ``zh``)."""
    primary = language_of(code)
    return TABLES.get(primary)


def known_language(code: str) -> bool:
    """A language code lingua or a language table knows (``pt-br``: by its language)."""
    if table(code) is not None:
        return True
    from lingua import IsoCode639_1  # the detector's codes: loaded when a code is not a table's

    try:
        IsoCode639_1.from_str(language_of(code))
    except ValueError:
        return False
    return True


@functools.cache
def _type_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lang in TABLES.values():
        for label, canonical in lang.type_labels.items():
            index.setdefault(label, canonical)
    for canonical in CANONICAL_TYPES:
        index.setdefault(normalize(canonical), canonical)
    return index


def canonical_type(label: str) -> str:
    """Canonical entity type of a localized label (``Persona``, ``人物`` → ``Person``).

    Unknown labels come back normalized and title-cased (``research lab`` → ``Research Lab``),
    so two variants using the same unknown label still compare equal.
    """
    key = normalize(label)
    known = _type_index().get(key)
    if known is not None:
        return known
    return " ".join(word[:1].upper() + word[1:] for word in key.split(" "))


def types_agree(a: str, b: str) -> bool:
    """Whether two canonical types (``canonical_type``) may be one entity's: the same type, or a
    type one of them cannot tell — a label no table knows (``บุคคล`` on the page of a language
    without a table) or none — which is no evidence of a different type."""
    return a == b or a not in CANONICAL_TYPES or b not in CANONICAL_TYPES


@functools.cache
def _headings() -> frozenset[str]:
    return frozenset(normalize(h) for lang in TABLES.values() for h in lang.entity_headings)


def is_entity_heading(text: str) -> bool:
    """Whether ``text`` (optionally ``## …`` or ``…:``) is an entity-list heading of any locale."""
    key = normalize(text).lstrip("#").strip().rstrip(":").strip()
    return key in _headings()


def _date_alternatives() -> str:
    return "|".join(f"(?:{lang.relative_date})" for lang in TABLES.values())


@functools.cache
def relative_date_regex() -> re.Pattern[str]:
    """One pattern matching a relative publication date in any table's language (unanchored)."""
    return re.compile(f"(?:{_date_alternatives()})", re.IGNORECASE)


@functools.cache
def _trailing_date() -> re.Pattern[str]:
    # The leftmost match that reaches the end of the line is the longest date suffix.
    return re.compile(rf"(?:{_date_alternatives()})[\s.。]*\Z", re.IGNORECASE)


@functools.cache
def _date_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((code, re.compile(lang.relative_date, re.IGNORECASE)) for code, lang in TABLES.items())


def _may_end_with_date(line: str) -> bool:
    """A necessary condition for ``_trailing_date`` to match, checked on one character.

    The unanchored search tries every table's date at every position of the line, and almost no
    line ends with a date. A date ends with one of few characters (``_date_last_chars``: ``ago``,
    ``hace 3 días``, ``3日前``, ``3 दिन पहले``), after which only ``[\\s.。]*`` may follow, so that
    character is the last the line has left once those are stripped.
    """
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] in ".\u3002"):  # [\s.。]
        end -= 1
    if not end:
        return False
    last = _date_last_char()
    return last is None or last.fullmatch(line[end - 1]) is not None


@functools.cache
def _date_last_char() -> re.Pattern[str] | None:
    """A class of the characters any table's relative date may end with (case-insensitively, as
    the dates are matched), read from the regexes themselves (``aligner.regexends``); None when
    one of them may end with any character."""
    found: set[str] = set()
    for lang in TABLES.values():
        last = last_chars(lang.relative_date)
        if last is None:
            return None
        found |= last
    return re.compile(char_class(sorted(map(ord, found))), re.IGNORECASE)


# The no-break spaces of pages converted from HTML (``&nbsp;``), read as spaces in a date.
_SPACE_LIKE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


def split_relative_date(line: str) -> tuple[str, str, str | None] | None:
    """Split a line that ends with a relative date: ``(channel part, date text, language)``.

    No word boundary is required before the date: the real Spanish page glues it to the channel
    (``Unsupervised Learning: With Jacob Effronhace 3 días``). The language is None when the date
    reads the same in several languages (``3年前`` is Japanese and Chinese). Returns None when the
    line does not end with a relative date.
    """
    if not _may_end_with_date(line):
        return None
    line = line.translate(_SPACE_LIKE)  # one for one: ``hace\u00a03 días`` as ``hace 3 días``
    match = _trailing_date().search(line)
    if match is None:
        return None
    date = match.group(0).strip().rstrip(".。").strip()
    codes = [code for code, pattern in _date_patterns() if pattern.fullmatch(date)]
    channel = line[: match.start()].rstrip(_CHANNEL_TRAIL)
    return channel, date, codes[0] if len(codes) == 1 else None


@functools.cache
def _ui_index() -> dict[str, str]:
    """Normalized UI string → locale, for strings that belong to exactly one table."""
    owners: dict[str, set[str]] = {}
    for code, lang in TABLES.items():
        for text in lang.ui_strings:
            owners.setdefault(normalize(text), set()).add(code)
    return {text: next(iter(codes)) for text, codes in owners.items() if len(codes) == 1}


def _vote(line: str) -> str | None:
    key = normalize(line)
    if not key or len(key) > MAX_CHROME_LINE:
        return None
    code = _ui_index().get(key)
    if code is not None:
        return code
    split = split_relative_date(line.strip())
    return split[2] if split else None


def ui_locale(lines: Iterable[str]) -> str | None:
    """The site locale a page's chrome belongs to, or None when nothing identifies it.

    Each short line votes once: an exact UI string of one table, or a trailing relative date
    (``hace 3 días``). Calls to action do not vote — the real Spanish page shows the English
    ``Watch with Captions``. Most votes wins; ties go to the locale that voted first, then the code.
    """
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, line in enumerate(lines):
        code = _vote(line)
        if code is not None:
            votes[code] += 1
            first.setdefault(code, index)
    if not votes:
        return None
    return min(votes, key=lambda code: (-votes[code], first[code], code))
