"""A draft issued under its own symbol (A/77/L.34) -> its RDF graph.

The draft is a work typed `unkg:DraftResolution` (its IRI from its symbol alone, the one a report
or a resolution mentioning it mints too), dated by its issue date (`Distr.: Limited
30 November 2022`), before the body its symbol names (`A/77/L.34`: the plenary, `A/C.3/...`:
the Third Committee); its expression in the language of the file carries the text, mapped as
any resolution text. Its sponsors as listed are sponsorships with phase `original`, recorded
by the draft itself (their provenance is the sponsors line; their IRIs end `_in_{symbol}` like
every record, so a report's sponsorships of the same draft stay apart).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

from kg.ids import DocumentId, ExpressionId, IriMinter, PartId, recorded_local
from kg.mapping.links import add_links
from kg.mapping.report import actor_key
from kg.mapping.resolution import add_expression
from kg.mapping.terms import (
    PHASES,
    actor_iri,
    add_provenance,
    add_type,
    integer,
    new_graph,
    session_iri,
)
from kg.mapping.text import map_text_body, text_frame_for_expression
from kg.model import ActorRef, DraftDocument
from kg.parse.lexicon import LEXICONS
from kg.vocab import UNKG


def map_draft_document(draft: DraftDocument, minter: IriMinter) -> Graph:
    graph = new_graph()
    work = DocumentId(draft.symbol)
    lexicon = LEXICONS[draft.language]
    expression_id = ExpressionId(work, lexicon.akn_language)
    node, expression = minter.iri(work), minter.iri(expression_id)
    add_type(graph, node, UNKG.DraftResolution)
    graph.add((node, DCTERMS.identifier, Literal(draft.symbol)))
    graph.add((node, DCTERMS.title, Literal(draft.title, lang=draft.language)))
    graph.add((node, UNKG.body, actor_iri(minter, ActorRef("body", draft.body))))
    graph.add((node, UNKG.session, session_iri(minter, "un-ga", draft.session)))
    graph.add((node, UNKG.workDate, Literal(draft.issue_date)))
    for number in draft.agenda_items:
        graph.add((node, UNKG.agendaItemNumber, integer(number)))
    add_expression(graph, node, expression, replace(draft.text, span=draft.span))
    repeats: Counter[tuple[str, ...]] = Counter()
    for sponsorship in draft.sponsorships:
        # A State listed twice keeps both nodes (a repeat), so the shapes report it.
        keys = (sponsorship.phase.value, actor_key(sponsorship.actor))
        repeats[keys] += 1
        local = recorded_local("sponsorship", keys, draft.symbol, repeats[keys])
        item = minter.iri(PartId(work, local))
        add_type(graph, item, UNKG.Sponsorship)
        graph.add((item, UNKG.sponsorshipOf, node))
        graph.add((item, UNKG.sponsor, actor_iri(minter, sponsorship.actor)))
        graph.add((item, UNKG.phase, PHASES[sponsorship.phase]))
        add_provenance(graph, item, sponsorship.span, expression)
    frame = text_frame_for_expression(graph, minter, expression_id, "main", language=draft.language)
    main = map_text_body(frame, draft.text)
    add_type(graph, main, UNKG.ResolutionText)
    graph.add((expression, UNKG.hasPart, main))
    add_links(graph, minter)
    return graph
