"""Is this text left in the reference language? The evidence the L40x and Q203 checks share.

Cost is gated and bounded: chapter bodies reuse the languages ``aligner.detect`` already
found; summaries and quotes are detected only when needed (a script check first — a Japanese
quote is not English whatever its Latin names — and lingua only within the reference's script),
on at most ``SAMPLE_CHARS`` characters each. chrF (sacrebleu) measures "identical to the
reference": character n-grams survive the names, numbers and English terms a real translation
keeps, so a translation stays far below ``IDENTICAL_CHRF`` while a copy or a lightly edited copy
stays far above it (see the constant for the measured figures).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from aligner import langdata, langid, scripts
from aligner.locales import language_of
from aligner.model import Variant
from aligner.names import normalize_name

if TYPE_CHECKING:
    from sacrebleu.metrics import CHRF

# chrF ≥ this: the variant text is the reference text, at most lightly edited. Measured: real
# en→es translations of the same chapter score 26–40 (the name-dense intro 40), en→ja 1–14; a
# copy with three words changed scores 91, a four-sentence copy with one sentence translated 79.
IDENTICAL_CHRF = 70.0
MIN_LETTERS = 20  # shorter texts are names or labels: neither chrF nor lingua judges them
MIN_SHORT_LETTERS = 8  # a short text is judged only when it equals its reference exactly
SAMPLE_CHARS = 2000  # chrF and lingua read at most this much of each text
MAX_DETECTIONS = 64  # lingua calls per variant for quotes (summaries: one per variant)
CACHE_SIZE = 4096  # texts (and text pairs) remembered per process
BOUND_MARGIN = 0.5  # chrF is skipped when its upper bound is this far below the threshold

_TOKEN = re.compile(r"[^\W_]+")


base = language_of  # ``zh-Hans`` → ``zh`` (the name the language checks read)


def known(code: str) -> bool:
    return base(code) not in ("", "und")


def is_untranslated(variant: Variant, ref_lang: str) -> bool:
    """Published on a locale page but written in the episode's reference language (L401)."""
    if not known(variant.page_locale) or not known(variant.lang):
        return False
    return base(variant.lang) != base(variant.page_locale) and base(variant.lang) == base(ref_lang)


def is_translated(variant: Variant, ref_lang: str) -> bool:
    """Written in its page's locale (or any known language on a page of unknown locale), which is
    not the reference language: the variants whose segments L403/L404/Q203 look at."""
    if not known(variant.lang) or base(variant.lang) == base(ref_lang):
        return False
    return not known(variant.page_locale) or base(variant.lang) == base(variant.page_locale)


@functools.cache
def chrf_metric() -> CHRF:
    """sacrebleu's chrF (its defaults), imported when a score is first computed: the bounds below
    rule out most pairs, and a run that computes none does not pay for the import (≈ 30 ms).
    Snapshot comparisons (``aligner.checks.textdiff``) score with it too."""
    from sacrebleu.metrics import CHRF

    return CHRF()


def similarity(text: str, reference: str) -> float:
    """chrF (0–100) of ``text`` against ``reference``; 0 when either is empty. Memoized per pair."""
    if not text.strip() or not reference.strip():
        return 0.0
    return round(_chrf_score(text, reference), 1)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _chrf_score(text: str, reference: str) -> float:
    """sacrebleu's sentence chrF of the first ``SAMPLE_CHARS`` characters, unrounded."""
    return float(chrf_metric().sentence_score(text[:SAMPLE_CHARS], [reference[:SAMPLE_CHARS]]).score)


def identical_score(text: str, reference: str, threshold: float) -> float | None:
    """``similarity(text, reference)`` when it is at least ``threshold``, else None.

    chrF is not computed when its upper bound (``chrf_upper_bound``) already falls short: a
    Japanese text shares few characters with a Spanish reference, so most pairs end here.
    """
    if not may_be_identical(text, reference, threshold):
        return None  # cross-script pairs mostly end here, without counting characters
    if chrf_upper_bound(text, reference) < threshold - BOUND_MARGIN:
        return None  # the rounded score is below the threshold too
    score = similarity(text, reference)
    return score if score >= threshold else None


CHRF_ORDERS = 6  # sacrebleu's default character n-gram order, as ``chrf_metric`` uses it
CHRF_BETA = 2  # sacrebleu's default β
ROUNDING_SLACK = 1e-9  # floating-point headroom: only prune when clearly below the bound's cut


