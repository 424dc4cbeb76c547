"""Trends reporter: ``trends.csv`` and ``trends.json`` for a nightly run (``RunResult.trends``).

``trends.csv`` has one row per night, oldest first, this run last: ``night`` (1 = oldest shown),
``run_id``, ``started_at``, ``errors``, ``warnings``, ``infos``, ``new`` and ``fixed`` (finding
keys new / gone against the night before), ``snapshot`` (the folder the night read, which its
reports' ``source_path`` is relative to), then ``score_<locale>`` — the mean variant score of
each page locale (empty when that night had no scored variant in the locale). ``trends.json`` is
the whole trends document, including counts by check code and the ``new`` / ``fixed`` finding
keys of this run. A run without trends (``aligner check``) writes nothing. The reporter is used by
``aligner nightly``; it is not one of the ``--format`` choices of ``aligner check``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aligner.report.atomic import write_bytes_atomic
from aligner.report.csv import render_csv
from aligner.results import RunResult

TREND_COLUMNS: tuple[str, ...] = (
    "night",
    "run_id",
    "started_at",
    "errors",
    "warnings",
    "infos",
    "new",
    "fixed",
    "snapshot",
)


def trend_records(trends: dict[str, Any]) -> list[dict[str, Any]]:
    nights = trends.get("nights", [])
    locales = sorted({locale for night in nights for locale in night.get("scores", {})})
    records = []
    for number, night in enumerate(nights, start=1):
        record: dict[str, Any] = {"night": number}
        record.update({name: night.get(name, "") for name in TREND_COLUMNS[1:]})
        for locale in locales:
            record[f"score_{locale}"] = night.get("scores", {}).get(locale, "")
        records.append(record)
    return records


class TrendsReporter:
    """Writes ``trends.csv`` and ``trends.json`` when the run carries trends."""

    name: str = "trends"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        if result.trends is None:
            return []
        table = render_csv(TREND_COLUMNS, trend_records(result.trends))
        document = json.dumps(result.trends, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        return [
            write_bytes_atomic(Path(out_dir) / "trends.csv", table.encode("utf-8")),
            write_bytes_atomic(Path(out_dir) / "trends.json", document.encode("utf-8")),
        ]
