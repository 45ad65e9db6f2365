"""The PDF front-end: an official UN PDF to the same `NormalizedDocument` as its text extraction.

`normalize_pdf(name, data)` reads the characters of the PDF with their font size and position
and uses the layout, not patterns in the text, to tell body text, footnotes and page furniture
apart. The result has the shape `kg.parse.normalize.normalize` gives for a text file, so the
parsers downstream (`parse_adopted_resolution` and the others) read both alike.

Library: pypdfium2 (bindings to PDFium, Chrome's PDF engine)
--------------------------------------------------------------
Compared on the two official PDFs of the corpus (A/RES/73/3, 10 pages, 459 KB; A/RES/73/6,
5 pages, 377 KB), each library in a fresh venv, median of 5 runs reading every character:

| library (release) | licence | installed, with deps | 73/3 | 73/6 | glyphs: size, font, box |
|---|---|---|---|---|---|
| pypdfium2 5.15.2 (2026-11) | Apache-2.0, BSD-3 | 9.5 MB, no deps | 0.17 s | 0.08 s | yes |
| pdfplumber 0.11.10 (2026-06) | MIT | 60.5 MB (4 deps) | 1.11 s | 0.51 s | yes |
| pypdf 7.1.1 (2026-11) | BSD-3 | 4.4 MB, no deps | 0.48 s | 0.23 s | runs only |

* pypdf is pure Python and small, but its text visitor reports runs of text with their text
  matrix and font size, not glyphs: the width of each glyph, hence the gap between two glyphs,
  would have to be recomputed from the font's widths, which is exactly what is needed to tell a
  stray gap inside a word from a space.
* pdfplumber gives everything (chars with `fontname`, `size`, `x0`, `x1`, `top`) and is typed,
  but it is 6.5 times slower (pdfminer.six is pure Python) and brings 60 MB of dependencies; it
  already depends on pypdfium2 itself (for rendering).
* pypdfium2 gives, per character, the Unicode value, the font size and name
  (`FPDFText_GetFontSize`, `FPDFText_GetFontInfo`), the baseline origin, the tight and the loose
  (advance) box, and whether PDFium generated it (spaces and line breaks it inferred); document
  loading reports typed errors (format, password, security handler). Wheels for Linux, macOS and
  Windows, releases every few weeks. It ships no type stubs: the few calls made here go through
  small typed helpers.

How the page is read
--------------------
* Glyphs: PDFium's generated characters are ignored; words are rebuilt from positions. Two
  glyphs of a line are separated by a space when the blank between their advance boxes is at
  least `WORD_GAP` (0.18) em, or when a real space glyph lies between them. On these PDFs the
  blanks inside words are at most 0.135 em and those between words at least 0.22 em, so the
  stray spaces of the text extraction (`Confere nce`, `peopl e`, `St ates`) do not occur.
* Lines: glyphs sharing a baseline (within 1 pt) form a row; a row of smaller glyphs raised at
  most 0.7 em above the next row (footnote calls, footnote numbers) joins that row as
  superscripts. A row is cut into segments at blanks of 3 em or more (the two columns of the
  header block: `General Assembly` | `Distr.: General`). Segments are read top to bottom, then
  left to right, and numbered 1..n over the whole document, furniture and footnotes included:
  `SourceLine.number` and footnote spans are these visual line numbers.
* A label printed in the left margin, before the body's left edge and apart from the text
  (`73/6.` before the title) is a line of its own, as in the text extraction.
* `indented`: the line starts right of the body's left edge (the most common start of lines in
  the body font size), i.e. the first line of a paragraph (preambular and operative alike).
* Furniture, by position and size: in the top 9 % of the page, everything in the body size or
  smaller (running header: symbol and running title) -- the masthead, in larger type on the
  first page, is kept (`United Nations`, `General Assembly`) except the symbol; in the bottom
  6.5 %, everything (job number `18-17962`, page counter `2/5`, `18-17962 (E)`, `021118`,
  barcode `*1817962*`). Lines equal to the running header are dropped too, as in the text
  front-end. Images (emblem, QR code) carry no text.
* Footnotes: the lines below the footnote rule (a line of underscores in the body size or
  smaller), or, without a rule, the trailing lines in a smaller size that start with a footnote
  number. A line that starts with superscript digits opens footnote N; a line without one
  continues the previous footnote, across pages too. Texts are joined with
  `normalize.join_lines`; spans are visual line numbers.
* Line-end hyphens that PDFium marks as such (U+0002) are printed `-`: `twenty-` + `first`
  joins to `twenty-first` (the text extraction drops the hyphen: `twentyfirst`).
* `links`: the URI link annotations of each page (`https://undocs.org/A/RES/70/1`), with the
  number of the line whose text they cover.
* `running_header`: the document symbol, the most frequent symbol in the top margin.

Footnote call convention (shared with the text front-end)
---------------------------------------------------------
A footnote call is plain digits glued to the word before it, as in the French text extraction
(`Congrès1`): `outer space activities,1`, `Sustainable Development Goals2 for the benefit`. When
the word before ends with a digit, a single space separates them so that the number stays
readable: `Disaster Risk Reduction 2015–2030 3 and`. (The English `pdftotext` extraction prints
every call after a space: `activities, 1`.) Calls are digits in a smaller size raised above the
baseline; a number printed in the body size on the baseline (`UNISPACE+50,1` in A/RES/73/6) is
left as printed.

What still differs from the text front-end on the same document
----------------------------------------------------------------
Line numbers (visual lines here, lines of the .txt there); `indented` (pdftotext's default mode
prints no indentation, so there every line is flush); operative numbers 1-9 (`1.` alone on a
line in the text extraction, `1. Notes with appreciation ...` here, as `10. Encourages ...` in
both); the spacing of footnote calls (see above); words the text extraction splits or whose
line-end hyphen it drops (`Confere nce`, `twentyfirst`, `capacity building`), whole here; the
footnote blocks and the furniture the text front-end leaves among the content lines of these
English files (`18-17962 (E)`, `2/5`, footnote texts and their numbers out of order), absent
here; `links`, which the English text extraction does not print at all.

Refusals: each of these raises `InputError(SourceLocation(name, None), expected, found)`: an
empty file, a file that is not a PDF, a truncated PDF (one that does not end with `%%EOF`), a
damaged PDF, a PDF that needs a password, a PDF without pages, and a PDF without a text layer
(scanned or image-only). A PDF encrypted only to restrict printing or copying (empty user
password) is read. PDFium is not thread-safe: call `normalize_pdf` from one thread at a time.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from kg.errors import InputError, SourceLocation
from kg.model import Footnote, SourceSpan
from kg.parse.completeness import check_pages
from kg.parse.normalize import Link, NormalizedDocument, SourceLine, join_lines
from kg.symbols import SYMBOL_PATTERN

WORD_GAP = 0.18  # em: a blank at least this wide between two glyphs is a space
REAL_SPACE_GAP = 0.05  # em: a real space glyph counts when the blank is at least this wide
COLUMN_GAP = 3.0  # em: a blank at least this wide separates two columns
LABEL_GAP = 0.6  # em: the blank between a margin label and the text
ROW_TOLERANCE = 1.0  # pt: glyphs whose baselines differ by less share a row
RAISE_MAX = 0.7  # em of the row below: how far above it a superscript row may sit
SUPERSCRIPT_RATIO = 0.85  # a superscript is at most this size relative to its row
FOOTNOTE_RATIO = 0.92  # footnote text is smaller than this times the body size
TOP_BAND = 0.09  # share of the page height holding the running header
BOTTOM_BAND = 0.065  # share of the page height holding the footer
MIN_GLYPHS_PER_PAGE = 10  # below this on average, the PDF has no text layer

_SPACES = frozenset(" \t\u00a0\u202f") | frozenset(map(chr, range(0x2000, 0x200B)))
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_LINE_END_HYPHEN = "\x02"  # PDFium's code for a hyphen that ends a line inside a word
_SOFT_HYPHEN = "\u00ad"

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "the file cannot be read",
    pdfium_c.FPDF_ERR_FORMAT: "not in PDF format or corrupted",
}

Kind = Literal["body", "furniture", "footnote"]


@dataclass(frozen=True)
class _Glyph:
    char: str
    left: float
    right: float
    baseline: float
    size: float
    space: bool  # a space character (U+0020, no-break and other spaces)


@dataclass(frozen=True)
class _Item:
    glyph: _Glyph
    raised: bool = False  # a superscript (footnote call, footnote number)


@dataclass
class _Row:
    baseline: float
    glyphs: list[_Glyph]
    raised: list[_Glyph] = field(default_factory=list)

    @cached_property
    def size(self) -> float:  # read once the row is complete
        return _dominant_size(self.glyphs)

    @property
    def left(self) -> float:
        return min(g.left for g in self.glyphs)

    @property
    def right(self) -> float:
        return max(g.right for g in self.glyphs)


@dataclass
class _Segment:
    """A visual line: the glyphs of one row and one column, in reading order."""

    page: int
    baseline: float
    items: list[_Item]
    kind: Kind = "body"
    number: int = 0

    @cached_property
    def size(self) -> float:
        return _dominant_size([i.glyph for i in self.items if not i.raised])

    @property
    def left(self) -> float:
        return next((i.glyph.left for i in self.items if not i.glyph.space), 0.0)

    @property
    def right(self) -> float:
        return max((i.glyph.right for i in self.items), default=0.0)

    @cached_property
    def text(self) -> str:
        return _compose(self.items)


@dataclass(frozen=True)
class _PageLink:
    url: str
    left: float
    bottom: float
    right: float
    top: float


@dataclass
class _Page:
    index: int
    bottom: float
    top: float
    glyphs: list[_Glyph]
    links: list[_PageLink]


def normalize_pdf(name: str, data: bytes) -> NormalizedDocument:
    """Read an official UN PDF into content lines, footnotes and links (see the module doc)."""
    pages = _read_pages(name, data)
    glyphs = [g for page in pages for g in page.glyphs if not g.space]
    if len(glyphs) < MIN_GLYPHS_PER_PAGE * len(pages):
        raise InputError(
            SourceLocation(name, None),
            "a PDF with a text layer",
            f"{len(glyphs)} characters on {len(pages)} page(s): a scanned or image-only PDF",
        )
    body_size = _dominant_size(glyphs)
    segments_by_page = [_page_segments(page) for page in pages]
    header = _running_header(pages, segments_by_page, body_size)
    for page, segments in zip(pages, segments_by_page, strict=True):
        _classify(page, segments, body_size, header)
    margin = _body_margin(segments_by_page, body_size)
    numbered: list[_Segment] = []
    visual_lines: list[str] = []  # every segment, a form feed before each page but the first
    for index, segments in enumerate(segments_by_page):
        page_break = "\f" if index else ""
        for segment in segments:
            parts = _split_margin_label(segment, margin) if segment.kind == "body" else [segment]
            for part in parts:
                part.number = len(numbered) + 1
                numbered.append(part)
                visual_lines.append(page_break + part.text)
                page_break = ""
    # Page counters (`2/5`) are read from the pages as from a text with form feeds.
    check_pages(name, "\n".join(visual_lines))
    lines = [
        SourceLine(s.number, text, s.left > margin + 2.0)
        for s in numbered
        if s.kind == "body" and (text := s.text)
    ]
    return NormalizedDocument(
        name=name,
        lines=tuple(lines),
        footnotes=_footnotes(numbered),
        links=_links(pages, numbered),
        running_header=header,
        total_lines=len(numbered),
    )


# --- Reading the PDF ---------------------------------------------------------------------------


def _refuse(name: str, expected: str, found: str) -> InputError:
    return InputError(SourceLocation(name, None), expected, found)


def _read_pages(name: str, data: bytes) -> list[_Page]:
    if not data.strip():
        raise _refuse(name, "a PDF document", "an empty file")
    if b"%PDF-" not in data[:1024]:
        raise _refuse(name, "a PDF document", "a file that is not a PDF (no %PDF- header)")
    if _truncated(data):
        raise _refuse(name, "a complete PDF document", "a truncated PDF (it does not end in %%EOF)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise _refuse(name, "an unencrypted PDF", "a PDF that needs a password") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise _refuse(
                name, "an unencrypted PDF", "a PDF encrypted with an unsupported security handler"
            ) from None
        reason = _LOAD_ERRORS.get(code, "its structure cannot be read")
        raise _refuse(name, "a readable PDF", f"a damaged PDF ({reason})") from None
    try:
        count = len(document)
        if count == 0:
            raise _refuse(name, "a PDF with pages", "a PDF without any page")
        return [_read_page(document, index) for index in range(count)]
    except pdfium.PdfiumError:
        raise _refuse(name, "a readable PDF", "a damaged PDF (a page cannot be read)") from None
    finally:
        document.close()


def _truncated(data: bytes) -> bool:
    """No `%%EOF` near the end, or the start of another revision after the last one."""
    end = data.rfind(b"%%EOF", max(0, len(data) - 2048))
    if end < 0:
        return True
    tail = data[end + 5 :]
    return any(keyword in tail for keyword in (b"obj", b"xref", b"trailer", b"startxref"))


def _read_page(document: Any, index: int) -> _Page:
    page = document[index]
    try:
        _, bottom, _, top = (float(v) for v in page.get_cropbox())
        textpage = page.get_textpage()
        try:
            glyphs = _glyphs(textpage.raw)
        finally:
            textpage.close()
        links = _page_links(document.raw, page.raw)
    finally:
        page.close()
    return _Page(index, bottom, top, glyphs, links)


def _glyphs(textpage: Any) -> list[_Glyph]:
    """The characters PDFium read from the page (not those it generated), with their boxes."""
    box = pdfium_c.FS_RECTF()
    x = ctypes.c_double()
    y = ctypes.c_double()
    glyphs: list[_Glyph] = []
    for index in range(int(pdfium_c.FPDFText_CountChars(textpage))):
        code = int(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if code in (0x0A, 0x0D) or pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box)):
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
        if size <= 0:
            continue
        char = chr(code)
        glyphs.append(
            _Glyph(char, float(box.left), float(box.right), y.value, size, char in _SPACES)
        )
    return glyphs


def _page_links(document: Any, page: Any) -> list[_PageLink]:
    links: list[_PageLink] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    rect = pdfium_c.FS_RECTF()
    while pdfium_c.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        length = int(pdfium_c.FPDFAction_GetURIPath(document, action, None, 0))
        if length <= 1 or not pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFAction_GetURIPath(document, action, buffer, length)
        url = buffer.value.decode("utf-8", "replace").strip()
        if url:
            box = (float(rect.left), float(rect.bottom), float(rect.right), float(rect.top))
            links.append(_PageLink(url, *box))
    return links


# --- Rows, superscripts, segments --------------------------------------------------------------


def _dominant_size(glyphs: Iterable[_Glyph]) -> float:
    """The most common font size (to 0.1 pt) of the glyphs that are not spaces."""
    sizes: Counter[float] = Counter()
    for size, count in Counter(g.size for g in glyphs if not g.space).items():
        sizes[round(size, 1)] += count
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _page_segments(page: _Page) -> list[_Segment]:
    rows = _attach_superscripts(_rows(page.glyphs))
    segments: list[_Segment] = []
    for row in rows:
        items = sorted(
            [_Item(g) for g in row.glyphs] + [_Item(g, raised=True) for g in row.raised],
            key=lambda item: (item.glyph.left, item.glyph.right),
        )
        segments.extend(_columns(page.index, row, items))
    return segments


def _rows(glyphs: Sequence[_Glyph]) -> list[_Row]:
    """Glyphs grouped by baseline, top of the page first."""
    rows: list[_Row] = []
    for glyph in sorted(glyphs, key=lambda g: -g.baseline):
        if rows and rows[-1].baseline - glyph.baseline <= ROW_TOLERANCE:
            rows[-1].glyphs.append(glyph)
        else:
            rows.append(_Row(glyph.baseline, [glyph]))
    return [row for row in rows if any(not g.space for g in row.glyphs)]


def _attach_superscripts(rows: list[_Row]) -> list[_Row]:
    """Rows of small glyphs set just above another row become that row's superscripts."""
    kept: list[_Row] = []
    for index, row in enumerate(rows):
        target = _superscript_target(row, rows[index + 1 :])
        if target is None:
            kept.append(row)
        else:
            target.raised.extend(row.glyphs)
    return kept


