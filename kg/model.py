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
class ParseWarning:
    """Something read but not classified (an unknown opening phrase, a text without its closing
    lines): the build goes on and the user is told where. Structure errors are InputError."""

    line: int
    message: str

    def render(self, document: str) -> str:
        return f"{document}:{self.line}: warning: {self.message}"


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
    BY_OFFICE = "by_office"  # the Chair, a Vice-Chair, the Bureau or a facilitator


class AdoptionMethod(StrEnum):
    WITHOUT_VOTE = "without_vote"
    RECORDED_VOTE = "recorded_vote"
    NOT_STATED = "not_stated"


class VoteChoice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


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


@dataclass(frozen=True, order=True)
class OfficeRef:
    """An office of a body (its Chair, a Vice-Chair, the Rapporteur, the Bureau, a draft's
    facilitator): an actor of its own, whoever holds it."""

    body: str  # AKN4UN code of the body, e.g. un-ga-c3
    role: str  # chair, vice-chair, rapporteur, facilitator, bureau


@dataclass(frozen=True)
class Submission:
    """How a draft came before the committee.

    When an office submits (`submitted by the Vice-Chair ... (Trinidad and Tobago)`), the
    submitter is `office`; the State in brackets is its holder's, kept as `office_holder`."""

    mode: SubmissionMode
    span: SourceSpan
    submitted_by: ActorRef | None = None
    submitter_role: str | None = None  # the office's role key when an office submits
    on_behalf_of: ActorRef | None = None
    recommended_by_symbol: str | None = None
    recommending_body: str | None = None
    office: OfficeRef | None = None
    office_holder: ActorRef | None = None
    # Every State that submitted on behalf of a group (`Egypt and Pakistan (on behalf of the
    # Group of 77 and China)`); `submitted_by` is set when there is one only.
    submitters: tuple[ActorRef, ...] = ()


class VoteOutcome(StrEnum):
    """What a separate vote on a paragraph decided; values are the public notations."""

    RETAINED = "retained"
    DELETED = "deleted"


@dataclass(frozen=True, order=True)
class VotedPart:
    """A paragraph put to a separate vote: `operative 2`, `preambular 4`."""

    kind: ParagraphKind
    number: int

    @property
    def label(self) -> str:
        return f"{self.kind.value} {self.number}"


@dataclass(frozen=True)
class ParagraphVote:
    """A recorded vote on one paragraph of a draft, before the vote on the whole."""

    part: VotedPart
    meeting: MeetingRef
    date: dt.date
    outcome: VoteOutcome
    span: SourceSpan
    votes_in_favour: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    votes: tuple[Vote, ...] = ()


class AmendmentOutcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Amendment:
    """An amendment issued under its own symbol to a draft (`A/C.3/77/L.60` to `L.13/Rev.1`)."""

    symbol: str
    draft_symbol: str
    span: SourceSpan
    outcome: AmendmentOutcome | None = None
    meeting: MeetingRef | None = None


@dataclass(frozen=True)
class OralRevision:
    """A draft revised orally at a meeting before action on it."""

    meeting: MeetingRef
    span: SourceSpan


