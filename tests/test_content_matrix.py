"""The content matrix (C106) at any size: its array form answers as the first, Python-float form
did (the same misalignments, fits and similarity bits), and no question scans the whole matrix —
a card of 5,000 chapters held 25 million Python floats and scanned a column per chapter."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import contentalign
from aligner.contentalign import DICE_PRIOR
from aligner.contentmatrix import ContentMatrix, Misalignment, copies, misalignments
from aligner.model import Chapter, format_ts


def _chapters(count: int) -> tuple[Chapter, ...]:
    return tuple(Chapter(60 * i, format_ts(60 * i), f"t{i}", f"body {i}") for i in range(count))


def _matrix(scores: list[list[float]], partners: list[tuple[int, int]]) -> ContentMatrix:
    array = np.array(scores, dtype=float).reshape(len(scores), len(scores[0]) if scores else 0)
    return ContentMatrix.of(_chapters(array.shape[0]), _chapters(array.shape[1]), array, tuple(partners))


def _plain_misalignments(scores: list[list[float]], partners: list[tuple[int, int]], margin: float) -> list:
    """The first implementation: rows of Python floats, a scan of the column per partner."""

    def partner_of(ref_index: int) -> int | None:
        return next((j for i, j in partners if i == ref_index), None)

    found = []
    for i, j in partners:
        own = scores[i][j]
        candidates = [(scores[k][j], k) for k in range(len(scores)) if k != i]
        if not candidates:
            continue
        other, k = max(candidates)
        if other - own < margin:
            continue
        k_partner = partner_of(k)
        if k_partner is not None and k_partner != j and scores[k][k_partner] - other > 0.02:
            continue
        found.append(Misalignment(i, j, k, own, other))
    placed = {item.var_index for item in found}
    for item in list(found):
        j = partner_of(item.belongs_to)
        if j is None or j in placed or item.swapped:
            continue
        own, other = scores[item.belongs_to][j], scores[item.ref_index][j]
        if other >= own:
            found.append(Misalignment(item.belongs_to, j, item.ref_index, own, other, swapped=True))
            placed.add(j)
    return found


@st.composite
def _scored(draw: st.DrawFn) -> tuple[list[list[float]], list[tuple[int, int]]]:
    rows, columns = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    # few distinct values: ties between reference chapters are common, and must break as before
    scores = [[draw(st.sampled_from([0.0, 0.2, 0.4, 0.6, 0.9])) for _ in range(columns)] for _ in range(rows)]
    pairs = draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, columns - 1)), max_size=8))
    return scores, pairs


@settings(max_examples=300, deadline=None)
@given(_scored())
def test_misalignments_and_fits_are_those_of_the_plain_scan(case) -> None:  # type: ignore[no-untyped-def]
    scores, partners = case
    matrix = _matrix(scores, partners)
    assert misalignments(matrix, 0.15) == _plain_misalignments(scores, partners, 0.15)
    for i in range(len(scores)):
        j = next((b for a, b in partners if a == i), None)
        best = max(row[j] for row in scores) if j is not None else 0.0
        plain = 0.0 if j is None else (1.0 if best <= 0 else min(1.0, scores[i][j] / best))
        assert matrix.fit(i) == plain


def test_misalignments_of_a_long_card_ask_a_bounded_number_of_cells(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every body moved down by one chapter: each of 600 chapters is misaligned, and each is
    decided from a few looked-up cells, not a scan of its column."""
    n = 600
    scores = np.full((n, n), 0.1)
    scores[np.arange(n - 1), np.arange(1, n)] = 0.9  # variant chapter j carries reference chapter j - 1
    matrix = ContentMatrix.of(_chapters(n), _chapters(n), scores, tuple((i, i) for i in range(n)))
    asked = 0
    real = ContentMatrix.score

    def counted(self: ContentMatrix, ref_index: int, var_index: int) -> float:
        nonlocal asked
        asked += 1
        return real(self, ref_index, var_index)

    monkeypatch.setattr(ContentMatrix, "score", counted)
    found = misalignments(matrix)
    assert {(m.ref_index, m.belongs_to) for m in found if not m.swapped} == {(j, j - 1) for j in range(1, n)}
    assert asked <= 3 * n


