"""Parse time per page of each document type, text and PDF, beside the French sample.

Usage: .venv/bin/python benchmarks/bench_parse.py [--runs 5] [FILES ...]

For each file (default: the sample A/77/464 and every document of tests/fixtures/corpus), the
median wall clock of `kg.doctypes.parse_document` (recognition, normalisation, structure and
enrichment: citations, instruments, mandates) over --runs runs after one warm-up, divided by
its pages. Pages are counted from the page counters `n/N` a text prints (the largest N), or
from the PDF itself. Everything runs in this process.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import pypdfium2 as pdfium

from kg.build import sample_source
from kg.doctypes import document_type_of, parse_document
from kg.parse.instruments import load_instruments
from kg.parse.normalize import decode
from kg.reference.resolver import EntityResolver
from kg.reference.states import load_reference_data

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus"
_COUNTER = re.compile(r"^\s*(?:\d{2}-\d{5}\s+)?\d{1,3}/(\d{1,3})\s*$", re.MULTILINE)


def pages(name: str, data: bytes) -> int:
    if data.startswith(b"%PDF"):
        return len(pdfium.PdfDocument(data))
    totals = [int(n) for n in _COUNTER.findall(decode(name, data))]
    return max(totals, default=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    sample = sample_source()
    inputs = [(sample.name, sample.data)] + [
        (path.name, path.read_bytes())
        for path in (
            args.files or sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".pdf"})
        )
    ]
    resolver = EntityResolver(load_reference_data())
    instruments = load_instruments()
    print(f"median of {args.runs} runs")
    print(f"{'document':<28} {'type':<27} {'form':<5} {'pages':>5} {'s':>7} {'ms/page':>8}")
    for name, data in inputs:
        document = parse_document(name, data, resolver, instruments)  # warm-up
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            parse_document(name, data, resolver, instruments)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        count = pages(name, data)
        form = "PDF" if data.startswith(b"%PDF") else "text"
        kind = document_type_of(document).name
        print(
            f"{name:<28} {kind:<27} {form:<5} {count:>5} {seconds:>7.3f} "
            f"{1000 * seconds / count:>8.1f}"
        )


if __name__ == "__main__":
    main()
