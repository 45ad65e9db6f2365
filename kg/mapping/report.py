"""A committee report (Parts I and II) -> its RDF graph.

Dates in document IRIs: the report itself carries no issue date in its text, so its IRI takes
the date of the last meeting it records (it cannot have been issued earlier), recorded with
`unkg:workDateBasis unkg:date_last_meeting`. A draft takes the earliest date the report gives for
it (the meeting that considered it, else its adoption). Documents the committee had before it
take the date of the first meeting of the committee on the item. Resolutions known only by a
symbol that contains a year (`E/RES/2022/12`) take that year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ids import DocumentId, ExpressionId, IriMinter, PartId
from kg.mapping.terms import (
    AMENDMENT_OUTCOMES,
    DATE_BASES,
    LANGUAGE_AUTHORITY,
    METHODS,
    PHASES,
    SUBMISSION_MODES,
    TIMINGS,
    VOTE_CHOICES,
    VOTE_OUTCOMES,
    actor_iri,
    add_provenance,
    add_type,
    integer,
    meeting_iri,
    new_graph,
    office_iri,
    session_iri,
)
from kg.mapping.text import known_citation_dates, map_text_body, text_frame_for_expression
from kg.model import (
    ActorRef,
    Adoption,
    Amendment,
    DocumentMention,
    DraftResolution,
    Meeting,
    OfficeRef,
    ParagraphVote,
    Report,
    ResolutionText,
    Statement,
    WorkDateBasis,
)
from kg.parse.lexicon import LEXICONS
from kg.symbols import DocumentSymbol
from kg.vocab import UNKG

DOCUMENT_CLASSES = {
    "report": UNKG.SecretaryGeneralReport,
    "note": UNKG.Note,
    "summary_record": UNKG.SummaryRecord,
    "draft": UNKG.DraftResolution,
    "resolution": UNKG.Resolution,
    "decision": UNKG.Decision,
}


@dataclass(frozen=True)
class _Frame:
    """What every part of the mapping of one report needs."""

    graph: Graph
    minter: IriMinter
    report: Report
    work: DocumentId
    expression: URIRef
    first_meeting: dt.date


def report_work_id(report: Report) -> DocumentId:
    """The parser guarantees at least one dated meeting."""
    last = max(m.date for m in report.meetings)
    return DocumentId.dated("committee_report", report.committee, last, report.symbol)


def map_report(report: Report, minter: IriMinter) -> Graph:
    graph = new_graph()
    work = report_work_id(report)
    language = LEXICONS[report.language]
    expression_id = ExpressionId(work, language.akn_language, work.date)
    frame = _Frame(
        graph=graph,
        minter=minter,
        report=report,
        work=work,
        expression=minter.iri(expression_id),
        first_meeting=min(
            (m.date for m in report.meetings if m.ref.body == report.committee),
            default=min(m.date for m in report.meetings),
        ),
    )
    _map_report_node(frame)
    for meeting in report.meetings:
        _map_meeting(frame, meeting)
    for mention in report.documents:
        _map_document_mention(frame, mention)
    for draft in report.drafts:
        _map_draft(frame, draft)
    statements = [*report.general_statements, *(s for d in report.drafts for s in d.statements)]
    for index, statement in enumerate(statements, start=1):
        _map_statement(frame, statement, index)
    dates = known_citation_dates(report.texts)  # a symbol dated in one text dates it in all
    for text in report.texts:
        _map_recommended_text(frame, expression_id, text, dates)
    for footnote in report.footnotes:
        node = minter.iri(PartId(work, f"ftn_{footnote.span.start_line}"))
        add_type(graph, node, UNKG.Footnote)
        graph.add((node, UNKG.footnoteNumber, integer(footnote.number)))
        graph.add((node, UNKG.text, Literal(footnote.text, lang=report.language)))
        graph.add((frame.expression, UNKG.hasFootnote, node))
        add_provenance(graph, node, footnote.span, frame.expression)
    return graph


def _map_recommended_text(
    frame: _Frame, expression: ExpressionId, text: ResolutionText, dates: Mapping[str, dt.date]
) -> None:
    """A text of Part III: a component of the report's expression, linked to its draft."""
    graph, report = frame.graph, frame.report
    last_meeting = dt.date.fromisoformat(frame.work.date)
    body_frame = text_frame_for_expression(
        graph,
        frame.minter,
        expression,
        f"draftResolution_{text.label}" if text.label else "draftResolution",
        language=report.language,
        work_date=last_meeting,
    )
    node = map_text_body(body_frame, text, dates)
    add_type(graph, node, UNKG.ResolutionText)
    graph.add((frame.expression, UNKG.hasPart, node))
    draft = next((d for d in report.drafts if d.symbol == text.symbol), None)
    if draft is not None:
        graph.add((frame.minter.iri(draft_work_id(report, draft)[0]), UNKG.recommendedText, node))


