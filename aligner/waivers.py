"""Waivers: findings an editor has accepted, with a reason, optionally until a date.

A waiver names a finding by what survives a re-scrape — episode id, page locale, check code and
chapter timestamp (empty for variant-level findings, ``*`` for any chapter) — never by source
path or card position, so re-ordering or moving a page keeps it. It stops applying

* after its ``expires`` date (the date itself still counts), and
* when it carries a ``fingerprint`` and the finding's evidence no longer matches it.

Waived findings leave the findings list and the exit code but stay in the reports, marked with
the waiver's reason. Waivers that did not apply are never dropped silently: each is reported as
*stale* — ``expired``, ``evidence-changed`` (fingerprint no longer matches) or ``unused`` (no
finding of a check that ran has its key: the problem is fixed or the key is wrong).

Files: TOML (``[[waiver]]`` tables) or CSV (a header with the same keys), both validated by
``schemas/waivers.schema.json``; every problem names the file and the entry (TOML: ``waiver 2
(line 9)``) or line (CSV).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from aligner.baseline import BaselineError, load_baseline, split_baseline
from aligner.checks import CATALOG, select_codes
from aligner.config import ConfigError, describe, did_you_mean, key_path, read_toml
from aligner.csvrows import CsvSyntaxError, decode_problem, decode_text, named
from aligner.csvrows import records as csv_records
from aligner.fingerprint import TEXT_SAMPLED
from aligner.locales import language_of
from aligner.model import Finding, format_ts
from aligner.parse.items import parse_ts
from aligner.schema import definition_validator, sorted_errors
from aligner.settings import Settings

WAIVER_KEYS: tuple[str, ...] = ("episode", "locale", "code", "chapter", "reason", "expires", "fingerprint")
ANY_CHAPTER = "*"
MAX_WAIVER_BYTES = 20 * 1024 * 1024
_WAIVER_HEADER = re.compile(r"^\s*\[\[\s*(?:waiver|\"waiver\"|'waiver')\s*\]\]")

Problem = tuple[tuple[str | int, ...], str]


@dataclass(frozen=True, slots=True)
class Waiver:
    episode: str
    locale: str
    code: str
    chapter: str  # normalized "MM:SS"/"HH:MM:SS", "" (variant-level) or "*"
    reason: str
    expires: date | None = None
    fingerprint: str = ""
    where: str = ""  # for messages: "waivers.toml: waiver 2 (line 9)"

    def covers(self, finding: Finding) -> bool:
        """Same episode, locale, code and chapter (fingerprint and expiry are checked apart)."""
        return (
            finding.code == self.code
            and finding.episode_id == self.episode
            and self.locale in (finding.page_locale.lower(), language_of(finding.page_locale))
            and (self.chapter == ANY_CHAPTER or finding.chapter_ts == self.chapter)
        )

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass(frozen=True, slots=True)
class StaleWaiver:
    """A waiver that did not apply, and why: ``expired``, ``evidence-changed`` or ``unused``."""

    waiver: Waiver
    status: str
    note: str = ""  # what would have made it apply, for the command line (not a report column)

    def to_record(self) -> dict[str, Any]:
        w = self.waiver
        return {
            "episode": w.episode,
            "locale": w.locale,
            "code": w.code,
            "chapter": w.chapter,
            "reason": w.reason,
            "expires": w.expires.isoformat() if w.expires else "",
            "fingerprint": w.fingerprint,
            "status": self.status,
            "source": w.where,
        }


def finding_fingerprint(finding: Finding) -> str:
    """Stable short hash of code + episode + locale + chapter + normalized evidence."""
    return finding.fingerprint


# -- reading ---------------------------------------------------------------------------------------


def _entry_problems(entry: Mapping[str, Any]) -> list[Problem]:
    errors = sorted_errors(definition_validator("waivers", "waiver"), entry)
    problems: list[Problem] = []
    for error in errors:
        if tuple(error.absolute_path) == ("reason",) and error.validator == "pattern":
            problems.append((("reason",), "must not be empty"))
        else:
            problems.extend(describe(error))
    code = entry.get("code")
    if isinstance(code, str) and re.fullmatch(r"[A-Z]\d{3}", code) and code not in CATALOG:
        problems.append((("code",), f"unknown check code {code!r}{did_you_mean(code, CATALOG)}"))
    expires = entry.get("expires")
    if isinstance(expires, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", expires):
        try:
            date.fromisoformat(expires)
        except ValueError:
            problems.append((("expires",), f"{expires!r} is not a valid date"))
    return problems


def _waiver(entry: Mapping[str, Any], where: str) -> Waiver:
    chapter = str(entry.get("chapter", "")).strip()
    if chapter and chapter != ANY_CHAPTER:
        chapter = format_ts(parse_ts(chapter))
    expires = entry.get("expires")
    return Waiver(
        episode=entry["episode"].strip(),
        locale=entry["locale"].strip().lower().replace("_", "-"),
        code=entry["code"],
        chapter=chapter,
        reason=" ".join(entry["reason"].split()),
        expires=date.fromisoformat(expires) if expires else None,
        fingerprint=entry.get("fingerprint", ""),
        where=where,
    )


def _read_entries(entries: Sequence[tuple[str, Any]], label: str, problems: list[str]) -> list[Waiver]:
    waivers: list[Waiver] = []
    for where, entry in entries:
        if not isinstance(entry, Mapping):
            problems.append(f"{label}: {where}: not a table")
            continue
        found = _entry_problems(entry)
        for path, message in found:
            location = key_path(path)
            problems.append(
                f"{label}: {where}: {location}: {message}" if location else f"{label}: {where}: {message}"
            )
        if not found:
            waivers.append(_waiver(entry, f"{label}: {where}"))
    return waivers


def _toml_entries(path: Path, label: str, problems: list[str]) -> list[tuple[str, Any]]:
    data = read_toml(path, label)
    top = {key: value for key, value in data.items() if key != "waiver"}
    for key in top:
        problems.append(f"{label}: unknown key {key!r}{did_you_mean(key, ['waiver'])}")
    raw = data.get("waiver", [])
    if not isinstance(raw, list):
        problems.append(f"{label}: waiver: expected [[waiver]] tables")
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if _WAIVER_HEADER.match(line)]
    lines = lines if len(lines) == len(raw) else []
    entries = []
    for index, entry in enumerate(raw):
        where = f"waiver {index + 1}" + (f" (line {lines[index]})" if lines else "")
        if isinstance(entry, Mapping):
            entry = {k: v.isoformat() if isinstance(v, date) else v for k, v in entry.items()}
        entries.append((where, entry))
    return entries


_REPORT_COLUMNS = frozenset({"episode_id", "page_locale", "code", "severity", "message"})  # findings.csv


def _csv_entries(path: Path, label: str, problems: list[str]) -> list[tuple[str, Any]]:
    try:
        text = decode_text(path.read_bytes())
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{label}: {decode_problem(exc)}"]) from None
    try:
        first, body = csv_records(text)
    except CsvSyntaxError as exc:
        problems.append(f"{label}: {exc}")
        return []
    header = [name.strip() for name in first]
    if set(header) >= _REPORT_COLUMNS:  # a findings.csv given as the waivers
        problems.append(
            f"{label}: a findings report, not a waivers file (`aligner waive {path.name}` writes a "
            "waivers template from it)"
        )
        return []
    for column in header:
        if column not in WAIVER_KEYS:
            problems.append(f"{label}: line 1: unknown column {column!r}{did_you_mean(column, WAIVER_KEYS)}")
    for column in ("episode", "locale", "code", "reason"):
        if column not in header:
            problems.append(f"{label}: line 1: missing column {column!r}")
    if problems:
        return []
    entries = []
    for line, row in body:
        named_cells = named(header, row)
        if named_cells is None:
            problems.append(f"{label}: line {line}: more cells than columns")
            continue
        cells = {k: v.strip() for k, v in named_cells.items()}
        if not any(cells.values()):
            continue
        entry = {k: v for k, v in cells.items() if v or k in ("chapter", "reason")}
        entries.append((f"line {line}", entry))
    return entries


def load_waivers(path: str | Path, label: str | None = None) -> tuple[Waiver, ...]:
    """Read and validate a waivers file (``.csv``: CSV, anything else: TOML). Raises ConfigError."""
    file = Path(path)
    name = label or str(path)
    if not file.is_file():
        raise ConfigError([f"{name}: file not found" if not file.exists() else f"{name}: not a file"])
    if file.stat().st_size > MAX_WAIVER_BYTES:
        raise ConfigError([f"{name}: larger than {MAX_WAIVER_BYTES // (1024 * 1024)} MiB"])
    problems: list[str] = []
    reader = _csv_entries if file.suffix.lower() == ".csv" else _toml_entries
    entries = reader(file, name, problems)
    waivers = _read_entries(entries, name, problems)
    if problems:
        raise ConfigError(problems)
    return tuple(waivers)


# -- applying --------------------------------------------------------------------------------------


def apply_waivers(
    findings: Iterable[Finding], waivers: Sequence[Waiver], today: date, codes: Iterable[str] | None = None
) -> tuple[list[Finding], list[Finding], list[StaleWaiver]]:
    """``(active, waived, stale)``. Waived findings carry the waiver's reason in ``waived``.

    ``codes`` are the checks that ran: a waiver of a check that did not run is not "unused".
    The first waiver (file order) that covers a finding, has not expired and whose fingerprint
    (if any) matches accepts it.
    """
    active: list[Finding] = []
    waived: list[Finding] = []
    used: set[int] = set()
    mismatched: set[int] = set()
    findings_seen = list(findings)
    for finding in findings_seen:
        chosen = None
        for index, waiver in enumerate(waivers):
            if not waiver.covers(finding) or waiver.expired(today):
                continue
            # an L401 waiver holds by its place: its print, once a hash of the text the finding
            # quotes, went stale with a copy edit (found by QA of nightly runs across an upgrade)
            if (
                waiver.fingerprint
                and finding.code not in TEXT_SAMPLED
                and waiver.fingerprint not in finding.fingerprints
            ):
                mismatched.add(index)
                continue
            chosen = index
            break
        if chosen is None:
            active.append(finding)
        else:
            used.add(chosen)
            waived.append(replace(finding, waived=waivers[chosen].reason))
    ran = set(CATALOG if codes is None else codes)
    stale: list[StaleWaiver] = []
    for index, waiver in enumerate(waivers):
        if index in used:
            continue
        if waiver.expired(today):
            stale.append(StaleWaiver(waiver, "expired"))
        elif index in mismatched:
            stale.append(StaleWaiver(waiver, "evidence-changed"))
        elif waiver.code in ran:
            stale.append(StaleWaiver(waiver, "unused"))
    if any(item.status == "unused" for item in stale):  # say why, from indexes made once
        took = {
            (w.episode, w.locale, w.code, w.chapter): w
            for w in (waivers[i] for i in sorted(used, reverse=True))
        }
        by_code: dict[tuple[str, str], list[Finding]] = {}
        for finding in findings_seen:
            by_code.setdefault((finding.episode_id, finding.code), []).append(finding)
        stale = [
            replace(item, note=_unused_note(item.waiver, took, by_code)) if item.status == "unused" else item
            for item in stale
        ]
    return active, waived, stale


def _unused_note(
    waiver: Waiver, took: Mapping[tuple[str, ...], Waiver], by_code: Mapping[tuple[str, str], list[Finding]]
) -> str:
    """Why an unused waiver matched nothing, when the run can tell: an earlier waiver of the same
    finding took it (`59:53` and `00:59:53` are one chapter), or the finding is at other chapters
    than the waiver names (a C101 waiver without `chapter`) — both were only "unused" (found by QA
    of a team's configuration). ``took``: the used waivers by scope; ``by_code``: the findings by
    episode and code."""
    other = took.get((waiver.episode, waiver.locale, waiver.code, waiver.chapter))
    if other is not None and other is not waiver:
        return f"it repeats {other.where or 'an earlier waiver'}, which took the finding"
    if waiver.chapter == ANY_CHAPTER:
        return ""
    anywhere = replace(waiver, chapter=ANY_CHAPTER)
    found = {f.chapter_ts for f in by_code.get((waiver.episode, waiver.code), ()) if anywhere.covers(f)}
    elsewhere = sorted(found - {waiver.chapter})
    if not elsewhere:
        return ""
    shown = ", ".join(f"[{c}]" if c else "the variant" for c in elsewhere[:5])
    return f"its finding is at {shown}: give that `chapter`, or `*` for any"


@dataclass(frozen=True, slots=True)
class Suppressed:
    """The run's findings after waivers and the baseline."""

    active: tuple[Finding, ...]  # reported, count toward the exit code
    waived: tuple[Finding, ...]  # accepted by a waiver (``Finding.waived`` holds the reason)
    baselined: tuple[Finding, ...]  # already in the baseline file
    stale: tuple[StaleWaiver, ...]
    baseline_entries: int = 0  # findings the baseline file holds (0: no baseline)

    @property
    def scored(self) -> list[Finding]:
        """What the scores count: every finding except accepted (waived) ones."""
        return sorted([*self.active, *self.baselined])


def suppress(
    findings: Sequence[Finding],
    settings: Settings,
    today: date | None = None,
    codes: Sequence[str] | None = None,
) -> Suppressed:
    """Apply ``settings.waivers`` then ``settings.baseline``. Raises ConfigError on a bad file.
    ``codes``: the checks the run ran (default: the selection's) — a waiver of one it did not run,
    such as a diff check's in a team's file shared by ``check`` and ``diff``, is not "unused"."""
    waivers = load_waivers(settings.waivers) if settings.waivers else ()
    if codes is None:
        codes = select_codes(settings.select, settings.ignore)
    active, waived, stale = apply_waivers(findings, waivers, today or date.today(), codes)
    baselined: list[Finding] = []
    known: frozenset[Any] = frozenset()
    if settings.baseline:
        try:
            known = load_baseline(settings.baseline)
        except BaselineError as exc:
            raise ConfigError([str(exc)]) from None
        active, baselined = split_baseline(active, known)
    return Suppressed(
        tuple(sorted(active)), tuple(sorted(waived)), tuple(sorted(baselined)), tuple(stale), len(known)
    )


def preflight(settings: Settings) -> None:
    """Load the waivers and baseline files once so a broken one fails before the run starts."""
    if settings.waivers:
        load_waivers(settings.waivers)
    if settings.baseline:
        try:
            load_baseline(settings.baseline)
        except BaselineError as exc:
            raise ConfigError([str(exc)]) from None


def suppression_lines(result: Any) -> list[str]:
    """What the command line says about waivers and the baseline of a run (a RunResult)."""
    lines = []
    if result.waived or result.baselined:
        lines.append(f"waived: {len(result.waived)}; already in the baseline: {len(result.baselined)}")
    if result.baseline_entries and not result.baselined and result.findings:
        # a keys-only CSV or another catalog's report: every finding "new", and nothing said why
        # (found by QA of a team's configuration)
        lines.append(
            f"baseline: none of its {result.baseline_entries} entries matches a finding of this run "
            "(another catalog's report, or a file without episode, locale, code and chapter columns?)"
        )
    for stale in result.stale_waivers:
        w = stale.waiver
        chapter = f" [{w.chapter}]" if w.chapter else ""
        note = f"; {stale.note}" if stale.note else ""
        lines.append(
            f"stale waiver ({stale.status}): {w.code} {w.episode} {w.locale}{chapter} — {w.where}{note}"
        )
    return lines
