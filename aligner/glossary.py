"""The glossary: approved renderings of terms per language, and finding terms in text.

A glossary is a CSV file with one column per language; the header row holds language codes::

    en,es,ja,zh
    World Model,Modelo de mundo|Modelo del mundo,ワールドモデル,世界模型
    Reinforcement Learning,Aprendizaje por refuerzo,強化学習,强化学习

A cell may list alternatives separated by ``|``, the approved rendering first; an empty cell means
"no approved rendering in that language". Blank lines and lines starting with ``#`` are skipped.
A file that cannot be used raises :class:`GlossaryError` with the file and line (the CLI exits 2).

Terms are found in text case-, width- and accent-insensitively; Latin terms between word
boundaries with a plural ``s``/``es`` allowed on each word (``modelos de mundo`` contains
``Modelo de mundo``), CJK terms as substrings, ignoring spaces and ``・``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aligner.csvrows import CsvSyntaxError, decode_problem, decode_text, header_delimiter
from aligner.csvrows import rows as csv_rows
from aligner.guarded import PLURAL, GuardedPattern, cyrillic_words, guarded, latin_words
from aligner.langdata import known_language
from aligner.locales import language_of
from aligner.names import char_class

MAX_BYTES = 5_000_000
ALTERNATIVES = "|"
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD_BREAK = re.compile(r"[\s\-‐・･/]+")


class GlossaryError(Exception):
    """A glossary file that cannot be used: missing, undecodable, or malformed (exit code 2)."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One row: the renderings of one term per language, the approved one first."""

    line: int
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (language, renderings), header order

    def renderings(self, lang: str) -> tuple[str, ...]:
        key = primary_lang(lang)
        return next((forms for code, forms in self.terms if code == key), ())

    def approved(self, lang: str) -> str | None:
        forms = self.renderings(lang)
        return forms[0] if forms else None

    def all_forms(self) -> Iterable[str]:
        for _lang, forms in self.terms:
            yield from forms


@dataclass(frozen=True, slots=True)
class Glossary:
    languages: tuple[str, ...]
    entries: tuple[GlossaryEntry, ...]
    source: str = "<glossary>"

    @classmethod
    def load(cls, path: str | Path) -> Glossary:
        target = Path(path)
        try:
            if target.stat().st_size > MAX_BYTES:
                raise GlossaryError(f"glossary {path}: larger than {MAX_BYTES:,} bytes")
            data = target.read_bytes()
        except OSError as exc:
            raise GlossaryError(f"glossary {path}: cannot read it ({exc.strerror or exc})") from None
        try:
            text = decode_text(data)
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"glossary {path}: {decode_problem(exc)}") from None
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, source: str = "<glossary>") -> Glossary:
        text = text.removeprefix("\ufeff")
        if "\x00" in text:
            raise GlossaryError(
                f"glossary {source}: binary data, not CSV (UTF-16 without a byte-order mark? save it as UTF-8)"
            )
        try:
            rows = [
                (line, row)
                for line, row in csv_rows(text, header_delimiter(text))
                if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
            ]
        except CsvSyntaxError as exc:
            raise GlossaryError(f"glossary {source}:{exc.line}: not CSV ({exc.reason})") from None
        if not rows:
            raise GlossaryError(
                f"glossary {source}: empty (expected a header of language codes, e.g. en,es,ja)"
            )
        header_line, header = rows[0]
        languages = _languages(header, source, header_line)
        entries = []
        for number, row in rows[1:]:
            if len(row) > len(languages):
                raise GlossaryError(
                    f"glossary {source}:{number}: {len(row)} cells, but the header has {len(languages)} languages"
                )
            terms = tuple(
                (lang, forms)
                for lang, cell in zip(languages, row, strict=False)
                if (forms := tuple(f for f in (" ".join(p.split()) for p in cell.split(ALTERNATIVES)) if f))
            )
            if terms:
                entries.append(GlossaryEntry(number, terms))
        return cls(languages, tuple(entries), source)

    def entry_of(self, term: str, lang: str | None = None) -> GlossaryEntry | None:
        """The entry that lists ``term`` (in ``lang``'s column, or any column when None)."""
        index = _index(self)
        key = fold(term)
        return index.by_lang.get((primary_lang(lang), key)) if lang else index.by_form.get(key)

    def same_term(self, a: str, b: str) -> bool:
        """Whether one entry lists both ``a`` and ``b`` (in any languages)."""
        key_a, key_b = fold(a), fold(b)
        if key_a == key_b:
            return False
        rows = _index(self).rows
        return not rows.get(key_a, frozenset()).isdisjoint(rows.get(key_b, frozenset()))

    def found_in(self, text: str, lang: str) -> list[tuple[GlossaryEntry, str]]:
        """Entries with a ``lang`` rendering in ``text``: (entry, the rendering found)."""
        folded = fold(text)
        found = []
        for entry in self.entries:
            hit = next((form for form in entry.renderings(lang) if contains_folded(folded, form)), None)
            if hit is not None:
                found.append((entry, hit))
        return found


