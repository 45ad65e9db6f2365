"""The only place IRIs are minted (and parsed back).

IRIs follow the Akoma Ntoso naming convention as profiled for the UN system (AKN4UN), under a
configurable base that we control (`Settings.base`). One form is chosen where AKN4UN's own
examples vary:

| entity            | IRI                                                               |
|-------------------|-------------------------------------------------------------------|
| body              | {base}/akn/ontology/organization/un/un-ga-c3                      |
| State             | {base}/akn/ontology/organization/un/state-fra                     |
| group of States   | {base}/akn/ontology/organization/un/group-african-states          |
| office of a body  | {base}/akn/ontology/role/un/un-ga-c3-chair  (chair, vice-chair ...)|
| GA session        | {base}/akn/ontology/event/un/un-ga-77                             |
| meeting           | {base}/akn/ontology/event/un/un-ga-c3-77-m45 (plenary: un-ga-77-pm3) |
| document (work)   | {base}/akn/un/{type}/{subtype}/{body}/{date}/{symbol}             |
| expression        | {work}/{language}@{date}   (language: ISO 639-2/T, `fra`)         |
| component         | {work or expression}/!{name}  (`!main`, `!draftResolution_V`)     |
| part              | {work, expression or component}#{local}  (sponsorship_..., para_3)|
| concept           | {base}/akn/ontology/concept/un/{scheme}-{key}  (phrase-requests)  |
| named graph       | {base}/graph/{symbol}                                             |

AKN4UN writes both drafts and adopted resolutions as `statement/deliberation`; we use the AKN
`name` of the statement instead (`statement/resolutionDraft`, `statement/resolution`), so that
the kind of a document can be read back from its IRI without looking at the symbol.

The symbol segment is the UN symbol with `-` and reserved characters percent-encoded first and
then `/` written as `-` (`A/C.3/77/L.7/Rev.1` -> `A-C.3-77-L.7-Rev.1`,
`A/RES/ES-11/1` -> `A-RES-ES%2D11-1`), which makes the mapping injective: two different symbols
never share an IRI. The symbol itself is always stored as a literal (`dcterms:identifier`) and is
never recovered from an IRI by the rest of the code.

Dereferencing: every slash IRI is answered by the server with `303 See Other` to
`{base}/doc/{path}` (HTML or RDF by content negotiation); fragment IRIs are described on the page
of the IRI before the `#`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/unkg"

# AKN document type and subtype per kind of document.
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "committee_report": ("debateReport", "report"),
    "summary_record": ("debateReport", "minute"),
    "verbatim_record": ("debate", "verbatim"),
    "draft": ("statement", "resolutionDraft"),
    "resolution": ("statement", "resolution"),
    "decision": ("statement", "decision"),
    "report": ("doc", "report"),
    "note": ("doc", "note"),
    "letter": ("doc", "letter"),
    "document": ("doc", "document"),
}
_KIND_BY_TYPE: dict[tuple[str, str], str] = {}
for _kind, _type in DOCUMENT_TYPES.items():
    _KIND_BY_TYPE.setdefault(_type, _kind)

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")


class IdentifierError(ValueError):
    """An identifier with a malformed component, or an IRI that is not one of ours."""


def encode_symbol(symbol: str) -> str:
    escaped = quote(symbol, safe="/.").replace("-", "%2D")
    return escaped.replace("/", "-")


def decode_symbol(segment: str) -> str:
    return unquote(segment.replace("-", "/"))


def _check_code(code: str, what: str) -> None:
    if not _CODE.match(code):
        raise IdentifierError(f"invalid {what} code {code!r}")


@dataclass(frozen=True)
class ActorId:
    kind: Literal["state", "group", "body"]
    code: str  # ISO 3166-1 alpha-3 (upper case) for States, else a lower-case code

    def __post_init__(self) -> None:
        if self.kind == "state":
            if not re.fullmatch(r"[A-Z]{3}", self.code):
                raise IdentifierError(f"invalid ISO 3166-1 alpha-3 code {self.code!r}")
        else:
            _check_code(self.code, self.kind)

    def path(self) -> str:
        local = {
            "state": f"state-{self.code.lower()}",
            "group": f"group-{self.code}",
            "body": self.code,
        }[self.kind]
        return f"akn/ontology/organization/un/{local}"


# The offices of a body that act in their own name (`submitted by the Vice-Chair`).
OFFICE_ROLES = ("chair", "vice-chair", "rapporteur", "facilitator", "bureau")


@dataclass(frozen=True)
class OfficeId:
    """An office of a body, an actor whoever holds it: AKN's TLCRole."""

    body: str
    role: str

    def __post_init__(self) -> None:
        _check_code(self.body, "body")
        if self.role not in OFFICE_ROLES:
            raise IdentifierError(f"unknown office {self.role!r} (one of {OFFICE_ROLES})")

    def path(self) -> str:
        return f"akn/ontology/role/un/{self.body}-{self.role}"


