"""The fast paths of ``aligner.numbers`` read exactly what the plain token-by-token reading does."""

from __future__ import annotations

import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import numbercompare, numberglue, numbers, numbertokens, numerals
from aligner.langdata import TABLES, table
from aligner.numbers import NumberFormat, extract
from aligner.numerals import readings

TRICKY = [
    "El 31 de diciembre de 2026, treinta y cinco mil millones de dólares (1.000,5 M$): un millón y medio.",
    "In 2027 about a million people — three hundred and five thousand — paid $5M, 10bn or 3k each.",
    "2027年初頭に三千五百万人、1億2000万円、数十億ドル、十分な一方で二十。",
    "百分之五十的人在2027年花了10亿美元, 几百万人。",
    "다섯 명, 다 섯, 다x섯, 몇 천, 2027년.",
    "Dreißig Jahre, DREISSIG Jahre, zwei\u0345drei, ﬁve, İstanbul 1.000.000 Mio.",
    "MIL MILLONES, Mil-Millones, treinta y x cinco, 50 POR CIENTO, ١٢٣٬٤٥٦ y ２０２７.",
    "",
]


def _plain_tokens(text: str, lang: str) -> list[numbertokens.Token]:
    data = table(lang) if lang else None
    return numbertokens.filtered_tokens(text, numbertokens.scanner_for(data).candidates)


@pytest.mark.parametrize("lang", ["", *TABLES])
@pytest.mark.parametrize("text", TRICKY)
def test_scanned_tokens_are_the_filtered_tokens(text: str, lang: str) -> None:
    text = unicodedata.normalize("NFKC", text)
    assert numbertokens.number_tokens(text, table(lang) if lang else None) == _plain_tokens(text, lang)


def test_casefold_keeps_the_kind_of_every_character_but_the_listed_ones() -> None:
    """``_tokens`` reads words in the casefolded text: casefolding must keep where tokens are."""
    kinds = [re.compile(r"\d"), numbertokens.CJK_CHAR, numbertokens.LETTER]
    changed = {
        ch
        for ch in map(chr, range(sys.maxunicode + 1))
        if len(folded := ch.casefold()) == 1
        and any(bool(k.match(ch)) != bool(k.match(folded)) for k in kinds)
    }
    assert changed == set(numbertokens.KIND_CHANGING_FOLDS)


def test_a_dropped_token_keeps_the_characters_of_a_key_apart() -> None:
    assert [m.values for m in extract("다섯", "ko")] == [(Decimal(5),)]
    assert [m.values for m in extract("다 섯", "ko")] == [(Decimal(5),)]
    assert extract("다x섯", "ko") == []
    assert extract("다ア섯", "ko") == []
    assert [m.text for m in extract("treinta y x cinco", "es")] == ["treinta", "cinco"]


def test_words_need_not_be_lowercase_or_short() -> None:
    assert [m.values for m in extract("DREISSIG und dreißig", "de")] == [(Decimal(30),), (Decimal(30),)]
    assert [m.values for m in extract("Mil Millones", "es")] == [(Decimal(10**9),)]
    assert [m.text for m in extract("$5M or 5 M", "")] == ["5M", "5"]
    assert extract("no numbers here at all", "en") == []


@pytest.mark.parametrize("raw", ["0", "7", "2027", "000123", "٢٠٢٧", "1,000", "1.000,5"])
def test_digit_readings_fast_path(raw: str) -> None:
    for fmt in [NumberFormat(), *(lang.numbers for lang in TABLES.values())]:
        assert readings(raw, fmt) == numerals._marked_readings.__wrapped__(raw, fmt)


# -- differential tests: the run-by-run, memoized reading against the plain reading ----------------

