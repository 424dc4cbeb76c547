"""A sentence of the reference language left in a chapter written in another language of the same
script: the Spanish chapter with one English sentence in it (L403).

Where the two scripts differ, the sentence shows as a run of Latin words (``untranslated.latin_runs``).
Here every word is Latin, so a sentence is picked by its *function words* — the articles,
prepositions and conjunctions of the language tables (``LanguageTable.small_words``) that belong to
the reference language and not to the variant's (`the`, `of`, `and` against `el`, `de`, `y`). Only a
sentence with at least ``MIN_FUNCTION_WORDS`` of them, and more than twice as many as of the
variant's own, goes to the language detector: a chapter written in its language has few or none,
so lingua reads almost nothing (one cheap pass over the words of each body decides that).
"""

from __future__ import annotations

import functools
import re

from aligner import langdata
from aligner.untranslated import MIN_RUN_WORDS, LanguageBudget, base, is_sentence

MIN_FUNCTION_WORDS = 3  # the reference language's own function words a sentence must hold
_SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)", re.MULTILINE)  # a line break ends one too
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# What a translator keeps in the reference language on purpose is left out before the text is cut
# into sentences: a quotation, of one sentence or several (`Hassabis dijo: «We need to… It was…»`;
# an apostrophe is no closing mark: “You can’t trust…”), a title in italics (`*Mastering the game of
# Go with deep neural networks and tree search*`), a gloss in brackets; and in a sentence, what
# follows a colon. Each was reported as "a sentence left in `en`" (found by QA of the new heuristic).
_KEPT = re.compile(  # within a line, bounded, no opening mark inside: each attempt scans to the next
    r'«[^«»\n]{0,2000}»|“[^“”\n]{0,2000}”|„[^„“”\n]{0,2000}[“”]|"[^"\n]{0,2000}"|‹[^‹›\n]{0,2000}›'
    r"|\*[^*\n]{1,2000}\*|_[^_\n]{1,2000}_|\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,2000}\]"
)
_AFTER_COLON = re.compile(r"[:：].*$")


@functools.lru_cache(maxsize=256)
def function_words(ref_lang: str, var_lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The function words of ``ref_lang`` that ``var_lang`` lacks, and those of ``var_lang`` that
    ``ref_lang`` lacks (empty when either language has no table)."""
    ref, var = langdata.table(ref_lang), langdata.table(var_lang)
    if ref is None or var is None or not ref.small_words or not var.small_words:
        return frozenset(), frozenset()
    ref_words = frozenset(w.lower() for w in ref.small_words if w.isalpha())
    var_words = frozenset(w.lower() for w in var.small_words if w.isalpha())
    return ref_words - var_words, var_words - ref_words


def sentence_left_among(text: str, ref_lang: str, var_lang: str, budget: LanguageBudget) -> str | None:
    """The first sentence of ``text`` (a chapter body in ``var_lang``) that reads as ``ref_lang``,
    both written in the same script; None when there is none (or the languages are one)."""
    if base(ref_lang) == base(var_lang):
        return None
    theirs, ours = function_words(ref_lang, var_lang)
    if not theirs:
        return None
    lowered = text.lower()
    if sum(map(theirs.__contains__, lowered.split())) < MIN_FUNCTION_WORDS:
        return None  # nearly every body: too few of the reference's function words anywhere
    for match in _SENTENCE.finditer(_KEPT.sub(" ", text)):
        sentence = " ".join(_AFTER_COLON.sub(" ", match.group()).split())
        words = _WORD.findall(sentence)
        if len(words) < MIN_RUN_WORDS or not is_sentence(sentence):
            continue
        # a function word opens in lower case: `The` of `The New York Times, The Economist` is a name's
        found = sum(1 for word in words if word[0].islower() and word in theirs)
        if found < MIN_FUNCTION_WORDS or found <= 2 * sum(1 for word in words if word.lower() in ours):
            continue
        lang = budget.detect(sentence, ref_lang)
        if lang is not None and base(lang) == base(ref_lang):
            return sentence
    return None
