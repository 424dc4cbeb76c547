"""Where does a variant's text mention an entity? Name matching for E306 (entity-not-mentioned).

A name counts as mentioned when one of its *forms* occurs in the text:

* the whole name, normalized (``aligner.names.normalize_name``: case, width, accents,
  punctuation), with a trailing plural ``s``/``es`` allowed (``World Models``);
* each alternative of a slashed name (``Memory / Continual Learning``) and the name without a
  parenthetical (``Gemini (model)``);
* for persons, any part of the name of at least ``MIN_PART`` letters — the surname
  (``Mallaby``) and, as often in these summaries, the given name (``Demis``);
* the initials of a multi-word name as an upper-case acronym in the text (``Reinforcement
  Learning`` → ``RL``);
* for other multi-word names, every word somewhere in the text (``Meta FAIR``: the Spanish text
  says ``Meta`` and ``FAIR``, never both together).

Latin forms match between Latin boundaries only, so they are found inside CJK text that has no
spaces (``JEPAアーキテクチャ``); CJK forms match as plain substrings. Latin names written in
katakana, hangul, Hebrew, Arabic or Devanagari (``ヤン・ルカン`` for ``Yann LeCun``, ``هسابیس``
for ``Hassabis``) are matched on a consonant skeleton of their romanization (``lecun`` = ``rukan``
= ``rkn``), word by word; Chinese renderings in Han characters are not phonetic and are not
matched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from anyascii import anyascii

from aligner.guarded import PLURAL, GuardedPattern, cyrillic_words, declinable, inflected_words, latin_words
from aligner.names import normalize_name, script_class
from aligner.scripts import RTL_AND_INDIC_WORD

MIN_PART = 3  # shortest name part that counts as a person mention on its own
MIN_SKELETON = 3  # shortest consonant skeleton compared across scripts
# Lines indexed and kept: lines recur within an episode (a variant's text is asked about every
# entity), rarely across episodes; an entry holds the line several times over, so the cache
# is sized for a few episodes, not for the run (at 1 << 14 it held ~250 MB per worker).
LINE_CACHE = 2048
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "del", "della", "de", "da", "di", "du", "la", "le", "bin", "al", "the"}
)
# Words written by sound: katakana, hangul, and the words of the Hebrew, Arabic and Devanagari
# alphabets (``هسابیس`` romanizes to ``hsabys``: skeleton ``hsbs``, as ``Hassabis``). One class, not
# an alternation of two: the engine then scans for its characters in C (a Latin line holds none).
# A one-letter run of an alphabet has too short a skeleton to count.
_PHONETIC_RUN = re.compile(rf"[\u30a1-\u30ff\u31f0-\u31ff\uff66-\uff9f\uac00-\ud7af{RTL_AND_INDIC_WORD}]+")
_KANA_SEPARATORS = re.compile(r"[\u30fb\uff65\u00b7=\uff1d]")  # ・ ･ · = (name part separators)
_SKELETON_FOLD = str.maketrans({"l": "r", "v": "b", "c": "k", "q": "k", "g": "j", "x": "k", "z": "s"})
_ACRONYM_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_UPPER_TOKEN = re.compile(r"[A-Z][A-Z0-9]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_VOWEL = re.compile(r"[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """One variant's text, prepared once for many name look-ups."""

    normalized: str  # normalize_name of the whole text, padded with spaces
    upper_tokens: frozenset[str]  # upper-case Latin tokens as written (acronyms)
    skeletons: frozenset[str]  # consonant skeletons of katakana/hangul words and whole runs

    @classmethod
    def of(cls, texts: Iterable[str]) -> MentionIndex:
        # Line by line: normalization never joins across a line break (a break is punctuation, and
        # no character composes with it), and no token or run crosses one. Lines recur: E306 reads a
        # reference chapter in its page, T503 on its own.
        lines = [_index_line(line) for line in "\n".join(t for t in texts if t).split("\n")]
        return cls(
            f" {' '.join(normalized for normalized, _upper, _skeletons in lines if normalized)} ",
            frozenset().union(*(upper for _normalized, upper, _skeletons in lines)),
            frozenset().union(*(skeletons for _normalized, _upper, skeletons in lines)),
        )

    def mentions(self, name: str, is_person: bool) -> bool:
        forms, initials, words = _mention_plan(name, is_person)
        for form in forms:  # plain loops, not ``any``/``all``: T503 asks ~50k times per 1,000 variants
            if self._has_form(form):
                return True
        if initials is not None and initials in self.upper_tokens:
            return True
        for word in words:
            if not self._has_form(word):
                return False
        return bool(words)

    def mentions_inflected(self, name: str, is_person: bool, endings: tuple[str, ...]) -> bool:
        """``mentions`` with the case endings of the text's language on a Latin form (Polish
        `Hassabisa`, `Demisem`): asked only about a name not mentioned as written."""
        for form in _name_forms(name, is_person):
            words = tuple(form.split())
            if (
                _is_latin(form)
                and declinable(words)
                and inflected_words(words, endings).search(self.normalized)
            ):
                return True
        return False

    def _has_form(self, form: _Form) -> bool:
        """``_has`` with the form's decisions taken beforehand (see ``_Form``)."""
        search, skeleton, compact = form
        if search is not None:
            if search(self.normalized):
                return True
            return skeleton is not None and bool(self.skeletons) and skeleton in self.skeletons
        return compact in _without_spaces(self.normalized)

    def _has(self, form: str) -> bool:
        if _is_latin(form):
            if _latin_pattern(form).found(self.normalized):
                return True
            if not self.skeletons:
                return False
            skeleton = _skeleton(form)
            return len(skeleton) >= MIN_SKELETON and skeleton in self.skeletons
        return form.replace(" ", "") in _without_spaces(self.normalized)

    def _has_acronym(self, name: str) -> bool:
        initials = _initials(name)
        return initials is not None and initials in self.upper_tokens


