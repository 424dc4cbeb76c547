"""Damage found in one piece of scraped text: broken encoding (S006) and markup leftovers (S007).

Pure functions over a string; the checks in ``aligner.checks.damage`` decide which fields to scan.

* **Encoding damage**: mojibake as ftfy's badness heuristic sees it (``Ã©``, ``ã‚¤``, ``â€™`` —
  the sequences UTF-8 text turns into when decoded as cp1252/latin-1), the replacement character
  U+FFFD, and control characters (C0 except tab/newline/CR, DEL, C1). ftfy is built to leave
  real text alone: on the 607 text fields of the bundled real pages it finds nothing.
* **Bidirectional embeddings and overrides** (``direction_damage``), which have no place in prose: reading removes
  them all (``aligner.read``), so no field holds one; the page's text is scanned before that.
* **Markup leftovers**: HTML tags with a *known* tag name and a well-formed tail (``<b>``,
  ``</p>``, ``<br/>``, ``<a href="…">``) — so prose such as ``a < b`` or ``<b and c>`` is not a tag;
  HTML entities that exist (``&amp;``, ``&#39;``, ``&nbsp;``); template placeholders (``{{x}}``,
  ``{%…%}``, ``${x}``, ``%s``, ``%(name)s``, ``[object Object]``), literal ``\\uXXXX`` escapes, and a
  whole field that reads ``undefined``/``null``/``NaN``. Markdown emphasis (``*x*``), ``I/O``,
  ``$1 billion`` and ``50%`` are text, not markup.
"""

from __future__ import annotations

import functools
import html.entities
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

EXCERPT_CHARS = 24  # characters of context on each side of a hit
MERGE_GAP = 3  # hits this close together are one piece of damage (a mojibake word is many matches)

CACHE_SIZE = 4096  # texts remembered per process: S006/S007 and the score stage scan the same fields

_REPLACEMENT = "\ufffd"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_OR_REPLACEMENT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# Every alternative of ftfy's ``BADNESS_RE`` has a position that accepts only characters of this
# class (C1 codes, the "bad" symbols, currency, numeric and quotation signs, box drawing, capital
# accented letters, and the letters of a few specific sequences: ``Œœ``, ``°``, ``Ù``, ``вЂ``), so
# a text without any of them has no badness — and ``ftfy.fix_encoding`` returns a text without
# badness unchanged (its first step: "not is_bad(text)"). ``tests/test_perf_damage.py`` proves the
# first claim on the installed ftfy's pattern. Most real text has none of these characters, so the
# big pattern (a C-speed class scan is ~25× cheaper) and ftfy run on few texts.
_SIGN_CATEGORIES = (
    "c1",
    "bad",
    "currency",
    "numeric",
    "start_punctuation",
    "end_punctuation",
    "box",
    "upper_accented",
)
_MOJIBAKE_SIGNS = re.compile("[" + "".join(MOJIBAKE_CATEGORIES[name] for name in _SIGN_CATEGORIES) + "Œœ°ÙЂ]")
# Every markup pattern below contains, literally, a match of ``_MARKUP_SIGNS``: ``<`` (tags,
# comments), ``{`` (templates), ``[`` (``[object Object]``), a backslash (``\\u`` escapes), ``&``
# before ``#`` or a letter (entities) or ``%`` before a digit, ``(``, ``s`` or ``d`` (format
# placeholders). Prose ``&`` and ``%`` (``Sam & Co``, ``50% de``) are not signs. No match spans a
# ``FIELD_SEPARATOR``. Each match starts with a ``_MARKUP_CHARS`` character, which a fast
# class scan finds (an alternation is scanned far more slowly).
_MARKUP_CHARS = re.compile(r"[<{\[\\&%]")
_MARKUP_SIGNS = re.compile(r"[<{\[\\]|&[#A-Za-z]|%[\d(sd]")
# What ``_encoding_damage`` needs to find anything: a mojibake sign, a control character or U+FFFD.
# A character class, so a text joined from fields with a separator outside it (``FIELD_SEPARATOR``)
# matches exactly when one of the fields does.
_ENCODING_SIGNS = re.compile(
    "[" + "".join(MOJIBAKE_CATEGORIES[name] for name in _SIGN_CATEGORIES) + "Œœ°ÙЂ"
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]"
)
FIELD_SEPARATOR = "\n"  # in no match of ``_ENCODING_SIGNS`` or ``_MARKUP_SIGNS``

