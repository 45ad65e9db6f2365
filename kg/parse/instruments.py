"""Instruments named in resolution texts: conventions, protocols, declarations, rules, standards.

The instruments are reference data (`kg/reference/data/instruments.tsv`, read by
`load_instruments()` on demand, never at import time): a code, a kind, the name in English and
French, aliases (`|`-separated), the United Nations Treaty Series volume and registration number
where the footnotes of the corpus give them, the resolution that adopted the instrument and the
year.

`find_instruments` finds the names and aliases of one language in a text, tolerant of case,
accents, apostrophes, hyphens, punctuation and line breaks, longest match first (so the Protocol
to the Convention against Transnational Organized Crime is not read as the Convention), each
instrument once per text. A bare `la Convention` (an anaphora) is not a name and is not found.

`unts_from_footnote` reads the Treaty Series reference of a footnote (`Nations Unies, Recueil
des Traités, vol. 2349, no 42146`, `United Nations, Treaty Series, vol. 610, No. 8843`,
`Ibid., vol. 2171, no 27531`); `treaty_series_references` reads those of all the footnotes of a
text, following `Ibid.` from one footnote to the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType

from kg.errors import SourceLocation
from kg.model import Footnote, InstrumentMention, SourceSpan
from kg.reference.states import ReferenceDataError

__all__ = [
    "KINDS",
    "Instrument",
    "InstrumentTable",
    "find_instruments",
    "load_instruments",
    "treaty_series_references",
    "unts_from_footnote",
    "unts_references",
]

KINDS = ("convention", "protocol", "declaration", "rules", "standards", "programme", "agenda")
_FILE = "instruments.tsv"
_COLUMNS = (
    "code",
    "kind",
    "name_en",
    "name_fr",
    "aliases_en",
    "aliases_fr",
    "unts_volume",
    "unts_number",
    "adopted_by",
    "year",
)
_LANGUAGES = ("en", "fr")
_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Instrument:
    code: str
    kind: str
    names: Mapping[str, tuple[str, ...]]  # language -> (name, *aliases)
    unts_volume: int | None = None
    unts_number: int | None = None
    adopted_by: str | None = None  # the symbol of the adopting resolution
    year: int | None = None

    def name(self, language: str) -> str:
        return self.names[language][0]


# --- folding: a matching key that keeps the offsets of the original text ----------------------

_APOSTROPHES = frozenset("'’‘ʼ´`′")
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """Lower case, no accents; apostrophes become `'`, anything else not a letter a space."""
    if char in _APOSTROPHES:
        return "'"
    if char in _LIGATURES:
        return _LIGATURES[char]
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "".join(c if c.isalnum() else " " for c in kept) or " "


@lru_cache(maxsize=1024)
def fold_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The folded text and, for each of its characters, the index in `text` it comes from.

    Cached: mandates look for instruments named earlier in the same title and preamble once per
    short name (`la Convention`), and folding the same text again cost half the parse time.
    Runs of spaces become one space and spaces next to an apostrophe disappear, so `l ’état`,
    `l’état` and `L'Etat` fold alike; hyphens, commas, colons and parentheses are spaces.
    """
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        for folded in _fold_char(char):
            if folded == " " and (not out or out[-1] in " '"):
                continue
            if folded == "'" and out and out[-1] == " ":
                out.pop()
                index.pop()
            out.append(folded)
            index.append(position)
    return "".join(out), tuple(index)


def fold(text: str) -> str:
    return fold_with_offsets(text)[0].strip()


# --- the table --------------------------------------------------------------------------------


class InstrumentTable:
    """The instruments, by code, with one matcher per language (built when the table is)."""

    def __init__(self, instruments: Iterable[Instrument]) -> None:
        by_code: dict[str, Instrument] = {}
        for instrument in instruments:
            if instrument.code in by_code:
                raise ReferenceDataError(f"duplicate instrument code {instrument.code!r}")
            by_code[instrument.code] = instrument
        self._instruments: Mapping[str, Instrument] = MappingProxyType(by_code)
        self._keys: dict[str, dict[str, str]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        languages = sorted({lang for i in by_code.values() for lang in i.names})
        for language in languages:
            keys: dict[str, str] = {}
            for instrument in by_code.values():
                for spelling in instrument.names.get(language, ()):
                    key = fold(spelling)
                    known = keys.setdefault(key, instrument.code)
                    if known != instrument.code:
                        raise ReferenceDataError(
                            f"the {language} name {spelling!r} of {instrument.code!r}"
                            f" is also a name of {known!r}"
                        )
            alternatives = sorted(keys, key=len, reverse=True)
            self._keys[language] = keys
            self._patterns[language] = re.compile(
                r"(?<![^\W_])(?:" + "|".join(re.escape(k) for k in alternatives) + r")(?![^\W\d_])"
            )

    def __len__(self) -> int:
        return len(self._instruments)

    def __contains__(self, code: object) -> bool:
        return code in self._instruments

    def __getitem__(self, code: str) -> Instrument:
        return self._instruments[code]

    @property
    def instruments(self) -> Mapping[str, Instrument]:
        return self._instruments

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._patterns)

    def matches(self, text: str, language: str) -> list[tuple[str, int, int]]:
        """(code, start, end) of every name of `language` in `text`, leftmost-longest."""
        pattern = self._patterns.get(language)
        if pattern is None:
            raise ValueError(f"no instrument names in language {language!r}")
        folded, index = fold_with_offsets(text)
        keys = self._keys[language]
        return [
            (keys[match.group(0)], index[match.start()], index[match.end() - 1] + 1)
            for match in pattern.finditer(folded)
        ]


