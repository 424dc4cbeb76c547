"""The model of one episode page: reference and each variant side by side, chapter by chapter.

One :class:`Comparison` per non-reference variant: its chapter rows in alignment order (matched,
drift, shifted, missing and extra chapters), the findings of each row shown inline, the score
components of the row, and the entity reconciliation table. Findings that name no chapter (or a
chapter the alignment has no row for) are listed at the top of their variant's section, so none
is lost. The reference's own chapter findings sit on the reference cells of the first comparison
(or on a reference-only table for a single-variant episode).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.model import Alignment, Chapter, ChapterPair, Entity, EntityPair, Episode, Finding, Variant
from aligner.packedrows import ChapterRows
from aligner.report.html_findings import FindingPlacer, FindingView, finding_view, tagged
from aligner.report.html_links import EpisodeLinks, chapter_anchor, finding_fragment, variant_anchor
from aligner.report.html_text import Segments, entry_band, percent, score_band, score_text, segments
from aligner.results import ChapterRow, RunResult, VariantRow

COMPONENT_LABELS: dict[str, str] = {
    "ts_score": "timestamp",
    "length_score": "length",
    "anchor_score": "anchors",
    "quote_score": "quotes",
    "lang_score": "language",
}
PAIRING_TEXT: dict[str, str] = {
    "id": "variants paired by episode id",
    "title": "variants paired by title",
    "signature": "variants paired by chapter timestamps and entities",
    "single": "only one variant",
}
STATUS_LABELS: dict[str, str] = {
    "matched": "matched",
    "drift": "timestamp drift",
    "shifted": "shifted",
    "missing": "missing in variant",
    "extra": "extra in variant",
    "unaligned": "not aligned",
}


@dataclass(frozen=True, slots=True)
class ChapterView:
    label: str
    title: Segments
    body: Segments
    quotes: tuple[Segments, ...]
    lang: str


@dataclass(frozen=True, slots=True)
class Component:
    label: str
    value: float
    text: str


@dataclass(frozen=True, slots=True)
class RowView:
    anchor: str
    ref_anchor: str  # id on the reference cell ("" except in the first comparison)
    status: str
    status_label: str
    ref: ChapterView | None
    var: ChapterView | None
    score: str
    band: str
    components: tuple[Component, ...]
    findings: tuple[FindingView, ...]
    delta: str  # "+3 s" when the timestamps differ

    @property
    def has_issue(self) -> bool:
        return self.status != "matched" or bool(self.findings)


@dataclass(frozen=True, slots=True)
class EntityView:
    status: str  # matched, renamed, retyped, missing, extra
    method: str
    ref_name: str
    ref_type: str
    ref_description: Segments
    var_name: str
    var_type: str
    var_description: Segments


@dataclass(frozen=True, slots=True)
class VariantView:
    key: str  # Variant.key
    token: str
    anchor: str
    locale: str
    lang: str
    title: str
    summary: Segments
    source_path: str
    is_reference: bool
    chapters: int
    quotes: int
    entities: int
    score: str
    band: str
    coverage: str
    quality: str
    errors: int
    warnings: int
    infos: int
    duration: str


@dataclass(frozen=True, slots=True)
class Comparison:
    variant: VariantView
    rows: tuple[RowView, ...]
    entities: tuple[EntityView, ...]
    entity_note: str  # why the entity table is empty or partial
    findings: tuple[FindingView, ...]  # variant-level (and unplaced) findings
    offset: str


@dataclass(frozen=True, slots=True)
class EpisodePage:
    episode_id: str
    title: str
    file: str
    stem: str
    pairing: str
    ref_lang: str

    @property
    def pairing_text(self) -> str:
        return PAIRING_TEXT.get(self.pairing, f"paired by {self.pairing}")

    reference: VariantView
    reference_findings: tuple[FindingView, ...]
    reference_rows: tuple[RowView, ...]  # only for an episode without other variants
    reference_entities: tuple[EntityView, ...]  # likewise
    comparisons: tuple[Comparison, ...]
    findings: tuple[FindingView, ...]  # every finding of the episode, report order
    anchors: frozenset[str]

    def links(self) -> PageLinks:
        return PageLinks(
            self.file,
            self.anchors,
            tuple(
                (view.key, view.anchor) for view in (self.reference, *(c.variant for c in self.comparisons))
            ),
        )


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What the overview links to on an episode page: the page, its anchors, each variant's anchor."""

    file: str
    anchors: frozenset[str]
    variants: tuple[tuple[str, str], ...]  # (variant key, anchor): two cards of a page may share an episode


