"""What the ``aligner diff`` tests share: the real sample pages as the old snapshot, a copy with
edits as the new one, and the findings between them counted by (code, locale, chapter)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from aligner.diff import diff_paths
from aligner.model import Finding
from aligner.parse import parse_page
from aligner.read import read_page
from aligner.settings import Settings
from tests import scrape_defects
from tests.conftest import SAMPLES

ES = "es/laidub-es-page.txt"
JA = "ja/laidub-ja-page.txt"
HASSABIS = "A Conversation With Demis Hassabis' Biographer"
GEMINI = "Gemini Co-Lead on World Models, RL's Next Domains & Continual Learning"
LECUN_ES = "Yann LeCun sobre lo que viene después de los LLMs"
LECUN_JA = "ヤン・ルカンが語るLLMの先にあるもの"
LECUN_ES_BODY = "Yann LeCun, ganador del Premio Turing"
LECUN_ID = "yann-lecun-sobre-lo-que-viene-despues-de-los-llms"
GEMINI_ID = "gemini-co-lead-on-world-models-rl-s-next-domains-continual-l-ab0159"
HASSABIS_ID = "a-conversation-with-demis-hassabis-biographer"


def snapshot(tmp_path: Path, name: str, edits: dict[str, Callable[[str], str]]) -> Path:
    """A copy of the sample pages under ``tmp_path / name``, each page of ``edits`` edited."""
    root = scrape_defects.copy_snapshot(SAMPLES, tmp_path / name)
    for relative, edit in edits.items():
        scrape_defects.edit_page(root / relative, edit)
    return root


def diff_of(new: Path, settings: Settings | None = None) -> list[Finding]:
    """The findings of ``aligner diff`` from the sample pages to ``new``."""
    return list(diff_paths(str(SAMPLES), str(new), settings or Settings()).findings)


def codes_of(findings: list[Finding]) -> Counter[tuple[str, str, str]]:
    return Counter((f.code, f.page_locale, f.chapter_ts) for f in findings)


def chapters_with_quotes(relative: str) -> Counter[tuple[str, str, str]]:
    """An R607 key for each quoted chapter of a sample page."""
    page = parse_page(read_page(str(SAMPLES / relative)))
    locale = relative.split("/")[0]
    return Counter(("R607", locale, c.label) for v in page.variants for c in v.chapters if c.quotes)
