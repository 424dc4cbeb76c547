from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aligner.model import (
    FINDING_COLUMNS,
    Chapter,
    Episode,
    Finding,
    Layout,
    Quote,
    RawPage,
    Severity,
    Variant,
)
from aligner.report import write_reports
from aligner.report.json import JsonReporter, render_json
from aligner.results import CHAPTER_COLUMNS, VARIANT_COLUMNS, ChapterRow, RunResult, VariantRow
from aligner.settings import Settings

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x") {{7*7}}'


def _variant(path: str, locale: str, lang: str, title: str) -> Variant:
    chapter = Chapter(ts=75, ts_text="01:15", title="Intro", body="Body", quotes=(Quote("q", '"'),))
    return Variant(
        source_path=path,
        page_locale=locale,
        position=0,
        title=title,
        summary="Summary",
        chapters=(chapter,),
        entities=(),
        layout=Layout.FLATTENED,
        lang=lang,
    )


def _finding(code: str, severity: Severity, ts: str, sort: int) -> Finding:
    return Finding(
        episode_id="ep-1",
        page_locale="es",
        source_path="pages/es/listing.txt",
        chapter_sort=sort,
        code=code,
        message=f"{code} message ワールドモデル",
        episode_title=HOSTILE,
        lang="es",
        ref_lang="en",
        chapter_ts=ts,
        name="missing-chapter" if code == "C101" else "markup-leftover",
        severity=severity,
        evidence=HOSTILE,
        mqm="accuracy/omission",
    )


def _variant_row(locale: str, is_reference: bool) -> VariantRow:
    return VariantRow(
        episode_id="ep-1",
        episode_title=HOSTILE,
        page_locale=locale,
        lang=locale,
        is_reference=is_reference,
        chapters=1,
        quotes=1,
        entities=0,
        score=None if is_reference else 72.26,
        errors=0 if is_reference else 1,
        warnings=0 if is_reference else 2,
        infos=0,
        source_path=f"pages/{locale}/listing.txt",
        title=HOSTILE,
        layout="flattened",
        coverage=None if is_reference else 1.0,
        quality=None if is_reference else -3.0,
        words=40,
    )


def build_result() -> RunResult:
    ref = _variant("pages/en/listing.txt", "en", "en", HOSTILE)
    other = _variant("pages/es/listing.txt", "es", "es", "Título")
    episode = Episode(episode_id="ep-1", variants=(ref, other), reference=ref, ref_lang="en", pairing="title")
    chapter = ChapterRow(
        episode_id="ep-1",
        episode_title=HOSTILE,
        page_locale="es",
        lang="es",
        ref_lang="en",
        ref_ts="01:00:26",
        var_ts="",
        status="missing",
        score=0.0,
        components=(("timestamp", 0.0), ("length", -0.5)),
        source_path="pages/es/listing.txt",
        ref_title=HOSTILE,
    )
    return RunResult(
        settings=Settings().signature(["C101", "S007"]),
        pages=(
            RawPage(path="pages/en/listing.txt", text="x", locale="en", locale_source="path"),
            RawPage(path="pages/es/listing.txt", text="x", locale="es", locale_source="ui-strings"),
            RawPage(path="bad.bin", text=None, locale="und", locale_source="und", error="not UTF-8"),
        ),
        variants=(ref, other),
        episodes=(episode,),
        findings=(
            _finding("C101", Severity.ERROR, "01:00:26", 3626),
            _finding("S007", Severity.WARNING, "", -1),
            _finding("S007", Severity.WARNING, "01:15", 75),
        ),
        chapters=(chapter,),
        variant_rows=(_variant_row("en", True), _variant_row("es", False)),
    )


def _empty_result() -> RunResult:
    return RunResult(
        settings=Settings().signature([]),
        pages=(),
        variants=(),
        episodes=(),
        findings=(),
        chapters=(),
        variant_rows=(),
    )


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _write(result: RunResult, out_dir: Path) -> dict[str, Any]:
    out_dir.mkdir(parents=True, exist_ok=True)
    (path,) = JsonReporter().write(result, out_dir)
    assert path == out_dir / "report.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("result", [build_result(), _empty_result()], ids=["sample", "empty"])
