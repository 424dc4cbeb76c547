"""Rows of the CSV files people edit by hand (glossary, waivers) or keep (baselines), read strictly.

Python's ``csv`` module, left lenient, reads a quote that is never closed as one cell holding the
rest of the file: a waiver whose reason lacks its closing quote silently swallows every waiver
after it. Read strictly, that is an error, reported at the line where the broken row starts
(where the editor has to look), not at the end of the file where the reader noticed.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator


class CsvSyntaxError(ValueError):
    """A row that is not CSV; ``line`` is the line it starts on."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: not CSV ({reason})")
        self.line = line
        self.reason = reason


def rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """``(line the row starts on, its cells)`` for every row of ``text`` (a blank line is a row of
    no cells). Raises ``CsvSyntaxError`` at the first row that is not CSV."""
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvSyntaxError(start, str(exc)) from None


def records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (the first row that is not blank) and the rows after it that are not blank, each
    with its line, as ``csv.DictReader`` would read them, split on the header's delimiter
    (``header_delimiter``: a spreadsheet may save with ``;`` or tabs). Raises ``CsvSyntaxError``."""
    found = [(line, row) for line, row in rows(text, header_delimiter(text)) if row]
    return (found[0][1], found[1:]) if found else ([], [])


def named(header: list[str], row: list[str]) -> dict[str, str] | None:
    """``{column: cell}`` of ``row`` under ``header``, a short row's missing cells empty; ``None``
    when the row has more cells than the header has columns."""
    if len(row) > len(header):
        return None
    return dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))


def header_delimiter(text: str) -> str:
    """The delimiter of a file whose first line names columns: a comma, or else a semicolon or a
    tab when the first line holds one and no comma — what spreadsheet programs write in locales
    whose decimal mark is a comma (``en;es;ja``), or as "Unicode text" (tabs)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "," in first:
        return ","
    return next((mark for mark in (";", "\t") if mark in first), ",")


def decode_text(data: bytes) -> str:
    """A hand-kept file's text: UTF-8 (a byte-order mark allowed), or UTF-16 with its byte-order
    mark (a spreadsheet's "Unicode text"). Raises ``UnicodeDecodeError``; ``decode_problem``
    says why in words."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def decode_problem(exc: UnicodeDecodeError) -> str:
    """``not UTF-8 text (byte 0xe9 at offset 120)``, with a hint for UTF-16 without its mark."""
    data = exc.object if isinstance(exc.object, bytes) else b""
    found = f"byte 0x{data[exc.start]:02x} at offset {exc.start}" if exc.start < len(data) else exc.reason
    hint = "; UTF-16 without a byte-order mark? save it as UTF-8" if b"\x00" in data[:64] else ""
    return f"not UTF-8 text ({found}{hint})"
