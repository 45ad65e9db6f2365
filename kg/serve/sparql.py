"""The SPARQL 1.1 Protocol endpoint at `/sparql`: read-only, sandboxed and time-limited.

This module speaks HTTP: it reads the protocol's parameters and bodies, negotiates the format and
hands a `Job` to a pool of worker processes (`kg.serve.query_pool`) that check, evaluate and
serialise it with Oxigraph (`kg.serve.query_worker`).

At most `max_concurrent_queries` queries run at once; up to `max_queued_queries` more wait for a
slot, in arrival order, for at most `query_timeout` seconds. Beyond that, or after that wait, the
answer is 503 with Retry-After: a bounded queue absorbs bursts without letting a flood of
requests pile up unbounded memory and latency.

Status codes: 400 bad or refused query, 406 no acceptable format, 413 request or result too
large, 415 unsupported body type, 503 busy (with Retry-After), 504 timeout.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kg.serve import rdfxml
from kg.serve.negotiation import best_offer, parse_accept
from kg.serve.query_pool import QueryPool
from kg.serve.query_worker import GRAPH_TYPES, READ_ONLY, RESULT_TYPES, Job, graph_bytes
from kg.serve.settings import ServeSettings
from kg.store import named_graphs, open_store

# Common synonyms clients send, mapped to what they mean here.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
# The `format` parameter, for links and clients that cannot set Accept.
FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": rdfxml.MEDIA_TYPE,
}
# Parameters of SPARQL Update or of a protocol-specified dataset: refused, since we never fetch.
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SD_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)

# --- content negotiation -------------------------------------------------------------------


def choose(ranges: list[tuple[str, float]], offered: Iterable[str]) -> str | None:
    """The offered type with the highest q (the most specific matching range sets it)."""
    return best_offer(ranges, ((media, (media,)) for media in offered))


# --- the endpoint's state -----------------------------------------------------------------


class Endpoint:
    """The per-application state: the pool, the slots of running queries, the waiting count."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        # The published IRI of the endpoint, whatever host a request reached it by.
        self.iri = settings.iri_base() + "/sparql"
        with open_store(settings.store) as store:
            self.graphs = named_graphs(store)  # the store is read-only: listed once
        # One spare worker, so a slot finds a worker while a killed one is being replaced.
        self.pool = QueryPool(
            settings.store, settings.result_cap, settings.max_concurrent_queries + 1
        )
        self.slots = asyncio.Semaphore(settings.max_concurrent_queries)
        self.waiting = 0


@asynccontextmanager
async def lifespan(app: Starlette, settings: ServeSettings) -> AsyncIterator[None]:
    """Start the worker pool (one spare beyond the concurrency limit); stop it at shutdown."""
    endpoint = Endpoint(settings)
    await endpoint.pool.start()
    app.state.sparql_endpoint = endpoint
    try:
        yield
    finally:
        await asyncio.to_thread(endpoint.pool.close)


# --- HTTP ----------------------------------------------------------------------------------


def routes(settings: ServeSettings) -> list[BaseRoute]:
    async def sparql(request: Request) -> Response:
        return await handle(request, settings)

    return [Route("/sparql", sparql, methods=["GET", "POST"], name="sparql")]


def _respond(
    status: int, media: str, body: bytes, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        body, status_code=status, media_type=media, headers={"Vary": "Accept", **(headers or {})}
    )


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return _respond(status, "text/plain; charset=utf-8", message.encode("utf-8"), headers)


