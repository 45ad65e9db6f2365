"""What a query worker process does: check, evaluate and serialise one SPARQL query.

This module is the whole program of a worker process, so it imports little: pyoxigraph and the
store. rdflib's SPARQL parser is imported only when a query needs it (see `needs_inspection`),
which keeps an idle worker at a third of the memory and lookups free of a second parse.

* Refusals. SERVICE and FROM / FROM NAMED are refused on the parsed algebra (nothing is ever
  fetched); SPARQL Update is refused with a read-only message. A query whose text holds neither
  `service` nor `from` in any case, nor a `\\u` escape, cannot contain those keywords, so it goes
  straight to Oxigraph; others are parsed by rdflib first (verdicts are remembered per text).
* Evaluation, once. SELECT results are streamed into TSV while rows are counted: past the cap
  the evaluation stops with an explicit error, never a truncated answer. The TSV (lossless: terms
  are written in Turtle syntax) is then re-encoded by Oxigraph into the requested format, which
  costs a few milliseconds where evaluating the query twice cost as much as the query.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import pyoxigraph as ox

from kg.errors import KgError
from kg.serve import rdfxml
from kg.store import open_store

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

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
    rdfxml.MEDIA_TYPE: ox.RdfFormat.RDF_XML,
}

READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
# Groups, expressions and collections nested deeper than this are refused before any parser
# sees them: the parsers recurse, and thousands of levels overflow a worker's stack.
MAX_NESTING = 200
_NOT_BRACKETS = re.compile(r"[^{}()\[\]]+")
VERDICTS_KEPT = 512  # query texts whose inspection a worker remembers

# A worker's answer: HTTP status, media type, body.
Reply = tuple[int, str, bytes]


@dataclass(frozen=True)
class Job:
    """What a worker needs to answer one query; media types are None when not acceptable."""

    query: str
    base_iri: str
    result_type: str | None
    graph_type: str | None


def text_reply(status: int, message: str) -> Reply:
    return status, "text/plain; charset=utf-8", message.encode("utf-8")


class RefusalError(Exception):
    """A query that is not run: its HTTP status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- refusals ------------------------------------------------------------------------------


def needs_inspection(query: str) -> bool:
    """Whether the text could hold SERVICE or FROM: only then is rdflib's parse worth its cost.

    Keywords are plain letters in any case, or spelt with `\\u` escapes, which SPARQL expands
    before parsing; a text with neither word nor escape cannot contain them.
    """
    lowered = query.lower()
    return "service" in lowered or "from" in lowered or "\\u" in lowered


def nesting_depth(query: str) -> int:
    """The deepest nesting of `{`, `(` and `[` in the text (brackets inside strings count too,
    which only errs on the safe side)."""
    depth = deepest = 0
    for char in _NOT_BRACKETS.sub("", query):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth = max(0, depth - 1)
    return deepest


def refuse_deep_nesting(query: str) -> None:
    """Raise `RefusalError` for a text nested deeper than `MAX_NESTING` levels."""
    if nesting_depth(query) > MAX_NESTING:
        raise RefusalError(
            400, f"the query is nested more than {MAX_NESTING} levels deep; flatten it"
        )


def inspect_query(query: str) -> None:
    """Parse with rdflib and raise `RefusalError` for what must not run."""
    from pyparsing import ParseException  # noqa: PLC0415 - only texts that need it pay for it
    from rdflib.plugins.sparql.algebra import translateQuery  # noqa: PLC0415
    from rdflib.plugins.sparql.parser import parseQuery  # noqa: PLC0415

    try:
        parsed = parseQuery(query)
    except RecursionError:
        raise RefusalError(400, "the query is nested too deeply; flatten it") from None
    except ParseException as error:
        if is_update(query):
            raise RefusalError(400, READ_ONLY) from None
        raise RefusalError(400, f"invalid SPARQL: {error}") from None
    try:
        algebra = translateQuery(parsed).algebra
    except RecursionError:
        raise RefusalError(400, "the query is nested too deeply; flatten it") from None
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


def is_update(text: str) -> bool:
    """Whether rdflib reads the text as SPARQL Update (to say 'read-only', not 'bad syntax')."""
    from pyparsing import ParseException  # noqa: PLC0415
    from rdflib.plugins.sparql.parser import parseUpdate  # noqa: PLC0415

    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _has_service(node: object) -> bool:
    from pyparsing import ParseResults  # noqa: PLC0415
    from rdflib.plugins.sparql.parserutils import CompValue  # noqa: PLC0415

    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(value) for value in node.values())
    if isinstance(node, list | tuple | set | ParseResults):
        return any(_has_service(value) for value in node)
    return False


