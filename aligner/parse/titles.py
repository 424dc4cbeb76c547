"""Split a flattened chapter heading (``Intro Jacob Effron sets up…``) into title and body.

Flattened pages lose the line break between a chapter's title and its body, so the split is a
best guess; the chapter keeps its raw text and is marked ``title_split="heuristic"``. Four cases:

* **CJK title** (the text starts with Han/kana/Hangul): the title ends at the first space that
  touches CJK text before the first full stop (``OpenAIは次のSun Microsystems プロプ…``).
* **Latin title, CJK body** (Chinese episodes with English titles): the title is the Latin run
  before the first CJK word, minus a trailing name that begins the body (``Intro Jacob 用…``).
  Names are the entity names of the episode and Latin words of its summary.
* **Latin title, Latin body**: every word boundary in the first 20 tokens is scored with cues a
  reader uses — ``?``/``!`` ending the title, a sentence starter (``The``, ``La``) or a known name
  beginning the body, the case pattern (Title Case in English, sentence case elsewhere), function
  words that cannot end a title — and the best boundary wins.
* **Title in a script without case** (Arabic, Hebrew, Devanagari, Thai): the same scoring, where
  any word may open the body; without the case cues, a name glossed in brackets
  (``ג'ייקוב אפרון (Jacob Effron)``) opens it, and a title runs to about five words — or one
  phrase in Thai, which spaces phrases, not words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from aligner import langdata

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]")
_SENTENCE_END = re.compile(r"[。！？]")
_EDGE_PUNCT = "\"'“”‘’«»()[]*_,.;:!?¡¿—–-"
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9/+\-.]*")
_CJK_WINDOW = 25  # tokens searched for the first CJK word
_HORIZON = 20  # boundaries scored by the latin split
_CJK_TITLE_TOKENS = 12  # a CJK title ends within this many tokens (≤ _CJK_WINDOW)
BARE_TITLE_CHARS = 80  # a flattened chapter text this short, without sentence punctuation, is a title
_SENTENCE_PUNCT = re.compile(r"[.!?。！？]")
_FULL_STOPS = (".", "\u0964", "\u06d4")  # full stop, Devanagari danda, Arabic full stop
_QUESTION_EXCLAMATION = ("?", "!", "\u061f")  # and the Arabic question mark
_MAX_GLOSS_WORDS = 3  # a name glossed in brackets: ``(Jacob Effron)``
_CASELESS_TITLE_WORDS = 5
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Myanmar, Khmer
_WORD_COST = 0.3  # per word a caseless title is longer or shorter than usual
_PHRASE_COST = 2.0  # per phrase beyond the first of a title in a script that spaces phrases
_ABBREVIATIONS = frozenset({"vs.", "dr.", "mr.", "mrs.", "st.", "jr.", "sr.", "etc.", "e.g.", "i.e.", "no."})


@dataclass(frozen=True, slots=True)
class Hints:
    """What the splitter knows about the episode: names and the language's word lists."""

    names: frozenset[str]  # casefolded single tokens of entity names and summary words
    full_names: tuple[tuple[str, ...], ...]  # multi-token entity names, casefolded
    name_heads: frozenset[str]  # first tokens of ``full_names``: where a full name may start
    title_case: bool  # titles are Title Case (English) rather than sentence case
    starters: frozenset[str]
    small_words: frozenset[str]


def make_hints(entity_names: Iterable[str], summary: str, lang_guess: str) -> Hints:
    names: set[str] = set()
    full: list[tuple[str, ...]] = []
    for name in entity_names:
        tokens = tuple(_core(t) for t in name.split() if _core(t))
        names.update(tokens)
        if len(tokens) > 1:
            full.append(tokens)
    if _CJK.search(summary):
        names.update(_core(t) for t in _LATIN_WORD.findall(summary))
    starters, small = _word_lists(lang_guess)
    full_names = tuple(sorted(set(full), key=len, reverse=True))
    return Hints(
        names=frozenset(n for n in names if n),
        full_names=full_names,
        name_heads=frozenset(name[0] for name in full_names),
        title_case=_title_case(lang_guess),
        starters=starters,
        small_words=small,
    )


def _title_case(lang_guess: str) -> bool:
    """Whether the guessed language writes headings in Title Case (its table says so)."""
    table = langdata.table(lang_guess)
    return table is not None and table.title_case


