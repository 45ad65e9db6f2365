"""The only place IRIs are minted (and parsed back).

IRIs follow the Akoma Ntoso naming convention as profiled for the UN system (AKN4UN), under a
configurable base that we control (`Settings.base`), with one deliberate departure: a UN
document's IRIs are derived from its symbol (and language) alone, never from a date or a kind
(see ontology/README.md, "How IRIs are formed").

| entity            | IRI                                                               |
|-------------------|-------------------------------------------------------------------|
| body              | {base}/akn/ontology/organization/un/un-ga-c3                      |
| State             | {base}/akn/ontology/organization/un/state-fra                     |
| group of States   | {base}/akn/ontology/organization/un/group-african-states          |
| office of a body  | {base}/akn/ontology/role/un/un-ga-c3-chair  (chair, vice-chair ...)|
| GA session        | {base}/akn/ontology/event/un/un-ga-77                             |
| meeting           | {base}/akn/ontology/event/un/un-ga-c3-77-m45 (plenary: un-ga-77-pm3) |
| document (work)   | {base}/akn/un/doc/{symbol}                                        |
| expression        | {work}/{language}   (language: ISO 639-2/T, `fra`)                |
| component         | {work or expression}/!{name}  (`!main`, `!draftResolution_V`)     |
| manifestation     | {expression or its component}.xml (`.../eng/!main.xml`: AKN XML)  |
| part              | {work, expression or component}#{local}  (para_3, ftn_12 ...)     |
| concept           | {base}/akn/ontology/concept/un/{scheme}-{key}  (phrase-requests)  |
| named graph       | {base}/graph/{symbol}/{language}  (service graphs: graph/ontology) |

The symbol segment is the UN symbol with `-` and reserved characters percent-encoded first and
then `/` written as `-` (`A/C.3/77/L.7/Rev.1` -> `A-C.3-77-L.7-Rev.1`,
`A/RES/ES-11/1` -> `A-RES-ES%2D11-1`), which makes the mapping injective: two different symbols
never share an IRI. The symbol itself is always stored as a literal (`dcterms:identifier`) and is
never recovered from an IRI by the rest of the code.

What a source records about a draft (a sponsorship, an adoption, a vote, a statement, budget
implications) is a part of the draft's IRI whose local name says what tells it apart and ends
with the source: `{draft}#adoption_un-ga-c3-77-m45_in_A-77-464` (`recorded_local`). A statement
on no particular draft hangs on the source itself.

Links out (`ExternalLinks`) are built here too, from an identifier the graph holds and nothing
else: a document's official text at `https://undocs.org/{symbol}` (and
`https://undocs.org/{lang}/{symbol}` for a language version, `lang` the UN two-letter code), a
State's entry in the EU country authority by its ISO 3166-1 alpha-3 code. The symbol is written
as printed; only what an IRI cannot hold is percent-encoded (`iri_path_segment`).

Dereferencing: every slash IRI is answered by the server with `303 See Other` to
`{base}/doc/{path}` (HTML or RDF by content negotiation); fragment IRIs are described on the page
of the IRI before the `#`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/unkg"

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Local names may hold encoded symbols (`%2D`, `~`).
_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_.~%\-]*$")
_LANGUAGE = re.compile(r"^[a-z]{3}$")


# RFC 3987 `ucschar`: the non-ASCII characters an IRI holds as they are.
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)  # fmt: skip
# RFC 3987 `iunreserved` (ASCII part), `sub-delims`, ":", "@" and the path separator "/".
_IRI_PATH_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
)


class IdentifierError(ValueError):
    """An identifier with a malformed component, or an IRI that is not one of ours."""


def encode_symbol(symbol: str) -> str:
    escaped = quote(symbol, safe="/.").replace("-", "%2D")
    return escaped.replace("/", "-")


def decode_symbol(segment: str) -> str:
    return unquote(segment.replace("-", "/"))


def iri_path_segment(text: str) -> str:
    """`text` as the path of an IRI: every character an IRI path holds stays as it is (letters,
    digits, `-._~`, sub-delimiters, `:@/`, non-ASCII `ucschar`s); any other (space, `%`, `#`,
    `?`, controls, private-use characters) is percent-encoded as UTF-8, so that percent-decoding
    the path gives `text` back."""

    def keep(char: str) -> bool:
        code = ord(char)
        return char in _IRI_PATH_ASCII or any(low <= code <= high for low, high in _UCSCHAR)

    return "".join(char if keep(char) else quote(char, safe="") for char in text)


def symbol_key(symbol: str) -> str:
    """A symbol inside a local name: its IRI segment with `_` escaped as well, so that `_` is
    free to separate the keys of the local name (`A/C.3/77/L.7` -> `A-C.3-77-L.7`)."""
    return encode_symbol(symbol).replace("_", "%5F")


def recorded_local(kind: str, keys: Sequence[str], source: str, repeat: int = 1) -> str:
    """The local name of something a source records: `{kind}_{key}..._in_{source}`.

    `keys` are what tells such records of one source apart (meeting, phase, actor, timing, part
    of a text); `repeat` (2, 3 ...) separates true repeats only, i.e. records of the same source
    whose keys are all equal. No key holds `_in_`, and the source's key holds no `_`, so the
    source is the text after the last `_in_`.
    """
    if not re.fullmatch(r"[a-z][A-Za-z]*", kind):
        raise IdentifierError(f"invalid record kind {kind!r}")
    for key in keys:
        if not key or "_in_" in f"_{key}_" or not _LOCAL.match(f"x{key}"):
            raise IdentifierError(f"invalid key {key!r} of a {kind}")
    if repeat < 1:
        raise IdentifierError(f"invalid repeat {repeat}")
    counter = [str(repeat)] if repeat > 1 else []
    return "_".join([kind, *keys, *counter, "in", symbol_key(source)])


def _check_code(code: str, what: str) -> None:
    if not _CODE.match(code):
        raise IdentifierError(f"invalid {what} code {code!r}")


def _check_symbol(symbol: str) -> None:
    if not symbol.strip() or symbol != symbol.strip():
        raise IdentifierError(f"invalid symbol {symbol!r}")


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

    def key(self) -> str:
        """The actor inside a local name: `state-fra`, `group-african-states`, `body-un-unodc`."""
        return f"{self.kind}-{self.code.lower()}"

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

    def key(self) -> str:
        """The meeting inside a local name, as in its IRI: `un-ga-c3-77-m45`, `un-ga-77-pm3`."""
        # Plenary meetings of the Assembly are `pm`, meetings of other bodies `m`.
        marker = "pm" if self.body == "un-ga" else "m"
        return f"{self.body}-{self.session}-{marker}{self.number}"

    def path(self) -> str:
        return f"akn/ontology/event/un/{self.key()}"


@dataclass(frozen=True)
class DocumentId:
    """A UN document at work level, named by its symbol and nothing else."""

    symbol: str

    def __post_init__(self) -> None:
        _check_symbol(self.symbol)

    def path(self) -> str:
        return f"akn/un/doc/{encode_symbol(self.symbol)}"


@dataclass(frozen=True)
class ExpressionId:
    """A language version of a document (ISO 639-2/T: `fra`, `eng`)."""

    work: DocumentId
    language: str

    def __post_init__(self) -> None:
        if not _LANGUAGE.match(self.language):
            raise IdentifierError(f"invalid expression language {self.language!r}")

    def path(self) -> str:
        return f"{self.work.path()}/{self.language}"


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


MANIFESTATION_FORMATS = ("xml",)


@dataclass(frozen=True)
class ManifestationId:
    """A file form of an expression or of a component of one (AKN's FRBR manifestation):
    `{owner}.{format}` (`.../A-RES-73-6/eng/!main.xml`, the Akoma Ntoso XML of kg.akn).
    Only a language version has a manifestation, so the suffix never follows a symbol."""

    owner: ExpressionId | ComponentId
    format: str = "xml"

    def __post_init__(self) -> None:
        if self.format not in MANIFESTATION_FORMATS:
            raise IdentifierError(f"unknown manifestation format {self.format!r}")
        if isinstance(self.owner, ComponentId) and not isinstance(self.owner.owner, ExpressionId):
            raise IdentifierError("a manifestation is of an expression or of its component")

    def path(self) -> str:
        return f"{self.owner.path()}.{self.format}"


@dataclass(frozen=True)
class PartId:
    """A node inside a document, expression or component: `{owner}#{local}`.

    Local names: in resolution texts `preamble`, `preamble__para_4`, `para_3`, `para_6__point_a`,
    `ftn_12`, `para_3__cit_1`, `para_3__mandate_1`; footnotes of a report's own pages `ftn_1`
    (on its expression); records of a source, see `recorded_local`.
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
    """A named graph: what was read from one source expression (its symbol and language:
    `graph/A-77-464/fra`), or, without a language, a graph of the service's own
    (`graph/ontology`, `graph/reference`)."""

    name: str
    language: str | None = None

    def __post_init__(self) -> None:
        _check_symbol(self.name)
        if self.language is not None and not _LANGUAGE.match(self.language):
            raise IdentifierError(f"invalid graph language {self.language!r}")

    def path(self) -> str:
        language = f"/{self.language}" if self.language is not None else ""
        return f"graph/{encode_symbol(self.name)}{language}"


@dataclass(frozen=True)
class ServiceId:
    """A resource of the service itself: the dataset description `dataset` (its parts are
    fragments: `dataset#dist-unkg.nt`), the SPARQL endpoint `sparql`, a dump `download/{file}`."""

    kind: Literal["dataset", "sparql", "download"]
    name: str | None = None  # the file of a download
    fragment: str | None = None

    def __post_init__(self) -> None:
        if (self.kind == "download") != (self.name is not None):
            raise IdentifierError(
                f"a {self.kind} {'needs' if self.name is None else 'has no'} file"
            )
        if self.name is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._\-]*", self.name):
            raise IdentifierError(f"invalid file name {self.name!r}")
        if self.fragment is not None and not _LOCAL.match(self.fragment):
            raise IdentifierError(f"invalid fragment {self.fragment!r}")

    def path(self) -> str:
        path = f"download/{self.name}" if self.kind == "download" else self.kind
        return path if self.fragment is None else f"{path}#{self.fragment}"


