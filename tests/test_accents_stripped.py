"""S006 for text folded to ASCII: a Vietnamese, Turkish or Polish chapter without its accents."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.settings import Settings

LANGUAGES = Path(__file__).parent / "data" / "languages"


def _ascii_folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l")


def _s006(tmp_path: Path, locale: str, edit: str | None = None) -> list[tuple[str, str]]:
    shutil.copytree(LANGUAGES / "en", tmp_path / "en")
    shutil.copytree(LANGUAGES / locale, tmp_path / locale)
    page = tmp_path / locale / "hassabis.md"
    if edit is not None:  # the body under this heading folded to ASCII
        text = page.read_text(encoding="utf-8")
        head, rest = text.split(edit, 1)
        body, tail = rest.split("\n## ", 1)
        page.write_text(head + edit + _ascii_folded(body) + "\n## " + tail, encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    return [(f.chapter_ts, f.message) for f in findings if f.code == "S006"]


@pytest.mark.parametrize("locale", ["vi", "tr", "pl"])
def test_a_faithful_page_keeps_its_accents(tmp_path: Path, locale: str) -> None:
    assert _s006(tmp_path, locale) == []


@pytest.mark.parametrize("locale", ["vi", "tr", "pl"])
def test_a_chapter_folded_to_ascii_is_encoding_damage_at_its_chapter(tmp_path: Path, locale: str) -> None:
    # `Sebastian Mallaby da danh ba nam`: nothing reported (the Vietnamese one was even read as German)
    found = _s006(tmp_path, locale, "## [19:43]")
    assert [chapter for chapter, _message in found] == ["19:43"]
    assert "accents stripped" in found[0][1] and f"`{locale}` text has about" in found[0][1]


def test_a_page_in_another_language_without_accents_is_no_damage(tmp_path: Path) -> None:
    # The Indonesian translation filed on the Vietnamese page has no accents either: it was reported
    # as encoding damage eight times (L402 is what it is)
    shutil.copytree(LANGUAGES / "en", tmp_path / "en")
    shutil.copytree(LANGUAGES / "id", tmp_path / "vi")
    findings = check_paths([str(tmp_path)], Settings()).findings
    assert [f.code for f in findings if f.code in ("S006", "L402")] == ["L402"]
