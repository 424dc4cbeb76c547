"""What lets a nightly diff skip work: cards equal in both snapshots are not compared, an unchanged
page pairs each card with itself, and a snapshot's parse health is read from its check or from the
cache. Each shortcut is held to the full computation."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from aligner import diff
from aligner.checks.diffcontext import DiffContext
from aligner.diff import _health_key, compare, load_snapshot, with_health
from aligner.parse import parse_page
from aligner.pipeline import check_analysis
from aligner.read import read_page
from aligner.settings import Settings
from benchmarks.generate import generate
from tests import scrape_defects
from tests.conftest import SAMPLES

ES = "es/laidub-es-page.txt"


def test_cards_that_did_not_change_are_not_compared_and_nothing_is_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The diff checks skip cards equal on both sides (``VariantMatch.same``): over a catalog whose
    pages lost random lines (chapters, quotes, entities, metadata, text), they report exactly what
    comparing every matched card reports."""

    generate(tmp_path / "old", 72, per_page=6, defect_rate=0.2, seed=3)
    shutil.copytree(tmp_path / "old", tmp_path / "new")
    chance = random.Random(7)
    pages = sorted((tmp_path / "new").rglob("*.txt"))
    for page in chance.sample(pages, len(pages) // 2):
        lines = page.read_text(encoding="utf-8").split("\n")
        for _ in range(chance.randint(1, 8)):
            at = chance.randrange(len(lines))
            line = lines[at]
            edit = chance.choice(["drop", "cut", "reverse", "retime"])
            if edit == "drop":
                del lines[at]
            elif edit == "cut":  # a text shrunk
                lines[at] = line[: len(line) // 4]
            elif edit == "reverse":  # a text replaced: each word spelled backwards
                lines[at] = " ".join(word[::-1] for word in line.split())
            else:  # a chapter moved
                lines[at] = re.sub(r"\[(\d+):", lambda m: f"[{int(m.group(1)) + 1}:", line, count=1)
        page.write_text("\n".join(lines), encoding="utf-8")
    settings = Settings()
    old = load_snapshot(str(tmp_path / "old"), settings)
    new = load_snapshot(str(tmp_path / "new"), settings)
    skipping = compare(old, new, settings)

    def every_match(self: DiffContext):  # type: ignore[no-untyped-def]
        return (m for m in self.variants if m.old is not None and m.new is not None)

    monkeypatch.setattr(DiffContext, "matched", every_match)
    monkeypatch.setattr(diff, "_same", lambda before, after, page_unchanged=False: False)
    assert compare(old, new, settings) == skipping
    # (a card whose flattened chapter line was dropped is one "all chapters gone" finding)
    assert len({f.code for f in skipping}) >= 6 and len(skipping) > 15


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(ignore=("S005",)),
        Settings(severity={"S005": "info"}),
        Settings(locales={"es": {}}),
    ],
    ids=["all", "one-ignored", "severity", "per-locale"],
)
def test_parse_health_from_a_checked_snapshot_is_the_health_checks(settings: Settings) -> None:
    """A nightly run reads tonight's parse health from the findings of its check when they hold
    every health check's, and runs the health checks otherwise: the same issues either way."""
    snapshot = load_snapshot(str(SAMPLES), settings, health=False)
    checked = check_analysis(snapshot.analysis, settings).findings
    expected = with_health(snapshot, settings).issues
    assert any(issue.startswith("S0") for issues in expected.values() for issue in issues)
    assert with_health(snapshot, settings, checked).issues == expected
    assert load_snapshot(str(SAMPLES), settings).issues == expected


def test_a_page_whose_cards_did_not_change_pairs_each_card_with_itself(tmp_path: Path) -> None:
    """``_unchanged_cards`` pairs each card of an unchanged page with itself without scoring every pair:
    the same pairs, in the same order, as the greedy pairing of every pair — also for cards known
    by title or chapter signature only, repeated ids and titles, and cards that match nothing."""
    generate(tmp_path / "catalog", 48, per_page=6, defect_rate=0.3, seed=9)
    pages = [parse_page(read_page(str(p))) for p in sorted((tmp_path / "catalog").rglob("*.txt"))]
    pages += [parse_page(read_page(str(p))) for p in sorted(SAMPLES.rglob("*.txt"))]
    lists = [list(page.variants) for page in pages if page.variants]
    cards = [v for variants in lists for v in variants][:8]
    untitled = [replace(v, episode_id="", title="") for v in cards]  # by chapter signature, or nothing
    titled = [replace(v, episode_id="") for v in cards]
    with_ids = [replace(v, episode_id=f"episode-{i % 3}") for i, v in enumerate(cards)]  # ids repeat
    bare = [replace(v, episode_id="", title="", chapters=v.chapters[:1]) for v in cards[:3]]  # no match
    lists += [
        untitled,
        titled,
        with_ids,
        bare,
        [*titled[:3], *titled[:3]],
        [cards[0], cards[0], *bare],
        [titled[0], with_ids[1], untitled[2]],
        [],
    ]
    tolerance = Settings().tolerance
    for variants in lists:
        same = list(variants)
        assert diff._unchanged_cards(variants, same, tolerance) == diff.match_cards(variants, same, tolerance)
    hows = {
        how
        for variants in lists
        for _a, _b, how in diff._unchanged_cards(variants, list(variants), tolerance)
    }
    assert {"id", "title", "signature", ""} <= hows


def test_parse_health_is_stored_by_what_it_depends_on_not_by_the_folder(tmp_path: Path) -> None:
    """A snapshot's parse health is cached under the pages as parsed and the health settings: a
    copy in another folder finds it, an edited page or another threshold does not."""
    first = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "night-1")
    second = scrape_defects.copy_snapshot(SAMPLES, tmp_path / "night-2")
    settings = Settings()
    key = _health_key(load_snapshot(str(first), settings, health=False), settings)
    assert _health_key(load_snapshot(str(second), settings, health=False), settings) == key
    stricter = Settings(thresholds={"S005": {"min": 1.0}})
    assert _health_key(load_snapshot(str(second), stricter, health=False), stricter) != key
    scrape_defects.edit_page(second / ES, lambda text: text.replace("Mallaby", "Malaby", 1))
    assert _health_key(load_snapshot(str(second), settings, health=False), settings) != key
    cache = tmp_path / "cache"
    stored = load_snapshot(str(first), settings, cache=cache).issues
    assert stored == load_snapshot(str(first), settings).issues
    assert (
        load_snapshot(
            str(scrape_defects.copy_snapshot(SAMPLES, tmp_path / "night-3")), settings, cache=cache
        ).issues
        == stored
    )
