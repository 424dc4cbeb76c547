"""The fast paths of names and terms give what the plain definitions give (issue 6).

Each test compares an optimized function with a straightforward implementation of its definition
(per-character loops, look-behind-first regexes, whole-text normalization, linear glossary scans).
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import glossary, langdata, mentions, names, terms, translit
from aligner.checks import terms as check_terms
from aligner.checks.base import EpisodeContext
from aligner.glossary import Glossary, GlossaryEntry, contains_folded, fold
from aligner.mentions import MentionIndex
from aligner.model import Entity, EntityPair
from aligner.names import normalize_name
from aligner.pipeline import analyse, load
from aligner.settings import Settings
from aligner.terms import ReferenceText, TermIndex, VariantTerms, missing_terms
from tests.plain_terms import NAMES, plain_has, plain_mentions, texts

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
    return " ".join("".join(stripped).replace("ı", "i").split())


def _normalize_by_definition(name: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    text = text.replace("ı", "i")
    # one spelling of Arabic-script words: Persian kaf and yeh, no tatweel, no zero-width joiners
    text = "".join(
        {"ك": "ک", "ي": "ی", "ى": "ی"}.get(ch, ch) for ch in text if ch not in "\u0640\u200c\u200d"
    )
    if any(
        "\u0900" <= ch <= "\u0fff" or "\u1000" <= ch <= "\u109f" or "\u1780" <= ch <= "\u17ff" for ch in text
    ):
        # Indic, Thai, Myanmar, Khmer…: a word is its letters and marks
        word = [
            ch.isalnum() or ("\u0900" <= ch < "\u1800" and unicodedata.category(ch)[0] == "M") for ch in text
        ]
        return " ".join("".join(ch if w else " " for ch, w in zip(text, word, strict=True)).split())
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
        (0x0900, 0x0980),  # Devanagari
        (0x0E00, 0x0E60),  # Thai
        (0x0620, 0x0650),  # Arabic letters
        (0x200B, 0x2010),  # zero-width characters
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


# -- T503: reference terms and missing terms, against the plain per-call definitions ---------------


def _plain_reference_terms(
    text: str, ref_lang: str, entities: list[EntityPair], var_lang: str, table: Glossary | None
) -> list[terms.Term]:
    """The terms of a reference text as first written: every entity tested on a fresh index."""

    def glossed(term: str) -> tuple[str, ...]:
        entry = table.entry_of(term, ref_lang) if table is not None else None
        language = langdata.table(var_lang)
        exonyms = language.exonyms_of(term) if language is not None else ()  # `谷歌` for Google
        return (*(entry.renderings(var_lang) if entry is not None else ()), *exonyms)

    found: dict[str, terms.Term] = {}
    covered: set[str] = set()
    index = MentionIndex.of([text])
    for pair in entities:
        if pair.ref is None:
            continue
        person = pair.ref_type == "Person"
        if not plain_mentions(index, pair.ref.name, person):
            continue
        forms = [pair.ref.name, *mentions.name_forms(pair.ref.name, person)]
        if not person:
            forms.extend(terms._acronyms(pair.ref.name))
        if pair.var is not None:
            forms.extend([pair.var.name, *mentions.name_forms(pair.var.name, pair.var_type == "Person")])
        forms.extend(glossed(pair.ref.name))
        covered.update(word for form in forms for word in fold(form).split())
        found.setdefault(
            fold(pair.ref.name), terms.Term(pair.ref.name, "entity", tuple(dict.fromkeys(forms)))
        )
    for word in terms._acronyms(text):
        if fold(word) not in covered and fold(word) not in found:
            found[fold(word)] = terms.Term(
                word, "acronym", (word, *terms._reversed_acronym(word), *glossed(word))
            )
    for name in terms._names(text, ref_lang):
        key = fold(name)
        if key in found or all(w in covered for w in key.split()):
            continue
        found[key] = terms.Term(name, "name", (name, *glossed(name)))
    return list(found.values())


def _plain_missing(
    found: list[terms.Term], chapter: TermIndex, variant: TermIndex, subject: TermIndex
) -> list[terms.Term]:
    def keeps(index: TermIndex, term: terms.Term) -> bool:
        return any(plain_has(index, form) for form in term.forms)

    def derived(term: terms.Term) -> bool:  # `Chinese` for China: a word opening with all but its last letter
        stem = fold(term.text)[:-1]
        return (
            term.kind != "acronym"
            and " " not in term.text.strip()
            and len(stem) >= 4
            and stem.isascii()
            and stem.isalpha()
            and re.search(rf"(?<![^\W_]){re.escape(stem)}", chapter.folded) is not None
        )

    return [
        t
        for t in found
        if not keeps(chapter, t)
        and keeps(variant, t)
        and not (t.kind != "acronym" and keeps(subject, t))
        and not derived(t)
    ]


_GLOSSARY = Glossary.parse(
    "en,es,ja\nWorld Model,Modelo de mundo,ワールドモデル\nAI,IA,AI\nLondon,Londres,ロンドン\n"
)


def _entity(name: str, kind: str) -> Entity:
    return Entity(name, kind, "", 0)


_pair = st.builds(
    lambda ref, ref_type, var: EntityPair(
        _entity(ref, ref_type) if ref else None,
        _entity(var, "Person") if var else None,
        "test",
        ref_type,
        "Person",
    ),
    st.sampled_from(["", *NAMES]),
    st.sampled_from(["Person", "Concept", "Organization"]),
    st.sampled_from(["", "ヤン・ルカン", "ワールドモデル", "Yann"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(texts, min_size=1, max_size=3),
    st.lists(texts, min_size=1, max_size=3),
    st.lists(_pair, max_size=6),
    st.sampled_from(["en", "es", "zh"]),
    st.sampled_from(["ja", "es", "en"]),
    st.booleans(),
)
def test_reference_terms_and_missing_terms_match_the_plain_definitions(
    refs: list[str], vars_: list[str], pairs: list[EntityPair], ref_lang: str, var_lang: str, glossed: bool
) -> None:
    table = _GLOSSARY if glossed else None
    variant = TermIndex.of(vars_)
    subject = TermIndex.of([refs[0][:20], vars_[0][:20]])
    shared = VariantTerms(pairs, ref_lang, var_lang, table)  # one per variant, as in T503
    for ref, var in zip(refs, vars_, strict=False):
        plain = _plain_reference_terms(ref, ref_lang, pairs, var_lang, table)
        assert ReferenceText(ref, ref_lang).terms(shared) == plain
        assert terms.reference_terms(ref, ref_lang, pairs, var_lang, table) == plain
        chapter = TermIndex.of([var])
        for _ in range(2):  # the second time from the indexes' memos
            assert missing_terms(plain, chapter, variant, subject) == _plain_missing(
                plain, chapter, variant, subject
            )
        for term in plain:
            assert variant.keeps(term) == any(plain_has(variant, f) for f in term.forms)


def _plain_t503(ctx: EpisodeContext) -> list[tuple[str, str]]:
    """T503 as first written: every pair's terms from scratch."""
    table = ctx.resources.glossary if isinstance(ctx.resources.glossary, Glossary) else None
    ref_lang = ctx.episode.ref_lang
    found = []
    for alignment in ctx.aligned():
        variant = alignment.variant
        text = [variant.title, variant.summary, *(terms.chapter_text(c) for c in variant.chapters)]
        whole = TermIndex.of(text)
        subject = TermIndex.of([ctx.episode.reference.title, variant.title])
        for ref, var in check_terms._pairs(alignment):
            found_terms = _plain_reference_terms(
                terms.chapter_text(ref), ref_lang, alignment.entities, variant.lang, table
            )
            if table is not None:
                found_terms = [
                    t
                    for t in found_terms
                    if not check_terms._glossary_covers(table, t.text, ref_lang, variant.lang)
                ]
            chapter = TermIndex.of([terms.chapter_text(var)])
            missing = _plain_missing(found_terms, chapter, whole, subject)
            if missing:
                found.append((variant.source_path, "; ".join(f"{t.text} ({t.kind})" for t in missing)))
    return found


