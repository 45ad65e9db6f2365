"""Lexicons: ordinals written and read back in French and English, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.parse.lexicon import ENGLISH, FRENCH, english_ordinal, french_ordinal


@given(st.integers(1, 999))
def test_ordinals_read_back(number: int) -> None:
    assert FRENCH.ordinal_value(french_ordinal(number)) == number
    assert ENGLISH.ordinal_value(english_ordinal(number)) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("soixante-dix-septième", 77),
        ("Soixante-Dix-Septieme", 77),
        ("soixante et onzième", 71),
        ("quatre-vingtième", 80),
        ("quatre-vingt-unième", 81),
        ("vingt et unième", 21),
        ("trente-deuxième", 32),
        ("quatorzième", 14),
        ("premier", 1),
        ("première", 1),
        ("neuvième", 9),
    ],
)
def test_french_ordinals_as_printed_by_the_un(words: str, number: int) -> None:
    assert FRENCH.ordinal_value(words) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [("seventy-third", 73), ("first", 1), ("twelfth", 12), ("eightieth", 80)],
)
def test_english_ordinals(words: str, number: int) -> None:
    assert ENGLISH.ordinal_value(words) == number


def test_not_an_ordinal() -> None:
    assert FRENCH.ordinal_value("Commission") is None


@given(st.dates(dt.date(1946, 1, 1), dt.date(2100, 12, 31)))
def test_french_dates(date: dt.date) -> None:
    day = "1er" if date.day == 1 else str(date.day)
    assert FRENCH.date(day, FRENCH.months[date.month - 1], date.year) == date
    assert FRENCH.date(str(date.day), FRENCH.months[date.month - 1].upper(), date.year) == date
