"""The document types the graph reads: one registry, each type with how it is recognised, how it
is parsed and how it is mapped.

Recognition is by content, never by file name: the header block of the first page (the symbol
printed there, `Distr.: Limited`, `Resolution adopted by the General Assembly`, `Report of the
Third Committee`), in the wording of each language (kg.parse.wording, through the lexicons). The
language is recognised from the same lines: the lexicon whose header wording the head matches
most. A type is tried in the order of the registry; the first that recognises the head parses
it. A head no type recognises gets one line saying what it looks like and what is supported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from rdflib import Graph

from kg.errors import InputError, SourceLocation
from kg.ids import IriMinter
from kg.mapping.draft import map_draft_document
from kg.mapping.report import map_report
from kg.mapping.resolution import map_resolution
from kg.model import DraftDocument, ParseWarning, Report, ResolutionText
from kg.parse.completeness import check_pages, check_recommended_texts
from kg.parse.draft import parse_draft_document
from kg.parse.enrich import enrich_paragraphs, enrich_text
from kg.parse.instruments import InstrumentTable
from kg.parse.issued import normalize_issued_text
from kg.parse.lexicon import LEXICONS, Lexicon
from kg.parse.normalize import NormalizedDocument, decode
from kg.parse.pdf import normalize_pdf
from kg.parse.report import normalize_report, parse_report
from kg.parse.resolution import parse_adopted_resolution
from kg.reference.resolver import EntityResolver
from kg.symbols import SYMBOL_PATTERN, DocumentSymbol

Document = Report | ResolutionText | DraftDocument

_HEAD_LINES = 40  # the header block of the first page is within these lines
_HEAD_MARKERS = ("adopted_heading", "limited", "report_heading", "original", "formula")
_MARKER_WEIGHT = 100  # one line of header wording outweighs any number of dates


@dataclass(frozen=True)
class Source:
    """What a parser reads: the text of a text file, or the lines of a PDF (already read by the
    PDF front-end, which recognition needs anyway)."""

    name: str
    text: str | None
    pdf: NormalizedDocument | None

    @property
    def form(self) -> str:
        return "PDF" if self.pdf is not None else "text"


@dataclass(frozen=True)
class Head:
    """The first lines of a document, what recognition reads."""

    text: str
    symbol: DocumentSymbol | None  # the first symbol printed alone on a line
    lexicon: Lexicon | None  # the language whose header wording the lines match most

    def matches(self, marker: str) -> bool:
        return self.lexicon is not None and bool(_pattern(self.lexicon, marker).search(self.text))

    @property
    def symbol_type(self) -> str | None:
        return self.symbol.document_type if self.symbol else None


@dataclass(frozen=True)
class Context:
    resolver: EntityResolver
    instruments: InstrumentTable


@dataclass(frozen=True)
class DocumentType:
    name: str  # plural, for messages: `committee reports`
    recognise: Callable[[Head], bool]
    parse: Callable[[Source, Lexicon, Context], Document]
    map: Callable[[Document, IriMinter], Graph]
    summarise: Callable[[Document], list[str]]  # what `kg parse` prints
    forms: frozenset[str]  # `text`, `PDF`


# --- recognition --------------------------------------------------------------------------------


@cache
def _pattern(lexicon: Lexicon, marker: str) -> re.Pattern[str]:
    source = getattr(lexicon.resolution, marker)
    return re.compile(source.removeprefix("^").removesuffix("$"), re.MULTILINE)


@cache
def _months(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b\d{{1,2}}(?:er)? (?:{lexicon.month_pattern}) \d{{4}}\b")


def read_head(source: Source) -> Head:
    if source.pdf is not None:
        lines = [line.text for line in source.pdf.lines[:_HEAD_LINES]]
        if source.pdf.running_header:
            lines.insert(0, source.pdf.running_header)
    else:
        assert source.text is not None
        lines = [line.strip() for line in source.text.split("\n")[: _HEAD_LINES * 2]]
    text = "\n".join(line.replace("\f", "") for line in lines)
    symbol = next(
        (
            DocumentSymbol.parse(line.strip())
            for line in text.split("\n")
            if SYMBOL_PATTERN.fullmatch(line.strip())
        ),
        None,
    )
    # The header's wording decides; month names break a tie (a report whose first page, with
    # its header block, is missing: the French sample starts at `I. Introduction`).
    scores = {
        lexicon.language: _MARKER_WEIGHT
        * sum(bool(_pattern(lexicon, marker).search(text)) for marker in _HEAD_MARKERS)
        + len(_months(lexicon).findall(text))
        for lexicon in LEXICONS.values()
    }
    best = max(scores, key=lambda language: scores[language])
    return Head(text, symbol, LEXICONS[best] if scores[best] else None)


def _is_adopted(head: Head) -> bool:
    return head.symbol_type == "resolution" or head.matches("adopted_heading")


def _is_draft(head: Head) -> bool:
    return head.symbol_type == "draft" and head.matches("limited")


def _is_report(head: Head) -> bool:
    """`Report of the First Committee` under a document symbol, or, when the first page is
    missing, a text that opens with Part I of a report."""
    headed = head.symbol_type == "document" and head.matches("report_heading")
    return headed or (head.lexicon is not None and head.matches("report_opening"))


# --- parsing ------------------------------------------------------------------------------------


def _lines(source: Source) -> NormalizedDocument:
    if source.pdf is not None:
        return source.pdf
    assert source.text is not None
    return normalize_issued_text(source.name, source.text)


def _parse_adopted(source: Source, lexicon: Lexicon, context: Context) -> Document:
    return enrich_adopted(parse_adopted_resolution(_lines(source), lexicon), context)


def _parse_draft(source: Source, lexicon: Lexicon, context: Context) -> Document:
    draft = parse_draft_document(_lines(source), lexicon, context.resolver)
    return replace(draft, text=enrich_adopted(draft.text, context))


def _parse_report(source: Source, _lexicon: Lexicon, context: Context) -> Document:
    """The report parser detects the report's language from its own wording (kg.lang)."""
    assert source.text is not None
    normalized = normalize_report(source.name, source.text)
    report = parse_report(normalized, context.resolver)
    check_recommended_texts(report, normalized)
    # Whose session a due session is (the Assembly's or the Commission's) is read by
    # kg.parse.mandates from the wording: nothing to drop here.
    texts = tuple(enrich_text(t, context.resolver, context.instruments) for t in report.texts)
    return replace(report, texts=texts)


