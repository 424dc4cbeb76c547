"""Incremental runs: results cached by content hash and settings signature.

Entries are pickles named by a hex digest (never by anything taken from a page):

* ``pages/`` — a page's parse (read + parse + language detection) with its variants' digests,
  keyed by the digest of the file's bytes, its path, the settings that change a parse
  (``--locale``, candidate languages) and the code (``aligner.filekeys``);
* ``files/`` — the digests of the input files' bytes with the status each was read with (size,
  inode, modification and change times), so that an unchanged file is not read and hashed
  again (``aligner.filekeys``);
* ``pairing/`` and ``alignments/`` — the episode groups and the alignment plans of the latest
  run (``aligner.pair``, ``aligner.aligncache``);
* ``units/`` — an episode's findings, fingerprints and chapter scores, keyed by its variants'
  digests (``aligner.execution.variant_digest``: a card edited on a page re-checks its own
  episode, not every episode on the page), the episode's identity (id, pairing, reference,
  variant keys), the run-wide resources (glossary, calibrated length model), every setting, and
  the code;
* ``html/`` — an episode's HTML page (zlib) and its links, keyed by its unit's key and the
  findings, variant rows and file name the page shows (``aligner.report.pagecache``).

"The code" is a digest of every source and data file of the installed ``aligner`` package plus
``CACHE_VERSION``, so editing the tool (or upgrading it) never reuses a stale entry. A re-run
where a few pages changed re-parses those pages, re-checks the episodes of the cards that
changed and reads everything else from the cache. When a change moves a run-wide resource (the
length model is calibrated on all chapter pairs), every episode is re-checked: slower, never
wrong.

Entries are written atomically (temp file + rename), so a killed run leaves no torn entry; an
unreadable entry is a miss. The cache is trusted local state (pickles): do not point ``--cache``
at a folder others can write to. ``prune`` keeps the folder under a size cap, least recently used
first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from aligner.writable import probe_writable

CACHE_VERSION = 1
MAX_BYTES = 2 * 1024**3  # prune down to PRUNE_TO when a run leaves the cache above this
PRUNE_TO = 3 * 1024**3 // 2
_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = (".py", ".json", ".j2", ".toml", ".csv", ".txt")


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/aligner``, else ``~/.cache/aligner``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligner"


@functools.cache
def code_fingerprint() -> str:
    """Digest of the package's own files: any change to the tool invalidates every entry."""
    python = ".".join(map(str, sys.version_info[:2]))  # pickles are read by the Python that wrote them
    digest = hashlib.blake2b(f"aligner-cache:{CACHE_VERSION}:{python}".encode(), digest_size=16)
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def canonical(value: Any) -> Any:
    """A deterministic, hash-order-free rendering of settings and resources for digests."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            [(f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value)],
        )
    if isinstance(value, enum.Enum):
        return repr(value)
    if isinstance(value, Mapping):
        return ("map", sorted((repr(canonical(k)), canonical(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return ("set", sorted(repr(canonical(v)) for v in value))
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool | bytes):
        return value
    if hasattr(value, "__slots__") or hasattr(value, "__dict__"):
        state = getattr(value, "__dict__", None) or {
            name: getattr(value, name) for name in getattr(value, "__slots__", ()) if hasattr(value, name)
        }
        return (type(value).__name__, canonical(state))
    return repr(value)


def digest(*parts: Any) -> str:
    """Hex digest of ``parts`` (strings and bytes taken as they are, anything else canonical)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        if isinstance(part, bytes):
            data = part
        elif isinstance(part, str):
            data = part.encode("utf-8", "surrogatepass")
        else:
            data = repr(canonical(part)).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class RunCache:
    """A cache folder: ``get``/``put`` pickled values by kind and key."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._root = os.fspath(self.directory)

    def unwritable(self) -> str | None:
        """Why nothing can be stored in the folder (``None`` when a file can be made in it): a run
        never fails for its cache, but should say when it runs without one."""
        if self.directory.exists() and not self.directory.is_dir():
            return "a file, not a folder"
        try:
            probe_writable(self.directory)
        except FileExistsError as exc:  # a file where a folder of the path should be
            return f"{exc.filename} is a file, not a folder" if exc.filename else "a file, not a folder"
        except OSError as exc:
            return exc.strerror or str(exc)
        return None

    def _path(self, kind: str, key: str) -> str:
        # Plain strings, not ``Path``: a cached re-run looks up every page and episode (10k
        # variants: ≈ 10,000 lookups), and pathlib's joining and parsing cost more than the I/O.
        return os.path.join(self._root, kind, key[:2], key + ".pkl")

    def get(self, kind: str, key: str) -> Any | None:
        path = self._path(kind, key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            value = pickle.loads(data)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is a miss; it is rewritten below
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return value

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry exists (it may still be unreadable: ``get`` says)."""
        return os.path.isfile(self._path(kind, key))

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        """Store an already pickled value; failures (full disk, read-only folder) are ignored."""
        path = self._path(kind, key)
        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return

    def put(self, kind: str, key: str, value: Any) -> None:
        self.put_bytes(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def entries(self) -> Iterable[Path]:
        return (p for p in self.directory.rglob("*.pkl") if p.is_file())

    def prune(self, max_bytes: int = MAX_BYTES, target: int = PRUNE_TO) -> int:
        """Delete least recently used entries when the cache exceeds ``max_bytes``; returns how many."""
        stats = []
        for path in self.entries():
            with contextlib.suppress(OSError):
                info = path.stat()
                stats.append((info.st_mtime, info.st_size, path))
        total = sum(size for _, size, _ in stats)
        if total <= max_bytes:
            return 0
        removed = 0
        for _mtime, size, path in sorted(stats, key=lambda s: (s[0], s[2].name)):
            if total <= target:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
                removed += 1
        return removed


def open_cache(directory: Path | str | RunCache | None) -> RunCache | None:
    if directory is None or isinstance(directory, RunCache):
        return directory
    return RunCache(directory)
