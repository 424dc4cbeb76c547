"""The model of the overview page: counts, the episodes × locales matrix and the findings table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aligner.report.html_episode import PageLinks
from aligner.report.html_findings import FindingView, worst_first
from aligner.report.html_text import entry_band, score_text
from aligner.results import RunResult, VariantRow

WORST_PER_CELL = 3


@dataclass(frozen=True, slots=True)
class CellEntry:
    """One variant in a matrix cell."""

    lang: str
    score: str  # "ref" for the reference, "" when there is no score
    band: str  # high, mid, low, bad, ref, none
    errors: int
    warnings: int
    infos: int
    source_path: str
    href: str


@dataclass(frozen=True, slots=True)
class Cell:
    locale: str
    entries: tuple[CellEntry, ...]
    worst: tuple[FindingView, ...]
    more: int  # findings not listed in ``worst``

    @property
    def errors(self) -> int:
        return sum(entry.errors for entry in self.entries)

    @property
    def band(self) -> str:
        """The band of the lowest-scoring entry (``missing`` for an empty cell)."""
        if not self.entries:
            return "missing"
        order = ("bad", "low", "mid", "high", "none", "ref")
        return min((entry.band for entry in self.entries), key=order.index)


@dataclass(frozen=True, slots=True)
class MatrixRow:
    episode_id: str
    title: str
    href: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str


def locales(result: RunResult) -> list[str]:
    """Matrix columns: every page locale seen on a page or a variant, sorted."""
    return sorted({page.locale for page in result.pages} | {row.page_locale for row in result.variant_rows})


def _entry(row: VariantRow, href: str) -> CellEntry:
    return CellEntry(
        lang=row.lang,
        score="ref" if row.is_reference else score_text(row.score),
        band="ref" if row.is_reference else entry_band(row.score, row.errors),
        errors=row.errors,
        warnings=row.warnings,
        infos=row.infos,
        source_path=row.source_path,
        href=href,
    )


def matrix(
    result: RunResult,
    columns: Sequence[str],
    pages: Mapping[str, PageLinks],
    views: Sequence[FindingView],
) -> list[MatrixRow]:
    """Rows in episode order (variant rows of episodes the run did not list come last)."""
    titles: dict[str, str] = {episode.episode_id: episode.title for episode in result.episodes}
    for row in result.variant_rows:
        titles.setdefault(row.episode_id, row.episode_title)
    anchors: dict[str, str] = {}  # variant key → its section on its episode page
    for page in pages.values():
        for key, anchor in page.variants:
            anchors[key] = f"{page.file}#{anchor}"
    grouped: dict[tuple[str, str], list[CellEntry]] = defaultdict(list)
    for row in result.variant_rows:
        href = anchors.get(row.variant_key, "")
        grouped[(row.episode_id, row.page_locale)].append(_entry(row, href))
    findings: dict[tuple[str, str], list[FindingView]] = defaultdict(list)
    for view in views:
        if not view.waived:
            findings[(view.episode_id, view.locale)].append(view)
    rows: list[MatrixRow] = []
    for episode_id, title in titles.items():
        cells = []
        for locale in columns:
            cell_findings = findings.get((episode_id, locale), [])
            worst = worst_first(cell_findings, WORST_PER_CELL)
            entries = tuple(grouped.get((episode_id, locale), ()))
            cells.append(Cell(locale, entries, tuple(worst), len(cell_findings) - len(worst)))
        page = pages.get(episode_id)
        rows.append(MatrixRow(episode_id, title, page.file if page else "", tuple(cells)))
    return rows


def filter_options(views: Sequence[FindingView], result: RunResult) -> dict[str, list[Option]]:
    """The choices of each findings filter, each sorted, taken from the findings themselves."""
    codes = sorted({(v.code, v.name) for v in views})
    episode_titles: dict[str, str] = {}
    for view in views:
        episode_titles.setdefault(view.episode_key, view.episode_title)
    order = {episode.episode_id: i for i, episode in enumerate(result.episodes)}
    episodes = sorted(episode_titles.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return {
        "code": [Option(code, f"{code} {name}") for code, name in codes],
        "locale": [Option(locale, locale) for locale in sorted({v.locale for v in views})],
        "episode": [
            Option(episode_id, title or ("(no episode)" if episode_id == "-" else episode_id))
            for episode_id, title in episodes
        ],
    }
