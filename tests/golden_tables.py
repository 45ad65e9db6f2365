"""Golden tables: shipped queries run as CSV over a built store, compared row by row."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.queries import load_query
from kg.store import open_store, run_query, serialize_results

GOLDEN = Path(__file__).resolve().parent / "golden"
Tables = dict[str, list[list[str]]]


def query_tables(store_path: Path, names: Iterable[str]) -> Tables:
    """Each named query's CSV output over the store, header row first."""
    tables: Tables = {}
    with open_store(store_path) as store:
        for name in names:
            query = load_query(name)
            data = serialize_results(run_query(store, query.text), ox.QueryResultsFormat.CSV)
            tables[name] = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    return tables


def golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def records(table: list[list[str]]) -> list[dict[str, str]]:
    header, *rows = table
    return [dict(zip(header, row, strict=True)) for row in rows]


def assert_same_rows(name: str, actual: Iterable[Any], expected: Iterable[Any]) -> None:
    """Compare as multisets and list every missing and unexpected row on a mismatch."""
    actual_count, expected_count = Counter(actual), Counter(expected)
    missing = sorted((expected_count - actual_count).elements())
    unexpected = sorted((actual_count - expected_count).elements())
    if missing or unexpected:
        lines = [f"{name}: the query disagrees with the golden table tests/golden/{name}"]
        lines += [f"  missing ({len(missing)}):"] + [f"    {row}" for row in missing]
        lines += [f"  unexpected ({len(unexpected)}):"] + [f"    {row}" for row in unexpected]
        pytest.fail("\n".join(lines), pytrace=False)
