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

from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from aligner.heap import freezing
from aligner.model import Finding
from aligner.report.atomic import write_bytes_atomic
from aligner.report.html_episode import EpisodePage, RunIndex, episode_page
from aligner.report.html_findings import SEVERITIES, finding_views
from aligner.report.html_links import EPISODE_DIR, EpisodeLinks, episode_links, finding_fragment
from aligner.report.html_overview import filter_options, locales, matrix
from aligner.report.html_trends import build_trends
from aligner.report.summary import code_counts, severity_counts
from aligner.results import RunResult

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
    return Environment(
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


def episode_pages(result: RunResult) -> dict[str, EpisodePage]:
    """Episode id → page model, in episode order."""
    links = episode_links(result.episodes)
    active, waived = _by_episode(result.findings), _by_episode(result.waived)
    index = RunIndex.of(result)
    return {
        episode.episode_id: episode_page(
            result,
            episode,
            links[episode.episode_id],
            active.get(episode.episode_id, []),
            waived.get(episode.episode_id, []),
            index,
        )
        for episode in freezing(result.episodes)  # the models live until the site is written
    }


def _href(pages: Mapping[str, EpisodePage], links: Mapping[str, EpisodeLinks]) -> Callable[[Finding], str]:
    """Where the overview links a finding: its chapter row, else its variant, else its page."""

    def href(finding: Finding) -> str:
        page = pages.get(finding.episode_id)
        if page is None:
            return ""
        fragment = finding_fragment(finding, links[finding.episode_id], page.anchors)
        return f"{page.file}#{fragment}" if fragment else page.file

    return href


def context(result: RunResult, pages: Mapping[str, EpisodePage] | None = None) -> dict[str, Any]:
    """Everything the overview shows, as plain strings, numbers and small records."""
    pages = episode_pages(result) if pages is None else pages
    links = episode_links(result.episodes)
    views = finding_views(result.findings, result.waived, _href(pages, links))
    columns = locales(result)
    return {
        "root": "",
        "csp": CSP,
        "page_title": "aligner report",
        "by_severity": severity_counts(result.findings),
        "by_code": code_counts(result.findings),
        "waived_count": len(result.waived),
        "counts": {
            "findings": len(result.findings),
            "episodes": len(result.episodes),
            "variants": len(result.variants),
            "pages": len(result.pages),
        },
        "locales": columns,
        "matrix": matrix(result, columns, pages, views),
        "findings": views,
        "severities": SEVERITIES,
        "options": filter_options(views, result),
        "pages": [page for page in result.pages if page.error],
        "settings": [(str(key), setting_text(value)) for key, value in result.settings.items()],
        "trends": build_trends(result.trends),
    }


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
    """Every file of the HTML report: relative path → bytes."""
    env = make_environment()
    pages = episode_pages(result)
    files: dict[str, bytes] = {
        FILENAME: env.get_template(TEMPLATE).render(context(result, pages)).encode("utf-8")
    }
    for page in pages.values():
        files[page.file] = render_episode(page, env).encode("utf-8")
    for name in STATIC_FILES:
        files[name] = (STATIC_DIR / name).read_bytes()
    return files


class HtmlReporter:
    """Writes ``index.html``, ``episodes/*.html``, ``report.css`` and ``report.js``."""

    name: str = "html"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        out = Path(out_dir)
        files = render_site(result)
        if any(name.startswith(f"{EPISODE_DIR}/") for name in files):
            (out / EPISODE_DIR).mkdir(parents=True, exist_ok=True)
        return [write_bytes_atomic(out / name, data) for name, data in files.items()]