def _map_report_node(frame: _Frame) -> None:
    graph, report, minter = frame.graph, frame.report, frame.minter
    node = minter.iri(frame.work)
    add_type(graph, node, UNKG.CommitteeReport)
    graph.add((node, DCTERMS.identifier, Literal(report.symbol)))
    graph.add((node, UNKG.body, actor_iri(minter, _body(report.committee))))
    graph.add((node, UNKG.session, session_iri(minter, "un-ga", report.session)))
    graph.add((node, UNKG.agendaItemTitle, Literal(report.agenda_item_title, lang=report.language)))
    if report.agenda_item_number is not None:
        graph.add((node, UNKG.agendaItemNumber, integer(report.agenda_item_number)))
    _add_work_date(graph, node, frame.work, WorkDateBasis.LAST_MEETING)
    graph.add((node, UNKG.isRealizedBy, frame.expression))
    expression = frame.expression
    add_type(graph, expression, UNKG.Expression)
    graph.add((expression, UNKG.realizes, node))
    graph.add((expression, DCTERMS.language, _language_iri(report.language)))
    graph.add((expression, DCTERMS.source, Literal(report.source_name)))
    add_provenance(graph, node, report.span, expression)


def _language_iri(language: str) -> URIRef:
    return LANGUAGE_AUTHORITY[LEXICONS[language].akn_language.upper()]


def _body(code: str) -> ActorRef:
    return ActorRef("body", code)


def _add_work_date(graph: Graph, node: URIRef, work: DocumentId, basis: WorkDateBasis) -> None:
    datatype = XSD.date if len(work.date) == 10 else XSD.gYear
    graph.add((node, UNKG.workDate, Literal(work.date, datatype=datatype)))
    graph.add((node, UNKG.workDateBasis, DATE_BASES[basis]))


def _map_meeting(frame: _Frame, meeting: Meeting) -> None:
    graph = frame.graph
    node = meeting_iri(frame.minter, meeting.ref)
    add_type(graph, node, UNKG.Meeting)
    graph.add((node, UNKG.meetingNumber, integer(meeting.ref.number)))
    graph.add((node, UNKG.body, actor_iri(frame.minter, _body(meeting.ref.body))))
    graph.add((node, UNKG.session, session_iri(frame.minter, "un-ga", meeting.ref.session)))
    graph.add((node, DCTERMS.date, Literal(meeting.date)))
    add_provenance(graph, node, meeting.span, frame.expression)


def _document_id(frame: _Frame, symbol_text: str, kind: str) -> tuple[DocumentId, WorkDateBasis]:
    """A document known only by its symbol: the date the report gives for it, or its year."""
    symbol = DocumentSymbol.parse(symbol_text)
    body = symbol.issuing_body or "un"
    year = next((int(c) for c in symbol.series if c.isdigit() and len(c) == 4), None)
    if kind in ("resolution", "decision") and year is not None:
        return DocumentId.dated(kind, body, year, symbol_text), WorkDateBasis.YEAR_ONLY
    return (
        DocumentId.dated(kind, body, frame.first_meeting, symbol_text),
        WorkDateBasis.FIRST_CONSIDERATION,
    )


def _map_document(frame: _Frame, symbol: str, kind: str, recorded: Meeting | None = None) -> URIRef:
    graph = frame.graph
    identifier, basis = _document_id(frame, symbol, kind)
    if recorded is not None:  # a record is issued after the meeting it records
        identifier = DocumentId.dated(kind, identifier.body, recorded.date, symbol)
        basis = WorkDateBasis.LAST_MEETING
    node = frame.minter.iri(identifier)
    add_type(graph, node, DOCUMENT_CLASSES.get(kind, UNKG.OtherDocument))
    graph.add((node, DCTERMS.identifier, Literal(symbol)))
    _add_work_date(graph, node, identifier, basis)
    return node


