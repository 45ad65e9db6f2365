"""Language lexicons: month names, ordinal numbers and the wording of resolution texts
(kg.parse.wording), one object per language.

Words are data here; the parsers only ask a `Lexicon` for them, so a new UN language is a new
table, not new code. Ordinals are generated from the number-word rules of each language and
parsed by lookup, which guarantees that writing and reading agree (tested both ways).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from kg.parse.wording import ENGLISH_WORDING, FRENCH_WORDING, ResolutionWording

_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = {
    2: "twenty",
    3: "thirty",
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
}
_EN_IRREGULAR_ORDINALS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def french_cardinal(number: int) -> str:
    """French number words (1 to 999), with the hyphens of UN French usage."""
    if not 0 < number < 1000:
        raise ValueError(f"out of range: {number}")
    hundreds, rest = divmod(number, 100)
    parts: list[str] = []
    if hundreds:
        parts.append("cent" if hundreds == 1 else f"{_FR_UNITS[hundreds]} cent")
        if rest == 0 and hundreds > 1:
            parts[-1] += "s"
    if rest:
        parts.append(_french_below_hundred(rest))
    return " ".join(parts)


def _french_below_hundred(number: int) -> str:
    if number < 20:
        return _FR_UNITS[number]
    tens, unit = divmod(number, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: counted on from 60 / 80
        base = "soixante" if tens == 7 else "quatre-vingt"
        if tens == 7 and unit == 1:
            return "soixante et onze"
        return f"{base}-{_FR_UNITS[10 + unit]}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_FR_UNITS[unit]}"
    word = _FR_TENS[tens]
    if unit == 0:
        return word
    if unit == 1:
        return f"{word} et un"
    return f"{word}-{_FR_UNITS[unit]}"


def french_ordinal(number: int) -> str:
    """`77` -> `soixante-dix-septième`; `1` -> `premier`."""
    if number == 1:
        return "premier"
    word = french_cardinal(number)
    if word.endswith("quatre-vingts") or word.endswith("cents"):
        word = word[:-1]
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith("e"):
        word = word[:-1]
    return word + "ième"


def english_cardinal(number: int) -> str:
    if not 0 < number < 1000:
        raise ValueError(f"out of range: {number}")
    hundreds, rest = divmod(number, 100)
    parts: list[str] = []
    if hundreds:
        parts.append(f"{_EN_UNITS[hundreds]} hundred")
    if rest:
        if rest < 20:
            parts.append(_EN_UNITS[rest])
        else:
            tens, unit = divmod(rest, 10)
            parts.append(_EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else ""))
    return " and ".join(parts) if hundreds and rest else " ".join(parts)


def english_ordinal(number: int) -> str:
    """`77` -> `seventy-seventh`."""
    word = english_cardinal(number)
    head, sep, last = word.rpartition("-") if "-" in word else word.rpartition(" ")
    if last in _EN_IRREGULAR_ORDINALS:
        last = _EN_IRREGULAR_ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def fold(text: str) -> str:
    """Case-, accent- and hyphen-insensitive key for lexicon lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\s\-‐‑]+", stripped.strip()))


@dataclass(frozen=True)
class Lexicon:
    """The words of one language that the parsers need."""

    language: str  # ISO 639-1
    akn_language: str  # ISO 639-2/T, as in AKN expression IRIs
    months: tuple[str, ...]
    ordinal_writer: str  # name of the function in this module that writes ordinals
    resolution: ResolutionWording  # what resolution texts and their headers print
    first_day_suffixes: tuple[str, ...] = field(default=())

    @cached_property
    def _month_numbers(self) -> dict[str, int]:
        return {fold(name): index for index, name in enumerate(self.months, start=1)}

    @cached_property
    def _ordinals(self) -> dict[str, int]:
        writer = _ORDINAL_WRITERS[self.ordinal_writer]
        table = {fold(writer(n)): n for n in range(1, 1000)}
        if self.language == "fr":
            table[fold("première")] = 1
        return table

    def month_number(self, name: str) -> int | None:
        return self._month_numbers.get(fold(name))

    def ordinal_value(self, words: str) -> int | None:
        """`soixante-dix-septième` -> 77; None if the words are not an ordinal."""
        return self._ordinals.get(fold(words))

    @property
    def month_pattern(self) -> str:
        """A regex alternation of the month names (accents optional)."""
        return "|".join(sorted((re.escape(m) for m in self.months), key=len, reverse=True))

    def date(self, day: str, month: str, year: int) -> dt.date:
        number = self.month_number(month)
        if number is None:
            raise ValueError(f"unknown month name {month!r} in {self.language}")
        day_digits = day
        for suffix in self.first_day_suffixes:
            day_digits = day_digits.removesuffix(suffix)
        return dt.date(year, number, int(day_digits))


_ORDINAL_WRITERS = {"french_ordinal": french_ordinal, "english_ordinal": english_ordinal}

FRENCH = Lexicon(
    language="fr",
    akn_language="fra",
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    ordinal_writer="french_ordinal",
    resolution=FRENCH_WORDING,
    first_day_suffixes=("er",),
)
ENGLISH = Lexicon(
    language="en",
    akn_language="eng",
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    ordinal_writer="english_ordinal",
    resolution=ENGLISH_WORDING,
)
LEXICONS: dict[str, Lexicon] = {lexicon.language: lexicon for lexicon in (FRENCH, ENGLISH)}
