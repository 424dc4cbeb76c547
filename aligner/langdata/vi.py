"""Vietnamese."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# The units 2–9 as they are read on their own. Not `một` (1): it is mostly the article "a"
# (`một phòng thí nghiệm`), read before a scale word through `scale_articles` (`một tỷ`). Not
# `năm` (5): it is mostly "year" (`năm 2015`, `ba năm` = three years), so the numbers built on it
# are keys of their own below. Not `không` (0): it is mostly "not".
_UNITS = {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_TENS = {**{f"{unit} mươi": n * 10 for unit, n in _UNITS.items()}, "năm mươi": 50}

TABLE = LanguageTable(
    code="vi",
    name="Vietnamese",
    script="Latin",
    entity_headings=(
        "Thực thể",
        "Các thực thể",
        "Thực thể được nhắc đến",
        "Các thực thể được nhắc đến",
        "Nhân vật và khái niệm",
        "Người và khái niệm được nhắc đến",
        "Được nhắc đến trong tập này",
    ),
    type_labels={
        "Người": "Person",
        "Nhân vật": "Person",
        "Cá nhân": "Person",
        "Tổ chức": "Organization",
        "Công ty": "Organization",
        "Doanh nghiệp": "Organization",
        "Phòng thí nghiệm": "Organization",
        "Viện": "Organization",
        "Cơ quan": "Organization",
        "Đại học": "Organization",
        "Trường đại học": "Organization",
        "Khái niệm": "Concept",
        "Ý tưởng": "Concept",
        "Lý thuyết": "Concept",
        "Thuật ngữ": "Concept",
        "Phương pháp": "Concept",
        "Phần mềm": "Software",
        "Công cụ": "Software",
        "Thư viện": "Software",
        "Ứng dụng": "Software",
        "Nền tảng": "Software",
        "Sản phẩm": "Product",
        "Dịch vụ": "Product",
        "Thiết bị": "Product",
        "Phần cứng": "Product",
        "Địa điểm": "Place",
        "Địa danh": "Place",
        "Nơi chốn": "Place",
        "Quốc gia": "Place",
        "Thành phố": "Place",
        "Khu vực": "Place",
        "Sự kiện": "Event",
        "Hội nghị": "Event",
        "Hội nghị thượng đỉnh": "Event",
        "Tác phẩm": "Work",
        "Sách": "Work",
        "Cuốn sách": "Work",
        "Bài báo": "Work",
        "Bài viết": "Work",
        "Phim": "Work",
        "Phim tài liệu": "Work",
        "Ấn phẩm": "Work",
        "Nghiên cứu": "Work",
        "Công nghệ": "Technology",
        "Mô hình": "Technology",
        "Kiến trúc": "Technology",
        "Thuật toán": "Technology",
        "Kỹ thuật": "Technology",
        "Kĩ thuật": "Technology",
    },
    ui_strings=(
        "Khám phá kênh",
        "Khám phá các kênh",
        "Duyệt kênh",
        "Tất cả kênh",
        "Tất cả các kênh",
        "Tập mới nhất",
        "Các tập mới nhất",
        "Đăng nhập",
        "Lắng nghe tiếng nói của thế giới podcast, nhìn thấy dấu vết của tư duy.",
    ),
    call_to_action=("Xem kèm phụ đề", "Xem với phụ đề", "Xem có phụ đề"),
    # Digits only: `năm trước` ("last year"), `tuần trước` ("last week") are ordinary words.
    relative_date=r"\d+ (?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm) trước",
    # Words are syllables: these are the first syllables of sentence openers (`Tuy nhiên`, `Cuối
    # cùng`). Not `do` ("because", also English) nor `ai` ("who", also the English AI); not
    # `anh` ("he", also "England": `Vương quốc Anh`).
    sentence_starters=words(
        "khi trong sau với theo vì nhưng tuy dù nếu đây đó điều ông bà họ tôi chúng các"
        " những một cuốn vào từ tại ở còn rồi cuối về ngay bởi"
    ),
    # Function words that never end a title: not `này`, `đó` (they follow their noun), nor `tới`,
    # `đến`, `qua`, `hay` (`mùa hè tới`, "next summer"; `rất hay`, "very good").
    small_words=words("và của với cho trong về từ để là hoặc các những một tại ở khi mà như bởi vì vs vs."),
    number_words={
        **_UNITS,
        "lăm": 5,  # 5 after a ten: `mười lăm` = 15, `hai mươi lăm` = 25
        "mười": 10,
        "mười một": 11,
        "mười tư": 14,
        **_TENS,
        # 1 and 4 after a ten (`hai mươi mốt` = 21, `ba mươi tư` = 34): `mốt` alone is "fashion"
        **{f"{tens} {unit}": n + 1 for tens, n in _TENS.items() for unit in ("mốt", "một")},
        **{f"{tens} tư": n + 4 for tens, n in _TENS.items()},
        # `năm` is 5 before a scale word (`năm trăm`, `năm triệu`), never "year" there
        "năm trăm": 500,
        "năm nghìn": 5000,
        "năm ngàn": 5000,
        "năm triệu": 5_000_000,
        "năm tỷ": 5_000_000_000,
        "năm tỉ": 5_000_000_000,
    },
    # `tỷ` (also spelled `tỉ`) is 10**9; `nghìn tỷ` (10**12) is read as `mil millones` is.
    scale_words={
        "mươi": 10,  # `hai mươi` = 20; `mươi` alone is "about ten" (`mươi ngày`): countless
        "chục": 10,  # `hai chục` = 20 (colloquial)
        "trăm": 100,
        "nghìn": 10**3,
        "ngàn": 10**3,
        "triệu": 10**6,
        "tỷ": 10**9,
        "tỉ": 10**9,
    },
    length_prior=1.15,  # the testers' page: chapter bodies 1.15 × the English ones (median 1.15)
    accented_letters=0.25,  # the testers' page: 0.23–0.29 per chapter
    numbers=NumberFormat(
        decimal_mark=",",
        group_marks=". \u00a0\u202f",
        scale_articles=words("một"),  # `một tỷ đô la`: a billion dollars
        vague=words("vài mấy dăm"),  # `vài ba`, `dăm ba` (a few)
        percent_words=("phần trăm",),  # `50 phần trăm` is 50%: not `trăm` (100)
    ),
)
