"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML of the resolution texts the store holds.

What is exported is what the graph says, read with SPARQL whose values are bound, never
spliced in: every adopted resolution and every draft issued as a document with its text
(`<statement name="resolution">`, `name="resolutionDraft"`), and every text a committee report
recommends (`resolutionDraft`, one file per text: `A-77-464-V.xml`).

Mapping (AKN element <- graph):
- `meta/identification`: FRBR work / expression / manifestation IRIs minted by kg.ids (the text
  is a component: `FRBRthis` is `{work}/!main` or `{report}/!draftResolution_V`, `FRBRuri` the
  document), `FRBRdate` from the dates the graph holds (`adoption` of a resolution, `issue` of
  a draft or of a language version, `adoptionByCommittee` of a recommended text's draft; a date
  the graph lacks is `9999-12-31` named `unknown`, since the schema requires one), `FRBRauthor`
  the body of the work. The manifestation (this XML, `{expression}/!{component}.xml`) carries
  the expression's date, not the time of the export, so that an export is reproducible; its
  author and every `source` is `#unkg`, this dataset (`{base}/dataset`).
- File names: the symbol's IRI segment, with the recommended text's numeral (`-V`, from the
  component's name as kg.ids parses it), and with the language when the store holds the work
  in several (`.fra`).
- `meta/references`: `TLCOrganization` for bodies and States, `TLCEvent` for sessions and
  meetings, `TLCConcept` for opening phrases and instruments; `showAs` is their label in the
  text's language.
- `preface` (symbol, title), `preamble` (formula, one `container` per preambular paragraph),
  `mainBody` (`paragraph` with `num`, and `content`, or `intro` and one `point` per sub-point),
  annexed texts as `hcontainer name="annex"`, `conclusions` (plenary meeting and date).
- `eId`s are the fragments of the graph's IRIs (`preamble__para_4`, `para_6__point_a`,
  `ftn_12`, `para_3__cit_1`), so an element and its node name each other.
- A citation is a `ref` around its printed text, to the IRI of the cited document.
- A footnote is an `authorialNote` (its number as `marker`) in the paragraph that calls it
  first, later calls a `noteRef`. The graph records which paragraph calls a footnote, not
  where in its text (the parser removes the call), so the note closes that paragraph's text.

`akn_document` is the entry point for a server (one text as bytes), `akn_files` for the CLI.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from lxml import etree  # type: ignore[import-untyped]  # no stubs shipped

from kg.errors import KgError
from kg.ids import (
    ComponentId,
    DocumentId,
    ExpressionId,
    IdentifierError,
    IriMinter,
    ManifestationId,
    ServiceId,
    encode_symbol,
)
from kg.parse.lexicon import LEXICONS, Lexicon
from kg.store import run_query

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN_MEDIA_TYPE = "application/akn+xml"
_NS = f"{{{AKN_NAMESPACE}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SOURCE = "#unkg"

