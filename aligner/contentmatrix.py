"""The content matrix of an alignment and what C106 reads of it: the timestamp pairs whose
variant content clearly belongs to another reference chapter (``aligner.contentalign`` builds the
matrix and says how the similarity is made).

A timestamp-matched pair (reference ``i``, variant ``v``) is *misaligned* when another reference
chapter ``k`` matches ``v`` better by at least ``MARGIN`` **and** reciprocally ``v`` matches ``k``
at least as well as ``k``'s own timestamp partner does (so one vague chapter cannot claim a body
that fits its own partner better).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

import numpy as np

from aligner.model import Chapter

MARGIN = 0.15  # how much better another reference chapter must fit a variant body
RECIPROCAL_SLACK = 0.02  # k's own partner may beat the moved body by this much and still count
# A pasted body may fit its own chapter by this much more than the one it copies (its quote, length
# and place are its own: 0.58–0.71 against 0.69–0.71 measured); a body that fits its own chapter
# better still is no copy of the other's (`Traduction à venir.` in two chapters: 0.62 against 0.15).
COPY_SLACK = 0.05
# A body is taken for a paste only when it is a chapter's worth: at least this many characters and
# this share of the variant's median body (a placeholder or a sponsor line recurs by design), and
# when the two reference bodies differ by more than wording (``ALIKE_RATIO`` of their letters).
MIN_COPY_CHARS = 80
MIN_COPY_SHARE = 0.3
ALIKE_RATIO = 0.8


@dataclass(frozen=True, slots=True)
class Misalignment:
    """A timestamp pair (ref ``ref_index`` ↔ variant ``var_index``) whose variant content belongs
    to reference chapter ``belongs_to``."""

    ref_index: int
    var_index: int
    belongs_to: int
    own: float  # similarity of the variant chapter with its timestamp partner
    other: float  # similarity of the variant chapter with ``belongs_to``
    swapped: bool = False  # inferred: the swap partner of a clear misalignment (see ``misalignments``)
    copied: bool = False  # its body is the very body of ``belongs_to``'s timestamp partner


@dataclass(frozen=True, slots=True)
class ContentMatrix:
    """Similarity of every reference chapter (rows) with every variant chapter (columns).

    ``scores`` is an array, not rows of Python floats: a card of 5,000 chapters made 25 million
    of them (1.5 GB). What C106 and the chapter score ask of it — a partner, a chapter's row, the
    best and second-best reference chapter of a column — is looked up, not scanned for again
    (``of`` works them out once, in C), so no question costs the size of the matrix."""

    ref: tuple[Chapter, ...]
    var: tuple[Chapter, ...]
    scores: np.ndarray  # len(ref) × len(var), float64
    partners: tuple[tuple[int, int], ...]  # (ref index, var index) matched on timestamps
    _partner: dict[int, int]  # ref index → its first partner's var index
    _row_of: dict[int, int]  # id(reference chapter) → the first row holding that very object
    _columns: tuple[tuple[float, int, float, int], ...]  # per column: best and runner-up (score, row)

    @classmethod
    def of(
        cls,
        ref: tuple[Chapter, ...],
        var: tuple[Chapter, ...],
        scores: np.ndarray,
        partners: tuple[tuple[int, int], ...],
    ) -> ContentMatrix:
        partner: dict[int, int] = {}
        for i, j in partners:
            partner.setdefault(i, j)
        row_of: dict[int, int] = {}
        for index, chapter in enumerate(ref):
            row_of.setdefault(id(chapter), index)
        return cls(ref, var, scores, partners, partner, row_of, _column_leaders(scores))

    def partner_of(self, ref_index: int) -> int | None:
        return self._partner.get(ref_index)

    def ref_index(self, chapter: Chapter) -> int | None:
        return self._row_of.get(id(chapter))

    def score(self, ref_index: int, var_index: int) -> float:
        return float(self.scores[ref_index, var_index])

    def best_other(self, ref_index: int, var_index: int) -> tuple[float, int] | None:
        """The reference chapter other than ``ref_index`` that fits variant chapter ``var_index``
        best, with its score (the later chapter on a tie); None with one reference chapter."""
        if len(self.ref) < 2:
            return None
        best, row, second, second_row = self._columns[var_index]
        return (best, row) if row != ref_index else (second, second_row)

    def fit(self, ref_index: int) -> float:
        """0..1: how well the timestamp partner's content fits this reference chapter compared with
        the best-fitting reference chapter for that content (1 when it is the best)."""
        j = self.partner_of(ref_index)
        if j is None:
            return 0.0
        own = self.score(ref_index, j)
        best = self._columns[j][0]
        return 1.0 if best <= 0 else min(1.0, own / best)


def _column_leaders(scores: np.ndarray) -> tuple[tuple[float, int, float, int], ...]:
    """For each column: the highest score and its row, then the highest of the other rows and its
    row — the later row on a tie, as ``max`` over ``(score, row)`` pairs picks. (With one row, the
    runner-up repeats the leader.)"""
    rows, columns = scores.shape
    if rows == 0 or columns == 0:
        return ()
    everything = np.arange(columns)
    leader = rows - 1 - np.argmax(scores[::-1], axis=0)  # the last row of each column's maximum
    best = scores[leader, everything]
    if rows > 1:
        rest = scores.copy()
        rest[leader, everything] = -np.inf
        runner_up = rows - 1 - np.argmax(rest[::-1], axis=0)
        second = rest[runner_up, everything]
    else:
        runner_up, second = leader, best
    return tuple(zip(best.tolist(), leader.tolist(), second.tolist(), runner_up.tolist(), strict=True))


def misalignments(matrix: ContentMatrix, margin: float = MARGIN) -> list[Misalignment]:
    """Timestamp pairs whose variant content clearly and reciprocally belongs to another chapter."""
    found = []
    for i, j in matrix.partners:
        candidate = matrix.best_other(i, j)
        if candidate is None:
            continue
        other, k = candidate
        own = matrix.score(i, j)
        if other - own < margin:
            continue
        k_partner = matrix.partner_of(k)
        if k_partner is not None and k_partner != j and matrix.score(k, k_partner) - other > RECIPROCAL_SLACK:
            continue
        found.append(Misalignment(i, j, k, own, other))
    return found + _swap_partners(matrix, found)


def collapsed(text: str) -> str:
    """``text`` with its runs of blanks made one space, ends stripped: two bodies compared as pasted."""
    return " ".join(text.split())


def is_copy(matrix: ContentMatrix, item: Misalignment) -> bool:
    """Whether a misaligned variant chapter's body is the very body of the chapter it belongs to:
    pasted twice, however it was found (C106 said so in some languages and "carries the content"
    in others for the same paste: found by QA of the gate)."""
    if item.copied:
        return True
    partner = matrix.partner_of(item.belongs_to)
    if partner is None or partner == item.var_index:
        return False
    body = collapsed(matrix.var[item.var_index].body)
    return bool(body) and body == collapsed(matrix.var[partner].body)


def copies(matrix: ContentMatrix, placed: Set[int] = frozenset()) -> list[Misalignment]:
    """A body pasted under two timestamps whose reference chapters differ: the copy is the one that
    fits its own reference chapter less. Its chapter keeps its quote, length and place, so it still
    fits its own chapter nearly as well as the one it copies (0.58–0.71 against 0.69–0.71): a
    body replaced by another chapter's passed the gate in zh, ko, ru and pt-BR (found by QA of the
    gate). Not when the reference repeats the body too, nor for the variant chapters in ``placed``
    (reported as misaligned already)."""
    lengths = sorted(len(chapter.body) for chapter in matrix.var)
    shortest = max(MIN_COPY_CHARS, lengths[len(lengths) // 2] * MIN_COPY_SHARE) if lengths else MIN_COPY_CHARS
    by_body: dict[str, list[tuple[int, int]]] = {}
    for i, j in matrix.partners:
        body = collapsed(matrix.var[j].body)
        if len(body) >= shortest:
            by_body.setdefault(body, []).append((i, j))
    found = []
    for pairs in by_body.values():
        if len(pairs) < 2:
            continue
        owner, owner_j = max(pairs, key=lambda pair: (matrix.score(*pair), -pair[1]))
        for i, j in pairs:
            if j == owner_j or j in placed or _alike(matrix.ref[i].body, matrix.ref[owner].body):
                continue
            if matrix.score(owner, j) + COPY_SLACK < matrix.score(i, j):
                continue  # fits its own chapter better: one placeholder in two chapters, not a paste
            found.append(Misalignment(i, j, owner, matrix.score(i, j), matrix.score(owner, j), copied=True))
    return found


def _alike(a: str, b: str) -> bool:
    """Whether two reference bodies say the same but for wording (`(No summary for this chapter.)`
    and `(No written summary for this chapter.)`, a sponsor line with and without its period): a
    translation may rightly give them one body (found by QA of new heuristics)."""
    a, b = (re.sub(r"\W+", " ", text.casefold()).strip() for text in (a, b))
    if a == b:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # the bounds first: two bodies of different chapters fail them without the quadratic ratio
    return (
        matcher.real_quick_ratio() >= ALIKE_RATIO
        and matcher.quick_ratio() >= ALIKE_RATIO
        and matcher.ratio() >= ALIKE_RATIO
    )


def _swap_partners(matrix: ContentMatrix, found: Sequence[Misalignment]) -> list[Misalignment]:
    """For a variant chapter that clearly carries reference chapter ``k``'s content, the variant
    chapter at ``k``'s timestamp when its own content fits the first one's reference chapter at
    least as well as ``k``: the two bodies were swapped. Its own evidence is often weak (a chapter
    with few anchors, such as a Japanese one with no Latin name), so a swap was reported on one
    of its two chapters only."""
    placed = {item.var_index for item in found}
    partners = []
    for item in found:
        j = matrix.partner_of(item.belongs_to)
        if j is None or j in placed or item.swapped:
            continue
        own, other = matrix.score(item.belongs_to, j), matrix.score(item.ref_index, j)
        if other >= own:
            partners.append(Misalignment(item.belongs_to, j, item.ref_index, own, other, swapped=True))
            placed.add(j)
    return partners
