"""The snapshot commands: `aligner diff` (scraping regressions) and `aligner nightly` (history, trends)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from aligner.cache import RunCache
from aligner.checks import unknown_codes
from aligner.cli_support import (
    config_failure,
    counted,
    fail,
    given_fields,
    language_options,
    parse_codes,
    progress_bar,
    publish_reports,
    report_target,
    require_checks,
    run_cache,
    say,
    summary_counts,
    worker_options,
    written_line,
)
from aligner.config import ConfigError, configure
from aligner.diff import diff_paths
from aligner.gatelines import failing_lines
from aligner.history import DEFAULT_HISTORY, History, HistoryError
from aligner.nightly import DEFAULT_NIGHTS, history_path, run_nightly
from aligner.pipeline import NoInputError, exit_code
from aligner.pool import resolve_jobs
from aligner.report import DEFAULT_FORMATS, resolve_formats
from aligner.report.trends import TrendsReporter
from aligner.results import RunResult, verdict
from aligner.settings import DEFAULT_TOLERANCE_S, Settings
from aligner.waivers import suppression_lines

# -- snapshots: diff and nightly ---------------------------------------------------------------------


def _snapshot_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options shared by `diff` and `nightly` (same meaning as in `check`)."""
    options = [
        language_options,
        click.option(
            "--out",
            "out_dir",
            type=click.Path(file_okay=False),
            default=None,
            help="Report folder [default: reports/<timestamp>/].",
        ),
        click.option("--select", default=None, help="Only these check codes or prefixes."),
        click.option("--ignore", default=None, help="Skip these check codes or prefixes."),
        click.option(
            "--tolerance",
            type=click.IntRange(0, 600),
            default=DEFAULT_TOLERANCE_S,
            show_default=True,
            help="Seconds a chapter timestamp may drift and still match.",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False),
            default=None,
            help="Configuration file.",
        ),
        click.option(
            "--waivers", type=click.Path(dir_okay=False), default=None, help="Waivers file (TOML or CSV)."
        ),
        click.option("--force", is_flag=True, help="Replace a report already in --out (else exit 2)."),
    ]
    for option in reversed(options):
        command = option(command)
    return worker_options(command)


def _comparable(old: str, new: str) -> None:
    """Exit 2 when one snapshot is a folder and the other a file: pages are matched by their path
    under each, and a file and a folder share none (every page would be gone and new)."""
    if Path(old).exists() and Path(new).exists() and Path(old).is_dir() != Path(new).is_dir():
        raise click.UsageError(
            f"{old} and {new}: one is a folder and the other a file; give two snapshot folders, "
            "or the two files of one page"
        )


def _snapshot_settings(options: dict[str, Any]) -> Settings:
    bad = unknown_codes(parse_codes(options["select"]) + parse_codes(options["ignore"]))
    if bad:
        raise click.UsageError(f"unknown check code(s): {', '.join(bad)} (see `aligner rules`)")
    try:
        resolve_formats(options["formats"])
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    settings = Settings(
        source_lang=options["source_lang"].lower(),
        tolerance=options["tolerance"],
        locale=options["locale"].lower() if options["locale"] else None,
        select=parse_codes(options["select"]),
        ignore=parse_codes(options["ignore"]),
        fail_on=options.get("fail_on", "error"),
        waivers=options["waivers"],
    )
    try:
        return configure(settings, given_fields(click.get_current_context()), options["config_file"])
    except ConfigError as exc:
        config_failure(exc)


def _write_and_summarize(
    result: RunResult, options: dict[str, Any], store: RunCache | None, target: Path
) -> None:
    """Publish the reports (staged, then renamed into ``target``: see ``aligner.outdir``) and
    print the summary."""
    jobs = resolve_jobs(options["jobs"])
    written = publish_reports(
        result, target, options["formats"], options["force"], jobs, [TrendsReporter().write], store
    )
    if store is not None:
        store.prune()
    say(
        f"{counted(len(result.pages), 'page')}, {counted(len(result.episodes), 'episode')}: {summary_counts(result)}"
    )
    say(written_line(target, written))
    for line in suppression_lines(result):
        say(line, err=True)


