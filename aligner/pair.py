"""Pair stage: all variants → episodes.

Variants belong together when they share an explicit ``episode_id``; else the same normalized
title; else the same chapter-timestamp signature (within tolerance) backed by entity-name
overlap and duration — the Yann LeCun episode has a Spanish title on one page and a Japanese
title on the other and still pairs; so does a card cut off at its end, whose chapters are the
start of the other's. Variants from the same page never merge on a signature.
Single-variant episodes are kept (and reported), never dropped.

Grouping looks at every variant of the run, so a run with a cache (``--cache``) stores the
groups under a digest of everything grouping reads of each variant (``grouping_key``: id,
title, page path, position and locale, chapter timestamps, entity names, duration): a re-run
where only texts changed finds the same groups without comparing signatures again.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.align import estimate_offset
from aligner.cache import RunCache, code_fingerprint, digest
from aligner.episodeids import episode_slug
from aligner.model import Episode, Variant
from aligner.names import normalize_name
from aligner.pairindex import candidate_pairs
from aligner.pairshift import shifted_candidates
from aligner.reference import choose_reference
from aligner.titlesplit import split_reused_title

SIGNATURE_MIN_CHAPTERS = 3
MERGE_THRESHOLD = 0.6
TRUNCATED_MIN_CHAPTERS = 5  # a signature this long whose every chapter matches, and the duration: one episode
# A card that lost its entity list is as likely a damaged translation as any other: its entity
# evidence counts as unknown (0.5) rather than against it once this share of its chapters match.
# A translation that also lost three chapters of thirteen had paired with nothing and passed the
# gate unchecked; below this share (two of three chapters) chance agreement is too likely.
NO_ENTITIES_MIN_MATCH = 0.75
MAX_SHIFTED_CANDIDATES = 4  # groups a lone variant may pair with on a shift before it is ambiguous


def normalize_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def timestamp_similarity(a: Sequence[int], b: Sequence[int], tolerance: int) -> float:
    """Share of chapters whose timestamps match within tolerance (monotone, two pointers)."""
    if not a or not b:
        return 0.0
    return _sorted_similarity(sorted(a), sorted(b), tolerance)


def _sorted_similarity(xs: Sequence[int], ys: Sequence[int], tolerance: int) -> float:
    i = j = matched = 0
    nx, ny = len(xs), len(ys)
    while i < nx and j < ny:
        x, y = xs[i], ys[j]
        if abs(x - y) <= tolerance:
            matched += 1
            i += 1
            j += 1
        elif x < y:
            i += 1
        else:
            j += 1
    return matched / max(nx, ny)


def entity_overlap(a: Variant, b: Variant) -> float:
    return _overlap(_entity_names(a), _entity_names(b))


def _entity_names(variant: Variant) -> frozenset[str]:
    return frozenset(normalize_name(e.name) for e in variant.entities or ())


def _overlap(names_a: frozenset[str], names_b: frozenset[str]) -> float:
    if not names_a or not names_b:
        return 0.0
    return len(names_a & names_b) / min(len(names_a), len(names_b))


@dataclass(frozen=True, slots=True)
class _Signature:
    """What ``signature_score`` reads of a variant, prepared once per variant."""

    timestamps: tuple[int, ...]  # sorted
    names: frozenset[str]  # normalized entity names
    duration: int | None

    @classmethod
    def of(cls, variant: Variant) -> _Signature:
        return cls(tuple(sorted(c.ts for c in variant.chapters)), _entity_names(variant), variant.duration)


def signature_score(a: Variant, b: Variant, tolerance: int) -> float:
    """0..1 evidence that two differently titled variants are the same episode."""
    return _signature_score(_Signature.of(a), _Signature.of(b), tolerance)


def _signature_score(a: _Signature, b: _Signature, tolerance: int) -> float:
    if min(len(a.timestamps), len(b.timestamps)) < SIGNATURE_MIN_CHAPTERS:
        return 0.0
    ts = _sorted_similarity(a.timestamps, b.timestamps, tolerance)
    if ts < 0.5:
        return 0.0
    ents = _overlap(a.names, b.names)
    if (not a.names or not b.names) and ts >= NO_ENTITIES_MIN_MATCH:
        ents = 0.5  # a card without an entity list gives no evidence either way, as no duration does
    duration = 0.5
    if a.duration is not None and b.duration is not None:
        duration = 1.0 if abs(a.duration - b.duration) <= 2 else 0.0
    if duration > 0.0 and _cut_short(a.timestamps, b.timestamps, tolerance):
        ts = 1.0  # a card cut off at the end of its page (its duration, when shown, agrees)
    return 0.6 * ts + 0.25 * ents + 0.15 * duration


def _cut_short(a: Sequence[int], b: Sequence[int], tolerance: int) -> bool:
    """Whether the shorter signature (of ``TRUNCATED_MIN_CHAPTERS`` at least) is the start of the
    longer, chapter for chapter: what a card that lost its end keeps. A truncated translation had
    paired with nothing, and was checked against nothing (no finding)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < TRUNCATED_MIN_CHAPTERS or len(shorter) == len(longer):
        return False
    return all(abs(x - y) <= tolerance for x, y in zip(shorter, longer, strict=False))