def inspect_remembered(query: str, verdicts: dict[str, RefusalError | None]) -> None:
    """`inspect_query`, remembered per query text (clients repeat the same texts)."""
    if query in verdicts:
        verdict = verdicts[query]
    else:
        try:
            inspect_query(query)
            verdict = None
        except RefusalError as refusal:
            verdict = refusal
        if len(verdicts) >= VERDICTS_KEPT:
            verdicts.pop(next(iter(verdicts)))
        verdicts[query] = verdict
    if verdict is not None:
        raise verdict


# --- evaluation ----------------------------------------------------------------------------


class _CapExceededError(Exception):
    pass


class _CountingSink(io.RawIOBase):
    """A binary sink for TSV results that stops the serialisation past `cap` rows."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.data = bytearray()
        self._newlines = 0
        self._limit = cap + 1  # the header line, then at most `cap` rows

    def writable(self) -> bool:
        return True

    def write(self, chunk: ReadableBuffer, /) -> int:
        view = memoryview(chunk)
        self.data += view
        # TSV escapes newlines inside terms, so every newline ends a line.
        self._newlines += view.tobytes().count(b"\n")
        if self._newlines > self._limit:
            raise _CapExceededError
        return view.nbytes


def _too_many(cap: int, what: str) -> Reply:
    return text_reply(
        413,
        f"the result has more than {cap} {what}, this endpoint's cap; nothing was truncated: "
        f"ask for it in pages with ORDER BY and LIMIT {cap} OFFSET 0, then OFFSET {cap}, ...",
    )


def answer(
    store: ox.Store, job: Job, cap: int, verdicts: dict[str, RefusalError | None] | None = None
) -> Reply:
    """Check, run and serialise one query (in a worker process)."""
    try:
        refuse_deep_nesting(job.query)
        if needs_inspection(job.query):
            inspect_remembered(job.query, verdicts if verdicts is not None else {})
    except RefusalError as refusal:
        return text_reply(refusal.status, refusal.message)
    try:
        result = store.query(job.query, base_iri=job.base_iri, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            if job.graph_type is None:
                return _not_acceptable("CONSTRUCT or DESCRIBE", GRAPH_TYPES)
            triples = list(islice(result, cap + 1))
            if len(triples) > cap:
                return _too_many(cap, "triples")
            try:
                return 200, job.graph_type, graph_bytes(triples, job.graph_type)
            except rdfxml.NotXmlSerializableError as error:
                return text_reply(406, str(error))
        if job.result_type is None:
            return _not_acceptable("SELECT or ASK", RESULT_TYPES)
        result_format = RESULT_TYPES[job.result_type]
        if isinstance(result, ox.QueryBoolean):
            return 200, job.result_type, _serialize_results(result, result_format)
        sink = _CountingSink(cap)
        try:
            # A file object in all but name: typeshed's IO[bytes] is a class, not a protocol.
            result.serialize(cast(IO[bytes], sink), format=ox.QueryResultsFormat.TSV)
        except _CapExceededError:
            return _too_many(cap, "rows")
        tsv = bytes(sink.data)
        if result_format == ox.QueryResultsFormat.TSV:
            return 200, job.result_type, tsv
        solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        return 200, job.result_type, _serialize_results(solutions, result_format)
    except SyntaxError as error:
        if needs_inspection(job.query) or not is_update(job.query):
            return text_reply(400, f"invalid SPARQL: {error}")
        return text_reply(400, READ_ONLY)
    except (OSError, RuntimeError, ValueError) as error:
        return text_reply(500, f"the query failed: {error}")


def graph_bytes(
    triples: list[ox.Triple], media: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """A graph in one of `GRAPH_TYPES` (RDF/XML refuses predicates it cannot write)."""
    if media == rdfxml.MEDIA_TYPE:
        return rdfxml.rdf_xml_bytes(triples, prefixes)
    data = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=prefixes or {})
    assert data is not None
    return data


def _serialize_results(result: Any, result_format: ox.QueryResultsFormat) -> bytes:
    data = result.serialize(format=result_format)
    assert isinstance(data, bytes)
    return data


def _not_acceptable(form: str, offered: dict[str, Any]) -> Reply:
    return text_reply(406, f"a {form} result can be sent as one of: {', '.join(offered)}")


def worker_main(conn: Connection, store_path: str, cap: int) -> None:
    """A worker process: open the store read-only, then answer jobs until told to stop."""
    verdicts: dict[str, RefusalError | None] = {}  # this worker's memory of inspections
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
                reply = text_reply(500, f"the query failed: {type(error).__name__}: {error}")
            conn.send(reply)


def run_worker() -> None:
    """The worker program: arguments `FD STORE CAP`, FD its end of a socket pair (`query_pool`)."""
    descriptor, store_path, cap = sys.argv[1:]
    try:
        worker_main(Connection(int(descriptor)), store_path, int(cap))
    except KgError as error:  # e.g. the store went away: one line, the pool reports the rest
        print(f"kg serve: query worker: {error}", file=sys.stderr)
        raise SystemExit(1) from None
