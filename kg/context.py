"""What every document of a build is read, mapped and validated with, loaded once per process.

The reference data (States, groups, bodies, sessions), the instruments table, the reference
graph mapped from them and the ontology are the same for every document of a build with a given
base IRI. The build's worker processes and the calling process each load them once (the cache
below) instead of receiving them with every document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from kg.ids import DEFAULT_BASE, GraphId, IriMinter
from kg.mapping import map_reference
from kg.parse.instruments import InstrumentTable, load_instruments
from kg.reference.resolver import EntityResolver
from kg.reference.states import ReferenceData, load_reference_data
from kg.store import GraphData
from kg.vocab import ontology_path

REFERENCE_GRAPH = "reference"
ONTOLOGY_GRAPH = "ontology"  # the ontology travels with the data: queries read concept notations


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per base and process
class Reference:
    base: str
    minter: IriMinter
    data: ReferenceData
    instruments: InstrumentTable
    resolver: EntityResolver
    graph: Graph  # the reference graph, what each document's SHACL validation sees with it

    @cached_property
    def graphs(self) -> tuple[GraphData, ...]:
        """The ontology and the reference as named graphs, stored beside the documents (only
        the calling process needs them: the ontology's canonical labelling takes a while)."""
        return (
            GraphData(
                str(self.minter.iri(GraphId(ONTOLOGY_GRAPH))), ontology_ntriples()
            ),
            GraphData(str(self.minter.iri(GraphId(REFERENCE_GRAPH))), ntriples(self.graph)),
        )


@cache
def load_reference(base: str = DEFAULT_BASE) -> Reference:
    minter = IriMinter(base)
    data = load_reference_data()
    instruments = load_instruments()
    graph = map_reference(data, minter, instruments)
    return Reference(base, minter, data, instruments, EntityResolver(data), graph)


def ontology_ntriples() -> bytes:
    """The ontology, its blank nodes (the cells of its `owl:unionOf` lists) labelled canonically.

    The labels of rdflib.compare's canonical form depend on the graph alone, and the store keeps
    the labels it is given (kg.store), so the dumps stay byte-identical from one build to the
    next while the lists stay real RDF lists of blank nodes, as OWL wants them.
    """
    ontology = Graph()
    ontology.parse(ontology_path(), format="turtle")
    return ntriples(to_canonical_graph(ontology))


def ntriples(graph: Graph) -> bytes:
    data = graph.serialize(format="nt", encoding="utf-8")
    assert isinstance(data, bytes)
    return data
