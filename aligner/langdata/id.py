"""Indonesian."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

_UNITS = {
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}

TABLE = LanguageTable(
    code="id",
    name="Indonesian",
    script="Latin",
    entity_headings=(
        "Entitas",
        "Entitas yang Disebut",
        "Entitas yang Disebutkan",
        "Tokoh dan Konsep",
        "Orang dan Konsep",
        "Orang dan Hal yang Disebut",
        "Disebut dalam Episode Ini",
    ),
    type_labels={
        "Orang": "Person",
        "Tokoh": "Person",
        "Individu": "Person",
        "Sosok": "Person",
        "Organisasi": "Organization",
        "Perusahaan": "Organization",
        "Lembaga": "Organization",
        "Institusi": "Organization",
        "Laboratorium": "Organization",
        "Universitas": "Organization",
        "Konsep": "Concept",
        "Ide": "Concept",
        "Gagasan": "Concept",
        "Teori": "Concept",
        "Istilah": "Concept",
        "Metode": "Concept",
        "Perangkat Lunak": "Software",
        "Aplikasi": "Software",
        "Alat": "Software",
        "Pustaka": "Software",
        "Kerangka Kerja": "Software",
        "Platform": "Software",
        "Produk": "Product",
        "Layanan": "Product",
        "Perangkat": "Product",
        "Perangkat Keras": "Product",
        "Tempat": "Place",
        "Lokasi": "Place",
        "Negara": "Place",
        "Kota": "Place",
        "Wilayah": "Place",
        "Daerah": "Place",
        "Acara": "Event",
        "Peristiwa": "Event",
        "Kejadian": "Event",
        "Konferensi": "Event",
        "KTT": "Event",
        "Karya": "Work",
        "Buku": "Work",
        "Makalah": "Work",
        "Artikel": "Work",
        "Film": "Work",
        "Dokumenter": "Work",
        "Publikasi": "Work",
        "Studi": "Work",
        "Teknologi": "Technology",
        "Model": "Technology",
        "Arsitektur": "Technology",
        "Algoritma": "Technology",
        "Teknik": "Technology",
    },
    ui_strings=(
        "Jelajahi saluran",
        "Telusuri saluran",
        "Semua saluran",
        "Episode terbaru",
        "Masuk",
        "Siniar",
        "Dengarkan suara-suara dunia podcast, lihat jejak pemikiran.",
    ),
    call_to_action=(
        "Tonton dengan Teks",
        "Tonton dengan Subtitel",
        "Tonton dengan Subtitle",
        "Tonton dengan Takarir",
    ),
    # Digits only: `minggu lalu` ("last week"), `tahun lalu` ("last year") are ordinary words.
    relative_date=r"\d+ (?:detik|menit|jam|hari|minggu|bulan|tahun) (?:yang )?lalu",
    # Not words common in other languages' text that their tables do not list: `dia` (Portuguese
    # "day"), `si` (Italian), `anda` (Spanish), `saat` (Turkish "hour"), `sang` (Vietnamese "to").
    sentence_starters=words(
        "ini itu ia mereka kami kita saya namun tetapi tapi dan karena ketika setelah sebelum sejak"
        " jika kalau meski meskipun walaupun bahkan lalu kemudian akhirnya di dalam pada dengan"
        " untuk sebagai menurut bagi soal yang sebuah seorang apa mengapa bagaimana jadi selain"
        " tanpa hasilnya"
    ),
    # Function words that never end a title (`ini`, `itu`, `juga`, `saja`, `tidak` end sentences).
    # `di` and `para` are also Italian and Spanish words: their tables list them, so the language
    # vote drops them as shared.
    small_words=words(
        "dan atau serta yang di ke dari untuk dengan pada dalam tentang bagi oleh antara sebagai"
        " terhadap seperti karena bahwa tetapi para sebuah seorang vs vs."
    ),
    number_words={
        "nol": 0,
        "satu": 1,  # "one" (`satu laboratorium`); the article is the prefix `se-` (`sebuah`)
        **_UNITS,
        # the `se-` numbers are words of their own (`seratus` = 100); no other `se-` word
        # (`setahun` "a year", `sebuah` "a") is read as a number
        "sepuluh": 10,
        "sebelas": 11,
        **{f"{unit} belas": n + 10 for unit, n in _UNITS.items()},  # `lima belas` = 15
        "seratus": 100,
        "seribu": 1000,
        "sejuta": 1_000_000,
        "setengah juta": 500_000,
        "setengah miliar": 500_000_000,
    },
    # Short scale: `miliar` (also `milyar`) is 10**9, `triliun` 10**12; `rb` and `jt` as in prices.
    scale_words={
        "puluh": 10,  # `dua puluh` = 20
        "ratus": 100,
        "ribu": 10**3,
        "rb": 10**3,
        "juta": 10**6,
        "jt": 10**6,
        "miliar": 10**9,
        "milyar": 10**9,
        "triliun": 10**12,
    },
    length_prior=1.2,  # the testers' page: chapter bodies 1.19 × the English ones (median 1.20)
    title_case=True,  # the Indonesian pages' headings
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=". \u00a0\u202f",
        vague=words("beberapa puluhan ratusan ribuan"),  # `beberapa juta`: several million
    ),
)