class BodyTooLargeError(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLargeError
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    media, *params = header.split(";")
    options = {}
    for param in params:
        name, _, value = param.partition("=")
        options[name.strip().lower()] = value.strip().strip('"').lower()
    return media.strip().lower(), options


async def handle(request: Request, settings: ServeSettings) -> Response:
    limit = settings.max_body_bytes
    too_large = f"the request is larger than this endpoint's limit of {limit} bytes"
    if len(request.url.query.encode("utf-8")) > limit:
        return _error(413, too_large)
    params: list[tuple[str, str]] = list(request.query_params.multi_items())
    queries: list[str] = []
    if request.method == "POST":
        media, options = _media_type(request.headers.get("content-type", ""))
        if media == "application/sparql-update":
            return _error(415, READ_ONLY)
        if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            return _error(
                415,
                "send the query as application/x-www-form-urlencoded (query=...) or as "
                f"application/sparql-query, not {media or 'a body without a Content-Type'}",
            )
        if options.get("charset", "utf-8") != "utf-8":
            return _error(415, "the request body must be UTF-8")
        try:
            body = (await _read_body(request, limit)).decode("utf-8")
        except BodyTooLargeError:
            return _error(413, too_large)
        except UnicodeDecodeError:
            return _error(400, "the request body is not valid UTF-8")
        if media == "application/sparql-query":
            queries.append(body)
        else:
            params += parse_qsl(body, keep_blank_values=True)
    names = {name for name, _ in params}
    if names & set(UPDATE_PARAMS):
        return _error(400, READ_ONLY)
    if names & set(DATASET_PARAMS):
        return _error(
            400,
            "default-graph-uri and named-graph-uri are not supported: this endpoint fetches "
            "nothing; its default graph is the union of all named graphs (use GRAPH <name>)",
        )
    queries += [value for name, value in params if name == "query"]
    fmt = next((value for name, value in params if name == "format"), None)
    if fmt is not None and fmt not in FORMAT_PARAM:
        return _error(400, f"unknown format {fmt!r}; expected one of {', '.join(FORMAT_PARAM)}")
    ranges = (
        [(FORMAT_PARAM[fmt], 1.0)]
        if fmt
        else parse_accept(request.headers.get("accept", "*/*"), ALIASES)
    )
    endpoint: Endpoint = request.app.state.sparql_endpoint
    if not queries:
        if request.method == "GET":
            return service_description(endpoint, ranges)
        return _error(400, "no query: send one in the query parameter or as the body")
    if len(queries) > 1:
        return _error(400, "send exactly one query per request")
    if len(queries[0].encode("utf-8")) > limit:
        return _error(413, too_large)
    result_type, graph_type = choose(ranges, RESULT_TYPES), choose(ranges, GRAPH_TYPES)
    if result_type is None and graph_type is None:
        return _error(406, f"acceptable formats: {', '.join([*RESULT_TYPES, *GRAPH_TYPES])}")
    # Relative IRIs in a query resolve against the published endpoint IRI, under the base.
    return await _run(endpoint, Job(queries[0], endpoint.iri, result_type, graph_type))


async def _run(endpoint: Endpoint, job: Job) -> Response:
    settings = endpoint.settings
    retry = {"Retry-After": str(max(1, math.ceil(settings.query_timeout)))}
    if endpoint.slots.locked() and endpoint.waiting >= settings.max_queued_queries:
        return _error(
            503,
            f"{settings.max_concurrent_queries} queries are running and "
            f"{settings.max_queued_queries} are waiting; retry in {retry['Retry-After']} s",
            retry,
        )
    endpoint.waiting += 1
    try:
        await asyncio.wait_for(endpoint.slots.acquire(), timeout=settings.query_timeout)
    except TimeoutError:
        return _error(
            503,
            f"no query slot became free within {settings.query_timeout:g} s; "
            f"retry in {retry['Retry-After']} s",
            retry,
        )
    finally:
        endpoint.waiting -= 1
    try:
        status, media, body = await endpoint.pool.run(job, settings.query_timeout)
    finally:
        endpoint.slots.release()
    return _respond(status, media, body)


def service_description(endpoint: Endpoint, ranges: list[tuple[str, float]]) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint (Turtle unless asked otherwise),
    naming it by its published IRI and listing the named graphs of the store; a browser that
    prefers HTML is sent to the query editor."""
    media = choose(ranges, [*GRAPH_TYPES, "text/html"])
    if media == "text/html":
        return Response(status_code=303, headers={"Location": "/query", "Vary": "Accept"})
    if media is None:
        return _error(406, f"the service description is available as {', '.join(GRAPH_TYPES)}")
    service = ox.NamedNode(endpoint.iri)
    dataset, default_graph = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples: list[ox.Triple] = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in SD_FORMATS),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    for index, name in enumerate(endpoint.graphs):
        named = ox.BlankNode(f"namedGraph{index}")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(name)),
        ]
    data = graph_bytes(triples, media, {"sd": SD, "formats": FORMATS})
    return _respond(200, media, data)
