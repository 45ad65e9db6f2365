"""The UN-KG ontology vocabulary as a closed Python namespace.

`UNKG` lists every class, property, concept scheme and concept declared in
``ontology/unkg.ttl``; a misspelt term fails twice: ``mypy`` reports an unknown attribute and,
at run time, the namespace raises ``AttributeError`` instead of minting a new IRI.
``tests/test_vocab.py`` checks that this list and the Turtle file declare the same terms.

The Turtle file ships inside the package as ``kg/resources/unkg.ttl`` (a symbolic link to
``ontology/unkg.ttl`` in the source tree); `ontology_path` finds it either way.
"""

# ruff: noqa: N815  (the attribute names are the ontology's camelCase local names)

import importlib.resources
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["ONTOLOGY_IRI", "ONTOLOGY_NAMESPACE", "UNKG", "ontology_path"]

ONTOLOGY_NAMESPACE: str = "https://w3id.org/unkg/ontology#"
"""The namespace of every term of the ontology (prefix ``unkg:``)."""

ONTOLOGY_IRI: str = "https://w3id.org/unkg/ontology"
"""The IRI of the ontology itself (the ``owl:Ontology`` resource)."""

_RESOURCE_NAME = "unkg.ttl"


class UNKG(DefinedNamespace):
    """Terms of the UN-KG ontology (``https://w3id.org/unkg/ontology#``).

    Concept local names (``phase_original``, ``vote_yes``...) are IRIs of SKOS concepts; the
    strings that queries return are their ``skos:notation`` values, not these names.
    """

    _NS = Namespace(ONTOLOGY_NAMESPACE)
    _fail = True

    # --- Classes ---
    Document: URIRef
    Expression: URIRef
    CommitteeReport: URIRef
    DraftResolution: URIRef
    ResolutionText: URIRef
    Resolution: URIRef
    Decision: URIRef
    SecretaryGeneralReport: URIRef
    Note: URIRef
    SummaryRecord: URIRef
    OtherDocument: URIRef
    Preamble: URIRef
    Paragraph: URIRef
    PreambularParagraph: URIRef
    OperativeParagraph: URIRef
    SubParagraph: URIRef
    Footnote: URIRef
    Citation: URIRef
    Instrument: URIRef
    Mandate: URIRef
    CollectiveAddressee: URIRef
    Event: URIRef
    Session: URIRef
    Meeting: URIRef
    Actor: URIRef
    State: URIRef
    MemberState: URIRef
    ObserverState: URIRef
    GroupOfStates: URIRef
    Body: URIRef
    Sponsorship: URIRef
    Statement: URIRef
    Adoption: URIRef
    Vote: URIRef
    Office: URIRef
    VotingEvent: URIRef
    ParagraphVote: URIRef
    Withdrawal: URIRef
    Amendment: URIRef
    OralRevision: URIRef
    BudgetImplications: URIRef
    SourceSpan: URIRef
    # Unions used as domains and ranges
    CitationTarget: URIRef
    GroupOrBody: URIRef
    DraftOrRecommendedText: URIRef
    ParagraphOrFootnote: URIRef
    DraftOrStatement: URIRef
    # --- Object properties ---
    realizes: URIRef
    isRealizedBy: URIRef
    hasPart: URIRef
    isPartOf: URIRef
    session: URIRef
    body: URIRef
    meeting: URIRef
    documentBefore: URIRef
    summaryRecord: URIRef
    recordOf: URIRef
    submittedBy: URIRef
    onBehalfOf: URIRef
    recommendedBy: URIRef
    submissionMode: URIRef
    consideredAt: URIRef
    recommendedIn: URIRef
    recommendedText: URIRef
    isRevisionOf: URIRef
    adoptedAs: URIRef
    adoptedFrom: URIRef
    adoptedOnReport: URIRef
    sponsorshipOf: URIRef
    sponsor: URIRef
    phase: URIRef
    speaker: URIRef
    concerns: URIRef
    timing: URIRef
    adoptionOf: URIRef
    adoptionMethod: URIRef
    hasVote: URIRef
    voter: URIRef
    voteChoice: URIRef
    officeOf: URIRef
    officeHolderState: URIRef
    voteOn: URIRef
    voteOutcome: URIRef
    withdrawalOf: URIRef
    inFavourOf: URIRef
    amends: URIRef
    amendmentOutcome: URIRef
    oralRevisionOf: URIRef
    budgetImplicationsOf: URIRef
    readBy: URIRef
    memberOf: URIRef
    parentBody: URIRef
    membershipStatus: URIRef
    sourceDocument: URIRef
    sourceSpan: URIRef
    hasPreamble: URIRef
    hasParagraph: URIRef
    hasSubParagraph: URIRef
    openingPhrase: URIRef
    openingModifier: URIRef
    hasFootnote: URIRef
    callsFootnote: URIRef
    hasCitation: URIRef
    citationTarget: URIRef
    citedBody: URIRef
    citedKind: URIRef
    citesInstrument: URIRef
    hasMandate: URIRef
    addressee: URIRef
    action: URIRef
    dueSession: URIRef
    addresseeScope: URIRef
    fundingCondition: URIRef
    # --- Datatype properties ---
    sessionNumber: URIRef
    meetingNumber: URIRef
    paragraphNumber: URIRef
    footnoteNumber: URIRef
    votesInFavour: URIRef
    votesAgainst: URIRef
    abstentions: URIRef
    sourceLineStart: URIRef
    sourceLineEnd: URIRef
    untsVolume: URIRef
    untsNumber: URIRef
    openingDate: URIRef
    closingDate: URIRef
    workDate: URIRef
    workYear: URIRef
    draftSection: URIRef
    recommendedAs: URIRef
    agendaItemTitle: URIRef
    agendaItemNumber: URIRef
    subParagraphLabel: URIRef
    text: URIRef
    deliverable: URIRef
    speakerRole: URIRef
    iso3166Alpha3: URIRef
    iso3166Alpha2: URIRef
    m49Code: URIRef
    formalName: URIRef
    hasBudgetImplications: URIRef
    citedNumber: URIRef
    Annex: URIRef
    hasAnnex: URIRef
    formula: URIRef
    resolutionNumber: URIRef
    onReport: URIRef
    withoutReferenceToCommittee: URIRef
    officeRole: URIRef
    votedPart: URIRef
    # --- Concept schemes ---
    SponsorshipPhaseScheme: URIRef
    StatementTimingScheme: URIRef
    AdoptionMethodScheme: URIRef
    SubmissionModeScheme: URIRef
    VoteChoiceScheme: URIRef
    MembershipStatusScheme: URIRef
    CitedKindScheme: URIRef
    OpeningPhraseScheme: URIRef
    MandateActionScheme: URIRef
    AddresseeScheme: URIRef
    FundingConditionScheme: URIRef
    VoteOutcomeScheme: URIRef
    AmendmentOutcomeScheme: URIRef
    # --- Concepts ---
    phase_original: URIRef
    phase_later: URIRef
    phase_at_meeting: URIRef
    timing_before_adoption: URIRef
    timing_after_adoption: URIRef
    timing_at_meeting: URIRef
    method_without_vote: URIRef
    method_recorded_vote: URIRef
    method_not_stated: URIRef
    mode_on_recommendation: URIRef
    mode_on_behalf_of_group: URIRef
    mode_by_states: URIRef
    mode_by_office: URIRef
    vote_yes: URIRef
    vote_no: URIRef
    vote_abstain: URIRef
    status_member: URIRef
    status_observer: URIRef
    kind_resolution: URIRef
    kind_decision: URIRef
    kind_document: URIRef
    kind_instrument: URIRef
    outcome_retained: URIRef
    outcome_deleted: URIRef
    amendment_adopted: URIRef
    amendment_rejected: URIRef
    amendment_withdrawn: URIRef


def ontology_path() -> Path:
    """Return the path of the ontology in Turtle (``unkg.ttl``).

    The packaged copy under ``kg/resources/`` is preferred; in a source tree where the package
    data is not a real file system path, the file is looked up in ``ontology/`` next to ``kg/``.

    Raises:
        FileNotFoundError: if neither location holds the file.
    """
    candidates: list[Path] = []
    try:
        packaged = importlib.resources.files("kg") / "resources" / _RESOURCE_NAME
    except (ModuleNotFoundError, NotADirectoryError, TypeError):
        # `kg` imported as a namespace package (no __init__.py) under an editable install:
        # importlib.resources cannot build a reader for it; fall back to the source tree.
        pass
    else:
        if isinstance(packaged, Path):
            candidates.append(packaged)
    candidates.append(Path(__file__).resolve().parent.parent / "ontology" / _RESOURCE_NAME)
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"ontology file {_RESOURCE_NAME} not found (searched: {searched})")
