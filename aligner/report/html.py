"""HTML reporter: a self-contained ``index.html`` for editors.

One page, inline CSS, no external resources and no JavaScript (a Content-Security-Policy meta
tag forbids both): counts by severity and by check code, an episodes-by-locales matrix, the
findings table (each row carries ``data-code``, ``data-severity`` and ``data-locale`` for
filtering) and the settings signature.

Scraped text is hostile. The jinja2 environment autoescapes every template (``.j2`` included)
and the template never marks data ``|safe``; this module hands the template plain strings and
numbers only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from aligner.report.atomic import write_bytes_atomic
from aligner.report.summary import code_counts, severity_counts
from aligner.results import RunResult, VariantRow

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "index.html.j2"
FILENAME = "index.html"


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


@dataclass(frozen=True, slots=True)
class CellEntry:
    """One variant in a matrix cell."""

    lang: str
    score: str  # "ref" for the reference, "" when there is no score
    errors: int
    warnings: int
    infos: int
    worst: str  # "error", "warning", "info" or "ok"
    source_path: str


@dataclass(frozen=True, slots=True)
class MatrixRow:
    episode_id: str
    title: str
    cells: tuple[tuple[CellEntry, ...], ...]  # one per locale column; empty: no variant


def worst_of(errors: int, warnings: int, infos: int) -> str:
    if errors:
        return "error"
    if warnings:
        return "warning"
    if infos:
        return "info"
    return "ok"


def cell_class(entries: tuple[CellEntry, ...]) -> str:
    """The CSS class of a matrix cell: its worst entry, or ``missing`` when it is empty."""
    if not entries:
        return "missing"
    order = ("error", "warning", "info", "ok")
    return min((entry.worst for entry in entries), key=order.index)


def _entry(row: VariantRow) -> CellEntry:
    if row.is_reference:
        score = "ref"
    elif row.score is None:
        score = ""
    else:
        score = f"{row.score:.1f}"
    return CellEntry(
        lang=row.lang,
        score=score,
        errors=row.errors,
        warnings=row.warnings,
        infos=row.infos,
        worst=worst_of(row.errors, row.warnings, row.infos),
        source_path=row.source_path,
    )


def locales(result: RunResult) -> list[str]:
    """Matrix columns: every page locale seen on a page or a variant, sorted."""
    return sorted({page.locale for page in result.pages} | {row.page_locale for row in result.variant_rows})


def matrix(result: RunResult, columns: list[str]) -> list[MatrixRow]:
    """Rows in episode order; variant rows of episodes the run did not list come last."""
    titles: dict[str, str] = {episode.episode_id: episode.title for episode in result.episodes}
    for row in result.variant_rows:
        titles.setdefault(row.episode_id, row.episode_title)
    grouped: dict[tuple[str, str], list[CellEntry]] = {}
    for row in result.variant_rows:
        grouped.setdefault((row.episode_id, row.page_locale), []).append(_entry(row))
    return [
        MatrixRow(
            episode_id=episode_id,
            title=title,
            cells=tuple(tuple(grouped.get((episode_id, locale), ())) for locale in columns),
        )
        for episode_id, title in titles.items()
    ]


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


def context(result: RunResult) -> dict[str, Any]:
    """Everything the template shows, as plain strings, numbers and small records."""
    columns = locales(result)
    return {
        "by_severity": severity_counts(result.findings),
        "by_code": code_counts(result.findings),
        "counts": {
            "findings": len(result.findings),
            "episodes": len(result.episodes),
            "variants": len(result.variants),
            "pages": len(result.pages),
        },
        "locales": columns,
        "matrix": matrix(result, columns),
        "cell_class": cell_class,
        "findings": [finding.to_record() for finding in result.findings],
        "pages": [page for page in result.pages if page.error],
        "settings": [(str(key), setting_text(value)) for key, value in result.settings.items()],
    }


def render_html(result: RunResult, environment: Environment | None = None) -> str:
    env = environment if environment is not None else make_environment()
    return env.get_template(TEMPLATE).render(context(result))


class HtmlReporter:
    """Writes ``index.html``."""

    name: str = "html"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        text = render_html(result)
        return [write_bytes_atomic(Path(out_dir) / FILENAME, text.encode("utf-8"))]
