"""What new names cost: checking episodes whose names the process has not seen before.

The generated catalog copies three template episodes, so a worker meets the same entity names,
acronyms and capitalized chapter titles again and again, and compiles each one's regex once. A
real catalog brings new names with every episode. This script checks the episodes of a catalog
one by one in this process (as a worker does) and reports the median milliseconds per episode:

* **warm** — a second pass over the same episodes, every name seen before;
* **new names** — the name caches emptied before each episode (the compiled patterns of terms,
  names and acronyms, and the ``re`` module's own cache), so every name is new to it, as in a
  catalog where no two episodes share a name.

Usage::

    python -m benchmarks.names /tmp/aligner-bench/catalog-1000 --episodes 120
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import time
from typing import Any

from aligner import execution, pool
from aligner.checks import check_codes
from aligner.pipeline import analyse, load
from aligner.settings import Settings

# Caches keyed by a name, form or pattern text (module, function); those a version lacks are skipped.
NAME_CACHES = (
    ("aligner.glossary", "term_pattern"),
    ("aligner.guarded", "guarded"),
    ("aligner.mentions", "_latin_pattern"),
    ("aligner.mentions", "_mention_plan"),
    ("aligner.terms", "_acronym_pattern"),
    ("aligner.terms", "_literal_searches"),
    ("aligner.terms", "_transliterable_forms"),
    ("aligner.terms", "_entity_term"),
    ("aligner.score", "_term_pattern"),
)


def forget_names() -> None:
    for module, name in NAME_CACHES:
        cached: Any = getattr(importlib.import_module(module), name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()
    re.purge()


def per_episode(catalog: str, episodes: int) -> tuple[float, float]:
    """Median ms per episode: (warm, new names)."""
    settings = Settings()
    analysis = analyse(load([catalog], settings), settings)
    codes = [code for code in check_codes(settings.select, settings.ignore) if code != "S004"]
    state = {"settings": settings, "resources": analysis.resources, "codes": codes, "cache": None}
    pool.install({**state, "inline": True})
    step = max(1, len(analysis.episodes) // episodes)
    chosen = [execution.episode_work(analysis, i) for i in range(0, len(analysis.episodes), step)][:episodes]

    def timed(work: execution.EpisodeWork, forget: bool) -> float:
        if forget:
            forget_names()
        start = time.perf_counter()
        execution._unit_task((work, None))
        return (time.perf_counter() - start) * 1000

    try:
        for work in chosen:  # first pass: every name met once
            timed(work, False)
        warm = statistics.median(timed(work, False) for work in chosen)
        new = statistics.median(timed(work, True) for work in chosen)
    finally:
        pool.STATE.clear()
    return warm, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalog")
    parser.add_argument("--episodes", type=int, default=120)
    args = parser.parse_args()
    warm, new = per_episode(args.catalog, args.episodes)
    print(
        f"ms per episode (median of {args.episodes}): warm {warm:.1f}, new names {new:.1f} ({new / warm:.2f}×)"
    )


if __name__ == "__main__":
    main()