def _map_report(document: Document, minter: IriMinter) -> Graph:
    assert isinstance(document, Report)
    return map_report(document, minter)


def _map_adopted(document: Document, minter: IriMinter) -> Graph:
    assert isinstance(document, ResolutionText)
    return map_resolution(document, minter)


def _map_draft(document: Document, minter: IriMinter) -> Graph:
    assert isinstance(document, DraftDocument)
    return map_draft_document(document, minter)


def _text_counts(text: ResolutionText) -> str:
    return (
        f"{len(text.preamble)} preambular and {len(text.operative)} operative paragraphs, "
        f"{len(text.footnotes)} footnotes"
    )


def _summarise_adopted(document: Document) -> list[str]:
    assert isinstance(document, ResolutionText)
    head = f"{document.symbol} ({document.language}) {document.label}: {document.title}"
    return [head, _text_counts(document)]


def _summarise_draft(document: Document) -> list[str]:
    assert isinstance(document, DraftDocument)
    return [
        f"{document.symbol} ({document.language}), draft {document.kind.value} before "
        f"{document.body}, session {document.session}: {document.title}",
        f"{len(document.sponsorships)} sponsors, {_text_counts(document.text)}",
    ]


def _summarise_report(document: Document) -> list[str]:
    assert isinstance(document, Report)
    return [
        f"{document.symbol} ({document.language}), session {document.session}, "
        f"{document.committee}: {document.agenda_item_title}",
        f"{len(document.meetings)} meetings, {len(document.documents)} documents, "
        f"{len(document.drafts)} drafts, {len(document.general_statements)} general "
        f"statements, {len(document.texts)} resolution texts",
        *(
            f"  {draft.section}. {draft.symbol}: {len(draft.sponsorships)} sponsors, "
            f"{len(draft.statements)} statements, recommended as {draft.recommended_as}"
            for draft in document.drafts
        ),
    ]


