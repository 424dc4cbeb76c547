"""A sentence left in the reference language inside a chapter of another language (L403), and what
it no longer does to T503 (found by QA of the pre-publish gate in zh, ko and ru: one or two
English sentences passed unnoticed, and their `Nobel Prizes` made four translated chapters "lack"
the name)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.sentencesleft import sentence_left_among
from aligner.settings import Settings
from aligner.untranslated import MIN_RUN_WORDS, LanguageBudget, is_sentence, latin_runs, quoted_runs
from tests.translations import edit_body, with_source

SENTENCE = (
    "The result is a heavily hedged research portfolio that is excellent at producing Nobel Prizes and "
    "state-of-the-art models but structurally slow to make the kind of one-directional product bet "
    "Anthropic made on coding."
)


def test_a_run_of_latin_words_is_a_sentence_not_a_name_nor_a_quotation() -> None:
    assert latin_runs(f"马拉比说明了原因。{SENTENCE}这是结论。") == [SENTENCE]
    seven = " ".join(["word"] * (MIN_RUN_WORDS - 1))
    assert latin_runs(f"它来自 {seven} 的说法") == []
    assert latin_runs("ChatGPT 和 Claude Code 都不是来自 Google DeepMind 的产品") == []
    assert latin_runs(f'Oriol 说:"{SENTENCE}"') == []  # the guest's own words, quoted
    assert latin_runs(f"Oriol 说:“ {SENTENCE}”") == []


@pytest.mark.parametrize(
    "introduced",
    [
        f"《{SENTENCE}》",
        f"（{SENTENCE}）",
        f"({SENTENCE})",
        f"Oriol 说：{SENTENCE}",
        f"他说: {SENTENCE}",
        f"他说——{SENTENCE}",
        f"命令：`{SENTENCE}`",
        f"引用「 {SENTENCE}」",
    ],
)
def test_a_quotation_a_title_a_gloss_or_code_is_no_sentence_left(introduced: str) -> None:
    """Editorial English a translator keeps on purpose: a book title in 《》, a gloss in brackets, a
    quote after a colon or a dash, a command in backticks were "sentences left in English" (found
    by QA of new heuristics). T503 leaves them out of a variant's own words all the same."""
    text = f"马拉比说明了原因。{introduced}这是结论。"
    assert latin_runs(text) == []
    assert latin_runs(text, quoted=True) != []


def test_a_sentence_after_an_italic_title_is_a_sentence() -> None:
    """`*The Infinity Machine* covers …`: the closing `*` introduces nothing (found by QA)."""
    text = (
        "书名是 *The Infinity Machine* covers the full arc of DeepMind from its founding to the Nobel Prize."
    )
    assert latin_runs(text) == ["covers the full arc of DeepMind from its founding to the Nobel Prize."]


def test_a_list_of_names_is_no_sentence() -> None:
    assert not is_sentence("ChatGPT, Claude Code, Gemini, Llama, Grok, Mistral Large, DeepSeek, Qwen")
    assert is_sentence(SENTENCE)


@pytest.mark.parametrize(
    "text", ["a " * 500_000, "a," * 500_000, "中 a b c d e f g" * 60_000, "é" * 1_000_000]
)
def test_latin_runs_of_a_megabyte_take_no_time(text: str) -> None:
    """One scan: words and the gaps between them share no character, so nothing backtracks."""
    start = time.perf_counter()
    latin_runs(text)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(("locale", "lang"), [("zh-CN", "zh"), ("ru", "ru"), ("ko", "ko")])
def test_a_sentence_left_in_english_is_l403_and_its_names_ask_nothing_of_other_chapters(
    locale: str, lang: str, tmp_path: Path
) -> None:
    edit_body(with_source(tmp_path, locale), "11:27", lambda line: f"{line} {SENTENCE}")
    findings = [
        f for f in check_paths([str(tmp_path)], Settings()).findings if f.page_locale == locale.lower()
    ]
    assert [(f.code, f.chapter_ts, f.message) for f in findings if f.code == "L403"] == [
        ("L403", "11:27", f"Chapter `[11:27]` of `{lang}` has a sentence left in `en`: {SENTENCE[:59]}…")
    ]
    assert [f.message for f in findings if f.code == "T503" and "Nobel" in f.message] == []


def test_a_sentence_with_dashes_is_one_run() -> None:
    """`of the era — ChatGPT and Claude Code — and neither …` split at its dashes into runs too
    short to judge (found by QA of the gate in el, uk and zh-TW)."""
    sentence = (
        "Jacob points to the two defining consumer moments of the era — ChatGPT and Claude Code — "
        "and neither came from Google DeepMind."
    )
    assert latin_runs(f"Ο Τζέικομπ λέει. {sentence} Τέλος.") == [sentence]


