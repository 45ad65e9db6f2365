"""Deterministic dumps of the store and their dataset description.

The same store content gives byte-identical files: quads are sorted before serialisation, no
blank nodes are minted by the mapping, and nothing time-dependent is written. All files are
first written under temporary names and moved into place only when every one succeeded.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from pyld import jsonld

from kg.errors import StoreError
from kg.store import run_query

CONTEXT_VERSION = "1.0.0"
CONTEXT_FILE = f"context-{CONTEXT_VERSION}.jsonld"
DUMP_STEM = "unkg"
JSON_LD = ox.RdfFormat.JSON_LD
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# What a file written beside the dumps is: a dump of the data (a DCAT distribution), the JSON-LD
# context the JSON-LD dump is written with, or the dataset description itself.
FileRole = Literal["dump", "context", "description"]


@dataclass(frozen=True)
class DumpFile:
    name: str
    media_type: str
    size: int
    sha256: str
    triples: int
    role: FileRole = "dump"


@dataclass(frozen=True)
class DatasetFacts:
    """What the dataset description says of the data that is read from the data itself (never
    from the clock, so that the same store gives the same description)."""

    publishers: tuple[str, ...]  # the organisations at the top of the source documents' bodies
    first_date: str | None  # xsd:date lexical forms
    last_date: str | None


# The organisation the bodies of the source documents belong to (un-ga-c3 -> un-ga -> un).
_PUBLISHERS = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
SELECT DISTINCT ?publisher WHERE {
    ?expression dcterms:source ?file ;
        unkg:realizes ?work .
    ?work ?role ?body .
    ?body a unkg:Body ;
        unkg:parentBody* ?publisher .
    FILTER NOT EXISTS { ?publisher unkg:parentBody ?above }
}
ORDER BY ?publisher
"""
# The period the documents cover: their own dates and those of the meetings they record.
_PERIOD = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT (STR(MIN(?date)) AS ?first) (STR(MAX(?date)) AS ?last) WHERE {
    {
        ?meeting a unkg:Meeting ;
            dcterms:date ?date .
    } UNION {
        ?expression dcterms:source ?file ;
            unkg:realizes ?work .
        ?work unkg:workDate ?date .
    }
    FILTER (DATATYPE(?date) = xsd:date)
}
"""


def dataset_facts(store: ox.Store) -> DatasetFacts:
    """The publisher and the dates of the dataset description, from the store's data."""
    publishers = run_query(store, _PUBLISHERS)
    assert isinstance(publishers, ox.QuerySolutions)
    names = tuple(row["publisher"].value for row in publishers if row["publisher"] is not None)
    period = run_query(store, _PERIOD)
    assert isinstance(period, ox.QuerySolutions)
    row = next(iter(period))
    first, last = row["first"], row["last"]
    return DatasetFacts(
        names,
        first.value if first is not None else None,
        last.value if last is not None else None,
    )


def context_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((files("kg") / "resources" / CONTEXT_FILE).read_text("utf-8"))
    return data


def _frozen_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """JSON-LD processing never fetches: our only context is given inline."""
    raise jsonld.JsonLdError(
        f"remote context loading is disabled ({url})", "jsonld.LoadDocumentError"
    )


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    return sorted(
        store, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )


def union_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    unique = {q.triple for q in quads}
    return sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _serialize(
    items: list[Any], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    data = (
        ox.serialize(items, format=fmt, prefixes=prefixes)
        if prefixes
        else ox.serialize(items, format=fmt)
    )
    assert data is not None
    return data


def jsonld_bytes(triples: list[ox.Triple]) -> bytes:
    """Compact JSON-LD of one graph with our versioned context, nodes and values in a canonical
    order; `rdf:type` written as `@type` (`type` in our context)."""
    compacted: dict[str, Any] = {"@context": context_document()["@context"]}
    compacted["@graph"] = _compacted_nodes(triples)
    return _json(compacted)


def jsonld_dataset_bytes(quads: list[ox.Quad]) -> bytes:
    """Compact JSON-LD of the whole dataset: each named graph an object `{"id": graph,
    "@graph": [...]}`, compacted one graph at a time (a graph's nodes never meet another's)."""
    by_graph: dict[str, tuple[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]]]
    by_graph = {}
    for quad in quads:
        name = quad.graph_name
        by_graph.setdefault(str(name), (name, []))[1].append(quad.triple)
    entries: list[Any] = []
    for key in sorted(by_graph):
        name, triples = by_graph[key]
        nodes = _compacted_nodes(triples)
        if isinstance(name, ox.DefaultGraph):
            entries.extend(nodes)
        else:
            entries.append({"id": name.value, "@graph": nodes})
    return _json({"@context": context_document()["@context"], "@graph": entries})


