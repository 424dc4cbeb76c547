"""Whether a folder takes files, asked before a run relies on it (the cache, the report folder)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def probe_writable(folder: Path, prefix: str = ".") -> None:
    """Make ``folder`` (and its parents) and a file in it, then remove the file: raises the
    ``OSError`` a write there would raise (missing mount, read-only, a file in the way)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(dir=folder, prefix=prefix)
    os.close(fd)
    os.unlink(probe)
