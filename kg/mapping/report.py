"""A committee report (Parts I and II) -> its RDF graph.

Every document gets the IRI of its symbol (kg.ids). Dates are properties, and only where the
report states them (the date of a meeting, of an adoption, the date a citation prints, the
year in a symbol such as `E/RES/2022/12`); it gives no date of its own, of its drafts or of
the documents it lists. What the report records
about a draft (sponsorships, adoption, votes, statements, budget implications) is a part of the
draft named by what tells it apart and by the report (`kg.ids.recorded_local`); a statement on
no particular draft is a part of the report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ids import ActorId, DocumentId, ExpressionId, IriMinter, MeetingId, PartId, recorded_local
from kg.mapping.links import add_links
from kg.mapping.terms import (
    AMENDMENT_OUTCOMES,
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
    MeetingRef,
    OfficeRef,
    ParagraphVote,
    Report,
    ResolutionText,
    Statement,
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
    repeats: Counter[PartId]  # a record's first IRI -> how many records of this report carry it
    printed_dates: Mapping[str, dt.date]  # symbol -> the date the report's texts print for it

    def recorded(self, owner: DocumentId, kind: str, *keys: str) -> URIRef:
        """The IRI of something this report records about `owner` (a draft, or the report)."""
        first = PartId(owner, recorded_local(kind, keys, self.report.symbol))
        self.repeats[first] += 1
        local = recorded_local(kind, keys, self.report.symbol, self.repeats[first])
        return self.minter.iri(PartId(owner, local))


def map_report(report: Report, minter: IriMinter) -> Graph:
    graph = new_graph()
    work = DocumentId(report.symbol)
    language = LEXICONS[report.language]
    expression_id = ExpressionId(work, language.akn_language)
    frame = _Frame(
        graph=graph,
        minter=minter,
        report=report,
        work=work,
        expression=minter.iri(expression_id),
        repeats=Counter(),
        printed_dates=known_citation_dates(report.texts),  # dated in one text, dated in all
    )
    _map_report_node(frame)
    for meeting in report.meetings:
        _map_meeting(frame, meeting)
    for mention in report.documents:
        _map_document_mention(frame, mention)
    for draft in report.drafts:
        _map_draft(frame, draft)
    for statement in (
        *report.general_statements,
        *(s for d in report.drafts for s in d.statements),
    ):
        _map_statement(frame, statement)
    for text in report.texts:
        _map_recommended_text(frame, expression_id, text, frame.printed_dates)
    for footnote in report.footnotes:
        # Footnotes of the report's own pages are numbered through the language version.
        node = minter.iri(PartId(expression_id, f"ftn_{footnote.number}"))
        add_type(graph, node, UNKG.Footnote)
        graph.add((node, UNKG.footnoteNumber, integer(footnote.number)))
        graph.add((node, UNKG.text, Literal(footnote.text, lang=report.language)))
        graph.add((frame.expression, UNKG.hasFootnote, node))
        add_provenance(graph, node, footnote.span, frame.expression)
    add_links(graph, minter)
    return graph


def _map_recommended_text(
    frame: _Frame, expression: ExpressionId, text: ResolutionText, dates: Mapping[str, dt.date]
) -> None:
    """A text of Part III: a component of the report's expression, linked to its draft."""
    graph, report = frame.graph, frame.report
    body_frame = text_frame_for_expression(
        graph,
        frame.minter,
        expression,
        f"draftResolution_{text.label}" if text.label else "draftResolution",
        language=report.language,
    )
    node = map_text_body(body_frame, text, dates)
    add_type(graph, node, UNKG.ResolutionText)
    graph.add((frame.expression, UNKG.hasPart, node))
    draft = next((d for d in report.drafts if d.symbol == text.symbol), None)
    if draft is not None:
        graph.add((frame.minter.iri(DocumentId(draft.symbol)), UNKG.recommendedText, node))


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


def _map_meeting(frame: _Frame, meeting: Meeting) -> None:
    graph = frame.graph
    node = meeting_iri(frame.minter, meeting.ref)
    add_type(graph, node, UNKG.Meeting)
    graph.add((node, UNKG.meetingNumber, integer(meeting.ref.number)))
    graph.add((node, UNKG.body, actor_iri(frame.minter, _body(meeting.ref.body))))
    graph.add((node, UNKG.session, session_iri(frame.minter, "un-ga", meeting.ref.session)))
    graph.add((node, DCTERMS.date, Literal(meeting.date)))
    add_provenance(graph, node, meeting.span, frame.expression)


