"""Time aligner on synthetic catalogs: parse, check and report separately, against a floor.

For every size ``N`` (variants) the catalog is generated once (``benchmarks.generate``), then
each run happens in a fresh subprocess (so peak memory is that run's own) and reports:

* ``parse`` — read + decode + parse + language detection of every page (``pipeline.load``);
* ``check`` — pair + align + all checks + score (``pipeline.build_result``);
* ``report`` — CSV + JSON (HTML with ``--html``);
* ``wall`` — the three together; variants per second; peak RSS of the run and its workers
  (``ru_maxrss`` of the process and of its children).

Peak memory as PSS (see ``MemorySampler``) is measured in one more run of each size, whose times
are not counted: sampling reads ``/proc/PID/smaps_rollup`` of every process ten times a second,
and the kernel walks each process's page tables to answer — ≈ 30 ms of CPU per sweep at 10,000
variants, nearly a third of a core taken from a run that keeps both busy (see
``benchmarks/README.md`` for what it cost the timed runs).

The *floor* is what no checker can beat: read the same files, decode them and split them into
chapters with one regular expression. The table shows medians over ``--runs`` runs and the
ratio of the wall time to the floor. ``--incremental`` also measures re-runs with the cache,
each after 1% of the pages changed (median of ``--runs``), against the median full run without
cache. ``--profile`` prints the top
functions of one in-process run (cProfile). Usage::

    python -m benchmarks.run --sizes 1000,5000,10000 --runs 3 --jobs 2
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate

# ``#{2,3} \[`` written with a literal head: the regex engine scans for a literal prefix with a
# fast search, and ``#{2,3}`` has none (the same splits, 0.80 s against 0.11 s over the 10k catalog).
CHAPTER_SPLIT = re.compile(r"###? \[")
ROOT = Path(__file__).resolve().parent.parent
_SNAPSHOT: list[Path] = []  # the frozen copy of the code every run imports (its folder)


def freeze_code() -> Path:
    """Copy the ``aligner`` package aside: every timed run imports this copy, so edits made to the
    working tree during a long benchmark neither mix versions nor invalidate the cache between
    the runs of the incremental measurement."""
    snapshot = Path(tempfile.mkdtemp(prefix="aligner-bench-code-"))
    for package in ("aligner", "benchmarks"):
        shutil.copytree(ROOT / package, snapshot / package, symlinks=False)
    for sample in (ROOT / "samples").rglob("*"):  # the generator's templates
        if sample.is_file():
            (snapshot / sample.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, snapshot / sample.relative_to(ROOT))
    _SNAPSHOT[:] = [snapshot]
    return snapshot


def floor(root: Path) -> tuple[float, int]:
    """Seconds to read, decode and split every page into chapters with one regex; chapters."""
    start = time.perf_counter()
    chapters = 0
    for path in sorted(root.rglob("*")):
        if path.is_file():
            chapters += len(CHAPTER_SPLIT.split(path.read_bytes().decode("utf-8"))) - 1
    return time.perf_counter() - start, chapters


class MemorySampler:
    """Peak proportional set size (PSS) of this process and its workers, sampled every 0.1 s.

    PSS divides pages shared between processes (forked workers share the main process's) among
    them, so the sum is the real footprint; ``ru_maxrss`` counts shared pages in every process.
    Linux only (``/proc``); elsewhere it reports 0.
    """

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()  # a run shorter than the interval is measured too

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self._sample()

    def _sample(self) -> None:
        self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _family(os.getpid())))

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


class NoSampler:
    """``MemorySampler``'s stand-in in the timed runs: samples nothing."""

    peak_mb = 0.0

    def __enter__(self) -> NoSampler:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _family(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _supported(function: Any, **options: Any) -> dict[str, Any]:
    """The options ``function`` accepts (so the harness runs against older pipelines too)."""
    names = inspect.signature(function).parameters
    return {k: v for k, v in options.items() if k in names}


def one_run(catalog: Path, jobs: int, html: bool, cache: str | None, memory: bool = False) -> dict[str, Any]:
    """One timed run in this process (called in a fresh subprocess by ``measure``); ``memory``:
    sample its PSS (which slows it: see the module docs)."""
    import aligner
    from aligner.cache import open_cache
    from aligner.pipeline import build_result, load
    from aligner.report import write_reports
    from aligner.settings import Settings

    settings = Settings()
    out = Path(tempfile.mkdtemp(prefix="aligner-bench-out-"))
    with MemorySampler() if memory else NoSampler() as sampler:
        t0 = time.perf_counter()
        parsed = load([str(catalog)], settings, **_supported(load, jobs=jobs, cache=cache))
        t1 = time.perf_counter()
        result = build_result(parsed, settings, **_supported(build_result, jobs=jobs, cache=cache))
        t2 = time.perf_counter()
        formats = "csv,json,html" if html else "csv,json"
        store = open_cache(cache) if cache else None  # the HTML pages of a re-run come from it
        write_reports(result, out, formats, **_supported(write_reports, jobs=jobs, cache=store))
        t3 = time.perf_counter()
    shutil.rmtree(out)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "parse": t1 - t0,
        "check": t2 - t1,
        "report": t3 - t2,
        "wall": t3 - t0,
        "variants": len(result.variants),
        "findings": len(result.findings),
        "maxrss_mb": own / 1024,
        "worker_maxrss_mb": children / 1024,
        "pss_mb": sampler.peak_mb,
        "code": str(Path(aligner.__file__).parent),
    }


def measure(
    catalog: Path, jobs: int, html: bool, cache: str | None = None, memory: bool = False
) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.run", "--one", str(catalog), "--jobs", str(jobs)]
    if html:
        command.append("--html")
    if memory:
        command.append("--memory")
    if cache:
        command += ["--cache", cache]
    cwd = _SNAPSHOT[0] if _SNAPSHOT else ROOT  # `python -m` puts the working folder first on sys.path
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd)
    return json.loads(done.stdout.strip().splitlines()[-1])


