"""Translation-fidelity defects injected into the real Japanese LeCun page: a truncated chapter
(T501), a changed year (T502), a dropped name (T503), a dropped glossary term (T506). Each is
reported at its chapter, and the untouched variants (and the clean pages) stay quiet."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.model import Finding
from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests import defects
from tests.conftest import ROOT, SAMPLES

FIDELITY = ("T501", "T502", "T503", "T506", "Q204")
JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"
GLOSSARY = ROOT / "samples" / "glossary.csv"

Inject = Callable[[str], str]


def _run(tmp_path: Path, edit: Inject, source_lang: str = "en") -> list[Finding]:
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "ja" / "laidub-ja-page.txt"
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    settings = Settings(source_lang=source_lang, glossary=str(GLOSSARY))
    return [f for f in check_paths([str(tmp_path / "pages")], settings).findings if f.code in FIDELITY]


@pytest.mark.parametrize("source_lang", ["en", "ja"])
def test_the_clean_pages_raise_no_fidelity_finding(tmp_path: Path, source_lang: str) -> None:
    """Both directions of the real Spanish/Japanese pair: Spanish as the reference, then Japanese."""
    assert _run(tmp_path, lambda t: t, source_lang) == []


CASES: list[tuple[str, Inject, set[tuple[str, str]]]] = [
    (
        "chapter-cut-to-a-third",
        lambda t: defects.truncate_chapter_body(t, JA_LECUN, "15:55", 1 / 3),
        {("T501", "15:55"), ("T502", "15:55")},  # the lost two thirds held "20 hours" and "level 5"
    ),
    (
        "chapter-pasted-twice",
        lambda t: defects.duplicate_body(t, JA_LECUN, "28:18"),
        {("T501", "28:18")},
    ),
    (
        "year-changed",
        lambda t: defects.replace_in_chapter(t, JA_LECUN, "20:37", "2027年", "2028年"),
        {("T502", "20:37")},
    ),
    (
        "one-of-two-years-changed",
        lambda t: defects.replace_in_chapter(t, JA_LECUN, "01:00:26", "2025年初頭", "2026年初頭"),
        {("T502", "01:00:26")},
    ),
    (
        "name-dropped",
        lambda t: defects.replace_in_chapter(t, JA_LECUN, "58:00", "ヤン・Zuckerberg・CTO", "ヤンとCTO"),
        {("T503", "58:00")},
    ),
    (
        "acronym-dropped",
        lambda t: defects.replace_in_chapter(t, JA_LECUN, "12:07", "JEPA", "このアーキテクチャ"),
        {("T503", "12:07")},
    ),
    (
        "glossary-term-replaced",
        lambda t: defects.replace_in_chapter(t, JA_LECUN, "44:32", "ワールドモデル", "世界の模型"),
        {("T506", "44:32")},
    ),
]


@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_injected_fidelity_defect_is_reported_at_its_chapter(
    tmp_path: Path, case: str, edit: Inject, expected: set[tuple[str, str]]
) -> None:
    findings = _run(tmp_path, edit)
    assert {(f.code, f.chapter_ts) for f in findings} == expected
    assert {(f.page_locale, f.lang, f.ref_lang) for f in findings} == {("ja", "ja", "es")}


def test_messages_name_the_chapter_and_the_change(tmp_path: Path) -> None:
    edit = lambda t: defects.replace_in_chapter(t, JA_LECUN, "20:37", "2027年", "2028年")  # noqa: E731
    (finding,) = _run(tmp_path, edit)
    assert finding.message == "Chapter `[20:37]`: `2027` missing in `ja` (has `2028`)"


def test_the_z_thresholds_are_configurable(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "ja" / "laidub-ja-page.txt"
    edited = defects.truncate_chapter_body(page.read_text(encoding="utf-8"), JA_LECUN, "15:55", 1 / 3)
    page.write_text(edited, encoding="utf-8")
    lenient = Settings(thresholds={"T501": {"z": 50.0}})
    strict = Settings(locales={"ja": {"thresholds": {"T501": {"z": 0.5}, "Q204": {"z": 0.5}}}})
    assert not [f for f in check_paths([str(tmp_path / "pages")], lenient).findings if f.code == "T501"]
    noisy = [f for f in check_paths([str(tmp_path / "pages")], strict).findings if f.code in ("T501", "Q204")]
    assert len({f.chapter_ts for f in noisy if f.code == "T501"}) > 3 and any(f.code == "Q204" for f in noisy)
