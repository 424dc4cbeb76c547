"""Read stage: paths → ``RawPage``s. Decoding problems become page errors (S001), never crashes."""

from __future__ import annotations

import codecs
import collections
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from aligner.locales import language_of
from aligner.model import RawPage
from aligner.scripts import ARABIC_PRESENTATION_FORMS
from aligner.textdamage import BIDI_CONTROLS, direction_damage

INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".json")
MAX_FILE_BYTES = 64 * 1024 * 1024

# ISO 639-1 codes we accept as a locale path component (``pages/es/…``, ``listing.ja.txt``, ``zh-Hans/``).
LANGUAGE_CODES = frozenset(
    [
        "ar",
        "bg",
        "bn",
        "ca",
        "cs",
        "da",
        "de",
        "el",
        "en",
        "es",
        "et",
        "fa",
        "fi",
        "fr",
        "he",
        "hi",
        "hr",
        "hu",
        "id",
        "it",
        "ja",
        "ko",
        "lt",
        "lv",
        "ms",
        "nl",
        "no",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sr",
        "sv",
        "th",
        "tl",
        "tr",
        "uk",
        "ur",
        "vi",
        "zh",
    ]
)
_CJK_LETTER = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")  # kana or a common ideograph
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # not tab/newline/FF/CR
# language[-Script][-Region]: es, pt-BR, zh-Hans, zh-Hant-TW, es-419
_LOCALE_RE = re.compile(r"^(?P<lang>[a-z]{2})(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?$")


def locale_from_path(path: str) -> str | None:
    """The language code named by the path (``pages/pt-BR/a.md`` → ``pt``), if any."""
    tag = locale_tag(path)
    return language_of(tag) if tag else None


def locale_tag(path: str) -> str | None:
    """The locale tag the path names, lower case (``pt-br``): a dotted part of the file name
    (``index.fr.md``), else a file name that is a tag written as one (``es.md``, ``pt-BR.md``),
    else the innermost folder that is one (``pages/es/``, ``pt-br/``). A stem with a lower-case
    "region" is a word, not a locale: ``en/it-ai.md`` is an English page about AI. The tag is
    the page locale (``read_page``): pages of one language for two regions are two locales."""
    parts = Path(path).parts
    if not parts:
        return None
    stem_parts = parts[-1].split(".")
    candidates = stem_parts[1:-1] if len(stem_parts) > 2 else []
    if len(stem_parts) > 1 and _STEM_TAG.match(stem_parts[0]):
        candidates.append(stem_parts[0])
    candidates += reversed(parts[:-1])
    for part in candidates:
        match = _LOCALE_RE.match(part)
        if match and match["lang"].lower() in LANGUAGE_CODES:
            return part.lower().replace("_", "-")
    return None


# A file name that is a tag as tags are written: ``es``, ``pt-BR``, ``zh-Hans`` (not ``it-ai``).
_STEM_TAG = re.compile(r"^[a-z]{2}(?:[-_][A-Z][a-z]{3})?(?:[-_](?:[A-Z]{2}|\d{3}))?$")


