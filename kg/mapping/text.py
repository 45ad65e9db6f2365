"""Resolution texts -> RDF: preamble and operative paragraphs, sub-points, footnotes,
citations, instruments and mandates, each with the lines of the source it was read from.

IRIs (see kg.ids): the text is a component of an expression
(`{report}/fra/!draftResolution_V` for a text recommended in a report,
`{resolution}/eng/!main` for an adopted resolution); its parts are fragments of the
component: `preamble`, `preamble__para_4`, `para_3`, `para_6__point_a`, `ftn_12`,
`para_3__cit_1`, `para_3__mandate_1`.

Citations point to the work IRI of what they cite, the IRI of its symbol; a citation without a
symbol (an instrument) has no `unkg:citationTarget`. A cited resolution or decision takes as its
work date the date this source prints for it: the citation's own, or else the first date another
citation of the same source (any of a report's texts) prints for the symbol; none is invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ids import ActorId, ComponentId, ConceptId, DocumentId, ExpressionId, IriMinter, PartId
from kg.mapping.terms import (
    actor_iri,
    add_provenance,
    add_type,
    integer,
    session_iri,
)
from kg.model import (
    ActorRef,
    Citation,
    CitedKind,
    CollectiveAddressee,
    Mandate,
    Paragraph,
    ParagraphKind,
    ResolutionText,
)
from kg.vocab import UNKG

CITED_KINDS = {
    CitedKind.RESOLUTION: UNKG.kind_resolution,
    CitedKind.DECISION: UNKG.kind_decision,
    CitedKind.DOCUMENT: UNKG.kind_document,
    CitedKind.INSTRUMENT: UNKG.kind_instrument,
}
TARGET_KINDS = {
    CitedKind.RESOLUTION: "resolution",
    CitedKind.DECISION: "decision",
    CitedKind.DOCUMENT: "document",
}


@dataclass(frozen=True)
class TextFrame:
    """Where a text's triples go and what its nodes hang on."""

    graph: Graph
    minter: IriMinter
    component: ComponentId
    expression: URIRef  # the expression the text was read from (provenance)
    language: str


def phrase_iri(minter: IriMinter, key: str) -> URIRef:
    return minter.iri(ConceptId("phrase", key.replace("_", "-")))


def instrument_iri(minter: IriMinter, code: str) -> URIRef:
    return minter.iri(ConceptId("instrument", code.lower()))


def addressee_concept_iri(minter: IriMinter, key: str) -> URIRef:
    """A collective addressee of kg/reference/data/addressees.tsv (`addressee-states-parties`)."""
    return minter.iri(ConceptId("addressee", key))


def funding_iri(minter: IriMinter, key: str) -> URIRef:
    """A funding condition of kg/reference/data/funding_conditions.tsv."""
    return minter.iri(ConceptId("funding", key))


def _addressee_iri(minter: IriMinter, addressee: ActorRef | CollectiveAddressee) -> URIRef:
    if isinstance(addressee, CollectiveAddressee):
        return addressee_concept_iri(minter, addressee.concept)
    return actor_iri(minter, addressee)


