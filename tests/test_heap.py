"""``frozen_heap``: nested blocks keep the heap frozen until the outermost one ends."""

from __future__ import annotations

import gc

import pytest

from aligner.heap import freezing, frozen_heap


def test_nested_blocks_unfreeze_once_at_the_outermost() -> None:
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(100)]
    with frozen_heap():
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        with frozen_heap():
            more = [[] for _ in range(100)]
            gc.freeze()
            assert gc.get_freeze_count() >= frozen + len(more)
        assert gc.get_freeze_count() >= frozen + len(more)  # the inner block did not unfreeze
    assert gc.get_freeze_count() == 0


def test_unfreezes_when_the_block_raises() -> None:
    try:
        with frozen_heap():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


def test_freezing_freezes_what_was_built_every_n_items_inside_frozen_heap() -> None:
    kept: list[list[int]] = []
    with frozen_heap():
        start = gc.get_freeze_count()
        counts = []
        for item in freezing(range(6), every=2):
            kept.append([item])  # a tracked object built by the loop
            counts.append(gc.get_freeze_count())
        assert counts[0] == counts[1] == start  # nothing frozen before the second item is done
        assert counts[2] > counts[1] and counts[4] > counts[3]  # frozen after items 2 and 4
    assert gc.get_freeze_count() == 0  # the outermost block unfreezes everything
    assert list(freezing(range(5), every=2)) == [0, 1, 2, 3, 4]
    assert gc.get_freeze_count() == 0  # outside frozen_heap nothing is frozen


def test_only_the_outermost_block_counts_the_frozen_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """``gc.get_freeze_count`` walks every frozen object: nested blocks (a run enters dozens, with
    millions of objects frozen) know from their depth that they are not the outermost."""
    calls: list[int] = []
    count = gc.get_freeze_count

    def counted() -> int:
        calls.append(1)
        return count()

    monkeypatch.setattr(gc, "get_freeze_count", counted)
    with frozen_heap():
        assert len(calls) == 1
        for _ in range(3):
            with frozen_heap():
                pass
        assert len(calls) == 1
        assert count() > 0  # the nested blocks did not unfreeze
    assert count() == 0


def test_a_block_leaves_objects_frozen_by_someone_else_frozen() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()
