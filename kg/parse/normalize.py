"""Normalisation: from the raw text of a UN document to clean content lines and footnotes.

Guarantees (each one is tested in tests/test_normalize.py):

1. Decoding: the input is UTF-8 (a BOM is allowed); an empty file, a binary file or another
   encoding raises `InputError` naming the document, never a `UnicodeDecodeError`.
2. Every content line keeps the 1-based number of the line it came from in the original file
   (lines end at line feeds only: a form feed does not start a line); the order of content
   lines is the order of the file.
3. Page furniture is removed: the running header (the document symbol alone on a line) and the
   footer (job number such as `22-27149` with the page counter `15/80`, in either order).
4. The lists of link URLs that the PDF extraction prints after each page are removed from the
   content and kept aside with their line numbers.
5. Footnote blocks (after a `_____` rule) are removed from the content and kept as `Footnote`s
   with their number, text (continuation lines joined) and span. A footnote block ends at a link
   list, at page furniture, or at an indented line that does not start the next footnote (the
   text of the next page starts indented in the extraction): within a block, footnote numbers
   are consecutive.
6. Blank lines are dropped; text is NFC-normalised; non-breaking spaces become spaces.
7. `join_lines` rejoins the lines of one logical paragraph: a line ending with a hyphen is joined
   without a space (`Royaume-` + `Uni` -> `Royaume-Uni`, `trente -` + `deuxième` ->
   `trente-deuxième`); other lines are joined with one space; runs of spaces become one; the
   stray space before an elided apostrophe (`l ’ampleur`) is removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from kg.errors import InputError, SourceLocation
from kg.model import Footnote, SourceSpan
from kg.symbols import SYMBOL_PATTERN

# `22-27149 15/80`, `15/80 22-27149`, or the job number alone.
_FOOTER = re.compile(r"^\s*(?:\d{1,3}/\d{1,3}\s+)?\d{2}-\d{5}(?:\s+\d{1,3}/\d{1,3})?\s*$")
_FOOTNOTE_RULE = re.compile(r"^\s*_{5,}\s*$")
_FOOTNOTE_START = re.compile(r"^\s+(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
_LINK = re.compile(r"^\s*https?://\S+\s*$")
_ELIDED_APOSTROPHE = re.compile(
    r"\b(?P<elided>[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu) ’"
)
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009]+")
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str  # stripped of surrounding whitespace
    indented: bool  # the original line began with whitespace


@dataclass(frozen=True)
class Link:
    line: int
    url: str


@dataclass(frozen=True)
class NormalizedDocument:
    name: str
    lines: tuple[SourceLine, ...]
    footnotes: tuple[Footnote, ...]
    links: tuple[Link, ...]
    running_header: str | None
    total_lines: int


def decode(name: str, data: bytes) -> str:
    """Bytes to text, or one clear error about what the file is instead."""
    if not data.strip():
        raise InputError(SourceLocation(name, 1), "a UN document in plain text", "an empty file")
    if data.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04")) or b"\x00" in data[:4096]:
        raise InputError(SourceLocation(name, 1), "plain text (UTF-8)", "a binary file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            SourceLocation(name, line),
            "UTF-8 text",
            f"bytes in another or unknown encoding ({data[error.start : error.start + 4]!r})",
        ) from None
    if len(_BINARY_CONTROL.findall(text[:8192])) > 8:
        raise InputError(
            SourceLocation(name, 1), "plain text", "control characters of a binary file"
        )
    return text


def normalize(name: str, text: str) -> NormalizedDocument:
    """Split furniture, links and footnotes off the content lines (see the module guarantees)."""
    # Only line feeds end lines: str.splitlines() would also split at form feeds (page breaks
    # in pdftotext output), and line numbers would no longer be those of the file.
    raw_lines = [
        _SPACES.sub(" ", unicodedata.normalize("NFC", line.rstrip("\r")))
        for line in text.split("\n")
    ]
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    header = _running_header(raw_lines)
    content: list[SourceLine] = []
    footnotes: list[Footnote] = []
    links: list[Link] = []
    in_footnotes = False
    current: list[tuple[int, str]] = []  # lines of the footnote being read
    current_number = 0

    def close_footnote() -> None:
        nonlocal current
        if current:
            footnotes.append(
                Footnote(
                    number=current_number,
                    text=join_lines([text for _, text in current]),
                    span=SourceSpan(current[0][0], current[-1][0]),
                )
            )
        current = []

    for number, line in enumerate(raw_lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if _LINK.match(line):
            links.append(Link(number, stripped))
            close_footnote()
            in_footnotes = False
            continue
        if _FOOTER.match(line) or (header is not None and stripped == header):
            close_footnote()
            in_footnotes = False
            continue
        if _FOOTNOTE_RULE.match(line):
            close_footnote()
            in_footnotes = True
            continue
        if in_footnotes:
            start = _FOOTNOTE_START.match(line)
            # Within one block footnotes are consecutive; another number is body text that
            # starts the next page indented (` 21 octobre 2016, ...`).
            if start and (not current or int(start["number"]) == current_number + 1):
                close_footnote()
                current_number = int(start["number"])
                current = [(number, start["text"].strip())]
                continue
            if current and not line[:1].isspace():
                current.append((number, stripped))
                continue
            close_footnote()
            in_footnotes = False
        content.append(SourceLine(number, stripped, line[:1].isspace()))
    close_footnote()
    return NormalizedDocument(
        name=name,
        lines=tuple(content),
        footnotes=tuple(footnotes),
        links=tuple(links),
        running_header=header,
        total_lines=len(raw_lines),
    )


def _running_header(lines: list[str]) -> str | None:
    """The document symbol printed alone on a line at the top of pages (the most frequent)."""
    candidates = Counter(
        line.strip() for line in lines if SYMBOL_PATTERN.fullmatch(line.strip() or "-")
    )
    if not candidates:
        return None
    symbol, count = candidates.most_common(1)[0]
    return symbol if count >= 2 else None


def join_lines(parts: list[str]) -> str:
    """Rejoin the lines of one logical paragraph (guarantee 7)."""
    text = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if text.endswith("-"):
            text = text[:-2] + "-" if text.endswith(" -") else text
            text += piece
        elif text:
            text += " " + piece
        else:
            text = piece
    text = _SPACES.sub(" ", text)
    return _ELIDED_APOSTROPHE.sub(lambda m: m["elided"] + "’", text).strip()
