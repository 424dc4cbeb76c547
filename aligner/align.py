"""Align stage: an episode's reference against each other variant.

Chapters are aligned monotonically on timestamps. First a variant-wide constant offset is
estimated (so a whole variant shifted by 3 s is *one* drift, not eleven); then chapters match
when their timestamps agree within the tolerance after that offset; finally, when exactly one
reference chapter and one variant chapter are left between the same matched neighbours, they are
paired as ``shifted`` (the same chapter with a wrong timestamp) rather than reported as one
missing plus one extra. Variant chapters are aligned in timestamp order; out-of-order chapters
are the job of C104, not of the aligner.

Entities match by normalized name, then fuzzy name, then structure (same canonical type, alone
between the same matched neighbours).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from anyascii import anyascii
from rapidfuzz import fuzz

from aligner import langdata
from aligner.model import Alignment, Chapter, ChapterPair, Entity, EntityPair, Episode, Variant
from aligner.names import normalize_name

MAX_OFFSET_CANDIDATES = 24
FUZZY_NAME_MIN = 90.0


def align_episode(episode: Episode, tolerance: int) -> list[Alignment]:
    return [align_variant(episode.reference, v, tolerance) for v in episode.others]


def align_variant(reference: Variant, variant: Variant, tolerance: int) -> Alignment:
    ref = sorted(reference.chapters, key=lambda c: c.ts)
    var = sorted(variant.chapters, key=lambda c: c.ts)
    offset = estimate_offset([c.ts for c in ref], [c.ts for c in var], tolerance)
    pairs = align_chapters(ref, var, tolerance, offset)
    entities = align_entities(reference.entities or (), variant.entities or ())
    return Alignment(variant=variant, chapters=tuple(pairs), entities=tuple(entities), offset=offset)


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
    for r in ref:
        nearest = min(var, key=lambda v: (abs(v - r), v)) if len(var) < 2000 else r
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


def align_entities(ref: Sequence[Entity], var: Sequence[Entity]) -> list[EntityPair]:
    matched: dict[int, tuple[int, str]] = {}  # ref index -> (var index, method)
    used: set[int] = set()
    ref_keys = [normalize_name(e.name) for e in ref]
    var_keys = [normalize_name(e.name) for e in var]
    for method, same in (
        ("name", lambda a, b: a == b),
        ("fuzzy", lambda a, b: fuzz.ratio(a, b) >= FUZZY_NAME_MIN),
    ):
        for i, key in enumerate(ref_keys):
            if i in matched:
                continue
            for j, other in enumerate(var_keys):
                if j not in used and key and other and same(key, other):
                    matched[i] = (j, method)
                    used.add(j)
                    break
    _match_by_structure(ref, var, matched, used)
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
                    langdata.canonical_type(entity.type),
                    langdata.canonical_type(other.type),
                )
            )
        else:
            pairs.append(EntityPair(entity, None, "", langdata.canonical_type(entity.type), ""))
    for j, entity in enumerate(var):
        if j not in used:
            pairs.append(EntityPair(None, entity, "", "", langdata.canonical_type(entity.type)))
    return pairs


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
        for i in ref_gap:
            kind = langdata.canonical_type(ref[i].type)
            same_type = [j for j in var_gap if langdata.canonical_type(var[j].type) == kind]
            same_type_ref = [k for k in ref_gap if langdata.canonical_type(ref[k].type) == kind]
            for j in same_type:
                lone = len(same_type) == 1 and len(same_type_ref) == 1
                placed = (i - lo_i == j - lo_j) or (hi_i - i == hi_j - j)
                if lone or placed:
                    candidates.append(
                        (-(2.0 * lone + placed + transliteration_similarity(ref[i].name, var[j].name)), i, j)
                    )
        for _score, i, j in sorted(candidates):
            if i not in matched and j not in used:
                matched[i] = (j, "structure")
                used.add(j)


def transliteration_similarity(a: str, b: str) -> float:
    """0..1 similarity of two names after transliteration to ASCII (``ワールドモデル`` ~ ``World Model``)."""
    key_a = re.sub(r"[^a-z0-9]", "", anyascii(a).lower())
    key_b = re.sub(r"[^a-z0-9]", "", anyascii(b).lower())
    if not key_a or not key_b:
        return 0.0
    return fuzz.ratio(key_a, key_b) / 100.0
