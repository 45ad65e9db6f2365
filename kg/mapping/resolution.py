"""An adopted resolution issued under its own symbol (A/RES/73/6) -> its RDF graph.

The work's IRI is its symbol's (kg.ids); its adoption date is its work date, and the issue date
the text prints (`Distr.: General 31 October 2018`) is the expression's `dcterms:issued`.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import InputError, SourceLocation
from kg.ids import DocumentId, ExpressionId, IriMinter
from kg.mapping.lifecycle import map_printed_origin
from kg.mapping.links import add_links
from kg.mapping.terms import (
    LANGUAGE_AUTHORITY,
    actor_iri,
    add_provenance,
    add_type,
    integer,
    meeting_iri,
    new_graph,
    session_iri,
)
from kg.mapping.text import map_text_body, text_frame_for_expression
from kg.model import ActorRef, MeetingRef, ResolutionText
from kg.parse.lexicon import LEXICONS
from kg.vocab import UNKG


def add_expression(graph: Graph, work: URIRef, expression: URIRef, text: ResolutionText) -> None:
    """The expression of a work issued under its own symbol, in the language of `text`, read
    from the file `text` comes from (its lines are the work's provenance)."""
    lexicon = LEXICONS[text.language]
    graph.add((work, UNKG.isRealizedBy, expression))
    add_provenance(graph, work, text.span, expression)
    add_type(graph, expression, UNKG.Expression)
    graph.add((expression, UNKG.realizes, work))
    graph.add((expression, DCTERMS.language, LANGUAGE_AUTHORITY[lexicon.akn_language.upper()]))
    graph.add((expression, DCTERMS.source, Literal(text.source_name)))
    if text.issue_date is not None:
        graph.add((expression, DCTERMS.issued, Literal(text.issue_date)))


def map_resolution(text: ResolutionText, minter: IriMinter) -> Graph:
    if text.adoption_date is None:
        raise InputError(SourceLocation(text.source_name), "the adoption date of the resolution")
    graph = new_graph()
    work = DocumentId(text.symbol)
    lexicon = LEXICONS[text.language]
    expression_id = ExpressionId(work, lexicon.akn_language)
    node, expression = minter.iri(work), minter.iri(expression_id)
    add_type(graph, node, UNKG.Resolution)
    graph.add((node, DCTERMS.identifier, Literal(text.symbol)))
    graph.add((node, UNKG.resolutionNumber, Literal(text.label)))
    graph.add((node, DCTERMS.title, Literal(text.title, lang=text.language)))
    graph.add((node, UNKG.body, actor_iri(minter, ActorRef("body", "un-ga"))))
    graph.add((node, UNKG.workDate, Literal(text.adoption_date)))
    if text.session is not None:
        graph.add((node, UNKG.session, session_iri(minter, "un-ga", text.session)))
        if text.plenary_meeting is not None:
            meeting = meeting_iri(minter, MeetingRef("un-ga", text.session, text.plenary_meeting))
            graph.add((node, UNKG.meeting, meeting))
            add_type(graph, meeting, UNKG.Meeting)
            graph.add((meeting, UNKG.meetingNumber, integer(text.plenary_meeting)))
            graph.add((meeting, DCTERMS.date, Literal(text.adoption_date)))
            graph.add((meeting, UNKG.body, actor_iri(minter, ActorRef("body", "un-ga"))))
            graph.add((meeting, UNKG.session, session_iri(minter, "un-ga", text.session)))
            add_provenance(graph, meeting, text.span, expression)
    for item in text.agenda_items:
        graph.add((node, UNKG.agendaItemNumber, integer(item)))
    graph.add(
        (node, UNKG.withoutReferenceToCommittee, Literal(text.without_reference_to_committee))
    )
    map_printed_origin(graph, minter, text, node)
    add_expression(graph, node, expression, text)
    frame = text_frame_for_expression(graph, minter, expression_id, "main", language=text.language)
    main = map_text_body(frame, text)
    add_type(graph, main, UNKG.ResolutionText)
    graph.add((expression, UNKG.hasPart, main))
    add_links(graph, minter)
    return graph
