"""The linked-data pages over real HTTP: dereferencing, negotiation, escaping, downloads, VoID."""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from live_server import serving
from published_iris import check_every_published_iri_dereferences
from starlette.applications import Starlette

from kg.build import Settings
from kg.errors import StoreError
from kg.ids import DocumentId, ExpressionId, GraphId, IriMinter
from kg.serve import ServeSettings, create_app, pages
from kg.store import STORE_FORMAT, STORE_MARKER, GraphData, stage_store

DRAFT_SYMBOL = "A/C.3/77/L.7/Rev.1"
SPAIN = "https://w3id.org/unkg/akn/ontology/organization/un/state-esp"


@pytest.fixture(scope="module")
def built(sample_build: Settings) -> ServeSettings:
    return ServeSettings(store=sample_build.store, exports=sample_build.exports)


@pytest.fixture(scope="module")
def client(built: ServeSettings) -> Iterator[httpx.Client]:
    with serving(create_app(built)) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def draft_iri(built: ServeSettings) -> str:
    store = ox.Store.read_only(str(built.store))
    rows = store.query(
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?d ?s WHERE { ?d dcterms:identifier ?s }",
        use_default_graph_as_union=True,
        substitutions={ox.Variable("s"): ox.Literal(DRAFT_SYMBOL)},
    )
    assert isinstance(rows, ox.QuerySolutions)
    found = [row["d"] for row in rows]
    assert len(found) == 1 and isinstance(found[0], ox.NamedNode)
    return found[0].value


def _path(iri: str) -> str:
    return iri.removeprefix("https://w3id.org/unkg")


