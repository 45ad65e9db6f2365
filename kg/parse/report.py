"""Parse a French Main Committee report (Parts I and II) into the typed model.

text -> normalize -> split parts -> Part I (agenda item, meetings, documents, general
statements) and Part II (one section per draft resolution) -> `Report`.

Everything is read from the document's wording; names of States, groups and bodies go through
the `ActorResolver`, and a name that resolves to nothing is reported with its line (the parse
fails listing all of them), never dropped and never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Protocol

from kg.errors import InputError, SourceLocation
from kg.model import (
    ActorRef,
    Adoption,
    AdoptionMethod,
    BudgetImplications,
    DocumentMention,
    DraftResolution,
    Footnote,
    Meeting,
    MeetingRef,
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
)
from kg.parse import patterns as p
from kg.parse.lexicon import FRENCH, Lexicon
from kg.parse.normalize import NormalizedDocument
from kg.parse.resolution import parse_recommended_texts
from kg.parse.segment import Block, BlockKind, Part, split_blocks, split_parts, split_sections
from kg.symbols import DocumentSymbol, SymbolError, find_symbols

GENERAL_ASSEMBLY = "un-ga"
# Which series prefix a body's resolutions carry (`2022/12` of ECOSOC is `E/RES/2022/12`).
RESOLUTION_SERIES = {"un-ecosoc": "E/RES", "un-ga": "A/RES"}


class ActorResolver(Protocol):
    def resolve(self, name: str) -> ActorRef | None: ...

    def split_name_list(self, text: str) -> list[str]: ...


@dataclass
class _Context:
    """What the parser has read so far: the running year and the current meeting."""

    document: str
    lexicon: Lexicon
    committee: str
    session: int
    resolver: ActorResolver
    year: int | None = None
    last_date: dt.date | None = None
    meetings: dict[MeetingRef, list[Meeting]] = field(default_factory=dict)
    current: MeetingRef | None = None
    unresolved: list[str] = field(default_factory=list)

    def location(self, line: int) -> SourceLocation:
        return SourceLocation(self.document, line)

    def resolve(self, name: str, line: int) -> ActorRef | None:
        """A name, or the longest tail of it after `de`/`du`/`des` that names an actor."""
        cleaned = name.strip(" ,;:.")
        actor = self.resolver.resolve(cleaned)
        if actor is None:
            for match in re.finditer(rf"\s(?:du|des|de la|de l{p.APOS}|de)\s*", cleaned):
                actor = self.resolver.resolve(cleaned[match.end() :])
                if actor is not None:
                    break
        if actor is None:
            self.unresolved.append(f"{self.document}:{line}: unknown State or body {cleaned!r}")
        return actor

    def resolve_list(self, text: str, line: int) -> list[ActorRef]:
        names = self.resolver.split_name_list(text)
        actors = [self.resolve(p.LEADING_ARTICLE.sub("", n), line) for n in names]
        return [actor for actor in actors if actor is not None]


@dataclass(frozen=True)
class _Sentence:
    text: str
    span: SourceSpan


def parse_report(document: NormalizedDocument, resolver: ActorResolver) -> Report:
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
    parts = split_parts(document.lines)
    if len(parts) < 2:
        found = parts[0].title if parts else (document.lines[0].text if document.lines else "")
        raise InputError(
            SourceLocation(name, parts[0].span.start_line if parts else 1),
            "a committee report with Parts 'I. Introduction' and 'II. Examen de projets de "
            "résolution'",
            found,
        )
    if len(parts) < 3:
        raise InputError(
            SourceLocation(name, document.lines[-1].number),
            "Part III with the committee's recommendations after Part II (the report is truncated)",
            document.lines[-1].text[:60],
        )
    intro_blocks, next_number = split_blocks(parts[0].lines, 1)
    allocation = _agenda_allocation(intro_blocks)
    session = FRENCH.ordinal_value(allocation["session"]) if allocation else None
    if session is None:
        session = symbol.session
    if session is None:
        raise InputError(
            SourceLocation(name, parts[0].span.start_line),
            "the session of the agenda item ('... de sa soixante-dix-septième session ...')",
        )
    committee_name = allocation["committee"] if allocation else _committee_from_parts(parts)
    committee = resolver.resolve(committee_name) if committee_name else None
    if committee is None or committee.kind != "body":
        raise InputError(
            SourceLocation(name, parts[0].span.start_line),
            "the committee the item was allocated to ('... renvoyer à la Troisième Commission')",
            committee_name,
        )
    context = _Context(name, FRENCH, committee.code, session, resolver)
    documents: list[DocumentMention] = []
    general: list[Statement] = []
    for block in intro_blocks:
        _read_meetings(block.text, block.span, context)
        general.extend(_statements(block, context, None, in_draft_section=False))
    documents.extend(_documents_before_committee(intro_blocks, context))

    preamble, sections = split_sections(parts[1].lines)
    if not sections:
        raise InputError(
            SourceLocation(name, parts[1].span.start_line),
            "lettered sections 'A. Projet de résolution <symbol>' in Part II",
            parts[1].title,
        )
    preamble_blocks, next_number = split_blocks(preamble, next_number)
    for block in preamble_blocks:
        _read_meetings(block.text, block.span, context)
        general.extend(_statements(block, context, None, in_draft_section=False))
    drafts = []
    for letter, title, lines in sections:
        blocks, next_number = split_blocks(lines, next_number)
        drafts.append(_parse_draft(letter, title, lines[0].number, blocks, context))
    if not context.meetings:
        raise InputError(
            SourceLocation(name, parts[0].span.start_line),
            "meetings with their dates ('À sa 45e séance, le 4 novembre 2022, ...')",
        )
    footnotes = _report_footnotes(document.footnotes, parts)
    documents.extend(_summary_records(footnotes, context))
    if context.unresolved:
        raise InputError(
            SourceLocation(name, None),
            "names of known States, groups or bodies",
            "; ".join(context.unresolved),
        )
    texts = parse_recommended_texts(document, parts[2], tuple(drafts), FRENCH)
    last_line = document.lines[-1].number if document.lines else 1
    agenda_number = _agenda_item_number(intro_blocks)
    return Report(
        source_name=name,
        symbol=str(symbol),
        language=FRENCH.language,
        session=session,
        committee=committee.code,
        agenda_item_title=allocation["title"] if allocation else "",
        agenda_item_number=agenda_number,
        meetings=_meetings(context),
        documents=tuple(documents),
        drafts=tuple(drafts),
        general_statements=tuple(general),
        footnotes=footnotes,
        span=SourceSpan(1, max(last_line, 1)),
        texts=texts,
    )


def _symbol_from_file_name(name: str) -> str | None:
    """ODS file names spell the symbol with underscores: `A_77_464.fr.txt` -> `A/77/464`."""
    match = re.fullmatch(r"(?P<symbol>[A-Z]+(?:_[A-Za-z0-9.\-]+)+)\.[a-z]{2}\.txt", name)
    return match["symbol"].replace("_", "/") if match else None


def _parse_symbol(text: str, location: SourceLocation) -> DocumentSymbol:
    try:
        return DocumentSymbol.parse(text)
    except SymbolError:
        raise InputError(location, "a UN document symbol", text) from None


def _agenda_allocation(blocks: list[Block]) -> dict[str, str] | None:
    for block in blocks:
        match = p.AGENDA_ALLOCATION.search(block.text)
        if match:
            return {k: v.strip() for k, v in match.groupdict().items()}
    return None


def _agenda_item_number(blocks: list[Block]) -> int | None:
    """Only when the report states its own item number (`au titre du point 109`)."""
    for block in blocks:
        match = re.search(r"au titre du point (?P<number>\d{1,3}) de l['’]ordre", block.text)
        if match:
            return int(match["number"])
    return None


def _committee_from_parts(parts: list[Part]) -> str | None:
    for part in parts:
        match = p.RECOMMENDATIONS_HEADING.match(part.title)
        if match:
            return match["committee"]
    return None


# --- meetings and dates -----------------------------------------------------------------------


def _read_meetings(text: str, span: SourceSpan, context: _Context) -> MeetingRef | None:
    """Record every meeting mention in a paragraph; returns the first one (the current meeting)."""
    first: MeetingRef | None = None
    for match in p.FrenchReportPatterns(context.lexicon).meeting_mention.finditer(text):
        numbers = [int(n) for n in re.findall(r"\d+", match["numbers"])]
        body = GENERAL_ASSEMBLY if match["plenary"] else context.committee
        refs = [MeetingRef(body, context.session, n) for n in numbers]
        if match["days"]:
            days = re.findall(r"\d{1,2}(?:er)?", match["days"])
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
    day = re.findall(r"\d{1,2}(?:er)?", match["days"] or "1")[0]
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
    """The lettered items after `la Commission était saisie des documents suivants`."""
    mentions: list[DocumentMention] = []
    listing = False
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            listing = bool(p.DOCUMENTS_BEFORE.search(block.text))
            continue
        if not listing:
            continue
        kind = next(
            (kind for word, kind in p.DOCUMENT_KIND_WORDS if block.text.startswith(word)),
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


def _report_footnotes(footnotes: tuple[Footnote, ...], parts: list[Part]) -> tuple[Footnote, ...]:
    """Footnotes printed on the pages of Parts I and II (Part III texts number their own)."""
    end = parts[2].span.start_line if len(parts) > 2 else None
    return tuple(f for f in footnotes if end is None or f.span.start_line < end)


def _summary_records(footnotes: tuple[Footnote, ...], context: _Context) -> list[DocumentMention]:
    records = []
    for footnote in footnotes:
        for symbol, _, _ in find_symbols(footnote.text):
            number = symbol.meeting_number
            if number is not None and symbol.issuing_body == context.committee:
                ref = MeetingRef(context.committee, context.session, number)
                records.append(DocumentMention(str(symbol), "summary_record", footnote.span, ref))
    return records


# --- Part II: one draft resolution per section -----------------------------------------------


def _sentences(block: Block) -> list[_Sentence]:
    return [_Sentence(s, block.span) for s in p.SENTENCE_END.split(block.text) if s.strip()]


def _parse_draft(
    letter: str, heading: str, line: int, blocks: list[Block], context: _Context
) -> DraftResolution:
    symbols = find_symbols(heading)
    if not symbols:
        raise InputError(context.location(line), "'Projet de résolution <symbol>'", heading)
    symbol = str(symbols[0][0])
    context.current = None
    title = ""
    submission: Submission | None = None
    considered_at: MeetingRef | None = None
    sponsorships: list[Sponsorship] = []
    statements: list[Statement] = []
    budget: BudgetImplications | None = None
    adoption: Adoption | None = None
    recommended_as: str | None = None
    for block in blocks:
        mentioned = _read_meetings(block.text, block.span, context)
        if mentioned is not None and not p.SAME_MEETING.search(block.text[:40]):
            context.current = mentioned
        if not title and (match := p.TITLE.search(block.text)):
            title = match["title"]
        if considered_at is None and context.current is not None:
            considered_at = context.current
        submission = submission or _submission(block, context)
        sponsorships.extend(_sponsorships(block, context))
        statements.extend(_statements(block, context, symbol, in_draft_section=True))
        if (match := p.BUDGET_IMPLICATIONS.search(block.text)) and context.current:
            budget = BudgetImplications(context.current, block.span)
        if match := p.ADOPTION.search(block.text):
            adoption = _adoption(match, block, context)
            recommended_as = match["numeral"]
    if not title:
        raise InputError(context.location(line), f"the title of {symbol} ('intitulé « ... »')")
    return DraftResolution(
        section=letter,
        symbol=symbol,
        title=title,
        span=SourceSpan(line, blocks[-1].span.end_line if blocks else line),
        submission=submission,
        considered_at=considered_at,
        sponsorships=tuple(sponsorships),
        statements=tuple(statements),
        budget_implications=budget,
        adoption=adoption,
        recommended_as=recommended_as,
    )


def _submission(block: Block, context: _Context) -> Submission | None:
    text, line = block.text, block.span.start_line
    if (recommended := p.RECOMMENDED_BY_RESOLUTION.search(text)) and (
        chair := p.SUBMITTED_BY_CHAIR.search(text)
    ):
        body = context.resolve(recommended["body"], line)
        series = RESOLUTION_SERIES.get(body.code) if body else None
        nationality = chair["nationality"]
        return Submission(
            mode=SubmissionMode.ON_RECOMMENDATION,
            span=block.span,
            submitted_by=context.resolve(nationality, line) if nationality else None,
            submitter_role="chair",
            recommended_by_symbol=f"{series}/{recommended['number']}" if series else None,
            recommending_body=body.code if body else None,
        )
    if behalf := p.SUBMITTED_ON_BEHALF.search(text):
        group = context.resolve(re.sub(r"^au nom\s+", "", behalf["group"]), line)
        return Submission(
            mode=SubmissionMode.ON_BEHALF_OF_GROUP,
            span=block.span,
            submitted_by=context.resolve(p.LEADING_ARTICLE.sub("", behalf["submitter"]), line),
            on_behalf_of=group,
        )
    if p.SUBMITTED_BY_STATES.search(text):
        return Submission(mode=SubmissionMode.BY_STATES, span=block.span)
    return None


def _sponsorships(block: Block, context: _Context) -> list[Sponsorship]:
    found: list[Sponsorship] = []
    line = block.span.start_line
    for sentence in _sentences(block):
        text = sentence.text
        phase: SponsorshipPhase | None = None
        names: str | None = None
        if match := p.SUBMITTED_BY_STATES.search(text):
            phase, names = SponsorshipPhase.ORIGINAL, match["list"]
        elif match := p.JOINED_LIST.search(text):
            later = p.LATER_MARKER.search(text)
            phase = SponsorshipPhase.LATER if later else SponsorshipPhase.AT_MEETING
            names = match["list"]
        elif match := p.JOINED_INLINE.search(text):
            phase, names = SponsorshipPhase.AT_MEETING, match["list"]
        if phase is None or names is None:
            continue
        meeting = context.current if phase is SponsorshipPhase.AT_MEETING else None
        for actor in context.resolve_list(names, line):
            found.append(Sponsorship(actor, phase, block.span, meeting))
    if (behalf := p.SUBMITTED_ON_BEHALF.search(block.text)) and not found:
        group = context.resolve(behalf["group"], line)
        if group is not None:
            found.append(Sponsorship(group, SponsorshipPhase.ORIGINAL, block.span))
    return found


def _statements(
    block: Block, context: _Context, draft: str | None, *, in_draft_section: bool
) -> list[Statement]:
    found: list[Statement] = []
    line = block.span.start_line
    for sentence in _sentences(block):
        text = sentence.text
        if in_draft_section:
            meeting = context.current
        else:
            meeting = _read_meetings(text, sentence.span, context) or context.current
            context.current = meeting
        if meeting is None:
            continue
        if p.BEFORE_ADOPTION.search(text):
            timing = StatementTiming.BEFORE_ADOPTION
        elif p.AFTER_ADOPTION.search(text):
            timing = StatementTiming.AFTER_ADOPTION
        else:
            timing = StatementTiming.AT_MEETING
        concerns = draft if in_draft_section else None
        for match in p.STATEMENT.finditer(text):
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
        for dialogue in p.DIALOGUE.finditer(text):
            for actor in context.resolve_list(p.LEADING_ARTICLE.sub("", dialogue["names"]), line):
                found.append(
                    Statement(actor, timing, meeting, block.span, "représentants", (), concerns)
                )
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
    speakers_text = match["speakers"]
    also: list[ActorRef] = []
    if paren := p.ALSO_ON_BEHALF.search(speakers_text):
        also = context.resolve_list(p.LEADING_ARTICLE.sub("", paren["list"]), line)
        speakers_text = speakers_text[: paren.start()] + speakers_text[paren.end() :]
    on_behalf = list(also)
    if behalf := p.STATEMENT_ON_BEHALF.search(match["rest"] or ""):
        group = context.resolve(behalf["actor"], line)
        if group is not None:
            on_behalf.append(group)
    statements = []
    for part in p.SPEAKER_SPLIT.split(speakers_text.strip()):
        speaker = p.SPEAKER.match(part.strip())
        if speaker is None:
            continue
        role = speaker["role"].split()[-1]
        for actor in context.resolve_list(speaker["names"], line):
            statements.append(
                Statement(actor, timing, meeting, span, role, tuple(on_behalf), draft)
            )
    return statements


def _adoption(match: re.Match[str], block: Block, context: _Context) -> Adoption:
    line = block.span.start_line
    meeting = context.current
    if meeting is None:
        raise InputError(context.location(line), "the meeting at which the draft was adopted")
    how = match["how"]
    counts = p.RECORDED_VOTE_COUNTS.search(how) or p.RECORDED_VOTE_COUNTS.search(block.text)
    if counts or p.RECORDED_VOTE.search(how):
        method = AdoptionMethod.RECORDED_VOTE
    elif p.WITHOUT_VOTE.search(how):
        method = AdoptionMethod.WITHOUT_VOTE
    else:
        method = AdoptionMethod.NOT_STATED
    votes = [
        Vote(actor, VoteChoice(choice))
        for choice, pattern in p.VOTE_LISTS.items()
        for lists in pattern.finditer(block.text)
        for actor in context.resolve_list(lists["list"], line)
    ]
    return Adoption(
        meeting=meeting,
        date=_date_of(context, meeting, line),
        method=method,
        span=block.span,
        votes_in_favour=int(counts["yes"]) if counts else None,
        votes_against=int(counts["no"]) if counts else None,
        abstentions=int(counts["abstain"]) if counts and counts["abstain"] else None,
        votes=tuple(votes),
    )
