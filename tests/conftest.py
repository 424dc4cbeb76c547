"""Shared fixtures: the repository's sample pages and one checked run over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "pages"
ES_PAGE = SAMPLES / "es" / "laidub-es-page.txt"
JA_PAGE = SAMPLES / "ja" / "laidub-ja-page.txt"


@pytest.fixture(scope="session")
def samples_result() -> RunResult:
    return check_paths([str(SAMPLES)], Settings())
