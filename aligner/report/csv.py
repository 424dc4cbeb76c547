"""CSV reporter: ``findings.csv``, ``chapters.csv`` and ``variants.csv``.

Format: UTF-8 without a byte-order mark, ``\\n`` line endings, the :mod:`csv` module's default
dialect with ``QUOTE_MINIMAL`` (cells holding a comma, quote or line break are quoted). Rows come
in the order the :class:`~aligner.results.RunResult` holds them (already sorted) and nothing
time-dependent is written, so the same result always gives byte-identical files.

Columns: the contract columns of DESIGN.md come first, in contract order; any further keys of
the records' ``to_record()`` follow in the order ``to_record()`` yields them (for
``chapters.csv``: the score components, then ``source_path``, ``ref_title``, ``var_title``).
A file with no rows still has its header — the contract columns only.

``findings.csv`` also lists the findings a waiver accepted, among the others in sort order: their
``waived`` column holds the waiver's reason (empty for every other finding); ``fingerprint``
identifies a finding across runs (see :mod:`aligner.fingerprint`). Findings left out by a
``--baseline`` are not listed (``report.json`` counts them).

Spreadsheet-formula neutralization: scraped text is hostile, and a spreadsheet evaluates a cell
that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (tab and carriage return can smuggle
one in too), e.g. ``=HYPERLINK("http://evil","click")``. Every *string* cell starting with one
of ``= + - @ \\t \\r`` is therefore written with a leading apostrophe (``'=HYPERLINK(…)``),
which spreadsheets display as text. Numbers are never touched: ``-0.5`` written from a float is a
number, not a formula; only ``str`` values are neutralized. Consumers reading the CSV as data
should strip one leading apostrophe from text cells that start with ``'`` followed by one of
those characters.
"""

from __future__ import annotations

import csv
import heapq
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from aligner.cache import RunCache
from aligner.model import FINDING_COLUMNS, Finding
from aligner.report.atomic import write_bytes_atomic
from aligner.results import CHAPTER_COLUMNS, VARIANT_COLUMNS, RunResult

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Prefix a string cell that a spreadsheet would run as a formula with ``'`` (see
    ``formula_like``)."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value


def formula_like(text: str) -> bool:
    """Whether a cell needs the ``'`` prefix: it starts like a formula, or reads as such a prefixed
    cell already (``'@home``). Readers take one ``'`` off such a cell (``baseline.unneutralize``),
    so every cell reads back as written."""
    return text.lstrip("'").startswith(FORMULA_PREFIXES)


def columns(contract: Sequence[str], records: Iterable[Mapping[str, Any]]) -> list[str]:
    """The contract columns, then every other key in the order the records yield it.

    A key first seen in a later record is placed right after the key that precedes it in that
    record, so rows with an extra score component still keep components before the trailing
    columns.
    """
    header = list(contract)
    seen: set[tuple[str, ...]] = set()
    for record in records:
        keys = tuple(record)
        if keys in seen:  # every key of an order already seen is placed: nothing would move
            continue
        seen.add(keys)
        position = len(contract)
        for key in record:
            if key in header:
                position = max(position, header.index(key) + 1)
            else:
                header.insert(position, key)
                position += 1
    return header


def render_csv(contract: Sequence[str], records: Sequence[Mapping[str, Any]]) -> str:
    """One CSV document: header, then one row per record (missing cells are empty)."""
    header = columns(contract, records)
    return csv_lines([header]) + csv_lines(row_cells(header, records))


def csv_lines(rows: Iterable[Sequence[object]]) -> str:
    """The lines of ``rows`` in this module's CSV format."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


_PREFIXED_STARTS = frozenset([*FORMULA_PREFIXES, "'"])  # one character each: ``neutralize`` decides


def row_cells(header: Sequence[str], records: Sequence[Mapping[str, Any]]) -> Iterator[list[object]]:
    """Each record's cells in header order, neutralized; a record whose keys are the header, in
    order (nearly all of them), is read by its values instead of a lookup per column."""
    order = tuple(header)
    for record in records:
        if tuple(record) == order:
            yield [
                neutralize(value) if isinstance(value, str) and value[:1] in _PREFIXED_STARTS else value
                for value in record.values()
            ]
        else:
            yield [neutralize(record.get(name, "")) for name in header]


def findings_and_waived(result: RunResult) -> list[Finding]:
    """Active and waived findings in one table (both already sorted: merged, order kept)."""
    return list(heapq.merge(result.findings, result.waived)) if result.waived else list(result.findings)


class CsvReporter:
    """Writes the three CSV tables of a run."""

    name: str = "csv"
    weight: float = 0.5  # seconds for 10,000 variants (2 cores, 2026-12-06)

    def write(  # one process; nothing to reuse from a cache
        self, result: RunResult, out_dir: Path, jobs: int = 1, cache: RunCache | None = None
    ) -> list[Path]:
        from aligner.report import fragments  # it builds on this module

        findings = [f.to_record() for f in findings_and_waived(result)]
        joined = fragments.joinable(result)  # the chapter rows, rendered per episode already
        if joined is not None:
            header = csv_lines([fragments.csv_header(joined)]).encode("utf-8")
            chapters = b"".join([header, *fragments.csv_pieces(joined)])
        else:
            chapters = render_csv(CHAPTER_COLUMNS, [row.to_record() for row in result.chapters]).encode(
                "utf-8"
            )
        variants = [row.to_record() for row in result.variant_rows]
        tables = [
            ("findings.csv", render_csv(FINDING_COLUMNS, findings).encode("utf-8")),
            ("chapters.csv", chapters),
            ("variants.csv", render_csv(VARIANT_COLUMNS, variants).encode("utf-8")),
        ]
        return [write_bytes_atomic(Path(out_dir) / filename, data) for filename, data in tables]
