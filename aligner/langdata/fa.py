"""Persian (Farsi)."""

from typing import TypeVar

from aligner.langdata.table import LanguageTable, NumberFormat, words

_V = TypeVar("_V")

_ZWNJ = "\u200c"


def _spellings(forms: dict[str, _V]) -> dict[str, _V]:
    """Each key as Persian is also typed: with the Arabic yeh and kaf of Arabic keyboards (ي ك for
    ی ک), and a compound's zero-width non-joiner (نرم‌افزار) left out or typed as a space."""
    found: dict[str, _V] = {}
    for key, value in forms.items():
        for form in (key, key.replace(_ZWNJ, ""), key.replace(_ZWNJ, " ")):
            found.setdefault(form, value)
            found.setdefault(form.replace("ی", "ي").replace("ک", "ك"), value)
    return found


_UNITS = {"دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "ده": 10}
_TENS = {"بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90}
# A number glued to a time noun is one word, `دوساعته` "two-hour", where the number ends in a
# letter that does not join (دو, چهار); the others take a non-joiner and are read as two words.
_GLUED_TIMES = {
    f"{number}{noun}": value
    for number, value in (("دو", 2), ("چهار", 4))
    for noun in ("ساعته", "ساله", "روزه", "هفته", "ماهه")
}

TABLE = LanguageTable(
    code="fa",
    name="Persian",
    script="Arabic",
    entity_headings=tuple(
        _spellings(
            dict.fromkeys(
                (
                    "موجودیت‌ها",
                    "موجودیت‌های ذکرشده",
                    "افراد و مفاهیم",
                    "اشخاص و مفاهیم",
                    "افراد و مفاهیم ذکرشده",
                    "نام‌ها و مفاهیم",
                )
            )
        )
    ),
    # Persian labels (in their usual spellings, see _spellings) and Latin transliterations (Finglish).
    # Not `برنامه`: "program" as often as a show or a plan.
    type_labels=_spellings(
        {
            "شخص": "Person",
            "اشخاص": "Person",
            "شخصیت": "Person",
            "شخصیت‌ها": "Person",
            "فرد": "Person",
            "افراد": "Person",
            "Shakhs": "Person",
            "Ashkhas": "Person",
            "سازمان": "Organization",
            "سازمان‌ها": "Organization",
            "شرکت": "Organization",
            "شرکت‌ها": "Organization",
            "نهاد": "Organization",
            "مؤسسه": "Organization",
            "موسسه": "Organization",
            "آزمایشگاه": "Organization",
            "دانشگاه": "Organization",
            "Sazman": "Organization",
            "Sherkat": "Organization",
            "مفهوم": "Concept",
            "مفاهیم": "Concept",
            "ایده": "Concept",
            "نظریه": "Concept",
            "اصطلاح": "Concept",
            "روش": "Concept",
            "Mafhoom": "Concept",
            "Mafhum": "Concept",
            "نرم‌افزار": "Software",
            "نرم‌افزارها": "Software",
            "ابزار": "Software",
            "کتابخانه": "Software",
            "چارچوب": "Software",
            "فریم‌ورک": "Software",
            "اپلیکیشن": "Software",
            "پلتفرم": "Software",
            "Narmafzar": "Software",
            "Narm-afzar": "Software",
            "محصول": "Product",
            "محصولات": "Product",
            "خدمت": "Product",
            "خدمات": "Product",
            "سرویس": "Product",
            "دستگاه": "Product",
            "Mahsool": "Product",
            "Mahsul": "Product",
            "مکان": "Place",
            "مکان‌ها": "Place",
            "کشور": "Place",
            "شهر": "Place",
            "منطقه": "Place",
            "Makan": "Place",
            "رویداد": "Event",
            "رویدادها": "Event",
            "رخداد": "Event",
            "همایش": "Event",
            "کنفرانس": "Event",
            "نشست": "Event",
            "اجلاس": "Event",
            "Rooydad": "Event",
            "Ruydad": "Event",
            "اثر": "Work",
            "آثار": "Work",
            "کتاب": "Work",
            "کتاب‌ها": "Work",
            "مقاله": "Work",
            "فیلم": "Work",
            "مستند": "Work",
            "نشریه": "Work",
            "پژوهش": "Work",
            "Ketab": "Work",
            "فناوری": "Technology",
            "فناوری‌ها": "Technology",
            "فن‌آوری": "Technology",
            "تکنولوژی": "Technology",
            "مدل": "Technology",
            "معماری": "Technology",
            "الگوریتم": "Technology",
            "Fanavari": "Technology",
        }
    ),
    ui_strings=(
        "پادکست‌ها",
        "کاوش کانال‌ها",
        "مرور کانال‌ها",
        "همهٔ کانال‌ها",
        "همه کانال‌ها",
        "جدیدترین قسمت‌ها",
        "آخرین قسمت‌ها",
        "ورود",
        "صدای دنیای پادکست را بشنوید و ردّ اندیشه را ببینید.",
    ),
    call_to_action=("تماشا با زیرنویس", "مشاهده با زیرنویس", "با زیرنویس ببینید", "تماشای ویدیو با زیرنویس"),
    # `۳ روز پیش`, `۳ روز قبل` (Persian digits are \d). A count in digits only, as the other
    # tables: word forms (`یک ماه پیش`, "a month ago") end prose lines too. Not `۳ روز پیش از
    # انتخابات` "three days before the elections", nor `سال پیش‌رو` "the year ahead" (a non-joiner
    # follows).
    relative_date=(
        r"\d+ (?:ثان[یي]ه|دق[یي]قه|ساعت|روز|هفته|ماه|سال) (?:پ[یي]ش|قبل)"
        r"(?![^\W\d_]|\u200c|\s*از(?![^\W\d_]))"
    ),
    # Function words distinct from Arabic's (which shares the script): Persian yeh and kaf (ی ک)
    # are other letters than Arabic's (ي ك), so `این`, `که`, `بین` are Persian only. Not `به`
    # (Arabic "with it"), `او` (Arabic "or" without hamza), `ما`, `اما`; not `هم`/`است` (end sentences).
    sentence_starters=words(
        "این وی آنها ایشان در ولی وقتی هنگامی سپس همچنین پس اگر چون زیرا بنابراین البته هر همه هیچ"
    ),
    small_words=words("و در از با برای را که تا یا بر بی بین میان درباره دربارهٔ vs vs."),
    number_words=_spellings(
        {
            "صفر": 0,
            # Not `یک` "one": it is mostly the indefinite article (`یک میخانه` "a pub"); it counts
            # before a scale word only (scale_articles). Not `نه` "nine": mostly "no"/"not".
            # `ده` is also "village", `سی` also the letter C (`بی‌بی‌سی`): far less often. The
            # non-joiner splits `سه‌شنبه` "Tuesday", `پنج‌شنبه` "Thursday": they read 3 and 5.
            **_UNITS,
            "یازده": 11,
            "دوازده": 12,
            "سیزده": 13,
            "چهارده": 14,
            "پانزده": 15,
            "پونزده": 15,
            "شانزده": 16,
            "هفده": 17,
            "هیفده": 17,
            "هجده": 18,
            "هیجده": 18,
            "نوزده": 19,
            **_TENS,
            "یکصد": 100,
            "دویست": 200,
            "سیصد": 300,
            "چهارصد": 400,
            "پانصد": 500,
            "ششصد": 600,
            "هفتصد": 700,
            "هشتصد": 800,
            "نهصد": 900,
            **_GLUED_TIMES,
        }
    ),
    scale_words=_spellings(
        {
            "صد": 100,
            "هزار": 10**3,
            "هزاران": 10**3,
            "میلیون": 10**6,
            "میلیارد": 10**9,
            "تریلیون": 10**12,
            # `صد‌ها` "hundreds of": the non-joiner splits it into two words; read whole it is a
            # scale with no count, which is indefinite. (`ده‌ها` "tens of" cannot be written so:
            # a key that starts with a number word is read as that number, `ده` "ten".)
            "صد ها": 100,
            "هزار ها": 10**3,
        }
    ),
    length_prior=1.0,
    numbers=NumberFormat(
        decimal_mark="\u066b",  # ٫ (۱٫۵); a `.` (1.5) still reads as a decimal
        group_marks="\u066c,",  # ٬ (۱۲٬۰۰۰) and `,` (12,000)
        # `یک میلیارد دلار`; `صد`, `هزار` alone are one of them (`هزار دلار`), `میلیون` is not:
        # `میلیون‌ها` "millions of" splits at its non-joiner and would read as a million.
        scale_articles=words("یک يک يك"),
        bare_scales=words("صد هزار"),
        joiners=words("و"),  # `بیست و پنج`, `صد و بیست`
        vague=words("چند چندین"),  # `چند میلیون` "several million"
    ),
)