# A name is looked up in many texts (T503 asks each reference chapter about each entity of each
# variant): what ``mentions`` and ``_has`` work out from the name alone is worked out once.
# A form: the search of its Latin pattern (None for a CJK form), its skeleton when long enough to
# compare (Latin forms), and the form without spaces (CJK forms).
_Form = tuple[Callable[[str], bool] | None, str | None, str]


@functools.lru_cache(maxsize=1 << 14)
def _mention_plan(name: str, is_person: bool) -> tuple[tuple[_Form, ...], str | None, tuple[_Form, ...]]:
    """The forms of ``name``, its initials (``_initials``), and the words that must all occur for a
    multi-word non-person name (empty when that rule does not apply), as ``MentionIndex`` reads them."""
    words = [w for w in normalize_name(name).split() if w not in _PARTICLES]
    all_words = tuple(_form(w) for w in words) if not is_person and len(words) > 1 else ()
    return tuple(_form(f) for f in _name_forms(name, is_person)), _initials(name), all_words


def _form(form: str) -> _Form:
    if _is_latin(form):
        skeleton = _skeleton(form)
        return _latin_pattern(form).found, skeleton if len(skeleton) >= MIN_SKELETON else None, form
    if script_class(form) == "cyrillic":  # words, not a run of characters: `рид` is not in `юридические`
        return cyrillic_words(tuple(form.split())).found, None, form
    return None, None, form.replace(" ", "")


@functools.lru_cache(maxsize=LINE_CACHE)
def _index_line(line: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """A line's normalized text, upper-case tokens and phonetic skeletons (see ``MentionIndex``)."""
    skeletons: set[str] = set()
    for run in _PHONETIC_RUN.findall(line):
        parts = [p for p in _KANA_SEPARATORS.split(run) if p]
        for piece in [*parts, "".join(parts)]:
            skeleton = _romanized_skeleton(piece)
            if len(skeleton) >= MIN_SKELETON:
                skeletons.add(skeleton)
    return normalize_name(line), frozenset(_UPPER_TOKEN.findall(line)), frozenset(skeletons)


@functools.lru_cache(maxsize=1 << 14)
def _is_latin(form: str) -> bool:
    """Whether ``form`` is looked up as a Latin name (forms recur: every text is asked about them)."""
    return script_class(form) == "latin" or form.isascii()


@functools.lru_cache(maxsize=4096)
def _initials(name: str) -> str | None:
    """The upper-case initials of a multi-word name, particles left out; None when fewer than two."""
    words = _ACRONYM_WORD.findall(name)
    if len(words) < 2:
        return None
    initials = "".join(w[0] for w in words if w.lower() not in _PARTICLES).upper()
    return initials if len(initials) >= 2 else None


@functools.lru_cache(maxsize=64)
def _without_spaces(text: str) -> str:
    """``text`` without spaces: an index's normalized text, for CJK forms (same text, same result)."""
    return text.replace(" ", "")


def name_forms(name: str, is_person: bool) -> list[str]:
    """Normalized forms of ``name`` that count as a mention (see the module docs)."""
    return list(_name_forms(name, is_person))


@functools.lru_cache(maxsize=1 << 14)
def _name_forms(name: str, is_person: bool) -> tuple[str, ...]:
    raw = [name, re.sub(r"\([^)]*\)|（[^）]*）", " ", name), *re.split(r"\s*[/／]\s*", name)]
    forms = [form for text in raw if (form := normalize_name(text))]
    if is_person:
        for form in list(forms):
            parts = form.split()
            if len(parts) > 1:
                forms.extend(p for p in parts if _letters(p) >= MIN_PART and p not in _PARTICLES)
    return tuple(dict.fromkeys(forms))


def _letters(part: str) -> int:
    """A name part's length in letters, a hangul syllable or a kana or Han character counting two:
    the Korean given name `일론` (Elon) is as long as `Elon`, not a particle."""
    return len(part) + sum(1 for ch in part if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


@functools.lru_cache(maxsize=4096)
def _latin_pattern(form: str) -> GuardedPattern:
    """``form`` between Latin boundaries, a plural allowed (``aligner.guarded.latin_words``)."""
    return latin_words((form,), (PLURAL,))


def consonants(word: str) -> str:
    """The consonant skeleton of a word of any script, romanized (``Elon`` and ``ایلان``: ``rn``)."""
    return _romanized_skeleton(word)


@functools.lru_cache(maxsize=1 << 14)
def _romanized_skeleton(piece: str) -> str:
    """The skeleton of a katakana, hangul, Hebrew, Arabic or Devanagari word, romanized (words
    recur across texts)."""
    return _skeleton(anyascii(piece))


@functools.lru_cache(maxsize=1 << 14)
def _skeleton(text: str) -> str:
    """Consonants of a romanization, folded so English and katakana spellings meet: ``LeCun`` and
    ``rukan`` → ``rkn``; ``th`` → ``s``, ``ph`` → ``f``, ``ch``/``sh`` → ``s``, doubled letters once."""
    text = _NOT_LETTER.sub("", text.lower())
    text = text.replace("th", "s").replace("ph", "f").replace("sh", "s").replace("ch", "s").replace("ck", "k")
    text = text.translate(_SKELETON_FOLD)
    consonants = _VOWEL.sub("", text)
    return _DOUBLED.sub(r"\1", consonants)
