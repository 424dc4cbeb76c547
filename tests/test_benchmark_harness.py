"""The benchmark's incremental measurement edits the share of pages it says it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.run import touch_pages


@pytest.mark.parametrize(("pages", "edited"), [(102, 1), (502, 5), (1000, 10), (30, 1)])
def test_one_percent_of_the_pages_is_edited(tmp_path: Path, pages: int, edited: int) -> None:
    for n in range(pages):
        (tmp_path / f"{n:04d}.txt").write_text(f"page {n}: this and that\n", encoding="utf-8")
    before = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert touch_pages(tmp_path, 0.01) == edited
    changed = [p.name for p in sorted(tmp_path.iterdir()) if p.read_text(encoding="utf-8") != before[p.name]]
    assert len(changed) == edited
    assert all("and also that" in (tmp_path / name).read_text(encoding="utf-8") for name in changed)


def test_new_names_measurement_empties_every_name_cache_it_lists() -> None:
    import importlib

    from aligner import glossary, mentions
    from benchmarks.names import NAME_CACHES, forget_names

    assert glossary.term_pattern("World Model") is not None and mentions._latin_pattern("lecun") is not None
    forget_names()
    for module, name in NAME_CACHES:
        cached = getattr(importlib.import_module(module), name)  # every listed cache exists in this version
        assert cached.cache_info().currsize == 0, f"{module}.{name}"


def test_new_names_measurement_runs_on_the_samples() -> None:
    from benchmarks.names import per_episode

    samples = Path(__file__).resolve().parents[1] / "samples" / "pages"
    warm, new = per_episode(str(samples), episodes=3)
    assert warm > 0 and new > 0


def test_only_the_memory_run_samples_memory() -> None:
    """Timed runs carry no sampler (it reads every process's page tables ten times a second and
    slowed a 10k run by a tenth); the untimed memory run reports the family's peak PSS."""
    from benchmarks.run import one_run

    samples = Path(__file__).resolve().parents[1] / "samples" / "pages"
    timed = one_run(samples, 1, False, None)
    sampled = one_run(samples, 1, False, None, memory=True)
    assert timed["pss_mb"] == 0.0
    assert sampled["variants"] == timed["variants"] > 0
    if Path("/proc/self/smaps_rollup").exists():
        assert sampled["pss_mb"] > 10  # at least one sample of a Python process with aligner loaded


def test_the_floor_splits_as_the_chapter_heading_regex_does(tmp_path: Path) -> None:
    """The floor's regex has a literal head, so it is scanned for quickly; it must still split
    exactly where ``#{2,3} \\[`` does (a slower split would flatter every ×floor ratio)."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from benchmarks.run import CHAPTER_SPLIT, floor

    heading = re.compile(r"#{2,3} \[")

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="#[ x\n", max_size=60))
    def same_splits(text: str) -> None:
        assert CHAPTER_SPLIT.split(text) == heading.split(text)

    same_splits()
    samples = Path(__file__).resolve().parents[1] / "samples" / "pages"
    texts = [p.read_bytes().decode("utf-8") for p in sorted(samples.rglob("*")) if p.is_file()]
    _seconds, chapters = floor(samples)
    assert chapters == sum(len(heading.split(t)) - 1 for t in texts) > 20
