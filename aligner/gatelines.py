"""The lines a gate's log shows above its verdict: the first failing findings, or, above a PASS,
the first warnings below the gate."""

from __future__ import annotations

from aligner.model import Finding, Severity
from aligner.results import RunResult, failing

BELOW_GATE_LINES = 5  # warnings shown above a PASS
FAILING_LINES = 10  # failing findings a gate's log lists before its verdict


def failing_lines(result: RunResult, fail_on: str) -> list[str]:
    """What a gate's log shows above a FAIL verdict: the first failing findings (most severe first,
    in report order), each with its page, chapter and message, and where the rest are."""
    if fail_on == "never":
        return []
    found = sorted(failing(result, fail_on), key=lambda f: -f.severity.rank)
    if not found:
        return _below_gate_lines(result)
    lines = [
        f"  {f.severity.value} {f.code} {f.source_path}{_where(f)}: {f.message}"  # `say` makes it inert
        for f in found[:FAILING_LINES]
    ]
    if len(found) > FAILING_LINES:
        lines.append(
            f"  … and {len(found) - FAILING_LINES} more (in the reports; `aligner explain CODE` says what to do)"
        )
    elif found:
        lines.append("  (`aligner explain CODE` says what each check wants)")
    return lines


def _below_gate_lines(result: RunResult) -> list[str]:
    """Above a PASS: the first warnings, which do not fail the gate — a translator saw "2 warnings"
    and nothing of a number changed or a paragraph left in English (found by QA of the
    pre-publish gate)."""
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    lines = [
        f"  {f.severity.value} {f.code} {f.source_path}{_where(f)}: {f.message}"
        for f in warnings[:BELOW_GATE_LINES]
    ]
    if len(warnings) > BELOW_GATE_LINES:
        lines.append(
            f"  … and {len(warnings) - BELOW_GATE_LINES} more warnings (below the gate; in the reports)"
        )
    elif warnings:
        lines.append("  (warnings: below the gate; `aligner explain CODE` says what each check wants)")
    return lines


def _where(finding: Finding) -> str:
    """Where on its page a failing finding is: its chapter, else its episode's card (a page holds
    several: two L401 lines of one page read the same without it)."""
    if finding.chapter_ts:
        return f" [{finding.chapter_ts}]"
    title = finding.episode_title
    return f" `{title[:50]}{'…' if len(title) > 50 else ''}`" if title else ""