def test_slash_iri_redirects_to_its_page(client: httpx.Client, draft_iri: str) -> None:
    response = client.get(_path(draft_iri) + "?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/doc" + _path(draft_iri)


def test_html_page_shows_title_sponsors_and_source(client: httpx.Client, draft_iri: str) -> None:
    response = client.get(_path(draft_iri), headers={"Accept": "text/html"}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Accept" in response.headers["vary"]
    page = response.text
    assert "Action préventive et lutte contre la corruption" in page
    assert f'href="{_path("/doc" + SPAIN.removeprefix("https://w3id.org/unkg"))}"' in page
    assert 'id="sponsorship_original_state-' in page  # fragment sections
    assert "Source lines 220–271" in page


def test_state_page_in_french(client: httpx.Client) -> None:
    french = client.get("/doc" + _path(SPAIN), params={"lang": "fr"})
    assert french.status_code == 200
    assert "<h1>Espagne</h1>" in french.text
    by_header = client.get("/doc" + _path(SPAIN), headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert "<h1>Espagne</h1>" in by_header.text
    english = client.get("/doc" + _path(SPAIN))
    assert "<h1>Spain</h1>" in english.text
    assert "sponsor" in english.text  # incoming links from sponsorships


@pytest.mark.parametrize(
    ("accept", "query", "rdflib_format"),
    [
        ("text/turtle", None, "turtle"),
        ("application/n-triples", None, "nt"),
        ("application/ld+json", None, "json-ld"),
        ("text/html", "ttl", "turtle"),
        (None, "nt", "nt"),
        (None, "jsonld", "json-ld"),
        ("application/rdf+xml", None, "xml"),
        (None, "rdf", "xml"),
    ],
)
def test_rdf_formats_parse_and_contain_the_resource(
    client: httpx.Client, draft_iri: str, accept: str | None, query: str | None, rdflib_format: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    params = {"format": query} if query else {}
    response = client.get("/doc" + _path(draft_iri), headers=headers, params=params)
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    subject = rdflib.URIRef(draft_iri)
    assert (subject, rdflib.URIRef("http://purl.org/dc/terms/identifier"), None) in graph
    sponsorships = {s for s in graph.subjects() if str(s).startswith(draft_iri + "#sponsorship")}
    assert sponsorships


def test_not_found_and_not_acceptable(client: httpx.Client, draft_iri: str) -> None:
    assert client.get("/doc/akn/un/doc/X").status_code == 404
    assert client.get("/doc/nothing").status_code == 404
    assert client.get("/nowhere").status_code == 404
    refused = client.get("/doc" + _path(draft_iri), headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert client.get("/doc" + _path(draft_iri), params={"format": "xml"}).status_code == 400


def test_home_page(client: httpx.Client) -> None:
    page = client.get("/").text
    assert "https://w3id.org/unkg/graph/A-77-464/fra" in page
    for link in ('href="/sparql"', 'href="/download"', 'href="/doc/ontology"'):
        assert link in page
    assert client.get("/ontology").status_code == 303


def test_downloads_and_checksums(client: httpx.Client, built: ServeSettings) -> None:
    listing = client.get("/download")
    assert listing.status_code == 200
    sums = (built.exports / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) >= 5
    for line in sums:
        digest, name = line.split("  ")
        assert digest in listing.text and f'href="/download/{name}"' in listing.text
        assert str((built.exports / name).stat().st_size) in listing.text
        body = client.get(f"/download/{name}").content
        assert hashlib.sha256(body).hexdigest() == digest
    assert client.get("/download/unkg.ttl").headers["content-type"].startswith("text/turtle")
    assert client.get("/download/SHA256SUMS").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/download/../pyproject.toml",
        "/download/%2e%2e/pyproject.toml",
        "/download/..%2fpyproject.toml",
        "/download/%2e%2e%2fpyproject.toml",
        "/download/..%5cpyproject.toml",
        "/download/.unkg.ttl",
        "/download/store",
        "/download/%2Fetc%2Fpasswd",
    ],
)
def test_no_path_traversal(client: httpx.Client, path: str) -> None:
    # http.client sends the path verbatim (no dot-segment normalisation by the client)
    url = httpx.URL(str(client.base_url))
    connection = http.client.HTTPConnection(url.host, url.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 404
    assert b"[project]" not in body


def test_void(client: httpx.Client, built: ServeSettings) -> None:
    turtle = client.get("/.well-known/void")
    assert turtle.status_code == 200
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.content == (built.exports / "void.ttl").read_bytes()
    as_jsonld = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=as_jsonld.content, format="json-ld")
    assert (rdflib.URIRef("https://w3id.org/unkg/dataset"), None, None) in graph
    json.loads(as_jsonld.content)


def test_void_as_rdf_xml(client: httpx.Client, built: ServeSettings) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "application/rdf+xml"})
    assert response.headers["content-type"].startswith("application/rdf+xml")
    as_xml = rdflib.Graph().parse(data=response.content, format="xml")
    as_turtle = rdflib.Graph().parse(built.exports / "void.ttl", format="turtle")
    assert rdflib.compare.isomorphic(as_xml, as_turtle)


def test_a_page_rdf_xml_cannot_write_is_406(tmp_path: Path) -> None:
    """RDF/XML writes a predicate as an element name; `.../1` ends with none."""
    base = "https://w3id.org/unkg"
    doc = f"{base}/akn/un/doc/A-C.3-77-L.98"
    ntriples = f'<{doc}> <http://example.org/1> "x" .\n'.encode()
    stage_store(tmp_path / "store", [GraphData(f"{base}/graph/x", ntriples)], base=base).commit()
    settings = ServeSettings(store=tmp_path / "store", exports=tmp_path / "exports")
    app = Starlette(routes=pages.routes(settings))
    with serving(app) as url, httpx.Client(base_url=url) as http:
        path = "/doc" + doc.removeprefix(base)
        assert http.get(path, params={"format": "rdf"}).status_code == 406
        assert http.get(path, params={"format": "ttl"}).status_code == 200


def test_void_absent_is_404(tmp_path: Path, built: ServeSettings) -> None:
    settings = ServeSettings(store=built.store, exports=tmp_path)
    app = Starlette(routes=pages.routes(settings))
    with serving(app) as url, httpx.Client(base_url=url) as http:
        assert http.get("/.well-known/void").status_code == 404
        assert http.get("/download/unkg.ttl").status_code == 404


def test_a_symbol_with_a_hyphen_dereferences(tmp_path: Path) -> None:
    """`A/RES/ES-11/1` is minted `.../doc/A-RES-ES%2D11-1` (kg.ids): the 303 keeps the
    percent-encoding, and the page finds the document (and its language version)."""
    minter = IriMinter()
    work = minter.iri(DocumentId("A/RES/ES-11/1"))
    expression = minter.iri(ExpressionId(DocumentId("A/RES/ES-11/1"), "eng"))
    ntriples = (
        f'<{work}> <http://purl.org/dc/terms/identifier> "A/RES/ES-11/1" .\n'
        f"<{work}> <https://w3id.org/unkg/ontology#isRealizedBy> <{expression}> .\n"
        f'<{expression}> <http://purl.org/dc/terms/source> "A_RES_ES-11_1.en.txt" .\n'
    ).encode()
    graph = minter.iri(GraphId("A/RES/ES-11/1", "eng"))
    stage_store(tmp_path / "store", [GraphData(str(graph), ntriples)], base=minter.base).commit()
    settings = ServeSettings(store=tmp_path / "store", exports=tmp_path / "exports")
    app = Starlette(routes=pages.routes(settings))
    path = str(work).removeprefix(minter.base)
    assert path == "/akn/un/doc/A-RES-ES%2D11-1"
    with serving(app) as url, httpx.Client(base_url=url) as http:
        response = http.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/doc" + path
        page = http.get("/doc" + path)
        assert page.status_code == 200 and "A/RES/ES-11/1" in page.text
        assert http.get("/doc" + path + "/eng").status_code == 200


def test_everything_is_escaped(tmp_path: Path) -> None:
    base = "https://w3id.org/unkg"
    doc = f"{base}/akn/un/doc/A-C.3-77-L.99"
    evil = "<script>alert(1)</script>"
    ntriples = (
        f'<{doc}> <http://purl.org/dc/terms/title> "{evil}"@en .\n'
        f'<{doc}> <https://w3id.org/unkg/ontology#note> "a \\"quoted\\" & <b>bold</b>" .\n'
        f'<{doc}#para_1> <https://w3id.org/unkg/ontology#text> "{evil}" .\n'
        f"<{doc}> <https://w3id.org/unkg/ontology#see> <javascript:alert(1)> .\n"
    ).encode()
    staged = stage_store(tmp_path / "store", [GraphData(f"{base}/graph/evil", ntriples)], base=base)
    staged.commit()
    settings = ServeSettings(store=tmp_path / "store", exports=tmp_path / "exports")
    app = Starlette(routes=pages.routes(settings))
    with serving(app) as url, httpx.Client(base_url=url) as http:
        page = http.get("/doc" + doc.removeprefix(base)).text
        home = http.get("/").text
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert "<script" not in home


def test_every_minted_iri_dereferences(client: httpx.Client, built: ServeSettings) -> None:
    kinds = check_every_published_iri_dereferences(client, built)
    # The sample mints IRIs of all these kinds; each must dereference, not only /akn/.
    assert {"akn", "ontology", "graph", "dataset", "download", "sparql"} <= kinds
    # The ontology's lists are blank nodes again, not skolem IRIs (tests/test_links.py).
    assert ".well-known" not in kinds


def test_graph_and_dataset_pages_show_their_description(
    client: httpx.Client, built: ServeSettings
) -> None:
    sizes = {
        name: count
        for name, count in _graph_sizes(built).items()
        if name.startswith(built.iri_base() + "/graph/")
    }
    assert sizes
    for name, count in sizes.items():
        response = client.get(_path(name), headers={"Accept": "text/turtle"}, follow_redirects=True)
        assert response.status_code == 200
        triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
        void_triples = ox.NamedNode("http://rdfs.org/ns/void#triples")
        counts = [
            t.object.value
            for t in triples
            if t.subject.value == name and t.predicate == void_triples
        ]
        assert counts == [str(count)]
    dataset = client.get("/dataset", follow_redirects=True)
    assert dataset.status_code == 200
    assert "/download/unkg.nq" in dataset.text and "/sparql" in dataset.text


def _graph_sizes(built: ServeSettings) -> dict[str, int]:
    store = ox.Store.read_only(str(built.store))
    sizes: dict[str, int] = {}
    for quad in store.quads_for_pattern(None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode):
            sizes[quad.graph_name.value] = sizes.get(quad.graph_name.value, 0) + 1
    return sizes


def test_a_damaged_store_is_one_clear_error_before_serving(tmp_path: Path) -> None:
    damaged = tmp_path / "store"
    damaged.mkdir()
    (damaged / STORE_MARKER).write_text(STORE_FORMAT, encoding="utf-8")  # marker, no database
    with pytest.raises(StoreError, match="cannot open the store"):
        create_app(ServeSettings(store=damaged, exports=tmp_path))
    command = [sys.executable, "-m", "kg", "serve", "--store", str(damaged), "--port", "9"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 4  # the CLI's store error
    assert "cannot open the store" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_port_in_use_is_one_clear_error(built: ServeSettings) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [
            *(sys.executable, "-m", "kg", "serve", "--store", str(built.store)),
            *("--exports", str(built.exports), "--port", str(port)),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1  # not uvicorn's 3, which is our SHACL exit code
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
