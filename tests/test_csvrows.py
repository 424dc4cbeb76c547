"""Strict CSV rows for hand-edited files: lines where rows start, blank rows, open quotes."""

from __future__ import annotations

import pytest

from aligner.csvrows import CsvSyntaxError, named, records, rows


def test_rows_carry_the_line_they_start_on() -> None:
    text = 'a,b\n"one\ntwo",x\n\nlast,"y"\n'
    assert list(rows(text)) == [(1, ["a", "b"]), (2, ["one\ntwo", "x"]), (4, []), (5, ["last", "y"])]
    assert records(text) == (["a", "b"], [(2, ["one\ntwo", "x"]), (5, ["last", "y"])])
    assert records("") == ([], []) and records("\n\n") == ([], [])


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('a,b\nx,"open\ny,z\n', 2, "unexpected end of data"),
        ('a,b\nx,y\n"q"r,s\n', 3, "',' expected after '\"'"),
    ],
)
def test_a_broken_row_is_named_by_its_first_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(CsvSyntaxError) as caught:
        list(rows(text))
    assert (caught.value.line, caught.value.reason) == (line, reason)
    assert str(caught.value) == f"line {line}: not CSV ({reason})"


def test_named_fills_missing_cells_and_refuses_extra_ones() -> None:
    header = ["a", "b", "c"]
    assert named(header, ["1"]) == {"a": "1", "b": "", "c": ""}
    assert named(header, ["1", "2", "3"]) == {"a": "1", "b": "2", "c": "3"}
    assert named(header, ["1", "2", "3", "4"]) is None