# Bidirectional formatting characters, all of which reading removes from a page (``aligner.read``).
# Damage there (``direction_damage``): embeddings and overrides, and the PDF that ends them — an
# override shows the letters it wraps reversed (``\u202eevil`` reads "live"), and prose has no use
# for either. Marks and isolates are not reported: right-to-left pages use them properly, and editors
# of right-to-left pages leave them in left-to-right metadata too (`56:10` + RLM), where they order
# nothing a reader sees (an S006 error there failed a gate for an invisible character).
_DIRECTION_NAMES = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
}
# every bidirectional formatting character (marks, embeddings, overrides, isolates): a regex class
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_EMBEDDING_OR_OVERRIDE = re.compile("[\u202a-\u202e]")
# On a page with right-to-left letters, embeddings (and a left-to-right override around a phone
# number) are the pre-isolate way to set a Latin name or a number in its direction, which many
# editors still write (`\u202aThe Infinity Machine\u202c` on the Arabic page): only a right-to-left
# override, which reverses what it wraps, is damage there (found by QA of the new check).
_RIGHT_TO_LEFT_OVERRIDE = re.compile("\u202e")
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u061b\u061d-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_SHOWN_ESCAPED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")

_HTML_TAGS = frozenset(
    {
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "li",
        "link",
        "main",
        "mark",
        "meta",
        "nav",
        "noscript",
        "ol",
        "option",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    }
)
# Attributes need a value (``class="x"``): ``<b and c>`` in prose is not a tag.
_ATTRIBUTE = r"""\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+)"""
_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9]*)((?:{_ATTRIBUTE})*)\s*/?>")
_COMMENT = re.compile(r"<!--.{0,200}?-->", re.DOTALL)
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BARE_ENTITY = re.compile(r"&(?:amp|nbsp|quot|lt|gt)(?![A-Za-z0-9;])")
_PLACEHOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("template placeholder", re.compile(r"\{\{[^{}\n]{0,80}\}\}|\{%[^\n]{0,80}?%\}|\$\{[^{}\n]{0,80}\}")),
    ("format placeholder", re.compile(r"(?<![\w%])%(?:\d+\$)?[sd](?![\w])|%\([A-Za-z_]\w*\)[sd]")),
    ("serialized object", re.compile(r"\[object Object\]")),
    # an image the scraper turned into text: its alt text and address in a summary or a chapter
    ("image markup", re.compile(r"!\[[^\]\n]{0,300}\]\([^()\s]{1,500}\)")),
    ("escape sequence", re.compile(r"\\u[0-9a-fA-F]{4}")),
)
# A whole field that reads as a value no text has: a template rendered without its data, or a page
# scraped before its script filled it in ("Loading…" in the site's languages).
_EMPTY_VALUES = frozenset(
    {
        "undefined",
        "null",
        "nan",
        "[object object]",
        "loading",
        "cargando",
        "carregando",
        "chargement",
        "laden",
        "caricamento",
        "загрузка",
        "読み込み中",
        "ロード中",
        "加载中",
        "載入中",
        "로딩 중",
        "로딩중",
    }
)
_TRAILING_DOTS = " .…・"  # "Loading...", "読み込み中…"
_LONGEST_EMPTY_VALUE = max(map(len, _EMPTY_VALUES)) + 3  # casefolding never shortens a text
_LOREM = "lorem ipsum"  # the typesetters' filler text opens a placeholder paragraph


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of damage: what kind, where (character offsets) and the text itself."""

    kind: str
    start: int
    end: int

    def excerpt(self, text: str, context: int = EXCERPT_CHARS, fix: bool = False) -> str:
        """The damage with some context, control characters made visible: ``…caf\\x81é…``; with
        ``fix``, followed by ftfy's repair of the same span when it differs (``… → …café…``)."""
        lo, hi = max(0, self.start - context), min(len(text), self.end + context)
        raw = text[lo:hi]
        before, after = ("…" if lo else ""), ("…" if hi < len(text) else "")
        shown = before + visible(raw) + after
        repaired_raw = ftfy.fix_encoding(raw) if fix else raw
        return f"{shown} → {before}{visible(repaired_raw)}{after}" if repaired_raw != raw else shown