@functools.lru_cache(maxsize=4096)
def ascii_split(text: str) -> tuple[int, int]:
    """(ASCII characters, other characters) of the chrF sample of ``text``, whitespace removed.

    Memoized: a reference chapter is compared with every translation of it.
    """
    chars = "".join(text[:SAMPLE_CHARS].split())
    ascii_chars = len(chars.encode("ascii", "ignore"))
    return ascii_chars, len(chars) - ascii_chars


def coarse_chrf_bound(text: str, reference: str) -> float:
    """An upper bound of ``chrf_upper_bound`` that needs no character counts.

    That bound grows with the matched characters m = Σ_c min(hyp_c, ref_c), and m is at most
    Σ over any partition of the characters of min(hyp share, ref share). With the partition
    ASCII / non-ASCII, a Japanese or Chinese body has almost nothing to match with an English
    reference, so most cross-script pairs are ruled out with two C-speed length counts.
    """
    hyp_ascii, hyp_other = ascii_split(text)
    ref_ascii, ref_other = ascii_split(reference)
    hyp_length, ref_length = hyp_ascii + hyp_other, ref_ascii + ref_other
    orders = min(CHRF_ORDERS, hyp_length, ref_length)
    if orders <= 0:
        return 0.0
    matched = min(hyp_ascii, ref_ascii) + min(hyp_other, ref_other)
    precision = sum(min(1.0, matched / (hyp_length - n)) for n in range(orders)) / orders
    recall = sum(min(1.0, matched / (ref_length - n)) for n in range(orders)) / orders
    if not precision + recall:
        return 0.0
    factor = CHRF_BETA**2
    return 100 * (1 + factor) * precision * recall / (factor * precision + recall)


def may_be_identical(text: str, reference: str, threshold: float) -> bool:
    """False only when ``identical_score(text, reference, threshold)`` is surely None."""
    return coarse_chrf_bound(text, reference) >= threshold - BOUND_MARGIN - ROUNDING_SLACK


def chrf_upper_bound(text: str, reference: str) -> float:
    """An upper bound of sacrebleu's chrF (β = 2, character orders 1–6, whitespace removed) of
    ``text`` against ``reference``, from character counts alone.

    For every order n, the matched n-grams are at most the matched characters m (map each n-gram
    to its first character: the n-grams starting with a character occur at most as often as the
    character), so precision_n ≤ min(1, m / hyp n-grams) and recall_n ≤ min(1, m / ref n-grams);
    chrF is the F-score of the mean precision and recall over the orders both texts have, and
    grows with each. Costs two character counts (the reference's is cached) instead of twelve
    n-gram counts.
    """
    hyp = _characters(text[:SAMPLE_CHARS])
    ref = _characters(reference[:SAMPLE_CHARS])
    hyp_length, ref_length = hyp.total(), ref.total()
    orders = min(CHRF_ORDERS, hyp_length, ref_length)
    if orders <= 0:
        return 0.0
    matched = sum(min(hyp[char], ref[char]) for char in hyp.keys() & ref.keys())
    precision = sum(min(1.0, matched / (hyp_length - n)) for n in range(orders)) / orders
    recall = sum(min(1.0, matched / (ref_length - n)) for n in range(orders)) / orders
    if not precision + recall:
        return 0.0
    factor = CHRF_BETA**2
    return 100 * (1 + factor) * precision * recall / (factor * precision + recall)


@functools.lru_cache(maxsize=256)  # a reference is asked once per variant; a Counter is big
def _characters(text: str) -> Counter[str]:
    """Character counts of ``text`` without whitespace, as chrF sees it. Callers must not mutate it."""
    return Counter("".join(text.split()))


def letters(text: str) -> int:
    """Alphabetic characters (``str.isalpha``) in ``text``."""
    return sum(map(str.isalpha, text))


def has_letters(text: str, minimum: int) -> bool:
    """``letters(text) >= minimum``, counting the whole text only when its start falls short."""
    return letters(text[: 4 * minimum]) >= minimum or letters(text) >= minimum


def script_of_language(code: str) -> str | None:
    lang = langdata.table(code)
    return lang.script if lang is not None else None


def written_only_in(text: str, script: str) -> bool:
    """Every letter of ``text`` is in ``script`` ("Latin", "Han", "Japanese", …)."""
    counts = scripts.profile(text).counts
    if not counts:
        return False
    if script == "Japanese":
        return set(counts) <= {"Han", "Kana"}
    return set(counts) == {script}


