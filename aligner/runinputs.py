"""What a run read besides its pages, for reproducing its report: the configuration file, the
gate threshold, and the waivers, baseline and glossary files with a digest of each (``report.json``'s
``run``; the HTML overview's settings). The settings signature (``Settings.signature``) holds what
moves the numbers; these move what is listed and what fails — a nightly report could not be
reproduced from it (found by QA of a team's configuration)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from aligner.settings import Settings

DIGEST_CHUNK = 1 << 20


def run_inputs(settings: Settings) -> dict[str, Any]:
    """``{"config": path or "", "fail_on": …, "waivers"/"baseline"/"glossary": {"path", "sha256"} or
    None}``; a file that cannot be read (gone since it was loaded) has an empty digest."""
    return {
        "config": settings.config_path or "",
        "fail_on": settings.fail_on,
        "waivers": _file(settings.waivers),
        "baseline": _file(settings.baseline),
        "glossary": _file(settings.glossary),
    }


def _file(path: str | None) -> dict[str, str] | None:
    if not path:
        return None
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            while chunk := handle.read(DIGEST_CHUNK):
                digest.update(chunk)
    except OSError:
        return {"path": path, "sha256": ""}
    return {"path": path, "sha256": digest.hexdigest()}