def visible(text: str) -> str:
    """Control characters as ``\\xNN`` escapes and bidirectional controls as ``\\uNNNN`` ones
    (reports must not carry raw control bytes, nor characters that reorder what a viewer shows)."""
    return _SHOWN_ESCAPED.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def encoding_damage(text: str) -> list[Hit]:
    """Mojibake, U+FFFD and control characters in ``text``, in order of position.

    When ftfy can repair the text, the C1 codes in it are part of the mojibake (latin-1 mojibake
    is full of them); elsewhere control characters are reported as such. Memoized per text (a
    fresh list each call).
    """
    return list(_encoding_damage(text))


def may_be_mojibake(text: str) -> bool:
    """Whether ftfy's badness pattern matches ``text`` (a character-class scan rules most texts out)."""
    return _MOJIBAKE_SIGNS.search(text) is not None and BADNESS_RE.search(text) is not None


@functools.lru_cache(maxsize=CACHE_SIZE)
def _encoding_damage(text: str) -> tuple[Hit, ...]:
    badness = may_be_mojibake(text)
    if not badness and _CONTROL_OR_REPLACEMENT.search(text) is None:
        return ()
    fixed = ftfy.fix_encoding(text) if badness else text  # ftfy leaves text without badness alone
    repairable = fixed != text  # ftfy can undo a wrong decoding: its C1 codes are part of it

    def is_mojibake(match: str) -> bool:
        if not match.strip(_REPLACEMENT + " "):
            return False  # U+FFFD alone is reported as itself
        return repairable or bool(_CONTROL.sub("", match).strip())

    matches = BADNESS_RE.finditer(text) if badness else ()
    mojibake = merged([Hit("mojibake", m.start(), m.end()) for m in matches if is_mojibake(m.group())])
    if not mojibake and repairable:  # ftfy repaired something its badness pattern did not point at
        mojibake = [Hit("mojibake", *_first_difference(text, fixed))]

    def inside_mojibake(index: int) -> bool:
        return any(hit.start - MERGE_GAP <= index < hit.end + MERGE_GAP for hit in mojibake)

    hits = list(mojibake)
    hits.extend(Hit("replacement character", m.start(), m.end()) for m in re.finditer(_REPLACEMENT, text))
    hits.extend(
        Hit("control character", m.start(), m.end())
        for m in _CONTROL.finditer(text)
        if not inside_mojibake(m.start())
    )
    return tuple(merged(hits))


@functools.lru_cache(maxsize=CACHE_SIZE)
def repaired(text: str) -> str:
    """``text`` with a wrong decoding undone (ftfy), or ``text`` itself: what a damaged field said
    before the damage (a diff compares it, so one mojibake page is R609's finding, not a
    "retyped" entity per item and a language switch)."""
    return ftfy.fix_encoding(text) if may_be_mojibake(text) else text


def may_have_encoding_damage(texts: Sequence[str], joined: str | None = None) -> bool:
    """False only when ``encoding_damage`` finds nothing in any of ``texts``: one C-speed class
    scan over all of them (most variants have no damage) instead of a cached call per field.
    ``joined``, when given, is ``FIELD_SEPARATOR.join(texts)`` (shared with ``may_have_markup``)."""
    if joined is None:
        joined = FIELD_SEPARATOR.join(texts)
    return _ENCODING_SIGNS.search(joined) is not None


def may_have_markup(texts: Sequence[str], joined: str | None = None) -> bool:
    """False only when ``markup_leftovers`` finds nothing in any of ``texts``: no markup sign in
    any of them, and none reads as a placeholder value (``undefined``). ``joined`` as above."""
    if joined is None:
        joined = FIELD_SEPARATOR.join(texts)
    return has_markup_sign(joined) or any_placeholder_value(texts)


def has_markup_sign(text: str) -> bool:
    """Whether ``_MARKUP_SIGNS`` matches somewhere in ``text``; tried only where a class scan
    finds one of its first characters."""
    return any(_MARKUP_SIGNS.match(text, m.start()) for m in _MARKUP_CHARS.finditer(text))


def any_placeholder_value(texts: Sequence[str]) -> bool:
    """``any(map(is_placeholder_value, texts))``."""
    return any(map(is_placeholder_value, texts))


def is_placeholder_value(text: str) -> bool:
    """Whether the whole of ``text`` reads ``undefined``, ``null``, ``NaN``, ``[object Object]`` or
    "Loading…", or it opens with ``Lorem ipsum``."""
    stripped = text.strip()
    if _opens_with_lorem(stripped):
        return True
    return (
        len(stripped) <= _LONGEST_EMPTY_VALUE and stripped.casefold().rstrip(_TRAILING_DOTS) in _EMPTY_VALUES
    )


