"""Alignments reused between runs (``--cache``): an episode whose variants did not change is not
aligned again, and its length-model samples are not measured again.

An episode's alignments read its variants' chapters and entities, the tolerance, the glossary
and the code; its key is made of what stands for all of them — the variants' keys and digests
(``aligner.execution.variant_digest``), the reference, the tolerance, the glossary and the
code. What is stored is a *plan*: for each alignment, which chapter and entity (by index into
the variants' own tuples) pairs with which, how, and the alignment's length-model samples
(``aligner.lengthmodel.alignment_samples``).
Rebuilding an alignment from its plan gives the very objects aligning would, pairing the same
chapter and entity objects of the run's variants.

The plans of a run are kept in one cache entry per setting of tolerance and glossary (one read
and one write per run instead of one per episode); it holds the current run's episodes only, so
it does not grow with the history of the catalog. A stale or damaged plan is a miss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aligner.cache import RunCache, code_fingerprint, digest
from aligner.execution import variant_identities
from aligner.glossary import Glossary
from aligner.lengthmodel import alignment_samples
from aligner.model import Alignment, Chapter, ChapterPair, Entity, EntityPair, Episode, Variant
from aligner.pickling import maker

KIND = "alignments"
_NONE = -1  # index of a missing side

ChapterStep = tuple[int, int, str, int]  # reference index, variant index, status, offset
EntityStep = tuple[int, int, str, str, str]  # reference index, variant index, method, types
Plan = tuple[tuple[ChapterStep, ...], tuple[EntityStep, ...], int, tuple[float, ...]]


class AlignmentStore:
    """The alignment plans of the cache for one tolerance and glossary: ``get`` and ``put`` by
    episode, ``save`` once at the end of the run. Without a cache it stores nothing."""

    def __init__(
        self, cache: RunCache | None, tolerance: int, glossary: Glossary | None, digests: Mapping[str, str]
    ) -> None:
        """``digests``: variant key → its digest (``aligner.execution.variant_digests``)."""
        self.cache = cache
        self.digests = digests
        self.setting = digest(KIND, code_fingerprint(), tolerance, glossary) if cache is not None else ""
        found = cache.get(KIND, self.setting) if cache is not None else None
        self.stored: dict[str, tuple[Plan, ...]] = found if isinstance(found, dict) else {}
        self.current: dict[str, tuple[Plan, ...]] = {}
        self.samples: dict[str, tuple[float, ...]] = {}  # variant key → its alignment's samples

    def key(self, episode: Episode) -> str:
        """The episode's key: its variants (key, digest), reference and settings."""
        if self.cache is None:
            return ""
        return digest(self.setting, episode.reference.key, variant_identities(episode, self.digests))

    def get(self, key: str, episode: Episode) -> list[Alignment] | None:
        plans = self.stored.get(key) if key else None
        if plans is None or len(plans) != len(episode.others):
            return None
        try:
            alignments = [
                rebuild(episode.reference, v, plan) for v, plan in zip(episode.others, plans, strict=True)
            ]
        except (KeyError, TypeError, ValueError):
            return None  # a plan that does not fit these variants: align again
        self._keep(key, episode, plans)
        return alignments

    def put(self, key: str, episode: Episode, alignments: Sequence[Alignment]) -> None:
        if self.cache is not None:
            self._keep(key, episode, tuple(plan_of(episode.reference, alignment) for alignment in alignments))

    def _keep(self, key: str, episode: Episode, plans: tuple[Plan, ...]) -> None:
        self.current[key] = plans
        for variant, plan in zip(episode.others, plans, strict=True):
            self.samples[variant.key] = plan[3]

    def save(self) -> None:
        """Store this run's plans (when they differ from the stored ones)."""
        if self.cache is not None and self.current != self.stored:
            self.cache.put(KIND, self.setting, self.current)


def plan_of(reference: Variant, alignment: Alignment) -> Plan:
    """An alignment as indexes into the reference's and the variant's chapters and entities."""
    variant = alignment.variant
    ref_chapters, var_chapters = _positions(reference.chapters), _positions(variant.chapters)
    ref_entities, var_entities = _positions(reference.entities or ()), _positions(variant.entities or ())
    chapters = tuple(
        (_index(ref_chapters, p.ref), _index(var_chapters, p.var), p.status, p.offset)
        for p in alignment.chapters
    )
    entities = tuple(
        (_index(ref_entities, p.ref), _index(var_entities, p.var), p.method, p.ref_type, p.var_type)
        for p in alignment.entities
    )
    return chapters, entities, alignment.offset, tuple(alignment_samples(alignment))


def rebuild(reference: Variant, variant: Variant, plan: Plan) -> Alignment:
    """The alignment a plan describes, made of the given variants' own chapters and entities
    (KeyError: an index the variants do not have)."""
    chapter_steps, entity_steps, offset, _samples = plan
    ref_chapters, var_chapters = _by_index(reference.chapters), _by_index(variant.chapters)
    ref_entities, var_entities = _by_index(reference.entities or ()), _by_index(variant.entities or ())
    chapters = tuple(
        [
            _CHAPTER_PAIR(ref_chapters[r], var_chapters[v], status, shift)
            for r, v, status, shift in chapter_steps
        ]
    )
    entities = tuple(
        [
            _ENTITY_PAIR(ref_entities[r], var_entities[v], method, ref_type, var_type)
            for r, v, method, ref_type, var_type in entity_steps
        ]
    )
    return _ALIGNMENT(variant, chapters, entities, offset)


# A cached re-run rebuilds every alignment of the run (10,000 variants: ≈ 170,000 pairs): made as
# unpickling makes them, and each side looked up in a dict from index (``_NONE``: None) to item.
_CHAPTER_PAIR, _ENTITY_PAIR, _ALIGNMENT = maker(ChapterPair), maker(EntityPair), maker(Alignment)


def _by_index(items: Sequence[Any]) -> dict[int, Any]:
    by_index: dict[int, Any] = dict(enumerate(items))
    by_index[_NONE] = None
    return by_index


def _positions(items: Sequence[Any]) -> dict[int, int]:
    return {id(item): index for index, item in enumerate(items)}


def _index(positions: Mapping[int, int], item: Chapter | Entity | None) -> int:
    return _NONE if item is None else positions[id(item)]
