"""SHACL-SPARQL constraints of our shapes, evaluated by Oxigraph instead of rdflib.

pyshacl evaluates a SPARQL constraint once per focus node and parses the query again each time
with rdflib's pure-Python parser (about 25 ms a parse here), which made the SPARQL rules of one
report cost seconds. The rules stay SHACL-SPARQL in shapes/unkg-shapes.ttl; this module reads
them (targets, `sh:select`, `sh:message`, `sh:severity`, `sh:prefixes`) and runs each `sh:select`
per focus node with `$this` pre-bound (SHACL 1.0 section 5.3.1), which Oxigraph parses in
microseconds. SHACL Core stays with pyshacl. tests/test_shapes.py cross-checks both engines on
every negative case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.store import memory_store, run_query

_TARGETS = {
    SH.targetClass: (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT ?this ?target WHERE { ?this a/rdfs:subClassOf* ?target }"
    ),
    SH.targetSubjectsOf: "SELECT DISTINCT ?this ?target WHERE { ?this ?target ?object }",
    SH.targetObjectsOf: "SELECT DISTINCT ?this ?target WHERE { ?subject ?target ?this }",
}
_FORBIDDEN = re.compile(r"\b(VALUES|MINUS|SERVICE)\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[?$](?P<name>\w+)\}")


@dataclass(frozen=True)
class SparqlRule:
    shape: URIRef
    targets: tuple[tuple[URIRef, URIRef], ...]  # (target predicate, its object)
    select: str  # with the PREFIX declarations of sh:prefixes
    message: str
    severity: URIRef


@dataclass(frozen=True)
class RuleResult:
    shape: URIRef
    focus: str
    path: str | None
    message: str
    severity: URIRef


def extract_rules(shapes: Graph) -> tuple[Graph, list[SparqlRule]]:
    """Split the shapes: a graph without `sh:sparql` (for pyshacl) and the SPARQL rules."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    rules = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if not isinstance(shape, URIRef):
            raise ValueError(f"SPARQL constraints must hang on named shapes, not {shape}")
        targets = tuple(
            (predicate, target)
            for predicate in (
                SH.targetClass,
                SH.targetSubjectsOf,
                SH.targetObjectsOf,
                SH.targetNode,
            )
            for target in sorted(shapes.objects(shape, predicate), key=str)
            if isinstance(target, URIRef)
        )
        select = shapes.value(constraint, SH.select)
        if select is None or _FORBIDDEN.search(str(select)):
            # SHACL 1.0 section 5.3: pre-binding $this is undefined with these; pyshacl refuses
            # them too, and both evaluations must accept the same shapes.
            raise ValueError(
                f"{shape}: a SPARQL constraint needs sh:select without "
                "VALUES, MINUS, SERVICE or nested SELECT"
            )
        message = _english(shapes, constraint) or _english(shapes, shape) or str(shape)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        assert isinstance(severity, URIRef)
        rules.append(
            SparqlRule(
                shape, targets, _prefixes(shapes, constraint) + str(select), message, severity
            )
        )
    return core, rules


def _english(shapes: Graph, node: Node) -> str | None:
    messages = list(shapes.objects(node, SH.message))
    english = [m for m in messages if isinstance(m, Literal) and m.language in ("en", None)]
    return str(english[0]) if english else None


def _prefixes(shapes: Graph, constraint: Node) -> str:
    header = []
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            header.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(header)))


def run_rules(rules: Sequence[SparqlRule], ntriples: bytes) -> list[RuleResult]:
    store = memory_store(ntriples)
    results = []
    for rule in rules:
        for focus in sorted(_focus_nodes(store, rule), key=lambda n: n.value):
            solutions = run_query(store, rule.select, {"this": focus})
            assert isinstance(solutions, ox.QuerySolutions)
            for row in solutions:
                results.append(_result(rule, focus, row))
    return results


def _focus_nodes(store: ox.Store, rule: SparqlRule) -> Iterator[ox.NamedNode]:
    seen: set[str] = set()
    for predicate, target in rule.targets:
        if predicate == SH.targetNode:
            nodes: list[ox.NamedNode] = [ox.NamedNode(str(target))]
        else:
            solutions = run_query(store, _TARGETS[predicate], {"target": ox.NamedNode(str(target))})
            assert isinstance(solutions, ox.QuerySolutions)
            nodes = [row["this"] for row in solutions if isinstance(row["this"], ox.NamedNode)]
        for node in nodes:
            if node.value not in seen:
                seen.add(node.value)
                yield node


def _result(rule: SparqlRule, focus: ox.NamedNode, row: ox.QuerySolution) -> RuleResult:
    def value(name: str) -> str:
        try:
            term = row[name]
        except (KeyError, IndexError):
            return ""
        return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""

    path = value("path") or None
    message = _PLACEHOLDER.sub(lambda m: value(m["name"]), rule.message)
    return RuleResult(rule.shape, focus.value, path, message, rule.severity)
