"""Italian."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

_UNITS = {"uno": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9}
_TENS = {
    "venti": 20,
    "trenta": 30,
    "quaranta": 40,
    "cinquanta": 50,
    "sessanta": 60,
    "settanta": 70,
    "ottanta": 80,
    "novanta": 90,
}


def _compound(tens: str, unit: str) -> str:
    """``ventuno``, ``trentotto`` (the tens lose their vowel before one), ``ventitré``."""
    if unit[0] in "uo":
        return tens[:-1] + unit
    return tens + ("tré" if unit == "tre" else unit)


TABLE = LanguageTable(
    code="it",
    name="Italian",
    script="Latin",
    entity_headings=(
        "Entità",
        "Entità citate",
        "Persone e cose citate",
        "Persone e concetti citati",
        "Persone e concetti menzionati",
        "Menzioni",
    ),
    type_labels={
        "Persona": "Person",
        "Persone": "Person",
        "Personaggio": "Person",
        "Organizzazione": "Organization",
        "Organizzazioni": "Organization",
        "Azienda": "Organization",
        "Società": "Organization",
        "Laboratorio": "Organization",
        "Istituzione": "Organization",
        "Università": "Organization",
        "Concetto": "Concept",
        "Concetti": "Concept",
        "Idea": "Concept",
        "Teoria": "Concept",
        "Termine": "Concept",
        "Metodo": "Concept",
        "Software": "Software",
        "Strumento": "Software",
        "Libreria": "Software",
        "Framework": "Software",
        "Applicazione": "Software",
        "App": "Software",
        "Piattaforma": "Software",
        "Prodotto": "Product",
        "Prodotti": "Product",
        "Servizio": "Product",
        "Dispositivo": "Product",
        "Luogo": "Place",
        "Luoghi": "Place",
        "Paese": "Place",
        "Città": "Place",
        "Regione": "Place",
        "Evento": "Event",
        "Eventi": "Event",
        "Conferenza": "Event",
        "Vertice": "Event",
        "Opera": "Work",
        "Opere": "Work",
        "Libro": "Work",
        "Libri": "Work",
        "Articolo": "Work",
        "Film": "Work",
        "Documentario": "Work",
        "Pubblicazione": "Work",
        "Studio": "Work",
        "Tecnologia": "Technology",
        "Tecnologie": "Technology",
        "Modello": "Technology",
        "Architettura": "Technology",
        "Algoritmo": "Technology",
        "Tecnica": "Technology",
    },
    ui_strings=(
        "Esplora i canali",
        "Scopri i canali",
        "Tutti i canali",
        "Ultimi episodi",
        "Accedi",
    ),
    call_to_action=("Guarda con sottotitoli", "Guarda con i sottotitoli"),
    relative_date=(
        r"(?:\d+|un|una|un') ?(?:second[oi]|minut[oi]|or[ae]|giorn[oi]|settiman[ae]|mes[ei]|ann[oi]) fa"
    ),
    sentence_starters=words(
        "il lo la i gli le l' un uno una questo questa questi queste in nel nella quando mentre"
        " dopo prima come per secondo ma se lui lei loro noi suo sua qui"
    ),
    small_words=words(
        "di del della dei degli delle da dal e o in nel per con senza su sul tra fra a al il lo la"
        " i gli le un una vs vs. contro che"
    ),
    number_words={
        "zero": 0,
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sei": 6,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "undici": 11,
        "dodici": 12,
        "tredici": 13,
        "quattordici": 14,
        "quindici": 15,
        "sedici": 16,
        "diciassette": 17,
        "diciotto": 18,
        "diciannove": 19,
        **_TENS,
        **{_compound(tens, unit): t + u for tens, t in _TENS.items() for unit, u in _UNITS.items()},
        **{tens + "tre": t + 3 for tens, t in _TENS.items()},  # ventitre, written without its accent
        # also read on their own (cento pagine, mille pagine), as in Spanish
        "cento": 100,
        **{f"{unit}cento": u * 100 for unit, u in _UNITS.items() if u > 1},
        "mille": 1000,
        **{f"{unit}mila": u * 1000 for unit, u in _UNITS.items() if u > 1},
        "diecimila": 10_000,
        "mezzo milione": 500_000,
        "mezzo miliardo": 500_000_000,
    },
    scale_words={
        "cento": 100,
        "mille": 10**3,
        "mila": 10**3,
        "milione": 10**6,
        "milioni": 10**6,
        "mln": 10**6,
        "miliardo": 10**9,
        "miliardi": 10**9,
        "mld": 10**9,
    },
    length_prior=1.15,
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=". \u00a0\u202f",
        scale_articles=words("un uno"),
        percent_words=("per cento",),
    ),
)
