"""Pushing the store to an external triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

For each named graph of our store (or, without `graph_per_document`, for the union of them all
as the target's default graph) the first batch of N-Triples is sent with PUT, which replaces the
target graph, and further batches with POST, which append. A verification query to the target's
SPARQL query endpoint then counts the triples of every graph sent; any difference is an error.

Guarantees:

1. The password never travels on the command line: the CLI reads it from an environment variable;
   it is sent with HTTP basic auth (or digest auth, for Virtuoso) to both endpoints.
2. Connect errors, timeouts, 429 and 5xx answers are retried with exponential backoff and jitter
   (or the delay a `Retry-After` header asks for); nothing else is.
3. Triples that share a blank node always travel in the same request (a server gives every
   request its own blank nodes), so a batch may exceed the batch size to keep such a group whole.
4. Every failure is a `KgError` with a one-line message: unreachable store, refused credentials,
   any other 4xx with the server's own message, or a count mismatch after the push.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.errors import KgError
from kg.http_retry import (
    TransientError,
    attempts,
    network_errors_are_transient,
    one_line,
    retry_after_seconds,
    with_retries,
)
from kg.store import named_graphs, open_store

N_TRIPLES = "application/n-triples"
SPARQL_JSON = "application/sparql-results+json"
_MESSAGE_LIMIT = 200  # characters of a server's error message quoted in ours

# Called with one line of progress to show.
Progress = Callable[[str], None]


class PushError(KgError):
    """The graph could not be pushed; the message says why in one line."""


class StoreUnreachableError(PushError):
    """No connection to the target store: wrong URL, server down, refused connection."""


class AuthenticationError(PushError):
    """The target store refused the request for want of (valid) credentials."""


class VerificationError(PushError):
    """The target store does not hold what was sent."""


@dataclass(frozen=True)
class PushSettings:
    store_url: str  # the Graph Store Protocol endpoint, e.g. http://localhost:7878/store
    query_url: str | None = None  # the SPARQL query endpoint; derived from store_url if None
    graph_per_document: bool = False
    user: str | None = None
    password: str | None = None
    auth_scheme: str = "basic"  # or "digest" (Virtuoso's authenticated endpoints)
    batch_triples: int = 50_000
    content_type: str = N_TRIPLES
    connect_timeout: float = 10.0  # seconds
    read_timeout: float = 300.0  # seconds; a large PUT can take the server a while
    retries: int = 3  # after the first attempt
    backoff: float = 1.0  # the first wait in seconds before jitter; doubles at each retry
    max_delay: float = 60.0  # no single wait is longer, Retry-After included
    user_agent: str = f"un-kg/{__version__}"


@dataclass(frozen=True)
class GraphBatches:
    """What to send to one target graph: its IRI (None: the default graph) and the batches."""

    name: str | None
    batches: list[bytes]  # N-Triples
    triples: int


@dataclass(frozen=True)
class PushResult:
    graphs: int
    triples: int
    requests: int
    seconds: float
    counts: dict[str | None, int]  # triples per target graph as the server counted them


def derive_query_url(store_url: str) -> str:
    """The SPARQL query endpoint next to a Graph Store Protocol endpoint, for known servers."""
    url = httpx.URL(store_url)
    path = url.path.rstrip("/")
    rules = (
        ("/rdf-graphs/service", ""),  # GraphDB: /repositories/{repo}
        ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
        ("/sparql-graph-crud", "/sparql"),  # Virtuoso, unauthenticated
        ("/store", "/query"),  # Oxigraph
        ("/data", "/query"),  # Apache Jena Fuseki: /{dataset}/data
    )
    for suffix, replacement in rules:
        if path.endswith(suffix):
            return str(url.copy_with(path=path[: -len(suffix)] + replacement, query=None))
    raise PushError(
        f"cannot derive the SPARQL query endpoint from {store_url}; give it with --query-url"
    )


def graph_batches(
    store_path: Path, graph_per_document: bool, batch_triples: int
) -> list[GraphBatches]:
    """Our store's graphs as N-Triples batches, one entry per target graph."""
    if batch_triples < 1:
        raise PushError(f"the batch size must be at least 1 triple, not {batch_triples}")
    with open_store(store_path) as store:
        names = named_graphs(store)
        if not names:
            raise PushError(f"{store_path}: the store holds no graphs; nothing to push")
        if graph_per_document:
            return [
                _batched(name, list(_graph_triples(store, name)), batch_triples) for name in names
            ]
        # One default graph: a triple in several of our graphs is one triple there.
        union: dict[ox.Triple, None] = {}
        for name in names:
            union.update(dict.fromkeys(_graph_triples(store, name)))
        return [_batched(None, list(union), batch_triples)]


