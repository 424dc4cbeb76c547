"""Hindi."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# 2–99, in order: below a hundred every Hindi number is a word of its own (`पैंतीस` is 35, not
# "thirty-five"), so there is nothing to compose. `एक` (1) is not among them: it is just as much
# the article "a" (`एक पब में`, `एक साल बाद`), like Spanish `un`; it only counts before a scale
# word (`एक अरब डॉलर`, see `scale_articles`).
_TWO_TO_NINETY_NINE = (  # one string: the order gives the values
    "दो तीन चार पाँच छह सात आठ नौ दस"
    " ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस"
    " इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस"
    " इकतीस बत्तीस तैंतीस चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस चालीस"
    " इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास पचास"
    " इक्यावन बावन तिरपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ"
    " इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर"
    " इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्यासी अस्सी"
    " इक्यासी बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी नब्बे"
    " इक्यानबे बानबे तिरानबे चौरानबे पंचानबे छियानबे सत्तानबे अट्ठानबे निन्यानबे"
)
# Spellings as common as the ones above: the anusvara for a nasal consonant or the chandrabindu
# (`पांच`), the visarga (`छः`), and `-नवे` for `-नबे` in the nineties.
_VARIANTS = {
    "पांच": 5,
    "छः": 6,
    "पन्द्रह": 15,
    "इकत्तीस": 31,
    "तेंतीस": 33,
    "चौतीस": 34,
    "चौवालीस": 44,
    "तिरेपन": 53,
    "तिरेसठ": 63,
    "चौसठ": 64,
    "उनासी": 79,
    "इक्यानवे": 91,
    "बानवे": 92,
    "तिरानवे": 93,
    "चौरानवे": 94,
    "पचानवे": 95,
    "पंचानवे": 95,
    "छियानवे": 96,
    "सत्तानवे": 97,
    "अट्ठानवे": 98,
    "निन्यानवे": 99,
}
# Nothing but the number directly before a date: `· 3 दिन पहले` is the card's date, `उन्होंने 3 साल
# पहले कंपनी छोड़ी` ("he left the company 3 years ago") a sentence. No number word (`एक दिन पहले`
# is "a day earlier" in prose); digits may be Devanagari (`\d` reads `३`). Nukta letters are
# decomposed in NFC text (`फ़` = `फ` + U+093C), so the nukta is optional.
_NOT_IN_A_SENTENCE = r"(?<![\d\u0900-\u097f])(?<![\u0900-\u097f] )"

TABLE = LanguageTable(
    code="hi",
    name="Hindi",
    script="Devanagari",
    entity_headings=(
        "उल्लिखित व्यक्ति और अवधारणाएँ",
        "उल्लिखित व्यक्ति और अवधारणाएं",
        "व्यक्ति और अवधारणाएँ",
        "व्यक्ति और अवधारणाएं",
        "उल्लिखित लोग और चीज़ें",
        "लोग और अवधारणाएँ",
        "लोग और अवधारणाएं",
        "उल्लिखित इकाइयाँ",
        "उल्लिखित इकाइयां",
        "इकाइयाँ",
        "इकाइयां",
        "संस्थाएँ",  # "entities" as the testers' pages write it (also "institutions")
        "संस्थाएं",
        "एंटिटी",
        "एंटिटीज़",
    ),
    # Hindi labels do not inflect for the plural in the direct case (`व्यक्ति`, `संगठन`); the
    # feminine plurals that do (`अवधारणाएँ`) are listed, with the anusvara spelling too.
    type_labels={
        "व्यक्ति": "Person",
        "लोग": "Person",
        "व्यक्तित्व": "Person",
        "शख़्सियत": "Person",
        "शख्सियत": "Person",
        "संगठन": "Organization",
        "संस्था": "Organization",
        "संस्थाएँ": "Organization",
        "संस्थाएं": "Organization",
        "संस्थान": "Organization",
        "कंपनी": "Organization",
        "कंपनियाँ": "Organization",
        "कंपनियां": "Organization",
        "प्रयोगशाला": "Organization",
        "प्रयोगशालाएँ": "Organization",
        "लैब": "Organization",
        "विश्वविद्यालय": "Organization",
        "अवधारणा": "Concept",
        "अवधारणाएँ": "Concept",
        "अवधारणाएं": "Concept",
        "संकल्पना": "Concept",
        "विचार": "Concept",
        "सिद्धांत": "Concept",
        "पद्धति": "Concept",
        "विधि": "Concept",
        "सॉफ़्टवेयर": "Software",
        "सॉफ्टवेयर": "Software",
        "टूल": "Software",
        "ऐप": "Software",
        "एप्लिकेशन": "Software",
        "ऐप्लिकेशन": "Software",
        "प्लेटफ़ॉर्म": "Software",
        "प्लेटफॉर्म": "Software",
        "लाइब्रेरी": "Software",
        "फ़्रेमवर्क": "Software",
        "फ्रेमवर्क": "Software",
        "उत्पाद": "Product",
        "प्रोडक्ट": "Product",
        "सेवा": "Product",
        "सेवाएँ": "Product",
        "डिवाइस": "Product",
        "स्थान": "Place",
        "जगह": "Place",
        "स्थल": "Place",
        "देश": "Place",
        "शहर": "Place",
        "घटना": "Event",
        "घटनाएँ": "Event",
        "घटनाएं": "Event",
        "आयोजन": "Event",
        "सम्मेलन": "Event",
        "शिखर सम्मेलन": "Event",
        "कृति": "Work",
        "कृतियाँ": "Work",
        "रचना": "Work",
        "किताब": "Work",
        "किताबें": "Work",
        "पुस्तक": "Work",
        "पुस्तकें": "Work",
        "लेख": "Work",
        "शोधपत्र": "Work",
        "शोध पत्र": "Work",
        "पेपर": "Work",
        "फ़िल्म": "Work",
        "फिल्म": "Work",
        "वृत्तचित्र": "Work",
        "प्रकाशन": "Work",
        "अध्ययन": "Work",
        "तकनीक": "Technology",
        "तकनीकें": "Technology",
        "प्रौद्योगिकी": "Technology",
        "टेक्नोलॉजी": "Technology",
        "मॉडल": "Technology",
        "आर्किटेक्चर": "Technology",
        "एल्गोरिदम": "Technology",
        "एल्गोरिथम": "Technology",
    },
    ui_strings=(
        "चैनल एक्सप्लोर करें",
        "चैनल ब्राउज़ करें",
        "चैनल खोजें",
        "सभी चैनल",
        "नवीनतम एपिसोड",
        "नए एपिसोड",
        "पॉडकास्ट",
        "साइन इन करें",
        "लॉग इन करें",
    ),
    call_to_action=(
        "कैप्शन के साथ देखें",
        "सबटाइटल के साथ देखें",
        "उपशीर्षक के साथ देखें",
        "कैप्शन सहित देखें",
    ),
    relative_date=(
        _NOT_IN_A_SENTENCE + r"\d+ ?(?:सेकंड|सेकेंड|सेकण्ड|मिनट|मिनिट|घंटा|घंटे|घण्टा|घण्टे|दिन"
        r"|हफ\u093c?्ता|हफ\u093c?्ते|सप्ताह|महीना|महीने|माह|साल|वर्ष) (?:पहले|पूर्व)"
    ),
    # Words that open a sentence and rarely stand inside a title: pronouns, demonstratives and
    # connectives. Not `क्या` ("what", "whether": titles open with it and hold it, `डेमिस क्या
    # प्रकाशित नहीं…`), `जो` (a relative clause inside a title), `एक` (the article). These and the
    # small words vote for Hindi in aligner.langid, where Marathi (same script, no table) is the
    # other candidate: no word Marathi writes as often (`व`, `या`, `की`, `परंतु`, `यदि`, `तथा`).
    sentence_starters=words(
        "यह वह ये वे इस उस इन उन जब अगर लेकिन मगर फिर तब हालांकि हालाँकि इसलिए क्योंकि उन्होंने"
        " उनके उनका उनकी उसने मैं हम आप"
    ),
    # Postpositions and conjunctions, which never end a Hindi sentence (it ends with its verb) and
    # sit inside titles (`वेंचर स्टार्टअप बनाम टेक दिग्गज`). Not `भी`, `ही`, `नहीं`, `साथ`: they end
    # clauses (`… या नहीं`).
    small_words=words("का के को में से ने पर तक लिए और बनाम vs vs."),
    number_words={
        "शून्य": 0,
        **{word: n for n, word in enumerate(_TWO_TO_NINETY_NINE.split(), start=2)},
        **_VARIANTS,
    },
    # The Indian scale: lakh 10**5, crore 10**7, arab 10**9, kharab 10**11 (`10 लाख` = a million,
    # `100 करोड़` = a billion); `लाख करोड़` is 10**12 (a larger scale after a smaller multiplies:
    # `5 लाख करोड़ रुपये`). Spelled with and without the nukta.
    scale_words={
        "सौ": 100,
        "हज़ार": 10**3,
        "हजार": 10**3,
        "लाख": 10**5,
        "करोड़": 10**7,
        "करोड": 10**7,
        "अरब": 10**9,
        "खरब": 10**11,
    },
    # Measured on the testers' translation of the Hassabis page: chapter title + body 1.02–1.17
    # times the English (median 1.06, all bodies 1.09).
    length_prior=1.08,
    numbers=NumberFormat(
        decimal_mark=".",
        group_marks=",",
        scale_articles=words("एक"),
        # Hindi has no article: a bare scale noun is one of it (`हज़ार बार`, `लाख रुपये`). Not
        # `अरब`, which is also "Arab" (`सऊदी अरब`, `अरब देश`): it needs a count (`एक अरब`, `1 अरब`).
        bare_scales=words("सौ हज़ार हजार लाख करोड़ करोड"),
        # "several", "a few": `कई हज़ार`, `चंद लाख`, `कुछ करोड़` are no amount
        vague=words("कई चंद कुछ"),
    ),
)
