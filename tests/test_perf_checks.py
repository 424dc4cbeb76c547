"""The shortcuts of the S006/S007, S008, L403 and L404 checks change no finding.

Each shortcut is a gate that skips work only when it can prove the skipped work finds nothing:

* S006/S007 scan a variant's texts joined once (``textdamage.may_have_encoding_damage`` /
  ``may_have_markup``) before asking the per-field detectors;
* S008 skips a variant whose every text ends a sentence (``scrape.all_terminal``);
* L403 skips chrF when a bound from ASCII/non-ASCII counts is below the threshold
  (``untranslated.may_be_identical``, inside ``identical_score``);
* L404 gathers a variant's terms only for titles left untranslated even without terms.

Properties are checked with hypothesis against straightforward references, and the checks are run
with and without their gates on the real sample pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import textdamage, untranslated
from aligner.checks import CATALOG
from aligner.checks import damage as damage_checks
from aligner.checks import language as language_checks
from aligner.checks import length as length_checks
from aligner.checks import scrape as scrape_checks
from aligner.checks.base import EpisodeContext
from aligner.execution import page_map
from aligner.pipeline import analyse, load
from aligner.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pages"
GATED = ("S006", "S007", "S008", "L403", "L404")

# Text with the characters the gates care about: markup signs, mojibake, controls, CJK, spaces.
_ALPHABET = st.sampled_from(
    list("ab sdS#uO09")
    + list("<>{}[]\\&%;$/!-(")
    + ["\n", "\t", "\x81", "\x07", "\ufffd"]
    + list("Ã©â€™Ââ")
    + list("é日本語です")
    + ["\u3000", "\xa0"]
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=40)
_PIECES = [
    "undefined",
    " NULL ",
    "NaN",
    "[object Object]",
    "&amp;",
    "&#39;",
    "<b>",
    "</p>",
    "{{x}}",
    "%s",
    "%(name)d",
    "${v}",
    "\\u00e9",
    "Ã©",
    "â€™",
    "cafÃ©",
    "50% de",
    "Sam & Co",
]
_FIELD = _TEXT | st.sampled_from(_PIECES) | st.tuples(_TEXT, st.sampled_from(_PIECES), _TEXT).map("".join)


# -- textdamage gates ------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.lists(_FIELD, max_size=6))
def test_encoding_gate_never_hides_damage(texts: list[str]) -> None:
    if not textdamage.may_have_encoding_damage(texts):
        assert all(textdamage.encoding_damage(text) == [] for text in texts)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FIELD, max_size=6))
def test_markup_gate_never_hides_markup(texts: list[str]) -> None:
    if not textdamage.may_have_markup(texts):
        assert all(textdamage.markup_leftovers(text) == [] for text in texts)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FIELD, max_size=6))
def test_joined_scan_is_the_scan_of_each_field(texts: list[str]) -> None:
    joined = textdamage.FIELD_SEPARATOR.join(texts)
    assert textdamage.has_markup_sign(joined) == any(map(textdamage.has_markup_sign, texts))
    encoding_sign = textdamage._ENCODING_SIGNS.search
    assert (encoding_sign(joined) is not None) == any(encoding_sign(text) is not None for text in texts)


@settings(max_examples=400, deadline=None)
@given(_FIELD)
def test_markup_sign_scan_is_the_plain_search(text: str) -> None:
    assert textdamage.has_markup_sign(text) == (textdamage._MARKUP_SIGNS.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FIELD | st.sampled_from(["ǸULL", " ᵁndefined", "ﬁ", "\u2003null\u2003"]), max_size=6))
def test_placeholder_scan_is_the_per_field_test(texts: list[str]) -> None:
    assert textdamage.any_placeholder_value(texts) == any(map(textdamage.is_placeholder_value, texts))


@settings(max_examples=400, deadline=None)
@given(_FIELD)
def test_every_markup_match_holds_a_sign(text: str) -> None:
    patterns = [textdamage._TAG, textdamage._COMMENT, textdamage._ENTITY, textdamage._BARE_ENTITY]
    patterns += [pattern for _kind, pattern in textdamage._PLACEHOLDERS]
    for pattern in patterns:
        for match in pattern.finditer(text):
            assert textdamage.has_markup_sign(match.group()), (pattern.pattern, match.group())


def test_separator_is_no_sign() -> None:
    separator = textdamage.FIELD_SEPARATOR
    assert textdamage._ENCODING_SIGNS.search(separator) is None
    assert not textdamage.has_markup_sign(separator)


# -- L403: the coarse chrF bound -------------------------------------------------------------------

_LINE = st.text(
    alphabet=st.sampled_from(list("the data es muy  datos日本語データ的模型\u3000\xa0é.")), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(_LINE, _LINE)
def test_coarse_bound_is_above_the_character_bound(text: str, reference: str) -> None:
    fine = untranslated.chrf_upper_bound(text, reference)
    assert untranslated.coarse_chrf_bound(text, reference) + 1e-9 >= fine


@settings(max_examples=300, deadline=None)
@given(_LINE, _LINE, st.sampled_from([0.0, 0.5, 10.0, 35.0, 70.0, 99.0, 100.0]))
def test_gate_only_skips_scores_below_the_threshold(text: str, reference: str, threshold: float) -> None:
    if not untranslated.may_be_identical(text, reference, threshold):
        assert untranslated.similarity(text, reference) < threshold  # the score it skips


def test_coarse_bound_uses_the_chrf_parameters_of_the_fine_bound() -> None:
    chrf = untranslated.chrf_metric()
    assert (chrf.char_order, chrf.beta) == (untranslated.CHRF_ORDERS, untranslated.CHRF_BETA)


def test_coarse_bound_rules_out_cross_script_pairs() -> None:
    english = "According to Lena, the hardest part of the work is cleaning the data. " * 4
    japanese = "レナによると、仕事で一番難しいのはデータの整理です。" * 4
    assert not untranslated.may_be_identical(japanese, english, 70.0)
    assert untranslated.may_be_identical(english, english, 70.0)


# -- L404: terms only for suspects -----------------------------------------------------------------

_WORDS = st.sampled_from(
    ["World", "Models", "model", "JEPA", "OpenAI", "datos", "世界", "模型", "GPT-4", "the"]
)
_TITLE = st.lists(_WORDS, max_size=5).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    _TITLE,
    _TITLE,
    st.sampled_from(["en", "es", "ja", "zh"]),
    st.sampled_from(["en", "es", "ja", "zh"]),
    st.frozensets(st.sampled_from(["world", "model", "datos", "the", "世界"])),
)
def test_titles_left_with_terms_are_left_without(
    title: str, ref_title: str, ref_lang: str, var_lang: str, terms: frozenset[str]
) -> None:
    if untranslated.title_left_untranslated(title, ref_title, ref_lang, var_lang, terms):
        assert untranslated.title_left_untranslated(
            title, ref_title, ref_lang, var_lang, language_checks.NO_TERMS
        )


# -- real pages: gated checks equal ungated ones ---------------------------------------------------


@pytest.fixture(scope="module")
def sample_contexts() -> list[EpisodeContext]:
    settings_ = Settings()
    analysis = analyse(load([str(SAMPLES)], settings_, jobs=1), settings_)
    pages = page_map(analysis)
    return [
        EpisodeContext(e, analysis.alignments, settings_, analysis.resources, pages)
        for e in analysis.episodes
    ]


def _findings(contexts: list[EpisodeContext], code: str) -> list[str]:
    """Every finding of ``code``, all fields shown (``Finding`` equality ignores some)."""
    return [repr(finding) for ctx in contexts for finding in CATALOG[code]().run(ctx)]


def test_field_texts_are_the_texts_of_text_fields(sample_contexts: list[EpisodeContext]) -> None:
    for ctx in sample_contexts:
        for variant in ctx.variants:
            assert damage_checks.field_texts(variant) == [f.text for f in damage_checks.text_fields(variant)]


@pytest.mark.parametrize("code", GATED)
def test_real_pages_find_the_same_without_gates(
    sample_contexts: list[EpisodeContext], code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = _findings(sample_contexts, code)
    title_left = untranslated.title_left_untranslated

    def title_left_no_gate(
        title: str, ref_title: str, ref_lang: str, var_lang: str, terms: frozenset[str]
    ) -> bool:
        # The gate's call (no terms) lets every title through; the final call judges with terms.
        return terms is language_checks.NO_TERMS or title_left(title, ref_title, ref_lang, var_lang, terms)

    monkeypatch.setattr(damage_checks._DamageCheck, "may_detect", lambda self, texts: True)
    monkeypatch.setattr(scrape_checks, "all_terminal", lambda variant: False)
    monkeypatch.setattr(untranslated, "may_be_identical", lambda *_args: True)
    monkeypatch.setattr(language_checks, "title_left_untranslated", title_left_no_gate)
    assert _findings(sample_contexts, code) == gated


def test_all_terminal_means_no_s008_reason(sample_contexts: list[EpisodeContext]) -> None:
    for ctx in sample_contexts:
        for variant in ctx.variants:
            if scrape_checks.all_terminal(variant):
                units = scrape_checks.text_units(variant, {})
                assert all(scrape_checks.ending(unit.text) == "terminal" for unit in units)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_same_words_is_whitespace_normalized_equality(text: str, other: str) -> None:
    expected = " ".join(text.split()) == " ".join(other.split())
    assert length_checks.same_words(text, other) == expected
    assert length_checks.same_words(text, text)