def map_text_body(
    frame: TextFrame, text: ResolutionText, dates: Mapping[str, dt.date] | None = None
) -> URIRef:
    """The component node with its title, formula, preamble, paragraphs and footnotes.

    `dates` (symbol -> date) dates the citations that print none: by default from this text's
    own citations; a report passes those of all its texts (`known_citation_dates`)."""
    graph, minter = frame.graph, frame.minter
    node = minter.iri(frame.component)
    graph.add((node, DCTERMS.title, Literal(text.title, lang=frame.language)))
    graph.add((node, UNKG.formula, Literal(text.formula, lang=frame.language)))
    add_provenance(graph, node, text.span, frame.expression)
    if dates is None:
        dates = known_citation_dates([text])
    preamble = minter.iri(PartId(frame.component, "preamble"))
    add_type(graph, preamble, UNKG.Preamble)
    graph.add((node, UNKG.hasPreamble, preamble))
    for paragraph in text.preamble:
        graph.add((preamble, UNKG.hasParagraph, _map_paragraph(frame, paragraph, dates)))
    for paragraph in text.operative:
        graph.add((node, UNKG.hasParagraph, _map_paragraph(frame, paragraph, dates)))
    for index, annex in enumerate(text.annexes, start=1):
        item = minter.iri(PartId(frame.component, f"annex_{index}"))
        add_type(graph, item, UNKG.Annex)
        graph.add((node, UNKG.hasAnnex, item))
        graph.add((item, DCTERMS.title, Literal(annex.title, lang=frame.language)))
        add_provenance(graph, item, annex.span, frame.expression)
        for position, paragraph in enumerate((*annex.introduction, *annex.paragraphs), start=1):
            local = f"annex_{index}__para_{position}"
            graph.add((item, UNKG.hasParagraph, _map_paragraph(frame, paragraph, dates, local)))
    for footnote in text.footnotes:
        item = minter.iri(PartId(frame.component, f"ftn_{footnote.number}"))
        add_type(graph, item, UNKG.Footnote)
        graph.add((node, UNKG.hasFootnote, item))
        graph.add((item, UNKG.footnoteNumber, integer(footnote.number)))
        graph.add((item, UNKG.text, Literal(footnote.text, lang=frame.language)))
        add_provenance(graph, item, footnote.span, frame.expression)
    return node


def _paragraph_local(paragraph: Paragraph) -> str:
    if paragraph.kind is ParagraphKind.PREAMBULAR:
        return f"preamble__para_{paragraph.number}"
    return f"para_{paragraph.number}"


def _map_paragraph(
    frame: TextFrame,
    paragraph: Paragraph,
    dates: Mapping[str, dt.date],
    annex_local: str | None = None,
) -> URIRef:
    """A paragraph of the text, or (with `annex_local`) a paragraph of an annex."""
    graph, minter = frame.graph, frame.minter
    local = annex_local or _paragraph_local(paragraph)
    node = minter.iri(PartId(frame.component, local))
    if annex_local is not None:
        cls = UNKG.Paragraph
    elif paragraph.kind is ParagraphKind.PREAMBULAR:
        cls = UNKG.PreambularParagraph
    else:
        cls = UNKG.OperativeParagraph
    add_type(graph, node, cls)
    graph.add((node, UNKG.paragraphNumber, integer(paragraph.number)))
    graph.add((node, UNKG.text, Literal(paragraph.text, lang=frame.language)))
    if paragraph.opening_phrase is not None:
        graph.add((node, UNKG.openingPhrase, phrase_iri(minter, paragraph.opening_phrase)))
    for modifier in paragraph.opening_modifiers:
        graph.add((node, UNKG.openingModifier, Literal(modifier, lang=frame.language)))
    add_provenance(graph, node, paragraph.span, frame.expression)
    for number in paragraph.footnote_calls:
        graph.add((node, UNKG.callsFootnote, minter.iri(PartId(frame.component, f"ftn_{number}"))))
    for point in paragraph.sub_paragraphs:
        item = minter.iri(PartId(frame.component, f"{local}__point_{point.label}"))
        add_type(graph, item, UNKG.SubParagraph)
        graph.add((node, UNKG.hasSubParagraph, item))
        graph.add((item, UNKG.subParagraphLabel, Literal(point.label)))
        graph.add((item, UNKG.text, Literal(point.text, lang=frame.language)))
        add_provenance(graph, item, point.span, frame.expression)
    for index, citation in enumerate(paragraph.citations, start=1):
        _map_citation(frame, node, f"{local}__cit_{index}", citation, dates)
    for mention in paragraph.instruments:
        instrument = instrument_iri(minter, mention.code)
        graph.add((node, UNKG.citesInstrument, instrument))
    for index, mandate in enumerate(paragraph.mandates, start=1):
        item = minter.iri(PartId(frame.component, f"{local}__mandate_{index}"))
        add_type(graph, item, UNKG.Mandate)
        graph.add((node, UNKG.hasMandate, item))
        _map_mandate(frame, item, mandate)
        add_provenance(graph, item, mandate.span, frame.expression)
    return node


