"""The SPARQL 1.1 Protocol endpoint at `/sparql`: read-only, sandboxed and time-limited.

Queries run in a small pool of worker processes, each holding the store open read-only, so a
query that runs past `ServeSettings.query_timeout` can be stopped by killing its worker (Python
threads cannot be cancelled); a fresh worker replaces it while spare workers keep answering.

Each worker first parses the query with rdflib's SPARQL parser and inspects the algebra: SERVICE
and FROM / FROM NAMED are refused (nothing is ever fetched), and so is SPARQL Update. The query is
then evaluated by Oxigraph over the union of the named graphs, and its results are serialised by
Oxigraph. More than `result_cap` rows or triples is an explicit error, never a truncated answer.

Status codes: 400 bad or refused query, 406 no acceptable format, 413 request or result too
large, 415 unsupported body type, 503 too many queries at once (with Retry-After), 504 timeout.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import queue
import threading
import time
from collections.abc import AsyncIterator, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kg.serve.negotiation import best_offer, parse_accept
from kg.serve.settings import ServeSettings
from kg.store import open_store

# Media types we produce, our preferred (default) one first.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
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
)

READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
WORKER_START_TIMEOUT = 60.0  # seconds for a new worker to import and open the store

# A worker's answer: HTTP status, media type, body.
Reply = tuple[int, str, bytes]


@dataclass(frozen=True)
class Job:
    """What a worker needs to answer one query; media types are None when not acceptable."""

    query: str
    base_iri: str
    result_type: str | None
    graph_type: str | None


def _text(status: int, message: str) -> Reply:
    return status, "text/plain; charset=utf-8", message.encode("utf-8")


# --- content negotiation -------------------------------------------------------------------


def choose(ranges: list[tuple[str, float]], offered: Iterable[str]) -> str | None:
    """The offered type with the highest q (the most specific matching range sets it)."""
    return best_offer(ranges, ((media, (media,)) for media in offered))


# --- the worker process --------------------------------------------------------------------


class RefusalError(Exception):
    """A query that is not run: its HTTP status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def inspect_query(query: str) -> str:
    """Parse with rdflib and refuse what must not run; returns the query form's algebra name."""
    try:
        parsed = parseQuery(query)
    except ParseException as error:
        with suppress(ParseException):
            parseUpdate(query)
            raise RefusalError(400, READ_ONLY) from None
        raise RefusalError(400, f"invalid SPARQL: {error}") from None
    try:
        algebra = translateQuery(parsed).algebra
    except Exception as error:  # rdflib raises plain Exceptions for semantic errors
        raise RefusalError(400, f"invalid SPARQL: {error}") from None
    if algebra.get("datasetClause"):
        raise RefusalError(
            400,
            "FROM and FROM NAMED are not supported: this endpoint fetches nothing and queries "
            "its own store, whose default graph is the union of all named graphs "
            "(use GRAPH <name> { ... } to address one graph)",
        )
    if _has_service(algebra):
        raise RefusalError(400, "SERVICE is not supported: this endpoint queries no other endpoint")
    return str(algebra.name)


def _has_service(node: object) -> bool:
    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(value) for value in node.values())
    if isinstance(node, list | tuple | set | ParseResults):
        return any(_has_service(value) for value in node)
    return False


VERDICTS_KEPT = 512  # query texts whose inspection a worker remembers


def inspect_remembered(query: str, verdicts: dict[str, str | RefusalError]) -> str:
    """`inspect_query`, remembered per query text: rdflib's parse and translation cost more
    than Oxigraph's evaluation of most queries, and clients repeat the same texts."""
    verdict = verdicts.get(query)
    if verdict is None:
        try:
            verdict = inspect_query(query)
        except RefusalError as refusal:
            verdict = refusal
        if len(verdicts) >= VERDICTS_KEPT:
            verdicts.pop(next(iter(verdicts)))
        verdicts[query] = verdict
    if isinstance(verdict, RefusalError):
        raise verdict
    return verdict


def answer(
    store: ox.Store, job: Job, cap: int, verdicts: dict[str, str | RefusalError] | None = None
) -> Reply:
    """Inspect, run and serialise one query (in a worker process)."""
    try:
        form = inspect_remembered(job.query, verdicts if verdicts is not None else {})
    except RefusalError as refusal:
        return _text(refusal.status, refusal.message)
    graph = form in ("ConstructQuery", "DescribeQuery")
    media = job.graph_type if graph else job.result_type
    if media is None:
        offered = GRAPH_TYPES if graph else RESULT_TYPES
        return _text(406, f"a {form} result can be sent as one of: {', '.join(offered)}")

    def run() -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        return store.query(job.query, base_iri=job.base_iri, use_default_graph_as_union=True)

    too_many = (
        f"the result has more than {cap} {{what}}, this endpoint's cap; nothing was truncated: "
        f"ask for it in pages with ORDER BY and LIMIT {cap} OFFSET 0, then OFFSET {cap}, ..."
    )
    try:
        result = run()
        if isinstance(result, ox.QueryTriples):
            triples = list(islice(result, cap + 1))
            if len(triples) > cap:
                return _text(413, too_many.format(what="triples"))
            data = ox.serialize(triples, format=GRAPH_TYPES[media])
        elif isinstance(result, ox.QuerySolutions):
            if sum(1 for _ in islice(result, cap + 1)) > cap:
                return _text(413, too_many.format(what="rows"))
            again = run()  # counted, so run again to serialise
            assert not isinstance(again, ox.QueryTriples)
            data = again.serialize(format=RESULT_TYPES[media])
        else:
            data = result.serialize(format=RESULT_TYPES[media])
    except SyntaxError as error:
        return _text(400, f"invalid SPARQL: {error}")
    except (OSError, RuntimeError, ValueError) as error:
        return _text(500, f"the query failed: {error}")
    assert data is not None
    return 200, media, data


