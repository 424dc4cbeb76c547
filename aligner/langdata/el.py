"""Greek.

Keys are looked up in their :func:`aligner.langdata.table.normalize` form, which casefolds: the
final sigma becomes `σ` (`τρεις` is the key `τρεισ`) and the accents stay (`δύο` ≠ `δυο`). Text
written in capitals drops its accents but keeps the diaeresis (`ΔΥΟ ΧΡΟΝΙΑ`, `ΠΡΟΪΟΝ`), and `δυο`
is a common spelling, so every number key, scale and type label is listed with and without them.
The word lists are matched as casefolded words by some readers and as lower-case words by others:
each word is listed both ways.
"""

import unicodedata
from typing import TypeVar

from aligner.langdata.table import LanguageTable, NumberFormat

_V = TypeVar("_V")


_TONOS = "\u0301"  # the accent (NFD of `ά`, `έ`…); the diaeresis (`ϊ`, U+0308) is another mark


def _unaccented(word: str) -> tuple[str, str]:
    """``word`` as capitals write it, without the accent but with the diaeresis (`ΠΡΟΪΟΝ` is
    `προϊον`), and without either mark (`προιον`)."""
    decomposed = unicodedata.normalize("NFD", word)
    return (
        unicodedata.normalize("NFC", decomposed.replace(_TONOS, "")),
        unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))),
    )


def _unaccented_too(mapping: dict[str, _V]) -> dict[str, _V]:
    """``mapping`` with each key also without its accents (capitals drop them)."""
    return {**{bare: value for key, value in mapping.items() for bare in _unaccented(key)}, **mapping}


def _words(text: str) -> frozenset[str]:
    """A word set as lower-case words and as their casefolds (`τους` and `τουσ`)."""
    found = text.split()
    return frozenset(found) | frozenset(word.casefold() for word in found)


def _keys(text: str) -> frozenset[str]:
    """Words as number keys are compared (casefolded), with and without their accents."""
    return frozenset(form for word in text.casefold().split() for form in (word, *_unaccented(word)))


_CARDINALS: dict[str, int] = {
    "μηδέν": 0,
    # `ένα`, `μια` are also the indefinite article ("a lab"): read as 1, which no translation must keep
    "ένα": 1,
    "ένας": 1,
    "έναν": 1,
    "ενός": 1,
    "μία": 1,
    "μια": 1,
    "μίας": 1,
    "μιας": 1,
    "δύο": 2,
    "δυο": 2,
    "τρία": 3,
    "τρεις": 3,
    "τριών": 3,
    "τέσσερα": 4,
    "τέσσερις": 4,
    "τεσσάρων": 4,
    "πέντε": 5,
    "έξι": 6,
    "επτά": 7,
    "εφτά": 7,
    "οκτώ": 8,
    "οχτώ": 8,
    "εννέα": 9,
    "εννιά": 9,
    "δέκα": 10,
    "έντεκα": 11,
    "ένδεκα": 11,
    "δώδεκα": 12,
    "δεκατρία": 13,
    "δεκατρείς": 13,
    "δεκατριών": 13,
    "δεκατέσσερα": 14,
    "δεκατέσσερις": 14,
    "δεκατεσσάρων": 14,
    "δεκαπέντε": 15,
    "δεκαέξι": 16,
    "δεκάξι": 16,
    "δεκαεπτά": 17,
    "δεκαεφτά": 17,
    "δεκαοκτώ": 18,
    "δεκαοχτώ": 18,
    "δεκαεννέα": 19,
    "δεκαεννιά": 19,
    "είκοσι": 20,
    "τριάντα": 30,
    "σαράντα": 40,
    "πενήντα": 50,
    "εξήντα": 60,
    "εβδομήντα": 70,
    "ογδόντα": 80,
    "ενενήντα": 90,
    # the hundreds and `χίλια` are words of their own (`εκατόν πενήντα` = 150, `χίλια πεντακόσια`
    # = 1500); `χιλιάδες` is the scale (`δύο χιλιάδες` = 2000)
    "εκατό": 100,
    "εκατόν": 100,
    "χίλια": 1000,
    "χίλιοι": 1000,
    "χίλιες": 1000,
    "χιλίων": 1000,
}