def component_label(name: str) -> str:
    """``ts_score`` → ``timestamp``; an unknown ``content_score`` → ``content``."""
    return COMPONENT_LABELS.get(name, name.removesuffix("_score").replace("_", " "))


def chapter_view(chapter: Chapter) -> ChapterView:
    return ChapterView(
        label=chapter.label,
        title=segments(chapter.title),
        body=segments(chapter.body),
        quotes=tuple(segments(q.text) for q in chapter.quotes),
        lang=chapter.lang,
    )


def variant_view(variant: Variant, token: str, row: VariantRow | None) -> VariantView:
    return VariantView(
        key=variant.key,
        token=token,
        anchor=variant_anchor(token),
        locale=variant.page_locale,
        lang=variant.lang,
        title=variant.title,
        summary=segments(variant.summary),
        source_path=variant.source_path,
        is_reference=bool(row and row.is_reference),
        chapters=len(variant.chapters),
        quotes=variant.quote_count,
        entities=variant.entity_count,
        score=score_text(row.score) if row else "",
        band=entry_band(row.score, row.errors) if row and not row.is_reference else "ref",
        coverage=percent(row.coverage) if row else "",
        quality=score_text(row.quality) if row else "",
        errors=row.errors if row else 0,
        warnings=row.warnings if row else 0,
        infos=row.infos if row else 0,
        duration=variant.duration_text or "",
    )


def entity_view(pair: EntityPair) -> EntityView:
    ref, var = pair.ref, pair.var
    if var is None:
        status = "missing"
    elif ref is None:
        status = "extra"
    elif pair.ref_type and pair.var_type and pair.ref_type != pair.var_type:
        status = "retyped"
    elif pair.method not in ("name", ""):
        status = "renamed"
    else:
        status = "matched"

    def typed(entity: Entity | None, canonical: str) -> str:
        if entity is None:
            return ""
        if canonical and canonical != entity.type:
            return f"{entity.type} ({canonical})"
        return entity.type

    return EntityView(
        status=status,
        method=pair.method or "unmatched",
        ref_name=ref.name if ref else "",
        ref_type=typed(ref, pair.ref_type),
        ref_description=segments(ref.description) if ref else (),
        var_name=var.name if var else "",
        var_type=typed(var, pair.var_type),
        var_description=segments(var.description) if var else (),
    )


def _delta(pair: ChapterPair) -> str:
    delta = pair.delta
    if not delta:
        return ""
    return f"{delta:+d} s"


def _rows(
    pairs: Sequence[ChapterPair],
    token: str,
    ref_token: str,
    variant_key: str,
    ref_key: str,
    scores: dict[tuple[str, str], list[ChapterRow]],
    placer: FindingPlacer,
    anchors: set[str],
) -> tuple[RowView, ...]:
    rows: list[RowView] = []
    for pair in pairs:
        seconds = pair.sort_ts
        anchor = chapter_anchor(token, seconds)
        while anchor in anchors:
            anchor += "-dup"
        anchors.add(anchor)
        findings = placer.take(variant_key, seconds)
        ref_anchor = ""
        if ref_token and pair.ref is not None:
            candidate = chapter_anchor(ref_token, pair.ref.ts)
            if candidate not in anchors:
                anchors.add(candidate)
                ref_anchor = candidate
                findings = placer.take(ref_key, pair.ref.ts) + findings
        key = (pair.ref.label if pair.ref else "", pair.var.label if pair.var else "")
        scored = scores.get(key)
        row = scored.pop(0) if scored else None
        matched = pair.ref is not None and pair.var is not None
        rows.append(
            RowView(
                anchor=anchor,
                ref_anchor=ref_anchor,
                status=pair.status,
                status_label=STATUS_LABELS.get(pair.status, pair.status),
                ref=chapter_view(pair.ref) if pair.ref else None,
                var=chapter_view(pair.var) if pair.var else None,
                score=score_text(row.score) if row and matched else "",
                band=score_band(row.score) if row and matched else "none",
                components=tuple(
                    Component(component_label(name), value, f"{value:.2f}")
                    for name, value in (row.components if row and matched else ())
                ),
                findings=findings,
                delta=_delta(pair),
            )
        )
    return tuple(rows)


def _score_index(rows: Sequence[ChapterRow], variant: Variant) -> dict[tuple[str, str], list[ChapterRow]]:
    index: dict[tuple[str, str], list[ChapterRow]] = defaultdict(list)
    for row in rows:
        if row.variant_key == variant.key:  # two cards of one page may belong to one episode
            index[(row.ref_ts, row.var_ts)].append(row)
    return index


