"""Shared mapping helpers: namespaces bound in every graph, actor IRIs, concept IRIs, provenance."""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS

from kg.ids import ActorId, IriMinter, MeetingId, OfficeId, SessionId
from kg.model import (
    ActorRef,
    AdoptionMethod,
    AmendmentOutcome,
    MeetingRef,
    OfficeRef,
    SourceSpan,
    SponsorshipPhase,
    StatementTiming,
    SubmissionMode,
    VoteChoice,
    VoteOutcome,
)
from kg.vocab import UNKG

# EU Publications Office language authority: stable IRIs for the six UN languages.
LANGUAGE_AUTHORITY = Namespace("http://publications.europa.eu/resource/authority/language/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")

PREFIXES: dict[str, Namespace] = {
    "unkg": Namespace(str(UNKG)),
    "dcterms": Namespace(str(DCTERMS)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "owl": Namespace(str(OWL)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "eli": ELI,
    "org": ORG,
    "lang": LANGUAGE_AUTHORITY,
}

PHASES = {
    SponsorshipPhase.ORIGINAL: UNKG.phase_original,
    SponsorshipPhase.LATER: UNKG.phase_later,
    SponsorshipPhase.AT_MEETING: UNKG.phase_at_meeting,
}
TIMINGS = {
    StatementTiming.BEFORE_ADOPTION: UNKG.timing_before_adoption,
    StatementTiming.AFTER_ADOPTION: UNKG.timing_after_adoption,
    StatementTiming.AT_MEETING: UNKG.timing_at_meeting,
}
METHODS = {
    AdoptionMethod.WITHOUT_VOTE: UNKG.method_without_vote,
    AdoptionMethod.RECORDED_VOTE: UNKG.method_recorded_vote,
    AdoptionMethod.NOT_STATED: UNKG.method_not_stated,
}
SUBMISSION_MODES = {
    SubmissionMode.ON_RECOMMENDATION: UNKG.mode_on_recommendation,
    SubmissionMode.ON_BEHALF_OF_GROUP: UNKG.mode_on_behalf_of_group,
    SubmissionMode.BY_STATES: UNKG.mode_by_states,
    SubmissionMode.BY_OFFICE: UNKG.mode_by_office,
}
VOTE_OUTCOMES = {
    VoteOutcome.RETAINED: UNKG.outcome_retained,
    VoteOutcome.DELETED: UNKG.outcome_deleted,
}
AMENDMENT_OUTCOMES = {
    AmendmentOutcome.ADOPTED: UNKG.amendment_adopted,
    AmendmentOutcome.REJECTED: UNKG.amendment_rejected,
    AmendmentOutcome.WITHDRAWN: UNKG.amendment_withdrawn,
}
VOTE_CHOICES = {
    VoteChoice.YES: UNKG.vote_yes,
    VoteChoice.NO: UNKG.vote_no,
    VoteChoice.ABSTAIN: UNKG.vote_abstain,
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def actor_iri(minter: IriMinter, actor: ActorRef) -> URIRef:
    return minter.iri(ActorId(actor.kind, actor.code))


def office_iri(minter: IriMinter, office: OfficeRef) -> URIRef:
    return minter.iri(OfficeId(office.body, office.role))


def meeting_iri(minter: IriMinter, meeting: MeetingRef) -> URIRef:
    return minter.iri(MeetingId(meeting.body, meeting.session, meeting.number))


def session_iri(minter: IriMinter, body: str, number: int) -> URIRef:
    return minter.iri(SessionId(body, number))


def integer(value: int) -> Literal:
    # xsd:integer, never a derived type: Oxigraph would rewrite it on load.
    return Literal(value, datatype=XSD.integer)


def add_provenance(graph: Graph, node: URIRef, span: SourceSpan, expression: URIRef) -> None:
    """Where a node was read: the expression and its line span (the first mention only)."""
    if (node, UNKG.sourceLineStart, None) in graph:
        return
    graph.add((node, UNKG.sourceDocument, expression))
    graph.add((node, UNKG.sourceLineStart, integer(span.start_line)))
    graph.add((node, UNKG.sourceLineEnd, integer(span.end_line)))


def add_type(graph: Graph, node: URIRef, cls: URIRef) -> None:
    graph.add((node, RDF.type, cls))