def _superscript_target(row: _Row, below: Sequence[_Row]) -> _Row | None:
    size = row.size
    for candidate in below:
        rise = row.baseline - candidate.baseline
        if rise > RAISE_MAX * candidate.size:
            return None
        em = candidate.size
        if (
            rise > ROW_TOLERANCE
            and size <= SUPERSCRIPT_RATIO * em
            and row.left >= candidate.left - em
            and row.right <= candidate.right + 3 * em
        ):
            return candidate
    return None


def _columns(page: int, row: _Row, items: list[_Item]) -> list[_Segment]:
    em = row.size or 1.0
    segments: list[_Segment] = []
    current: list[_Item] = []
    last_right: float | None = None
    for item in items:
        if item.glyph.space:
            if current:
                current.append(item)
            continue
        if last_right is not None and item.glyph.left - last_right >= COLUMN_GAP * em:
            segments.append(_Segment(page, row.baseline, _trim(current)))
            current = []
        current.append(item)
        last_right = item.glyph.right if last_right is None else max(last_right, item.glyph.right)
    if current:
        segments.append(_Segment(page, row.baseline, _trim(current)))
    return segments


def _trim(items: list[_Item]) -> list[_Item]:
    while items and items[-1].glyph.space:
        items = items[:-1]
    return items