# The hundreds from 200 agree with their noun: `διακόσια χρόνια`, `διακόσιοι άνθρωποι`,
# `διακόσιες ώρες`, `διακοσίων δολαρίων`.
_HUNDREDS = {
    "διακόσι": 200,
    "τριακόσι": 300,
    "τετρακόσι": 400,
    "πεντακόσι": 500,
    "εξακόσι": 600,
    "επτακόσι": 700,
    "εφτακόσι": 700,
    "οκτακόσι": 800,
    "οχτακόσι": 800,
    "εννιακόσι": 900,
    "εννεακόσι": 900,
}
_HUNDRED_FORMS = {
    **{stem + end: n for stem, n in _HUNDREDS.items() for end in ("α", "οι", "ες")},
    **{stem.removesuffix("όσι") + "οσίων": n for stem, n in _HUNDREDS.items()},
}

# A count of hours, days or months is often one adjective or noun: `δίωρες συναντήσεις` are
# "two-hour sessions", `ένα τριήμερο` "three days", `τρίμηνο` "three months". The prefix is the
# number, the stem the unit (with the accent on the prefix, or on the stem in the genitive:
# `διώρου`), the ending any case and gender. (Not the years: `δεκαετία` is a decade, no count of ten.)
_COMPOUND_STEMS: dict[int, tuple[str, ...]] = {
    2: ("δίωρ", "διώρ", "διήμερ", "διημέρ", "δίμην", "διμήν"),
    3: ("τρίωρ", "τριώρ", "τριήμερ", "τριημέρ", "τρίμην", "τριμήν"),
    4: ("τετράωρ", "τετραώρ", "τετραήμερ", "τετραημέρ", "τετράμην", "τετραμήν"),
    5: ("πεντάωρ", "πενταώρ", "πενθήμερ", "πενθημέρ", "πεντάμην", "πενταμήν"),
    6: ("εξάωρ", "εξαώρ", "εξάμην", "εξαμήν"),
    8: ("οκτάωρ", "οκταώρ", "οχτάωρ", "οχταώρ"),
    12: ("δωδεκάωρ", "δωδεκαώρ"),
    24: ("εικοσιτετράωρ", "εικοσιτετραώρ"),
}
_COMPOUND_ENDINGS = ("ος", "η", "ο", "ου", "ης", "ων", "ους", "οι", "ες", "α")
# The same for years, whose stem ends in a vowel: `διετής` ("two-year"), `τριετία` ("three years").
_YEARS = {"διετ": 2, "τριετ": 3, "τετραετ": 4, "πενταετ": 5, "εξαετ": 6}
_YEAR_ENDINGS = ("ής", "ές", "ή", "ούς", "είς", "ών", "ία", "ίας", "ίες", "ιών")
_COMPOUNDS = {
    **{stem + end: n for n, stems in _COMPOUND_STEMS.items() for stem in stems for end in _COMPOUND_ENDINGS},
    **{stem + end: n for stem, n in _YEARS.items() for end in _YEAR_ENDINGS},
}

