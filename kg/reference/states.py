"""Reference data about the actors of UN resolutions: States, groups of States, bodies, sessions.

The data lives in tab-separated files under `kg/reference/data/` (see the README there). They are
read on demand by `load_reference_data()`, never at import time, and the result is an immutable
`ReferenceData` that callers pass around explicitly: there is no module-level cache, so tests and
tools can build their own instances.

Codes are never retyped: the State file only holds ISO 3166-1 alpha-3 codes and the loader takes
alpha-2 and numeric (M49) codes from `pycountry`, so a typo fails loudly instead of minting a wrong
identifier in the graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources import files
from itertools import pairwise
from types import MappingProxyType
from typing import Literal, TypeVar

import pycountry

from kg.errors import KgError, SourceLocation

MembershipStatus = Literal["member", "observer"]
GroupKind = Literal["regional-group", "negotiating-group"]

_DATA_PACKAGE = "kg.reference"
_DATA_DIR = "data"
_NAME_COLUMN = re.compile(r"^name_(short|formal)_([a-z]{2,3})$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STATUSES: tuple[MembershipStatus, ...] = ("member", "observer")
_GROUP_KINDS: tuple[GroupKind, ...] = ("regional-group", "negotiating-group")

_ENTITY_KINDS = ("state", "group", "body")

_K = TypeVar("_K")
_V = TypeVar("_V")
_EntityKey = tuple[str, str]
"""(entity kind, code), e.g. ("state", "FRA")."""
_Aliases = dict[tuple[str, str, str], list[tuple[str, "_Row"]]]
"""Alias spellings keyed by (entity kind, code, language), each with the row it came from."""


class ReferenceDataError(KgError):
    """The packaged reference data is inconsistent; names the file and row so it can be fixed."""

    def __init__(self, problem: str, location: SourceLocation | None = None) -> None:
        self.problem = problem
        self.location = location
        super().__init__(problem if location is None else f"{location}: {problem}")


@dataclass(frozen=True)
class LocalizedNames:
    """The names of one entity in one language, as the UN prints them.

    `short` is the name used in lists (e.g. sponsor lists), `formal` the full name used in
    running text (with its article for States), `aliases` older or informal variants that still
    occur in UN texts and must resolve to the same entity.
    """

    short: str
    formal: str
    aliases: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        """Every spelling of the entity in this language, the preferred ones first."""
        return (self.short, self.formal, *self.aliases)


Names = Mapping[str, LocalizedNames]
"""Names keyed by language code (``"en"``, ``"fr"``, later ``"es"``, ``"ru"``, ...)."""


@dataclass(frozen=True)
class State:
    """A UN Member State or non-member observer State."""

    iso3: str
    iso2: str
    m49: str
    status: MembershipStatus
    names: Names = field(hash=False)


@dataclass(frozen=True)
class Group:
    """A group of States that acts as a sponsor or speaker (regional or negotiating group).

    `members` holds ISO3 codes; it is empty where the membership is not recorded.
    """

    code: str
    names: Names = field(hash=False)
    members: tuple[str, ...] = ()
    kind: GroupKind = "negotiating-group"


@dataclass(frozen=True)
class Body:
    """An organ, subsidiary body, office or intergovernmental organization (kind ``igo``)."""

    code: str
    kind: str
    parent: str | None
    names: Names = field(hash=False)


@dataclass(frozen=True)
class GaSession:
    """A regular session of the General Assembly; it closes the day before the next one opens."""

    number: int
    opening: date
    closing: date | None

    def contains(self, day: date) -> bool:
        """Whether `day` falls within the session (an open-ended session has no last day)."""
        return self.opening <= day and (self.closing is None or day <= self.closing)


@dataclass(frozen=True, eq=False)
class ReferenceData:
    """All reference entities, with lookups by code; build it with `load_reference_data()`."""

    states: Mapping[str, State]
    groups: Mapping[str, Group]
    bodies: Mapping[str, Body]
    sessions: tuple[GaSession, ...]

    def state(self, iso3: str) -> State:
        """The State with this ISO 3166-1 alpha-3 code (any case); KeyError if unknown."""
        return _lookup(self.states, iso3.upper(), "State")

    def group(self, code: str) -> Group:
        """The group of States with this code; KeyError if unknown."""
        return _lookup(self.groups, code, "group of States")

    def body(self, code: str) -> Body:
        """The body or organization with this code; KeyError if unknown."""
        return _lookup(self.bodies, code, "body")

    def session(self, number: int) -> GaSession:
        """The regular GA session with this number; KeyError if not in the table."""
        for session in self.sessions:
            if session.number == number:
                return session
        raise KeyError(f"unknown General Assembly session: {number}")

    def session_on(self, day: date) -> GaSession | None:
        """The regular GA session running on `day`, or None before the first known session."""
        for session in self.sessions:
            if session.contains(day):
                return session
        return None

    @property
    def languages(self) -> frozenset[str]:
        """Every language in which at least one entity has names."""
        entities: list[State | Group | Body] = [
            *self.states.values(),
            *self.groups.values(),
            *self.bodies.values(),
        ]
        return frozenset(lang for entity in entities for lang in entity.names)


def _lookup(table: Mapping[str, _V], key: str, what: str) -> _V:
    """Look up `key`, raising a KeyError that says what was looked for."""
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"unknown {what}: {key!r}") from None


# --- reading the files ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One data row with its file and line, so every error can point at it."""

    file: str
    line: int
    values: Mapping[str, str]

    @property
    def location(self) -> SourceLocation:
        return _location(self.file, self.line)

    def error(self, problem: str) -> ReferenceDataError:
        return ReferenceDataError(problem, self.location)

    def required(self, column: str) -> str:
        value = self.values.get(column, "").strip()
        if not value:
            raise self.error(f"column {column!r} is empty")
        return value

    def optional(self, column: str) -> str | None:
        value = self.values.get(column, "").strip()
        return value or None