def _map_document(frame: _Frame, symbol: str, kind: str) -> URIRef:
    """A document known here only by its symbol, typed as this report names it. A resolution
    or decision whose symbol holds a year (`E/RES/2022/12`) has that year as its work year,
    unless a text of the report prints its full date (kg.mapping.text states that one)."""
    graph = frame.graph
    node = frame.minter.iri(DocumentId(symbol))
    add_type(graph, node, DOCUMENT_CLASSES.get(kind, UNKG.OtherDocument))
    graph.add((node, DCTERMS.identifier, Literal(symbol)))
    year = next(
        (c for c in DocumentSymbol.parse(symbol).series if c.isdigit() and len(c) == 4), None
    )
    if (
        kind in ("resolution", "decision")
        and year is not None
        and symbol not in frame.printed_dates
    ):
        graph.add((node, UNKG.workYear, Literal(year, datatype=XSD.gYear)))
    return node


def _map_document_mention(frame: _Frame, mention: DocumentMention) -> None:
    graph = frame.graph
    recorded = frame.report.meeting(mention.meeting) if mention.meeting else None
    node = _map_document(frame, mention.symbol, mention.kind)
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


def _map_draft(frame: _Frame, draft: DraftResolution) -> None:
    graph, minter, report = frame.graph, frame.minter, frame.report
    work = DocumentId(draft.symbol)
    node = minter.iri(work)
    add_type(graph, node, UNKG.DraftResolution)
    graph.add((node, DCTERMS.identifier, Literal(draft.symbol)))
    graph.add((node, DCTERMS.title, Literal(draft.title, lang=report.language)))
    if draft.section:  # a Part II without lettered sections gives its drafts none
        graph.add((node, UNKG.draftSection, Literal(draft.section)))
    graph.add((node, UNKG.body, actor_iri(minter, _body(report.committee))))
    graph.add((node, UNKG.session, session_iri(minter, "un-ga", report.session)))
    graph.add((node, UNKG.recommendedIn, minter.iri(frame.work)))
    add_provenance(graph, node, draft.span, frame.expression)
    symbol = DocumentSymbol.parse(draft.symbol)
    if symbol.revision is not None:
        base_node = minter.iri(DocumentId(str(symbol.base)))
        add_type(graph, base_node, UNKG.DraftResolution)
        graph.add((base_node, DCTERMS.identifier, Literal(str(symbol.base))))
        graph.add((node, UNKG.isRevisionOf, base_node))
    if draft.considered_at is not None:
        graph.add((node, UNKG.consideredAt, meeting_iri(minter, draft.considered_at)))
    if draft.recommended_as is not None:
        graph.add((node, UNKG.recommendedAs, Literal(draft.recommended_as)))
    _map_submission(frame, draft, node)
    _map_sponsorships(frame, draft, work, node)
    if draft.budget_implications is not None:
        budget = draft.budget_implications
        item = frame.recorded(work, "budgetImplications", meeting_key(budget.meeting))
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
    for sponsorship in draft.sponsorships:
        # A State listed twice in one phase keeps both nodes (a repeat), so the shapes report it.
        item = frame.recorded(
            work, "sponsorship", sponsorship.phase.value, actor_key(sponsorship.actor)
        )
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
    """A separate vote on a paragraph: named by its meeting and part (`operative-2`), as the vote
    on the whole text is by its meeting and `text`."""
    graph, minter = frame.graph, frame.minter
    part = f"{vote.part.kind.value}-{vote.part.number}"
    item = frame.recorded(work, "paragraphVote", meeting_key(vote.meeting), part)
    add_type(graph, item, UNKG.ParagraphVote)
    graph.add((item, UNKG.voteOn, draft_node))
    graph.add((item, UNKG.votedPart, Literal(vote.part.label)))
    graph.add((item, UNKG.meeting, meeting_iri(minter, vote.meeting)))
    graph.add((item, DCTERMS.date, Literal(vote.date)))
    graph.add((item, UNKG.voteOutcome, VOTE_OUTCOMES[vote.outcome]))
    _map_tally(frame, item, work, vote, part=part)
    add_provenance(graph, item, vote.span, frame.expression)


def _map_tally(
    frame: _Frame,
    item: URIRef,
    work: DocumentId,
    tally: ParagraphVote | Adoption,
    *,
    part: str,
) -> None:
    """The counts of a recorded vote and every State's vote
    (`#vote_{meeting}_{part}_{state}_in_{source}`, part `text` for the whole text)."""
    graph, minter = frame.graph, frame.minter
    for prop, value in (
        (UNKG.votesInFavour, tally.votes_in_favour),
        (UNKG.votesAgainst, tally.votes_against),
        (UNKG.abstentions, tally.abstentions),
    ):
        if value is not None:
            graph.add((item, prop, integer(value)))
    for vote in tally.votes:
        keys = (meeting_key(tally.meeting), part, actor_key(vote.state))
        vote_node = frame.recorded(work, "vote", *keys)
        add_type(graph, vote_node, UNKG.Vote)
        graph.add((item, UNKG.hasVote, vote_node))
        graph.add((vote_node, UNKG.voter, actor_iri(minter, vote.state)))
        graph.add((vote_node, UNKG.voteChoice, VOTE_CHOICES[vote.choice]))


