"""Scraping regressions: compare two snapshots of the same site (``aligner diff OLD NEW``).

A *snapshot* is a folder (or one file) of scraped pages. Pages are matched by their path
relative to the snapshot root; within a page, cards are matched by explicit episode id, then by
normalized title, then by chapter-timestamp signature (as in :mod:`aligner.pair`), never by
position — so a page whose cards were re-ordered matches card for card. Each matched card gets
its chapters aligned old → new (offset 0: on a re-scrape every timestamp change is a change).
The R6xx checks (:mod:`aligner.checks.regressions`) then read the matches; the result is a
:class:`~aligner.results.RunResult` of the new snapshot, so every reporter works unchanged.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from aligner.align import align_chapters, estimate_offset
from aligner.cache import RunCache, code_fingerprint, digest, open_cache
from aligner.cardmoves import across_pages, carried_chapters
from aligner.checks import CATALOG, check_codes, select_codes
from aligner.checks.diffcontext import DiffContext, PageMatch, VariantMatch
from aligner.execution import variant_digest
from aligner.heap import frozen_heap
from aligner.locales import language_of
from aligner.model import ChapterPair, Episode, Finding, Variant
from aligner.pair import MERGE_THRESHOLD, normalize_title, signature_score
from aligner.parse import ParsedPage
from aligner.pipeline import (
    Analysis,
    Checked,
    NoInputError,
    Progress,
    analyse,
    apply_severity,
    check_analysis,
    load,
    no_progress,
    run_checks,
    run_result,
    score,
)
from aligner.results import RunResult
from aligner.runinputs import run_inputs
from aligner.settings import Settings
from aligner.waivers import suppress

HEALTH_KIND = "health"  # cache entries: a snapshot's parse health
HEALTH_CODES = ("S",)  # scrape-health checks whose findings count towards a page's parse health
_HOW_RANK = {"id": 0, "title": 1, "signature": 2}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One snapshot, parsed and analysed, with its pages keyed by path relative to the root."""

    root: str
    analysis: Analysis
    pages: dict[str, ParsedPage]
    issues: dict[str, tuple[str, ...]]  # relative path -> parse notes and S0xx findings

    @property
    def parsed(self) -> tuple[ParsedPage, ...]:
        return self.analysis.parsed

    def episode_of(self) -> dict[str, Episode]:
        return {v.key: e for e in self.analysis.episodes for v in e.variants}


def relative_page(path: str, root: str) -> str:
    """A page's path relative to its snapshot root, with forward slashes."""
    base = Path(root)
    if base.is_file():
        return Path(path).name
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def load_snapshot(
    root: str,
    settings: Settings,
    progress: Progress | None = None,
    jobs: int = 1,
    cache: RunCache | str | None = None,
    health: bool = True,
) -> Snapshot:
    """Read, parse and analyse a snapshot (in ``jobs`` workers, unchanged pages from ``cache``),
    with its pages' parse health (``with_health``; without it when ``health`` is false).
    A folder without pages is an empty snapshot (every episode vanished); a path that does not
    exist raises :class:`NoInputError`.

    The pages of a folder are named relative to it (``es/page.md``), in the reports too: nightly
    snapshots lie in a new folder each night (``snapshots/2026-12-07/``), and so their pages keep
    their names, their cache entries and their rows from one night to the next."""
    if not Path(root).exists():
        raise NoInputError(f"snapshot not found: {root}")
    folder = Path(root).is_dir()
    try:
        parsed = load([root], settings, progress or no_progress, jobs, cache, root if folder else None)
    except NoInputError:
        parsed = []
    analysis = analyse(parsed, settings, cache)
    pages = {p.page.path if folder else relative_page(p.page.path, root): p for p in analysis.parsed}
    snapshot = Snapshot(root, analysis, pages, {})
    return with_health(snapshot, settings, cache=cache) if health else snapshot


