"""HTML episode pages kept in the cache (``aligner.report.pagecache``): a re-run renders only the
pages whose inputs moved, and writes the very files a run without cache writes."""

from __future__ import annotations

import csv
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

import aligner.report.html
from aligner.cache import RunCache
from aligner.pipeline import check_paths
from aligner.report.pagecache import KIND, page_key
from aligner.settings import Settings
from tests.conftest import ROOT
from tests.test_cache import catalog, edit_one_summary, run  # noqa: F401 (catalog is a fixture)


class Rendered:
    """Episode pages rendered in this process (``jobs`` 1), by page title."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles: list[str] = []
        render = aligner.report.html.render_episode

        def counting(page: aligner.report.html.EpisodePage, *args: object) -> str:
            self.titles.append(page.title)
            return render(page, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(aligner.report.html, "render_episode", counting)


def test_a_rerun_renders_the_edited_episode_page_only(
    catalog: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    first = run(catalog, tmp_path / "first", "--cache", str(cache))
    pages = [name for name in first if name.startswith("episodes/")]
    assert len(pages) == 18
    assert len(list(RunCache(cache).directory.glob(f"{KIND}/*/*.pkl"))) == 18
    edit_one_summary(catalog)
    rendered = Rendered(monkeypatch)
    cached = run(catalog, tmp_path / "cached", "--cache", str(cache))
    assert len(rendered.titles) == 1  # the edited card's episode; 17 pages came from the cache
    assert cached == run(catalog, tmp_path / "full", "--no-cache")
    changed = [name for name in pages if cached[name] != first[name]]
    assert len(changed) == 1  # the edit shows on its page, and the page taken anew is that one
    rendered.titles.clear()
    assert run(catalog, tmp_path / "again", "--cache", str(cache)) == cached
    assert rendered.titles == []


@pytest.mark.parametrize(("rendered_first", "jobs"), [(0, "1"), (0, "2"), (256, "2")])
def test_either_order_of_overview_and_pages_writes_the_same_files(
    catalog: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rendered_first: int,
    jobs: str,
) -> None:
    """A re-run that misses more pages than ``RENDERED_FIRST`` renders them in the shards and the
    overview after them; one that misses fewer renders them first and the overview beside the
    writing. The same files either way, with one process or several."""
    monkeypatch.setattr(aligner.report.html, "RENDERED_FIRST", rendered_first)
    cache = tmp_path / "cache"
    run(catalog, tmp_path / "first", "--cache", str(cache), "--jobs", jobs)
    edit_one_summary(catalog)
    cached = run(catalog, tmp_path / "cached", "--cache", str(cache), "--jobs", jobs)
    assert cached == run(catalog, tmp_path / "full", "--no-cache")


def test_damaged_stored_pages_are_rendered_again(
    catalog: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An entry that does not unpickle, or whose page does not decompress, is a miss: the page is
    rendered again and the files are those of a run without cache."""
    cache = tmp_path / "cache"
    first = run(catalog, tmp_path / "first", "--cache", str(cache))
    entries = sorted(RunCache(cache).directory.glob(f"{KIND}/*/*.pkl"))
    garbled, undecompressable = entries[0], entries[1]
    garbled.write_bytes(b"not a pickle")
    _page, links = pickle.loads(undecompressable.read_bytes())
    undecompressable.write_bytes(pickle.dumps((b"not zlib", links)))
    rendered = Rendered(monkeypatch)
    assert run(catalog, tmp_path / "again", "--cache", str(cache)) == first
    assert len(rendered.titles) == 2
    rendered.titles.clear()
    assert run(catalog, tmp_path / "healed", "--cache", str(cache)) == first  # stored anew
    assert rendered.titles == []


def test_a_waiver_written_between_runs_renders_its_page_anew(
    catalog: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A waiver changes no episode's outcome (its key stays), only which findings a page shows as
    waived: the page key holds the findings, so the page is rendered again, as in a full run."""
    cache, waivers = tmp_path / "cache", tmp_path / "waivers.toml"
    waivers.write_text("", encoding="utf-8")
    first = run(catalog, tmp_path / "first", "--cache", str(cache), "--waivers", str(waivers))
    with (tmp_path / "first" / "findings.csv").open(encoding="utf-8", newline="") as handle:
        finding = next(row for row in csv.DictReader(handle) if row["severity"] == "error")
    waivers.write_text(
        f'[[waiver]]\nepisode = "{finding["episode_id"]}"\nlocale = "{finding["page_locale"]}"\n'
        f'code = "{finding["code"]}"\nchapter = "{finding["chapter_ts"]}"\nreason = "on purpose"\n',
        encoding="utf-8",
    )
    rendered = Rendered(monkeypatch)
    cached = run(catalog, tmp_path / "cached", "--cache", str(cache), "--waivers", str(waivers))
    assert len(rendered.titles) == 1  # the waived finding's episode only
    assert cached == run(catalog, tmp_path / "full", "--no-cache", "--waivers", str(waivers))
    page = next(name for name in first if name.startswith("episodes/") and cached[name] != first[name])
    assert b"Accepted by a waiver" in cached[page] and b"Accepted by a waiver" not in first[page]


def test_the_page_key_holds_every_finding_field_a_page_shows_and_where_it_is_listed() -> None:
    """Findings that S004 and the page checks make in the main process are outside the outcome's
    key: a change to their evidence, or a finding moving to the waived list, must change the page
    key even when the variant rows (counts) stay the same."""
    result = check_paths([str(ROOT / "samples" / "pages")], Settings())
    episode = result.episodes[0]
    run_of = aligner.report.html._Run.of(result)
    links = run_of.links[episode.episode_id]
    rows = [run_of.index.variant_rows.get(v.key) for v in episode.variants]
    finding = next(f for f in result.findings if f.episode_id == episode.episode_id)
    key = page_key("outcome", links, [finding], [], rows)
    assert key == page_key("outcome", links, [replace(finding)], [], rows)  # equal records, same key
    assert key != page_key("outcome", links, [replace(finding, evidence=finding.evidence + ".")], [], rows)
    assert key != page_key("outcome", links, [], [finding], rows)
    assert key != page_key("other outcome", links, [finding], [], rows)
    assert key != page_key("outcome", replace(links, stem=links.stem + "-2"), [finding], [], rows)
