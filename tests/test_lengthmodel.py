"""The length model: priors, robust calibration, the blend, and z-scores on the real pages."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from aligner.lengthmodel import (
    MIN_PAIRS,
    MIN_SIGMA,
    PRIOR_SIGMA,
    LengthModel,
    alignment_samples,
    chapter_length,
    fit,
    text_length,
)
from aligner.model import Alignment, Chapter, ChapterPair, Layout, Variant
from aligner.pipeline import analyse, load, run_checks
from aligner.results import RunResult
from aligner.settings import Settings
from tests.conftest import SAMPLES


def _chapter(ts: int, chars: int, lang: str, text: str = "x") -> Chapter:
    return Chapter(ts=ts, ts_text="", title="", body=(text * chars)[:chars], lang=lang)


def _alignment(ref_lens: list[int], var_lens: list[int], ref_lang: str, var_lang: str) -> Alignment:
    pairs = tuple(
        ChapterPair(_chapter(60 * i, r, ref_lang), _chapter(60 * i, v, var_lang), "matched")
        for i, (r, v) in enumerate(zip(ref_lens, var_lens, strict=True))
    )
    variant = Variant(
        source_path=f"{var_lang}.md",
        page_locale=var_lang,
        position=0,
        title="t",
        summary="",
        chapters=tuple(p.var for p in pairs if p.var is not None),
        entities=None,
        layout=Layout.LINE_BROKEN,
        lang=var_lang,
    )
    return Alignment(variant=variant, chapters=pairs, entities=())


@pytest.mark.parametrize(
    ("ref", "var", "ratio"),
    [
        ("en", "ja", 0.45),
        ("en", "zh", 0.33),
        ("en", "es", 1.15),
        ("es", "ja", 0.45 / 1.15),
        ("en", "xx", 1.0),
    ],
)
def test_priors_come_from_the_language_tables(ref: str, var: str, ratio: float) -> None:
    pair = LengthModel().pair(ref, var)
    assert pair.ratio == pytest.approx(ratio) and pair.sigma == PRIOR_SIGMA and pair.n == 0


def test_an_undetected_variant_language_is_compared_as_the_reference_language() -> None:
    assert LengthModel().pair("es", "und").ratio == pytest.approx(1.0)


def test_too_few_pairs_keep_the_prior() -> None:
    values = [math.log(0.5)] * (MIN_PAIRS - 1)
    assert fit("en", "ja", values) == LengthModel().pair("en", "ja")


def test_calibration_blends_the_median_with_the_prior() -> None:
    # Japanese 2.5 times shorter than English here (ratio 0.4), the prior says 0.45
    model = LengthModel.calibrate([_alignment([1000] * 16, [400] * 16, "en", "ja")])
    pair = model.pair("en", "ja")
    weight = 16 / (16 + 8)
    assert pair.n == 16
    assert pair.mu == pytest.approx(weight * math.log(401 / 1001) + (1 - weight) * math.log(0.45))
    assert pair.sigma == pytest.approx(max(math.sqrt((1 - weight) * PRIOR_SIGMA**2), MIN_SIGMA))


def test_calibration_is_robust_to_the_defects_it_looks_for() -> None:
    clean = [400, 380, 420, 410, 390, 405, 395, 415, 400, 385]
    defective = [*clean[:-2], 130, 800]  # one chapter cut to a third, one doubled
    base = LengthModel.calibrate([_alignment([1000] * 10, clean, "en", "ja")]).pair("en", "ja")
    hit = LengthModel.calibrate([_alignment([1000] * 10, defective, "en", "ja")]).pair("en", "ja")
    assert abs(hit.mu - base.mu) < 0.02 and abs(hit.sigma - base.sigma) < 0.03
    assert hit.z(1000, 130) < -3 and hit.z(1000, 800) > 3
    assert all(abs(hit.z(1000, v)) < 1.5 for v in clean)


def test_short_chapters_and_missing_counterparts_are_not_calibrated() -> None:
    alignment = _alignment([1000] * 4 + [30] * 4, [400] * 4 + [12] * 4, "en", "ja")
    missing = ChapterPair(_chapter(999, 1000, "en"), None, "missing")
    alignment = Alignment(alignment.variant, (*alignment.chapters, missing), ())
    assert LengthModel.calibrate([alignment]).pair("en", "ja").n == 4


def test_language_pairs_are_calibrated_separately_and_reference_languages_can_be_given() -> None:
    ja = _alignment([1000] * 5, [400] * 5, "en", "ja")
    es = _alignment([1000] * 5, [1200] * 5, "en", "es")
    model = LengthModel.calibrate([ja, es], {ja.variant.key: "en", es.variant.key: "en"})
    assert sorted(model.pairs) == [("en", "es"), ("en", "ja")]
    assert model.pair("en", "es").ratio > 1 > model.pair("en", "ja").ratio


def test_quotes_are_judged_with_a_wider_spread() -> None:
    pair = LengthModel().pair("en", "es")
    assert abs(pair.z(100, 60, quote=True)) < abs(pair.z(100, 60))


def test_lengths_count_whitespace_runs_once() -> None:
    assert text_length("a  b\n\n c ") == 5
    assert chapter_length(Chapter(0, "00:00", "Intro", "Jacob  opens.")) == len("Intro Jacob opens.")


def test_the_real_spanish_japanese_pair_is_calibrated_and_normal_variation_is_quiet(
    samples_result: RunResult,
) -> None:
    alignment = next(a for a in samples_result.alignments if a.variant.lang == "ja")
    model = LengthModel.calibrate([alignment], {alignment.variant.key: "es"})
    pair = model.pair("es", "ja")
    assert pair.n == 13 and 0.35 < pair.ratio < 0.45  # Japanese is far shorter than Spanish
    scores = [
        pair.z(chapter_length(p.ref), chapter_length(p.var)) for p in alignment.chapters if p.ref and p.var
    ]
    assert max(abs(z) for z in scores) < 2
    chapter = alignment.chapters[4]
    assert chapter.ref is not None and chapter.var is not None
    assert pair.z(chapter_length(chapter.ref), chapter_length(chapter.var) // 3) < -3  # cut to a third
    assert pair.z(chapter_length(chapter.ref), chapter_length(chapter.var) * 2) > 3  # doubled
    assert not [f for f in samples_result.findings if f.code in ("T501", "Q204")]


def test_a_length_finding_keeps_its_fingerprint_as_the_calibration_grows() -> None:
    """T501's evidence held the z-score and the calibrated pair count, and a fingerprint is made of
    the evidence: a chapter that did not change was "new" and "fixed" every night as the catalog
    grew, and its waiver went stale (found by QA of nightly runs). Q204's held its z-score."""
    settings = Settings(select=("T501", "Q204"), thresholds={"T501": {"z": 0.1}, "Q204": {"z": 0.1}})
    analysis = analyse(load([str(SAMPLES)], settings), settings)
    first = run_checks(analysis, settings)
    ref_langs = {v.key: e.ref_lang for e in analysis.episodes for v in e.others}
    more = {key: alignment_samples(a) * 3 for key, a in analysis.alignments.items()}  # a catalog 3× as big
    model = LengthModel.calibrate(analysis.alignments.values(), ref_langs, more)
    grown = run_checks(replace(analysis, resources=replace(analysis.resources, length_model=model)), settings)
    assert {f.code for f in first} == {"T501", "Q204"}
    assert sorted(f.fingerprint for f in first) == sorted(f.fingerprint for f in grown)
    assert [f.message for f in first] != [f.message for f in grown]  # the expectation did move
