"""Tests for aligner.langid: offline content-language identification on the real seed texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aligner.detect import page_candidates
from aligner.langid import SAMPLE_CHARS, detect, detect_many
from aligner.scripts import script_of
from aligner.settings import DEFAULT_LANGUAGES

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")
ALL = DEFAULT_LANGUAGES  # en es ja zh fr de pt it ko ru nl


def page_text(locale: str) -> str:
    """The real scraped page of a locale (samples/pages/<locale>/laidub-<locale>-page.txt)."""
    path = REPO / "samples" / "pages" / locale / f"laidub-{locale}-page.txt"
    if not path.exists():  # the lead copies the seeds; fall back to copying them ourselves
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEEDS / path.name, path)
    return path.read_text(encoding="utf-8")


def episode_line(locale: str, prefix: str) -> str:
    """The flattened episode line (summary, chapters, quotes, entities) that starts with ``prefix``."""
    [line] = [line for line in page_text(locale).splitlines() if line.startswith(prefix)]
    return line


def summary(locale: str, prefix: str) -> str:
    return episode_line(locale, prefix).split(" ## [")[0]


SEED_EPISODES = [
    # (page, line prefix, content language)
    pytest.param("es", "Sebastian Mallaby spent three years", "en", id="en-hassabis"),
    pytest.param("es", "Yann LeCun, ganador del Premio Turing", "es", id="es-lecun"),
    pytest.param("ja", "チューリング賞受賞者でAMI Labs創業者", "ja", id="ja-lecun"),
    pytest.param("es", "Oriol Vinyals(Google DeepMind VP of Research", "zh", id="zh-vinyals-es-page"),
    pytest.param("ja", "Oriol Vinyals(Google DeepMind VP of Research", "zh", id="zh-vinyals-ja-page"),
]


@pytest.mark.parametrize(("page", "prefix", "expected"), SEED_EPISODES)
def test_seed_summaries(page: str, prefix: str, expected: str) -> None:
    lang, confidence = detect(summary(page, prefix), ALL)
    assert lang == expected
    assert confidence > 0.9


@pytest.mark.parametrize(("page", "prefix", "expected"), SEED_EPISODES)
def test_seed_whole_episode_lines(page: str, prefix: str, expected: str) -> None:
    line = episode_line(page, prefix)
    assert len(line) > SAMPLE_CHARS
    assert detect(line, ALL)[0] == expected


def test_chinese_summary_is_mostly_latin_letters() -> None:
    """The real Chinese summary has more Latin letters than Han characters, and is still zh."""
    text = summary("es", "Oriol Vinyals(Google DeepMind VP of Research")
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert latin > han
    assert detect(text, ALL)[0] == "zh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oriol Vinyals(Google DeepMind VP of Research、Gemini 联合负责人)在 Google I/O 第二天坐下来", "zh"),
        ("Google DeepMind VP of Research,Gemini 联合负责人", "zh"),
        ("Google 的旗舰多模态 / agent 模型族;本期主要谈 I/O 第二天的发布。", "zh"),
        ("Jacob Effron**(人物):Redpoint Ventures Managing Director,Unsupervised Learning 主持人。", "zh"),
        ("Redpoint Venturesパートナー;Unsupervised Learningポッドキャストホスト", "ja"),
        ("ヤン・ルカンが語るLLMの先にあるもの", "ja"),
        ("JEPAアーキテクチャを代替案として提示し、Meta FAIRとNYUでの研究を振り返る。", "ja"),
        ("Yann LeCun sobre lo que viene después de los LLMs", "es"),
        ("Partner en Redpoint Ventures; presentador del podcast Unsupervised Learning", "es"),
        (
            "Coganador del Premio Turing 2018; ex Chief AI Scientist en Meta FAIR; fundador de AMI Labs;"
            " profesor en NYU; inventor de las redes neuronales convolucionales y cocreador de JEPA",
            "es",
        ),
        (
            "Jacob Effron sets up Sebastian Mallaby as someone who has spent more time with Demis Hassabis",
            "en",
        ),
        ("Le futur de l'IA selon Yann LeCun et les modèles du monde chez Meta FAIR", "fr"),
        ("Die Zukunft der künstlichen Intelligenz nach Yann LeCun und Google DeepMind", "de"),
        ("Cofundador e CEO da DeepMind; vencedor do Prêmio Nobel de Química (2024) pelo AlphaFold", "pt"),
        ("Cofondatore e CEO di DeepMind; premio Nobel per la chimica (2024) per AlphaFold", "it"),
        ("Medeoprichter en CEO van DeepMind; winnaar van de Nobelprijs voor Scheikunde", "nl"),
        ("Yann LeCun이 말하는 LLM 이후의 AI", "ko"),
        ("Будущее ИИ по мнению Yann LeCun и Google DeepMind", "ru"),
    ],
)
def test_code_mixed(text: str, expected: str) -> None:
    assert detect(text, ALL)[0] == expected


@pytest.mark.parametrize("text", ["", "ok", "AI", "12:30", "—!?", "** ##"])
def test_too_short_is_undetermined(text: str) -> None:
    assert detect(text, ALL) == ("und", 0.0)


@pytest.mark.parametrize("text", ["Hola", "Intro", "LLM", "世界模型", "ワールドモデル", "Gemini 联合负责人"])
def test_short_text_has_low_confidence(text: str) -> None:
    lang, confidence = detect(text, ALL)
    assert lang in ALL
    assert 0.0 < confidence < 0.6


def test_confidence_grows_with_length() -> None:
    text = summary("es", "Yann LeCun, ganador del Premio Turing")
    short, longer = detect(text[:30], ALL)[1], detect(text[:600], ALL)[1]
    assert 0.0 <= short < longer <= 1.0


@pytest.mark.parametrize(
    ("page", "prefix", "candidates", "allowed"),
    [
        ("es", "Yann LeCun, ganador del Premio Turing", ("en", "fr"), {"en", "fr"}),
        ("es", "Yann LeCun, ganador del Premio Turing", ("es",), {"es"}),
        ("ja", "チューリング賞受賞者でAMI Labs創業者", ("en", "es", "zh"), {"und"}),  # kana: only ja
        ("es", "Oriol Vinyals(Google DeepMind VP of Research", ("en", "ja"), {"und"}),  # long, no kana
        (
            "es",
            "Sebastian Mallaby spent three years",
            ("ja", "zh", "ko"),
            {"und"},
        ),  # Latin, no Latin candidate
        ("es", "Sebastian Mallaby spent three years", (), {"und"}),
    ],
)
def test_only_candidates_are_returned(
    page: str, prefix: str, candidates: tuple[str, ...], allowed: set[str]
) -> None:
    assert detect(summary(page, prefix), candidates)[0] in allowed


def test_kanji_only_term_may_be_japanese() -> None:
    lang, confidence = detect("登場人物", ("en", "ja"))
    assert lang == "ja"
    assert confidence < detect("登場人物", ("en", "zh"))[1]


def test_detection_reads_a_bounded_sample() -> None:
    spanish = episode_line("es", "Yann LeCun, ganador del Premio Turing")[:SAMPLE_CHARS]
    chinese = summary("es", "Oriol Vinyals(Google DeepMind VP of Research")
    assert len(spanish) == SAMPLE_CHARS
    assert detect(spanish + chinese * 50, ALL)[0] == "es"


def test_detect_many_matches_detect() -> None:
    texts = [
        summary("es", "Sebastian Mallaby spent three years"),
        summary("es", "Yann LeCun, ganador del Premio Turing"),
        summary("ja", "チューリング賞受賞者でAMI Labs創業者"),
        summary("es", "Oriol Vinyals(Google DeepMind VP of Research"),
        "Будущее ИИ по мнению Yann LeCun",
        "ok",
        "Yann LeCun sobre lo que viene después de los LLMs",
    ]
    assert detect_many(texts, ALL) == [detect(text, ALL) for text in texts]
    assert [lang for lang, _ in detect_many(texts, ALL)] == ["en", "es", "ja", "zh", "ru", "und", "es"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Conversation With Demis Hassabis' Biographer", "Latin"),
        ("Yann LeCun sobre lo que viene después de los LLMs", "Latin"),
        ("ヤン・ルカンが語るLLMの先にあるもの", "Japanese"),
        ("Oriol Vinyals(Google DeepMind VP of Research、Gemini 联合负责人)在 Google I/O 第二天坐下来", "Han"),
        ("Yann LeCun이 말하는 LLM 이후의 AI", "Hangul"),
        ("Будущее ИИ", "Cyrillic"),
        ("Η τεχνητή νοημοσύνη", "Greek"),
        ("أمضى سيباستيان مالابي ثلاث سنوات مع Demis Hassabis", "Arabic"),
        ("סבסטיאן מלאבי בילה שלוש שנים", "Hebrew"),
        ("सेबेस्टियन मैलाबी (Sebastian Mallaby) ने तीन साल", "Devanagari"),
        ("เซบาสเตียน มัลลาบี (Sebastian Mallaby) ใช้เวลาสามปี", "Thai"),
        ("ሰላም ዓለም", "Other"),  # Ethiopic: no script of ours
        ("", "Other"),
    ],
)
def test_script_of(text: str, expected: str) -> None:
    assert script_of(text) == expected


# The helpers' real translations of the Hassabis summary (tests/data/languages holds the pages).
SUMMARIES = {
    "ar": "أمضى سيباستيان مالابي ثلاث سنوات وأكثر من ٣٠ ساعة مع ديميس هسابيس في حانة بريطانية ليكتب كتاب",
    "fa": "سباستین مالابی سه سال و بیش از ۳۰ ساعت را با دمیس هسابیس در یک میخانهٔ بریتانیایی گذراند",
    "he": "סבסטיאן מלאבי בילה שלוש שנים ויותר מ-30 שעות עם דמיס הסביס בפאב בריטי כדי לכתוב את הספר",
    "hi": "सेबेस्टियन मैलाबी (Sebastian Mallaby) ने *The Infinity Machine* लिखने के लिए तीन साल में ब्रिटेन के एक पब में",
    "th": "เซบาสเตียน มัลลาบี (Sebastian Mallaby) ใช้เวลาสามปีและกว่า ๓๐ ชั่วโมงร่วมกับเดมิส ฮัสซาบิส",
    "tr": "Sebastian Mallaby, *The Infinity Machine*'i yazmak için üç yıl boyunca bir İngiliz pubında Demis "
    "Hassabis'le 30 saatten fazla zaman geçirdi",
    "pl": "Sebastian Mallaby spędził z Demisem Hassabisem ponad 30 godzin w ciągu trzech lat w brytyjskim "
    "pubie, pisząc *The Infinity Machine*",
    "vi": "Sebastian Mallaby đã dành ba năm và hơn 30 giờ với Demis Hassabis trong một quán rượu ở Anh để "
    "viết *The Infinity Machine*",
    "id": "Sebastian Mallaby menghabiskan tiga tahun dan lebih dari 30 jam bersama Demis Hassabis di sebuah "
    "pub di Inggris untuk menulis *The Infinity Machine*",
}


@pytest.mark.parametrize("lang", ["ar", "fa", "he", "hi", "th"])
def test_a_script_of_a_few_languages_is_read_without_configuring_them(lang: str) -> None:
    # Arabic script is Arabic, Persian or Urdu whatever the candidates; Thai script is Thai: an
    # Arabic page was "und", and no language check ran on it
    found, confidence = detect(SUMMARIES[lang], ALL)
    assert found == lang
    assert confidence > 0.3  # lingua tells Hindi from Marathi with less certainty


def test_arabic_text_on_the_persian_page_is_arabic() -> None:
    candidates = page_candidates(ALL, "fa")
    assert detect(SUMMARIES["ar"], candidates)[0] == "ar"
    assert detect(SUMMARIES["fa"], candidates)[0] == "fa"


@pytest.mark.parametrize("lang", ["tr", "pl", "vi", "id"])
def test_a_page_is_read_in_its_own_locale_language(lang: str) -> None:
    # Without the page's language among the candidates, Turkish was read as one of the configured
    # languages, or not at all
    assert detect(SUMMARIES[lang], ALL)[0] != lang
    assert detect(SUMMARIES[lang], page_candidates(ALL, lang))[0] == lang
    assert detect(SUMMARIES[lang], page_candidates(ALL, f"{lang}-XX"))[0] == lang


def test_page_candidates_add_only_a_language_the_detector_knows() -> None:
    assert page_candidates(ALL, "es") == ALL
    assert page_candidates(ALL, "und") == ALL
    assert page_candidates(ALL, "zz") == ALL
    assert page_candidates(ALL, "pt-br") == ALL
    assert page_candidates(ALL, "th") == (*ALL, "th")
