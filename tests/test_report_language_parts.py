"""Language of parts (WCAG 3.1.2) in the HTML report: a name a message quotes from a variant in
another script is marked with the variant's language; it inherited the page's `en` (47 elements on
the overview of the language samples, found by an axe-core audit)."""

from __future__ import annotations

import re
from pathlib import Path

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.report.html_text import code_segments
from aligner.settings import Settings

LANGUAGES = Path(__file__).parent / "data" / "languages"


def test_a_quoted_piece_in_the_variants_script_carries_its_language() -> None:
    message = "Entity `Dario Amodei` appears as `داريو أمودي` in `ar`"
    assert code_segments(message, "ar") == (
        ("", "Entity "),
        ("code", "Dario Amodei"),
        ("", " appears as "),
        ("code:ar", "داريو أمودي"),
        ("", " in "),
        ("code", "ar"),
    )
    assert code_segments("Chapter `[15:55]` lacks `ヤン・ルカン`", "ja")[-1] == ("code:ja", "ヤン・ルカン")
    # a Latin-script variant's pieces, and any piece without a language, stay plain code
    assert code_segments("Chapter `[15:55]` lacks `Yann`", "es")[-1] == ("code", "Yann")
    assert code_segments("lacks `ヤン`")[-1] == ("code", "ヤン")


def test_the_overview_marks_arabic_names_in_messages_as_arabic(tmp_path: Path) -> None:
    pages = [str(LANGUAGES / "en"), str(LANGUAGES / "ar")]
    write_reports(check_paths(pages, Settings()), tmp_path, ["html"])
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    marked = re.findall(r'<code dir="auto" lang="ar">([^<]+)</code>', html)
    assert marked and all(re.search("[\u0600-\u06ff]", name) for name in marked)
    unmarked = re.findall(r'<code dir="auto">([^<]+)</code>', html)
    assert not [name for name in unmarked if re.search("[\u0600-\u06ff]", name)]
