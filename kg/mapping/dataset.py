"""The dataset description (VoID and DCAT) written beside the dumps."""

from __future__ import annotations

from rdflib import RDF, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from kg.export import DumpFile
from kg.ids import IriMinter, ServiceId
from kg.mapping.terms import integer, new_graph

SPDX = Namespace("http://spdx.org/rdf/terms#")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def describe_dataset(
    minter: IriMinter, dumps: list[DumpFile], graph_sizes: dict[str, int], sources: list[str]
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
    triples = next((d.triples for d in dumps if d.name.endswith(".nt")), 0)
    graph.add((dataset, VOID.triples, integer(triples)))
    for name, size in sorted(graph_sizes.items()):
        subset = URIRef(name)
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, integer(size)))
    for dump in dumps:
        download = minter.iri(ServiceId("download", dump.name))
        distribution = minter.iri(ServiceId("dataset", fragment=f"dist-{dump.name}"))
        graph.add((dataset, VOID.dataDump, download))
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, download))
        graph.add((distribution, DCAT.mediaType, Literal(dump.media_type)))
        graph.add((distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.integer)))
        checksum = minter.iri(ServiceId("dataset", fragment=f"sha256-{dump.name}"))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))
    return graph.serialize(format="turtle").encode()
