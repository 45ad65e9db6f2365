"""The main job: parse -> map -> validate -> store -> dumps, for a set of source documents.

`build` holds no state between calls; everything it needs comes in through `Settings`. Each
document is read and mapped on its own, in a pool of processes (kg.workers); all documents are
then validated by kg.validate.validate, the function `kg validate` calls too, so the two agree.
By default a build is all or nothing; with `keep_going`, documents that cannot be read or fail
validation are set aside (`Rejected`, each with its reason) and the others are built. Stages are
timed so the CLI and the benchmark can report where the time goes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

from kg.context import Reference, load_reference, ntriples
from kg.doctypes import Document, document_type_of, document_warnings, parse_document
from kg.errors import InputError, ShapeViolationError, SourceLocation
from kg.export import DumpFile, StagedFiles, dataset_facts, stage_dumps
from kg.ids import DEFAULT_BASE, GraphId, IriMinter
from kg.lock import store_lock
from kg.mapping.dataset import describe_dataset
from kg.mapping.terms import PREFIXES
from kg.parse.instruments import InstrumentTable, load_instruments
from kg.parse.lexicon import LEXICONS
from kg.reference.resolver import EntityResolver
from kg.reference.states import ReferenceData
from kg.store import GraphData, StagedStore, graph_sizes, stage_store
from kg.validate import (
    DocumentGraph,
    ValidationReport,
    Violation,
    validate,
    validate_across,
)
from kg.workers import Workers

SAMPLE_NAME = "A_77_464.fr.txt"
INPUT_SUFFIXES = (".txt", ".pdf")  # what `kg build DIR` reads from a folder


@dataclass(frozen=True)
class Settings:
    base: str = DEFAULT_BASE
    store: Path = Path("var/store")
    exports: Path = Path("exports")
    jobs: int = 1  # processes that read, map and validate documents
    keep_going: bool = False  # set rejected documents aside and build the others
    lock_timeout: float = 60.0  # seconds to wait while another build holds the store


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
class Step:
    """Where a build is: `done` of `total` documents in `stage` (0 of 0 for a stage that
    works on the whole store, such as loading or dumping)."""

    stage: str
    done: int = 0
    total: int = 0


Progress = Callable[[Step], None]


@dataclass(frozen=True)
class Rejected:
    """A document set aside by `keep_going`, with the reason and the exit code it stands for
    (2: it could not be read as input; 3: it failed validation)."""

    source: str
    reason: str
    exit_code: int

    def __str__(self) -> str:
        return f"{self.source}: rejected: {self.reason}"


@dataclass(frozen=True)
class BuildResult:
    reports: tuple[Document, ...]
    warnings: tuple[str, ...]
    quads: int
    dumps: tuple[DumpFile, ...]
    times: dict[str, float]
    rejected: tuple[Rejected, ...] = ()

    @property
    def exit_code(self) -> int:
        """2 when a document was rejected as input, else 3 when one failed validation."""
        codes = {r.exit_code for r in self.rejected}
        return InputError.exit_code if InputError.exit_code in codes else max(codes, default=0)


@dataclass(frozen=True)
class Checked:
    """Every source read, mapped and validated: what `kg validate` shows, what `kg build`
    stores once `settle` has accepted it."""

    documents: tuple[Document, ...]
    graphs: tuple[DocumentGraph, ...]  # in the order of `documents`
    report: ValidationReport
    unreadable: tuple[tuple[str, InputError], ...]  # (source name, why), in input order
    reference: Reference
    stored: tuple[DocumentGraph, ...] = ()  # documents of the store that stay (kg add)


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


def expand_folders(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Files given, and for a folder the `.txt` and `.pdf` files in it (sorted by name); the
    second list holds what a folder had besides (other files, subfolders), which is skipped."""
    inputs: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            inputs.append(path)
            continue
        for entry in sorted(path.iterdir()):
            wanted = entry.is_file() and entry.suffix.lower() in INPUT_SUFFIXES
            (inputs if wanted else skipped).append(entry)
    return inputs, skipped


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
    for _, error in version_conflicts(documents):
        raise error


