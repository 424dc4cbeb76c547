"""Cache keys of input files, with the digests of their bytes remembered between runs.

A file's key digests its bytes, its path, the settings that change a parse and the code
(``file_key``). A cached run keys every file of the catalog, and reading and hashing all of
them was 0.17 s of a 10,000-variant re-run that changed ten files. So ``file_keys`` remembers
the digest of each file's bytes in the cache together with the file's status — size, inode,
modification and change times in nanoseconds — and reuses it while the status is unchanged, as
git's index does. Writing a file moves its change time to the present, and no tool can set that
time (``touch -d`` and ``rsync -t`` set the modification time only), so a file written since has
another status. Two guards keep a status from standing for two contents:

* the status is read before and after the bytes, and remembered only if it did not move;
* a file changed less than ``RACY_SECONDS`` before it was read is not remembered: a file written
  twice within one tick of the clock keeps its times, and its size may be the same.

The cache holds one such table per set of input folders (only the files of the latest run).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from aligner.cache import CACHE_VERSION, RunCache, code_fingerprint, digest
from aligner.read import MAX_FILE_BYTES, locale_tag
from aligner.settings import Settings

KIND = "files"
RACY_SECONDS = 2.0
MIN_THREADED_FILES = 4  # fewer files to hash than this are hashed in this thread

Stamp = tuple[int, int, int, int, int]  # size, device, inode, modification and change times (ns)


@dataclass(frozen=True, slots=True)
class _Read:
    """A file's content digest (None: unreadable or too large), and its status when it may be
    remembered (None: it moved while read, or changed too recently)."""

    content: str | None
    stamp: Stamp | None


def file_key(path: str, settings: Settings, name: str | None = None) -> str | None:
    """The file's cache key from its bytes as they are now (None: unreadable or too large).
    ``name``: what the reports call the file (``read_page``), when not ``path``."""
    return _key(path, path if name is None else name, settings, _read(path, racy_before=0).content)


def file_keys(
    files: Sequence[str],
    settings: Settings,
    store: RunCache | None,
    jobs: int,
    names: Sequence[str] | None = None,
) -> list[str | None]:
    """``file_key`` of every file (with its name in ``names``), in order: with a ``store``, a
    remembered digest stands for the bytes of a file whose status did not change; the other files
    are read and hashed in ``jobs`` threads (reading and hashing let go of the GIL)."""
    remembered = _remembered(store, files)
    table: dict[str, tuple[Stamp, str]] = {}  # what the cache will remember: this run's files
    contents: list[str | None] = [None] * len(files)
    unread: list[int] = []
    for index, path in enumerate(files):
        known = remembered.get(path)
        if known is not None and known[0] == _stamp(path):
            contents[index] = known[1]
            table[path] = known
        else:
            unread.append(index)
    racy_before = time.time_ns() - int(RACY_SECONDS * 1e9)
    paths = [files[i] for i in unread]
    if jobs > 1 and len(paths) >= MIN_THREADED_FILES:
        with ThreadPoolExecutor(jobs) as pool:
            reads = list(pool.map(_read, paths, itertools.repeat(racy_before)))
    else:
        reads = [_read(path, racy_before) for path in paths]
    for index, read in zip(unread, reads, strict=True):
        contents[index] = read.content
        if read.content is not None and read.stamp is not None:
            table[files[index]] = (read.stamp, read.content)
    if store is not None and table != remembered:
        store.put(KIND, _table_key(files), table)
    shown = files if names is None else names
    return [
        _key(path, name, settings, content)
        for path, name, content in zip(files, shown, contents, strict=True)
    ]


def _key(path: str, name: str, settings: Settings, content: str | None) -> str | None:
    """A parse depends on the file's bytes, its name in the reports and the locale its path gives
    (``read_page``), not on where the file lies: a snapshot copied to another folder, named
    relative to its root, keeps its keys."""
    if content is None:
        return None
    path_locale = locale_tag(path) or ""
    return digest(
        "page",
        code_fingerprint(),
        name,
        path_locale,
        settings.locale or "",
        list(settings.languages),
        content,
    )


def _read(path: str, racy_before: int) -> _Read:
    try:
        with open(path, "rb") as handle:
            before = _status(os.fstat(handle.fileno()))
            if before[0] > MAX_FILE_BYTES:
                return _Read(None, None)
            data = handle.read()
            after = _status(os.fstat(handle.fileno()))
    except OSError:
        return _Read(None, None)
    content = hashlib.blake2b(data, digest_size=20).hexdigest()
    settled = before == after and max(before[3], before[4]) < racy_before
    return _Read(content, before if settled else None)


def _stamp(path: str) -> Stamp | None:
    try:
        return _status(os.stat(path))
    except OSError:
        return None


def _status(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)


def _table_key(files: Sequence[str]) -> str:
    return digest(KIND, CACHE_VERSION, sorted({os.path.dirname(path) for path in files}))


def _remembered(store: RunCache | None, files: Sequence[str]) -> dict[str, tuple[Stamp, str]]:
    """The remembered (status, digest) of each file; a damaged table is forgotten."""
    found = store.get(KIND, _table_key(files)) if store is not None else None
    if not isinstance(found, dict):
        return {}
    return {
        path: known
        for path, known in found.items()
        if isinstance(known, tuple)
        and len(known) == 2
        and isinstance(known[0], tuple)
        and isinstance(known[1], str)
    }
