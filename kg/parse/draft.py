"""A draft resolution or decision issued under its own symbol (`A/77/L.34`, `A/C.3/77/L.30`).

The header block, in the order the UN prints it: the symbol, `Distr.: Limited` and the issue
date, `Original:` and the language, the session (`Seventy-seventh session`), for a committee
draft the committee, the agenda item(s) and the item's title, then the sponsors line ending
with `: draft resolution` / `: projet de résolution` (its names may run over several lines,
right after the item's title), then the title of the draft and the formula. The text after the
formula is read by the resolution-text parser (kg.parse.resolution); a draft has no closing
lines. Where the item's title ends and the sponsors begin is structural: the sponsors are the
longest run of lines before `: draft resolution` whose names are all known States or groups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.errors import InputError, SourceLocation, UnresolvedEntityError
from kg.model import (
    ActorRef,
    DraftDocument,
    DraftKind,
    ResolutionText,
    SourceSpan,
    Sponsorship,
    SponsorshipPhase,
    TextKind,
)
from kg.parse.lexicon import Lexicon
from kg.parse.normalize import NormalizedDocument, SourceLine, join_lines
from kg.parse.resolution import TextLanguage, read_date, read_text_after_formula, text_language
from kg.reference.resolver import EntityResolver
from kg.symbols import SYMBOL_PATTERN, DocumentSymbol


def parse_draft_document(
    document: NormalizedDocument, lexicon: Lexicon, resolver: EntityResolver
) -> DraftDocument:
    language = text_language(lexicon)
    wording = language.wording
    name, lines = document.name, document.lines
    if not lines:
        raise InputError(SourceLocation(name, 1), "the text of a draft", "no content lines")

    def missing(index: int, expected: str, found: str | None = None) -> InputError:
        return InputError(SourceLocation(name, lines[index].number), expected, found)

    formula = next((i for i, line in enumerate(lines) if language.formula.match(line.text)), None)
    if formula is None:
        raise missing(
            0, f"a draft: header, sponsors, title, then the formula {wording.example('formula')}"
        )
    header = lines[:formula]
    text = " ".join(line.text for line in header)
    symbol = _symbol(header, document.running_header)
    if symbol is None:
        raise missing(0, "the symbol of the draft ('A/77/L.34', 'A/C.3/77/L.30') in its header")
    parsed = DocumentSymbol.parse(symbol)
    if not language.pattern("limited").search(text):
        raise missing(
            0, f"the distribution of a draft ({wording.example('limited')}) under {symbol}"
        )
    issued = read_date(language, _group(language.pattern("distribution").search(text), "date"))
    if issued is None:
        raise missing(0, f"the issue date after {wording.example('limited')}")
    session_match = language.pattern("session").search(text)
    session = language.lexicon.ordinal_value(session_match["ordinal"]) if session_match else None
    if session is None or session != parsed.session:
        raise missing(
            0,
            f"the session of {symbol} ({wording.example('session')})",
            session_match[0] if session_match else None,
        )
    agenda_line = next(
        (i for i, line in enumerate(header) if language.pattern("agenda").match(line.text)), None
    )
    if agenda_line is None:
        raise missing(0, f"the agenda item(s) of {symbol} ({wording.example('agenda')})")
    agenda = language.pattern("agenda").match(header[agenda_line].text)
    assert agenda is not None
    items = tuple(int(n) for n in _item_numbers(agenda["items"]))
    # `...: draft resolution` may itself run over two lines (`Sweden: draft` / `resolution`).
    sponsors_end = next(
        (
            i
            for i in range(formula - 1, agenda_line, -1)
            if language.pattern("sponsors").match(
                join_lines([line.text for line in header[max(i - 1, agenda_line + 1) : i + 1]])
            )
        ),
        None,
    )
    if sponsors_end is None:
        raise missing(
            formula,
            f"the sponsors of {symbol} before its title ({wording.example('sponsors')})",
        )
    start, actors, kind = _sponsors(
        name, header, (agenda_line + 1, sponsors_end), language, resolver
    )
    title = join_lines([line.text for line in header[sponsors_end + 1 :]])
    if not title:
        raise missing(formula, f"the title of {symbol} between its sponsors and the formula")
    body = read_text_after_formula(
        document, lines[formula + 1 :], symbol, language, title=title, with_annex=False
    )
    last = lines[-1]
    span = SourceSpan(1, max(document.total_lines, last.number))
    sponsors_span = SourceSpan(header[start].number, header[sponsors_end].number)
    original = language.pattern("original").search(text)
    resolution_text = ResolutionText(
        kind=TextKind.DRAFT,
        source_name=name,
        language=lexicon.language,
        symbol=symbol,
        label=symbol,
        title=title,
        formula=lines[formula].text,
        preamble=body.preamble,
        operative=body.operative,
        footnotes=body.footnotes,
        span=SourceSpan(lines[formula].number, last.number),
        session=session,
        agenda_items=items,
        issue_date=issued,
        warnings=body.warnings,
    )
    return DraftDocument(
        source_name=name,
        language=lexicon.language,
        symbol=symbol,
        kind=kind,
        body=parsed.issuing_body or "un-ga",
        session=session,
        agenda_items=items,
        agenda_item_title=join_lines([line.text for line in header[agenda_line + 1 : start]]),
        issue_date=issued,
        sponsorships=tuple(
            Sponsorship(actor, SponsorshipPhase.ORIGINAL, sponsors_span) for actor in actors
        ),
        text=resolution_text,
        span=span,
        original_language=original["language"] if original else None,
        warnings=body.warnings,
    )


def _symbol(header: Sequence[SourceLine], running: str | None) -> str | None:
    for line in header:
        if SYMBOL_PATTERN.fullmatch(line.text) and _is_draft(line.text):
            return line.text
    return running if running and _is_draft(running) else None


def _is_draft(symbol: str) -> bool:
    return DocumentSymbol.parse(symbol).document_type == "draft"


def _sponsors(
    document: str,
    header: Sequence[SourceLine],
    lines: tuple[int, int],
    language: TextLanguage,
    resolver: EntityResolver,
) -> tuple[int, list[ActorRef], DraftKind]:
    """The first line of the sponsors, who they are and the kind of draft: the earliest start
    from which every name of the list is a known State or group (the lines before it are the
    agenda item's title)."""
    first, last = lines
    pattern = language.pattern("sponsors")
    for start in range(first, last + 1):
        match = pattern.match(join_lines([line.text for line in header[start : last + 1]]))
        if match is None:
            continue
        names = resolver.split_name_list(match["sponsors"])
        actors = [_sponsor(name, language, resolver) for name in names]
        if names and all(actors):
            decision = language.wording.decision in match["kind"]
            kind = DraftKind.DECISION if decision else DraftKind.RESOLUTION
            return start, [a for a in actors if a is not None], kind
    match = pattern.match(header[last].text)
    names = resolver.split_name_list(match["sponsors"]) if match else []
    unknown = next((n for n in names if _sponsor(n, language, resolver) is None), header[last].text)
    raise UnresolvedEntityError(
        SourceLocation(document, header[last].number),
        "the sponsors of the draft: names of States or groups of the reference data",
        unknown,
    )


def _sponsor(name: str, language: TextLanguage, resolver: EntityResolver) -> ActorRef | None:
    """A State or group; `Pakistan (on behalf of the Group of 77 and China)` sponsors for the
    group, so the sponsor is the group."""
    behalf = language.pattern("on_behalf").match(name)
    return resolver.resolve(behalf["group"]) if behalf else resolver.resolve(name)


def _group(match: re.Match[str] | None, name: str) -> str | None:
    return match[name] if match else None


def _item_numbers(items: str) -> list[str]:
    """`69 (b)` -> [`69`]; `13 and 117` -> [`13`, `117`]."""
    return re.findall(r"\d{1,3}(?!\s*\))", items)
