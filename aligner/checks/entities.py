"""E3xx — entity lists: missing, extra, retyped, section missing, renamed."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from rapidfuzz import fuzz

from aligner import langdata
from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.langdata import CANONICAL_TYPES, canonical_type, types_agree
from aligner.mentions import MentionIndex
from aligner.model import Finding, Severity
from aligner.names import normalize_name, script_class

ALIKE_MIN = 80.0  # E305: spelling similarity (0-100) of names that are the same name

# Every entity of every variant asks for its canonical type: the few labels are memoized.
_canonical_type = functools.lru_cache(maxsize=4096)(canonical_type)


@register
class MissingEntity(Check):
    code = "E301"
    name = "missing-entity"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a reference entity with no counterpart in the variant's entity list.",
        why="The entity list is how readers find people and concepts; a dropped entry is lost information.",
        example="The reference lists `**Reid Hoffman** (Person)`; the variant's list does not.",
        instead="Add the entity (localizing its name and type label if the locale does so).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            if alignment.variant.entities is None:
                continue  # E304 reports the whole section
            for pair in alignment.entities:
                if pair.ref is not None and pair.var is None:
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Entity `{pair.ref.name}` missing in `{alignment.variant.lang}`",
                        f"{pair.ref.name} ({pair.ref.type})",
                    )


@register
class ExtraEntity(Check):
    code = "E302"
    name = "extra-entity"
    severity = Severity.WARNING
    mqm = "Accuracy/Addition"
    docs = Docs(
        what="Reports a variant entity with no counterpart in the reference list (none when the reference "
        "has no entity list at all).",
        why="Either an addition, or a renamed entity the matcher could not link (check its spelling).",
        example="The variant lists `**Jeff Dean** (Person)` and the reference does not.",
        instead="Remove it, or use the reference's name (or the glossary's approved rendering).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        if ctx.episode.reference.entities is None:
            return  # no list to compare with: the reference's parse notes say why, not each entity
        for alignment in ctx.aligned():
            for pair in alignment.entities:
                if pair.var is not None and pair.ref is None:
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Entity `{pair.var.name}` in `{alignment.variant.lang}` is not in the reference",
                        f"{pair.var.name} ({pair.var.type})",
                    )


@register
class EntityTypeMismatch(Check):
    code = "E303"
    name = "entity-type-mismatch"
    severity = Severity.WARNING
    mqm = "Accuracy/Mistranslation"
    docs = Docs(
        what="Reports matched entities whose types differ after localized type labels are mapped "
        "to canonical types (`Persona` = `人物` = `Person`). A label no language table knows (`บุคคล` "
        "on the page of a language without one) tells no type: it is no mismatch, and it does not keep "
        "its entity from being paired.",
        why="A person listed as an organization (or similar) is a translation or data error.",
        example="Reference `**DeepMind** (Organization)`, variant `**DeepMind** (Persona)`.",
        instead="Use the localized label of the reference's type.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.entities:
                if pair.ref is None or pair.var is None:
                    continue
                if not types_agree(pair.ref_type, pair.var_type):
                    yield self.finding(
                        ctx,
                        alignment.variant,
                        f"Entity `{pair.ref.name}` is {pair.ref_type} in the reference but "
                        f"{pair.var_type} in `{alignment.variant.lang}`",
                        f"{pair.ref.type} → {pair.var.type}",
                    )


@register
class EntitySectionMissing(Check):
    code = "E304"
    name = "entity-section-missing"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a variant without any entity list while the reference has one.",
        why="A whole section is gone — typically a changed selector or a truncated page.",
        example="The reference ends with `## Entities - **…**`; the variant ends after its last chapter.",
        instead="Restore the entity section under the locale's heading (`Entidades`, `登場人物`, …).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        reference = ctx.episode.reference
        if not reference.entities:
            return
        for alignment in ctx.aligned():
            if alignment.variant.entities is None:
                yield self.finding(
                    ctx,
                    alignment.variant,
                    f"`{alignment.variant.lang}` has no entity list (reference lists {len(reference.entities)})",
                    reference.entity_heading or "",
                )


@register
class EntityRenamed(Check):
    code = "E305"
    name = "entity-renamed"
    severity = Severity.INFO
    mqm = "Terminology/Inconsistent"
    docs = Docs(
        what="Reports entities matched only through fuzzy spelling, transliteration or structure (same type, "
        "same place in the list, or shared description anchors such as years and acronyms). A warning when "
        "both names are in the same script and unalike (possibly a different person), unless the entity is a "
        "concept, whose name a translator translates. Pairs the glossary approves are not reported.",
        why="Localized names are often right (`World Model` → `ワールドモデル`) but deserve a look; a "
        "different name in the same script may be a replaced entity.",
        example="Reference `**World Model** (Concept)`, Japanese `**ワールドモデル** (概念)`.",
        instead="Nothing if the rendering is approved (add it to the glossary); otherwise use the reference name.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.entities:
                if pair.ref is None or pair.var is None or pair.method in ("", "name", "glossary"):
                    continue  # a glossary pair is an approved rendering
                finding = self.finding(
                    ctx,
                    alignment.variant,
                    f"Entity `{pair.ref.name}` appears as `{pair.var.name}` in `{alignment.variant.lang}`"
                    f" (matched by {pair.method})",
                    f"{pair.ref.name} → {pair.var.name}",
                )
                same_script = script_class(pair.ref.name) == script_class(pair.var.name)
                translatable = pair.ref_type in TRANSLATED_TYPES  # `Aprendizado por reforço` is right
                if same_script and not translatable and not _alike(pair.ref.name, pair.var.name):
                    finding = _with_severity(finding, Severity.WARNING)
                yield finding


# Entity types whose names are common nouns a translator translates: unalike in the same script
# is the expected case for them, not a replaced entity (three QA sessions met the warning on every
# faithful page: `Reinforcement Learning` → `Apprentissage par renforcement`).
TRANSLATED_TYPES = frozenset({"Concept"})


def _alike(a: str, b: str) -> bool:
    """A shared word, or a spelling variant (``Hasabis`` ~ ``Hassabis``)."""
    key_a, key_b = normalize_name(a), normalize_name(b)
    return bool(set(key_a.split()) & set(key_b.split())) or fuzz.ratio(key_a, key_b) >= ALIKE_MIN


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    from dataclasses import replace

    return replace(finding, severity=severity)


@register
class EntityNotMentioned(Check):
    code = "E306"
    name = "entity-not-mentioned"
    severity = Severity.INFO
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a listed entity that the variant's own text (title, summary, chapter titles and bodies, "
        "quotes) never mentions. Names match after normalization; a person's surname or given name alone "
        "counts (`Mallaby`), so does an acronym of the name (`RL`), a Latin name inside CJK text without "
        "spaces (`JEPAアーキテクチャ`), a katakana rendering (`ヤン・ルカン`), the variant's own localized "
        "name (`ワールドモデル`), the reference name it was matched to, and the glossary's renderings of the "
        "name in the variant's language (`World Model` → `modelos de mundo`).",
        why="An entity nobody mentions is either a leftover of another episode's list or a sign that the "
        "passage mentioning it was dropped from this variant.",
        example="The list has `**Dario Amodei** (Person)` but no chapter, quote or summary names Amodei.",
        instead="Remove the entity from the list, or restore the passage that mentions it.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            if not variant.entities:
                continue
            alignment = ctx.alignments.get(variant.key)
            pairs = [
                pair
                for pair in (alignment.entities if alignment is not None else ())
                if pair.var is not None and pair.ref is not None
            ]
            reference_name = {id(pair.var): pair.ref.name for pair in pairs if pair.ref is not None}
            # a label no table knows (`شخص` on a page of a language without one) takes its partner's type
            reference_type = {id(pair.var): pair.ref_type for pair in pairs}
            table = langdata.table(variant.lang)
            endings = tuple(normalize_name(e) for e in table.name_endings) if table is not None else ()
            index = MentionIndex.of(
                [
                    variant.title,
                    variant.summary,
                    *(
                        part
                        for c in variant.chapters
                        for part in (c.title, c.body, *(q.text for q in c.quotes))
                    ),
                ]
            )
            for entity in variant.entities:
                if not entity.name.strip():
                    continue  # a nameless entry is a schema problem (S003), not a mention problem
                kind = _canonical_type(entity.type)
                if kind not in CANONICAL_TYPES:
                    kind = reference_type.get(id(entity), kind)
                is_person = kind == "Person"
                names = [entity.name, reference_name.get(id(entity), "")]
                names += _glossary_renderings(ctx, names, variant.lang)
                if not any(name and index.mentions(name, is_person) for name in names) and not (
                    endings
                    and any(name and index.mentions_inflected(name, is_person, endings) for name in names)
                ):
                    yield self.finding(
                        ctx,
                        variant,
                        f"Entity `{entity.name}` is never mentioned in `{variant.lang}`",
                        f"{entity.name} ({entity.type})",
                    )


def _glossary_renderings(ctx: EpisodeContext, names: list[str], lang: str) -> list[str]:
    """The configured glossary's renderings, in ``lang``, of the terms ``names`` lists."""
    glossary = ctx.resources.glossary
    if glossary is None:
        return []
    found: list[str] = []
    for name in names:
        entry = glossary.entry_of(name) if name else None
        if entry is not None:
            found.extend(entry.renderings(lang))
    return found
