"""Chapters under a wrong timestamp: a missing and an extra chapter that are one (C101/C102 name
each other, C104 blames no neighbour), a slip of the digits called a mistyped timestamp, a time no
clock shows (S003 alone), a heading not read as a time (found by QA of the pre-publish gate and a
review session)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aligner.model import Variant
from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests import defects
from tests.checkedpages import JA_LECUN, checked_with
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    ("ts", "typed", "typo"),
    [("12:07", "21:07", True), ("28:18", "82:18", True), ("15:55", "45:10", False)],
)
def test_a_chapter_under_a_wrong_timestamp_is_said_to_carry_the_missing_one(
    tmp_path: Path, ts: str, typed: str, typo: bool
) -> None:
    """A Japanese chapter typed `[21:07]` for `[12:07]` was only "missing" (C101) and an extra
    `[21:07]` (C102): the two findings now name each other — the content matrix finds the
    reference chapter in the extra one — and a slip of the digits is called a mistyped timestamp."""
    findings = checked_with(tmp_path, "ja", lambda t: defects.retime(t, JA_LECUN, ts, typed))
    said = {f.code: f.message for f in findings if f.page_locale == "ja" and f.code in ("C101", "C102")}
    hint = ", a mistyped timestamp?" if typo else ""
    assert said["C101"].endswith(f": its content is under `[{typed}]`{hint}")  # as the page writes it
    assert said["C102"].endswith(f": it carries the content of `[{ts}]`{hint}")
    # the neighbour it put out of order is not blamed as well (one slip, one error)
    assert [f.message for f in findings if f.page_locale == "ja" and f.code == "C104"] == []


def test_a_dropped_chapter_is_not_said_to_be_elsewhere(tmp_path: Path) -> None:
    """A chapter dropped and another added elsewhere: nothing claims the added one carries it."""

    def edited(text: str) -> str:
        dropped = defects.drop_chapter(text, JA_LECUN, "15:55")
        return defects.add_chapter(
            dropped, JA_LECUN, "44:32", "47:00", "追加の質問 リスナーからの計算予算についての質問。"
        )

    findings = checked_with(tmp_path, "ja", edited)
    said = {f.code: f.message for f in findings if f.page_locale == "ja" and f.code in ("C101", "C102")}
    assert said["C101"] == "Chapter `[15:55]` missing in `ja`"
    assert said["C102"] == "Chapter `[47:00]` in `ja` has no reference chapter"


def test_an_impossible_timestamp_is_s003_alone(tmp_path: Path) -> None:
    """`[15:95]`, read as 16:35: S003 said so, and a C103 drift of +40 s for a time the page does
    not show came with it; the S003 line printed the page's path twice (found by QA of the gate)."""
    findings = checked_with(tmp_path, "ja", lambda t: defects.retime(t, JA_LECUN, "15:55", "15:95"))
    ja = [f for f in findings if f.page_locale == "ja" and f.code in ("S003", "C103")]
    assert [f.code for f in ja] == ["S003"]
    assert ja[0].message.startswith("The timestamp `[15:95]` in `") and ja[0].source_path not in ja[0].message


@pytest.mark.parametrize("typed", ["15.55", "15h55"])
def test_a_missing_chapter_names_the_heading_not_read_as_a_timestamp(tmp_path: Path, typed: str) -> None:
    """`[15.55]` is no timestamp: the chapter was "missing" and the parse note that explains it was
    counted apart, at the top of the log (found by QA of the gate)."""
    findings = checked_with(tmp_path, "ja", lambda t: defects.retime(t, JA_LECUN, "15:55", typed))
    (missing,) = [f for f in findings if f.page_locale == "ja" and f.code == "C101"]
    assert missing.message.startswith(
        f"Chapter `[15:55]` missing in `ja`: the page has the heading `[{typed}]"
    )
    assert missing.message.endswith(", not read as a timestamp")


