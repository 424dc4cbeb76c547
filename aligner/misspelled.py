"""Names misspelled in a translation: a surname a chapter lacks, next to a word spelled nearly like it.

T503 accepts a person's given name alone (`Demis` for Demis Hassabis: translators shorten names),
so `Reid Hofman` kept Reid Hoffman, and the episode's subject may go unnamed in a chapter, so
`Demis Hasabis` passed everywhere. Neither is a shortening: the surname is there, misspelled. A
surname (of a listed person, or the last word of a name of several words in the reference chapter)
that the variant chapter lacks, while a capitalized word of the chapter is nearly it — the same
first ``PREFIX`` letters, at most ``MAX_LENGTH_DIFFERENCE`` letters more or fewer, a similarity of
``MIN_SIMILARITY`` — is a misspelling: `Hasabis`, `Hofman`, `Sunal`, `Sutskevar`, `Hintn`.

Never a misspelling: a word that starts with the surname (an inflected form: Polish `Hoffmana`,
Turkish `Hassabis'in`) or that the surname starts with (`Startup` of `Venture Startups`), a word
with a hyphen (`Start-upy`: a compound, where a hyphenated surname is never judged), a word of the reference chapter itself or of the variant's entity list
(another name the episode really has: `Hilton` beside `Hinton`), a surname under ``MIN_LETTERS``
letters, and a word in a script other than Latin (a transliteration: T503's renderings judge it).

In katakana, and in Cyrillic and Hangul (whose words take endings: `Хассабисом`, `하사비스는`), the
surname is the one the variant's entity list renders and its text uses; a chapter word that opens
one letter off it is its misspelling (`ハサピス`, `Хасабисом`, `하사피스는`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Set
from difflib import SequenceMatcher

from aligner.glossary import fold
from aligner.names import unaccented

MIN_LETTERS = 5  # shorter surnames (`Ng`, `Musk`) are too near too many words
MIN_SIMILARITY = 0.8  # difflib ratio: one letter changed in five (`Sunak` / `Sunal`)
MAX_LENGTH_DIFFERENCE = 2
PREFIX = 3  # letters a misspelling keeps from the surname's start (a chapter without them is not scanned)

_LATIN_WORD = re.compile(r"[a-z\u00c0-\u024f]+")  # folded text: lower case, accents removed
# A capital not preceded by a Latin letter (kana may touch it: `ヤンはHintnの`), the look-behind
# after it: a pattern that opens with a character class is scanned for it, one that opens with a
# look-behind is tried at every position.
_CAPITALIZED = re.compile(
    r"[A-Z\u00c0-\u00de](?<![A-Za-z\u00c0-\u024f][A-Z\u00c0-\u00de])[a-z\u00df-\u024f]*"
    r"(?:['’-][A-Za-z\u00c0-\u024f]+)*"
)


@functools.lru_cache(maxsize=4096)
def surname(name: str) -> str | None:
    """The folded last word of ``name`` when it is a Latin word of ``MIN_LETTERS`` letters or more."""
    words = fold(name).split()
    last = words[-1].strip(".,;:'’") if words else ""
    return last if len(last) >= MIN_LETTERS and _LATIN_WORD.fullmatch(last) else None


def misspelling(
    last_name: str, folded_chapter: str, chapter: str, known: Callable[[], Set[str]]
) -> str | None:
    """The word of ``chapter`` (its raw text; ``folded_chapter`` its ``fold``) that misspells
    ``last_name`` (a ``surname``), or None when the chapter has the surname or no such word.
    ``known()``: the words that are no misspelling, asked only about a word nearly the surname."""
    if last_name in folded_chapter or last_name[:PREFIX] not in folded_chapter:
        return None  # spelled right, or no word opens as it does: nothing to scan for
    for word, folded in capitalized_words(chapter).get(last_name[:1], ()):
        if (
            folded.startswith(last_name[:PREFIX])
            and abs(len(folded) - len(last_name)) <= MAX_LENGTH_DIFFERENCE
            and not folded.startswith(last_name)
            and not last_name.startswith(folded)
            and "-" not in folded
            and SequenceMatcher(None, folded, last_name).ratio() >= MIN_SIMILARITY
            and folded not in known()
        ):
            return word
    return None


@functools.lru_cache(maxsize=256)
def capitalized_words(text: str) -> dict[str, list[tuple[str, str]]]:
    """The distinct capitalized Latin words of ``text`` of ``MIN_LETTERS`` letters or more, each
    with its folded form, in order, by the first letter of the folded form."""
    found: dict[str, list[tuple[str, str]]] = {}
    for word in dict.fromkeys(_CAPITALIZED.findall(text)):
        if len(word) >= MIN_LETTERS:
            folded = fold(word)
            found.setdefault(folded[:1], []).append((word, folded))
    return found


def known_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded Latin words of ``texts``: names a chapter may really hold."""
    return frozenset(word for text in texts for word in _LATIN_WORD.findall(fold(text)))


# Katakana: a Japanese translation writes a person's name by sound, and its entity list gives the
# rendering (`デミス・ハサビス`). A surname of that rendering (three kana or more) the chapter lacks,
# beside a katakana word as long or one kana longer or shorter, with the same first kana and all
# but one the same (`ハサピス`, `ホフマソ`): kana are few to a name, so one in four is the limit.
MIN_KANA = 3
MIN_KANA_SIMILARITY = 0.75
_KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc]{3,}")
_KANA_PARTS = re.compile("[\u30fb\uff65\\s=]+")


