from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.model import FINDING_COLUMNS, Finding, Severity
from aligner.report import REPORTERS, Reporter, write_reports
from aligner.report.csv import CsvReporter, columns, neutralize, render_csv
from aligner.results import CHAPTER_COLUMNS, VARIANT_COLUMNS, ChapterRow, RunResult, VariantRow

HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click")'


def _finding(code: str, severity: Severity, message: str, evidence: str = "", ts: str = "") -> Finding:
    return Finding(
        episode_id="ep-1",
        page_locale="es",
        source_path="pages/es/listing.txt",
        chapter_sort=-1 if not ts else 75,
        code=code,
        message=message,
        episode_title=HOSTILE_TITLE,
        lang="es",
        ref_lang="en",
        chapter_ts=ts,
        name="some-check",
        severity=severity,
        evidence=evidence,
        mqm="accuracy",
    )


def _chapter(components: tuple[tuple[str, float], ...], status: str = "matched") -> ChapterRow:
    return ChapterRow(
        episode_id="ep-1",
        episode_title=HOSTILE_TITLE,
        page_locale="es",
        lang="es",
        ref_lang="en",
        ref_ts="01:15",
        var_ts="01:17",
        status=status,
        score=87.25,
        components=components,
        source_path="pages/es/listing.txt",
        ref_title="-intro",
        var_title="+intro",
    )


def _variant(is_reference: bool, score: float | None, quality: float | None) -> VariantRow:
    return VariantRow(
        episode_id="ep-1",
        episode_title=HOSTILE_TITLE,
        page_locale="es" if not is_reference else "en",
        lang="es" if not is_reference else "en",
        is_reference=is_reference,
        chapters=3,
        quotes=3,
        entities=2,
        score=score,
        errors=1,
        warnings=0,
        infos=0,
        source_path="pages/es/listing.txt",
        title="@mention title",
        layout="flattened",
        coverage=None if is_reference else 0.9,
        quality=quality,
        words=120,
    )


def _result(
    findings: tuple[Finding, ...] = (),
    chapters: tuple[ChapterRow, ...] = (),
    variants: tuple[VariantRow, ...] = (),
) -> RunResult:
    return RunResult(
        settings={"version": "0.1.0", "source_lang": "en", "tolerance_s": 5, "checks": []},
        pages=(),
        variants=(),
        episodes=(),
        findings=findings,
        chapters=chapters,
        variant_rows=variants,
    )


COMPONENTS = (("timestamp", 0.9), ("length", -0.25), ("anchors", 1.0))


@pytest.fixture
def sample() -> RunResult:
    return _result(
        findings=(
            _finding("C101", Severity.ERROR, "Chapter `[01:15]` missing in `es`", "+1 555", "01:15"),
            _finding("S007", Severity.WARNING, "Markup left in text", "<script>alert(1)</script>"),
            _finding("T502", Severity.WARNING, "-5 vs 5", 'line one\nline, two "quoted"'),
        ),
        chapters=(_chapter(COMPONENTS), _chapter(COMPONENTS, status="drift")),
        variants=(_variant(True, None, None), _variant(False, 81.04, -12.5)),
    )


def _read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1 555", "'+1 555"),
        ("-5 vs 5", "'-5 vs 5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (-0.25, -0.25),
        (-3, -3),
        (True, True),
    ],
)
def test_neutralize(value: object, expected: object) -> None:
    assert neutralize(value) == expected
    assert type(neutralize(value)) is type(expected)


def test_writes_three_files(tmp_path: Path, sample: RunResult) -> None:
    written = CsvReporter().write(sample, tmp_path)
    assert [p.name for p in written] == ["findings.csv", "chapters.csv", "variants.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapters.csv", "findings.csv", "variants.csv"]


def test_findings_header_and_cells(tmp_path: Path, sample: RunResult) -> None:
    CsvReporter().write(sample, tmp_path)
    rows = _read_rows(tmp_path / "findings.csv")
    assert tuple(rows[0]) == FINDING_COLUMNS
    assert len(rows) == 4
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["episode_title"] == "'" + HOSTILE_TITLE
    assert first["evidence"] == "'+1 555"
    assert first["severity"] == "error"
    assert first["chapter_ts"] == "01:15"
    third = dict(zip(rows[0], rows[3], strict=True))
    assert third["message"] == "'-5 vs 5"
    assert third["evidence"] == 'line one\nline, two "quoted"'  # round-trips through quoting
    assert [row[rows[0].index("code")] for row in rows[1:]] == ["C101", "S007", "T502"]  # order kept


def test_chapters_column_order(tmp_path: Path, sample: RunResult) -> None:
    CsvReporter().write(sample, tmp_path)
    rows = _read_rows(tmp_path / "chapters.csv")
    assert rows[0] == [
        *CHAPTER_COLUMNS,
        "timestamp",
        "length",
        "anchors",
        "source_path",
        "ref_title",
        "var_title",
    ]
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["length"] == "-0.25"  # a negative number stays a number
    assert record["score"] == "87.2"
    assert record["ref_title"] == "'-intro"
    assert record["var_title"] == "'+intro"


