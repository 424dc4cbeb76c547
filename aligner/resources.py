"""Run-wide resources that checks consult: built once per run by the pipeline, read-only after.

Each field is filled by the component that owns it (see ``aligner.pipeline.analyse``):
the glossary from ``Settings.glossary``, the length model calibrated from the run's own chapter
pairs. Checks must cope with a field being None (e.g. no glossary configured).
"""

from __future__ import annotations

from dataclasses import dataclass

from aligner.glossary import Glossary
from aligner.lengthmodel import LengthModel


@dataclass(frozen=True, slots=True)
class Resources:
    glossary: Glossary | None = None
    length_model: LengthModel | None = None