@dataclass
class _Group:
    variants: list[Variant]
    how: str

    @property
    def paths(self) -> set[str]:
        return {v.source_path for v in self.variants}


def pair_variants(
    variants: Sequence[Variant], source_lang: str, tolerance: int, cache: RunCache | None = None
) -> list[Episode]:
    """The episodes of ``variants`` (groups reused from ``cache`` when nothing they read changed)."""
    key = grouping_key(variants, tolerance) if cache is not None else ""
    plan = cache.get("pairing", key) if cache is not None else None
    if _covers(plan, len(variants)):
        groups = [_Group([variants[i] for i in members], how) for how, members in plan]
    else:
        groups = _merge_on_signature(_group_by_id_and_title(variants, tolerance), tolerance)
        if cache is not None:
            position = {id(variant): index for index, variant in enumerate(variants)}
            cache.put("pairing", key, [(g.how, [position[id(v)] for v in g.variants]) for g in groups])
    episodes = [_episode(g, source_lang) for g in groups]
    return _unique_ids(episodes)


def _covers(plan: object, count: int) -> bool:
    """Whether a cached plan is a list of (how, member indexes) placing each variant once."""
    if not isinstance(plan, list):
        return False
    try:
        members = sorted(i for _how, group in plan for i in group)
    except (TypeError, ValueError):
        return False
    return members == list(range(count))


def grouping_key(variants: Sequence[Variant], tolerance: int) -> str:
    """Digest of all that grouping reads of the variants, in order, and of the code."""
    features = "\n".join(
        repr(
            (
                v.source_path,
                v.position,
                v.page_locale,  # a shift never joins a variant to an episode of its own locale
                v.episode_id,
                v.title,
                [c.ts for c in v.chapters],
                None if v.entities is None else [e.name for e in v.entities],
                v.duration,
            )
        )
        for v in variants
    )
    return digest("pairing", code_fingerprint(), tolerance, features)


def _group_by_id_and_title(variants: Sequence[Variant], tolerance: int) -> list[_Group]:
    """Variants by episode id, else by title (a reused title split by timestamps:
    ``aligner.titlesplit``), else alone."""
    by_key: dict[str, _Group] = {}
    for variant in variants:
        if variant.episode_id:
            key, how = "id:" + variant.episode_id, "id"
        elif title := normalize_title(variant.title):
            key, how = "title:" + title, "title"
        else:
            key, how = "variant:" + variant.key, "single"
        by_key.setdefault(key, _Group([], how)).variants.append(variant)
    similar = functools.partial(_sorted_similarity, tolerance=tolerance)
    return [
        _Group(members, group.how)
        for group in by_key.values()
        for members in split_reused_title(
            group.variants, similar, SIGNATURE_MIN_CHAPTERS, group.how == "title"
        )
    ]


