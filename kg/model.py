"""The typed document model between the parser and the mapper.

Frozen dataclasses, no RDF. Every element keeps the source span it was read from, so that the
graph, the validation report and the pages can point back to the lines of the original file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

ActorKind = Literal["state", "group", "body"]


@dataclass(frozen=True, order=True)
class SourceSpan:
    """Lines of the original file (1-based, inclusive) an element was read from."""

    start_line: int
    end_line: int

    def __post_init__(self) -> None:
        if self.start_line < 1 or self.end_line < self.start_line:
            raise ValueError(f"invalid source span {self.start_line}-{self.end_line}")


@dataclass(frozen=True, order=True)
class ActorRef:
    """A resolved State (ISO 3166-1 alpha-3), group of States or UN body (AKN4UN code)."""

    kind: ActorKind
    code: str


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    span: SourceSpan


class SponsorshipPhase(StrEnum):
    """When a State became a sponsor of a draft; values are the public query notations."""

    ORIGINAL = "original"
    LATER = "later"
    AT_MEETING = "at_meeting"


class StatementTiming(StrEnum):
    BEFORE_ADOPTION = "before_adoption"
    AFTER_ADOPTION = "after_adoption"
    AT_MEETING = "at_meeting"


class SubmissionMode(StrEnum):
    ON_RECOMMENDATION = "on_recommendation"
    ON_BEHALF_OF_GROUP = "on_behalf_of_group"
    BY_STATES = "by_states"


class AdoptionMethod(StrEnum):
    WITHOUT_VOTE = "without_vote"
    RECORDED_VOTE = "recorded_vote"
    NOT_STATED = "not_stated"


class VoteChoice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class WorkDateBasis(StrEnum):
    """Which date of a document its IRI carries (see kg.ids)."""

    ISSUE = "issue"
    FIRST_CONSIDERATION = "first_consideration"
    ADOPTION = "adoption"
    YEAR_ONLY = "year_only"
    LAST_MEETING = "last_meeting"  # a report: issued after the last meeting it records


@dataclass(frozen=True)
class MeetingRef:
    """A meeting of a body in a session, e.g. the 45th meeting of the Third Committee."""

    body: str
    session: int
    number: int


@dataclass(frozen=True)
class Meeting:
    ref: MeetingRef
    date: dt.date
    span: SourceSpan


@dataclass(frozen=True)
class DocumentMention:
    """A document symbol the report names (documents before the committee, records, ...)."""

    symbol: str
    kind: str
    span: SourceSpan
    meeting: MeetingRef | None = None


@dataclass(frozen=True)
class Sponsorship:
    actor: ActorRef
    phase: SponsorshipPhase
    span: SourceSpan
    meeting: MeetingRef | None = None


@dataclass(frozen=True)
class Statement:
    speaker: ActorRef
    timing: StatementTiming
    meeting: MeetingRef
    span: SourceSpan
    speaker_role: str | None = None
    on_behalf_of: tuple[ActorRef, ...] = ()
    draft_symbol: str | None = None


@dataclass(frozen=True)
class Vote:
    state: ActorRef
    choice: VoteChoice


@dataclass(frozen=True)
class Adoption:
    meeting: MeetingRef
    date: dt.date
    method: AdoptionMethod
    span: SourceSpan
    votes_in_favour: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    votes: tuple[Vote, ...] = ()


@dataclass(frozen=True)
class Submission:
    """How a draft came before the committee."""

    mode: SubmissionMode
    span: SourceSpan
    submitted_by: ActorRef | None = None
    submitter_role: str | None = None  # "chair" when the Chair submits on a recommendation
    on_behalf_of: ActorRef | None = None
    recommended_by_symbol: str | None = None
    recommending_body: str | None = None


@dataclass(frozen=True)
class BudgetImplications:
    """A statement of programme budget implications read out at a meeting."""

    meeting: MeetingRef
    span: SourceSpan


@dataclass(frozen=True)
class DraftResolution:
    section: str
    symbol: str
    title: str
    span: SourceSpan
    submission: Submission | None
    considered_at: MeetingRef | None
    sponsorships: tuple[Sponsorship, ...]
    statements: tuple[Statement, ...]
    budget_implications: BudgetImplications | None
    adoption: Adoption | None
    recommended_as: str | None


@dataclass(frozen=True)
class Report:
    """A Main Committee report (Parts I and II so far)."""

    source_name: str
    symbol: str
    language: str
    session: int
    committee: str
    agenda_item_title: str
    meetings: tuple[Meeting, ...]
    documents: tuple[DocumentMention, ...]
    drafts: tuple[DraftResolution, ...]
    general_statements: tuple[Statement, ...]
    footnotes: tuple[Footnote, ...]
    span: SourceSpan
    agenda_item_number: int | None = None

    def meeting(self, ref: MeetingRef) -> Meeting | None:
        return next((m for m in self.meetings if m.ref == ref), None)
