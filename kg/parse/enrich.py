"""Fill the citations, instruments and mandates of the paragraphs of a resolution text.

The parser of resolution texts (`kg.parse.resolution`) cuts a text into `Paragraph`s and leaves
their `citations`, `instruments` and `mandates` empty; `enrich_text` fills them, working on the
text of each paragraph and of the footnotes it calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from kg.model import Citation, Footnote, InstrumentMention, Paragraph, ParagraphKind, ResolutionText
from kg.parse.citations import extract_citations
from kg.parse.instruments import InstrumentTable, find_instruments, treaty_series_references
from kg.parse.mandates import extract_mandates
from kg.reference.resolver import EntityResolver

__all__ = ["enrich_paragraphs", "enrich_text"]

_TREATY_KINDS = ("convention", "protocol")


def enrich_text(
    text: ResolutionText, resolver: EntityResolver, instruments: InstrumentTable
) -> ResolutionText:
    """A copy of `text` whose paragraphs carry their citations, instruments and mandates.

    * Citations: those of the paragraph's text, then those of the footnotes the paragraph
      calls (`Paragraph.footnote_calls`), in the order of the calls. `Footnote` has no field of
      its own for citations, so a footnote's citations are attached to the paragraph that calls
      it; they keep the span of the footnote, which tells them apart. A footnote no paragraph
      calls contributes nothing.
    * Instruments: the names found in the paragraph's text; the Treaty Series volume and number
      of a mention come from a footnote the paragraph calls (`Recueil des Traités, vol. 2349,
      no 42146`, or `Ibid., vol. ...` after such a footnote) whose registration number and one
      of whose volumes are those the instrument table records for it; failing that, when a
      single convention or protocol of the paragraph has no reference and a single called
      footnote gives one that no other mention took, that one.
    * Mandates: those of operative paragraphs only, read with the opening phrase the parser
      gave; the title and preamble serve as context for short names (`l'Institut`).

    The paragraphs' other fields are untouched, and enriching twice gives the same result.
    """
    context = " ".join([text.title, *(paragraph.text for paragraph in text.preamble)])
    paragraphs = enrich_paragraphs(
        (*text.preamble, *text.operative),
        text.footnotes,
        text.language,
        resolver,
        instruments,
        context=context,
    )
    split = len(text.preamble)
    return replace(text, preamble=paragraphs[:split], operative=paragraphs[split:])


def enrich_paragraphs(
    paragraphs: Sequence[Paragraph],
    footnotes: Sequence[Footnote],
    language: str,
    resolver: EntityResolver,
    instruments: InstrumentTable,
    *,
    context: str = "",
) -> tuple[Paragraph, ...]:
    """`enrich_text` for any paragraphs with the footnotes they call, e.g. those of a text a
    resolution annexes (`kg.parse.resolution.AnnexedText`); `context` is the text short names
    may refer to (a title, a preamble)."""
    by_number = {footnote.number: footnote for footnote in footnotes}
    numbers = frozenset(by_number)
    series = treaty_series_references(footnotes)

    def enrich(paragraph: Paragraph) -> Paragraph:
        called = [by_number[n] for n in paragraph.footnote_calls if n in by_number]
        mandates = (
            extract_mandates(
                paragraph.text,
                paragraph.opening_phrase,
                paragraph.span,
                language,
                resolver,
                context=context,
                instruments=instruments,
            )
            if paragraph.kind is ParagraphKind.OPERATIVE
            else ()
        )
        return replace(
            paragraph,
            citations=_citations(paragraph, called, language, numbers, context),
            instruments=_instruments(paragraph, called, language, instruments, series),
            mandates=mandates,
        )

    return tuple(enrich(paragraph) for paragraph in paragraphs)


def _own_texts(paragraph: Paragraph) -> list[str]:
    """The paragraph's text, and the texts of its sub-paragraphs if the parser kept them apart."""
    return [
        paragraph.text,
        *(sub.text for sub in paragraph.sub_paragraphs if sub.text not in paragraph.text),
    ]


def _citations(
    paragraph: Paragraph,
    called: list[Footnote],
    language: str,
    numbers: frozenset[int],
    context: str = "",
) -> tuple[Citation, ...]:
    found: list[Citation] = []
    for own in _own_texts(paragraph):
        found.extend(extract_citations(own, paragraph.span, language, numbers, context=context))
    for footnote in called:
        found.extend(extract_citations(footnote.text, footnote.span, language))
    return tuple(found)


def _instruments(
    paragraph: Paragraph,
    called: list[Footnote],
    language: str,
    table: InstrumentTable,
    series: Mapping[int, tuple[tuple[int, int], ...]],
) -> tuple[InstrumentMention, ...]:
    mentions: dict[str, InstrumentMention] = {}
    for own in _own_texts(paragraph):
        for mention in find_instruments(own, paragraph.span, language, table):
            mentions.setdefault(mention.code, mention)
    references = [(f.number, pair) for f in called for pair in series.get(f.number, ())]
    used: set[int] = set()
    for code, mention in mentions.items():
        instrument = table[code]
        for footnote, (volume, number) in references:
            if (volume, number) == (instrument.unts_volume, instrument.unts_number):
                mentions[code] = replace(mention, unts_volume=volume, unts_number=number)
                used.add(footnote)
                break
    unreferenced = [
        code
        for code, mention in mentions.items()
        if mention.unts_number is None and table[code].kind in _TREATY_KINDS
    ]
    left = [(footnote, pair) for footnote, pair in references if footnote not in used]
    if len(unreferenced) == 1 and len({footnote for footnote, _ in left}) == 1:
        volume, number = left[0][1]
        code = unreferenced[0]
        mentions[code] = replace(mentions[code], unts_volume=volume, unts_number=number)
    return tuple(mentions.values())
