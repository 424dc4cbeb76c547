"""The check catalog: every check family module registers its checks here on import."""

from __future__ import annotations

from aligner.checks import (  # noqa: F401  (registration)
    chapters,
    content,
    damage,
    entities,
    language,
    length,
    numbers,
    pagehealth,
    quotes,
    regressions,
    scrape,
    structure,
    summary,
    terms,
    textchanges,
)
from aligner.checks.base import REGISTRY, Check, Docs, EpisodeContext

CATALOG: dict[str, type[Check]] = dict(sorted(REGISTRY.items()))


def select_codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[str]:
    """Codes enabled by ``--select``/``--ignore``; both take codes or prefixes (``E3``, ``C10``)."""
    chosen = [c for c in CATALOG if not select or any(c.startswith(s.upper()) for s in select)]
    return [c for c in chosen if not any(c.startswith(s.upper()) for s in ignore)]


def check_codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[str]:
    """The codes a ``check`` run executes: the selection without the snapshot-diff checks."""
    return [c for c in select_codes(select, ignore) if CATALOG[c].scope != "diff"]


def unknown_codes(patterns: tuple[str, ...]) -> list[str]:
    return [p for p in patterns if not any(c.startswith(p.upper()) for c in CATALOG)]


__all__ = ["CATALOG", "Check", "Docs", "EpisodeContext", "check_codes", "select_codes", "unknown_codes"]
