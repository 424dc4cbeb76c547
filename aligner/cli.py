"""Command line: thin commands that parse options, call the library and return an exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage error or no
readable input.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from aligner import __version__
from aligner.baseline import BaselineError, read_findings
from aligner.checks import CATALOG, unknown_codes
from aligner.cli_snapshots import diff, nightly
from aligner.cli_support import (
    StoppableGroup,
    alone_line,
    config_failure,
    counted,
    fail,
    given_fields,
    language_code,
    language_codes,
    language_options,
    note_lines,
    parse_codes,
    parse_notes_line,
    progress_bar,
    publish_reports,
    report_target,
    require_checks,
    run_cache,
    say,
    summary_counts,
    tolerant_streams,
    worker_options,
    write_output,
    written_line,
)
from aligner.config import ConfigError, configure, range_text
from aligner.gatelines import failing_lines, forced_locale_line
from aligner.glossary import GlossaryError
from aligner.locales import language_of
from aligner.pipeline import NoInputError, check_paths, exit_code, load
from aligner.pool import resolve_jobs
from aligner.report import DEFAULT_FORMATS, resolve_formats
from aligner.results import verdict
from aligner.serialize import variant_to_dict
from aligner.settings import DEFAULT_TOLERANCE_S, Settings
from aligner.shown import json_text, terminal_text
from aligner.waivers import suppression_lines
from aligner.waivertemplate import waiver_template


@click.group(cls=StoppableGroup)
@click.version_option(__version__, prog_name="aligner")
def main() -> None:
    """Check the translations of a multilingual podcast-summary site."""
    tolerant_streams()


@main.command(short_help="Check pages and write the reports (the pre-publish gate).")
@click.argument("paths", nargs=-1, required=True)
@language_options
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
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file [default: ./aligner.toml, else [tool.aligner] in ./pyproject.toml].",
)
@click.option("--waivers", type=click.Path(dir_okay=False), default=None, help="Waivers file (TOML or CSV).")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="A previous findings.csv or report.json: report only findings not in it.",
)
@click.option(
    "--glossary",
    type=click.Path(dir_okay=False),
    default=None,
    help="Glossary CSV, one column per language (header: language codes, e.g. en,es,ja,zh).",
)
@worker_options
@click.option("--force", is_flag=True, help="Replace a report already in --out (else exit 2).")
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
    config_file: str | None,
    waivers: str | None,
    baseline: str | None,
    glossary: str | None,
    jobs: int,
    cache_dir: str | None,
    no_cache: bool,
    force: bool,
) -> None:
    """Check PATH... (files or folders of .txt, .md, .json pages) and write reports.

    Exit 1 when a finding is at or above --fail-on (default: error), else 0; 2 for a usage error
    or no readable input (no episode in any page: the reports still say why). A bad file never
    stops the run: it is a finding.
    """
    bad = unknown_codes(parse_codes(select) + parse_codes(ignore))
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
        select=parse_codes(select),
        ignore=parse_codes(ignore),
        fail_on=fail_on,
        waivers=waivers,
        baseline=baseline,
        glossary=glossary,
    )
    try:
        settings = configure(settings, given_fields(click.get_current_context()), config_file)
    except ConfigError as exc:
        config_failure(exc)
    require_checks(settings, "check", lambda scope: scope != "diff")
    target = report_target(out_dir, force, formats)  # before the run, not after it
    store = run_cache(cache_dir, no_cache)
    workers = resolve_jobs(jobs)
    try:
        result = check_paths(paths, settings, progress_bar, workers, store)
    except NoInputError as exc:
        fail(exc)
    except ConfigError as exc:  # a waivers/baseline file changed under the run
        config_failure(exc)
    except GlossaryError as exc:
        fail(exc)
    result = replace(result, fail_on=settings.fail_on)  # the HTML overview opens with the verdict
    written = publish_reports(result, target, formats, force, workers, cache=store)
    if store is not None:
        store.prune()
    say(
        f"{counted(len(result.pages), 'page')}, {counted(len(result.variants), 'variant')}, "
        f"{counted(len(result.episodes), 'episode')}: {summary_counts(result)}"
    )
    say(written_line(target, written))
    if settings.config_path:  # which file set what the options did not (report.json's run.config)
        say(f"config: {settings.config_path}", err=True)
    for line in suppression_lines(result):
        say(line, err=True)
    for line in filter(None, (parse_notes_line(result.variants), alone_line(result))):
        say(line, err=True)
    for line in failing_lines(result, settings.fail_on):
        say(line, err=True)
    forced = forced_locale_line(result, settings.locale)
    if forced is not None:
        say(forced, err=True)
    say(verdict(result, settings.fail_on))
    if not result.variants:  # every input unreadable or without an episode: nothing was checked
        say(
            f"aligner: no readable input: no episode in {counted(len(result.pages), 'page')} (see the reports)",
            err=True,
        )
        sys.exit(2)
    sys.exit(exit_code(result, settings.fail_on))


@main.command(short_help="Write a waivers template (TOML) for the findings of a report.")
@click.argument("findings_file", metavar="FINDINGS", type=click.Path(dir_okay=False))
@click.option("--code", "codes", default=None, help="Only these check codes or prefixes (e.g. L401,C1).")
@click.option(
    "--locale",
    "locales",
    default=None,
    callback=language_codes,
    help="Only these page locales (e.g. es,ja; pt covers pt-br).",
)
@click.option("--reason", default="", help="Reason written into every entry [default: empty, to fill in].")
@click.option("--expires", default="", help="Expiry date written into every entry (YYYY-MM-DD).")
@click.option(
    "--no-fingerprint", is_flag=True, help="Leave fingerprints out (the waivers survive text changes)."
)
@click.option(
    "-o", "output", type=click.Path(dir_okay=False), default=None, help="Write here (default stdout)."
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def waive(
    findings_file: str,
    codes: str | None,
    locales: tuple[str, ...],
    reason: str,
    expires: str,
    no_fingerprint: bool,
    output: str | None,
    force: bool,
) -> None:
    """Write a waivers template (TOML) for the findings of FINDINGS (a findings.csv or report.json) that
    are not waived yet."""
    wanted = parse_codes(codes)
    bad = unknown_codes(wanted)
    if bad:
        raise click.UsageError(f"unknown check code(s): {', '.join(bad)} (see `aligner rules`)")
    if expires and not _is_iso_date(expires):
        raise click.UsageError(f"--expires: {expires!r} is not a date (YYYY-MM-DD)")
    if expires and date.fromisoformat(expires) < date.today():
        raise click.UsageError(f"--expires: {expires} has passed: the waivers would waive nothing")
    if output and Path(output).exists() and not force:
        raise click.UsageError(f"{output} exists (use --force to overwrite it)")
    places = set(locales)
    try:
        found = [row for _where, row in read_findings(findings_file)]
    except BaselineError as exc:
        fail(exc)
    rows = [
        row
        for row in found
        if not row.get("waived")
        and (not wanted or row["code"].upper().startswith(wanted))
        and (not places or not places.isdisjoint(_locale_and_language(row["page_locale"])))
    ]
    pages = [row for row in rows if not row.get("episode_id")]
    if pages:  # a waiver names an episode; these belong to no episode (an unreadable page, say)
        codes_of = sorted({row["code"] for row in pages})
        click.echo(
            f"left out: {len(pages)} page-level finding(s) ({', '.join(codes_of)}) that belong to no episode and "
            "cannot be waived: fix the page, or leave the code out with --ignore",
            err=True,
        )
        rows = [row for row in rows if row.get("episode_id")]
    if not rows:
        click.echo("no finding to waive (none matches, or all are waived already)", err=True)
        held = sorted({row["page_locale"].lower() for row in found if row.get("page_locale")})
        if places and not any(places & _locale_and_language(locale) for locale in held):
            click.echo(
                terminal_text(  # the locales come from the findings file: hostile text
                    f"--locale: the report has no finding in {', '.join(sorted(places))} (it has "
                    f"{', '.join(held) or 'none'})"
                ),
                err=True,
            )
    text = waiver_template(rows, reason=reason, expires=expires, fingerprints=not no_fingerprint)
    if output:
        write_output(output, text)
        click.echo(f"{len(text.split('[[waiver]]')) - 1} waivers: {output}", err=True)
    else:
        click.echo(text, nl=False)


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


@main.command(short_help="Print the parsed variants as JSON (what the checks read).")
@click.argument("paths", nargs=-1, required=True)
@click.option("--locale", default=None, callback=language_code, help="Page locale of every input.")
@click.option(
    "-o", "output", type=click.Path(dir_okay=False), default=None, help="Write JSON here (default stdout)."
)
def parse(paths: tuple[str, ...], locale: str | None, output: str | None) -> None:
    """Parse PATH... and print the normalized variants as JSON (schemas/episode.schema.json)."""
    settings = Settings(locale=locale.lower() if locale else None)
    try:
        parsed = load(paths, settings, progress_bar)
    except NoInputError as exc:
        fail(exc)
    document = {"schema_version": 1, "variants": [variant_to_dict(v) for p in parsed for v in p.variants]}
    text = json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    for page in parsed:
        for problem in page.problems:
            click.echo(terminal_text(f"{problem.code} {problem.message}"), err=True)
        for variant in page.variants:
            for line in note_lines(variant):
                click.echo(terminal_text(line), err=True)
    if output:
        write_output(output, text)
    elif sys.stdout is None:  # `>&-`: the JSON would go nowhere, silently
        fail("cannot write the output: standard output is closed (use -o FILE)")
    else:
        click.echo(text.encode("utf-8"), nl=False)  # JSON is UTF-8, whatever the terminal's encoding
    sys.exit(2 if not any(p.variants for p in parsed) else 0)


@main.command(short_help="List the check catalog.")
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


@main.command(short_help="What one check reports, why, and what to do.")
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
    if check_cls.thresholds:  # what `[checks.CODE]` may set besides severity
        click.echo("## Thresholds (`[checks." + check_cls.code + "]` in the configuration)")
        for name, default in check_cls.thresholds.items():
            click.echo(f"{name} = {default:g}  ({range_text(name)})")


main.add_command(diff)
main.add_command(nightly)


def _locale_and_language(page_locale: str) -> set[str]:
    """``{"pt-br", "pt"}``: ``waive --locale pt`` takes the findings of every pt region."""
    locale = page_locale.lower()
    return {locale, language_of(locale)}
