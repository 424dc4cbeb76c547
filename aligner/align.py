"""Align stage: an episode's reference against each other variant.

Chapters are aligned monotonically on timestamps. First a variant-wide constant offset is
estimated (so a whole variant shifted by 3 s is *one* drift, not eleven); then chapters match
when their timestamps agree within the tolerance after that offset; finally, when exactly one
reference chapter and one variant chapter are left between the same matched neighbours, they are
paired as ``shifted`` (the same chapter with a wrong timestamp) rather than reported as one
missing plus one extra. Variant chapters are aligned in timestamp order; out-of-order chapters
are the job of C104, not of the aligner.

Entities match by normalized name, then the glossary (both names in one row), then fuzzy
spelling (``Project Mario`` ~ ``Proyecto Mario``), then transliteration across scripts
(``Yann LeCun`` ~ ``ヤン・ルカン``, see ``aligner.translit``), then structure: same canonical type
sharing description anchors anywhere in the lists (numbers, acronyms and capitalized Latin words:
``2018``, ``JEPA``, ``AMI Labs``), or between the same matched neighbours, alone or in the same place.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from aligner import langdata, translit
from aligner.glossary import Glossary
from aligner.model import Alignment, Chapter, ChapterPair, Entity, EntityPair, Episode, Variant
from aligner.names import normalize_name, script_class

MAX_OFFSET_CANDIDATES = 24
FUZZY_NAME_MIN = 90.0
FUZZY_SOUND_MIN = 0.85  # same script, same type: phonetic similarity that is a spelling variant
TRANSLITERATION_MIN = 0.8  # across scripts, same type
ANCHOR_MIN = 0.34  # description-anchor Jaccard that pairs entities outside their place
_ANCHOR = re.compile(r"\d{2,}|[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*|[A-Z][a-z]{2,}")

# Type labels and names recur in every alignment of a catalog: memoize the pure string functions
# (keyed on strings, never on model objects, whose hash walks all their fields).
_canonical_type = functools.lru_cache(maxsize=4096)(langdata.canonical_type)


@functools.lru_cache(maxsize=4096)
def _types_agree(a: str, b: str) -> bool:
    """Whether entities labelled ``a`` and ``b`` may be paired: ``langdata.types_agree``."""
    return langdata.types_agree(_canonical_type(a), _canonical_type(b))


_script_class = functools.lru_cache(maxsize=1 << 15)(script_class)


def align_episode(episode: Episode, tolerance: int, glossary: Glossary | None = None) -> list[Alignment]:
    return [align_variant(episode.reference, v, tolerance, glossary) for v in episode.others]


def align_variant(
    reference: Variant, variant: Variant, tolerance: int, glossary: Glossary | None = None
) -> Alignment:
    ref = _without_repeats(sorted(reference.chapters, key=lambda c: c.ts))
    var = sorted(variant.chapters, key=lambda c: c.ts)
    offset = estimate_offset([c.ts for c in ref], [c.ts for c in var], tolerance)
    pairs = align_chapters(ref, var, tolerance, offset)
    entities = align_entities(_distinct_entities(reference.entities or ()), variant.entities or (), glossary)
    return Alignment(variant=variant, chapters=tuple(pairs), entities=tuple(entities), offset=offset)


def _without_repeats(chapters: Sequence[Chapter]) -> list[Chapter]:
    """Sorted reference chapters without a repeat of the one before it — same time, same text, as
    a scraper that writes a chapter twice leaves it (S009 on the reference): each variant had
    "lacked" the repeat (C101). Two different chapters at one time are both kept."""
    kept: list[Chapter] = []
    for chapter in chapters:
        if (
            kept
            and chapter.ts == kept[-1].ts
            and chapter.found == kept[-1].found
            and chapter.quotes == kept[-1].quotes
        ):
            continue
        kept.append(chapter)
    return kept


def _distinct_entities(entities: Sequence[Entity]) -> list[Entity]:
    """The reference's entities without a repeat (same name, type and description), as a scraper
    that writes the list twice leaves it: each variant had "lacked" every entity of the repeat
    (E301)."""
    seen: set[tuple[str, str, str]] = set()
    kept: list[Entity] = []
    for entity in entities:
        key = (entity.name, entity.type, entity.description)
        if key not in seen:
            seen.add(key)
            kept.append(entity)
    return kept


def _count_matches(ref: Sequence[int], var: Sequence[int], tolerance: int, offset: int) -> tuple[int, int]:
    """(matches within tolerance, exact matches) for a given offset, two pointers."""
    i = j = matched = exact = 0
    while i < len(ref) and j < len(var):
        delta = var[j] - offset - ref[i]
        if abs(delta) <= tolerance:
            matched += 1
            exact += delta == 0
            i += 1
            j += 1
        elif delta < 0:
            j += 1
        else:
            i += 1
    return matched, exact


def estimate_offset(ref: Sequence[int], var: Sequence[int], tolerance: int) -> int:
    """The constant shift that best explains the variant's timestamps (0 unless clearly better)."""
    if not ref or not var:
        return 0
    deltas: Counter[int] = Counter()
    ordered = sorted(var)
    for r in ref:
        nearest = _nearest(ordered, r) if len(var) < 2000 else r
        deltas[nearest - r] += 1
    candidates = [0] + [d for d, _ in deltas.most_common(MAX_OFFSET_CANDIDATES) if d != 0]
    best, best_key = 0, (-1, -1, 0)
    for offset in candidates:
        matched, exact = _count_matches(ref, var, tolerance, offset)
        key = (matched, exact, -abs(offset))
        if key > best_key:
            best, best_key = offset, key
    matched, exact = best_key[0], best_key[1]
    if best != 0 and exact < max(2, (matched + 1) // 2):
        return 0  # an offset must explain most chapters exactly, not just a couple
    return best


def _nearest(ordered: Sequence[int], target: int) -> int:
    """The value of sorted ``ordered`` closest to ``target``, the smaller one on a tie: what
    ``min(ordered, key=lambda v: (abs(v - target), v))`` returns, by bisection."""
    k = bisect.bisect_left(ordered, target)
    if k == 0:
        return ordered[0]
    if k == len(ordered):
        return ordered[-1]
    below, above = ordered[k - 1], ordered[k]
    return below if target - below <= above - target else above


def align_chapters(
    ref: Sequence[Chapter], var: Sequence[Chapter], tolerance: int, offset: int = 0
) -> list[ChapterPair]:
    pairs: list[ChapterPair] = []
    i = j = 0
    while i < len(ref) or j < len(var):
        if i == len(ref):
            pairs.append(ChapterPair(None, var[j], "extra", offset))
            j += 1
            continue
        if j == len(var):
            pairs.append(ChapterPair(ref[i], None, "missing", offset))
            i += 1
            continue
        delta = var[j].ts - offset - ref[i].ts
        if abs(delta) <= tolerance:
            # a later variant chapter may fit this reference chapter better (duplicates, drift)
            if j + 1 < len(var) and abs(var[j + 1].ts - offset - ref[i].ts) < abs(delta):
                nxt_ref = ref[i + 1].ts if i + 1 < len(ref) else None
                if nxt_ref is None or abs(var[j].ts - offset - nxt_ref) > tolerance:
                    pairs.append(ChapterPair(None, var[j], "extra", offset))
                    j += 1
                    continue
            pairs.append(ChapterPair(ref[i], var[j], "matched" if delta == 0 else "drift", offset))
            i += 1
            j += 1
        elif delta < 0:
            pairs.append(ChapterPair(None, var[j], "extra", offset))
            j += 1
        else:
            pairs.append(ChapterPair(ref[i], None, "missing", offset))
            i += 1
    return _pair_shifted(pairs, offset)


def _pair_shifted(pairs: list[ChapterPair], offset: int) -> list[ChapterPair]:
    """Between two matched pairs, one missing + one extra chapter is one shifted chapter.

    A variant chapter whose timestamp is duplicated (S009) is never taken for a shifted one.
    """
    seen = Counter(p.var.ts for p in pairs if p.var is not None)
    duplicated = {ts for ts, n in seen.items() if n > 1}
    result: list[ChapterPair] = []
    gap: list[ChapterPair] = []

    def flush() -> None:
        if not gap:
            return  # between two matched pairs: nothing to pair or sort
        missing = [p for p in gap if p.status == "missing"]
        extra = [p for p in gap if p.status == "extra" and p.var is not None and p.var.ts not in duplicated]
        if len(missing) == 1 and len(extra) == 1:
            result.append(ChapterPair(missing[0].ref, extra[0].var, "shifted", offset))
        else:
            result.extend(sorted(gap, key=lambda p: p.sort_ts))
        gap.clear()

    for pair in pairs:
        if pair.status in ("missing", "extra"):
            gap.append(pair)
        else:
            flush()
            result.append(pair)
    flush()
    return result


def align_entities(
    ref: Sequence[Entity], var: Sequence[Entity], glossary: Glossary | None = None
) -> list[EntityPair]:
    matched: dict[int, tuple[int, str]] = {}  # ref index -> (var index, method)
    used: set[int] = set()
    ref_keys = [normalize_name(e.name) for e in ref]
    var_keys = [normalize_name(e.name) for e in var]
    _match_by_name(ref_keys, var_keys, matched, used)
    tests: list[tuple[str, Callable[[int, int], bool]]] = []
    if glossary is not None:
        tests.append(("glossary", lambda i, j: glossary.same_term(ref[i].name, var[j].name)))
    tests.append(("fuzzy", lambda i, j: _spelling_variant(ref[i], var[j], ref_keys[i], var_keys[j])))
    for method, same in tests:
        for i, key in enumerate(ref_keys):
            if i in matched or len(used) == len(var_keys):
                continue
            for j, other in enumerate(var_keys):
                if j not in used and key and other and same(i, j):
                    matched[i] = (j, method)
                    used.add(j)
                    break
    _match_by_transliteration(ref, var, matched, used)
    _match_by_anchors(ref, var, matched, used)
    _match_by_structure(ref, var, matched, used)
    # last, names that sound alike across scripts under types that disagree: the same entity
    # retyped (E303), not one missing and one extra — `里德·霍夫曼（组织）` was "Reid Hoffman
    # missing" in zh, ko and ru, where Latin scripts said E303 (found by QA of the gate)
    _match_by_transliteration(ref, var, matched, used, retyped=True)
    pairs = []
    for i, entity in enumerate(ref):
        if i in matched:
            j, method = matched[i]
            other = var[j]
            pairs.append(
                EntityPair(
                    entity,
                    other,
                    method,
                    _canonical_type(entity.type),
                    _canonical_type(other.type),
                )
            )
        else:
            pairs.append(EntityPair(entity, None, "", _canonical_type(entity.type), ""))
    for j, entity in enumerate(var):
        if j not in used:
            pairs.append(EntityPair(None, entity, "", "", _canonical_type(entity.type)))
    return pairs


def _match_by_name(
    ref_keys: Sequence[str], var_keys: Sequence[str], matched: dict[int, tuple[int, str]], used: set[int]
) -> None:
    """The first pass: each reference entity, in order, takes the first still unused variant
    entity with the same non-empty normalized name — looked up by name instead of scanning
    all pairs (``matched`` and ``used`` are empty before it)."""
    free: dict[str, list[int]] = defaultdict(list)  # name -> unused variant indexes, descending
    for j in range(len(var_keys) - 1, -1, -1):
        if var_keys[j]:
            free[var_keys[j]].append(j)
    for i, key in enumerate(ref_keys):
        waiting = free.get(key) if key else None
        if waiting:
            j = waiting.pop()
            matched[i] = (j, "name")
            used.add(j)


def _match_by_structure(
    ref: Sequence[Entity], var: Sequence[Entity], matched: dict[int, tuple[int, str]], used: set[int]
) -> None:
    """Pair unmatched entities of the same canonical type that sit between the same matched
    neighbours (``World Model`` ↔ ``ワールドモデル``): a lone pair of a type matches outright;
    otherwise a pair matches when it keeps its place next to a neighbour (same offset from the
    left or from the right end of the gap), the closest transliteration winning ties."""
    anchors = sorted((i, j) for i, (j, _m) in matched.items())
    bounds = [(-1, -1), *anchors, (len(ref), len(var))]
    for (lo_i, lo_j), (hi_i, hi_j) in itertools.pairwise(bounds):
        if hi_j < lo_j:
            continue  # crossing matches: no well-defined gap
        ref_gap = [i for i in range(lo_i + 1, hi_i) if i not in matched]
        var_gap = [j for j in range(lo_j + 1, hi_j) if j not in used]
        candidates: list[tuple[float, int, int]] = []
        # the reference entities of the gap of each variant entity's type, counted once per gap:
        # counted for every pair, a gap of 400 concepts took 6.5 s (found by QA of catalog shapes)
        rivals = {j: sum(1 for k in ref_gap if _types_agree(ref[k].type, var[j].type)) for j in var_gap}
        for i in ref_gap:
            same_type = [j for j in var_gap if _types_agree(ref[i].type, var[j].type)]
            for j in same_type:
                lone = len(same_type) == 1 and rivals[j] == 1
                placed = (i - lo_i == j - lo_j) or (hi_i - i == hi_j - j)
                if lone or placed:
                    anchored = anchor_similarity(ref[i].description, var[j].description)
                    closeness = transliteration_similarity(ref[i].name, var[j].name) + 2.0 * anchored
                    candidates.append((-(2.0 * lone + placed + closeness), i, j))
        for _score, i, j in sorted(candidates):
            if i not in matched and j not in used:
                matched[i] = (j, "structure")
                used.add(j)


def transliteration_similarity(a: str, b: str) -> float:
    """0..1 similarity of two names after transliteration (``ワールドモデル`` ~ ``World Model``)."""
    return translit.similarity(a, b)


def _spelling_variant(a: Entity, b: Entity, key_a: str, key_b: str) -> bool:
    if fuzz.ratio(key_a, key_b) >= FUZZY_NAME_MIN:
        return True
    return (
        _script_class(a.name) == _script_class(b.name)
        and _types_agree(a.type, b.type)
        and translit.sound_ratio(a.name, b.name) >= FUZZY_SOUND_MIN
    )


def _match_by_transliteration(
    ref: Sequence[Entity],
    var: Sequence[Entity],
    matched: dict[int, tuple[int, str]],
    used: set[int],
    retyped: bool = False,
) -> None:
    """Pair unmatched entities of the same type written in different scripts whose names sound
    alike, best pair first (``Geoffrey Hinton`` ↔ ``ジェフリー・ヒントン``); with ``retyped``, of
    types that disagree."""
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(ref):
        if i in matched:
            continue
        for j, b in enumerate(var):
            if j in used or _script_class(a.name) == _script_class(b.name):
                continue
            if _types_agree(a.type, b.type) == retyped:
                continue
            score = translit.similarity(a.name, b.name)
            if score >= TRANSLITERATION_MIN:
                candidates.append((-score, i, j))
    for _score, i, j in sorted(candidates):
        if i not in matched and j not in used:
            matched[i] = (j, "transliteration")
            used.add(j)


def _match_by_anchors(
    ref: Sequence[Entity], var: Sequence[Entity], matched: dict[int, tuple[int, str]], used: set[int]
) -> None:
    """Pair unmatched entities of the same type whose descriptions share landmarks, wherever they
    sit in the lists (a moved ``Reinforcement Learning`` ↔ ``強化学習``: ``AlphaGo``, ``RL``, …)."""
    candidates: list[tuple[float, int, int]] = []
    # the unmatched ones only: a pass over every pair cost 10 s for a list of 6,400 names that all
    # matched by name (found by QA of catalog shapes)
    open_var = [(j, b) for j, b in enumerate(var) if j not in used]
    for i, a in enumerate(ref):
        if i in matched:
            continue
        for j, b in open_var:
            if not _types_agree(a.type, b.type):
                continue
            score = anchor_similarity(a.description, b.description)
            if score >= ANCHOR_MIN:
                candidates.append((-score, i, j))
    for _score, i, j in sorted(candidates):
        if i not in matched and j not in used:
            matched[i] = (j, "structure")
            used.add(j)


@functools.lru_cache(maxsize=1 << 14)  # a description is compared with every candidate of its type
def description_anchors(text: str) -> frozenset[str]:
    """Script-independent landmarks of a description: numbers, acronyms, capitalized Latin words."""
    return frozenset(token.casefold() for token in _ANCHOR.findall(text))


def anchor_similarity(a: str, b: str) -> float:
    """Jaccard similarity of two descriptions' anchors; 0 unless they share at least two."""
    anchors_a, anchors_b = description_anchors(a), description_anchors(b)
    shared = len(anchors_a & anchors_b)
    return shared / len(anchors_a | anchors_b) if shared >= 2 else 0.0
