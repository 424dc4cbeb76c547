"""R609 — a page's layout or parse health changed between two snapshots (see
:mod:`aligner.checks.regressions`): a card's layout switched, a page moved, or its parse notes and
scrape-health (S0xx) findings grew.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import ClassVar

from aligner.checks.base import REGISTRY, Check, Docs, quote, register
from aligner.checks.diffcontext import DiffContext, card_name
from aligner.model import Finding, Severity
from aligner.settings import Settings

HEALTH_INCREASE = 3  # R609: this many more parse notes / scrape-health findings on one page
# A new one of these on a page is always R609: unreadable, no episode, invalid; S006 here is only
# the page's bidirectional controls (``textdamage.direction_damage``), which a scraper started writing.
PAGE_PROBLEMS = ("S001", "S002", "S003", "S006")


@register
class LayoutChanged(Check):
    code = "R609"
    name = "layout-changed"
    severity = Severity.WARNING
    mqm = "Terminology/Other"
    scope = "diff"
    thresholds: ClassVar[dict[str, float]] = {"increase": HEALTH_INCREASE}
    docs = Docs(
        what="Reports a card whose layout switched (flattened ↔ line-broken) and a page whose parse health got worse: at least `increase` (default 3) more parse notes and scrape-health (S0xx) findings, counted by code, or a new S001–S003 problem or new bidirectional controls on the page (S006). A warning; an error when the page is unreadable now or its new findings include an error (S006 encoding damage, S009 duplicate chapters).",
        why="A layout switch means the site or the scraper changed; the parser reads both, but other fields may have moved. More parse notes mean the grammar no longer fits the page.",
        example="`es/listing.txt` cards were flattened (one line per card) and are now line-broken markdown.",
        instead="Confirm the scraper change was intended; inspect the new parse notes (`aligner parse`) and adapt the scraper or the parser.",
    )

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        for match in ctx.matched():
            assert match.old is not None and match.new is not None
            if match.old.layout != match.new.layout:
                yield self.diff_finding(
                    match,
                    f"Layout of {card_name(match.new)} changed: {match.old.layout.value} → {match.new.layout.value}",
                    quote(match.new.title, 120),
                )
        for page in ctx.pages:
            if page.old is None or page.new is None:
                continue
            if page.moved_from:
                yield self.diff_page_finding(
                    page,
                    f"Page `{page.moved_from}` is now `{page.page}`: its cards are compared across the move",
                    f"{page.moved_from} → {page.page}",
                )
            increase = ctx.settings.threshold(self.code, "increase", HEALTH_INCREASE, page.new.page.locale)
            added = list((Counter(page.new_issues) - Counter(page.old_issues)).elements())
            new_problems = {p.code for p in page.new.problems} - {p.code for p in page.old.problems}
            worse = len(page.new_issues) - len(page.old_issues)
            counts = f"{len(page.old_issues)} → {len(page.new_issues)} parse notes and scrape-health findings"
            # A page that became unreadable has fewer notes than before: the new problem is the news.
            if problems := sorted(new_problems & set(PAGE_PROBLEMS)):
                message = f"Parse health of `{page.page}` worse: new {'/'.join(problems)} problem ({counts})"
            elif worse >= increase:
                message = f"Parse health of `{page.page}` worse: {counts}; new: {_issue_counts(added)}"
            else:
                continue
            finding = self.diff_page_finding(page, message, _issue_evidence(added))
            locale = page.new.page.locale
            configured = [_issue_severity(issue, ctx.settings, locale) for issue in added]
            if problems or Severity.ERROR in configured:
                finding = replace(finding, severity=Severity.ERROR)
            yield finding


ISSUE_EXAMPLES = 4  # new issues quoted in an R609 finding's evidence


def _issue_code(issue: str) -> str:
    """``S006`` of ``"S006 Encoding damage in …"``; ``note`` of a parse note (``"note: …"``)."""
    return "note" if issue.startswith("note:") else issue.split(" ", 1)[0]


def _issue_severity(issue: str, settings: Settings | None = None, locale: str | None = None) -> Severity:
    """The severity of an issue's check: as configured (``[checks.S006] severity``), else its own."""
    code = _issue_code(issue)
    configured = settings.severity_for(code, locale) if settings is not None else None
    if configured in {s.value for s in Severity}:
        return Severity(configured)
    return _code_severity(code)


def _code_severity(code: str) -> Severity:
    check = REGISTRY.get(code)
    return check.severity if check is not None else Severity.INFO


def _issue_counts(added: Sequence[str]) -> str:
    """``S006 ×114, S004 ×8, 4 parse notes``: the most severe codes first."""
    counts = Counter(_issue_code(issue) for issue in added)
    order = sorted(counts, key=lambda code: (code == "note", -_code_severity(code).rank, code))
    return ", ".join(
        f"{counts[code]} parse note{'s' if counts[code] > 1 else ''}"
        if code == "note"
        else f"{code} ×{counts[code]}"
        for code in order
    )


def _issue_evidence(added: Sequence[str]) -> str:
    """A few of the new issues, the most severe first, parse notes last."""
    ranked = sorted(
        enumerate(added),
        key=lambda item: (-_issue_severity(item[1]).rank, _issue_code(item[1]) == "note", item[0]),
    )
    return " | ".join(issue for _index, issue in ranked[:ISSUE_EXAMPLES])