def _location(filename: str, line: int) -> SourceLocation:
    return SourceLocation(f"kg/reference/{_DATA_DIR}/{filename}", line)


def _read_table(filename: str, required: Iterable[str]) -> tuple[list[str], list[_Row]]:
    """Read a UTF-8 TSV from the package data: its header and its non-blank rows.

    Cells are split on tabs only, with no quoting, so apostrophes and quotation marks in names
    are taken literally; line numbers count from 1 at the header.
    """
    text = files(_DATA_PACKAGE).joinpath(_DATA_DIR, filename).read_text(encoding="utf-8")
    lines = [line.rstrip("\r") for line in text.removeprefix("\ufeff").split("\n")]
    if not lines[0].strip():
        raise ReferenceDataError("the header line is empty", _location(filename, 1))
    header = lines[0].split("\t")
    missing = [column for column in required if column not in header]
    if missing:
        raise ReferenceDataError(f"missing columns {missing}", _location(filename, 1))
    return header, [
        _make_row(filename, number, header, line.split("\t"))
        for number, line in enumerate(lines[1:], start=2)
        if line.strip()
    ]


def _make_row(filename: str, line: int, header: list[str], cells: list[str]) -> _Row:
    row = _Row(filename, line, dict(zip(header, cells, strict=False)))
    if len(cells) != len(header):
        raise row.error(f"expected {len(header)} tab-separated cells, found {len(cells)}")
    return row


def _name_languages(filename: str, header: list[str]) -> tuple[str, ...]:
    """The languages named by `name_short_<lang>` / `name_formal_<lang>` columns.

    Both columns must be present for a language: adding Spanish is adding two columns.
    """
    found: dict[str, set[str]] = {}
    for column in header:
        match = _NAME_COLUMN.match(column)
        if match:
            found.setdefault(match.group(2), set()).add(match.group(1))
    incomplete = sorted(lang for lang, kinds in found.items() if kinds != {"short", "formal"})
    if incomplete or not found:
        raise ReferenceDataError(
            f"need both name_short_<lang> and name_formal_<lang> columns (bad: {incomplete})",
            _location(filename, 1),
        )
    return tuple(sorted(found))


