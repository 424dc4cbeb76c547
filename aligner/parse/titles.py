"""Split a flattened chapter heading (``Intro Jacob Effron sets up…``) into title and body.

Flattened pages lose the line break between a chapter's title and its body, so the split is a
best guess; the chapter keeps its raw text and is marked ``title_split="heuristic"``. Three cases:

* **CJK title** (the text starts with Han/kana/Hangul): the title ends at the first space that
  touches CJK text before the first full stop (``OpenAIは次のSun Microsystems プロプ…``).
* **Latin title, CJK body** (Chinese episodes with English titles): the title is the Latin run
  before the first CJK word, minus a trailing name that begins the body (``Intro Jacob 用…``).
  Names are the entity names of the episode and Latin words of its summary.
* **Latin title, Latin body**: every word boundary in the first 20 tokens is scored with cues a
  reader uses — ``?``/``!`` ending the title, a sentence starter (``The``, ``La``) or a known name
  beginning the body, the case pattern (Title Case in English, sentence case elsewhere), function
  words that cannot end a title — and the best boundary wins.
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
_ABBREVIATIONS = frozenset({"vs.", "dr.", "mr.", "mrs.", "st.", "jr.", "sr.", "etc.", "e.g.", "i.e.", "no."})


@dataclass(frozen=True, slots=True)
class Hints:
    """What the splitter knows about the episode: names and the language's word lists."""

    names: frozenset[str]  # casefolded single tokens of entity names and summary words
    full_names: tuple[tuple[str, ...], ...]  # multi-token entity names, casefolded
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
        names.update(_core(t) for t in re.findall(r"[A-Za-z][A-Za-z0-9/+\-.]*", summary))
    starters: set[str] = set()
    small: set[str] = set()
    for table in langdata.TABLES.values():
        if lang_guess in ("", "und") or table.code == lang_guess:
            starters |= table.sentence_starters
            small |= table.small_words
    return Hints(
        names=frozenset(n for n in names if n),
        full_names=tuple(sorted(set(full), key=len, reverse=True)),
        title_case=lang_guess == "en",
        starters=frozenset(starters),
        small_words=frozenset(small),
    )


@functools.lru_cache(maxsize=1 << 16)  # tokens repeat: each split looks at every boundary's neighbours
def _core(token: str) -> str:
    token = token.strip(_EDGE_PUNCT)
    for suffix in ("'s", "’s"):
        if token.endswith(suffix):
            token = token[: -len(suffix)]
    return token.casefold()


def split_title(text: str, hints: Hints) -> tuple[str, str]:
    """(title, body) for the text that follows ``## [ts]`` on a flattened page."""
    text = text.strip()
    tokens = text.split(" ")
    if len(tokens) < 2:
        return text, ""
    if _CJK.search(tokens[0]):
        index = _split_cjk_title(tokens)
    else:
        first_cjk = next((i for i, t in enumerate(tokens[:25]) if _CJK.search(t)), None)
        if first_cjk is not None and first_cjk > 0:
            index = _split_before_cjk(tokens, first_cjk, hints)
        else:
            index = _split_latin(tokens, hints)
    return " ".join(tokens[:index]).strip(), " ".join(tokens[index:]).strip()


def _split_cjk_title(tokens: list[str]) -> int:
    limit = len(tokens)
    for i, token in enumerate(tokens):
        if _SENTENCE_END.search(token):
            limit = i + 1
            break
    for i in range(1, min(limit, 12)):
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


def _is_cap(token: str) -> bool:
    core = token.lstrip("\"'“‘«*(¿¡")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _is_lower_word(token: str, hints: Hints) -> bool:
    core = token.lstrip("\"'“‘«*(¿¡")
    return bool(core) and core[0].islower() and _core(token) not in hints.small_words


def _split_latin(tokens: list[str], hints: Hints) -> int:
    best_index, best_score = 1, float("-inf")
    horizon = min(len(tokens), 20)
    first_lower = next((i for i in range(horizon) if _is_lower_word(tokens[i], hints)), horizon)
    inside_names = _inside_full_names(tokens[:horizon], hints)
    title_case_start = _last_cap_before(tokens, first_lower, hints)
    for i in range(1, horizon):
        prev, token = tokens[i - 1], tokens[i]
        if prev.endswith(".") and prev.casefold() not in _ABBREVIATIONS:
            break  # a title never holds a full sentence
        if not _is_cap(token):
            continue
        score = 0.0
        if prev.endswith(("?", "!")):
            score += 3.0
        if _starts_with_name(tokens, i, hints):
            score += 2.5
        if i in inside_names:
            score -= 4.0  # never split a known full name ("Jacob | Effron")
        if _is_repeat(tokens, i, hints):
            score += 2.0  # bodies often open with the title's subject ("… Meta Yann corrige")
        if _core(token) in hints.starters:
            score += 2.0
        if _is_lower_word(prev, hints):
            score += 1.5
        if _core(prev) in hints.small_words or prev in ("&", "-", "—", "–"):
            score -= 3.0
        if prev.endswith((",", ":", ";", "—")):
            score -= 2.0
        if hints.title_case:
            lower_in_title = sum(1 for t in tokens[:i] if _is_lower_word(t, hints))
            score -= 2.0 * lower_in_title
            if i == title_case_start:
                score += 2.0
            if i == 1 and _is_cap(tokens[2] if len(tokens) > 2 else ""):
                score -= 1.0  # a one-word title inside a run of capitalized words is unlikely
        if token.isupper() and len(_core(token)) > 1:
            score -= 1.0  # acronyms sit inside titles as often as they start sentences
        score -= 0.4 * max(0, i - 8)
        if score > best_score:
            best_index, best_score = i, score
    return best_index


def _last_cap_before(tokens: list[str], first_lower: int, hints: Hints) -> int:
    """Index where the body starts if titles are Title Case: the capitalized clause before the
    first lowercase word (``… Backfire Summer 2015, SpaceX headquarters`` → ``Summer``)."""
    i = first_lower - 1
    while i > 0 and not _is_cap(tokens[i]):
        i -= 1
    for name in hints.full_names:  # "Intro Jacob Effron sets" → the body starts at "Jacob"
        n = len(name)
        if i - n + 1 >= 1 and tuple(_core(t) for t in tokens[i - n + 1 : i + 1]) == name:
            return i - n + 1
    # walk back over numbers and a trailing-comma clause: "Summer 2015," → "Summer"
    j = i
    while j > 1 and (tokens[j - 1].endswith(",") or tokens[j - 1][:1].isdigit() or tokens[j][:1].isdigit()):
        j -= 1
        if _is_cap(tokens[j]) and not tokens[j][:1].isdigit():
            return j
    return i


def _starts_with_name(tokens: list[str], i: int, hints: Hints) -> bool:
    for name in hints.full_names:
        if tuple(_core(t) for t in tokens[i : i + len(name)]) == name:
            return True
    return _core(tokens[i]) in hints.names


def _inside_full_names(tokens: list[str], hints: Hints) -> set[int]:
    """Split positions that would cut a known multi-word name in two."""
    cores = [_core(t) for t in tokens]
    inside: set[int] = set()
    for name in hints.full_names:
        n = len(name)
        for start in range(len(cores) - n + 1):
            if tuple(cores[start : start + n]) == name:
                inside.update(range(start + 1, start + n))
    return inside


def _is_repeat(tokens: list[str], i: int, hints: Hints) -> bool:
    core = _core(tokens[i])
    if not core or tokens[i].isupper() or core in hints.starters or core in hints.small_words:
        return False
    return any(_core(t) == core for t in tokens[:i])
