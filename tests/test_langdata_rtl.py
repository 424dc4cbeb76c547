"""The Arabic, Persian and Hebrew tables (aligner/langdata/{ar,fa,he}.py), read on the QA testers'
faithful translations of the sample page (tests/data/languages/<code>/hassabis.md)."""

from __future__ import annotations

import functools
import re
import statistics
from pathlib import Path

import pytest

from aligner import langdata, langid
from aligner.langdata import TABLES, canonical_type, split_relative_date
from aligner.lengthmodel import chapter_length
from aligner.model import Variant
from aligner.numbercompare import compare
from aligner.numbers import extract, extract_lines
from aligner.parse import parse_page
from aligner.pipeline import check_paths
from aligner.read import read_page
from aligner.settings import Settings

PAGES = Path(__file__).resolve().parent / "data" / "languages"
RTL = ("ar", "fa", "he")
CHANNEL = "Unsupervised Learning: With Jacob Effron"


@functools.cache
def variant(code: str) -> Variant:
    page = parse_page(read_page(str(PAGES / code / "hassabis.md"), None, langdata.ui_locale))
    assert len(page.variants) == 1
    return page.variants[0]


def _chapter_text(code: str) -> dict[str, str]:
    """Each chapter's title, body and quotes, by timestamp, as T502 reads them."""
    return {
        c.label: "\n".join([c.title, c.body, *(q.text for q in c.quotes)]) for c in variant(code).chapters
    }


# --- numbers ----------------------------------------------------------------------------------

