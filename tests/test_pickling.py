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


@by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class One:
    value: str


@by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    """A class whose ``__init__`` does more than set the fields: pickling must go through it."""

    name: str
    seen: list[str] = dataclasses.field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.seen.append(self.name)


def test_single_field_class_round_trips() -> None:
    assert pickle.loads(pickle.dumps(One("x"))) == One("x")


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_slots_are_set_without_init_and_found_by_name(protocol: int) -> None:
    chapter = Chapter(5, "00:05", "Title", "body", (Quote("q", '"'),), title_split="heuristic", lang="es")
    data = pickle.dumps(chapter, protocol=protocol)
    assert b"_rebuild" in data  # the class's rebuilder, not the class called with the values
    copy = pickle.loads(data)
    assert type(copy) is Chapter and copy == chapter and _fields(copy) == _fields(chapter)
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.title = "changed"  # type: ignore[misc]


def test_a_class_with_post_init_is_rebuilt_through_init() -> None:
    original = Checked("a")
    copy = pickle.loads(pickle.dumps(original))
    assert copy == original and copy.seen == ["a", "a"]  # __post_init__ ran again on the copy
    assert not hasattr(Checked, "_rebuild")


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
