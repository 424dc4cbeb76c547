"""Pieces shared by the CLI commands: code lists, the progress bar, config precedence."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import click
from click.core import ParameterSource

from aligner import interrupts
from aligner.cache import RunCache, default_dir
from aligner.checks import CATALOG, select_codes
from aligner.config import ConfigError
from aligner.langdata import known_language
from aligner.model import Severity, Variant
from aligner.outdir import OutputExists, Writer, guard, os_reason, publish, unused, unwritable, wants_html
from aligner.report.atomic import write_text_atomic
from aligner.results import RunResult
from aligner.schema import definition_pattern
from aligner.settings import DEFAULT_SOURCE_LANG, Settings
from aligner.shown import terminal_lines, terminal_text

PROGRESS_MIN_FILES = 20


class StoppableGroup(click.Group):
    """A command group whose commands end on Ctrl-C or SIGTERM with one line and the shell's
    status for the signal (130, 143), not click's ``Aborted!`` and exit 1 — which a CI job reads
    as findings (see ``aligner.interrupts``)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """Reading the command line, as ``invoke`` does running it (click would say ``Aborted!``)."""
        try:
            with interrupts.handled():
                return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt as stop:
            click.echo(f"aligner: {interrupts.describe(stop)}", err=True)
            raise click.exceptions.Exit(interrupts.exit_status(stop)) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        repeated = repeated_options(args)
        if repeated:
            name, count = repeated[0]
            raise click.UsageError(
                f"{name} given {count} times: only the last would apply (give it once: one waivers "
                "or glossary file holds any number of entries, and --select/--ignore take a list: L4,C1)"
            )
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click's ``main``, but a usage error it cannot write (`2>/dev/full`) still exits 2: the
        message's write failed outside the command, and Python's exit 1 read as a gate's FAIL
        (found by a review session)."""
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if exc.filename is not None or exc.errno not in _FULL_STREAM:
                raise
            _silence(sys.stderr)
            sys.exit(2)

    def invoke(self, ctx: click.Context) -> Any:
        with interrupts.handled():
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt as stop:
                click.echo(f"aligner: {interrupts.describe(stop)}", err=True)
                ctx.exit(interrupts.exit_status(stop))
            except BrokenPipeError:  # `aligner rules | head -1`: the reader has what it wanted
                _silence(sys.stdout)
                ctx.exit(0)
            except OSError as exc:
                if exc.filename is not None or exc.errno not in _FULL_STREAM:
                    raise
                # standard output could not be written (`aligner rules > /dev/full`): one line and
                # exit 2, not a traceback and exit 1 (which a CI job reads as findings)
                _silence(sys.stdout)
                with contextlib.suppress(OSError):
                    click.echo(f"aligner: cannot write the output: {exc.strerror or exc}", err=True)
                ctx.exit(2)


# Options a user giving twice means to combine (two waivers files, two code lists): click keeps
# the last one alone, so the first would be dropped without a word. Any other option given twice
# keeps the shell's convention, the last one wins (an alias's `--jobs 2`, then `--jobs 4`).
COMBINED_OPTIONS = frozenset({"--waivers", "--baseline", "--glossary", "--select", "--ignore"})


def repeated_options(args: Sequence[str]) -> list[tuple[str, int]]:
    """``COMBINED_OPTIONS`` given more than once before ``--``, with their counts: a second
    ``--waivers`` silently replaced the first, so a team's waivers stopped applying depending on
    the order of the options."""
    counts: Counter[str] = Counter()
    for arg in args:
        if arg == "--":
            break
        name = arg.split("=", 1)[0]
        if name in COMBINED_OPTIONS:
            counts[name] += 1
    return [(name, count) for name, count in counts.items() if count > 1]


def say(message: str, err: bool = False) -> None:
    """``click.echo`` for the lines a run ends with: a closed reader (``aligner check … | head -1``)
    must not turn a PASS into exit 1, which is what click makes of a broken pipe. The rest of
    the lines go nowhere, and the exit code is the verdict's. So with a standard error that cannot
    be written (`2>/dev/full`): it holds the run's notes, not its result, which was exit 2 for a
    FAIL. Scraped text in them (titles, file names, episode ids) is made inert (``aligner.shown``)."""
    try:
        click.echo(terminal_lines(message), err=err)
    except BrokenPipeError:
        _silence(sys.stderr if err else sys.stdout)
    except OSError as exc:
        if not err or exc.errno not in _FULL_STREAM:
            raise  # standard output full: exit 2 (``main``), its verdict lost
        _silence(sys.stderr)


# A standard stream that cannot take what is written: a full disk, an I/O error, a quota.
_FULL_STREAM = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def _silence(stream: Any) -> None:
    """Send ``stream`` to the null device: later writes, and the flush as Python exits, would fail
    on the closed pipe or the full file again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def counted(count: int, noun: str) -> str:
    """``1 error``, ``4 errors``: the summary lines count pages, variants and findings."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_counts(result: Any) -> str:
    """``4 errors, 1 warning, 5 infos``: a run's findings by severity."""
    return ", ".join(
        counted(result.count(severity), noun)
        for severity, noun in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "info"),
        )
    )