def with_health(
    snapshot: Snapshot,
    settings: Settings,
    checked: Sequence[Finding] | None = None,
    cache: RunCache | str | None = None,
) -> Snapshot:
    """``snapshot`` with each page's parse notes and scrape-health (S0xx) findings. ``checked``:
    the snapshot's findings under ``settings``, when it has been checked; its S0xx findings are
    the health checks' when every one of them ran with no per-locale setting (severities do not
    matter: an issue is its code and message), and they are not run again. With ``cache``, the
    issues are stored: tonight's snapshot is tomorrow night's previous one."""
    store = open_cache(cache)
    if store is None:
        return replace(snapshot, issues=_issues(snapshot, settings, checked))
    key = _health_key(snapshot, settings)
    issues = store.get(HEALTH_KIND, key)
    if not isinstance(issues, dict):
        issues = _issues(snapshot, settings, checked)
        store.put(HEALTH_KIND, key, issues)
    return replace(snapshot, issues=issues)


def _health_settings(settings: Settings) -> Settings:
    return replace(settings, select=HEALTH_CODES, ignore=(), severity={}, locales={})


def _health_key(snapshot: Snapshot, settings: Settings) -> str:
    """What a snapshot's parse health depends on: every page as parsed (its variants by their
    digests), the settings of the health checks and the glossary they name (it takes part in the
    alignment), the code. Not the snapshot's folder."""
    pages = [
        (
            repr(p.page),
            repr(p.problems),
            repr(p.chrome),
            p.variant_digests or tuple(map(variant_digest, p.variants)),
        )
        for p in snapshot.parsed
    ]
    codes = check_codes(HEALTH_CODES, ())
    glossary = b""
    if settings.glossary:
        with contextlib.suppress(OSError):
            glossary = Path(settings.glossary).read_bytes()
    return digest(
        HEALTH_KIND, code_fingerprint(), _health_settings(settings).signature(codes), glossary, pages
    )


def _issues(
    snapshot: Snapshot, settings: Settings, checked: Sequence[Finding] | None
) -> dict[str, tuple[str, ...]]:
    """Each page's parse notes and scrape-health findings (see ``with_health``)."""
    health_codes = check_codes(HEALTH_CODES, ())
    if (
        checked is not None
        and not settings.locales
        and set(health_codes) <= set(check_codes(settings.select, settings.ignore))
    ):
        health = [f for f in checked if f.code in health_codes]
    else:
        health = run_checks(snapshot.analysis, _health_settings(settings))
    by_path: dict[str, list[str]] = {}
    for finding in health:
        by_path.setdefault(finding.source_path, []).append(f"{finding.code} {finding.message}")
    return {
        rel: tuple(
            [f"note: {note}" for v in page.variants for note in v.parse_notes]
            + sorted(by_path.get(page.page.path, []))
        )
        for rel, page in snapshot.pages.items()
    }


def _chapter_pairs(before: Variant, after: Variant, tolerance: int) -> tuple[ChapterPair, ...]:
    """A card's chapters aligned old → new, under the constant shift that explains most of them
    (``estimate_offset``: 0 unless one clearly does): a page whose every timestamp moved by 8 s is
    one change (R603 "moved by +8 s"), not each chapter gone and another added."""
    old = sorted(before.chapters, key=lambda c: c.ts)
    new = sorted(after.chapters, key=lambda c: c.ts)
    offset = estimate_offset([c.ts for c in old], [c.ts for c in new], tolerance)
    return tuple(align_chapters(old, new, tolerance, offset))


def match_cards(
    old: Sequence[Variant], new: Sequence[Variant], tolerance: int
) -> list[tuple[Variant | None, Variant | None, str]]:
    """Pair the cards of one page: id, then title, then chapter signature; greedy, best first (every
    pair of cards scored; an unchanged page takes ``_unchanged_cards``)."""
    candidates: list[tuple[int, float, int, int, int, str]] = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            how, strength = _affinity(a, b, tolerance)
            if how:
                candidates.append((_HOW_RANK[how], -strength, abs(i - j), i, j, how))
    pairs: list[tuple[Variant | None, Variant | None, str]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _rank, _strength, _distance, i, j, how in sorted(candidates):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i], new[j], how))
    pairs.extend((a, None, "") for i, a in enumerate(old) if i not in used_old)
    pairs.extend((None, b, "") for j, b in enumerate(new) if j not in used_new)
    return pairs


