"""The `pdftotext` extraction of a document issued under its own symbol -> normalised lines.

An adopted resolution (`A/RES/77/30`) and a draft issued as a document (`A/77/L.34`) share their
page furniture: the symbol as running header (with the title, alternating on even and odd
pages), the job number, the page counter `n/N`, the barcode and date stamp, and footnotes under
a rule at the page foot with their numbers printed apart from their texts. The PDF front-end
(kg.parse.pdf) gives the same lines from the PDF itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import InputError, SourceLocation
from kg.model import Footnote, SourceSpan
from kg.parse.normalize import NormalizedDocument, SourceLine, join_lines
from kg.symbols import SYMBOL_PATTERN

JOB_NUMBER = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?"  # `22-27149`, `18-17962 (E)`: page furniture
_JOB_NUMBER = re.compile(rf"^{JOB_NUMBER}$")
_PAGE_COUNTER = re.compile(r"^(?P<page>\d{1,3})/(?P<pages>\d{1,3})$")
_BARCODE = re.compile(r"^\*\d{6,}\*$")
_DATE_STAMP = re.compile(r"^\d{6}$")
_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE_NUMBER = re.compile(r"^\d{1,3}$")
_STARRED_NOTE = re.compile(r"^\*{1,3}\s+\S")
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.(?:\s+\S.*)?$")
_FOOTNOTE_WITH_TEXT = re.compile(r"^(?P<number>\d{1,3})\s+(?P<text>[A-Z“«(].*)$")
_ABBREVIATION_END = re.compile(
    r"\b(?:No|Nos|vol|chap|para|paras|p|pp|sect|art|Corr|Rev|Add|Suppl)\.$"
)
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009]+")
_HEADER_ZONE = 4  # lines at the top of a page where the running header and title are


def _is_furniture(text: str) -> bool:
    counter = _PAGE_COUNTER.match(text)
    if counter and int(counter["page"]) <= int(counter["pages"]):
        return True
    return bool(_JOB_NUMBER.match(text) or _BARCODE.match(text) or _DATE_STAMP.match(text))


@dataclass
class _FootnoteDraft:
    number: int
    lines: list[tuple[int, str]]

    @property
    def complete(self) -> bool:
        last = self.lines[-1][1] if self.lines else ""
        return last.endswith(".") and not _ABBREVIATION_END.search(last)


def normalize_issued_text(name: str, text: str) -> NormalizedDocument:
    """The `pdftotext` extraction of a document issued under its own symbol (an adopted
    resolution, a draft) -> content lines and footnotes.

    Pages end at form feeds; a text without them (saved without its page separators) is cut
    after each page's furniture (`kg.parse.issued._pages_by_furniture`). Removed: the symbol
    (running header), the running title repeated at the top of the pages, the job number
    (`18-17962`, `18-17962 (E)`), the page counter
    (`2/5`), the barcode (`*1817962*`) and the date stamp (`021118`). Below the footnote rule,
    the numbers of the footnotes are printed apart from their texts and out of order: the
    numbers are sorted and paired with the texts in their order, a text ending at a full stop;
    text at the top of a footnote area before any new footnote continues the last footnote of
    the previous page. Line numbers are those of the file (lines end at `\\n` only).
    """
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    pages: list[list[SourceLine]] = [[]]
    for number, line in enumerate(raw, start=1):
        for index, piece in enumerate(line.rstrip("\r").split("\f")):
            if index:
                pages.append([])
            clean = _SPACES.sub(" ", unicodedata.normalize("NFC", piece))
            if clean.strip():
                pages[-1].append(SourceLine(number, clean.strip(), clean[:1].isspace()))
    pages = [page for page in pages if page]
    if len(pages) == 1:
        pages = _pages_by_furniture(pages[0])
    symbols = Counter(
        line.text for page in pages for line in page if SYMBOL_PATTERN.fullmatch(line.text)
    )
    symbol = symbols.most_common(1)[0][0] if symbols else None
    running = _running_lines(pages, symbol)
    content: list[SourceLine] = []
    footnotes: list[_FootnoteDraft] = []
    for page in pages:
        top = 0
        while top < len(page) and (page[top].text == symbol or page[top].text in running):
            top += 1
        rule = next((i for i, line in enumerate(page) if _RULE.match(line.text)), len(page))
        content.extend(
            line for line in page[top:rule] if line.text != symbol and not _is_furniture(line.text)
        )
        if rule < len(page):
            _read_footnote_area(name, page[rule], page[rule + 1 :], symbol, footnotes)
    return NormalizedDocument(
        name=name,
        lines=tuple(content),
        footnotes=tuple(
            Footnote(
                draft.number,
                join_lines([text for _, text in draft.lines]),
                SourceSpan(draft.lines[0][0], draft.lines[-1][0]),
            )
            for draft in footnotes
        ),
        links=(),
        running_header=symbol,
        total_lines=len(raw),
    )


def _pages_by_furniture(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """The pages of a text without form feeds: a page ends once its job number (`22-27792`)
    and its page counter (`3/6`) or, on the first page, its barcode are read, in either order
    and with lines between them (a footnote text printed after the counter)."""
    pages: list[list[SourceLine]] = [[]]
    job = mark = False
    for line in lines:
        if job and mark and not _is_furniture(line.text):
            pages.append([])
            job = mark = False
        pages[-1].append(line)
        furniture = _is_furniture(line.text)
        job = job or bool(_JOB_NUMBER.match(line.text))
        mark = mark or (
            furniture and bool(_PAGE_COUNTER.match(line.text) or _BARCODE.match(line.text))
        )
    return pages


def _running_lines(pages: list[list[SourceLine]], symbol: str | None) -> frozenset[str]:
    """Lines at the top of two pages or more, or before the symbol at the top of a page."""
    zones = [[line.text for line in page[:_HEADER_ZONE]] for page in pages[1:]]
    counts = Counter(text for zone in zones for text in set(zone))
    running = {text for text, count in counts.items() if count >= 2}
    for zone in zones:
        if symbol in zone:
            running.update(zone[: zone.index(symbol)])
    # A paragraph number alone (`7.`) may top two pages (report paragraph 7, operative 7).
    return frozenset(
        text
        for text in running
        if text != symbol and not _is_furniture(text) and not _PARAGRAPH_NUMBER.match(text)
    )


def _read_footnote_area(
    name: str,
    rule: SourceLine,
    lines: Sequence[SourceLine],
    symbol: str | None,
    footnotes: list[_FootnoteDraft],
) -> None:
    numbers: list[int] = []
    texts: list[tuple[int, str]] = []
    starred: list[tuple[int, str]] | None = None  # `* The report ... is issued in five parts`
    for line in lines:
        if line.text == symbol or _is_furniture(line.text):
            continue
        if starred is not None and not _FootnoteDraft(0, starred).complete:
            starred.append((line.number, line.text))
            continue
        if _STARRED_NOTE.match(line.text):  # a note on the title, not a numbered footnote
            starred = [(line.number, line.text)]
            continue
        if _FOOTNOTE_NUMBER.match(line.text):
            numbers.append(int(line.text))
        elif opening := _FOOTNOTE_WITH_TEXT.match(line.text):
            numbers.append(int(opening["number"]))
            texts.append((line.number, opening["text"]))
        else:
            texts.append((line.number, line.text))
    if footnotes and not footnotes[-1].complete:  # continued from the previous page
        while texts and not footnotes[-1].complete:
            footnotes[-1].lines.append(texts.pop(0))
    groups: list[list[tuple[int, str]]] = []
    for item in texts:
        if not groups or _FootnoteDraft(0, groups[-1]).complete:
            groups.append([])
        groups[-1].append(item)
    if len(groups) != len(numbers) and len(texts) == len(numbers):
        groups = [[item] for item in texts]
    if len(groups) != len(numbers):
        raise InputError(
            SourceLocation(name, rule.number),
            f"as many footnote texts as footnote numbers under the rule ({len(numbers)})",
            f"{len(groups)} texts",
        )
    for number, group in zip(sorted(numbers), groups, strict=True):
        footnotes.append(_FootnoteDraft(number, group))
