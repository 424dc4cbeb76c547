"""Which findings of tonight are new, and which of the night before are fixed.

A finding is known across nights by its key, ``episode|locale|code|chapter|fingerprint``
(``aligner.findingkey``). Comparing two nights' keys is more than a set difference:

* a snapshot comparison (R6xx) reports a change between two nights: it is new when it appears,
  never fixed when it does not recur;
* a card no longer checked (gone from its page) took its findings with it, and fixed none;
* a page locale that kept its region (``pt`` → ``pt-br``, 2026-12-07) carries its language's keys
  on: neither new nor fixed;
* a check one of the nights did not run (``--select``) has neither new nor fixed findings.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from aligner.checks import CATALOG
from aligner.fingerprint import TEXT_SAMPLED
from aligner.locales import language_of

Keys = Mapping[str, str]  # finding key → severity


@dataclass(frozen=True, slots=True)
class NightKeys:
    """What one night's run recorded of its findings."""

    keys: Keys  # the active findings' keys → severity
    present: Set[tuple[str, str]] | None = None  # (episode, page locale) of every variant checked
    checks: frozenset[str] | None = None  # the checks run (None: not recorded)
    accepted: Set[str] = frozenset()  # keys of findings a waiver or the baseline accepted


def night_changes(before: NightKeys, tonight: NightKeys) -> tuple[set[str], set[str]]:
    """(new, fixed): the keys of tonight new since the night ``before``, and the keys of that night
    fixed tonight. A finding waived (or baselined) tonight is not fixed, and one whose waiver ended
    is not new: ``acceptance_changes`` names them (found by QA of nightly runs: a waiver written
    during the day counted its findings fixed, and their return when it expired as new errors)."""
    new = _outside(new_keys(before.keys, tonight.keys, before.checks), before.accepted)
    fixed = _outside(fixed_keys(before.keys, tonight.keys, tonight.present, tonight.checks), tonight.accepted)
    return new, fixed


def _outside(keys: set[str], accepted: Set[str]) -> set[str]:
    """``keys`` but those ``accepted`` holds, by ``_accepted_as`` (an L401 waived on the night its
    fingerprint scheme changed was "fixed": found by a review session)."""
    held = {_accepted_as(key) for key in accepted}
    return {key for key in keys if _accepted_as(key) not in held}


def _accepted_as(key: str) -> str:
    """What a waiver or the baseline accepts of a key: its identity with the page locale as its
    language — a `ja/` folder renamed `ja-JP/` the night a waiver ended made its 60 findings new
    errors (found by QA of nightly runs across an upgrade)."""
    identity = _identity(key)
    return _language_key(identity) or identity


def acceptance_changes(before: NightKeys, tonight: NightKeys) -> tuple[set[str], set[str]]:
    """(accepted, returned): keys active the night before that a waiver or the baseline accepts
    tonight, and keys accepted the night before that are active again tonight (the waiver expired
    or was removed)."""
    active_before = {_accepted_as(key) for key in before.keys}
    active_now = {_accepted_as(key) for key in tonight.keys}
    accepted_before = {_accepted_as(key) for key in before.accepted}
    accepted = {
        key
        for key in tonight.accepted
        if _accepted_as(key) in active_before and _accepted_as(key) not in active_now
    }
    returned = {
        key
        for key in tonight.keys
        if _accepted_as(key) in accepted_before and _accepted_as(key) not in active_before
    }
    return accepted, returned


def new_keys(before: Keys, now: Keys, checks_before: frozenset[str] | None = None) -> set[str]:
    """Keys of ``now`` not in ``before``, but a regional key whose language's key was there (the
    same finding: page locales kept their region from 2026-12-07 on, `pt` → `pt-br`) and a
    language's key whose regional key was there (a site that renamed its `ja-JP/` folder back to
    `ja/`), and but those of a check the night before did not run."""
    regional = {_language_key(key) for key in before} - {None}
    known = {_identity(key) for key in before}
    return _checked_by(
        {
            key
            for key in set(now) - set(before)
            if _language_key(key) not in before and key not in regional and _identity(key) not in known
        },
        checks_before,
    )


def fixed_keys(
    before: Keys, now: Keys, present: Set[tuple[str, str]] | None = None, checks: frozenset[str] | None = None
) -> set[str]:
    """Keys of ``before`` gone from ``now``, but those of snapshot comparisons (R6xx): such a finding
    reports a change between two nights, and its absence the next night says only that nothing
    changed again — the quote lost last night is still lost. With ``present`` (the episode and
    locale of every variant checked now), also but those of a variant no longer checked: a card
    that vanished from its page (R601) took its findings with it, and fixed none. With ``checks``
    (the checks run now), but those of a check not run now."""
    if present is not None:  # a `pt` key of a night before regional locales: its pt-br variant
        present = {*present, *((episode, language_of(locale)) for episode, locale in present)}
    gone = {
        key
        for key in _gone(before, now)
        if not _is_change(key) and (present is None or _still_checked(key, present))
    }
    return _checked_by(gone, checks)


def _gone(before: Keys, now: Keys) -> set[str]:
    """Keys of ``before`` not in ``now``, but a language's key that a regional key now carries on."""
    carried = {_language_key(key) for key in set(now) - set(before)}
    kept = {_identity(key) for key in now}
    return {key for key in set(before) - set(now) if key not in carried and _identity(key) not in kept}


def _identity(key: str) -> str:
    """A key without its fingerprint for a check whose fingerprint once hashed a sample of the
    text (``aligner.fingerprint.TEXT_SAMPLED``): the night after the upgrade, every L401 was fixed
    and new again — new errors, exit 1 — for its fingerprint alone. Any other key is itself."""
    if _code_of(key) not in TEXT_SAMPLED:
        return key
    return key.rsplit("|", 1)[0] + "|"


def _language_key(key: str) -> str | None:
    """``ep|pt|C|ch|fp`` of the regional key ``ep|pt-br|C|ch|fp`` (the fingerprint hashes the
    language only), None for a key without a region."""
    parts = key.rsplit("|", 4)
    if len(parts) != 5 or "-" not in parts[1]:
        return None
    return "|".join((parts[0], language_of(parts[1]), *parts[2:]))


def _still_checked(key: str, present: Set[tuple[str, str]]) -> bool:
    episode, locale = key.rsplit("|", 3)[0].rsplit("|", 1) if key.count("|") >= 4 else ("", "")
    return episode.startswith("page:") or (episode, locale) in present


def _is_change(key: str) -> bool:
    check = CATALOG.get(_code_of(key))
    return check is not None and check.scope == "diff"


def _code_of(key: str) -> str:
    return key.rsplit("|", 3)[1] if key.count("|") >= 4 else ""  # episode|locale|code|chapter|fingerprint


def _checked_by(keys: set[str], checks: frozenset[str] | None) -> set[str]:
    """``keys`` of findings of the ``checks`` a night ran (all of them when it is not recorded): a
    finding of a check the other night did not run is neither new nor fixed — a night run with
    `--select E3` had "fixed" every other finding, and the next full night found them all "new"."""
    return keys if checks is None else {key for key in keys if _code_of(key) in checks}
