"""The main job: parse -> map -> validate -> store -> dumps, for a set of source documents.

`build` holds no state between calls; everything it needs comes in through `Settings`. Stages
are timed so the CLI and the benchmark can report where the time goes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from kg.consistency import Inconsistency, check_store
from kg.doctypes import Document, document_type_of, document_warnings, parse_document
from kg.errors import InputError, ShapeViolationError, SourceLocation
from kg.export import DumpFile, StagedFiles, dataset_facts, stage_dumps
from kg.ids import DEFAULT_BASE, GraphId, IriMinter
from kg.lifecycle import LIFECYCLE_GRAPH, derive_links
from kg.mapping import map_reference
from kg.mapping.dataset import describe_dataset
from kg.mapping.terms import PREFIXES
from kg.parse.instruments import InstrumentTable, load_instruments
from kg.parse.lexicon import LEXICONS
from kg.reference.resolver import EntityResolver
from kg.reference.states import ReferenceData, load_reference_data
from kg.store import (
    GraphData,
    StagedStore,
    extend_staged,
    graph_sizes,
    memory_store,
    stage_store,
)
from kg.validate import ValidationReport, Violation, class_hierarchy, load_shapes, validate_graph
from kg.vocab import ontology_path

SAMPLE_NAME = "A_77_464.fr.txt"
REFERENCE_GRAPH = "reference"
ONTOLOGY_GRAPH = "ontology"  # the ontology travels with the data: queries read concept notations


@dataclass(frozen=True)
class Settings:
    base: str = DEFAULT_BASE
    store: Path = Path("var/store")
    exports: Path = Path("exports")


@dataclass(frozen=True)
class Source:
    """A document to build from: its display name and its bytes."""

    name: str
    data: bytes


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class BuildResult:
    reports: tuple[Document, ...]
    warnings: tuple[str, ...]
    quads: int
    dumps: tuple[DumpFile, ...]
    times: dict[str, float]


Progress = Callable[[str], None]


def sample_source() -> Source:
    return Source(SAMPLE_NAME, (files("kg") / "data" / SAMPLE_NAME).read_bytes())


def read_sources(paths: Sequence[Path]) -> list[Source]:
    sources = []
    for path in paths:
        try:
            sources.append(Source(path.name, path.read_bytes()))
        except OSError as error:
            raise InputError(SourceLocation(str(path)), "a readable file", error.strerror) from None
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise InputError(SourceLocation(names[0]), "distinct file names", "the same name twice")
    return sources


def parse_sources(
    sources: Sequence[Source],
    reference: ReferenceData,
    instruments: InstrumentTable | None = None,
) -> list[Document]:
    resolver = EntityResolver(reference)
    table = instruments if instruments is not None else load_instruments()
    reports = [parse_document(s.name, s.data, resolver, table) for s in sources]
    check_one_file_per_version(reports)
    return reports


def check_one_file_per_version(documents: Sequence[Document]) -> None:
    """The French and English versions of a symbol are two sources (two named graphs); the
    same language version twice is an input error naming both files."""
    seen: dict[tuple[str, str], str] = {}
    for document in documents:
        key = (document.symbol, document.language)
        if key in seen:
            raise InputError(
                SourceLocation(document.source_name),
                f"one file per document and language, but {document.symbol} "
                f"({document.language}) is in both {seen[key]} and {document.source_name}",
            )
        seen[key] = document.source_name


def graph_id(document: Document) -> GraphId:
    """The named graph of a source: its symbol and language version."""
    return GraphId(document.symbol, LEXICONS[document.language].akn_language)


def parse_warnings(documents: Sequence[Document]) -> tuple[str, ...]:
    """The parser's warnings of every document (and of the texts a report recommends), as lines
    `name:line: warning: message`, in document order."""
    lines: list[str] = []
    for document in documents:
        for warning in document_warnings(document):
            lines.append(warning.render(document.source_name))
    return tuple(lines)


def map_document(document: Document, minter: IriMinter) -> Graph:
    return document_type_of(document).map(document, minter)


def validate_reports(
    graphs: Sequence[tuple[Document, Graph]], reference_graph: Graph
) -> ValidationReport:
    shapes = load_shapes()
    context = [reference_graph, class_hierarchy()]
    violations: list[Violation] = []
    for report, graph in graphs:
        result = validate_graph(graph, context, shapes, report.source_name)
        violations.extend(result.violations)
    blocking = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(not blocking, tuple(violations))


def build(
    sources: Sequence[Source], settings: Settings, progress: Progress | None = None
) -> BuildResult:
    """Parse, map, validate, load and dump; nothing is written unless everything succeeded."""
    say = progress or (lambda _message: None)
    times = StageTimes()
    minter = IriMinter(settings.base)
    with times.stage("parse"):
        reference = load_reference_data()
        instruments = load_instruments()
        say(f"parsing {len(sources)} document(s)")
        reports = parse_sources(sources, reference, instruments)
    with times.stage("map"):
        say("mapping to RDF")
        reference_graph = map_reference(reference, minter, instruments)
        graphs = [(report, map_document(report, minter)) for report in reports]
    with times.stage("validate"):
        say("validating with SHACL")
        report = validate_reports(graphs, reference_graph)
        if not report.conforms:
            raise ShapeViolationError("\n".join(str(v) for v in report.violations))
    with times.stage("load"):
        say(f"loading the store at {settings.store}")
        named = [
            GraphData(str(minter.iri(GraphId(ONTOLOGY_GRAPH))), _ontology_nt()),
            GraphData(str(minter.iri(GraphId(REFERENCE_GRAPH))), _nt(reference_graph)),
        ]
        named += [GraphData(str(minter.iri(graph_id(r))), _nt(g)) for r, g in graphs]
        staged = stage_store(settings.store, named, base=minter.base)
    try:
        with times.stage("link"):
            say("linking the life cycle across documents")
            staged, link_warnings = _link_life_cycle(staged, minter)
        with times.stage("validate"):
            cross_warnings = [*link_warnings, *_check_across_documents(staged)]
        with times.stage("dump"):
            say(f"writing dumps to {settings.exports}")
            files_ = _dump(staged, settings, minter, [s.name for s in sources])
    except BaseException:
        staged.discard()
        raise
    # Only now does anything visible change: the store, then the dumps, each by renames.
    staged.commit()
    files_.commit()
    warnings = parse_warnings(reports)
    warnings += tuple(str(v) for v in report.violations if v.severity != "Violation")
    warnings += tuple(str(w) for w in cross_warnings)
    return BuildResult(tuple(reports), warnings, staged.quads, files_.dumps, times.seconds)


def _link_life_cycle(
    staged: StagedStore, minter: IriMinter
) -> tuple[StagedStore, tuple[Inconsistency, ...]]:
    """Derive the links between drafts, reports and resolutions into their own named graph
    (none when no two documents of the store are linked)."""
    store = staged.open()
    try:
        links = derive_links(store)
    finally:
        del store
    if len(links.graph):
        graph = GraphData(str(minter.iri(GraphId(LIFECYCLE_GRAPH))), _nt(links.graph))
        staged = extend_staged(staged, [graph])
    return staged, links.warnings


def lifecycle_warnings(graphs: Sequence[Graph]) -> tuple[str, ...]:
    """The uncertain matches of the life cycle among these graphs, without a store on disk
    (for `kg validate`, which writes nothing)."""
    store = memory_store(b"".join(_nt(graph) for graph in graphs))
    return tuple(str(warning) for warning in derive_links(store).warnings)


def _check_across_documents(staged: StagedStore) -> list[Inconsistency]:
    store = staged.open()
    try:
        problems = check_store(store)
    finally:
        del store
    blocking = [problem for problem in problems if problem.severity == "Violation"]
    if blocking:
        raise ShapeViolationError("\n".join(str(problem) for problem in blocking))
    return [problem for problem in problems if problem.severity != "Violation"]


def _ontology_nt() -> bytes:
    """The ontology, its blank nodes (the cells of its `owl:unionOf` lists) labelled canonically.

    The labels of rdflib.compare's canonical form depend on the graph alone, and the store keeps
    the labels it is given (kg.store), so the dumps stay byte-identical from one build to the
    next while the lists stay real RDF lists of blank nodes, as OWL wants them.
    """
    ontology = Graph()
    ontology.parse(ontology_path(), format="turtle")
    return _nt(to_canonical_graph(ontology))


def _nt(graph: Graph) -> bytes:
    data = graph.serialize(format="nt", encoding="utf-8")
    assert isinstance(data, bytes)
    return data


def _dump(
    staged: StagedStore, settings: Settings, minter: IriMinter, sources: list[str]
) -> StagedFiles:
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    store = staged.open()
    try:
        sizes, facts = graph_sizes(store), dataset_facts(store)
        return stage_dumps(
            store,
            settings.exports,
            prefixes,
            lambda dumps: describe_dataset(minter, dumps, sizes, sources, facts),
        )
    finally:
        del store
