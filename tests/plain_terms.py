"""Plain definitions and inputs shared by the differential tests of terms and mentions
(``test_perf_terms.py``, ``test_perf_mentions.py``)."""

from __future__ import annotations

from hypothesis import strategies as st

from aligner import mentions, terms, translit
from aligner.glossary import contains_folded
from aligner.mentions import MentionIndex
from aligner.names import normalize_name
from aligner.terms import TermIndex


def plain_has(index: TermIndex, form: str) -> bool:
    """``TermIndex.has`` as first written: the forms one by one, each literally then by sound."""
    if form.isupper() and form.isascii():
        return terms._acronym_pattern(form).search(index.raw) is not None
    if contains_folded(index.folded, form):
        return True
    if not index.phonetic or not terms._transliterable(form):
        return False
    return any(
        translit.similarity(form, run) >= terms.TRANSLIT_MIN
        for run in index.phonetic
        if " " not in form or _kana_or_hangul(run[0])  # several words: never one word of an alphabet
    )


def _kana_or_hangul(ch: str) -> bool:
    return any(
        a <= ch <= b
        for a, b in (("\u30a0", "\u30ff"), ("\u31f0", "\u31ff"), ("\uff66", "\uff9f"), ("\uac00", "\ud7af"))
    )


NAMES = ["Yann LeCun", "World Model", "AMI Labs", "Meta FAIR", "Demis Hassabis", "París", "Gemini (model)"]
WORDS = [
    *NAMES,
    "ヤン・ルカン",
    "ワールドモデル",
    "ルカン",
    "世界模型",
    "LLMs",
    "AI",
    "IA",
    "US",
    "us",
    "JEPA",
    "OpenAI",
    "Silicon Valley",
    "London",
    "the",
    "said",
    ".",
    ",",
    "\n",
    "—",
    "El",
    "Yann",
    "lecun",
    "models",
    "Hassabis",
]
texts = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)


def plain_mention_has(index: MentionIndex, form: str) -> bool:
    """``MentionIndex._has`` as first written: every decision taken on each call."""
    if mentions._is_latin(form):
        if mentions._latin_pattern(form).search(index.normalized):
            return True
        if not index.skeletons:
            return False
        skeleton = mentions._skeleton(form)
        return len(skeleton) >= mentions.MIN_SKELETON and skeleton in index.skeletons
    return form.replace(" ", "") in index.normalized.replace(" ", "")


def plain_mentions(index: MentionIndex, name: str, is_person: bool) -> bool:
    """``MentionIndex.mentions`` as first written (see ``aligner.mentions``)."""
    if any(plain_mention_has(index, f) for f in mentions.name_forms(name, is_person)):
        return True
    initials = mentions._initials(name)
    if initials is not None and initials in index.upper_tokens:
        return True
    words = [w for w in normalize_name(name).split() if w not in mentions._PARTICLES]
    return not is_person and len(words) > 1 and all(plain_mention_has(index, w) for w in words)
