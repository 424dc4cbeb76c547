"""A run stopped by Ctrl-C or SIGTERM (a CI timeout, a service stop) ends cleanly.

* **This process** turns SIGTERM into :class:`Terminated`, a ``KeyboardInterrupt`` (``handled``),
  so what a Ctrl-C runs runs for it too: the ``finally`` blocks remove the staging folder and stop
  the workers, and the CLI prints one line and exits 130 (SIGINT) or 143 (SIGTERM), the shell's
  codes for them, never ``1`` (findings) or a traceback. Reports are renamed into place with both
  signals held (``deferred``), so a stop never leaves a folder with some files of the new report
  and some of the old.
* **Worker processes** (``worker_started``) ignore SIGINT — a terminal's Ctrl-C reaches the whole
  process group, and this process stops them — and die with this process. A process-pool worker
  blocked on its result pipe never sees the pipe break (it holds the read end too), so after a
  ``kill`` of the run it would wait forever, holding its memory. On Linux the kernel kills it when
  its parent ends (``PR_SET_PDEATHSIG``); elsewhere a thread checks once a second.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_STOPS = (signal.SIGINT, signal.SIGTERM)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main thread is."""


def exit_status(interruption: KeyboardInterrupt) -> int:
    """128 + the signal's number, as a shell reports a process it ended: 143 for SIGTERM, else 130."""
    return 128 + (signal.SIGTERM if isinstance(interruption, Terminated) else signal.SIGINT)


def describe(interruption: KeyboardInterrupt) -> str:
    return "stopped by SIGTERM" if isinstance(interruption, Terminated) else "interrupted (Ctrl-C)"


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def handled() -> Iterator[None]:
    """SIGTERM raises ``Terminated`` within the block (the main thread only: elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done, then take effect (their handlers run)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {stop: signal.signal(stop, hold) for stop in _STOPS}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
        if caught:
            os.kill(os.getpid(), caught[0])  # delivered now, to the handler of before


def worker_started(parent: int) -> None:
    """In a worker process of ``parent``: ignore Ctrl-C, and end when ``parent`` ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits this process's handler
    end_with_parent(parent)


def end_with_parent(parent: int) -> None:
    """Have this process killed when ``parent`` (the process that started it) ends."""
    if not (sys.platform.startswith("linux") and _set_parent_death_signal()):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="end-with-parent").start()
    if os.getppid() != parent:  # it ended before the kernel was told
        os._exit(1)


def _set_parent_death_signal() -> bool:
    import ctypes  # here: the CLI starts without it (2 ms), and only workers need it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