SAMPLE_PAGES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples", "pages").rglob("*.*"))
LANGS = ["", *TABLES]
# Pieces numerals are made of in every table, and their neighbours: separators, spaces, hyphens,
# glued notations, CJK numerals and vague markers, percent words, letters that fold oddly.
PIECES = sorted(
    {
        *(
            word
            for lang in TABLES.values()
            for key in [*lang.number_words, *lang.scale_words]
            for word in key.split()
        ),
        *(word for lang in TABLES.values() for word in lang.numbers.scale_articles | lang.numbers.joiners),
        *(mark for lang in TABLES.values() for mark in lang.numbers.vague | set(lang.numbers.percent_words)),
        *numbertokens.NOTATION,
        *"0123456789٢٠２７.,'’ \u00a0\u202f\u2009\u066b\u066c-‐\n%$xY年万億亿ß\u0345İﬁ",
        "1,000",
        "1.000,5",
        "12 345",
        "MIL",
        "Millones",
        "por ciento",
    }
)
GAPS = [" ", "  ", ",", ", ", "-", "‐", ".", "\n", "x", "y", "a", "5", "一", "(", ""]
texts_of_pieces = st.lists(
    st.sampled_from(PIECES) | st.sampled_from(GAPS) | st.text(max_size=3), max_size=24
).map("".join)
EDGES = [
    "mil,millones",
    "mil, millones",
    "twenty-three, thirty‐four",
    "treinta-y-cinco",
    "treinta y, cinco",
    "5M 5 M 5m 5千二M 10bn,3k",
    "a million, an-hundred and-five",
    "1,000 1.000,5 12 345 12 3456",
    "数十億、何百万,几百万",
    "百分之五十,50 por ciento",
]


def _plain_extract(text: str, lang: str) -> list[numbers.NumberMention]:
    """The straightforward reading: every token of the whole text, read one by one (no runs, no memo)."""
    data = table(lang) if lang else None
    # the same text prepared: raised digits (`km²`) out, NFKC, vowel points out
    text = numbers._POINTS.sub("", unicodedata.normalize("NFKC", numbers._RAISED_DIGITS.sub(" ", text or "")))
    if data is not None:
        for pattern, blank in numbers._percent_patterns(data):
            text = pattern.sub(blank, text)
        if not data.numbers.reads_words:
            text = numberglue.spaced_scales(text, data.code)
        if data.numbers.compound_endings:
            text = numberglue.split_compounds(text, data.code)
    mentions = numbers._read(text, _plain_tokens(text, lang), data)
    if data is not None and data.numbers.eras:
        return numbers._with_eras(mentions, text, data.numbers.eras)
    return mentions


def _plain_same_number(a: numbers.NumberMention, b: numbers.NumberMention) -> bool:
    return any(numbercompare._same_value(x, y) for x in a.values for y in b.values)


def _own_pieces(lang: str) -> list[str]:
    """The words of one language's table and a few numerals: a text of them is mostly numerals."""
    data = table(lang)
    if data is None:
        return ["5", "1,000", "M", "bn", "k"]
    keys = [*data.number_words, *data.scale_words]
    return sorted(
        {
            *keys,
            *(w for k in keys for w in k.split()),
            *data.numbers.joiners,
            *data.numbers.scale_articles,
            *data.numbers.vague,
            "5",
            "1,000",
            "M",
            "bn",
        }
    )


lang_and_text = st.sampled_from(LANGS).flatmap(
    lambda lang: st.tuples(
        st.just(lang),
        st.lists(st.sampled_from(_own_pieces(lang)) | st.sampled_from(GAPS), max_size=16).map("".join),
    )
)


@settings(max_examples=400, deadline=None)
@given(text=texts_of_pieces, lang=st.sampled_from(LANGS))
def test_extract_reads_as_the_plain_reading(text: str, lang: str) -> None:
    assert extract(text, lang) == _plain_extract(text, lang)


@settings(max_examples=600, deadline=None)
@given(lang_text=lang_and_text)
def test_numeral_texts_read_as_the_plain_reading(lang_text: tuple[str, str]) -> None:
    lang, text = lang_text
    assert extract(text, lang) == _plain_extract(text, lang)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), lang=st.sampled_from(LANGS))
