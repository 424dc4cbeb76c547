"""Content alignment (C106) against a length-only Gale–Church alignment, on injected defects.

Each case edits one variant of the real sample pages and says which timestamp pairs are then
misaligned (their variant content belongs to another reference chapter). A method *flags* a
timestamp pair it believes misaligned; precision and recall are counted per timestamp pair.

* ``content`` — :func:`aligner.contentmatrix.misalignments` (what C106 reports).
* ``gale-church`` — ``nltk.translate.gale_church.align_blocks`` on chapter body lengths, the
  variant's lengths rescaled by the pair's median length ratio (so es→ja is not penalised for
  Japanese being shorter); a timestamp pair is flagged when Gale–Church does not link it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from nltk.translate.gale_church import align_blocks

from aligner.contentalign import build_matrix
from aligner.contentmatrix import misalignments
from aligner.evaluation import inject
from aligner.evaluation.corpus import (
    HASSABIS_ES,
    LECUN_JA,
    VINYALS_ES,
    VINYALS_JA,
    Chapters,
    Edit,
    Target,
    chapters,
    find,
    run_analysis,
)
from aligner.evaluation.metrics import Counts, compare_sets
from aligner.model import Alignment, Episode


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    kind: str  # swap, body-swap, shift, partial-shift, truncated, padded, clean
    target: Target
    edit: Edit | None
    expected: Callable[[Chapters], set[str]]  # labels of reference chapters that become misaligned


def _labels(ch: Chapters, timestamps: list[str]) -> set[str]:
    return {ch.var[ts].label for ts in timestamps}


def _swap_bodies(text: str, ch: Chapters, a: str, b: str, marker: str) -> str:
    text = inject.replace_body(text, marker, a, ch.title(a), "\u2063")
    text = inject.replace_body(text, marker, b, ch.title(b), ch.body(a))
    return inject.replace_body(text, marker, a, ch.title(a), ch.body(b))


def cases_for(target: Target) -> list[Case]:
    ts = chapters(target).timestamps
    n = len(ts)
    m = target.marker
    a, b = ts[1], ts[n // 2]
    c, d = ts[n // 2 + 1], ts[n // 2 + 2]
    lo, hi = n // 3, n // 3 + 3
    return [
        Case("clean", "clean", target, None, lambda ch: set()),
        Case(
            f"swap {a}↔{b}",
            "swap",
            target,
            lambda t, ch: inject.swap_contents(t, m, a, b),
            lambda ch: _labels(ch, [a, b]),
        ),
        Case(
            f"body-swap {c}↔{d} (titles kept)",
            "body-swap",
            target,
            lambda t, ch: _swap_bodies(t, ch, c, d, m),
            lambda ch: _labels(ch, [c, d]),
        ),
        Case(
            "shift all by one",
            "shift",
            target,
            lambda t, ch: inject.shift_contents(t, m),
            lambda ch: _labels(ch, ch.timestamps[1:]),
        ),
        Case(
            f"shift {ts[lo]}..{ts[hi]} by one",
            "partial-shift",
            target,
            lambda t, ch: inject.shift_contents(t, m, lo, hi),
            lambda ch: _labels(ch, ch.timestamps[lo + 1 : hi + 1]),
        ),
        Case(
            "every other body truncated to 30%",
            "truncated",
            target,
            lambda t, ch: _each(
                t, ch.timestamps[::2], lambda x, s: inject.truncate_body(x, m, s, ch.title(s), 0.3)
            ),
            lambda ch: set(),
        ),
        Case(
            "every third body doubled",
            "padded",
            target,
            lambda t, ch: _each(t, ch.timestamps[1::3], lambda x, s: inject.pad_body(x, m, s, ch.title(s))),
            lambda ch: set(),
        ),
    ]


def _each(text: str, timestamps: list[str], edit: Callable[[str, str], str]) -> str:
    for ts in timestamps:
        text = edit(text, ts)
    return text


def default_cases() -> list[Case]:
    return [case for target in (LECUN_JA, HASSABIS_ES, VINYALS_ES, VINYALS_JA) for case in cases_for(target)]


def content_flags(episode: Episode, alignment: Alignment) -> set[str]:
    matrix = build_matrix(episode.reference, alignment)
    return {matrix.ref[m.ref_index].label for m in misalignments(matrix)}


def gale_church_flags(episode: Episode, alignment: Alignment) -> set[str]:
    ref = sorted(episode.reference.chapters, key=lambda c: c.ts)
    var = sorted(alignment.variant.chapters, key=lambda c: c.ts)
    partners = [(ref.index(p.ref), var.index(p.var)) for p in alignment.chapters if p.ref and p.var]
    ratios = [math.log((len(var[j].body) + 1) / (len(ref[i].body) + 1)) for i, j in partners]
    scale = math.exp(-statistics.median(ratios)) if ratios else 1.0
    links = set(
        align_blocks([max(1, len(c.body)) for c in ref], [max(1, round(len(c.body) * scale)) for c in var])
    )
    return {ref[i].label for i, j in partners if (i, j) not in links}


METHODS: dict[str, Callable[[Episode, Alignment], set[str]]] = {
    "content": content_flags,
    "gale-church": gale_church_flags,
}


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    method: str
    counts: Counts
    flagged: frozenset[str]
    expected: frozenset[str]


def evaluate(cases: list[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        edits = [(case.target, case.edit)] if case.edit is not None else []
        analysis = run_analysis(edits)
        episode, alignment = find(analysis, case.target)
        expected = case.expected(chapters(case.target))
        for method, flags in METHODS.items():
            flagged = flags(episode, alignment)
            outcomes.append(
                Outcome(
                    case, method, compare_sets(flagged, expected), frozenset(flagged), frozenset(expected)
                )
            )
    return outcomes
