"""Turkish."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

_TENS = {
    "yirmi": 20,
    "otuz": 30,
    "kırk": 40,
    "elli": 50,
    "altmış": 60,
    "yetmiş": 70,
    "seksen": 80,
    "doksan": 90,
}


def _with_capital_i(text: str) -> frozenset[str]:
    """``words(text)`` and, for each word starting with ``i``, the casefold of its capitalized
    form: ``İki`` casefolds to ``i̇ki`` (an ``i`` and a combining dot above), not to ``iki``, so a
    capitalized ``İki yıl sonra`` or ``İşte`` opening a sentence is found only in that form."""
    found = words(text)
    return found | {("İ" + word[1:]).casefold() for word in found if word.startswith("i")}


TABLE = LanguageTable(
    code="tr",
    name="Turkish",
    script="Latin",
    entity_headings=(
        "Varlıklar",
        "Varlık",
        "Bahsedilen Varlıklar",
        "Adı Geçen Varlıklar",
        "Kişiler ve Kavramlar",
        "Bahsi Geçen Kişiler ve Kavramlar",
        "Adı Geçen Kişiler ve Kavramlar",
        "Bu Bölümde Geçenler",
    ),
    type_labels={
        "Kişi": "Person",
        "Kişiler": "Person",
        "Şahıs": "Person",
        "Kuruluş": "Organization",
        "Kuruluşlar": "Organization",
        "Organizasyon": "Organization",
        "Kurum": "Organization",
        "Kurumlar": "Organization",
        "Şirket": "Organization",
        "Şirketler": "Organization",
        "Laboratuvar": "Organization",
        "Üniversite": "Organization",
        "Girişim": "Organization",
        "Kavram": "Concept",
        "Kavramlar": "Concept",
        "Fikir": "Concept",
        "Teori": "Concept",
        "Kuram": "Concept",
        "Terim": "Concept",
        "Yöntem": "Concept",
        "Yazılım": "Software",
        "Yazılımlar": "Software",
        "Araç": "Software",
        "Kütüphane": "Software",
        "Uygulama": "Software",
        "Platform": "Software",
        "Ürün": "Product",
        "Ürünler": "Product",
        "Hizmet": "Product",
        "Cihaz": "Product",
        "Donanım": "Product",
        "Yer": "Place",
        "Yerler": "Place",
        "Mekân": "Place",
        "Mekan": "Place",
        "Konum": "Place",
        "Ülke": "Place",
        "Şehir": "Place",
        "Bölge": "Place",
        "Olay": "Event",
        "Olaylar": "Event",
        "Etkinlik": "Event",
        "Konferans": "Event",
        "Zirve": "Event",
        "Eser": "Work",
        "Eserler": "Work",
        "Yapıt": "Work",
        "Kitap": "Work",
        "Kitaplar": "Work",
        "Makale": "Work",
        "Makaleler": "Work",
        "Film": "Work",
        "Belgesel": "Work",
        "Yayın": "Work",
        "Çalışma": "Work",
        "Teknoloji": "Technology",
        "Teknolojiler": "Technology",
        "Model": "Technology",
        "Mimari": "Technology",
        "Algoritma": "Technology",
        "Teknik": "Technology",
    },
    ui_strings=(
        "Kanalları Keşfet",
        "Kanallara Göz At",
        "Tüm Kanallar",
        "Son Bölümler",
        "En Yeni Bölümler",
        "Giriş Yap",
        "Oturum Aç",
        "Podcast'ler",
        "Podcast dünyasının seslerini dinleyin, düşüncenin izlerini görün.",
    ),
    # Both capitalizations: `İzle` casefolds to `i̇zle`, which `izle` is not.
    call_to_action=(
        "Altyazılarla İzle",
        "Altyazılarla izle",
        "Altyazılı İzle",
        "Altyazılı izle",
        "Altyazıyla İzle",
        "Altyazıyla izle",
    ),
    # Digits only: `bir gün önce` ("a day before") ends ordinary sentences; sites write `1 gün önce`.
    relative_date=r"\d+ (?:saniye|sn|dakika|dk|saat|sa|gün|hafta|ay|yıl) önce",
    # Not `ne`, `mi`, `ya`, `da`/`de`: Italian `ne`, Spanish `mi` and `ya`, German `da` are common
    # words no table of theirs lists, so they would vote Turkish in those languages' text. Not
    # `bir`, `her`, `ilk` either: pages write titles in Title Case (`Biyografi Yazarıyla Bir
    # Söyleşi`), where they open no sentence.
    sentence_starters=_with_capital_i(
        "bu şu o bunu bunun bunlar onu onun onlar onların ama fakat ancak ise çünkü sonra ardından"
        " sonunda artık yine ayrıca peki işte şimdi burada orada bence aslında üstelik böylece oysa"
        " hatta yani hiçbir"
    ),
    # Function words that never end a title. Not the question particles (`Girişimler mi,
    # Teknoloji Devleri mi?` ends on one), nor `bu`, `o`, `daha`, `çok`, `ki`, which end sentences.
    small_words=_with_capital_i(
        "ve ile veya yahut ama fakat için gibi kadar göre karşı hakkında üzerine bir her en vs vs."
    ),
    number_words={
        "sıfır": 0,
        # not `bir` alone: it is mostly the article "a" (`bir laboratuvar`); `bir milyar` is read
        # through `scale_articles`, 11, 21… through the keys below, as Portuguese does with `um`
        "iki": 2,
        "İki": 2,  # `İki yıl sonra`: see `_with_capital_i`
        "üç": 3,
        "dört": 4,
        "beş": 5,
        "altı": 6,
        "yedi": 7,
        "sekiz": 8,
        "dokuz": 9,
        # In Turkish text `on` is only "ten" (`on yıl`, `on beş` = 10 + 5); an English `on` left
        # in a Turkish page reads as 10, but small numbers in words are never reported as extra.
        "on": 10,
        **_TENS,
        "on bir": 11,
        **{f"{tens} bir": value + 1 for tens, value in _TENS.items()},
        # Numerals before a noun take no suffix (`üç yıl`, `iki yol`): no case forms as in Polish.
        # `yüz` (100) and `bin` (1000) are said without a count (`yüz milyon`, `bin dolar`), so
        # they are numbers on their own too, as Spanish `cien` and `mil` are. (`yüz` "face" is
        # mostly inflected: `gün yüzüne`; `yüzde` is "percent".) No `yüz bir`, `bin bir` keys:
        # a key is read whole, and `iki bin bir` (2001) would read as 2 and 1001.
        "yüz": 100,
        "bin": 1000,
    },
    # Short scale: `milyar` is 10**9, `trilyon` 10**12; `mn`/`mln` and `mlr` as in news copy.
    scale_words={
        "yüz": 100,
        "bin": 10**3,
        "milyon": 10**6,
        "mn": 10**6,
        "mln": 10**6,
        "milyar": 10**9,
        "mlr": 10**9,
        "trilyon": 10**12,
    },
    length_prior=1.1,  # the testers' page: chapter bodies 1.11 × the English ones (median 1.12)
    title_case=True,  # the Turkish pages' headings (`Biyografi Yazarıyla Bir Sohbet`)
    accented_letters=0.1,  # the testers' page: 0.08–0.13 per chapter
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=". \u00a0\u202f",
        scale_articles=_with_capital_i("bir"),
    ),
)
