"""Chapter rows rendered per episode (in workers, cached) join into exactly the reports that
rendering every row gives, and are refused whenever joining could give anything else."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.report.fragments import joinable, render_fragment
from aligner.results import ChapterFragment, RunResult
from aligner.settings import Settings
from benchmarks.generate import generate


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fragments") / "catalog"
    generate(root, 64, per_page=8, defect_rate=0.3, seed=7)
    return root


def reports(result: RunResult, folder: Path) -> dict[str, bytes]:
    write_reports(result, folder, "csv,json")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def without_fragments(result: RunResult) -> RunResult:
    return dataclasses.replace(result, chapter_fragments=())


@pytest.mark.parametrize("jobs", [1, 2])
def test_joined_fragments_are_the_rendered_rows_byte_for_byte(
    catalog: Path, tmp_path: Path, jobs: int
) -> None:
    result = check_paths([str(catalog)], Settings(), jobs=jobs)
    assert joinable(result) is not None  # the fast path is taken
    assert len(result.chapter_fragments) == len(result.episodes)
    joined = reports(result, tmp_path / "joined")
    assert joined == reports(without_fragments(result), tmp_path / "rendered")
    assert joined["chapters.csv"].count(b"\n") == len(result.chapters) + 1


def test_samples_join_too(tmp_path: Path) -> None:
    result = check_paths(["samples/pages"], Settings(glossary="samples/glossary.csv"))
    assert joinable(result) is not None
    assert reports(result, tmp_path / "a") == reports(without_fragments(result), tmp_path / "b")


def _changed(result: RunResult, index: int, **changes: object) -> RunResult:
    fragments = list(result.chapter_fragments)
    fragment = fragments[index]
    assert fragment is not None
    fragments[index] = dataclasses.replace(fragment, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(result, chapter_fragments=tuple(fragments))


def test_fragments_that_could_join_differently_are_refused(catalog: Path) -> None:
    result = check_paths([str(catalog)], Settings())
    busy = [i for i, f in enumerate(result.chapter_fragments) if f is not None and f.count]
    first, second = busy[0], busy[1]
    assert joinable(result) is not None
    missing = list(result.chapter_fragments)
    missing[first] = None  # an episode whose rows could not be rendered
    assert joinable(dataclasses.replace(result, chapter_fragments=tuple(missing))) is None
    assert joinable(_changed(result, first, keys=("episode_id", "other"))) is None  # other columns
    assert joinable(_changed(result, first, count=0)) is None  # rows unaccounted for
    later = result.chapter_fragments[second]
    assert later is not None
    assert joinable(_changed(result, first, episode_id=later.episode_id)) is None  # rows would interleave
    assert joinable(without_fragments(result)) is None


def test_rows_with_different_columns_are_not_rendered(catalog: Path, tmp_path: Path) -> None:
    result = check_paths([str(catalog)], Settings())
    rows = [row for row in result.chapters if row.episode_id == result.chapters[0].episode_id]
    odd = dataclasses.replace(rows[-1], components=(*rows[-1].components, ("extra", 0.5)))
    assert render_fragment(rows[0].episode_id, rows) is not None
    assert render_fragment(rows[0].episode_id, [*rows[:-1], odd]) is None
    # such a run falls back to rendering every row: the extra column shows, as it always did
    index = result.chapters.index(rows[-1])
    chapters = (*result.chapters[:index], odd, *result.chapters[index + 1 :])
    mixed = dataclasses.replace(result, chapters=chapters)
    fragments = list(mixed.chapter_fragments)
    episode = next(i for i, f in enumerate(fragments) if f is not None and f.episode_id == rows[0].episode_id)
    fragments[episode] = None
    mixed = dataclasses.replace(mixed, chapter_fragments=tuple(fragments))
    header = reports(mixed, tmp_path / "mixed")["chapters.csv"].split(b"\n")[0]
    assert b"extra" in header.split(b",")


def test_a_fragment_holds_its_rows_as_the_reports_write_them(catalog: Path) -> None:
    result = check_paths([str(catalog)], Settings())
    fragment = next(f for f in result.chapter_fragments if f is not None and f.count)
    assert isinstance(fragment, ChapterFragment)
    rows = [row for row in result.chapters if row.episode_id == fragment.episode_id]
    assert fragment.count == len(rows)
    assert fragment.keys == tuple(rows[0].to_record())


def test_fragments_join_in_episode_id_order_whatever_order_they_come_in(
    catalog: Path, tmp_path: Path
) -> None:
    # episodes come in pairing order ("x-9" before "x-10"), rows sort by episode id ("x-10" first)
    result = check_paths([str(catalog)], Settings())
    shuffled = dataclasses.replace(result, chapter_fragments=tuple(reversed(result.chapter_fragments)))
    assert joinable(shuffled) is not None
    assert reports(shuffled, tmp_path / "shuffled") == reports(without_fragments(result), tmp_path / "rows")
