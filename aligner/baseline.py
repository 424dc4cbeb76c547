"""Baselines: a previous ``findings.csv`` or ``report.json`` whose findings are known and not
reported again.

A finding is *in the baseline* when a row of the baseline file has the same episode id, page
locale, check code, chapter timestamp and fingerprint (code + episode + locale + chapter +
normalized evidence, see :mod:`aligner.fingerprint`). The source path and card position are not
part of the key, so a re-scraped or re-ordered page keeps its baseline. Baseline findings are
left out of the findings list and the exit code, counted in the summary, and still count toward
the variant scores (they are known defects, not accepted ones — accepting is what waivers do).

A ``findings.csv`` is read back with the CSV reporter's conventions: UTF-8 (a byte-order mark is
tolerated), and a text cell that starts with ``'`` followed by a formula character had the
apostrophe added by the reporter, which is removed again. Files written before the
``fingerprint`` column existed still work: the fingerprint is computed from the row's evidence
(or message). A ``report.json`` holds the same columns, as written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from aligner.csvrows import CsvSyntaxError, decode_problem, decode_text, named
from aligner.csvrows import records as csv_records
from aligner.fingerprint import TEXT_SAMPLED, fingerprint
from aligner.locales import language_of
from aligner.model import Finding
from aligner.report.csv import formula_like

BaselineKey = tuple[str, str, str, str, str]  # episode_id, page_locale, code, chapter_ts, fingerprint
KEY_COLUMNS: tuple[str, ...] = ("episode_id", "page_locale", "code", "chapter_ts")
MAX_BASELINE_BYTES = 200 * 1024 * 1024


class BaselineError(Exception):
    """The baseline file cannot be used (missing, not a findings.csv or report.json)."""


def unneutralize(cell: str) -> str:
    """Undo the reporter's formula neutralization: ``'=x`` → ``=x``, ``''@x`` → ``'@x``."""
    return cell[1:] if cell[:1] == "'" and formula_like(cell[1:]) else cell


def read_findings(path: str | Path, label: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """The findings of a ``findings.csv`` (each with its line) or of a ``report.json`` (each with its
    position in ``findings``), as ``{column: text}``; raises BaselineError."""
    name = label or str(path)
    text = _read_text(Path(path), name)
    if text.lstrip()[:1] in ("{", "["):  # JSON; a findings.csv opens with its header
        yield from _report_rows(text, name)
    else:
        yield from _csv_rows(text, name)


def _read_text(file: Path, name: str) -> str:
    try:
        if file.stat().st_size > MAX_BASELINE_BYTES:
            raise BaselineError(f"{name}: larger than {MAX_BASELINE_BYTES // (1024 * 1024)} MiB")
        return decode_text(file.read_bytes())
    except FileNotFoundError:
        raise BaselineError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise BaselineError(f"{name}: is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{name}: {decode_problem(exc)}") from None
    except OSError as exc:
        raise BaselineError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def _csv_rows(text: str, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        header, body = csv_records(text)
    except CsvSyntaxError as exc:
        raise BaselineError(f"{name}: {exc}") from None
    missing = [column for column in KEY_COLUMNS if column not in header]
    if not header or missing:
        raise BaselineError(
            f"{name}: line 1: not a findings.csv (missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(map(repr, missing or KEY_COLUMNS))})"
        )
    for line, row in body:
        cells = named(header, row)
        if cells is None:
            raise BaselineError(f"{name}: line {line}: more cells than columns")
        yield line, {key: unneutralize(value) for key, value in cells.items()}


def _report_rows(text: str, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The findings of a ``report.json``: the same columns as ``findings.csv``, not neutralized."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{name}: line {exc.lineno}: not a report.json (invalid JSON: {exc.msg})"
        ) from None
    except RecursionError:  # `[[[[…` a thousand deep
        raise BaselineError(f"{name}: not a report.json (invalid JSON: nested too deeply to read)") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list):
        raise BaselineError(f"{name}: not a report.json (no `findings` list)")
    for position, finding in enumerate(findings, 1):
        if not isinstance(finding, dict) or any(not isinstance(finding.get(k), str) for k in KEY_COLUMNS):
            raise BaselineError(f"{name}: finding {position}: not a finding (needs {', '.join(KEY_COLUMNS)})")
        yield position, {key: value if isinstance(value, str) else "" for key, value in finding.items()}


def row_fingerprint(row: dict[str, str]) -> str:
    """The row's ``fingerprint`` column, else computed from its evidence or message."""
    given = row.get("fingerprint", "").strip().lower()
    if given:
        return given
    return fingerprint(
        row["code"], row["episode_id"], row["page_locale"], row["chapter_ts"],
        row.get("evidence", ""), row.get("message", ""),
    )  # fmt: skip


def row_key(row: dict[str, str]) -> BaselineKey:
    code = row["code"].upper()
    return (
        row["episode_id"],
        row["page_locale"].lower().replace("_", "-"),
        code,
        row["chapter_ts"],
        "" if code in TEXT_SAMPLED else row_fingerprint(row),
    )


def finding_key(finding: Finding) -> BaselineKey:
    return (finding.episode_id, finding.page_locale, finding.code, finding.chapter_ts, finding.fingerprint)


def load_baseline(path: str | Path) -> frozenset[BaselineKey]:
    """The keys of every finding of a previous ``findings.csv`` or ``report.json`` (waived ones included)."""
    return frozenset(row_key(row) for _where, row in read_findings(path))


def split_baseline(
    findings: Iterable[Finding], known: frozenset[BaselineKey]
) -> tuple[list[Finding], list[Finding]]:
    """``(new, in_baseline)``, both in the order given. A finding on a regional page (``pt-br``)
    is also known by its language's key (``pt``): a baseline written when every pt page was `pt`
    still holds it (a region's own entries tell it from the other regions)."""
    new: list[Finding] = []
    old: list[Finding] = []
    for finding in findings:
        episode, locale, code, chapter, _fp = finding_key(finding)
        # an L401 is known by its place alone: its print, once a hash of the text it quotes, went
        # stale with every copy edit — in baselines written before 2026-12-07 too (found by QA of
        # nightly runs across an upgrade)
        prints = ("",) if code in TEXT_SAMPLED else finding.fingerprints
        keys = [
            (episode, where, code, chapter, fp)
            for where in dict.fromkeys((locale, language_of(locale)))
            for fp in prints
        ]
        (old if any(key in known for key in keys) else new).append(finding)
    return new, old