def _compose(items: Sequence[_Item]) -> str:
    """The text of a line: spaces from the blanks between glyphs, superscripts glued."""
    em = _dominant_size([i.glyph for i in items if not i.raised]) or 1.0
    parts: list[str] = []
    previous: _Item | None = None
    space_glyph = False
    for item in items:
        glyph = item.glyph
        if glyph.space:
            space_glyph = previous is not None
            continue
        char = _LIGATURES.get(glyph.char, glyph.char)
        if previous is not None:
            gap = glyph.left - previous.glyph.right
            if item.raised and not previous.raised:
                parts.append(" " if previous.glyph.char.isdigit() else "")
            elif gap >= WORD_GAP * em or (space_glyph and gap >= REAL_SPACE_GAP * em):
                parts.append(" ")
        parts.append(char)
        previous = item
        space_glyph = False
    text = "".join(parts)
    if text.endswith((_LINE_END_HYPHEN, _SOFT_HYPHEN)):
        text = text[:-1] + "-"
    text = text.replace(_LINE_END_HYPHEN, "-").replace(_SOFT_HYPHEN, "")
    return unicodedata.normalize("NFC", text).strip()


# --- Furniture, footnotes, margins -------------------------------------------------------------


def _in_top_band(page: _Page, segment: _Segment) -> bool:
    return segment.baseline > page.top - TOP_BAND * (page.top - page.bottom)


