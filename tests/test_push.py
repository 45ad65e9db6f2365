"""`kg push` against a real Oxigraph server process (the `oxigraph` wheel of the dev extra)."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kg import push as gsp
from kg.build import Settings
from kg.cli import app
from kg.store import graph_sizes, open_store

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@dataclass(frozen=True)
class Server:
    base: str
    store: Path  # our store, built from the bundled sample
    sizes: dict[str, int]  # its triples per named graph

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sample_build: Settings) -> Iterator[Server]:
    binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    tmp = tmp_path_factory.mktemp("push")
    with open_store(sample_build.store) as store:
        sizes = graph_sizes(store)
    port = _free_port()
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(tmp / "oxi"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                if httpx.get(f"{base}/query", params={"query": "ASK {}"}).is_success:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.1)
        yield Server(base, sample_build.store, sizes)
    finally:
        process.kill()
        process.wait(timeout=10)


def _server_counts(server: Server) -> dict[str, int]:
    """Triples per named graph as the server counts them, asked independently of kg.push."""
    response = httpx.post(
        f"{server.base}/query",
        data={"query": "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
        headers={"Accept": "application/sparql-results+json"},
    )
    response.raise_for_status()
    rows = response.json()["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _default_count(server: Server) -> int:
    response = httpx.post(
        f"{server.base}/query",
        data={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _distinct_triples(server: Server) -> int:
    with open_store(server.store) as store:
        return len({quad.triple for quad in store})


def test_push_graph_per_document_matches_our_counts(server: Server) -> None:
    messages: list[str] = []
    settings = gsp.PushSettings(store_url=server.store_url, graph_per_document=True)
    result = gsp.push(server.store, settings, progress=messages.append)
    assert _server_counts(server) == server.sizes
    assert result.graphs == len(server.sizes)
    assert result.triples == sum(server.sizes.values())
    assert result.counts == server.sizes
    assert len(messages) == len(server.sizes)


def test_second_push_replaces(server: Server) -> None:
    settings = gsp.PushSettings(store_url=server.store_url, graph_per_document=True)
    gsp.push(server.store, settings)
    gsp.push(server.store, settings)
    assert _server_counts(server) == server.sizes


def test_small_batches_give_the_same_counts(server: Server) -> None:
    settings = gsp.PushSettings(
        store_url=server.store_url, graph_per_document=True, batch_triples=2000
    )
    result = gsp.push(server.store, settings)
    assert result.requests > len(server.sizes)
    assert _server_counts(server) == server.sizes


def test_push_to_the_default_graph(server: Server) -> None:
    expected = _distinct_triples(server)
    settings = gsp.PushSettings(store_url=server.store_url, batch_triples=5000)
    result = gsp.push(server.store, settings)
    assert result.graphs == 1
    assert result.counts == {None: expected}
    assert _default_count(server) == expected
    # Pushed again, the default graph is replaced, not doubled.
    gsp.push(server.store, gsp.PushSettings(store_url=server.store_url))
    assert _default_count(server) == expected


def test_cli_push_prints_a_summary(server: Server) -> None:
    arguments = ["push", "--store-url", server.store_url, "--graph-per-document"]
    result = CliRunner().invoke(app, [*arguments, "--store", str(server.store)])
    assert result.exit_code == 0, result.output
    assert f"{len(server.sizes)} graph(s), {sum(server.sizes.values())} triples" in result.stdout
    assert _server_counts(server) == server.sizes


def test_unreachable_server_is_a_clear_error(server: Server) -> None:
    settings = gsp.PushSettings(
        store_url=f"http://127.0.0.1:{_free_port()}/store", retries=1, backoff=0.01
    )
    started = time.monotonic()
    with pytest.raises(gsp.StoreUnreachableError, match="cannot reach the triple store at"):
        gsp.push(server.store, settings)
    assert time.monotonic() - started < 5


class _Unauthorized(http.server.BaseHTTPRequestHandler):
    def _refuse(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b"authentication required"
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = do_GET = _refuse  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def unauthorized() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/store"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_401_is_a_clear_error(server: Server, unauthorized: str, scheme: str) -> None:
    settings = gsp.PushSettings(
        store_url=unauthorized, user="kg", password="wrong", auth_scheme=scheme
    )
    with pytest.raises(gsp.AuthenticationError, match=r"refused PUT .*HTTP 401"):
        gsp.push(server.store, settings)


def test_cli_reads_the_password_from_the_environment(
    server: Server, unauthorized: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_TEST_PASSWORD", raising=False)
    arguments = ["push", "--store-url", unauthorized, "--store", str(server.store)]
    auth = ["--user", "kg", "--password-env", "KG_TEST_PASSWORD"]
    missing = CliRunner().invoke(app, [*arguments, *auth])
    assert "KG_TEST_PASSWORD" in str(missing.exception)
    monkeypatch.setenv("KG_TEST_PASSWORD", "secret")
    refused = CliRunner().invoke(app, [*arguments, *auth])
    assert isinstance(refused.exception, gsp.AuthenticationError)


@pytest.mark.parametrize(
    ("store_url", "query_url"),
    [
        ("http://localhost:7878/store", "http://localhost:7878/query"),
        ("http://localhost:3030/ds/data", "http://localhost:3030/ds/query"),
        ("http://localhost:8890/sparql-graph-crud-auth", "http://localhost:8890/sparql"),
        (
            "http://localhost:7200/repositories/un/rdf-graphs/service",
            "http://localhost:7200/repositories/un",
        ),
    ],
)
def test_query_url_is_derived(store_url: str, query_url: str) -> None:
    assert gsp.derive_query_url(store_url) == query_url


def test_unknown_endpoint_needs_a_query_url() -> None:
    with pytest.raises(gsp.PushError, match="--query-url"):
        gsp.derive_query_url("http://example.org/gsp")


def _fake_store(
    server: Server, first_answers: list[int], counts: dict[str, int]
) -> tuple[httpx.MockTransport, list[str]]:
    """A scripted Graph Store: the first requests get `first_answers`, then 204; counts fixed."""
    seen: list[str] = []
    answers = list(first_answers)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        if request.url.path == "/query":
            rows = [{"g": {"value": g}, "n": {"value": str(n)}} for g, n in counts.items()]
            return httpx.Response(200, json={"results": {"bindings": rows}})
        status = answers.pop(0) if answers else 204
        return httpx.Response(status, text="Bad N-Triples at line 3" if status == 400 else "")

    return httpx.MockTransport(handle), seen


def test_5xx_and_429_are_retried(server: Server) -> None:
    transport, seen = _fake_store(server, [503, 429], server.sizes)
    waits: list[float] = []
    settings = gsp.PushSettings(store_url="http://gsp.test/store", graph_per_document=True)
    gsp.push(server.store, settings, transport, sleep=waits.append)
    assert len(waits) == 2
    assert seen.count("PUT") == len(server.sizes) + 2


def test_4xx_carries_the_server_message(server: Server) -> None:
    transport, seen = _fake_store(server, [400], server.sizes)
    settings = gsp.PushSettings(store_url="http://gsp.test/store", graph_per_document=True)
    with pytest.raises(gsp.PushError, match=r"HTTP 400 Bad Request: Bad N-Triples at line 3"):
        gsp.push(server.store, settings, transport, sleep=lambda _: None)
    assert seen == ["PUT"]


def test_count_mismatch_is_an_error(server: Server) -> None:
    wrong = {**server.sizes, next(iter(server.sizes)): 1}
    transport, _ = _fake_store(server, [], wrong)
    settings = gsp.PushSettings(store_url="http://gsp.test/store", graph_per_document=True)
    with pytest.raises(gsp.VerificationError, match=r"has 1 \(sent \d+\)"):
        gsp.push(server.store, settings, transport)
