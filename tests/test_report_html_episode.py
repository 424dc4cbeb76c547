"""Episode page models (``aligner.report.html_episode``): one index of the run serves every page."""

from __future__ import annotations

from aligner.pipeline import check_paths
from aligner.report.html import episode_pages
from aligner.report.html_episode import RunIndex, episode_page
from aligner.report.html_links import episode_links
from aligner.report.html_text import score_text
from aligner.settings import Settings
from benchmarks.generate import generate
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
            {r.variant_key: r for r in result.variant_rows if r.episode_id == episode.episode_id},
            {episode.episode_id: [r for r in result.chapters if r.episode_id == episode.episode_id]},
        )
        alone = episode_page(result, episode, links[episode.episode_id], own, waived, searched)
        assert pages[episode.episode_id] == alone
        assert alone.comparisons and any(c.rows for c in alone.comparisons)  # pages with chapter rows


def test_each_variant_shows_its_own_row_when_a_page_holds_cards_of_several_episodes(tmp_path) -> None:
    """A listing page holds a card of each of several episodes, all of one locale and language:
    each episode page shows the score, quality and counts of its own variant, not of the page's
    last card (the rows were looked up by page, locale and language, which such cards share)."""
    generate(tmp_path / "catalog", 48, per_page=6, defect_rate=0.5, seed=5)
    result = check_paths([str(tmp_path / "catalog")], Settings())
    pages = episode_pages(result)
    by_variant = {
        (r.episode_id, r.source_path, r.page_locale, r.is_reference): r for r in result.variant_rows
    }
    shown: list[tuple[str, str]] = []
    for episode in result.episodes:
        page = pages[episode.episode_id]
        views = [page.reference, *(c.variant for c in page.comparisons)]
        for variant, view in zip([episode.reference, *episode.others], views, strict=True):
            is_reference = variant is episode.reference
            row = by_variant[episode.episode_id, variant.source_path, variant.page_locale, is_reference]
            assert (view.score, view.quality, view.errors, view.warnings) == (
                score_text(row.score),
                score_text(row.quality),
                row.errors,
                row.warnings,
            ), (episode.episode_id, variant.key)
            shown.append((view.quality, f"{view.errors}/{view.warnings}"))
    assert len(set(shown)) > 2  # the variants differ, so a row shown for another would be seen
