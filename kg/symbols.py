"""UN document symbols: `A/C.3/77/L.7/Rev.1`, `E/RES/2022/12`, `A/RES/ES-11/1`, `S/RES/2719 (2023)`.

A symbol is kept as the literal the UN prints; this value object only splits it into its series
components and its suffixes (Rev., Add., Corr.) so that callers can ask what kind of document it
names and which body and session issued it, without ever rebuilding it from an IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One component: letters, digits, dots and hyphens (`C.3`, `CN.15`, `ES-11`, `L.7`, `SR.45`).
_COMPONENT = r"[A-Z0-9][A-Za-z0-9.\-]*"
# Suffixes that make a new version of the same series document.
_SUFFIX = r"(?:Rev|Add|Corr|Amend)\.\d+"
SYMBOL_PATTERN = re.compile(
    rf"""
    (?<![\w/])                       # not in the middle of a longer token
    (?P<series>[A-Z]{{1,8}}(?:/{_COMPONENT})+?)  # A/C.3/77/L.7, E/CN.15/2022/11
    (?P<suffixes>(?:/{_SUFFIX})*)    # /Rev.1/Add.2
    (?P<year>\ \(\d{{4}}\))?         # Security Council resolutions: ` (2023)`
    (?![\w/])
    """,
    re.VERBOSE,
)
_SUFFIX_PART = re.compile(r"(?P<kind>Rev|Add|Corr|Amend)\.(?P<number>\d+)")

# The first components of a symbol tell the issuing body (AKN4UN body codes).
_BODY_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("A", "C.1"), "un-ga-c1"),
    (("A", "C.2"), "un-ga-c2"),
    (("A", "C.3"), "un-ga-c3"),
    (("A", "C.4"), "un-ga-c4"),
    (("A", "C.5"), "un-ga-c5"),
    (("A", "C.6"), "un-ga-c6"),
    (("A", "HRC"), "un-hrc"),
    (("A",), "un-ga"),
    (("E", "CN.7"), "un-cnd"),
    (("E", "CN.15"), "un-ccpcj"),
    (("E",), "un-ecosoc"),
    (("S",), "un-sc"),
    (("CAC", "COSP"), "un-cosp-uncac"),
    (("CTOC", "COP"), "un-cop-untoc"),
)


class SymbolError(ValueError):
    """The text is not a UN document symbol."""


@dataclass(frozen=True, order=True)
class DocumentSymbol:
    """A parsed UN document symbol; `str()` gives back exactly the text it was parsed from."""

    series: tuple[str, ...]
    suffixes: tuple[tuple[str, int], ...] = ()
    year: int | None = None

    @classmethod
    def parse(cls, text: str) -> DocumentSymbol:
        match = SYMBOL_PATTERN.fullmatch(text.strip())
        if match is None:
            raise SymbolError(f"not a UN document symbol: {text!r}")
        suffixes = tuple(
            (part["kind"], int(part["number"]))
            for part in _SUFFIX_PART.finditer(match["suffixes"] or "")
        )
        year = int(match["year"].strip(" ()")) if match["year"] else None
        return cls(tuple(match["series"].split("/")), suffixes, year)

    def __str__(self) -> str:
        text = "/".join(self.series)
        text += "".join(f"/{kind}.{number}" for kind, number in self.suffixes)
        if self.year is not None:
            text += f" ({self.year})"
        return text

    @property
    def base(self) -> DocumentSymbol:
        """The symbol without Rev./Add./Corr. suffixes: the series document it revises."""
        return DocumentSymbol(self.series, (), self.year)

    @property
    def revision(self) -> int | None:
        return next((n for kind, n in self.suffixes if kind == "Rev"), None)

    @property
    def issuing_body(self) -> str | None:
        for prefix, body in _BODY_PREFIXES:
            if self.series[: len(prefix)] == prefix:
                return body
        return None

    @property
    def session(self) -> int | None:
        """The session number for GA series symbols (`A/77/...`, `A/C.3/77/...`)."""
        if self.series[0] != "A":
            return None
        for component in self.series[1:3]:
            if component.isdigit():
                return int(component)
        return None

    @property
    def document_type(self) -> str:
        """A coarse kind from the series markers: draft, summary_record, resolution, ..."""
        markers = {c.split(".")[0] for c in self.series}
        if "RES" in markers:
            return "resolution"
        if "DEC" in markers:
            return "decision"
        if "L" in markers:
            return "draft"
        if "SR" in markers:
            return "summary_record"
        if "PV" in markers:
            return "verbatim_record"
        return "document"

    @property
    def meeting_number(self) -> int | None:
        """For a record symbol (`A/C.3/77/SR.45`, `A/77/PV.52`), the meeting it records."""
        last = self.series[-1]
        if last.startswith(("SR.", "PV.")) and last[3:].isdigit():
            return int(last[3:])
        return None


def find_symbols(text: str) -> list[tuple[DocumentSymbol, int, int]]:
    """Every symbol in running text with its character offsets."""
    found = []
    for match in SYMBOL_PATTERN.finditer(text):
        raw = match.group(0).rstrip(".")
        if "/" not in raw:
            continue
        try:
            symbol = DocumentSymbol.parse(raw)
        except SymbolError:
            continue
        found.append((symbol, match.start(), match.start() + len(raw)))
    return found
