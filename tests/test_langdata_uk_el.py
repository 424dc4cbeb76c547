"""The Ukrainian and Greek tables (``aligner/langdata/{uk,el}.py``) and the short native numbers of
the Korean one, on text of the QA translations of the Hassabis page (a QA session wrote them in
en, ru, uk, ko and el): before the tables the Ukrainian page was detected as Russian (the function
word vote only knew Russian words, and `в`, `на`, `до` are Ukrainian too), `п'ятнадцять` and
`мільярд` were missing numbers, Greek labels (`Πρόσωπο`, `Οργανισμός`) told no type, and the Korean
`두 시간씩` ("two hours each") was no number."""

from __future__ import annotations

import pytest

from aligner import langid
from aligner.detect import _variant_sample
from aligner.langdata import (
    TABLES,
    canonical_type,
    is_entity_heading,
    split_relative_date,
    table,
    ui_locale,
)
from aligner.langdata.table import CANONICAL_TYPES
from aligner.model import Chapter, Layout, Variant
from aligner.numbers import extract
from aligner.settings import DEFAULT_LANGUAGES

# The candidates of a page on the `uk` (or `el`) locale: the default languages and the page's own.
CANDIDATES = (*DEFAULT_LANGUAGES, "uk", "el")

# The summaries of the QA pages and their first two chapters, the sample whose language is the
# page's (``aligner.detect``), and the chapter `[19:43]`.
UK_SUMMARY = (
    "Себастьян Маллабі провів із Демісом Гассабісом понад 30 годин за три роки в британському пабі, "
    "працюючи над книжкою *The Infinity Machine*, і в цій розмові він розкриває найменш висвітлені "
    "сюжети з того, що дізнався: саміт із безпеки 2015 року, який випадково породив OpenAI, таємний "
    "план відокремлення компанії на мільярд доларів, який Деміс так і не використав як справжній "
    "важіль тиску, і майже релігійне переконання щодо Бога й науки, якого Маллабі аж ніяк не очікував "
    "виявити. Наскрізна тема — парадокс: Деміс із першого дня розумів, що перегони небезпечні, але як "
    "керівник однієї лабораторії, хай навіть відзначеної Нобелівською премією, не міг їх зупинити."
)
UK_INTRO = (
    "Джейкоб Еффрон представляє Себастьяна Маллабі як людину, яка провела з Демісом Гассабісом більше "
    "часу, ніж майже будь-який із нині живих журналістів, — понад 30 годин за три роки зустрічей у "
    "лондонських пабах. Книжка Маллабі *The Infinity Machine* охоплює всю історію DeepMind — від "
    "заснування у 2010 році до Нобелівської премії. Уривки, показані тут як анонс, — Деміс, який стукає "
    "по столу, міркуючи про Бога й науку, обіцянка Ріда Гоффмана виділити мільярд доларів і ворожнеча з "
    "Ілоном — узято з пізнішої частини розмови."
)
UK_RACE = (
    "Вердикт Маллабі: так, неминучими. Будь-яка настільки потужна технологія привабила б безліч "
    "лабораторій у багатьох країнах, а китайський технологічний стек уже був конкурентоспроможним, попри "
    "нестачу напівпровідників. Щемливість цієї історії в тому, що у 2010 році Деміс у це не вірив. Він "
    "щиро сподівався, що одна лабораторія зможе безпечно довести проєкт AGI до фінішу, — сценарій "
    "«одинака», у якому DeepMind була б обраною командою. До середини 2020-х років він перемістився на "
    "протилежний полюс: безпека — це проблема колективної дії, яку можуть розв'язати лише уряди, бо "
    "стриманість жодної окремої лабораторії не може зобов'язати решту."
)
UK_CHAPTER = (
    "Щодо AlphaFold і ШІ для науки — жодного жалю: Маллабі стверджує, що це було не лише науково "
    "правильно, а й політично необхідно, бо ШІ потребує помітної суспільної користі, щоб пережити "
    "прийдешню хвилю невдоволення через втрату робочих місць. Справжній жаль — швидкість. Деміс "
    "проґавив момент трансформера, а Ілля Суцкевер — ні: коли вийшла стаття, Ілля побіг коридором "
    "шукати Алека Редфорда, щоб побудувати мовну модель. Схильність Деміса до широкого портфеля "
    "означала, що DeepMind вивчала трансформер, але не поставила на нього всю лабораторію. Проґавити "
    "це вікно — і момент ChatGPT, що настав після нього, — справжня невдача, а не просто стилістична "
    "відмінність."
)
RU_SUMMARY = (
    "Себастьян Мэллаби провёл с Демисом Хассабисом более 30 часов за три года в британском пабе, "
    "работая над книгой *The Infinity Machine*, и в этом разговоре он раскрывает самые недооценённые "
    "сюжеты из того, что узнал: саммит по безопасности 2015 года, который случайно породил OpenAI, "
    "тайный план выделения компании на миллиард долларов, который Демис так и не использовал как "
    "реальный рычаг давления, и почти религиозное убеждение о Боге и науке, которое Мэллаби никак не "
    "ожидал обнаружить. Сквозная тема — парадокс: Демис с первого дня понимал, что гонка опасна, но "
    "как руководитель одной лаборатории, пусть даже удостоенной Нобелевской премии, не мог её остановить."
)
RU_INTRO = (
    "Джейкоб Эффрон представляет Себастьяна Мэллаби как человека, который провёл с Демисом Хассабисом "
    "больше времени, чем почти любой ныне живущий журналист, — более 30 часов за три года встреч в "
    "лондонских пабах. Книга Мэллаби *The Infinity Machine* охватывает всю историю DeepMind — от "
    "основания в 2010 году до Нобелевской премии. Фрагменты, показанные здесь в качестве анонса, — Демис, "
    "стучащий по столу в рассуждениях о Боге и науке, обещание Рида Хоффмана выделить миллиард долларов и "
    "вражда с Илоном — взяты из более поздней части разговора."
)
RU_RACE = (
    "Вердикт Мэллаби: да, неизбежной. Любая настолько мощная технология привлекла бы множество "
    "лабораторий во многих странах, а китайский технологический стек уже был конкурентоспособен, несмотря "
    "на нехватку полупроводников. Пронзительность этой истории в том, что в 2010 году Демис в это не "
    "верил. Он искренне надеялся, что одна лаборатория сможет безопасно довести проект AGI до финиша, — "
    "сценарий «одиночки», в котором DeepMind была бы избранной командой. К середине 2020-х годов он "
    "переместился на противоположный полюс: безопасность — это проблема коллективного действия, которую "
    "могут решить только правительства, потому что сдержанность ни одной отдельной лаборатории не может "
    "связать остальных."
)
RU_CHAPTER = (
    "Об AlphaFold и ИИ для науки — никаких сожалений: Мэллаби утверждает, что это было не только "
    "научно верно, но и политически необходимо, потому что ИИ нужны видимые социальные выгоды, чтобы "
    "пережить грядущую волну недовольства из-за потери рабочих мест. Настоящее сожаление — скорость. "
    "Демис упустил момент трансформера, а Илья Суцкевер — нет: когда вышла статья, Илья побежал по "
    "коридору искать Алека Рэдфорда, чтобы построить языковую модель. Склонность Демиса к широкому "
    "портфелю означала, что DeepMind изучала трансформер, но не поставила на него всю лабораторию. "
    "Упустить это окно — и последовавший за ним момент ChatGPT — настоящая неудача, а не просто "
    "стилистическое различие."
)

