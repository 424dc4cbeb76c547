"""Findings as the HTML templates show them: plain records with a link and a waived flag."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass

from aligner.findingkey import finding_key
from aligner.model import Finding
from aligner.report.html_text import Segments, code_segments

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class FindingView:
    code: str
    name: str
    severity: str
    rank: int  # 3 error, 2 warning, 1 info: sorts the severity column
    message: str
    evidence: str
    episode_id: str
    episode_title: str
    locale: str
    lang: str
    ref_lang: str
    chapter_ts: str
    chapter_sort: int
    source_path: str
    mqm: str
    waived: bool
    href: str  # where the finding is shown ("" when it belongs to no episode page)
    waiver_reason: str = ""  # the reason of the waiver that accepts it
    new: bool = False  # (nightly) not found the night before

    @property
    def status(self) -> str:
        return "waived" if self.waived else "active"

    @property
    def message_parts(self) -> Segments:
        return code_segments(self.message, self.lang)

    @property
    def episode_key(self) -> str:
        """The episode filter value: the id, or ``-`` for page-level findings."""
        return self.episode_id or "-"


def finding_view(finding: Finding, waived: bool, href: str, new: bool = False) -> FindingView:
    return FindingView(
        code=finding.code,
        name=finding.name,
        severity=finding.severity.value,
        rank=finding.severity.rank,
        message=finding.message,
        evidence=finding.evidence,
        episode_id=finding.episode_id,
        episode_title=finding.episode_title,
        locale=finding.page_locale,
        lang=finding.lang,
        ref_lang=finding.ref_lang,
        chapter_ts=finding.chapter_ts,
        chapter_sort=finding.chapter_sort,
        source_path=finding.source_path,
        mqm=finding.mqm,
        waived=waived,
        href=href,
        waiver_reason=finding.waived if waived else "",
        new=new,
    )


def tagged(active: Iterable[Finding], waived: Iterable[Finding]) -> list[tuple[Finding, bool]]:
    """Active and waived findings in one list, in report order (waived after an equal active)."""
    return sorted([(f, False) for f in active] + [(f, True) for f in waived])


def finding_views(
    active: Iterable[Finding],
    waived: Iterable[Finding],
    href: Callable[[Finding], str],
    new_keys: Set[str] = frozenset(),
) -> list[FindingView]:
    """The report's findings; with ``new_keys`` (a nightly run's keys new since the night before,
    ``aligner.history.finding_key``), each marked new or not."""
    return [
        finding_view(f, is_waived, href(f), bool(new_keys) and finding_key(f) in new_keys)
        for f, is_waived in tagged(active, waived)
    ]


class FindingPlacer:
    """Hands each chapter finding to the first row of its variant at its ``chapter_sort``.

    What no row claims stays for :meth:`rest`, so an episode page loses no finding.
    """

    def __init__(self, findings: Sequence[tuple[Finding, bool]]) -> None:
        self._by_key: dict[tuple[str, int], list[FindingView]] = defaultdict(list)
        self._loose: dict[str, list[FindingView]] = defaultdict(list)
        self._order: dict[int, int] = {}
        for position, (finding, waived) in enumerate(findings):
            item = finding_view(finding, waived, "")
            self._order[id(item)] = position
            if finding.chapter_ts and finding.chapter_sort >= 0:
                self._by_key[(finding.variant_key, finding.chapter_sort)].append(item)
            else:
                self._loose[finding.variant_key].append(item)

    def take(self, variant_key: str, seconds: int) -> tuple[FindingView, ...]:
        return tuple(self._by_key.pop((variant_key, seconds), ()))

    def rest(self, variant_key: str) -> tuple[FindingView, ...]:
        """Variant-level findings, then chapter findings no row claimed, in report order."""
        loose = list(self._loose.pop(variant_key, ()))
        for key in sorted(k for k in self._by_key if k[0] == variant_key):
            loose.extend(self._by_key.pop(key))
        return tuple(sorted(loose, key=lambda v: self._order[id(v)]))

    def leftover_keys(self) -> list[str]:
        return sorted({k for k, _ in self._by_key} | set(self._loose))


def worst_first(views: Iterable[FindingView], limit: int) -> list[FindingView]:
    """The ``limit`` most severe views, most severe first, report order within a severity."""
    ordered = list(views)
    return sorted(ordered, key=lambda v: -v.rank)[:limit]
