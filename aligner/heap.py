"""The run's long-lived objects, kept out of the cyclic garbage collector."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
FREEZE_EVERY = 64  # items between two gc.freeze() calls in ``freezing``
_depth = [0]  # frozen_heap blocks entered and not yet left


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now (and those a ``gc.freeze()`` inside adds) out of the
    cyclic garbage collector until the outermost such block ends.

    A run builds millions of long-lived objects without reference cycles (parsed pages,
    alignments); every full collection would scan them all — a third of the analysis stage at
    5,000 variants. Frozen objects are still freed when their reference count drops to zero.

    Only a block entered outside any other asks the collector whether something else froze
    objects: ``gc.get_freeze_count`` walks every frozen object (7 ms per call at 1,000 variants)."""
    outermost = _depth[0] == 0 and gc.get_freeze_count() == 0
    gc.freeze()
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if outermost:
            gc.unfreeze()


def freezing(items: Iterable[T], every: int = FREEZE_EVERY) -> Iterator[T]:
    """``items``, with a ``gc.freeze()`` after every ``every`` of them when inside ``frozen_heap``.

    For the loops that build what the run keeps (cached parses and episode results read back,
    alignments): their allocations trigger collections, and every full collection would scan
    all that was built so far again — a second of a cached 10,000-variant re-run. Outside a
    ``frozen_heap`` block nothing is frozen (nothing would unfreeze it)."""
    for index, item in enumerate(items):
        yield item
        if index % every == every - 1 and _depth[0]:
            gc.freeze()
