"""Entity mentions (E306): name forms, CJK text without spaces, katakana renderings; the real pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from aligner.mentions import MentionIndex, name_forms
from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings
from tests.conftest import SAMPLES

JA_TEXT = (
    "チューリング賞受賞者でAMI Labs創業者のヤン・ルカンは、LLMが「生産的な行き止まり」であると主張する。"
    "JEPAアーキテクチャの解説。ジェフリー・ヒントンとヨシュア・ベンジオの見解。ワールドモデルの前提。"
)
ZH_TEXT = "Oriol Vinyals(Google DeepMind VP of Research、Gemini 联合负责人)在 Google I/O 第二天坐下来,谈 world models。"
ES_TEXT = "Sebastian Mallaby pasó tres años con Demis. Mallaby dice que el RL importa; Meta cerró FAIR."

MENTIONED = [
    (JA_TEXT, "Yann LeCun", True),  # ヤン・ルカン: katakana skeleton r-k-n
    (JA_TEXT, "Geoffrey Hinton", True),
    (JA_TEXT, "Yoshua Bengio", True),
    (JA_TEXT, "JEPA", False),  # glued to katakana: Latin boundaries only
    (JA_TEXT, "AMI Labs", False),
    (JA_TEXT, "ワールドモデル", False),  # CJK name: substring
    (JA_TEXT, "World Model", False),  # the same name in Latin script, matched on its skeleton
    (ZH_TEXT, "Oriol Vinyals", True),
    (ZH_TEXT, "Gemini", False),
    (ZH_TEXT, "World Model", False),  # plural allowed
    (ES_TEXT, "Sebastian Mallaby", True),
    (ES_TEXT, "Demis Hassabis", True),  # given name alone
    (ES_TEXT, "Reinforcement Learning", False),  # acronym RL
    (ES_TEXT, "Meta FAIR", False),  # every word somewhere
]
NOT_MENTIONED = [
    (JA_TEXT, "Tapestry", False),
    (JA_TEXT, "Sam Altman", True),
    (ZH_TEXT, "Move 37", False),
    (ZH_TEXT, "Spark", False),
    (ES_TEXT, "Reid Hoffman", True),
    (ES_TEXT, "Demis Hassabis", False),  # not a person: the whole name (or every word) is needed
]


@pytest.mark.parametrize(("text", "name", "person"), MENTIONED)
def test_mentioned(text: str, name: str, person: bool) -> None:
    assert MentionIndex.of([text]).mentions(name, person)


@pytest.mark.parametrize(("text", "name", "person"), NOT_MENTIONED)
def test_not_mentioned(text: str, name: str, person: bool) -> None:
    assert not MentionIndex.of([text]).mentions(name, person)


def test_acronyms_are_initials_in_upper_case() -> None:
    # initials are all an acronym can check (`Remote Learning` would match `RL` too): info severity
    assert MentionIndex.of([ES_TEXT]).mentions("Remote Learning", False)
    assert not MentionIndex.of(["the rl of it"]).mentions("Reinforcement Learning", False)


def test_name_forms() -> None:
    assert name_forms("Memory / Continual Learning", False) == [
        "memory continual learning",
        "memory",
        "continual learning",
    ]
    assert name_forms("Gita Matarić", True) == ["gita mataric", "gita", "mataric"]
    assert name_forms("Ludwig van Beethoven", True)[-2:] == ["ludwig", "beethoven"]


def test_e306_on_the_real_pages_fires_for_few_entities(samples_result: RunResult) -> None:
    listed = sum(len(v.entities or ()) for v in samples_result.variants)
    e306 = Counter(
        (f.page_locale, f.lang, f.evidence.split(" (")[0])
        for f in samples_result.findings
        if f.code == "E306"
    )
    # `Move 37` is listed on the Vinyals page but its text never names it (a true finding, on all three
    # copies); the Spanish LeCun list keeps `World Model` while its text says `modelos de mundo`.
    assert e306 == Counter(
        {
            ("zh", "zh", "Move 37"): 1,
            ("es", "zh", "Move 37"): 1,
            ("ja", "zh", "Move 37"): 1,
            ("es", "es", "World Model"): 1,
        }
    )
    assert listed == 87 and sum(e306.values()) / listed < 0.05


def test_a_glossary_rendering_counts_as_a_mention(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("en,es,ja\nWorld Model,Modelo de mundo,ワールドモデル\n", encoding="utf-8")
    result = check_paths([str(SAMPLES)], Settings(glossary=str(glossary)))
    e306 = {(f.page_locale, f.evidence.split(" (")[0]) for f in result.findings if f.code == "E306"}
    assert e306 == {("zh", "Move 37"), ("es", "Move 37"), ("ja", "Move 37")}


@hyp_settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.text(max_size=30), st.booleans())
def test_mentions_never_raise(text: str, name: str, person: bool) -> None:
    MentionIndex.of([text]).mentions(name, person)


LANGUAGES = Path(__file__).parent / "data" / "languages"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ایلان ماسک و سم آلتمن با هافمن", "Elon Musk"),  # Persian
        ("ایلان ماسک و سم آلتمن با هافمن", "Reid Hoffman"),
        ("قال هسابيس إن", "Demis Hassabis"),  # Arabic
        ("אמר הסביס", "Demis Hassabis"),  # Hebrew
        ("डेमिस हसाबिस ने कहा", "Demis Hassabis"),  # Devanagari
    ],
)
def test_a_latin_name_is_mentioned_by_its_rendering_in_an_alphabet(text: str, name: str) -> None:
    assert MentionIndex.of([text]).mentions(name, True)


def test_a_person_under_a_label_no_table_knows_is_still_a_person(tmp_path: Path) -> None:
    # The Persian list keeps `Elon Musk (شخص)`, its text says `ماسک`: with `شخص` unknown the name was
    # no person's, so both words had to occur ("never mentioned", E306).
    (tmp_path / "en").mkdir()
    (tmp_path / "xx").mkdir()
    (tmp_path / "en" / "hassabis.md").write_bytes((LANGUAGES / "en" / "hassabis.md").read_bytes())
    persian = (LANGUAGES / "fa" / "hassabis.md").read_text(encoding="utf-8")
    (tmp_path / "xx" / "hassabis.md").write_text(persian.replace("(شخص)", "(Xyzzy)"), encoding="utf-8")
    found = [f.message for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "E306"]
    assert not [m for m in found if "Musk" in m or "Altman" in m or "Hoffman" in m], found