def _graph_triples(store: ox.Store, name: str) -> Iterator[ox.Triple]:
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        yield quad.triple


def _batched(name: str | None, triples: Sequence[ox.Triple], size: int) -> GraphBatches:
    batches: list[bytes] = []
    current: list[ox.Triple] = []
    for group in _groups(triples):
        if current and len(current) + len(group) > size:
            batches.append(_ntriples(current))
            current = []
        current.extend(group)
    if current or not batches:
        batches.append(_ntriples(current))
    return GraphBatches(name, batches, len(triples))


def _groups(triples: Sequence[ox.Triple]) -> list[list[ox.Triple]]:
    """Triples one by one, except that those linked by blank nodes stay together."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def blanks(triple: ox.Triple) -> list[str]:
        return [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]

    for triple in triples:
        labels = blanks(triple)
        for label in labels[1:]:
            parent[find(label)] = find(labels[0])
    groups: list[list[ox.Triple]] = []
    by_root: dict[str, list[ox.Triple]] = {}
    for triple in triples:
        labels = blanks(triple)
        if not labels:
            groups.append([triple])
            continue
        root = find(labels[0])
        if root not in by_root:
            by_root[root] = []
            groups.append(by_root[root])
        by_root[root].append(triple)
    return groups


def _ntriples(triples: Sequence[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


def push(
    store_path: Path,
    settings: PushSettings,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Progress | None = None,
) -> PushResult:
    """Send every graph of the store at `store_path` to the target store, then verify counts."""
    started = time.monotonic()
    query_url = settings.query_url or derive_query_url(settings.store_url)
    targets = graph_batches(store_path, settings.graph_per_document, settings.batch_triples)
    requests = 0
    with _client(settings, transport) as client:
        for target in targets:
            for index, batch in enumerate(target.batches):
                method = "PUT" if index == 0 else "POST"
                request = _Request(
                    method,
                    _graph_url(settings.store_url, target.name),
                    _label(target.name),
                    {"Content-Type": settings.content_type},
                    body=batch,
                )
                _with_retries(settings, sleep, request, client)
                requests += 1
            if progress is not None:
                progress(
                    f"{_label(target.name)}: {target.triples} triples "
                    f"in {len(target.batches)} request(s)"
                )
        counts = _count(client, settings, sleep, query_url, targets)
    _verify(targets, counts)
    return PushResult(
        graphs=len(targets),
        triples=sum(target.triples for target in targets),
        requests=requests,
        seconds=time.monotonic() - started,
        counts=counts,
    )


def _client(settings: PushSettings, transport: httpx.BaseTransport | None) -> httpx.Client:
    auth: httpx.Auth | None = None
    if settings.user is not None:
        if settings.auth_scheme == "basic":
            auth = httpx.BasicAuth(settings.user, settings.password or "")
        elif settings.auth_scheme == "digest":
            auth = httpx.DigestAuth(settings.user, settings.password or "")
        else:
            raise PushError(f"unknown auth scheme {settings.auth_scheme!r}; basic or digest")
    return httpx.Client(
        transport=transport,
        auth=auth,
        follow_redirects=False,
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        headers={"User-Agent": settings.user_agent},
    )


def _graph_url(store_url: str, name: str | None) -> httpx.URL:
    url = httpx.URL(store_url)
    if name is None:
        return url.copy_with(query=b"default")
    return url.copy_merge_params({"graph": name})


def _label(name: str | None) -> str:
    return "default graph" if name is None else f"<{name}>"


@dataclass(frozen=True)
class _Request:
    method: str
    url: httpx.URL
    what: str  # for messages: the target graph or "the verification query"
    headers: dict[str, str]
    body: bytes | None = None
    form: dict[str, str] | None = None


def _with_retries(
    settings: PushSettings,
    sleep: Callable[[float], None],
    request: _Request,
    client: httpx.Client,
) -> httpx.Response:
    host = httpx.URL(settings.store_url).netloc.decode("ascii", "replace")
    try:
        return with_retries(lambda: _attempt(client, request), settings, sleep)
    except TransientError as failure:
        if failure.connect:
            raise StoreUnreachableError(
                f"cannot reach the triple store at {host}: {failure.reason}"
            ) from None
        raise PushError(
            f"gave up on {request.method} {request.what} at {host} "
            f"after {attempts(settings)} attempts; last: {failure.reason}"
        ) from None


def _attempt(client: httpx.Client, request: _Request) -> httpx.Response:
    method, url = request.method, request.url
    try:
        with network_errors_are_transient():
            response = client.request(
                method, url, content=request.body, data=request.form, headers=request.headers
            )
    except httpx.HTTPError as error:
        raise PushError(
            f"{method} {request.what} to {url.host} failed: {one_line(error)}"
        ) from None
    _check(response, method, request.what)
    return response


def _check(response: httpx.Response, method: str, what: str) -> None:
    status = response.status_code
    answered = f"HTTP {status} {response.reason_phrase}".rstrip()
    host = response.url.netloc.decode("ascii", "replace")
    if status == 429 or status >= 500:
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        raise TransientError(answered + _server_message(response), retry_after)
    if status in (401, 403):
        raise AuthenticationError(
            f"the triple store at {host} refused {method} {what} ({answered}); "
            "check --user and the password in --password-env"
        )
    if not 200 <= status < 300:
        raise PushError(
            f"the triple store at {host} rejected {method} {what}: "
            f"{answered}{_server_message(response)}"
        )


def _server_message(response: httpx.Response) -> str:
    text = " ".join(response.text.split())
    if not text:
        return ""
    if len(text) > _MESSAGE_LIMIT:
        text = text[:_MESSAGE_LIMIT] + "…"
    return f": {text}"


_COUNT_NAMED = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""
_COUNT_DEFAULT = """SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"""


def _count(
    client: httpx.Client,
    settings: PushSettings,
    sleep: Callable[[float], None],
    query_url: str,
    targets: Sequence[GraphBatches],
) -> dict[str | None, int]:
    """Triples per target graph as the server counts them (0 for a graph it does not have)."""
    named = any(target.name is not None for target in targets)
    sparql = _COUNT_NAMED if named else _COUNT_DEFAULT
    request = _Request(
        "POST",
        httpx.URL(query_url),
        "the verification query",
        {"Accept": SPARQL_JSON},
        form={"query": sparql},
    )
    response = _with_retries(settings, sleep, request, client)
    try:
        bindings = json.loads(response.content)["results"]["bindings"]
        if not named:
            return {None: int(bindings[0]["n"]["value"])}
        found = {row["g"]["value"]: int(row["n"]["value"]) for row in bindings if "g" in row}
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise PushError(
            f"the SPARQL endpoint {query_url} did not answer with SPARQL JSON results "
            f"({type(error).__name__}: {error})"
        ) from None
    return {target.name: found.get(target.name or "", 0) for target in targets}


def _verify(targets: Sequence[GraphBatches], counts: dict[str | None, int]) -> None:
    wrong = [
        f"{_label(t.name)} has {counts.get(t.name, 0)} (sent {t.triples})"
        for t in targets
        if counts.get(t.name, 0) != t.triples
    ]
    if wrong:
        shown = "; ".join(wrong[:3]) + (f"; and {len(wrong) - 3} more" if len(wrong) > 3 else "")
        raise VerificationError(f"the triple store does not hold what was sent: {shown}")