@dataclass(frozen=True, slots=True)
class _Index:
    """A glossary's folded forms, for look-ups in constant time: what a scan of the entries in file
    order would find first."""

    by_lang: dict[tuple[str, str], GlossaryEntry]  # (language, folded form) → first entry
    by_form: dict[str, GlossaryEntry]  # folded form in any column → first entry
    rows: dict[str, frozenset[int]]  # folded form → positions of the entries listing it

    @classmethod
    def of(cls, glossary: Glossary) -> _Index:
        by_lang: dict[tuple[str, str], GlossaryEntry] = {}
        by_form: dict[str, GlossaryEntry] = {}
        rows: dict[str, set[int]] = {}
        for position, entry in enumerate(glossary.entries):
            columns: set[str] = set()
            for code, forms in entry.terms:
                if code not in columns:  # ``renderings`` reads a language's first column only
                    columns.add(code)
                    for form in forms:
                        by_lang.setdefault((code, fold(form)), entry)
            for form in entry.all_forms():
                by_form.setdefault(fold(form), entry)
                rows.setdefault(fold(form), set()).add(position)
        return cls(by_lang, by_form, {key: frozenset(found) for key, found in rows.items()})


_INDEXES: dict[int, tuple[Glossary, _Index]] = {}  # id(glossary) → (glossary, its index)
MAX_INDEXES = 8


def _index(glossary: Glossary) -> _Index:
    """The index of ``glossary``, built once per glossary object (a run has one). Keyed on the
    object's identity: hashing a glossary walks all its entries. Each entry keeps its glossary
    alive, so its id cannot be reused meanwhile."""
    cached = _INDEXES.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    if len(_INDEXES) >= MAX_INDEXES:
        _INDEXES.clear()
    index = _Index.of(glossary)
    _INDEXES[id(glossary)] = (glossary, index)
    return index


def _languages(header: list[str], source: str, line: int) -> tuple[str, ...]:
    languages: list[str] = []
    for column, cell in enumerate(header, start=1):
        code = cell.strip()
        if not _LANG_CODE.fullmatch(code):
            raise GlossaryError(
                f"glossary {source}:{line}: column {column} header {code[:40]!r} is not a language code "
                "(the first row names the languages, e.g. en,es,ja,zh)"
            )
        if not known_language(code):
            raise GlossaryError(
                f"glossary {source}:{line}: column {column} header {code[:40]!r} is no language code "
                "aligner knows (ja, not jp; zh-hans, not cn)"
            )
        primary = primary_lang(code)
        if primary in languages:
            raise GlossaryError(f"glossary {source}:{line}: language {primary!r} has two columns")
        languages.append(primary)
    if len(languages) < 2:
        raise GlossaryError(f"glossary {source}:{line}: needs at least two language columns")
    return tuple(languages)


primary_lang = language_of  # ``zh-Hans`` → ``zh``; ``EN`` → ``en``


def load_glossary(path: str | None) -> Glossary | None:
    """The glossary at ``path``, or None when no glossary is configured."""
    return Glossary.load(path) if path else None


# -- finding terms in text ------------------------------------------------------------------------


def fold(text: str) -> str:
    """NFKC, case-folded, Latin accents removed (kana keep their voicing marks: ド is not ト),
    whitespace collapsed: the form texts and terms meet in."""
    # Terms and names recur in every check: short strings are memoized, long texts are not.
    return _fold_short(text) if len(text) <= 100 else _fold(text)


@functools.lru_cache(maxsize=1 << 15)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():  # no ASCII character has an accent to remove
        accented, stripped = _accent_table()
        text = accented.sub(lambda match: stripped[match.group()], text)
    return " ".join(text.split())


@functools.cache
def _accent_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters below U+2000 that lose an accent (or are one): a regex finding them and
    their replacements — each character's NFKD without its combining marks."""
    chars = [chr(code) for code in range(1, 0x2000)]  # U+0000 (plain) separates them below
    # One NFKD call for all (a call per character took 14 ms, paid at every worker's first term
    # lookup): combining marks are never reordered across a starter such as U+0000.
    decomposed = unicodedata.normalize("NFKD", "\0".join(chars))
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    plains = decomposed.translate(marks).split("\0")  # one translation for all, too
    stripped = {ch: plain for ch, plain in zip(chars, plains, strict=True) if plain != ch}
    # Turkish dotless ı has no decomposition, but casefolding makes `I` an `i`: `Işık hızı` and
    # `ışık hızı` are one term.
    stripped["ı"] = "i"
    return re.compile(char_class(sorted(map(ord, stripped)))), stripped


@functools.lru_cache(maxsize=8192)
def term_pattern(term: str) -> GuardedPattern | None:
    """A regex over folded text that finds ``term`` (see the module docs); None for an empty term.
    Compiled when a text first holds all of its words (``aligner.guarded``)."""
    words = [w for w in _WORD_BREAK.split(fold(term)) if w]
    if not words:
        return None
    if _CJK.search(term):
        chars = [ch for ch in "".join(words)]
        return guarded(r"[\s・･]*".join(re.escape(ch) for ch in chars), tuple(chars))
    if _CYRILLIC.search(term):
        return cyrillic_words(tuple(words))
    return latin_words(tuple(words), tuple(PLURAL if w[-1].isalpha() else ("",) for w in words))


def contains_folded(folded_text: str, term: str) -> bool:
    pattern = term_pattern(term)
    return pattern is not None and pattern.found(folded_text)


def contains(text: str, term: str) -> bool:
    """Whether ``term`` occurs in ``text`` (see the module docs)."""
    return contains_folded(fold(text), term)
