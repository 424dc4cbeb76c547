"""The Hindi and Thai language tables, on the QA testers' faithful translations of the Hassabis page
(tests/data/languages/<code>/hassabis.md).

Thai number words stand inside longer words (`ใช้เวลาสามปี`), where the reader, which finds whole
words, does not look: the table says so (``NumberFormat.reads_words``) and T502 requires only the
numbers written in digits of a Thai chapter.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from aligner.langdata import CANONICAL_TYPES, TABLES, canonical_type, is_entity_heading, split_relative_date
from aligner.model import Variant
from aligner.numbers import extract
from aligner.parse import parse_page
from aligner.pipeline import check_paths
from aligner.read import read_page
from aligner.settings import Settings

LANGUAGES = Path(__file__).resolve().parent / "data" / "languages"
CHANNEL = "Unsupervised Learning: With Jacob Effron"
DATE = {"hi": "3 दिन पहले", "th": "3 วันที่แล้ว"}
CALL_TO_ACTION = {"hi": "कैप्शन के साथ देखें", "th": "ดูพร้อมคำบรรยาย"}


def page_path(code: str) -> str:
    return str(LANGUAGES / code / "hassabis.md")


def page_text(code: str) -> str:
    return Path(page_path(code)).read_text(encoding="utf-8")


def card(code: str) -> Variant:
    (variant,) = parse_page(read_page(page_path(code))).variants
    return variant


# --- entity types and headings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("व्यक्ति", "Person"),
        ("संगठन", "Organization"),
        ("अवधारणा", "Concept"),
        ("अवधारणाएँ", "Concept"),
        ("सॉफ़्टवेयर", "Software"),
        ("सॉफ्टवेयर", "Software"),  # without the nukta
        ("स्थान", "Place"),
        ("किताबें", "Work"),
        ("บุคคล", "Person"),
        ("องค์กร", "Organization"),
        ("แนวคิด", "Concept"),
        ("ซอฟต์แวร์", "Software"),
        ("สถานที่", "Place"),
        ("เทคโนโลยี", "Technology"),
    ],
)
def test_type_labels(label: str, expected: str) -> None:
    assert canonical_type(label) == expected


@pytest.mark.parametrize("code", ["hi", "th"])
def test_every_type_and_heading_of_the_testers_page_is_known(code: str) -> None:
    variant = card(code)
    assert variant.entities
    assert {canonical_type(entity.type) for entity in variant.entities} <= set(CANONICAL_TYPES)
    assert variant.entity_heading is not None and is_entity_heading(variant.entity_heading)


@pytest.mark.parametrize("heading", ["## संस्थाएँ", "## उल्लिखित व्यक्ति और अवधारणाएं", "## เอนทิตี"])
def test_entity_headings_of_the_other_test_pages(heading: str) -> None:
    assert is_entity_heading(heading)


# --- the card's metadata -----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["hi", "th"])
def test_the_card_metadata_is_read(code: str) -> None:
    # the call to action, `channel · 3 days ago` and the repeated title were the summary's opening
    variant = card(code)
    assert variant.call_to_action == CALL_TO_ACTION[code]
    assert (variant.channel, variant.published) == (CHANNEL, DATE[code])
    assert variant.title_repeated
    assert variant.summary.startswith(("सेबेस्टियन मैलाबी", "เซบาสเตียน มัลลาบี"))


@pytest.mark.parametrize("code", ["hi", "th"])
def test_split_relative_date(code: str) -> None:
    assert split_relative_date(f"{CHANNEL} · {DATE[code]}") == (CHANNEL, DATE[code], code)


@pytest.mark.parametrize(
    ("code", "date"),
    [
        ("hi", "3 दिन पहले"),
        ("hi", "३ हफ़्ते पहले"),  # Devanagari digits; NFC writes the nukta apart
        ("hi", "1 साल पहले"),
        ("hi", "45 मिनट पहले"),
        ("hi", "2 महीने पूर्व"),
        ("th", "3 วันที่แล้ว"),
        ("th", "๒ สัปดาห์ที่ผ่านมา"),  # YouTube's wording, Thai digits
        ("th", "5 นาทีที่แล้ว"),
        ("th", "1 ปีก่อน"),
    ],
)
def test_relative_dates(code: str, date: str) -> None:
    assert re.fullmatch(TABLES[code].relative_date, date)


# Prose: a number of days or years ago after a word is a sentence, not a card's date.
@pytest.mark.parametrize(
    "sentence",
    [
        "उन्होंने 3 साल पहले कंपनी छोड़ दी थी",
        "यह किताब ३ महीने पहले छपी",
        "एक साल पहले",
        "บริษัทก่อตั้งขึ้นเมื่อ 3 ปีที่แล้ว",
        "ในช่วง 10 ปีที่ผ่านมา",
        "เขาเล่าว่าเมื่อ 5 วันก่อน",
        "ตลอด 15 ปีที่ผ่านมา",
    ],
)
def test_no_relative_date_in_prose(sentence: str) -> None:
    for code in ("hi", "th"):
        assert re.search(TABLES[code].relative_date, sentence) is None


@pytest.mark.parametrize("page", sorted(p.parent.name for p in LANGUAGES.glob("*/hassabis.md")))
def test_no_relative_date_in_any_test_page_but_the_channel_line(page: str) -> None:
    lines = [line for line in page_text(page).splitlines() if CHANNEL not in line]
    for code in ("hi", "th"):
        pattern = re.compile(TABLES[code].relative_date, re.IGNORECASE)
        assert [line for line in lines if pattern.search(line)] == []


# --- numbers -----------------------------------------------------------------------------------


def values(text: str, code: str) -> set[Decimal]:
    assert text in page_text(code)  # a real sentence of the testers' page
    return {value for mention in extract(text, code) for value in mention.values}


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("hi", "रीड हॉफ़मैन ने स्पिनआउट के लिए एक अरब डॉलर देने का वादा किया", {10**9}),
        ("hi", "1 अरब डॉलर का वादा किया", {10**9}),
        ("hi", "ब्रिटेन के एक पब में डेमिस हसाबिस", set()),  # the article alone is no number
        ("hi", "अरबों डॉलर की वह गुप्त स्पिनआउट योजना", set()),  # "billions": no amount
        ("th", "ความสามารถเหนือมนุษย์", set()),  # "ability" holds สาม (3)
        ("hi", "तीन साल में", {3}),
        ("hi", "100 करोड़ डॉलर का वादा था", {10**9}),
        ("hi", "50 लाख डॉलर का चेक", {5 * 10**6}),
        ("hi", "पंद्रह अलग-अलग तरीक़ों", {15}),
        ("hi", "दो साल बाद", {2}),
    ],
)
def test_numbers_of_the_testers_pages(code: str, text: str, expected: set[int]) -> None:
    assert values(text, code) == {Decimal(n) for n in expected}


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("hi", "सऊदी अरब", set()),  # "Arab", not a billion: a bare `अरब` counts nothing
        ("th", "ร้อยละ 25", {25}),  # per cent, not 100 and 25
        ("hi", "5 लाख करोड़ रुपये", {5 * 10**12}),
        ("hi", "कई हज़ार", set()),  # "several thousand": no amount
        ("th", "ความสัมพันธ์ที่เรียบร้อย", set()),  # no พัน (1000), no ร้อย (100)
        ("th", "การประชุมปี พ.ศ. 2558", {2558, 2015}),  # a Buddhist-era year is also its common-era one
        # a scale glued to the next word is still the numeral's (a 5 → 50 million change passed)
        ("th", "เขียนเช็ค 50 ล้านดอลลาร์", {50 * 10**6}),
        ("th", "คำมั่นเงิน 1 พันล้านดอลลาร์", {10**9}),
    ],
)
def test_number_words(code: str, text: str, expected: set[int]) -> None:
    assert {value for mention in extract(text, code) for value in mention.values} == {
        Decimal(n) for n in expected
    }


@pytest.mark.parametrize("code", ["hi", "th"])
def test_a_faithful_page_has_no_changed_number(code: str, tmp_path: Path) -> None:
    # Hindi `तीन` was cut at its vowel sign, `10 लाख` read as 10; Thai number words stand inside
    # longer words, and `พ.ศ. 2558` is 2015: 6 and 7 false T502 on these pages
    for folder in ("en", code):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "hassabis.md").write_bytes((LANGUAGES / folder / "hassabis.md").read_bytes())
    assert [f.message for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "T502"] == []
