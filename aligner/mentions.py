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
katakana or hangul (``ヤン・ルカン`` for ``Yann LeCun``) are matched on a consonant skeleton of
their romanization (``lecun`` = ``rukan`` = ``rkn``), word by word; Chinese renderings in Han
characters are not phonetic and are not matched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii

from aligner.names import normalize_name, script_class

MIN_PART = 3  # shortest name part that counts as a person mention on its own
MIN_SKELETON = 3  # shortest consonant skeleton compared across scripts
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "del", "della", "de", "da", "di", "du", "la", "le", "bin", "al", "the"}
)
_LATIN = "a-z0-9\u00c0-\u024f"
_PHONETIC_RUN = re.compile(r"[\u30a1-\u30ff\u31f0-\u31ff\uff66-\uff9f\uac00-\ud7af]+")
_KANA_SEPARATORS = re.compile(r"[\u30fb\uff65\u00b7=\uff1d]")  # ・ ･ · = (name part separators)
_SKELETON_FOLD = str.maketrans({"l": "r", "v": "b", "c": "k", "q": "k", "g": "j", "x": "k", "z": "s"})
_ACRONYM_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """One variant's text, prepared once for many name look-ups."""

    normalized: str  # normalize_name of the whole text, padded with spaces
    upper_tokens: frozenset[str]  # upper-case Latin tokens as written (acronyms)
    skeletons: frozenset[str]  # consonant skeletons of katakana/hangul words and whole runs

    @classmethod
    def of(cls, texts: Iterable[str]) -> MentionIndex:
        text = "\n".join(t for t in texts if t)
        upper = frozenset(tok for tok in re.findall(r"[A-Z][A-Z0-9]+", text))
        skeletons: set[str] = set()
        for run in _PHONETIC_RUN.findall(text):
            parts = [p for p in _KANA_SEPARATORS.split(run) if p]
            for piece in [*parts, "".join(parts)]:
                skeleton = _skeleton(anyascii(piece))
                if len(skeleton) >= MIN_SKELETON:
                    skeletons.add(skeleton)
        return cls(f" {normalize_name(text)} ", upper, frozenset(skeletons))

    def mentions(self, name: str, is_person: bool) -> bool:
        if any(self._has(form) for form in name_forms(name, is_person)) or self._has_acronym(name):
            return True
        words = [w for w in normalize_name(name).split() if w not in _PARTICLES]
        return not is_person and len(words) > 1 and all(self._has(w) for w in words)

    def _has(self, form: str) -> bool:
        if script_class(form) == "latin" or form.isascii():
            if _latin_pattern(form).search(self.normalized):
                return True
            skeleton = _skeleton(form)
            return len(skeleton) >= MIN_SKELETON and skeleton in self.skeletons
        return form.replace(" ", "") in self.normalized.replace(" ", "")

    def _has_acronym(self, name: str) -> bool:
        words = _ACRONYM_WORD.findall(name)
        if len(words) < 2:
            return False
        initials = "".join(w[0] for w in words if w.lower() not in _PARTICLES).upper()
        return len(initials) >= 2 and initials in self.upper_tokens


def name_forms(name: str, is_person: bool) -> list[str]:
    """Normalized forms of ``name`` that count as a mention (see the module docs)."""
    raw = [name, re.sub(r"\([^)]*\)|（[^）]*）", " ", name), *re.split(r"\s*[/／]\s*", name)]
    forms = [form for text in raw if (form := normalize_name(text))]
    if is_person:
        for form in list(forms):
            parts = form.split()
            if len(parts) > 1:
                forms.extend(p for p in parts if len(p) >= MIN_PART and p not in _PARTICLES)
    return list(dict.fromkeys(forms))


@functools.lru_cache(maxsize=4096)
def _latin_pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_LATIN}]){re.escape(form)}(?:e?s)?(?![{_LATIN}])")


def _skeleton(text: str) -> str:
    """Consonants of a romanization, folded so English and katakana spellings meet: ``LeCun`` and
    ``rukan`` → ``rkn``; ``th`` → ``s``, ``ph`` → ``f``, ``ch``/``sh`` → ``s``, doubled letters once."""
    text = re.sub(r"[^a-z]", "", text.lower())
    text = text.replace("th", "s").replace("ph", "f").replace("sh", "s").replace("ch", "s").replace("ck", "k")
    text = text.translate(_SKELETON_FOLD)
    consonants = re.sub(r"[aeiouyw]", "", text)
    return re.sub(r"(.)\1+", r"\1", consonants)