def version_conflicts(documents: Sequence[Document]) -> Iterator[tuple[int, InputError]]:
    """Each document (by index) whose symbol and language an earlier one already has."""
    seen: dict[tuple[str, str], str] = {}
    for index, document in enumerate(documents):
        key = (document.symbol, document.language)
        if key in seen:
            yield (
                index,
                InputError(
                    SourceLocation(document.source_name),
                    f"one file per document and language, but {document.symbol} "
                    f"({document.language}) is in both {seen[key]} and {document.source_name}",
                ),
            )
            continue
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
    graphs: Sequence[tuple[Document, Graph]], reference_graph: Graph | None = None
) -> ValidationReport:
    """`validate` of already mapped documents (with the default base's reference)."""
    reference = load_reference()
    return validate([_document_graph(d, g, reference.minter) for d, g in graphs], reference)


@dataclass(frozen=True)
class _Unreadable:
    """A worker's InputError carried back as values (an exception with its own constructor
    arguments does not survive pickling)."""

    kind: type[InputError]
    location: SourceLocation
    expected: str
    found: str | None

    def error(self) -> InputError:
        return self.kind(self.location, self.expected, self.found)


def _read(source: Source, base: str) -> tuple[Document, DocumentGraph] | _Unreadable:
    """Parse and map one source (in a worker process when the build has several)."""
    reference = load_reference(base)
    try:
        document = parse_document(
            source.name, source.data, reference.resolver, reference.instruments
        )
    except InputError as error:
        return _Unreadable(type(error), error.location, error.expected, error.found)
    graph = map_document(document, reference.minter)
    return document, _document_graph(document, graph, reference.minter)


def _document_graph(document: Document, graph: Graph, minter: IriMinter) -> DocumentGraph:
    return DocumentGraph(document.source_name, str(minter.iri(graph_id(document))), ntriples(graph))


def _silent(_step: Step) -> None:
    pass


def _counter(stage: str, total: int, say: Progress) -> Callable[[int], None]:
    done = [0]

    def finished(_index: int) -> None:
        done[0] += 1
        say(Step(stage, done[0], total))

    say(Step(stage, 0, total))
    return finished


def check(
    sources: Sequence[Source],
    settings: Settings,
    workers: Workers,
    *,
    progress: Progress | None = None,
    times: StageTimes | None = None,
    stored: Sequence[DocumentGraph] = (),
) -> Checked:
    """Read, map and validate every source; nothing is raised for a bad document (see
    `settle`), so that `kg validate` can show them all. The `stored` documents of a store take
    part in the rules across documents, except those a source replaces (same named graph)."""
    say = progress or _silent
    times = times or StageTimes()
    reference = load_reference(settings.base)
    with times.stage("parse"):
        read = workers.map(
            partial(_read, base=settings.base), sources, _counter("read", len(sources), say)
        )
    position = {source.name: index for index, source in enumerate(sources)}
    unreadable: list[tuple[str, InputError]] = []
    accepted: list[tuple[Document, DocumentGraph]] = []
    for source, outcome in zip(sources, read, strict=True):
        if isinstance(outcome, _Unreadable):
            unreadable.append((source.name, outcome.error()))
        else:
            accepted.append(outcome)
    conflicts = dict(version_conflicts([document for document, _ in accepted]))
    unreadable += [(accepted[i][0].source_name, error) for i, error in conflicts.items()]
    unreadable.sort(key=lambda entry: position[entry[0]])
    accepted = [pair for i, pair in enumerate(accepted) if i not in conflicts]
    graphs = [graph for _, graph in accepted]
    replaced = {graph.name for graph in graphs}
    stored = [graph for graph in stored if graph.name not in replaced]
    with times.stage("validate"):
        done = _counter("validate", len(graphs), say)
        report = validate(graphs, reference, workers, done, stored)
    documents = tuple(d for d, _ in accepted)
    return Checked(documents, tuple(graphs), report, tuple(unreadable), reference, tuple(stored))


