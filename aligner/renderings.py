"""The other forms a translation gives a name, beyond what its entity list and the glossary say
(``aligner.checks.terms``, T503): the rendering it glosses the name with once, in brackets, and the
name with the case endings of a language that declines names."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from aligner.glossary import fold
from aligner.guarded import declinable, inflected_words
from aligner.terms import TRANSLIT_MIN, Term, TermIndex, is_acronym
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