def parse_codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def progress_bar(items: Iterable[str], total: int) -> Iterable[str]:
    """A progress bar on a terminal for long runs; silent when piped."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked (--jobs)
    return tqdm(items, total=total, unit="page", file=sys.stderr, leave=False)


_WORKER_OPTIONS = (
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(0, None),
        default=0,
        help="Worker processes for parsing, checking and writing reports [default: 0 = every core the "
        "process may use: CPU affinity and a container's CPU quota count]. "
        "Same reports for any value.",
    ),
    click.option(
        "--cache",
        "cache_dir",
        type=click.Path(),
        default=None,
        help="Cache folder for incremental runs [default: $XDG_CACHE_HOME/aligner or ~/.cache/aligner].",
    ),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
)


def language_code(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Click callback for ``--source-lang`` and ``--locale``: the configuration file's check
    (``schemas/config.schema.json``, ``lang``), so ``--locale ../x`` is refused as ``locale = "../x"`` is."""
    if value is not None:
        value = value.replace("_", "-")  # pt_BR is written pt-BR
    if value is None:
        return value
    if not definition_pattern("config", "lang").search(value):
        raise click.BadParameter(f"{value!r} is not a language or locale code (en, es, zh-hans)")
    if not known_language(value):  # as `source_lang = "zz"` in a configuration is
        raise click.BadParameter(f"unknown language code {value!r}")
    return value


