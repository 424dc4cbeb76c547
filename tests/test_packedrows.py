"""Chapter rows travel pickled per variant and are unpickled only when read: the CSV and JSON
reports join the rendered fragments and never read them; anything that reads them gets exactly
the rows, in report order, that sorting every row gives."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from aligner.packedrows import ChapterRows, PackedRows
from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.results import ChapterRow, RunResult, chapter_order
from aligner.settings import Settings
from benchmarks.generate import generate


def row(episode: str, ts: str, locale: str = "es", status: str = "matched") -> ChapterRow:
    return ChapterRow(
        episode_id=episode,
        episode_title=f"Title of {episode}",
        page_locale=locale,
        lang=locale,
        ref_lang="en",
        ref_ts=ts,
        var_ts=ts,
        status=status,
        score=90.0,
        components=(("ts_score", 1.0),),
        source_path=f"{locale}/page.md",
    )


# Two rows with the same sort key ("b", "es", 01:00) and different statuses: their order must
# be the order the run scored them in, as a stable sort of every row keeps it.
PARTS = [
    (row("b", "01:00", status="first"), row("a", "02:00")),
    (),
    (row("a", "00:30", locale="ja"), row("b", "01:00", status="second"), row("a", "00:10")),
]


def expected() -> list[ChapterRow]:
    """PARTS in report order: episode, page locale, page, chapter time — written out."""
    b_first, a_late = PARTS[0]
    a_ja, b_second, a_early = PARTS[2]
    return [a_early, a_late, a_ja, b_first, b_second]


def test_rows_are_every_part_sorted_stably_packed_or_not() -> None:
    for parts in (PARTS, [PackedRows(p) for p in PARTS], [PARTS[0], PackedRows(PARTS[1]), PARTS[2]]):
        rows = ChapterRows(parts)
        assert list(rows) == expected()
        assert [r.status for r in rows if r.episode_id == "b"] == ["first", "second"]


def test_length_and_truth_need_no_unpickling() -> None:
    broken = PackedRows(PARTS[2])
    broken.data = b"not a pickle"  # reading the rows would fail
    rows = ChapterRows([PackedRows(PARTS[0]), broken])
    assert len(rows) == 5 and rows
    assert not ChapterRows([PackedRows(()), ()])
    assert not rows.unpacked
    with pytest.raises(pickle.UnpicklingError):
        rows[0]


def test_reads_like_the_tuple_of_its_rows() -> None:
    rows = ChapterRows([PackedRows(p) for p in PARTS])
    plain = tuple(expected())
    assert rows == plain and rows == list(plain) and rows == ChapterRows(PARTS)
    assert rows != plain[:-1] and rows != "text"
    assert rows[1] == plain[1] and rows[-2:] == plain[-2:] and rows.index(plain[3]) == 3
    assert plain[0] in rows and list(reversed(rows)) == list(reversed(plain))
    assert pickle.loads(pickle.dumps(rows)) == plain  # a plain tuple once pickled
    assert hash(rows) == hash(plain)


def test_one_episodes_rows_are_unpacked_alone_and_in_report_order() -> None:
    """An HTML episode page reads its episode's rows: only its parts are unpickled, and the rows
    are those of the episode in the order every row sorted gives them."""
    (b_first, a_late), _none, (a_ja, b_second, a_early) = PARTS
    by_episode = [(b_first,), (a_late,), (), (a_ja, a_early), (b_second,)]  # each part one episode's
    owners = ["b", "a", "c", "a", "b"]
    every = ChapterRows(by_episode)
    broken = PackedRows([row("c", "00:01")])
    broken.data = b"not a pickle"  # an episode whose rows nobody reads here
    rows = ChapterRows([*(PackedRows(p) for p in by_episode), broken], [*owners, "c"])
    assert rows.episode_rows("a") == (a_early, a_late, a_ja) == tuple(r for r in every if r.episode_id == "a")
    assert [r.status for r in rows.episode_rows("b")] == ["first", "second"]  # the order they were scored in
    assert rows.episode_rows("nothing") == ()
    assert not rows.unpacked
    with pytest.raises(pickle.UnpicklingError):
        rows.episode_rows("c")
    with pytest.raises(ValueError, match="2 episode ids for 5 parts"):
        ChapterRows(by_episode, ["b", "a"])
    unlabelled = ChapterRows(PackedRows(p) for p in by_episode)  # no ids: every row read and grouped
    assert unlabelled.episode_rows("a") == (a_early, a_late, a_ja)
    assert unlabelled.unpacked and unlabelled.episode_rows("c") == ()


def test_packed_rows_survive_pickling_as_the_cache_stores_them() -> None:
    packed = PackedRows(PARTS[0])
    again = pickle.loads(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == packed and again.count == 2 and again.rows() == PARTS[0]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packed") / "catalog"
    generate(root, 48, per_page=8, defect_rate=0.3, seed=11)
    return root


def reports(result: RunResult, folder: Path, formats: str) -> dict[str, bytes]:
    write_reports(result, folder, formats)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_csv_and_json_reports_never_read_the_rows(catalog: Path, tmp_path: Path, jobs: int) -> None:
    result = check_paths([str(catalog)], Settings(), jobs=jobs)
    assert isinstance(result.chapters, ChapterRows) and len(result.chapters) > 100
    written = reports(result, tmp_path / "fast", "csv,json")
    assert not result.chapters.unpacked
    # The same reports from the rows themselves (no fragments: every row rendered).
    slow = dataclasses.replace(result, chapter_fragments=())
    assert reports(slow, tmp_path / "slow", "csv,json") == written
    assert result.chapters.unpacked
    assert list(result.chapters) == sorted(result.chapters, key=chapter_order)


def test_jobs_give_the_same_rows(catalog: Path) -> None:
    serial = check_paths([str(catalog)], Settings(), jobs=1)
    parallel = check_paths([str(catalog)], Settings(), jobs=2)
    assert serial.chapters == parallel.chapters
    assert serial == parallel


@pytest.mark.parametrize("jobs", [1, 2])
def test_html_pages_read_their_episodes_rows_only(catalog: Path, tmp_path: Path, jobs: int) -> None:
    """The HTML report unpickles each page's rows alone (never the whole run's at once), and
    writes the same files as from the rows read in one go."""
    result = check_paths([str(catalog)], Settings(), jobs=jobs)
    written = reports(result, tmp_path / "packed", "html")
    pages = {p.name: p.read_bytes() for p in sorted((tmp_path / "packed" / "episodes").iterdir())}
    assert isinstance(result.chapters, ChapterRows) and not result.chapters.unpacked
    plain = dataclasses.replace(result, chapters=tuple(result.chapters))
    assert reports(plain, tmp_path / "plain", "html") == written
    assert {p.name: p.read_bytes() for p in sorted((tmp_path / "plain" / "episodes").iterdir())} == pages
    assert len(pages) == len(result.episodes) > 10
