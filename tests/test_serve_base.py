"""A store built under another base, served by `kg serve` without being told the base again.

`kg build --base https://example.org/kg` records the base with the store (`kg.store.store_base`);
`kg serve` reads it, so every published IRI dereferences over real HTTP, the ontology's own
(`https://w3id.org/unkg/ontology`, whatever the base) included, and the SPARQL endpoint and the
dataset description name the published IRIs under that base.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from published_iris import check_every_published_iri_dereferences

from kg.build import Settings, build, sample_source
from kg.errors import ServeError, StoreError
from kg.serve import ServeSettings, create_app
from kg.store import STORE_FORMAT, STORE_MARKER, store_base
from kg.vocab import ONTOLOGY_IRI

BASE = "https://example.org/kg"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("elsewhere")
    settings = Settings(base=BASE, store=root / "store", exports=root / "exports")
    build([sample_source()], settings)
    return settings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def client(elsewhere: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """`kg serve` in its own process, given the store and the dumps but not the base."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve-log") / "stderr.txt"
    command = [
        *(sys.executable, "-m", "kg", "serve", "--store", str(elsewhere.store)),
        *("--exports", str(elsewhere.exports), "--port", str(port), "--no-access-log"),
    ]
    with log.open("w", encoding="utf-8") as stderr:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "kg serve did not start"
                try:
                    http.get("/")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            yield http
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def test_the_store_records_the_base_it_was_built_with(elsewhere: Settings) -> None:
    assert store_base(elsewhere.store) == BASE


def test_the_ontology_page_is_served_under_another_base(client: httpx.Client) -> None:
    redirect = client.get("/ontology")
    assert redirect.status_code == 303 and redirect.headers["location"] == "/doc/ontology"
    page = client.get("/doc/ontology", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "UN-KG ontology" in page.text
    assert 'id="DraftResolution"' in page.text  # a class is a section of the ontology's page
    turtle = client.get("/doc/ontology", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.content, format="turtle")
    assert (rdflib.URIRef(ONTOLOGY_IRI), rdflib.RDF.type, rdflib.OWL.Ontology) in graph
    assert client.get("/ontology/0.1.0", follow_redirects=True).status_code == 200


def test_pages_link_the_ontology_terms_to_the_ontology_page(client: httpx.Client) -> None:
    spain = client.get("/doc/akn/ontology/organization/un/state-esp")
    assert spain.status_code == 200 and "<h1>Spain</h1>" in spain.text
    assert 'href="/doc/ontology#MemberState"' in spain.text


def test_every_published_iri_dereferences_under_another_base(
    client: httpx.Client, elsewhere: Settings
) -> None:
    settings = ServeSettings(store=elsewhere.store, exports=elsewhere.exports)
    kinds = check_every_published_iri_dereferences(client, settings)
    assert {"akn", "ontology", "graph", "dataset", "download", "sparql"} <= kinds
    assert ".well-known" not in kinds  # the ontology's lists are blank nodes, not skolem IRIs


def test_the_endpoint_answers_and_describes_itself_under_its_published_iri(
    client: httpx.Client,
) -> None:
    described = rdflib.Graph().parse(data=client.get("/sparql").content, format="turtle")
    endpoint = rdflib.URIRef(f"{BASE}/sparql")
    assert (endpoint, SD.endpoint, endpoint) in described
    dataset = described.value(endpoint, SD.defaultDataset)
    names = {str(described.value(g, SD.name)) for g in described.objects(dataset, SD.namedGraph)}
    assert f"{BASE}/graph/A-77-464/fra" in names
    answer = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p <https://example.org/kg/akn/un/doc/A-77-464> }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200 and answer.json()["boolean"] is True


def test_the_dataset_description_is_under_the_base(client: httpx.Client) -> None:
    void = client.get("/.well-known/void")
    triples = list(ox.parse(void.content, format=ox.RdfFormat.TURTLE))
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    assert f"{BASE}/dataset" in subjects
    assert all(s.startswith(BASE + "/") for s in subjects)


def test_serving_under_a_base_other_than_the_stores_is_refused(elsewhere: Settings) -> None:
    other = "https://w3id.org/unkg"
    with pytest.raises(ServeError, match=re.escape(f"was built with the base {BASE}")):
        create_app(ServeSettings(store=elsewhere.store, exports=elsewhere.exports, base=other))
    command = [
        *(sys.executable, "-m", "kg", "serve", "--store", str(elsewhere.store)),
        *("--base", other, "--port", str(_free_port())),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "was built with the base https://example.org/kg" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_store_that_does_not_record_its_base_must_be_rebuilt(tmp_path: Path) -> None:
    """A store of format 2 written before the base was recorded with it."""
    (tmp_path / STORE_MARKER).write_text(f"{STORE_FORMAT}\n", encoding="utf-8")
    with pytest.raises(StoreError, match="does not record the base") as error:
        store_base(tmp_path)
    assert "run 'kg build' again" in str(error.value) and "\n" not in str(error.value)
