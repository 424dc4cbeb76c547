"""Shared fixtures: the repository's sample pages and one checked run over them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "pages"
ES_PAGE = SAMPLES / "es" / "laidub-es-page.txt"
JA_PAGE = SAMPLES / "ja" / "laidub-ja-page.txt"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`aligner check` caches in $XDG_CACHE_HOME/aligner by default: tests use their own folder,
    never the developer's cache."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def samples_result() -> RunResult:
    return check_paths([str(SAMPLES)], Settings())
