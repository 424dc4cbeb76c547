"""Polish."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# Numbers inflect for case (and gender): running text mostly has these forms, not the dictionary
# one — `w ciągu trzech lat`, `z pięcioma osobami`, `przez piętnastu inwestorów`. The forms below
# are the genitive/locative (one form), dative and instrumental, and the masculine-personal
# nominative (`dwaj`, `trzej`); from five on one form serves genitive, dative and locative.
_CASES: dict[int, tuple[str, ...]] = {
    2: ("dwóch", "dwu", "dwóm", "dwom", "dwoma", "dwiema", "dwaj", "dwoje", "dwojga"),
    3: ("trzech", "trzem", "trzema", "trzej", "troje", "trojga"),
    4: ("czterech", "czterem", "czterema", "czterej", "czworo"),
    5: ("pięciu", "pięcioma", "pięcioro"),
    6: ("sześciu", "sześcioma"),
    7: ("siedmiu", "siedmioma"),
    8: ("ośmiu", "ośmioma"),
    9: ("dziewięciu", "dziewięcioma"),
    10: ("dziesięciu", "dziesięcioma"),
    11: ("jedenastu", "jedenastoma"),
    12: ("dwunastu", "dwunastoma"),
    13: ("trzynastu", "trzynastoma"),
    14: ("czternastu", "czternastoma"),
    15: ("piętnastu", "piętnastoma"),
    16: ("szesnastu", "szesnastoma"),
    17: ("siedemnastu", "siedemnastoma"),
    18: ("osiemnastu", "osiemnastoma"),
    19: ("dziewiętnastu", "dziewiętnastoma"),
    20: ("dwudziestu", "dwudziestoma"),
    30: ("trzydziestu", "trzydziestoma"),
    40: ("czterdziestu", "czterdziestoma"),
    50: ("pięćdziesięciu", "pięćdziesięcioma"),
    60: ("sześćdziesięciu",),
    70: ("siedemdziesięciu",),
    80: ("osiemdziesięciu",),
    90: ("dziewięćdziesięciu",),
    100: ("stu", "stoma"),
    200: ("dwustu",),
    300: ("trzystu",),
    400: ("czterystu",),
    500: ("pięciuset",),
    600: ("sześciuset",),
    700: ("siedmiuset",),
    800: ("ośmiuset",),
    900: ("dziewięciuset",),
}

# A count of hours, days, years… is mostly one adjective: `dwugodzinne spotkania` is "two-hour
# sessions", `pięcioletni plan` a "five-year plan". The prefix is the number, the stem the unit,
# and the ending any case of the adjective (hard stems `-godzinny`, soft `-letni`).
_PREFIXES = {
    "dwu": 2,
    "trzy": 3,
    "cztero": 4,
    "pięcio": 5,
    "sześcio": 6,
    "siedmio": 7,
    "ośmio": 8,
    "dziewięcio": 9,
    "dziesięcio": 10,
    "dwunasto": 12,
    "piętnasto": 15,
    "dwudziesto": 20,
    "trzydziesto": 30,
    "stu": 100,
}
_HARD = ("y", "a", "e", "ego", "ej", "emu", "ym", "ych", "ymi", "ą")
_SOFT = ("", "a", "e", "ego", "ej", "emu", "m", "ch", "mi", "ą")
_STEMS = ("godzinn", "minutow", "dniow", "tygodniow", "miesięczn")
_COMPOUNDS = {
    **{prefix + stem + end: n for prefix, n in _PREFIXES.items() for stem in _STEMS for end in _HARD},
    **{prefix + "letni" + end: n for prefix, n in _PREFIXES.items() for end in _SOFT},
}

TABLE = LanguageTable(
    code="pl",
    name="Polish",
    script="Latin",
    entity_headings=(
        "Podmioty",
        "Encje",
        "Wymienione podmioty",
        "Osoby i pojęcia",
        "Wspomniane osoby i pojęcia",
        "Osoby i rzeczy, o których mowa",
        "Wzmianki",
    ),
    type_labels={
        "Osoba": "Person",
        "Osoby": "Person",
        "Człowiek": "Person",
        "Ludzie": "Person",
        "Postać": "Person",
        "Organizacja": "Organization",
        "Organizacje": "Organization",
        "Firma": "Organization",
        "Firmy": "Organization",
        "Przedsiębiorstwo": "Organization",
        "Spółka": "Organization",
        "Laboratorium": "Organization",
        "Instytucja": "Organization",
        "Uczelnia": "Organization",
        "Uniwersytet": "Organization",
        "Pojęcie": "Concept",
        "Pojęcia": "Concept",
        "Koncepcja": "Concept",
        "Idea": "Concept",
        "Teoria": "Concept",
        "Termin": "Concept",
        "Metoda": "Concept",
        "Oprogramowanie": "Software",
        "Narzędzie": "Software",
        "Biblioteka": "Software",
        "Framework": "Software",
        "Aplikacja": "Software",
        "Platforma": "Software",
        "Produkt": "Product",
        "Produkty": "Product",
        "Usługa": "Product",
        "Urządzenie": "Product",
        "Sprzęt": "Product",
        "Miejsce": "Place",
        "Miejsca": "Place",
        "Lokalizacja": "Place",
        "Kraj": "Place",
        "Miasto": "Place",
        "Region": "Place",
        "Wydarzenie": "Event",
        "Wydarzenia": "Event",
        "Zdarzenie": "Event",
        "Konferencja": "Event",
        "Szczyt": "Event",
        "Dzieło": "Work",
        "Dzieła": "Work",
        "Utwór": "Work",
        "Książka": "Work",
        "Książki": "Work",
        "Artykuł": "Work",
        "Publikacja": "Work",
        "Film": "Work",
        "Film dokumentalny": "Work",
        "Badanie": "Work",
        "Technologia": "Technology",
        "Technologie": "Technology",
        "Model": "Technology",
        "Architektura": "Technology",
        "Algorytm": "Technology",
        "Technika": "Technology",
    },
    ui_strings=(
        "Przeglądaj kanały",
        "Odkrywaj kanały",
        "Wszystkie kanały",
        "Najnowsze odcinki",
        "Zaloguj się",
        "Podcasty",
        "Posłuchaj głosów ze świata podcastów i zobacz ślady myśli.",
    ),
    call_to_action=("Oglądaj z napisami", "Obejrzyj z napisami", "Zobacz z napisami"),
    # Digits only: `temu` is also the dative "this" (`dzięki temu`), and `rok temu` ("a year ago")
    # ends ordinary sentences; sites write `1 rok temu`, `2 lata temu`, `5 lat temu`.
    relative_date=(
        r"\d+ (?:sekund[ęy]?|minut[ęy]?|godzin[ęy]?|dzień|dni|tydzień|tygodni(?:e)?"
        r"|miesiąc(?:e)?|miesięcy|rok|lata?) temu"
    ),
    # `a`, `i`, `o`, `na`, `to` are also other tables' words: `_vote_vocabulary` drops shared words
    # from the language vote, and here they serve the title split. Left out: words common in other
    # languages' text that their tables do not list — English `do`, `one`, `ten`, `co-`; Italian
    # `po'`; German `nie`, `ich`; Romance `te`, `tu`; Vietnamese `ta` ("we"); Turkish `tam`
    # ("exactly"), `ona` ("to her") and `on` ("ten").
    sentence_starters=words(
        "w na z to tego tej tym oni jego jej jest są był była było kiedy gdy jeśli jeżeli"
        " choć chociaż ale jednak dlatego więc potem następnie później podczas według przez od dla"
        " jak czy też także również teraz już nawet tylko mimo zamiast dzięki przed"
    ),
    # Function words that never end a title or a sentence: prepositions, conjunctions and the
    # relative `który` (`się`, `jak` and `nie` may end a sentence).
    small_words=words(
        "i a w ze z o na od za dla przez przed pod nad bez przy między oraz lub albo czy kontra"
        " vs vs. że żeby aby bo gdyż ponieważ który która które którego której któremu którym"
        " których którą"
    ),
    number_words={
        "zero": 0,
        "jeden": 1,  # Polish has no articles: `jeden` is "one"
        "jedna": 1,
        "jedno": 1,
        "dwa": 2,
        "dwie": 2,
        "trzy": 3,
        "cztery": 4,
        "pięć": 5,
        "sześć": 6,
        "siedem": 7,
        "osiem": 8,
        "dziewięć": 9,
        "dziesięć": 10,
        "jedenaście": 11,
        "dwanaście": 12,
        "trzynaście": 13,
        "czternaście": 14,
        "piętnaście": 15,
        "szesnaście": 16,
        "siedemnaście": 17,
        "osiemnaście": 18,
        "dziewiętnaście": 19,
        "dwadzieścia": 20,
        "trzydzieści": 30,
        "czterdzieści": 40,
        "pięćdziesiąt": 50,
        "sześćdziesiąt": 60,
        "siedemdziesiąt": 70,
        "osiemdziesiąt": 80,
        "dziewięćdziesiąt": 90,
        # the hundreds are words of their own (`sto dwadzieścia` = 120, never `jeden sto`)
        "sto": 100,
        "dwieście": 200,
        "trzysta": 300,
        "czterysta": 400,
        "pięćset": 500,
        "sześćset": 600,
        "siedemset": 700,
        "osiemset": 800,
        "dziewięćset": 900,
        **{form: n for n, forms in _CASES.items() for form in forms},
        **_COMPOUNDS,
        "pół miliona": 500_000,
        "pół miliarda": 500_000_000,
        "półtora miliona": 1_500_000,
        "półtora miliarda": 1_500_000_000,
    },
    # Long scale: `miliard` is 10**9, `bilion` 10**12 (unlike English). The abbreviations are
    # written with a dot (`5 mln`, `1 mld`, `3 tys.`): the dot is no part of the word token.
    scale_words={
        "tysiąc": 10**3,
        "tysiąca": 10**3,
        "tysiące": 10**3,
        "tysięcy": 10**3,
        "tysiącem": 10**3,
        "tysiącu": 10**3,
        "tysiącami": 10**3,
        "tys": 10**3,
        "milion": 10**6,
        "miliona": 10**6,
        "miliony": 10**6,
        "milionów": 10**6,
        "milionem": 10**6,
        "milionie": 10**6,
        "milionami": 10**6,
        "mln": 10**6,
        "miliard": 10**9,
        "miliarda": 10**9,
        "miliardy": 10**9,
        "miliardów": 10**9,
        "miliardem": 10**9,
        "miliardzie": 10**9,
        "miliardami": 10**9,
        "mld": 10**9,
        "bilion": 10**12,
        "biliona": 10**12,
        "biliony": 10**12,
        "bilionów": 10**12,
        "bln": 10**12,
    },
    length_prior=1.1,  # the testers' page: chapter bodies 1.11 × the English ones (median 1.10)
    # Endings a declined name takes after its whole form: `Hassabisa` (genitive), `Hassabisowi`,
    # `Hassabisem`, `o Hassabisie`, `Sama Altmana`, plural `Amodeiów`. (A name ending in -a changes
    # it, `Gita` → `Gity`: not matched.)
    name_endings=("a", "u", "owi", "em", "ie", "e", "y", "i", "ą", "ę", "owie", "ów", "om", "ami", "ach"),
    accented_letters=0.065,  # the testers' page: 0.04–0.08 per chapter
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=" \u00a0\u202f.",
        # no articles: a singular scale noun alone is one of it (`za miliard dolarów`, `tysiąc lat`)
        bare_scales=words(
            "tysiąc tysiąca tysiącem tysiącu milion miliona milionem milionie miliard"
            " miliarda miliardem miliardzie bilion biliona"
        ),
        vague=words("kilka kilku kilkoma kilkanaście kilkunastu kilkadziesiąt kilkudziesięciu kilkaset parę"),
    ),
)
