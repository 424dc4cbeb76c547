"""Configuration: ``aligner.toml`` (or ``[tool.aligner]`` in ``pyproject.toml``) → :class:`Settings`.

Where it comes from, first match wins: ``--config FILE``; ``./aligner.toml``; the
``[tool.aligner]`` table of ``./pyproject.toml``. The file is validated against
``schemas/config.schema.json`` and then against the check catalog (unknown codes are errors);
every problem is collected and raised at once as a :class:`ConfigError` whose lines name the bad
key (``aligner.toml: checks.T501.z: 'abc' is not of type 'number'``). Relative paths in the file
are resolved against the file's folder. Command-line options given explicitly override the file.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner import langdata
from aligner.checks import CATALOG, unknown_codes
from aligner.schema import sorted_errors, validator
from aligner.settings import Settings

if TYPE_CHECKING:
    from jsonschema import ValidationError

CONFIG_NAME = "aligner.toml"
PYPROJECT_NAME = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "aligner")
PATH_KEYS = ("glossary", "waivers", "history", "baseline")


class ConfigError(Exception):
    """A configuration (or waivers/baseline) file is missing or invalid: exit code 2.

    ``problems`` holds one line per problem, each naming the file and the bad key or entry.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class ConfigSource:
    """A configuration table and where it was read from."""

    path: Path
    label: str  # how messages name the file: "aligner.toml", "pyproject.toml"
    prefix: tuple[str, ...]  # key path of the table inside the file: () or ("tool", "aligner")
    data: dict[str, Any]


# -- finding and reading ---------------------------------------------------------------------------


