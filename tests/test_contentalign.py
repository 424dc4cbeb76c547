"""Content alignment and C106 on the real sample pages: silent on the clean pages, firing at
exactly the chapters whose bodies were swapped or shifted (the timestamps stay, the bodies move)."""

from __future__ import annotations

from functools import cache

import pytest

from aligner.contentalign import anchor_tokens, build_matrix
from aligner.contentmatrix import misalignments
from aligner.evaluation import inject
from aligner.evaluation.alignment import cases_for, evaluate
from aligner.evaluation.corpus import LECUN_JA, MARKER_LECUN, Chapters, chapters, run_analysis, run_result
from aligner.model import Finding

LECUN = MARKER_LECUN


@cache
def _lecun() -> Chapters:
    return chapters(LECUN_JA)


def _c106(edit) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    result = run_result([(LECUN_JA, edit)])
    return {(f.lang, f.chapter_ts, _other(f)) for f in result.findings if f.code == "C106"}


def _other(finding: Finding) -> str:
    """The chapter a C106 finding names: "carries the content of `[X]`", or "has the body of `[X]`"
    when the body is that chapter's own, pasted (the first chapter of a shift keeps its body)."""
    said = "content of `[" if "content of `[" in finding.message else "body of `["
    return finding.message.split(said)[1].split("]")[0]


def test_clean_pages_have_no_misaligned_chapter() -> None:
    analysis = run_analysis([])
    assert len(analysis.alignments) == 5
    for episode in analysis.episodes:
        for variant in episode.others:
            matrix = build_matrix(episode.reference, analysis.alignments[variant.key])
            assert misalignments(matrix) == [], variant.key
            assert all(matrix.fit(i) == 1.0 for i, _j in matrix.partners), variant.key


def test_lecun_pair_has_thirteen_chapters_all_fitting_their_own_timestamp() -> None:
    analysis = run_analysis([])
    episode = next(e for e in analysis.episodes if e.ref_lang == "es")
    matrix = build_matrix(episode.reference, analysis.alignments[episode.others[0].key])
    assert len(matrix.partners) == 13
    for i, j in matrix.partners:  # each variant body is closest to its own reference chapter
        assert max(range(len(matrix.ref)), key=lambda k: matrix.scores[k][j]) == i


def test_nearly_identical_quotes_of_first_and_penultimate_chapter_do_not_mislead() -> None:
    ch = _lecun()
    assert "quitarte de en medio" in ch.ref["00:00"].quotes[0].text
    assert "quitarte de en medio" in ch.ref["01:00:26"].quotes[0].text
    analysis = run_analysis([])
    episode = next(e for e in analysis.episodes if e.ref_lang == "es")
    matrix = build_matrix(episode.reference, analysis.alignments[episode.others[0].key])
    first, late = 0, 11
    assert matrix.ref[late].label == "01:00:26"
    assert matrix.scores[first][0] > matrix.scores[late][0] + 0.3
    assert matrix.scores[late][late] > matrix.scores[first][late] + 0.3


def test_swapped_bodies_fire_at_both_chapters_naming_each_other() -> None:
    found = _c106(lambda text, ch: inject.swap_contents(text, LECUN, "07:51", "28:18"))
    assert found == {("ja", "07:51", "28:18"), ("ja", "28:18", "07:51")}


def test_swapped_bodies_with_titles_kept_fire_too() -> None:
    def edit(text: str, ch: Chapters) -> str:
        text = inject.replace_body(text, LECUN, "12:07", ch.title("12:07"), "x")
        text = inject.replace_body(text, LECUN, "15:55", ch.title("15:55"), ch.body("12:07"))
        return inject.replace_body(text, LECUN, "12:07", ch.title("12:07"), ch.body("15:55"))

    assert _c106(edit) == {("ja", "12:07", "15:55"), ("ja", "15:55", "12:07")}


def test_bodies_shifted_by_one_fire_at_every_moved_chapter() -> None:
    found = _c106(lambda text, ch: inject.shift_contents(text, LECUN))
    labels = [ch.label for ch in _lecun().var.values()]
    expected = {("ja", labels[k], labels[k - 1]) for k in range(1, len(labels))}
    assert found == expected


@pytest.mark.parametrize(
    "edit",
    [
        lambda text, ch: inject.truncate_body(text, LECUN, "15:55", ch.title("15:55"), 0.3),
        lambda text, ch: inject.pad_body(text, LECUN, "44:32", ch.title("44:32")),
        lambda text, ch: inject.drop_chapter(text, LECUN, "20:37"),
        lambda text, ch: inject.replace_body(text, LECUN, "12:07", ch.title("12:07"), ch.ref_body("12:07")),
    ],
    ids=["truncated", "padded", "dropped-chapter", "untranslated-chapter"],
)
def test_other_damage_is_not_misalignment(edit) -> None:  # type: ignore[no-untyped-def]
    assert _c106(edit) == set()


def test_anchor_tokens_survive_translation() -> None:
    es = anchor_tokens("Los LLMs de Meta y la arquitectura JEPA en 2022", "es", {})
    ja = anchor_tokens("MetaのLLMとJEPAアーキテクチャ、2022年", "ja", {})
    assert {"w:llm", "w:meta", "w:jepa", "n:2022"} <= es & ja


def test_localized_entity_names_share_a_key() -> None:
    tokens = anchor_tokens("本来のワールドモデルとは", "ja", {"ワールドモデル": "world model"})
    assert "e:world model" in tokens


def test_content_alignment_beats_gale_church_on_a_swap() -> None:
    swap = next(c for c in cases_for(LECUN_JA) if c.kind == "swap")
    outcomes = {o.method: o.counts for o in evaluate([swap])}
    assert (outcomes["content"].tp, outcomes["content"].fp, outcomes["content"].fn) == (2, 0, 0)
    assert outcomes["gale-church"].tp == 0


@pytest.mark.parametrize("side", ["variant", "reference"])
def test_a_side_without_chapters_gives_an_empty_matrix(side: str) -> None:
    """A card that lost every chapter is C101's to report; the content matrix must not fail on it
    (numpy infers float for an empty list, which a boolean ``&`` rejects)."""
    from dataclasses import replace

    analysis = run_analysis([])
    episode = analysis.episodes[0]
    alignment = analysis.alignments[episode.others[0].key]
    reference = episode.reference
    if side == "variant":
        alignment = replace(alignment, variant=replace(alignment.variant, chapters=()), chapters=())
    else:
        reference = replace(reference, chapters=())
    matrix = build_matrix(reference, alignment)
    assert misalignments(matrix) == []
    assert matrix.partners == ()
    assert len(matrix.scores) == len(reference.chapters)
