"""The lines a gate's log shows above its verdict: the first failing findings, or, above a PASS,
the first warnings below the gate."""

from __future__ import annotations

from aligner.model import Finding, Severity
from aligner.results import RunResult, failing

BELOW_GATE_LINES = 5  # warnings shown above a PASS
FAILING_LINES = 10  # failing findings a gate's log lists before its verdict
SOFTER = frozenset({"T503", "T504"})  # warnings listed after the others above a PASS


def failing_lines(result: RunResult, fail_on: str) -> list[str]:
    """What a gate's log shows above a FAIL verdict: the first failing findings (most severe first,
    in report order), each with its page, chapter and message, and where the rest are."""
    if fail_on == "never":
        return []
    found = sorted(failing(result, fail_on), key=lambda f: -f.severity.rank)
    if found:
        more = "(in the reports; `aligner explain CODE` says what to do)"
        return _listing(found, FAILING_LINES, "", more, "(`aligner explain CODE` says what each check wants)")
    # Above a PASS: the first warnings, which do not fail the gate — a translator saw "2 warnings"
    # and nothing of a number changed or a paragraph left in English (found by QA of the gate).
    # Names a translation may render its own way (T503) and low scores (T504) last: on a Thai page
    # five T503 took the five lines and a changed timestamp was not shown (found by QA of the gate).
    warnings = sorted(
        (f for f in result.findings if f.severity is Severity.WARNING), key=lambda f: f.code in SOFTER
    )
    return _listing(
        warnings,
        BELOW_GATE_LINES,
        "warning",
        "(below the gate; in the reports)",
        "(warnings: below the gate; `aligner explain CODE` says what each check wants)",
    )


def _listing(findings: list[Finding], shown: int, noun: str, more: str, end: str) -> list[str]:
    """The first ``shown`` of ``findings``, each with its page, place and message, then how many
    more there are (``… and N more {noun}s {more}``) or ``end``; nothing for no finding."""
    lines = [
        f"  {f.severity.value} {f.code} {f.source_path}{_where(f)}: {f.message}"  # `say` makes it inert
        for f in findings[:shown]
    ]
    rest = len(findings) - shown
    if rest > 0:
        counted = f" {noun}{'s' if rest > 1 else ''}" if noun else ""
        lines.append(f"  … and {rest} more{counted} {more}")
    elif findings:
        lines.append(f"  {end}")
    return lines


def _where(finding: Finding) -> str:
    """Where on its page a failing finding is: its chapter, else its episode's card (a page holds
    several: two L401 lines of one page read the same without it)."""
    if finding.chapter_ts:
        return f" [{finding.chapter_ts}]"
    title = finding.episode_title
    return f" `{title[:50]}{'…' if len(title) > 50 else ''}`" if title else ""


def forced_locale_line(result: RunResult, locale: str | None) -> str | None:
    """A note when ``--locale`` made an untranslated page of the pages given: it sets the locale of
    every input, the source page's too, which is then "not translated" (L401) — a translator's
    `check source.md translation.md --locale fr` failed on the source (found by QA of the gate)."""
    if not locale or len(result.pages) < 2:
        return None
    paths = sorted({f.source_path for f in result.findings if f.code == "L401"})
    if not paths:
        return None
    shown = ", ".join(f"`{path}`" for path in paths[:3]) + (" …" if len(paths) > 3 else "")
    return (
        f"note: --locale {locale} gives every input the `{locale}` locale, so {shown} "
        f"{'is' if len(paths) == 1 else 'are'} `{locale}` pages not translated (L401); if one is the "
        f"source page, leave --locale out and name each page's locale in its path instead "
        f"(`page.{locale}.md`, or a `{locale}/` folder)"
    )