UNDOCS = "https://undocs.org/"
EU_COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"


@dataclass(frozen=True)
class ExternalLinks:
    """IRIs outside our base, each derived from an identifier the graph holds. Where no stable
    template exists (a UNTS registration number), there is no method: no link is made."""

    @staticmethod
    def official_text(symbol: str, language: str | None = None) -> URIRef:
        """The UN's official text of a document (`https://undocs.org/A/RES/77/7`), or of its
        version in one language, by the UN two-letter code (`https://undocs.org/fr/A/RES/77/7`)."""
        _check_symbol(symbol)
        if language is not None and not re.fullmatch(r"[a-z]{2}", language):
            raise IdentifierError(f"invalid UN language code {language!r}")
        prefix = f"{language}/" if language is not None else ""
        return URIRef(f"{UNDOCS}{prefix}{iri_path_segment(symbol)}")

    @staticmethod
    def country(iso3: str) -> URIRef:
        """A State in the EU Publications Office country authority, by its ISO 3166-1 alpha-3
        code (`FRA`), the authority code that vocabulary gives a country."""
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise IdentifierError(f"invalid ISO 3166-1 alpha-3 code {iso3!r}")
        return URIRef(EU_COUNTRY_AUTHORITY + iso3)


Identifier = (
    ActorId
    | OfficeId
    | SessionId
    | MeetingId
    | DocumentId
    | ExpressionId
    | ComponentId
    | ManifestationId
    | PartId
    | ConceptId
    | GraphId
    | ServiceId
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

    def uri_space(self) -> str:
        """The common start of every IRI of the data (VoID `uriSpace`)."""
        return f"{self.base}/akn/"

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
    r"^akn/un/doc/(?P<symbol>[^/#!]+)(?:/(?P<lang>[a-z]{3}))?"
    r"(?:/!(?P<component>[A-Za-z][A-Za-z0-9_]*))?(?:#(?P<local>.+))?$"
)
_MANIFESTATION = re.compile(
    r"^(?P<owner>akn/un/doc/[^/#!]+/[a-z]{3}(?:/![A-Za-z][A-Za-z0-9_]*)?)\.(?P<format>[a-z]+)$"
)
_CONCEPT = re.compile(r"^akn/ontology/concept/un/(?P<scheme>[a-z0-9]+)-(?P<key>[a-z0-9_\-]+)$")
_GRAPH = re.compile(r"^graph/(?P<symbol>[^/#]+)(?:/(?P<lang>[a-z]{3}))?$")
_SERVICE = re.compile(
    r"^(?:(?P<kind>dataset|sparql)|download/(?P<name>[^/#]+))(?:#(?P<fragment>.+))?$"
)
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
    if match := _MANIFESTATION.match(path):
        owner_id = _parse_path(match["owner"])
        if not isinstance(owner_id, ExpressionId | ComponentId):
            raise IdentifierError(f"not an IRI this service mints: {path}")
        return ManifestationId(owner_id, match["format"])
    if match := _DOC.match(path):
        owner: DocumentId | ExpressionId | ComponentId = DocumentId(decode_symbol(match["symbol"]))
        if match["lang"]:
            assert isinstance(owner, DocumentId)
            owner = ExpressionId(owner, match["lang"])
        if match["component"]:
            assert not isinstance(owner, ComponentId)
            owner = ComponentId(owner, match["component"])
        return PartId(owner, match["local"]) if match["local"] is not None else owner
    if match := _CONCEPT.match(path):
        return ConceptId(match["scheme"], match["key"])
    if match := _GRAPH.match(path):
        return GraphId(decode_symbol(match["symbol"]), match["lang"])
    if match := _SERVICE.match(path):
        if match["name"]:
            return ServiceId("download", match["name"], match["fragment"])
        return ServiceId(
            "sparql" if match["kind"] == "sparql" else "dataset", None, match["fragment"]
        )
    if match := _ROLE.match(path):
        return OfficeId(match["body"], match["role"])
    raise IdentifierError(f"not an IRI this service mints: {path}")