def worker_main(conn: Connection, store_path: str, cap: int) -> None:
    """A worker process: open the store read-only, then answer jobs until told to stop."""
    inspect_query("ASK {}")  # warm up the parser before declaring ourselves ready
    verdicts: dict[str, str | RefusalError] = {}  # this worker's memory of inspections
    with open_store(Path(store_path)) as store:
        conn.send("ready")
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            try:
                reply = answer(store, job, cap, verdicts)
            except Exception as error:  # a bug must not take the worker down silently
                reply = _text(500, f"the query failed: {type(error).__name__}: {error}")
            conn.send(reply)


# --- the pool, driven from threads of the web process --------------------------------------


class Worker:
    def __init__(self, ctx: SpawnContext, store: Path, cap: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process: SpawnProcess = ctx.Process(
            target=worker_main, args=(child, str(store), cap), daemon=True
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return bool(self.conn.poll(timeout)) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes; a worker that overruns its time is killed and replaced."""

    def __init__(self, store: Path, cap: int, size: int) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._store = store
        self._cap = cap
        self._size = size
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        starters = [threading.Thread(target=self._add_worker) for _ in range(self._size)]
        for thread in starters:
            thread.start()
        for thread in starters:
            thread.join()
        if self._idle.qsize() == 0:
            raise RuntimeError(f"{self._store}: no query worker could open the store")

    def _add_worker(self) -> None:
        worker = Worker(self._ctx, self._store, self._cap)
        with self._lock:
            self._workers.add(worker)
        if worker.wait_ready(WORKER_START_TIMEOUT) and not self._closed:
            self._idle.put(worker)
        else:
            self._discard(worker)

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

    def _replace(self, worker: Worker) -> None:
        self._discard(worker)
        if not self._closed:
            threading.Thread(target=self._add_worker, daemon=True).start()

    def run(self, job: Job, timeout: float) -> Reply:
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, "no query worker became free in time; try again")
        remaining = max(0.0, timeout - (time.monotonic() - started))
        try:
            worker.conn.send(job)
            if worker.conn.poll(remaining):
                reply: Reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as error:
            self._replace(worker)
            return _text(500, f"the query worker failed ({error}); it has been replaced")
        self._replace(worker)
        return _text(
            504,
            f"the query ran longer than this endpoint's limit of {timeout:g} s and was stopped; "
            "narrow it (more specific patterns, LIMIT) and try again",
        )

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            with suppress(OSError):
                worker.conn.send(None)
            worker.process.join(1)
            worker.kill()


class Endpoint:
    """The per-application state: the pool and the count of queries in flight."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.pool = QueryPool(
            settings.store, settings.result_cap, settings.max_concurrent_queries + 1
        )
        self.threads = ThreadPoolExecutor(
            max_workers=settings.max_concurrent_queries, thread_name_prefix="sparql"
        )
        self.active = 0


@asynccontextmanager
async def lifespan(app: Starlette, settings: ServeSettings) -> AsyncIterator[None]:
    """Start the worker pool (one spare beyond the concurrency limit); stop it at shutdown."""
    endpoint = Endpoint(settings)
    await asyncio.to_thread(endpoint.pool.start)
    app.state.sparql_endpoint = endpoint
    try:
        yield
    finally:
        endpoint.pool.close()
        endpoint.threads.shutdown(wait=False, cancel_futures=True)


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
    if not queries:
        if request.method == "GET":
            return service_description(request, ranges)
        return _error(400, "no query: send one in the query parameter or as the body")
    if len(queries) > 1:
        return _error(400, "send exactly one query per request")
    if len(queries[0].encode("utf-8")) > limit:
        return _error(413, too_large)
    result_type, graph_type = choose(ranges, RESULT_TYPES), choose(ranges, GRAPH_TYPES)
    if result_type is None and graph_type is None:
        return _error(406, f"acceptable formats: {', '.join([*RESULT_TYPES, *GRAPH_TYPES])}")
    return await _run(request, Job(queries[0], _endpoint_iri(request), result_type, graph_type))


async def _run(request: Request, job: Job) -> Response:
    endpoint: Endpoint = request.app.state.sparql_endpoint
    settings = endpoint.settings
    if endpoint.active >= settings.max_concurrent_queries:
        retry = str(max(1, math.ceil(settings.query_timeout)))
        return _error(
            503,
            f"{settings.max_concurrent_queries} queries are already running; retry in {retry} s",
            {"Retry-After": retry},
        )
    endpoint.active += 1
    try:
        loop = asyncio.get_running_loop()
        status, media, body = await loop.run_in_executor(
            endpoint.threads, endpoint.pool.run, job, settings.query_timeout
        )
    finally:
        endpoint.active -= 1
    return _respond(status, media, body)


def _endpoint_iri(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def service_description(request: Request, ranges: list[tuple[str, float]]) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint (Turtle unless asked otherwise)."""
    media = choose(ranges, GRAPH_TYPES)
    if media is None:
        return _error(406, f"the service description is available as {', '.join(GRAPH_TYPES)}")
    service = ox.NamedNode(_endpoint_iri(request))
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples: list[Any] = [
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
    data = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes={"sd": SD, "formats": FORMATS})
    assert data is not None
    return _respond(200, media, data)