@dataclass(frozen=True, slots=True)
class RunIndex:
    """What every episode page looks up in the run, indexed once for all of them (looking it up
    anew for each page read the whole run once per episode: 8.7 s for the 1,875 pages of a
    5,000-variant run, ten times the 1,000-variant run's 0.83 s). An episode's chapter rows are
    read when its page asks for them: the run's rows stay packed (``aligner.packedrows``), so a
    re-run that renders a few pages unpickles their rows only, and the shards of a full run
    unpickle each their own."""

    alignments: dict[str, Alignment]  # variant key → its alignment
    variant_rows: dict[str, VariantRow]  # variant key → its row
    chapters: ChapterRows  # the run's chapter rows

    @classmethod
    def of(cls, result: RunResult) -> RunIndex:
        rows = result.chapters  # sorted rows in a plain sequence are one part, already in order
        return cls(
            {a.variant.key: a for a in result.alignments},
            {r.variant_key: r for r in result.variant_rows},
            rows if isinstance(rows, ChapterRows) else ChapterRows([tuple(rows)]),
        )

    def chapter_rows(self, episode_id: str) -> Sequence[ChapterRow]:
        """The chapter rows of ``episode_id``, in report order."""
        return self.chapters.episode_rows(episode_id)


def episode_page(
    result: RunResult,
    episode: Episode,
    links: EpisodeLinks,
    findings: Sequence[Finding],
    waived: Sequence[Finding],
    index: RunIndex | None = None,
) -> EpisodePage:
    """The page model of ``episode``; ``findings``/``waived`` are the episode's own. ``index``:
    ``RunIndex.of(result)``, made once for every page of the run."""
    index = RunIndex.of(result) if index is None else index
    alignments = index.alignments
    variant_rows = index.variant_rows
    chapter_rows = index.chapter_rows(episode.episode_id)

    def row_of(variant: Variant) -> VariantRow | None:
        return variant_rows.get(variant.key)

    every = tagged(findings, waived)
    placer = FindingPlacer(every)
    anchors: set[str] = set()
    ref = episode.reference
    ref_token = links.tokens[ref.key]
    reference = variant_view(ref, ref_token, row_of(ref))
    anchors.add(reference.anchor)
    comparisons: list[Comparison] = []
    for index, variant in enumerate(episode.others):
        token = links.tokens[variant.key]
        view = variant_view(variant, token, row_of(variant))
        anchors.add(view.anchor)
        alignment = alignments.get(variant.key)
        pairs = (
            alignment.chapters
            if alignment
            else tuple(ChapterPair(None, c, "unaligned") for c in variant.chapters)
        )
        rows = _rows(
            pairs,
            token,
            ref_token if index == 0 else "",
            variant.key,
            ref.key,
            _score_index(chapter_rows, variant),
            placer,
            anchors,
        )
        entity_note = ""
        if ref.entities is None and variant.entities is None:
            entity_note = "Neither the reference nor this variant has an entity list."
        elif variant.entities is None:
            entity_note = "This variant has no entity list."
        elif ref.entities is None:
            entity_note = "The reference has no entity list."
        comparisons.append(
            Comparison(
                variant=view,
                rows=rows,
                entities=tuple(entity_view(p) for p in alignment.entities) if alignment else (),
                entity_note=entity_note,
                findings=placer.rest(variant.key),
                offset=f"{alignment.offset:+d} s" if alignment and alignment.offset else "",
            )
        )
    reference_rows: tuple[RowView, ...] = ()
    reference_entities: tuple[EntityView, ...] = ()
    if not comparisons:
        reference_entities = tuple(
            EntityView("reference", "", e.name, e.type, segments(e.description), "", "", ())
            for e in ref.entities or ()
        )
        own = tuple(ChapterPair(c, None, "reference") for c in ref.chapters)
        reference_rows = _rows(own, ref_token, "", ref.key, ref.key, {}, placer, anchors)
    reference_findings = placer.rest(ref.key)
    others = tuple(view for key in placer.leftover_keys() for view in placer.rest(key))
    final = frozenset(anchors)
    return EpisodePage(
        episode_id=episode.episode_id,
        title=episode.title,
        file=links.file,
        stem=links.stem,
        pairing=episode.pairing,
        ref_lang=episode.ref_lang,
        reference=reference,
        reference_findings=reference_findings + others,
        reference_rows=reference_rows,
        reference_entities=reference_entities,
        comparisons=tuple(comparisons),
        findings=tuple(
            finding_view(f, is_waived, "#" + (finding_fragment(f, links, final) or "top"))
            for f, is_waived in every
        ),
        anchors=final,
    )
