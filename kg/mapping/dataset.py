"""The dataset description (VoID and DCAT) written beside the dumps.

Everything in it is read from the dumps and the data (`DatasetFacts`), never from the clock, so
that the same store gives a byte-identical description. Media types are IANA IRIs, as DCAT asks;
the JSON-LD context is not a dump of the data but the standard the JSON-LD dump conforms to.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from kg.export import DatasetFacts, DumpFile
from kg.ids import IriMinter, ServiceId
from kg.mapping.terms import integer, new_graph

SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def media_type(name: str) -> URIRef:
    """The IANA IRI of a media type (`text/turtle` -> `.../media-types/text/turtle`)."""
    return URIRef(IANA_MEDIA_TYPES + name)


def describe_dataset(
    minter: IriMinter,
    dumps: list[DumpFile],
    graph_sizes: dict[str, int],
    sources: list[str],
    facts: DatasetFacts,
) -> bytes:
    graph = new_graph()
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    graph.bind("spdx", SPDX)
    dataset = minter.iri(ServiceId("dataset"))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add(
        (
            dataset,
            DCTERMS.title,
            Literal("Knowledge graph of United Nations resolutions", lang="en"),
        )
    )
    graph.add(
        (
            dataset,
            DCTERMS.title,
            Literal("Graphe de connaissances des résolutions des Nations Unies", lang="fr"),
        )
    )
    graph.add((dataset, DCTERMS.license, LICENCE))
    graph.add((dataset, VOID.sparqlEndpoint, minter.iri(ServiceId("sparql"))))
    graph.add((dataset, VOID.uriSpace, Literal(minter.uri_space())))
    for source in sorted(sources):
        graph.add((dataset, DCTERMS.source, Literal(source)))
    _describe_facts(graph, minter, dataset, facts)
    triples = next((d.triples for d in dumps if d.name.endswith(".nt")), 0)
    graph.add((dataset, VOID.triples, integer(triples)))
    for name, size in sorted(graph_sizes.items()):
        subset = URIRef(name)
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, integer(size)))
    contexts = [_context(graph, minter, d) for d in dumps if d.role == "context"]
    for dump in dumps:
        if dump.role == "dump":
            distribution = _distribution(graph, minter, dump)
            graph.add((dataset, VOID.dataDump, minter.iri(ServiceId("download", dump.name))))
            graph.add((dataset, DCAT.distribution, distribution))
            if dump.media_type == "application/ld+json":
                for context in contexts:
                    graph.add((distribution, DCTERMS.conformsTo, context))
    return graph.serialize(format="turtle").encode()


def _describe_facts(graph: Graph, minter: IriMinter, dataset: URIRef, facts: DatasetFacts) -> None:
    """Publisher and dates, as the data gives them (none when the data holds none)."""
    for publisher in facts.publishers:
        graph.add((dataset, DCTERMS.publisher, URIRef(publisher)))
    if facts.last_date is not None:
        graph.add((dataset, DCTERMS.modified, Literal(facts.last_date, datatype=XSD.date)))
    if facts.first_date is not None and facts.last_date is not None:
        period = minter.iri(ServiceId("dataset", fragment="period"))
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(facts.first_date, datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(facts.last_date, datatype=XSD.date)))


def _distribution(graph: Graph, minter: IriMinter, dump: DumpFile) -> URIRef:
    distribution = minter.iri(ServiceId("dataset", fragment=f"dist-{dump.name}"))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.downloadURL, minter.iri(ServiceId("download", dump.name))))
    graph.add((distribution, DCAT.mediaType, media_type(dump.media_type)))
    graph.add((distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.integer)))
    graph.add((distribution, SPDX.checksum, _checksum(graph, minter, dump)))
    return distribution


def _context(graph: Graph, minter: IriMinter, dump: DumpFile) -> URIRef:
    """The JSON-LD context: a resource of its own, the standard the JSON-LD dump conforms to."""
    context = minter.iri(ServiceId("download", dump.name))
    graph.add((context, RDF.type, DCTERMS.Standard))
    graph.add((context, DCTERMS.title, Literal("JSON-LD context of the dumps", lang="en")))
    graph.add((context, DCTERMS.title, Literal("Contexte JSON-LD des fichiers", lang="fr")))
    graph.add((context, DCTERMS.format, media_type(dump.media_type)))
    graph.add((context, SPDX.checksum, _checksum(graph, minter, dump)))
    return context


def _checksum(graph: Graph, minter: IriMinter, dump: DumpFile) -> URIRef:
    checksum = minter.iri(ServiceId("dataset", fragment=f"sha256-{dump.name}"))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))
    return checksum