@functools.lru_cache(maxsize=64)
def _word_lists(lang_guess: str) -> tuple[frozenset[str], frozenset[str]]:
    """(sentence starters, small words) of the guessed language — of every table when unknown."""
    starters: set[str] = set()
    small: set[str] = set()
    for table in langdata.TABLES.values():
        if lang_guess in ("", "und") or table.code == lang_guess:
            starters |= table.sentence_starters
            small |= table.small_words
    return frozenset(starters), frozenset(small)


@functools.lru_cache(maxsize=1 << 16)  # tokens repeat: each split looks at every boundary's neighbours
def _core(token: str) -> str:
    token = token.strip(_EDGE_PUNCT)
    for suffix in ("'s", "’s"):
        if token.endswith(suffix):
            token = token[: -len(suffix)]
    return token.casefold().translate(_APOSTROPHES)


# The apostrophe as typed and as typeset (Hebrew writes ``ג׳ייקוב`` with a geresh, or ``ג'ייקוב``).
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u05f3": "'"})


def split_title(text: str, hints: Hints) -> tuple[str, str]:
    """(title, body) for the text that follows ``## [ts]`` on a flattened page. A short text with
    no sentence punctuation anywhere is a title whose body is missing (C105), not a title and a
    body of a few words (``Por qué Yann dejó Meta``: no ``Por qué`` + ``Yann dejó Meta``)."""
    text = text.strip()
    if len(text) <= BARE_TITLE_CHARS and not _SENTENCE_PUNCT.search(text):
        return text, ""
    tokens = _head_tokens(text, hints)
    if len(tokens) < 2:
        return text, ""
    if _CJK.search(tokens[0]):
        index = _split_cjk_title(tokens)
    else:
        first_cjk = _first_cjk_token(tokens[:_CJK_WINDOW])
        if first_cjk is not None and first_cjk > 0:
            index = _split_before_cjk(tokens, first_cjk, hints)
        else:
            index = _split_latin(tokens, hints)
    return " ".join(tokens[:index]).strip(), " ".join(tokens[index:]).strip()


def _head_tokens(text: str, hints: Hints) -> list[str]:
    """``text.split(" ")``, except that the tokens after the ones a split reads stay joined in
    the last item (a chapter runs to hundreds of tokens; its title is within the first few).

    The splitters read the first ``_CJK_WINDOW`` tokens, and the latin one reads as far as a
    full name starting inside its horizon can reach. The CJK-title split also looks for the
    first sentence end in every token, but only uses its position below ``_CJK_TITLE_TOKENS``.
    Joining ``tokens[index:]`` gives back the same body either way.
    """
    longest = len(hints.full_names[0]) if hints.full_names else 1
    return text.split(" ", max(_CJK_WINDOW, _HORIZON - 1 + longest))


def _first_cjk_token(tokens: list[str]) -> int | None:
    """Index of the first token holding a CJK letter (tokens hold no spaces: count them)."""
    joined = " ".join(tokens)
    match = _CJK.search(joined)
    return None if match is None else joined.count(" ", 0, match.start())


def _split_cjk_title(tokens: list[str]) -> int:
    limit = len(tokens)
    for i, token in enumerate(tokens):
        if _SENTENCE_END.search(token):
            limit = i + 1
            break
    for i in range(1, min(limit, _CJK_TITLE_TOKENS)):
        if _CJK.search(tokens[i - 1][-1:]) or _CJK.search(tokens[i][:1]):
            return i
    return 1


def _split_before_cjk(tokens: list[str], first_cjk: int, hints: Hints) -> int:
    for k in range(first_cjk - 1):
        if tokens[k].endswith(("?", "!", "？", "！")):
            return k + 1  # a question or exclamation ends the title
    index = first_cjk
    # lowercase or quoted Latin words glued to the CJK body belong to it ("post-training 这块")
    while index > 1 and (tokens[index - 1][:1].islower() or tokens[index - 1][:1] in '"“「'):
        if tokens[index - 2].endswith(("?", "!", "？", "！")):
            break
        index -= 1
    if index == first_cjk:
        for name in hints.full_names:
            n = len(name)
            if index - n >= 1 and tuple(_core(t) for t in tokens[index - n : index]) == name:
                return index - n
        if index > 1 and _core(tokens[index - 1]) in hints.names:
            return index - 1
    return index


_OPENERS = "\"'“‘«*(¿¡"