def kana_surname(rendering: str) -> str | None:
    """The last part of a katakana rendering of a name (`デミス・ハサビス` → `ハサビス`), or None."""
    parts = [p for p in _KANA_PARTS.split(rendering.strip()) if p]
    last = parts[-1] if len(parts) > 1 else None
    return last if last is not None and len(last) >= MIN_KANA and _KATAKANA_WORD.fullmatch(last) else None


def is_katakana(word: str) -> bool:
    return _KATAKANA_WORD.fullmatch(word) is not None


def kana_misspelling(last_name: str, chapter: str, known: Callable[[], Set[str]]) -> str | None:
    """The katakana word of ``chapter`` that misspells ``last_name`` (a ``kana_surname``), or None
    when the chapter has it or no such word (``known()``: katakana words that are names of their own)."""
    if last_name in chapter or last_name[0] not in chapter:
        return None
    for word in dict.fromkeys(_KATAKANA_WORD.findall(chapter)):
        if (
            word[0] == last_name[0]
            and abs(len(word) - len(last_name)) <= 1
            and last_name not in word
            and SequenceMatcher(None, word, last_name).ratio() >= MIN_KANA_SIMILARITY
            and word not in known()
        ):
            return word
    return None


def kana_words(texts: Iterable[str]) -> frozenset[str]:
    """The katakana words of ``texts`` (and the parts of their names): names a chapter may hold."""
    return frozenset(
        part for text in texts for word in _KANA_PARTS.split(text) for part in _KATAKANA_WORD.findall(word)
    )


# Alphabets whose words take endings — Cyrillic case endings (`Хассабисом`), Korean particles
# (`하사비스는`): a surname as the variant's entity list renders it is misspelled by a chapter word
# that opens one letter off it (`Хасабисом`, `하사피스는`), where Latin and katakana were judged
# alone (found by QA of the gate in ru and ko).
# Greek too (`Χασάπης` for `Χασάμπης`), whose names also lose their last letter (the genitive and
# accusative `Χασάμπη`) and move their accent: Greek is compared without accents, and a word holding
# the surname but its final `ς` has it.
MIN_CYRILLIC = 5
MIN_HANGUL = 3
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]{3,}")
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]{2,}")
_GREEK_WORD = re.compile("[\u0370-\u03ff\u1f00-\u1fff]{3,}")
_NAME_PARTS = re.compile("[\u00b7\u30fb\\s=-]+")


def alphabet_surname(rendering: str) -> str | None:
    """The last part of a Cyrillic, Greek or Hangul rendering of a name of several parts (`Демис
    Хассабис` → `Хассабис`, `데미스 하사비스` → `하사비스`), or None."""
    parts = [p for p in _NAME_PARTS.split(rendering.strip()) if p]
    last = parts[-1] if len(parts) > 1 else ""
    if len(last) >= MIN_CYRILLIC and (_CYRILLIC_WORD.fullmatch(last) or _GREEK_WORD.fullmatch(last)):
        return last
    if len(last) >= MIN_HANGUL and _HANGUL_WORD.fullmatch(last):
        return last
    return None


def suffixed_misspelling(last_name: str, chapter: str, known: Callable[[], Set[str]]) -> str | None:
    """The word of ``chapter`` that opens one letter off ``last_name`` (an ``alphabet_surname``):
    one letter changed, dropped or added before its ending; None when the chapter has the surname
    or no such word (``known()``: words of the variant's entity list, names of their own)."""
    greek = _GREEK_WORD.fullmatch(last_name) is not None
    key = unaccented if greek else str
    if greek:
        last_name = unaccented(last_name).removesuffix("ς")
    if last_name in key(chapter) or last_name[0] not in key(chapter):
        return None
    pattern = _HANGUL_WORD if _HANGUL_WORD.fullmatch(last_name) else _GREEK_WORD if greek else _CYRILLIC_WORD
    size = len(last_name)
    for written in dict.fromkeys(pattern.findall(chapter)):
        word = key(written)
        if word[0] != last_name[0] or last_name in word or len(word) < size - 1:
            continue
        near = any(_one_edit(word[:n], last_name) for n in (size - 1, size, size + 1) if n <= len(word))
        if near and word not in known():
            return written
    return None


def spelled_in(last_name: str, text: str) -> bool:
    """Whether ``text`` spells an ``alphabet_surname`` (or a katakana one) as it is: a Greek one in
    any of its cases and stresses (`του Χασάμπη` spells `Χασάμπης`)."""
    if _GREEK_WORD.fullmatch(last_name):
        return unaccented(last_name).removesuffix("ς") in unaccented(text)
    return last_name in text


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with exactly one letter changed, dropped or added."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:k] + longer[k + 1 :] == shorter for k in range(len(longer)))


def alphabet_words(texts: Iterable[str]) -> frozenset[str]:
    """The Cyrillic, Hangul and Greek (unaccented) words of ``texts``: names a chapter may hold."""
    return frozenset(
        word
        for text in texts
        for pattern in (_CYRILLIC_WORD, _HANGUL_WORD, _GREEK_WORD)
        for word in pattern.findall(unaccented(text) if pattern is _GREEK_WORD else text)
    )