def _in_bottom_band(page: _Page, segment: _Segment) -> bool:
    return segment.baseline < page.bottom + BOTTOM_BAND * (page.top - page.bottom)


def _running_header(
    pages: Sequence[_Page], segments_by_page: Sequence[Sequence[_Segment]], body_size: float
) -> str | None:
    """The document symbol: the most frequent symbol in the top margin of the pages."""
    symbols: Counter[str] = Counter()
    for page, segments in zip(pages, segments_by_page, strict=True):
        for segment in segments:
            text = segment.text
            if _in_top_band(page, segment) and SYMBOL_PATTERN.fullmatch(text or "-"):
                symbols[text] += 1
    return symbols.most_common(1)[0][0] if symbols else None


def _is_rule(segment: _Segment, body_size: float) -> bool:
    text = segment.text
    return len(text) >= 5 and set(text) == {"_"} and segment.size <= body_size


def _classify(page: _Page, segments: list[_Segment], body_size: float, header: str | None) -> None:
    """Mark furniture and footnotes; what is left is body text."""
    for segment in segments:
        masthead = _in_top_band(page, segment) and segment.size > 1.1 * body_size
        if (
            (_in_top_band(page, segment) and not masthead)
            or _in_bottom_band(page, segment)
            or (header is not None and segment.text == header)
        ):
            segment.kind = "furniture"
    rest = [s for s in segments if s.kind == "body"]
    rule = next((i for i, s in enumerate(rest) if _is_rule(s, body_size)), None)
    if rule is not None:
        rest[rule].kind = "furniture"
        notes = rest[rule + 1 :]
    else:
        small = len(rest)
        while small > 0 and rest[small - 1].size < FOOTNOTE_RATIO * body_size:
            small -= 1
        while small < len(rest) and _footnote_number(rest[small])[0] is None:
            small += 1
        notes = rest[small:]
    for segment in notes:
        segment.kind = "footnote"


