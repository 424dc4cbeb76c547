"""Objects pickled by their field values (``aligner.pickling``) come back equal, field by field."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from aligner.model import Chapter, Quote
from aligner.pickling import by_fields
from aligner.pipeline import analyse, build_result, load
from aligner.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "pages"


def _fields(obj: object) -> tuple[object, ...]:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))  # type: ignore[arg-type]


def test_run_objects_round_trip_equal() -> None:
    settings = Settings()
    parsed = load([str(SAMPLES)], settings)
    analysis = analyse(parsed, settings)
    result = build_result(parsed, settings)
    for value in (parsed, analysis.episodes, analysis.alignments, result.findings, result.chapters):
        copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == value
    chapter = parsed[0].variants[0].chapters[0]
    assert _fields(pickle.loads(pickle.dumps(chapter))) == _fields(chapter)
    assert type(chapter).__reduce__ is not object.__reduce__  # the fast path is the one in use


def test_single_field_class_round_trips() -> None:
    @by_fields
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        value: str

    globals()["One"] = One  # pickle finds classes by module and name
    One.__qualname__ = "One"
    assert pickle.loads(pickle.dumps(One("x"))) == One("x")


def test_fields_outside_init_are_refused() -> None:
    with pytest.raises(TypeError, match="init fields only"):

        @by_fields
        @dataclasses.dataclass(frozen=True, slots=True)
        class Derived:
            value: str
            length: int = dataclasses.field(init=False, default=0)


def test_chapter_text_as_found_is_not_stored_twice() -> None:
    parsed = load([str(SAMPLES)], Settings())
    chapters = [c for page in parsed for v in page.variants for c in v.chapters]
    assert chapters and all(c.raw is None for c in chapters)  # every sample chapter joins back
    flattened = [c for c in chapters if c.title_split == "heuristic"]
    assert flattened and all(c.found == f"{c.title} {c.body}" for c in flattened)
    kept = Chapter(
        0, "00:00", "Title", "body", (Quote("q", '"'),), raw="Title:  body", title_split="heuristic"
    )
    assert kept.found == "Title:  body"
