"""Time and memory of `kg build`, by stage, on the sample and on corpora of N renamed copies.

Usage: .venv/bin/python benchmarks/bench_build.py [--copies 1 10 50 100] [--runs 5]

* whole command: wall clock of `python -m kg build` in a fresh process (start-up included),
  median of --runs runs, and its peak RSS;
* by stage: seconds per stage (parse, map, validate, load, dump) reported by the pipeline, and
  the peak of Python allocations per stage (tracemalloc; native memory of pyoxigraph is in the
  RSS figure, not here);
* scaling: the same on corpora of N copies of the sample, each under its own report symbol and
  its own draft symbols, to show how cost grows with the number of documents.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from kg.build import Settings, Source, StageTimes, build, sample_source


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


def command_wall_clock(runs: int) -> tuple[float, float, int]:
    """Median and min seconds of `python -m kg build` on the sample, and peak RSS in MiB."""
    times = []
    peak = 0
    with tempfile.TemporaryDirectory() as root:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
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
                ],
                check=True,
            )
            times.append(time.perf_counter() - start)
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            peak = max(peak, usage.ru_maxrss // 1024)
    return statistics.median(times), min(times), peak


def staged_build(sources: list[Source]) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds and peak traced MiB per stage, for one in-process build."""
    peaks: dict[str, float] = {}
    original = StageTimes.stage

    def traced(self: StageTimes, name: str):  # type: ignore[no-untyped-def]
        tracemalloc.reset_peak()
        with original(self, name):
            yield
        peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20

    StageTimes.stage = __import__("contextlib").contextmanager(traced)  # type: ignore[method-assign]
    tracemalloc.start()
    try:
        with tempfile.TemporaryDirectory() as root:
            result = build(sources, Settings(store=Path(root, "store"), exports=Path(root, "exp")))
    finally:
        tracemalloc.stop()
        StageTimes.stage = original  # type: ignore[method-assign]
    return result.times, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10, 50, 100])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    median, best, rss = command_wall_clock(args.runs)
    print(
        f"kg build (sample, fresh process): median {median:.2f} s, min {best:.2f} s, "
        f"peak RSS {rss} MiB over {args.runs} runs"
    )
    stages = ["parse", "map", "validate", "load", "dump"]
    print(
        f"{'copies':>6} " + " ".join(f"{s:>9}" for s in stages) + f" {'total':>8} "
        f"{'s/doc':>7}   peak traced MiB by stage"
    )
    for copies in args.copies:
        times, peaks = staged_build(corpus(copies))
        total = sum(times.values())
        print(
            f"{copies:>6} "
            + " ".join(f"{times.get(s, 0):>8.2f}s" for s in stages)
            + f" {total:>7.2f}s {total / copies:>6.3f}s   "
            + " ".join(f"{s}={peaks.get(s, 0):.0f}" for s in stages)
        )


if __name__ == "__main__":
    main()