def _map_document_mention(frame: _Frame, mention: DocumentMention) -> None:
    graph = frame.graph
    recorded = frame.report.meeting(mention.meeting) if mention.meeting else None
    node = _map_document(frame, mention.symbol, mention.kind, recorded)
    add_provenance(graph, node, mention.span, frame.expression)
    if mention.kind == "summary_record":
        # Linked only to a meeting the report dates (`at its 13th, 14th, 35th and 36th
        # meetings, on 13 October and on 10 and 18 November` dates none of them one by one).
        if recorded is not None:
            meeting = meeting_iri(frame.minter, recorded.ref)
            graph.add((node, UNKG.recordOf, meeting))
            graph.add((meeting, UNKG.summaryRecord, node))
    elif mention.kind != "verbatim_record":  # a record of a meeting is not before the committee
        graph.add((frame.minter.iri(frame.work), UNKG.documentBefore, node))


def draft_work_id(report: Report, draft: DraftResolution) -> tuple[DocumentId, WorkDateBasis]:
    considered = report.meeting(draft.considered_at) if draft.considered_at else None
    if considered is not None:
        date, basis = considered.date, WorkDateBasis.FIRST_CONSIDERATION
    elif draft.adoption is not None:
        date, basis = draft.adoption.date, WorkDateBasis.ADOPTION
    else:
        date, basis = min(m.date for m in report.meetings), WorkDateBasis.FIRST_CONSIDERATION
    return DocumentId.dated("draft", report.committee, date, draft.symbol), basis


def _map_draft(frame: _Frame, draft: DraftResolution) -> None:
    graph, minter, report = frame.graph, frame.minter, frame.report
    work, basis = draft_work_id(report, draft)
    node = minter.iri(work)
    add_type(graph, node, UNKG.DraftResolution)
    graph.add((node, DCTERMS.identifier, Literal(draft.symbol)))
    graph.add((node, DCTERMS.title, Literal(draft.title, lang=report.language)))
    if draft.section:  # a Part II without lettered sections gives its drafts none
        graph.add((node, UNKG.draftSection, Literal(draft.section)))
    graph.add((node, UNKG.body, actor_iri(minter, _body(report.committee))))
    graph.add((node, UNKG.session, session_iri(minter, "un-ga", report.session)))
    graph.add((node, UNKG.recommendedIn, minter.iri(frame.work)))
    _add_work_date(graph, node, work, basis)
    add_provenance(graph, node, draft.span, frame.expression)
    symbol = DocumentSymbol.parse(draft.symbol)
    if symbol.revision is not None:
        base = DocumentId(work.kind, work.body, work.date, str(symbol.base))
        base_node = minter.iri(base)
        add_type(graph, base_node, UNKG.DraftResolution)
        graph.add((base_node, DCTERMS.identifier, Literal(str(symbol.base))))
        _add_work_date(graph, base_node, base, basis)
        graph.add((node, UNKG.isRevisionOf, base_node))
    if draft.considered_at is not None:
        graph.add((node, UNKG.consideredAt, meeting_iri(minter, draft.considered_at)))
    if draft.recommended_as is not None:
        graph.add((node, UNKG.recommendedAs, Literal(draft.recommended_as)))
    _map_submission(frame, draft, node)
    _map_sponsorships(frame, draft, work, node)
    if draft.budget_implications is not None:
        budget = draft.budget_implications
        item = minter.iri(PartId(work, "budgetImplications"))
        add_type(graph, item, UNKG.BudgetImplications)
        graph.add((item, UNKG.budgetImplicationsOf, node))
        graph.add((item, UNKG.meeting, meeting_iri(minter, budget.meeting)))
        graph.add((node, UNKG.hasBudgetImplications, Literal(True)))
        add_provenance(graph, item, budget.span, frame.expression)
    if draft.adoption is not None:
        _map_adoption(frame, draft, work, node)
    for vote in draft.paragraph_votes:
        _map_paragraph_vote(frame, vote, work, node)
    _map_withdrawal_and_revisions(frame, draft, work, node)
    for amendment in draft.amendments:
        _map_amendment(frame, amendment, node)


