"""``filekeys``: a file's key digests its bytes; a remembered digest stands for them only while
the file's status (size, inode, modification and change times) is the one it was read with."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import aligner.filekeys
from aligner.cache import RunCache
from aligner.filekeys import file_key, file_keys
from aligner.settings import Settings


@pytest.fixture()
def pages(tmp_path: Path) -> list[str]:
    folder = tmp_path / "pages"
    folder.mkdir()
    paths = []
    for index in range(6):
        path = folder / f"page-{index}.md"
        path.write_text(f"## [00:0{index}] Chapter {index}\nBody {index}.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose bytes are read and hashed, in order."""
    seen: list[str] = []
    read = aligner.filekeys._read

    def counted(path: str, racy_before: int) -> aligner.filekeys._Read:
        seen.append(path)
        return read(path, racy_before)

    monkeypatch.setattr(aligner.filekeys, "_read", counted)
    return seen


@pytest.fixture()
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old at most: remember them nonetheless."""
    monkeypatch.setattr(aligner.filekeys, "RACY_SECONDS", 0.0)
    time.sleep(0.05)  # past the clock tick of their writing


@pytest.mark.parametrize("jobs", [1, 2])
def test_keys_are_the_keys_of_the_bytes_in_file_order(pages: list[str], tmp_path: Path, jobs: int) -> None:
    expected = [file_key(path, Settings()) for path in pages]
    assert None not in expected and len(set(expected)) == len(pages)
    assert file_keys(pages, Settings(), None, jobs) == expected
    assert file_keys(pages, Settings(), RunCache(tmp_path / "cache"), jobs) == expected
    missing = str(tmp_path / "gone.md")
    assert file_keys([*pages, missing], Settings(), None, jobs)[-1] is None


def test_an_unchanged_file_is_not_read_again(
    pages: list[str], tmp_path: Path, reads: list[str], settled: None
) -> None:
    store = RunCache(tmp_path / "cache")
    first = file_keys(pages, Settings(), store, 1)
    assert reads == pages
    reads.clear()
    assert file_keys(pages, Settings(), store, 1) == first
    assert reads == []


def test_a_rewritten_file_is_read_again_even_with_its_size_and_times_put_back(
    pages: list[str], tmp_path: Path, reads: list[str], settled: None
) -> None:
    store = RunCache(tmp_path / "cache")
    first = file_keys(pages, Settings(), store, 1)
    page = Path(pages[2])
    before = page.stat()
    page.write_text(page.read_text(encoding="utf-8").replace("Body", "Bodi"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # as ``touch -d`` or ``rsync -t``
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    again = file_keys(pages, Settings(), store, 1)
    assert reads == [pages[2]]  # its change time moved
    assert again[2] == file_key(pages[2], Settings()) != first[2]
    assert again[:2] + again[3:] == first[:2] + first[3:]


def test_a_file_changed_within_the_racy_window_is_not_remembered(
    pages: list[str], tmp_path: Path, reads: list[str]
) -> None:
    store = RunCache(tmp_path / "cache")
    first = file_keys(pages, Settings(), store, 1)  # written just now: too recent to trust
    reads.clear()
    assert file_keys(pages, Settings(), store, 1) == first
    assert reads == pages


def test_a_damaged_table_is_forgotten(pages: list[str], tmp_path: Path, settled: None) -> None:
    store = RunCache(tmp_path / "cache")
    expected = file_keys(pages, Settings(), store, 1)
    key = aligner.filekeys._table_key(pages)
    store.put("files", key, {pages[0]: ("not", "a stamp"), pages[1]: 3})
    assert file_keys(pages, Settings(), store, 1) == expected
    store.put_bytes("files", key, b"not a pickle")
    assert file_keys(pages, Settings(), store, 1) == expected


def test_a_file_whose_status_moves_while_it_is_read_is_not_remembered(
    pages: list[str], tmp_path: Path, reads: list[str], settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RunCache(tmp_path / "cache")
    status = aligner.filekeys._status
    calls = iter(range(10**6))

    def moving(info: os.stat_result) -> aligner.filekeys.Stamp:
        size, device, inode, modified, changed = status(info)
        after = next(calls) % 2  # a read asks before and after: the file is written to meanwhile
        return size, device, inode, modified, changed + after

    monkeypatch.setattr(aligner.filekeys, "_status", moving)
    first = file_keys(pages, Settings(), store, 1)
    monkeypatch.setattr(aligner.filekeys, "_status", status)
    reads.clear()
    assert file_keys(pages, Settings(), store, 1) == first
    assert reads == pages


def test_a_key_holds_the_name_and_the_locale_of_the_path_not_the_folder(tmp_path: Path) -> None:
    """A snapshot's pages are named relative to it: the same bytes under the same name share a key
    wherever the folder lies, unless the path gives another locale (``read_page`` reads it there)."""
    settings = Settings()
    copies = {}
    for folder in ("night-1/es", "night-2/es", "night-3/ja"):
        page = tmp_path / folder / "page.md"
        page.parent.mkdir(parents=True)
        page.write_text("## [00:01] Uno\nDos.\n", encoding="utf-8")
        copies[folder] = str(page)
    keys = {folder: file_key(path, settings, "page.md") for folder, path in copies.items()}
    assert keys["night-1/es"] == keys["night-2/es"] != keys["night-3/ja"]
    assert file_key(copies["night-1/es"], settings, "other.md") != keys["night-1/es"]
    assert file_key(copies["night-1/es"], settings) != file_key(
        copies["night-2/es"], settings
    )  # named by path
    assert file_keys(list(copies.values()), settings, None, 1, ["page.md"] * 3) == list(keys.values())