def test_a_weak_match_in_a_small_card_is_not_named_as_the_missing_chapter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reference of two chapters, a variant of [45:00] and an extra [50:00]: similarities of
    0.63 against 0.43–0.47 said "`[00:00]` … its content is under `[50:00]`, a mistyped timestamp?"
    (found by a review session). Only a clear match both ways, and a close one, is named."""
    import numpy as np

    from aligner.checks import chapters
    from aligner.contentmatrix import ContentMatrix
    from aligner.model import Alignment, Chapter, ChapterPair

    ref = (Chapter(0, "00:00", "a", "x"), Chapter(2700, "45:00", "b", "y"))
    var = (Chapter(2700, "45:00", "b", "y"), Chapter(3000, "50:00", "c", "z"))
    pairs = (
        ChapterPair(ref[0], None, "missing"),
        ChapterPair(ref[1], var[0], "matched"),
        ChapterPair(None, var[1], "extra"),
    )
    alignment = Alignment(replace(_variant(), chapters=var), pairs, ())
    reference = replace(_variant(), chapters=ref)

    def matrix(scores: list[list[float]]) -> ContentMatrix:
        return ContentMatrix.of(ref, var, np.array(scores), ((1, 0),))

    monkeypatch.setattr(chapters, "build_matrix", lambda _r, _a: matrix([[0.43, 0.63], [0.82, 0.47]]))
    assert chapters._relocations(reference, alignment) == ({}, {})
    monkeypatch.setattr(chapters, "build_matrix", lambda _r, _a: matrix([[0.30, 0.81], [0.82, 0.42]]))
    chapters._relocations.cache_clear()  # type: ignore[attr-defined]
    homes, origins = chapters._relocations(reference, alignment)
    assert homes == {id(ref[0]): var[1]} and origins == {id(var[1]): ref[0]}


def _variant() -> Variant:
    from aligner.model import Layout

    return Variant("fr/p.md", "fr", 0, "T", "S", (), (), Layout.LINE_BROKEN)


def test_an_untitled_missing_chapter_keeps_its_fingerprint_whatever_the_hint(tmp_path: Path) -> None:
    """A chapter without a title has no evidence: it was fingerprinted on its message, which the
    relocation hint now lengthens — a new C101 for nightly and stale waivers (found by a review
    session). Its evidence is the message as it was."""
    from aligner.fingerprint import fingerprint

    source = (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8")
    untitled = source.replace("## [15:51] Project Mario: The Secret Spinout Plan", "## [15:51]")
    (tmp_path / "en").mkdir()
    (tmp_path / "fr").mkdir()
    (tmp_path / "en" / "hassabis.md").write_text(untitled, encoding="utf-8")
    (tmp_path / "fr" / "hassabis.md").write_text(
        untitled.replace("## [15:51]", "## [05:51]"), encoding="utf-8"
    )
    findings = check_paths([str(tmp_path)], Settings()).findings
    (missing,) = [f for f in findings if f.code == "C101"]
    assert "its content is under `[05:51]`, a mistyped timestamp?" in missing.message
    plain = "Chapter `[15:51]` missing in `en`"
    assert missing.fingerprint == fingerprint("C101", missing.episode_id, "fr", "15:51", "", plain)


def test_two_whole_minutes_one_digit_apart_are_no_mistyped_timestamp() -> None:
    """A local sponsor's slot at `[10:00]` for the reference's `[40:00]`: "a mistyped timestamp?"
    would have the translator re-time it (found by QA of new heuristics)."""
    from aligner.checks.chapters import _typo
    from aligner.model import Chapter

    assert _typo(Chapter(2400, "40:00", "", ""), Chapter(600, "10:00", "", "")) == ""
    assert _typo(Chapter(124, "02:04", "", ""), Chapter(1204, "20:04", "", "")) == ", a mistyped timestamp?"


def test_a_shifted_chapter_whose_digits_slipped_is_said_to_be_mistyped(tmp_path: Path) -> None:
    """`[32:46]` for `[23:46]`, still between the same neighbours: C103 said "+540 s (beyond
    tolerance)" where `[20:04]` for `[02:04]` was "a mistyped timestamp?" (found by QA of the gate)."""
    findings = checked_with(tmp_path, "ja", lambda t: defects.retime(t, JA_LECUN, "28:18", "29:18"))
    (shifted,) = [f for f in findings if f.page_locale == "ja" and f.code == "C103"]
    assert (
        shifted.message
        == "Chapter `[28:18]` is at `[29:18]` in `ja` (+60 s) (beyond tolerance, a mistyped timestamp?)"
    )
