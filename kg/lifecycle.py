"""The life cycle across documents: draft -> committee report -> adopted resolution, linked.

Each document keeps its own IRI and its own named graph; what can only be seen with two
documents in the store is derived here, after loading, into one named graph of derived links
(`{base}/graph/lifecycle`), from what the texts print and nothing else:

1. A resolution prints the report it was adopted on (`[on the report of the Third Committee
   (A/77/462, para. 35)]`; kg.mapping.lifecycle keeps it as `unkg:adoptedOnReport`). When that
   report is in the store, the resolution is linked to the report itself, and to the text the
   report recommends: the only one, or, where the report recommends several, the one whose title
   is the resolution's (same language, spacing and case aside). No title, or two titles, that
   match is a warning and no link: an uncertain match is never guessed. The draft of the matched
   text and the text itself are `unkg:adoptedAs` the resolution, which is `unkg:adoptedFrom`
   both.
2. A resolution prints the draft it was adopted from (`[without reference to a Main Committee
   (A/77/L.34)]`): every draft of that symbol in the store is `unkg:adoptedAs` the resolution.
3. A revision (`A/C.3/77/L.8/Rev.1`) that no source links to its original is linked to the
   drafts of the original symbol in the store (`unkg:isRevisionOf`).

Documents are matched on their symbol (`dcterms:identifier`), never on the text of an IRI, so
the step holds whether or not two documents mint the same IRI for a symbol.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.consistency import PREFIXES, Inconsistency
from kg.mapping.terms import new_graph
from kg.store import run_query
from kg.symbols import DocumentSymbol, SymbolError
from kg.vocab import UNKG

LIFECYCLE_GRAPH = "lifecycle"  # the GraphId of the derived links: {base}/graph/lifecycle

# Resolutions read from their own text (they have an expression) and the report they print.
_PRINTED_REPORTS = (
    PREFIXES
    + """
SELECT ?resolution ?symbol ?title ?report_symbol WHERE {
  ?resolution a unkg:Resolution ; unkg:isRealizedBy ?expression ; dcterms:identifier ?symbol ;
              unkg:adoptedOnReport/dcterms:identifier ?report_symbol .
  OPTIONAL { ?resolution dcterms:title ?title }
}
"""
)
# The texts each committee report in the store recommends, with their drafts and titles.
_RECOMMENDED = (
    PREFIXES
    + """
SELECT ?report ?report_symbol ?draft ?text ?title WHERE {
  ?report a unkg:CommitteeReport ; dcterms:identifier ?report_symbol .
  ?draft unkg:recommendedIn ?report ; unkg:recommendedText ?text .
  OPTIONAL { { ?text dcterms:title ?title } UNION { ?draft dcterms:title ?title } }
}
"""
)
_DRAFTS = (
    PREFIXES
    + """
SELECT ?draft ?symbol ?resolution ?original WHERE {
  ?draft a unkg:DraftResolution ; dcterms:identifier ?symbol .
  OPTIONAL { ?draft unkg:adoptedAs ?resolution }
  OPTIONAL { ?draft unkg:isRevisionOf ?original }
}
"""
)

# The links of the kinds this step derives that the documents state themselves.
_STATED = (
    PREFIXES
    + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { unkg:adoptedAs unkg:adoptedFrom unkg:adoptedOnReport unkg:isRevisionOf }
  ?s ?p ?o .
}
"""
)


@dataclass(frozen=True)
class LifecycleLinks:
    graph: Graph
    warnings: tuple[Inconsistency, ...]


@dataclass
class _Recommended:
    """One text a report recommends: its draft, the text, and the titles they carry."""

    report: str
    draft: str
    text: str
    titles: set[tuple[str, str]] = field(default_factory=set)  # (language, normalised title)


def derive_links(store: ox.Store) -> LifecycleLinks:
    """The links only two documents together show, and the warnings of uncertain matches."""
    graph = new_graph()
    warnings = _link_resolutions_to_reports(store, graph)
    _link_drafts(store, graph)
    for row in _rows(store, _STATED):  # what a document states already is not derived again
        graph.remove((URIRef(_value(row["s"])), URIRef(_value(row["p"])), URIRef(_value(row["o"]))))
    return LifecycleLinks(graph, tuple(warnings))


def _rows(store: ox.Store, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | None]]:
    result = run_query(store, query)
    assert isinstance(result, ox.QuerySolutions)
    names = [variable.value for variable in result.variables]
    rows = []
    for solution in result:
        row: dict[str, ox.NamedNode | ox.Literal | None] = {}
        for name in names:
            term = solution[name]
            row[name] = term if isinstance(term, ox.NamedNode | ox.Literal) else None
        rows.append(row)
    return rows


def _value(term: ox.NamedNode | ox.Literal | None) -> str:
    return "" if term is None else term.value


