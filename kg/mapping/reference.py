"""Reference data (States, groups of States, bodies, GA sessions) -> RDF.

The reference graph is its own named graph in the store; report graphs point into it.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.ids import ActorId, ExternalLinks, IriMinter
from kg.mapping.terms import add_type, integer, new_graph, session_iri
from kg.mapping.text import addressee_concept_iri, funding_iri, instrument_iri, phrase_iri
from kg.parse.instruments import InstrumentTable, load_instruments
from kg.parse.mandate_terms import Term, load_addressees, load_funding_conditions
from kg.parse.phrases import load_phrases
from kg.reference.states import Body, Group, Names, ReferenceData, State
from kg.vocab import UNKG

PHRASE_LANGUAGES = ("fr", "en")
STATUS = {
    "member": (UNKG.MemberState, UNKG.status_member),
    "observer": (UNKG.ObserverState, UNKG.status_observer),
}


def map_reference(
    reference: ReferenceData, minter: IriMinter, instruments: InstrumentTable | None = None
) -> Graph:
    graph = new_graph()
    _map_instruments(graph, minter, instruments if instruments is not None else load_instruments())
    for state in reference.states.values():
        _map_state(graph, minter, state)
    for group in reference.groups.values():
        _map_group(graph, minter, group)
    for body in reference.bodies.values():
        _map_body(graph, minter, body)
    _map_phrases(graph, minter)
    _map_terms(graph, load_addressees(), addressee_concept_iri, minter, UNKG.AddresseeScheme)
    _map_terms(graph, load_funding_conditions(), funding_iri, minter, UNKG.FundingConditionScheme)
    for session in reference.sessions:
        node = session_iri(minter, "un-ga", session.number)
        add_type(graph, node, UNKG.Session)
        graph.add((node, UNKG.sessionNumber, integer(session.number)))
        graph.add((node, UNKG.body, minter.iri(ActorId("body", "un-ga"))))
        graph.add((node, UNKG.openingDate, Literal(session.opening)))
        if session.closing is not None:
            graph.add((node, UNKG.closingDate, Literal(session.closing)))
    return graph


def _add_names(graph: Graph, node: URIRef, names: Names) -> None:
    for language, localized in sorted(names.items()):
        graph.add((node, SKOS.prefLabel, Literal(localized.short, lang=language)))
        graph.add((node, UNKG.formalName, Literal(localized.formal, lang=language)))
        for alias in localized.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias, lang=language)))


def _map_state(graph: Graph, minter: IriMinter, state: State) -> None:
    node = minter.iri(ActorId("state", state.iso3))
    cls, status = STATUS[state.status]
    add_type(graph, node, cls)
    graph.add((node, UNKG.iso3166Alpha3, Literal(state.iso3)))
    # The link is derived from the ISO code the reference data holds, never from a name.
    graph.add((node, SKOS.exactMatch, ExternalLinks.country(state.iso3)))
    graph.add((node, UNKG.iso3166Alpha2, Literal(state.iso2)))
    graph.add((node, UNKG.m49Code, Literal(state.m49)))
    graph.add((node, UNKG.membershipStatus, status))
    _add_names(graph, node, state.names)


def _map_group(graph: Graph, minter: IriMinter, group: Group) -> None:
    node = minter.iri(ActorId("group", group.code))
    add_type(graph, node, UNKG.GroupOfStates)
    graph.add((node, SKOS.notation, Literal(group.code)))
    _add_names(graph, node, group.names)
    for iso3 in group.members:
        graph.add((minter.iri(ActorId("state", iso3)), UNKG.memberOf, node))


def _map_body(graph: Graph, minter: IriMinter, body: Body) -> None:
    node = minter.iri(ActorId("body", body.code))
    add_type(graph, node, UNKG.Body)
    graph.add((node, SKOS.notation, Literal(body.code)))
    _add_names(graph, node, body.names)
    if body.parent:
        graph.add((node, UNKG.parentBody, minter.iri(ActorId("body", body.parent))))


def _map_phrases(graph: Graph, minter: IriMinter) -> None:
    """Opening phrases as SKOS concepts, labelled in every language that has a phrase table."""
    tables = [load_phrases(language) for language in PHRASE_LANGUAGES]
    keys = sorted({key for table in tables for key in table.keys()})  # noqa: SIM118 (not a dict)
    for key in keys:
        node = phrase_iri(minter, key)
        add_type(graph, node, SKOS.Concept)
        graph.add((node, SKOS.inScheme, UNKG.OpeningPhraseScheme))
        graph.add((node, SKOS.notation, Literal(key)))
        labels: dict[str, str] = {}
        for table in tables:
            if key in table.keys():  # noqa: SIM118 (a PhraseTable, not a dict)
                labels.update(table.labels(key))
        for language, label in sorted(labels.items()):
            graph.add((node, SKOS.prefLabel, Literal(label, lang=language)))


def _map_terms(
    graph: Graph,
    terms: tuple[Term, ...],
    iri: Callable[[IriMinter, str], URIRef],
    minter: IriMinter,
    scheme: URIRef,
) -> None:
    """Collective addressees and funding conditions as SKOS concepts of their scheme; a
    collective addressee is also an actor (what a mandate's addressee is)."""
    for term in terms:
        node = iri(minter, term.key)
        add_type(graph, node, SKOS.Concept)
        if scheme == UNKG.AddresseeScheme:
            add_type(graph, node, UNKG.CollectiveAddressee)
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(term.key)))
        for language, label in sorted(term.labels.items()):
            graph.add((node, SKOS.prefLabel, Literal(label, lang=language)))


def _map_instruments(graph: Graph, minter: IriMinter, table: InstrumentTable) -> None:
    for code, instrument in sorted(table.instruments.items()):
        node = instrument_iri(minter, code)
        add_type(graph, node, UNKG.Instrument)
        graph.add((node, SKOS.notation, Literal(code)))
        for language, (name, *aliases) in sorted(instrument.names.items()):
            graph.add((node, SKOS.prefLabel, Literal(name, lang=language)))
            for alias in aliases:
                graph.add((node, SKOS.altLabel, Literal(alias, lang=language)))
        if instrument.unts_volume is not None:
            graph.add((node, UNKG.untsVolume, integer(instrument.unts_volume)))
        if instrument.unts_number is not None:
            graph.add((node, UNKG.untsNumber, integer(instrument.unts_number)))
