"""The streamed JSON encoder writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` does."""

from __future__ import annotations

import enum
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.model import Severity
from aligner.pipeline import check_paths
from aligner.report import jsonstream
from aligner.report.json import FILENAME, JsonReporter, render_json
from aligner.report.jsonstream import encode, stream_document
from aligner.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "pages"

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(list(Severity))
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


@given(values)
def test_encode_matches_json_dumps(value: object) -> None:
    assert encode(value) == dumps(value)


@given(st.dictionaries(st.text(max_size=8), st.lists(values, max_size=4), max_size=5))
def test_streamed_sections_match_lists(document: dict[str, list[object]]) -> None:
    lazy = {key: iter(items) for key, items in document.items()}
    assert "".join(stream_document(lazy)) == dumps(document)


flat_records = st.dictionaries(
    st.text(max_size=8) | st.integers() | st.booleans() | st.none(),
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    min_size=1,
    max_size=6,
)


@given(flat_records, st.integers(min_value=0, max_value=4))
def test_flat_records_by_the_c_encoder_as_the_general_path(record: dict[object, object], level: int) -> None:
    # a row of exact scalars is encoded by json's C encoder (jsonstream._flat_encoder)
    general: list[str] = []
    jsonstream._encode(record, level, general)
    assert encode(record, level) == "".join(general)
    # as report.json streams its rows: each item of a section goes through ``encode``
    assert "".join(stream_document({"rows": iter([record, record])})) == dumps({"rows": [record, record]})


@given(
    st.dictionaries(
        st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False, allow_infinity=False),
        scalars,
        max_size=4,
    )
)
def test_non_string_keys_as_json_dumps_writes_them(value: dict[object, object]) -> None:
    assert encode(value) == dumps(value)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        encode({"score": [bad]})


def test_unknown_objects_are_refused() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        encode({"path": Path("x")})


def test_report_file_is_render_json_byte_for_byte(tmp_path: Path) -> None:
    result = check_paths([str(SAMPLES)], Settings())
    (path,) = JsonReporter().write(result, tmp_path)
    assert path.name == FILENAME
    assert path.read_text(encoding="utf-8") == render_json(result)


class _Label(str):
    pass


class _Level(enum.IntEnum):
    LOW = 1


class _Ratio(float):
    pass


def test_subclasses_and_record_values_as_json_dumps_writes_them() -> None:
    # exact scalar types take the fast path; subclasses the general one: both as json.dumps
    value = {"a": _Label('x\n"y"'), "b": _Level.LOW, "c": _Ratio(0.25), "d": [True, None, 1e-07]}
    assert encode(value) == dumps(value)
    assert encode([{"k": 1}, {"k": 2.5}]) == dumps([{"k": 1}, {"k": 2.5}])


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_record_values_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        encode({"score": bad})