def _title_key(term: ox.NamedNode | ox.Literal | None) -> tuple[str, str] | None:
    if not isinstance(term, ox.Literal):
        return None
    folded = unicodedata.normalize("NFC", term.value).casefold()
    return (term.language or "", " ".join(re.findall(r"\w+", folded)))


def _recommended_texts(store: ox.Store) -> dict[str, dict[str, _Recommended]]:
    """Report symbol -> text IRI -> the recommended text."""
    texts: dict[str, dict[str, _Recommended]] = defaultdict(dict)
    for row in _rows(store, _RECOMMENDED):
        report_symbol, text = _value(row["report_symbol"]), _value(row["text"])
        entry = texts[report_symbol].setdefault(
            text, _Recommended(_value(row["report"]), _value(row["draft"]), text)
        )
        if (key := _title_key(row["title"])) is not None:
            entry.titles.add(key)
    return texts


def _link_resolutions_to_reports(store: ox.Store, graph: Graph) -> list[Inconsistency]:
    recommended = _recommended_texts(store)
    printed: dict[str, tuple[str, str, set[tuple[str, str]]]] = {}
    for row in _rows(store, _PRINTED_REPORTS):
        resolution = _value(row["resolution"])
        entry = printed.setdefault(
            resolution, (_value(row["symbol"]), _value(row["report_symbol"]), set())
        )
        if (key := _title_key(row["title"])) is not None:
            entry[2].add(key)
    matches: dict[str, list[tuple[str, _Recommended]]] = defaultdict(list)
    warnings: list[Inconsistency] = []
    for resolution, (symbol, report_symbol, titles) in sorted(printed.items()):
        candidates = list(recommended.get(report_symbol, {}).values())
        if not candidates:
            continue  # the report is not in the store: the printed link is all there is
        for report in {c.report for c in candidates}:
            graph.add((URIRef(resolution), UNKG.adoptedOnReport, URIRef(report)))
        chosen = _match(candidates, titles)
        if chosen is None:
            warnings.append(
                _warning(
                    symbol,
                    f"adopted on the report {report_symbol}, which recommends "
                    f"{len(candidates)} texts; none or more than one has the title of the "
                    "resolution, so it is linked to none of them",
                )
            )
            continue
        matches[chosen.text].append((resolution, chosen))
    for text, claims in sorted(matches.items()):
        if len(claims) > 1:
            names = ", ".join(sorted(printed[resolution][0] for resolution, _ in claims))
            warnings.append(_warning(names, f"several resolutions match one text ({text})"))
            continue
        resolution, chosen = claims[0]
        for source in (chosen.draft, chosen.text):
            _adopted(graph, URIRef(source), URIRef(resolution))
    return warnings


def _match(candidates: list[_Recommended], titles: set[tuple[str, str]]) -> _Recommended | None:
    """The only text, else the only one whose title is the resolution's."""
    if len(candidates) == 1:
        return candidates[0]
    titled = [c for c in candidates if c.titles & titles]
    return titled[0] if len(titled) == 1 else None


def _adopted(graph: Graph, source: URIRef, resolution: URIRef) -> None:
    graph.add((source, UNKG.adoptedAs, resolution))
    graph.add((resolution, UNKG.adoptedFrom, source))


def _link_drafts(store: ox.Store, graph: Graph) -> None:
    by_symbol: dict[str, set[str]] = defaultdict(set)
    adopted: dict[str, set[str]] = defaultdict(set)  # draft symbol -> resolutions
    revised: set[str] = set()  # drafts some source already links to their original
    for row in _rows(store, _DRAFTS):
        draft, symbol = _value(row["draft"]), _value(row["symbol"])
        by_symbol[symbol].add(draft)
        if row["resolution"] is not None:
            adopted[symbol].add(_value(row["resolution"]))
        if row["original"] is not None:
            revised.add(draft)
    for symbol, resolutions in adopted.items():
        for draft in by_symbol[symbol]:
            for resolution in resolutions:
                _adopted(graph, URIRef(draft), URIRef(resolution))
    for symbol, drafts in by_symbol.items():
        originals = by_symbol.get(_original(symbol) or "", set())
        for draft in drafts - revised:
            for original in originals:
                graph.add((URIRef(draft), UNKG.isRevisionOf, URIRef(original)))


def _original(symbol: str) -> str | None:
    """`A/C.3/77/L.8/Rev.1` -> `A/C.3/77/L.8`; None for a symbol that is no revision."""
    try:
        parsed = DocumentSymbol.parse(symbol)
    except SymbolError:
        return None
    return str(parsed.base) if parsed.revision is not None else None


def _warning(focus: str, message: str) -> Inconsistency:
    return Inconsistency("lifecycle-match", focus, message, "Warning")
