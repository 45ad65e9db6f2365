"""The dataset description served at /.well-known/void and written beside the dumps (VoID, DCAT):
IANA media types, the JSON-LD context as a resource of its own, publisher and dates from the data.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from kg.build import Settings
from kg.export import CONTEXT_FILE

BASE = "https://w3id.org/unkg"
DATASET = URIRef(f"{BASE}/dataset")
IANA = "http://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="module")
def void(sample_build: Settings) -> Graph:
    return Graph().parse(sample_build.exports / "void.ttl", format="turtle")


def test_media_types_are_iana_iris(void: Graph) -> None:
    by_file = {
        str(void.value(dist, DCAT.downloadURL)).rsplit("/", 1)[1]: void.value(dist, DCAT.mediaType)
        for dist in void.objects(DATASET, DCAT.distribution)
    }
    assert by_file == {
        "unkg.nq": URIRef(IANA + "application/n-quads"),
        "unkg.nt": URIRef(IANA + "application/n-triples"),
        "unkg.ttl": URIRef(IANA + "text/turtle"),
        "unkg.jsonld": URIRef(IANA + "application/ld+json"),
    }
    assert not any(isinstance(o, Literal) for o in void.objects(None, DCAT.mediaType))


def test_the_json_ld_context_is_not_a_dump_but_what_the_json_ld_dump_conforms_to(
    void: Graph, sample_build: Settings
) -> None:
    context = URIRef(f"{BASE}/download/{CONTEXT_FILE}")
    assert context not in set(void.objects(DATASET, VOID.dataDump))
    downloads = {void.value(d, DCAT.downloadURL) for d in void.objects(DATASET, DCAT.distribution)}
    assert context not in downloads
    assert (context, RDF.type, DCTERMS.Standard) in void
    jsonld = URIRef(f"{BASE}/dataset#dist-unkg.jsonld")
    assert set(void.objects(jsonld, DCTERMS.conformsTo)) == {context}
    # Still offered for download, with its checksum.
    assert CONTEXT_FILE in (sample_build.exports / "SHA256SUMS").read_text(encoding="utf-8")


def test_publisher_and_dates_are_read_from_the_data(void: Graph) -> None:
    """A/77/464 is a report of the Third Committee (un-ga-c3), a committee of the General
    Assembly (un-ga), a principal organ of the United Nations (un; kg/reference/data/bodies.tsv).
    Its meetings run from the 3rd plenary meeting, 16 September 2022 (line 6), to the 51st
    meeting of the Committee, 15 November 2022 (line 26)."""
    publisher = URIRef(f"{BASE}/akn/ontology/organization/un/un")
    assert set(void.objects(DATASET, DCTERMS.publisher)) == {publisher}
    assert set(void.objects(DATASET, DCTERMS.modified)) == {
        Literal("2022-11-15", datatype=XSD.date)
    }
    period = void.value(DATASET, DCTERMS.temporal)
    assert period is not None and (period, RDF.type, DCTERMS.PeriodOfTime) in void
    assert void.value(period, DCAT.startDate) == Literal("2022-09-16", datatype=XSD.date)
    assert void.value(period, DCAT.endDate) == Literal("2022-11-15", datatype=XSD.date)