@click.command(short_help="Scraping regressions (R6xx) between snapshots OLD and NEW.")
@click.argument("old")
@click.argument("new")
@_snapshot_options
@click.option(
    "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True, help="Report formats."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a regression is at or above this severity.",
)
def diff(old: str, new: str, **options: Any) -> None:
    """Scraping regressions (R6xx) of snapshot NEW against snapshot OLD (folders or files).

    Exit 1 when a regression is at or above --fail-on (default: error), else 0; 2 for a usage
    error or no readable input.
    """
    _comparable(old, new)
    settings = _snapshot_settings(options)
    require_checks(settings, "diff", lambda scope: scope == "diff")
    target = report_target(options["out_dir"], options["force"], options["formats"])
    store = run_cache(options["cache_dir"], options["no_cache"])
    try:
        result = diff_paths(old, new, settings, progress_bar, resolve_jobs(options["jobs"]), store)
    except NoInputError as exc:
        fail(exc)
    except ConfigError as exc:
        config_failure(exc)
    result = replace(result, fail_on=settings.fail_on)  # the HTML overview opens with the verdict
    _write_and_summarize(result, options, store, target)
    for line in failing_lines(result, settings.fail_on):
        say(line, err=True)
    say(verdict(result, settings.fail_on))
    sys.exit(exit_code(result, settings.fail_on))


@click.command(short_help="Check a night's snapshot, diff it, record it in the history.")
@click.argument("snapshot")
@click.option("--previous", default=None, help="Last night's snapshot: add the R6xx diff against it.")
@click.option(
    "--history", default=None, help=f"History database [default: config `history`, else {DEFAULT_HISTORY}]."
)
@click.option(
    "--nights",
    type=click.IntRange(1, 366),
    default=DEFAULT_NIGHTS,
    show_default=True,
    help="Nights in the trends.",
)
@_snapshot_options
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    help="Report formats (trends.csv is always written).",
)
def nightly(snapshot: str, previous: str | None, history: str | None, nights: int, **options: Any) -> None:
    """Check SNAPSHOT, diff it against --previous, record the run and report trends.

    Exit 1 when there are new errors since the previous night in the history, else 0; 2 for a
    usage error, a history that cannot be used, or no readable input.
    """
    if previous is not None:
        _comparable(previous, snapshot)
    settings = _snapshot_settings(options)
    # without --previous the R6xx have nothing to compare with: they run no check either
    require_checks(settings, "nightly", lambda scope: previous is not None or scope != "diff")
    database = history_path(history, settings)
    try:
        with History(database):
            pass  # made and migrated before the run: a history that cannot be written costs no run
    except HistoryError as exc:
        fail(exc)
    target = report_target(options["out_dir"], options["force"], options["formats"])
    store = run_cache(options["cache_dir"], options["no_cache"])
    try:
        outcome = run_nightly(
            snapshot,
            settings,
            database,
            previous,
            nights,
            progress=progress_bar,
            jobs=resolve_jobs(options["jobs"]),
            cache=store,
        )
    except NoInputError as exc:
        fail(exc)
    except ConfigError as exc:
        config_failure(exc)
    except HistoryError as exc:
        fail(exc)
    _write_and_summarize(outcome.result, options, store, target)
    trends = outcome.trends
    say(
        f"history: {database} (run {outcome.run_id}); since the previous night: {len(trends['new'])} new "
        f"({counted(len(outcome.new_errors), 'error')}), {len(trends['fixed'])} fixed" + _acceptance(trends)
    )
    if outcome.replaced is not None:
        say(
            f"this night was recorded already (run {outcome.replaced}): run {outcome.run_id} replaces it",
            err=True,
        )
    if trends.get("settings_changed"):
        changed = trends.get("settings_changes") or []
        named = f" ({', '.join(map(str, changed))})" if changed else ""
        say(
            f"settings changed since the previous night{named}: new and fixed compare runs with different settings",
            err=True,
        )
    sys.exit(outcome.exit_code)


def _acceptance(trends: dict[str, Any]) -> str:
    """What the nightly line adds about waivers and the baseline since the previous night (counted
    neither as fixed nor as new)."""
    parts = []
    if trends.get("waived"):
        parts.append(f"{len(trends['waived'])} newly waived")
    if trends.get("baselined"):
        parts.append(f"{len(trends['baselined'])} newly in the baseline")
    if trends.get("unwaived"):
        parts.append(f"{len(trends['unwaived'])} back after a waiver ended")
    return "; " + ", ".join(parts) if parts else ""
