"""Offline content-language identification: a script gate first, lingua within a shared script.

The gate is exact and cheap: kana means Japanese, Hangul Korean, Han without kana Chinese, Thai
Thai, Hebrew Hebrew (and so on for the scripts of one language lingua knows).
Latin names and English terms are common inside CJK text (``Oriol Vinyals(Google DeepMind VP of
Research、Gemini 联合负责人)在 Google I/O…``), so a non-Latin script wins as soon as it holds a
meaningful *weighted* share of the letters — one Han character carries about as much text as three
Latin letters. Only then, within one script, does lingua (offline n-gram models) choose among
the candidate languages of that script. A script of a few languages (Arabic: Arabic, Persian,
Urdu; Devanagari: Hindi, Marathi) adds all of them to the candidates, so an Arabic page is never
``und`` and Arabic text on the Persian page is told apart. The script counts are
``aligner.scripts``'s.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lingua import ConfidenceValue, IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from aligner.langdata import TABLES, table
from aligner.scripts import (
    BMP,
    SAMPLE_CHARS,
    bmp_chars,
    profile,
    writing_system,
)

UNDETERMINED = "und"
MIN_LETTERS = 3  # below this (weighted) letter count: ("und", 0.0)
HALF_CONFIDENCE_LETTERS = 20  # confidence is scaled by n / (n + 20): < 0.5 under 20 letters
CERTAIN_SHARE = 0.5  # a script holding this weighted share is certain (confidence is scaled below it)
HAN_ONLY_JAPANESE = 0.5  # confidence factor for kanji-only text when zh is not a candidate
HAN_ONLY_MAX = 12  # longer kanji-only text is Chinese: Japanese prose always has kana
MIN_CONTENT_LETTERS = 20  # lingua reads the text without names once this many letters remain
VOTE_MIN_HITS = 6  # function words of the expected language a text needs to skip lingua…
VOTE_MIN_HITS_LONG = 15  # the same for a whole variant's sample, where the vote may pick any candidate
VOTE_MARGIN = 3.0  # …and this many times as many as of any other candidate language
VOTE_CONFIDENCE = 0.9  # confidence reported for a text the function-word vote confirmed


def _size_factor(size: float) -> float:
    return size / (size + HALF_CONFIDENCE_LETTERS)


@functools.cache
def _lingua_language(code: str) -> Language | None:
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return None


# Languages lingua knows that are written in a script of their own (``aligner.scripts``).
_OWN_SCRIPT = {
    "el": "Greek",
    "hy": "Armenian",
    "he": "Hebrew",
    "bn": "Bengali",
    "pa": "Gurmukhi",
    "gu": "Gujarati",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "ka": "Georgian",
}
# Scripts several candidate languages share: lingua chooses among them.
_SHARED_SCRIPTS = ("Latin", "Cyrillic", "Arabic", "Devanagari")


def knows(code: str) -> bool:
    """Whether ``code`` is a language this module can return (it has a writing system)."""
    return _language_script(code) is not None


def _language_script(code: str) -> str | None:
    """The writing system a candidate language is written in (its table, else lingua's sets)."""
    lang = table(code)
    if lang is not None:
        return lang.script
    language = _lingua_language(code)
    if language is None:
        return None
    for script, members in _lingua_scripts().items():
        if language in members:
            return script
    return _OWN_SCRIPT.get(code)


@functools.cache
def _lingua_scripts() -> dict[str, frozenset[Language]]:
    return {
        "Cyrillic": frozenset(Language.all_with_cyrillic_script()),
        "Latin": frozenset(Language.all_with_latin_script()),
        "Arabic": frozenset(Language.all_with_arabic_script()),
        "Devanagari": frozenset(Language.all_with_devanagari_script()),
    }


@functools.cache
def _script_languages(system: str) -> tuple[str, ...]:
    """Every language lingua knows in ``system`` when it is a script of a few languages (Arabic:
    ar, fa, ur; Thai: th), none for Latin: text in such a script is one of them whatever the
    candidates, and lingua tells Arabic from Persian as well as Spanish from Italian. For Cyrillic,
    the languages aligner has tables for (ru, uk): a Ukrainian paragraph on a Russian page was read
    as Russian, uk being no candidate there (found by QA of the gate in uk)."""
    if system == "Latin":
        return ()
    if system == "Cyrillic":
        return tuple(sorted(code for code, data in TABLES.items() if data.script == system))
    codes = [code for code, script in _OWN_SCRIPT.items() if script == system]
    codes += [lang.iso_code_639_1.name.lower() for lang in _lingua_scripts().get(system, ())]
    return tuple(sorted(codes))


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


@functools.lru_cache(maxsize=64)
def _by_script(candidates: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Candidate codes grouped by the writing system they are written in (first-seen order)."""
    grouped: dict[str, list[str]] = {}
    for code in dict.fromkeys(c.strip().lower() for c in candidates):
        script = _language_script(code)
        if script is not None:
            grouped.setdefault(script, []).append(code)
    return {script: tuple(codes) for script, codes in grouped.items()}


def _gate(text: str, candidates: Sequence[str]) -> _Gate:
    prof = profile(text)
    weights = prof.weighted
    size = sum(weights.values())  # prof.size
    if size < MIN_LETTERS:
        return _Gate((UNDETERMINED, 0.0))
    system, share = writing_system(prof.counts, weights)  # prof.system()
    scale = _size_factor(size) * min(1.0, share / CERTAIN_SHARE)
    candidates = tuple(candidates)
    by_script = _by_script(candidates)
    if (
        system == "Han"
        and prof.counts.get("Han", 0) <= HAN_ONLY_MAX
        and "Han" not in by_script
        and "Japanese" in by_script
    ):
        # A kanji-only term (登場人物) may be Japanese; say so, with less certainty.
        return _Gate((by_script["Japanese"][0], round(scale * HAN_ONLY_JAPANESE, 4)))
    # a script of a few languages brings them all only when it holds the text (an Aristotle quote
    # in Greek inside an English chapter is no Greek chapter)
    pool, lingua_pool = _script_pools(candidates, system, share >= CERTAIN_SHARE)
    if not pool:
        return _Gate((UNDETERMINED, 0.0))
    if system not in _SHARED_SCRIPTS or len(lingua_pool) < 2:
        return _Gate(((lingua_pool or pool)[0], round(scale, 4)))
    return _Gate(None, lingua_pool, scale)


@functools.lru_cache(maxsize=256)
def _script_pools(
    candidates: tuple[str, ...], system: str, script_languages: bool = True
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(candidates written in ``system`` — and with ``script_languages`` the languages of a script
    of a few — those of them lingua knows), both sorted."""
    own = _script_languages(system) if script_languages else ()
    pool = tuple(sorted({*_by_script(candidates).get(system, ()), *own}))
    return pool, tuple(code for code in pool if _lingua_language(code) is not None)


# A word (letters first; apostrophes, typographic U+2019 too, and hyphens inside) or a sentence break.
_TOKEN = re.compile("[^\\W\\d_][\\w'\u2019-]*|[.!?:]")


_WORD, _NAME, _CAPITALIZED, _BREAK = 0, 1, 2, 3


@functools.lru_cache(maxsize=1 << 16)
def _token_kind(token: str) -> int:
    """What a token is regardless of its place: a sentence break, a name (acronym or
    alphanumeric), a capitalized word, or a plain word."""
    if token in ".!?:":
        return _BREAK
    if any(ch.isdigit() for ch in token) or sum(ch.isupper() for ch in token) > 1:
        return _NAME
    return _CAPITALIZED if token[:1].isupper() else _WORD


def _content_words(text: str) -> str:
    """``text`` without names and acronyms (``Partner en Redpoint Ventures`` → ``Partner en``).

    Translations keep the English names, which pull lingua towards English; the words around
    them carry the language.
    """
    tokens = _TOKEN.findall(text)
    kinds = [_token_kind(token) for token in tokens]
    words: list[str] = []
    sentence_start = True
    last = len(tokens) - 1
    for index, kind in enumerate(kinds):
        if kind == _BREAK:
            sentence_start = True
            continue
        if kind == _WORD or (
            kind == _CAPITALIZED and sentence_start and not (index < last and tokens[index + 1][:1].isupper())
        ):
            words.append(tokens[index])
        sentence_start = False
    return " ".join(words)


def _sample(text: str) -> str:
    """What lingua reads: the leading sample, without names when enough words remain."""
    sample = text[:SAMPLE_CHARS]
    content = _content_words(sample)
    letters = 0
    for ch in content:
        letters += ch.isalpha()
        if letters >= MIN_CONTENT_LETTERS:
            return content
    return sample


def _pick(values: Sequence[ConfidenceValue], factor: float) -> tuple[str, float]:
    """lingua's best language (values come sorted, best first), its confidence scaled."""
    if not values or values[0].value <= 0.0:
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


_VOTE_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_BEYONDBMP = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _bmp_vote_word() -> re.Pattern[str]:
    """``_VOTE_WORD`` for text within the BMP, its letter class spelled out as code point ranges:
    such a class compiles to a bitmap lookup, where ``[^\\W\\d_]`` asks the Unicode database
    several questions per character. Built once, on first use."""
    # ``_is_word_letter`` of every BMP character, a byte each, in C: alphanumeric and not a
    # decimal digit (the bytes as one big integer each, ``alnum & ~decimal``).
    alnum = int.from_bytes(bytes(map(str.isalnum, bmp_chars())), "big")
    decimal = int.from_bytes(bytes(map(str.isdecimal, bmp_chars())), "big")
    word = (alnum & ~decimal).to_bytes(BMP, "big")
    ranges = [[m.start(), m.end() - 1] for m in re.finditer(b"\x01+", word)]
    letters = "".join(
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "") for first, last in ranges
    )
    return re.compile(f"[{letters}]+(?:'[{letters}]+)?")


def _is_word_letter(ch: str) -> bool:
    """Whether ``[^\\W\\d_]`` matches ``ch``: a word character (``\\w``: alphanumeric or ``_``)
    that is neither a decimal digit (``\\d``) nor ``_``."""
    return ch.isalnum() and not ch.isdecimal()


def _vote_words(text: str) -> list[str]:
    """``_VOTE_WORD.findall(text)``, through the faster ``_bmp_vote_word`` when it applies."""
    pattern = _VOTE_WORD if _BEYONDBMP.search(text) else _bmp_vote_word()
    return pattern.findall(text)


@functools.lru_cache(maxsize=64)
def _vote_vocabulary(codes: tuple[str, ...]) -> dict[str, str]:
    """Function word → the one candidate language (of ``codes``) whose table lists it; words
    that several candidates share (``de``, ``a``, ``in``) tell nothing and are left out."""
    vocabulary: dict[str, list[str]] = {}
    for code in codes:
        lang = table(code)
        if lang is not None:
            for word in lang.small_words | lang.sentence_starters:
                vocabulary.setdefault(word, []).append(code)
    return {word: langs[0] for word, langs in vocabulary.items() if len(langs) == 1}


def confirms(text: str, expected: str, pool: tuple[str, ...]) -> bool:
    """True when the function words of ``text`` clearly say ``expected`` among ``pool``.

    At least ``VOTE_MIN_HITS`` function words of ``expected`` and ``VOTE_MARGIN`` times as many
    as of any other candidate: then lingua would only confirm it. Anything less — a segment left
    in another language, a short or mixed one — is not confirmed and goes to lingua.
    """
    return _confirmed(_vote(text, pool), expected, VOTE_MIN_HITS)


def _vote(text: str, pool: tuple[str, ...]) -> Counter[str]:
    vocabulary = _vote_vocabulary(pool)
    words = _vote_words(text[:SAMPLE_CHARS].casefold())
    return Counter(map(vocabulary.__getitem__, filter(vocabulary.__contains__, words)))


def _confirmed(hits: Counter[str], expected: str, min_hits: int) -> bool:
    own = hits.get(expected, 0)
    others = max((n for lang, n in hits.items() if lang != expected), default=0)
    return own >= min_hits and own >= VOTE_MARGIN * others


def detect_voting(text: str, candidates: Sequence[str]) -> tuple[str, float]:
    """``detect`` for a long sample (a whole variant): the script gate, then a function-word vote
    that settles the language when one candidate has ``VOTE_MIN_HITS_LONG`` distinctive
    function words and ``VOTE_MARGIN`` times as many as any other; lingua only otherwise."""
    gate = _gate(text, candidates)
    if gate.result is not None:
        return gate.result
    hits = _vote(text, gate.pool)
    if hits:
        winner = min(hits, key=lambda lang: (-hits[lang], lang))
        if _confirmed(hits, winner, VOTE_MIN_HITS_LONG):
            return winner, round(VOTE_CONFIDENCE * gate.factor, 4)
    return _pick(_detector(gate.pool).compute_language_confidence_values(_sample(text)), gate.factor)


def detect_expecting(
    texts: Sequence[str], candidates: Sequence[str], expected: str
) -> list[tuple[str, float]]:
    """``detect_many`` for texts that are probably in ``expected`` (a variant's chapters).

    Gated in three steps, cheapest first: the script gate; then, for texts whose script leaves
    several candidates, a function-word vote that can only *confirm* ``expected`` (confidence
    ``VOTE_CONFIDENCE``); lingua, batched, for the rest.
    """
    gates = [_gate(text, candidates) for text in texts]
    results: list[tuple[str, float] | None] = [gate.result for gate in gates]
    for index, gate in enumerate(gates):
        if gate.result is None and expected in gate.pool and confirms(texts[index], expected, gate.pool):
            results[index] = (expected, round(VOTE_CONFIDENCE * gate.factor, 4))
    pending = [i for i, found in enumerate(results) if found is None]
    detected = _detect_gated([texts[i] for i in pending], [gates[i] for i in pending])
    for i, found in zip(pending, detected, strict=True):
        results[i] = found
    return [found or (UNDETERMINED, 0.0) for found in results]


def detect_many(texts: Sequence[str], candidates: Sequence[str]) -> list[tuple[str, float]]:
    """``detect`` over a batch; texts that need lingua go through it per script pool.

    lingua's sequential API on purpose: its parallel one starts a thread pool, and worker
    processes forked after that (``--jobs``, ``aligner.execution``) would wait on it forever.
    Parallelism comes from the worker processes instead."""
    return _detect_gated(texts, [_gate(text, candidates) for text in texts])


def _detect_gated(texts: Sequence[str], gates: Sequence[_Gate]) -> list[tuple[str, float]]:
    """``detect_many`` for texts already through the script gate (``gates[i]`` of ``texts[i]``)."""
    results: list[tuple[str, float]] = [gate.result or (UNDETERMINED, 0.0) for gate in gates]
    pending: dict[tuple[str, ...], list[int]] = {}
    for index, gate in enumerate(gates):
        if gate.result is None:
            pending.setdefault(gate.pool, []).append(index)
    for pool, indexes in pending.items():
        samples = [_sample(texts[i]) for i in indexes]
        detector = _detector(pool)
        for i, sample in zip(indexes, samples, strict=True):
            results[i] = _pick(detector.compute_language_confidence_values(sample), gates[i].factor)
    return results
