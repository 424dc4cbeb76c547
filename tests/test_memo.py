"""Identity memoization (aligner.memo): exact on the very same objects, never on equal copies."""

from __future__ import annotations

import pytest

from aligner.memo import episode_scope, identity_cache


def test_same_objects_hit_and_equal_copies_recompute() -> None:
    calls: list[tuple[int, ...]] = []

    @identity_cache(maxsize=4)
    def total(values: tuple[int, ...]) -> int:
        calls.append(values)
        return sum(values)

    first = tuple(range(1000))
    copy = tuple(list(first))
    assert total(first) == total(first) == sum(first)
    assert len(calls) == 1
    assert total(copy) == sum(first)  # equal but not the same object: computed again
    assert len(calls) == 2


def test_least_recently_used_entry_is_evicted_and_arguments_stay_alive() -> None:
    calls: list[object] = []

    @identity_cache(maxsize=2)
    def ident(value: object) -> int:
        calls.append(value)
        return id(value)

    a, b, c = object(), object(), object()
    ident(a)
    ident(b)
    ident(a)  # a is now the most recent
    ident(c)  # evicts b
    ident(a)
    assert calls == [a, b, c]
    ident(b)
    assert calls == [a, b, c, b]


def test_keyword_arguments_are_refused() -> None:
    @identity_cache(maxsize=2)
    def double(value: int) -> int:
        return 2 * value

    with pytest.raises(TypeError):
        double(value=2)


def test_an_episode_scope_keeps_every_entry_and_ends_empty() -> None:
    """An episode in more variants than a cache holds had its matrices and chapter rows evicted
    by C106 before the score stage asked again: worked out twice from 34 variants on."""
    computed: list[int] = []

    @identity_cache(maxsize=2)
    def work(item: object) -> int:
        computed.append(id(item))
        return len(computed)

    items = [object() for _ in range(5)]
    with episode_scope():
        first = [work(item) for item in items]
        assert [work(item) for item in items] == first  # no entry evicted inside the scope
    assert len(computed) == 5
    work(items[0])  # the scope's end emptied the cache
    assert len(computed) == 6
    for item in items:
        work(item)
    work(items[0])  # outside a scope, two entries at most: the first was evicted again
    assert len(computed) == 11