@pytest.mark.parametrize("locale", ["fr", "de", "it", "tr", "vi"])
def test_an_english_quotation_kept_on_a_latin_page_asks_nothing_of_other_chapters(
    locale: str, tmp_path: Path
) -> None:
    """The guest's English words kept in quotes in `[45:00]`: their `God` made `[00:00]`, which
    says `Dieu` or `Gott`, "lack" it (found by QA of the gate in de, fr, it, nl, pl, tr, vi, id)."""
    quoted = "«Maybe if we approach science the right way, we will be getting closer to something that we could perhaps call God.»"
    edit_body(with_source(tmp_path, locale), "45:00", lambda line: f"{line} {quoted}")
    findings = check_paths([str(tmp_path)], Settings()).findings
    assert [f.message for f in findings if f.code == "T503" and "God" in f.message] == []
    assert [f.message for f in findings if f.code == "L403"] == []  # kept as said, not left
    assert quoted_runs(quoted) == [quoted[1:-1]]


@pytest.mark.parametrize(("locale", "lang"), [("es", "es"), ("de", "de"), ("pt-BR", "pt"), ("vi", "vi")])
def test_a_sentence_left_in_english_on_a_latin_page_is_l403(locale: str, lang: str, tmp_path: Path) -> None:
    """On a page of the reference's own script the sentence is no run of another script: its
    English function words (`the`, `of`, `and`) single it out for the detector."""
    edit_body(with_source(tmp_path, locale), "11:27", lambda line: f"{line} {SENTENCE}")
    findings = [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "L403"]
    assert [(f.page_locale, f.chapter_ts, f.message) for f in findings] == [
        (
            locale.lower(),
            "11:27",
            f"Chapter `[11:27]` of `{lang}` has a sentence left in `en`: {SENTENCE[:59]}…",
        )
    ]


def test_a_latin_chapter_with_english_names_and_a_quotation_has_no_sentence_left() -> None:
    budget = LanguageBudget(["es", "en"])
    body = (
        "Jacob Effron cita a Sebastian Mallaby: «The result is a heavily hedged research portfolio». "
        "Según el libro, Google DeepMind y Sun Microsystems compitieron por el talento de la época, "
        "con The Thinking Game como telón de fondo."
    )
    assert sentence_left_among(body, "en", "es", budget) is None
    assert sentence_left_among(f"{body} {SENTENCE}", "en", "es", budget) == SENTENCE
    assert sentence_left_among(f"{body} {SENTENCE}", "en", "en-GB", budget) is None  # one language


QUOTE = (
    "I think it was inevitable. When you have this sort of supremely strong technology, there's going to be "
    "multiple labs in multiple countries that are just desperate to try and build it."
)
PAPER = "*Mastering the game of Go with deep neural networks and tree search*"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", f"Mallaby le dit en anglais, « {QUOTE} »"),  # a quotation of two sentences
        ("de", f"Mallaby sagt es auf Englisch, „{QUOTE}“"),
        (
            "pt",
            "Ele resume, “You can’t trust the other guys, and the only way you get trust is with a government enforcer”.",
        ),
        ("es", f"Mallaby cita a menudo {PAPER} (2016)."),  # a title in italics
        (
            "es",
            "Elogiaron el libro The New York Times, The Wall Street Journal, The Economist, The Guardian y The Atlantic.",
        ),
        ("es", f"Mallaby remite al artículo de Silver et al. (2016), {PAPER}, publicado en Nature."),
        (
            "es",
            "Mallaby lo llama «ventaja estructural» (the structural advantage of the incumbents over the startups).",
        ),
    ],
)
def test_what_a_translator_keeps_in_english_on_a_latin_page_is_no_sentence_left(lang: str, text: str) -> None:
    """A quotation of several sentences, one with an apostrophe, a paper's title in italics, a list
    of names opening with `The`, a sentence cut at `et al.` and a gloss in brackets were each "a
    sentence left in `en`" (found by QA of the new heuristic)."""
    budget = LanguageBudget([lang, "en"])
    assert sentence_left_among(text, "en", lang, budget) is None
    found = sentence_left_among(f"{text} {SENTENCE}", "en", lang, budget)
    assert found is not None and found.endswith(SENTENCE)  # after a quotation with no period: joined


def test_a_sentence_on_its_own_line_without_a_period_is_judged() -> None:
    """`$` without MULTILINE matched only at the end of the text: a line with no final period was
    never a sentence, and each of its characters started a scan to its end (found by review)."""
    body = f"Mallaby explica la razón.\n{SENTENCE[:-1]}\nSegún Lena, es la conclusión."
    assert sentence_left_among(body, "en", "es", LanguageBudget(["es", "en"])) == SENTENCE[:-1]


@pytest.mark.parametrize(
    "body",
    [
        "the of and " + "los datos del equipo y la calidad " * 3_000,  # one line, no period
        "«" * 1_000_000 + " the of and" * 10,  # opening marks never closed
        "“ the of and " * 80_000,
        "( the of and " * 80_000,
        "*" * 1_000_000 + " the of and the",
    ],
)
def test_sentences_left_in_a_megabyte_take_no_time(body: str) -> None:
    start = time.perf_counter()
    sentence_left_among(body, "en", "es", LanguageBudget(["es", "en"]))
    assert time.perf_counter() - start < 2.0
