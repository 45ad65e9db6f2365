"""The only pyshacl caller, and the one validation of a set of documents: `validate`.

`kg validate` and `kg build` both call `validate`, so they agree. It runs, for each document,
SHACL over the document's graph together with the reference graph (States, groups, bodies,
sessions) and the ontology's class hierarchy, which keeps pyshacl's cost per document small and
lets documents be validated in parallel; then the rules that span documents (kg.consistency, the
life-cycle matches of kg.lifecycle) over an in-memory store of all documents. Violations come
back as `Violation` records naming the focus node, the rule and the source line the focus node
was read from (or, across documents, the sources involved).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from importlib.resources import files
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.consistency import Inconsistency, check_store
from kg.context import Reference, load_reference, ntriples
from kg.ids import GraphId
from kg.lifecycle import LIFECYCLE_GRAPH, derive_links
from kg.sparql_rules import RuleResult, SparqlRule, extract_rules, run_rules
from kg.store import GraphData, add_graph, memory_dataset
from kg.vocab import UNKG, ontology_path
from kg.workers import Workers


@dataclass(frozen=True, order=True)
class Violation:
    source_line: int | None
    focus: str
    rule: str
    path: str | None
    message: str
    severity: str
    document: str | None
    sources: tuple[str, ...] = ()  # across documents: the sources the problem involves

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        what = f"{self.severity} [{self.rule}] {self.focus}{path}: {self.message}"
        if self.document is None and not self.source_line:
            return what  # a rule across documents: the message names what disagrees
        where = f"{self.document or '?'}:{self.source_line}" if self.source_line else "-"
        return f"{where}: {what}"

    @property
    def blocking(self) -> bool:
        return self.severity == "Violation"

    def involves(self, source: str) -> bool:
        return source == self.document or source in self.sources


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    # Graphs only the documents together give (the life-cycle links), which the build stores.
    derived: tuple[GraphData, ...] = ()


@dataclass(frozen=True)
class DocumentGraph:
    """One document's graph as the build carries it (between processes, into the store)."""

    source: str  # the file it was read from, for messages
    name: str  # the IRI of its named graph
    ntriples: bytes


def validate(
    documents: Sequence[DocumentGraph],
    reference: Reference,
    workers: Workers | None = None,
    done: Callable[[int], None] | None = None,
    stored: Sequence[DocumentGraph] = (),
) -> ValidationReport:
    """SHACL for each document (in `workers` when given; `done(index)` as each one is), then
    the rules across documents. `stored` documents (already in a store, validated when they
    were added) take part only in the rules across documents."""
    task = partial(_validate_with_base, base=reference.base)
    each = (workers or Workers(1)).map(task, documents, done)
    across = validate_across([*stored, *documents], reference)
    violations = tuple(v for report in each for v in report.violations) + across.violations
    return ValidationReport(not any(v.blocking for v in violations), violations, across.derived)


def validate_document(document: DocumentGraph, reference: Reference) -> ValidationReport:
    """SHACL of one document's graph with the reference graph and the class hierarchy."""
    core, rules, hierarchy = _shacl_setup()
    union = Graph()
    union.parse(data=document.ntriples, format="nt")
    for graph in (reference.graph, hierarchy):
        for triple in graph:
            union.add(triple)
    return _validate_union(union, core, rules, document.source)


def _validate_with_base(document: DocumentGraph, base: str) -> ValidationReport:
    """`validate_document` in a worker process, which loads the reference once for its base."""
    return validate_document(document, load_reference(base))


def validate_across(documents: Sequence[DocumentGraph], reference: Reference) -> ValidationReport:
    """The rules only several documents together can break, over an in-memory store of them all
    and the reference: the life-cycle links are derived first (their uncertain matches are
    warnings), then kg.consistency's rules run on the whole."""
    store = memory_dataset([*reference.graphs, *(GraphData(d.name, d.ntriples) for d in documents)])
    links = derive_links(store)
    derived: tuple[GraphData, ...] = ()
    if len(links.graph):
        name = str(reference.minter.iri(GraphId(LIFECYCLE_GRAPH)))
        derived = (GraphData(name, ntriples(links.graph)),)
        add_graph(store, derived[0])
    sources = {d.name: d.source for d in documents}
    problems = [*links.warnings, *check_store(store)]
    violations = tuple(_from_inconsistency(p, sources) for p in problems)
    return ValidationReport(not any(v.blocking for v in violations), violations, derived)


