"""Nightly history: one embedded SQLite file with every run, its findings and its variant scores.

* **One file** (default ``reports/history.sqlite``), opened in WAL mode so readers (a report
  being built, an editor's query) never block the nightly writer and never see half a run: a run
  is written in one ``BEGIN IMMEDIATE`` transaction, and reads run inside one transaction each
  (one consistent snapshot). A busy timeout makes a second writer wait instead of failing.
* **Schema migrations**: the schema version is SQLite's ``PRAGMA user_version``. :data:`MIGRATIONS`
  holds ordered steps; opening a database applies the missing ones in one write transaction (two
  processes opening an old file at once migrate it once). A file from a newer aligner is refused.
* **Finding keys** identify "the same finding" across nights:
  ``episode_id|page_locale|code|chapter_ts|fingerprint``, the fingerprint the one waivers and
  baselines use (:func:`aligner.waivers.finding_fingerprint`: code, episode, locale, chapter and
  normalized evidence). Page-level findings use ``page:<file name>`` as the episode part, so
  snapshot folders may move from night to night.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aligner.findingkey import finding_key
from aligner.historyschema import MIGRATIONS, SCHEMA_VERSION
from aligner.model import Severity
from aligner.nightchanges import NightKeys, acceptance_changes, night_changes
from aligner.results import RunResult
from aligner.waivers import finding_fingerprint

DEFAULT_HISTORY = "reports/history.sqlite"
BUSY_TIMEOUT_S = 30.0


def _same_folder(recorded: str, given: str) -> bool:
    """Whether a snapshot path recorded for a run and one given now name the same folder: a retry
    spelled `snap/`, `./snap` or absolutely was recorded as another night, comparing the night
    with its own first attempt (found by QA of nightly runs)."""
    if recorded == given:
        return True
    if not recorded or not given:
        return False
    return (
        os.path.normpath(recorded) == os.path.normpath(given)
        or Path(recorded).resolve() == Path(given).resolve()
    )


def _change(name: str, old: Any, new: Any) -> str:
    """A setting that changed between two nights, and how when it is a list of checks: `checks
    (-S005)` said which of 40 checks a night ran without, where `checks` said nothing (found by
    QA of nightly runs)."""
    if name == "checks" and isinstance(old, list) and isinstance(new, list):
        moves = [f"-{code}" for code in sorted(set(old) - set(new))] + [
            f"+{code}" for code in sorted(set(new) - set(old))
        ]
        shown = ", ".join(moves[:6]) + (" …" if len(moves) > 6 else "")
        return f"checks ({shown})" if moves else name
    return name


class HistoryError(Exception):
    """The history database cannot be used (newer schema, not a database, …)."""


def settings_signature(settings: dict[str, Any]) -> str:
    """A short hash of a run's settings signature: equal hashes, comparable numbers."""
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    started_at: str
    snapshot: str
    signature: str
    errors: int
    warnings: int
    infos: int


# The findings of a run recorded, by what became of them: active ('' — the only ones counted),
# accepted by a waiver, or already in the --baseline.
_SUPPRESSION_STATES = (("findings", ""), ("waived", "waived"), ("baselined", "baseline"))


