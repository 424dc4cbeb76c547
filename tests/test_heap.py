"""``frozen_heap``: nested blocks keep the heap frozen until the outermost one ends."""

from __future__ import annotations

import gc

from aligner.heap import frozen_heap


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
