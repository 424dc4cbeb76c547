"""Evaluation on labelled fixtures: defects injected into the real sample pages (``inject``),
the cases and targets (``corpus``), the measures (``metrics``), the content-alignment comparison
(``alignment``) and the score/check validation (``validation``). Used by ``scripts/`` and tests;
nothing in the checking pipeline imports this package."""
