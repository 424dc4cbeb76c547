"""Content alignment: which reference chapter does each variant chapter's *content* belong to?

The align stage pairs chapters on timestamps. A scraper that shifts or swaps chapter bodies keeps
the timestamps and moves the text, so the timestamp partner of a chapter may carry another
chapter's content. This module scores every reference chapter against every variant chapter with
evidence that survives translation, and reports the pairs whose content clearly belongs elsewhere.

Evidence (each chapter = title + body + quotes):

* **anchors** — numbers (via ``aligner.numbers`` when present, else digit runs), Latin-script
  words (names, acronyms, terms: ``JEPA``, ``Sun Microsystems``, ``2027``), CJK character bigrams,
  and entity names in their localized forms (``World Model`` ↔ ``ワールドモデル`` from the
  alignment's ``EntityPair``s). Only anchors that occur on *both* sides of the episode pair count
  (so Spanish function words never count against a Japanese chapter, and an untranslated copy is
  compared on all its words). Anchors are weighted by inverse chapter frequency over both
  variants (``LeCun``, present everywhere, says nothing) and compared with a weighted Dice
  coefficient.
* **length** — ``exp(-z²/2)``, z = distance of the log length ratio from the episode pair's own
  median ratio (robust, so no language prior is needed), in units of ``LENGTH_SIGMA``.
* **quotes** — the same length agreement for the pull-quotes (1 when neither side has one).
* **position** — relative position in the chapter list (a weak tie-breaker only).

``similarity = Σ WEIGHTS[k] × evidence_k``. Which timestamp pairs are misaligned (C106) is read
from the matrix by ``aligner.contentmatrix``.
"""

from __future__ import annotations

import math
import operator
import re
import statistics
import unicodedata
from collections.abc import Mapping, Sequence, Set
from functools import lru_cache
from itertools import chain

import numpy as np

from aligner import numbers
from aligner.contentmatrix import ContentMatrix
from aligner.memo import identity_cache
from aligner.model import Alignment, Chapter, Variant
from aligner.names import normalize_name

WEIGHTS: dict[str, float] = {"anchor": 0.65, "length": 0.2, "quote": 0.1, "position": 0.05}
LENGTH_SIGMA = 0.3
MIN_PAIRS_FOR_RATIO = 3
DICE_PRIOR = 0.25  # pseudo-weight of unseen anchors on each side: thin evidence is not a strong match

_LATIN = "A-Za-z\u00c0-\u024f"
_LATIN_WORD = re.compile(rf"[{_LATIN}](?:[{_LATIN}0-9'’-]*[{_LATIN}0-9])?")
_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Z0-9]+s$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")


def _fold(text: str) -> str:
    """NFKC, casefold, and accents off Latin letters only (``Matarić`` = ``mataric``; kana keep
    their voicing marks: ``デ`` is not ``テ``)."""
    return _strip_latin_accents(unicodedata.normalize("NFKC", text).casefold())


def _strip_latin_accents(text: str) -> str:
    """``text.translate(_LATIN_ACCENTS)``, but only the accented letters are looked up: a
    translation table walks every character in Python objects, and most characters (ASCII, kana,
    Han) are not in it."""
    if text.isascii() or _ACCENTED.search(text) is None:
        return text
    return _ACCENTED.sub(_accent_replacement, text)


def _accent_replacement(match: re.Match[str]) -> str:
    return _LATIN_ACCENTS[ord(match.group())]


