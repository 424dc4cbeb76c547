"""A run stopped by Ctrl-C or SIGTERM: one line, the shell's status, no orphaned workers, the
previous report whole (``aligner.interrupts``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner import interrupts
from benchmarks.generate import generate

# The CLI with every check task stuck (as on a pathological page): only a stop ends the run. Each
# stuck task leaves a file named after its process first, so the test knows the workers are busy.
STUCK_RUN = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from aligner import execution
    from aligner.cli import main

    busy = Path(sys.argv[1])

    def stuck(task):
        (busy / str(os.getpid())).touch()
        time.sleep(3600)

    execution._unit_task = stuck
    sys.argv = ["aligner", *sys.argv[2:]]
    main()
    """
)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie nobody reaped, as in a container without an init, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalog")
    generate(root, 24, per_page=6, seed=3)  # enough episodes for a pool
    return root


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
@pytest.mark.parametrize(
    ("stop", "whom", "status", "line"),
    [
        (signal.SIGTERM, "main", 143, "aligner: stopped by SIGTERM"),  # a CI timeout, `kill PID`
        (signal.SIGINT, "group", 130, "aligner: interrupted (Ctrl-C)"),  # a terminal's Ctrl-C
    ],
)
def test_a_stopped_run_ends_its_workers_and_keeps_the_previous_report(
    catalog: Path, tmp_path: Path, stop: signal.Signals, whom: str, status: int, line: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.csv").write_text("the previous report\n", encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    command = [sys.executable, "-c", STUCK_RUN, str(busy), "check", str(catalog), "--out", str(out)]
    run = subprocess.Popen(
        [*command, "--force", "--no-cache", "--jobs", "2", "--format", "csv,json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert _wait_for(lambda: len(list(busy.iterdir())) == 2), "the workers never started"
        workers = [int(p.name) for p in busy.iterdir()]
        os.killpg(run.pid, stop) if whom == "group" else run.send_signal(stop)
        _out, err = run.communicate(timeout=30)
    finally:
        run.kill()
    assert run.returncode == status
    assert err.decode().strip().splitlines() == [line]  # no traceback, no worker's
    assert _wait_for(lambda: not any(map(_alive, workers)), 5.0), "a worker outlived the run"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging folder
    assert [p.name for p in out.iterdir()] == ["findings.csv"]
    assert (out / "findings.csv").read_text(encoding="utf-8") == "the previous report\n"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_a_worker_dies_with_a_killed_parent(tmp_path: Path) -> None:
    """SIGKILL runs no cleanup: the worker must not wait forever on a pipe nobody reads."""
    script = textwrap.dedent(
        """
        import os, sys, time
        from aligner.interrupts import worker_started
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            worker_started(parent)
            time.sleep(3600)
            os._exit(0)
        print(child, flush=True)
        time.sleep(3600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _alive(child)
        parent.kill()
        parent.wait()
        assert _wait_for(lambda: not _alive(child), 5.0), "the worker outlived its parent"
    finally:
        parent.kill()
        if _alive(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.parametrize("after", [0.3, 0.6])
def test_a_stop_while_a_worker_sends_a_result_does_not_hang(after: float) -> None:
    """A worker killed in the middle of sending a result left half a message in the pool's result
    pipe; the pool's manager thread waited for the rest for good, and leaving the pool joined it.
    A nightly run hung in 2 of 64 SIGTERMs (found by exploratory QA). Here every result is 64 MB
    and the consumer slow, so the stop finds the workers mid-send."""
    script = textwrap.dedent(
        f"""
        import signal, sys, time
        from aligner import pool

        def big(_i):
            return b"x" * (64 << 20)

        def stop(*_args):
            raise KeyboardInterrupt

        if __name__ == "__main__":
            signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, {after})
            try:
                for _result in pool.run_tasks(big, list(range(8)), {{}}, 2, min_tasks=1):
                    time.sleep(0.5)
            except KeyboardInterrupt:
                print("stopped", flush=True)
        """
    )
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = run.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        run.kill()
        run.communicate()
        pytest.fail("the stopped run hung while leaving the pool")
    assert (run.returncode, out.decode(), err.decode()) == (0, "stopped\n", "")


def test_signals_wait_for_a_deferred_block_then_take_effect() -> None:
    steps = []
    with pytest.raises(interrupts.Terminated), interrupts.handled():
        with interrupts.deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # a signal's handler would run here
            steps.append("renamed")
        steps.append("after")  # not reached: the held SIGTERM is raised as the block ends
    assert steps == ["renamed"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handled() put back the default


def test_exit_status_is_the_shells() -> None:
    assert interrupts.exit_status(interrupts.Terminated()) == 143
    assert interrupts.exit_status(KeyboardInterrupt()) == 130


def test_a_stop_keeps_the_pools_cancelled_future_error_off_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopping the workers lets the pool's manager thread fail futures the stop has cancelled:
    its InvalidStateError is not printed under the stop's one line; other threads' errors are."""
    import threading
    from concurrent.futures import InvalidStateError

    from aligner import pool

    shown: list[str] = []  # what the hook of before (which prints to stderr) was given
    monkeypatch.setattr(threading, "excepthook", lambda args: shown.append(str(args.exc_value)))

    class _ExecutorManagerThread(threading.Thread):  # the standard library's name for it
        def run(self) -> None:
            raise InvalidStateError("CANCELLED: <Future state=cancelled>")

    class Other(threading.Thread):
        def run(self) -> None:
            raise InvalidStateError("a real error elsewhere")

    pool._quiet_manager_thread()
    pool._quiet_manager_thread()  # wrapped once
    for thread in (_ExecutorManagerThread(), Other()):
        thread.start()
        thread.join()
    assert shown == ["a real error elsewhere"]


# Ctrl-C while the command line is imported (≈ 0.5 s, before a run's handlers are in place): the
# import of a module it needs raises KeyboardInterrupt, as the signal would.
STOPPED_IMPORT = textwrap.dedent(
    """
    import builtins, sys
    real_import = builtins.__import__
    stop = sys.argv[1]  # INT or TERM

    def interrupted(name, *args, **kwargs):
        if name == "aligner.cli_snapshots":
            if stop == "TERM":
                import os, signal
                os.kill(os.getpid(), signal.SIGTERM)  # the handler raises here
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    builtins.__import__ = interrupted
    sys.argv = ["aligner", "check", "nowhere"]
    from aligner.__main__ import main
    main()
    """
)


@pytest.mark.parametrize(
    ("stop", "status", "line"),
    [("INT", 130, "aligner: interrupted (Ctrl-C)\n"), ("TERM", 143, "aligner: stopped by SIGTERM\n")],
)
def test_a_stop_while_the_command_line_is_imported_prints_one_line(stop: str, status: int, line: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_IMPORT, stop], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr, done.stdout) == (status, line, "")


def test_a_stop_while_the_arguments_are_read_prints_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """click would print ``Aborted!`` and exit 1, which a CI job reads as findings."""
    import click
    from click.testing import CliRunner

    from aligner.cli import main

    def interrupted(*args: object, **kwargs: object) -> click.Context:
        raise KeyboardInterrupt

    monkeypatch.setattr(click.Group, "make_context", interrupted)
    result = CliRunner().invoke(main, ["check", "nowhere"])
    assert (result.exit_code, result.output) == (130, "aligner: interrupted (Ctrl-C)\n")


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aligner", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.startswith("aligner, version ")
