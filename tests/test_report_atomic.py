from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NoReturn

import pytest

from aligner.report import atomic
from aligner.report.atomic import write_bytes_atomic, write_files_atomic, write_text_atomic


def _fail(*_args: object, **_kwargs: object) -> NoReturn:
    raise OSError("disk on fire")


def test_writes_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert write_text_atomic(target, "{}\n") == target
    assert target.read_bytes() == b"{}\n"
    assert list(tmp_path.iterdir()) == [target]


def test_replaces_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "findings.csv"
    target.write_text("old\n", encoding="utf-8")
    write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert list(tmp_path.iterdir()) == [target]


def test_text_is_utf8_and_line_endings_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    write_text_atomic(target, "ワールドモデル\na\r\nb\n")
    assert target.read_bytes() == "ワールドモデル\na\r\nb\n".encode()


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_failure_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(OSError, match="disk on fire"):
        write_bytes_atomic(target, b"new content that must not appear")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_on_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError):
        write_text_atomic(tmp_path / "index.html", "<html></html>")
    assert list(tmp_path.iterdir()) == []


def test_interrupt_also_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: object) -> NoReturn:
        raise KeyboardInterrupt

    target = tmp_path / "variants.csv"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_encoding_error_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "ワ", encoding="ascii")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "chapters.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_not_private_temp_mode(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    write_text_atomic(target, "x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~atomic._UMASK


def test_many_files_are_written_whole_in_batches_with_their_modes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "FSYNC_BATCH", 4)  # 10 files: three batches
    (tmp_path / "b").mkdir()
    old = tmp_path / "b" / "kept-mode.html"
    old.write_bytes(b"old")
    old.chmod(0o640)
    files = {tmp_path / ("a" if i % 2 else "b") / f"{i}.html": bytes([i]) * (i * 1000) for i in range(10)}
    files[old] = b"new"
    (tmp_path / "a").mkdir()
    synced: list[int] = []
    fsync = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or fsync(fd))
    assert write_files_atomic(files) == list(files)
    assert {path: path.read_bytes() for path in files} == files
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []  # no temporary file left
    assert len(synced) == 11 + 2  # every file, then each folder once


def test_a_failed_batch_removes_its_temporary_files_and_keeps_the_old_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "FSYNC_BATCH", 2)
    targets = [tmp_path / f"{i}.html" for i in range(5)]
    for target in targets:
        target.write_bytes(b"old")
    files = dict.fromkeys(targets, b"new")
    files[tmp_path / "missing" / "x.html"] = b"new"  # its batch fails at its temporary file
    files[tmp_path / "later.html"] = b"new"
    with pytest.raises(FileNotFoundError):
        write_files_atomic(files)
    assert [t.read_bytes() for t in targets] == [b"new"] * 4 + [b"old"]  # batches 1–2 done, 3 not
    assert not (tmp_path / "later.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in targets)