def _opens_with_lorem(stripped: str) -> bool:
    return stripped[: len(_LOREM)].casefold() == _LOREM


def merged(hits: list[Hit]) -> list[Hit]:
    """Hits sorted by position; overlapping or nearly adjacent hits of one kind become one."""
    result: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.end, h.kind)):
        last = result[-1] if result else None
        if last is not None and last.kind == hit.kind and hit.start <= last.end + MERGE_GAP:
            result[-1] = Hit(last.kind, last.start, max(last.end, hit.end))
        else:
            result.append(hit)
    return result


def _first_difference(text: str, fixed: str) -> tuple[int, int]:
    index = next((i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b), 0)
    return index, min(len(text), index + 2)


def markup_leftovers(text: str) -> list[Hit]:
    """HTML tags, entities and template placeholders in ``text``, in order of position. Memoized
    per text (a fresh list each call)."""
    return list(_markup_leftovers(text))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _markup_leftovers(text: str) -> tuple[Hit, ...]:
    if is_placeholder_value(text):
        stripped = text.strip()
        start = len(text) - len(text.lstrip())
        if _opens_with_lorem(stripped):
            return (Hit("placeholder text", start, start + len(_LOREM)),)
        return (Hit("placeholder value", start, start + len(stripped)),)
    if not has_markup_sign(text):
        return ()
    hits: list[Hit] = []
    for match in _TAG.finditer(text):
        if match.group(2).lower() in _HTML_TAGS:
            hits.append(Hit("HTML tag", match.start(), match.end()))
    hits.extend(Hit("HTML comment", m.start(), m.end()) for m in _COMMENT.finditer(text))
    for match in _ENTITY.finditer(text):
        name = match.group(1)
        if name.startswith("#") or f"{name};" in html.entities.html5:
            hits.append(Hit("HTML entity", match.start(), match.end()))
    hits.extend(Hit("HTML entity", m.start(), m.end()) for m in _BARE_ENTITY.finditer(text))
    for kind, pattern in _PLACEHOLDERS:
        hits.extend(Hit(kind, m.start(), m.end()) for m in pattern.finditer(text))
    return tuple(merged(hits))


def direction_damage(text: str, numbered: bool = True) -> tuple[str, str] | None:
    """S006's (message, evidence) for the bidirectional embeddings and overrides of ``text`` (see
    ``_DIRECTION_NAMES``), or None: ``text`` is a page's text as decoded, before reading removes
    them. The message names each control, their count and, when ``numbered``, the page's lines
    that hold one (else: JSON strings, joined); the evidence is the first one in its line's
    context, every control in it written as a ``\\uNNNN`` escape."""
    if _EMBEDDING_OR_OVERRIDE.search(text) is None:  # nearly every page
        return None
    pattern = _RIGHT_TO_LEFT_OVERRIDE if _RIGHT_TO_LEFT.search(text) else _EMBEDDING_OR_OVERRIDE
    positions = [match.start() for match in pattern.finditer(text)]
    if not positions:
        return None
    kinds = ", ".join(
        f"{_DIRECTION_NAMES[char]} U+{ord(char):04X}" for char in Counter(text[i] for i in positions)
    )
    count = f" ({len(positions)}×)" if len(positions) > 1 else ""
    first = positions[0]
    start = text.rfind("\n", 0, first) + 1
    end = text.find("\n", first)
    line = text[start : end if end >= 0 else len(text)]
    evidence = Hit("bidirectional control", first - start, first - start + 1).excerpt(line)
    if not numbered:
        where = "in the page's JSON strings"
    else:
        number = text.count("\n", 0, first) + 1
        lines = _lines_holding(text, positions)
        where = (
            f"on line {number} of the page"
            if lines == 1
            else f"on {lines} lines of the page, from line {number}"
        )
    return f"Encoding damage {where}: {kinds}{count}; removed before checking", evidence


def _lines_holding(text: str, positions: Sequence[int]) -> int:
    """How many lines of ``text`` hold one of ``positions`` (in increasing order)."""
    lines, newlines, previous, last_line = 0, 0, 0, -1
    for position in positions:
        newlines += text.count("\n", previous, position)
        previous = position
        if newlines != last_line:
            lines, last_line = lines + 1, newlines
    return lines