def _from_inconsistency(problem: Inconsistency, sources: dict[str, str]) -> Violation:
    return Violation(
        source_line=None,
        focus=problem.focus,
        rule=problem.rule,
        path=None,
        message=problem.message,
        severity=problem.severity,
        document=None,
        sources=tuple(sources[g] for g in problem.graphs if g in sources),
    )


@cache
def _shacl_setup() -> tuple[Graph, tuple[SparqlRule, ...], Graph]:
    core, rules = extract_rules(load_shapes())
    return core, tuple(rules), class_hierarchy()


def prepare_shacl() -> None:
    """Load what validating a document needs, ahead of the first document."""
    _shacl_setup()


def shapes_path() -> Path:
    return Path(str(files("kg") / "resources" / "unkg-shapes.ttl"))


def load_shapes() -> Graph:
    graph = Graph()
    graph.parse(shapes_path(), format="turtle")
    return graph


def class_hierarchy() -> Graph:
    """Only the rdfs:subClassOf axioms of the ontology: what sh:class needs to see subclasses."""
    ontology = Graph()
    ontology.parse(ontology_path(), format="turtle")
    hierarchy = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        if isinstance(triple[2], URIRef):
            hierarchy.add(triple)
    return hierarchy


def validate_graph(
    data: Graph, context: Iterable[Graph], shapes: Graph, document: str | None = None
) -> ValidationReport:
    """Validate `data` (plus context graphs it points into) against `shapes`.

    SHACL Core constraints run in pyshacl; SHACL-SPARQL constraints run in Oxigraph
    (kg.sparql_rules), because pyshacl re-parses their query for every focus node.
    """
    union = Graph()
    for triple in data:
        union.add(triple)
    for graph in context:
        for triple in graph:
            union.add(triple)
    core, rules = extract_rules(shapes)
    return _validate_union(union, core, rules, document)


def _validate_union(
    union: Graph, core: Graph, rules: Sequence[SparqlRule], document: str | None
) -> ValidationReport:
    """pyshacl for SHACL Core over `union`, then Oxigraph for the SPARQL rules over `union`
    as pyshacl left it (its SHACL rules add triples in place, which the SPARQL rules read)."""
    _, results, _ = shacl_validate(
        union,
        shacl_graph=core,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,  # `union` is our own throwaway graph: no need for pyshacl to copy it
    )
    assert isinstance(results, Graph)
    found = _violations(results, union, document)
    ntriples_ = union.serialize(format="nt", encoding="utf-8")
    found += [_from_rule(result, union, document) for result in run_rules(rules, ntriples_)]
    violations = tuple(sorted(found, key=_order))
    blocking = any(v.severity == "Violation" for v in violations)
    return ValidationReport(not blocking, violations)


def validate_graph_with_pyshacl_only(
    data: Graph, context: Iterable[Graph], shapes: Graph, document: str | None = None
) -> ValidationReport:
    """The reference evaluation (pyshacl for everything), to cross-check `validate_graph`."""
    union = Graph()
    for graph in (data, *context):
        for triple in graph:
            union.add(triple)
    _, results, _ = shacl_validate(
        union, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    assert isinstance(results, Graph)
    violations = tuple(sorted(_violations(results, union, document), key=_order))
    return ValidationReport(not any(v.severity == "Violation" for v in violations), violations)


def _from_rule(result: RuleResult, data: Graph, document: str | None) -> Violation:
    line = data.value(URIRef(result.focus), UNKG.sourceLineStart)
    return Violation(
        source_line=int(line) if isinstance(line, Literal) else None,
        focus=result.focus,
        rule=_local(result.shape),
        path=_local(result.path) if result.path else None,
        message=result.message,
        severity=_local(result.severity),
        document=document,
    )


def _order(violation: Violation) -> tuple[int, str, str, str]:
    return (violation.source_line or 0, violation.rule, violation.focus, violation.message)


def _violations(results: Graph, data: Graph, document: str | None) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        line = data.value(focus, UNKG.sourceLineStart) if focus is not None else None
        rule = _local(shape) if isinstance(shape, URIRef) else _local(component)
        found.append(
            Violation(
                source_line=int(line) if isinstance(line, Literal) else None,
                focus=str(focus),
                rule=rule,
                path=_local(path) if isinstance(path, URIRef) else None,
                message=str(message) if message is not None else _local(component),
                severity=_local(severity),
                document=document,
            )
        )
    return found


def _local(term: object) -> str:
    text = str(term) if term is not None else ""
    for separator in ("#", "/"):
        if separator in text:
            text = text.rsplit(separator, 1)[1]
    return text
