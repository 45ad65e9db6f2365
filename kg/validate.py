"""The only pyshacl caller: SHACL validation into a typed report.

Each document's graph is validated on its own, together with the reference graph (States,
groups, bodies, sessions) and the ontology's class hierarchy, which keeps pyshacl's cost per
document small. Violations come back as `Violation` records naming the focus node, the rule and
the source line the focus node was read from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.sparql_rules import RuleResult, extract_rules, run_rules
from kg.vocab import UNKG, ontology_path


@dataclass(frozen=True, order=True)
class Violation:
    source_line: int | None
    focus: str
    rule: str
    path: str | None
    message: str
    severity: str
    document: str | None

    def __str__(self) -> str:
        where = f"{self.document or '?'}:{self.source_line}" if self.source_line else "-"
        path = f" {self.path}" if self.path else ""
        return f"{where}: {self.severity} [{self.rule}] {self.focus}{path}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


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
    ntriples = union.serialize(format="nt", encoding="utf-8")
    found += [_from_rule(result, union, document) for result in run_rules(rules, ntriples)]
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