TABLE = LanguageTable(
    code="el",
    name="Greek",
    script="Greek",
    entity_headings=(
        "Οντότητες",
        "Αναφερόμενες οντότητες",
        "Οντότητες που αναφέρονται",
        "Πρόσωπα και έννοιες",
        "Αναφερόμενα πρόσωπα και έννοιες",
        "Πρόσωπα και έννοιες που αναφέρονται",
        "Πρόσωπα",
    ),
    type_labels=_unaccented_too(
        {
            "Πρόσωπο": "Person",
            "Πρόσωπα": "Person",
            "Άτομο": "Person",
            "Άτομα": "Person",
            "Άνθρωπος": "Person",
            "Προσωπικότητα": "Person",
            "Οργανισμός": "Organization",
            "Οργανισμοί": "Organization",
            "Οργάνωση": "Organization",
            "Εταιρεία": "Organization",
            "Εταιρία": "Organization",
            "Εταιρείες": "Organization",
            "Επιχείρηση": "Organization",
            "Εργαστήριο": "Organization",
            "Ίδρυμα": "Organization",
            "Φορέας": "Organization",
            "Πανεπιστήμιο": "Organization",
            "Έννοια": "Concept",
            "Έννοιες": "Concept",
            "Ιδέα": "Concept",
            "Θεωρία": "Concept",
            "Όρος": "Concept",
            "Μέθοδος": "Concept",
            "Λογισμικό": "Software",
            "Πρόγραμμα": "Software",
            "Εργαλείο": "Software",
            "Βιβλιοθήκη": "Software",
            "Εφαρμογή": "Software",
            "Πλατφόρμα": "Software",
            "Προϊόν": "Product",
            "Προϊόντα": "Product",
            "Υπηρεσία": "Product",
            "Συσκευή": "Product",
            "Τόπος": "Place",
            "Τοποθεσία": "Place",
            "Τοποθεσίες": "Place",
            "Μέρος": "Place",
            "Χώρα": "Place",
            "Πόλη": "Place",
            "Περιοχή": "Place",
            "Γεγονός": "Event",
            "Γεγονότα": "Event",
            "Εκδήλωση": "Event",
            "Συνέδριο": "Event",
            "Σύνοδος": "Event",
            "Διάσκεψη": "Event",
            "Έργο": "Work",
            "Βιβλίο": "Work",
            "Άρθρο": "Work",
            "Ταινία": "Work",
            "Δημοσίευση": "Work",
            "Μελέτη": "Work",
            "Έρευνα": "Work",
            "Τεχνολογία": "Technology",
            "Τεχνολογίες": "Technology",
            "Μοντέλο": "Technology",
            "Αρχιτεκτονική": "Technology",
            "Αλγόριθμος": "Technology",
            "Τεχνική": "Technology",
        }
    ),
    ui_strings=(
        "Εξερευνήστε κανάλια",
        "Περιήγηση στα κανάλια",
        "Όλα τα κανάλια",
        "Πρόσφατα επεισόδια",
        "Τελευταία επεισόδια",
        "Σύνδεση",
    ),
    call_to_action=(
        "Παρακολουθήστε με υπότιτλους",
        "Δείτε με υπότιτλους",
        "Παρακολούθηση με υπότιτλους",
    ),
    # `πριν από 3 ημέρες` (the site), `πριν 3 ώρες`, `3 μέρες πριν`; digits only, as `πριν` ("before")
    # opens ordinary phrases.
    relative_date=(
        r"(?:πριν(?: από)? \d+ (?:δευτερόλεπτ[οα]|λεπτ[όάοα]|ώρ(?:α|ες)|η?μέρ(?:α|ες)|εβδομάδ(?:α|ες)"
        r"|μήν(?:α|ες)|χρόν(?:ο|ια)|έτ(?:ος|η))"
        r"|\d+ (?:δευτερόλεπτ[οα]|λεπτ[όάοα]|ώρ(?:α|ες)|η?μέρ(?:α|ες)|εβδομάδ(?:α|ες)|μήν(?:α|ες)"
        r"|χρόν(?:ο|ια)|έτ(?:ος|η)) πριν)"
    ),
    # Articles, pronouns, conjunctions and adverbs that open a sentence (`Ο Ντέμης…`, `Η OpenAI…`).
    sentence_starters=_words(
        "ο η το οι τα αυτός αυτή αυτό αυτοί αυτές αυτά εκείνος εκείνη εκείνο όταν αν ενώ επειδή"
        " καθώς μετά πριν όμως ωστόσο αλλά επίσης ακόμη ακόμα ήδη μόνο τώρα τότε ύστερα έπειτα"
        " εδώ εκεί γιατί πώς τι ποιος ποια ποιο πού δεν θα να στη στο στην στον στα σε με για"
        " από κατά παρά τελικά λοιπόν ίσως"
    ),
    # Function words that never end a title or a sentence: articles, prepositions and their
    # contractions with the article (`στην`), conjunctions, and the particles `να`, `θα`. Not `του`,
    # `της`, `τους`: also the possessives "his", "her", "their", which end sentences.
    small_words=_words(
        "και κι ή ο η το οι τα των τον την τη τις σε στο στη στην στον στα στις στους στου στης"
        " στων από απ' για με χωρίς προς κατά μετά παρά αντί ως έως μέχρι ότι πως που αν ενώ"
        " επειδή ώστε ούτε είτε αλλά να θα δεν μην μη vs vs."
    ),
    number_words=_unaccented_too(
        {
            **_CARDINALS,
            **_HUNDRED_FORMS,
            **_COMPOUNDS,
            "μισό εκατομμύριο": 500_000,
            "μισό δισεκατομμύριο": 500_000_000,
            "ενάμισι εκατομμύριο": 1_500_000,
            "ενάμιση εκατομμύριο": 1_500_000,
            "ενάμισι δισεκατομμύριο": 1_500_000_000,
            "ενάμιση δισεκατομμύριο": 1_500_000_000,
        }
    ),
    # Abbreviations are written with a dot (`5 εκατ. δολάρια`, `1 δισ.`, `δις`): the dot is no part
    # of the word token, and `δις` is `δισ` once casefolded. `εκ` is also the preposition "of, from":
    # alone (`εκ νέου`) it is a scale without a count, no number; after one (`δύο εκ των ιδρυτών`,
    # "two of the founders") it reads as millions, a price paid for the `5 εκ. δολάρια` of the press.
    scale_words=_unaccented_too(
        {
            "χιλιάδα": 10**3,
            "χιλιάδες": 10**3,
            "χιλιάδων": 10**3,
            "χιλ": 10**3,
            "εκατομμύριο": 10**6,
            "εκατομμύρια": 10**6,
            "εκατομμυρίου": 10**6,
            "εκατομμυρίων": 10**6,
            "εκατ": 10**6,
            "εκ": 10**6,
            "δισεκατομμύριο": 10**9,
            "δισεκατομμύρια": 10**9,
            "δισεκατομμυρίου": 10**9,
            "δισεκατομμυρίων": 10**9,
            "δισ": 10**9,
            "τρισεκατομμύριο": 10**12,
            "τρισεκατομμύρια": 10**12,
            "τρισεκατομμυρίου": 10**12,
            "τρισεκατομμυρίων": 10**12,
            "τρισ": 10**12,
        }
    ),
    length_prior=1.25,  # the QA page: chapter bodies 1.27 × the English ones (median)
    # No name_endings: Greek declines the Greek renderings of names (`Χασάμπης`, genitive `Χασάμπη`)
    # by dropping or changing an ending, which endings added to a Latin form cannot say, and it
    # leaves names in Latin letters as they are (`της DeepMind`).
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=". \u00a0\u202f",
        # a singular scale noun alone is one of it (`εκατομμύριο δολάρια`, `του δισεκατομμυρίου`)
        bare_scales=_keys(
            "χιλιάδα εκατομμύριο εκατομμυρίου δισεκατομμύριο δισεκατομμυρίου τρισεκατομμύριο τρισεκατομμυρίου"
        ),
        vague=_keys("μερικά μερικές μερικοί μερικών αρκετά αρκετές αρκετοί αρκετών"),
    ),
)