_PREFIXES = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# Every text of a work, a draft or a report (the class says which), one row per language.
_TEXTS = (
    _PREFIXES
    + """
SELECT DISTINCT ?work ?symbol ?class ?expression ?language ?text WHERE {
  ?work unkg:isRealizedBy ?expression ; dcterms:identifier ?symbol ; a ?class .
  VALUES ?class { unkg:Resolution unkg:DraftResolution unkg:CommitteeReport }
  ?expression unkg:hasPart ?text ; dcterms:language ?language .
  ?text a unkg:ResolutionText .
} ORDER BY ?symbol ?language ?text
"""
)
_TEXTS_OF_SYMBOL = _TEXTS.replace("?symbol ?class", "?symbol ?class ?wanted").replace(
    "} ORDER BY", "  FILTER(?symbol = ?wanted)\n} ORDER BY"
)
_KNOWN_SYMBOL = _PREFIXES + "ASK { ?node dcterms:identifier ?wanted }"
_RECOMMENDED_TEXT_OF = (
    _PREFIXES
    + """
SELECT ?report ?wanted WHERE {
  ?draft dcterms:identifier ?wanted ; unkg:recommendedText ?text .
  ?expression unkg:hasPart ?text . ?work unkg:isRealizedBy ?expression ;
  dcterms:identifier ?report .
} LIMIT 1
"""
)
_TEXT = (
    _PREFIXES
    + """
SELECT ?text ?title ?formula WHERE {
  OPTIONAL { ?text dcterms:title ?title }
  OPTIONAL { ?text unkg:formula ?formula }
} LIMIT 1
"""
)
# The work's own description: dates, body, session, meeting (and the draft a recommended
# text comes from, with the committee's adoption of it).
_WORK = (
    _PREFIXES
    + """
SELECT ?work ?expression ?text ?workDate ?issued ?body ?session ?meeting ?meetingNumber
       ?meetingDate ?number ?draft ?draftSymbol ?draftAdopted ?draftMeeting WHERE {
  OPTIONAL { ?work unkg:workDate ?workDate }
  OPTIONAL { ?expression dcterms:issued ?issued }
  OPTIONAL { ?work unkg:body ?body }
  OPTIONAL { ?work unkg:session ?session }
  OPTIONAL { ?work unkg:meeting ?meeting .
             OPTIONAL { ?meeting unkg:meetingNumber ?meetingNumber }
             OPTIONAL { ?meeting dcterms:date ?meetingDate } }
  OPTIONAL { ?work unkg:resolutionNumber ?number }
  OPTIONAL { ?draft unkg:recommendedText ?text ; dcterms:identifier ?draftSymbol .
             OPTIONAL { ?adoption unkg:adoptionOf ?draft ; dcterms:date ?draftAdopted ;
                        unkg:meeting ?draftMeeting } }
} LIMIT 1
"""
)
_PARAGRAPHS = (
    _PREFIXES
    + """
SELECT ?text ?paragraph ?place ?annex ?annexTitle ?number ?body ?phrase ?line WHERE {
  {
    ?text unkg:hasPreamble ?preamble . ?preamble unkg:hasParagraph ?paragraph .
    BIND("preamble" AS ?place)
  } UNION {
    ?text unkg:hasParagraph ?paragraph . BIND("main" AS ?place)
  } UNION {
    ?text unkg:hasAnnex ?annex . ?annex unkg:hasParagraph ?paragraph .
    OPTIONAL { ?annex dcterms:title ?annexTitle }
    BIND("annex" AS ?place)
  }
  ?paragraph unkg:paragraphNumber ?number ; unkg:text ?body .
  OPTIONAL { ?paragraph unkg:openingPhrase ?phrase }
  OPTIONAL { ?paragraph unkg:sourceLineStart ?line }
} ORDER BY ?place STR(?annex) ?number
"""
)
# Any paragraph of ?text: preambular, operative or of an annex.
_ANY_PARAGRAPH = """
  { ?text unkg:hasParagraph ?paragraph } UNION
  { ?text unkg:hasPreamble/unkg:hasParagraph ?paragraph } UNION
  { ?text unkg:hasAnnex/unkg:hasParagraph ?paragraph }
"""
_POINTS = (
    _PREFIXES
    + """
SELECT ?text ?paragraph ?point ?label ?body WHERE {
"""
    + _ANY_PARAGRAPH
    + """  ?paragraph unkg:hasSubParagraph ?point . ?point unkg:subParagraphLabel ?label ;
  unkg:text ?body .
} ORDER BY ?paragraph ?label
"""
)
_FOOTNOTES = (
    _PREFIXES
    + """
SELECT ?text ?footnote ?number ?body WHERE {
  ?text unkg:hasFootnote ?footnote . ?footnote unkg:footnoteNumber ?number ; unkg:text ?body .
} ORDER BY ?number
"""
)
_CALLS = (
    _PREFIXES
    + """
SELECT ?text ?paragraph ?footnote WHERE {
"""
    + _ANY_PARAGRAPH
    + """  ?paragraph unkg:callsFootnote ?footnote .
}
"""
)
_CITATIONS = (
    _PREFIXES
    + """
SELECT ?text ?paragraph ?citation ?printed ?target WHERE {
"""
    + _ANY_PARAGRAPH
    + """  ?paragraph unkg:hasCitation ?citation . ?citation unkg:text ?printed .
  OPTIONAL { ?citation unkg:citationTarget ?target }
} ORDER BY ?paragraph ?citation
"""
)
# Everything the text refers to that becomes a TLC entry, with its kind.
_REFERENCED = (
    _PREFIXES
    + """
SELECT DISTINCT ?text ?work ?node ?kind WHERE {
  {
"""
    + _ANY_PARAGRAPH
    + """    {
      ?paragraph unkg:openingPhrase ?node . BIND("concept" AS ?kind)
    } UNION {
      ?paragraph unkg:citesInstrument ?node . BIND("concept" AS ?kind)
    } UNION {
      ?paragraph unkg:hasCitation/unkg:citedBody ?node . BIND("organization" AS ?kind)
    } UNION {
      ?paragraph unkg:hasMandate/unkg:addressee ?node . BIND("organization" AS ?kind)
    } UNION {
      ?paragraph unkg:hasMandate/unkg:dueSession ?node . BIND("event" AS ?kind)
    }
  } UNION {
    ?work unkg:body ?node . BIND("organization" AS ?kind)
  } UNION {
    ?work unkg:session ?node . BIND("event" AS ?kind)
  } UNION {
    ?work unkg:meeting ?node . BIND("event" AS ?kind)
  } UNION {
    ?sponsorship unkg:sponsorshipOf ?work ; unkg:sponsor ?node . BIND("organization" AS ?kind)
  }
}
"""
)
_LABELS = (
    _PREFIXES
    + """
SELECT ?node ?language ?label ?formal ?notation ?number WHERE {
  OPTIONAL { ?node skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), ?language)) }
  OPTIONAL { ?node unkg:formalName ?formal FILTER(LANGMATCHES(LANG(?formal), ?language)) }
  OPTIONAL { ?node skos:notation ?notation }
  OPTIONAL { ?node unkg:sessionNumber|unkg:meetingNumber ?number }
} LIMIT 1
"""
)
_SPONSORS = (
    _PREFIXES
    + """
SELECT DISTINCT ?work ?sponsor ?line WHERE {
  ?sponsorship unkg:sponsorshipOf ?work ; unkg:sponsor ?sponsor ; unkg:sourceLineStart ?line .
} ORDER BY ?line ?sponsor
"""
)


