"""Episode ids without an explicit one (``aligner.episodeids.episode_slug``, ``slugify``): stable when
the catalog around an episode changes."""

from __future__ import annotations

import dataclasses

import pytest

from aligner.episodeids import slugify
from aligner.model import Variant
from aligner.pair import pair_variants
from aligner.pipeline import load
from aligner.settings import Settings
from tests.conftest import SAMPLES

TOLERANCE = Settings().tolerance


@pytest.fixture(scope="module")
def sample_variants() -> list[Variant]:
    return [v for page in load([str(SAMPLES)], Settings()) for v in page.variants]


def test_episodes_of_a_series_keep_their_ids_when_one_leaves(sample_variants: list[Variant]) -> None:
    """Two titles that share their first 60 slug characters used to be `…-series-e` and
    `…-series-e-2` by the order of their cards; with the first gone, the second took its id."""
    prefix = "Unsupervised Learning with Jacob Effron, the Series, Episode "
    es = [v for v in sample_variants if v.page_locale == "es"]
    first = dataclasses.replace(es[0], title=prefix + "41: Hassabis", episode_id=None)
    second = dataclasses.replace(es[1], title=prefix + "42: Vinyals", episode_id=None)
    both = {e.variants[0].title: e.episode_id for e in pair_variants([first, second], "en", TOLERANCE)}
    alone = {e.variants[0].title: e.episode_id for e in pair_variants([second], "en", TOLERANCE)}
    assert len(set(both.values())) == 2
    assert alone[second.title] == both[second.title]
    assert both[second.title].startswith("unsupervised-learning-with-jacob-effron-the-series-episo")


def test_a_long_title_is_cut_and_marked_and_a_short_one_is_not() -> None:
    assert slugify("Yann LeCun sobre lo que viene después de los LLMs") == (
        "yann-lecun-sobre-lo-que-viene-despues-de-los-llms"
    )
    long = slugify("Gemini Co-Lead on World Models, RL's Next Domains & Continual Learning")
    assert long == "gemini-co-lead-on-world-models-rl-s-next-domains-continual-l-ab0159"
    assert long != slugify("Gemini Co-Lead on World Models, RL's Next Domains & Continual Lessons")
