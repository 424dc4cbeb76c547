"""Scraped text shown on a terminal, or written into a document a terminal may show, made inert.

A terminal acts on control characters (``\\x1b]0;…\\x07`` sets its title, ``\\x1bP+q…`` makes it
answer, U+009B is an 8-bit CSI) and reorders text by the bidirectional embeddings, overrides and
isolates (U+202A–U+202E, U+2066–U+2069: ``page\\u202etxt.exe`` shows as ``pageexe.txt``). Titles,
file names, episode ids and messages all come from scraped pages, so every line the command line
prints goes through ``terminal_text``, and the documents it prints (``aligner parse``'s JSON,
``aligner waive``'s TOML) write those characters as escapes their readers undo.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; bidi embeddings, overrides and isolates; line and paragraph
# separators (a line break to some terminals and log viewers, none to others).
_DIRECTIONAL = "\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_DIRECTIONAL}]")
# In JSON text written by ``json.dumps``, which escapes C0 inside strings itself: a C0 character
# left in its output is the document's own whitespace, never scraped text.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_DIRECTIONAL}]")


def terminal_text(text: str) -> str:
    """``text`` with each control character written ``\\xNN`` and each directional one ``\\uNNNN``."""
    return _UNSAFE.sub(_visible, text)


def terminal_lines(text: str) -> str:
    """``terminal_text`` of each line of ``text``, its line breaks kept."""
    return "\n".join(map(terminal_text, text.split("\n")))


def json_text(document: str) -> str:
    """JSON text (``json.dumps`` with ``ensure_ascii=False``) with DEL, C1 controls and directional
    characters written as ``\\uNNNN`` escapes: the same document to a JSON reader."""
    return _UNSAFE_IN_JSON.sub(_escaped, document)


def is_unsafe(char: str) -> bool:
    """Whether ``char`` (one character) is one ``terminal_text`` writes as an escape."""
    return _UNSAFE.fullmatch(char) is not None


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