def test_chapter_component_first_seen_later_stays_among_components() -> None:
    records = [
        _chapter(COMPONENTS).to_record(),
        _chapter((*COMPONENTS, ("quotes", 0.5))).to_record(),
    ]
    header = columns(CHAPTER_COLUMNS, records)
    assert header[len(CHAPTER_COLUMNS) :] == [
        "timestamp",
        "length",
        "anchors",
        "quotes",
        "source_path",
        "ref_title",
        "var_title",
    ]
    rows = list(csv.reader(io.StringIO(render_csv(CHAPTER_COLUMNS, records))))
    assert rows[0] == header
    assert rows[1][header.index("quotes")] == ""  # a missing cell is empty
    assert rows[2][header.index("quotes")] == "0.5"


def test_variants_header_and_cells(tmp_path: Path, sample: RunResult) -> None:
    CsvReporter().write(sample, tmp_path)
    rows = _read_rows(tmp_path / "variants.csv")
    assert tuple(rows[0][: len(VARIANT_COLUMNS)]) == VARIANT_COLUMNS
    assert rows[0][len(VARIANT_COLUMNS) :] == ["title", "layout", "coverage", "quality", "words"]
    ref, other = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert ref["score"] == ""
    assert ref["is_reference"] == "True"
    assert other["score"] == "81.0"
    assert other["quality"] == "-12.5"  # negative number untouched
    assert other["title"] == "'@mention title"


def test_empty_run_writes_contract_headers_only(tmp_path: Path) -> None:
    CsvReporter().write(_result(), tmp_path)
    assert (tmp_path / "findings.csv").read_text(encoding="utf-8") == ",".join(FINDING_COLUMNS) + "\n"
    assert (tmp_path / "chapters.csv").read_text(encoding="utf-8") == ",".join(CHAPTER_COLUMNS) + "\n"
    assert (tmp_path / "variants.csv").read_text(encoding="utf-8") == ",".join(VARIANT_COLUMNS) + "\n"


def test_utf8_lf_no_bom(tmp_path: Path, sample: RunResult) -> None:
    CsvReporter().write(sample, tmp_path)
    data = (tmp_path / "findings.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data
    assert data.endswith(b"\n")


def test_deterministic(tmp_path: Path, sample: RunResult) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = [p.read_bytes() for p in CsvReporter().write(sample, tmp_path / "a")]
    second = [p.read_bytes() for p in CsvReporter().write(sample, tmp_path / "b")]
    assert first == second


def test_registry_and_write_reports(tmp_path: Path, sample: RunResult) -> None:
    assert REPORTERS["csv"].name == "csv"
    written = write_reports(sample, tmp_path / "new" / "dir", ["csv"])
    assert [p.name for p in written] == ["findings.csv", "chapters.csv", "variants.csv"]
    assert all(p.parent == tmp_path / "new" / "dir" for p in written)


def test_unknown_format_writes_nothing(tmp_path: Path, sample: RunResult) -> None:
    with pytest.raises(ValueError, match=r"unknown report format 'xlsx'.*csv, html, json"):
        write_reports(sample, tmp_path / "out", ["csv", "xlsx"])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("formats", [[], "", " , "])
def test_no_format_is_an_error(tmp_path: Path, sample: RunResult, formats: list[str] | str) -> None:
    with pytest.raises(ValueError, match="no report format given"):
        write_reports(sample, tmp_path / "out", formats)
    assert not (tmp_path / "out").exists()


def test_registry_holds_reporters() -> None:
    assert sorted(REPORTERS) == ["csv", "html", "json"]
    for name, reporter in REPORTERS.items():
        assert isinstance(reporter, Reporter)
        assert reporter.name == name


def test_formats_as_comma_string(tmp_path: Path, sample: RunResult) -> None:
    written = write_reports(sample, tmp_path, "csv, json,csv")
    assert [p.name for p in written] == ["findings.csv", "chapters.csv", "variants.csv", "report.json"]


_CELL = st.one_of(
    st.text(alphabet=st.sampled_from("=+-@\t\r'a1, \"\n"), max_size=4),
    st.integers(-5, 5),
    st.floats(-2, 2, allow_nan=False),
    st.none(),
)


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), _CELL, min_size=1, max_size=4),
        max_size=6,
    )
)
def test_render_csv_neutralizes_every_cell_like_neutralize(records: list[dict[str, object]]) -> None:
    # records in the header's order take a fast path, others a lookup per column: same cells
    contract = ["a", "b"]
    header = columns(contract, records)
    expected = io.StringIO()
    writer = csv.writer(expected, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralize(record.get(name, "")) for name in header] for record in records)
    assert render_csv(contract, records) == expected.getvalue()