@dataclass(frozen=True)
class SessionId:
    body: str
    number: int

    def __post_init__(self) -> None:
        _check_code(self.body, "body")
        if self.number < 1:
            raise IdentifierError(f"invalid session number {self.number}")

    def path(self) -> str:
        return f"akn/ontology/event/un/{self.body}-{self.number}"


@dataclass(frozen=True)
class MeetingId:
    body: str
    session: int
    number: int

    def __post_init__(self) -> None:
        _check_code(self.body, "body")
        if self.session < 1 or self.number < 1:
            raise IdentifierError(f"invalid meeting {self.session}/{self.number}")

    def path(self) -> str:
        # Plenary meetings of the Assembly are `pm`, meetings of other bodies `m`.
        marker = "pm" if self.body == "un-ga" else "m"
        return f"akn/ontology/event/un/{self.body}-{self.session}-{marker}{self.number}"


@dataclass(frozen=True)
class DocumentId:
    """A document at work level: its kind, issuing body, IRI date and UN symbol."""

    kind: str
    body: str
    date: str  # ISO date, or a year where only the year is known
    symbol: str

    def __post_init__(self) -> None:
        if self.kind not in DOCUMENT_TYPES:
            raise IdentifierError(f"unknown document kind {self.kind!r}")
        _check_code(self.body, "body")
        if not _DATE.match(self.date):
            raise IdentifierError(f"invalid work date {self.date!r}")
        if not self.symbol.strip() or self.symbol != self.symbol.strip():
            raise IdentifierError(f"invalid symbol {self.symbol!r}")

    @classmethod
    def dated(cls, kind: str, body: str, date: dt.date | int, symbol: str) -> DocumentId:
        text = date.isoformat() if isinstance(date, dt.date) else f"{date:04d}"
        return cls(kind, body, text, symbol)

    def path(self) -> str:
        doc_type, subtype = DOCUMENT_TYPES[self.kind]
        return f"akn/un/{doc_type}/{subtype}/{self.body}/{self.date}/{encode_symbol(self.symbol)}"


@dataclass(frozen=True)
class ExpressionId:
    work: DocumentId
    language: str  # ISO 639-2/T
    date: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z]{3}", self.language) or not _DATE.match(self.date):
            raise IdentifierError(f"invalid expression {self.language}@{self.date}")

    def path(self) -> str:
        return f"{self.work.path()}/{self.language}@{self.date}"


@dataclass(frozen=True)
class ComponentId:
    """A component of a document or expression: `{owner}/!{name}` (`!main`,
    `!draftResolution_V` for a resolution text recommended inside a report)."""

    owner: DocumentId | ExpressionId
    name: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", self.name):
            raise IdentifierError(f"invalid component name {self.name!r}")

    def path(self) -> str:
        return f"{self.owner.path()}/!{self.name}"


@dataclass(frozen=True)
class PartId:
    """A node inside a document, expression or component: `{owner}#{local}`.

    Local names: `sponsorship_original_state-fra`, `adoption`, `statement_003`; in resolution
    texts `preamble`, `preamble__para_4`, `para_3`, `para_6__point_a`, `ftn_12`,
    `para_3__cit_1`, `para_3__mandate_1`.
    """

    document: DocumentId | ExpressionId | ComponentId
    local: str

    def __post_init__(self) -> None:
        if not _LOCAL.match(self.local):
            raise IdentifierError(f"invalid fragment {self.local!r}")

    def path(self) -> str:
        return f"{self.document.path()}#{self.local}"