def _body_margin(segments_by_page: Sequence[Sequence[_Segment]], body_size: float) -> float:
    """The left edge of the body: the most common start of lines in the body size."""
    starts = Counter(
        round(s.left, 1)
        for segments in segments_by_page
        for s in segments
        if s.kind == "body" and abs(s.size - body_size) <= 0.05 * body_size
    )
    return starts.most_common(1)[0][0] if starts else 0.0


def _split_margin_label(segment: _Segment, margin: float) -> list[_Segment]:
    """`73/6.` printed in the left margin before the title is a line of its own."""
    if segment.left >= margin - 1.0:
        return [segment]
    em = segment.size or 1.0
    previous: _Item | None = None
    for index, item in enumerate(segment.items):
        if item.glyph.space:
            continue
        if (
            previous is not None
            and item.glyph.left >= margin - 2.0
            and previous.glyph.right < margin - 1.0
            and item.glyph.left - previous.glyph.right >= LABEL_GAP * em
        ):
            label = _Segment(segment.page, segment.baseline, _trim(segment.items[:index]))
            text = _Segment(segment.page, segment.baseline, segment.items[index:])
            return [label, text]
        if item.glyph.left >= margin - 2.0:
            return [segment]
        previous = item
    return [segment]


def _footnote_number(segment: _Segment) -> tuple[int | None, list[_Item]]:
    """The number that opens a footnote (superscript digits first on the line), and the rest."""
    items = list(segment.items)
    digits: list[_Item] = []
    while items and items[0].raised and items[0].glyph.char.isdigit():
        digits.append(items.pop(0))
    if not digits:
        return None, segment.items
    return int("".join(d.glyph.char for d in digits)), items


