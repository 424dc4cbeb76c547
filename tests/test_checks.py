"""The check catalog: one fixture file per check code, run by one parametrised test.

Each ``tests/fixtures/checks/<CODE>.toml`` holds named ``[[case]]`` entries: the pages of one run
(``[case.pages]``: relative path → text; ``[case.binary]``: relative path → hex bytes, for files
TOML cannot hold as text; optionally ``glossary``: the text of a glossary CSV for the run), whether the check must ``pass`` or ``fail``, and for failing cases every
finding of that code that must appear (``chapter_ts``, ``page_locale``). The runner writes the pages
to a temporary folder, runs the whole pipeline, and compares the findings of that code only.
Diff checks (R6xx) compare two snapshots: their cases hold ``[case.old_pages]`` (the old snapshot)
next to ``[case.pages]`` (the new one), and the runner runs ``aligner diff`` old → new instead.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aligner.checks import CATALOG, Check
from aligner.cli import main
from aligner.diff import diff_paths
from aligner.pipeline import check_paths
from aligner.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checks"
CODE_RE = re.compile(r"^[SCQELTR]\d{3}$")
EXPLAIN_HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead")


def _load_fixture(code: str) -> list[dict[str, Any]]:
    with (FIXTURES / f"{code}.toml").open("rb") as handle:
        return list(tomllib.load(handle).get("case", []))


def _fixture_codes() -> list[str]:
    return sorted(path.stem for path in FIXTURES.glob("*.toml"))


def _cases() -> list[Any]:
    params = []
    for code in _fixture_codes():
        for case in _load_fixture(code):
            params.append(pytest.param(code, case, id=f"{code}::{case['name']}"))
    return params


def _write_pages(root: Path, case: dict[str, Any], key: str = "pages") -> None:
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in case.get(key, {}).items()}
    binary = "old_binary" if key == "old_pages" else "binary"
    files.update({path: bytes.fromhex(data) for path, data in case.get(binary, {}).items()})
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@pytest.mark.parametrize(("code", "case"), _cases())
def test_check_fixture(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    assert case["expect"] in ("pass", "fail"), "expect must be 'pass' or 'fail'"
    expected = [(f["chapter_ts"], f["page_locale"]) for f in case.get("findings", [])]
    assert bool(expected) == (case["expect"] == "fail"), "fail cases list findings; pass cases list none"
    settings = Settings()
    if "glossary" in case:  # the case's glossary CSV text (T506, glossary-matched entities)
        (tmp_path / "glossary.csv").write_text(case["glossary"], encoding="utf-8")
        settings = Settings(glossary=str(tmp_path / "glossary.csv"))
    if "old_pages" in case:  # a diff check: old snapshot → new snapshot
        _write_pages(tmp_path / "old", case, "old_pages")
        _write_pages(tmp_path / "new", case)
        result = diff_paths(str(tmp_path / "old"), str(tmp_path / "new"), settings)
    else:
        _write_pages(tmp_path, case)
        result = check_paths([str(tmp_path)], settings)

    found = [f for f in result.findings if f.code == code]
    actual = Counter((f.chapter_ts, f.page_locale) for f in found)
    assert actual == Counter(expected), "\n".join(
        [f"{code} findings differ from the fixture:"] + [f"  {f.to_record()}" for f in found]
    )


# -- meta-tests: the catalog and its fixtures --------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_check_has_a_fixture_with_pass_and_fail_cases(code: str) -> None:
    assert (FIXTURES / f"{code}.toml").is_file(), f"missing tests/fixtures/checks/{code}.toml"
    cases = _load_fixture(code)
    expectations = Counter(case.get("expect") for case in cases)
    assert expectations["pass"] >= 1, f"{code} has no passing case"
    assert expectations["fail"] >= 1, f"{code} has no failing case"
    names = [case.get("name", "") for case in cases]
    assert all(names), f"{code} has an unnamed case"
    assert len(names) == len(set(names)), f"{code} has two cases with the same name"


def test_every_fixture_names_a_registered_check() -> None:
    assert sorted(set(_fixture_codes()) - set(CATALOG)) == []


@pytest.mark.parametrize("check", list(CATALOG.values()), ids=list(CATALOG))
def test_check_is_documented(check: type[Check]) -> None:
    assert CODE_RE.match(check.code), check.code
    for field in ("what", "why", "example", "instead"):
        assert getattr(check.docs, field).strip(), f"{check.code} docs lack `{field}`"
    assert check.name.strip()


def test_codes_and_names_are_unique() -> None:
    assert all(code == check.code for code, check in CATALOG.items())
    names = [check.name for check in CATALOG.values()]
    assert len(names) == len(set(names)), Counter(names).most_common(3)


def test_rules_lists_every_code() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines() if line.strip()}
    assert listed == set(CATALOG)


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_explain_prints_the_four_headings(code: str) -> None:
    result = CliRunner().invoke(main, ["explain", code.lower()])
    assert result.exit_code == 0, result.output
    assert code in result.output
    for heading in EXPLAIN_HEADINGS:
        assert heading in result.output


def test_explain_lists_the_thresholds_a_configuration_may_set() -> None:
    output = CliRunner().invoke(main, ["explain", "T504"]).output
    assert "## Thresholds (`[checks.T504]` in the configuration)\nmin_score = 80  (0 to 100)" in output
    assert "Thresholds" not in CliRunner().invoke(main, ["explain", "C101"]).output  # severity only


def test_explain_unknown_code_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["explain", "X999"])
    assert result.exit_code == 2
