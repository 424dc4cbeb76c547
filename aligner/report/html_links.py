"""Where everything lives in the HTML report: episode page files, section and chapter anchors.

* ``episodes/<stem>.html`` — one page per episode; ``<stem>`` comes from the episode id through
  :func:`aligner.report.filenames.unique_stems` (safe, bounded, unique, deterministic).
* ``#v-<token>`` — one variant's section on its episode page; ``<token>`` is the variant's page
  locale made id-safe (``ja``, ``zh-Hans``), with ``-2``, ``-3`` … when two variants of one
  episode share a page locale (the reference gets the bare locale).
* ``#ch-<token>-<seconds>`` — one chapter row of that variant; ``<seconds>`` is the reference
  chapter's start (the variant's own start for an extra chapter): the ``chapter_sort`` of the
  findings about it, so a finding always knows its row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.model import Episode, Finding
from aligner.report.filenames import safe_token, unique_stems

EPISODE_DIR = "episodes"


@dataclass(frozen=True, slots=True)
class EpisodeLinks:
    """The file of one episode page and the anchor token of each of its variants."""

    stem: str
    tokens: dict[str, str]  # variant key → token; the reference first

    @property
    def file(self) -> str:
        """Path of the page relative to the report folder."""
        return f"{EPISODE_DIR}/{self.stem}.html"


def variant_anchor(token: str) -> str:
    return f"v-{token}"


def chapter_anchor(token: str, seconds: int) -> str:
    return f"ch-{token}-{seconds}"


def variant_tokens(episode: Episode) -> dict[str, str]:
    ordered = [episode.reference, *episode.others]
    tokens: dict[str, str] = {}
    used: set[str] = set()
    for variant in ordered:
        base = safe_token(variant.page_locale, "und")
        token, counter = base, 2
        while token in used:
            token = f"{base}-{counter}"
            counter += 1
        used.add(token)
        tokens[variant.key] = token
    return tokens


def episode_links(episodes: Sequence[Episode]) -> dict[str, EpisodeLinks]:
    """Episode id → its links, for every episode of the run."""
    stems = unique_stems(episode.episode_id for episode in episodes)
    return {
        episode.episode_id: EpisodeLinks(stem=stem, tokens=variant_tokens(episode))
        for episode, stem in zip(episodes, stems, strict=True)
    }


def finding_fragment(finding: Finding, links: EpisodeLinks, anchors: frozenset[str]) -> str:
    """The anchor on the episode page that shows ``finding`` ("" for the top of the page).

    The chapter row when the finding names a chapter and the row exists, else the variant's
    section, else nothing.
    """
    token = links.tokens.get(finding.variant_key)
    if token is None:
        return ""
    if finding.chapter_ts and finding.chapter_sort >= 0:
        anchor = chapter_anchor(token, finding.chapter_sort)
        if anchor in anchors:
            return anchor
    anchor = variant_anchor(token)
    return anchor if anchor in anchors else ""