@dataclass(frozen=True)
class Withdrawal:
    """A draft withdrawn by its sponsors, possibly in favour of another draft adopted."""

    span: SourceSpan
    meeting: MeetingRef | None = None
    in_favour_of: str | None = None


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
    paragraph_votes: tuple[ParagraphVote, ...] = ()
    oral_revisions: tuple[OralRevision, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    withdrawal: Withdrawal | None = None


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
    texts: tuple[ResolutionText, ...] = ()  # Part III: the recommended resolution texts
    warnings: tuple[ParseWarning, ...] = ()

    def meeting(self, ref: MeetingRef) -> Meeting | None:
        return next((m for m in self.meetings if m.ref == ref), None)


# --- Resolution texts (issue 3): preamble, operative paragraphs, footnotes, citations ----------


class ParagraphKind(StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


class CitedKind(StrEnum):
    """What a citation points to; values are the public query notations."""

    RESOLUTION = "resolution"
    DECISION = "decision"
    DOCUMENT = "document"
    INSTRUMENT = "instrument"


class TextKind(StrEnum):
    RECOMMENDED = "recommended"  # a draft recommended inside a committee report (Part III)
    ADOPTED = "adopted"  # a resolution issued under its own symbol (A/RES/...)
    DRAFT = "draft"  # the text of a draft issued under its own symbol (A/77/L.34)


@dataclass(frozen=True)
class Citation:
    """A resolution, decision or document cited in a paragraph or a footnote.

    `number` is the number as the citing body prints it (`46/152`, `57/270 B`, `415 (V)`,
    `S-32/1`, `2022/12`, `155 C (VII)`, `9/2`); `symbol` is the document symbol when the text
    gives one (`E/CN.15/2022/11`) or when the number determines it (`A/RES/46/152`).
    """

    kind: CitedKind
    body: str | None  # AKN4UN body code of the citing body: un-ga, un-ecosoc, un-hrc ...
    number: str
    text: str  # the words of the citation as printed
    span: SourceSpan
    date: dt.date | None = None
    symbol: str | None = None


@dataclass(frozen=True)
class InstrumentMention:
    """An instrument (convention, protocol, declaration, rules) named in a paragraph."""

    code: str  # the code of the instrument in kg/reference/data/instruments.tsv
    text: str
    span: SourceSpan
    unts_volume: int | None = None
    unts_number: int | None = None


@dataclass(frozen=True)
class CollectiveAddressee:
    """Addressees named by what they are, not by who they are: `les États parties à la
    Convention`, `les gouvernements`, `tous les États`, `la communauté internationale`. `concept`
    is the key of the addressee scheme (kg/reference/data/addressees.tsv); `instrument` the
    instrument code of States parties to a named instrument, `body` the body of `les États
    membres de l'Institut`."""

    concept: str
    instrument: str | None = None
    body: ActorRef | None = None

    @property
    def code(self) -> str:
        return self.concept


@dataclass(frozen=True)
class Mandate:
    """What an operative paragraph asks of whom, and by when."""

    addressee: ActorRef | CollectiveAddressee
    action: str  # an opening-phrase concept key: requests, invites, urges, encourages, decides
    span: SourceSpan
    deliverable: str | None = None  # `un rapport`, `a report`, `une note`
    due_session: int | None = None  # `à sa soixante-dix-huitième session` -> 78
    due_body: str | None = None  # whose session: `un-ga`, or `un-ccpcj` for `la Commission ...`
    funding: str | None = None  # key of a funding condition: `extrabudgetary-resources`


@dataclass(frozen=True)
class SubParagraph:
    label: str  # `a`, `b` ... (printed `a)` in French, `(a)` in English)
    text: str
    span: SourceSpan


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    number: int  # operative: the printed number; preambular: position in the preamble (1..n)
    opening_phrase: str | None  # concept key of the opening phrase (`recalling`, `requests`)
    opening_text: str  # the opening words as printed (`Rappelant également`, `Prie`)
    text: str  # the whole paragraph, furniture, markers and broken words removed
    span: SourceSpan
    footnote_calls: tuple[int, ...] = ()
    sub_paragraphs: tuple[SubParagraph, ...] = ()
    citations: tuple[Citation, ...] = ()
    instruments: tuple[InstrumentMention, ...] = ()
    mandates: tuple[Mandate, ...] = ()
    # Words of the opening around or inside its listed phrase, as printed (`Once again`,
    # `Strongly`, `deep` in `Expresses its deep appreciation`): they do not change the concept.
    opening_modifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnnexedText:
    """A text a resolution adopts inline (`Adopts the following political declaration:`).

    `introduction` holds the paragraphs before the numbered ones (`We, Heads of State and
    Government ... we therefore:`); their opening phrase is None when it is not in the table.
    """

    title: str
    subtitle: str | None
    introduction: tuple[Paragraph, ...]
    paragraphs: tuple[Paragraph, ...]
    span: SourceSpan


@dataclass(frozen=True)
class ResolutionText:
    """The text of one resolution: recommended in a report, or adopted under its own symbol.

    For a recommended text, `symbol` is the symbol of the draft it comes from and `label` the
    Roman numeral it is recommended under; for an adopted resolution, `symbol` is its own
    symbol (`A/RES/73/6`) and `label` its number (`73/6`).
    """

    kind: TextKind
    source_name: str
    language: str
    symbol: str
    label: str
    title: str
    formula: str  # `L'Assemblée générale,` / `The General Assembly,`
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    span: SourceSpan
    session: int | None = None
    agenda_items: tuple[int, ...] = ()
    adopted_on_report: str | None = None  # `A/62/433` from `[on the report of ...]`
    without_reference_to_committee: bool = False
    plenary_meeting: int | None = None
    adoption_date: dt.date | None = None
    issue_date: dt.date | None = None
    annexes: tuple[AnnexedText, ...] = ()
    draft_symbols: tuple[str, ...] = ()  # `[without reference ... (A/73/L.6 and A/73/L.6/Add.1)]`
    warnings: tuple[ParseWarning, ...] = ()


class DraftKind(StrEnum):
    RESOLUTION = "resolution"
    DECISION = "decision"


@dataclass(frozen=True)
class DraftDocument:
    """A draft resolution or decision issued under its own symbol (`A/77/L.34`,
    `A/C.3/77/L.30/Rev.1`, `Distr.: Limited`): its header, the sponsors its sponsors line lists
    (phase `original`: the draft records no later ones) and its text (`TextKind.DRAFT`, whose
    `symbol` and `title` are the draft's)."""

    source_name: str
    language: str
    symbol: str
    kind: DraftKind
    body: str  # AKN4UN code of the body it is submitted to: un-ga (plenary), un-ga-c3 ...
    session: int
    agenda_items: tuple[int, ...]
    agenda_item_title: str
    issue_date: dt.date
    sponsorships: tuple[Sponsorship, ...]
    text: ResolutionText
    span: SourceSpan
    original_language: str | None = None  # `Original: English`, as printed
    warnings: tuple[ParseWarning, ...] = ()

    @property
    def title(self) -> str:
        return self.text.title