def _group_pairs(groups: list[_Group], tolerance: int) -> list[tuple[int, int]]:
    """Pairs of groups (i < j) that may merge on a signature: see ``aligner.pairindex``.

    Each distinct signature is indexed once, with the groups that have it. A page that repeats
    one card 2,000 times (one group) made 2 million candidate pairs of it with itself, 17 GB. A
    signature that groups of one locale share more than ``MAX_SHARED`` times is a template's
    (chapters every 200 s), not an episode's: it proposes no pair — 1,600 episodes with the same
    timestamps were 1.3 million candidates, 10 GB, and merged wrongly. Only the first
    ``MAX_INDEXED`` chapters of a signature are indexed (5,000 chapters were 12 million pairs of
    chapters); the candidates are still scored on whole signatures."""
    owners: dict[tuple[int, ...], set[int]] = {}
    for i, group in enumerate(groups):
        for variant in group.variants:
            owners.setdefault(tuple(sorted(c.ts for c in variant.chapters)), set()).add(i)
    signatures = [signature for signature, have in owners.items() if not _crowded(have, groups)]
    found: set[tuple[int, int]] = set()
    for signature in signatures:  # groups that share a signature are candidates of each other
        found.update(itertools.combinations(sorted(owners[signature]), 2))
    indexed = [list(signature[:MAX_INDEXED]) for signature in signatures]
    for a, b in candidate_pairs(indexed, tolerance, SIGNATURE_MIN_CHAPTERS):
        found.update(
            (min(x, y), max(x, y)) for x in owners[signatures[a]] for y in owners[signatures[b]] if x != y
        )
    return sorted(found)


MAX_SHARED = 2  # groups of one locale sharing a signature: more are a template's timestamps
MAX_INDEXED = 256  # chapters of a signature the candidate index reads


def _crowded(have: set[int], groups: list[_Group]) -> bool:
    """Whether more than ``MAX_SHARED`` groups of one page locale share a signature."""
    if len(have) <= MAX_SHARED:
        return False
    per_locale = Counter(locale for i in have for locale in {v.page_locale for v in groups[i].variants})
    return max(per_locale.values()) > MAX_SHARED


def _merge_on_signature(groups: list[_Group], tolerance: int) -> list[_Group]:
    """Groups merged on their chapter signatures; then each variant still alone merged where a
    constant offset of its timestamps explains another's (``aligner.pairshift``)."""
    merged = _merge(groups, _signature_candidates(groups, tolerance))
    shifted = _shifted_candidates(merged, tolerance)
    return _merge(merged, shifted, one_per_locale=True) if shifted else merged


def _signature_candidates(groups: list[_Group], tolerance: int) -> list[tuple[float, int, int]]:
    """(-score, i, j) of the group pairs whose best signature score reaches ``MERGE_THRESHOLD``."""
    candidates: list[tuple[float, int, int]] = []
    signatures: dict[int, list[_Signature]] = {}  # group index → its variants' signatures
    paths = [g.paths for g in groups]
    for i, j in _group_pairs(groups, tolerance):
        if groups[i].how == "id" and groups[j].how == "id":
            continue
        if paths[i] & paths[j]:
            continue
        for k in (i, j):
            if k not in signatures:
                signatures[k] = [_Signature.of(v) for v in groups[k].variants]
        best = max(_signature_score(a, b, tolerance) for a in signatures[i] for b in signatures[j])
        if best >= MERGE_THRESHOLD:
            candidates.append((-best, i, j))
    return candidates


def _shifted_candidates(groups: list[_Group], tolerance: int) -> list[tuple[float, int, int]]:
    """(-score, i, j) of the pairs of a lone variant's group with the one group it pairs with once
    its timestamps are shifted by a constant offset (``_shift_partner``). A group that two lone
    variants of one locale choose pairs with neither: a shift is the weakest evidence of all, so
    it must point to one episode both ways."""
    choices = _shift_choices(groups, tolerance)
    claims = Counter((other, groups[lone].variants[0].page_locale) for lone, (other, _s) in choices.items())
    best: dict[tuple[int, int], float] = {}
    for lone, (other, score) in choices.items():
        if claims[other, groups[lone].variants[0].page_locale] == 1:
            pair = (min(lone, other), max(lone, other))
            best[pair] = max(score, best.get(pair, 0.0))
    return [(-score, i, j) for (i, j), score in sorted(best.items())]


def _shift_choices(groups: list[_Group], tolerance: int) -> dict[int, tuple[int, float]]:
    """Lone group → (the one group its variant pairs with on a shift, the score), for each group of
    one variant with a signature (``aligner.pairshift`` proposes the candidates)."""
    owners = [i for i, g in enumerate(groups) for _v in g.variants]
    variants = [v for g in groups for v in g.variants]
    probes = [
        k
        for k, variant in enumerate(variants)
        if len(groups[owners[k]].variants) == 1
        and len({c.ts for c in variant.chapters}) >= SIGNATURE_MIN_CHAPTERS
    ]
    proposed: dict[int, list[int]] = defaultdict(list)  # probe → candidate variants
    for probe, other in shifted_candidates([[c.ts for c in v.chapters] for v in variants], probes, tolerance):
        proposed[probe].append(other)
    choices: dict[int, tuple[int, float]] = {}
    for probe, others in proposed.items():
        lone = groups[owners[probe]]
        candidates = [(owners[k], variants[k]) for k in others if _may_join(lone, groups[owners[k]])]
        partner = _shift_partner(variants[probe], candidates, tolerance)
        if partner is not None:
            choices[owners[probe]] = partner
    return choices


