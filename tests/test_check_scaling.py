"""Checks whose work grew with the square of what they compare (found by QA of extreme but valid
content): counted in calls, not timed — a count is the same on every machine."""

from __future__ import annotations

import dataclasses

import pytest

from aligner.checks import scrape as scrape_checks
from aligner.checks.base import EpisodeContext
from aligner.model import Entity, Episode
from aligner.pipeline import Analysis, analyse, load
from aligner.settings import Settings
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def hassabis() -> tuple[Episode, Analysis]:
    settings = Settings()
    analysis = analyse(load([str(SAMPLES / "en")], settings), settings)
    [episode] = analysis.episodes
    return episode, analysis


def test_truncated_text_reads_each_description_a_bounded_number_of_times(
    hassabis: tuple[Episode, Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    """8,000 entity descriptions without a final period took 32 million `ending` calls (each
    unit re-read every sibling): 20 s of one check."""
    episode, analysis = hassabis
    variant = episode.reference
    many = tuple(
        Entity(f"Name {i}", "Concept", f"A description without a period {i}", i) for i in range(2000)
    )
    big = dataclasses.replace(variant, entities=many)
    episode = dataclasses.replace(episode, variants=(big,), reference=big)
    calls = 0
    real = scrape_checks.ending

    def counted(text: str) -> str:
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(scrape_checks, "ending", counted)
    ctx = EpisodeContext(episode, {}, Settings(), analysis.resources)
    list(scrape_checks.TruncatedText().run(ctx))
    assert calls <= 4 * (len(many) + len(variant.chapters) + 1)
