"""Which parser reads a source: a committee report, or an adopted resolution (text or PDF).

Dispatch is by content, not by file name: a PDF goes to the PDF front-end; a text whose header
block says `Resolution adopted by the General Assembly` is an adopted resolution; anything else
is read as a committee report (whose parser says clearly when it is not one). After the
structure, one pass fills in citations, instruments and mandates (kg.parse.enrich).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.errors import InputError, SourceLocation
from kg.model import Paragraph, Report, ResolutionText
from kg.parse.completeness import check_pages, check_recommended_texts, warn_unfinished_texts
from kg.parse.enrich import enrich_paragraphs, enrich_text
from kg.parse.instruments import InstrumentTable
from kg.parse.lexicon import ENGLISH, Lexicon
from kg.parse.normalize import decode
from kg.parse.pdf import normalize_pdf
from kg.parse.report import normalize_report, parse_report
from kg.parse.resolution import normalize_adopted_text, parse_adopted_resolution
from kg.reference.resolver import EntityResolver

Document = Report | ResolutionText

# The header of an adopted resolution, per language with a lexicon.
_ADOPTED_HEADERS: tuple[tuple[re.Pattern[str], Lexicon], ...] = (
    (re.compile(r"Resolution\s+adopted\s+by\s+the\s+General\s+Assembly"), ENGLISH),
)
_FRENCH_ADOPTED = re.compile(r"Résolution\s+adoptée\s+par\s+l.Assemblée\s+générale")


def parse_document(
    name: str, data: bytes, resolver: EntityResolver, instruments: InstrumentTable
) -> Document:
    if data.startswith(b"%PDF"):
        document = normalize_pdf(name, data)
        head = " ".join(line.text for line in document.lines[:40])
        return _enrich(
            parse_adopted_resolution(document, _adopted_lexicon(name, head)), resolver, instruments
        )
    text = decode(name, data)
    check_pages(name, text)
    head = text[:3000]
    if any(pattern.search(head) for pattern, _ in _ADOPTED_HEADERS) or _FRENCH_ADOPTED.search(head):
        lexicon = _adopted_lexicon(name, head)
        adopted = parse_adopted_resolution(normalize_adopted_text(name, text), lexicon)
        return _enrich(adopted, resolver, instruments)
    normalized = normalize_report(name, text)
    report = parse_report(normalized, resolver)
    check_recommended_texts(report, normalized)
    report = warn_unfinished_texts(report)
    texts = tuple(
        _due_sessions_of_the_assembly(enrich_text(t, resolver, instruments), report.session)
        for t in report.texts
    )
    return replace(report, texts=texts)


def _adopted_lexicon(name: str, head: str) -> Lexicon:
    for pattern, lexicon in _ADOPTED_HEADERS:
        if pattern.search(head):
            return lexicon
    raise InputError(
        SourceLocation(name, 1),
        "an adopted resolution in English (French, Spanish, Russian, Chinese and Arabic "
        "adopted resolutions have no parser yet)",
        head[:60].strip(),
    )


def _enrich(
    text: ResolutionText, resolver: EntityResolver, instruments: InstrumentTable
) -> ResolutionText:
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
    enriched = replace(enriched, annexes=annexes)
    return _due_sessions_of_the_assembly(enriched, text.session) if text.session else enriched


def _due_sessions_of_the_assembly(text: ResolutionText, session: int) -> ResolutionText:
    """A due session before the text's own session is another body's (`la Commission ... sera
    saisie à sa trente-deuxième session`): not a session of the Assembly, so it is not kept as
    one. Which body's session it is stays in the paragraph text."""

    def keep(paragraph: Paragraph) -> Paragraph:
        mandates = tuple(
            replace(m, due_session=None)
            if m.due_session is not None and m.due_session < session
            else m
            for m in paragraph.mandates
        )
        return replace(paragraph, mandates=mandates)

    return replace(text, operative=tuple(keep(p) for p in text.operative))
