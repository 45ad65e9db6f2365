"""Reference data (States, groups of States, bodies, GA sessions) -> RDF.

The reference graph is its own named graph in the store; report graphs point into it.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.ids import ActorId, IriMinter
from kg.mapping.terms import add_type, integer, new_graph, session_iri
from kg.reference.states import Body, Group, Names, ReferenceData, State
from kg.vocab import UNKG

STATUS = {
    "member": (UNKG.MemberState, UNKG.status_member),
    "observer": (UNKG.ObserverState, UNKG.status_observer),
}


def map_reference(reference: ReferenceData, minter: IriMinter) -> Graph:
    graph = new_graph()
    for state in reference.states.values():
        _map_state(graph, minter, state)
    for group in reference.groups.values():
        _map_group(graph, minter, group)
    for body in reference.bodies.values():
        _map_body(graph, minter, body)
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
