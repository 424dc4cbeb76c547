"""``aligner.terms.TermIndex``: where a variant's text uses a reference term (T503 asks it)."""

from __future__ import annotations

import pytest

from aligner.terms import TermIndex


@pytest.mark.parametrize(
    ("text", "uses"),
    [
        ("o governo dos EUA e o US Senate", True),
        ("US, Canada", True),
        ("the USA", False),  # a longer word
        ("USs are plural", True),  # a plural s is allowed
        # Brazilian (and Hong Kong, Australian…) currency notation is an amount, not a use of `US`:
        # a pt-BR chapter that writes `EUA` was "lacking `US`" because another wrote `US$ 5 milhões`
        ("um cheque de US$ 5 milhões", False),
        ("US$5", False),
        ("A$ 10 from the US", True),  # the other dollar is not this one
    ],
)
def test_an_acronym_is_used_as_a_word_not_as_a_currency_sign(text: str, uses: bool) -> None:
    assert TermIndex.of([text]).has("US") is uses
