"""Akoma Ntoso export time (kg.akn) for the sample's seven texts and for the English corpus.

Usage: .venv/bin/python benchmarks/bench_akn.py [--runs 5] [--work DIR]

Builds two stores with `kg.build.build` (the bundled sample A/77/464; the English documents of
tests/fixtures/corpus/en and the two adopted resolutions A/RES/73/3 and A/RES/73/6), then times
`kg.akn.akn_files` (store queries and XML writing, no file output) over --runs runs after one
warm-up, and, once, the OASIS schema's compilation and the validation of every file with lxml.
Everything runs in this process; the figures are medians of wall clock.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from kg.akn import akn_files
from kg.build import Settings, build, read_sources, sample_source
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SCHEMA = ROOT / "tests" / "fixtures" / "akomantoso" / "akomantoso30.xsd"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-akn-"))
    english = sorted((CORPUS / "en").glob("*.txt")) + sorted(CORPUS.glob("A_RES_73_*.en.txt"))
    cases = {"sample A/77/464": [sample_source()], "English corpus": read_sources(english)}
    started = time.perf_counter()
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    print(f"schema compilation: {time.perf_counter() - started:.2f}s")
    for index, (name, sources) in enumerate(cases.items()):
        settings = Settings(store=work / f"store-{index}", exports=work / f"exports-{index}")
        build(sources, settings)
        with open_store(settings.store) as store:
            files = akn_files(store)  # warm-up
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                files = akn_files(store)
                times.append(time.perf_counter() - started)
        started = time.perf_counter()
        valid = sum(schema.validate(etree.fromstring(f.content)) for f in files)
        checked = time.perf_counter() - started
        size = sum(len(f.content) for f in files)
        median = statistics.median(times)
        print(
            f"{name}: {len(files)} texts, {size} bytes; export median {median:.3f}s "
            f"({median / len(files) * 1000:.0f} ms per text, min {min(times):.3f}s, "
            f"max {max(times):.3f}s, {args.runs} runs); validation {checked:.3f}s, "
            f"{valid}/{len(files)} valid"
        )


if __name__ == "__main__":
    main()
