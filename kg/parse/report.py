"""Parse a Main Committee report (any committee, session and language with a `Language`).

text -> normalize -> split parts -> Part I (agenda item, meetings, documents, general
statements), Part II (sections; each draft with its submission, sponsors, statements, votes,
withdrawal, amendments, oral revisions) and the last part (the recommended texts) -> `Report`.

Everything is read from the document's wording, which a `kg.lang.Language` supplies: the parser
never names a language. Names of States, groups and bodies go through the `ActorResolver`, and
a name that resolves to nothing is reported with its line (the parse fails listing all of them),
never dropped and never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kg.errors import InputError, SourceLocation
from kg.lang import Language, ReportWording, detect
from kg.model import (
    ActorRef,
    Adoption,
    AdoptionMethod,
    Amendment,
    AmendmentOutcome,
    BudgetImplications,
    DocumentMention,
    DraftResolution,
    Footnote,
    Meeting,
    MeetingRef,
    OfficeRef,
    OralRevision,
    ParagraphKind,
    ParagraphVote,
    Report,
    SourceSpan,
    Sponsorship,
    SponsorshipPhase,
    Statement,
    StatementTiming,
    Submission,
    SubmissionMode,
    Vote,
    VoteChoice,
    VotedPart,
    VoteOutcome,
    Withdrawal,
)
from kg.parse.issued import normalize_issued_text
from kg.parse.lexicon import Lexicon
from kg.parse.normalize import NormalizedDocument, SourceLine, normalize
from kg.parse.resolution import parse_recommended_texts
from kg.parse.segment import Block, BlockKind, Part, split_blocks, split_parts, split_sections
from kg.symbols import DocumentSymbol, SymbolError, find_symbols

GENERAL_ASSEMBLY = "un-ga"
# Which series prefix a body's resolutions carry (`2022/12` of ECOSOC is `E/RES/2022/12`).
RESOLUTION_SERIES = {"un-ecosoc": "E/RES", "un-ga": "A/RES"}


class ActorResolver(Protocol):
    def resolve(self, name: str) -> ActorRef | None: ...

    def split_name_list(self, text: str) -> list[str]: ...


def normalize_report(name: str, text: str) -> NormalizedDocument:
    """The extraction decides the normaliser, not the language: pages separated by form feeds
    (plain `pdftotext`) are read page by page, footnotes below each page's rule; a text without
    them (the bundled layout extraction) by its indentation."""
    if "\f" in text:
        return normalize_issued_text(name, text)
    return normalize(name, text)


@dataclass
class _Context:
    """What the parser has read so far: the running year and the current meeting."""

    document: str
    language: Language
    committee: str
    session: int
    resolver: ActorResolver
    year: int | None = None
    last_date: dt.date | None = None
    meetings: dict[MeetingRef, list[Meeting]] = field(default_factory=dict)
    current: MeetingRef | None = None
    unresolved: list[str] = field(default_factory=list)

    @property
    def wording(self) -> ReportWording:
        return self.language.report

    @property
    def lexicon(self) -> Lexicon:
        return self.language.lexicon

    def location(self, line: int) -> SourceLocation:
        return SourceLocation(self.document, line)

    def resolve(self, name: str, line: int, *, record: bool = True) -> ActorRef | None:
        """A name, or the longest tail of it after `of`/`de` that names an actor; an unknown
        name is recorded as an error unless `record` is false."""
        cleaned = name.strip(" ,;:.")
        actor = self.resolver.resolve(cleaned)
        if actor is None:
            for match in self.wording.name_tail.finditer(cleaned):
                actor = self.resolver.resolve(cleaned[match.end() :])
                if actor is not None:
                    break
        if actor is None and record:
            self.unresolved.append(f"{self.document}:{line}: unknown State or body {cleaned!r}")
        return actor

    def resolve_list(self, text: str, line: int) -> list[ActorRef]:
        if self.wording.nobody.match(text.strip(" .")):
            return []
        names = self.resolver.split_name_list(text)
        actors = [self.resolve(self.wording.leading_article.sub("", n), line) for n in names]
        return [actor for actor in actors if actor is not None]

    def office(self, printed_role: str) -> OfficeRef | None:
        role = self.wording.role_of(printed_role)
        return OfficeRef(self.committee, role) if role else None


@dataclass(frozen=True)
class _Sentence:
    text: str
    span: SourceSpan


def parse_report(
    document: NormalizedDocument, resolver: ActorResolver, language: Language | None = None
) -> Report:
    name = document.name
    header = document.running_header or _symbol_from_file_name(name)
    if header is None:
        raise InputError(
            SourceLocation(name, 1),
            "a UN report whose pages carry its symbol as running header (e.g. 'A/77/464') "
            "or a file named after it (A_77_464.fr.txt)",
            "no symbol in page headers",
        )
    symbol = _parse_symbol(header, SourceLocation(name, 1))
    language = language or detect(line.text for line in document.lines)
    if language is None:
        found = document.lines[0].text if document.lines else ""
        raise InputError(
            SourceLocation(name, 1),
            "a committee report with Parts 'I. Introduction' ... in a language of kg.lang "
            "(meeting mentions such as 'At its 31st meeting, on 4 November' or 'À sa 45e "
            "séance, le 4 novembre 2022')",
            found[:60],
        )
    wording = language.report
    parts = split_parts(document.lines, wording.recommendations)
    if len(parts) < 2 or not wording.introduction.match(f"I. {parts[0].title}"):
        found = parts[0].title if parts else (document.lines[0].text if document.lines else "")
        raise InputError(
            SourceLocation(name, parts[0].span.start_line if parts else 1),
            "a committee report with Parts 'I. Introduction', 'II. Consideration of ...' and a "
            "last Part with the committee's recommendations",
            found,
        )
    if not wording.recommendations.match(parts[-1].title):
        raise InputError(
            SourceLocation(name, document.lines[-1].number),
            "a last Part with the committee's recommendations (the report is truncated)",
            document.lines[-1].text[:60],
        )
    header_lines = [line for line in document.lines if line.number < parts[0].span.start_line]
    header_text = "\n".join(line.text for line in header_lines)
    intro_blocks, next_number = split_blocks(parts[0].lines, 1, wording.item)
    allocation = _agenda_allocation(intro_blocks, wording)
    session, committee = _session_and_committee(
        name,
        symbol,
        allocation=allocation,
        parts=parts,
        header_lines=header_lines,
        language=language,
        resolver=resolver,
    )
    context = _Context(name, language, committee.code, session, resolver)
    documents: list[DocumentMention] = []
    general: list[Statement] = []
    for block in intro_blocks:
        _read_meetings(block.text, block.span, context)
        general.extend(_statements(block, context, None, in_draft_section=False))
    documents.extend(_documents_before_committee(intro_blocks, context))

    drafts: list[DraftResolution] = []
    for part in parts[1:-1]:
        considered, next_number, statements = _consideration_part(part, next_number, context)
        drafts.extend(considered)
        general.extend(statements)
    if not drafts:
        raise InputError(
            SourceLocation(name, parts[1].span.start_line),
            "draft resolutions or decisions considered in Part II ('Draft resolution <symbol>')",
            parts[1].title,
        )
    if not context.meetings:
        raise InputError(
            SourceLocation(name, parts[0].span.start_line),
            "meetings with their dates ('At its 31st meeting, on 4 November 2022, ...')",
        )
    footnotes = _report_footnotes(document.footnotes, parts[-1])
    documents.extend(_summary_records(footnotes, context))
    if context.unresolved:
        raise InputError(
            SourceLocation(name, None),
            "names of known States, groups or bodies",
            "; ".join(context.unresolved),
        )
    texts = parse_recommended_texts(document, parts[-1], tuple(drafts), language.lexicon)
    last_line = document.lines[-1].number if document.lines else 1
    return Report(
        source_name=name,
        symbol=str(symbol),
        language=language.code,
        session=session,
        committee=committee.code,
        agenda_item_title=_agenda_item_title(allocation, header_lines, intro_blocks, wording),
        agenda_item_number=_agenda_item_number(header_text, intro_blocks, wording),
        meetings=_meetings(context),
        documents=tuple(documents),
        drafts=tuple(drafts),
        general_statements=tuple(general),
        footnotes=footnotes,
        span=SourceSpan(1, max(last_line, 1)),
        texts=texts,
    )


def _session_and_committee(
    name: str,
    symbol: DocumentSymbol,
    *,
    allocation: dict[str, str] | None,
    parts: list[Part],
    header_lines: Sequence[SourceLine],
    language: Language,
    resolver: ActorResolver,
) -> tuple[int, ActorRef]:
    session = None
    if allocation and allocation.get("session"):
        session = language.lexicon.ordinal_value(allocation["session"])
    if session is None:
        session = symbol.session
    if session is None:
        raise InputError(
            SourceLocation(name, parts[0].span.start_line),
            "the session of the agenda item ('... agenda of its seventy-seventh session ...')",
        )
    committee_name = _committee_name(allocation, parts, header_lines, language.report)
    committee = resolver.resolve(committee_name) if committee_name else None
    if committee is None or committee.kind != "body":
        raise InputError(
            SourceLocation(name, parts[0].span.start_line),
            "the committee the item was allocated to ('... allocate it to the Third Committee')",
            committee_name,
        )
    return session, committee


def _consideration_part(
    part: Part, next_number: int, context: _Context
) -> tuple[list[DraftResolution], int, list[Statement]]:
    """A part between the introduction and the recommendations: lettered sections, or (one
    section only) the part itself, titled `Consideration of draft resolution <symbol>`."""
    wording = context.wording
    preamble, sections = split_sections(part.lines, wording.section_title, any_indent=True)
    general: list[Statement] = []
    if not sections:
        # The heading's symbols (it may run over two lines) name the drafts of the part.
        heading = " ".join([part.title, *(line.text for line in preamble[:2])])
        sections = [("", heading, part.lines)]
        preamble = ()
    preamble_blocks, next_number = split_blocks(preamble, next_number, wording.item)
    for block in preamble_blocks:
        _read_meetings(block.text, block.span, context)
        general.extend(_statements(block, context, None, in_draft_section=False))
    drafts: list[DraftResolution] = []
    for letter, title, lines in sections:
        blocks, next_number = split_blocks(lines, next_number, wording.item)
        drafts.extend(_parse_section(letter, title, lines[0].number, blocks, context))
    return drafts, next_number, general


def _symbol_from_file_name(name: str) -> str | None:
    """ODS file names spell the symbol with underscores: `A_77_464.fr.txt` -> `A/77/464`."""
    match = re.fullmatch(r"(?P<symbol>[A-Z]+(?:_[A-Za-z0-9.\-]+)+)\.[a-z]{2}\.txt", name)
    return match["symbol"].replace("_", "/") if match else None


def _parse_symbol(text: str, location: SourceLocation) -> DocumentSymbol:
    try:
        return DocumentSymbol.parse(text)
    except SymbolError:
        raise InputError(location, "a UN document symbol", text) from None


def _agenda_allocation(blocks: list[Block], wording: ReportWording) -> dict[str, str] | None:
    for block in blocks:
        match = wording.agenda_allocation.search(block.text)
        if match:
            return {k: v.strip() for k, v in match.groupdict().items() if v}
    return None


def _agenda_item_number(header: str, blocks: list[Block], wording: ReportWording) -> int | None:
    """Only when the report states its item number (`Agenda item 104`, `au titre du point`)."""
    for text in (header, *(block.text for block in blocks)):
        match = wording.agenda_item_number.search(text)
        if match:
            return int(match["number"])
    return None


def _agenda_item_title(
    allocation: dict[str, str] | None,
    header: Sequence[SourceLine],
    blocks: list[Block],
    wording: ReportWording,
) -> str:
    """The title the allocation quotes; else the header lines between the agenda item and
    `Report of the ... Committee`; else the first `item entitled “...”`."""
    if allocation and allocation.get("title"):
        return allocation["title"]
    texts = [line.text for line in header]
    item = next((i for i, t in enumerate(texts) if wording.agenda_item_number.match(t)), None)
    end = next((i for i, t in enumerate(texts) if wording.report_of.match(t)), None)
    if item is not None and end is not None and end > item + 1:
        return " ".join(texts[item + 1 : end])
    for block in blocks:
        if match := wording.item_title.search(block.text):
            return match["title"].strip()
    return ""


def _committee_name(
    allocation: dict[str, str] | None,
    parts: list[Part],
    header: Sequence[SourceLine],
    wording: ReportWording,
) -> str | None:
    if allocation and allocation.get("committee"):
        return allocation["committee"]
    if match := wording.recommendations.match(parts[-1].title):
        return match["committee"]
    for line in header:
        if match := wording.report_of.match(line.text):
            return match["committee"]
    return None


# --- meetings and dates -----------------------------------------------------------------------


def _meeting_numbers(text: str, wording: ReportWording) -> list[int]:
    """`45e, 48e et 51e` -> [45, 48, 51]; `2nd to 10th` -> [2, 3, ..., 10]."""
    numbers: list[int] = []
    previous_end: int | None = None
    for match in wording.meeting_number.finditer(text):
        number = int(match["number"])
        between = text[previous_end : match.start()] if previous_end is not None else ""
        if numbers and wording.meeting_range.match(between) and number > numbers[-1]:
            numbers.extend(range(numbers[-1] + 1, number + 1))
        else:
            numbers.append(number)
        previous_end = match.end()
    return numbers


def _read_meetings(text: str, span: SourceSpan, context: _Context) -> MeetingRef | None:
    """Record every meeting mention in a paragraph; returns the first one (the current meeting)."""
    first: MeetingRef | None = None
    wording = context.wording
    for match in wording.meeting_mention.finditer(text):
        numbers = _meeting_numbers(match["numbers"], wording)
        body = GENERAL_ASSEMBLY if match["plenary"] else context.committee
        refs = [MeetingRef(body, context.session, n) for n in numbers]
        # `on 13 October and on 10 and 18 November`: the mention names only the first date.
        if match["days"] and not wording.more_dates.match(text[match.end() :]):
            days = wording.day.findall(match["days"])
            year = int(match["year"]) if match["year"] else _year_from_context(context, match)
            dates = [context.lexicon.date(day, match["month"], year) for day in days]
            if len(dates) == 1:
                dates = dates * len(refs)
            if len(dates) == len(refs):  # otherwise the text does not say which is which
                for ref, date in zip(refs, dates, strict=True):
                    _add_meeting(context, Meeting(ref, date, span))
            context.year, context.last_date = max(dates).year, max(dates)
        if first is None and refs:
            first = refs[0]
    return first


def _year_from_context(context: _Context, match: re.Match[str]) -> int:
    """A date without a year takes the year of the last full date (next year if it would go
    back in time by more than six months: a session runs from September to September)."""
    if context.year is None:
        raise InputError(
            context.location(1), "a full date (with a year) before dates without one", match[0]
        )
    day = context.wording.day.findall(match["days"] or "1")[0]
    candidate = context.lexicon.date(day, match["month"], context.year)
    if context.last_date and (context.last_date - candidate).days > 183:
        return context.year + 1
    return context.year


def _add_meeting(context: _Context, meeting: Meeting) -> None:
    known = context.meetings.setdefault(meeting.ref, [])
    if all(m.date != meeting.date for m in known):
        known.append(meeting)


def _meetings(context: _Context) -> tuple[Meeting, ...]:
    # A meeting number stated with two dates stays twice: the shapes report the conflict.
    every = [m for meetings in context.meetings.values() for m in meetings]
    return tuple(sorted(every, key=lambda m: (m.ref.body, m.ref.number, m.date)))


def _date_of(context: _Context, ref: MeetingRef, line: int) -> dt.date:
    known = context.meetings.get(ref)
    if not known:
        raise InputError(
            context.location(line),
            f"the date of meeting {ref.number} of {ref.body} stated somewhere in the report",
        )
    return known[0].date


# --- Part I ---------------------------------------------------------------------------------


def _documents_before_committee(blocks: list[Block], context: _Context) -> list[DocumentMention]:
    """The lettered items after `the Committee had before it the following documents`."""
    mentions: list[DocumentMention] = []
    listing = False
    kinds = {word.casefold(): kind for word, kind in context.wording.document_kinds}
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            listing = bool(context.wording.documents_before.search(block.text))
            if not listing and (one := context.wording.document_before.search(block.text)):
                kind = kinds.get(one["kind"].casefold(), "document")
                mentions.append(DocumentMention(one["symbol"], kind, block.span))
            continue
        if not listing:
            continue
        kind = next(
            (kind for word, kind in context.wording.document_kinds if block.text.startswith(word)),
            "document",
        )
        symbols = find_symbols(block.text)
        if not symbols:
            raise InputError(
                context.location(block.span.start_line),
                "a document symbol in parentheses in the list of documents",
                block.text[:60],
            )
        mentions.append(DocumentMention(str(symbols[-1][0]), kind, block.span))
    return mentions


def _report_footnotes(footnotes: tuple[Footnote, ...], last: Part) -> tuple[Footnote, ...]:
    """Footnotes printed before the last part (its texts number their own)."""
    return tuple(f for f in footnotes if f.span.start_line < last.span.start_line)


def _summary_records(footnotes: tuple[Footnote, ...], context: _Context) -> list[DocumentMention]:
    records = []
    for footnote in footnotes:
        for symbol, _, _ in find_symbols(footnote.text):
            number = symbol.meeting_number
            if number is not None and symbol.issuing_body == context.committee:
                ref = MeetingRef(context.committee, context.session, number)
                kind = symbol.document_type  # summary_record, or verbatim_record (`PV.31`)
                records.append(DocumentMention(str(symbol), kind, footnote.span, ref))
    return records


# --- Part II: the drafts of one section ------------------------------------------------------


@dataclass
class _Draft:
    """What has been read about one draft so far."""

    symbol: str
    line: int
    title: str = ""
    submission: Submission | None = None
    considered_at: MeetingRef | None = None
    sponsorships: list[Sponsorship] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    budget: BudgetImplications | None = None
    adoption: Adoption | None = None
    recommended_as: str | None = None
    paragraph_votes: list[ParagraphVote] = field(default_factory=list)
    oral_revisions: list[OralRevision] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    withdrawal: Withdrawal | None = None
    end_line: int = 0


def _sentences(block: Block, wording: ReportWording) -> list[_Sentence]:
    return [_Sentence(s, block.span) for s in wording.sentence_end.split(block.text) if s.strip()]


def _symbol_in(text: str) -> str | None:
    found = find_symbols(text)
    return str(found[0][0]) if found else None


def _parse_section(
    letter: str, heading: str, line: int, blocks: list[Block], context: _Context
) -> list[DraftResolution]:
    """One section may hold several drafts (a draft withdrawn in favour of another): each block
    belongs to the draft whose title it introduces, else the first draft of the section it
    names, else the draft of the block before."""
    wording = context.wording
    drafts: dict[str, _Draft] = {}
    for printed, _, _ in find_symbols(heading):
        drafts.setdefault(str(printed), _Draft(str(printed), line))
    for block in blocks:
        for match in wording.title.finditer(block.text):
            found = find_symbols(match["symbol"] or "")
            if found and found[0][0].document_type == "draft":
                drafts.setdefault(str(found[0][0]), _Draft(str(found[0][0]), block.span.start_line))
    if not drafts:
        raise InputError(context.location(line), "'Draft resolution <symbol>'", heading)
    context.current = None
    current = next(iter(drafts.values()))
    for block in blocks:
        current = _draft_of(block, drafts, current, wording)
        current.end_line = block.span.end_line
        _read_block(block, current, drafts, context)
    result = []
    for draft in drafts.values():
        if not draft.title:
            raise InputError(
                context.location(draft.line), f"the title of {draft.symbol} ('entitled “...”')"
            )
        result.append(
            DraftResolution(
                section=letter,
                symbol=draft.symbol,
                title=draft.title,
                span=SourceSpan(draft.line, max(draft.end_line, draft.line)),
                submission=draft.submission,
                considered_at=draft.considered_at,
                sponsorships=tuple(draft.sponsorships),
                statements=tuple(draft.statements),
                budget_implications=draft.budget,
                adoption=draft.adoption,
                recommended_as=draft.recommended_as,
                paragraph_votes=tuple(draft.paragraph_votes),
                oral_revisions=tuple(draft.oral_revisions),
                amendments=tuple(draft.amendments),
                withdrawal=draft.withdrawal,
            )
        )
    return result


def _draft_of(
    block: Block, drafts: dict[str, _Draft], current: _Draft, wording: ReportWording
) -> _Draft:
    for match in wording.title.finditer(block.text):
        symbol = _symbol_in(match["symbol"] or "")
        if symbol in drafts:
            return drafts[symbol]
    for printed, _, _ in find_symbols(block.text):
        if str(printed) in drafts:
            return drafts[str(printed)]
    return current


def _read_block(block: Block, draft: _Draft, drafts: dict[str, _Draft], context: _Context) -> None:
    wording = context.wording
    mentioned = _read_meetings(block.text, block.span, context)
    if mentioned is not None and not wording.same_meeting.search(block.text[:40]):
        context.current = mentioned
    if not draft.title:
        for titled in wording.title.finditer(block.text):
            if _symbol_in(titled["symbol"] or "") in (draft.symbol, None):
                draft.title = titled["title"].strip()
                break
    if draft.considered_at is None and context.current is not None:
        draft.considered_at = context.current
    draft.submission = draft.submission or _submission(block, context)
    draft.sponsorships.extend(_sponsorships(block, context))
    draft.statements.extend(_statements(block, context, draft.symbol, in_draft_section=True))
    if wording.budget_implications.search(block.text) and context.current:
        draft.budget = BudgetImplications(context.current, block.span)
    if wording.oral_revision.search(block.text) and context.current:
        draft.oral_revisions.append(OralRevision(context.current, block.span))
    _amendments(block, drafts, draft, context)
    if voted := wording.paragraph_vote.search(block.text):
        draft.paragraph_votes.append(_paragraph_vote(voted, block, context))
    for pattern in wording.adoption:
        if adoption := pattern.search(block.text):
            adopted = drafts.get(_symbol_in(adoption["symbol"]) or "", draft)
            adopted.adoption = _adoption(adoption, block, context)
            adopted.recommended_as = adoption["numeral"]
            break
    if withdrawal := wording.withdrawn.search(block.text):
        withdrawn = drafts.get(_symbol_in(withdrawal["symbol"]) or "", draft)
        favour = wording.in_favour_of.search(block.text)
        withdrawn.withdrawal = Withdrawal(
            span=block.span,
            meeting=context.current,
            in_favour_of=_symbol_in(favour["symbol"]) if favour else None,
        )


def _amendments(block: Block, drafts: dict[str, _Draft], draft: _Draft, context: _Context) -> None:
    wording = context.wording
    for pattern in wording.amendment:
        for match in pattern.finditer(block.text):
            target = drafts.get(_symbol_in(match["draft"]) or "", draft)
            symbol = _symbol_in(match["symbol"])
            if symbol and all(a.symbol != symbol for a in target.amendments):
                target.amendments.append(
                    Amendment(symbol, target.symbol, block.span, meeting=context.current)
                )
    for pattern in wording.amendment_outcome:
        for match in pattern.finditer(block.text):
            symbol = _symbol_in(match["symbol"])
            outcome = AmendmentOutcome(wording.amendment_outcomes[match["outcome"].lower()])
            for owner in drafts.values():
                owner.amendments = [
                    Amendment(a.symbol, a.draft_symbol, a.span, outcome, context.current)
                    if a.symbol == symbol
                    else a
                    for a in owner.amendments
                ]


def _submission(block: Block, context: _Context) -> Submission | None:
    wording = context.wording
    text, line = block.text, block.span.start_line
    recommended = wording.recommended_by_resolution.search(text)
    recommended_symbol = recommending_body = None
    if recommended:
        body = context.resolve(recommended["body"], line)
        series = RESOLUTION_SERIES.get(body.code) if body else None
        recommended_symbol = f"{series}/{recommended['number']}" if series else None
        recommending_body = body.code if body else None
    for pattern in wording.submitted_by_office:
        if (match := pattern.search(text)) and (office := context.office(match["role"])):
            holder = match["holder"]
            return Submission(
                mode=(
                    SubmissionMode.ON_RECOMMENDATION if recommended else SubmissionMode.BY_OFFICE
                ),
                span=block.span,
                submitter_role=office.role,
                office=office,
                office_holder=context.resolve(holder, line) if holder else None,
                recommended_by_symbol=recommended_symbol,
                recommending_body=recommending_body,
            )
    for pattern in wording.submitted_on_behalf:
        if behalf := pattern.search(text):
            group = context.resolver.resolve(
                wording.leading_article.sub("", behalf["group"]).strip(" .")
            ) or context.resolve(behalf["group"], line)
            submitters = context.resolve_list(behalf["submitter"], line)
            return Submission(
                mode=SubmissionMode.ON_BEHALF_OF_GROUP,
                span=block.span,
                submitted_by=submitters[0] if len(submitters) == 1 else None,
                on_behalf_of=group,
                submitters=tuple(submitters),
            )
    if wording.submitted_for_states.search(text) or wording.submitted_by_states.search(text):
        return Submission(mode=SubmissionMode.BY_STATES, span=block.span)
    return None


def _sponsorships(block: Block, context: _Context) -> list[Sponsorship]:
    wording = context.wording
    found: list[Sponsorship] = []
    line = block.span.start_line
    for sentence in _sentences(block, wording):
        text = sentence.text
        phase: SponsorshipPhase | None = None
        original = wording.submitted_for_states.search(text) or (
            wording.submitted_by_states.search(text)
        )
        joined = wording.joined_list.search(text)
        inline = wording.joined_inline.search(text)
        if original:
            phase, names = SponsorshipPhase.ORIGINAL, original["list"]
        elif joined:
            later = wording.later_marker.search(text)
            phase = SponsorshipPhase.LATER if later else SponsorshipPhase.AT_MEETING
            names = joined["list"]
        elif inline:
            phase, names = SponsorshipPhase.AT_MEETING, inline["list"]
        else:
            continue
        if phase is not SponsorshipPhase.ORIGINAL and _cites_addendum(text):
            phase = SponsorshipPhase.LATER  # sponsors listed in an addendum joined before
        meeting = context.current if phase is SponsorshipPhase.AT_MEETING else None
        for actor in context.resolve_list(names, line):
            found.append(Sponsorship(actor, phase, block.span, meeting))
    if not found:
        for pattern in wording.submitted_on_behalf:
            if (behalf := pattern.search(block.text)) and not _is_office(behalf["group"], context):
                group = context.resolver.resolve(
                    wording.leading_article.sub("", behalf["group"]).strip(" .")
                ) or context.resolve(behalf["group"], line)
                if group is not None:
                    found.append(Sponsorship(group, SponsorshipPhase.ORIGINAL, block.span))
                break
    return found


def _is_office(text: str, context: _Context) -> bool:
    return context.office(context.wording.leading_article.sub("", text).strip(" .")) is not None


def _cites_addendum(text: str) -> bool:
    return any(kind == "Add" for symbol, _, _ in find_symbols(text) for kind, _ in symbol.suffixes)


def _statements(
    block: Block, context: _Context, draft: str | None, *, in_draft_section: bool
) -> list[Statement]:
    wording = context.wording
    found: list[Statement] = []
    line = block.span.start_line
    for sentence in _sentences(block, wording):
        text = sentence.text
        if in_draft_section:
            meeting = context.current
        else:
            meeting = _read_meetings(text, sentence.span, context) or context.current
            context.current = meeting
        if meeting is None:
            continue
        if wording.before_adoption.search(text):
            timing = StatementTiming.BEFORE_ADOPTION
        elif wording.after_adoption.search(text):
            timing = StatementTiming.AFTER_ADOPTION
        else:
            timing = StatementTiming.AT_MEETING
        concerns = draft if in_draft_section else None
        for pattern in wording.statement:
            for match in pattern.finditer(text):
                found.extend(
                    _speakers(
                        match,
                        context=context,
                        meeting=meeting,
                        timing=timing,
                        draft=concerns,
                        span=block.span,
                        line=line,
                    )
                )
        for dialogue in wording.dialogue.finditer(text):
            names = wording.leading_article.sub("", dialogue["names"])
            for actor in context.resolve_list(names, line):
                role = dialogue["role"]
                found.append(Statement(actor, timing, meeting, block.span, role, (), concerns))
    return found


def _speakers(
    match: re.Match[str],
    *,
    context: _Context,
    meeting: MeetingRef,
    timing: StatementTiming,
    draft: str | None,
    span: SourceSpan,
    line: int,
) -> list[Statement]:
    wording = context.wording
    speakers_text = match["speakers"]
    rest = match["rest"] or ""
    on_behalf: list[ActorRef] = []
    speakers_text, also = _clause_on_behalf(speakers_text, context, line)
    rest, also_after = _clause_on_behalf(rest, context, line)
    on_behalf.extend([*also, *also_after])
    if behalf := wording.statement_on_behalf.search(rest):
        group = context.resolve(behalf["actor"], line)
        if group is not None:
            on_behalf.append(group)
    statements = []
    for part in wording.speaker_split.split(speakers_text.strip()):
        speaker = wording.speaker.match(part.strip())
        if speaker is None:
            continue
        role = speaker["role"].split()[-1]
        for printed in _speaker_names(speaker["names"], context, line):
            own = list(on_behalf)
            name = printed
            if paren := wording.also_on_behalf.search(printed):
                own.extend(context.resolve_list(paren["list"], line))
                name = printed[: paren.start()] + printed[paren.end() :]
            actor = context.resolve(wording.leading_article.sub("", name), line)
            if actor is not None:
                statements.append(Statement(actor, timing, meeting, span, role, tuple(own), draft))
    return statements


def _speaker_names(names: str, context: _Context, line: int) -> list[str]:
    """The names of a list; or the whole text when only it names an actor (`the New York
    Office of the United Nations Office on Drugs and Crime` holds an `and`, not a list)."""
    article = context.wording.leading_article
    parts = context.resolver.split_name_list(names)

    def known(name: str) -> bool:
        return context.resolve(article.sub("", name), line, record=False) is not None

    if "," not in names and not all(known(part) for part in parts) and known(names):
        return [names]
    return parts


def _clause_on_behalf(source: str, context: _Context, line: int) -> tuple[str, list[ActorRef]]:
    """`(also on behalf of ...)` closing the speakers or the verb speaks for all speakers, and
    is cut from the text; `Czechia (on behalf of the European Union), Guatemala` inside a list
    speaks only for its name and is left in place."""
    paren = context.wording.also_on_behalf.search(source)
    if paren is None or source[paren.end() :].strip(" ,"):
        return source, []
    names = context.wording.leading_article.sub("", paren["list"])
    return source[: paren.start()] + source[paren.end() :], context.resolve_list(names, line)


def _counts(match: re.Match[str] | None, context: _Context) -> tuple[int, int, int | None] | None:
    if match is None:
        return None
    zero = context.wording.zero_words

    def value(text: str | None) -> int | None:
        if text is None:
            return None
        return 0 if text.lower() in zero else int(text)

    groups = match.groupdict()
    abstain = value(groups.get("abstain"))
    if abstain is None and groups.get("none"):
        abstain = 0
    return value(match["yes"]) or 0, value(match["no"]) or 0, abstain


@dataclass(frozen=True)
class _Tally:
    """The counts a recorded vote states and every State's vote listed after it."""

    yes: int | None
    no: int | None
    abstain: int | None
    votes: tuple[Vote, ...]