B = 10**9
M = 10**6


# --- Ukrainian is told from Russian -----------------------------------------------------------


def _page_sample(summary: str, *bodies: str) -> str:
    """The sample a variant's language is detected from (``aligner.detect._variant_sample``), for a
    card of this summary and these chapter bodies."""
    chapters = tuple(Chapter(i * 60, f"{i}:00", "", body) for i, body in enumerate(bodies))
    card = Variant("uk/page.md", "uk", 0, "", summary, chapters, None, Layout.LINE_BROKEN)
    return _variant_sample(card)


def test_the_ukrainian_page_is_ukrainian() -> None:
    """The Russian table alone found 18 of its words in this sample (`в`, `на`, `до`, `у`…) and
    settled it as Russian without asking lingua."""
    assert langid.detect_voting(_page_sample(UK_SUMMARY, UK_INTRO, UK_RACE), CANDIDATES)[0] == "uk"
    chapters = [UK_INTRO, UK_RACE, UK_CHAPTER]
    assert [lang for lang, _ in langid.detect_expecting(chapters, CANDIDATES, "uk")] == ["uk"] * 3


def test_the_function_words_vote_for_ukrainian_alone() -> None:
    """The vote settles the page without lingua: Ukrainian words only, none of Russian's."""
    pool = ("ru", "uk")
    hits = langid._vote(_page_sample(UK_SUMMARY, UK_INTRO, UK_RACE), pool)
    assert hits["uk"] >= langid.VOTE_MIN_HITS_LONG and hits["ru"] == 0
    assert all(langid.confirms(text, "uk", pool) for text in (UK_SUMMARY, UK_INTRO, UK_RACE, UK_CHAPTER))


