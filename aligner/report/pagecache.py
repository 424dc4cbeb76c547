"""Episode pages kept from earlier runs: a cached re-run renders only the pages whose inputs moved.

An episode page (``aligner.report.html_episode``) is made from:

* the episode, its variants' alignments and chapter rows — all fixed by the cache key of the
  episode's outcome (``RunResult.episode_keys``: its variants' digests, its identity, every
  setting, the run-wide resources and the code, templates included; see ``aligner.cache``);
* its findings as reported (after severity overrides, waivers and the baseline) and its waived
  findings;
* its variants' rows (scores, counts and quality, which the findings move);
* its links (file name and anchor tokens, chosen over the whole run).

A page's key is the outcome's key and a digest of the rest, so an edited card, a waiver added or
expired, or an episode renamed elsewhere that changes this page's file name all render the page
anew. An episode without an outcome key (no cache) is always rendered. The stored value is the
page, zlib-compressed (HTML shrinks about 6× at level 1, which compresses ≈ 170 MB/s here), with
the ``PageLinks`` the overview needs. An unreadable entry is a miss.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.cache import RunCache, digest
from aligner.model import Finding
from aligner.report.html_episode import PageLinks
from aligner.report.html_links import EpisodeLinks
from aligner.results import VariantRow

KIND = "html"
LEVEL = 1  # zlib: the pages of a 10k run are ≈ 400 MB; level 6 compresses 2.5× slower for 15% less


def page_key(
    outcome_key: str,
    links: EpisodeLinks,
    findings: Sequence[Finding],
    waived: Sequence[Finding],
    rows: Sequence[VariantRow | None],
) -> str:
    """The key of an episode page (see the module docs). The records are taken by their ``repr``:
    every field of these dataclasses is in it, none holds a set (whose order would vary from
    run to run), and floats are written exactly; ``canonical`` walked them five times slower."""
    records = repr((links, tuple(findings), tuple(waived), tuple(rows)))
    return digest("html-page", outcome_key, records)


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A stored page, still compressed, and its links (read before the page is needed)."""

    compressed: bytes
    links: PageLinks

    def page(self) -> bytes | None:
        """The page, or None when its bytes are damaged (a miss)."""
        try:
            return zlib.decompress(self.compressed)
        except zlib.error:
            return None


def stored_entry(cache: RunCache, key: str) -> StoredPage | None:
    """The entry stored under ``key``, its page not yet decompressed, or None."""
    value = cache.get(KIND, key)
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], bytes)
        and isinstance(value[1], PageLinks)
    ):
        return None
    return StoredPage(value[0], value[1])


def store_page(cache: RunCache, key: str, page: bytes, links: PageLinks) -> None:
    cache.put(KIND, key, (zlib.compress(page, LEVEL), links))