# (language, text, the numbers read: each by its preferred reading)
READINGS: list[tuple[str, str, list[str]]] = [
    # sentences of the testers' pages
    ("ar", "أمضى سيباستيان مالابي ثلاث سنوات وأكثر من ٣٠ ساعة", ["3", "30"]),
    ("ar", "وتعهّد ريد هوفمان بمليار دولار لتمويل الانفصال", ["1000000000"]),
    ("ar", "خمسة عشر نهجًا مختلفًا تُموَّل في آنٍ واحد", ["15", "1"]),
    ("ar", "ثم يحرر شيكًا بقيمة ٥ ملايين دولار", ["5000000"]),
    ("ar", "وبعد عامين، حين سمع إيلون", ["2"]),
    ("ar", "وبحلول منتصف عشرينيات هذا القرن", ["20"]),  # the 2020s: a decade matches its year
    ("ar", "في جلسات الحانة تلك التي كانت تمتد ساعتين", ["2"]),
    ("fa", "سه سال و بیش از ۳۰ ساعت را با دمیس هسابیس", ["3", "30"]),
    ("fa", "طرح مخفی جدایی یک میلیارد دلاری", ["1000000000"]),
    ("fa", "با پشتوانهٔ تعهد ۱ میلیارد دلاری رید هافمن", ["1000000000"]),
    ("fa", "سپس چکی ۵ میلیون دلاری برای دور Series B", ["5000000"]),
    ("fa", "پانزده رویکرد مختلف هم‌زمان تأمین مالی می‌شوند", ["15"]),
    ("fa", "در آن نشست‌های دوساعته در میخانه", ["2"]),
    ("he", "סבסטיאן מלאבי בילה שלוש שנים ויותר מ-30 שעות", ["3", "30"]),
    ("he", "ריד הופמן התחייב למיליארד דולר", ["1000000000"]),
    ("he", "כותב צ'ק של 5 מיליון דולר לסבב Series B", ["5000000"]),
    ("he", "חמש עשרה גישות שונות ממומנות בו־זמנית", ["15"]),
    ("he", "שני הרגעים המכוננים, שתי דרכים", ["2", "2"]),
    ("he", "שנתיים אחר כך, כששמעו שגוגל רוכשת", ["2"]),
    # compounds, scales and native marks
    ("ar", "مئة وخمسة وعشرون", ["125"]),
    ("ar", "ثلاثة آلاف دولار", ["3000"]),
    ("ar", "١٫٥ مليار دولار و١٬٢٠٠ موظف", ["1500000000", "1200"]),
    ("fa", "بیست و پنج", ["25"]),
    ("fa", "دو هزار و پانصد", ["2500"]),
    ("fa", "۱٫۵ میلیارد دلار و ۱۲٬۰۰۰ نفر", ["1500000000", "12000"]),
    ("he", "עשרים וחמישה", ["25"]),
    ("he", "שלושת אלפים ו-1.5 מיליארד", ["3000", "1500000000"]),
    # what is not a number: articles, look-alikes, indefinite amounts
    ("ar", "لست أدري ما حدث يوم الاثنين", []),
    ("ar", "بضعة ملايين، ملايين الدولارات، عشرات الملايين", []),
    ("ar", "٧٠ بالمئة", ["70"]),
    ("fa", "یک سال بعد، نه به این دلیل", []),
    ("fa", "میلیون‌ها دلار و چند هزار نفر", []),
    ("he", "כמה מיליון דולר, מיליוני דולרים", []),
    ("he", "המאה ה-21, השני", ["21"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), READINGS)
def test_numbers_read(lang: str, text: str, expected: list[str]) -> None:
    assert [m.label for m in extract(text, lang)] == expected


# Arabic marks the dual on the noun: `اللحظتين` "the two moments", `طريقان` "two paths" hold no
# number word (T502 reports them; see the report of the change that added these tables).
NUMBER_IN_THE_NOUN = {("ar", "11:27")}


@pytest.mark.parametrize("code", RTL)
def test_every_chapter_keeps_the_english_numbers(code: str) -> None:
    english, translated = _chapter_text("en"), _chapter_text(code)
    assert english.keys() == translated.keys()
    missing = {
        ts: [m.text for m in compare(extract_lines(text, "en"), extract_lines(translated[ts], code)).missing]
        for ts, text in english.items()
        if (code, ts) not in NUMBER_IN_THE_NOUN
    }
    assert {ts: lost for ts, lost in missing.items() if lost} == {}


# --- entity types and headings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("شخص", "Person"),
        ("\ufeb5\ufea5\ufeb9", "Person"),  # شخص in presentation forms (NFKC)
        ("منظمة", "Organization"),
        ("مفهوم", "Concept"),
        ("برمجيات", "Software"),
        ("سازمان", "Organization"),
        ("نرم‌افزار", "Software"),
        ("نرمافزار", "Software"),
        ("نرم افزار", "Software"),
        ("شرکت‌ها", "Organization"),
        ("شركت", "Organization"),  # Arabic kaf, as Arabic keyboards type it
        ("אדם", "Person"),
        ("ארגון", "Organization"),
        ("מושג", "Concept"),
        ("תוכנה", "Software"),
        ("Shakhs", "Person"),
        ("Sazman", "Organization"),
        ("Adam", "Person"),
        ("Tochna", "Software"),
    ],
)
def test_type_labels(label: str, expected: str) -> None:
    assert canonical_type(label) == expected


@pytest.mark.parametrize("code", RTL)
def test_entity_types_and_heading_agree_with_english(code: str) -> None:
    english = [canonical_type(e.type) for e in variant("en").entities or ()]
    assert [canonical_type(e.type) for e in variant(code).entities or ()] == english
    assert langdata.is_entity_heading(variant(code).entity_heading or "")


# --- card metadata and relative dates ---------------------------------------------------------

DATES: dict[str, list[str]] = {
    "ar": [
        "قبل ٣ أيام",
        "منذ 3 أيام",
        "قبل ١١ يومًا",
        "قبل ٥ دقائق",
        "قبل ٣٠ ثانية",
        "قبل ٣ أشهر",
        "قبل ٣ سنوات",
    ],
    "fa": ["۳ روز پیش", "۳ روز قبل", "۲ هفته پیش", "۵ ساعت پیش", "۱۰ دقیقه پیش", "۲ سال پیش"],
    "he": ["לפני 3 ימים", "לפני 5 דקות", "לפני 30 שניות", "לפני 3 חודשים", "לפני 3 שנים"],
}