@dataclass(frozen=True)
class ConceptId:
    """A concept of a scheme kept as data (opening phrases: `phrase-requests`) or an entry of a
    reference table (instruments: `instrument-uncac`)."""

    scheme: str
    key: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9]+", self.scheme):
            raise IdentifierError(f"invalid concept scheme {self.scheme!r}")
        if not re.fullmatch(r"[a-z0-9]+(?:[_\-][a-z0-9]+)*", self.key):
            raise IdentifierError(f"invalid concept key {self.key!r}")

    def path(self) -> str:
        return f"akn/ontology/concept/un/{self.scheme}-{self.key}"


@dataclass(frozen=True)
class GraphId:
    """The named graph that holds what was read from one source document."""

    symbol: str

    def path(self) -> str:
        return f"graph/{encode_symbol(self.symbol)}"


Identifier = (
    ActorId
    | OfficeId
    | SessionId
    | MeetingId
    | DocumentId
    | ExpressionId
    | ComponentId
    | PartId
    | ConceptId
    | GraphId
)


@dataclass(frozen=True)
class IriMinter:
    """Turns identifiers into IRIs under one base, and IRIs back into identifiers."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.fullmatch(r"https?://[^\s#?]+[^/\s#?]", self.base):
            raise IdentifierError(f"invalid base IRI {self.base!r} (no trailing slash)")

    def iri(self, identifier: Identifier) -> URIRef:
        return URIRef(f"{self.base}/{identifier.path()}")

    def parse(self, iri: str) -> Identifier:
        prefix = self.base + "/"
        if not iri.startswith(prefix):
            raise IdentifierError(f"{iri} is not under {self.base}")
        return _parse_path(iri[len(prefix) :])


_ORG = re.compile(r"^akn/ontology/organization/un/(?P<local>[a-z0-9\-]+)$")
_EVENT = re.compile(
    r"^akn/ontology/event/un/(?P<body>[a-z0-9\-]+?)-(?P<session>\d+)"
    r"(?:-(?P<marker>pm|m)(?P<number>\d+))?$"
)
_DOC = re.compile(
    r"^akn/un/(?P<type>\w+)/(?P<subtype>\w+)/(?P<body>[a-z0-9\-]+)/(?P<date>[\d\-]+)/"
    r"(?P<symbol>[^/@#!]+)(?:/(?P<lang>[a-z]{3})@(?P<edate>[\d\-]+))?"
    r"(?:/!(?P<component>[A-Za-z][A-Za-z0-9_]*))?(?:#(?P<local>.+))?$"
)
_CONCEPT = re.compile(r"^akn/ontology/concept/un/(?P<scheme>[a-z0-9]+)-(?P<key>[a-z0-9_\-]+)$")
_GRAPH = re.compile(r"^graph/(?P<symbol>[^/#]+)$")
_ROLE = re.compile(
    rf"^akn/ontology/role/un/(?P<body>[a-z0-9\-]+?)-(?P<role>{'|'.join(OFFICE_ROLES)})$"
)


def _parse_path(path: str) -> Identifier:
    if match := _ORG.match(path):
        local = match["local"]
        if local.startswith("state-"):
            return ActorId("state", local.removeprefix("state-").upper())
        if local.startswith("group-"):
            return ActorId("group", local.removeprefix("group-"))
        return ActorId("body", local)
    if match := _EVENT.match(path):
        if match["number"] is None:
            return SessionId(match["body"], int(match["session"]))
        return MeetingId(match["body"], int(match["session"]), int(match["number"]))
    if match := _DOC.match(path):
        kind = _KIND_BY_TYPE.get((match["type"], match["subtype"]))
        if kind is None:
            raise IdentifierError(f"unknown document type in {path}")
        owner: DocumentId | ExpressionId | ComponentId = DocumentId(
            kind, match["body"], match["date"], decode_symbol(match["symbol"])
        )
        if match["lang"]:
            assert isinstance(owner, DocumentId)
            owner = ExpressionId(owner, match["lang"], match["edate"])
        if match["component"]:
            assert not isinstance(owner, ComponentId)
            owner = ComponentId(owner, match["component"])
        return PartId(owner, match["local"]) if match["local"] is not None else owner
    if match := _CONCEPT.match(path):
        return ConceptId(match["scheme"], match["key"])
    if match := _GRAPH.match(path):
        return GraphId(decode_symbol(match["symbol"]))
    if match := _ROLE.match(path):
        return OfficeId(match["body"], match["role"])
    raise IdentifierError(f"not an IRI this service mints: {path}")