def _map_sponsorships(
    frame: _Frame, draft: DraftResolution, work: DocumentId, node: URIRef
) -> None:
    graph, minter = frame.graph, frame.minter
    seen: dict[str, int] = {}
    for sponsorship in draft.sponsorships:
        local = f"sponsorship_{sponsorship.phase.value}_{actor_local(sponsorship.actor)}"
        # A State listed twice in one phase keeps both nodes, so the shapes can report it.
        seen[local] = seen.get(local, 0) + 1
        if seen[local] > 1:
            local += f"_{seen[local]}"
        item = minter.iri(PartId(work, local))
        add_type(graph, item, UNKG.Sponsorship)
        graph.add((item, UNKG.sponsorshipOf, node))
        graph.add((item, UNKG.sponsor, actor_iri(minter, sponsorship.actor)))
        graph.add((item, UNKG.phase, PHASES[sponsorship.phase]))
        if sponsorship.meeting is not None:
            graph.add((item, UNKG.meeting, meeting_iri(minter, sponsorship.meeting)))
        add_provenance(graph, item, sponsorship.span, frame.expression)


def _map_paragraph_vote(
    frame: _Frame, vote: ParagraphVote, work: DocumentId, draft_node: URIRef
) -> None:
    graph, minter = frame.graph, frame.minter
    local = f"paragraphVote_{vote.part.kind.value}_{vote.part.number}"
    item = minter.iri(PartId(work, local))
    add_type(graph, item, UNKG.ParagraphVote)
    graph.add((item, UNKG.voteOn, draft_node))
    graph.add((item, UNKG.votedPart, Literal(vote.part.label)))
    graph.add((item, UNKG.meeting, meeting_iri(minter, vote.meeting)))
    graph.add((item, DCTERMS.date, Literal(vote.date)))
    graph.add((item, UNKG.voteOutcome, VOTE_OUTCOMES[vote.outcome]))
    _map_tally(frame, item, work, f"{local}_", vote)
    add_provenance(graph, item, vote.span, frame.expression)


def _map_tally(
    frame: _Frame, item: URIRef, work: DocumentId, prefix: str, tally: ParagraphVote | Adoption
) -> None:
    """The counts of a recorded vote and every State's vote (`#{prefix}vote_state-usa`)."""
    graph, minter = frame.graph, frame.minter
    for prop, value in (
        (UNKG.votesInFavour, tally.votes_in_favour),
        (UNKG.votesAgainst, tally.votes_against),
        (UNKG.abstentions, tally.abstentions),
    ):
        if value is not None:
            graph.add((item, prop, integer(value)))
    for vote in tally.votes:
        vote_node = minter.iri(PartId(work, f"{prefix}vote_{actor_local(vote.state)}"))
        add_type(graph, vote_node, UNKG.Vote)
        graph.add((item, UNKG.hasVote, vote_node))
        graph.add((vote_node, UNKG.voter, actor_iri(minter, vote.state)))
        graph.add((vote_node, UNKG.voteChoice, VOTE_CHOICES[vote.choice]))


def _map_withdrawal_and_revisions(
    frame: _Frame, draft: DraftResolution, work: DocumentId, node: URIRef
) -> None:
    graph, minter, report = frame.graph, frame.minter, frame.report
    if draft.withdrawal is not None:
        item = minter.iri(PartId(work, "withdrawal"))
        add_type(graph, item, UNKG.Withdrawal)
        graph.add((item, UNKG.withdrawalOf, node))
        if draft.withdrawal.meeting is not None:
            graph.add((item, UNKG.meeting, meeting_iri(minter, draft.withdrawal.meeting)))
        favoured = next(
            (d for d in report.drafts if d.symbol == draft.withdrawal.in_favour_of), None
        )
        if favoured is not None:
            graph.add((item, UNKG.inFavourOf, minter.iri(draft_work_id(report, favoured)[0])))
        add_provenance(graph, item, draft.withdrawal.span, frame.expression)
    for index, revision in enumerate(draft.oral_revisions, start=1):
        item = minter.iri(PartId(work, f"oralRevision_{index}"))
        add_type(graph, item, UNKG.OralRevision)
        graph.add((item, UNKG.oralRevisionOf, node))
        graph.add((item, UNKG.meeting, meeting_iri(minter, revision.meeting)))
        add_provenance(graph, item, revision.span, frame.expression)


