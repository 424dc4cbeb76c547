"""The project's JSON Schemas (``schemas/``), loaded once, and validation into readable messages."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@cache
def document(name: str) -> dict[str, Any]:
    """``schemas/<name>.schema.json``, parsed (not checked: see ``validator``)."""
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return loaded


@cache
def definition_pattern(name: str, definition: str) -> re.Pattern[str]:
    """The ``pattern`` of a string definition of ``schemas/<name>.schema.json``, for a value that
    does not go through a validator (a command-line option). The schemas' patterns are anchored
    and use no syntax where Python's regexes differ from ECMA-262's."""
    return re.compile(document(name)["$defs"][definition]["pattern"])


@cache
def validator(name: str) -> Draft202012Validator:
    """``validator("episode")`` → a validator for ``schemas/episode.schema.json``. jsonschema is
    imported here, when something is first validated (a configuration or waivers file, a JSON
    page): a run without one does not pay for the import (≈ 55 ms)."""
    from jsonschema import Draft202012Validator

    schema = document(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def definition_validator(name: str, definition: str) -> Draft202012Validator:
    """A validator for one ``$defs`` entry of ``schemas/<name>.schema.json``
    (``definition_validator("waivers", "waiver")``: a single waiver)."""
    from jsonschema import Draft202012Validator

    defs = validator(name).schema["$defs"]
    return Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": defs})


def sorted_errors(checker: Draft202012Validator, instance: Any) -> list[ValidationError]:
    """Every violation of ``instance``, ordered by where it is (a stable order)."""
    return sorted(checker.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])


def errors(name: str, instance: Any, limit: int = 5) -> list[str]:
    """All violations (at most ``limit``), each as ``path: message``, in a stable order."""
    return _messages(sorted_errors(validator(name), instance), limit)


def variant_errors(instance: Any, limit: int = 5) -> list[str]:
    """Violations of the ``variant`` definition of the episode schema."""
    return _messages(sorted_errors(definition_validator("episode", "variant"), instance), limit)


def _messages(found: list[ValidationError], limit: int) -> list[str]:
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in found[:limit]]