@functools.lru_cache(maxsize=1 << 16)
def _shape(token: str) -> tuple[bool, bool]:
    """(capitalized or a number, lowercase): the first character after opening punctuation."""
    core = token.lstrip(_OPENERS)
    if not core:
        return False, False
    first = core[0]
    return first.isupper() or first.isdigit() or _caseless(first), first.islower()


def _caseless(char: str) -> bool:
    """A letter of a script without case (Arabic, Hebrew, Devanagari, Thai…): any word of such a
    script may open the body, as a capitalized word may in Latin text."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _is_cap(token: str) -> bool:
    return _shape(token)[0]


def _is_lower_word(token: str, hints: Hints) -> bool:
    return _shape(token)[1] and _core(token) not in hints.small_words


@dataclass(frozen=True, slots=True)
class _Tokens:
    """Per-token facts ``_split_latin`` reads at every boundary, computed once per heading.

    ``cores`` reaches past the scoring horizon by the longest full name, since a name may start
    inside the horizon and end after it; the other lists cover the horizon.
    """

    tokens: list[str]
    cores: list[str]  # _core of each token
    caps: list[bool]  # _is_cap
    lower: list[bool]  # _is_lower_word
    lower_before: list[int]  # lower_before[i]: how many of tokens[:i] are lower words


def _token_facts(tokens: list[str], horizon: int, hints: Hints) -> _Tokens:
    longest = len(hints.full_names[0]) if hints.full_names else 1
    cores = [_core(t) for t in tokens[: horizon - 1 + longest]]
    shapes = [_shape(t) for t in tokens[:horizon]]
    # _is_lower_word, from the cores at hand
    lower = [low and core not in hints.small_words for (_, low), core in zip(shapes, cores, strict=False)]
    lower_before = [0]
    for flag in lower:
        lower_before.append(lower_before[-1] + flag)
    return _Tokens(tokens, cores, [cap for cap, _ in shapes], lower, lower_before)


def _split_latin(tokens: list[str], hints: Hints) -> int:
    best_index, best_score = 1, float("-inf")
    horizon = min(len(tokens), _HORIZON)
    facts = _token_facts(tokens, horizon, hints)
    cores, caps, lower = facts.cores, facts.caps, facts.lower
    first_lower = next((i for i in range(horizon) if lower[i]), horizon)
    name_starts, inside_names = _full_name_spans(cores, horizon, hints)
    title_case_start = _last_cap_before(facts, first_lower, hints)
    second_is_cap = _is_cap(tokens[2] if len(tokens) > 2 else "")
    caseless_title = _caseless(tokens[0].lstrip(_OPENERS)[:1] or "a")
    glossed = _glossed_names(tokens, horizon) if caseless_title else frozenset()
    costs = _caseless_title_costs(tokens, horizon) if caseless_title else []
    for i in range(1, horizon):
        prev, token = tokens[i - 1], tokens[i]
        if prev.endswith(_FULL_STOPS) and prev.casefold() not in _ABBREVIATIONS:
            break  # a title never holds a full sentence
        cost = costs[i] if caseless_title else 0.0
        if not caps[i] or cost is None or (caseless_title and token.startswith("(")):
            continue  # a caseless body does not open with a gloss in brackets: it follows a name
        score = -cost
        if prev.endswith(_QUESTION_EXCLAMATION):
            score += 3.0
        if i in name_starts or cores[i] in hints.names or i in glossed:
            score += 2.5
        if i in inside_names:
            score -= 4.0  # never split a known full name ("Jacob | Effron")
        if _is_repeat(facts, i, hints):
            score += 2.0  # bodies often open with the title's subject ("… Meta Yann corrige")
        if cores[i] in hints.starters:
            score += 2.0
        if (
            not hints.title_case
            and not caseless_title  # a caseless script's postpositions follow names (Hindi `डेमिस के`)
            and cores[i - 1] in hints.names
            and (cores[i] in hints.starters or cores[i] in hints.small_words)
        ):
            score += 4.5  # a capital function word after a name ends a title: "… realmente Demis | Sobre"
        if lower[i - 1]:
            score += 1.5
        if cores[i - 1] in hints.small_words or prev in ("&", "-", "—", "–"):
            score -= 3.0
        if prev.endswith((",", ":", ";", "—")):
            score -= 2.0
        if hints.title_case:
            lower_in_title = facts.lower_before[i]
            score -= 2.0 * lower_in_title
            if i == title_case_start:
                score += 2.0
            if i == 1 and second_is_cap:
                score -= 1.0  # a one-word title inside a run of capitalized words is unlikely
        if token.isupper() and len(cores[i]) > 1:
            score -= 1.0  # acronyms sit inside titles as often as they start sentences
        score -= 0.4 * max(0, i - 8)
        if score > best_score:
            best_index, best_score = i, score
    return best_index


def _caseless_title_costs(tokens: list[str], horizon: int) -> list[float | None]:
    """For each split position of a title in a script without case, what it costs to leave a title
    of that length: titles run to about five words, or to one phrase in a script that spaces
    phrases, not words (Thai). There, a space next to a Latin word or a number, or before the
    repetition mark ``ๆ``, is inside a phrase: no split position (None)."""
    if not _UNSPACED.match(tokens[0]):
        return [_WORD_COST * abs(i - _CASELESS_TITLE_WORDS) for i in range(horizon)]
    costs: list[float | None] = [None] * horizon
    phrases = 1
    for i in range(1, horizon):
        prev = tokens[i - 1]
        if (
            _UNSPACED.match(tokens[i][:1])
            and tokens[i][:1] != "ๆ"
            and (_UNSPACED.match(prev[-1:]) or prev.endswith(_QUESTION_EXCLAMATION))
        ):
            costs[i] = _PHRASE_COST * (phrases - 1)
            phrases += 1
    return costs


def _glossed_names(tokens: list[str], horizon: int) -> frozenset[int]:
    """Where a name glossed in Latin letters starts (``ג'ייקוב אפרון (Jacob Effron) …``): as many
    words before the bracket as the gloss has. A body names its subject so at its first mention."""
    starts: set[int] = set()
    for j in range(2, min(len(tokens), horizon + _MAX_GLOSS_WORDS)):
        if not tokens[j].startswith("(") or not tokens[j][1:2].isupper():
            continue
        words = 1
        while (
            not tokens[j + words - 1].endswith(")") and words < _MAX_GLOSS_WORDS and j + words < len(tokens)
        ):
            words += 1
        if tokens[j + words - 1].endswith(")") and j - words >= 1:
            starts.add(j - words)
    return frozenset(starts)


def _last_cap_before(facts: _Tokens, first_lower: int, hints: Hints) -> int:
    """Index where the body starts if titles are Title Case: the capitalized clause before the
    first lowercase word (``… Backfire Summer 2015, SpaceX headquarters`` → ``Summer``)."""
    tokens, cores, caps = facts.tokens, facts.cores, facts.caps
    i = first_lower - 1
    while i > 0 and not caps[i]:
        i -= 1
    for name in hints.full_names:  # "Intro Jacob Effron sets" → the body starts at "Jacob"
        n = len(name)
        if i - n + 1 >= 1 and tuple(cores[i - n + 1 : i + 1]) == name:
            return i - n + 1
    # walk back over numbers and a trailing-comma clause: "Summer 2015," → "Summer"
    j = i
    while j > 1 and (tokens[j - 1].endswith(",") or tokens[j - 1][:1].isdigit() or tokens[j][:1].isdigit()):
        j -= 1
        if caps[j] and not tokens[j][:1].isdigit():
            return j
    return i


def _full_name_spans(cores: list[str], horizon: int, hints: Hints) -> tuple[set[int], set[int]]:
    """(positions where a known multi-word name starts, split positions inside one).

    A name may start before ``horizon`` and run past it; a split position is only "inside" a
    name that lies wholly within the first ``horizon`` tokens.
    """
    starts: set[int] = set()
    inside: set[int] = set()
    if not hints.full_names:
        return starts, inside
    for start, core in enumerate(cores[:horizon]):
        if core not in hints.name_heads:
            continue
        for name in hints.full_names:
            n = len(name)
            if name[0] == core and tuple(cores[start : start + n]) == name:
                starts.add(start)
                if start + n <= horizon:
                    inside.update(range(start + 1, start + n))
    return starts, inside


def _is_repeat(facts: _Tokens, i: int, hints: Hints) -> bool:
    core = facts.cores[i]
    if not core or facts.tokens[i].isupper() or core in hints.starters or core in hints.small_words:
        return False
    return core in facts.cores[:i]
