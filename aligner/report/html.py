"""HTML reporter: a self-contained folder of static pages for editors.

Writes, next to the CSV and JSON files::

    index.html              overview: counts, episodes × locales matrix, findings table, trends
    episodes/<stem>.html    one page per episode: reference and each variant side by side
    report.css, report.js   the only style sheet and script, copied from ``report/static/``

Everything opens from ``file://`` with no network: a Content-Security-Policy meta tag on every
page allows scripts and styles from the report's own files only (no inline script, no inline
style, no remote load, no images, no forms, no ``<base>``). The script only toggles attributes
of rows rendered here and sets ``textContent``; it never builds markup from data.

Scraped text is hostile. The jinja2 environment autoescapes every template (``.j2`` included)
and the templates never mark data ``|safe``; this module hands them plain strings, numbers and
small records only. Episode file names come from :mod:`aligner.report.filenames`. Every file is
written through :mod:`aligner.report.atomic`, and nothing time-dependent is written, so the same
result gives byte-identical files.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from aligner.cache import RunCache
from aligner.checks import CATALOG
from aligner.heap import freezing
from aligner.locales import direction
from aligner.model import Episode, Finding
from aligner.report.atomic import FSYNC_BATCH, write_bytes_atomic, write_files_atomic
from aligner.report.html_episode import EpisodePage, PageLinks, RunIndex, episode_page
from aligner.report.html_findings import SEVERITIES, finding_views
from aligner.report.html_links import EPISODE_DIR, EpisodeLinks, episode_links, finding_fragment
from aligner.report.html_overview import filter_options, locales, matrix
from aligner.report.html_trends import build_trends, changes, trend_keys
from aligner.report.lanes import side_by_side
from aligner.report.pagecache import StoredPage, page_key, store_page, stored_entry
from aligner.report.summary import code_counts, severity_counts
from aligner.results import RunResult, failing, verdict

T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATE = "index.html.j2"
EPISODE_TEMPLATE = "episode.html.j2"
FILENAME = "index.html"
STATIC_FILES: tuple[str, ...] = ("report.css", "report.js")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def make_environment() -> Environment:
    """A jinja2 environment that escapes everything: ``.html``, ``.j2``, strings and unknowns."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "j2"),
            default_for_string=True,
            default=True,
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["direction"] = direction  # right-to-left text: `dir="rtl"` on its cells
    return environment