def read_toml(path: Path, label: str) -> dict[str, Any]:
    try:
        data = path.read_bytes()
        # a byte-order mark, as Windows editors save UTF-8: TOML has none, and said "Invalid
        # statement (at line 1, column 1)" of a file that looks right
        return tomllib.loads(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{label}: file not found"]) from None
    except IsADirectoryError:
        raise ConfigError([f"{label}: is a folder, not a file"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{label}: invalid TOML: {exc}"]) from None
    except RecursionError:  # `a = [[[[…` a thousand deep
        raise ConfigError([f"{label}: invalid TOML: nested too deeply to read"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{label}: not UTF-8 text ({exc.reason})"]) from None
    except OSError as exc:
        raise ConfigError([f"{label}: cannot be read ({exc.strerror or exc})"]) from None


def find_config(explicit: str | None = None, cwd: Path | None = None) -> ConfigSource | None:
    """The configuration in force: ``explicit``, else ./aligner.toml, else [tool.aligner], else None."""
    here = cwd if cwd is not None else Path.cwd()
    if explicit is not None and not explicit.strip():
        # `--config "$UNSET_VARIABLE"`: falling back to ./aligner.toml ran with other settings
        raise ConfigError(["--config: empty path (give a configuration file, or leave the option out)"])
    if explicit:
        path = Path(explicit)
        path = path if path.is_absolute() else here / path
        data = read_toml(path, explicit)
        if path.name == PYPROJECT_NAME:
            table = _table(data, PYPROJECT_TABLE)
            if table is None:  # a typo (`[tool.alinger]`) ran the defaults without a word
                close = difflib.get_close_matches("aligner", sorted(_table(data, ("tool",)) or {}), n=1)
                found = f" (it has [tool.{close[0]}]: a typo?)" if close else ""
                raise ConfigError([f"{explicit}: no [tool.aligner] table{found}"])
            return ConfigSource(path, explicit, PYPROJECT_TABLE, table)
        return ConfigSource(path, explicit, (), data)
    if (here / CONFIG_NAME).is_file():
        return ConfigSource(here / CONFIG_NAME, CONFIG_NAME, (), read_toml(here / CONFIG_NAME, CONFIG_NAME))
    if (here / PYPROJECT_NAME).is_file():
        table = _table(read_toml(here / PYPROJECT_NAME, PYPROJECT_NAME), PYPROJECT_TABLE)
        if table is not None:
            return ConfigSource(here / PYPROJECT_NAME, PYPROJECT_NAME, PYPROJECT_TABLE, table)
    return None


def _table(data: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any] | None:
    current: Any = data
    for key in keys:
        if not isinstance(current, Mapping) or key not in current:
            return None
        current = current[key]
    return dict(current) if isinstance(current, Mapping) else None


# -- validation ------------------------------------------------------------------------------------


def key_path(parts: Iterable[str | int]) -> str:
    """``["checks", "T501", "z"]`` → ``checks.T501.z``; list indices as ``languages[2]``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def did_you_mean(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def describe(error: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """One jsonschema error as ``(key path, message)`` pairs, phrased for people."""
    where = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = set(error.schema.get("properties", {}))
        extras = [key for key in error.instance if key not in known]
        return [(where, f"unknown key {key!r}{did_you_mean(str(key), known)}") for key in extras]
    if error.validator == "required" and isinstance(error.instance, Mapping):
        missing = [key for key in error.validator_value if key not in error.instance]
        return [(where, f"missing required key {key!r}") for key in missing]
    if "propertyNames" in error.absolute_schema_path:
        return [(where, f"invalid key {error.instance!r}: {error.message}")]
    return [(where, error.message)]


def schema_problems(name: str, instance: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every violation of ``schemas/<name>.schema.json``, in a stable order."""
    return [item for error in sorted_errors(validator(name), instance) for item in describe(error)]


def _catalog_problems(data: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """What the schema cannot know: check codes and threshold names from the catalog."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    tables: list[tuple[tuple[str, ...], Any]] = [(("checks",), data.get("checks"))]
    for code, local in (data.get("locales") or {}).items():
        if isinstance(local, Mapping):
            tables.append((("locales", code, "checks"), local.get("checks")))
    for where, table in tables:
        if not isinstance(table, Mapping):
            continue
        for code, options in table.items():
            if code not in CATALOG:
                hint = did_you_mean(str(code).upper(), CATALOG) or " (see `aligner rules`)"
                problems.append((where, f"unknown check code {code!r}{hint}"))
            if isinstance(options, Mapping):
                problems.extend(_threshold_problems((*where, code), CATALOG.get(code), options))
    for key in ("select", "ignore"):
        patterns = data.get(key)
        if isinstance(patterns, list) and all(isinstance(p, str) for p in patterns):
            bad = unknown_codes(tuple(patterns))
            if bad:
                problems.append(
                    ((key,), f"unknown check code(s) {', '.join(map(repr, bad))} (see `aligner rules`)")
                )
    for where, code in _language_codes(data):
        if not langdata.known_language(code):
            problems.append((where, f"unknown language code {code!r}"))
    spellings: dict[str, list[str]] = {}
    for code in data.get("locales") or {}:
        spellings.setdefault(str(code).lower().replace("_", "-"), []).append(str(code))
    for same in (codes for codes in spellings.values() if len(codes) > 1):
        # `[locales.pt-BR]` and `[locales.pt-br]` are one locale: one table would silently win
        problems.append(
            (("locales",), f"{' and '.join(map(repr, sorted(same)))} name one locale: keep one table")
        )
    return problems


def _threshold_problems(
    where: tuple[str, ...], check: type | None, options: Mapping[str, Any]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Names and values of a check's thresholds: only the names it declares (``Check.thresholds``)
    and `severity`; each value a finite number in its range (``threshold_range``)."""
    declared: Mapping[str, float] = getattr(check, "thresholds", {}) if check else {}
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for name, value in options.items():
        if name == "severity":
            continue
        if check is not None and name not in declared:
            known = ["severity", *declared]
            problems.append((where, f"unknown key {name!r}{did_you_mean(name, known)}"))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            low, high = threshold_range(name)
            if not (math.isfinite(value) and low <= value <= high):
                span = range_text(name)
                span = f"from {span}" if math.isfinite(high) else f"of {span}"
                problems.append(((*where, name), f"{value!r} is out of range: a number {span}"))
    return problems


# Shares, confidences and similarity margins run from 0 to 1; chrF and scores from 0 to 100;
# z-scores, counts and lengths from 0 up.
_UNIT_THRESHOLDS = frozenset({"share", "min_share", "min_confidence", "margin", "min_ratio"})
_PERCENT_THRESHOLDS = frozenset({"chrf", "identical_chrf", "min_score"})


def threshold_range(name: str) -> tuple[float, float]:
    if name in _UNIT_THRESHOLDS:
        return 0.0, 1.0
    if name in _PERCENT_THRESHOLDS:
        return 0.0, 100.0
    return 0.0, math.inf


def range_text(name: str) -> str:
    """``0 to 100`` or ``at least 0``: the values threshold ``name`` takes."""
    low, high = threshold_range(name)
    return f"{low:g} to {high:g}" if math.isfinite(high) else f"at least {low:g}"


def _language_codes(data: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    codes: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data.get("source_lang"), str):
        codes.append((("source_lang",), data["source_lang"]))
    languages = data.get("languages")
    if isinstance(languages, list):
        codes.extend((("languages", i), c) for i, c in enumerate(languages) if isinstance(c, str))
    locales = data.get("locales")
    if isinstance(locales, dict):  # `[locales.xx]` would apply to no page: a typo, as `source_lang = "xx"` is
        codes.extend((("locales",), code) for code in locales if code != "und")
    return codes


def validate(source: ConfigSource) -> None:
    """Raise ConfigError listing every problem of the configuration table, or return."""
    catalog = _catalog_problems(source.data)
    unknown_keys = {(*where, message.split("'")[1]) for where, message in catalog if "unknown key" in message}
    explained = [where for where, _message in catalog]
    problems = [
        (where, message)
        for where, message in schema_problems("config", source.data)
        if not (where[-1:] == ("checks",) and message.startswith("invalid key"))  # codes: see catalog
        and where not in unknown_keys  # "severty = 'info'": say "unknown key", not "not a number"
        # `select = ["ZZZ"]`: "unknown check code 'ZZZ'" says it; the pattern it fails is noise
        and not any(
            where == known or (where[:-1] == known and isinstance(where[-1], int)) for known in explained
        )
    ]
    problems.extend(catalog)
    if problems:
        lines = []
        for where, message in problems:
            location = key_path((*source.prefix, *where))
            lines.append(
                f"{source.label}: {location}: {message}" if location else f"{source.label}: {message}"
            )
        raise ConfigError(sorted(dict.fromkeys(lines)))


# -- mapping onto Settings -------------------------------------------------------------------------


def _checks_table(table: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, dict[str, float]]]:
    severity: dict[str, str] = {}
    thresholds: dict[str, dict[str, float]] = {}
    for code in sorted(table):
        options = table[code]
        if "severity" in options:
            severity[code] = str(options["severity"])
        values = {name: float(value) for name, value in sorted(options.items()) if name != "severity"}
        if values:
            thresholds[code] = values
    return severity, thresholds


def settings_values(source: ConfigSource) -> dict[str, Any]:
    """Settings fields set by a validated configuration table."""
    data = source.data
    values: dict[str, Any] = {"config_path": str(source.path)}
    if "source_lang" in data:
        values["source_lang"] = data["source_lang"].lower()
    if "tolerance" in data:
        values["tolerance"] = int(data["tolerance"])
    if "languages" in data:
        values["languages"] = tuple(code.lower() for code in data["languages"])
    for key in ("select", "ignore"):
        if key in data:
            values[key] = tuple(pattern.upper() for pattern in data[key])
    if "fail_on" in data:
        values["fail_on"] = data["fail_on"]
    base = source.path.parent
    for key in PATH_KEYS:
        if key in data:
            path = Path(data[key]).expanduser()
            values[key] = str(path if path.is_absolute() else base / path)
    severity, thresholds = _checks_table(data.get("checks", {}))
    values["severity"], values["thresholds"] = severity, thresholds
    locales: dict[str, dict[str, Any]] = {}
    for code in sorted(data.get("locales", {})):
        local = data["locales"][code]
        entry: dict[str, Any] = {}
        local_severity, local_thresholds = _checks_table(local.get("checks", {}))
        if local_severity:
            entry["severity"] = local_severity
        if local_thresholds:
            entry["thresholds"] = local_thresholds
        if "quotes_untranslated_ok" in local:
            entry["quotes_untranslated_ok"] = bool(local["quotes_untranslated_ok"])
        locales[code.lower().replace("_", "-")] = entry
    values["locales"] = locales
    return values


def load_settings(source: ConfigSource | None, base: Settings | None = None) -> Settings:
    """``base`` (default: built-in defaults) with the configuration's values applied."""
    settings = base if base is not None else Settings()
    if source is None:
        return settings
    validate(source)
    return replace(settings, **settings_values(source))


def configure(
    cli: Settings, given: Iterable[str], config: str | None = None, cwd: Path | None = None
) -> Settings:
    """The run's settings: defaults < configuration file < options given on the command line.

    ``cli`` holds every command-line value (defaults included); ``given`` names the Settings
    fields whose option was actually given. Referenced waivers and baseline files are loaded once
    here, so a broken one stops the run before any page is read. Raises ConfigError.
    """
    explicit = sorted(set(given))
    unknown = set(explicit) - {f.name for f in fields(Settings)}
    if unknown:
        raise ValueError(f"not Settings fields: {sorted(unknown)}")
    source = find_config(config, cwd)
    merged = (
        cli if source is None else replace(load_settings(source), **{n: getattr(cli, n) for n in explicit})
    )
    from aligner.waivers import preflight  # aligner.waivers imports this module

    try:
        preflight(merged)
    except ConfigError as exc:
        # a path the configuration set is named with its key: `…/nope.toml: file not found` left
        # the reader to guess where it came from (found by QA of a team's configuration)
        if source is None:
            raise
        label = source.label
        configured = {
            key: str(getattr(merged, key))
            for key in ("waivers", "baseline")
            if key not in explicit and getattr(merged, key)
        }

        def named(problem: str) -> str:
            keys = [key for key, path in configured.items() if path in problem]
            return f"{problem} (set by `{keys[0]}` in {label})" if keys else problem

        raise ConfigError([named(problem) for problem in exc.problems]) from None
    return merged