def _map_mandate(frame: TextFrame, item: URIRef, mandate: Mandate) -> None:
    graph, minter = frame.graph, frame.minter
    addressee = mandate.addressee
    graph.add((item, UNKG.addressee, _addressee_iri(minter, addressee)))
    if isinstance(addressee, CollectiveAddressee):
        # The instrument of `States parties to the Convention`, the body of `States members of
        # the Institute`: on the mandate, the concept being shared by every text.
        if addressee.instrument is not None:
            scope = instrument_iri(minter, addressee.instrument)
            graph.add((item, UNKG.addresseeScope, scope))
        if addressee.body is not None:
            graph.add((item, UNKG.addresseeScope, actor_iri(minter, addressee.body)))
    graph.add((item, UNKG.action, phrase_iri(minter, mandate.action)))
    if mandate.deliverable:
        graph.add((item, UNKG.deliverable, Literal(mandate.deliverable, lang=frame.language)))
    if mandate.due_session is not None:
        body = mandate.due_body or "un-ga"
        session = session_iri(minter, body, mandate.due_session)
        graph.add((item, UNKG.dueSession, session))
        if body != "un-ga":  # sessions of the Assembly are reference data
            add_type(graph, session, UNKG.Session)
            graph.add((session, UNKG.sessionNumber, integer(mandate.due_session)))
            graph.add((session, UNKG.body, minter.iri(ActorId("body", body))))
    if mandate.funding is not None:
        graph.add((item, UNKG.fundingCondition, funding_iri(minter, mandate.funding)))


def known_citation_dates(texts: Iterable[ResolutionText]) -> dict[str, dt.date]:
    """Symbol -> date, from the citations that print a date, in document order (the first date
    printed for a symbol wins; a citation printing another keeps its own)."""
    dates: dict[str, dt.date] = {}
    for text in texts:
        annexed = (p for annex in text.annexes for p in (*annex.introduction, *annex.paragraphs))
        for paragraph in (*text.preamble, *text.operative, *annexed):
            for citation in paragraph.citations:
                if citation.symbol and citation.date:
                    dates.setdefault(citation.symbol, citation.date)
    return dates


def _map_citation(
    frame: TextFrame,
    paragraph: URIRef,
    local: str,
    citation: Citation,
    dates: Mapping[str, dt.date],
) -> None:
    graph, minter = frame.graph, frame.minter
    node = minter.iri(PartId(frame.component, local))
    add_type(graph, node, UNKG.Citation)
    graph.add((paragraph, UNKG.hasCitation, node))
    graph.add((node, UNKG.citedKind, CITED_KINDS[citation.kind]))
    graph.add((node, UNKG.citedNumber, Literal(citation.number)))
    graph.add((node, UNKG.text, Literal(citation.text, lang=frame.language)))
    if citation.body is not None:
        graph.add((node, UNKG.citedBody, actor_iri(minter, ActorRef("body", citation.body))))
    if citation.date is not None:
        graph.add((node, DCTERMS.date, Literal(citation.date)))
    add_provenance(graph, node, citation.span, frame.expression)
    target = _target(frame, citation, dates)
    if target is not None:
        graph.add((node, UNKG.citationTarget, target))


def _target(frame: TextFrame, citation: Citation, dates: Mapping[str, dt.date]) -> URIRef | None:
    kind = TARGET_KINDS.get(citation.kind)
    if kind is None or citation.symbol is None:
        return None
    graph = frame.graph
    node = frame.minter.iri(DocumentId(citation.symbol))
    add_type(
        graph,
        node,
        UNKG.OtherDocument
        if kind == "document"
        else (UNKG.Resolution if kind == "resolution" else UNKG.Decision),
    )
    graph.add((node, DCTERMS.identifier, Literal(citation.symbol)))
    add_provenance(graph, node, citation.span, frame.expression)
    # One date per symbol and source (the first printed): a citation printing another date
    # keeps it on the citation itself, and the build warns that the sources disagree.
    printed = dates.get(citation.symbol)
    if kind != "document" and printed is not None:
        graph.add((node, UNKG.workDate, Literal(printed)))
    return node


def text_frame_for_expression(
    graph: Graph,
    minter: IriMinter,
    expression: ExpressionId,
    component: str,
    *,
    language: str,
) -> TextFrame:
    return TextFrame(
        graph=graph,
        minter=minter,
        component=ComponentId(expression, component),
        expression=minter.iri(expression),
        language=language,
    )
