"""The check interface, the run context handed to checks, and the registry decorator.

A check is a small class with a permanent ``code``, a ``name`` (``family.kebab-name`` style is
not used: the catalog names in DESIGN.md are the contract), a default ``severity``, an MQM
category and four doc strings (what / why / example / instead). Page checks look at one parsed
page; episode checks look at one episode with its alignments, and report the page problems filed
under their code too (``run_page``). Checks never parse raw text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from aligner.checks.diffcontext import DiffContext, PageMatch, VariantMatch
from aligner.model import Alignment, Chapter, Episode, Finding, Severity, Variant
from aligner.parse import ParsedPage
from aligner.resources import Resources
from aligner.settings import Settings

REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the catalog; a duplicate code is a programming error."""
    if cls.code in REGISTRY:
        raise ValueError(
            f"check code {cls.code} registered twice ({REGISTRY[cls.code].__name__}, {cls.__name__})"
        )
    REGISTRY[cls.code] = cls
    return cls


@dataclass(frozen=True, slots=True)
class Docs:
    what: str
    why: str
    example: str
    instead: str


@dataclass
class EpisodeContext:
    """What an episode check sees: the episode, its alignments by variant key, the settings."""

    episode: Episode
    alignments: dict[str, Alignment]
    settings: Settings
    resources: Resources = field(default_factory=Resources)
    pages: dict[str, ParsedPage] = field(default_factory=dict)  # source_path -> its parsed page

    @property
    def variants(self) -> tuple[Variant, ...]:
        return self.episode.variants

    def page_mates(self, variant: Variant) -> tuple[Variant, ...]:
        """The other cards of the page ``variant`` was found on (empty when unknown)."""
        page = self.pages.get(variant.source_path)
        return tuple(v for v in page.variants if v.key != variant.key) if page is not None else ()

    def aligned(self) -> Iterator[Alignment]:
        for variant in self.episode.others:
            alignment = self.alignments.get(variant.key)
            if alignment is not None:
                yield alignment


class Check:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    mqm: ClassVar[str]  # MQM error category, e.g. "Accuracy/Omission"
    docs: ClassVar[Docs]
    scope: ClassVar[str] = "episode"  # "page", "episode" or "diff" (two snapshots: see run_diff)
    # Reads ``EpisodeContext.pages`` (other cards of a page): runs in the main process, which
    # holds every page, rather than in a worker that would have to be sent them.
    reads_pages: ClassVar[bool] = False
    # The thresholds a configuration may set (``[checks.CODE] name = value``) and their defaults:
    # any other name there is a mistake (``aligner.config``).
    thresholds: ClassVar[dict[str, float]] = {}

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        return ()

    def run_page(self, parsed: ParsedPage, settings: Settings) -> Iterable[Finding]:
        """The problems reading and parsing found on the page under this check's code (S001–S003,
        and S006 for the bidirectional controls reading removed)."""
        for problem in parsed.problems:
            if problem.code == self.code:
                yield self.page_finding(parsed, problem.message, problem.evidence)

    def run_diff(self, ctx: DiffContext) -> Iterable[Finding]:
        """Diff checks (scope ``"diff"``) compare two snapshots; ``aligner diff`` runs them."""
        return ()

    # -- building findings --------------------------------------------------------------------

    def finding(
        self,
        ctx: EpisodeContext,
        variant: Variant,
        message: str,
        evidence: str = "",
        chapter: Chapter | None = None,
    ) -> Finding:
        """A finding about ``variant``; ``chapter`` is the reference chapter it concerns (or the
        variant's own chapter when there is no reference counterpart)."""
        return Finding(
            episode_id=ctx.episode.episode_id,
            page_locale=variant.page_locale,
            source_path=variant.source_path,
            chapter_sort=chapter.ts if chapter is not None else -1,
            code=self.code,
            message=message,
            episode_title=ctx.episode.title,
            lang=variant.lang,
            ref_lang=ctx.episode.ref_lang,
            chapter_ts=chapter.label if chapter is not None else "",
            name=self.name,
            severity=self.severity,
            evidence=_clip(evidence),
            mqm=self.mqm,
            variant_key=variant.key,
        )

    def page_finding(self, parsed: ParsedPage, message: str, evidence: str = "") -> Finding:
        return Finding(
            episode_id="",
            page_locale=parsed.page.locale,
            source_path=parsed.page.path,
            chapter_sort=-1,
            code=self.code,
            message=message,
            episode_title="",
            lang="",
            ref_lang="",
            chapter_ts="",
            name=self.name,
            severity=self.severity,
            evidence=_clip(evidence),
            mqm=self.mqm,
        )

    def diff_finding(
        self, match: VariantMatch, message: str, evidence: str = "", chapter: Chapter | None = None
    ) -> Finding:
        """A finding about one card of a snapshot diff; ``chapter`` is the old chapter it concerns
        (the new one for an added chapter)."""
        variant = match.variant
        return Finding(
            episode_id=match.episode_id,
            page_locale=variant.page_locale,
            source_path=variant.source_path,
            chapter_sort=chapter.ts if chapter is not None else -1,
            code=self.code,
            message=message,
            episode_title=match.episode_title,
            lang=variant.lang,
            ref_lang=match.ref_lang,
            chapter_ts=chapter.label if chapter is not None else "",
            name=self.name,
            severity=self.severity,
            evidence=_clip(evidence),
            mqm=self.mqm,
            variant_key=variant.key,
        )

    def diff_page_finding(self, page: PageMatch, message: str, evidence: str = "") -> Finding:
        return self.page_finding(page.current, message, evidence)


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: str, limit: int = 60) -> str:
    """A short excerpt for messages: ``"Yann LeCun sobre…"``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
