"""What starting the tool costs: heavy libraries needed only by some runs are imported by them.

jsonschema (with attrs, referencing and rpds: ≈ 55 ms) validates configuration, waivers and JSON
pages; sacrebleu (≈ 30 ms) scores chrF where its bounds cannot rule a pair out. Importing both
up front made ``aligner check`` of one page take 0.66 s instead of 0.55 s (medians of 8
interleaved runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

LAZY = ("jsonschema", "sacrebleu")


def _imported_after(code: str, cwd: Path) -> set[str]:
    """The modules of ``LAZY`` that a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {LAZY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


def test_importing_the_cli_and_the_library_imports_neither(tmp_path: Path) -> None:
    code = "import aligner.cli, aligner.pipeline, aligner.report, aligner.checks"
    assert _imported_after(code, tmp_path) == set()


def test_a_check_of_one_page_without_configuration_imports_neither(tmp_path: Path) -> None:
    page = SAMPLES / "en" / "hassabis.md"
    code = (
        "from aligner.pipeline import check_paths\n"
        "from aligner.report import write_reports\n"
        "from aligner.settings import Settings\n"
        f"write_reports(check_paths([{str(page)!r}], Settings()), 'out', 'csv,json,html')"
    )
    assert _imported_after(code, tmp_path) == set()


def test_each_is_imported_when_its_work_comes(tmp_path: Path) -> None:
    validate = "from aligner.schema import errors\nassert errors('waivers', {}) == []"
    score = "from aligner.untranslated import similarity\nassert similarity('a text', 'a text') == 100.0"
    compare = "from aligner.checks.textdiff import chrf\nassert chrf('old words', 'new words') < 100.0"
    assert _imported_after(validate, tmp_path) == {"jsonschema"}
    assert _imported_after(score, tmp_path) == {"sacrebleu"}
    assert _imported_after(compare, tmp_path) == {"sacrebleu"}
