"""Hebrew."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# Hebrew glues its one-letter words to the next word: ו "and", ה "the", ב "in", ל "to", מ "from",
# ש "that", כ "about/as" (`למיליארד דולר` "to a billion dollars", `כשלושה` "about three"). A
# number is read word by word, so each prefixed form is a key of its own.
_PREFIXES = ("", *sorted(words("ו ה ב ל מ ש כ וה וב ול ומ וש וכ שה שב של כש")))


def _prefixed(forms: dict[str, int], prefixes: tuple[str, ...] = _PREFIXES) -> dict[str, int]:
    return {head + form: value for form, value in forms.items() for head in prefixes}


def _without(*dropped: str) -> tuple[str, ...]:
    """The prefixes except ``dropped`` — those that make the number another common word."""
    return tuple(p for p in _PREFIXES if p not in dropped)


# Masculine and feminine forms, and the construct forms used before a noun (`שלושת הספרים`).
_UNITS = {
    "שלוש": 3,
    "שלושה": 3,
    "שלושת": 3,
    "ארבע": 4,
    "ארבעה": 4,
    "ארבעת": 4,
    "חמש": 5,
    "חמישה": 5,
    "חמשה": 5,
    "חמשת": 5,
    "שש": 6,
    "שישה": 6,
    "ששה": 6,
    "ששת": 6,
    "שבע": 7,  # also "sated" (שָׂבֵעַ) and in `באר שבע` (Beersheba): far less often
    "שבעה": 7,
    "שבעת": 7,
    "שמונה": 8,
    "שמונת": 8,
    "תשע": 9,
    "תשעה": 9,
    "תשעת": 9,
    "עשר": 10,
    "עשרת": 10,
}
_TENS = {
    "עשרים": 20,
    "שלושים": 30,
    "ארבעים": 40,
    "חמישים": 50,
    "שישים": 60,
    "שבעים": 70,
    "שמונים": 80,
    "תשעים": 90,
}
# 11–19: the unit, then עשר (masculine) or עשרה (feminine): `חמש עשרה`, `חמישה עשר`.
_TEENS = {
    "אחת עשרה": 11,
    "אחד עשר": 11,
    "שתים עשרה": 12,
    "שתיים עשרה": 12,
    "שנים עשר": 12,
    "שניים עשר": 12,
    **{
        f"{unit} {ten}": value + 10
        for unit, value in _UNITS.items()
        if value < 10 and not unit.endswith("ת")
        for ten in ("עשר", "עשרה")
    },
}
# Duals hold the number two: the time words a translation uses for "two years/hours/days" (`שנתיים
# אחר כך` "two years later", `שעתיים` "two hours") and 200, 2,000. Unvocalized, `שנתיים`,
# `יומיים`, `שבועיים`, `חודשיים` are also plural adjectives ("annual", "daily"…): misread there, they
# are a small extra number in a translation, which T502 does not report.
_DUALS = {
    **dict.fromkeys(words("שנתיים שעתיים יומיים שבועיים חודשיים פעמיים"), 2),
    "מאתיים": 200,
    "אלפיים": 2000,
}
# Scale nouns alone are one of them (Hebrew has no indefinite article): `מיליארד דולר`.
_BARE = {"מיליון": 10**6, "מיליארד": 10**9, "טריליון": 10**12}
_BARE_SCALES = {
    **_prefixed(_BARE),
    # `מאה` is also "century": not `במאה`/`המאה`/`למאה` ("in/the/to the century")
    **_prefixed({"מאה": 100}, ("", "ו", "מ", "כ", "וכ")),
    # `אלף` with ל or מ is a verb (`לאלף` "to tame", `מאלף` "instructive"), `האלף` also the letter
    **_prefixed({"אלף": 10**3}, ("", "ו", "ב", "כ", "ש", "וב", "וכ")),
}

TABLE = LanguageTable(
    code="he",
    name="Hebrew",
    script="Hebrew",
    entity_headings=(
        "ישויות",
        "ישויות שהוזכרו",
        "אנשים ומושגים",
        "אנשים ומושגים שהוזכרו",
        "אישים ומושגים",
        "שמות ומושגים",
    ),
    # Hebrew labels and the Latin transliterations writers use for them.
    type_labels={
        "אדם": "Person",
        "אנשים": "Person",
        "איש": "Person",
        "אישה": "Person",
        "אישיות": "Person",
        "דמות": "Person",
        "Adam": "Person",
        "ארגון": "Organization",
        "ארגונים": "Organization",
        "חברה": "Organization",
        "חברות": "Organization",
        "מוסד": "Organization",
        "מעבדה": "Organization",
        "אוניברסיטה": "Organization",
        "תאגיד": "Organization",
        "Irgun": "Organization",
        "Hevra": "Organization",
        "Chevra": "Organization",
        "מושג": "Concept",
        "מושגים": "Concept",
        "רעיון": "Concept",
        "תיאוריה": "Concept",
        "מונח": "Concept",
        "שיטה": "Concept",
        "Musag": "Concept",
        "תוכנה": "Software",
        "תוכנות": "Software",
        "כלי": "Software",
        "ספרייה": "Software",
        "ספריה": "Software",
        "פריימוורק": "Software",
        "אפליקציה": "Software",
        "יישום": "Software",
        "פלטפורמה": "Software",
        "Tochna": "Software",
        "Tokhna": "Software",
        "מוצר": "Product",
        "מוצרים": "Product",
        "שירות": "Product",
        "שירותים": "Product",
        "מכשיר": "Product",
        "Mutsar": "Product",
        "Mutzar": "Product",
        "מקום": "Place",
        "מקומות": "Place",
        "מדינה": "Place",
        "עיר": "Place",
        "אזור": "Place",
        "מיקום": "Place",
        "Makom": "Place",
        "אירוע": "Event",
        "אירועים": "Event",
        "כנס": "Event",
        "ועידה": "Event",
        "פסגה": "Event",
        "Erua": "Event",
        "יצירה": "Work",
        "יצירות": "Work",
        "ספר": "Work",
        "ספרים": "Work",
        "מאמר": "Work",
        "מאמרים": "Work",
        "סרט": "Work",
        "סרט תיעודי": "Work",
        "פרסום": "Work",
        "מחקר": "Work",
        "Sefer": "Work",
        "Yetsira": "Work",
        "טכנולוגיה": "Technology",
        "טכנולוגיות": "Technology",
        "מודל": "Technology",
        "ארכיטקטורה": "Technology",
        "אלגוריתם": "Technology",
        "Technologia": "Technology",
        "Tekhnologia": "Technology",
    },
    ui_strings=(
        "פודקאסטים",
        "גלו ערוצים",
        "עיון בערוצים",
        "כל הערוצים",
        "פרקים אחרונים",
        "הפרקים האחרונים",
        "התחברות",
        "האזינו לקולות עולם הפודקאסטים, וראו את עקבות המחשבה.",
    ),
    call_to_action=("צפו עם כתוביות", "צפייה עם כתוביות", "צפה עם כתוביות", "צפו עם תרגום", "צפייה עם תרגום"),
    # `לפני 3 ימים`: a count in digits only, as the other tables. Word forms (`לפני שנתיים`, "two
    # years ago") end prose lines too: a chapter body `הוא עזב את החברה לפני שנתיים.` was read as the
    # card's channel line, and its chapter lost its body and quote.
    relative_date=(
        r"לפני \d+ (?:שניות|שנייה|שניה|דקות|דקה|שעות|שעה|ימים|יום|שבועות|שבוע|חודשים|חודש|שנים|שנה)"
        r"(?![^\W\d_])"
    ),
    sentence_starters=words("הוא היא הם הן זה זו זאת אבל אך אולם כאשר לאחר בעוד לכן אז גם כך כיום"),
    # Not `נגד`, `גם`, `לא`: they end sentences (`אני נגד`).
    small_words=words("של את על עם או אל כמו בין לעומת מול ללא בלי עבור אצל לפי אשר כדי vs vs."),
    number_words={
        "אפס": 0,
        # one: `ואחד` ends a compound (`עשרים ואחד`); `לאחד` is "to unite", `מאחד` "uniting"
        **_prefixed({"אחד": 1, "אחת": 1}, ("", "ו", "ה", "ב", "וב", "ש")),
        # two: `שני`/`שתי` before a noun (`שני הרגעים`, `שתי דרכים`); `שני` is also "second" and
        # "Monday" (`יום שני`), never read with a prefix (`השני` "the second", `משני` "secondary").
        "שני": 2,
        **_prefixed({"שתי": 2}, _without("ה", "וה", "שה")),
        **_prefixed({"שניים": 2, "שתיים": 2, "שתים": 2}),
        # Not `שנים`: "years" (the plural of שנה), and only rarely "two".
        **_prefixed({k: v for k, v in _UNITS.items() if k != "עשר"}),
        **_prefixed({"עשר": 10}, _without("מ")),  # `מעשר` "tithe"
        **_prefixed({"עשרה": 10}, _without("ה", "וה", "שה")),  # `העשרה` "enrichment"
        **_prefixed(_TENS),
        **_prefixed(_TEENS),
        **_prefixed(_DUALS),
    },
    # Long scale in principle (`ביליון` is 10**12 formally, 10**9 to many writers: left out), but
    # `טריליון` is read as English's 10**12 in the press.
    scale_words={
        **_BARE_SCALES,
        **_prefixed(
            {
                "עשרות": 10,
                "מאות": 100,
                "אלפים": 10**3,
                "אלפי": 10**3,
                "מיליונים": 10**6,
                "מיליוני": 10**6,
                "מיליארדים": 10**9,
                "מיליארדי": 10**9,
                "טריליונים": 10**12,
            }
        ),
    },
    # Names Hebrew spells with a vowel letter the sound comparison reads as a consonant (`ו` of
    # `גוגל` is u, read v: 0.53 like Google); reading every inner `ו` as u made ordinary words
    # names (`למנוע` "to prevent" ~ Altman), so the fixed spellings are listed instead.
    exonyms={"Google": ("גוגל",), "YouTube": ("יוטיוב",), "Microsoft": ("מיקרוסופט",)},
    length_prior=0.83,
    numbers=NumberFormat(
        duals=True,  # `שנתיים`, `יומיים`: two years, two days
        bare_scales=frozenset(_BARE_SCALES),
        vague=words("כמה"),  # `כמה מיליון דולר` "several million dollars"
    ),
)
