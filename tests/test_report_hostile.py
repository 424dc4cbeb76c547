"""A hostile scraped page end to end, without a browser: the CSV neutralizes formulas, the HTML
escapes markup, and the episode page's name is safe. (tests/browser/ loads the same page in
headless Chromium.)"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.report.csv import FORMULA_PREFIXES
from aligner.settings import Settings
from tests import hostile


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    hostile.write_hostile_page(base / "pages" / "ja")
    result = check_paths([str(base / "pages")], Settings())
    assert result.findings, "the hostile page should produce findings"
    write_reports(result, base / "out", ["csv", "html"])
    return base / "out"


def test_findings_csv_neutralizes_formula_cells(out: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8"))))
    assert rows
    titles = {row["episode_title"] for row in rows}
    assert titles == {"'" + hostile.TITLE}  # the title starts with "=": every row neutralizes it
    evidences = [row["evidence"] for row in rows if "@SUM(1+1)" in row["evidence"]]
    assert evidences and all(e.startswith("'@SUM(1+1)") for e in evidences)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(FORMULA_PREFIXES), (column, value)
    for name in ("chapters.csv", "variants.csv"):
        for row in csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))):
            assert not [cell for cell in row if cell.startswith(("=", "@", "+", "\t", "\r"))], name


def test_html_escapes_every_payload(out: Path) -> None:
    pages = [out / "index.html", *sorted((out / "episodes").glob("*.html"))]
    assert len(pages) == 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>window" not in text and "<img" not in text, page.name
        assert 'href="javascript' not in text, page.name
        assert "{{ 7*7 }}" in text and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text, page.name
    episode = pages[1].read_text(encoding="utf-8")
    for payload in (
        "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;",
        hostile.LINK,
        hostile.JINJA_BLOCK,
    ):
        assert payload in episode


def test_episode_page_name_is_safe(out: Path) -> None:
    (page,) = (out / "episodes").glob("*.html")
    assert page.parent == out / "episodes"
    assert len(page.stem) <= 64 and set(page.stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
