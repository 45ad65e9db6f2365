"""Segmentation of a committee report into parts, sections and logical paragraphs.

Works on normalised lines only. A report is divided into parts by Roman-numbered headings
(`I. Introduction`, `II. Examen de projets de résolution`, `III. Recommandations ...`); Part II
into lettered sections (`A. Projet de résolution A/C.3/77/L.2`); each part into numbered
paragraphs (`6. Dans sa résolution ...`, numbered consecutively through the report) and lettered
items (`a) Rapport du Secrétaire général ...`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kg.model import SourceSpan
from kg.parse.normalize import SourceLine, join_lines

_PART_HEADING = re.compile(r"^(?P<roman>[IVX]{1,4})\.\s+(?P<title>\S.*)$")
_SECTION_HEADING = re.compile(r"^(?P<letter>[A-Z])\.(?:\s+(?P<title>\S.*))?$")
# `6. Dans sa résolution ...`, or the number alone on its line (`1.` then the text).
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.(?:\s+(?P<text>\S.*))?$")
_ITEM = re.compile(r"^(?P<letter>[a-z])\)\s+(?P<text>\S.*)$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(roman: str) -> int:
    """`IV` -> 4 (validated: the value written back must give the same numeral)."""
    total = 0
    for current, following in zip(roman, [*roman[1:], ""], strict=True):
        value = ROMAN_VALUES[current]
        total += -value if following and ROMAN_VALUES[following] > value else value
    if int_to_roman(total) != roman:
        raise ValueError(f"not a canonical Roman numeral: {roman!r}")
    return total


def int_to_roman(number: int) -> str:
    numerals = (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    result = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        result += numeral * count
    return result


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    """One logical paragraph: its label (`6`, `a`), rejoined text and source span."""

    kind: BlockKind
    label: str
    text: str
    span: SourceSpan


@dataclass(frozen=True)
class Section:
    letter: str
    title: str
    span: SourceSpan
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    span: SourceSpan
    lines: tuple[SourceLine, ...]


def split_parts(
    lines: tuple[SourceLine, ...], last_part: re.Pattern[str] | None = None
) -> list[Part]:
    """Parts start at consecutive Roman-numbered headings I, II, III ...

    Without `last_part`, a heading is an indented line (the layout of the bundled
    extraction). With `last_part` (the title of a report's last part, `Recommendations of the
    ... Committee`), any line may be a heading and none after that part: the texts it
    recommends number their own sections I, II ..."""
    starts: list[tuple[int, int, str]] = []  # (index, number, title)
    for index, line in enumerate(lines):
        if last_part is not None and starts and last_part.match(starts[-1][2]):
            break
        match = _PART_HEADING.match(line.text)
        if match and (line.indented or last_part is not None):
            try:
                number = roman_to_int(match["roman"])
            except ValueError:
                continue
            if number == len(starts) + 1:
                starts.append((index, number, match["title"].strip()))
    parts = []
    for position, (index, number, title) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        body = lines[index + 1 : end]
        last = body[-1].number if body else lines[index].number
        parts.append(Part(number, title, SourceSpan(lines[index].number, last), body))
    return parts


def split_blocks(
    lines: tuple[SourceLine, ...], first_number: int, item_pattern: re.Pattern[str] = _ITEM
) -> tuple[list[Block], int]:
    """Numbered paragraphs (consecutive from `first_number`) and lettered items (`a)` by
    default, `(a)` in English: the language's `item_pattern`, groups `letter` and `text`).

    Returns the blocks and the next paragraph number expected, so that numbering can be
    followed across parts and sections. Lines before the first block are ignored.
    """
    blocks: list[Block] = []
    expected = first_number
    expected_item = "a"
    current: list[SourceLine] = []
    kind, label = BlockKind.PARAGRAPH, ""

    def close() -> None:
        if current:
            blocks.append(
                Block(
                    kind,
                    label,
                    join_lines([line.text for line in current]),
                    SourceSpan(current[0].number, current[-1].number),
                )
            )

    for line in lines:
        numbered = _NUMBERED.match(line.text)
        item = item_pattern.match(line.text)
        if numbered and int(numbered["number"]) == expected:
            close()
            kind, label = BlockKind.PARAGRAPH, numbered["number"]
            text = numbered["text"] or ""
            current = [SourceLine(line.number, text, line.indented)]
            expected += 1
            expected_item = "a"
        elif item and item["letter"] == expected_item:
            close()
            kind, label = BlockKind.ITEM, item["letter"]
            current = [SourceLine(line.number, item["text"], line.indented)]
            expected_item = chr(ord(expected_item) + 1)
        elif current:
            current.append(line)
    close()
    return blocks, expected


def split_sections(
    lines: tuple[SourceLine, ...], title_pattern: re.Pattern[str], *, any_indent: bool = False
) -> tuple[tuple[SourceLine, ...], list[tuple[str, str, tuple[SourceLine, ...]]]]:
    """Lines before the first lettered section, then (letter, title, lines) per section.

    A section heading is `A. <title>` whose title matches `title_pattern` (the language's
    `Draft resolution` / `Projet de résolution`), or the letter alone (`A.`) with the title on
    the next line. Without `any_indent` the heading must be indented (the bundled layout)."""
    starts: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        match = _SECTION_HEADING.match(line.text)
        if not match or not (line.indented or any_indent):
            continue
        if ord(match["letter"]) != ord("A") + len(starts):
            continue
        title = match["title"]
        if title is None and index + 1 < len(lines):
            title = lines[index + 1].text
        if title and title_pattern.match(title):
            starts.append((index, match["letter"], title.strip()))
    if not starts:
        return lines, []
    sections = []
    for position, (index, letter, title) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        sections.append((letter, title, lines[index:end]))
    return lines[: starts[0][0]], sections