def _may_join(lone: _Group, group: _Group) -> bool:
    """Whether a lone variant's group may merge with ``group`` on a shift: another group, not both
    with explicit ids, no page in common, no variant of the lone variant's locale in it."""
    locale = lone.variants[0].page_locale
    return (
        group is not lone
        and not (lone.how == "id" and group.how == "id")
        and not lone.paths & group.paths
        and all(v.page_locale != locale for v in group.variants)
    )


def _shift_partner(
    lone: Variant, candidates: Sequence[tuple[int, Variant]], tolerance: int
) -> tuple[int, float] | None:
    """(group, score) of the one candidate group whose variants ``lone`` pairs with on a shift;
    None when none does, several do, or more than ``MAX_SHIFTED_CANDIDATES`` groups are proposed."""
    if len({group for group, _v in candidates}) > MAX_SHIFTED_CANDIDATES:
        return None
    found: dict[int, float] = {}
    for group, variant in candidates:
        score = _shifted_score(lone, variant, tolerance)
        if score >= MERGE_THRESHOLD:
            found[group] = max(score, found.get(group, 0.0))
    return next(iter(found.items())) if len(found) == 1 else None


def _shifted_score(lone: Variant, other: Variant, tolerance: int) -> float:
    """``_signature_score`` of ``lone`` shifted by the offset that explains most of its chapters
    exactly against ``other`` (``aligner.align.estimate_offset``); 0 without such an offset (an
    unshifted pair was scored already)."""
    a, b = _Signature.of(lone), _Signature.of(other)
    offset = estimate_offset(b.timestamps, a.timestamps, tolerance)
    if offset == 0:
        return 0.0
    shifted = _Signature(tuple(t - offset for t in a.timestamps), a.names, a.duration)
    return _signature_score(shifted, b, tolerance)


def _locales(group: _Group) -> set[object]:
    return {("locale", v.page_locale) for v in group.variants}  # tuples: never equal to a page path


def _merge(
    groups: list[_Group], candidates: list[tuple[float, int, int]], one_per_locale: bool = False
) -> list[_Group]:
    """``groups`` merged along ``candidates`` (-score, i, j), best first, never two groups that
    share a page (nor, with ``one_per_locale``, a page locale)."""
    # what two merged groups may not share: a page, and with ``one_per_locale`` a page locale
    paths: list[set[object]] = [{*g.paths, *(_locales(g) if one_per_locale else ())} for g in groups]
    parent = list(range(len(groups)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[int, set[object]] = {i: set(p) for i, p in enumerate(paths)}
    for _score, i, j in sorted(candidates):
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
    by_root: dict[int, list[int]] = defaultdict(list)
    for index in range(len(groups)):
        by_root[find(index)].append(index)
    result = []
    for indexes in by_root.values():
        variants = sorted(
            (v for k in indexes for v in groups[k].variants), key=lambda v: (v.source_path, v.position)
        )
        how = groups[indexes[0]].how if len(indexes) == 1 else "signature"
        result.append(_Group(variants, "single" if len(variants) == 1 else how))
    return result


def _episode(group: _Group, source_lang: str) -> Episode:
    reference = choose_reference(group.variants, source_lang)
    explicit = next((v.episode_id for v in group.variants if v.episode_id), None)
    return Episode(
        episode_id=explicit or episode_slug(group.variants, source_lang),
        variants=tuple(group.variants),
        reference=reference,
        ref_lang=reference.lang,
        pairing=group.how,
    )


def _unique_ids(episodes: list[Episode]) -> list[Episode]:
    episodes.sort(key=lambda e: (e.episode_id, e.reference.source_path, e.reference.position))
    seen: dict[str, int] = {}
    result = []
    for episode in episodes:
        count = seen.get(episode.episode_id, 0) + 1
        seen[episode.episode_id] = count
        if count > 1:
            episode = Episode(
                f"{episode.episode_id}-{count}",
                episode.variants,
                episode.reference,
                episode.ref_lang,
                episode.pairing,
            )
        result.append(episode)
    return result
