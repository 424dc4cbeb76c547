"""A stable short hash of a finding's identity and evidence (waivers, baselines, nightly diffs).

The fingerprint keys on what survives a re-scrape — check code, episode id, the page locale's
language (``pt`` of ``pt-br``: a waiver or baseline entry written before regional pages kept
their tags still matches; the locale itself tells the regions apart), chapter timestamp — plus
the evidence (the message when there is no evidence), normalized so that
whitespace, Unicode width and case do not matter. It deliberately leaves out the source path and
the card position: re-ordering a page or moving it to another folder keeps every fingerprint.
When the evidence itself changes, the fingerprint changes, and a waiver bound to it stops
applying — but for the checks of ``TEXT_SAMPLED`` (L401), whose evidence is a sample of the page's
text rather than the problem: their fingerprint leaves it out. ``earlier_fingerprints`` gives the
prints a finding had under earlier schemes, which waivers and baselines still match.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from aligner.locales import language_of

FINGERPRINT_LENGTH = 12  # hex digits (48 bits): unique enough within one catalog, short to copy
_SPACES = re.compile(r"\s+")


def normalize_evidence(text: str) -> str:
    """NFKC, casefold, whitespace collapsed, a clipping ellipsis dropped."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return folded.removesuffix("…").removesuffix("...").rstrip()


FingerprintInputs = tuple[str, str, str, str, str, str]  # code, episode, locale, chapter, evidence, message
# Fingerprints worked out already, by their inputs: the episode workers hash their findings and
# send the fingerprints back with them (the cache keeps them too), so the report's two lanes, the
# waivers and the baseline look them up instead of hashing every finding again. Keyed by the
# inputs themselves, an entry never stands for another finding, whatever was replaced in it.
_KNOWN: dict[FingerprintInputs, str] = {}
MAX_KNOWN = 1 << 18  # entries (~ 60 MB); forgotten all at once beyond


def fingerprint(
    code: str, episode_id: str, page_locale: str, chapter_ts: str, evidence: str, message: str
) -> str:
    """``fingerprint("L401", "ep", "es", "", "Sebastian Mallaby spent…", "…")`` → 12 hex digits."""
    known = _KNOWN.get((code, episode_id, page_locale, chapter_ts, evidence, message))
    if known is not None:
        return known
    # a region's findings keep the language's prints (``pt`` of ``pt-br``)
    return _digest(code, episode_id, language_of(page_locale), chapter_ts, evidence, message)


def tag_fingerprint(
    code: str, episode_id: str, page_locale: str, chapter_ts: str, evidence: str, message: str
) -> str:
    """The fingerprint as it was computed with the whole locale tag (``es-mx``) hashed."""
    return _digest(code, episode_id, page_locale.strip().lower(), chapter_ts, evidence, message)


def earlier_fingerprints(
    code: str, episode_id: str, page_locale: str, chapter_ts: str, evidence: str, message: str
) -> tuple[str, ...]:
    """The fingerprints the finding had under earlier schemes, so that waivers and baseline entries
    written then still match: with the whole locale tag (``es-mx``) hashed, for a regional page;
    with the evidence hashed, for a check of ``TEXT_SAMPLED`` (until 2026-12-07)."""
    if "-" not in page_locale and code.strip().upper() not in TEXT_SAMPLED:
        return ()  # the only scheme there has been
    now = fingerprint(code, episode_id, page_locale, chapter_ts, evidence, message)
    locales = dict.fromkeys((language_of(page_locale), page_locale.strip().lower()))
    schemes = dict.fromkeys((None, False))  # None: this check's own scheme; False: evidence hashed
    prints = (
        _digest(code, episode_id, locale, chapter_ts, evidence, message, sampled)
        for locale in locales
        for sampled in schemes
    )
    return tuple(p for p in dict.fromkeys(prints) if p != now)


# Checks whose evidence samples the page's text rather than naming the problem: an untranslated
# variant (L401) quotes its summary, and a copy edit of that English summary is no new problem — it
# made the L401 new against a baseline, a fingerprinted waiver stale and a nightly new error (found
# by QA of a team's configuration). Code, episode, language and chapter identify such a finding.
TEXT_SAMPLED = frozenset({"L401"})


def _digest(
    code: str,
    episode_id: str,
    locale: str,
    chapter_ts: str,
    evidence: str,
    message: str,
    sampled: bool | None = None,
) -> str:
    code = code.strip().upper()
    if sampled is None:
        sampled = code in TEXT_SAMPLED
    parts = [
        code,
        episode_id.strip(),
        locale,
        chapter_ts.strip(),
        "" if sampled else normalize_evidence(evidence or message),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def remember(known: Iterable[tuple[FingerprintInputs, str]]) -> None:
    """Take ``(inputs, fingerprint(*inputs))`` pairs worked out elsewhere (in a worker)."""
    if len(_KNOWN) > MAX_KNOWN:
        _KNOWN.clear()
    _KNOWN.update(known)
