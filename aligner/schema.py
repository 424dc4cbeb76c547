"""The project's JSON Schemas (``schemas/``), loaded once, and validation into readable messages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@cache
def validator(name: str) -> Draft202012Validator:
    """``validator("episode")`` → a validator for ``schemas/episode.schema.json``. jsonschema is
    imported here, when something is first validated (a configuration or waivers file, a JSON
    page): a run without one does not pay for the import (≈ 55 ms)."""
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(name: str, instance: Any, limit: int = 5) -> list[str]:
    """All violations (at most ``limit``), each as ``path: message``, in a stable order."""
    found = sorted(validator(name).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    messages = []
    for error in found[:limit]:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        messages.append(f"{where}: {error.message}")
    return messages


def variant_errors(instance: Any, limit: int = 5) -> list[str]:
    """Violations of the ``variant`` definition of the episode schema."""
    from jsonschema import Draft202012Validator

    schema = validator("episode").schema
    sub = {"$ref": "#/$defs/variant", "$defs": schema["$defs"]}
    v = Draft202012Validator(sub)
    found = sorted(v.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in found[:limit]]