class UnknownDocumentError(KgError):
    """A symbol the store does not know, or one it knows without a text to export."""

    exit_code = 2


# How a text's closing lines are printed, per language (ISO 639-1): the ordinal suffix of a
# meeting number and the wording around it. Data, not branches: a language is one more row.
@dataclass(frozen=True)
class ClosingWording:
    meeting: str  # `{number}{suffix}` is the meeting's ordinal
    suffixes: Mapping[int, str]  # suffix by the number's last digit (or the number itself)
    default_suffix: str
    plain_teens: bool  # 11th-13th take the default suffix (English)
    first_day: str  # how day 1 is printed (`1er`), `{}` otherwise

    def ordinal(self, number: int) -> str:
        if number in self.suffixes:
            return f"{number}{self.suffixes[number]}"
        teen = self.plain_teens and 11 <= number % 100 <= 13
        suffix = self.default_suffix if teen else self.suffixes.get(-(number % 10), None)
        return f"{number}{suffix or self.default_suffix}"


CLOSING_WORDING: dict[str, ClosingWording] = {
    # Negative keys are last digits (21st, 22nd, 23rd); positive keys whole numbers (1re).
    "en": ClosingWording(
        "{ordinal} plenary meeting", {-1: "st", -2: "nd", -3: "rd"}, "th", True, "{}"
    ),
    "fr": ClosingWording("{ordinal} séance plénière", {1: "re"}, "e", False, "{}er"),
}


@dataclass(frozen=True)
class TextEntry:
    """One exportable text: the work, its class and language version, the text node."""

    work: str
    symbol: str
    kind: str  # `resolution`, `draft` or `recommended`
    expression: str
    language: str  # ISO 639-2/T (`eng`)
    text: str
    component: str  # `main`, `draftResolution_V`
    file_name: str = ""

    @property
    def akn_name(self) -> str:
        return "resolution" if self.kind == "resolution" else "resolutionDraft"


@dataclass(frozen=True)
class AknFile:
    name: str
    entry: TextEntry
    content: bytes


_KINDS = {"Resolution": "resolution", "DraftResolution": "draft", "CommitteeReport": "recommended"}


def _value(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.Literal), term
    return term.value


def _optional(term: object) -> str | None:
    return None if term is None else _value(term)


def _rows(store: ox.Store, sparql: str, **bindings: str | ox.Literal) -> list[ox.QuerySolution]:
    bound = {
        name: value if isinstance(value, ox.Literal) else ox.NamedNode(value)
        for name, value in bindings.items()
    }
    result = run_query(store, sparql, bound)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _language_code(language_iri: str) -> str:
    # The EU language authority's code (`.../language/ENG`) is the ISO 639-2/T code.
    return language_iri.rsplit("/", 1)[-1].lower()


