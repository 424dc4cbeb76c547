"""Thai."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# Thai writes no spaces between words: a number word is a part of a longer run of letters
# (`ใช้เวลาสามปี`, "spent three years"), and some number words are parts of other words that hold
# no number (`สามารถ`, "can", is not 3; `เรียบร้อย`, "done", not 100). The reader finds whole words
# only, so the table says ``reads_words=False`` and T502 requires only the digits of a Thai text;
# the words below are still read where they stand alone (`50 ล้าน`).
# Nothing but the number directly before a date: `· 3 วันที่แล้ว` is the card's date, `ในช่วง 10
# ปีที่ผ่านมา` ("over the past 10 years") and `เมื่อ 3 ปีที่แล้ว` ("3 years ago") are prose, where
# a Thai word comes before the number. Digits may be Thai (`\d` reads `๓`).
_NOT_IN_A_SENTENCE = r"(?<![\d\u0e00-\u0e7f])(?<![\u0e00-\u0e7f] )"

TABLE = LanguageTable(
    code="th",
    name="Thai",
    script="Thai",
    entity_headings=(
        "บุคคลและแนวคิดที่กล่าวถึง",
        "บุคคลและสิ่งที่กล่าวถึง",
        "บุคคลและแนวคิด",
        "ผู้คนและแนวคิด",
        "สิ่งที่กล่าวถึง",
        "เอนทิตีที่กล่าวถึง",
        "เอนทิตี",
        "เอนทิตี้",
    ),
    # Thai nouns have no plural form: the variants are synonyms and common spellings.
    type_labels={
        "บุคคล": "Person",
        "คน": "Person",
        "ผู้คน": "Person",
        "บุคคลสำคัญ": "Person",
        "องค์กร": "Organization",
        "องค์การ": "Organization",
        "บริษัท": "Organization",
        "หน่วยงาน": "Organization",
        "สถาบัน": "Organization",
        "ห้องปฏิบัติการ": "Organization",
        "ห้องแล็บ": "Organization",
        "แล็บ": "Organization",
        "มหาวิทยาลัย": "Organization",
        "แนวคิด": "Concept",
        "มโนทัศน์": "Concept",
        "ความคิด": "Concept",
        "ทฤษฎี": "Concept",
        "หลักการ": "Concept",
        "คำศัพท์": "Concept",
        "ศัพท์": "Concept",
        "วิธีการ": "Concept",
        "ซอฟต์แวร์": "Software",
        "ซอฟท์แวร์": "Software",
        "โปรแกรม": "Software",
        "เครื่องมือ": "Software",
        "แอป": "Software",
        "แอพ": "Software",
        "แอปพลิเคชัน": "Software",
        "แพลตฟอร์ม": "Software",
        "ไลบรารี": "Software",
        "เฟรมเวิร์ก": "Software",
        "ผลิตภัณฑ์": "Product",
        "สินค้า": "Product",
        "บริการ": "Product",
        "อุปกรณ์": "Product",
        "สถานที่": "Place",
        "ประเทศ": "Place",
        "เมือง": "Place",
        "ภูมิภาค": "Place",
        "พื้นที่": "Place",
        "เหตุการณ์": "Event",
        "กิจกรรม": "Event",
        "อีเวนต์": "Event",
        "การประชุม": "Event",
        "การประชุมสุดยอด": "Event",
        "ผลงาน": "Work",
        "หนังสือ": "Work",
        "บทความ": "Work",
        "งานวิจัย": "Work",
        "งานเขียน": "Work",
        "เปเปอร์": "Work",
        "เอกสาร": "Work",
        "ภาพยนตร์": "Work",
        "สารคดี": "Work",
        "สิ่งพิมพ์": "Work",
        "เทคโนโลยี": "Technology",
        "เทคนิค": "Technology",
        "โมเดล": "Technology",
        "แบบจำลอง": "Technology",
        "สถาปัตยกรรม": "Technology",
        "อัลกอริทึม": "Technology",
        "อัลกอริธึม": "Technology",
    },
    ui_strings=(
        "สำรวจช่อง",
        "เรียกดูช่อง",
        "ช่องทั้งหมด",
        "ตอนล่าสุด",
        "พอดแคสต์",
        "เข้าสู่ระบบ",
    ),
    # No spaces: no call to action may begin another (the header check would see the longer one
    # as the shorter one glued to its neighbour).
    call_to_action=(
        "ดูพร้อมคำบรรยาย",
        "ดูพร้อมซับไตเติล",
        "ดูพร้อมซับไตเติ้ล",
        "ดูแบบมีคำบรรยาย",
        "รับชมพร้อมคำบรรยาย",
    ),
    # `3 วันที่แล้ว` (the testers' page, Facebook, moment.js), `3 วันที่ผ่านมา` (YouTube), `3 วันก่อน`.
    relative_date=(
        _NOT_IN_A_SENTENCE + r"\d+ ?(?:วินาที|นาที|ชั่วโมง|ชม\.|วัน|สัปดาห์|อาทิตย์|เดือน|ปี) ?"
        r"(?:ที่แล้ว|ที่ผ่านมา|ก่อน)"
    ),
    # Between spaces a Thai "word" is mostly a phrase; these are the words that stand alone: a
    # sentence opener before a Latin name or a number, a connective between two phrases.
    sentence_starters=words(
        "เขา เธอ พวกเขา เรา ผม ฉัน มัน แต่ ซึ่ง เมื่อ ถ้า หาก ดังนั้น จากนั้น ต่อมา ส่วน ขณะที่ อย่างไรก็ตาม นอกจากนี้ ทั้งนี้"
    ),
    # Not `ด้วย`, `ต่อ`, `กัน`: they end sentences ("too", "on", "together").
    small_words=words("และ หรือ ของ กับ ใน ที่ จาก เพื่อ โดย แห่ง ระหว่าง สำหรับ บน สู่ ถึง เกี่ยวกับ ปะทะ vs vs."),
    # Thai counts like Chinese (`สามสิบห้า` = 3 × 10 + 5) up to the million, which multiplies all
    # of the count before it (`ห้าแสนล้าน` = 500,000 × 10**6). `หนึ่ง` (1) is not here: after a
    # classifier it is the article "a" (`ผับแห่งหนึ่ง`, "a pub"); it counts before a scale word
    # (`หนึ่งล้าน`, see `scale_articles`). `ศูนย์` (0) is mostly "centre" (`ศูนย์วิจัย`). `ยี่` (2)
    # is only ever in `ยี่สิบ` (20), `เอ็ด` (1) only after a ten (`สิบเอ็ด` = 11).
    number_words={
        "สอง": 2,
        "สาม": 3,
        "สี่": 4,
        "ห้า": 5,
        "หก": 6,
        "เจ็ด": 7,
        "แปด": 8,
        "เก้า": 9,
        "สิบ": 10,
        "ยี่สิบ": 20,
        "เอ็ด": 1,
    },
    # `ล้านล้าน` (a million millions) is the one scale above the million. Not `ลบ.` ("million baht"
    # in stock news): `ลบ.ม.` is a cubic metre.
    scale_words={
        "ร้อย": 100,
        "พัน": 10**3,
        "หมื่น": 10**4,
        "แสน": 10**5,
        "ล้าน": 10**6,
        "ล้านล้าน": 10**12,
    },
    # Measured on the testers' translation of the Hassabis page: chapter title + body 0.93–1.15
    # times the English (median 1.02, all bodies 1.01).
    length_prior=1.0,
    numbers=NumberFormat(
        reads_words=False,  # `ใช้เวลาสามปี`: สาม (three) inside an unspaced run of words
        eras={"พ.ศ.": -543},  # the Buddhist era: `พ.ศ. 2558` is 2015
        decimal_mark=".",
        group_marks=",",
        scale_articles=words("หนึ่ง"),
        # "several", "counted in": `หลายล้าน` (millions), `นับพัน` (thousands) are no amount
        vague=words("หลาย นับ"),
        percent_words=("ร้อยละ",),  # `ร้อยละ 25` is 25 %, not 100 and 25
    ),
)