def test_extract_reads_any_text_as_the_plain_reading(text: str, lang: str) -> None:
    assert extract(text, lang) == _plain_extract(text, lang)


@settings(max_examples=300, deadline=None)
@given(text=texts_of_pieces, lang=st.sampled_from(LANGS))
def test_a_run_holds_the_tokens_of_its_span(text: str, lang: str) -> None:
    """What :func:`numbers._read_run` relies on: tokenizing a run alone finds the text's tokens there."""
    data = table(lang) if lang else None
    text = unicodedata.normalize("NFKC", text)
    tokens = numbertokens.number_tokens(text, data)
    if not tokens:
        return
    spans = [(t.start, t.end, t.kind) for t in tokens]
    assert numbertokens.token_spans(text, numbertokens.scanner_for(data)) == spans
    for start, end in numbers._runs(text, spans):
        inside = [t for t in tokens if start <= t.start and t.end <= end]
        shifted = [numbertokens.Token(t.kind, t.raw, t.start - start, t.end - start) for t in inside]
        assert numbertokens.number_tokens(text[start:end], data) == shifted


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", [*TRICKY, *EDGES])
def test_tricky_texts_read_as_the_plain_reading(text: str, lang: str) -> None:
    assert extract(text, lang) == _plain_extract(text, lang)


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda path: path.name)
@pytest.mark.parametrize("lang", LANGS)
def test_sample_pages_read_as_the_plain_reading(path: Path, lang: str) -> None:
    page = path.read_text(encoding="utf-8")
    for text in [page, *page.split("\n\n"), *page.splitlines()]:
        assert extract(text, lang) == _plain_extract(text, lang)


decimals = st.sampled_from([0, 1, 9, 10, 50, 90, 95, 100, 1910, 1950, 1990, 2010, 2090, 1900, 2000]).map(
    Decimal
) | st.decimals(allow_nan=False, allow_infinity=False, places=None)


@settings(max_examples=300, deadline=None)
@given(a=st.lists(decimals, min_size=1, max_size=3), b=st.lists(decimals, min_size=1, max_size=3))
def test_same_number_is_the_pairwise_value_test(a: list[Decimal], b: list[Decimal]) -> None:
    first = numbers.NumberMention("a", tuple(a), True, True)
    second = numbers.NumberMention("b", tuple(b), True, True)
    assert numbercompare.same_number(first, second) == _plain_same_number(first, second)


def test_same_number_needs_an_exact_year() -> None:
    """``1990.000…01`` is not the year of ``90``, though ``x - 1900`` rounds to 90 in Decimal's context."""
    year, decade = Decimal("1990.00000000000000000000000001"), Decimal("90.0")
    assert not numbercompare._same_value(year, decade)
    assert numbercompare._matching_values((year,)) == {year}
    assert numbercompare._matching_values((decade,)) == {decade, 1990, 2090}


@pytest.mark.parametrize("lang", LANGS)
def test_whole_word_regex_is_the_word_end_regex_checked_before(lang: str) -> None:
    """The candidate-word regex tests the letter before a word in the engine, as Python did before."""
    scanner = numbertokens.scanner_for(table(lang) if lang else None)
    words = sorted(w for w in scanner.candidates if numbertokens.WORD.fullmatch(w))
    word_ends = re.compile(rf"{numbertokens.alternation(words)}(?!{numbertokens.LETTER.pattern})")
    for text in [*TRICKY, *(path.read_text(encoding="utf-8") for path in SAMPLE_PAGES)]:
        folded = unicodedata.normalize("NFKC", text).casefold()
        expected = [
            m.span()
            for m in word_ends.finditer(folded)
            if m.start() == 0 or not numbertokens.LETTER.match(folded, m.start() - 1)
        ]
        assert [m.span() for m in scanner.words.finditer(folded)] == expected