def test_the_russian_page_stays_russian() -> None:
    pool = ("ru", "uk")
    sample = _page_sample(RU_SUMMARY, RU_INTRO, RU_RACE)
    assert langid.detect_voting(sample, CANDIDATES)[0] == "ru"
    assert langid._vote(sample, pool)["uk"] == 0
    assert all(langid.confirms(text, "ru", pool) for text in (RU_SUMMARY, RU_INTRO, RU_RACE, RU_CHAPTER))


def test_words_both_languages_write_vote_for_neither() -> None:
    uk, ru = table("uk"), table("ru")
    assert uk is not None and ru is not None
    shared = {"в", "на", "до", "по", "у", "за", "без", "про", "для", "о", "об", "там"}
    assert shared <= (uk.small_words | uk.sentence_starters) & (ru.small_words | ru.sentence_starters)
    vocabulary = langid._vote_vocabulary(("ru", "uk"))
    assert not shared & set(vocabulary)
    assert {vocabulary[w] for w in ("і", "та", "що", "це", "як", "його", "від", "після", "також", "вже")} == {
        "uk"
    }


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "sentence", "values"),
    [
        ("uk", "провів із Демісом Гассабісом понад 30 годин за три роки", (30, 3)),
        ("uk", "таємний план відокремлення компанії на мільярд доларів", (B,)),
        ("uk", "за підтримки обіцяного Рідом Гоффманом 1 млрд доларів", (B,)),
        ("uk", "виписує чек на 5 млн доларів у раунді B DeepMind. Через два роки", (5 * M, 2)),
        ("uk", "одночасно фінансують п'ятнадцять різних підходів", (15,)),
        ("uk", "одночасно фінансують п’ятнадцять різних підходів", (15,)),  # typographic apostrophe
        ("uk", "одночасно фінансують пʼятнадцять різних підходів", (15,)),  # modifier letter apostrophe
        ("uk", "що розгортаються впродовж п'ятнадцяти років", (15,)),
        ("uk", "Під час тих двогодинних посиденьок у пабі", (2,)),  # "two-hour sessions"
        ("el", "πέρασε τρία χρόνια και πάνω από 30 ώρες με τον Ντέμη Χασάμπη", (3, 30)),
        ("el", "το μυστικό σχέδιο απόσχισης ύψους ενός δισεκατομμυρίου δολαρίων", (B,)),
        ("el", "με τη στήριξη μιας δέσμευσης 1 δισ. δολαρίων από τον Ριντ Χόφμαν", (B,)),
        ("el", "η δέσμευση του Ριντ Χόφμαν για ένα δισεκατομμύριο δολάρια", (B,)),
        (
            "el",
            "γράφει μια επιταγή 5 εκατ. δολαρίων για τον γύρο Series B της DeepMind. Δύο χρόνια",
            (5 * M, 2),
        ),
        ("el", "δεκαπέντε διαφορετικές προσεγγίσεις χρηματοδοτούνται ταυτόχρονα", (15,)),
        ("el", "Σε εκείνες τις δίωρες συναντήσεις στην παμπ", (2,)),  # "two-hour sessions"
        ("el", "πέρασε πάνω από 30 ώρες με τον Χασάμπη σε διάστημα τριών ετών", (30, 3)),
        ("ko", "두 시간씩 이어진 펍 대화에서", (2,)),  # "two-hour pub sessions"
        ("ko", "이 시대 소비자 AI를 규정한 두 순간인 챗GPT와 클로드 코드", (2,)),
        ("ko", "길이 두 개 있으면 둘 다 가고, 세 번째 길을 찾아라", (2, 2, 3)),
    ],
)
def test_numbers_of_the_qa_pages(code: str, sentence: str, values: tuple[int, ...]) -> None:
    """The numbers a translation must keep (the articles `ένα`, `μια` read as 1 and are not)."""
    assert [int(m.values[0]) for m in extract(sentence, code) if m.values[0] != 1] == list(values)


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        ("uk", "двісті п'ятдесят тисяч", 250_000),
        ("uk", "дві тисячі", 2000),
        ("uk", "сто двадцять", 120),
        ("uk", "1,5 млрд доларів", 1_500_000_000),
        ("uk", "5 тис. доларів", 5000),
        ("uk", "пів мільйона", 500_000),
        ("uk", "з дев’ятьма інвесторами", 9),
        ("uk", "п'ятирічний план", 5),
        ("el", "δύο χιλιάδες", 2000),
        ("el", "χίλια πεντακόσια", 1500),
        ("el", "εκατόν πενήντα", 150),
        ("el", "διακόσιοι πενήντα χιλιάδες", 250_000),
        ("el", "διακοσίων πενήντα εκατομμυρίων δολαρίων", 250_000_000),
        ("el", "είκοσι ένα", 21),
        ("el", "1,5 δισ. ευρώ", 1_500_000_000),
        ("el", "1.000.000 δολάρια", 1_000_000),
        ("el", "1 δις δολάρια", B),
        ("el", "μισό εκατομμύριο", 500_000),
        ("el", "ΔΥΟ ΧΡΟΝΙΑ", 2),  # capitals drop the accent
        ("el", "ΤΡΕΙΣ ΜΗΝΕΣ", 3),  # and end in a capital sigma: `τρεις`
        ("el", "τέσσερις ώρες", 4),
        ("ko", "스무 살에", 20),
        ("ko", "열두 시간", 12),
        ("ko", "네 가지 이유", 4),
        ("ko", "세 명의 창업자", 3),
        ("ko", "이틀 뒤", 2),
    ],
)
def test_compound_and_inflected_numbers(code: str, text: str, value: int) -> None:
    assert [m.values[0] for m in extract(text, code)] == [value]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "мільярди доларів"),  # "billions": no count
        ("uk", "кілька мільйонів користувачів"),
        ("uk", "у п'ятницю"),  # `п'ят-` opens "Friday"
        ("el", "χιλιάδες άνθρωποι"),
        ("el", "αποφάσισε εκ νέου"),  # `εκ` alone is "of, from"
        ("el", "τη δεκαετία"),  # a decade, not ten
        ("ko", "모두 대화 후반부에 나온다"),  # `모두` ("all") holds `두`
        ("ko", "중요한 개념"),  # an adjective in `-한` is no `한` (one)
        ("ko", "안전을 위한 시간"),
        ("ko", "한편 세계 각국은"),  # `한편` "meanwhile", `세계` "world"
        ("ko", "네, 맞습니다"),  # `네` "yes"
    ],
)
def test_homographs_and_indefinite_amounts_are_no_numbers(code: str, text: str) -> None:
    assert extract(text, code) == []


