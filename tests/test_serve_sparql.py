"""The SPARQL endpoint over real HTTP: formats, statuses, hardening and the W3C protocol tests."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pyoxigraph as ox
import pytest
import uvicorn
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node
from starlette.applications import Starlette

from kg.build import Settings
from kg.serve import ServeSettings, query_worker, sparql
from kg.serve.query_pool import WARM_WORKERS, QueryPool
from kg.store import open_store

TIMEOUT = 2.0
CAP = 50
ACCEPT_JSON = "application/sparql-results+json"
MAX_BYTES = 4000
CONCURRENT = 2
QUEUED = 1
CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# The cross product streams, so the result cap stops it at once; counting it must run to the end.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL_SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5"
SMALL_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
MANIFEST = Path(__file__).parent / "fixtures" / "w3c" / "protocol" / "manifest.ttl"


# --- the server and a canary ---------------------------------------------------------------


def _app(settings: ServeSettings) -> Starlette:
    # The endpoint alone (the pages are tested elsewhere).
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with sparql.lifespan(app, settings):
            yield

    return Starlette(routes=sparql.routes(settings), lifespan=lifespan)


@pytest.fixture(scope="module")
def served_store(sample_build: Settings) -> Path:
    return sample_build.store


@pytest.fixture(scope="module")
def client(served_store: Path) -> Iterator[httpx.Client]:
    settings = ServeSettings(
        store=served_store,
        exports=served_store.parent / "exports",
        query_timeout=TIMEOUT,
        result_cap=CAP,
        max_body_bytes=MAX_BYTES,
        max_concurrent_queries=CONCURRENT,
        max_queued_queries=QUEUED,
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            yield http
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
        assert not thread.is_alive()


@dataclass
class Canary:
    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            seen.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[{}]}}')

        do_GET = do_POST = _record  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Canary(f"http://127.0.0.1:{httpd.server_address[1]}", seen)
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(client: httpx.Client, query: str, **params: str) -> httpx.Response:
    return client.get("/sparql", params={"query": query, **params})


def _post(client: httpx.Client, query: str, accept: str = "*/*") -> httpx.Response:
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    return client.post("/sparql", content=query.encode(), headers=headers)


# --- protocol and formats ------------------------------------------------------------------


def test_the_default_graph_is_the_union_of_the_named_graphs(client: httpx.Client) -> None:
    response = _get(client, "ASK { ?s ?p ?o }")
    assert response.status_code == 200
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
def test_select_formats_by_parameter_and_by_accept(
    client: httpx.Client, fmt: str, media: str
) -> None:
    by_param = _get(client, SMALL_SELECT, format=fmt)
    by_accept = _post(client, SMALL_SELECT, accept=media)
    for response in (by_param, by_accept):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
        assert response.headers["vary"] == "Accept"
    assert by_param.content == by_accept.content
    if fmt == "csv":  # lossy: pyoxigraph does not read it back
        assert len(by_param.text.splitlines()) == 1 + 5
    else:
        parsed = ox.parse_query_results(by_param.content, format=_RESULTS[fmt])
        assert isinstance(parsed, ox.QuerySolutions)
        assert len(list(parsed)) == 5


_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}


@pytest.mark.parametrize(
    ("fmt", "media", "rdf_format"),
    [
        ("ttl", "text/turtle", ox.RdfFormat.TURTLE),
        ("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_construct_and_describe_formats(
    client: httpx.Client, fmt: str, media: str, rdf_format: ox.RdfFormat
) -> None:
    by_param = _get(client, SMALL_CONSTRUCT, format=fmt)
    by_accept = _post(client, SMALL_CONSTRUCT, accept=media)
    for response in (by_param, by_accept):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
    assert len(list(ox.parse(by_param.content, format=rdf_format))) == 5
    subject = next(ox.parse(by_param.content, format=rdf_format)).subject
    assert isinstance(subject, ox.NamedNode)
    described = _get(client, f"DESCRIBE <{subject.value}>", format=fmt)
    assert described.status_code == 200, described.text
    assert len(list(ox.parse(described.content, format=rdf_format))) >= 1


def test_ask_as_xml(client: httpx.Client) -> None:
    response = _post(client, "ASK { ?s ?p ?o }", accept="application/sparql-results+xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"  # type: ignore[union-attr]


def test_accept_q_values_choose_the_format(client: httpx.Client) -> None:
    accept = "text/csv;q=0.5, application/sparql-results+xml, text/turtle;q=0.1"
    assert (
        _post(client, SMALL_SELECT, accept)
        .headers["content-type"]
        .startswith("application/sparql-results+xml")
    )
    accept = "text/turtle;q=0.2, application/ld+json;q=0.9, */*;q=0.1"
    assert _post(client, SMALL_CONSTRUCT, accept).headers["content-type"] == "application/ld+json"
    # No Accept preference at all: JSON results, Turtle graphs.
    assert (
        _post(client, SMALL_SELECT)
        .headers["content-type"]
        .startswith("application/sparql-results+json")
    )
    assert _post(client, SMALL_CONSTRUCT).headers["content-type"].startswith("text/turtle")


def test_post_form(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": SMALL_SELECT}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.text.splitlines()[0] == "s,p,o"


@pytest.mark.parametrize(
    ("accept", "query"),
    [("image/png", SMALL_SELECT), ("text/turtle", SMALL_SELECT), ("text/csv", SMALL_CONSTRUCT)],
)
def test_unsupported_accept_is_406(client: httpx.Client, accept: str, query: str) -> None:
    response = _post(client, query, accept=accept)
    assert response.status_code == 406
    assert response.headers["vary"] == "Accept"


def test_unsupported_body_type_is_415(client: httpx.Client) -> None:
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_bad_query_is_400_with_the_parsers_message(client: httpx.Client) -> None:
    response = _get(client, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert response.text.startswith("invalid SPARQL:")
    assert "at 1:" in response.text  # Oxigraph's message, with line and column


def test_oversized_body_and_query_are_413(client: httpx.Client) -> None:
    long_query = "ASK {}" + " " * MAX_BYTES
    assert _post(client, long_query).status_code == 413
    assert _get(client, long_query).status_code == 413
    assert client.post("/sparql", data={"query": long_query}).status_code == 413


def test_service_description(client: httpx.Client) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    # The published IRI of the endpoint (under the base), not the host the request reached.
    endpoint = ox.NamedNode("https://w3id.org/unkg/sparql")
    graph = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    objects = {(t.predicate.value, t.object.value) for t in graph if t.subject == endpoint}
    assert (sd + "endpoint", endpoint.value) in objects
    assert (sd + "supportedLanguage", sd + "SPARQL11Query") in objects
    formats = {o for p, o in objects if p == sd + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/JSON-LD" in formats
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"] == "application/ld+json"
    assert len(list(ox.parse(as_jsonld.content, format=ox.RdfFormat.JSON_LD))) == len(graph)
    as_rdf_xml = client.get("/sparql", headers={"Accept": "application/rdf+xml"})
    assert as_rdf_xml.headers["content-type"] == "application/rdf+xml"
    assert len(Graph().parse(data=as_rdf_xml.content, format="xml")) == len(graph)


def test_service_description_names_every_named_graph(
    client: httpx.Client, served_store: Path
) -> None:
    with open_store(served_store) as store:
        expected = {graph.value for graph in store.named_graphs()}
    assert "https://w3id.org/unkg/graph/A-77-464/fra" in expected
    described = Graph().parse(data=client.get("/sparql").content, format="turtle")
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = URIRef("https://w3id.org/unkg/sparql")
    dataset = described.value(service, sd.defaultDataset)
    assert dataset is not None
    named = set(described.objects(dataset, sd.namedGraph))
    assert all((node, RDF.type, sd.NamedGraph) in described for node in named)
    assert {str(described.value(node, sd.name)) for node in named} == expected


def test_construct_as_rdf_xml(client: httpx.Client) -> None:
    query = (
        "PREFIX dcterms: <http://purl.org/dc/terms/> CONSTRUCT { ?d dcterms:identifier ?s } "
        'WHERE { ?d dcterms:identifier ?s FILTER (?s = "A/C.3/77/L.7/Rev.1") }'
    )
    for response in (
        _post(client, query, accept="application/rdf+xml"),
        _get(client, query, format="rdf"),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/rdf+xml"
        graph = Graph().parse(data=response.content, format="xml")
        assert set(graph.objects(None, URIRef("http://purl.org/dc/terms/identifier"))) == {
            Literal("A/C.3/77/L.7/Rev.1")
        }


def test_a_graph_rdf_xml_cannot_write_is_406_not_broken_xml(client: httpx.Client) -> None:
    """RDF/XML writes predicates as element names: `<http://example.org/1>` has none."""
    query = "CONSTRUCT { ?s <http://example.org/1> 1 } WHERE { ?s ?p ?o } LIMIT 1"
    response = _post(client, query, accept="application/rdf+xml")
    assert response.status_code == 406
    assert "http://example.org/1" in response.text
    assert _post(client, query, accept="text/turtle").status_code == 200


# --- hardening -----------------------------------------------------------------------------


def test_updates_are_refused_and_change_nothing(client: httpx.Client) -> None:
    before = _get(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    update = "DELETE WHERE { ?s ?p ?o }"
    as_query = _get(client, update)
    assert as_query.status_code == 400
    assert "read-only" in as_query.text
    as_param = client.post("/sparql", data={"update": update})
    assert as_param.status_code == 400
    assert "read-only" in as_param.text
    direct = client.post(
        "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert direct.status_code == 415
    assert "read-only" in direct.text
    assert _get(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json() == before


def test_service_from_and_dataset_parameters_fetch_nothing(
    client: httpx.Client, canary: Canary
) -> None:
    target = canary.url
    requests = [
        _get(client, f"SELECT * WHERE {{ SERVICE <{target}/> {{ ?s ?p ?o }} }}"),
        _post(client, f"ASK {{ OPTIONAL {{ SERVICE SILENT <{target}/> {{ ?s ?p ?o }} }} }}"),
        _get(
            client, f"SELECT * WHERE {{ {{ SELECT * {{ SERVICE <{target}/q> {{ ?s ?p ?o }} }} }} }}"
        ),
        _get(client, f"SELECT * FROM <{target}/x> WHERE {{ ?s ?p ?o }}"),
        _get(client, f"SELECT * FROM NAMED <{target}/x> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
        _get(client, "ASK {}", **{"default-graph-uri": f"{target}/x"}),
        _get(client, "ASK {}", **{"named-graph-uri": f"{target}/x"}),
    ]
    for response in requests:
        assert response.status_code == 400, response.text
    assert "SERVICE is not supported" in requests[0].text
    assert "FROM and FROM NAMED are not supported" in requests[3].text
    # The canary itself answers (so it could have been reached), but it was asked nothing.
    assert httpx.get(f"{target}/probe").status_code == 200
    assert canary.requests == ["GET /probe"]


def test_runaway_query_is_stopped_and_the_next_answers_at_once(client: httpx.Client) -> None:
    started = time.monotonic()
    response = _get(client, RUNAWAY)
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert "limit of 2 s" in response.text
    assert TIMEOUT <= elapsed < TIMEOUT + 2
    started = time.monotonic()
    assert _get(client, "ASK { ?s ?p ?o }").status_code == 200
    assert time.monotonic() - started < 1.0
    started = time.monotonic()
    assert _get(client, CROSS_PRODUCT).status_code == 413  # the cap, long before the timeout
    assert time.monotonic() - started < 1.0


def test_result_cap_is_an_explicit_error(client: httpx.Client) -> None:
    rows = _get(client, "SELECT * WHERE { ?s ?p ?o }")
    assert rows.status_code == 413
    assert f"more than {CAP} rows" in rows.text
    assert "LIMIT" in rows.text and "OFFSET" in rows.text
    triples = _get(client, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert triples.status_code == 413
    assert f"more than {CAP} triples" in triples.text
    at_cap = _get(client, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {CAP}")
    assert at_cap.status_code == 200
    assert len(at_cap.json()["results"]["bindings"]) == CAP


def test_busy_queries_wait_in_a_bounded_queue_then_503_with_retry_after(
    client: httpx.Client,
) -> None:
    statuses: dict[str, list[int]] = {"runaway": [], "queued": []}

    def send(kind: str, query: str) -> None:
        statuses[kind].append(_get(client, query).status_code)

    runaways = [threading.Thread(target=send, args=("runaway", RUNAWAY)) for _ in range(CONCURRENT)]
    for thread in runaways:
        thread.start()
    time.sleep(1.0)  # both slots busy until the runaways are stopped at TIMEOUT
    queued = threading.Thread(target=send, args=("queued", "ASK {}"))
    queued.start()
    time.sleep(0.3)
    refused = _get(client, "ASK {}")  # the queue (QUEUED places) is full
    for thread in [*runaways, queued]:
        thread.join()
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "2"
    assert "are waiting" in refused.text
    assert statuses == {"runaway": [504] * CONCURRENT, "queued": [200]}
    # The killed workers are replaced: queries answer again, several at once.
    with ThreadPoolExecutor(CONCURRENT) as pool:
        codes = list(pool.map(lambda _: _get(client, "ASK {}").status_code, range(4)))
    assert codes == [200] * 4


def test_results_are_what_oxigraph_serialises_in_every_format(
    client: httpx.Client, served_store: Path
) -> None:
    # One evaluation, streamed as TSV and re-encoded: it must equal Oxigraph's own
    # serialisation, language tags, datatypes, blank nodes and unbound variables included.
    query = """SELECT ?s ?label ?n ?nothing ?b WHERE {
      ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label .
      BIND(STRLEN(?label) AS ?n) BIND(BNODE("x") AS ?b)
      OPTIONAL { ?s <http://example.org/none> ?nothing }
    } ORDER BY ?s ?label LIMIT 40"""
    names = {media: name for name, media in sparql.FORMAT_PARAM.items()}
    with open_store(served_store) as store:
        for media, result_format in query_worker.RESULT_TYPES.items():
            response = _get(client, query, format=names[media])
            assert response.status_code == 200, response.text
            solutions = store.query(query, use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions)
            expected = solutions.serialize(format=result_format)
            if result_format == ox.QueryResultsFormat.JSON:  # blank node labels differ per run
                got, want = response.json(), json.loads(expected or b"")
                for row in [*got["results"]["bindings"], *want["results"]["bindings"]]:
                    assert row.pop("b")["type"] == "bnode"
                assert got == want
                assert len(got["results"]["bindings"]) == 40
            else:
                assert response.content.count(b"\n") == (expected or b"").count(b"\n")
                assert response.content.split(b"_:")[0] == (expected or b"").split(b"_:")[0]


def test_tsv_hop_is_lossless() -> None:
    store = ox.Store()
    subject = ox.NamedNode("http://example.org/s")
    for value in (
        ox.Literal('tab\tquote"newline\nbackslash\\', language="fr"),
        ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("  spaces  "),
        ox.BlankNode("b1"),
    ):
        store.add(ox.Quad(subject, ox.NamedNode("http://example.org/p"), value))
    query = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?unbound } } ORDER BY ?o"
    for result_format in query_worker.RESULT_TYPES.values():
        direct = store.query(query)
        assert isinstance(direct, ox.QuerySolutions)
        job = query_worker.Job(query, "http://example.org/", "text/tab-separated-values", None)
        status, _, tsv = query_worker.answer(store, job, cap=10)
        assert status == 200
        hop = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        assert hop.serialize(format=result_format) == direct.serialize(format=result_format)


# --- the W3C SPARQL 1.1 protocol tests -----------------------------------------------------

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

# Entries whose dataset parameters name data0.rdf, which the manifest loads nothing into: they
# are replayed as written (refused) and once more without those parameters (must pass as W3C says).
PLACEHOLDER_DATASET = "http://kasei.us/2009/09/sparql/data/data0.rdf"
# Expected deviations from the manifest, by design; the request must get a 4xx instead.
REFUSED = {
    "query_dataset_default_graphs_get": "protocol-specified dataset: we never fetch",
    "query_dataset_default_graphs_post": "protocol-specified dataset: we never fetch",
    "query_dataset_named_graphs_post": "protocol-specified dataset: we never fetch",
    "query_dataset_named_graphs_get": "protocol-specified dataset: we never fetch",
    "query_dataset_full": "protocol-specified dataset: we never fetch",
    "query_multiple_dataset": "FROM and protocol-specified dataset: we never fetch",
    "update_dataset_default_graph": "read-only endpoint",
    "update_dataset_default_graphs": "read-only endpoint",
    "update_dataset_named_graphs": "read-only endpoint",
    "update_dataset_full": "read-only endpoint",
    "update_post_form": "read-only endpoint",
    "update_post_direct": "read-only endpoint",
    "update_base_uri": "read-only endpoint",
}
# Not replayed: the follow-up ASK requests of the update tests check the effect of an update we
# refuse; and the dataset tests' data (data1-3.nt) is not loaded, since its requests are refused.


@dataclass(frozen=True)
class ProtocolCase:
    name: str
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]
    statuses: frozenset[str]  # "2xx", "4xx", ...
    boolean: bool | None
    result_format: str | None


def _value(graph: Graph, node: Node | None, predicate: URIRef) -> Node | None:
    return graph.value(node, predicate)


def _protocol_cases() -> list[ProtocolCase]:
    graph = Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    cases = []
    for entry in Collection(graph, _value(graph, manifest, MF.entries)):  # type: ignore[arg-type]
        name = str(entry).rsplit("#", 1)[1]
        action = _value(graph, entry, MF.action)
        first = next(iter(Collection(graph, _value(graph, action, HT.requests))))  # type: ignore[arg-type]
        response = _value(graph, first, HT.resp)
        body = _value(graph, first, HT.body)
        data = None
        if body is not None:
            encoding = str(_value(graph, body, CNT.characterEncoding))
            data = str(_value(graph, body, CNT.chars)).encode(encoding)
        headers = {}
        header_list = _value(graph, first, HT.headers)
        if header_list is not None:
            for header in Collection(graph, header_list):
                key = str(_value(graph, header, HT.fieldName))
                headers[key] = str(_value(graph, header, HT.fieldValue))
        statuses = frozenset(
            str(s).removeprefix(HTS) for s in graph.objects(response, MF.expectedStatus)
        )
        boolean = _value(graph, response, MF.expectedBoolean)
        result_format = _value(graph, response, MF.expectedFormat)
        path = str(_value(graph, first, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
        case = ProtocolCase(
            name,
            str(_value(graph, first, HT.methodName)),
            path,
            data,
            headers,
            statuses,
            boolean.toPython() if isinstance(boolean, Literal) else None,
            None if result_format is None else str(result_format),
        )
        if name in REFUSED:
            cases.append(
                ProtocolCase(name, case.method, path, data, headers, frozenset({"4xx"}), None, None)
            )
            continue
        cases.append(case)
        url = urlsplit(path)
        params = parse_qsl(url.query)
        kept = [(k, v) for k, v in params if v != PLACEHOLDER_DATASET]
        if kept != params:
            cases[-1] = ProtocolCase(
                name, case.method, path, data, headers, frozenset({"4xx"}), None, None
            )
            stripped = url.path + ("?" + urlencode(kept) if kept else "")
            cases.append(
                ProtocolCase(
                    f"{name}-without-dataset",
                    case.method,
                    stripped,
                    data,
                    headers,
                    statuses,
                    case.boolean,
                    case.result_format,
                )
            )
    return cases


_FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": set(query_worker.RESULT_TYPES),
    "RDF": set(query_worker.GRAPH_TYPES),
}


@pytest.mark.parametrize("case", _protocol_cases(), ids=lambda case: case.name)
def test_w3c_protocol(client: httpx.Client, case: ProtocolCase) -> None:
    response = client.request(case.method, case.path, content=case.body, headers=case.headers)
    assert f"{response.status_code // 100}xx" in case.statuses, response.text
    media = response.headers.get("content-type", "").split(";")[0]
    if case.result_format is not None:
        assert media in _FORMATS[case.result_format]
    if case.boolean is not None:
        if media == "application/sparql-results+json":
            assert json.loads(response.content)["boolean"] is case.boolean
        else:
            root = ET.fromstring(response.content)
            value = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
            assert value is not None and value.text == str(case.boolean).lower()


def test_w3c_manifest_is_fully_replayed() -> None:
    names = {case.name.removesuffix("-without-dataset") for case in _protocol_cases()}
    assert len(names) == 34


def test_remembered_inspection_refuses_again_and_stays_bounded() -> None:
    verdicts: dict[str, query_worker.RefusalError | None] = {}
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(query_worker.RefusalError):
            query_worker.inspect_remembered(service, verdicts)
    query_worker.inspect_remembered("ASK {}", verdicts)
    for number in range(query_worker.VERDICTS_KEPT + 10):
        query_worker.inspect_remembered(f"SELECT * WHERE {{ ?s ?p {number} }}", verdicts)
    assert len(verdicts) == query_worker.VERDICTS_KEPT


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "select * where { sErViCe <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVI\\u0043E <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * FRO\\u004D <http://127.0.0.1:9/> WHERE { ?s ?p ?o }",
        "SELECT * From Named <http://127.0.0.1:9/> WHERE { ?s ?p ?o }",
    ],
)
def test_service_and_from_in_any_spelling_are_inspected_and_refused(query: str) -> None:
    assert query_worker.needs_inspection(query)
    with pytest.raises(query_worker.RefusalError):
        query_worker.inspect_query(query)


def _spellings(keyword: str) -> st.SearchStrategy[str]:
    """The keyword in any case, any of its letters possibly written as a \\u or \\U escape."""

    def letter(char: str) -> st.SearchStrategy[str]:
        return st.sampled_from(
            [char.upper(), char.lower(), f"\\u{ord(char.upper()):04X}", f"\\U{ord(char):08x}"]
        )

    return st.tuples(*(letter(char) for char in keyword)).map("".join)


@given(
    st.one_of(
        _spellings("SERVICE").map(
            lambda kw: f"SELECT * WHERE {{ {kw} <http://x/> {{ ?s ?p ?o }}}}"
        ),
        _spellings("FROM").map(lambda kw: f"SELECT * {kw} <http://x/> WHERE {{ ?s ?p ?o }}"),
    )
)
def test_every_spelling_of_service_and_from_is_inspected(query: str) -> None:
    # Skipping rdflib is sound only if no spelling of the keywords escapes the inspection.
    assert query_worker.needs_inspection(query)
    with pytest.raises(query_worker.RefusalError):
        query_worker.inspect_remembered(query, {})


@pytest.mark.parametrize("opening", ["{", "(", "["])
def test_deeply_nested_queries_are_refused_and_workers_survive(
    client: httpx.Client, opening: str
) -> None:
    closing = {"{": "}", "(": ")", "[": "]"}[opening]
    levels = query_worker.MAX_NESTING + 1
    bodies = {
        "{": "SELECT * WHERE " + "{" * levels + " ?s ?p ?o " + "}" * levels,
        "(": "SELECT * WHERE { ?s ?p ?o FILTER" + "(" * levels + "true" + ")" * levels + " }",
        "[": "SELECT * WHERE { ?s ?p " + "[ ?p " * levels + "?o" + " ]" * levels + " }",
    }
    query = bodies[opening]
    assert query.count(opening) >= levels and query.count(closing) >= levels
    # Thousands of levels once overflowed the parser's stack and killed the worker.
    deep = "SELECT * FROM <x:y> WHERE " + "{" * 1500 + "?s ?p ?o" + "}" * 1500  # < MAX_BYTES
    for text in (query, deep):
        refused = _post(client, text)
        assert refused.status_code == 400
        assert "nested" in refused.text
    at_limit = (
        "SELECT * WHERE "
        + "{" * query_worker.MAX_NESTING
        + "?s ?p ?o"
        + "}" * (query_worker.MAX_NESTING)
    )
    assert query_worker.nesting_depth(at_limit) == query_worker.MAX_NESTING
    assert _post(client, at_limit + " LIMIT 1").status_code == 200
    assert _get(client, "ASK {}").status_code == 200


def test_the_pool_starts_small_and_grows_on_demand_up_to_its_size(served_store: Path) -> None:
    size = WARM_WORKERS + 2
    job = query_worker.Job(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "http://example.org/", ACCEPT_JSON, None
    )

    async def scenario() -> list[int]:
        pool = QueryPool(served_store, cap=CAP, size=size)
        await pool.start()
        try:
            assert pool.planned == WARM_WORKERS  # an idle server keeps few processes
            replies = await asyncio.gather(*(pool.run(job, 30) for _ in range(size + 3)))
            assert pool.planned == size  # grew for the burst, never past its size
            return [status for status, _, _ in replies]
        finally:
            await asyncio.to_thread(pool.close)

    assert asyncio.run(scenario()) == [200] * (size + 3)
