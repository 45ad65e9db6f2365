"""Links out and ELI terms, derived from what a document's graph already holds.

Run on the graph of one source once it is mapped, so that whichever mapping made a node (a
report listing a document, a citation, a resolution's header), the same rules apply:

- every document known by a symbol (`dcterms:identifier` on a work IRI) is typed
  `eli:LegalResource` and gets `rdfs:seeAlso` its official text (`https://undocs.org/{symbol}`);
  its work date, where it is a full date, is its `eli:date_document`;
- every expression held (`unkg:realizes`) is typed `eli:LegalExpression`, linked both ways by
  `eli:realizes` / `eli:is_realized_by`, and gets `rdfs:seeAlso` the official text in its
  language (`https://undocs.org/{lang}/{symbol}`, `lang` the UN two-letter code);
- a document whose text cites a document by symbol `eli:cites` it: a resolution or draft its own
  text, a report's recommended text the draft it is the text of (the report itself when the
  report names no such draft).

Nothing here reads an IRI to learn a symbol: symbols come from `dcterms:identifier`; IRIs are
parsed (kg.ids) only to tell a work, an expression and a text component apart.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ids import (
    ComponentId,
    DocumentId,
    ExpressionId,
    ExternalLinks,
    IdentifierError,
    IriMinter,
    PartId,
)
from kg.mapping.terms import ELI, LANGUAGE_AUTHORITY
from kg.parse.lexicon import LEXICONS
from kg.vocab import UNKG

# ISO 639-2/T (the EU language authority's code, lower case) -> UN two-letter code (ISO 639-1).
UN_LANGUAGE_CODES = {lexicon.akn_language: code for code, lexicon in LEXICONS.items()}


def add_links(graph: Graph, minter: IriMinter) -> None:
    for node, symbol in list(graph.subject_objects(DCTERMS.identifier)):
        if isinstance(node, URIRef) and isinstance(_parsed(minter, node), DocumentId):
            _link_document(graph, node, str(symbol))
    for expression, work in list(graph.subject_objects(UNKG.realizes)):
        identifier = graph.value(work, DCTERMS.identifier)
        if isinstance(expression, URIRef) and isinstance(work, URIRef) and identifier is not None:
            _link_expression(graph, expression, work, str(identifier))
    for citation, cited in list(graph.subject_objects(UNKG.citationTarget)):
        citing = _citing_document(graph, minter, citation)
        if citing is not None and isinstance(_parsed(minter, cited), DocumentId):
            graph.add((citing, ELI.cites, cited))


def _parsed(minter: IriMinter, node: object) -> object:
    if not isinstance(node, URIRef):
        return None
    try:
        return minter.parse(str(node))
    except IdentifierError:
        return None  # not one of ours (an external IRI)


def _link_document(graph: Graph, node: URIRef, symbol: str) -> None:
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, RDFS.seeAlso, ExternalLinks.official_text(symbol)))
    for date in graph.objects(node, UNKG.workDate):
        if isinstance(date, Literal) and date.datatype == XSD.date:
            graph.add((node, ELI.date_document, date))


def _link_expression(graph: Graph, expression: URIRef, work: URIRef, symbol: str) -> None:
    graph.add((expression, RDF.type, ELI.LegalExpression))
    graph.add((expression, ELI.realizes, work))
    graph.add((work, ELI.is_realized_by, expression))
    for language in graph.objects(expression, DCTERMS.language):
        code = str(language).removeprefix(str(LANGUAGE_AUTHORITY)).lower()
        if code in UN_LANGUAGE_CODES:
            link = ExternalLinks.official_text(symbol, UN_LANGUAGE_CODES[code])
            graph.add((expression, RDFS.seeAlso, link))


def _citing_document(graph: Graph, minter: IriMinter, citation: object) -> URIRef | None:
    """The document whose text holds the citation: the work of the text's expression, or, for a
    text a report recommends, the draft the report gives it as the text of."""
    part = _parsed(minter, citation)
    if not isinstance(part, PartId) or not isinstance(part.document, ComponentId):
        return None
    component, owner = part.document, part.document.owner
    text = minter.iri(component)
    draft = graph.value(None, UNKG.recommendedText, text)
    if isinstance(draft, URIRef):
        return draft
    work = owner.work if isinstance(owner, ExpressionId) else owner
    return minter.iri(work)
