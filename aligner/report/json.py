"""JSON reporter: ``report.json``, the whole run in one document.

The document is described by ``schemas/report.schema.json`` (checked by the tests, not at run
time). Records are the same ``to_record()`` dictionaries the CSV tables use, so a column means
the same thing in every format. Output is deterministic: keys keep their insertion order
(``sort_keys=False``), rows keep the run's order, nothing time-dependent is written. Non-finite
numbers (NaN, infinity) are refused rather than written as invalid JSON.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from aligner.cache import RunCache
from aligner.model import Episode, RawPage
from aligner.report import fragments
from aligner.report.atomic import write_chunks_atomic
from aligner.report.csv import findings_and_waived
from aligner.report.jsonstream import Encoded, stream_document
from aligner.report.summary import summary
from aligner.results import RunResult, verdict

SCHEMA_VERSION = 1
FILENAME = "report.json"


def page_record(page: RawPage) -> dict[str, Any]:
    return {
        "path": page.path,
        "locale": page.locale,
        "locale_source": page.locale_source,
        "error": page.error,
    }


def episode_record(episode: Episode) -> dict[str, Any]:
    return {
        "episode_id": episode.episode_id,
        "title": episode.title,
        "ref_lang": episode.ref_lang,
        "pairing": episode.pairing,
        "reference": episode.reference.key,
        "variants": [variant.key for variant in episode.variants],
    }


def suppression_summary(result: RunResult) -> dict[str, Any]:
    """Findings accepted by waivers, left out by the baseline, and waivers that did not apply.

    Waived findings are listed in ``findings`` like in findings.csv (``waived`` holds the reason)
    but not counted in ``summary.findings``/``by_severity``/``by_code``. The keys appear only when
    there is something to report (a run without waivers or baseline keeps the plain summary).
    """
    if not (result.waived or result.baselined or result.stale_waivers):
        return {}
    return {
        "waived": len(result.waived),
        "baselined": len(result.baselined),
        "stale_waivers": [stale.to_record() for stale in result.stale_waivers],
    }


def report_document(result: RunResult) -> dict[str, Any]:
    """The ``report.json`` document as plain Python data."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _sections(result, rendered=False).items()
    }


def _sections(result: RunResult, rendered: bool = True) -> dict[str, Any]:
    """The document with its row sections as iterators (``JsonReporter`` streams them); with
    ``rendered``, chapter rows already rendered per episode are taken as they are."""
    run = {"run": {**result.inputs, "verdict": verdict(result, result.fail_on) if result.fail_on else ""}}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "aligner",
        "settings": result.settings,
        **(run if result.inputs else {}),  # what else the run read (aligner.runinputs)
        "summary": {**summary(result), **suppression_summary(result)},
        "pages": (page_record(page) for page in result.pages),
        "episodes": (episode_record(episode) for episode in result.episodes),
        "variants": (row.to_record() for row in result.variant_rows),
        "chapters": _chapters(result) if rendered else (row.to_record() for row in result.chapters),
        "findings": (finding.to_record() for finding in findings_and_waived(result)),
    }


def _chapters(result: RunResult) -> Iterator[Any] | Encoded:
    """The chapter records, or their items rendered per episode (``aligner.report.fragments``)."""
    joined = fragments.joinable(result)
    if joined is None:
        return (row.to_record() for row in result.chapters)
    return Encoded(fragments.json_items(joined))


def render_json(result: RunResult) -> str:
    document = report_document(result)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"


class JsonReporter:
    """Writes ``report.json``."""

    name: str = "json"
    weight: float = 0.5  # seconds for 10,000 variants (2 cores, 2026-12-06)

    def write(  # one process; nothing to reuse from a cache
        self, result: RunResult, out_dir: Path, jobs: int = 1, cache: RunCache | None = None
    ) -> list[Path]:
        # Streamed row by row (the document of a large run is several times the file in memory)
        # into a temporary file: a failure leaves any old report in place. Same bytes as render_json.
        pieces = itertools.chain(stream_document(_sections(result)), ["\n"])
        return [write_chunks_atomic(Path(out_dir) / FILENAME, _batched(pieces))]


def _batched(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """The encoder's many small strings as UTF-8 blocks of about ``size`` characters."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block).encode("utf-8")
            block, length = [], 0
    if block:
        yield "".join(block).encode("utf-8")
