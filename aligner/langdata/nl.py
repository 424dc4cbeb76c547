"""Dutch."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

_UNITS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_TENS = {
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
}


def _compound(unit: str, tens: str) -> str:
    """``eenentwintig``, ``vijfendertig``; ``tweeëntwintig`` (a diaeresis after a vowel)."""
    return unit + ("ën" if unit.endswith("e") else "en") + tens


TABLE = LanguageTable(
    code="nl",
    name="Dutch",
    script="Latin",
    entity_headings=(
        "Entiteiten",
        "Entiteit",
        "Genoemde entiteiten",
        "Genoemde personen en begrippen",
        "Personen en begrippen",
    ),
    type_labels={
        "Persoon": "Person",
        "Personen": "Person",
        "Organisatie": "Organization",
        "Organisaties": "Organization",
        "Bedrijf": "Organization",
        "Laboratorium": "Organization",
        "Instelling": "Organization",
        "Universiteit": "Organization",
        "Concept": "Concept",
        "Begrip": "Concept",
        "Begrippen": "Concept",
        "Idee": "Concept",
        "Theorie": "Concept",
        "Methode": "Concept",
        "Software": "Software",
        "Tool": "Software",
        "Bibliotheek": "Software",
        "Framework": "Software",
        "Applicatie": "Software",
        "App": "Software",
        "Platform": "Software",
        "Product": "Product",
        "Producten": "Product",
        "Dienst": "Product",
        "Apparaat": "Product",
        "Plaats": "Place",
        "Locatie": "Place",
        "Land": "Place",
        "Stad": "Place",
        "Regio": "Place",
        "Evenement": "Event",
        "Gebeurtenis": "Event",
        "Conferentie": "Event",
        "Werk": "Work",
        "Boek": "Work",
        "Boeken": "Work",
        "Artikel": "Work",
        "Film": "Work",
        "Documentaire": "Work",
        "Publicatie": "Work",
        "Studie": "Work",
        "Technologie": "Technology",
        "Model": "Technology",
        "Architectuur": "Technology",
        "Algoritme": "Technology",
        "Techniek": "Technology",
    },
    ui_strings=(
        "Kanalen verkennen",
        "Ontdek kanalen",
        "Alle kanalen",
        "Nieuwste afleveringen",
        "Inloggen",
    ),
    call_to_action=("Bekijken met ondertitels", "Kijk met ondertiteling"),
    relative_date=(
        r"(?:\d+|een) (?:seconden?|minuut|minuten|uur|dag|dagen|week|weken|maand|maanden|jaar) geleden"
    ),
    sentence_starters=words(
        "de het een dit deze die dat in op bij wanneer als na voor hij zij ze we wij zijn haar hun"
        " maar toen daar hier"
    ),
    small_words=words(
        "de het een en of van in op voor met zonder over naar bij aan uit tot vs vs. tegen door om"
    ),
    number_words={
        "nul": 0,
        "één": 1,
        "twee": 2,
        "drie": 3,
        "vier": 4,
        "vijf": 5,
        "zes": 6,
        "zeven": 7,
        "acht": 8,
        "negen": 9,
        "tien": 10,
        "elf": 11,
        "twaalf": 12,
        "dertien": 13,
        "veertien": 14,
        "vijftien": 15,
        "zestien": 16,
        "zeventien": 17,
        "achttien": 18,
        "negentien": 19,
        **_TENS,
        **{_compound(unit, tens): u + t for unit, u in _UNITS.items() for tens, t in _TENS.items()},
        # also read on their own (honderd bladzijden, duizend dollar), as in Spanish
        "honderd": 100,
        **{f"{unit}honderd": u * 100 for unit, u in _UNITS.items() if u > 1},
        "duizend": 1000,
        **{f"{unit}duizend": u * 1000 for unit, u in _UNITS.items() if u > 1},
        "tienduizend": 10_000,
        "half miljoen": 500_000,
        "half miljard": 500_000_000,
        "anderhalf miljoen": 1_500_000,
        "anderhalf miljard": 1_500_000_000,
    },
    # Long scale: "miljard" is 10**9, "biljoen" is 10**12.
    scale_words={
        "honderd": 100,
        "duizend": 10**3,
        "miljoen": 10**6,
        "mln": 10**6,
        "miljard": 10**9,
        "mld": 10**9,
        "biljoen": 10**12,
    },
    length_prior=1.1,
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=". \u00a0\u202f",
        scale_articles=words("een"),
        joiners=words("en"),
        compound_endings=("jarig", "daags", "uurs", "urig", "maal", "voudig", "delig", "talig", "koppig"),
    ),
)
