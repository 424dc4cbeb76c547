"""Run-wide resources that checks consult: built once per run by the pipeline, read-only after.

Each field is filled by the component that owns it (see ``aligner.pipeline.analyse``):
the glossary from ``Settings.glossary``, the length model calibrated from the run's own chapter
pairs. Checks must cope with a field being None (e.g. no glossary configured).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Resources:
    glossary: Any = None  # aligner.glossary.Glossary | None
    length_model: Any = None  # aligner.lengthmodel.LengthModel | None
