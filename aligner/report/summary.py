"""Counts that several reporters show (they tally findings; they never compute them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aligner.model import Finding, Severity
from aligner.results import RunResult


@dataclass(frozen=True, slots=True)
class CodeCount:
    """How often one check code fired, with its name and the worst severity it fired at."""

    code: str
    name: str
    count: int
    worst: Severity


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}``: every severity, most severe first."""
    counts = Counter(f.severity for f in findings)
    return {severity.value: counts.get(severity, 0) for severity in _by_rank()}


def code_counts(findings: Iterable[Finding]) -> list[CodeCount]:
    """One entry per code that fired, sorted by code."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.code, []).append(finding)
    return [
        CodeCount(
            code=code,
            name=group[0].name,
            count=len(group),
            worst=max((f.severity for f in group), key=lambda s: s.rank),
        )
        for code, group in sorted(grouped.items())
    ]


def summary(result: RunResult) -> dict[str, Any]:
    """The ``summary`` object of ``report.json``."""
    worst = result.worst()
    return {
        "findings": len(result.findings),
        "worst": worst.value if worst is not None else None,
        "by_severity": severity_counts(result.findings),
        "by_code": {entry.code: entry.count for entry in code_counts(result.findings)},
        "episodes": len(result.episodes),
        "variants": len(result.variants),
        "pages": len(result.pages),
    }


def _by_rank() -> list[Severity]:
    return sorted(Severity, key=lambda s: -s.rank)
