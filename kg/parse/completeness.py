"""Completeness is checked, never assumed: a document that lost pages or texts is an input error.

Two checks, each from what the document itself prints:

1. Page counters. UN documents print `n/N` in the page furniture (`2/7` alone on a line in the
   English `pdftotext` output, `22-27149 15/80` or `15/80 22-27149` in the French sample; the
   first page prints none). The file must reach page N: its last counter is `N/N`, or, where
   pages are separated by form feeds (`pdftotext`), it holds N pages. A page missing in the
   middle is seen where the page breaks are known: with form feeds, a counter `n/N` must stand on
   the n-th page of the file; without them, in a text that has printed the counter of every page
   so far (2, 3, 4 ...), a jump (4 -> 6) is a missing page. A text whose furniture is sparse (the
   French sample prints 8 of its 80 counters) can only be checked for its end.
2. Recommended texts of a committee report. The report announces how many texts it recommends:
   in Part II, each draft is adopted "(see para. 14, draft resolution II)"; the recommendation
   itself says "the following draft resolution" (one) or "draft resolutions" (several). A report
   that holds fewer texts than announced is incomplete. A recommended text whose last paragraph
   ends without its full stop is a warning (cut inside a page, the counters cannot show it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import InputError, SourceLocation
from kg.model import Report
from kg.parse.issued import JOB_NUMBER
from kg.parse.normalize import NormalizedDocument
from kg.parse.segment import roman_to_int

# The page counter alone, or with the job number on either side.
_PAGE_COUNTER = re.compile(
    rf"^\s*(?:{JOB_NUMBER}\s+)?(?P<page>\d{{1,3}})/(?P<pages>\d{{1,3}})(?:\s+{JOB_NUMBER})?\s*$"
)
_FORM_FEED = "\f"


@dataclass(frozen=True)
class PageCounter:
    line: int  # 1-based line of the file
    page: int
    pages: int
    breaks_before: int  # form feeds before this line: the page of the file it stands on, minus 1


def page_counters(lines: Sequence[str]) -> list[PageCounter]:
    """The `n/N` counters of the page furniture, in file order, with the one page total most of
    them print (a stray `3/5` of the body with another total is not furniture)."""
    found: list[PageCounter] = []
    breaks = 0
    for number, line in enumerate(lines, start=1):
        if match := _PAGE_COUNTER.match(line.replace(_FORM_FEED, "")):
            found.append(PageCounter(number, int(match["page"]), int(match["pages"]), breaks))
        breaks += line.count(_FORM_FEED)
    if not found:
        return []
    total = Counter(c.pages for c in found).most_common(1)[0][0]
    return [c for c in found if c.pages == total and 1 <= c.page <= total]


def check_pages(name: str, text: str) -> None:
    """Raise InputError if a page of the document is missing (see the module docstring)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    counters = page_counters(lines)
    if not counters:
        return
    paged = any(_FORM_FEED in line for line in lines)
    _check_gaps(name, counters, paged)
    last, total = counters[-1], counters[-1].pages
    pages_in_file = sum(line.count(_FORM_FEED) for line in lines) + 1 if paged else last.page
    if max(last.page, pages_in_file) < total:
        raise InputError(
            SourceLocation(name, len(lines)),
            f"{total} pages, as the page counters say ('{last.page}/{total}' at line "
            f"{last.line} is the last; page {last.page + 1}/{total} is missing)",
            f"the end of the file after page {last.page}/{total}",
        )


def _check_gaps(name: str, counters: Sequence[PageCounter], paged: bool) -> None:
    previous: PageCounter | None = None
    every_page_so_far = True  # without form feeds: counters 2, 3, ... each printed so far
    for counter in counters:
        expected = (previous.page if previous else 1) + 1
        if paged:
            # The counter of the n-th page of the file is n: a larger one means pages are gone.
            missing = counter.page > counter.breaks_before + 1
            expected = counter.breaks_before + 1
        else:
            # The first counter printed cannot show a gap: the text may print few counters.
            missing = previous is not None and every_page_so_far and counter.page > expected
            every_page_so_far = every_page_so_far and counter.page <= expected
        if missing:
            after = f" after page {previous.page} (line {previous.line})" if previous else ""
            raise InputError(
                SourceLocation(name, counter.line),
                f"page {expected}/{counter.pages}{after}: a page is missing",
                f"{counter.page}/{counter.pages}",
            )
        previous = counter


# --- recommended texts --------------------------------------------------------------------------

# The recommendation that opens the last part of a committee report, per language: which words
# announce one text and which several. Data, not code: a language is one more entry.
_RECOMMENDATIONS: dict[str, re.Pattern[str]] = {
    "fr": re.compile(
        r"recommande à l['’]Assemblée générale d['’]adopter\s+"
        r"(?:les\s+(?P<several>projets\s+de\s+résolution\s+suivants)"
        r"|le\s+(?P<one>projet\s+de\s+résolution\s+suivant))"
    ),
    "en": re.compile(
        r"recommends\s+to\s+the\s+General\s+Assembly\s+the\s+adoption\s+of\s+the\s+following\s+"
        r"(?:(?P<several>draft\s+resolutions)|(?P<one>draft\s+resolution))\b"
    ),
}
_WINDOW = 3  # the recommendation sentence runs over at most this many lines


@dataclass(frozen=True)
class Recommendation:
    line: int
    several: bool


def find_recommendation(document: NormalizedDocument, language: str) -> Recommendation | None:
    """The first line where the report recommends draft resolutions, and whether it says one or
    several; None when the language has no entry or the report prints no such sentence."""
    pattern = _RECOMMENDATIONS.get(language)
    if pattern is None:
        return None
    lines = document.lines
    for index, line in enumerate(lines):
        window = " ".join(other.text for other in lines[index : index + _WINDOW])
        match = pattern.search(window)
        if match and match.start() < len(line.text):
            return Recommendation(line.number, match["several"] is not None)
    return None


def check_recommended_texts(report: Report, document: NormalizedDocument) -> None:
    """Raise InputError if the report holds fewer recommended texts than it announces."""
    announced = sorted({d.recommended_as for d in report.drafts if d.recommended_as})
    recommendation = find_recommendation(document, report.language)
    least = 0 if recommendation is None else (2 if recommendation.several else 1)
    expected = max(len(announced), least)
    held = [text.label for text in report.texts]
    if len(held) >= expected:
        return
    line = recommendation.line if recommendation else document.lines[-1].number
    numerals = f" ({', '.join(sorted(announced, key=_numeral_value))})" if announced else ""
    raise InputError(
        SourceLocation(report.source_name, line),
        f"{expected} recommended draft resolution text(s){numerals} after the recommendation, "
        f"as the report announces (the file ends at line {document.total_lines})",
        f"{len(held)} text(s)" + (f": {', '.join(held)}" if held else ""),
    )


def _numeral_value(numeral: str) -> int:
    try:
        return roman_to_int(numeral)
    except (KeyError, ValueError):
        return 0


# A text ends with a full stop, perhaps inside closing quotes or brackets (`... pénale ».`).
