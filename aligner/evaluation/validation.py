"""Validate the chapter score and the checks on labelled fixtures built from the real pages.

Every :class:`DefectCase` injects one defect into one variant of the sample pages, names the
chapters it makes defective and the check codes expected to fire there. :func:`validate` runs the
whole pipeline on the clean pages and on every case and measures:

* **score separation** — ROC AUC of the chapter ``score`` (``chapters.csv``) between clean and
  defective chapter pairs: overall, on matched pairs only, and per defect kind. Clean chapters are
  every chapter pair of the clean run plus the untouched chapters of each edited variant.
* **per-check precision/recall** — a defect is detected by a code when that code fires at the
  defective chapter of the edited variant; a false positive is an error/warning finding of that
  code on a clean chapter or clean variant (clean run: any finding but the ones the real pages
  are known to deserve; edited runs: findings on the edited variant outside its defective
  chapters that the clean run does not have).
* **clean variants** — errors and warnings per variant in the clean run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from aligner.evaluation import inject
from aligner.evaluation.corpus import (
    HASSABIS_ES,
    LECUN_JA,
    VINYALS_ES,
    Chapters,
    Edit,
    Target,
    chapters,
    is_target,
    run_result,
)
from aligner.evaluation.metrics import Counts, roc_auc
from aligner.model import Finding, Severity, format_ts
from aligner.results import ChapterRow, RunResult

# Defect kind → the codes expected at the defective chapter (T504 is expected for every chapter defect).
EXPECTED: dict[str, tuple[str, ...]] = {
    "truncated": ("T501",),
    "untranslated": ("L403",),
    "swapped": ("C106",),
    "shifted": ("C106",),
    "dropped-quote": ("Q201",),
    "changed-number": ("T502",),
    "mojibake": ("S006",),
    "markup": ("S007",),
    "dropped-chapter": ("C101",),
    "extra-chapter": ("C102",),
}
CHAPTER_SCORE_CODE = "T504"
# What the real pages deserve as they are: the untranslated copies are L401 on their pages, and the
# Spanish page glues the channel to the date (`Jacob Effronhace 3 días`, S005).
KNOWN_REAL: frozenset[str] = frozenset({"L401", "S005"})


@dataclass(frozen=True, slots=True)
class DefectCase:
    name: str
    kind: str
    target: Target
    edit: Edit
    defective: Callable[[Chapters], set[str]]  # chapter labels (reference ts; variant ts for extras)


def _one(kind: str, target: Target, ts: str, edit: Callable[[str, Chapters], str]) -> DefectCase:
    return DefectCase(f"{kind} [{ts}]", kind, target, edit, lambda ch: {ch.var[ts].label})


def cases_for(target: Target, translated: bool) -> list[DefectCase]:
    ts = chapters(target).timestamps
    m = target.marker
    picks = [ts[1], ts[len(ts) // 2], ts[-2]]
    result: list[DefectCase] = []
    for t in picks:
        result += [
            _one("truncated", target, t, lambda x, ch, t=t: inject.truncate_body(x, m, t, ch.title(t), 0.4)),
            _one("dropped-quote", target, t, lambda x, ch, t=t: inject.drop_quote(x, m, t)),
            _one("mojibake", target, t, lambda x, ch, t=t: inject.mojibake_body(x, m, t, ch.title(t))),
            _one("markup", target, t, lambda x, ch, t=t: inject.markup_body(x, m, t, ch.title(t))),
            _one("dropped-chapter", target, t, lambda x, ch, t=t: inject.drop_chapter(x, m, t)),
        ]
        if translated:
            result.append(
                _one(
                    "untranslated",
                    target,
                    t,
                    lambda x, ch, t=t: inject.replace_body(x, m, t, ch.title(t), ch.ref_body(t)),
                )
            )
    for t in [s for s in ts if _has_number(chapters(target).body(s))][:3]:
        result.append(
            _one("changed-number", target, t, lambda x, ch, t=t: inject.change_number(x, m, t, ch.title(t)))
        )
    a, b = ts[2], ts[len(ts) // 2 + 1]
    result.append(
        DefectCase(
            f"swapped [{a}]↔[{b}]",
            "swapped",
            target,
            lambda x, ch: inject.swap_contents(x, m, a, b),
            lambda ch: {ch.var[a].label, ch.var[b].label},
        )
    )
    result.append(
        DefectCase(
            "shifted by one",
            "shifted",
            target,
            lambda x, ch: inject.shift_contents(x, m),
            lambda ch: {ch.var[s].label for s in ch.timestamps[1:]},
        )
    )
    last, extra = ts[-1], _after(ts[-1])
    result.append(
        DefectCase(
            f"extra-chapter [{extra}]",
            "extra-chapter",
            target,
            lambda x, ch: inject.add_chapter(x, m, last, extra, _extra_text(ch)),
            lambda ch: {extra},
        )
    )
    return result


def _has_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _after(ts: str) -> str:
    """A timestamp 2½ minutes after ``ts`` (where an extra chapter goes)."""
    parts = [int(p) for p in ts.split(":")]
    seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[0] if len(parts) == 3 else 0) + 150
    return format_ts(seconds)


def _extra_text(ch: Chapters) -> str:
    """A plausible extra chapter: another chapter's title and body, in the variant's language."""
    first = ch.timestamps[0]
    return f"{ch.title(first)} {ch.body(first)}"


def default_cases() -> list[DefectCase]:
    return cases_for(LECUN_JA, translated=True) + cases_for(HASSABIS_ES, False) + cases_for(VINYALS_ES, False)


# -- running and measuring ---------------------------------------------------------------------------


@dataclass
class Report:
    clean_scores: list[float] = field(default_factory=list)
    defect_scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    clean_matched: list[float] = field(default_factory=list)
    defect_matched: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    checks: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    detections: list[tuple[str, str, str, bool]] = field(default_factory=list)  # case, kind, code, found
    false_positives: list[tuple[str, Finding]] = field(default_factory=list)  # case name, finding
    clean_variants: list[tuple[str, str, bool, int, int]] = field(default_factory=list)

    def auc(self, kind: str | None = None, matched_only: bool = False) -> float:
        clean = self.clean_matched if matched_only else self.clean_scores
        source = self.defect_matched if matched_only else self.defect_scores
        bad = source[kind] if kind else [s for scores in source.values() for s in scores]
        return roc_auc(clean, bad)


def _key(row: ChapterRow) -> str:
    return row.ref_ts or row.var_ts


def _serious(finding: Finding) -> bool:
    return finding.severity in (Severity.ERROR, Severity.WARNING)


def validate(cases: list[DefectCase]) -> Report:
    report = Report()
    clean = run_result([])
    baseline = {(f.variant_key.split("/")[-1], f.chapter_ts, f.code) for f in clean.findings}
    _measure_clean(clean, report)
    for case in cases:
        result = run_result([(case.target, case.edit)])
        _measure_case(case, result, baseline, report)
    return report


def _measure_clean(result: RunResult, report: Report) -> None:
    for row in result.chapters:
        report.clean_scores.append(row.score)
        if row.ref_ts and row.var_ts:
            report.clean_matched.append(row.score)
    for finding in result.findings:
        if _serious(finding) and finding.code not in KNOWN_REAL:
            report.checks[finding.code] += Counts(fp=1)
            report.false_positives.append(("clean", finding))
    for row in result.variant_rows:
        if row.source_path and not row.is_reference:
            localized = row.lang == row.page_locale
            report.clean_variants.append(
                (row.episode_id, row.page_locale, localized, row.errors, row.warnings)
            )


def _measure_case(
    case: DefectCase, result: RunResult, baseline: set[tuple[str, str, str]], report: Report
) -> None:
    variant = next(v for v in result.variants if is_target(v, case.target))
    defective = case.defective(chapters(case.target))
    for row in result.chapters:
        if not (row.source_path == variant.source_path and row.lang == variant.lang):
            continue
        if _key(row) in defective:
            report.defect_scores[case.kind].append(row.score)
            if row.ref_ts and row.var_ts:
                report.defect_matched[case.kind].append(row.score)
        else:
            report.clean_scores.append(row.score)
            if row.ref_ts and row.var_ts:
                report.clean_matched.append(row.score)
    mine = [f for f in result.findings if f.variant_key == variant.key]
    expected = set(EXPECTED[case.kind])
    if case.kind not in ("dropped-chapter", "extra-chapter"):
        expected.add(CHAPTER_SCORE_CODE)
    for code in sorted(expected):
        for label in sorted(defective):
            found = any(f.code == code and f.chapter_ts == label for f in mine)
            report.checks[code] += Counts(tp=1) if found else Counts(fn=1)
            report.detections.append((case.name, case.kind, code, found))
    page = variant.key.split("/")[-1]
    for f in mine:
        if not _serious(f) or f.chapter_ts in defective:
            continue
        if (page, f.chapter_ts, f.code) in baseline:
            continue
        report.checks[f.code] += Counts(fp=1)
        report.false_positives.append((case.name, f))
