"""Chapter rows kept pickled until something reads them.

A checked episode comes back from its worker (or out of the cache) with a chapter row per chapter
pair of each variant: ≈ 14 rows per variant, most of the bytes of an episode's outcome and ≈ 85%
of the time to unpickle it. The CSV and JSON reports do not read the rows: they join the rows'
fragments rendered in the workers (``aligner.report.fragments``). So a variant's rows travel as
one pickled ``PackedRows``, and a run's rows are a ``ChapterRows`` that unpickles and sorts them
the first time it is read (validation, a fragment that does not join). Its length is known
without unpickling anything, and one episode's rows (an HTML episode page) are unpickled alone.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from aligner.results import ChapterRow, chapter_order


class PackedRows:
    """One variant's chapter rows, pickled."""

    __slots__ = ("count", "data")

    def __init__(self, rows: Sequence[ChapterRow]) -> None:
        self.count = len(rows)
        self.data = pickle.dumps(tuple(rows), protocol=pickle.HIGHEST_PROTOCOL)

    def rows(self) -> tuple[ChapterRow, ...]:
        rows: tuple[ChapterRow, ...] = pickle.loads(self.data)
        return rows

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackedRows) and self.rows() == other.rows()

    def __hash__(self) -> int:
        return hash(self.rows())

    def __repr__(self) -> str:
        return f"PackedRows({self.count} rows)"


Rows = PackedRows | Sequence[ChapterRow]  # a variant's rows, packed or not


def _count(rows: Rows) -> int:
    return rows.count if isinstance(rows, PackedRows) else len(rows)


def _rows(rows: Rows) -> Sequence[ChapterRow]:
    return rows.rows() if isinstance(rows, PackedRows) else rows


class ChapterRows(Sequence[ChapterRow]):
    """A run's chapter rows sorted by ``chapter_order``: the rows of ``parts`` (in the order the
    run scored them; the sort is stable), unpacked and sorted when first read. ``episodes``, when
    given, holds each part's episode id (that of every row in it), so that ``episode_rows``
    unpacks one episode's parts only. Compares equal to a sequence of the same rows; pickles as a
    plain tuple."""

    __slots__ = ("_by_episode", "_count", "_episodes", "_parts", "_rows")

    def __init__(self, parts: Iterable[Rows], episodes: Iterable[str] | None = None) -> None:
        self._parts: list[Rows] | None = list(parts)
        self._count = sum(map(_count, self._parts))
        self._rows: tuple[ChapterRow, ...] = ()
        self._episodes: dict[str, list[int]] | None = None  # episode id → its parts' positions
        if episodes is not None:
            labels = list(episodes)
            if len(labels) != len(self._parts):
                raise ValueError(f"{len(labels)} episode ids for {len(self._parts)} parts")
            self._episodes = defaultdict(list)
            for position, episode_id in enumerate(labels):
                self._episodes[episode_id].append(position)
        self._by_episode: dict[str, tuple[ChapterRow, ...]] | None = None

    def rows(self) -> tuple[ChapterRow, ...]:
        """Every row, sorted (unpacked on the first call)."""
        if self._parts is not None:
            rows = [row for part in self._parts for row in _rows(part)]
            rows.sort(key=chapter_order)
            self._rows, self._parts = tuple(rows), None
        return self._rows

    def episode_rows(self, episode_id: str) -> tuple[ChapterRow, ...]:
        """The rows of ``episode_id``, sorted: ``tuple(r for r in self if r.episode_id == episode_id)``.
        Only that episode's parts are unpacked while the rows are packed and their episodes known
        (the sort is stable and its key leads with the episode id, so the episode's rows keep the
        order they have among all the rows)."""
        if self._parts is not None and self._episodes is not None:
            parts = self._parts
            rows = [row for position in self._episodes.get(episode_id, ()) for row in _rows(parts[position])]
            rows.sort(key=chapter_order)
            return tuple(rows)
        if self._by_episode is None:
            grouped: dict[str, list[ChapterRow]] = defaultdict(list)
            for row in self.rows():
                grouped[row.episode_id].append(row)
            self._by_episode = {key: tuple(rows) for key, rows in grouped.items()}
        return self._by_episode.get(episode_id, ())

    @property
    def unpacked(self) -> bool:
        """Whether the rows have been read (and so unpickled and sorted)."""
        return self._parts is None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> ChapterRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ChapterRow, ...]: ...

    def __getitem__(self, index: int | slice) -> ChapterRow | tuple[ChapterRow, ...]:
        return self.rows()[index]

    def __iter__(self) -> Iterator[ChapterRow]:
        return iter(self.rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChapterRows):
            return self.rows() == other.rows()
        return isinstance(other, Sequence) and self.rows() == tuple(other)

    def __hash__(self) -> int:
        return hash(self.rows())

    def __reduce__(self) -> tuple[type[tuple[Any, ...]], tuple[tuple[ChapterRow, ...]]]:
        return tuple, (self.rows(),)

    def __repr__(self) -> str:
        state = "unpacked" if self._parts is None else "packed"
        return f"ChapterRows({self._count} rows, {state})"
