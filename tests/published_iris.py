"""Dereferencing every IRI a served store publishes, for the tests of the pages over HTTP."""

from __future__ import annotations

import httpx
import pyoxigraph as ox

from kg.serve import ServeSettings
from kg.vocab import ONTOLOGY_IRI


def _minted_iris(built: ServeSettings) -> set[str]:
    """Every IRI the service publishes, under the base or the ontology's: in the store
    (subjects, objects, graph names) and in the dataset description beside the dumps."""
    published = (built.iri_base() + "/", ONTOLOGY_IRI)
    terms: set[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph] = set()
    store = ox.Store.read_only(str(built.store))
    for quad in store.quads_for_pattern(None, None, None):
        terms |= {quad.subject, quad.object, quad.graph_name}
    for quad in ox.parse(path=str(built.exports / "void.ttl"), format=ox.RdfFormat.TURTLE):
        terms |= {quad.subject, quad.object}
    return {t.value for t in terms if isinstance(t, ox.NamedNode) and t.value.startswith(published)}


def _served_path(iri: str, base: str) -> str:
    """The path an IRI is served at: the ontology's IRIs at /ontology whatever the base."""
    if iri.startswith(ONTOLOGY_IRI):
        return "/ontology" + iri.removeprefix(ONTOLOGY_IRI)
    return iri.removeprefix(base)


def check_every_published_iri_dereferences(client: httpx.Client, built: ServeSettings) -> set[str]:
    """Each published IRI answers (303 to its page, then 200); each fragment IRI is a section of
    its page. Returns the kinds of IRIs seen (the first path segment)."""
    base = built.iri_base()
    iris = _minted_iris(built)
    documents = {iri.split("#", 1)[0] for iri in iris}
    failures: list[str] = []
    pages_seen: dict[str, str] = {}
    for document in sorted(documents):
        path = _served_path(document, base)
        response = client.get(path, headers={"Accept": "text/html"})
        if response.status_code == 303:
            # The endpoint sends browsers to its query editor; resources to their page.
            expected = "/query" if path == "/sparql" else "/doc" + path
            assert response.headers["location"] == expected
            response = client.get(response.headers["location"], headers={"Accept": "text/html"})
        if response.status_code != 200:
            failures.append(f"{document}: {response.status_code}")
        pages_seen[document] = response.text
    assert not failures, failures[:10]
    # A fragment IRI is a section of its document's page.
    for iri in sorted(iri for iri in iris if "#" in iri):
        document, local = iri.split("#", 1)
        page = pages_seen[document]
        assert f'id="{local}"' in page or f"id=&quot;{local}" in page, iri
    return {_served_path(iri, base).split("/")[1] for iri in documents}