def list_texts(
    store: ox.Store, minter: IriMinter, symbols: Sequence[str] | None = None
) -> list[TextEntry]:
    """The texts to export: all of them, or those of the given symbols (each must exist).

    A document with texts in several languages gets the language in its file names
    (`A-RES-77-30.eng.xml`); a text alone in its language keeps the plain name."""
    rows: list[ox.QuerySolution] = []
    if symbols is None:
        rows = _rows(store, _TEXTS)
    else:
        for symbol in dict.fromkeys(symbols):
            found = _rows(store, _TEXTS_OF_SYMBOL, wanted=ox.Literal(symbol))
            if not found:
                raise UnknownDocumentError(_why_no_text(store, symbol))
            rows.extend(found)
    entries: dict[tuple[str, str], TextEntry] = {}
    for row in rows:
        kind = _KINDS[_value(row["class"]).rsplit("#", 1)[-1]]
        text = _value(row["text"])
        try:
            identifier = minter.parse(text)
        except IdentifierError as error:
            raise UnknownDocumentError(
                f"{text} is not under the base {minter.base}; give the base the store was "
                "built with (--base)"
            ) from error
        if not isinstance(identifier, ComponentId):
            continue
        entry = TextEntry(
            work=_value(row["work"]),
            symbol=_value(row["symbol"]),
            kind=kind,
            expression=_value(row["expression"]),
            language=_language_code(_value(row["language"])),
            text=text,
            component=identifier.name,
        )
        entries[(entry.text, entry.kind)] = entry
    languages: dict[str, set[str]] = {}
    for entry in entries.values():
        languages.setdefault(entry.work, set()).add(entry.language)
    named = []
    for entry in entries.values():
        stem = encode_symbol(entry.symbol)
        if entry.kind == "recommended" and "_" in entry.component:
            stem += "-" + entry.component.split("_", 1)[1]
        if len(languages[entry.work]) > 1:
            stem += f".{entry.language}"
        named.append(_with_name(entry, f"{stem}.xml"))
    return sorted(named, key=lambda e: e.file_name)


def _with_name(entry: TextEntry, name: str) -> TextEntry:
    return replace(entry, file_name=name)


def _why_no_text(store: ox.Store, symbol: str) -> str:
    wanted = ox.Literal(symbol)
    result = run_query(store, _KNOWN_SYMBOL, {"wanted": wanted})
    if not bool(result):
        return f"{symbol}: no document with this symbol in the store"
    report = _rows(store, _RECOMMENDED_TEXT_OF, wanted=wanted)
    if report:
        return (
            f"{symbol}: no text of its own in the store; its recommended text is exported "
            f"with {_value(report[0]['report'])}"
        )
    return f"{symbol}: the store holds no text of this document"


# --- reading one text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    iri: str
    label: str
    body: str


