"""Dereferenceable IRIs, the home page, downloads and the dataset description.

Every slash IRI minted under the base (`{base}/akn/...`, the ontology and its version, the named
graphs `{base}/graph/...`, the dataset `{base}/dataset`) answers `303 See Other`
to `/doc/{path}`, which describes the resource: the triples with it as subject, those of its
fragment IRIs `{iri}#...` (a section each on the HTML page) and the incoming links, from the
store and from the dataset description (`void.ttl`), as HTML, Turtle, N-Triples, JSON-LD or
RDF/XML by content negotiation (`?format=` overrides `Accept`).

The server answers by path: the IRI of a request is the base the store was built with + the raw
request path, so it runs the same under any host; the ontology's own IRIs (`/ontology`, its terms
`/ontology#...` and versions `/ontology/0.1.0`) are fixed whatever the base (kg.vocab).
Triples are read with `quads_for_pattern`; no user input is ever spliced into SPARQL. All HTML
is built from escaped text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from kg.export import jsonld_bytes
from kg.mapping.terms import PREFIXES
from kg.serve import charts, rdfxml
from kg.serve.negotiation import best_offer, parse_accept
from kg.serve.settings import ServeSettings
from kg.vocab import ONTOLOGY_IRI, ONTOLOGY_NAMESPACE

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
DCT_ID = "http://purl.org/dc/terms/identifier"
UNKG = ONTOLOGY_NAMESPACE
ONTOLOGY_PATH = "/ontology"
LABELS = (SKOS_PREF, RDFS_LABEL, DCT_TITLE)
SOURCE_PREDICATES = (UNKG + "sourceLineStart", UNKG + "sourceLineEnd", UNKG + "text")

# format name -> (media type, aliases accepted in Accept)
MEDIA: dict[str, tuple[str, tuple[str, ...]]] = {
    "html": ("text/html", ("text/html", "application/xhtml+xml")),
    "ttl": ("text/turtle", ("text/turtle", "application/x-turtle")),
    "nt": ("application/n-triples", ("application/n-triples",)),
    "jsonld": ("application/ld+json", ("application/ld+json",)),
    "rdf": (rdfxml.MEDIA_TYPE, (rdfxml.MEDIA_TYPE,)),
}
ALL_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
}
DUMP_TYPES = {
    ".nq": "application/n-quads",
    ".nt": "application/n-triples",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
}
STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}"
    "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
    "padding:.2em .5em;vertical-align:top;text-align:left}th{width:14em}"
    "code{font-size:.9em;word-break:break-all}blockquote{background:#f6f6f6;padding:.5em}"
    ".lang{color:#777;font-size:.8em}"
)
# The site's icon (served by `kg.serve.query_page` with the other static files): without it,
# browsers ask for /favicon.ico and log the 404 as an error on every page.
ICON = '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">'
NAV = (
    '<nav><a href="/">Home</a> · <a href="/sparql">SPARQL</a> · '
    '<a href="/query">Query editor</a> · <a href="/download">Downloads</a></nav>'
)


# ---------------------------------------------------------------------------------------------
# Negotiation


def negotiate(accept: str | None, offered: Iterable[str]) -> str | None:
    """The offered format the Accept header prefers (server order breaks ties); None: 406."""
    names = list(offered)
    if not accept or not accept.strip():
        return names[0] if names else None
    return best_offer(parse_accept(accept), ((name, MEDIA[name][1]) for name in names))


def preferred_languages(request: Request) -> list[str]:
    """Requested languages, most wanted first, then English (the fallback)."""
    wanted: list[tuple[float, int, str]] = []
    explicit = request.query_params.get("lang")
    if explicit:
        wanted.append((2.0, 0, explicit.strip().lower()))
    header = request.headers.get("accept-language", "")
    for index, item in enumerate(header.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            wanted.append((quality, -index - 1, tag.strip().lower()))
    ordered = [tag.split("-")[0] for _, _, tag in sorted(wanted, reverse=True)]
    ordered.append("en")
    return list(dict.fromkeys(ordered))


# ---------------------------------------------------------------------------------------------
# Reading the store


@dataclass
class Graph:
    """The store, opened read-only on first use, and what is cached about it."""

    path: Path
    void_file: Path | None = None  # the dataset description `kg build` writes with the dumps
    _store: ox.Store | None = None
    _fragments: dict[str, list[ox.NamedNode]] | None = None
    _sizes: dict[str, int] | None = None
    _void: tuple[float, list[ox.Triple]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def store(self) -> ox.Store:
        with self._lock:
            if self._store is None:
                self._store = ox.Store.read_only(str(self.path))
            return self._store

    def fragments(self, iri: str) -> list[ox.NamedNode]:
        """The fragment IRIs `{iri}#...` used as subjects (indexed once: the store is fixed)."""
        store = self.store
        with self._lock:
            if self._fragments is None:
                index: dict[str, set[ox.NamedNode]] = {}
                for quad in store.quads_for_pattern(None, None, None):
                    subject = quad.subject
                    if isinstance(subject, ox.NamedNode) and "#" in subject.value:
                        index.setdefault(subject.value.split("#", 1)[0], set()).add(subject)
                self._fragments = {
                    key: sorted(nodes, key=lambda n: _natural(n.value))
                    for key, nodes in index.items()
                }
            return self._fragments.get(iri, [])

    def dataset_description(self) -> list[ox.Triple]:
        """The VoID/DCAT triples of `void_file` (its dataset, graph and dump IRIs are minted
        under the base too, so they dereference like the rest); re-read when rewritten."""
        if self.void_file is None or not self.void_file.is_file():
            return []
        modified = self.void_file.stat().st_mtime
        with self._lock:
            if self._void is None or self._void[0] != modified:
                quads = ox.parse(path=str(self.void_file), format=ox.RdfFormat.TURTLE)
                self._void = (modified, [quad.triple for quad in quads])
            return self._void[1]

    def sizes(self) -> dict[str, int]:
        store = self.store
        with self._lock:
            if self._sizes is None:
                sizes: dict[str, int] = {}
                for quad in store.quads_for_pattern(None, None, None):
                    if isinstance(quad.graph_name, ox.NamedNode):
                        name = quad.graph_name.value
                        sizes[name] = sizes.get(name, 0) + 1
                self._sizes = dict(sorted(sizes.items()))
            return self._sizes

    def triples(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: ox.NamedNode | None = None,
    ) -> list[ox.Triple]:
        """Triples of the union of the named graphs (the same triple once)."""
        seen = dict.fromkeys(
            q.triple for q in self.store.quads_for_pattern(subject, predicate, obj)
        )
        return list(seen)


def _natural(text: str) -> list[tuple[int, str]]:
    """Sort key putting `para_2` before `para_10`."""
    return [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"(\d+)", text)]


@dataclass(frozen=True)
class Description:
    iri: ox.NamedNode
    own: list[ox.Triple]
    fragments: list[tuple[ox.NamedNode, list[ox.Triple]]]
    incoming: list[ox.Triple]
    # What the blank nodes among the objects above are (the cells of the ontology's lists),
    # and theirs in turn: without them a list would be cut after its first cell.
    blank: dict[ox.BlankNode, list[ox.Triple]] = field(default_factory=dict)

    def all_triples(self) -> list[ox.Triple]:
        triples = list(self.own)
        for _, part in self.fragments:
            triples += part
        triples += self.incoming
        for cell in self.blank.values():
            triples += cell
        unique = dict.fromkeys(triples)
        return sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def empty(self) -> bool:
        return not self.own and not self.fragments and not self.incoming


def describe(graph: Graph, iri: str) -> Description:
    """What the store and the dataset description say of `iri`, its fragments and its links."""
    node = ox.NamedNode(iri)
    prefix = iri + "#"

    def in_fragment(term: object) -> bool:
        return isinstance(term, ox.NamedNode) and term.value.startswith(prefix)

    dataset = graph.dataset_description()
    own = graph.triples(subject=node) + [t for t in dataset if t.subject == node]
    parts = {part: graph.triples(subject=part) for part in graph.fragments(iri)}
    for triple in dataset:
        if in_fragment(triple.subject):
            assert isinstance(triple.subject, ox.NamedNode)
            parts.setdefault(triple.subject, []).append(triple)
    incoming = [
        t
        for t in [*graph.triples(obj=node), *(t for t in dataset if t.object == node)]
        if not in_fragment(t.subject)
    ]
    fragments = sorted(parts.items(), key=lambda item: _natural(item[0].value))
    blank: dict[ox.BlankNode, list[ox.Triple]] = {}
    pending = [t.object for t in [*own, *(t for ts in parts.values() for t in ts)]]
    while pending:
        term = pending.pop()
        if isinstance(term, ox.BlankNode) and term not in blank:
            blank[term] = list(dict.fromkeys(graph.triples(subject=term)))
            pending += [t.object for t in blank[term]]
    return Description(
        node, list(dict.fromkeys(own)), fragments, list(dict.fromkeys(incoming)), blank
    )


# ---------------------------------------------------------------------------------------------
# HTML


@dataclass
class Labeller:
    graph: Graph
    languages: list[str]
    cache: dict[str, str | None] = field(default_factory=dict)

    def pick(self, literals: list[ox.Literal]) -> ox.Literal | None:
        if not literals:
            return None
        for language in self.languages:
            for literal in literals:
                if (literal.language or "").split("-")[0] == language:
                    return literal
        untagged = [literal for literal in literals if not literal.language]
        return untagged[0] if untagged else sorted(literals, key=str)[0]

    def label(self, iri: str) -> str | None:
        if iri not in self.cache:
            node = ox.NamedNode(iri)
            found: str | None = None
            for predicate in LABELS:
                values = [
                    t.object
                    for t in self.graph.triples(node, ox.NamedNode(predicate))
                    if isinstance(t.object, ox.Literal)
                ]
                chosen = self.pick(values)
                if chosen is not None:
                    found = chosen.value
                    break
            self.cache[iri] = found
        return self.cache[iri]


def compact(iri: str) -> str:
    for prefix, namespace in ALL_PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


class Page:
    """Renders one description; every piece of data goes through `escape`."""

    def __init__(self, base: str, labeller: Labeller, description: Description) -> None:
        self.base = base
        self.labeller = labeller
        self.description = description
        self.page_iri = description.iri.value

    def href(self, iri: str) -> str | None:
        if iri.startswith(self.page_iri + "#"):
            return "#" + iri[len(self.page_iri) + 1 :]
        if iri == ONTOLOGY_IRI or iri.startswith((ONTOLOGY_IRI + "/", ONTOLOGY_NAMESPACE)):
            return "/doc" + ONTOLOGY_PATH + iri[len(ONTOLOGY_IRI) :]
        if iri.startswith(self.base + "/"):
            return "/doc/" + iri[len(self.base) + 1 :]
        if re.match(r"https?://", iri):
            return iri
        return None

    def node(self, term: object) -> str:
        if isinstance(term, ox.NamedNode):
            label = self.labeller.label(term.value)
            text = escape(label) if label else f"<code>{escape(compact(term.value))}</code>"
            href = self.href(term.value)
            return f'<a href="{escape(href)}">{text}</a>' if href else text
        if isinstance(term, ox.Literal):
            value = f"<span>{escape(term.value)}</span>"
            if term.language:
                lang = escape(term.language)
                tag = f'<span class="lang">@{lang}</span>'
                return f'<span lang="{lang}">{escape(term.value)}</span> {tag}'
            return value
        if isinstance(term, ox.BlankNode):
            members = self.list_members(term)
            if members is not None:
                return "(" + ", ".join(self.node(member) for member in members) + ")"
        return f"<code>{escape(str(term))}</code>"

    def list_members(self, head: ox.BlankNode) -> list[object] | None:
        """The members of the RDF list starting at `head`; None if it is not a well-formed one."""
        members: list[object] = []
        cell: object = head
        seen: set[object] = set()
        while not (isinstance(cell, ox.NamedNode) and cell.value == RDF_NIL):
            if not isinstance(cell, ox.BlankNode) or cell in seen:
                return None
            seen.add(cell)
            values = {t.predicate.value: t.object for t in self.description.blank.get(cell, [])}
            if RDF_FIRST not in values or RDF_REST not in values:
                return None
            members.append(values[RDF_FIRST])
            cell = values[RDF_REST]
        return members

    def predicate(self, iri: str) -> str:
        label = self.labeller.label(iri)
        title = escape(iri)
        shown = escape(label) if label else escape(compact(iri))
        return f'<span title="{title}">{shown}</span>'

    def table(self, triples: list[ox.Triple]) -> str:
        rows: dict[str, list[str]] = {}
        for triple in triples:
            rows.setdefault(triple.predicate.value, []).append(self.node(triple.object))
        ordered = sorted(rows, key=lambda p: (p != RDF_TYPE, compact(p)))
        body = "".join(
            f"<tr><th>{self.predicate(p)}</th><td>{'<br>'.join(sorted(rows[p]))}</td></tr>"
            for p in ordered
        )
        return f"<table>{body}</table>"

    def source(self, triples: list[ox.Triple]) -> str:
        values = {
            t.predicate.value: t.object for t in triples if t.predicate.value in SOURCE_PREDICATES
        }
        start, end, text = (values.get(p) for p in SOURCE_PREDICATES)
        if start is None and text is None:
            return ""
        lines = ""
        if isinstance(start, ox.Literal):
            span = start.value if not isinstance(end, ox.Literal) else f"{start.value}–{end.value}"
            lines = f"<p>Source lines {escape(span)}</p>"
        quote = (
            f"<blockquote>{escape(text.value)}</blockquote>" if isinstance(text, ox.Literal) else ""
        )
        return lines + quote

    def title(self, iri: str, triples: list[ox.Triple], fallback: str | None = None) -> str:
        label = self.labeller.label(iri)
        if label:
            return label
        for triple in triples:
            if triple.predicate.value == DCT_ID and isinstance(triple.object, ox.Literal):
                return triple.object.value
        return fallback or compact(iri)

    def render(self) -> str:
        d = self.description
        heading = self.title(self.page_iri, d.own)
        languages = self.labeller.languages
        path = self.href(self.page_iri) or ""
        formats = " · ".join(
            f'<a href="{escape(path)}?format={name}">{label}</a>'
            for name, label in (
                ("ttl", "Turtle"),
                ("nt", "N-Triples"),
                ("jsonld", "JSON-LD"),
                ("rdf", "RDF/XML"),
            )
        )
        switch = " · ".join(
            f'<a href="{escape(path)}?lang={lang}">{lang}</a>' for lang in ("en", "fr")
        )
        parts = [
            f"<h1>{escape(heading)}</h1>",
            f"<p><code>{escape(self.page_iri)}</code></p>",
            f"<p>{formats} — {switch}</p>",
            self.source(d.own),
            self.table(d.own) if d.own else "",
            charts.figure(self.labeller.graph.store, self.page_iri, languages[0], self.base),
        ]
        for fragment, triples in d.fragments:
            local = fragment.value.split("#", 1)[1]
            name = self.title(fragment.value, triples, local)
            parts.append(
                f'<section id="{escape(local)}"><h2>{escape(name)}</h2>'
                f"{self.source(triples)}{self.table(triples)}</section>"
            )
        if d.incoming:
            rows = "".join(
                f"<tr><td>{self.node(t.subject)}</td><td>{self.predicate(t.predicate.value)}</td></tr>"
                for t in sorted(d.incoming, key=lambda t: (str(t.predicate), str(t.subject)))
            )
            parts.append(f"<h2>Incoming links</h2><table>{rows}</table>")
        return _document(heading, "".join(parts), languages[0])


def _document(title: str, body: str, language: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{ICON}<style>{STYLE}</style></head><body>"
        f"{NAV}{body}</body></html>"
    )


# ---------------------------------------------------------------------------------------------
# Downloads


def checksums(exports: Path) -> dict[str, str]:
    """name -> SHA-256 from SHA256SUMS (the only files ever served)."""
    try:
        text = (exports / "SHA256SUMS").read_text(encoding="utf-8")
    except OSError:
        return {}
    sums: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        name = name.strip()
        if re.fullmatch(r"[0-9a-f]{64}", digest) and re.fullmatch(r"[A-Za-z0-9][\w.\-]*", name):
            sums[name] = digest
    return sums


def _media_type(name: str) -> str:
    if name == "SHA256SUMS":
        return "text/plain; charset=utf-8"
    return DUMP_TYPES.get(Path(name).suffix, "application/octet-stream")


# ---------------------------------------------------------------------------------------------
# Routes


class Handlers:
    """The endpoints, over one store and one exports directory."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.graph = Graph(self.settings.store, self.settings.exports / "void.ttl")
        self.base = self.settings.iri_base()

    @staticmethod
    def not_found(message: str = "not found") -> Response:
        return PlainTextResponse(message + "\n", status_code=404)

    @staticmethod
    def raw_path(request: Request) -> str:
        raw = request.scope.get("raw_path")
        path = raw.decode("latin-1") if isinstance(raw, bytes) else request.url.path
        return path.split("?", 1)[0]

    def iri_of(self, path: str) -> str:
        """The IRI a request path names: the ontology's are fixed, the others under the base."""
        if path == ONTOLOGY_PATH or path.startswith(ONTOLOGY_PATH + "/"):
            return ONTOLOGY_IRI + path.removeprefix(ONTOLOGY_PATH)
        return self.base + path

    def see_other(self, request: Request) -> Response:
        return Response(status_code=303, headers={"Location": "/doc" + self.raw_path(request)})

    def document(self, request: Request) -> Response:
        iri = self.iri_of(_normalise(self.raw_path(request).removeprefix("/doc")))
        requested = request.query_params.get("format")
        headers = {"Vary": "Accept, Accept-Language"}
        if requested is not None:
            if requested not in MEDIA:
                return PlainTextResponse(
                    f"unknown format; use one of {', '.join(MEDIA)}\n", 400, headers=headers
                )
            fmt: str | None = requested
        else:
            fmt = negotiate(request.headers.get("accept"), MEDIA)
        if fmt is None:
            supported = ", ".join(media for media, _ in MEDIA.values())
            return PlainTextResponse(
                f"not acceptable; offered: {supported}\n", 406, headers=headers
            )
        description = describe(self.graph, iri)
        if description.empty():
            return PlainTextResponse(f"nothing is known about {iri}\n", 404, headers=headers)
        media = MEDIA[fmt][0]
        if fmt == "html":
            labeller = Labeller(self.graph, preferred_languages(request))
            html = Page(self.base, labeller, description).render()
            return HTMLResponse(html, headers=headers)
        try:
            data = _rdf_bytes(fmt, description.all_triples())
        except rdfxml.NotXmlSerializableError as error:
            return PlainTextResponse(f"not acceptable: {error}\n", 406, headers=headers)
        return Response(data, media_type=f"{media}; charset=utf-8", headers=headers)

    def home(self, request: Request) -> Response:
        labeller = Labeller(self.graph, preferred_languages(request))
        rows = "".join(
            f"<tr><td><code>{escape(name)}</code></td><td>{count}</td></tr>"
            for name, count in self.graph.sizes().items()
        )
        title = labeller.label(ONTOLOGY_IRI) or "UN-KG"
        body = (
            "<h1>Knowledge graph of United Nations resolutions</h1>"
            f"<p>Triples per named graph:</p><table><tr><th>graph</th><th>triples</th></tr>"
            f"{rows}</table><ul>"
            '<li><a href="/sparql">SPARQL endpoint</a></li>'
            '<li><a href="/query">Query editor</a> (YASGUI, with the competency queries)</li>'
            '<li><a href="/download">Downloads</a> (dumps and checksums)</li>'
            f'<li><a href="/doc/ontology">The ontology</a> ({escape(title)})</li>'
            '<li><a href="/.well-known/void">Dataset description (VoID)</a></li></ul>'
        )
        return HTMLResponse(_document("UN-KG", body))

    def downloads(self, request: Request) -> Response:
        sums = checksums(self.settings.exports)
        rows = []
        for name, digest in sorted(sums.items()):
            file = self.settings.exports / name
            size = file.stat().st_size if file.is_file() else 0
            rows.append(
                f'<tr><td><a href="/download/{escape(name)}">{escape(name)}</a></td>'
                f"<td>{size}</td><td><code>{escape(digest)}</code></td></tr>"
            )
        body = (
            "<h1>Downloads</h1><table><tr><th>file</th><th>bytes</th><th>SHA-256</th></tr>"
            + "".join(rows)
            + '</table><p><a href="/download/SHA256SUMS">SHA256SUMS</a></p>'
        )
        return HTMLResponse(_document("Downloads", body))

    def download(self, request: Request) -> Response:
        name = request.path_params["name"]
        sums = checksums(self.settings.exports)
        if not isinstance(name, str) or (name not in sums and name != "SHA256SUMS"):
            return self.not_found()
        file = self.settings.exports / name
        if not file.is_file():
            return self.not_found()
        return FileResponse(file, media_type=_media_type(name))

    def void(self, request: Request) -> Response:
        file = self.settings.exports / "void.ttl"
        if not file.is_file():
            return self.not_found("no dataset description; run 'kg build'")
        headers = {"Vary": "Accept"}
        fmt = negotiate(request.headers.get("accept"), ["ttl", "jsonld", "nt", "rdf"])
        if fmt is None:
            return PlainTextResponse("not acceptable\n", 406, headers=headers)
        if fmt == "ttl":
            return FileResponse(file, media_type="text/turtle; charset=utf-8", headers=headers)
        triples = [q.triple for q in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE)]
        data = _rdf_bytes(fmt, triples)
        return Response(data, media_type=f"{MEDIA[fmt][0]}; charset=utf-8", headers=headers)