def _row_names(row: _Row, languages: tuple[str, ...], aliases: _Aliases, ref: _EntityKey) -> Names:
    """The names of the entity in `row`, per language, with the aliases recorded for it."""
    kind, code = ref
    return MappingProxyType(
        {
            lang: LocalizedNames(
                short=row.required(f"name_short_{lang}"),
                formal=row.required(f"name_formal_{lang}"),
                aliases=tuple(alias for alias, _ in aliases.get((kind, code, lang), ())),
            )
            for lang in languages
        }
    )


def _insert_unique(table: dict[_K, _V], key: _K, value: _V, row: _Row) -> None:
    if key in table:
        raise row.error(f"duplicate code {key!r}")
    table[key] = value


# --- aliases ---------------------------------------------------------------------------------


def _load_aliases() -> _Aliases:
    """Aliases keyed by (entity kind, code, language), each with its row for error messages."""
    _, rows = _read_table("aliases.tsv", ("kind", "code", "lang", "alias"))
    aliases: _Aliases = {}
    for row in rows:
        key = (row.required("kind"), row.required("code"), row.required("lang"))
        aliases.setdefault(key, []).append((row.required("alias"), row))
    return aliases


def _check_aliases(aliases: _Aliases, known: Mapping[_EntityKey, Names]) -> None:
    """Every alias must name an existing entity and one of its languages."""
    for (kind, code, lang), entries in aliases.items():
        row = entries[0][1]
        if kind not in _ENTITY_KINDS:
            raise row.error(f"kind must be one of {_ENTITY_KINDS}, found {kind!r}")
        names = known.get((kind, code))
        if names is None:
            raise row.error(f"unknown {kind} code {code!r}")
        if lang not in names:
            raise row.error(f"{kind} {code!r} has no names in language {lang!r}")


# --- States ----------------------------------------------------------------------------------