class LanguageBudget:
    """Detects the language of short texts (quotes) lazily, at most ``limit`` lingua calls."""

    def __init__(self, languages: Sequence[str], limit: int = MAX_DETECTIONS) -> None:
        self.languages = tuple(languages)
        self.remaining = limit

    def detect(self, text: str, ref_lang: str) -> str | None:
        """The language of ``text`` if it may be ``ref_lang``; None when the script rules it out,
        the text is too short, or the budget is spent."""
        script = script_of_language(ref_lang)
        if script is None or not has_letters(text, MIN_LETTERS) or scripts.script_of(text) != script:
            return None
        if self.remaining <= 0:
            return None
        self.remaining -= 1
        lang, _confidence = langid.detect(text[:SAMPLE_CHARS], self.languages)
        return lang


def left_in(
    text: str,
    reference: str,
    ref_lang: str,
    page_lang: str,
    budget: LanguageBudget,
    threshold: float = IDENTICAL_CHRF,
) -> str | None:
    """Why ``text`` counts as left in the reference language, or None: identical (chrF) to its
    reference counterpart, or detected as the reference language (and not the page's)."""
    if has_letters(text, MIN_LETTERS):
        score = identical_score(text, reference, threshold)
        if score is not None:
            return f"identical to the reference (chrF {score:.0f})"
    elif (
        has_letters(text, MIN_SHORT_LETTERS)
        and normalize_name(text) == normalize_name(reference)
        and not is_shared_term(text, frozenset())
    ):
        return "identical to the reference"
    lang = budget.detect(text, ref_lang)
    if lang is not None and base(lang) == base(ref_lang) and base(lang) != base(page_lang):
        return f"in `{lang}`"
    return None


# -- sentences left in a Latin-script reference language ---------------------------------------

MIN_RUN_WORDS = 8  # Latin words in a row that make a sentence, not a name or a term
_LATIN_LETTER = "[A-Za-z\u00c0-\u024f]"
_WORD_CHAR = "[A-Za-z\u00c0-\u024f0-9'’-]"
_LATIN_WORD = f"{_LATIN_LETTER}{_WORD_CHAR}*"
# Words with only spaces and light punctuation between them. It opens with a letter class, so the
# engine skips the other script fast; the look-behind after that letter refuses a start inside a
# word at once (a run tried from every letter of a 1 MB word was quadratic); words and gaps share
# no character, so nothing backtracks.
_LATIN_RUN = re.compile(
    f"{_LATIN_LETTER}(?<!{_WORD_CHAR}{_LATIN_LETTER}){_WORD_CHAR}*"
    # dashes join a sentence's words too: `of the era — ChatGPT and Claude Code — and neither`
    # split into runs too short to judge (found by QA of the gate in el, uk and zh-TW)
    f'(?:[ ,;:"“”«»()—–]+{_LATIN_WORD}){{{MIN_RUN_WORDS - 1},}}[.!?]?'
)


# What introduces a quotation or a citation rather than a sentence of the page: an opening mark,
# with or without a space after it (`“`, `《`, `（`); a mark that both opens and closes (`"`, `*`)
# only right before the words (`*The Infinity Machine* covers…` is a sentence after a title); a
# colon or a dash (`Oriol 说：maybe there's no ceiling…`). Found by QA of new heuristics: book
# titles in 《》, glosses in brackets and quotes after a colon were "sentences left in English".
_OPENING = tuple("“„«‹‘「『《〈（([［【")
_SYMMETRIC = tuple("\"'*_`")  # `` ` ``: code
_LEAD_INS = tuple(":：—–-")
MIN_RUN_LOWERCASE = 3  # words of a sentence opening in lower case (`the`, `is`): a list of names has none


def latin_runs(text: str, quoted: bool = False) -> list[str]:
    """The runs of ``MIN_RUN_WORDS`` Latin-script words or more in ``text``: in a page of another
    script, a sentence or a paragraph left in a Latin-script language (names and terms are
    shorter). Not one introduced as a quotation or a citation (see ``_OPENING``), unless
    ``quoted``: the zh page quotes its guest's English words (`Oriol 说:"maybe there's no
    ceiling, or the ceiling is still far away"`)."""
    if len(text) < MIN_RUN_WORDS * 2:
        return []
    return [
        match.group() for match in _LATIN_RUN.finditer(text) if quoted or not _introduced(text, match.start())
    ]


