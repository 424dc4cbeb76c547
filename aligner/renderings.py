"""The other forms a translation gives a name, beyond what its entity list and the glossary say
(``aligner.checks.terms``, T503): the rendering it glosses the name with once, in brackets; the
name with the case endings of a language that declines names; a given name read off the page's
rendering of the whole name, found after Hebrew prefixes or inside unspaced Thai; and the words
that only open sentences, whose capital tells no name."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from aligner.glossary import fold
from aligner.guarded import declinable, inflected_words
from aligner.mentions import consonants
from aligner.phonetic import alphabet_pairs
from aligner.terms import TRANSLIT_MIN, Term, TermIndex, is_acronym, opens_sentence
from aligner.translit import similarity

# A translation often gives a name's original form once, in brackets after its own rendering:
# `塞巴斯蒂安·馬拉比（Sebastian Mallaby）`, `เซบาสเตียน มัลลาบี (Sebastian Mallaby)`. The rendering is
# the words before the bracket, as many as the name has (two at most), in a script other than
# Latin. The bracket is what is searched for: a pattern opening with the rendering would be tried
# at every character of a Japanese paragraph, and backtrack through each of its unspaced runs.
_BRACKETED_NAME = re.compile(r"[(（](?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})[)）]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_QUOTING = "«»‹›\"'“”„‘’*_`「」『』《》"
MAX_RENDERING = 80  # characters before a bracket read for its rendering
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Myanmar, Khmer


def page_aliases(texts: Iterable[str], names: Collection[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Folded Latin name → the renderings a translation glosses it with (``_BRACKETED_NAME``): the
    words before the bracket when they sound like the name, else their last part when it sounds like
    the name's last word (`…ร่วมกับเดมิส ฮัสซาบิส (Demis Hassabis)`: Thai glues the words before
    it). Words that do not (`лаборатории (DeepMind)`, "of the lab") are no rendering of it.

    Only ``names`` (folded) are looked up, when given (the episode's entities: no other name is
    asked about). Japanese renderings are left to T503's reading of katakana by sound: comparing
    kanji loads pykakasi's kanji dictionary, most of a second in every worker process."""
    found: dict[str, list[str]] = {}
    for text in texts:
        if "(" not in text and "（" not in text:
            continue
        for match in _BRACKETED_NAME.finditer(text):
            before = text[max(0, match.start() - MAX_RENDERING) : match.start()]
            words = before[before.rfind("\n") + 1 :].split()  # on the bracket's line
            name = match["name"]
            if names is not None and fold(name) not in names:
                continue
            count = min(2, len(name.split()), len(words))
            local = " ".join(words[len(words) - count :]).strip(_QUOTING)
            if not any(ch.isalpha() and ch >= "\u0370" for ch in local) or _KANA.search(local):
                continue  # Latin: no rendering; Japanese: read by sound
            last = re.split(r"[ ·・]", local)[-1]
            if similarity(name, local) >= TRANSLIT_MIN:
                found.setdefault(fold(name), []).append(local)
            if " " in name and len(last) >= 2 and similarity(name.split()[-1], last) >= TRANSLIT_MIN:
                found.setdefault(fold(name), []).append(last)  # a surname, said alone after
    return {name: tuple(dict.fromkeys(forms)) for name, forms in found.items()}


def given_names(texts: Iterable[str], name: str, forms: Sequence[str]) -> tuple[str, ...]:
    """The words a page renders the given name of the person ``name`` with, read off its renderings
    of the whole name: a word with the given name's consonants before one that sounds like the
    surname or opens with a rendering of it in ``forms`` (`ایلان ماسک`, `סם אלטמן`, Thai glued
    `แซม อัลต์แมนกำหนด`). Alone, a short given name is not judged by sound (`سم` ~ `Sam` 0.76); the
    pair's sound is not enough either: `של הופמן` ("of Hoffman") sounds like `Reid Hoffman`."""
    parts = name.split()
    if len(parts) < 2 or len(given := consonants(parts[0])) < 2:
        return ()
    surname = parts[-1]
    known = tuple(form for form in forms if " " not in form and not form.isascii())
    found: list[str] = []
    for text in texts:
        for first, second in alphabet_pairs(text):
            if consonants(first) != given:
                continue
            if similarity(surname, second) >= TRANSLIT_MIN or any(second.startswith(form) for form in known):
                found.append(first)
    return tuple(dict.fromkeys(found))


def keeps_word(index: TermIndex, word: str) -> bool:
    """Whether ``index`` has ``word`` (of an alphabet) as one of its words, after one or two Hebrew
    prefixes or none (`שגוגל` "that Google", `לסם` "to Sam"), or in a run of a script written
    without spaces (Thai: `ส่วนแซมเรียน`)."""
    if _UNSPACED.search(word):
        return fold(word) in index.folded
    return any(
        run.endswith(word)
        and len(run) - len(word) <= 2
        and all(c in _HEBREW_PREFIXES for c in run[: -len(word)])
        for run in index.phonetic
    )


# Hebrew glues its one-letter words to the next: ו "and", ה "the", ב "in", ל "to", מ "from", ש
# "that", כ "as". Matched before a word a page is known to use only: compared by sound, a run
# without them met ordinary words (`מציין` "notes" → `ציין` ~ China).
_HEBREW_PREFIXES = frozenset("\u05d5\u05d4\u05d1\u05dc\u05de\u05e9\u05db")


def keeps_inflected(index: TermIndex, term: Term, endings: tuple[str, ...]) -> bool:
    """Whether ``index`` holds one of the term's Latin forms with case endings of the variant's
    language (``LanguageTable.name_endings``: Polish `Hassabisa`, `Altmanem`): a name a language
    declines is still the name. Acronyms stay exact."""
    for form in term.forms:
        if is_acronym(form) or not form.isascii():
            continue
        words = tuple(fold(form).split())
        if declinable(words) and inflected_words(words, endings).search(index.folded):
            return True
    return False


# The cased alphabets of ``aligner.phonetic`` (Cyrillic, Greek): only there does a capital tell a name.
_CASED_WORD = re.compile(r"[\u0400-\u04ff\u0386\u0388-\u03ff\u1f00-\u1fff]{2,}")


def sentence_openers(texts: Iterable[str]) -> frozenset[str]:
    """The capitalized Cyrillic and Greek words of ``texts`` that only ever open a sentence (or a
    line, a heading): their capital is the sentence's, not a name's. `Год спустя` ("a year later")
    sounds like `God`, and made the Russian page "use" `God` that it renders `Бог` throughout: two
    faithful chapters "lacked" it. A word that also stands capitalized inside a sentence is kept."""
    openers: set[str] = set()
    inside: set[str] = set()
    for text in texts:
        for line in text.split("\n"):
            for match in _CASED_WORD.finditer(line):
                word = match.group(0)
                if word[0].isupper():
                    (openers if opens_sentence(line, match.start()) else inside).add(word)
    return frozenset(openers - inside)
