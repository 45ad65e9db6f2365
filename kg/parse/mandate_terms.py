"""The wording of collective addressees and of funding conditions, read from data.

Two tables in `kg/reference/data`, one row per concept, with an English and a French label and,
for each language, a regular expression of its wording as printed right where an addressee (or,
for funding, anywhere in the clause of a mandate) stands:

* `addressees.tsv`: `États parties` / `States parties` (scope `instrument`: the instrument
  named after `à` / `to`), `États membres` of a body (scope `body`), `tous les États`, `les
  gouvernements`, `la communauté internationale`, `le secteur privé`, `les États`.
* `funding_conditions.tsv`: `sous réserve de la disponibilité de ressources extrabudgétaires`,
  `within existing resources`.

Rows are tried in file order, so a specific wording comes before a general one (`tous les
États` before `les États`). A language is a pair of columns (`label_xx`, `wording_xx`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType

from kg.errors import SourceLocation
from kg.reference.states import ReferenceDataError

__all__ = ["Term", "load_addressees", "load_funding_conditions"]

_SCOPES = ("", "instrument", "body")


@dataclass(frozen=True)
class Term:
    key: str
    scope: str  # "", "instrument" or "body": what the text may name after the wording
    labels: Mapping[str, str]  # language -> label
    wording: Mapping[str, re.Pattern[str]]  # language -> pattern, matched case-sensitively


def parse_terms(name: str, text: str) -> tuple[Term, ...]:
    """The rows of a term table; every error names the file and line."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise ReferenceDataError(f"{name} is empty")
    header = lines[0][1].split("\t")
    languages = sorted(c.removeprefix("label_") for c in header if c.startswith("label_"))
    if "key" not in header or not languages:
        raise ReferenceDataError(
            "expected columns key, label_<lang>, wording_<lang>", SourceLocation(name, lines[0][0])
        )
    terms: list[Term] = []
    for number, line in lines[1:]:
        where = SourceLocation(name, number)
        cells = dict(zip(header, line.split("\t"), strict=False))
        key, scope = cells.get("key", ""), cells.get("scope", "")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
            raise ReferenceDataError(f"invalid key {key!r}", where)
        if scope not in _SCOPES:
            raise ReferenceDataError(f"scope must be one of {_SCOPES}, found {scope!r}", where)
        wording: dict[str, re.Pattern[str]] = {}
        for language in languages:
            try:
                wording[language] = re.compile(cells.get(f"wording_{language}", "") or "(?!)")
            except re.error as error:
                raise ReferenceDataError(f"wording_{language}: {error}", where) from error
        labels = {lang: cells.get(f"label_{lang}", "") for lang in languages}
        if not all(labels.values()):
            raise ReferenceDataError(f"{key}: a label is missing", where)
        terms.append(Term(key, scope, MappingProxyType(labels), MappingProxyType(wording)))
    return tuple(terms)


def _load(name: str) -> tuple[Term, ...]:
    return parse_terms(name, files("kg.reference").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def load_addressees() -> tuple[Term, ...]:
    """Collective addressees (kg/reference/data/addressees.tsv), in the order they are tried."""
    return _load("addressees.tsv")


@lru_cache(maxsize=1)
def load_funding_conditions() -> tuple[Term, ...]:
    """Funding conditions of mandates (kg/reference/data/funding_conditions.tsv)."""
    return _load("funding_conditions.tsv")