def _rdf_bytes(fmt: str, triples: list[ox.Triple]) -> bytes:
    """The triples in one of the RDF formats of `MEDIA` (JSON-LD with our context)."""
    if fmt == "jsonld":
        return jsonld_bytes(triples)
    if fmt == "rdf":
        return rdfxml.rdf_xml_bytes(triples, ALL_PREFIXES)
    rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
    prefixes = ALL_PREFIXES if fmt == "ttl" else {}
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    assert data is not None
    return data


def routes(settings: ServeSettings) -> list[BaseRoute]:
    handlers = Handlers(settings)
    return [
        Route("/", handlers.home, methods=["GET", "HEAD"]),
        Route("/akn/{path:path}", handlers.see_other, methods=["GET", "HEAD"]),
        # Every other IRI minted under the base: the ontology and its version, the named graphs
        # and the dataset of the VoID description (the ontology's lists are blank nodes).
        Route("/ontology", handlers.see_other, methods=["GET", "HEAD"]),
        Route("/ontology/{path:path}", handlers.see_other, methods=["GET", "HEAD"]),
        Route("/graph/{path:path}", handlers.see_other, methods=["GET", "HEAD"]),
        Route("/dataset", handlers.see_other, methods=["GET", "HEAD"]),
        Route("/doc/{path:path}", handlers.document, methods=["GET", "HEAD"]),
        Route("/download", handlers.downloads, methods=["GET", "HEAD"]),
        Route("/download/{name}", handlers.download, methods=["GET", "HEAD"]),
        Route("/.well-known/void", handlers.void, methods=["GET", "HEAD"]),
    ]


def _normalise(path: str) -> str:
    """Percent-encodings of characters our IRIs carry raw (`!`, `@`) are decoded; the others
    (e.g. `%2D` in an encoded symbol) are kept, with upper-case hex digits."""

    def fix(match: re.Match[str]) -> str:
        code = match.group(1).upper()
        return {"21": "!", "40": "@"}.get(code, "%" + code)

    return re.sub(r"%([0-9A-Fa-f]{2})", fix, path)
