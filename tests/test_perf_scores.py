"""The fast paths of the content matrix (C106) and the chapter scores (T504) give exactly what the
plain definitions give.

Each test compares an optimized function of ``aligner.contentalign`` / ``aligner.score`` with a
straightforward implementation of its definition (the code as it was before the fast paths):
whole-text ``str.translate``, a regex scan per term, unions of every token set. Floats are
compared with ``==``: reports print them, so they must be bit-identical.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from random import Random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import contentalign, score
from aligner.model import Alignment, Episode
from aligner.pipeline import analyse, load
from aligner.settings import Settings
from tests.conftest import SAMPLES

# -- straightforward references ------------------------------------------------------------------


def plain_fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(contentalign._LATIN_ACCENTS)


def plain_text_anchors(text: str, lang: str) -> tuple[frozenset[str], str]:
    tokens = {f"n:{n}" for n in contentalign._numbers(text, lang)}
    normalized = unicodedata.normalize("NFKC", text)
    tokens.update(contentalign._word_token(w) for w in contentalign._LATIN_WORD.findall(normalized))
    folded = plain_fold(normalized)
    for run in contentalign._CJK.findall(folded):
        tokens.update("c:" + a + b for a, b in itertools.pairwise(run))
    return frozenset(tokens), folded


def plain_anchor_tokens(text: str, lang: str, names: Mapping[str, str]) -> set[str]:
    base, folded = plain_text_anchors(text, lang)
    return set(base) | {f"e:{key}" for name, key in names.items() if name and name in folded}


def plain_shared(
    ref_tokens: Sequence[set[str]], var_tokens: Sequence[set[str]]
) -> tuple[list[set[str]], list[set[str]], set[str]]:
    shared = set().union(*ref_tokens) & set().union(*var_tokens) if ref_tokens and var_tokens else set()
    return [t & shared for t in ref_tokens], [t & shared for t in var_tokens], shared


_PLAIN_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_PLAIN_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}\b")


def plain_anchors(text: str, names: Sequence[str]) -> frozenset[str]:
    normalized = unicodedata.normalize("NFKC", text)
    found = {
        "".join(str(unicodedata.digit(ch)) for ch in m if ch.isdigit())
        for m in _PLAIN_NUMBER.findall(normalized)
    }
    found |= set(_PLAIN_ACRONYM.findall(normalized))
    folded = normalized.casefold()
    found |= {n for n in names if n.isascii() and n.casefold() in folded}
    return frozenset(found)


def plain_contains_term(folded_text: str, term: str) -> bool:
    folded_term = term.casefold()
    return re.search(rf"(?<![a-z0-9]){re.escape(folded_term)}(?![a-z0-9])", folded_text) is not None


def plain_anchor_recall(ref_text: str, var_text: str, names: Sequence[str], vocabulary: str | None) -> float:
    wanted: set[str] | frozenset[str] = plain_anchors(ref_text, names)
    if vocabulary is not None:
        folded_vocabulary = unicodedata.normalize("NFKC", vocabulary).casefold()
        wanted = {a for a in wanted if a.isdigit() or plain_contains_term(folded_vocabulary, a)}
    if not wanted:
        return 1.0
    var_norm = unicodedata.normalize("NFKC", var_text)
    have = plain_anchors(var_norm, names)
    folded = var_norm.casefold()
    hits = sum(
        1 for a in wanted if a in have or plain_contains_term(folded, a) or score._decade_year(a, have)
    )
    return hits / len(wanted)


# -- generated texts -----------------------------------------------------------------------------

PIECES = [
    "LLM", "LLMs", "JEPA", "AI", "IA", "Gaussian", "World Model", "world model", "modelo de mundo",
    "Matarić", "ÉTICA", "Ñandú", "ŉ", "Ǆ", "ﬁ", "Ｔｅｓｔ", "ワールドモデル", "ヤン・ルカン", "の", "模型",
    "世界模型", "大语言模型", "2022", "1,000", "3.5", "90", "1990", "٣", "１２", "十", "五", " ", " ",
    ", ", ". ", "—", "-", "'", "’", "\n", "(", ")", "A1", "GPT4", "x9", "_", "é", "ß",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=30).map("".join)
NAMES = ["World Model", "LLM", "Sam Altman", "JEPA", "ワールドモデル", "Matarić", "", "ai", "1990", "x-9"]
name_lists = st.lists(st.sampled_from(NAMES), max_size=5, unique=True)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fold_is_the_whole_text_translation(text: str) -> None:
    assert contentalign._fold(text) == plain_fold(text)


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(["en", "es", "ja", "zh"]))
def test_text_anchors_are_the_plain_ones(text: str, lang: str) -> None:
    contentalign._text_anchors.cache_clear()
    contentalign._with_bigrams.cache_clear()
    plain, plain_folded = plain_text_anchors(text, lang)
    base, folded, has_cjk = contentalign._text_anchors(text, lang)
    assert contentalign._with_bigrams(text, lang) == plain
    assert base == {token for token in plain if not token.startswith("c:")}
    assert folded == plain_folded
    assert has_cjk or base == plain  # no CJK, no bigrams


@settings(max_examples=200, deadline=None)
@given(
    texts,
    st.dictionaries(
        st.sampled_from(["world model", "ワールドモデル", "llm", "", "mataric"]), st.text(max_size=3)
    ),
)
def test_chapter_anchors_are_anchor_tokens(text: str, names: dict[str, str]) -> None:
    expected = plain_anchor_tokens(text, "ja", names)
    assert contentalign._chapter_anchors(text, "ja", names) == expected
    assert contentalign.anchor_tokens(text, "ja", names) == expected


token_sets = st.lists(st.sets(st.sampled_from([f"{k}:{v}" for k in "cenw" for v in "abcdef"])), max_size=6)


@given(token_sets, token_sets)
def test_shared_anchors_are_the_union_intersection(ref: list[set[str]], var: list[set[str]]) -> None:
    ref_shared, var_shared, shared = contentalign._shared_anchors(ref, var)
    assert (ref_shared, var_shared, shared) == plain_shared(ref, var)


@given(token_sets, token_sets)
def test_anchor_matrix_with_known_vocabulary_is_bit_identical(
    ref: list[set[str]], var: list[set[str]]
) -> None:
    ref_shared, var_shared, shared = plain_shared(ref, var)
    fast = contentalign._anchor_matrix(ref_shared, var_shared, frozenset(shared))
    plain = contentalign._anchor_matrix(ref_shared, var_shared)
    assert fast.tolist() == plain.tolist()


def plain_dice(ref: list[set[str]], var: list[set[str]]) -> list[list[float]]:
    """The weighted Dice coefficient of every pair, summed token by token with ``math.fsum``."""
    frequency = Counter(token for tokens in [*ref, *var] for token in tokens)
    weight = {token: math.log((len(ref) + len(var) + 1) / count) for token, count in frequency.items()}

    def total(tokens: set[str]) -> float:
        return math.fsum(weight[token] for token in tokens)

    prior = 2 * contentalign.DICE_PRIOR
    return [[2 * total(r & v) / (total(r) + total(v) + prior) for v in var] for r in ref]


@given(token_sets, token_sets, st.randoms(use_true_random=False))
def test_anchor_matrix_is_the_weighted_dice_in_any_token_order(
    ref: list[set[str]], var: list[set[str]], random: Random
) -> None:
    """The vocabulary's order is the columns' order (a dict's keys: a set in insertion order);
    Python orders sets of strings differently in every process, and the bits must not move."""
    vocabulary = sorted(set().union(*ref, *var))
    matrix = contentalign._anchor_matrix(ref, var, dict.fromkeys(vocabulary).keys())
    shuffled = random.sample(vocabulary, len(vocabulary))
    assert contentalign._anchor_matrix(ref, var, dict.fromkeys(shuffled).keys()).tolist() == matrix.tolist()
    expected = np.array(plain_dice(ref, var)).reshape(matrix.shape)
    np.testing.assert_allclose(matrix, expected, rtol=1e-12, atol=1e-15)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_acronyms_are_the_word_boundary_ones(text: str) -> None:
    assert score._ACRONYM.findall(text) == _PLAIN_ACRONYM.findall(text)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(NAMES) | st.text(max_size=5))
def test_term_index_is_the_term_regex(text: str, term: str) -> None:
    folded = unicodedata.normalize("NFKC", text).casefold()
    index = score._TermIndex(folded)
    assert index.contains(term) == plain_contains_term(folded, term)
    assert index.contains(term) == plain_contains_term(folded, term)  # memoized answer


@settings(max_examples=300, deadline=None)
@given(texts, texts, name_lists, st.none() | texts)
def test_anchor_recall_is_the_plain_one(ref: str, var: str, names: list[str], extra: str | None) -> None:
    vocabulary = None if extra is None else var + " " + extra
    assert score.anchor_recall(ref, var, names, vocabulary) == plain_anchor_recall(
        ref, var, names, vocabulary
    )


@pytest.mark.parametrize(
    ("ref", "var"),
    [
        ("Mallaby spent 30 hours in 2019", "أمضى مالابي ٣٠ ساعة في ٢٠١٩"),  # Arabic-Indic digits
        ("more than 30 hours in 2019", "بیش از ۳۰ ساعت در ۲۰۱۹"),  # Persian digits
        ("1.5 billion", "١٫٥ مليار"),  # the Arabic decimal mark
        ("30 hours", "กว่า ๓๐ ชั่วโมง"),  # Thai digits
    ],
)
def test_a_number_in_native_digits_is_the_same_anchor(ref: str, var: str) -> None:
    # `٢٠١٩` was an anchor of its own: a faithful Arabic chapter scored 0 on anchors (T504)
    assert score.anchor_recall(ref, var, []) == 1.0


def test_accent_table_maps_to_non_empty_latin() -> None:
    """The regex path replaces exactly the table's keys, with the table's values."""
    assert all(contentalign._ACCENTED.fullmatch(chr(code)) for code in contentalign._LATIN_ACCENTS)
    outside = [c for c in map(chr, range(0x250)) if ord(c) not in contentalign._LATIN_ACCENTS]
    assert not any(contentalign._ACCENTED.fullmatch(c) for c in outside)


# -- the real sample pages -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_alignments() -> list[tuple[Episode, Alignment]]:
    settings_ = Settings()
    analysis = analyse(load([str(SAMPLES)], settings_, jobs=1), settings_)
    pairs = [
        (episode, analysis.alignments[variant.key])
        for episode in analysis.episodes
        for variant in episode.others
        if variant.key in analysis.alignments
    ]
    assert pairs
    return pairs


def plain_matrix_tokens(
    episode: Episode, alignment: Alignment
) -> tuple[list[set[str]], list[set[str]], set[str]]:
    reference = episode.reference
    ref = sorted(reference.chapters, key=lambda c: c.ts)
    var = sorted(alignment.variant.chapters, key=lambda c: c.ts)
    ref_names, var_names = contentalign.entity_keys(alignment, reference)
    return plain_shared(
        [plain_anchor_tokens(contentalign.chapter_text(c), reference.lang, ref_names) for c in ref],
        [plain_anchor_tokens(contentalign.chapter_text(c), alignment.variant.lang, var_names) for c in var],
    )


def test_sample_matrices_match_the_plain_definition(
    sample_alignments: list[tuple[Episode, Alignment]],
) -> None:
    with_bigrams = set()  # whether plain shares a bigram: the fast path builds them only for CJK pairs
    for episode, alignment in sample_alignments:
        ref_tokens, var_tokens, shared = plain_matrix_tokens(episode, alignment)
        with_bigrams.add(any(token.startswith("c:") for token in shared))
        matrix = contentalign.build_matrix(episode.reference, alignment)
        anchor = contentalign._anchor_matrix(ref_tokens, var_tokens)  # plain vocabulary: every union
        assert (
            contentalign._anchor_matrix(ref_tokens, var_tokens, frozenset(shared)).tolist() == anchor.tolist()
        )
        ref_names, var_names = contentalign.entity_keys(alignment, episode.reference)
        fast = contentalign._matrix_anchors(
            ([contentalign.chapter_text(c) for c in matrix.ref], episode.reference.lang, ref_names),
            ([contentalign.chapter_text(c) for c in matrix.var], alignment.variant.lang, var_names),
        )
        plain = (ref_tokens, var_tokens, shared)
        assert fast == plain
    assert with_bigrams == {True, False}


def test_sample_anchor_scores_match_the_plain_definition(
    sample_alignments: list[tuple[Episode, Alignment]],
) -> None:
    checked = 0
    for episode, alignment in sample_alignments:
        names = [e.name for e in episode.reference.entities or ()]
        rows = score.chapter_rows(episode, alignment, Settings().tolerance)
        vocabulary = score.variant_text(alignment.variant)
        for pair, row in zip(alignment.chapters, rows, strict=True):
            if pair.ref is None or pair.var is None:
                continue
            ref_text = pair.ref.body + " " + " ".join(q.text for q in pair.ref.quotes)
            var_text = pair.var.body + " " + " ".join(q.text for q in pair.var.quotes)
            expected = plain_anchor_recall(ref_text, var_text, names, vocabulary)
            assert dict(row.components)["anchor_score"] == expected
            checked += 1
    assert checked > 20
