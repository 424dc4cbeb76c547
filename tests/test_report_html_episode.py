"""Episode page models (``aligner.report.html_episode``): one index of the run serves every page."""

from __future__ import annotations

import re
from dataclasses import replace

from aligner.packedrows import ChapterRows
from aligner.pipeline import check_paths
from aligner.report.html import episode_pages, render_site
from aligner.report.html_episode import RunIndex, episode_page
from aligner.report.html_links import episode_links
from aligner.report.html_overview import matrix
from aligner.report.html_text import score_text
from aligner.settings import Settings
from benchmarks.generate import generate
from tests.conftest import ES_PAGE, ROOT
from tests.html_run import JA, build_result, by_id, parse


def test_the_run_index_finds_what_each_page_looked_up_in_the_whole_run() -> None:
    """Episode pages built with one index of the run equal those that searched the run each."""
    result = check_paths(
        [str(ROOT / "samples" / "pages")], Settings(glossary=str(ROOT / "samples/glossary.csv"))
    )
    index = RunIndex.of(result)
    every = [row for e in result.episodes for row in index.chapter_rows(e.episode_id)]
    assert every == list(result.chapters)  # each episode's rows, in report order, and no other
    links = episode_links(result.episodes)
    pages = episode_pages(result)  # with one index
    for episode in result.episodes:
        own = [f for f in result.findings if f.episode_id == episode.episode_id]
        waived = [f for f in result.waived if f.episode_id == episode.episode_id]
        searched = RunIndex(  # what each page looked up before: the whole run searched for it
            {a.variant.key: a for a in result.alignments},
            {r.variant_key: r for r in result.variant_rows if r.episode_id == episode.episode_id},
            ChapterRows([tuple(r for r in result.chapters if r.episode_id == episode.episode_id)]),
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


def test_two_cards_of_one_episode_on_one_page_each_show_their_own_chapter_scores(tmp_path) -> None:
    """A listing page that carries a card twice (a featured copy, a scrape that repeats it): the
    two variants share the episode, the page and its locale, yet each comparison shows its own
    chapter scores — here the second copy lost its numbers, so its anchor scores are lower."""
    lines = ES_PAGE.read_text(encoding="utf-8").split("\n")
    card = lines[4:15]  # the Hassabis card, whose reference is the English page
    numberless = [re.sub(r"(?<![\d:])\d+(?![\d:])", "", line) if len(line) > 1000 else line for line in card]
    assert numberless != card
    for locale in ("es", "en"):
        (tmp_path / locale).mkdir()
    (tmp_path / "es" / "page.txt").write_text("\n".join([*lines[:15], *numberless, *lines[15:]]), "utf-8")
    english = ROOT / "samples" / "pages" / "en" / "hassabis.md"
    (tmp_path / "en" / "hassabis.md").write_text(english.read_text(encoding="utf-8"), "utf-8")
    result = check_paths([str(tmp_path)], Settings())
    episode = next(e for e in result.episodes if len([v for v in e.others if v.page_locale == "es"]) == 2)
    page = episode_pages(result)[episode.episode_id]
    shown = {
        c.variant.anchor: [component.text for row in c.rows for component in row.components]
        for c in page.comparisons
        if c.variant.locale == "es"
    }
    expected = {}
    for variant in episode.others:
        if variant.page_locale == "es":
            own = [r for r in result.chapters if r.variant_key == variant.key]
            expected[variant.key] = [f"{value:.2f}" for r in own for _name, value in r.components]
    assert len(shown) == 2 and len(set(map(tuple, shown.values()))) == 2  # the copies differ
    assert sorted(map(tuple, shown.values())) == sorted(map(tuple, expected.values()))
    cells = matrix(result, ["es"], {key: p.links() for key, p in episode_pages(result).items()}, [])
    row = next(r for r in cells if r.episode_id == episode.episode_id)
    hrefs = [entry.href for entry in row.cells[0].entries if not entry.href.endswith("#v-en")]
    assert sorted(hrefs) == sorted(
        f"{page.file}#{c.variant.anchor}" for c in page.comparisons if c.variant.locale == "es"
    )


def test_an_episode_page_colours_a_variant_with_an_error_as_the_overview_does() -> None:
    """An untranslated copy (L401, an error) aligns perfectly and scores 100: the overview caps
    its cell at ``low``; the episode page's Variants table and section header must too.
    Before: both showed a green ``100.0`` (``band-high``)."""
    result = build_result()
    rows = tuple(replace(r, score=100.0) if r.variant_key == JA.key else r for r in result.variant_rows)
    files = render_site(replace(result, variant_rows=rows))
    overview = parse(files["index.html"].decode("utf-8"))
    cell = next(
        e for e in overview if e.tag == "td" and e.attrs.get("data-locale") == "ja" and "cell" in e.classes()
    )
    assert "band-low" in cell.classes() and cell.content.startswith("100.0")
    page = parse(files["episodes/ep-1.html"].decode("utf-8"))
    section = by_id(page, "v-ja")
    scores = [
        e
        for e in page
        if e.tag == "span" and "score" in e.classes() and e.content == "100.0"
        and (e.inside("table", "variants") or section in e.parents)
    ]  # fmt: skip
    assert len(scores) == 2
    assert [sorted(e.classes()) for e in scores] == [["band-low", "score"]] * 2
