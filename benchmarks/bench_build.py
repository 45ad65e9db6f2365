"""Time and memory of `kg build`, by stage, on the sample and on corpora of N renamed copies.

Usage: .venv/bin/python benchmarks/bench_build.py [--copies 1 10 50 100] [--runs 5] [--jobs 1 2]

* whole command: wall clock of `python -m kg build` in a fresh process (start-up included),
  median of --runs runs, and its peak RSS;
* by stage: seconds per stage (parse, validate, load, dump) reported by the pipeline, each
  corpus built in a fresh process with each number of --jobs; memory is the peak of the summed
  RSS of the build's process and all its children (the workers), sampled every 20 ms; the
  peak of Python allocations per stage is measured in a separate traced run of the sample
  (tracemalloc slows everything down, so those runs give no timings);
* scaling: the same on corpora of N copies of the sample, each under its own report symbol and
  its own draft symbols, to show how cost grows with the number of documents.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from kg.build import Settings, Source, StageTimes, build, read_sources, sample_source


def corpus(copies: int) -> list[Source]:
    """N copies of the sample, copy i under report symbol A/77/{1000+i} and drafts L.{n}{i}."""
    text = sample_source().data.decode("utf-8")
    sources = []
    for index in range(copies):
        symbol = f"A/77/{1000 + index}"
        renamed = "\n".join(
            symbol if line.strip() == "A/77/464" else line for line in text.splitlines()
        )
        renamed = re.sub(r"A/C\.3/77/L\.(\d+)", rf"A/C.3/77/L.\g<1>{index:03d}", renamed)
        sources.append(Source(f"copy{index:03d}.fr.txt", renamed.encode("utf-8")))
    return sources


PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Bytes resident in process `root` and all its descendants, read from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    return total


class TreeMemory:
    """Peak of the summed RSS of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(0.02)

    def stop(self) -> int:
        """The peak in MiB."""
        self._stop.set()
        self._thread.join()
        return self.peak // 2**20


def run_measured(command: list[str]) -> tuple[str, int]:
    """Run `command`; its standard output and the peak RSS of its process tree in MiB."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        memory = TreeMemory(process.pid)
        output, _ = process.communicate()
        peak = memory.stop()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return output, peak


def command_wall_clock(runs: int, jobs: int) -> tuple[float, float, int]:
    """Median and min seconds of `python -m kg build` on the sample, and peak RSS in MiB."""
    times = []
    peak = 0
    with tempfile.TemporaryDirectory() as root:
        for _ in range(runs):
            start = time.perf_counter()
            _, rss = run_measured(
                [
                    sys.executable,
                    "-m",
                    "kg",
                    "build",
                    "--quiet",
                    "--store",
                    f"{root}/store",
                    "--exports",
                    f"{root}/exports",
                    "--jobs",
                    str(jobs),
                ]
            )
            times.append(time.perf_counter() - start)
            peak = max(peak, rss)
    return statistics.median(times), min(times), peak


def traced_peaks(sources: list[Source]) -> dict[str, float]:
    """Peak MiB of Python allocations per stage (tracemalloc slows the build: no timings here)."""
    peaks: dict[str, float] = {}
    original = StageTimes.stage

    @contextlib.contextmanager
    def traced(self: StageTimes, name: str) -> Iterator[None]:
        tracemalloc.reset_peak()
        with original(self, name):
            yield
        peaks[name] = max(peaks.get(name, 0.0), tracemalloc.get_traced_memory()[1] / 2**20)

    StageTimes.stage = traced  # type: ignore[method-assign,assignment]
    tracemalloc.start()
    try:
        with tempfile.TemporaryDirectory() as root:
            build(sources, Settings(store=Path(root, "store"), exports=Path(root, "exp")))
    finally:
        tracemalloc.stop()
        StageTimes.stage = original  # type: ignore[method-assign]
    return peaks


FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus"
ENGLISH = {
    -1: ["A_RES_73_3-EN.pdf", "A_RES_73_6-EN.pdf"],  # the two official PDFs
    -2: ["A_RES_73_3.en.txt", "A_RES_73_6.en.txt"],  # their pdftotext extractions
}


def worker(copies: int, jobs: int) -> None:
    """One build of N copies (or, for -1/-2, of the English PDFs/texts) in this process and
    its workers; prints stage seconds and wall time as JSON."""
    if copies < 0:
        sources = read_sources([FIXTURES / name for name in ENGLISH[copies]])
    else:
        sources = corpus(copies)
    with tempfile.TemporaryDirectory() as root:
        start = time.perf_counter()
        settings = Settings(store=Path(root, "store"), exports=Path(root, "exp"), jobs=jobs)
        result = build(sources, settings)
        wall = time.perf_counter() - start
    print(json.dumps({"times": result.times, "wall": wall, "quads": result.quads}))


def staged_build(copies: int, jobs: int) -> dict[str, object]:
    output, rss = run_measured(
        [sys.executable, __file__, "--worker", str(copies), "--worker-jobs", str(jobs)]
    )
    data: dict[str, object] = json.loads(output)
    data["rss"] = rss
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10, 50, 100])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--worker-jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker, args.worker_jobs)
        return
    median, best, rss = command_wall_clock(args.runs, 1)
    print(
        f"kg build (sample, fresh process, --jobs 1): median {median:.2f} s, min {best:.2f} s, "
        f"peak RSS {rss} MiB over {args.runs} runs"
    )
    stages = ["parse", "validate", "load", "dump"]
    peaks = traced_peaks(corpus(1))
    print(
        "sample, peak MiB of Python allocations by stage: "
        + ", ".join(f"{s} {peaks.get(s, 0):.1f}" for s in stages)
    )
    print(
        f"{'copies':>6} {'jobs':>4} "
        + " ".join(f"{s:>9}" for s in stages)
        + f" {'wall':>8} {'s/doc':>7} {'quads':>8} {'RSS MiB':>8}"
    )
    for copies in [-1, -2, *args.copies]:
        for jobs in args.jobs:
            data = staged_build(copies, jobs)
            times = data["times"]
            wall = data["wall"]
            assert isinstance(times, dict) and isinstance(wall, float)
            print(
                f"{ {-1: 'EN PDF', -2: 'EN txt'}.get(copies, str(copies)):>6} {jobs:>4} "
                + " ".join(f"{times.get(s, 0):>8.2f}s" for s in stages)
                + f" {wall:>7.2f}s {wall / abs(copies if copies > 0 else 2):>6.3f}s"
                + f" {data['quads']:>8} {data['rss']:>8}"
            )


if __name__ == "__main__":
    main()