def _unchanged_cards(
    old: Sequence[Variant], new: Sequence[Variant], tolerance: int
) -> list[tuple[Variant | None, Variant | None, str]]:
    """``match_cards`` of a page whose cards did not change (most pages of a nightly snapshot),
    without comparing every card with every other: each card pairs with itself. A card matches
    itself at least as well as any other card (the same id, the same title, the highest
    signature score), and at distance 0, so the greedy pairing takes it first."""
    found = sorted(
        (_HOW_RANK[how], -strength, index, how)
        for index, card in enumerate(old)
        for how, strength in [_affinity(card, card, tolerance)]
        if how
    )
    pairs: list[tuple[Variant | None, Variant | None, str]] = [(old[i], new[i], how) for *_k, i, how in found]
    matched = {i for *_k, i, _how in found}
    pairs.extend((a, None, "") for i, a in enumerate(old) if i not in matched)
    pairs.extend((None, b, "") for j, b in enumerate(new) if j not in matched)
    return pairs


def _affinity(a: Variant, b: Variant, tolerance: int) -> tuple[str, float]:
    if a.episode_id or b.episode_id:
        return ("id", 1.0) if a.episode_id == b.episode_id else ("", 0.0)
    title = normalize_title(a.title)
    if title and title == normalize_title(b.title):
        return "title", 1.0
    strength = signature_score(a, b, tolerance)
    return ("signature", strength) if strength >= MERGE_THRESHOLD else ("", 0.0)


def _single_file_as(old: Snapshot, new: Snapshot) -> Snapshot:
    """Two one-file snapshots (``aligner diff page-old.txt page-new.txt``) compare their files
    whatever their names: the old page takes the new page's key."""
    if not (Path(old.root).is_file() and Path(new.root).is_file() and len(old.pages) == len(new.pages) == 1):
        return old
    (key,) = new.pages
    ((_, page),) = old.pages.items()
    ((_, issues),) = old.issues.items()
    return replace(old, pages={key: page}, issues={key: issues})


def _same(before: Variant | None, after: Variant | None, page_unchanged: bool = False) -> bool:
    """Whether a card is on both sides and equal (``page_unchanged``: its page's cards are known
    equal): the diff checks skip it (``DiffContext.matched``)."""
    return before is not None and after is not None and (page_unchanged or before == after)


def build_context(old: Snapshot, new: Snapshot, settings: Settings) -> DiffContext:
    old = _single_file_as(old, new)
    old_episodes, new_episodes = old.episode_of(), new.episode_of()
    moves = _moved_pages(old, new)  # new path → old path
    moved_away = set(moves.values())
    pages: list[PageMatch] = []
    variants: list[VariantMatch] = []
    for rel in sorted((set(old.pages) - moved_away) | set(new.pages)):
        before_rel = moves.get(rel, rel)
        old_page, new_page = old.pages.get(before_rel), new.pages.get(rel)
        pages.append(
            PageMatch(
                rel,
                old_page,
                new_page,
                old.issues.get(before_rel, ()),
                new.issues.get(rel, ()),
                before_rel if before_rel != rel else "",
            )
        )
        old_cards, new_cards = old_page.variants if old_page else (), new_page.variants if new_page else ()
        unchanged = old_cards == new_cards  # most pages of a nightly: compared once, not card by card
        pair = _unchanged_cards if unchanged else match_cards
        pairs = pair(old_cards, new_cards, settings.tolerance)
        carried = {} if unchanged else carried_chapters(pairs, old_cards, settings.tolerance)
        for before, after, how in pairs:
            current = after if after is not None else before
            assert current is not None
            episode = (new_episodes if after is not None else old_episodes).get(current.key)
            chapters = ()
            same = _same(before, after, unchanged)
            if before is not None and after is not None and not same:
                chapters = _chapter_pairs(before, after, settings.tolerance)
            variants.append(
                VariantMatch(
                    page=rel,
                    old=before,
                    new=after,
                    episode_id=episode.episode_id if episode else "",
                    episode_title=episode.title if episode else current.title,
                    ref_lang=episode.ref_lang if episode else current.lang,
                    how=how,
                    chapters=chapters,
                    same=same,
                    carries=carried.get(id(after)),
                )
            )
    return DiffContext(
        tuple(pages), tuple(across_pages(variants, settings.tolerance, _chapter_pairs)), settings
    )