def _strip_accent(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


# U+00C0–U+024F (Latin-1 Supplement to Latin Extended-B) → the letter without its accents.
_LATIN_ACCENTS = {
    code: _strip_accent(chr(code)) for code in range(0xC0, 0x250) if _strip_accent(chr(code)) != chr(code)
}
_ACCENTED = re.compile("[" + "".join(map(re.escape, map(chr, _LATIN_ACCENTS))) + "]")


def _numbers(text: str, lang: str) -> set[str]:
    """Locale-aware numbers of each line (number words, CJK numerals, scales: ``cinco`` = ``5``,
    ``10億`` = ``1000000000``): T502 reads the same lines, so each is read once."""
    return {numbers.format_value(v) for m in numbers.extract_lines(text, lang) for v in m.values}


def chapter_text(chapter: Chapter) -> str:
    """A chapter's body and quotes, one per line: no anchor spans two of them."""
    return "\n".join([chapter.body, *(q.text for q in chapter.quotes)])


def anchor_tokens(text: str, lang: str, names: Mapping[str, str]) -> set[str]:
    """Anchor tokens of one chapter text: ``n:``numbers, ``w:``Latin words, ``c:``CJK bigrams,
    ``e:``entity keys (``names`` maps a name as written in this variant → a shared entity key)."""
    return set(_chapter_anchors(text, lang, names))


def _chapter_anchors(text: str, lang: str, names: Mapping[str, str], bigrams: bool = True) -> frozenset[str]:
    """``anchor_tokens`` without copying the cached text anchors when no entity name occurs;
    without the ``c:`` bigrams when ``bigrams`` is false."""
    base, folded, has_cjk = _text_anchors(text, lang)
    if bigrams and has_cjk:
        base = _with_bigrams(text, lang)
    entities = {f"e:{key}" for name, key in names.items() if name and name in folded}
    return base | entities if entities else base


def _any_cjk(texts: Sequence[str], lang: str) -> bool:
    """Whether any of ``texts`` has CJK in its folded form (only such a text has ``c:`` bigrams)."""
    return any(_text_anchors(text, lang)[2] for text in texts)


@lru_cache(maxsize=1024)  # reuse is within an episode; entries are whole token sets
def _text_anchors(text: str, lang: str) -> tuple[frozenset[str], str, bool]:
    """The anchors of ``text`` that do not depend on the entity pairs, bigrams left out; its folded
    form; whether that has CJK (a reference chapter is compared with every variant of its episode:
    computed once)."""
    tokens = {f"n:{n}" for n in _numbers(text, lang)}
    normalized = unicodedata.normalize("NFKC", text)
    tokens.update(map(_word_token, set(_LATIN_WORD.findall(normalized))))  # each distinct word once
    folded = _fold(normalized)
    return frozenset(tokens), folded, _CJK.search(folded) is not None


@lru_cache(maxsize=1024)
def _with_bigrams(text: str, lang: str) -> frozenset[str]:
    """``_text_anchors`` with the ``c:`` bigrams of every CJK run of the folded text. Built only for
    an episode pair with CJK on both sides: one side's bigrams alone are never shared anchors, and
    they are most of the tokens of a CJK text."""
    base, folded, _has_cjk = _text_anchors(text, lang)
    bigrams: set[str] = set()
    for run in _CJK.findall(folded):
        bigrams.update(map(operator.add, run, run[1:]))
    return base.union(map(_BIGRAM.__add__, bigrams))  # prefixed once per distinct bigram


_BIGRAM = "c:"


@lru_cache(maxsize=1 << 16)
def _word_token(word: str) -> str:
    """``w:`` + the folded word, an acronym's plural ``s`` off (``LLMs`` → ``w:llm``)."""
    if _ACRONYM_PLURAL.match(word):
        word = word[:-1]
    return f"w:{_fold(word)}"


def entity_keys(alignment: Alignment, reference: Variant) -> tuple[dict[str, str], dict[str, str]]:
    """Localized entity names (matched pairs whose names differ) → shared keys, per side."""
    ref_names: dict[str, str] = {}
    var_names: dict[str, str] = {}
    for pair in alignment.entities:
        if pair.ref is None or pair.var is None:
            continue
        if normalize_name(pair.ref.name) == normalize_name(pair.var.name):
            continue
        key = normalize_name(pair.ref.name)
        ref_names[_fold(pair.ref.name)] = key
        var_names[_fold(pair.var.name)] = key
    return ref_names, var_names


def _median_log_ratio(pairs: Sequence[tuple[int, int]]) -> float:
    ratios = [math.log((v + 1) / (r + 1)) for r, v in pairs if r > 0 and v > 0]
    return statistics.median(ratios) if ratios else 0.0


def build_matrix(reference: Variant, alignment: Alignment) -> ContentMatrix:
    """The similarity matrix of an alignment (reference chapters × variant chapters); computed
    once per alignment object (C106 and the score stage both ask)."""
    return _build(reference, alignment)


@identity_cache(maxsize=32)
def _build(reference: Variant, alignment: Alignment) -> ContentMatrix:
    ref = tuple(sorted(reference.chapters, key=lambda c: c.ts))
    var = tuple(sorted(alignment.variant.chapters, key=lambda c: c.ts))
    ref_position, var_position = _first_positions(ref), _first_positions(var)
    partners = tuple(
        (ref_position[p.ref], var_position[p.var])
        for p in alignment.chapters
        if p.ref is not None and p.var is not None and p.ref in ref_position and p.var in var_position
    )
    ref_names, var_names = entity_keys(alignment, reference)
    ref_tokens, var_tokens, shared = _matrix_anchors(
        ([chapter_text(c) for c in ref], reference.lang, ref_names),
        ([chapter_text(c) for c in var], alignment.variant.lang, var_names),
    )
    body = [(len(ref[i].body), len(var[j].body)) for i, j in partners]
    mu = (
        _median_log_ratio(body)
        if len(body) >= MIN_PAIRS_FOR_RATIO
        else _median_log_ratio([(sum(len(c.body) for c in ref), sum(len(c.body) for c in var))])
    )
    quote_pairs = [(_quote_len(ref[i]), _quote_len(var[j])) for i, j in partners]
    quote_mu = _median_log_ratio(quote_pairs) if len(quote_pairs) >= MIN_PAIRS_FOR_RATIO else mu
    # Summed in place, in the order of ``WEIGHTS`` (the same floats as ``a + b + c + d``): an
    # n × n temporary per term is 200 MB at 5,000 chapters.
    scores = _anchor_matrix(ref_tokens, var_tokens, shared)
    scores *= WEIGHTS["anchor"]
    scores += WEIGHTS["length"] * _length_matrix([len(c.body) for c in ref], [len(c.body) for c in var], mu)
    scores += WEIGHTS["quote"] * _quote_matrix(ref, var, quote_mu)
    scores += WEIGHTS["position"] * _position_matrix(len(ref), len(var))
    scores.flags.writeable = False
    return ContentMatrix.of(ref, var, scores, partners)


_Side = tuple[Sequence[str], str, Mapping[str, str]]  # chapter texts, language, entity names → keys


def _matrix_anchors(ref: _Side, var: _Side) -> tuple[list[Set[str]], list[Set[str]], Set[str]]:
    """``_shared_anchors`` of the chapter anchors of both sides. Only anchors on both sides count,
    so the ``c:`` bigrams are built only when both sides have CJK text."""
    bigrams = _any_cjk(ref[0], ref[1]) and _any_cjk(var[0], var[1])
    return _shared_anchors(
        [_chapter_anchors(text, ref[1], ref[2], bigrams) for text in ref[0]],
        [_chapter_anchors(text, var[1], var[2], bigrams) for text in var[0]],
    )


def _shared_anchors(
    ref_tokens: Sequence[Set[str]], var_tokens: Sequence[Set[str]]
) -> tuple[list[Set[str]], list[Set[str]], Set[str]]:
    """Each side's anchors restricted to those occurring on both sides, and that shared set.

    Same result as intersecting both sides with ``∪ref ∩ ∪var``, without building the union of
    the variant side (every bigram of a CJK variant): ``v ∩ ∪ref`` is already ``v ∩ shared``
    because ``v ⊆ ∪var``."""
    if not ref_tokens or not var_tokens:
        return [frozenset()] * len(ref_tokens), [frozenset()] * len(var_tokens), frozenset()
    ref_union = frozenset().union(*ref_tokens)
    var_shared = [t & ref_union for t in var_tokens]
    shared = frozenset().union(*var_shared)
    return [t & shared for t in ref_tokens], var_shared, shared


def _anchor_matrix(
    ref_tokens: Sequence[Set[str]], var_tokens: Sequence[Set[str]], vocabulary: Set[str] | None = None
) -> np.ndarray:
    """Weighted Dice coefficient of every reference chapter with every variant chapter (weights:
    idf over both sides), shrunk towards 0 when the evidence is thin (``DICE_PRIOR``): two
    chapters that share only ``Lena``, a name every chapter has, are not a strong match.

    A token's weight depends on its frequency alone, so each weighted sum is summed by frequency
    class: the weight of a class times an exact count of its tokens (a product of 0/1 matrices), in
    increasing frequency. No sum depends on the order of the tokens — set order depends on string
    hashing, which Python randomizes per process — so every process gets the same bits without
    sorting the vocabulary. ``vocabulary``, when the caller knows it, is the union of all the
    token sets."""
    if vocabulary is None:
        vocabulary = set().union(*ref_tokens, *var_tokens)
    if not vocabulary:
        return np.zeros((len(ref_tokens), len(var_tokens)))
    width = len(vocabulary)
    column = dict(zip(vocabulary, range(width), strict=True))
    ref_cells, var_cells = _cells(ref_tokens, column), _cells(var_tokens, column)
    frequency = (
        np.bincount(ref_cells[1], minlength=width) + np.bincount(var_cells[1], minlength=width)
    ).astype(float)
    by_class = np.argsort(frequency, kind="stable")
    classes, starts = np.unique(frequency[by_class], return_index=True)
    rank = np.empty(width, dtype=np.intp)
    rank[by_class] = np.arange(width)  # columns in increasing frequency: each class a slice
    ref_has, var_has = (
        _incidence(ref_cells, rank, len(ref_tokens)),
        _incidence(var_cells, rank, len(var_tokens)),
    )
    idf = np.log((len(ref_tokens) + len(var_tokens) + 1) / np.maximum(classes, 1))
    ref_weight, var_weight = np.zeros(len(ref_tokens)), np.zeros(len(var_tokens))
    shared = np.zeros((len(ref_tokens), len(var_tokens)))
    for weight, start, end in zip(idf.tolist(), starts.tolist(), [*starts[1:].tolist(), width], strict=True):
        ref_class, var_class = ref_has[:, start:end], var_has[:, start:end]
        ref_weight += weight * ref_class.sum(axis=1, dtype=float)
        var_weight += weight * var_class.sum(axis=1, dtype=float)
        shared += weight * (ref_class @ var_class.T).astype(float)  # counts of shared tokens of the class
    return 2.0 * shared / (ref_weight[:, None] + var_weight[None, :] + 2.0 * DICE_PRIOR)


def _cells(tokens: Sequence[Set[str]], column: Mapping[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Row (chapter) and column (token) of every token of every chapter."""
    sizes = list(map(len, tokens))
    columns = np.fromiter(map(column.__getitem__, chain.from_iterable(tokens)), np.intp, sum(sizes))
    return np.repeat(np.arange(len(tokens)), sizes), columns


def _incidence(cells: tuple[np.ndarray, np.ndarray], rank: np.ndarray, count: int) -> np.ndarray:
    """Chapters × vocabulary (columns in ``rank`` order): 1 where the chapter has the token, else 0.

    Single precision: a 0/1 matrix, and its products are exact counts up to 2^24 (a class of that
    many tokens is 16 million distinct words); half the memory of a card of thousands of chapters."""
    has = np.zeros((count, len(rank)), dtype=np.float32)
    has[cells[0], rank[cells[1]]] = 1.0
    return has


def _length_matrix(ref_lengths: Sequence[int], var_lengths: Sequence[int], mu: float) -> np.ndarray:
    """``exp(-z²/2)`` of every pair of lengths, z = (log length ratio − ``mu``) / ``LENGTH_SIGMA``."""
    ratio = np.log(
        (np.asarray(var_lengths, dtype=float)[None, :] + 1)
        / (np.asarray(ref_lengths, dtype=float)[:, None] + 1)
    )
    z = (ratio - mu) / LENGTH_SIGMA
    return np.exp(-(z * z) / 2)


def _quote_matrix(ref: Sequence[Chapter], var: Sequence[Chapter], mu: float) -> np.ndarray:
    """Length agreement of the quotes of every pair: 1 when neither has a quote, 0 when one has none."""
    ref_has = np.array([bool(c.quotes) for c in ref], dtype=bool)[:, None]
    var_has = np.array([bool(c.quotes) for c in var], dtype=bool)[None, :]
    agreement = _length_matrix([_quote_len(c) for c in ref], [_quote_len(c) for c in var], mu)
    return np.where(ref_has & var_has, agreement, np.where(ref_has | var_has, 0.0, 1.0))


def _position_matrix(n_ref: int, n_var: int) -> np.ndarray:
    ref_rel = np.array([_rel(i, n_ref) for i in range(n_ref)], dtype=float)[:, None]
    var_rel = np.array([_rel(j, n_var) for j in range(n_var)], dtype=float)[None, :]
    return 1.0 - np.abs(ref_rel - var_rel)


def _first_positions(chapters: Sequence[Chapter]) -> dict[Chapter, int]:
    """Chapter → index of its first equal chapter (``tuple.index`` for every chapter at once)."""
    positions: dict[Chapter, int] = {}
    for index, chapter in enumerate(chapters):
        positions.setdefault(chapter, index)
    return positions


def _rel(index: int, count: int) -> float:
    return index / (count - 1) if count > 1 else 0.0


def _quote_len(chapter: Chapter) -> int:
    return sum(len(q.text) for q in chapter.quotes)