def language_codes(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """Click callback for a comma-separated list of locales (``waive --locale es,pt``): each one
    checked as ``language_code`` checks one, lower-cased; empty entries are ignored."""
    codes = [code.strip() for code in (value or "").split(",") if code.strip()]
    return tuple(dict.fromkeys(str(language_code(_ctx, _param, code)).lower() for code in codes))


_LANGUAGE_OPTIONS = (
    click.option(
        "--source-lang",
        default=DEFAULT_SOURCE_LANG,
        show_default=True,
        callback=language_code,
        help="Reference language.",
    ),
    click.option(
        "--locale",
        default=None,
        callback=language_code,
        help="Page locale of every input (else from path or UI strings).",
    ),
)


def language_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--source-lang`` and ``--locale``, the same for ``check``, ``diff`` and ``nightly``."""
    for option in reversed(_LANGUAGE_OPTIONS):
        command = option(command)
    return command


def worker_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--jobs``, ``--cache`` and ``--no-cache``, the same for every command that checks pages."""
    for option in reversed(_WORKER_OPTIONS):
        command = option(command)
    return command


def run_cache(cache_dir: str | None, no_cache: bool) -> RunCache | None:
    """The cache of ``--cache``/``--no-cache``. A folder nothing can be stored in is said on
    stderr (a nightly run that is never faster would otherwise be a mystery): it is still read
    when it exists (a warm cache mounted read-only), else the run goes without."""
    if no_cache:
        return None
    store = RunCache(cache_dir or default_dir())
    reason = store.unwritable()
    if reason is None:
        return store
    readable = store.directory.is_dir()
    consequence = "entries are read, none are stored" if readable else "this run is not cached"
    click.echo(f"aligner: cannot write the cache {store.directory} ({reason}): {consequence}", err=True)
    return store if readable else None


# Settings fields that `aligner check` options set (an option given explicitly beats the config file).
OPTION_FIELDS = {
    "source_lang": "source_lang",
    "tolerance": "tolerance",
    "locale": "locale",
    "select": "select",
    "ignore": "ignore",
    "fail_on": "fail_on",
    "waivers": "waivers",
    "baseline": "baseline",
    "glossary": "glossary",
}


def given_fields(ctx: click.Context) -> list[str]:
    """Settings fields whose option was given (not left at its default)."""
    return [
        field
        for option, field in OPTION_FIELDS.items()
        if ctx.get_parameter_source(option) not in (None, ParameterSource.DEFAULT)
    ]


def require_checks(settings: Settings, command: str, scopes: Callable[[str], bool]) -> None:
    """Exit 2 when the selection leaves none of the checks ``command`` runs (those whose scope
    ``scopes`` accepts): such a run checks nothing, and a gate would read its PASS as a pass."""
    chosen = select_codes(settings.select, settings.ignore)
    if any(scopes(CATALOG[code].scope) for code in chosen):
        return
    hints = {
        "check": " (R6xx compare two snapshots: `aligner diff`)",
        "diff": " (`aligner diff` runs the R6xx; `aligner check` the others)",
        "nightly": " (the R6xx compare with a --previous snapshot)",
    }
    # the hint is for a selection of the other command's checks only, not one that leaves none at all
    hint = hints.get(command, "") if chosen else ""
    raise click.UsageError(
        f"the selection (--select/--ignore, or select/ignore in the configuration) leaves no check "
        f"that `aligner {command}` runs{hint}"
    )


def parse_notes_line(variants: Sequence[Variant]) -> str | None:
    """``parse notes: 3 on 2 pages (…)`` when the parser set lines aside or read an odd heading
    (``## 02:00 Title``): no check reports them, but a scraper that changed writes them first."""
    notes = [(variant.source_path, note) for variant in variants for note in variant.parse_notes]
    if not notes:
        return None
    pages = len({path for path, _note in notes})
    return (
        f"parse notes: {len(notes)} on {pages} page{'s' if pages > 1 else ''} "
        "(`aligner parse PATH` lists them)"
    )


def alone_line(result: RunResult) -> str | None:
    """``alone: 1 episode …`` when an episode has a single variant: nothing was compared with it,
    so a gate's PASS says nothing about its translation (checking one new page without the
    reference page, or a page no other one pairs with)."""
    alone = [episode for episode in result.episodes if len(episode.variants) == 1]
    if not alone:
        return None
    first = alone[0].variants[0]
    example = f"`{(first.title or first.source_path)[:60]}` on the `{first.page_locale}` page"  # via `say`
    count = f"{len(alone)} episode{'s' if len(alone) > 1 else ''}"
    languages = {episode.variants[0].page_locale for episode in alone}
    advice = (
        # pages of several languages were given, and still their cards stand alone: they did not pair
        "their cards did not pair across languages (titles differ and too few chapter timestamps "
        "match): a card that lost chapters or its entity list, or pages of different episodes"
        if len(languages) > 1
        else "give the pages of its other languages too"
    )
    return f"alone: {count} with a single variant, compared with nothing (e.g. {example}); {advice}"


def note_lines(variant: Variant) -> list[str]:
    """``note `path` (title): text`` for each parse note of ``variant``, as ``aligner parse`` prints them."""
    title = variant.title[:60] or "(untitled)"
    return [f"note `{variant.source_path}` ({title}): {note}" for note in variant.parse_notes]


def tolerant_streams() -> None:
    """Standard output and error write what their encoding lacks as backslash escapes: scraped
    text in a message (`レポート`, `Hassabis’`) on a Latin-1 or cp1252 terminal was a traceback, and
    the run's verdict and exit code were lost after its reports were written."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):  # closed, or detached
                stream.reconfigure(errors="backslashreplace")


def config_failure(exc: ConfigError) -> NoReturn:
    for line in exc.problems:
        click.echo(terminal_text(f"aligner: {line}"), err=True)
    sys.exit(2)


def report_target(out_dir: str | None, force: bool, formats: str = "") -> Path:
    """``--out``, or a new ``reports/<UTC timestamp>/``; exits 2 when it already holds a report (or
    files an HTML report among ``formats`` would replace) and ``--force`` was not given. Called
    before the run, so a refused folder costs no run."""
    target = (
        Path(out_dir) if out_dir else unused(Path("reports") / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    )
    try:
        guard(target, force, wants_html(formats))
    except OutputExists as exc:
        fail(exc)
    reason = unwritable(target)
    if reason is not None:
        fail(f"cannot write reports to {target} ({reason})")
    return target


def publish_reports(
    result: RunResult,
    target: Path,
    formats: Sequence[str] | str,
    force: bool,
    jobs: int,
    extra: Sequence[Writer] = (),
    cache: RunCache | None = None,
) -> list[Path]:
    """``aligner.outdir.publish``; exits 2 when another run wrote a report there meanwhile, or
    the reports cannot be written (a full disk): the previous report, if any, is left whole."""
    try:
        return publish(result, target, formats, force, jobs, extra, cache)
    except OutputExists as exc:
        fail(exc)
    except OSError as exc:
        fail(f"cannot write reports to {target} ({os_reason(exc)})")


def write_output(path: str, text: str) -> None:
    """``-o FILE`` of ``parse`` and ``waive``, written atomically; exit 2 naming the cause when it
    cannot be (a missing folder, a full disk)."""
    try:
        write_text_atomic(Path(path), text)
    except OSError as exc:
        fail(f"cannot write {path} ({os_reason(exc)})")


def written_line(target: Path, written: Sequence[Path]) -> str:
    """``reports: TARGET (findings.csv, …, episodes/: 375 files)``: the files at the top of the
    folder by name, those in a subfolder (an HTML page per episode) counted — a catalog's run writes
    thousands."""
    top: list[str] = []
    nested: Counter[str] = Counter()
    for path in written:
        parts = path.relative_to(target).parts if path.is_relative_to(target) else (path.name,)
        if len(parts) > 1:
            nested[parts[0]] += 1
        else:
            top.append(parts[0])
    folders = [
        f"{folder}/: {count} file{'s' if count > 1 else ''}" for folder, count in sorted(nested.items())
    ]
    return f"reports: {target} ({', '.join([*top, *folders])})"


def fail(problem: object) -> NoReturn:
    """``aligner: PROBLEM`` on stderr and exit 2: a usage error, bad configuration, or input or
    output the run cannot use."""
    click.echo(terminal_lines(f"aligner: {problem}"), err=True)
    sys.exit(2)