def _plain_anchor_matrix(ref_tokens: list[set[str]], var_tokens: list[set[str]]) -> np.ndarray:
    """The definition, in double precision and in a fixed (sorted) token order, class by class."""
    vocabulary = sorted(set().union(*ref_tokens, *var_tokens))
    if not vocabulary:
        return np.zeros((len(ref_tokens), len(var_tokens)))
    frequency = {t: sum(t in s for s in ref_tokens) + sum(t in s for s in var_tokens) for t in vocabulary}
    total = len(ref_tokens) + len(var_tokens) + 1
    ref_weight, var_weight = np.zeros(len(ref_tokens)), np.zeros(len(var_tokens))
    shared = np.zeros((len(ref_tokens), len(var_tokens)))
    for count in sorted(set(frequency.values())):
        weight = float(np.log(total / np.maximum(np.array([float(count)]), 1))[0])
        members = {t for t in vocabulary if frequency[t] == count}
        ref_weight += weight * np.array([float(len(s & members)) for s in ref_tokens])
        var_weight += weight * np.array([float(len(s & members)) for s in var_tokens])
        shared += weight * np.array([[float(len(r & v & members)) for v in var_tokens] for r in ref_tokens])
    return 2.0 * shared / (ref_weight[:, None] + var_weight[None, :] + 2.0 * DICE_PRIOR)


_tokens = st.lists(
    st.sets(st.sampled_from([f"w:{c}" for c in "abcdefghijklmnop"]), max_size=10), min_size=1, max_size=8
)


@settings(max_examples=200, deadline=None)
@given(_tokens, _tokens)
def test_anchor_matrix_is_its_definition_bit_for_bit(ref_tokens, var_tokens) -> None:  # type: ignore[no-untyped-def]
    """Single-precision 0/1 incidence still gives exact class counts, so the same bits as the
    double-precision definition in any token order."""
    assert np.array_equal(
        contentalign._anchor_matrix(ref_tokens, var_tokens), _plain_anchor_matrix(ref_tokens, var_tokens)
    )


PASTED = "Demis convoca una pequeña cumbre en la sede de SpaceX para atraer a Elon Musk a su bando. " * 2
SPOKEN = (
    "Summer 2015, SpaceX headquarters: Demis convenes a small summit to bring Elon into the tent.",
    "Jacob points to the two defining consumer-AI moments of the era, ChatGPT and Claude Code.",
    "The origin story: at a 2012 Founders Fund offsite, Elon argues that SpaceX matters most.",
)


def test_a_body_pasted_twice_is_the_copy_of_the_chapter_it_fits_less() -> None:
    """Variant chapters 0 and 2 have one body; it fits reference chapter 0 (0.9) better than 2
    (0.6): chapter 2 holds the copy. Not when the reference repeats the body too, nor in other
    words (a sponsor line with and without its period), nor for a body too short to be a chapter's
    (a placeholder: found by QA of new heuristics)."""
    ref = tuple(Chapter(60 * i, f"0{i}:00", f"t{i}", body) for i, body in enumerate(SPOKEN))
    var = (
        Chapter(0, "00:00", "a", PASTED.replace(" ", "  ")),
        Chapter(60, "01:00", "b", "Jacob señala los dos momentos decisivos de la IA de consumo de esta era."),
        Chapter(120, "02:00", "c", PASTED),
    )
    scores = np.array([[0.9, 0.1, 0.7], [0.1, 0.9, 0.1], [0.2, 0.1, 0.6]])
    partners = ((0, 0), (1, 1), (2, 2))
    matrix = ContentMatrix.of(ref, var, scores, partners)
    assert [(m.ref_index, m.var_index, m.belongs_to, m.copied) for m in copies(matrix)] == [(2, 2, 0, True)]
    assert copies(matrix, {2}) == []  # reported as misaligned already
    repeated = (ref[0], ref[1], replace(ref[2], body=ref[0].body))
    assert copies(ContentMatrix.of(repeated, var, scores, partners)) == []
    reworded = (ref[0], ref[1], replace(ref[2], body=ref[0].body.rstrip(".") + " indeed"))
    assert copies(ContentMatrix.of(reworded, var, scores, partners)) == []
    short = tuple(replace(chapter, body="(Sin resumen.)") if chapter.ts != 60 else chapter for chapter in var)
    assert copies(ContentMatrix.of(ref, short, scores, partners)) == []


def test_one_placeholder_in_two_chapters_is_no_paste() -> None:
    """`Traduction à venir.` under two timestamps: each fits its own chapter (0.62) far better than
    the other's (0.15) — C106 said "has the body of `[19:43]`" (found by a review session)."""
    ref = _chapters(2)
    var = (Chapter(0, "00:00", "a", "Traduction à venir."), Chapter(60, "01:00", "b", "Traduction à venir."))
    scores = np.array([[0.64, 0.15], [0.15, 0.62]])
    assert copies(ContentMatrix.of(ref, var, scores, ((0, 0), (1, 1)))) == []
