"""Arabic (Modern Standard Arabic, as the site's translations are written)."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# Arabic glues its one-letter words to the next word: و "and", ف "so", ب "with/for", ل "to/for",
# ك "as", and the article ال (ل + ال is written لل). A number often carries one of them
# (`بمليار دولار` "for a billion dollars", `وثلاث سنوات`, `الخمسة عشر`), and a number is read word
# by word: each prefixed form is a key of its own.
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول")
_ARTICLE = ("ال", "وال", "بال", "لل", "ولل")


def _prefixed(forms: dict[str, int], article: bool = True) -> dict[str, int]:
    """Every form with every clitic (and, when ``article``, with the article)."""
    heads = _CLITICS + (_ARTICLE if article else ())
    return {head + form: value for form, value in forms.items() for head in heads}


# Units as written before a counted noun: the masculine and feminine forms (`ثلاث سنوات`, `ثلاثة
# أيام`), with and without hamza (writers drop it: اربعة). Not `أحد`/`إحدى` ("someone", "one of"),
# and not `ست`/`تسع` with a clitic (`لست` "I am not", `وست` "West", `لتسع` "so that it holds").
_ONE = {"واحد": 1, "واحدة": 1}
_TWO = {"اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "إثنان": 2, "إثنين": 2}
_UNITS = {
    "ثلاث": 3,
    "ثلاثة": 3,
    "أربع": 4,
    "أربعة": 4,
    "اربع": 4,
    "اربعة": 4,
    "خمس": 5,
    "خمسة": 5,
    "ستة": 6,
    "سبع": 7,
    "سبعة": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانية": 8,
    "تسعة": 9,
}
_UNGLUED = {"ست": 6, "تسع": 9}  # never with a clitic (see above)
# Tens in the nominative and the oblique case (`عشرون`, `عشرين`).
_TENS = {
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "أربعون": 40,
    "أربعين": 40,
    "اربعون": 40,
    "اربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
}
# 11–19 are two words, the unit first: `خمسة عشر`, `ثلاث عشرة` (both tens forms, as writers mix them).
_TEENS = {
    "أحد عشر": 11,
    "احد عشر": 11,
    "إحدى عشرة": 11,
    "احدى عشرة": 11,
    "اثنا عشر": 12,
    "اثني عشر": 12,
    "اثنتا عشرة": 12,
    "اثنتي عشرة": 12,
    **{f"{unit} {ten}": value + 10 for unit, value in (_UNITS | _UNGLUED).items() for ten in ("عشر", "عشرة")},
}
# 21–99 put the unit first and glue "and" to the tens (`خمسة وعشرون`): the sum is read whole, since
# a smaller number before a larger one is two numbers everywhere else.
_UNITS_BEFORE_TENS = _ONE | _TWO | _UNITS | _UNGLUED
_COMPOUNDS = {
    f"{glue}{unit} و{tens}": u + t
    for unit, u in _UNITS_BEFORE_TENS.items()
    for tens, t in _TENS.items()
    for glue in ("", "و")
}
# Hundreds are one word from 300 on (`ثلاثمائة`, `ثلاثمئة`); 200 is a dual.
_HUNDREDS = {
    "مئتان": 200,
    "مئتين": 200,
    "مئتا": 200,
    "مئتي": 200,
    "مائتان": 200,
    "مائتين": 200,
    "مائتا": 200,
    "مائتي": 200,
    **{
        f"{unit}{hundred}": value * 100
        for unit, value in (
            ("ثلاث", 3),
            ("أربع", 4),
            ("اربع", 4),
            ("خمس", 5),
            ("ست", 6),
            ("سبع", 7),
            ("ثمان", 8),
            ("ثماني", 8),
            ("تسع", 9),
        )
        for hundred in ("مائة", "مئة")
    },
}
# Duals hold the number two: `ألفين` (2,000), `مليونين`, and the time words a translation uses for
# "two years/hours/days" (`بعد عامين` "two years later", `جلسات تمتد ساعتين` "two-hour sessions").
_DUALS = {
    "ألفان": 2000,
    "ألفين": 2000,
    "مليونان": 2 * 10**6,
    "مليونين": 2 * 10**6,
    "ملياران": 2 * 10**9,
    "مليارين": 2 * 10**9,
    **{
        form: 2
        for form in words(
            "عامان عامين سنتان سنتين ساعتان ساعتين يومان يومين أسبوعان أسبوعين اسبوعين شهران شهرين"
            " دقيقتان دقيقتين ثانيتين مرتان مرتين قرنان قرنين"
        )
    },
}
# Decades: `عشرينيات هذا القرن` is the 2020s (a decade matches its year, like `los años 90`).
_DECADES = {
    "عشرينيات": 20,
    "ثلاثينيات": 30,
    "أربعينيات": 40,
    "اربعينيات": 40,
    "خمسينيات": 50,
    "ستينيات": 60,
    "سبعينيات": 70,
    "ثمانينيات": 80,
    "تسعينيات": 90,
}
# Scale nouns alone are one of them (Arabic has no indefinite article): `مليار دولار` is a billion
# dollars. Not `المئة`: `في المئة`, `بالمئة` is "percent".
_BARE = {
    "ألف": 10**3,
    "الف": 10**3,  # written without hamza as often as with
    "مليون": 10**6,
    "مليار": 10**9,
    "بليون": 10**9,  # the older word for 10**9, still used in the Gulf and the Levant
    "تريليون": 10**12,
    "ترليون": 10**12,
}
_BARE_HUNDRED = {"مئة": 100, "مائة": 100}
# Plurals (`ثلاثة آلاف`, `٥ ملايين`) need a count: alone (`ملايين الدولارات`) they are indefinite.
_PLURAL_SCALES = {
    "عشرات": 10,
    "مئات": 100,
    "آلاف": 10**3,
    "الاف": 10**3,
    "ملايين": 10**6,
    "مليارات": 10**9,
    "بلايين": 10**9,
    "تريليونات": 10**12,
    "ترليونات": 10**12,
}
_BARE_SCALES = {**_prefixed(_BARE), **_prefixed(_BARE_HUNDRED, article=False)}

TABLE = LanguageTable(
    code="ar",
    name="Arabic",
    script="Arabic",
    entity_headings=(
        "الكيانات",
        "كيانات",
        "الكيانات المذكورة",
        "الأشخاص والمفاهيم",
        "أشخاص ومفاهيم",
        "الأشخاص والمفاهيم المذكورة",
        "الشخصيات والمفاهيم",
        "أبرز الأسماء والمفاهيم",
    ),
    # Arabic labels and the Latin transliterations (Arabizi) writers use for them. Not the labels of two
    # types (an unknown label agrees with any type): `برنامج` "program" or "show", `موقع` "place" or
    # "website", `بحث` "research" or "search".
    type_labels={
        "شخص": "Person",
        "أشخاص": "Person",
        "اشخاص": "Person",
        "شخصية": "Person",
        "شخصيات": "Person",
        "فرد": "Person",
        "Shakhs": "Person",
        "Ashkhas": "Person",
        "Shakhsiya": "Person",
        "منظمة": "Organization",
        "منظّمة": "Organization",
        "منظمات": "Organization",
        "مؤسسة": "Organization",
        "مؤسسات": "Organization",
        "شركة": "Organization",
        "شركات": "Organization",
        "هيئة": "Organization",
        "جهة": "Organization",
        "مختبر": "Organization",
        "معهد": "Organization",
        "جامعة": "Organization",
        "Munazzama": "Organization",
        "Munazzamat": "Organization",
        "Sharika": "Organization",
        "مفهوم": "Concept",
        "مفاهيم": "Concept",
        "فكرة": "Concept",
        "نظرية": "Concept",
        "مصطلح": "Concept",
        "منهج": "Concept",
        "طريقة": "Concept",
        "Mafhum": "Concept",
        "Mafhoum": "Concept",
        "Mafahim": "Concept",
        "برمجيات": "Software",
        "برمجية": "Software",
        "أداة": "Software",
        "أدوات": "Software",
        "مكتبة برمجية": "Software",
        "إطار عمل": "Software",
        "تطبيق": "Software",
        "تطبيقات": "Software",
        "منصة": "Software",
        "Barmajiyat": "Software",
        "منتج": "Product",
        "منتجات": "Product",
        "خدمة": "Product",
        "خدمات": "Product",
        "جهاز": "Product",
        "Muntaj": "Product",
        "مكان": "Place",
        "أماكن": "Place",
        "دولة": "Place",
        "بلد": "Place",
        "مدينة": "Place",
        "منطقة": "Place",
        "Makan": "Place",
        "حدث": "Event",
        "أحداث": "Event",
        "فعالية": "Event",
        "مؤتمر": "Event",
        "قمة": "Event",
        "مناسبة": "Event",
        "Hadath": "Event",
        "عمل": "Work",
        "أعمال": "Work",
        "كتاب": "Work",
        "كتب": "Work",
        "مقال": "Work",
        "مقالة": "Work",
        "فيلم": "Work",
        "فيلم وثائقي": "Work",
        "وثائقي": "Work",
        "منشور": "Work",
        "دراسة": "Work",
        "ورقة بحثية": "Work",
        "Kitab": "Work",
        "تقنية": "Technology",
        "تقنيات": "Technology",
        "تكنولوجيا": "Technology",
        "نموذج": "Technology",
        "نماذج": "Technology",
        "معمارية": "Technology",
        "خوارزمية": "Technology",
        "Taqniya": "Technology",
    },
    ui_strings=(
        "بودكاست",
        "البودكاست",
        "استكشف القنوات",
        "تصفح القنوات",
        "كل القنوات",
        "جميع القنوات",
        "أحدث الحلقات",
        "تسجيل الدخول",
        "استمع إلى أصوات عالم البودكاست، وشاهد آثار الفكر.",
    ),
    call_to_action=("شاهد مع الترجمة", "شاهد مع الترجمات", "شاهد مترجمًا", "المشاهدة مع الترجمة"),
    # YouTube's forms: `قبل ٣ أيام`, `منذ ٣ أيام`, `قبل ١١ يومًا` (after a count any form: sites also
    # write `منذ 5 ساعة`). Native digits are \d. A count in digits only, as the other tables: word
    # forms (`قبل يومين`, "two days ago") end prose lines too, which were then read as the card's
    # channel line. Not what only looks like one: `منذ ٢٠١٠ عام`, `قبل ٣ ساعات من الموعد`.
    relative_date=(
        r"(?:قبل|منذ) \d+ "
        r"(?:ثوانٍ?|ثانية|دقائق|دقيقة|ساعات|ساعة|[أا]يام|يوم|[أا]سابيع|[أا]سبوع|[أا]شهر|شهور|شهر"
        r"|سنوات|سنين|سنة|[أا]عوام|عام)(?:ًا|اً|ا)?"
        r"(?![^\W\d_])(?!\s*(?:\d|من(?![^\W\d_])))"
    ),
    # Function words distinct from Persian's (which shares the script): not `من` (Persian "I"),
    # `ما` ("we"), `هم` ("also"), `بعد`/`قبل` (also Persian), nor `به` (common in Persian).
    sentence_starters=words(
        "كان كانت هذا هذه ذلك تلك لكن ولكن لقد وقد كما عندما حين إذ أما هو هي وفي فقد ثم إن"
    ),
    small_words=words("في على إلى عن مع أو ثم حتى بين لدى عند منذ ضد مقابل التي الذي الذين أن لـ بـ vs vs."),
    number_words={
        "صفر": 0,
        **_prefixed(_ONE),
        **_prefixed(_TWO, article=False),  # `الاثنين` is Monday
        **_prefixed(_UNITS),
        **_UNGLUED,
        **_prefixed({"عشر": 10, "عشرة": 10}),
        **_prefixed(_TENS),
        **_prefixed(_TEENS),
        **_COMPOUNDS,
        **_prefixed(_HUNDREDS),
        **_prefixed(_DUALS),
        **_prefixed(_DECADES),
    },
    scale_words={**_BARE_SCALES, **_prefixed(_PLURAL_SCALES)},
    length_prior=0.95,
    numbers=NumberFormat(
        duals=True,  # `اللحظتين`, `طريقان`: two moments, two paths
        decimal_mark="\u066b",  # ٫ (١٫٥); a `.` (1.5) still reads as a decimal
        group_marks="\u066c,",  # ٬ (١٬٠٠٠) and `,` (1,000)
        bare_scales=frozenset(_BARE_SCALES),
        joiners=words("و"),  # written apart: `مئة و خمسة`; glued forms are keys of their own
        vague=words("بضعة بضع عدة"),  # `بضعة ملايين` "a few million"
    ),
)