class History:
    """A connection to one history database; use as a context manager (closes on exit)."""

    def __init__(self, path: Path | str, timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise HistoryError(f"{self.path}: cannot open the history database ({exc})") from None
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except HistoryError:
            self._db.close()
            raise
        except sqlite3.Error as exc:
            self._db.close()
            raise HistoryError(f"{self.path}: cannot open the history database ({exc})") from exc

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- transactions and schema ---------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: a second writer waits for the lock)."""
        with self._usable():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same committed state."""
        with self._usable():
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("COMMIT")

    @contextmanager
    def _usable(self) -> Iterator[None]:
        """SQLite's errors as ``HistoryError`` (a clear line and exit 2, not a traceback and exit 1,
        which says "new errors"): a database another process holds past the busy timeout, or one
        damaged inside (its header intact)."""
        try:
            yield
        except sqlite3.Error as exc:
            raise HistoryError(
                f"{self.path}: the history cannot be used ({exc}): another run may hold it, or the file "
                "is damaged (restore a copy, or give another --history)"
            ) from exc

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply the missing migration steps, in order, in one transaction."""
        if self.version == SCHEMA_VERSION:
            return
        with self.write() as db:
            current = self.version  # re-read under the lock: another process may have migrated
            if current > SCHEMA_VERSION:
                raise HistoryError(
                    f"{self.path}: schema version {current} is newer than this aligner's ({SCHEMA_VERSION}): "
                    "upgrade aligner, or give another --history"
                )
            for step in MIGRATIONS:
                if step.version > current:
                    for statement in step.statements:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {int(step.version)}")

    # -- writing -------------------------------------------------------------------------------

    def record_run(
        self, result: RunResult, snapshot: str, started_at: str, previous_snapshot: str = ""
    ) -> int:
        """Store one run (its counts, findings and variant scores) atomically; return its id. A
        run of the night recorded last — the same snapshot and
        previous snapshot, the same day (UTC), the same settings — replaces it: a night run again (after a failed
        job, say) had been recorded twice and compared with itself, so its new errors were gone
        and it exited 0."""
        counts = {s: result.count(s) for s in Severity}
        with self.write() as db:
            replaced = self._same_night(db, snapshot, previous_snapshot, started_at, result.settings)
            if replaced is not None:
                for table in ("findings", "variant_scores"):
                    db.execute(f"DELETE FROM {table} WHERE run_id = ?", (replaced,))
                db.execute("DELETE FROM runs WHERE id = ?", (replaced,))
            cursor = db.execute(
                "INSERT INTO runs (started_at, snapshot, signature, errors, warnings, infos, settings_json,"
                " previous_snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    started_at,
                    snapshot,
                    settings_signature(result.settings),
                    counts[Severity.ERROR],
                    counts[Severity.WARNING],
                    counts[Severity.INFO],
                    json.dumps(result.settings, sort_keys=True, ensure_ascii=False),
                    previous_snapshot,
                ),
            )
            run_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO findings (run_id, key, episode_id, page_locale, code, chapter_ts, severity,"
                " fingerprint, message, suppressed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        finding_key(f),
                        f.episode_id,
                        f.page_locale,
                        f.code,
                        f.chapter_ts,
                        f.severity.value,
                        finding_fingerprint(f),
                        f.message,
                        suppressed,
                    )
                    for findings, suppressed in _SUPPRESSION_STATES
                    for f in getattr(result, findings)
                ],
            )
            db.executemany(
                "INSERT INTO variant_scores (run_id, episode_id, page_locale, lang, is_reference, score,"
                " quality, coverage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        r.episode_id,
                        r.page_locale,
                        r.lang,
                        int(r.is_reference),
                        r.score,
                        r.quality,
                        r.coverage,
                    )
                    for r in result.variant_rows
                ],
            )
        return run_id

    def same_night(
        self, snapshot: str, previous_snapshot: str, started_at: str, settings: dict[str, Any]
    ) -> int | None:
        """The run ``record_run`` would replace for this night (None: it adds one)."""
        with self.read() as db:
            return self._same_night(db, snapshot, previous_snapshot, started_at, settings)

    def _same_night(
        self,
        db: sqlite3.Connection,
        snapshot: str,
        previous_snapshot: str,
        started_at: str,
        settings: dict[str, Any],
    ) -> int | None:
        """The id of the last run when it was this night's (see ``record_run``), else None."""
        row = db.execute(
            "SELECT id, snapshot, previous_snapshot, started_at, signature FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        run_id, last_snapshot, last_previous, last_started, signature = row
        same = (
            _same_folder(last_snapshot, snapshot)
            and _same_folder(last_previous, previous_snapshot)
            and (str(last_started)[:10], signature) == (started_at[:10], settings_signature(settings))
        )
        return int(run_id) if same else None

    # -- reading -------------------------------------------------------------------------------

    def runs(self, limit: int | None = None, upto: int | None = None) -> list[RunRecord]:
        """The last ``limit`` runs (all by default) up to run ``upto``, oldest first."""
        with self.read() as db:
            return self._runs(db, limit, upto)

    def _runs(self, db: sqlite3.Connection, limit: int | None, upto: int | None) -> list[RunRecord]:
        rows = db.execute(
            "SELECT id, started_at, snapshot, signature, errors, warnings, infos FROM runs"
            " WHERE id <= ? ORDER BY id DESC LIMIT ?",
            (upto if upto is not None else 2**62, limit if limit is not None else -1),
        ).fetchall()
        return [RunRecord(*row) for row in reversed(rows)]

    def finding_keys(self, run_id: int) -> dict[str, str]:
        """Finding key → severity (the worst one when a key occurs twice) of one run."""
        with self.read() as db:
            return self._keys(db, run_id)

    def _keys(self, db: sqlite3.Connection, run_id: int) -> dict[str, str]:
        keys: dict[str, str] = {}
        query = "SELECT key, severity FROM findings WHERE run_id = ? AND suppressed = ''"
        for key, severity in db.execute(query, (run_id,)):
            if key not in keys or Severity(severity).rank > Severity(keys[key]).rank:
                keys[key] = severity
        return keys

    def trends(self, run_id: int, nights: int) -> dict[str, Any]:
        """``RunResult.trends`` for run ``run_id``: the last ``nights`` runs up to it (oldest
        first) with counts by severity and code and mean scores per locale, and the finding keys
        new and fixed since the run before it (both empty for the first run: it is the baseline)."""
        nights = max(nights, 1)
        with self.read() as db:
            window = self._runs(db, nights + 1, run_id)  # one extra: the "previous" of the oldest night
            if not window or window[-1].id != run_id:
                raise HistoryError(f"{self.path}: no run {run_id}")
            nights_keys = {run.id: self._night_keys(db, run.id) for run in window}
            previous_of = {run.id: (window[i - 1] if i else None) for i, run in enumerate(window)}
            entries = []
            for run in window[-nights:]:
                before = previous_of[run.id]
                changes = None
                if before is not None:
                    changes = night_changes(nights_keys[before.id], nights_keys[run.id])
                entries.append(self._night(db, run, changes))
            current = nights_keys[run_id]
            previous = previous_of[run_id]
            new_set: set[str] = set()
            fixed_set: set[str] = set()
            accepted: set[str] = set()
            returned: set[str] = set()
            if previous is not None:
                new_set, fixed_set = night_changes(nights_keys[previous.id], current)
                accepted, returned = acceptance_changes(nights_keys[previous.id], current)
            fixed = sorted(fixed_set)
            messages = self._messages(db, previous.id, fixed) if previous is not None else {}
            new = sorted(new_set)
            changed = self._settings_changed(db, previous.id, run_id) if previous is not None else []
            in_baseline = self._suppressed(db, run_id, "baseline") if accepted else frozenset()
        return {
            "nights": entries,
            "new": new,
            "fixed": fixed,
            # what each fixed finding said the night before: the report can name it, not only key it
            "fixed_messages": messages,
            "new_errors": [k for k in new if current.keys[k] == Severity.ERROR.value],
            # active the night before, accepted tonight by a waiver, or by the baseline: not fixed
            # (a baseline's findings were "newly waived": found by QA of nightly runs)
            "waived": sorted(accepted - in_baseline),
            "baselined": sorted(accepted & in_baseline),
            # accepted the night before, active again tonight (the waiver ended): not new
            "unwaived": sorted(returned),
            "previous_run_id": str(previous.id) if previous is not None else None,
            "settings_changed": previous is not None and previous.signature != window[-1].signature,
            # the settings (of ``Settings.signature``) that differ from the night before
            "settings_changes": changed,
        }

    def _night_keys(self, db: sqlite3.Connection, run_id: int) -> NightKeys:
        return NightKeys(
            self._keys(db, run_id),
            self._present(db, run_id),
            self._checks(db, run_id),
            self._suppressed(db, run_id),
        )

    def _settings_changed(self, db: sqlite3.Connection, before: int, after: int) -> list[str]:
        """The settings that differ between two runs, by name, a change of checks with its codes
        (``_change``); empty when a run predates them."""
        found = [self._settings(db, run_id) for run_id in (before, after)]
        if not all(found):
            return []
        old, new = found
        return [
            _change(name, old.get(name), new.get(name))
            for name in sorted({*old, *new})
            if old.get(name) != new.get(name)
        ]

    def _settings(self, db: sqlite3.Connection, run_id: int) -> dict[str, Any]:
        row = db.execute("SELECT settings_json FROM runs WHERE id = ?", (run_id,)).fetchone()
        try:
            settings = json.loads(row[0]) if row is not None else None
        except ValueError:
            return {}
        return settings if isinstance(settings, dict) else {}

    def _suppressed(self, db: sqlite3.Connection, run_id: int, kind: str = "") -> frozenset[str]:
        """The keys of the findings a waiver or the baseline accepted in run ``run_id`` (``kind``:
        only those of ``waived`` or ``baseline``)."""
        query = "SELECT DISTINCT key FROM findings WHERE run_id = ? AND suppressed != ''"
        if kind:
            query += " AND suppressed = ?"
        return frozenset(key for (key,) in db.execute(query, (run_id, kind) if kind else (run_id,)))

    def _checks(self, db: sqlite3.Connection, run_id: int) -> frozenset[str] | None:
        """The check codes run ``run_id`` ran (None for a run recorded before they were kept)."""
        checks = self._settings(db, run_id).get("checks")
        return frozenset(checks) if isinstance(checks, list) else None

    def _messages(self, db: sqlite3.Connection, run_id: int, keys: Sequence[str]) -> dict[str, str]:
        """The message of each of ``keys`` in run ``run_id`` (empty for runs before messages were kept)."""
        wanted = set(keys)
        found: dict[str, str] = {}
        for key, message in db.execute("SELECT key, message FROM findings WHERE run_id = ?", (run_id,)):
            if key in wanted and message and key not in found:
                found[key] = message
        return dict(sorted(found.items()))

    def _present(self, db: sqlite3.Connection, run_id: int) -> set[tuple[str, str]]:
        """(episode, page locale) of every variant the run checked."""
        query = "SELECT DISTINCT episode_id, page_locale FROM variant_scores WHERE run_id = ?"
        return {(episode, locale) for episode, locale in db.execute(query, (run_id,))}

    def _night(
        self, db: sqlite3.Connection, run: RunRecord, changes: tuple[set[str], set[str]] | None
    ) -> dict[str, Any]:
        """One night of the trends; ``changes``: its new and fixed keys (None: the first night)."""
        by_code = dict(
            db.execute(
                "SELECT code, COUNT(*) FROM findings WHERE run_id = ? AND suppressed = '' GROUP BY code ORDER BY code",
                (run.id,),
            ).fetchall()
        )
        scores = {
            locale: round(float(mean), 1)
            for locale, mean in db.execute(
                "SELECT page_locale, AVG(score) FROM variant_scores WHERE run_id = ? AND is_reference = 0"
                " AND score IS NOT NULL GROUP BY page_locale ORDER BY page_locale",
                (run.id,),
            )
        }
        return {
            "run_id": str(run.id),
            "started_at": run.started_at,
            "snapshot": run.snapshot,  # the folder the night read: its reports name pages relative to it
            "errors": run.errors,
            "warnings": run.warnings,
            "infos": run.infos,
            "by_code": by_code,
            "scores": scores,
            "new": len(changes[0]) if changes is not None else 0,
            "fixed": len(changes[1]) if changes is not None else 0,
        }
