"""Alignments reused from the cache: rebuilt from their plans they are the alignments aligning
gives (the same chapter and entity objects), and only changed episodes are aligned again."""

from __future__ import annotations

from pathlib import Path

import pytest

import aligner.execution
import aligner.pipeline
from aligner.aligncache import KIND, AlignmentStore, plan_of, rebuild
from aligner.cache import RunCache
from aligner.execution import variant_digest
from aligner.lengthmodel import alignment_samples
from aligner.pipeline import Analysis, analyse, load
from aligner.settings import Settings
from benchmarks.generate import generate


@pytest.fixture()
def catalog(tmp_path: Path) -> Path:
    generate(tmp_path / "catalog", 48, per_page=6, defect_rate=0.3, seed=13)
    return tmp_path / "catalog"


def analysed(paths: list[str], cache: RunCache | None = None, settings: Settings | None = None) -> Analysis:
    settings = settings or Settings(glossary="samples/glossary.csv")
    return analyse(load(paths, settings), settings, cache)


class Aligned:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.episodes: list[str] = []
        align_episode = aligner.pipeline.align_episode

        def counting(episode: object, *args: object) -> object:
            self.episodes.append(episode.episode_id)  # type: ignore[attr-defined]
            return align_episode(episode, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(aligner.pipeline, "align_episode", counting)


def test_a_plan_rebuilds_the_alignment_from_the_same_objects() -> None:
    analysis = analysed(["samples/pages"])
    assert analysis.alignments
    for episode in analysis.episodes:
        for variant in episode.others:
            alignment = analysis.alignments[variant.key]
            plan = plan_of(episode.reference, alignment)
            again = rebuild(episode.reference, variant, plan)
            assert again == alignment
            for ours, theirs in zip(again.chapters, alignment.chapters, strict=True):
                assert ours.ref is theirs.ref and ours.var is theirs.var
            for ours_e, theirs_e in zip(again.entities, alignment.entities, strict=True):
                assert ours_e.ref is theirs_e.ref and ours_e.var is theirs_e.var
            assert list(plan[3]) == alignment_samples(alignment)


def test_unchanged_episodes_are_not_aligned_again(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = RunCache(tmp_path / "cache")
    analysed([str(catalog)], cache)
    aligned = Aligned(monkeypatch)
    again = analysed([str(catalog)], cache)
    assert aligned.episodes == []
    plain = analysed([str(catalog)])
    assert again.alignments == plain.alignments
    assert again.resources == plain.resources  # the length model, from the stored samples
    before = {v.key: variant_digest(v) for page in again.parsed for v in page.variants}
    page = sorted((catalog / "ja").iterdir())[0]  # one page: the episodes of the edited cards change
    page.write_text(page.read_text(encoding="utf-8").replace("、", "，", 3), encoding="utf-8")
    aligned.episodes.clear()
    edited = analysed([str(catalog)], cache)
    on_page = {e.episode_id for e in edited.episodes if any(v.source_path == str(page) for v in e.variants)}
    changed = {
        e.episode_id for e in edited.episodes if any(variant_digest(v) != before[v.key] for v in e.variants)
    }
    assert set(aligned.episodes) == changed
    assert 0 < len(changed) < len(on_page)  # not every episode with a card on the page
    assert edited.alignments == analysed([str(catalog)]).alignments


def test_settings_and_damage_make_misses(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = RunCache(tmp_path / "cache")
    first = analysed([str(catalog)], cache)
    aligned = Aligned(monkeypatch)
    analysed([str(catalog)], cache, Settings(tolerance=1))  # another tolerance: another store
    assert len(aligned.episodes) == len(first.episodes)
    aligned.episodes.clear()
    store = AlignmentStore(cache, Settings().tolerance, first.resources.glossary, {})
    assert set(store.stored) and len(store.stored) == len(first.episodes)  # this run's episodes only
    damaged = {
        key: tuple(
            (((99, 99, "matched", 0),), (), 0, ()),
        )
        * len(plans)
        for key, plans in store.stored.items()
    }
    cache.put(KIND, store.setting, damaged)  # plans that do not fit the variants
    again = analysed([str(catalog)], cache)
    assert len(aligned.episodes) == sum(1 for e in first.episodes if e.others)
    assert again.alignments == first.alignments


@pytest.mark.parametrize("bad", ["past the end", "negative", "the end"])
def test_an_index_the_variants_do_not_have_is_an_error_not_a_wrap(bad: str) -> None:
    """-1 stands for a missing side; any other index outside the variant's tuple is refused —
    Python's negative indexing would otherwise pair a chapter from the other end."""
    analysis = analysed(["samples/pages"])
    episode = next(e for e in analysis.episodes if e.others)
    variant = episode.others[0]
    chapters, entities, offset, samples = plan_of(episode.reference, analysis.alignments[variant.key])
    count = len(variant.chapters)
    index = {"past the end": count + 5, "negative": -2, "the end": count}[bad]
    damaged = (((0, index, "matched", 0), *chapters[1:]), entities, offset, samples)
    with pytest.raises(KeyError):
        rebuild(episode.reference, variant, damaged)


def test_the_unit_keys_read_the_digests_the_analysis_worked_out(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parses carry no digests without a cache at load time: the analysis works them out
    once, and the episode units' keys read them from it instead of pickling every variant again."""
    cache = RunCache(tmp_path / "cache")
    settings = Settings()
    analysis = analyse(load([str(catalog)], settings), settings, cache)
    assert set(analysis.variant_digests) == {v.key for p in analysis.parsed for v in p.variants}

    def pickled_again(variant: object) -> str:
        raise AssertionError("digest worked out twice")

    monkeypatch.setattr(aligner.execution, "variant_digest", pickled_again)
    _found, outcomes, _keys = aligner.execution.evaluate(analysis, settings, ["E306"], 1, cache)
    assert len(outcomes) == len(analysis.episodes)