@dataclass
class _Paragraph:
    iri: str
    place: str  # preamble, main, annex
    number: int
    body: str
    phrase: str | None
    annex: str | None = None
    annex_title: str | None = None
    line: int = 0  # where the source prints it: the order of an annex's paragraphs
    numbered: bool = True
    points: list[_Point] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # footnote IRIs called
    citations: list[tuple[str, str, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class _Footnote:
    iri: str
    number: int
    body: str


@dataclass(frozen=True)
class _Reference:
    iri: str
    kind: str  # organization, event, concept
    label: str


@dataclass
class _Text:
    """One text as the graph holds it."""

    entry: TextEntry
    lexicon: Lexicon
    title: str | None
    formula: str | None
    work: dict[str, str | None]
    paragraphs: list[_Paragraph]
    footnotes: list[_Footnote]
    references: list[_Reference]
    sponsors: list[str]

    @cached_property
    def eids(self) -> dict[str, str]:
        """TLC eIds: the last segment of the IRI (`state-fra`, `un-ga-77-pm48`)."""
        return {ref.iri: ref.iri.rsplit("/", 1)[-1] for ref in self.references}

    @cached_property
    def labels(self) -> dict[str, str]:
        return {ref.iri: ref.label for ref in self.references}


def read_text(store: ox.Store, entry: TextEntry) -> _Text:
    bind = {"text": entry.text, "work": entry.work, "expression": entry.expression}
    head = _rows(store, _TEXT, text=entry.text)
    title = _optional(head[0]["title"]) if head else None
    formula = _optional(head[0]["formula"]) if head else None
    work_rows = _rows(store, _WORK, **bind)
    work = {v: _optional(work_rows[0][v]) for v in _WORK_VARIABLES} if work_rows else {}
    paragraphs: dict[str, _Paragraph] = {}
    for row in _rows(store, _PARAGRAPHS, text=entry.text):
        iri = _value(row["paragraph"])
        paragraphs[iri] = _Paragraph(
            iri=iri,
            place=_value(row["place"]),
            number=int(_value(row["number"])),
            body=_value(row["body"]),
            phrase=_optional(row["phrase"]),
            annex=_optional(row["annex"]),
            annex_title=_optional(row["annexTitle"]),
            line=int(_value(row["line"])) if row["line"] is not None else 0,
        )
    for row in _rows(store, _POINTS, text=entry.text):
        paragraphs[_value(row["paragraph"])].points.append(
            _Point(_value(row["point"]), _value(row["label"]), _value(row["body"]))
        )
    footnotes = [
        _Footnote(_value(r["footnote"]), int(_value(r["number"])), _value(r["body"]))
        for r in _rows(store, _FOOTNOTES, text=entry.text)
    ]
    for row in _rows(store, _CALLS, text=entry.text):
        paragraphs[_value(row["paragraph"])].footnotes.append(_value(row["footnote"]))
    for row in _rows(store, _CITATIONS, text=entry.text):
        paragraphs[_value(row["paragraph"])].citations.append(
            (_value(row["citation"]), _value(row["printed"]), _optional(row["target"]))
        )
    lexicon = next(x for x in LEXICONS.values() if x.akn_language == entry.language)
    references = []
    for row in _rows(store, _REFERENCED, text=entry.text, work=entry.work):
        node = _value(row["node"])
        references.append(_Reference(node, _value(row["kind"]), _label(store, node, lexicon)))
    references.sort(key=lambda r: (r.kind, r.iri))
    sponsors = [_value(r["sponsor"]) for r in _rows(store, _SPONSORS, work=entry.work)]
    order = {"preamble": 0, "main": 1, "annex": 2}
    # An annex's paragraphs run in the source's order: its introduction (`We, Heads of State
    # ...`), numbered 1..k by position, then its own numbered paragraphs from 1 again.
    ordered = sorted(
        paragraphs.values(),
        key=lambda p: (order[p.place], p.annex or "", p.line if p.annex else p.number),
    )
    _mark_annex_introductions(ordered)
    for paragraph in ordered:
        paragraph.points.sort(key=lambda p: (len(p.label), p.label))
        paragraph.footnotes.sort(key=lambda iri: _number_of(footnotes, iri))
    return _Text(entry, lexicon, title, formula, work, ordered, footnotes, references, sponsors)


def _mark_annex_introductions(paragraphs: Sequence[_Paragraph]) -> None:
    """The paragraphs of an annex before its numbering starts again at 1 are its unnumbered
    introduction (the graph numbers them by position)."""
    annexes: dict[str, list[_Paragraph]] = {}
    for paragraph in paragraphs:
        if paragraph.annex is not None:
            annexes.setdefault(paragraph.annex, []).append(paragraph)
    for members in annexes.values():
        restart = max((i for i, p in enumerate(members) if p.number == 1), default=0)
        for paragraph in members[:restart]:
            paragraph.numbered = False


_WORK_VARIABLES = (
    "workDate",
    "issued",
    "body",
    "session",
    "meeting",
    "meetingNumber",
    "meetingDate",
    "number",
    "draft",
    "draftSymbol",
    "draftAdopted",
    "draftMeeting",
)


def _number_of(footnotes: Sequence[_Footnote], iri: str) -> int:
    return next((f.number for f in footnotes if f.iri == iri), 0)


def _label(store: ox.Store, node: str, lexicon: Lexicon) -> str:
    rows = _rows(store, _LABELS, node=node, language=ox.Literal(lexicon.language))
    if rows:
        for variable in ("label", "formal", "notation", "number"):
            value = _optional(rows[0][variable])
            if value:
                return value
    return node.rsplit("/", 1)[-1]


# --- writing XML --------------------------------------------------------------------------------


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, _NS + tag, {k: v for k, v in attrs.items() if v})
    if text is not None:
        node.text = text
    return node


@dataclass
class _Notes:
    """Footnotes already placed: a later call of the same note is a `noteRef`."""

    by_iri: dict[str, _Footnote]
    placed: set[str] = field(default_factory=set)

    def place(self, parent: etree._Element, iri: str) -> None:
        footnote = self.by_iri.get(iri)
        if footnote is None:
            return
        eid = iri.rsplit("#", 1)[-1]
        marker = str(footnote.number)
        if iri in self.placed:
            _el(parent, "noteRef", href=f"#{eid}", marker=marker)
            return
        self.placed.add(iri)
        note = _el(parent, "authorialNote", eId=eid, marker=marker, placement="bottom")
        _el(note, "p", footnote.body)


def _inline(
    parent: etree._Element,
    body: str,
    citations: list[tuple[str, str, str | None]],
    claimed: set[str],
) -> etree._Element:
    """A `p` holding `body`, each citation printed in it wrapped in a `ref` (first free
    occurrence; the longest citations first, so `76/187` never splits `resolution 76/187`)."""
    spans: list[tuple[int, int, str, str]] = []
    for iri, printed, target in sorted(citations, key=lambda c: -len(c[1])):
        if iri in claimed or target is None:
            continue
        start = body.find(printed)
        while start >= 0 and any(s < start + len(printed) and start < e for s, e, _, _ in spans):
            start = body.find(printed, start + 1)
        if start < 0:
            continue
        claimed.add(iri)
        spans.append((start, start + len(printed), iri.rsplit("#", 1)[-1], target))
    p = _el(parent, "p")
    cursor, last = 0, None
    for start, end, eid, target in sorted(spans):
        if last is None:
            p.text = body[cursor:start]
        else:
            last.tail = body[cursor:start]
        last = _el(p, "ref", body[start:end], eId=eid, href=target)
        cursor = end
    if last is None:
        p.text = body[cursor:]
    else:
        last.tail = body[cursor:]
    return p


def _chapeau(paragraph: _Paragraph, lexicon: Lexicon) -> str:
    """The paragraph's text before its sub-points (the graph's text holds them, labelled)."""
    label = lexicon.resolution.sub_label
    points = " ".join(f"{label.format(p.label)} {p.body}" for p in paragraph.points)
    if points and paragraph.body.endswith(points):
        return paragraph.body[: len(paragraph.body) - len(points)].rstrip()
    first = f"{label.format(paragraph.points[0].label)} " if paragraph.points else None
    if first is not None and first in paragraph.body:
        return paragraph.body[: paragraph.body.index(first)].rstrip()
    return paragraph.body


def _paragraph_body(
    node: etree._Element, paragraph: _Paragraph, text: _Text, notes: _Notes
) -> None:
    """`content`, or `intro` and `point`s; the footnotes the paragraph calls close it."""
    claimed: set[str] = set()
    if not paragraph.points:
        p = _inline(_el(node, "content"), paragraph.body, paragraph.citations, claimed)
        for iri in paragraph.footnotes:
            notes.place(p, iri)
        return
    _inline(_el(node, "intro"), _chapeau(paragraph, text.lexicon), paragraph.citations, claimed)
    p = None
    for point in paragraph.points:
        item = _el(node, "point", eId=point.iri.rsplit("#", 1)[-1])
        _el(item, "num", text.lexicon.resolution.sub_label.format(point.label))
        p = _inline(_el(item, "content"), point.body, paragraph.citations, claimed)
    assert p is not None
    for iri in paragraph.footnotes:
        notes.place(p, iri)


def _eid(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _date_of(value: str | None) -> str | None:
    """An `xsd:date` as AKN wants it; a year alone (`xsd:gYear`) is no date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


# A date FRBR requires but the graph does not hold is written as this, named `unknown`.
UNKNOWN_DATE = "9999-12-31"


def _frbr_dates(text: _Text) -> tuple[tuple[str, str], tuple[str, str]]:
    """(date, name) of the work and of the expression, from what the graph holds."""
    work = text.work
    kind = text.entry.kind
    if kind == "recommended":
        adopted = _date_of(work.get("draftAdopted"))
        dated = (adopted, "adoptionByCommittee") if adopted else (UNKNOWN_DATE, "unknown")
        return dated, dated
    work_date = _date_of(work.get("workDate"))
    name = "adoption" if kind == "resolution" else "issue"
    work_dated = (work_date, name) if work_date else (UNKNOWN_DATE, "unknown")
    issued = _date_of(work.get("issued"))
    return work_dated, ((issued, "issue") if issued else work_dated)


def _identification(meta: etree._Element, text: _Text, minter: IriMinter) -> None:
    entry = text.entry
    work_id = DocumentId(entry.symbol)
    expression_id = ExpressionId(work_id, entry.language)
    work_dated, expression_dated = _frbr_dates(text)
    author = text.work.get("body")
    author_ref = f"#{text.eids[author]}" if author and author in text.eids else _SOURCE
    levels = (
        ("FRBRWork", ComponentId(work_id, entry.component), work_id, work_dated),
        (
            "FRBRExpression",
            ComponentId(expression_id, entry.component),
            expression_id,
            expression_dated,
        ),
    )
    identification = _el(meta, "identification", source=_SOURCE)
    for tag, this, uri, (date, name) in levels:
        level = _el(identification, tag)
        _el(level, "FRBRthis", value=str(minter.iri(this)))
        _el(level, "FRBRuri", value=str(minter.iri(uri)))
        _el(level, "FRBRdate", date=date, name=name)
        _el(level, "FRBRauthor", href=author_ref)
        if tag == "FRBRWork":
            _el(level, "FRBRcountry", value="un")
            if text.work.get("number"):
                _el(level, "FRBRnumber", value=str(text.work["number"]))
            _el(level, "FRBRname", value=entry.akn_name)
        else:
            _el(level, "FRBRlanguage", language=entry.language)
    manifestation = _el(identification, "FRBRManifestation")
    this_m = ManifestationId(ComponentId(expression_id, entry.component))
    _el(manifestation, "FRBRthis", value=str(minter.iri(this_m)))
    _el(manifestation, "FRBRuri", value=str(minter.iri(ManifestationId(expression_id))))
    _el(manifestation, "FRBRdate", date=expression_dated[0], name=expression_dated[1])
    _el(manifestation, "FRBRauthor", href=_SOURCE)
    _el(manifestation, "FRBRformat", value=AKN_MEDIA_TYPE)


_TLC = {"organization": "TLCOrganization", "event": "TLCEvent", "concept": "TLCConcept"}


def _references(meta: etree._Element, text: _Text, minter: IriMinter) -> None:
    references = _el(meta, "references", source=_SOURCE)
    _el(
        references,
        "TLCOrganization",
        eId="unkg",
        href=str(minter.iri(ServiceId("dataset"))),
        showAs="UN-KG",
    )
    for ref in text.references:
        _el(references, _TLC[ref.kind], eId=text.eids[ref.iri], href=ref.iri, showAs=ref.label)


def _preface(root: etree._Element, text: _Text) -> None:
    entry = text.entry
    preface = _el(root, "preface")
    symbol = _el(preface, "p", eId="preface__symbol")
    _el(symbol, "docNumber", entry.symbol)
    if entry.kind == "recommended":
        numeral = entry.component.split("_", 1)[1] if "_" in entry.component else None
        if numeral:
            _el(_el(preface, "p", eId="preface__recommendedAs"), "docNumber", numeral)
        draft, draft_symbol = text.work.get("draft"), text.work.get("draftSymbol")
        if draft and draft_symbol:
            _el(_el(preface, "p", eId="preface__draft"), "ref", draft_symbol, href=draft)
    if text.sponsors:
        sponsors = _el(preface, "p", eId="preface__sponsors")
        for index, sponsor in enumerate(text.sponsors):
            proponent = _el(sponsors, "docProponent", text.labels.get(sponsor, text.eids[sponsor]))
            proponent.set("refersTo", f"#{text.eids[sponsor]}")
            if index:
                sponsors[index - 1].tail = ", "
    if text.title:
        _el(_el(preface, "p", eId="preface__title"), "docTitle", text.title)


def _preamble(root: etree._Element, text: _Text, notes: _Notes) -> None:
    paragraphs = [p for p in text.paragraphs if p.place == "preamble"]
    if not paragraphs and not text.formula:
        return
    preamble = _el(root, "preamble")
    if text.formula:
        formula = _el(preamble, "formula", name="enactingFormula")
        _el(formula, "p", text.formula)
    for paragraph in paragraphs:
        container = _el(
            preamble,
            "container",
            eId=_eid(paragraph.iri),
            name="preambularParagraph",
            refersTo=_concept_ref(text, paragraph.phrase),
        )
        claimed: set[str] = set()
        p = _inline(container, paragraph.body, paragraph.citations, claimed)
        for iri in paragraph.footnotes:
            notes.place(p, iri)


def _concept_ref(text: _Text, concept: str | None) -> str:
    return f"#{text.eids[concept]}" if concept and concept in text.eids else ""


def _main_body(root: etree._Element, text: _Text, notes: _Notes) -> None:
    body = _el(root, "mainBody")
    annexes: dict[str, etree._Element] = {}
    for paragraph in text.paragraphs:
        if paragraph.place == "preamble":
            continue
        parent = body
        if paragraph.place == "annex":
            assert paragraph.annex is not None
            if paragraph.annex not in annexes:
                annex = _el(body, "hcontainer", eId=_eid(paragraph.annex), name="annex")
                if paragraph.annex_title:
                    _el(annex, "heading", paragraph.annex_title)
                annexes[paragraph.annex] = annex
            parent = annexes[paragraph.annex]
        node = _el(
            parent,
            "paragraph",
            eId=_eid(paragraph.iri),
            refersTo=_concept_ref(text, paragraph.phrase),
        )
        if paragraph.numbered:
            _el(node, "num", f"{paragraph.number}.")
        _paragraph_body(node, paragraph, text, notes)
    if len(body) == 0:
        _el(body, "p")


def _conclusions(root: etree._Element, text: _Text) -> None:
    number, date = text.work.get("meetingNumber"), _date_of(text.work.get("meetingDate"))
    wording = CLOSING_WORDING.get(text.lexicon.language)
    if text.entry.kind != "resolution" or number is None or date is None or wording is None:
        return
    conclusions = _el(root, "conclusions")
    meeting = text.work.get("meeting")
    line = _el(conclusions, "p", refersTo=f"#{text.eids[meeting]}" if meeting else "")
    line.text = wording.meeting.format(ordinal=wording.ordinal(int(number)))
    day = dt.date.fromisoformat(date)
    printed_day = wording.first_day.format(day.day) if day.day == 1 else str(day.day)
    month = text.lexicon.months[day.month - 1]
    _el(_el(conclusions, "p"), "docDate", f"{printed_day} {month} {day.year}", date=date)


def render(text: _Text, minter: IriMinter) -> bytes:
    root = etree.Element(_NS + "akomaNtoso", nsmap={None: AKN_NAMESPACE})
    statement = _el(root, "statement", name=text.entry.akn_name)
    meta = _el(statement, "meta")
    _identification(meta, text, minter)
    _references(meta, text, minter)
    notes = _Notes({f.iri: f for f in text.footnotes})
    _preface(statement, text)
    _preamble(statement, text, notes)
    _main_body(statement, text, notes)
    _conclusions(statement, text)
    for part in statement[1:]:  # the language of the text (meta has none)
        part.set(_XML_LANG, text.lexicon.language)
    _indent(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


# Elements whose content is text: indenting inside them would change what they say.
_TEXT_ELEMENTS = frozenset(f"{_NS}{tag}" for tag in ("p", "num", "heading"))


def _indent(node: etree._Element, level: int = 0) -> None:
    """Line breaks and indentation between structural elements only (lxml's pretty printer
    would also indent inside a `p` that opens with an element)."""
    if node.tag in _TEXT_ELEMENTS or len(node) == 0:
        return
    inner = "\n" + "  " * (level + 1)
    node.text = inner
    for child in node:
        _indent(child, level + 1)
        child.tail = inner
    node[-1].tail = "\n" + "  " * level


# --- entry points -------------------------------------------------------------------------------


def akn_files(
    store: ox.Store, symbols: Sequence[str] | None = None, minter: IriMinter | None = None
) -> list[AknFile]:
    """The AKN XML of every text of the given symbols (all texts without symbols)."""
    minter = minter or IriMinter()
    return [
        AknFile(entry.file_name, entry, render(read_text(store, entry), minter))
        for entry in list_texts(store, minter, symbols)
    ]


def akn_document(
    store: ox.Store,
    symbol: str,
    *,
    numeral: str | None = None,
    language: str | None = None,
    minter: IriMinter | None = None,
) -> bytes:
    """One text as AKN XML (for a server answering `application/akn+xml`): the text of a
    resolution or a draft, or (`numeral`) one recommended text of a report; `language`
    (ISO 639-2/T) chooses among language versions. Ambiguity is an `UnknownDocumentError`."""
    minter = minter or IriMinter()
    entries = [
        e
        for e in list_texts(store, minter, [symbol])
        if (language is None or e.language == language)
        and (numeral is None or e.component.split("_", 1)[-1] == numeral)
    ]
    if len(entries) != 1:
        choices = ", ".join(e.file_name for e in entries) or "none"
        raise UnknownDocumentError(f"{symbol}: {len(entries)} texts match ({choices})")
    return render(read_text(store, entries[0]), minter)


def write_files(files: Iterable[AknFile], out: Path) -> list[Path]:
    """Write every file or none: all into a staging directory first, then moved in place (a
    new directory is renamed into place whole; in an existing one each file replaces its
    namesake atomically)."""
    files = list(files)
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a directory (--out)")
    fresh = not out.exists()
    staging: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{out.name}.akn-", dir=out.parent if fresh else out)
        )
        for item in files:
            (staging / item.name).write_bytes(item.content)
        if fresh:
            staging.rename(out)
        else:
            for item in files:
                (staging / item.name).replace(out / item.name)
    except OSError as error:
        raise KgError(f"{out}: cannot write the XML files: {error}") from error
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [out / item.name for item in files]
