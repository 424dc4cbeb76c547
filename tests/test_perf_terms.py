"""The fast paths of names and terms give what the plain definitions give (issue 6).

Each test compares an optimized function with a straightforward implementation of its definition
(per-character loops, look-behind-first regexes, whole-text normalization, linear glossary scans).
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from aligner import glossary, mentions, names, terms, translit
from aligner.glossary import Glossary, GlossaryEntry, contains_folded, fold
from aligner.mentions import MentionIndex
from aligner.names import normalize_name
from aligner.terms import TermIndex

SAMPLES = [
    "",
    "Yann LeCun dice que los World Models ganan.",
    "Gita Matarić — “ÉTICA” y la inteligencia artificial",
    "ヤン・ルカンによれば、ワールドモデルの時代だ。JEPAアーキテクチャ",
    "カ\u3099 e\u0301 \u0301x ﬁ ß İ ΑΣ ΟΔΟΣ Ｔｅｓｔ ﾔﾝ",
    "한국어 Москва 𝐀𝐁 \U0001e94a\U0001d165 snake_case_name",
    "line one\nline two\n\n  spaced\tout  \n",
    "LLMs, VLAs and the US; us and IA (AI) — OpenAI/AMI Labs",
]


def _fold_by_definition(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    stripped = (
        "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if ord(ch) < 0x2000
        else ch
        for ch in text
    )
    return " ".join("".join(stripped).split())


def _normalize_by_definition(name: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return re.sub(r"[\W_]+", " ", text).strip()


def _random_texts(count: int) -> list[str]:
    rng = random.Random(6)
    pools = [
        (0x20, 0x250),
        (0x300, 0x370),
        (0x370, 0x500),
        (0x3040, 0x3100),
        (0xAC00, 0xAC20),
        (0xFF00, 0xFFA0),
    ]
    pools += [(0x1D400, 0x1D420), (0x1E900, 0x1E950), (0x0A, 0x0B)]
    texts = []
    for _ in range(count):
        text = "".join(chr(rng.randrange(*rng.choice(pools))) for _ in range(rng.randint(0, 40)))
        texts.append(text * rng.choice((1, 1, 5)))  # some longer than the memoized length
    return texts


@pytest.mark.parametrize("text", SAMPLES + _random_texts(400))
def test_fold_and_normalize_match_their_definitions(text: str) -> None:
    assert fold(text) == _fold_by_definition(text)
    assert normalize_name(text) == _normalize_by_definition(text)


def test_every_combining_character_is_stripped() -> None:
    marks = [chr(c) for c in range(0x110000) if unicodedata.combining(chr(c))]
    assert names.strip_combining("a" + "".join(marks) + "b") == "ab"
    assert names.strip_combining("ドト") == "ドト"  # composed kana are no marks


def test_indexes_are_built_line_by_line_as_a_whole() -> None:
    text = "\n".join(t for t in SAMPLES if t)  # empty texts are left out
    index = MentionIndex.of(SAMPLES)
    assert index.normalized == f" {_normalize_by_definition(text)} "
    term_index = TermIndex.of(SAMPLES)
    assert term_index.folded == _fold_by_definition(text)
    assert term_index.raw == unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(
    ("form", "text", "found"),
    [
        ("ai", " ai ", True),
        ("ai", " said ai ", True),
        ("ai", " said ", False),
        ("ai", "ai", True),
        ("ai", " ais ", True),
        ("ai", " aies ", True),
        ("ai", " aiess ", False),
        ("ai", " éai ", False),
        ("mo", " mo ", True),
    ],
)
def test_latin_boundaries_match_look_behind_first(form: str, text: str, found: bool) -> None:
    latin = "a-z0-9\u00c0-\u024f"
    plain = re.compile(rf"(?<![{latin}]){re.escape(form)}(?:e?s)?(?![{latin}])")
    assert (plain.search(text) is not None) is found
    assert (mentions._latin_pattern(form).search(text) is not None) is found


@pytest.mark.parametrize("text", [*SAMPLES, "aLLMs LLMs", "XUS US", "US", "USs", "A1B2 9AB"])
def test_acronyms_match_look_behind_first(text: str) -> None:
    plain = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")
    assert [m.span() for m in terms._ACRONYM.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for acronym in ("US", "LLM", "AI"):
        slow = re.compile(rf"(?<![A-Za-z0-9]){acronym}s?(?![A-Za-z0-9])").search(text)
        fast = terms._acronym_pattern(acronym).search(text)
        assert (slow and slow.span()) == (fast and fast.span())


@pytest.mark.parametrize("term", ["World Model", "modelo de mundo", "AI", "ワールドモデル", "x-y", "9"])
def test_term_patterns_find_what_they_found(term: str) -> None:
    texts = ["los modelos de mundo", "world-models", "aworld model", "ワールド・モデル", "x y", "19"]
    for text in [*SAMPLES, *texts]:
        folded = fold(text)
        words = [w for w in re.split(r"[\s\-‐・･/]+", fold(term)) if w]
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", term):
            continue  # CJK patterns are unchanged
        body = r"[\s\-‐]+".join(re.escape(w) + (r"(?:e?s)?" if w[-1].isalpha() else "") for w in words)
        plain = re.compile(rf"(?<![a-z0-9\u00c0-\u024f]){body}(?![a-z0-9\u00c0-\u024f])")
        assert contains_folded(folded, term) == (plain.search(folded) is not None)


def test_glossary_look_ups_are_the_first_entry_in_file_order() -> None:
    entries = (
        GlossaryEntry(2, (("en", ("World Model",)), ("ja", ("ワールドモデル",)))),
        GlossaryEntry(3, (("en", ("world model", "WM")), ("es", ("Modelo de mundo",)))),
        GlossaryEntry(4, (("es", ("IA",)), ("es", ("AI",)), ("EN", ("AI",)))),  # odd columns
    )
    table = Glossary(("en", "es", "ja"), entries)

    def scan(term: str, lang: str | None) -> GlossaryEntry | None:
        key = fold(term)
        for entry in entries:
            forms = entry.renderings(lang) if lang else tuple(entry.all_forms())
            if any(fold(form) == key for form in forms):
                return entry
        return None

    for term in (
        "world model",
        "WORLD MODEL",
        "WM",
        "ワールドモデル",
        "IA",
        "AI",
        "Modelo de Mundo",
        "nothing",
    ):
        for lang in (None, "", "en", "EN-us", "es", "ja", "zh"):
            assert table.entry_of(term, lang) is scan(term, lang)
    assert table.same_term("World Model", "ワールドモデル")
    assert table.same_term("WM", "Modelo de mundo")
    assert not table.same_term("WM", "ワールドモデル")
    assert not table.same_term("IA", "ia")  # the same term, not two renderings
    assert table.same_term("IA", "AI")


def test_similarity_is_unchanged_by_memoized_keys() -> None:
    def plain(a: str, b: str) -> float:
        key_a, key_b = translit.phonetic_key(a), translit.phonetic_key(b)
        flat_a, flat_b = key_a.replace(" ", ""), key_b.replace(" ", "")
        if not flat_a or not flat_b:
            return 0.0
        whole = translit.fuzz.ratio(flat_a, flat_b) / 100.0
        skel_a, skel_b = translit.skeleton(key_a), translit.skeleton(key_b)
        shortest = min(len(skel_a), len(skel_b))
        if shortest < translit.MIN_SKELETON:
            return whole * (0.95 if skel_a == skel_b else 0.8)
        if shortest == translit.MIN_SKELETON and whole < translit.SHORT_WHOLE_MIN:
            return whole
        return max(whole, translit.fuzz.ratio(skel_a, skel_b) / 100.0)

    names_ = [
        "Yann LeCun",
        "ヤン・ルカン",
        "World Model",
        "ワールドモデル",
        "París",
        "プレッシャー",
        "",
        "Yann",
    ]
    for a in names_:
        for b in names_:
            assert translit.similarity(a, b) == plain(a, b)


def test_glossary_index_follows_a_new_glossary() -> None:
    first = Glossary.parse("en,es\nWorld Model,Modelo de mundo\n")
    second = Glossary.parse("en,es\nWorld Model,Modelo del mundo\n")
    assert first.entry_of("world model", "en").renderings("es") == ("Modelo de mundo",)  # type: ignore[union-attr]
    assert second.entry_of("world model", "en").renderings("es") == ("Modelo del mundo",)  # type: ignore[union-attr]
    assert glossary.load_glossary(None) is None