def test_output_validates_against_schema(tmp_path: Path, schema: dict[str, Any], result: RunResult) -> None:
    document = _write(result, tmp_path)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_document_content(tmp_path: Path) -> None:
    document = _write(build_result(), tmp_path)
    assert list(document) == [
        "schema_version",
        "tool",
        "settings",
        "summary",
        "pages",
        "episodes",
        "variants",
        "chapters",
        "findings",
    ]
    assert document["schema_version"] == 1
    assert document["tool"] == "aligner"
    assert document["settings"]["checks"] == ["C101", "S007"]
    assert document["summary"] == {
        "findings": 3,
        "worst": "error",
        "by_severity": {"error": 1, "warning": 2, "info": 0},
        "by_code": {"C101": 1, "S007": 2},
        "episodes": 1,
        "variants": 2,
        "pages": 3,
    }
    assert document["pages"][2] == {
        "path": "bad.bin",
        "locale": "und",
        "locale_source": "und",
        "error": "not UTF-8",
    }
    assert document["pages"][0]["error"] is None
    assert document["episodes"] == [
        {
            "episode_id": "ep-1",
            "title": HOSTILE,
            "ref_lang": "en",
            "pairing": "title",
            "reference": "pages/en/listing.txt#0",
            "variants": ["pages/en/listing.txt#0", "pages/es/listing.txt#0"],
        }
    ]
    assert tuple(document["variants"][0])[: len(VARIANT_COLUMNS)] == VARIANT_COLUMNS
    assert document["variants"][0]["score"] == ""
    assert document["variants"][1]["score"] == 72.3
    assert tuple(document["chapters"][0])[: len(CHAPTER_COLUMNS)] == CHAPTER_COLUMNS
    assert document["chapters"][0]["length"] == -0.5
    assert tuple(document["findings"][0]) == FINDING_COLUMNS
    assert [f["code"] for f in document["findings"]] == ["C101", "S007", "S007"]
    assert document["findings"][0]["evidence"] == HOSTILE  # data, not neutralized or escaped


def test_text_is_utf8_not_ascii_escaped(tmp_path: Path) -> None:
    _write(build_result(), tmp_path)
    data = (tmp_path / "report.json").read_bytes()
    assert "ワールドモデル".encode() in data
    assert b"\\u30ef" not in data
    assert data.endswith(b"}\n")
    assert b"\r\n" not in data


def test_byte_identical_for_same_result(tmp_path: Path) -> None:
    _write(build_result(), tmp_path / "a")
    _write(build_result(), tmp_path / "b")
    assert (tmp_path / "a" / "report.json").read_bytes() == (tmp_path / "b" / "report.json").read_bytes()
    assert render_json(build_result()) == render_json(build_result())


@pytest.mark.parametrize("bad", [float("nan"), object()], ids=["nan", "object"])
def test_serialization_failure_keeps_old_report(tmp_path: Path, bad: object) -> None:
    target = tmp_path / "report.json"
    target.write_text('{"old": true}\n', encoding="utf-8")
    result = build_result()
    broken = RunResult(
        settings={**result.settings, "tolerance_s": bad},
        pages=result.pages,
        variants=result.variants,
        episodes=result.episodes,
        findings=result.findings,
        chapters=result.chapters,
        variant_rows=result.variant_rows,
    )
    with pytest.raises((TypeError, ValueError)):
        write_reports(broken, tmp_path, ["json"])
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("findings", 0, "severity"), "fatal"),
        (("findings", 0, "code"), "c101"),
        (("chapters", 0, "score"), 101),
        (("variants", 0, "is_reference"), "yes"),
        (("summary", "by_severity", "error"), -1),
        (("schema_version",), 2),
    ],
)
def test_schema_rejects_bad_documents(
    tmp_path: Path, schema: dict[str, Any], path: tuple[str | int, ...], value: object
) -> None:
    document = _write(build_result(), tmp_path)
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


@pytest.mark.parametrize("column", ["message", "severity", "chapter_ts", "episode_id"])
def test_schema_requires_contract_columns(tmp_path: Path, schema: dict[str, Any], column: str) -> None:
    document = _write(build_result(), tmp_path)
    del document["findings"][0][column]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_schema_allows_more_columns(tmp_path: Path, schema: dict[str, Any]) -> None:
    document = _write(build_result(), tmp_path)
    document["findings"][0]["waived"] = False
    document["chapters"][0]["quote_parity"] = 1.0
    document["variants"][0]["mqm_points"] = 3
    jsonschema.Draft202012Validator(schema).validate(document)


def test_the_report_records_what_else_the_run_read(tmp_path: Path) -> None:
    """A nightly report could not be reproduced: it named neither the configuration file nor the
    waivers, baseline or glossary it applied, nor its verdict (found by QA of a team's
    configuration). ``run`` holds them, each file with the digest of its bytes."""
    import hashlib

    from click.testing import CliRunner

    from aligner.cli import main
    from aligner.schema import errors
    from tests.conftest import SAMPLES

    config = tmp_path / "team.toml"
    config.write_text('fail_on = "warning"\n', encoding="utf-8")
    waivers = tmp_path / "w.toml"
    waivers.write_text(
        '[[waiver]]\nepisode = "x"\nlocale = "es"\ncode = "L401"\nchapter = ""\nreason = "r"\n',
        encoding="utf-8",
    )
    out = tmp_path / "r"
    args = ["check", str(SAMPLES), "--out", str(out), "--no-cache", "--format", "json"]
    done = CliRunner().invoke(main, [*args, "--config", str(config), "--waivers", str(waivers)])
    assert done.exit_code == 1, done.output
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert errors("report", document) == []
    digest = hashlib.sha256(waivers.read_bytes()).hexdigest()
    assert document["run"] == {
        "config": str(config),
        "fail_on": "warning",
        "waivers": {"path": str(waivers), "sha256": digest},
        "baseline": None,
        "glossary": None,
        "verdict": done.output.strip().splitlines()[-1],
    }
    assert document["run"]["verdict"].startswith("FAIL: ")
    assert f"config: {config}" in done.output.splitlines()