def _country_codes(iso3: str, row: _Row) -> tuple[str, str]:
    """Alpha-2 and numeric codes from pycountry; an unknown alpha-3 is a data error."""
    if not _ISO3.match(iso3):
        raise row.error(f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
    try:
        country = pycountry.countries.get(alpha_3=iso3)
    except LookupError:
        country = None
    if country is None:
        raise row.error(f"{iso3!r} is not known to pycountry")
    return str(country.alpha_2), str(country.numeric)


def _parse_status(row: _Row) -> MembershipStatus:
    status = row.required("status")
    if status not in _STATUSES:
        raise row.error(f"status must be one of {_STATUSES}, found {status!r}")
    return status


def _load_states(aliases: _Aliases) -> dict[str, State]:
    header, rows = _read_table("states.tsv", ("iso3", "status"))
    languages = _name_languages("states.tsv", header)
    states: dict[str, State] = {}
    for row in rows:
        iso3 = row.required("iso3")
        iso2, m49 = _country_codes(iso3, row)
        names = _row_names(row, languages, aliases, ("state", iso3))
        _insert_unique(states, iso3, State(iso3, iso2, m49, _parse_status(row), names), row)
    return states


# --- groups and bodies -----------------------------------------------------------------------


def _parse_code(row: _Row) -> str:
    code = row.required("code")
    if not _CODE.match(code):
        raise row.error(f"code {code!r} must be lower-case words joined by hyphens")
    return code


def _parse_members(row: _Row, state_codes: Mapping[str, State]) -> tuple[str, ...]:
    members = tuple((row.optional("members") or "").split())
    unknown = [iso3 for iso3 in members if iso3 not in state_codes]
    if unknown:
        raise row.error(f"unknown member States {unknown}")
    return members


def _parse_group_kind(row: _Row) -> GroupKind:
    kind = row.required("kind")
    if kind not in _GROUP_KINDS:
        raise row.error(f"kind must be one of {_GROUP_KINDS}, found {kind!r}")
    return kind


def _load_groups(aliases: _Aliases, states: Mapping[str, State]) -> dict[str, Group]:
    header, rows = _read_table("groups.tsv", ("code", "kind", "members"))
    languages = _name_languages("groups.tsv", header)
    groups: dict[str, Group] = {}
    for row in rows:
        code = _parse_code(row)
        names = _row_names(row, languages, aliases, ("group", code))
        group = Group(code, names, _parse_members(row, states), _parse_group_kind(row))
        _insert_unique(groups, code, group, row)
    return groups


def _load_bodies(aliases: _Aliases) -> dict[str, Body]:
    header, rows = _read_table("bodies.tsv", ("code", "kind", "parent"))
    languages = _name_languages("bodies.tsv", header)
    bodies: dict[str, Body] = {}
    body_rows: dict[str, _Row] = {}
    for row in rows:
        code = _parse_code(row)
        names = _row_names(row, languages, aliases, ("body", code))
        _insert_unique(
            bodies, code, Body(code, row.required("kind"), row.optional("parent"), names), row
        )
        body_rows[code] = row
    _check_parents(bodies, body_rows)
    return bodies


def _check_parents(bodies: Mapping[str, Body], rows: Mapping[str, _Row]) -> None:
    """Every parent must exist and no parent chain may loop back on itself."""
    for body in bodies.values():
        seen = {body.code}
        parent = body.parent
        while parent is not None:
            if parent not in bodies:
                raise rows[body.code].error(f"unknown parent body {parent!r}")
            if parent in seen:
                raise rows[body.code].error(f"parent chain of {body.code!r} loops at {parent!r}")
            seen.add(parent)
            parent = bodies[parent].parent


# --- sessions --------------------------------------------------------------------------------


def _parse_date(row: _Row, column: str) -> date:
    text = row.required(column)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise row.error(f"column {column!r} is not an ISO date: {text!r}") from None


def _parse_session_number(row: _Row) -> int:
    text = row.required("session")
    if not (text.isascii() and text.isdigit()):
        raise row.error(f"session number must be a positive integer, found {text!r}")
    return int(text)


def _load_sessions() -> tuple[GaSession, ...]:
    """Sessions in order; numbers must be consecutive and openings strictly increasing.

    A regular session closes the day before the next one opens, so closings are derived rather
    than stored; the last known session is open-ended.
    """
    _, rows = _read_table("ga_sessions.tsv", ("session", "opening"))
    parsed = [(_parse_session_number(row), _parse_date(row, "opening"), row) for row in rows]
    for (number, opening, _), (next_number, next_opening, row) in pairwise(parsed):
        if next_number != number + 1:
            raise row.error(f"session {next_number} does not follow session {number}")
        if next_opening <= opening:
            raise row.error(f"session {next_number} does not open after session {number}")
    closings: list[date | None] = [opening - timedelta(days=1) for _, opening, _ in parsed[1:]]
    closings.append(None)
    return tuple(
        GaSession(number, opening, closing)
        for (number, opening, _), closing in zip(parsed, closings, strict=True)
    )


# --- entry point -----------------------------------------------------------------------------


def load_reference_data() -> ReferenceData:
    """Read and check every reference file; raises ReferenceDataError naming file and row."""
    aliases = _load_aliases()
    states = _load_states(aliases)
    groups = _load_groups(aliases, states)
    bodies = _load_bodies(aliases)
    known: dict[_EntityKey, Names] = {}
    known.update({("state", code): state.names for code, state in states.items()})
    known.update({("group", code): group.names for code, group in groups.items()})
    known.update({("body", code): body.names for code, body in bodies.items()})
    _check_aliases(aliases, known)
    return ReferenceData(
        states=MappingProxyType(states),
        groups=MappingProxyType(groups),
        bodies=MappingProxyType(bodies),
        sessions=_load_sessions(),
    )