def _tally(counted: re.Match[str] | None, block: Block, context: _Context) -> _Tally:
    """`by a recorded vote of 166 to 2` states no abstentions: `Abstaining: None.` counts 0."""
    counts = _counts(counted, context)
    votes = []
    abstaining_printed = False
    for choice, pattern in context.wording.vote_lists.items():
        for lists in pattern.finditer(block.text):
            abstaining_printed |= choice == VoteChoice.ABSTAIN.value
            for actor in context.resolve_list(lists["list"], block.span.start_line):
                votes.append(Vote(actor, VoteChoice(choice)))
    if counts is None:
        return _Tally(None, None, None, tuple(votes))
    abstain = counts[2]
    if abstain is None and abstaining_printed:
        abstain = sum(1 for v in votes if v.choice is VoteChoice.ABSTAIN)
    return _Tally(counts[0], counts[1], abstain, tuple(votes))


def _paragraph_vote(match: re.Match[str], block: Block, context: _Context) -> ParagraphVote:
    wording = context.wording
    line = block.span.start_line
    meeting = context.current
    if meeting is None:
        raise InputError(context.location(line), "the meeting of the vote on the paragraph")
    tally = _tally(wording.recorded_vote_counts.search(block.text), block, context)
    return ParagraphVote(
        part=VotedPart(
            ParagraphKind(wording.paragraph_kinds[match["kind"].lower()]), int(match["number"])
        ),
        meeting=meeting,
        date=_date_of(context, meeting, line),
        outcome=VoteOutcome(wording.paragraph_outcomes[match["outcome"].lower()]),
        span=block.span,
        votes_in_favour=tally.yes,
        votes_against=tally.no,
        abstentions=tally.abstain,
        votes=tally.votes,
    )


def _adoption(match: re.Match[str], block: Block, context: _Context) -> Adoption:
    wording = context.wording
    line = block.span.start_line
    meeting = context.current
    if meeting is None:
        raise InputError(context.location(line), "the meeting at which the draft was adopted")
    how = match["how"]
    counted = wording.recorded_vote_counts.search(how) or wording.recorded_vote_counts.search(
        block.text
    )
    if counted or wording.recorded_vote.search(how):
        method = AdoptionMethod.RECORDED_VOTE
    elif wording.without_vote.search(how):
        method = AdoptionMethod.WITHOUT_VOTE
    else:
        method = AdoptionMethod.NOT_STATED
    tally = _tally(counted, block, context)
    return Adoption(
        meeting=meeting,
        date=_date_of(context, meeting, line),
        method=method,
        span=block.span,
        votes_in_favour=tally.yes,
        votes_against=tally.no,
        abstentions=tally.abstain,
        votes=tally.votes,
    )
