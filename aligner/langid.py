"""Offline content-language identification: a script gate first, lingua for Latin/Cyrillic.

The gate is exact and cheap: kana means Japanese, Hangul Korean, Han without kana Chinese.
Latin names and English terms are common inside CJK text (``Oriol Vinyals(Google DeepMind VP of
Research、Gemini 联合负责人)在 Google I/O…``), so a non-Latin script wins as soon as it holds a
meaningful *weighted* share of the letters — one Han character carries about as much text as three
Latin letters. Only then, within one script, does lingua (offline n-gram models) choose among
the candidate languages of that script.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lingua import ConfidenceValue, IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from aligner.langdata import table

UNDETERMINED = "und"
SAMPLE_CHARS = 2000  # detection reads at most this many leading characters
MIN_LETTERS = 3  # below this (weighted) letter count: ("und", 0.0)
HALF_CONFIDENCE_LETTERS = 20  # confidence is scaled by n / (n + 20): < 0.5 under 20 letters
MIN_SCRIPT_SHARE = 0.15  # weighted share at which a non-Latin script decides the language
MIN_KANA_SHARE = 0.1  # kana share of the CJK letters that makes CJK text Japanese
HAN_ONLY_JAPANESE = 0.5  # confidence factor for kanji-only text when zh is not a candidate
MIN_CONTENT_LETTERS = 20  # lingua reads the text without names once this many letters remain

# How much text one letter of each script carries, relative to a Latin letter (≈ 1 / length prior).
SCRIPT_WEIGHTS: dict[str, float] = {"Han": 3.0, "Kana": 2.2, "Hangul": 2.0}


@dataclass(frozen=True, slots=True)
class ScriptProfile:
    """Letter counts per script in a text sample, and which writing system they amount to."""

    counts: dict[str, int]  # "Latin", "Han", "Kana", "Hangul", "Cyrillic", "Other"

    @property
    def weighted(self) -> dict[str, float]:
        return {script: n * SCRIPT_WEIGHTS.get(script, 1.0) for script, n in self.counts.items()}

    @property
    def size(self) -> float:
        """Weighted letter count: how much text there is to judge."""
        return sum(self.weighted.values())

    def system(self) -> tuple[str, float]:
        """(writing system, its weighted share): "Japanese", "Han", "Hangul", "Cyrillic", "Latin", "Other"."""
        weights = self.weighted
        total = sum(weights.values())
        if not total:
            return "Other", 0.0
        groups = {
            "CJK": weights.get("Han", 0.0) + weights.get("Kana", 0.0),
            "Hangul": weights.get("Hangul", 0.0),
            "Cyrillic": weights.get("Cyrillic", 0.0),
            "Other": weights.get("Other", 0.0),
        }
        group, amount = max(groups.items(), key=lambda item: item[1])
        share = amount / total
        if share < MIN_SCRIPT_SHARE and weights.get("Latin", 0.0):
            return "Latin", weights["Latin"] / total
        if group == "CJK":
            kana, han = self.counts.get("Kana", 0), self.counts.get("Han", 0)
            return ("Japanese" if kana and kana / (kana + han) >= MIN_KANA_SHARE else "Han"), share
        return group, share


def _char_script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    cp = ord(ch)
    if cp < 0x250 or 0x1E00 <= cp <= 0x1EFF or 0xFF21 <= cp <= 0xFF5A or 0x2C60 <= cp <= 0x2C7F:
        return "Latin" if cp < 0x80 or cp >= 0xC0 else "Other"
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9D:
        return "Kana"
    if (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
        or cp in (0x3005, 0x3006)  # 々 〆
    ):
        return "Han"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "Hangul"
    if 0x0400 <= cp <= 0x052F or 0x1C80 <= cp <= 0x1C8F:
        return "Cyrillic"
    return "Other"


def profile(text: str) -> ScriptProfile:
    """Letters per script in the first ``SAMPLE_CHARS`` characters of ``text``."""
    counts = Counter(script for ch in text[:SAMPLE_CHARS] if (script := _char_script(ch)) is not None)
    return ScriptProfile(dict(counts))


def script_of(text: str) -> str:
    """Dominant writing system of a text: "Latin", "Han", "Japanese", "Hangul", "Cyrillic" or "Other"."""
    return profile(text).system()[0]


def _size_factor(size: float) -> float:
    return size / (size + HALF_CONFIDENCE_LETTERS)


def _language_script(code: str) -> str | None:
    """The writing system a candidate language is written in (its table, else lingua's sets)."""
    lang = table(code)
    if lang is not None:
        return lang.script
    language = _lingua_language(code)
    if language is None:
        return None
    if language in Language.all_with_cyrillic_script():
        return "Cyrillic"
    if language in Language.all_with_latin_script():
        return "Latin"
    return None


@functools.cache
def _lingua_language(code: str) -> Language | None:
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return None


@functools.lru_cache(maxsize=32)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    """One lingua detector per candidate set (``codes`` sorted, at least two)."""
    languages = [language for code in codes if (language := _lingua_language(code)) is not None]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@dataclass(frozen=True, slots=True)
class _Gate:
    """The script gate's verdict: a final answer, or a set of same-script candidates for lingua."""

    result: tuple[str, float] | None
    pool: tuple[str, ...] = ()  # lingua candidates (sorted, ≥ 2) when result is None
    factor: float = 1.0  # multiplies lingua's confidence


def _gate(text: str, candidates: Sequence[str]) -> _Gate:
    prof = profile(text)
    size = prof.size
    if size < MIN_LETTERS:
        return _Gate((UNDETERMINED, 0.0))
    system, share = prof.system()
    scale = _size_factor(size) * min(1.0, share / 0.5)
    by_script: dict[str, list[str]] = {}
    for code in dict.fromkeys(c.strip().lower() for c in candidates):
        script = _language_script(code)
        if script is not None:
            by_script.setdefault(script, []).append(code)
    if system == "Han" and not by_script.get("Han") and by_script.get("Japanese"):
        # Kanji-only text may be Japanese; say so, with less certainty.
        return _Gate((by_script["Japanese"][0], round(scale * HAN_ONLY_JAPANESE, 4)))
    pool = sorted(by_script.get(system, ()))
    lingua_pool = [code for code in pool if _lingua_language(code) is not None]
    if not pool:
        return _Gate((UNDETERMINED, 0.0))
    if len(pool) == 1 or system not in ("Latin", "Cyrillic") or len(lingua_pool) < 2:
        return _Gate((pool[0], round(scale, 4)))
    return _Gate(None, tuple(lingua_pool), scale)


_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|[.!?]")


def _is_name(token: str, sentence_start: bool) -> bool:
    """Capitalized mid-sentence, an acronym, or alphanumeric: the same in every language."""
    if any(ch.isdigit() for ch in token) or sum(ch.isupper() for ch in token) > 1:
        return True
    return token[:1].isupper() and not sentence_start


def _content_words(text: str) -> str:
    """``text`` without names and acronyms (``Partner en Redpoint Ventures`` → ``Partner en``).

    Translations keep the English names, which pull lingua towards English; the words around
    them carry the language.
    """
    words: list[str] = []
    sentence_start = True
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ".!?":
            sentence_start = True
            continue
        if not _is_name(token, sentence_start):
            words.append(token)
        sentence_start = False
    return " ".join(words)


def _sample(text: str) -> str:
    """What lingua reads: the leading sample, without names when enough words remain."""
    sample = text[:SAMPLE_CHARS]
    content = _content_words(sample)
    if sum(ch.isalpha() for ch in content) >= MIN_CONTENT_LETTERS:
        return content
    return sample


def _pick(values: Sequence[ConfidenceValue], factor: float) -> tuple[str, float]:
    """lingua's best language (values come sorted, best first), its confidence scaled."""
    if not values:
        return UNDETERMINED, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), round(best.value * factor, 4)


