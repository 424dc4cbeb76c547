"""Episode page models (``aligner.report.html_episode``): one index of the run serves every page."""

from __future__ import annotations

from aligner.pipeline import check_paths
from aligner.report.html import episode_pages
from aligner.report.html_episode import RunIndex, episode_page
from aligner.report.html_links import episode_links
from aligner.settings import Settings
from tests.conftest import ROOT


def test_the_run_index_finds_what_each_page_looked_up_in_the_whole_run() -> None:
    """Episode pages built with one index of the run equal those that searched the run each."""
    result = check_paths(
        [str(ROOT / "samples" / "pages")], Settings(glossary=str(ROOT / "samples/glossary.csv"))
    )
    index = RunIndex.of(result)
    assert sum(map(len, index.chapter_rows.values())) == len(result.chapters)
    assert set(index.chapter_rows) == {e.episode_id for e in result.episodes}
    links = episode_links(result.episodes)
    pages = episode_pages(result)  # with one index
    for episode in result.episodes:
        own = [f for f in result.findings if f.episode_id == episode.episode_id]
        waived = [f for f in result.waived if f.episode_id == episode.episode_id]
        searched = RunIndex(  # what each page looked up before: the whole run searched for it
            {a.variant.key: a for a in result.alignments},
            {(r.source_path, r.page_locale, r.lang, r.is_reference): r for r in result.variant_rows},
            {episode.episode_id: [r for r in result.chapters if r.episode_id == episode.episode_id]},
        )
        alone = episode_page(result, episode, links[episode.episode_id], own, waived, searched)
        assert pages[episode.episode_id] == alone
        assert alone.comparisons and any(c.rows for c in alone.comparisons)  # pages with chapter rows