# --- entity types, headings, the card header --------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # the labels of the QA pages
        ("Особа", "Person"),
        ("Організація", "Organization"),
        ("Концепція", "Concept"),
        ("Програмне забезпечення", "Software"),
        ("Πρόσωπο", "Person"),
        ("Οργανισμός", "Organization"),
        ("Έννοια", "Concept"),
        ("Λογισμικό", "Software"),
        # and others a translation uses
        ("Людина", "Person"),
        ("Компанія", "Organization"),
        ("Поняття", "Concept"),
        ("Місце", "Place"),
        ("Продукт", "Product"),
        ("Подія", "Event"),
        ("Книжка", "Work"),
        ("Технологія", "Technology"),
        ("Άτομο", "Person"),
        ("Εταιρεία", "Organization"),
        ("Τόπος", "Place"),
        ("Προϊόν", "Product"),
        ("ΠΡΟΪΟΝ", "Product"),
        ("ΠΡΟΣΩΠΟ", "Person"),  # capitals without accents
        ("Γεγονός", "Event"),
        ("Βιβλίο", "Work"),
        ("Τεχνολογία", "Technology"),
    ],
)
def test_type_labels(label: str, expected: str) -> None:
    assert canonical_type(label) == expected


@pytest.mark.parametrize("code", ["uk", "el"])
def test_every_canonical_type_has_a_label(code: str) -> None:
    assert set(TABLES[code].type_labels.values()) == set(CANONICAL_TYPES)


@pytest.mark.parametrize(
    ("line", "date", "code"),
    [
        ("Unsupervised Learning: With Jacob Effron · 3 дні тому", "3 дні тому", "uk"),
        ("Unsupervised Learning: With Jacob Effron · πριν από 3 ημέρες", "πριν από 3 ημέρες", "el"),
        ("Unsupervised Learning: With Jacob Effronπριν 2 ώρες", "πριν 2 ώρες", "el"),
        ("Unsupervised Learning: With Jacob Effron · 5 років тому", "5 років тому", "uk"),
    ],
)
def test_relative_dates(line: str, date: str, code: str) -> None:
    assert split_relative_date(line) == ("Unsupervised Learning: With Jacob Effron", date, code)


def test_a_sentence_ending_in_tomu_is_no_date() -> None:
    """`рік тому` ("a year ago") and `тому` ("therefore") end sentences: a date has digits."""
    assert split_relative_date("Він пішов із компанії рік тому") is None


def test_headings_and_the_page_chrome() -> None:
    assert is_entity_heading("## Згадані особи та поняття") and is_entity_heading("## Οντότητες")
    assert (
        ui_locale(["Дивитися із субтитрами", "Unsupervised Learning: With Jacob Effron · 3 дні тому"]) == "uk"
    )
    assert ui_locale(["Όλα τα κανάλια", "Unsupervised Learning · πριν από 3 ημέρες"]) == "el"
