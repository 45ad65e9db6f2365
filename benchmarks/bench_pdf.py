"""Speed of the PDF front-end beside the text front-end, on the official PDFs of the corpus.

Usage: .venv/bin/python benchmarks/bench_pdf.py [--runs 5] [FILES.pdf ...]

For each PDF (default: the adopted resolutions in tests/fixtures/corpus), the median wall clock
of `normalize_pdf` over --runs runs, as pages per second and MB of PDF per second, beside the
median of `normalize(decode(...))` on the `pdftotext` extraction shipped next to it (same stem,
`.en.txt`), when there is one. Everything runs in this process, after one warm-up run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium

from kg.parse.normalize import decode, normalize
from kg.parse.pdf import normalize_pdf

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: imports, caches, the PDFium library
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def normalize_text(name: str, data: bytes) -> object:
    return normalize(name, decode(name, data))


def text_twin(pdf: Path) -> Path | None:
    """A_RES_73_6-EN.pdf -> A_RES_73_6.en.txt"""
    stem, _, language = pdf.stem.rpartition("-")
    twin = pdf.with_name(f"{stem}.{language.lower()}.txt")
    return twin if twin.exists() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files: list[Path] = args.files or sorted(CORPUS.glob("*.pdf"))

    header = (
        f"{'document':<22} {'pages':>5} {'MB':>6} {'lines':>6} {'PDF s':>8} {'pages/s':>8} "
        f"{'MB/s':>6} {'text s':>8} {'PDF/text':>8}"
    )
    print(f"median of {args.runs} runs")
    print(header)
    print("-" * len(header))
    total_pages = 0
    total_mb = 0.0
    total_pdf = 0.0
    for path in files:
        data = path.read_bytes()
        document = pdfium.PdfDocument(data)
        pages = len(document)
        document.close()
        megabytes = len(data) / 1e6
        lines = len(normalize_pdf(path.name, data).lines)
        pdf_seconds = median_seconds(partial(normalize_pdf, path.name, data), args.runs)
        twin = text_twin(path)
        if twin is not None:
            raw = twin.read_bytes()
            text_seconds = median_seconds(partial(normalize_text, twin.name, raw), args.runs)
            text_cells = f"{text_seconds:>8.4f} {pdf_seconds / text_seconds:>7.0f}x"
        else:
            text_cells = f"{'-':>8} {'-':>8}"
        print(
            f"{path.name:<22} {pages:>5} {megabytes:>6.3f} {lines:>6} {pdf_seconds:>8.4f} "
            f"{pages / pdf_seconds:>8.1f} {megabytes / pdf_seconds:>6.2f} {text_cells}"
        )
        total_pages += pages
        total_mb += megabytes
        total_pdf += pdf_seconds
    print("-" * len(header))
    print(
        f"{'all':<22} {total_pages:>5} {total_mb:>6.3f} {'':>6} {total_pdf:>8.4f} "
        f"{total_pages / total_pdf:>8.1f} {total_mb / total_pdf:>6.2f}"
    )


if __name__ == "__main__":
    main()