# Near misses: "since (the year) 2010", "an hour before the appointment", "before election day",
# "three days before the elections", "the year ahead", "before the year 2010", "before the driver".
NOT_DATES = [
    # word forms end prose lines too (`הוא עזב את החברה לפני שנתיים.`, "he left two years ago"):
    # a date is written with a count in digits, as in the other tables
    "הוא עזב את החברה לפני שנתיים",
    "قبل يومين",
    "یک ماه پیش",
    "منذ عام ٢٠١٠",
    "وصل قبل ساعة من الموعد",
    "قبل يوم الانتخابات",
    "قبل ٣ أيام من الموعد",
    "۳ روز پیش از انتخابات",
    "سال پیش‌رو",
    "לפני יום הבחירות",
    "לפני שנת 2010",
    "לפני שנהג",
]


@pytest.mark.parametrize(("code", "date"), [(code, date) for code, dates in DATES.items() for date in dates])
def test_relative_date_is_its_own_languages(code: str, date: str) -> None:
    owners = [c for c, t in TABLES.items() if re.fullmatch(t.relative_date, date, re.IGNORECASE)]
    assert owners == [code]


@pytest.mark.parametrize(("code", "date"), [(code, dates[0]) for code, dates in DATES.items()])
def test_channel_line_splits(code: str, date: str) -> None:
    assert split_relative_date(f"{CHANNEL} · {date}") == (CHANNEL, date, code)
    assert split_relative_date(f"{CHANNEL}{date}") == (CHANNEL, date, code)  # glued, as scraped


@pytest.mark.parametrize("code", RTL)
def test_card_metadata(code: str) -> None:
    found = variant(code)
    lines = (PAGES / code / "hassabis.md").read_text(encoding="utf-8").splitlines()
    title, call_to_action, date = lines[0], lines[3], lines[4].rpartition(" · ")[2]
    assert (found.channel, found.published, found.call_to_action) == (CHANNEL, date, call_to_action)
    assert found.title == title and found.title_repeated
    assert found.summary.startswith(lines[8][:40])
    assert langdata.ui_locale(lines[:9]) == code


@pytest.mark.parametrize("code", RTL)
def test_relative_date_does_not_match_ordinary_text(code: str) -> None:
    pattern = re.compile(TABLES[code].relative_date, re.IGNORECASE)
    pages = sorted(PAGES.glob("*/hassabis.md"))
    assert len(pages) >= 4
    for path in pages:
        for line in path.read_text(encoding="utf-8").splitlines()[5:]:  # past the channel line
            assert pattern.search(line) is None, line
    assert [text for text in NOT_DATES if pattern.search(text)] == []


# --- locale evidence, function words, length ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "code"),
    [("كل القنوات", "ar"), ("همهٔ کانال‌ها", "fa"), ("כל הערוצים", "he"), ("تماشا با زیرنویس", None)],
)
def test_ui_strings_vote(line: str, code: str | None) -> None:
    assert langdata.ui_locale([line]) == code  # a call to action is no evidence


@pytest.mark.parametrize(("code", "other"), [("ar", "fa"), ("fa", "ar")])
def test_function_words_tell_arabic_from_persian(code: str, other: str) -> None:
    for chapter in variant(code).chapters:
        assert langid.confirms(chapter.body, code, (code, other)), chapter.label
        assert not langid.confirms(chapter.body, other, (code, other)), chapter.label


@pytest.mark.parametrize("code", RTL)
def test_length_prior_is_the_pages_ratio(code: str) -> None:
    english = {c.label: chapter_length(c) for c in variant("en").chapters}
    ratio = statistics.median(chapter_length(c) / english[c.label] for c in variant(code).chapters)
    assert TABLES[code].length_prior == pytest.approx(ratio, rel=0.05)


def test_vowel_points_are_no_part_of_a_number_word() -> None:
    # `ثلاثمِائة` (with a kasra) read nothing: the point split the word for the number reader
    assert [m.values[0] for m in extract("ثلاثمِائة دولار", "ar")] == [300]


@pytest.mark.parametrize("code", ["ar", "fa", "he"])
def test_a_faithful_page_has_no_changed_number(code: str, tmp_path: Path) -> None:
    # Arabic writes "two moments", "two paths" as dual nouns (`اللحظتين`, `طريقان`): no number word
    for folder in ("en", code):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "hassabis.md").write_bytes((PAGES / folder / "hassabis.md").read_bytes())
    assert [f.message for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "T502"] == []