def _compacted_nodes(triples: list[ox.Triple]) -> list[Any]:
    expanded = [_types_as_keyword(node) for node in json.loads(_serialize(triples, JSON_LD))]
    options = {"documentLoader": _frozen_loader, "graph": True}
    compacted = jsonld.compact(expanded, context_document(), options)
    nodes: list[Any] = compacted.get("@graph", [])
    return sorted(nodes, key=lambda node: str(node.get("id", "")))


def _types_as_keyword(node: dict[str, Any]) -> dict[str, Any]:
    """Oxigraph writes `rdf:type` as a property of the expanded node; JSON-LD's own form (what
    `fromRdf` gives by default) is `@type`, which compacts to `type` in our context."""
    values = node.pop(RDF_TYPE, [])
    classes = [value["@id"] for value in values if "@id" in value]
    literals = [value for value in values if "@id" not in value]  # not ours, kept as written
    if classes:
        node["@type"] = classes
    if literals:
        node[RDF_TYPE] = literals
    return node


def _json(document: dict[str, Any]) -> bytes:
    canonical = {key: _canonical(value) for key, value in document.items()}
    return (json.dumps(canonical, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _canonical(value: Any) -> Any:
    """Sort unordered JSON-LD value arrays (sets, not @list) so output does not depend on order."""
    if isinstance(value, dict):
        return {key: _canonical(item) if key != "@list" else item for key, item in value.items()}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


@dataclass(frozen=True)
class StagedFiles:
    """Files written under temporary names; `commit()` moves them all into place."""

    files: tuple[tuple[Path, Path], ...]
    dumps: tuple[DumpFile, ...]

    def commit(self) -> None:
        for temporary, final in self.files:
            temporary.replace(final)

    def discard(self) -> None:
        for temporary, _ in self.files:
            temporary.unlink(missing_ok=True)


def stage_dumps(
    store: ox.Store,
    out_dir: Path,
    prefixes: dict[str, str],
    describe: Callable[[list[DumpFile]], bytes],
) -> StagedFiles:
    """Stage N-Quads, N-Triples, Turtle and JSON-LD dumps, the description and SHA256SUMS."""
    quads = sorted_quads(store)
    triples = union_triples(quads)
    contents: list[tuple[str, str, bytes, int]] = [
        (
            f"{DUMP_STEM}.nq",
            "application/n-quads",
            _serialize(quads, ox.RdfFormat.N_QUADS),
            len(quads),
        ),
        (
            f"{DUMP_STEM}.nt",
            "application/n-triples",
            _serialize(triples, ox.RdfFormat.N_TRIPLES),
            len(triples),
        ),
        (
            f"{DUMP_STEM}.ttl",
            "text/turtle",
            _serialize(triples, ox.RdfFormat.TURTLE, prefixes),
            len(triples),
        ),
        (f"{DUMP_STEM}.jsonld", "application/ld+json", jsonld_dataset_bytes(quads), len(quads)),
        (
            CONTEXT_FILE,
            "application/ld+json",
            (files("kg") / "resources" / CONTEXT_FILE).read_bytes(),
            0,
        ),
    ]
    dumps = [
        DumpFile(
            name,
            media,
            len(data),
            hashlib.sha256(data).hexdigest(),
            count,
            "context" if name == CONTEXT_FILE else "dump",
        )
        for name, media, data, count in contents
    ]
    description = describe(dumps)
    contents.append(("void.ttl", "text/turtle", description, 0))
    digest = hashlib.sha256(description).hexdigest()
    dumps.append(DumpFile("void.ttl", "text/turtle", len(description), digest, 0, "description"))
    sums = "".join(f"{d.sha256}  {d.name}\n" for d in sorted(dumps, key=lambda d: d.name))
    contents.append(("SHA256SUMS", "text/plain", sums.encode(), 0))
    staged = _stage_all(out_dir, [(name, data) for name, _, data, _ in contents])
    return StagedFiles(tuple(staged), tuple(dumps))


def _stage_all(out_dir: Path, contents: list[tuple[str, bytes]]) -> list[tuple[Path, Path]]:
    """Write every file under a temporary name in the target directory."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in contents:
            handle, temporary_name = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            staged.append((Path(temporary_name), out_dir / name))
    except OSError as error:
        for written, _ in staged:
            written.unlink(missing_ok=True)
        raise StoreError(f"{out_dir}: could not write the dumps: {error}") from error
    for written, _ in staged:
        written.chmod(0o644)
    return staged