def touch_pages(catalog: Path, share: float) -> int:
    """Edit ``share`` of the pages (one word added to a chapter body): a realistic small change."""
    pages = sorted(p for p in catalog.rglob("*") if p.is_file())
    count = max(1, round(len(pages) * share))  # 1% of 102 pages is one page, not every 100th
    changed = 0
    for path in (pages[index * len(pages) // count] for index in range(count)):
        text = path.read_text(encoding="utf-8")
        edited = text.replace(" and ", " and also ", 1)
        if edited == text:
            edited = text + "\n"
        path.write_text(edited, encoding="utf-8")
        changed += 1
    return changed


def median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def profile(catalog: Path, jobs: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    one_run(catalog, jobs, False, None)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="variant counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--html", action="store_true", help="also time the HTML report")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "aligner-bench")
    parser.add_argument("--incremental", action="store_true", help="time a cached re-run after 1%% edits")
    parser.add_argument("--profile", action="store_true", help="cProfile one run of the smallest size")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.jobs, args.html, args.cache, args.memory)))
        return
    snapshot = freeze_code()
    print(f"machine: {machine()}; jobs {args.jobs}; runs {args.runs} (medians)")
    header = (
        f"{'N':>6} {'MB':>6} {'parse s':>8} {'check s':>8} {'report s':>9} {'wall s':>7} "
        f"{'var/s':>6} {'main MB':>8} {'worker MB':>9} {'PSS MB':>7} {'floor s':>8} {'×floor':>7}"
    )
    print(header)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for n in sizes:
        catalog = args.workdir / f"catalog-{n}"
        info = generate(catalog, n)
        floors = [floor(catalog)[0] for _ in range(args.runs)]
        runs = [measure(catalog, args.jobs, args.html) for _ in range(args.runs)]
        wall = median(runs, "wall")
        main_mb, worker_mb = max(r["maxrss_mb"] for r in runs), max(r["worker_maxrss_mb"] for r in runs)
        pss = measure(catalog, args.jobs, args.html, memory=True)["pss_mb"]  # an untimed run
        print(
            f"{info.variants:>6} {info.bytes / 1e6:>6.0f} {median(runs, 'parse'):>8.2f} "
            f"{median(runs, 'check'):>8.2f} {median(runs, 'report'):>9.2f} {wall:>7.2f} "
            f"{info.variants / wall:>6.0f} {main_mb:>8.0f} {worker_mb:>9.0f} {pss:>7.0f} {statistics.median(floors):>8.2f} "
            f"{wall / statistics.median(floors):>7.1f}",
            flush=True,
        )
        if args.incremental:
            incremental(catalog, args, runs)
    if args.profile:
        profile(args.workdir / f"catalog-{sizes[0]}", args.jobs)
    shutil.rmtree(snapshot, ignore_errors=True)


def incremental(catalog: Path, args: argparse.Namespace, full: list[dict[str, Any]]) -> None:
    """Fill a cache, then ``--runs`` times: edit 1% of the pages, re-run with the cache. The
    median re-run is compared with the median full run without cache (``full``, the table's)."""
    cache = Path(tempfile.mkdtemp(prefix="aligner-bench-cache-"))
    try:
        measure(catalog, args.jobs, args.html, str(cache))  # fills the cache
        warm = []
        for _ in range(args.runs):
            changed = touch_pages(catalog, 0.01)  # the same pages again: each re-run finds them changed
            warm.append(measure(catalog, args.jobs, args.html, str(cache)))
        wall, cold = median(warm, "wall"), median(full, "wall")
        print(
            f"       incremental: {changed} pages edited; cached re-run {wall:.2f} s "
            f"(parse {median(warm, 'parse'):.2f}, check {median(warm, 'check'):.2f}, "
            f"report {median(warm, 'report'):.2f}) vs full run without cache {cold:.2f} s → {wall / cold:.1%}",
            flush=True,
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