def _footnotes(segments: Sequence[_Segment]) -> tuple[Footnote, ...]:
    notes: list[tuple[int, list[tuple[int, str]]]] = []
    for segment in segments:
        if segment.kind != "footnote":
            continue
        number, rest = _footnote_number(segment)
        text = _compose(rest)
        if number is not None:
            notes.append((number, [(segment.number, text)]))
        elif notes and text:
            notes[-1][1].append((segment.number, text))
    return tuple(
        Footnote(
            number=number,
            text=join_lines([text for _, text in parts]),
            span=SourceSpan(parts[0][0], parts[-1][0]),
        )
        for number, parts in notes
    )


def _links(pages: Sequence[_Page], segments: Sequence[_Segment]) -> tuple[Link, ...]:
    """Each URI link with the number of the (non-furniture) line whose text it covers."""
    links: list[Link] = []
    for page in pages:
        lines = [s for s in segments if s.page == page.index and s.kind != "furniture"]
        for link in page.links:
            covered = [
                s
                for s in lines
                if link.bottom - 2.0 <= s.baseline <= link.top
                and s.left < link.right
                and s.right > link.left
            ]
            if covered:
                middle = (link.bottom + link.top) / 2
                line = min(covered, key=lambda s: abs(s.baseline + s.size / 3 - middle))
                links.append(Link(line.number, link.url))
    return tuple(links)
