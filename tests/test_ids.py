"""IRI minting: identifier -> IRI -> identifier round trips; distinct symbols, distinct IRIs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ids import (
    DOCUMENT_TYPES,
    ActorId,
    ComponentId,
    ConceptId,
    DocumentId,
    ExpressionId,
    GraphId,
    IdentifierError,
    IriMinter,
    MeetingId,
    PartId,
    SessionId,
    decode_symbol,
    encode_symbol,
)

codes = st.from_regex(r"[a-z][a-z0-9]{0,5}(?:-[a-z0-9]{1,4}){0,3}", fullmatch=True)
symbols = st.from_regex(r"[A-Z]{1,4}(?:/[A-Za-z0-9.\-]{1,8}){1,5}(?: \(\d{4}\))?", fullmatch=True)
dates = st.dates(dt.date(1946, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
documents = st.builds(DocumentId, st.sampled_from(sorted(DOCUMENT_TYPES)), codes, dates, symbols)
expressions = st.builds(ExpressionId, documents, st.sampled_from(["fra", "eng", "spa"]), dates)
components = st.builds(
    ComponentId,
    st.one_of(documents, expressions),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,20}", fullmatch=True),
)
identifiers = st.one_of(
    st.builds(ActorId, st.just("state"), st.from_regex(r"[A-Z]{3}", fullmatch=True)),
    st.builds(ActorId, st.sampled_from(["group", "body"]), codes),
    st.builds(SessionId, codes, st.integers(1, 200)),
    st.builds(MeetingId, codes, st.integers(1, 200), st.integers(1, 999)),
    documents,
    expressions,
    components,
    st.builds(
        PartId,
        st.one_of(documents, expressions, components),
        st.from_regex(r"[a-z][a-z0-9_\-]{0,20}", fullmatch=True),
    ),
    st.builds(
        ConceptId,
        st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True),
        st.from_regex(r"[a-z0-9]+(?:[_\-][a-z0-9]+){0,3}", fullmatch=True),
    ),
    st.builds(GraphId, symbols),
)


@given(identifiers)
def test_round_trip(identifier: object) -> None:
    minter = IriMinter("https://example.org/kg")
    iri = minter.iri(identifier)  # type: ignore[arg-type]
    assert minter.parse(str(iri)) == identifier


@given(symbols, symbols)
def test_distinct_symbols_never_share_a_segment(first: str, second: str) -> None:
    if first != second:
        assert encode_symbol(first) != encode_symbol(second)
    assert decode_symbol(encode_symbol(first)) == first


def test_examples_follow_the_documented_forms() -> None:
    minter = IriMinter("https://example.org/kg")
    draft = DocumentId("draft", "un-ga-c3", "2022-11-15", "A/C.3/77/L.7/Rev.1")
    assert str(minter.iri(draft)) == (
        "https://example.org/kg/akn/un/statement/resolutionDraft/un-ga-c3/2022-11-15/"
        "A-C.3-77-L.7-Rev.1"
    )
    assert str(minter.iri(MeetingId("un-ga", 77, 3))).endswith("/event/un/un-ga-77-pm3")
    assert str(minter.iri(MeetingId("un-ga-c3", 77, 45))).endswith("/un-ga-c3-77-m45")
    assert str(minter.iri(ActorId("state", "FRA"))).endswith("/organization/un/state-fra")
    assert encode_symbol("A/RES/ES-11/1") == "A-RES-ES%2D11-1"


@pytest.mark.parametrize(
    "make",
    [
        lambda: ActorId("state", "fra"),
        lambda: ActorId("body", "UN GA"),
        lambda: DocumentId("draft", "un-ga-c3", "15/11/2022", "A/C.3/77/L.7"),
        lambda: DocumentId("poem", "un-ga-c3", "2022-11-15", "A/C.3/77/L.7"),
        lambda: MeetingId("un-ga-c3", 77, 0),
        lambda: IriMinter("https://example.org/kg/"),
    ],
)
def test_malformed_identifiers_are_refused(make: object) -> None:
    with pytest.raises(IdentifierError):
        make()  # type: ignore[operator]


def test_foreign_iri_is_refused() -> None:
    with pytest.raises(IdentifierError):
        IriMinter("https://example.org/kg").parse("https://elsewhere.org/akn/un/x")