def detect(text: str, candidates: Sequence[str]) -> tuple[str, float]:
    """Content language of ``text`` among ``candidates``: (ISO 639-1 code or "und", confidence 0..1).

    Only candidate languages are returned. Reads at most the first ``SAMPLE_CHARS`` characters.
    """
    gate = _gate(text, candidates)
    if gate.result is not None:
        return gate.result
    values = _detector(gate.pool).compute_language_confidence_values(_sample(text))
    return _pick(values, gate.factor)


def detect_many(texts: Sequence[str], candidates: Sequence[str]) -> list[tuple[str, float]]:
    """``detect`` over a batch; texts that need lingua go through it in parallel, per script."""
    gates = [_gate(text, candidates) for text in texts]
    results: list[tuple[str, float]] = [gate.result or (UNDETERMINED, 0.0) for gate in gates]
    pending: dict[tuple[str, ...], list[int]] = {}
    for index, gate in enumerate(gates):
        if gate.result is None:
            pending.setdefault(gate.pool, []).append(index)
    for pool, indexes in pending.items():
        samples = [_sample(texts[i]) for i in indexes]
        for i, values in zip(
            indexes, _detector(pool).compute_language_confidence_values_in_parallel(samples), strict=True
        ):
            results[i] = _pick(values, gates[i].factor)
    return results