def _location(line: int) -> SourceLocation:
    return SourceLocation(f"kg/reference/data/{_FILE}", line)


def _optional_int(value: str, column: str, line: int) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise ReferenceDataError(f"column {column!r} is not a number: {value!r}", _location(line))
    return int(value)


def _row_instrument(cells: Mapping[str, str], line: int) -> Instrument:
    code, kind = cells["code"], cells["kind"]
    if not _CODE.match(code):
        raise ReferenceDataError(f"code {code!r} is not lower-case words", _location(line))
    if kind not in KINDS:
        raise ReferenceDataError(f"kind must be one of {KINDS}, found {kind!r}", _location(line))
    names: dict[str, tuple[str, ...]] = {}
    for language in _LANGUAGES:
        name = cells[f"name_{language}"]
        if not name:
            raise ReferenceDataError(f"column 'name_{language}' is empty", _location(line))
        aliases = tuple(a.strip() for a in cells[f"aliases_{language}"].split("|") if a.strip())
        names[language] = (name, *aliases)
    return Instrument(
        code=code,
        kind=kind,
        names=MappingProxyType(names),
        unts_volume=_optional_int(cells["unts_volume"], "unts_volume", line),
        unts_number=_optional_int(cells["unts_number"], "unts_number", line),
        adopted_by=cells["adopted_by"] or None,
        year=_optional_int(cells["year"], "year", line),
    )


def parse_instruments(text: str) -> InstrumentTable:
    """The table from the text of an instruments TSV (UTF-8, tabs, one header line)."""
    lines = text.removeprefix("\ufeff").split("\n")
    header = lines[0].rstrip("\r").split("\t")
    if tuple(header) != _COLUMNS:
        raise ReferenceDataError(f"expected the columns {list(_COLUMNS)}", _location(1))
    instruments = []
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ReferenceDataError(
                f"expected {len(header)} tab-separated cells, found {len(cells)}", _location(number)
            )
        instruments.append(
            _row_instrument(dict(zip(header, (c.strip() for c in cells), strict=True)), number)
        )
    return InstrumentTable(instruments)


def load_instruments() -> InstrumentTable:
    """Read and check `kg/reference/data/instruments.tsv`; errors name the line."""
    text = files("kg.reference").joinpath("data", _FILE).read_text(encoding="utf-8")
    return parse_instruments(text)


# --- finding names ----------------------------------------------------------------------------


def find_instruments(
    text: str, span: SourceSpan, language: str, table: InstrumentTable
) -> tuple[InstrumentMention, ...]:
    """The instruments `text` names, in order of first mention, each once.

    The mention's text is the name as printed (whitespace tidied); the Treaty Series volume and
    number are left empty: they come from the footnote the paragraph calls (see
    `kg.parse.enrich`), not from the table.
    """
    mentions: dict[str, InstrumentMention] = {}
    for code, start, end in table.matches(text, language):
        if code not in mentions:
            printed = re.sub(r"\s+", " ", text[start:end]).strip()
            mentions[code] = InstrumentMention(code=code, text=printed, span=span)
    return tuple(mentions.values())


# --- the Treaty Series ------------------------------------------------------------------------

_NUMBER_SIGN = r"(?:n\s*[o°º]\.?|No\.?|N°|nº)"
_VOLUMES = r"vol\.\s*(?P<volumes>\d+(?:\s*(?:,|et|and)\s*\d+)*)\s*,\s*" + _NUMBER_SIGN
_TREATY_SERIES = re.compile(
    rf"(?:Recueil\s+des\s+Traités|Treaty\s+Series)\s*,\s*{_VOLUMES}\s*(?P<number>\d+)",
    re.IGNORECASE,
)
_IBID = re.compile(rf"^\s*Ibid\.?\s*,\s*{_VOLUMES}\s*(?P<number>\d+)", re.IGNORECASE)


def _pairs(match: re.Match[str]) -> tuple[tuple[int, int], ...]:
    number = int(match["number"])
    volumes = re.findall(r"\d+", match["volumes"])
    return tuple((int(volume), number) for volume in volumes)


def unts_references(text: str, after_treaty_series: bool = True) -> tuple[tuple[int, int], ...]:
    """Every (volume, registration number) of a footnote; several volumes give several pairs
    (`vol. 2225, 2237, 2241 et 2326, no 39574`). `Ibid., vol. ..., no ...` counts only when the
    footnote before was a Treaty Series reference (`after_treaty_series`)."""
    found = [pair for match in _TREATY_SERIES.finditer(text) for pair in _pairs(match)]
    ibid = _IBID.match(text)
    if ibid is not None and after_treaty_series:
        found = [*_pairs(ibid), *found]
    return tuple(found)


def unts_from_footnote(text: str) -> tuple[int, int] | None:
    """The first (volume, number) of the Treaty Series reference of a footnote, or None.

    >>> unts_from_footnote("Nations Unies, Recueil des Traités, vol. 2349, no 42146.")
    (2349, 42146)
    """
    pairs = unts_references(text)
    return pairs[0] if pairs else None


def treaty_series_references(
    footnotes: Sequence[Footnote],
) -> dict[int, tuple[tuple[int, int], ...]]:
    """The Treaty Series references of the footnotes of one text, by footnote number.

    `Ibid.` refers to the footnote before: it is a Treaty Series reference only if that one was.
    """
    references: dict[int, tuple[tuple[int, int], ...]] = {}
    previous_was_series = False
    for footnote in footnotes:
        pairs = unts_references(footnote.text, after_treaty_series=previous_was_series)
        if pairs:
            references[footnote.number] = pairs
        previous_was_series = bool(pairs)
    return references
