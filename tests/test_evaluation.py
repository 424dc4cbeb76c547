"""The evaluation pieces: ROC AUC by Mann–Whitney U, counts, defect injection, the labelled run."""

from __future__ import annotations

import pytest

from aligner.evaluation import inject
from aligner.evaluation.corpus import LECUN_JA, VINYALS_ES, chapters
from aligner.evaluation.metrics import Counts, compare_sets, roc_auc
from aligner.evaluation.validation import DefectCase, validate

LINE = 'Summary. ## [00:00] Intro Body one 2023. > *"Quote one."* ## [01:10] Next Body two. ## Entities - **A** (Person): x'


@pytest.mark.parametrize(
    ("positives", "negatives", "expected"),
    [
        ([3.0, 4.0], [1.0, 2.0], 1.0),
        ([1.0, 2.0], [3.0, 4.0], 0.0),
        ([1.0, 1.0], [1.0], 0.5),
        ([3.0, 4.0, 5.0], [1.0, 2.0, 3.0], 8.5 / 9),  # one tie counts half
    ],
)
def test_roc_auc_is_the_normalized_mann_whitney_u(positives, negatives, expected) -> None:  # type: ignore[no-untyped-def]
    assert roc_auc(positives, negatives) == pytest.approx(expected)


def test_roc_auc_needs_both_groups() -> None:
    with pytest.raises(ValueError):
        roc_auc([], [1.0])


def test_counts_precision_recall() -> None:
    counts = compare_sets({"a", "b", "c"}, {"b", "c", "d", "e"}) + Counts(tp=1)
    assert (counts.tp, counts.fp, counts.fn) == (3, 1, 2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert Counts().precision is None and Counts().recall is None


def test_swap_contents_keeps_the_timestamps() -> None:
    out = inject.swap_contents(LINE, "Summary.", "00:00", "01:10")
    assert out.index("## [00:00]") < out.index("## [01:10]")
    assert out.index("Next Body two") < out.index("## [01:10]") < out.index("Intro Body one")


def test_shift_contents_moves_each_body_down_one_chapter() -> None:
    out = inject.shift_contents(LINE, "Summary.")
    assert out.count("Intro Body one") == 2 and "Next Body two" not in out


def test_body_edits_keep_title_and_quote() -> None:
    out = inject.markup_body(LINE, "Summary.", "00:00", "Intro")
    assert "## [00:00] Intro <b>" in out and "&amp;" in out and '> *"Quote one."*' in out
    out = inject.change_number(LINE, "Summary.", "00:00", "Intro")
    assert "2031" in out and "2023" not in out
    out = inject.truncate_body(LINE, "Summary.", "00:00", "Intro", 0.5)
    assert "Body one 2023" not in out and "## [01:10]" in out


def test_mojibake_is_utf8_read_as_cp1252() -> None:
    assert inject.mojibake("después") == "despuÃ©s"
    assert inject.mojibake("—") == "â€”"


def test_an_edit_that_changes_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        inject.replace_body(LINE, "Summary.", "01:10", "Next", "Body two.")
    with pytest.raises(ValueError):
        inject.drop_chapter(LINE, "Summary.", "09:99")


def test_drop_and_add_chapter() -> None:
    assert "## [00:00]" not in inject.drop_chapter(LINE, "Summary.", "00:00")
    out = inject.add_chapter(LINE, "Summary.", "01:10", "02:00", "Extra Body three.")
    assert out.index("## [01:10]") < out.index("## [02:00] Extra") < out.index("## Entities")


def test_target_chapters_come_from_the_clean_pages() -> None:
    lecun = chapters(LECUN_JA)
    assert len(lecun.timestamps) == 13 and lecun.timestamps[-2] == "01:00:26"
    assert lecun.ref_body("00:00").startswith("Jacob Effron abre")
    assert len(chapters(VINYALS_ES).timestamps) == 17


def test_validation_separates_and_detects_on_a_small_case_set() -> None:
    m = LECUN_JA.marker
    cases = [
        DefectCase(
            "dropped-quote [12:07]",
            "dropped-quote",
            LECUN_JA,
            lambda x, ch: inject.drop_quote(x, m, "12:07"),
            lambda ch: {"12:07"},
        ),
        DefectCase(
            "swapped",
            "swapped",
            LECUN_JA,
            lambda x, ch: inject.swap_contents(x, m, "07:51", "28:18"),
            lambda ch: {"07:51", "28:18"},
        ),
    ]
    report = validate(cases)
    assert report.auc() == 1.0
    assert report.checks["Q201"].recall == 1.0 and report.checks["C106"].recall == 1.0
    assert report.checks["C106"].fp == 0
    assert report.clean_variants and all(v[3] == 0 and v[4] == 0 for v in report.clean_variants if v[2])
