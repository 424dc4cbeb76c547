"""S0xx — structure and scrape health: unreadable files, empty pages, schema, duplicates."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.locales import language_of, script_and_region
from aligner.model import Finding, Severity, Variant
from aligner.reference import completeness


class _PageProblemCheck(Check):
    """Reports the read/parse problems of one page that carry this check's code (``run_page``)."""

    scope = "page"


@register
class UnreadableFile(_PageProblemCheck):
    code = "S001"
    name = "unreadable-file"
    severity = Severity.ERROR
    mqm = "Terminology/Other"
    docs = Docs(
        what="Reports a file that cannot be read or decoded as text (binary, wrong encoding, cut off), and a path "
        "given to the command, or a page in a folder, that holds nothing to read (a typo, a broken link, a FIFO, a "
        "folder that cannot be listed) while other paths do.",
        why="A page that cannot be decoded is a page nobody checked; the rest of the run still goes on. A mistyped "
        "path must not let a check of the other paths pass as if it covered it.",
        example="`pages/ja/listing.txt` holds Latin-1 bytes: `not valid UTF-8 (byte 0xe9 at offset 120)`.",
        instead="Save pages as UTF-8 (UTF-16, with or without a BOM, and Shift_JIS are also read); re-scrape a truncated file.",
    )


@register
class NoEpisodes(_PageProblemCheck):
    code = "S002"
    name = "no-episodes"
    severity = Severity.ERROR
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports a page from which no episode could be parsed.",
        why="An empty or unrecognizable page usually means the scraper or the site layout broke.",
        example="A page holding only `LaiDub` and `Podcasts` and no `## [00:00]` chapters.",
        instead="Check the scraper's selectors; each card needs a title and a body with `## [MM:SS]` chapters.",
    )


@register
class SchemaInvalid(_PageProblemCheck):
    code = "S003"
    name = "schema-invalid"
    severity = Severity.ERROR
    mqm = "Terminology/Other"
    docs = Docs(
        what="Reports a JSON variant that violates `schemas/episode.schema.json` (or is not JSON at all), and a "
        "timestamp or duration on any page that is not a valid time (`[12:75]`: seconds, and minutes after hours, "
        "run 00–59).",
        why="Downstream tools rely on the schema; an invalid JSON variant is skipped rather than half-checked. A "
        "card with an impossible time is still checked, with the time as read (`[12:75]` as `13:15`), but the "
        "reports then show a timestamp the page does not hold, and a scraper that garbles times is broken.",
        example='`{"title": "X", "chapters": [{"ts": "99"}]}` — `chapters/0: \'title\' is a required property`; '
        "`## [12:75] Next` — `seconds 75 exceed 59`.",
        instead="Produce JSON with `aligner parse` or follow the schema; the message names the bad field. Correct "
        "the timestamp on the page (or fix the scraper).",
    )


