"""Command line: thin commands that parse options, call the library and return an exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage error or no
readable input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import click

from aligner import __version__
from aligner.checks import CATALOG, unknown_codes
from aligner.model import Severity
from aligner.pipeline import NoInputError, check_paths, exit_code, load
from aligner.report import DEFAULT_FORMATS, resolve_formats, write_reports
from aligner.report.atomic import write_text_atomic
from aligner.serialize import variant_to_dict
from aligner.settings import DEFAULT_SOURCE_LANG, DEFAULT_TOLERANCE_S, Settings

PROGRESS_MIN_FILES = 20


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def _progress(items: Iterable[str], total: int) -> Iterable[str]:
    """A progress bar on a terminal for long runs; silent when piped."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="page", file=sys.stderr, leave=False)


@click.group()
@click.version_option(__version__, prog_name="aligner")
def main() -> None:
    """Check the translations of a multilingual podcast-summary site."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source-lang", default=DEFAULT_SOURCE_LANG, show_default=True, help="Reference language.")
@click.option("--locale", default=None, help="Page locale of every input (else from path or UI strings).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Report folder [default: reports/<timestamp>/].",
)
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    help="Comma-separated report formats: csv, json, html.",
)
@click.option("--select", default=None, help="Only these check codes or prefixes (e.g. C1,E301).")
@click.option("--ignore", default=None, help="Skip these check codes or prefixes.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--tolerance",
    type=click.IntRange(0, 600),
    default=DEFAULT_TOLERANCE_S,
    show_default=True,
    help="Seconds a chapter timestamp may drift and still match.",
)
def check(
    paths: tuple[str, ...],
    source_lang: str,
    locale: str | None,
    out_dir: str | None,
    formats: str,
    select: str | None,
    ignore: str | None,
    fail_on: str,
    tolerance: int,
) -> None:
    """Check PATH... (files or folders of .txt, .md, .json pages) and write reports."""
    bad = unknown_codes(_codes(select) + _codes(ignore))
    if bad:
        raise click.UsageError(f"unknown check code(s): {', '.join(bad)} (see `aligner rules`)")
    try:
        resolve_formats(formats)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    settings = Settings(
        source_lang=source_lang.lower(),
        tolerance=tolerance,
        locale=locale.lower() if locale else None,
        select=_codes(select),
        ignore=_codes(ignore),
    )
    try:
        result = check_paths(paths, settings, _progress)
    except NoInputError as exc:
        click.echo(f"aligner: {exc}", err=True)
        sys.exit(2)
    target = Path(out_dir) if out_dir else Path("reports") / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    written = write_reports(result, target, formats)
    click.echo(
        f"{len(result.pages)} pages, {len(result.variants)} variants, {len(result.episodes)} episodes: "
        f"{result.count(Severity.ERROR)} errors, {result.count(Severity.WARNING)} warnings, "
        f"{result.count(Severity.INFO)} infos"
    )
    click.echo(f"reports: {target} ({', '.join(p.name for p in written)})")
    sys.exit(exit_code(result, fail_on))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--locale", default=None, help="Page locale of every input.")
@click.option(
    "-o", "output", type=click.Path(dir_okay=False), default=None, help="Write JSON here (default stdout)."
)
def parse(paths: tuple[str, ...], locale: str | None, output: str | None) -> None:
    """Parse PATH... and print the normalized variants as JSON (schemas/episode.schema.json)."""
    settings = Settings(locale=locale.lower() if locale else None)
    try:
        parsed = load(paths, settings, _progress)
    except NoInputError as exc:
        click.echo(f"aligner: {exc}", err=True)
        sys.exit(2)
    document = {"schema_version": 1, "variants": [variant_to_dict(v) for p in parsed for v in p.variants]}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    for page in parsed:
        for problem in page.problems:
            click.echo(f"{problem.code} {problem.message}", err=True)
    if output:
        write_text_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)
    sys.exit(2 if not any(p.variants for p in parsed) else 0)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the check catalog."""
    if fmt == "json":
        records = [
            {
                "code": c.code,
                "name": c.name,
                "severity": c.severity.value,
                "mqm": c.mqm,
                "what": c.docs.what,
                "why": c.docs.why,
                "example": c.docs.example,
                "instead": c.docs.instead,
            }
            for c in CATALOG.values()
        ]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for c in CATALOG.values():
        click.echo(f"{c.code}  {c.name:<24} {c.severity.value:<8} {c.docs.what}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show the documentation of one check (e.g. `aligner explain C101`)."""
    check_cls = CATALOG.get(code.upper())
    if check_cls is None:
        raise click.UsageError(f"unknown check code {code!r} (see `aligner rules`)")
    docs = check_cls.docs
    click.echo(
        f"{check_cls.code} {check_cls.name} (default severity: {check_cls.severity.value}; MQM: {check_cls.mqm})\n"
    )
    for heading, text in (
        ("What it does", docs.what),
        ("Why is this bad?", docs.why),
        ("Example", docs.example),
        ("Use instead", docs.instead),
    ):
        click.echo(f"## {heading}\n{text}\n")
