"""aligner.toml / [tool.aligner]: discovery, validation messages, mapping onto Settings, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.checks import CATALOG
from aligner.cli import main
from aligner.config import ConfigError, configure, find_config, load_settings
from aligner.schema import validator
from aligner.settings import Settings
from tests.conftest import ES_PAGE, JA_PAGE, ROOT

EXAMPLE = ROOT / "aligner.example.toml"


def _problems(tmp_path: Path, text: str, name: str = "aligner.toml") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        configure(Settings(), [], None, cwd=tmp_path)
    return caught.value.problems


def test_the_schema_is_valid_draft_2020_12() -> None:
    assert validator("config").schema["$schema"].endswith("2020-12/schema")


def test_example_file_loads_and_maps_onto_settings() -> None:
    settings = load_settings(find_config(str(EXAMPLE)))
    assert settings.source_lang == "en" and settings.tolerance == 5
    assert settings.severity == {"C103": "info"}
    assert settings.thresholds == {"S004": {"min_share": 0.5}, "S008": {"min_share": 0.5}}
    assert settings.locales == {"zh": {"severity": {"Q203": "info"}, "quotes_untranslated_ok": True}}
    assert settings.severity_for("Q203", "zh") == "info" and settings.severity_for("Q203", "es") is None
    assert settings.locale_option("zh", "quotes_untranslated_ok") is True
    assert settings.config_path == str(EXAMPLE)


def test_every_key_maps_and_relative_paths_follow_the_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "aligner.toml").write_text(
        """
source_lang = "ES"
tolerance = 9
languages = ["es", "ja"]
select = ["s0", "L4"]
ignore = ["S008"]
fail_on = "warning"
glossary = "glossary.csv"
waivers = "/abs/waivers.toml"
history = "../history.sqlite"
baseline = "old/findings.csv"

[checks.S004]
severity = "info"
min_share = 0.75

