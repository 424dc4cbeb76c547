"""Korean."""

from aligner.langdata.table import LanguageTable, NumberFormat, words

# Before a counter or a noun the native numbers 1–4 and 20 take a short form: `두 시간씩` ("two hours
# each"), `세 가지`, `한 번`, `네 명`, `스무 살`. The number reader takes each Hangul syllable as a token
# and finds its keys inside words, so the short forms alone would be numbers inside `모두` ("all"),
# `세계` ("world"), `네` ("yes") and every adjective in `-한` (`중요한`, `위한`): they are read with
# the counter that follows them, as one key (`두 시간` is the key `두시간`, spaces being no part of a
# Hangul key). `한` takes only the counters an adjective rarely stands before (`중요한 개념`,
# `위한 시간`, `안전한 곳`, `위대한 사람`, `한편` are no numbers). A key still has no word boundary
# before it: `모두 가지고` ("all have") reads 2, a number that may answer one and that no translation
# must keep (one Hangul key is never required). `스무` is 20 wherever it stands.
_SHORT_FORMS = {"한": 1, "두": 2, "세": 3, "네": 4}
_COUNTERS = (
    "시간",  # hours
    "번",  # times (`두 번째`, second)
    "명",  # people
    "사람",
    "가지",  # kinds, things
    "개",  # items (`두 개국`, two countries)
    "달",  # months (`달러`, dollars)
    "배",  # -fold
    "차례",  # times
    "곳",  # places
    "마리",
    "살",  # years of age
    "순간",  # moments
    "단계",  # stages
    "나라",  # countries
    "회사",  # companies
    "팀",
    "쪽",
    "편",
)
_AFTER_ADJECTIVES = frozenset(
    {"시간", "사람", "개", "배", "곳", "살", "순간", "단계", "나라", "회사", "팀", "쪽", "편"}
)
_COUNTED = {
    short + counter: n
    for short, n in _SHORT_FORMS.items()
    for counter in _COUNTERS
    if not (short == "한" and counter in _AFTER_ADJECTIVES)
}

TABLE = LanguageTable(
    code="ko",
    name="Korean",
    script="Hangul",
    entity_headings=(
        "엔티티",
        "개체",
        "등장인물",
        "등장 인물",
        "주요 인물",
        "인물 및 개념",
        "언급된 인물과 개념",
    ),
    type_labels={
        "인물": "Person",
        "사람": "Person",
        "조직": "Organization",
        "기관": "Organization",
        "단체": "Organization",
        "기업": "Organization",
        "회사": "Organization",
        "연구소": "Organization",
        "대학": "Organization",
        "개념": "Concept",
        "용어": "Concept",
        "이론": "Concept",
        "방법": "Concept",
        "소프트웨어": "Software",
        "도구": "Software",
        "라이브러리": "Software",
        "프레임워크": "Software",
        "앱": "Software",
        "애플리케이션": "Software",
        "플랫폼": "Software",
        "제품": "Product",
        "서비스": "Product",
        "기기": "Product",
        "장소": "Place",
        "지역": "Place",
        "국가": "Place",
        "도시": "Place",
        "사건": "Event",
        "이벤트": "Event",
        "행사": "Event",
        "회의": "Event",
        "컨퍼런스": "Event",
        "작품": "Work",
        "저작물": "Work",
        "책": "Work",
        "도서": "Work",
        "논문": "Work",
        "영화": "Work",
        "기사": "Work",
        "기술": "Technology",
        "테크놀로지": "Technology",
        "모델": "Technology",
        "아키텍처": "Technology",
        "알고리즘": "Technology",
    },
    ui_strings=(
        "채널 탐색",
        "채널 둘러보기",
        "모든 채널",
        "최신 에피소드",
        "팟캐스트",
        "로그인",
    ),
    call_to_action=("자막과 함께 보기", "자막으로 보기", "자막 보기"),
    relative_date=r"\d+ ?(?:초|분|시간|일|주|개월|달|년) ?전",
    sentence_starters=words("이 그 이번 그는 그녀는 그들은 우리는 하지만 또한 그러나 먼저"),
    small_words=words("의 과 와 및 그리고 vs vs."),
    number_words={
        "영": 0,
        "하나": 1,
        "둘": 2,
        "셋": 3,
        "넷": 4,
        "다섯": 5,
        "여섯": 6,
        "일곱": 7,
        "여덟": 8,
        "아홉": 9,
        "열": 10,  # `열두 시간` is 10 and `두 시간`: 12
        "스무": 20,
        "스물": 20,
        "서른": 30,
        "마흔": 40,
        "예순": 60,
        "일흔": 70,
        "여든": 80,
        "아흔": 90,  # not `쉰` (50): also "rested", "hoarse"
        # counts of days: `이틀` is "two days"
        "이틀": 2,
        "사흘": 3,
        "나흘": 4,
        **_COUNTED,
    },
    scale_words={
        "백": 100,
        "천": 10**3,
        "만": 10**4,
        "억": 10**8,
        "조": 10**12,
    },
    # fixed hangul forms the reading by sound misses (`구글` for Google)
    exonyms={
        "Google": ("구글",),
        "Microsoft": ("마이크로소프트",),
        "Apple": ("애플",),
        "Amazon": ("아마존",),
        "Facebook": ("페이스북",),
        "Twitter": ("트위터",),
        "Nvidia": ("엔비디아",),
        "Intel": ("인텔",),
        "Tesla": ("테슬라",),
        "Netflix": ("넷플릭스",),
        "YouTube": ("유튜브",),
        "Wikipedia": ("위키백과", "위키피디아"),
        "Samsung": ("삼성",),
        "Oxford": ("옥스퍼드",),
        "Cambridge": ("케임브리지",),
        "Harvard": ("하버드",),
        "Stanford": ("스탠퍼드",),
        "Silicon Valley": ("실리콘밸리",),
        "Nobel": ("노벨",),
    },
    length_prior=0.5,
    numbers=NumberFormat(vague=words("몇")),
)
