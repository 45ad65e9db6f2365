"""IRI minting: identifier -> IRI -> identifier round trips; distinct symbols, distinct IRIs;
a document's IRIs depend on its symbol (and language) alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ids import (
    ActorId,
    ComponentId,
    ConceptId,
    DocumentId,
    ExpressionId,
    GraphId,
    IdentifierError,
    IriMinter,
    ManifestationId,
    MeetingId,
    PartId,
    ServiceId,
    SessionId,
    decode_symbol,
    encode_symbol,
    recorded_local,
    symbol_key,
)

MINTER = IriMinter("https://example.org/kg")

codes = st.from_regex(r"[a-z][a-z0-9]{0,5}(?:-[a-z0-9]{1,4}){0,3}", fullmatch=True)
# UN symbols as printed, with the characters that make encoding hard: `-` (ES-11), spaces and
# brackets (`415 (V)`), a lettered part (`57/270 B`), and a few others no symbol should break on.
symbols = st.one_of(
    st.from_regex(
        r"[A-Z]{1,4}(?:/[A-Za-z0-9.\-]{1,8}){1,5}(?: [A-Z])?(?: \((?:\d{4}|[IVX]{1,4})\))?",
        fullmatch=True,
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool),
)
languages = st.sampled_from(["fra", "eng", "spa", "ara", "rus", "zho"])
documents = st.builds(DocumentId, symbols)
expressions = st.builds(ExpressionId, documents, languages)
components = st.builds(
    ComponentId,
    st.one_of(documents, expressions),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,20}", fullmatch=True),
)
meetings = st.builds(MeetingId, codes, st.integers(1, 200), st.integers(1, 999))
actors = st.one_of(
    st.builds(ActorId, st.just("state"), st.from_regex(r"[A-Z]{3}", fullmatch=True)),
    st.builds(ActorId, st.sampled_from(["group", "body"]), codes),
)
recorded = st.builds(
    lambda kind, meeting, actor, source, repeat: recorded_local(
        kind, [meeting.key(), actor.key()], source, repeat
    ),
    st.sampled_from(["sponsorship", "statement", "adoption", "vote"]),
    meetings,
    actors,
    symbols,
    st.integers(1, 3),
)
# A manifestation (kg.akn's XML) is of a language version or of a component of one.
manifestations = st.builds(
    ManifestationId,
    st.one_of(
        expressions,
        st.builds(
            ComponentId, expressions, st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,20}", fullmatch=True)
        ),
    ),
)
identifiers = st.one_of(
    actors,
    manifestations,
    st.builds(SessionId, codes, st.integers(1, 200)),
    meetings,
    documents,
    expressions,
    components,
    st.builds(
        PartId,
        st.one_of(documents, expressions, components),
        st.one_of(st.from_regex(r"[a-z][a-z0-9_\-]{0,20}", fullmatch=True), recorded),
    ),
    st.builds(
        ConceptId,
        st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True),
        st.from_regex(r"[a-z0-9]+(?:[_\-][a-z0-9]+){0,3}", fullmatch=True),
    ),
    st.builds(GraphId, symbols, st.one_of(st.none(), languages)),
    st.builds(
        ServiceId,
        st.just("download"),
        st.from_regex(r"[a-z][a-z0-9.\-]{0,12}", fullmatch=True),
        st.none(),
    ),
    st.builds(
        ServiceId,
        st.sampled_from(["dataset", "sparql"]),
        st.none(),
        st.one_of(st.none(), st.from_regex(r"[a-z][a-z0-9.\-]{0,12}", fullmatch=True)),
    ),
)


@given(identifiers)
def test_round_trip(identifier: object) -> None:
    iri = MINTER.iri(identifier)  # type: ignore[arg-type]
    assert MINTER.parse(str(iri)) == identifier


@given(symbols)
def test_symbol_round_trip_through_the_work_iri(symbol: str) -> None:
    parsed = MINTER.parse(str(MINTER.iri(DocumentId(symbol))))
    assert isinstance(parsed, DocumentId)
    assert parsed.symbol == symbol


@given(symbols, symbols, languages, languages)
def test_distinct_symbols_never_share_an_iri(
    first: str, second: str, lang_a: str, lang_b: str
) -> None:
    if first != second:
        assert encode_symbol(first) != encode_symbol(second)
        assert symbol_key(first) != symbol_key(second)
        assert MINTER.iri(DocumentId(first)) != MINTER.iri(DocumentId(second))
        assert MINTER.iri(ExpressionId(DocumentId(first), lang_a)) != MINTER.iri(
            ExpressionId(DocumentId(second), lang_b)
        )
        assert MINTER.iri(GraphId(first, lang_a)) != MINTER.iri(GraphId(second, lang_b))
    assert decode_symbol(encode_symbol(first)) == first


@given(symbols, symbols, st.integers(1, 3), st.integers(1, 3))
def test_records_of_two_sources_never_collide(
    source_a: str, source_b: str, repeat_a: int, repeat_b: int
) -> None:
    keys = ["un-ga-c3-77-m45", "at_meeting", "state-fra"]
    first = recorded_local("statement", keys, source_a, repeat_a)
    second = recorded_local("statement", keys, source_b, repeat_b)
    assert (first == second) == (source_a == source_b and repeat_a == repeat_b)
    assert first.rsplit("_in_", 1)[1] == symbol_key(source_a)


def test_examples_follow_the_documented_forms() -> None:
    draft = DocumentId("A/C.3/77/L.7/Rev.1")
    assert str(MINTER.iri(draft)) == "https://example.org/kg/akn/un/doc/A-C.3-77-L.7-Rev.1"
    report = ExpressionId(DocumentId("A/77/464"), "fra")
    assert str(MINTER.iri(report)) == "https://example.org/kg/akn/un/doc/A-77-464/fra"
    text = ComponentId(report, "draftResolution_V")
    assert str(MINTER.iri(PartId(text, "preamble__para_4"))).endswith(
        "/doc/A-77-464/fra/!draftResolution_V#preamble__para_4"
    )
    adoption = recorded_local("adoption", ["un-ga-c3-77-m50"], "A/77/464")
    assert str(MINTER.iri(PartId(draft, adoption))).endswith(
        "/doc/A-C.3-77-L.7-Rev.1#adoption_un-ga-c3-77-m50_in_A-77-464"
    )
    assert str(MINTER.iri(GraphId("A/77/464", "fra"))).endswith("/graph/A-77-464/fra")
    assert str(MINTER.iri(GraphId("ontology"))).endswith("/graph/ontology")
    assert str(MINTER.iri(ServiceId("download", "unkg.nt"))).endswith("/kg/download/unkg.nt")
    assert str(MINTER.iri(ServiceId("dataset", fragment="dist-unkg.nt"))).endswith(
        "/kg/dataset#dist-unkg.nt"
    )
    assert str(MINTER.iri(MeetingId("un-ga", 77, 3))).endswith("/event/un/un-ga-77-pm3")
    assert str(MINTER.iri(MeetingId("un-ga-c3", 77, 45))).endswith("/un-ga-c3-77-m45")
    assert str(MINTER.iri(ActorId("state", "FRA"))).endswith("/organization/un/state-fra")
    assert encode_symbol("A/RES/ES-11/1") == "A-RES-ES%2D11-1"


def test_a_whole_text_vote_and_a_paragraph_vote_differ() -> None:
    whole = recorded_local("vote", ["un-ga-c3-77-m50", "text", "state-fra"], "A/77/464")
    paragraph = recorded_local("vote", ["un-ga-c3-77-m50", "operative-3", "state-fra"], "A/77/464")
    assert whole != paragraph


@pytest.mark.parametrize(
    "make",
    [
        lambda: ActorId("state", "fra"),
        lambda: ActorId("body", "UN GA"),
        lambda: DocumentId(" A/C.3/77/L.7"),
        lambda: DocumentId(""),
        lambda: ExpressionId(DocumentId("A/77/464"), "fr"),
        lambda: GraphId("A/77/464", "FRA"),
        lambda: MeetingId("un-ga-c3", 77, 0),
        lambda: IriMinter("https://example.org/kg/"),
        lambda: ServiceId("download"),
        lambda: ServiceId("sparql", "unkg.nt"),
        lambda: recorded_local("adoption", ["in"], "A/77/464"),
        lambda: recorded_local("adoption", ["x_in_y"], "A/77/464"),
        lambda: recorded_local("adoption", ["un-ga-c3-77-m50"], "A/77/464", 0),
    ],
)
def test_malformed_identifiers_are_refused(make: object) -> None:
    with pytest.raises(IdentifierError):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    "iri",
    [
        "https://elsewhere.org/akn/un/doc/A-77-464",
        # The forms before issue 10: a kind, a body and a date in the path; `lang@date`.
        "https://example.org/kg/akn/un/statement/resolutionDraft/un-ga-c3/2022-11-15/A-C.3-77-L.7",
        "https://example.org/kg/akn/un/doc/A-77-464/fra@2022-11-15",
    ],
)
def test_foreign_and_old_iris_are_refused(iri: str) -> None:
    with pytest.raises(IdentifierError):
        MINTER.parse(iri)


def test_manifestations_of_a_text() -> None:
    """The AKN XML of a recommended text and of an adopted resolution (kg.akn's FRBRthis)."""
    report = ExpressionId(DocumentId("A/77/464"), "fra")
    text = ManifestationId(ComponentId(report, "draftResolution_V"))
    assert str(MINTER.iri(text)) == (
        "https://example.org/kg/akn/un/doc/A-77-464/fra/!draftResolution_V.xml"
    )
    assert str(MINTER.iri(ManifestationId(report))) == (
        "https://example.org/kg/akn/un/doc/A-77-464/fra.xml"
    )
    with pytest.raises(IdentifierError):
        ManifestationId(ComponentId(DocumentId("A/77/464"), "main"))  # a work has no file form
    with pytest.raises(IdentifierError):
        ManifestationId(report, "pdf")
