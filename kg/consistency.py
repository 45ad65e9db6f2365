"""Rules that span documents, checked with SPARQL over a store of all documents.

SHACL validates each document's graph on its own (which keeps pyshacl's cost per document
small); what can only go wrong between documents is checked here, on the union of all graphs
(kg.validate.validate_across), before anything is written. Each problem names the named graphs
it was found in, so that `kg build --keep-going` can set those documents aside.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.store import run_query

PREFIXES = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# A meeting (body, session, number) stated with different dates in different documents.
MEETING_DATES = (
    PREFIXES
    + """
SELECT ?focus (GROUP_CONCAT(DISTINCT STR(?date); separator=", ") AS ?detail)
       (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?graphs) WHERE {
  GRAPH ?g { ?focus a unkg:Meeting ; dcterms:date ?date }
}
GROUP BY ?focus
HAVING (COUNT(DISTINCT ?date) > 1)
ORDER BY ?focus
"""
)

# One UN symbol carried by two document IRIs, whatever their kinds: a symbol names one document,
# so every source must mint the one IRI of kg.ids for it (unkg:Document and its subclasses, read
# from the ontology graph the build loads with the data).
SYMBOL_IRIS = (
    PREFIXES
    + """
SELECT ?focus (GROUP_CONCAT(DISTINCT STR(?node); separator=" ") AS ?detail)
       (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?graphs) WHERE {
  GRAPH ?g { ?node dcterms:identifier ?focus }
  ?node a/rdfs:subClassOf* unkg:Document .
}
GROUP BY ?focus
HAVING (COUNT(DISTINCT ?node) > 1)
ORDER BY ?focus
"""
)

# A document that citations date differently (`69/196 et 73/130 du 13 décembre 2018` reads as
# one date for both): the sources disagree, which a user should see, but the texts are read as
# printed, so this is a warning.
CITED_DATES = (
    PREFIXES
    + """
SELECT ?focus (GROUP_CONCAT(DISTINCT STR(?date); separator=", ") AS ?detail)
       (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?graphs) WHERE {
  GRAPH ?g { ?citation unkg:citationTarget ?node ; dcterms:date ?date }
  ?node dcterms:identifier ?focus .
}
GROUP BY ?focus
HAVING (COUNT(DISTINCT ?date) > 1)
ORDER BY ?focus
"""
)

# rule -> (query, message, severity)
CHECKS = {
    "meeting-dates-agree": (
        MEETING_DATES,
        "meeting stated with different dates: {detail}",
        "Violation",
    ),
    "one-iri-per-symbol": (SYMBOL_IRIS, "symbol minted under several IRIs: {detail}", "Violation"),
    "cited-dates-agree": (
        CITED_DATES,
        "document cited with different dates: {detail}",
        "Warning",
    ),
}


@dataclass(frozen=True)
class Inconsistency:
    rule: str
    focus: str
    message: str
    severity: str = "Violation"
    graphs: tuple[str, ...] = ()  # the named graphs (sources) the problem was found in

    def __str__(self) -> str:
        return f"{self.severity} [{self.rule}] {self.focus}: {self.message}"


def check_store(store: ox.Store) -> list[Inconsistency]:
    found = []
    for rule, (query, message, severity) in CHECKS.items():
        result = run_query(store, query)
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            focus, detail, graphs = row["focus"], row["detail"], row["graphs"]
            found.append(
                Inconsistency(
                    rule,
                    focus.value if focus is not None else "",
                    message.format(detail=detail.value if detail is not None else ""),
                    severity,
                    tuple(sorted(graphs.value.split())) if graphs is not None else (),
                )
            )
    return found