def _map_withdrawal_and_revisions(
    frame: _Frame, draft: DraftResolution, work: DocumentId, node: URIRef
) -> None:
    graph, minter = frame.graph, frame.minter
    if draft.withdrawal is not None:
        withdrawal = draft.withdrawal
        keys = [meeting_key(withdrawal.meeting)] if withdrawal.meeting is not None else []
        item = frame.recorded(work, "withdrawal", *keys)
        add_type(graph, item, UNKG.Withdrawal)
        graph.add((item, UNKG.withdrawalOf, node))
        if withdrawal.meeting is not None:
            graph.add((item, UNKG.meeting, meeting_iri(minter, withdrawal.meeting)))
        if withdrawal.in_favour_of is not None:
            graph.add((item, UNKG.inFavourOf, minter.iri(DocumentId(withdrawal.in_favour_of))))
        add_provenance(graph, item, withdrawal.span, frame.expression)
    for revision in draft.oral_revisions:
        item = frame.recorded(work, "oralRevision", meeting_key(revision.meeting))
        add_type(graph, item, UNKG.OralRevision)
        graph.add((item, UNKG.oralRevisionOf, node))
        graph.add((item, UNKG.meeting, meeting_iri(minter, revision.meeting)))
        add_provenance(graph, item, revision.span, frame.expression)


def _map_amendment(frame: _Frame, amendment: Amendment, draft_node: URIRef) -> None:
    """An amendment is a document of its own symbol (`A/C.3/77/L.60`)."""
    graph = frame.graph
    node = frame.minter.iri(DocumentId(amendment.symbol))
    add_type(graph, node, UNKG.Amendment)
    graph.add((node, DCTERMS.identifier, Literal(amendment.symbol)))
    graph.add((node, UNKG.amends, draft_node))
    if amendment.outcome is not None:
        graph.add((node, UNKG.amendmentOutcome, AMENDMENT_OUTCOMES[amendment.outcome]))
    if amendment.meeting is not None:
        graph.add((node, UNKG.meeting, meeting_iri(frame.minter, amendment.meeting)))
    add_provenance(graph, node, amendment.span, frame.expression)


def actor_key(actor: ActorRef) -> str:
    return ActorId(actor.kind, actor.code).key()


def meeting_key(meeting: MeetingRef) -> str:
    return MeetingId(meeting.body, meeting.session, meeting.number).key()


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
    item = frame.recorded(work, "adoption", meeting_key(adoption.meeting))
    add_type(graph, item, UNKG.Adoption)
    graph.add((item, UNKG.adoptionOf, node))
    graph.add((item, UNKG.meeting, meeting_iri(minter, adoption.meeting)))
    graph.add((item, DCTERMS.date, Literal(adoption.date)))
    graph.add((item, UNKG.adoptionMethod, METHODS[adoption.method]))
    _map_tally(frame, item, work, adoption, part="text")
    add_provenance(graph, item, adoption.span, frame.expression)


def _map_statement(frame: _Frame, statement: Statement) -> None:
    graph, minter, report = frame.graph, frame.minter, frame.report
    owner = DocumentId(statement.draft_symbol) if statement.draft_symbol else frame.work
    node = frame.recorded(
        owner,
        "statement",
        meeting_key(statement.meeting),
        statement.timing.value,
        actor_key(statement.speaker),
    )
    add_type(graph, node, UNKG.Statement)
    graph.add((node, UNKG.speaker, actor_iri(minter, statement.speaker)))
    graph.add((node, UNKG.meeting, meeting_iri(minter, statement.meeting)))
    graph.add((node, UNKG.timing, TIMINGS[statement.timing]))
    if statement.speaker_role:
        graph.add((node, UNKG.speakerRole, Literal(statement.speaker_role, lang=report.language)))
    for actor in statement.on_behalf_of:
        graph.add((node, UNKG.onBehalfOf, actor_iri(minter, actor)))
    if statement.draft_symbol is not None:
        graph.add((node, UNKG.concerns, minter.iri(owner)))
    add_provenance(graph, node, statement.span, frame.expression)