def settle(checked: Checked, keep_going: bool) -> tuple[Checked, tuple[Rejected, ...]]:
    """All or nothing: the first unreadable document, or the violations, raised. With
    `keep_going`: every document with a violation set aside (across documents, every one the
    violation involves), and the rules across documents run again on those left."""
    blocking = [v for v in checked.report.violations if v.blocking]
    if not keep_going:
        if checked.unreadable:
            raise checked.unreadable[0][1]
        if blocking:
            raise ShapeViolationError("\n".join(str(v) for v in blocking))
        return checked, ()
    rejected = [Rejected(name, str(error), error.exit_code) for name, error in checked.unreadable]
    kept, report = checked, checked.report
    while blocking:
        failed = {g.source for g in kept.graphs if any(v.involves(g.source) for v in blocking)}
        if not failed:  # nothing to set aside would clear it
            raise ShapeViolationError("\n".join(str(v) for v in blocking))
        for graph in kept.graphs:
            if graph.source in failed:
                rejected.append(_rejected_for(graph.source, blocking))
        left = [i for i, g in enumerate(kept.graphs) if g.source not in failed]
        graphs = tuple(kept.graphs[i] for i in left)
        across = validate_across([*kept.stored, *graphs], kept.reference)
        own = tuple(
            v for v in report.violations if v.document is not None and v.document not in failed
        )
        violations = own + across.violations
        report = ValidationReport(
            not any(v.blocking for v in violations), violations, across.derived
        )
        documents = tuple(kept.documents[i] for i in left)
        kept = Checked(documents, graphs, report, (), kept.reference, kept.stored)
        blocking = [v for v in report.violations if v.blocking]
    return kept, tuple(rejected)


def _rejected_for(source: str, blocking: Sequence[Violation]) -> Rejected:
    own = [v for v in blocking if v.involves(source)]
    more = f" (and {len(own) - 1} more)" if len(own) > 1 else ""
    return Rejected(source, f"{own[0]}{more}", ShapeViolationError.exit_code)


def build(
    sources: Sequence[Source], settings: Settings, progress: Progress | None = None
) -> BuildResult:
    """Parse, map, validate, load and dump; nothing is written unless everything succeeded
    (with `keep_going`: unless everything not rejected succeeded)."""
    say = progress or _silent
    times = StageTimes()
    with Workers(min(settings.jobs, len(sources))) as workers:
        checked = check(sources, settings, workers, progress=say, times=times)
    kept, rejected = settle(checked, settings.keep_going)
    warnings = parse_warnings(kept.documents)
    warnings += tuple(str(v) for v in kept.report.violations if not v.blocking)
    if not kept.graphs:  # everything was rejected: the store and the dumps stay as they were
        return BuildResult((), warnings, 0, (), times.seconds, rejected)
    with store_lock(settings.store, settings.lock_timeout, lambda why: say(Step(why))):
        quads, dumps = write_store(
            settings, kept.reference, kept.graphs, kept.report, times=times, say=say
        )
    return BuildResult(kept.documents, warnings, quads, dumps, times.seconds, rejected)


SOURCES_FILE = "unkg-sources.tsv"  # in the store: the file each document graph was read from


def write_store(
    settings: Settings,
    reference: Reference,
    documents: Sequence[DocumentGraph],
    report: ValidationReport,
    *,
    times: StageTimes,
    say: Progress,
) -> tuple[int, tuple[DumpFile, ...]]:
    """Stage the store (reference, documents, derived graphs) and the dumps, then put both in
    place; the caller holds the store's lock. The number of quads and the dumps."""
    with times.stage("load"):
        say(Step("load"))
        stored = [GraphData(graph.name, graph.ntriples) for graph in documents]
        staged = stage_store(
            settings.store,
            [*reference.graphs, *stored, *report.derived],
            base=reference.minter.base,
        )
    try:
        listing = "".join(f"{g.name}\t{g.source}\n" for g in sorted(documents, key=_by_name))
        (staged.staging / SOURCES_FILE).write_text(listing, encoding="utf-8")
        with times.stage("dump"):
            say(Step("dump"))
            sources = [graph.source for graph in documents]
            files_ = _dump(staged, settings, reference.minter, sources)
    except BaseException:
        staged.discard()
        raise
    # Only now does anything visible change: the store, then the dumps, each by renames.
    staged.commit()
    files_.commit()
    return staged.quads, files_.dumps


def _by_name(graph: DocumentGraph) -> str:
    return graph.name


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