def _map_amendment(frame: _Frame, amendment: Amendment, draft_node: URIRef) -> None:
    """An amendment is a document of its own symbol (`A/C.3/77/L.60`)."""
    graph = frame.graph
    identifier, basis = _document_id(frame, amendment.symbol, "document")
    node = frame.minter.iri(identifier)
    add_type(graph, node, UNKG.Amendment)
    graph.add((node, DCTERMS.identifier, Literal(amendment.symbol)))
    _add_work_date(graph, node, identifier, basis)
    graph.add((node, UNKG.amends, draft_node))
    if amendment.outcome is not None:
        graph.add((node, UNKG.amendmentOutcome, AMENDMENT_OUTCOMES[amendment.outcome]))
    if amendment.meeting is not None:
        graph.add((node, UNKG.meeting, meeting_iri(frame.minter, amendment.meeting)))
    add_provenance(graph, node, amendment.span, frame.expression)


def actor_local(actor: ActorRef) -> str:
    return f"{actor.kind}-{actor.code.lower()}"


def _map_submission(frame: _Frame, draft: DraftResolution, node: URIRef) -> None:
    submission = draft.submission
    if submission is None:
        return
    graph, minter = frame.graph, frame.minter
    graph.add((node, UNKG.submissionMode, SUBMISSION_MODES[submission.mode]))
    if submission.submitted_by is not None:
        graph.add((node, UNKG.submittedBy, actor_iri(minter, submission.submitted_by)))
    if submission.office is not None:
        graph.add((node, UNKG.submittedBy, _map_office(frame, submission.office)))
    if submission.office_holder is not None:
        graph.add((node, UNKG.officeHolderState, actor_iri(minter, submission.office_holder)))
    if submission.on_behalf_of is not None:
        graph.add((node, UNKG.onBehalfOf, actor_iri(minter, submission.on_behalf_of)))
    if submission.recommended_by_symbol is not None:
        recommending = _map_document(frame, submission.recommended_by_symbol, "resolution")
        graph.add((node, UNKG.recommendedBy, recommending))
        add_provenance(graph, recommending, submission.span, frame.expression)
        if submission.recommending_body is not None:
            body = actor_iri(minter, _body(submission.recommending_body))
            graph.add((recommending, UNKG.body, body))


def _map_office(frame: _Frame, office: OfficeRef) -> URIRef:
    graph = frame.graph
    node = office_iri(frame.minter, office)
    add_type(graph, node, UNKG.Office)
    graph.add((node, UNKG.officeOf, actor_iri(frame.minter, _body(office.body))))
    graph.add((node, UNKG.officeRole, Literal(office.role)))
    return node


def _map_adoption(frame: _Frame, draft: DraftResolution, work: DocumentId, node: URIRef) -> None:
    adoption = draft.adoption
    assert adoption is not None
    graph, minter = frame.graph, frame.minter
    item = minter.iri(PartId(work, "adoption"))
    add_type(graph, item, UNKG.Adoption)
    graph.add((item, UNKG.adoptionOf, node))
    graph.add((item, UNKG.meeting, meeting_iri(minter, adoption.meeting)))
    graph.add((item, DCTERMS.date, Literal(adoption.date)))
    graph.add((item, UNKG.adoptionMethod, METHODS[adoption.method]))
    _map_tally(frame, item, work, "", adoption)
    add_provenance(graph, item, adoption.span, frame.expression)


def _map_statement(frame: _Frame, statement: Statement, index: int) -> None:
    graph, minter, report = frame.graph, frame.minter, frame.report
    node = minter.iri(PartId(frame.work, f"statement_{index:03d}"))
    add_type(graph, node, UNKG.Statement)
    graph.add((node, UNKG.speaker, actor_iri(minter, statement.speaker)))
    graph.add((node, UNKG.meeting, meeting_iri(minter, statement.meeting)))
    graph.add((node, UNKG.timing, TIMINGS[statement.timing]))
    if statement.speaker_role:
        graph.add((node, UNKG.speakerRole, Literal(statement.speaker_role, lang=report.language)))
    for actor in statement.on_behalf_of:
        graph.add((node, UNKG.onBehalfOf, actor_iri(minter, actor)))
    if statement.draft_symbol is not None:
        draft = next(d for d in report.drafts if d.symbol == statement.draft_symbol)
        graph.add((node, UNKG.concerns, minter.iri(draft_work_id(report, draft)[0])))
    add_provenance(graph, node, statement.span, frame.expression)