def setting_text(value: object) -> str:
    """A settings value as plain text: lists joined by commas, mappings as ``key=value``."""
    if isinstance(value, Mapping):
        return ", ".join(f"{key}={setting_text(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return ",".join(setting_text(item) for item in items)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _by_episode(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.episode_id].append(finding)
    return grouped


@dataclass(frozen=True, slots=True)
class _Run:
    """What every episode page reads of the run, worked out once (and inherited by the shards).
    The ``RunIndex`` reads an episode's chapter rows (unpickling them) only when its page is
    rendered, and a cached re-run renders few pages or none."""

    links: dict[str, EpisodeLinks]
    active: dict[str, list[Finding]]
    waived: dict[str, list[Finding]]
    index: RunIndex

    @classmethod
    def of(cls, result: RunResult) -> _Run:
        links = episode_links(result.episodes)
        return cls(links, _by_episode(result.findings), _by_episode(result.waived), RunIndex.of(result))

    def page(self, result: RunResult, episode: Episode) -> EpisodePage:
        key = episode.episode_id
        active, waived = self.active.get(key, []), self.waived.get(key, [])
        return episode_page(result, episode, self.links[key], active, waived, self.index)

    def page_key(self, episode: Episode, outcome_key: str) -> str:
        """The cache key of ``episode``'s page (``aligner.report.pagecache``)."""
        key = episode.episode_id
        rows = [self.index.variant_rows.get(variant.key) for variant in episode.variants]
        return page_key(
            outcome_key, self.links[key], self.active.get(key, []), self.waived.get(key, []), rows
        )


def episode_pages(result: RunResult) -> dict[str, EpisodePage]:
    """Episode id → page model, in episode order."""
    run = _Run.of(result)
    # the models live until the site is written: kept out of the collector's scans
    return {episode.episode_id: run.page(result, episode) for episode in freezing(result.episodes)}


def _href(pages: Mapping[str, PageLinks], links: Mapping[str, EpisodeLinks]) -> Callable[[Finding], str]:
    """Where the overview links a finding: its chapter row, else its variant, else its page."""

    def href(finding: Finding) -> str:
        page = pages.get(finding.episode_id)
        if page is None:
            return ""
        fragment = finding_fragment(finding, links[finding.episode_id], page.anchors)
        return f"{page.file}#{fragment}" if fragment else page.file

    return href


def context(result: RunResult, pages: Mapping[str, PageLinks] | None = None) -> dict[str, Any]:
    """Everything the overview shows, as plain strings, numbers and small records. ``pages``:
    what it links to on each episode page (``EpisodePage.links``)."""
    if pages is None:
        pages = {key: page.links() for key, page in episode_pages(result).items()}
    links = episode_links(result.episodes)
    heading = report_heading(result)
    new_keys = frozenset(trend_keys(result.trends, "new"))
    views = finding_views(result.findings, result.waived, _href(pages, links), new_keys)
    new_changes, fixed_changes = changes(result.trends, views)
    columns = locales(result)
    return {
        "root": "",
        "csp": CSP,
        "page_title": f"aligner · {heading}",
        "heading": heading,
        # the gate's verdict, as the command line ends with it (none when no command gated the run)
        "verdict": verdict(result, result.fail_on) if result.fail_on else "",
        "verdict_state": _verdict_state(result),
        "snapshot": result.snapshot,
        "by_severity": severity_counts(result.findings),
        "by_code": code_counts(result.findings),
        "waived_count": len(result.waived),
        # findings a --baseline already holds: not listed, not gating, still counted in the scores
        # and the cells (an editor saw "0 errors" above cells of "1 error" and no word of why)
        "baselined_count": len(result.baselined),
        "counts": {
            "findings": len(result.findings),
            "episodes": len(result.episodes),
            "variants": len(result.variants),
            "pages": len(result.pages),
        },
        "locales": columns,
        "matrix": matrix(result, columns, pages, views),
        "findings": sorted(views, key=lambda view: -view.rank),  # errors first, else report order
        "severities": SEVERITIES,
        "options": filter_options(views, result),
        "pages": [page for page in result.pages if page.error],
        # waivers that matched nothing, expired, or whose finding's evidence changed (report.json's
        # ``stale_waivers``): an editor reading the report must see them, not only stderr
        "stale_waivers": [stale.to_record() for stale in result.stale_waivers],
        "settings": [(str(key), setting_text(value)) for key, value in result.settings.items()],
        # what else the run read, as report.json's "run" (aligner.runinputs): to reproduce the report
        "inputs": [(str(key), setting_text(value)) for key, value in result.inputs.items() if value],
        "trends": build_trends(result.trends),
        "new_changes": new_changes,
        "fixed_changes": fixed_changes,
        "nightly": result.trends is not None,
    }


def _verdict_state(result: RunResult) -> str:
    """``fail``, ``pass`` or ``never`` (not gated): the verdict's colour (empty: no verdict)."""
    if result.fail_on in ("", "never"):
        return result.fail_on
    return "fail" if failing(result, result.fail_on) else "pass"


def render_html(result: RunResult, environment: Environment | None = None) -> str:
    """The overview page (``index.html``)."""
    env = environment if environment is not None else make_environment()
    return env.get_template(TEMPLATE).render(context(result))


def render_episode(page: EpisodePage, environment: Environment | None = None) -> str:
    env = environment if environment is not None else make_environment()
    return env.get_template(EPISODE_TEMPLATE).render(
        root="../", csp=CSP, page_title=f"{page.title} · aligner report", page=page
    )


def render_site(result: RunResult) -> dict[str, bytes]:
    """Every file of the HTML report: relative path → bytes (``HtmlReporter`` writes the same)."""
    env = make_environment()
    pages = episode_pages(result)
    links = {key: page.links() for key, page in pages.items()}
    files: dict[str, bytes] = {
        FILENAME: env.get_template(TEMPLATE).render(context(result, links)).encode("utf-8")
    }
    for page in pages.values():
        files[page.file] = render_episode(page, env).encode("utf-8")
    for name in STATIC_FILES:
        files[name] = (STATIC_DIR / name).read_bytes()
    return files


MIN_SHARD = 32  # episodes; fewer are rendered here (a fork costs more)


class HtmlReporter:
    """Writes ``index.html``, ``episodes/*.html``, ``report.css`` and ``report.js``.

    With ``jobs > 1`` the episode pages are rendered in contiguous shards side by side (the
    first here, the others in forked children: ``aligner.report.lanes``); each shard writes its
    pages a batch at a time, their fsyncs issued together (``atomic.write_files_atomic``: an
    ``fsync`` after each page slowed the rendering by a third), and takes from ``cache`` the
    pages an earlier run rendered from the same inputs (``aligner.report.pagecache``).
    The overview links into every page. In a re-run that finds all but a few pages stored
    (``RENDERED_FIRST``), those few are rendered first, so every page's links (``PageLinks``) are
    known and the overview is rendered while the others write the pages. Otherwise it is rendered
    last, from the links each shard sends back, so no process holds every page model. The same
    files for any ``jobs``."""

    name: str = "html"
    weight: float = 14.0  # seconds for 10,000 variants (2 cores, 2026-12-06): a lane of its own

    def write(
        self, result: RunResult, out_dir: Path, jobs: int = 1, cache: RunCache | None = None
    ) -> list[Path]:
        out = Path(out_dir)
        if result.episodes:
            (out / EPISODE_DIR).mkdir(parents=True, exist_ok=True)
        run = _Run.of(result)
        keys = _page_keys(result, run, cache)
        ready = _pages_ready(result, run, keys, cache)
        if ready is None:  # pages to render: the overview waits for the links the shards send back
            shards = _shards(list(zip(result.episodes, keys, [None] * len(keys), strict=True)), jobs)
            done = side_by_side(
                [functools.partial(_write_pages, result, run, shard, out, cache) for shard in shards], jobs
            )
            links = {key: page for _paths, shard_links in done for key, page in shard_links.items()}
            index = _write_overview(result, links, out)
            pages = [path for paths, _links in done for path in paths]
        else:  # every page's links known: the overview is rendered while the pages are written
            links = {episode.episode_id: page_links for episode, _key, (_page, page_links) in ready}
            shards = _shards(ready, max(1, jobs - 1))
            written = side_by_side(
                [
                    functools.partial(_overview_lane, result, links, out),
                    *(functools.partial(_write_pages, result, run, shard, out, cache) for shard in shards),
                ],
                jobs,
            )
            index, pages = written[0][0], [path for paths, _links in written[1:] for path in paths]
        static = [write_bytes_atomic(out / name, (STATIC_DIR / name).read_bytes()) for name in STATIC_FILES]
        return [*index, *pages, *static]


RENDERED_FIRST = 256  # pages a re-run renders before the overview, so that it is rendered beside the writing

# A page ready to write: its bytes (rendered) or its stored entry (decompressed when written), and
# its links.
Ready = tuple[bytes | StoredPage, PageLinks]


def _pages_ready(
    result: RunResult, run: _Run, keys: Sequence[str | None], cache: RunCache | None
) -> list[tuple[Episode, str | None, Ready]] | None:
    """Each episode with its page key and its page ready to write, when ``cache`` holds all but at
    most ``RENDERED_FIRST`` of the pages (those are rendered here, and stored): then every page's
    links are known before any is written. None when more are missing (a first run)."""
    if cache is None:
        return None
    entries: list[tuple[Episode, str | None, StoredPage | None]] = []
    missing = 0
    for episode, key in zip(result.episodes, keys, strict=True):
        entry = stored_entry(cache, key) if key is not None else None
        missing += entry is None
        if missing > RENDERED_FIRST:
            return None
        entries.append((episode, key, entry))
    env = make_environment()
    return [
        (
            episode,
            key,
            (entry, entry.links) if entry is not None else _render(result, run, episode, key, cache, env),
        )
        for episode, key, entry in entries
    ]


def _write_overview(result: RunResult, links: Mapping[str, PageLinks], out: Path) -> list[Path]:
    """Write ``index.html``, which links to ``links`` on the episode pages."""
    overview = make_environment().get_template(TEMPLATE).render(context(result, links))
    return [write_bytes_atomic(out / FILENAME, overview.encode("utf-8"))]


def _overview_lane(
    result: RunResult, links: Mapping[str, PageLinks], out: Path
) -> tuple[list[Path], dict[str, PageLinks]]:
    """``_write_overview`` as a lane beside ``_write_pages``: its paths, and no links."""
    return _write_overview(result, links, out), {}


def _page_keys(result: RunResult, run: _Run, cache: RunCache | None) -> list[str | None]:
    """Each episode's page key, in episode order: None without a cache, or for an episode without
    an outcome key (``RunResult.episode_keys``)."""
    outcome_keys = result.episode_keys
    if cache is None or len(outcome_keys) != len(result.episodes):
        return [None] * len(result.episodes)
    return [
        run.page_key(episode, key) if key else None
        for episode, key in zip(result.episodes, outcome_keys, strict=True)
    ]


def _shards(episodes: Sequence[T], jobs: int) -> list[Sequence[T]]:
    """``episodes`` cut into ``jobs`` contiguous runs (one when there are few): joined in order,
    they are the episode order, so the paths and links come back in it."""
    count = max(1, min(jobs, len(episodes) // MIN_SHARD))
    bounds = [len(episodes) * k // count for k in range(count + 1)]
    return [episodes[start:end] for start, end in itertools.pairwise(bounds)]


def _write_pages(
    result: RunResult,
    run: _Run,
    episodes: Sequence[tuple[Episode, str | None, Ready | None]],
    out: Path,
    cache: RunCache | None = None,
) -> tuple[list[Path], dict[str, PageLinks]]:
    """Write the pages of ``episodes`` (each with its page key, or None, and its page when ready);
    their paths, and what the overview links to. A page not ready is taken from ``cache`` when
    stored there (``aligner.report.pagecache``), else rendered and stored. Pages are written a
    batch at a time (``atomic.FSYNC_BATCH``): a shard held all its pages until the end, ≈ 200 MB
    of the 10k run's peak per shard."""
    env = make_environment()
    rendered: dict[Path, bytes] = {}
    written: list[Path] = []
    links: dict[str, PageLinks] = {}
    for episode, key, ready in episodes:
        data, page_links = _page(result, run, episode, key, ready, cache, env)
        rendered[out / page_links.file] = data
        links[episode.episode_id] = page_links
        if len(rendered) >= FSYNC_BATCH:
            written += write_files_atomic(rendered)
            rendered.clear()
    return written + write_files_atomic(rendered), links


def _page(
    result: RunResult,
    run: _Run,
    episode: Episode,
    key: str | None,
    ready: Ready | None,
    cache: RunCache | None,
    env: Environment,
) -> tuple[bytes, PageLinks]:
    """``episode``'s page and links: ``ready``, else stored in ``cache``, else rendered. A stored
    page whose bytes are damaged is rendered again (the same inputs make the same links)."""
    if ready is None and cache is not None and key is not None:
        entry = stored_entry(cache, key)
        ready = (entry, entry.links) if entry is not None else None
    if ready is not None:
        page, links = ready
        data = page if isinstance(page, bytes) else page.page()
        if data is not None:
            return data, links
    return _render(result, run, episode, key, cache, env)


def _render(
    result: RunResult, run: _Run, episode: Episode, key: str | None, cache: RunCache | None, env: Environment
) -> tuple[bytes, PageLinks]:
    """``episode``'s page, rendered (and stored in ``cache`` under ``key``), and its links."""
    page = run.page(result, episode)
    data, links = render_episode(page, env).encode("utf-8"), page.links()
    if cache is not None and key is not None:
        store_page(cache, key, data, links)
    return data, links


def report_heading(result: RunResult) -> str:
    """What the overview is: an ``aligner diff`` runs the snapshot comparisons (R6xx) alone, and
    its report is about scraping regressions, not a translation QA (its scores are context)."""
    checks = result.settings.get("checks")
    if (
        isinstance(checks, list)
        and checks
        and all(code in CATALOG and CATALOG[code].scope == "diff" for code in checks)
    ):
        return "Scraping regressions report"
    return "Translation QA report"