@register
class DuplicateChapter(Check):
    code = "S009"
    name = "duplicate-chapter"
    severity = Severity.ERROR
    mqm = "Accuracy/Addition"
    docs = Docs(
        what="Reports a timestamp that occurs twice in one variant.",
        why="Two chapters at one time cannot both be right; usually a copy-paste or scraping error.",
        example="`## [15:55] …` followed later by another `## [15:55] …` in the same variant.",
        instead="Remove the duplicate or correct its timestamp.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        for variant in ctx.variants:
            counts = Counter(c.ts for c in variant.chapters)
            for chapter in variant.chapters:
                if counts[chapter.ts] > 1:
                    counts[chapter.ts] = 0  # report each duplicated timestamp once
                    titles = [c.title for c in variant.chapters if c.ts == chapter.ts]
                    yield self.finding(
                        ctx,
                        variant,
                        f"Timestamp `[{chapter.label}]` occurs {len(titles)} times in `{variant.lang}`",
                        " | ".join(titles),
                        chapter,
                    )


@register
class DuplicateVariant(Check):
    code = "S010"
    name = "duplicate-variant"
    severity = Severity.WARNING
    mqm = "Accuracy/Addition"
    docs = Docs(
        what="Reports an episode that has more than one variant for one page locale: a card repeated on a page, "
        "or the same episode on two pages of one locale (pages of two regions, `pt-BR/` and `pt-PT/`, are two "
        "locales, and so are two scripts: `zh/` is Simplified, `zh-Hant/` and `zh-TW/` Traditional; a page naming "
        "no region, `pt/`, is either). Each copy after the first (the reference, else the most "
        "complete, else the first by page and card) is reported and says what differs; a warning when the copies are identical, an error "
        "when they differ.",
        why="Readers see the episode twice. Identical copies are a publishing or scraping slip; copies that "
        "differ are two versions of one translation (an old card left next to the new one), or two episodes "
        "that share a title, and only one can be right. Each copy is still checked like any variant.",
        example="`pages/en/hassabis.md` holds the Hassabis card twice: `card 2 repeats card 1 of "
        "pages/en/hassabis.md (identical)`.",
        instead="Remove the stale copy from the page (or fix the scraper that repeats it); two episodes that "
        "share a title need distinct titles or explicit ids.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        by_locale: dict[str, list[Variant]] = defaultdict(list)  # by language: pt, pt-br and pt-pt
        for variant in ctx.variants:
            by_locale[language_of(variant.page_locale)].append(variant)
        for _language, copies in sorted(by_locale.items()):
            if len(copies) < 2:
                continue
            # the reference, else the most complete copy, is the one the others repeat: a stale
            # draft named `hassabis-draft.md` sorts before `hassabis.md` and must not be kept
            ordered = sorted(
                copies,
                key=lambda v: (v is not ctx.episode.reference, *completeness(v), v.source_path, v.position),
            )
            region = {id(v): _region(v) for v in ordered}  # a region-less copy takes its original's
            for index, copy in enumerate(ordered[1:], start=1):
                earlier = [v for v in ordered[:index] if _compatible(region[id(v)], region[id(copy)])]
                # a page naming no region copies one of them: the one it is identical to, if any
                first = next(
                    (v for v in earlier if not _differences(v, copy)), earlier[0] if earlier else None
                )
                if first is not None:  # a region-less one of the two is that region's from now on
                    region[id(copy)] = _either(region[id(copy)], region[id(first)])
                    region[id(first)] = _either(region[id(first)], region[id(copy)])
                    yield self._finding(ctx, copy.page_locale, first, copy)

    def _finding(self, ctx: EpisodeContext, locale: str, first: Variant, copy: Variant) -> Finding:
        differences = _differences(first, copy)
        where = (
            f"card {first.position + 1}"
            if copy.source_path == first.source_path
            else f"card {first.position + 1} of `{first.source_path}`"
        )
        finding = self.finding(
            ctx,
            copy,
            f"The episode appears again on the `{locale}` page: card {copy.position + 1} repeats {where}"
            + (f" with differences ({'; '.join(differences)}): keep one" if differences else " (identical)"),
            "; ".join(differences) if differences else "identical copies",
        )
        return replace(finding, severity=Severity.ERROR) if differences else finding


_Place = tuple[str, str]  # a page locale's script and region (``locales.script_and_region``)


def _region(variant: Variant) -> _Place:
    """The script and region of a variant's page locale (``("", "br")`` of ``pt-br``)."""
    return script_and_region(variant.page_locale)


def _compatible(place_a: _Place, place_b: _Place) -> bool:
    """Whether two variants of one language's pages may be copies: not when their pages name two
    different regions (``pt-br``, ``pt-pt``: one variant per region) or scripts (``zh`` is
    Simplified, ``zh-hant`` Traditional). A page naming no region (``pt/``, a locale from the
    page's UI strings) may hold a copy of either, until it is found to copy one (it then takes
    that region)."""
    (script_a, region_a), (script_b, region_b) = place_a, place_b
    same_script = not script_a or not script_b or script_a == script_b
    return same_script and (not region_a or not region_b or region_a == region_b)


def _either(place: _Place, other: _Place) -> _Place:
    """``place``, its missing script or region taken from ``other`` (a copy's original)."""
    return place[0] or other[0], place[1] or other[1]


MAX_DIFFERING_CHAPTERS = 3  # chapters named in an S010 message


def _differences(first: Variant, copy: Variant) -> list[str]:
    """What differs between two copies of one variant, in words (empty: identical content)."""
    found = [field for field in ("title", "summary") if getattr(first, field) != getattr(copy, field)]
    if [c.ts for c in first.chapters] != [c.ts for c in copy.chapters]:
        found.append(f"chapters at other times ({len(first.chapters)} → {len(copy.chapters)})")
    else:
        changed = [
            f"[{a.label}]"
            for a, b in zip(first.chapters, copy.chapters, strict=True)
            if (a.title, a.body, a.quotes) != (b.title, b.body, b.quotes)
        ]
        if changed:
            shown = ", ".join(changed[:MAX_DIFFERING_CHAPTERS])
            more = (
                f" and {len(changed) - MAX_DIFFERING_CHAPTERS} more"
                if len(changed) > MAX_DIFFERING_CHAPTERS
                else ""
            )
            found.append(f"chapter text of {shown}{more}")
    if _entities(first) != _entities(copy):
        found.append(f"entities ({first.entity_count} → {copy.entity_count})")
    if first.duration != copy.duration:
        found.append("duration")
    return found


def _entities(variant: Variant) -> list[tuple[str, str, str]] | None:
    return None if variant.entities is None else [(e.name, e.type, e.description) for e in variant.entities]