def _moved_pages(old: Snapshot, new: Snapshot) -> dict[str, str]:
    """Pages that changed path (``es/list.txt`` → ``es-ES/list.txt``, a renamed file): a page of
    the new snapshot alone and one of the old snapshot alone, of one language, that share most of
    their card titles (``MOVE_OVERLAP`` of all titles of both), the best such pair with no tie —
    new path → old path. Each of the old cards was "gone" and each new one "new", and neither
    finding named the other path; a moved page that also lost a card now says only that."""
    gone = [rel for rel in old.pages if rel not in new.pages]
    added = [rel for rel in new.pages if rel not in old.pages]
    if not gone or not added:
        return {}
    titles: dict[str, frozenset[str]] = {}
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)  # (language, title) → old pages
    for rel in gone:
        language, cards = _page_identity(old.pages[rel])
        titles[rel] = frozenset(cards)
        for title in titles[rel]:
            holders[language, title].append(rel)
    moves: dict[str, str] = {}
    for rel in sorted(added):
        language, cards = _page_identity(new.pages[rel])
        mine = frozenset(cards)
        shared = Counter(g for t in mine for g in holders.get((language, t), ()) if g not in moves.values())
        ranked = sorted(
            ((count / (len(titles[g]) + len(mine) - count), g) for g, count in shared.items()), reverse=True
        )
        if ranked and ranked[0][0] >= MOVE_OVERLAP and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
            moves[rel] = ranked[0][1]  # never a guess between two equally good old pages
    return moves


MOVE_OVERLAP = 0.5  # share of both pages' card titles that a moved page keeps


def _page_identity(page: ParsedPage) -> tuple[str, tuple[str, ...]]:
    """The language of a page's locale (``es/`` → ``es-ES/`` is a move) and its card titles."""
    language = language_of(page.page.locale)
    return language, tuple(sorted(normalize_title(v.title) for v in page.variants if v.title))


def diff_codes(settings: Settings) -> list[str]:
    """The enabled diff-scope check codes (``--select``/``--ignore`` apply)."""
    return [c for c in select_codes(settings.select, settings.ignore) if CATALOG[c].scope == "diff"]


def compare(old: Snapshot, new: Snapshot, settings: Settings) -> list[Finding]:
    """Every R6xx finding between two snapshots, severity overrides applied, sorted."""
    ctx = build_context(old, new, settings)
    findings: list[Finding] = []
    for code in diff_codes(settings):
        findings.extend(CATALOG[code]().run_diff(ctx))
    return sorted(apply_severity(findings, settings))


def snapshot_result(
    snapshot: Snapshot,
    findings: Sequence[Finding],
    settings: Settings,
    codes: Sequence[str],
    checked: Checked | None = None,
) -> RunResult:
    """A run result for ``snapshot`` holding ``findings`` of the checks ``codes`` (waivers and the
    baseline applied as in ``aligner check``; scores and counts from the snapshot, taken from
    ``checked`` when the snapshot was checked already)."""
    analysis = snapshot.analysis
    suppressed = suppress(sorted(findings), settings, codes=codes)
    scores, words = (checked.scores, checked.words) if checked is not None else (None, None)
    chapters, variant_rows = score(analysis, suppressed.scored, settings, scores, words)
    fragments, keys = (checked.fragments, checked.keys) if checked is not None else ((), ())
    signature = settings.signature(list(codes))
    result = run_result(signature, analysis, suppressed, chapters, variant_rows, fragments, keys)
    result = replace(result, inputs=run_inputs(settings))
    return replace(result, snapshot=snapshot.root) if Path(snapshot.root).is_dir() else result


def diff_paths(
    old_root: str,
    new_root: str,
    settings: Settings,
    progress: Progress | None = None,
    jobs: int = 1,
    cache: RunCache | str | None = None,
) -> RunResult:
    """``aligner diff``: the R6xx findings of NEW against OLD, as a run result of NEW (pages
    parsed and NEW's chapters scored in ``jobs`` workers, reused from ``cache``)."""
    for root in (old_root, new_root):  # both said before either is read
        if not Path(root).exists():
            raise NoInputError(f"snapshot not found: {root}")
    with frozen_heap():  # both snapshots live as long as the run (see aligner.heap)
        old = load_snapshot(old_root, settings, progress, jobs, cache)
        new = load_snapshot(new_root, settings, progress, jobs, cache)
        if not old.pages and not new.pages:
            raise NoInputError(f"no input files in {old_root} or {new_root}")
        scored = check_analysis(new.analysis, settings, jobs, cache, codes=())  # scores only
        return snapshot_result(new, compare(old, new, settings), settings, diff_codes(settings), scored)
