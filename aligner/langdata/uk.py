"""Ukrainian."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# A word with an apostrophe (`п'ять`, `дев’ять`) is two tokens to the number reader, whose words are
# runs of letters: `п` and `ять`. A key of two words matches them (``aligner.numbers._key`` joins the
# tokens of a key with a space), whichever apostrophe the text uses (' or ’). The modifier letter
# apostrophe ʼ (U+02BC), which Ukrainian standards prefer, is a letter: `пʼять` is one word.
_APOSTROPHE_FORMS = (" ", "\u02bc")


def _spelled(word: str) -> tuple[str, ...]:
    """``word`` as the number reader meets it: as written, and with each spelling of an apostrophe."""
    if "'" not in word:
        return (word,)
    return tuple(word.replace("'", mark) for mark in _APOSTROPHE_FORMS)


_CARDINALS: dict[str, int] = {
    "нуль": 0,
    "один": 1,
    "одна": 1,
    "одне": 1,
    "два": 2,
    "дві": 2,
    "три": 3,
    "чотири": 4,
    "п'ять": 5,
    "шість": 6,
    # `сім'я` ("family") reads as `сім` + `я`: the reader has no way to keep it whole, so a text
    # about a family has a stray 7 (only ever an answer, never a number a translation must keep).
    "сім": 7,
    "вісім": 8,
    "дев'ять": 9,
    "десять": 10,
    "одинадцять": 11,
    "дванадцять": 12,
    "тринадцять": 13,
    "чотирнадцять": 14,
    "п'ятнадцять": 15,
    "шістнадцять": 16,
    "сімнадцять": 17,
    "вісімнадцять": 18,
    "дев'ятнадцять": 19,
    "двадцять": 20,
    "тридцять": 30,
    "сорок": 40,
    "п'ятдесят": 50,
    "шістдесят": 60,
    "сімдесят": 70,
    "вісімдесят": 80,
    "дев'яносто": 90,
    # the hundreds are words of their own (`сто двадцять` = 120)
    "сто": 100,
    "двісті": 200,
    "триста": 300,
    "чотириста": 400,
    "п'ятсот": 500,
    "шістсот": 600,
    "сімсот": 700,
    "вісімсот": 800,
    "дев'ятсот": 900,
}

# The other cases, as running text mostly has them: `за трьох років`, `протягом п'ятнадцяти років`,
# `з двома`, `п'ятьма`; and the collective numerals (`двоє`, `троє`), said of people.
_CASES: dict[int, tuple[str, ...]] = {
    1: ("одного", "однієї", "одному", "одній", "одним", "однією", "одну"),
    2: ("двох", "двом", "двома", "двоє"),
    3: ("трьох", "трьом", "трьома", "троє"),
    4: ("чотирьох", "чотирьом", "чотирма", "чотирьома", "четверо"),
    5: ("п'яти", "п'ятьох", "п'ятьом", "п'ятьма", "п'ятьома", "п'ятеро"),
    6: ("шести", "шістьох", "шістьом", "шістьма", "шістьома", "шестеро"),
    7: ("семи", "сімох", "сімом", "сімома", "семеро"),  # not `сьома`: also "seventh"
    8: ("восьми", "вісьмох", "вісьмом", "вісьма", "вісьмома", "восьмеро"),
    9: ("дев'яти", "дев'ятьох", "дев'ятьом", "дев'ятьма", "дев'ятьома", "дев'ятеро"),
    10: ("десяти", "десятьох", "десятьом", "десятьма", "десятьома", "десятеро"),
    **{
        n: (stem + "и", stem + "ьох", stem + "ьом", stem + "ьма", stem + "ьома")
        for n, stem in (
            (11, "одинадцят"),
            (12, "дванадцят"),
            (13, "тринадцят"),
            (14, "чотирнадцят"),
            (15, "п'ятнадцят"),
            (16, "шістнадцят"),
            (17, "сімнадцят"),
            (18, "вісімнадцят"),
            (19, "дев'ятнадцят"),
            (20, "двадцят"),
            (30, "тридцят"),
        )
    },
    40: ("сорока",),
    50: ("п'ятдесяти", "п'ятдесятьох", "п'ятдесятьма"),
    60: ("шістдесяти", "шістдесятьох", "шістдесятьма"),
    70: ("сімдесяти", "сімдесятьох", "сімдесятьма"),
    80: ("вісімдесяти", "вісімдесятьох", "вісімдесятьма"),
    90: ("дев'яноста",),
    100: ("ста",),
    200: ("двохсот", "двомстам", "двомастами"),
    300: ("трьохсот", "трьомстам", "трьомастами"),
    400: ("чотирьохсот",),
    500: ("п'ятисот",),
    600: ("шестисот",),
    700: ("семисот",),
    800: ("восьмисот",),
    900: ("дев'ятисот",),
}

# A count of hours, days, years… is mostly one adjective: `двогодинні посиденьки` are "two-hour
# sessions", `п'ятирічний план` a "five-year plan". The prefix is the number, the stem the unit, and
# the ending any case of the (hard-stem) adjective.
_PREFIXES = {
    "дво": 2,
    "три": 3,
    "чотири": 4,
    "п'яти": 5,
    "шести": 6,
    "семи": 7,
    "восьми": 8,
    "дев'яти": 9,
    "десяти": 10,
    "дванадцяти": 12,
    "п'ятнадцяти": 15,
    "двадцяти": 20,
    "тридцяти": 30,
    "п'ятдесяти": 50,
    "сто": 100,
}
_STEMS = ("годинн", "хвилинн", "денн", "тижнев", "місячн", "річн")
_ENDINGS = ("ий", "а", "е", "і", "ого", "ої", "ому", "ій", "им", "ім", "у", "ою", "их", "ими")
_COMPOUNDS = {
    prefix + stem + end: n for prefix, n in _PREFIXES.items() for stem in _STEMS for end in _ENDINGS
}

_NUMBER_WORDS: dict[str, int] = {
    **_CARDINALS,
    **{form: n for n, forms in _CASES.items() for form in forms},
    **_COMPOUNDS,
    "пів мільйона": 500_000,
    "півмільйона": 500_000,
    "пів мільярда": 500_000_000,
    "півмільярда": 500_000_000,
    "півтора мільйона": 1_500_000,
    "півтора мільярда": 1_500_000_000,
}

TABLE = LanguageTable(
    code="uk",
    name="Ukrainian",
    script="Cyrillic",
    entity_headings=(
        "Сутності",
        "Згадані сутності",
        "Згадані особи та поняття",
        "Згадані люди та поняття",
        "Особи та поняття",
        "Люди та поняття",
        "Персоналії",
        "Згадки",
    ),
    type_labels={
        "Особа": "Person",
        "Особи": "Person",
        "Людина": "Person",
        "Люди": "Person",
        "Персона": "Person",
        "Персоналія": "Person",
        "Постать": "Person",
        "Організація": "Organization",
        "Організації": "Organization",
        "Компанія": "Organization",
        "Компанії": "Organization",
        "Фірма": "Organization",
        "Лабораторія": "Organization",
        "Установа": "Organization",
        "Заклад": "Organization",
        "Університет": "Organization",
        "Концепція": "Concept",
        "Концепції": "Concept",
        "Поняття": "Concept",
        "Ідея": "Concept",
        "Теорія": "Concept",
        "Термін": "Concept",
        "Метод": "Concept",
        "Підхід": "Concept",
        "Програмне забезпечення": "Software",
        "ПЗ": "Software",
        "Програма": "Software",
        "Інструмент": "Software",
        "Бібліотека": "Software",
        "Фреймворк": "Software",
        "Застосунок": "Software",
        "Додаток": "Software",
        "Платформа": "Software",
        "Продукт": "Product",
        "Продукти": "Product",
        "Сервіс": "Product",
        "Послуга": "Product",
        "Пристрій": "Product",
        "Місце": "Place",
        "Місця": "Place",
        "Локація": "Place",
        "Країна": "Place",
        "Місто": "Place",
        "Регіон": "Place",
        "Подія": "Event",
        "Події": "Event",
        "Захід": "Event",
        "Конференція": "Event",
        "Саміт": "Event",
        "Твір": "Work",
        "Книга": "Work",
        "Книжка": "Work",
        "Стаття": "Work",
        "Фільм": "Work",
        "Публікація": "Work",
        "Дослідження": "Work",
        "Технологія": "Technology",
        "Технології": "Technology",
        "Модель": "Technology",
        "Архітектура": "Technology",
        "Алгоритм": "Technology",
        "Техніка": "Technology",
    },
    ui_strings=(
        "Огляд каналів",
        "Досліджуйте канали",
        "Переглянути канали",
        "Усі канали",
        "Всі канали",
        "Останні епізоди",
        "Останні випуски",
        "Подкасти",
        "Увійти",
    ),
    call_to_action=(
        "Дивитися із субтитрами",
        "Дивитися з субтитрами",
        "Дивіться із субтитрами",
        "Дивіться з субтитрами",
    ),
    # Digits only: `тому` is also "therefore", and `рік тому` ("a year ago") ends ordinary sentences;
    # the site writes `3 дні тому`, `1 тиждень тому`.
    relative_date=(
        r"\d+ (?:секунд[уи]?|хвилин[уи]?|годин[уи]?|день|дні|днів|тиждень|тижні|тижнів"
        r"|місяць|місяці|місяців|рік|роки|років) тому"
    ),
    # The page-level language vote (``aligner.langid``) counts the words only one candidate's table
    # lists. Russian lists `в на до по у за без про для о об там`: they are Ukrainian too, and listed
    # here they vote for neither. The rest are Ukrainian spellings Russian does not have (`і`, `та`,
    # `що`, `це`, `як`, `його`, `від`, `після`, `також`, `який`, `ще`, `вже`…); left out are words
    # Russian writes the same and its table does not list (`не`, `так`, `тут`, `все`, `над`,
    # `при`, `через`, `перед`, `один`, `я`), which would vote for Ukrainian on a Russian page.
    sentence_starters=words(
        "у в на до він вона воно вони ми ви це цей ця ці цього цієї цих цим цю ті коли після але"
        " однак проте його її їх їхній їхня їхнє їхні там тепер потім згодом зараз також ще вже"
        " навіть лише тільки саме як що хто чому де куди чи якщо хоча хоч адже втім отже тож тому"
        " усе усі всі кожен кожна кожне жоден жодна жодне був була було були є ні наприклад"
    ),
    # Function words that never end a title or a sentence: prepositions, conjunctions (`що` is
    # mostly "that": `Про що Деміс справді шкодує` is one title), the relative `який` (pronouns, `як`,
    # `тому` may end a sentence: they are starters only).
    small_words=words(
        "і й та або чи в у на з із зі зо до від для по про за під між без серед біля проти щодо"
        " завдяки попри крім замість навколо о об після що щоб бо ніж який яка яке які якого якої"
        " якому якій яким якими яких яку котрий котра котре котрі vs vs."
    ),
    number_words={spelled: n for word, n in _NUMBER_WORDS.items() for spelled in _spelled(word)},
    # `тис.`, `млн`, `млрд`, `трлн`: the dot is no part of the word token
    scale_words={
        "тисяча": 10**3,
        "тисячі": 10**3,
        "тисяч": 10**3,
        "тисячу": 10**3,
        "тисячею": 10**3,
        "тисячам": 10**3,
        "тисячами": 10**3,
        "тисячах": 10**3,
        "тис": 10**3,
        "мільйон": 10**6,
        "мільйона": 10**6,
        "мільйони": 10**6,
        "мільйонів": 10**6,
        "мільйону": 10**6,
        "мільйоном": 10**6,
        "мільйоні": 10**6,
        "мільйонам": 10**6,
        "мільйонами": 10**6,
        "мільйонах": 10**6,
        "млн": 10**6,
        "мільярд": 10**9,
        "мільярда": 10**9,
        "мільярди": 10**9,
        "мільярдів": 10**9,
        "мільярду": 10**9,
        "мільярдом": 10**9,
        "мільярді": 10**9,
        "мільярдам": 10**9,
        "мільярдами": 10**9,
        "мільярдах": 10**9,
        "млрд": 10**9,
        "трильйон": 10**12,
        "трильйона": 10**12,
        "трильйони": 10**12,
        "трильйонів": 10**12,
        "трлн": 10**12,
    },
    # A degree is rendered by meaning: `PhD` is `доктор філософії`, `докторська дисертація`, `кандидат
    # наук` (Cyrillic forms match with any ending: `докторської`, `кандидатської`).
    exonyms={"PhD": ("доктор", "кандидат наук", "кандидатськ")},
    length_prior=1.1,  # the QA page: chapter bodies 1.09 × the English ones (median)
    # Endings a name written in Latin letters may take glued on (rare: `Google'у` has an apostrophe,
    # which the plain name matches anyway). Names written in Cyrillic are matched with any ending
    # (``aligner.guarded.cyrillic_words``: `Деміса Гассабіса`, `Ріда Гоффмана`).
    name_endings=("а", "у", "ові", "ом", "і", "ем", "ю", "ою", "ів", "ам", "ами", "ах"),
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=" \u00a0\u202f.",
        # no articles: a singular scale noun alone is one of it (`план на мільярд доларів`,
        # `близько мільйона`); `тисячі` is also the plural "thousands", no count
        bare_scales=words(
            "тисяча тисячу тисячею мільйон мільйона мільйону мільйоном мільйоні мільярд мільярда"
            " мільярду мільярдом мільярді трильйон трильйона"
        ),
        vague=words("кілька декілька кількох декількох кільком кількома кільканадцять кількадесят кількасот"),
    ),
)
