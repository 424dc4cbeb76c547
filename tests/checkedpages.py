"""The sample pages with one of them edited, checked: what the defect tests compare."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from aligner.model import Finding
from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests.conftest import ES_PAGE, JA_PAGE, SAMPLES

JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"  # unique to the body line of the Japanese LeCun card


def checked_with(tmp_path: Path, locale: str, edit: Callable[[str], str]) -> list[Finding]:
    """The findings of the samples with the ``ja`` or ``es`` page edited by ``edit``."""
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / locale / ("laidub-ja-page.txt" if locale == "ja" else "laidub-es-page.txt")
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    return list(check_paths([str(tmp_path / "pages")], Settings()).findings)


def listing_pages(root: Path, es_text: str | None = None, ja_text: str | None = None) -> Path:
    """The two real listing pages in a folder of their own (locale from the folder name), either
    of them replaced by the text given."""
    for locale, page, text in (("es", ES_PAGE, es_text), ("ja", JA_PAGE, ja_text)):
        (root / locale).mkdir(parents=True, exist_ok=True)
        body = text if text is not None else page.read_text(encoding="utf-8")
        (root / locale / page.name).write_text(body, encoding="utf-8")
    return root