# A quotation of ``MIN_RUN_WORDS`` words or more: its opening mark, then words whose gaps hold no
# quote mark (on a page in a Latin script the page's own words run up to the quote).
_QUOTATION = re.compile(
    f'[«„“"‹‘]\\s?({_LATIN_LETTER}{_WORD_CHAR}*(?:[ ,;:—–]+{_LATIN_WORD}){{{MIN_RUN_WORDS - 1},}}[.!?]?)'
)


def quoted_runs(text: str) -> list[str]:
    """The quotations of ``MIN_RUN_WORDS`` words or more in ``text``: on a page in a Latin script,
    the words a translator kept as they were said (`« Maybe if we approach science the right way …»`
    on the French page)."""
    return _QUOTATION.findall(text) if len(text) >= MIN_RUN_WORDS * 2 else []


def _introduced(text: str, start: int) -> bool:
    """Whether the run at ``start`` opens a quotation or follows a colon or a dash."""
    before = text[max(0, start - 4) : start]
    if before.endswith(_SYMMETRIC):
        return True
    return before.rstrip().endswith(_OPENING + _LEAD_INS)


def is_sentence(run: str) -> bool:
    """Whether a run of Latin words reads as a sentence: some of its words open in lower case."""
    return sum(1 for word in run.split() if word[:1].islower()) >= MIN_RUN_LOWERCASE


def non_latin(lang: str) -> bool:
    """Whether ``lang`` is written in a script other than Latin (its table's), so that a long run of
    Latin words in its text is no part of it."""
    script = script_of_language(lang)
    return script is not None and script != "Latin"


def sentence_left_in(text: str, ref_lang: str, budget: LanguageBudget) -> str | None:
    """The first run of Latin words in ``text`` (a chapter of a non-Latin variant) that the detector
    reads as the reference language: a sentence the translator left — one or two of them went
    unnoticed, the chapter being in its language as a whole (found by QA of the gate)."""
    for run in latin_runs(text):
        if not is_sentence(run):
            continue  # `ChatGPT, Claude Code, Gemini, …`: names, not a sentence
        lang = budget.detect(run, ref_lang)
        if lang is not None and base(lang) == base(ref_lang):
            return run
    return None


# -- titles -------------------------------------------------------------------------------------


def terms_of(variant: Variant, reference: Variant) -> frozenset[str]:
    """Words a title may share with the reference legitimately: entity-name words of both lists,
    and every word the variant's own summary and bodies use (``Tapestry``, ``JEPA``, ``Spark``)."""
    names = [e.name for e in (*(variant.entities or ()), *(reference.entities or ()))]
    texts = [variant.summary, *(c.body for c in variant.chapters)]
    return frozenset(map(_stem, set(_words(" ".join([*names, *texts])))))


def _words(text: str) -> Iterable[str]:
    return _TOKEN.findall(normalize_name(text))


def _stem(word: str) -> str:
    """Plural ``s`` off, so ``World Models`` shares its words with the entity ``World Model``."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _is_term_shaped(token: str) -> bool:
    """Acronyms, CamelCase and alphanumerics (``JEPA``, ``OpenAI``, ``GPT-4``) are names everywhere."""
    return any(map(str.isdigit, token)) or sum(map(str.isupper, token)) > 1


def is_shared_term(title: str, terms: frozenset[str]) -> bool:
    """Whether every word of ``title`` is a name or a term the translation itself uses."""
    tokens = _TOKEN.findall(title)
    return all(_is_term_shaped(tok) or _stem(normalize_name(tok)) in terms for tok in tokens)


def title_left_untranslated(
    title: str, ref_title: str, ref_lang: str, var_lang: str, terms: frozenset[str]
) -> bool:
    """A variant chapter title left in the reference language: the reference title itself, or —
    where the locale writes in another script — a title written only in the reference's script.
    Titles made of names and shared terms (``Tapestry``, ``JEPA``) are legitimately identical."""
    if not has_letters(title, 1):
        return False
    if normalize_name(title) != normalize_name(ref_title):
        ref_script, var_script = script_of_language(ref_lang), script_of_language(var_lang)
        if ref_script is None or var_script is None or ref_script == var_script:
            return False
        if not written_only_in(title, ref_script):
            return False
    return not is_shared_term(title, terms)
