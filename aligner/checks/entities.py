"""E3xx — entity lists: missing, extra, retyped, section missing, renamed."""

from __future__ import annotations

from collections.abc import Iterable

from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.model import Finding, Severity
from aligner.names import normalize_name, script_class


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
        what="Reports a variant entity with no counterpart in the reference list.",
        why="Either an addition, or a renamed entity the matcher could not link (check its spelling).",
        example="The variant lists `**Jeff Dean** (Person)` and the reference does not.",
        instead="Remove it, or use the reference's name (or the glossary's approved rendering).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
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
        "to canonical types (`Persona` = `人物` = `Person`).",
        why="A person listed as an organization (or similar) is a translation or data error.",
        example="Reference `**DeepMind** (Organization)`, variant `**DeepMind** (Persona)`.",
        instead="Use the localized label of the reference's type.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.entities:
                if pair.ref is None or pair.var is None:
                    continue
                if pair.ref_type and pair.var_type and pair.ref_type != pair.var_type:
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
        what="Reports entities matched only through fuzzy spelling, glossary, transliteration or structure "
        "(same type, same place in the list). A warning when both names are in the same script and unalike "
        "(possibly a different person).",
        why="Localized names are often right (`World Model` → `ワールドモデル`) but deserve a look; a "
        "different name in the same script may be a replaced entity.",
        example="Reference `**World Model** (Concept)`, Japanese `**ワールドモデル** (概念)`.",
        instead="Nothing if the rendering is approved (add it to the glossary); otherwise use the reference name.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for alignment in ctx.aligned():
            for pair in alignment.entities:
                if pair.ref is None or pair.var is None or pair.method in ("", "name"):
                    continue
                finding = self.finding(
                    ctx,
                    alignment.variant,
                    f"Entity `{pair.ref.name}` appears as `{pair.var.name}` in `{alignment.variant.lang}`"
                    f" (matched by {pair.method})",
                    f"{pair.ref.name} → {pair.var.name}",
                )
                same_script = script_class(pair.ref.name) == script_class(pair.var.name)
                if pair.method == "structure" and same_script and not _alike(pair.ref.name, pair.var.name):
                    finding = _with_severity(finding, Severity.WARNING)
                yield finding


def _alike(a: str, b: str) -> bool:
    ta, tb = set(normalize_name(a).split()), set(normalize_name(b).split())
    return bool(ta & tb)


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    from dataclasses import replace

    return replace(finding, severity=severity)
