"""The testers' faithful translations of the Hassabis page (``tests/data/languages/<code>/``), put
beside the English original for a test to edit one of them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

LANGUAGES = Path(__file__).parent / "data" / "languages"


def with_source(tmp_path: Path, locale: str) -> Path:
    """The English page and the ``locale`` one copied under ``tmp_path``; the latter's path."""
    for page in ("en", locale):
        shutil.copytree(LANGUAGES / page, tmp_path / page)
    return tmp_path / locale / "hassabis.md"


def edit_body(path: Path, ts: str, change: Callable[[str], str]) -> None:
    """Rewrite the body line of chapter ``[ts]`` of a line-broken page with ``change``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    body = next(i for i, line in enumerate(lines) if line.startswith(f"## [{ts}]")) + 1
    lines[body] = change(lines[body])
    path.write_text("\n".join(lines), encoding="utf-8")
