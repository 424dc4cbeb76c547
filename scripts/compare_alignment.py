"""Compare content alignment (C106) with a length-only Gale–Church alignment on injected defects.

Usage: ``python scripts/compare_alignment.py [--cases]`` — prints precision/recall of misaligned
chapter detection per method, per target and per defect kind (``--cases``: one line per case).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from aligner.evaluation.alignment import METHODS, Outcome, default_cases, evaluate
from aligner.evaluation.metrics import Counts, fmt


def _table(title: str, groups: dict[str, list[Outcome]]) -> list[str]:
    head = f"{title:<34}" + "".join(f"{m + ' P':>15}{m + ' R':>15}" for m in METHODS)
    lines = [head, "-" * len(head)]
    for key, outcomes in groups.items():
        cells = ""
        for method in METHODS:
            total = sum((o.counts for o in outcomes if o.method == method), Counts())
            cells += f"{fmt(total.precision):>15}{fmt(total.recall):>15}"
        lines.append(f"{key:<34}{cells}")
    return lines


def main(argv: list[str]) -> int:
    outcomes = evaluate(default_cases())
    by_target: dict[str, list[Outcome]] = defaultdict(list)
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_target[o.case.target.name].append(o)
        by_kind[o.case.kind].append(o)
    lines = [*_table("target", dict(by_target)), "", *_table("defect kind", dict(by_kind))]
    lines += ["", *_table("all", {"all cases": outcomes})]
    positives = sum(len(o.expected) for o in outcomes if o.method == "content")
    lines.append(f"\n{len(outcomes) // len(METHODS)} cases, {positives} misaligned timestamp pairs")
    if "--cases" in argv:
        lines.append("")
        for o in outcomes:
            lines.append(
                f"{o.case.target.name:<22} {o.case.name:<34} {o.method:<12} tp={o.counts.tp} fp={o.counts.fp}"
                f" fn={o.counts.fn}"
            )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
