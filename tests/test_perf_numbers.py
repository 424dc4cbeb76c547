"""The fast paths of ``aligner.numbers`` read exactly what the plain token-by-token reading does."""

from __future__ import annotations

import re
import sys
import unicodedata
from decimal import Decimal

import pytest

from aligner import numbers
from aligner.langdata import TABLES, table
from aligner.numbers import NumberFormat, extract, readings

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


def _plain_tokens(text: str, lang: str) -> list[numbers._Token]:
    data = table(lang) if lang else None
    return numbers._filtered_tokens(text, numbers._scanner(data).candidates)


@pytest.mark.parametrize("lang", ["", *TABLES])
@pytest.mark.parametrize("text", TRICKY)
def test_scanned_tokens_are_the_filtered_tokens(text: str, lang: str) -> None:
    text = unicodedata.normalize("NFKC", text)
    assert numbers._tokens(text, table(lang) if lang else None) == _plain_tokens(text, lang)


def test_casefold_keeps_the_kind_of_every_character_but_the_listed_ones() -> None:
    """``_tokens`` reads words in the casefolded text: casefolding must keep where tokens are."""
    kinds = [re.compile(r"\d"), numbers._CJK_CHAR, numbers._LETTER]
    changed = {
        ch
        for ch in map(chr, range(sys.maxunicode + 1))
        if len(folded := ch.casefold()) == 1
        and any(bool(k.match(ch)) != bool(k.match(folded)) for k in kinds)
    }
    assert changed == set(numbers._KIND_CHANGING_FOLDS)


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
        assert readings(raw, fmt) == numbers._marked_readings.__wrapped__(raw, fmt)
