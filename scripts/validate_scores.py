"""Validate the chapter score and the checks on labelled fixtures built from the real sample pages.

Usage: ``python scripts/validate_scores.py [--details]`` — runs the whole pipeline on the clean
pages and on every injected defect (see ``aligner/evaluation/validation.py``) and prints
(a) ROC AUC of the chapter score, clean vs defective chapters, overall and per defect kind;
(b) per-check precision/recall; (c) errors and warnings per clean variant.
``--details`` adds every missed detection and every false positive.
"""

from __future__ import annotations

import statistics
import sys

from aligner.evaluation.metrics import fmt
from aligner.evaluation.validation import Report, default_cases, validate


def _score_section(report: Report) -> list[str]:
    lines = ["(a) chapter score: clean vs defective chapter pairs (ROC AUC, Mann–Whitney U)"]
    clean = report.clean_scores
    lines.append(
        f"  clean chapters: {len(clean)}  score min {min(clean):.1f}  median {statistics.median(clean):.1f}"
    )
    lines.append(f"  {'defect kind':<18}{'chapters':>9}{'median':>8}{'max':>7}{'AUC':>7}")
    for kind, scores in sorted(report.defect_scores.items()):
        lines.append(
            f"  {kind:<18}{len(scores):>9}{statistics.median(scores):>8.1f}{max(scores):>7.1f}"
            f"{report.auc(kind):>7.3f}"
        )
    total = sum(len(s) for s in report.defect_scores.values())
    lines.append(f"  {'all defects':<18}{total:>9}{'':>15}{report.auc():>7.3f}")
    lines.append(f"  {'matched pairs only':<18}{'':>24}{report.auc(matched_only=True):>7.3f}")
    return lines


def _check_section(report: Report) -> list[str]:
    lines = ["(b) checks: detection at the defective chapter of the edited variant"]
    lines.append(f"  {'code':<6}{'tp':>5}{'fn':>5}{'fp':>5}{'precision':>11}{'recall':>8}")
    for code, counts in sorted(report.checks.items()):
        lines.append(
            f"  {code:<6}{counts.tp:>5}{counts.fn:>5}{counts.fp:>5}{fmt(counts.precision):>11}{fmt(counts.recall):>8}"
        )
    return lines


def _variant_section(report: Report) -> list[str]:
    lines = ["(c) clean run: errors and warnings per non-reference variant"]
    translated = [v for v in report.clean_variants if v[2]]
    copies = [v for v in report.clean_variants if not v[2]]
    for label, group in (("translated", translated), ("untranslated copies", copies)):
        if group:
            errors = statistics.mean(v[3] for v in group)
            warnings = statistics.mean(v[4] for v in group)
            lines.append(
                f"  {label:<20} variants {len(group)}  errors/variant {errors:.2f}  warnings/variant {warnings:.2f}"
            )
    return lines


def main(argv: list[str]) -> int:
    cases = default_cases()
    report = validate(cases)
    lines = [f"{len(cases)} defect cases + the clean pages", ""]
    lines += [*_score_section(report), "", *_check_section(report), "", *_variant_section(report)]
    if "--details" in argv:
        lines += ["", "missed detections:"]
        lines += [f"  {case:<34} {code}" for case, _kind, code, found in report.detections if not found]
        lines += ["", "false positives:"]
        lines += [
            f"  {case:<34} {f.code} [{f.chapter_ts}] {f.lang} {f.message[:90]}"
            for case, f in report.false_positives
        ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
