"""Layout of the HTML report under strain: one unbroken 300-letter name, and twelve locales.

The sample pages, with an entity named by 300 × "Ω" added to the English reference (its name
reaches the entity tables and, as `code`, the E301 and E306 messages) and the Spanish page
copied onto eight more locale pages, so the overview's matrix has twelve locale columns.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.settings import Settings
from tests.conftest import SAMPLES

LONG_NAME = "Ω" * 300
MORE_LOCALES = ("de", "fr", "it", "ko", "nl", "pl", "pt", "ru")


@pytest.fixture(scope="module")
def wide_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wide-report")
    pages = base / "pages"
    shutil.copytree(SAMPLES, pages)
    english = pages / "en" / "hassabis.md"
    text = english.read_text(encoding="utf-8")
    assert "## Entities\n" in text
    english.write_text(
        text.replace("## Entities\n", f"## Entities\n- **{LONG_NAME}** (Person): A name with no break.\n"),
        encoding="utf-8",
    )
    for locale in MORE_LOCALES:
        (pages / locale).mkdir()
        shutil.copy(pages / "es" / "laidub-es-page.txt", pages / locale / "page.txt")
    result = check_paths([str(pages)], Settings())
    assert any(LONG_NAME in f.message for f in result.findings)
    write_reports(result, base / "report", ["html"])
    return base / "report"


def _pages(folder: Path) -> list[str]:
    return ["index.html", *sorted(f"episodes/{p.name}" for p in (folder / "episodes").glob("*.html"))]


@pytest.mark.parametrize("width", [375, 1366])
def test_one_unbroken_name_never_widens_a_page(wide_report: Path, open_page: Any, width: int) -> None:
    # Before: the overview was 2,884 px wide at 1,366 px and the name's episode page 2,523 px at
    # 375 px: the name in a message's `code`, an entity table and a findings row did not wrap.
    session = open_page((wide_report / "index.html").as_uri())
    page = session.page
    page.set_viewport_size({"width": width, "height": 800})
    for relative in _pages(wide_report):
        page.goto((wide_report / relative).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, relative
        if width == 1366:  # wide enough that no table needs to scroll inside itself either
            wide = page.evaluate(
                "[...document.querySelectorAll('table:not(.matrix)')]"
                ".filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.className)"
            )
            assert wide == [], relative
    session.assert_clean()


def test_the_matrix_keeps_its_cells_readable_with_twelve_locales(wide_report: Path, open_page: Any) -> None:
    # Before: twelve locale columns at 1,366 px were 86 px wide for 112–121 px of score and counts,
    # which ran into the next cell; now the matrix scrolls inside its own box instead.
    session = open_page((wide_report / "index.html").as_uri())
    page = session.page
    layout = page.evaluate(
        """() => {
             const cells = [...document.querySelectorAll('table.matrix td.cell')];
             const spill = cells.filter(c => { const edge = c.getBoundingClientRect().right;
               return [...c.querySelectorAll('.entry > *, .counts > *')]
                 .some(e => e.getBoundingClientRect().right > edge + 0.5); });
             const box = document.querySelector('#matrix .scroll');
             return {locales: document.querySelectorAll('table.matrix thead th[data-locale]').length,
                     cells: cells.length, spill: spill.length, scrolls: box.scrollWidth > box.clientWidth,
                     page: document.documentElement.scrollWidth};
           }"""
    )
    assert layout["locales"] == 12 and layout["cells"] > 30
    assert layout["spill"] == 0
    assert layout["scrolls"] and layout["page"] <= 1366  # the box scrolls, not the page
    session.assert_clean()


def test_what_scrolls_sideways_on_a_phone_can_be_scrolled_by_keyboard(
    wide_report: Path, open_page: Any
) -> None:
    """axe's scrollable-region-focusable: at 375 px each episode page's entity tables scrolled
    sideways inside themselves, with nothing in them a keyboard could reach (25 regions)."""
    session = open_page((wide_report / "index.html").as_uri())
    page = session.page
    page.set_viewport_size({"width": 375, "height": 800})
    for relative in _pages(wide_report):
        page.goto((wide_report / relative).as_uri())
        page.wait_for_load_state("load")
        stuck = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => {
                 const style = getComputedStyle(e);
                 if (!['auto', 'scroll'].includes(style.overflowX) || e.scrollWidth <= e.clientWidth + 1) return false;
                 const reachable = 'a[href], button:not([disabled]), input, select, textarea, [tabindex]';
                 return e.tabIndex < 0 && !e.matches(reachable) && !e.querySelector(reachable);
               }).map(e => e.tagName + '.' + e.className)"""
        )
        assert stuck == [], relative
    session.assert_clean()


def test_every_score_meter_is_named(wide_report: Path, open_page: Any) -> None:
    """Each chapter's score components are meters: unnamed, a screen reader read 770 bare gauges."""
    session = open_page((wide_report / "index.html").as_uri())
    page = session.page
    for relative in _pages(wide_report)[1:]:
        page.goto((wide_report / relative).as_uri())
        names = page.evaluate(
            "[...document.querySelectorAll('meter')].map(m => m.getAttribute('aria-label') || '')"
        )
        assert names and all(names), relative
    session.assert_clean()


def test_nothing_needs_sideways_scrolling_at_320_px(wide_report: Path, open_page: Any) -> None:
    """WCAG reflow (1.4.10): no page of the report needs sideways scrolling on a 320 px screen (a
    long source path under a variant made the Hassabis page of the language samples 367 px wide;
    the trend charts' 22rem columns did the same to a nightly overview)."""
    session = open_page((wide_report / "index.html").as_uri())
    page = session.page
    page.set_viewport_size({"width": 320, "height": 700})
    for relative in _pages(wide_report):
        page.goto((wide_report / relative).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, relative
    session.assert_clean()
