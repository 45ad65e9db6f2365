"""Time and memory of `kg build`, by stage, on the sample and on corpora of N renamed copies.

Usage: .venv/bin/python benchmarks/bench_build.py [--copies 1 10 50 100] [--runs 5]

* whole command: wall clock of `python -m kg build` in a fresh process (start-up included),
  median of --runs runs, and its peak RSS;
* by stage: seconds per stage (parse, map, validate, load, dump) reported by the pipeline,
  each corpus built in a fresh process whose peak RSS is reported; the peak of Python
  allocations per stage is measured in a separate traced run of the sample (tracemalloc slows
  everything down, so those runs give no timings);
* scaling: the same on corpora of N copies of the sample, each under its own report symbol and
  its own draft symbols, to show how cost grows with the number of documents.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
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


def worker(copies: int) -> None:
    """One build of N copies (or, for -1/-2, of the English PDFs/texts) in this process;
    prints stage seconds and peak RSS as JSON."""
    if copies < 0:
        sources = read_sources([FIXTURES / name for name in ENGLISH[copies]])
    else:
        sources = corpus(copies)
    with tempfile.TemporaryDirectory() as root:
        result = build(sources, Settings(store=Path(root, "store"), exports=Path(root, "exp")))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": result.times, "rss": rss, "quads": result.quads}))


def staged_build(copies: int) -> dict[str, object]:
    output = subprocess.run(
        [sys.executable, __file__, "--worker", str(copies)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data: dict[str, object] = json.loads(output)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10, 50, 100])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
        return
    median, best, rss = command_wall_clock(args.runs)
    print(
        f"kg build (sample, fresh process): median {median:.2f} s, min {best:.2f} s, "
        f"peak RSS {rss} MiB over {args.runs} runs"
    )
    stages = ["parse", "map", "validate", "load", "link", "dump"]
    peaks = traced_peaks(corpus(1))
    print(
        "sample, peak MiB of Python allocations by stage: "
        + ", ".join(f"{s} {peaks.get(s, 0):.1f}" for s in stages)
    )
    print(
        f"{'copies':>6} "
        + " ".join(f"{s:>9}" for s in stages)
        + f" {'total':>8} {'s/doc':>7} {'quads':>8} {'RSS MiB':>8}"
    )
    for copies in [-1, -2, *args.copies]:
        data = staged_build(copies)
        times = data["times"]
        assert isinstance(times, dict)
        total = sum(times.values())
        print(
            f"{ {-1: 'EN PDF', -2: 'EN txt'}.get(copies, str(copies)):>6} "
            + " ".join(f"{times.get(s, 0):>8.2f}s" for s in stages)
            + f" {total:>7.2f}s {total / abs(copies if copies > 0 else 2):>6.3f}s"
            + f" {data['quads']:>8} {data['rss']:>8.0f}"
        )


if __name__ == "__main__":
    main()
