"""The history database's schema: ordered migration steps (``aligner.history`` applies the missing
ones when it opens a file; the schema version is SQLite's ``PRAGMA user_version``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "runs and their findings",
        (
            """CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at TEXT NOT NULL,
                snapshot TEXT NOT NULL,
                signature TEXT NOT NULL,
                errors INTEGER NOT NULL,
                warnings INTEGER NOT NULL,
                infos INTEGER NOT NULL
            )""",
            """CREATE TABLE findings (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                episode_id TEXT NOT NULL,
                page_locale TEXT NOT NULL,
                code TEXT NOT NULL,
                chapter_ts TEXT NOT NULL,
                severity TEXT NOT NULL,
                fingerprint TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "variant scores per run; indexes by run",
        (
            """CREATE TABLE variant_scores (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                episode_id TEXT NOT NULL,
                page_locale TEXT NOT NULL,
                lang TEXT NOT NULL,
                is_reference INTEGER NOT NULL,
                score REAL,
                quality REAL,
                coverage REAL
            )""",
            "CREATE INDEX findings_by_run ON findings(run_id)",
            "CREATE INDEX variant_scores_by_run ON variant_scores(run_id)",
        ),
    ),
    Migration(
        3,
        "full settings signature and previous snapshot per run; finding messages",
        (
            "ALTER TABLE runs ADD COLUMN settings_json TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE runs ADD COLUMN previous_snapshot TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE findings ADD COLUMN message TEXT NOT NULL DEFAULT ''",
        ),
    ),
    Migration(
        4,
        "findings a waiver or the baseline accepted, kept apart from the active ones",
        # '' active, 'waived', 'baseline': a finding waived tonight is not fixed, and one whose
        # waiver ended is not new (found by QA of nightly runs)
        ("ALTER TABLE findings ADD COLUMN suppressed TEXT NOT NULL DEFAULT ''",),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
