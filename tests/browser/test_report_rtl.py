"""Right-to-left translations in the HTML report: their cells are laid out right to left, with
names and numbers in the right order (the Arabic and Hebrew pages of tests/data/languages)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.settings import Settings

LANGUAGES = Path(__file__).parents[1] / "data" / "languages"


@pytest.fixture(scope="module")
def rtl_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("rtl-report")
    for locale in ("en", "ar", "he"):
        shutil.copytree(LANGUAGES / locale, base / "pages" / locale)
    result = check_paths([str(base / "pages")], Settings())
    write_reports(result, base / "report", ["html"])
    return base / "report"


def test_arabic_and_hebrew_cells_read_right_to_left(rtl_report: Path, open_page: Any) -> None:
    [episode] = sorted((rtl_report / "episodes").glob("*.html"))
    session = open_page(episode.as_uri())
    session.assert_clean()
    layout = session.page.evaluate(
        """() => ['en', 'ar', 'he'].map(lang => {
             const cell = document.querySelector(`td.side[lang="${lang}"]`);
             const style = getComputedStyle(cell);
             return [lang, style.direction, style.textAlign];
           })"""
    )
    # the text-align `start` of every cell is the right edge for Arabic and Hebrew
    assert layout == [["en", "ltr", "start"], ["ar", "rtl", "start"], ["he", "rtl", "start"]]
    right_edge = session.page.evaluate(
        """() => { const cell = document.querySelector('td.side[lang="ar"] .chapter-head');
                   const range = document.createRange(); range.selectNodeContents(cell);
                   const text = range.getBoundingClientRect(), box = cell.getBoundingClientRect();
                   return [Math.round(box.right - text.right), Math.round(text.left - box.left)]; }"""
    )
    assert right_edge[0] <= 4 and right_edge[1] > 40  # a chapter heading sits at the right edge


def test_a_name_quoted_in_a_message_keeps_its_own_direction(rtl_report: Path, open_page: Any) -> None:
    session = open_page((rtl_report / "index.html").as_uri())
    directions = session.page.evaluate(
        "() => [...document.querySelectorAll('.message-text code')].map(c => c.getAttribute('dir'))"
    )
    assert directions and set(directions) == {"auto"}  # isolated: `hasabis` inside an English sentence