def discover(paths: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Expand files and folders (recursively) into a sorted list of input files, each file once.

    Within a folder, entries whose name begins with a dot (``.git``, ``.github``, ``.venv``) and
    aligner's own JSON reports (``is_aligner_output``) are left out; symbolic links to folders are
    followed, each folder read once (a link back up the tree is no loop). A file given by name is
    always read. A file reached by two paths (``es/a.md`` and ``../cat/es/a.md``, a linked folder)
    is read once, under the shorter path (the first in sorted order for paths of one length).

    Returns (files, missing): ``missing`` maps each path that holds nothing to read — a typo, a
    broken link, a FIFO, a folder that cannot be listed, a folder given with no page in it — to the
    reason (``missing_page``)."""
    files: list[str] = []
    missing: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            unread = len(missing)
            found = _walk(path, missing)
            if not found and len(missing) == unread:  # a folder of other files, or of none
                missing[given] = f"a folder with no page in it (none of {', '.join(sorted(INPUT_SUFFIXES))})"
            files.extend(found)
        elif path.is_file():
            files.append(path.as_posix())
        else:
            missing.setdefault(given, _why_unreadable(path))
    return _distinct_files(sorted(dict.fromkeys(files))), missing


def relative_name(path: str, root: str | None) -> str:
    """``path`` as the reports name it: relative to ``root`` when it lies under it, with forward
    slashes (a snapshot's pages keep their names, and their cache keys, wherever it is copied)."""
    if root is None:
        return path
    relative = os.path.relpath(path, root)
    return (
        path
        if relative == os.pardir or relative.startswith(os.pardir + os.sep)
        else Path(relative).as_posix()
    )


def _walk(root: Path, missing: dict[str, str]) -> list[str]:
    """The input files under ``root`` (see ``discover``); entries with nothing to read go to ``missing``."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    # Breadth first, a level's real folders before its symbolic links: a folder reached twice is
    # read at its first path, so a link deeper in the tree (`ja/mirror` → `../es`) must not come
    # first — its pages were read under the wrong locale, and the real folder not at all.
    pending = collections.deque([root])
    while pending:
        folder = pending.popleft()
        try:
            status = folder.stat()
            if (status.st_dev, status.st_ino) in seen:
                continue  # reached again through a symbolic link
            seen.add((status.st_dev, status.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            missing.setdefault(folder.as_posix(), f"folder cannot be listed ({exc.strerror or exc})")
            continue
        links: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if _is_dir(entry):
                (links if entry.is_symlink() else pending).append(path)
            elif path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            elif _is_file(entry):
                if not is_aligner_output(path):
                    found.append(path.as_posix())
            else:
                missing.setdefault(path.as_posix(), _why_unreadable(path))
        pending.extend(links)
    return found


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _distinct_files(files: Sequence[str]) -> list[str]:
    """``files`` (sorted) with one path per file (device and inode): the shortest, then the first."""
    chosen: dict[tuple[int, int] | str, str] = {}
    for path in files:
        try:
            status = os.stat(path)
        except OSError:
            chosen[path] = path  # reading it gives the S001
            continue
        identity = (status.st_dev, status.st_ino)
        if identity not in chosen or len(path) < len(chosen[identity]):
            chosen[identity] = path
    return sorted(chosen.values())


def _why_unreadable(path: Path) -> str:
    """Why a path that is neither a regular file nor a folder holds nothing to read."""
    if path.is_symlink() and not path.exists():
        try:
            return f"broken symbolic link (to {os.readlink(path)})"
        except OSError:
            return "broken symbolic link"
    return "not a regular file or folder" if path.exists() else "no such file or folder"


# How aligner's own JSON outputs begin (their writers put these keys first): ``report.json`` (also
# when kept as a baseline under another name) and a nightly run's ``trends.json``.
_OUTPUT_HEAD = re.compile(rb'\A\{\s*(?:"schema_version":\s*\d+,\s*"tool":\s*"aligner"|"nights":\s*\[)')


def is_aligner_output(path: Path) -> bool:
    """Whether ``path`` is one of aligner's own JSON reports. A catalog checked in place
    (``aligner check .``: reports in ``./reports/<timestamp>/``) holds its earlier reports; read
    as pages, each would be a false S003 on the next run. Only JSON files are read (their head)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            return is_output_head(handle.read(256))
    except OSError:
        return False  # unreadable: reading it for real gives the S001


def is_output_head(head: bytes) -> bool:
    """Whether a JSON file that begins with ``head`` is one of aligner's own reports."""
    return _OUTPUT_HEAD.match(head) is not None


def missing_page(path: str, reason: str, locale: str | None = None) -> RawPage:
    """The page of a path ``discover`` found nothing to read at (a typo, a broken link, a FIFO):
    it becomes an S001 finding instead of vanishing from a run that has other input. Never opened
    (reading a FIFO would wait for a writer)."""
    return RawPage(printable(path), None, locale or "und", "option" if locale else "und", printable(reason))


def decode(data: bytes) -> tuple[str | None, str, str | None]:
    """Decode file bytes: (text or None, encoding, problem or None).

    UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one when its NUL bytes tell)
    decode cleanly. Shift_JIS and GB18030 are
    accepted only when they decode strictly and yield CJK text. A UTF-8 file cut in the middle of a
    character decodes with the broken tail dropped and a problem noted. Binary data is refused.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError as exc:
            return None, "utf-16", f"invalid UTF-16 ({exc.reason})"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if (utf16 := _bomless_utf16(data)) is not None:
        return utf16, "utf-16", None
    if _looks_binary(data):
        return None, "binary", "binary file (NUL or control bytes), not text"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            text = data[: exc.start].decode("utf-8")
            return text, "utf-8", f"UTF-8 truncated mid-character at byte {exc.start}; broken tail dropped"
        utf8_problem = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    for legacy in ("shift_jis", "gb18030"):
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        if _CJK_LETTER.search(text, 0, 4000):
            return text, legacy, None
    return None, "unknown", utf8_problem


def _bomless_utf16(data: bytes) -> str | None:
    """The text of UTF-16 without a byte-order mark (some Windows exports), or None. A page with
    ASCII in it (markup, digits, Latin letters) has a NUL as every other byte of its first 4 KB
    on one side (the high byte of each ASCII character) and nearly none on the other; such data
    must also decode strictly and hold no control characters but line breaks and tabs."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= half * 0.3 and even <= half * 0.02:
        codec = "utf-16-le"
    elif even >= half * 0.3 and odd <= half * 0.02:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _UTF16_CONTROL.search(text, 0, 2048):
        return None
    return text


_UTF16_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def read_page(
    path: str, locale: str | None = None, ui_locale: object = None, name: str | None = None
) -> RawPage:
    """Read one file. ``ui_locale`` is a callable(lines) → locale used when path gives none;
    ``name``: what the reports call the file (default: ``path``). The locale is read from ``path``."""
    shown = printable(path if name is None else name)  # a file's name may not be UTF-8
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            return RawPage(shown, None, locale or "und", "option" if locale else "und", "file too large")
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = printable(f"cannot read: {exc}")
        return RawPage(shown, None, locale or "und", "option" if locale else "und", reason)
    text, encoding, problem = decode(data)
    damage = None
    if text is not None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        damage = direction_damage(text)  # before the controls are removed: S006 reports them
        text = _composed(_without_invisible_forms(text))
    page_locale, source = _page_locale(path, text, locale, ui_locale)
    return RawPage(shown, text, page_locale, source, problem, encoding, damage)


# Bidirectional formatting characters: the marks LRM, RLM and ALM, embeddings, overrides and
# isolates. Editors and scrapers of right-to-left pages leave them anywhere, invisibly: `56:10` with
# an RLM after it was no duration (a diff said "Duration gone"), and `Dario\u200f Amodei` was no
# name of the reference's. Embeddings and overrides, which have no place in prose, are S006
# findings (``direction_damage``), not silently dropped.
# The zero-width (non-)joiners are spelling (Persian), not formatting.
# Soft hyphens, zero-width spaces, word joiners and stray byte-order marks are as invisible: a
# scraper that starts writing them (`Hin\u00adton`) made every name they touch a name removed and
# added in a diff, shown as the same name twice, and no name of the reference's.
_BIDI_CHARS = BIDI_CONTROLS
_INVISIBLE_CHARS = _BIDI_CHARS + "\u00ad\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


# Arabic presentation forms (old PDFs, some scrapers): the letters in their joined shapes, as
# compatibility characters. A page written in them was another language to the detector (`ur`
# on the Arabic page), and its names were no names of the reference's.
_PRESENTATION_FORMS = re.compile(f"[{ARABIC_PRESENTATION_FORMS}]")
_INVISIBLE_FORMS = re.compile(f"[{_INVISIBLE_CHARS}{ARABIC_PRESENTATION_FORMS}]")  # both in one scan


def _without_invisible_forms(text: str) -> str:
    """``text`` without bidirectional controls and the other invisible characters above, and with
    presentation forms as plain letters."""
    if _INVISIBLE_FORMS.search(text) is None:  # nearly every page
        return text
    return _PRESENTATION_FORMS.sub(_plain_form, _INVISIBLE.sub("", text))


def _plain_form(match: re.Match[str]) -> str:
    """A presentation form's letter (NFKC); an isolated or medial vowel sign (`ﹼ` = space + shadda,
    `ـّ` = tatweel + shadda) is the sign alone, as it sits in its word."""
    plain = unicodedata.normalize("NFKC", match[0])
    return plain.lstrip(" \u0640") or plain


def _composed(text: str) -> str:
    """``text`` in Unicode NFC. Some scrapers and editors write accents as combining marks
    (``di\u0301as``): they look the same, but no pattern or comparison would see ``días`` — a
    Spanish date line was no longer a date, and every card of its page split in two."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_SURROGATE = re.compile("[\ud800-\udfff]")
# What a file name may hold that no report should show as it is: lone surrogates (see ``printable``),
# control characters (a line break in a name), and bidirectional controls, which reorder what a
# viewer shows (`page\u202etxt.exe\u202c.md` displays as `pageexe.txt.md`).
_UNPRINTABLE = re.compile(f"[\ud800-\udfff\x00-\x1f\x7f-\x9f{_BIDI_CHARS}]")


def printable(text: str) -> str:
    """``text`` with no lone surrogate, which no report can encode: a file name that is not UTF-8
    reaches Python with each undecodable byte as U+DC80–U+DCFF (``café`` in Latin-1:
    ``caf\\udce9``), shown as ``\\xe9``; any other surrogate as U+FFFD. Control characters are
    shown as ``\\xNN`` and bidirectional controls as ``\\uNNNN``, like the evidence of S006."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escaped_byte, text)


def as_page_text(text: str) -> str:
    """A string that JSON escapes hid from ``read_page`` (``"\\u202e"``) as a page's text reads:
    lone surrogates as U+FFFD, no invisible character, presentation forms plain, NFC."""
    return _composed(_without_invisible_forms(without_surrogates(text)))


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD (scraped text that JSON escapes cut in half)."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def _escaped_byte(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _page_locale(path: str, text: str | None, forced: str | None, ui_locale: object) -> tuple[str, str]:
    if forced:
        return forced.lower().replace("_", "-"), "option"
    from_path = locale_tag(path)
    if from_path:
        return from_path, "path"
    if text and callable(ui_locale):
        found = ui_locale(_chrome_lines(text))
        if found:
            return str(found), "ui-strings"
    return "und", "und"


def _chrome_lines(text: str) -> Iterable[str]:
    """Short lines are where site chrome lives (menus, relative dates, calls to action)."""
    for line in text.splitlines()[:5000]:
        stripped = line.strip()
        if stripped and len(stripped) <= 120:
            yield stripped