[locales.ja.checks.S008]
severity = "error"
min_share = 0.9
""",
        encoding="utf-8",
    )
    settings = load_settings(find_config("conf/aligner.toml", tmp_path))
    conf = tmp_path / "conf"
    assert (settings.source_lang, settings.tolerance, settings.languages) == ("es", 9, ("es", "ja"))
    assert (settings.select, settings.ignore, settings.fail_on) == (("S0", "L4"), ("S008",), "warning")
    assert settings.glossary == str(conf / "glossary.csv")
    assert settings.waivers == "/abs/waivers.toml"
    assert settings.history == str(conf / ".." / "history.sqlite")
    assert settings.baseline == str(conf / "old" / "findings.csv")
    assert settings.threshold("S004", "min_share", 0.5) == 0.75
    assert settings.threshold("S008", "min_share", 0.5, "ja") == 0.9
    assert settings.threshold("S008", "min_share", 0.5, "es") == 0.5
    assert settings.severity_for("S008", "ja") == "error" and settings.severity_for("S004") == "info"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tolerence = 5\n", "aligner.toml: unknown key 'tolerence' (did you mean 'tolerance'?)"),
        (
            '[checks.S004]\nmin_share = "abc"\n',
            "aligner.toml: checks.S004.min_share: 'abc' is not of type 'number'",
        ),
        (
            "[checks.S004]\nmin_shares = 1\n",
            "aligner.toml: checks.S004: unknown key 'min_shares' (did you mean 'min_share'?)",
        ),
        (
            '[checks.L401]\nseverty = "info"\n',
            "aligner.toml: checks.L401: unknown key 'severty' (did you mean 'severity'?)",
        ),
        (
            '[checks.L401]\nseverity = "fatal"\n',
            "aligner.toml: checks.L401.severity: 'fatal' is not one of ['error', 'warning', 'info']",
        ),
        (
            '[checks.X999]\nseverity = "info"\n',
            "aligner.toml: checks: unknown check code 'X999' (see `aligner rules`)",
        ),
        (
            '[checks.s004]\nseverity = "info"\n',
            "aligner.toml: checks: unknown check code 's004' (did you mean 'S004'?)",
        ),
        (
            'fail_on = "warnings"\n',
            "aligner.toml: fail_on: 'warnings' is not one of ['error', 'warning', 'never']",
        ),
        ("tolerance = 5.5\n", "aligner.toml: tolerance: 5.5 is not of type 'integer'"),
        ("tolerance = 900\n", "aligner.toml: tolerance: 900 is greater than the maximum of 600"),
        ('languages = ["en", "xx"]\n', "aligner.toml: languages[1]: unknown language code 'xx'"),
        ('select = ["Z9"]\n', "aligner.toml: select: unknown check code(s) 'Z9' (see `aligner rules`)"),
        (
            "[locales.xx]\nquotes_untranslated_ok = true\n",
            "aligner.toml: locales: unknown language code 'xx'",
        ),
        (  # two spellings of one locale: one table would silently win
            "[locales.pt-BR]\nquotes_untranslated_ok = true\n[locales.pt-br]\nquotes_untranslated_ok = false\n",
            "aligner.toml: locales: 'pt-BR' and 'pt-br' name one locale: keep one table",
        ),
        (
            "[locales.zh]\nquotes_untranslated = true\n",
            "aligner.toml: locales.zh: unknown key 'quotes_untranslated' (did you mean 'quotes_untranslated_ok'?)",
        ),
        (
            '[locales.zh]\nquotes_untranslated_ok = "yes"\n',
            "aligner.toml: locales.zh.quotes_untranslated_ok: 'yes' is not of type 'boolean'",
        ),
        (
            '[locales.zh.checks.Q999]\nseverity = "info"\n',
            "aligner.toml: locales.zh.checks: unknown check code 'Q999' (see `aligner rules`)",
        ),
        # every check's threshold names are declared: a typo is no silent default (T504 had none)
        (
            "[checks.T504]\nmin_scor = 10\n",
            "aligner.toml: checks.T504: unknown key 'min_scor' (did you mean 'min_score'?)",
        ),
        ("[checks.C101]\nfoo = 1\n", "aligner.toml: checks.C101: unknown key 'foo'"),
        (
            "[locales.ja.checks.Q201]\nmin_score = 1\n",
            "aligner.toml: locales.ja.checks.Q201: unknown key 'min_score'",
        ),
        # and each value is a finite number in its range: nan used to end in a traceback
        (
            "[checks.T501]\nz = nan\n",
            "aligner.toml: checks.T501.z: nan is out of range: a number of at least 0",
        ),
        (
            "[checks.T504]\nmin_score = 500\n",
            "aligner.toml: checks.T504.min_score: 500 is out of range: a number from 0 to 100",
        ),
        (
            "[checks.R604]\nshare = 1.5\n",
            "aligner.toml: checks.R604.share: 1.5 is out of range: a number from 0 to 1",
        ),
        (
            "[checks.C106]\nmargin = -0.5\n",
            "aligner.toml: checks.C106.margin: -0.5 is out of range: a number from 0 to 1",
        ),
        (
            "[checks\n",
            "aligner.toml: invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 8)",
        ),
        (
            "select = " + "[" * 1000 + "]" * 1000 + "\n",
            "aligner.toml: invalid TOML: nested too deeply to read",
        ),
    ],
)
def test_each_error_names_the_bad_key(tmp_path: Path, text: str, expected: str) -> None:
    assert _problems(tmp_path, text) == [expected]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    problems = _problems(tmp_path, 'tolerence = 5\nfail_on = "sometimes"\n[checks.S005]\nseverity = 1\n')
    assert len(problems) == 3
    assert all(p.startswith("aligner.toml: ") for p in problems)


def test_catalog_codes_are_all_accepted(tmp_path: Path) -> None:
    table = "".join(f'[checks.{code}]\nseverity = "info"\n' for code in CATALOG)
    (tmp_path / "aligner.toml").write_text(table, encoding="utf-8")
    settings = configure(Settings(), [], None, cwd=tmp_path)
    assert set(settings.severity) == set(CATALOG)


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: file not found"):
        configure(Settings(), [], "nope.toml", cwd=tmp_path)


def test_an_explicit_config_that_holds_no_settings_is_an_error(tmp_path: Path) -> None:
    """`--config pyproject.toml` with `[tool.alinger]` ran the defaults without a word, and
    `--config ""` (an unset CI variable) fell back to ./aligner.toml (found by QA of a team's
    configuration)."""
    (tmp_path / "pyproject.toml").write_text('[tool.alinger]\nfail_on = "never"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"pyproject\.toml: no \[tool\.aligner\] table \(it has \[tool\.alinger\]"
    ):
        configure(Settings(), [], "pyproject.toml", cwd=tmp_path)
    (tmp_path / "aligner.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"--config: empty path"):
        configure(Settings(), [], "", cwd=tmp_path)
    assert configure(Settings(), [], None, cwd=tmp_path).fail_on == "never"  # no option: found


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / "aligner.toml").write_bytes(b"\xef\xbb\xbftolerance = 7\n")
    assert configure(Settings(), [], None, cwd=tmp_path).tolerance == 7


def test_pyproject_tool_aligner_is_read_and_named_in_errors(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.aligner]\ntolerance = 8\nsource_lang = "es"\n', encoding="utf-8"
    )
    settings = configure(Settings(), [], None, cwd=tmp_path)
    assert (settings.tolerance, settings.source_lang) == (8, "es")
    problems = _problems(tmp_path, "[tool.aligner]\ntolerence = 8\n", "pyproject.toml")
    assert problems == ["pyproject.toml: tool.aligner: unknown key 'tolerence' (did you mean 'tolerance'?)"]


def test_discovery_order(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")
    assert find_config(None, tmp_path) is None  # a pyproject without [tool.aligner] is no config
    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\ntolerance = 8\n", encoding="utf-8")
    assert find_config(None, tmp_path).label == "pyproject.toml"  # type: ignore[union-attr]
    (tmp_path / "aligner.toml").write_text("tolerance = 7\n", encoding="utf-8")
    assert configure(Settings(), [], None, cwd=tmp_path).tolerance == 7  # aligner.toml wins
    (tmp_path / "other.toml").write_text("tolerance = 6\n", encoding="utf-8")
    assert configure(Settings(), [], "other.toml", cwd=tmp_path).tolerance == 6  # --config wins


def test_options_given_on_the_command_line_beat_the_file(tmp_path: Path) -> None:
    (tmp_path / "aligner.toml").write_text(
        'tolerance = 9\nsource_lang = "es"\nfail_on = "never"\nignore = ["E3"]\n', encoding="utf-8"
    )
    cli = Settings(tolerance=3, source_lang="en", fail_on="error", ignore=())
    untouched = configure(cli, [], None, cwd=tmp_path)  # options left at their defaults
    assert (untouched.tolerance, untouched.source_lang, untouched.fail_on, untouched.ignore) == (
        9,
        "es",
        "never",
        ("E3",),
    )
    given = configure(cli, ["tolerance", "fail_on"], None, cwd=tmp_path)
    assert (given.tolerance, given.source_lang, given.fail_on, given.ignore) == (3, "es", "error", ("E3",))


def test_cli_uses_the_config_and_its_options_override_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aligner.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    runner = CliRunner()
    args = ["check", str(ES_PAGE), str(JA_PAGE), "--format", "csv"]
    from_config = runner.invoke(main, [*args, "--out", "a"])
    assert from_config.exit_code == 0, from_config.output  # L401 errors, but fail_on = "never"
    overridden = runner.invoke(main, [*args, "--out", "b", "--fail-on", "error"])
    assert overridden.exit_code == 1, overridden.output
    (tmp_path / "strict.toml").write_text('fail_on = "error"\n', encoding="utf-8")
    explicit = runner.invoke(main, [*args, "--out", "c", "--config", "strict.toml"])
    assert explicit.exit_code == 1, explicit.output


def test_cli_bad_config_exits_2_naming_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aligner.toml").write_text('[checks.S004]\nmin_share = "abc"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ES_PAGE), "--out", "r"])
    assert result.exit_code == 2
    assert "aligner.toml: checks.S004.min_share: 'abc' is not of type 'number'" in result.output
    assert not (tmp_path / "r").exists()  # nothing ran


def test_every_threshold_a_check_reads_is_declared() -> None:
    """``settings.threshold(self.code, "name", …)`` in a check's source: ``name`` is in its
    ``thresholds`` (the configuration accepts only declared names)."""
    import inspect
    import re

    for code, check in CATALOG.items():
        read = set(re.findall(r'threshold\(\s*self\.code,\s*"(\w+)"', inspect.getsource(check)))
        assert read <= set(check.thresholds), (code, read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('select = ["ZZZ"]', "select: unknown check code(s) 'ZZZ' (see `aligner rules`)"),
        ('source_lang = "english"', "source_lang: unknown language code 'english'"),
    ],
)
def test_one_problem_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    """The schema's pattern line came on top of the line that explains the value (found by
    exploratory QA): one mistake, one line."""
    assert [p.split(": ", 1)[1] for p in _problems(tmp_path, text)] == [expected]


def test_a_second_problem_under_an_explained_key_is_still_reported(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '[checks.T501]\nz = "x"\nseverty = 1\n')
    assert any("checks.T501.z" in p and "number" in p for p in problems)
    assert any("unknown key 'severty'" in p for p in problems)


def test_a_missing_file_the_configuration_names_is_said_with_its_key(tmp_path: Path) -> None:
    """`…/nope.toml: file not found` left the reader to guess that aligner.toml's `waivers` set it
    (found by QA of a team's configuration); a path typed on the command line is said as typed."""
    (tmp_path / "aligner.toml").write_text('waivers = "nope.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        configure(Settings(), [], None, cwd=tmp_path)
    assert raised.value.problems == [
        f"{tmp_path / 'nope.toml'}: file not found (set by `waivers` in aligner.toml)"
    ]
    with pytest.raises(ConfigError) as typed:
        configure(Settings(waivers="other.toml"), ["waivers"], None, cwd=tmp_path)
    assert typed.value.problems == ["other.toml: file not found"]