@pytest.mark.parametrize("with_glossary", [False, True])
def test_t503_on_the_sample_pages_matches_the_plain_definition(with_glossary: bool) -> None:
    root = Path(__file__).resolve().parent.parent / "samples"
    config = Settings(glossary=str(root / "glossary.csv")) if with_glossary else Settings()
    analysis = analyse(load([str(root / "pages")], config, jobs=1), config)
    contexts = [EpisodeContext(e, analysis.alignments, config, analysis.resources) for e in analysis.episodes]
    assert sum(len(list(check_terms._pairs(a))) for a in analysis.alignments.values()) > 0
    for ctx in contexts:
        fast = [(f.source_path, f.evidence) for f in check_terms.TermMissing().run(ctx)]
        assert fast == _plain_t503(ctx)


# -- Mentions and kept terms: the per-name / per-forms plans against the per-call definitions -----


def test_names_drop_possessives_contractions_and_only_a_common_opener() -> None:
    """`Google's` was a name of its own (Korean and Russian write `Google` or 구글, never with 's),
    `Here's`/`There's` were names, and `Great Man Theory` at a sentence start lost `Great`."""
    text = "Here's the thing. Great Man Theory is old. He met Google's founders and Demis. Nobody knows."
    assert terms._names(text, "en") == ("Great Man Theory", "Google", "Demis")
    assert terms._names("The Google team.", "en") == ("Google",)  # a common opener still goes


def test_a_name_of_several_words_never_sounds_like_one_cyrillic_word() -> None:
    """`Nobel Prize` ~ `небольшой` ("small") scored 0.8: the Russian variant seemed to use the name."""
    nobel = terms.Term("Nobel Prize", "name", ("Nobel Prize",))
    assert not TermIndex.of(["небольшой вопрос"]).keeps(nobel)
    hassabis = terms.Term("Hassabis", "name", ("Hassabis",))
    assert TermIndex.of(["Хассабис сказал"]).keeps(hassabis)  # one word still sounds alike


def test_a_cyrillic_name_is_a_word_not_a_run_of_letters() -> None:
    """`Рид` (Reid) was found inside `юридические` ("legal"), so a Russian chapter that dropped
    Reid Hoffman seemed to keep him; an inflected name (`Рида Хоффмана`) still counts."""
    hoffman = terms.Term("Reid Hoffman", "entity", ("Reid Hoffman", "Рид Хоффман", "Рид", "Хоффман"))
    assert not TermIndex.of(["юридические вопросы"]).keeps(hoffman)
    assert TermIndex.of(["деньги Рида Хоффмана"]).keeps(hoffman)
    assert TermIndex.of(["деньги Хоффмана"]).keeps(hoffman)
    assert not mentions.MentionIndex.of(["юридические вопросы"]).mentions("Рид Хоффман", True)
    assert mentions.MentionIndex.of(["с Рида Хоффмана"]).mentions("Рид Хоффман", True)
