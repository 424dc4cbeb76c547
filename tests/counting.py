"""Counting the expensive work of a run: how many pages were parsed and episodes scored (the
tests of the cache and of incremental runs assert that unchanged ones were not)."""

from __future__ import annotations

import pytest

import aligner.execution


class Work:
    """Pages parsed and episodes scored in this process since it was made (``jobs`` 1)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pages = self.episodes = 0
        load_page, variant_scores = aligner.execution.load_page, aligner.execution.variant_scores

        def counting_load(*args: object) -> object:
            self.pages += 1
            return load_page(*args)  # type: ignore[arg-type]

        def counting_scores(*args: object) -> object:
            self.episodes += 1
            return variant_scores(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(aligner.execution, "load_page", counting_load)
        monkeypatch.setattr(aligner.execution, "variant_scores", counting_scores)