REGISTRY: tuple[DocumentType, ...] = (
    DocumentType(
        "adopted resolutions",
        _is_adopted,
        _parse_adopted,
        _map_adopted,
        _summarise_adopted,
        frozenset({"text", "PDF"}),
    ),
    DocumentType(
        "drafts issued as documents",
        _is_draft,
        _parse_draft,
        _map_draft,
        _summarise_draft,
        frozenset({"text", "PDF"}),
    ),
    DocumentType(
        "committee reports",
        _is_report,
        _parse_report,
        _map_report,
        _summarise_report,
        frozenset({"text"}),
    ),
)

SUPPORTED = (
    "a committee report (text), an adopted resolution or a draft of the General Assembly "
    "(text or PDF), in " + " or ".join(lexicon.resolution.name for lexicon in LEXICONS.values())
)


def document_warnings(document: Document) -> tuple[ParseWarning, ...]:
    """The parser's warnings of a document and of the texts it holds, in reading order."""
    texts = document.texts if isinstance(document, Report) else ()
    return (*document.warnings, *(w for t in texts for w in t.warnings))


def document_type_of(document: Document) -> DocumentType:
    """The registry entry that maps a parsed document."""
    kinds = {Report: "committee reports", ResolutionText: "adopted resolutions"}
    name = kinds.get(type(document), "drafts issued as documents")
    return next(entry for entry in REGISTRY if entry.name == name)


def parse_document(
    name: str, data: bytes, resolver: EntityResolver, instruments: InstrumentTable
) -> Document:
    if data.startswith(b"%PDF"):
        source = Source(name, None, normalize_pdf(name, data))
    else:
        text = decode(name, data)
        check_pages(name, text)
        source = Source(name, text, None)
    head = read_head(source)
    for entry in REGISTRY:
        if entry.recognise(head):
            if source.form not in entry.forms:
                forms = " or ".join(sorted(entry.forms))
                raise _unsupported(name, f"{entry.name} as {source.form} (read from {forms} only)")
            if head.lexicon is None:
                raise _unsupported(name, _looks_like(source, head))
            return entry.parse(source, head.lexicon, Context(resolver, instruments))
    raise _unsupported(name, _looks_like(source, head))


def _looks_like(source: Source, head: Head) -> str:
    """What a document no type recognises looks like, in a few words."""
    form = "a PDF" if source.pdf is not None else "a text"
    if head.symbol is None:
        return f"{form} without a UN symbol in its header"
    if head.lexicon is None:
        return f"{form} with the symbol {head.symbol} in none of the supported languages"
    return f"{form} with the symbol {head.symbol} but none of the headings of a supported type"


def _unsupported(name: str, looks_like: str) -> InputError:
    return InputError(SourceLocation(name, 1), SUPPORTED, looks_like)


# --- enrichment ---------------------------------------------------------------------------------


def enrich_adopted(text: ResolutionText, context: Context) -> ResolutionText:
    """Citations, instruments and mandates of a text issued under its own symbol, and of the
    texts it adopts inline."""
    resolver, instruments = context.resolver, context.instruments
    enriched = enrich_text(text, resolver, instruments)
    annexes = tuple(
        replace(
            annex,
            introduction=enrich_paragraphs(
                annex.introduction,
                text.footnotes,
                text.language,
                resolver,
                instruments,
                context=annex.title,
            ),
            paragraphs=enrich_paragraphs(
                annex.paragraphs,
                text.footnotes,
                text.language,
                resolver,
                instruments,
                context=annex.title,
            ),
        )
        for annex in text.annexes
    )
    return replace(enriched, annexes=annexes)
