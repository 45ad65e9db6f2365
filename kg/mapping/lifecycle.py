"""What an adopted resolution prints about where it came from -> links to those documents.

`[without reference to a Main Committee (A/77/L.34)]` names the draft the Assembly adopted: the
resolution is `unkg:adoptedFrom` that draft and the draft `unkg:adoptedAs` the resolution.
`[on the report of the Third Committee (A/77/462, para. 35)]` names the report:
`unkg:adoptedOnReport`. Which text of the report it was (a report may recommend several) is
matched across documents once both are in the store (kg.lifecycle), never guessed here.

The documents are known here only by their symbol, and their IRIs come from the symbol alone
(kg.ids), so the draft named here is the node the draft document or a report describes when it
is loaded too. Nothing is said of them that the resolution does not print: no date (the
resolution's adoption is not the draft's issue). Queries and the cross-document step join on
`dcterms:identifier`.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ids import DocumentId, IriMinter
from kg.mapping.terms import add_type
from kg.model import ResolutionText
from kg.symbols import DocumentSymbol, find_symbols
from kg.vocab import UNKG


def map_printed_origin(
    graph: Graph, minter: IriMinter, text: ResolutionText, resolution: URIRef
) -> None:
    """Link an adopted resolution to the drafts and the report its header prints."""
    for symbol in adopted_drafts(text.draft_symbols):
        draft = _draft_node(graph, minter, symbol)
        graph.add((resolution, UNKG.adoptedFrom, draft))
        graph.add((draft, UNKG.adoptedAs, resolution))
    report = printed_report(text.adopted_on_report)
    if report is not None:
        node = minter.iri(DocumentId(str(report)))
        graph.add((node, DCTERMS.identifier, Literal(str(report))))
        graph.add((resolution, UNKG.adoptedOnReport, node))


def adopted_drafts(symbols: tuple[str, ...]) -> list[DocumentSymbol]:
    """The drafts among the printed symbols: `A/73/L.6 and A/73/L.6/Add.1` is one draft, the
    addendum only adds sponsors to it."""
    parsed = [DocumentSymbol.parse(symbol) for symbol in symbols]
    return [s for s in parsed if s.document_type == "draft" and not _is_addendum(s)]


def printed_report(printed: str | None) -> DocumentSymbol | None:
    """`A/77/462, para. 35` -> A/77/462 (the paragraph is where the report recommends)."""
    if printed is None:
        return None
    found = find_symbols(printed)
    return found[0][0] if found else None


def _is_addendum(symbol: DocumentSymbol) -> bool:
    return any(kind == "Add" for kind, _ in symbol.suffixes)


def _draft_node(graph: Graph, minter: IriMinter, symbol: DocumentSymbol) -> URIRef:
    node = minter.iri(DocumentId(str(symbol)))
    _describe_draft(graph, node, symbol)
    if symbol.revision is not None:
        original_node = minter.iri(DocumentId(str(symbol.base)))
        _describe_draft(graph, original_node, symbol.base)
        graph.add((node, UNKG.isRevisionOf, original_node))
    return node


def _describe_draft(graph: Graph, node: URIRef, symbol: DocumentSymbol) -> None:
    add_type(graph, node, UNKG.DraftResolution)
    graph.add((node, DCTERMS.identifier, Literal(str(symbol))))
