"""T505 on the real pages: a dropped or stubbed Japanese summary of the LeCun episode."""

from __future__ import annotations

import shutil
from pathlib import Path

from aligner.model import Finding
from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings
from tests.conftest import JA_PAGE, SAMPLES

JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"


def _t505_with_ja_summary(tmp_path: Path, summary: str) -> list[Finding]:
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "ja" / JA_PAGE.name
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if JA_LECUN in line)
    lines[index] = summary + lines[index][lines[index].index(" ## [00:00]") :]
    page.write_text("\n".join(lines), encoding="utf-8")
    result = check_paths([str(tmp_path / "pages")], Settings())
    return [f for f in result.findings if f.code == "T505"]


def test_real_pages_have_every_summary(samples_result: RunResult) -> None:
    assert [f for f in samples_result.findings if f.code == "T505"] == []


def test_dropped_japanese_summary(tmp_path: Path) -> None:
    (finding,) = _t505_with_ja_summary(tmp_path, "")
    assert (finding.page_locale, finding.lang, finding.chapter_ts) == ("ja", "ja", "")
    assert finding.message == "Summary missing in `ja`"
    assert finding.evidence.startswith("reference: Yann LeCun")


def test_japanese_summary_cut_to_a_stub(tmp_path: Path) -> None:
    (finding,) = _t505_with_ja_summary(tmp_path, "ヤン・ルカンがLLMを語る。")
    assert finding.page_locale == "ja" and "truncated" in finding.message


def test_a_somewhat_short_summary_is_left_to_the_length_model(tmp_path: Path) -> None:
    summary = (
        "チューリング賞受賞者でAMI Labs創業者のヤン・ルカンは、LLMが「生産的な行き止まり」であると主張し、"
        "ワールドモデルとJEPAこそが次の道だと語る。"
    )
    assert _t505_with_ja_summary(tmp_path, summary) == []
