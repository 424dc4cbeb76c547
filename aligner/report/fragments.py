"""Chapter rows rendered where they are scored, joined when the reports are written.

The chapter table is most of ``chapters.csv`` and of ``report.json`` (a row per chapter pair:
86,000 rows for a 10,000-variant catalog). The rows are made per episode, in worker processes and
from the cache (``aligner.execution``), so that is where they are also rendered, by the
reporters' own code: each episode's rows become a ``ChapterFragment`` (its CSV lines and its JSON
items, compressed: they wait in memory until the reports are written). Writing the reports then
joins the fragments instead of encoding every row twice in the main process, and a cached re-run
renders only the rows of the episodes it checked again.

``joinable`` accepts the fragments only when joining them gives exactly the bytes rendering the
rows would: every episode rendered, every row with the same record keys (so the same columns),
no episode id twice (rows sort by episode first, so the fragments are joined in episode order
and each episode's rows stay together) and as many rows as the result holds. Otherwise the
reporters render ``RunResult.chapters`` as usual.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence

from aligner.report.csv import columns, csv_lines, row_cells
from aligner.report.jsonstream import INDENT, encode
from aligner.results import CHAPTER_COLUMNS, ChapterFragment, ChapterRow, RunResult

ITEM_LEVEL = 2  # report.json's "chapters" items are nested two levels deep
ITEM_SEPARATOR = ",\n" + INDENT * ITEM_LEVEL
_ZLIB_LEVEL = 1  # fast: the point is memory, not the last byte


def render_fragment(episode_id: str, rows: Sequence[ChapterRow]) -> ChapterFragment | None:
    """One episode's chapter rows (sorted as the result sorts them), rendered; None when its
    rows do not all have the same record keys (the reporters then render every row)."""
    records = [row.to_record() for row in rows]
    keys = tuple(records[0]) if records else ()
    if any(tuple(record) != keys for record in records):
        return None
    header = columns(CHAPTER_COLUMNS, records[:1])
    csv_text = csv_lines(row_cells(header, records))
    json_text = ITEM_SEPARATOR.join(encode(record, ITEM_LEVEL) for record in records)
    return ChapterFragment(
        episode_id,
        len(records),
        keys,
        zlib.compress(csv_text.encode("utf-8"), _ZLIB_LEVEL),
        zlib.compress(json_text.encode("utf-8"), _ZLIB_LEVEL),
    )


def joinable(result: RunResult) -> list[ChapterFragment] | None:
    """The fragments holding rows, if joining them renders ``result.chapters`` exactly."""
    fragments = result.chapter_fragments
    if not result.chapters or not fragments or any(f is None for f in fragments):
        return None
    # The rows are sorted by episode first ("x-10" before "x-9"): so are the fragments joined.
    found = sorted((f for f in fragments if f is not None and f.count), key=lambda f: f.episode_id)
    if sum(f.count for f in found) != len(result.chapters):
        return None
    if any(f.keys != found[0].keys for f in found):
        return None
    if any(a.episode_id == b.episode_id for a, b in itertools.pairwise(found)):
        return None  # two episodes' rows would interleave
    return found


def csv_header(fragments: Sequence[ChapterFragment]) -> list[str]:
    """The columns of chapters.csv for rows whose records have the fragments' keys."""
    return columns(CHAPTER_COLUMNS, [dict.fromkeys(fragments[0].keys)])


def csv_pieces(fragments: Sequence[ChapterFragment]) -> list[bytes]:
    return [zlib.decompress(fragment.csv) for fragment in fragments]


def json_items(fragments: Sequence[ChapterFragment]) -> list[str]:
    """Each fragment's items, to be joined by ``ITEM_SEPARATOR`` like single items."""
    return [zlib.decompress(fragment.json).decode("utf-8") for fragment in fragments]
