"""The only pyoxigraph caller: the on-disk store, its atomic replacement, and queries.

A build writes a complete new store next to the current one and swaps the directories only when
everything succeeded, so a failed build never leaves a half-written store behind.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError

STORE_MARKER = "unkg-store"  # a file that marks a directory as one of our stores
# The format of the data in the store, the first line of the marker. A store of another format
# is rebuilt, never migrated. 1: IRIs with kinds and dates; 2: IRIs by symbol (kg.ids).
STORE_FORMAT = "2"
# The marker's second line, `base {IRI}`: the base the store's IRIs were minted under, so that
# `kg serve` answers for the IRIs the store holds without being told the base again.
BASE_FIELD = "base"


@dataclass(frozen=True)
class GraphData:
    """One named graph to load: its IRI and its content as N-Triples."""

    name: str
    ntriples: bytes


@dataclass(frozen=True)
class StagedStore:
    """A complete new store written beside the current one, not yet in place."""

    path: Path
    staging: Path
    quads: int

    def open(self) -> ox.Store:
        return ox.Store.read_only(str(self.staging))

    def commit(self) -> None:
        _swap(self.staging, self.path)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def stage_store(path: Path, graphs: Iterable[GraphData], *, base: str) -> StagedStore:
    """Write a new store next to `path` whose IRIs are minted under `base`; `commit()` swaps it
    in, `discard()` drops it."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    _recover(path)
    if path.exists() and not (path / STORE_MARKER).exists():
        raise StoreError(f"{path} exists and is not a store written by kg; not replacing it")
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    try:
        count = _load(staging, graphs)
        marker = f"{STORE_FORMAT}\n{BASE_FIELD} {base}\n"
        (staging / STORE_MARKER).write_text(marker, encoding="utf-8")
    except (OSError, ValueError, SyntaxError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"{path}: could not write the store: {error}") from error
    return StagedStore(path, staging, count)


def extend_staged(staged: StagedStore, graphs: Iterable[GraphData]) -> StagedStore:
    """Add named graphs derived from a staged store (it must not be open) before its commit."""
    try:
        count = _load(staged.staging, graphs)
    except (OSError, ValueError, SyntaxError) as error:
        raise StoreError(f"{staged.path}: could not write the store: {error}") from error
    return replace(staged, quads=count)


def _load(directory: Path, graphs: Iterable[GraphData]) -> int:
    """Load the graphs into the store at `directory`; the number of quads it then holds."""
    store = ox.Store(str(directory))
    for graph in graphs:
        name = ox.NamedNode(graph.name)
        # Parsed and then added, not `bulk_load`ed: that gives every blank node a random label,
        # and the ontology's lists (the only blank nodes) would differ in every dump. The
        # parser keeps the labels given (kg.build labels them canonically).
        quads = ox.parse(graph.ntriples, format=ox.RdfFormat.N_TRIPLES)
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
    store.optimize()
    count = len(store)
    store.flush()
    del store
    return count


def _swap(staging: Path, path: Path) -> None:
    backup = path.with_name(f".{path.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    if path.exists():
        path.rename(backup)
    staging.rename(path)
    shutil.rmtree(backup, ignore_errors=True)


def _recover(path: Path) -> None:
    """Finish a swap interrupted between its two renames; drop stale staging directories."""
    backup = path.with_name(f".{path.name}.old")
    if not path.exists() and backup.exists():
        backup.rename(path)
    for stale in path.parent.glob(f".{path.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _marker_lines(path: Path) -> list[str]:
    marker = path / STORE_MARKER
    if not marker.exists():
        raise StoreError(f"{path}: no store here; run 'kg build' first")
    try:
        return marker.read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{path}: cannot read the store marker: {error}") from error


def check_store_format(path: Path) -> None:
    """Refuse a directory that is not a store, or a store of another format, in one line."""
    lines = _marker_lines(path)
    found = lines[0].strip() if lines else ""
    if found != STORE_FORMAT:
        raise StoreError(
            f"{path}: store format {found or 'unmarked'} was written by another version of kg"
            f" (this one reads format {STORE_FORMAT}); run 'kg build' again"
        )


def store_base(path: Path) -> str:
    """The base the store's IRIs were minted under, as `kg build` recorded it."""
    check_store_format(path)
    for line in _marker_lines(path)[1:]:
        name, _, value = line.partition(" ")
        if name == BASE_FIELD and value.strip():
            return value.strip()
    raise StoreError(
        f"{path}: the store does not record the base of its IRIs (it was written by an earlier"
        " version of kg); run 'kg build' again"
    )


@contextmanager
def open_store(path: Path) -> Iterator[ox.Store]:
    """Open an existing store read-only."""
    check_store_format(path)
    try:
        store = ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store: {error}") from error
    try:
        yield store
    finally:
        del store


def memory_store(ntriples: bytes) -> ox.Store:
    """An in-memory store holding the given N-Triples (for validation, never written)."""
    store = ox.Store()
    # Queries run over the union of the named graphs, so the data goes into one.
    store.bulk_load(
        ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:x-unkg:validation")
    )
    return store


def memory_dataset(graphs: Iterable[GraphData]) -> ox.Store:
    """An in-memory store of named graphs (for checks across documents, never written)."""
    store = ox.Store()
    for graph in graphs:
        add_graph(store, graph)
    return store


def add_graph(store: ox.Store, graph: GraphData) -> None:
    store.bulk_load(
        graph.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph.name)
    )


QueryResult = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean


def run_query(
    store: ox.Store, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> QueryResult:
    """Run SPARQL over the union of all named graphs; values are bound, never spliced in."""
    try:
        return store.query(
            sparql,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(k): v for k, v in (bindings or {}).items()},
        )
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {error}") from error
    except RuntimeError as error:  # e.g. a substitution of a variable the query lacks
        raise QueryError(f"query cannot run: {error}") from error
    except OSError as error:
        raise StoreError(f"query failed: {error}") from error


def serialize_results(result: QueryResult, fmt: ox.QueryResultsFormat) -> bytes:
    if isinstance(result, ox.QueryTriples):
        raise QueryError("CONSTRUCT/DESCRIBE results are graphs; use a graph format")
    data = result.serialize(format=fmt)
    assert data is not None
    return data


def named_graphs(store: ox.Store) -> list[str]:
    return sorted(graph.value for graph in store.named_graphs() if isinstance(graph, ox.NamedNode))


def dump_nquads(store: ox.Store) -> bytes:
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    assert data is not None
    return data


def graph_ntriples(store: ox.Store, name: str) -> bytes:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    assert data is not None
    return data


def graph_sizes(store: ox.Store) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for name in named_graphs(store):
        sizes[name] = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    return sizes
