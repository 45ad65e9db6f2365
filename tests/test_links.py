"""Links out (official texts by symbol, States by ISO code), ELI terms in the data, ranges that
match the data, and the ontology's lists intact in dumps and pages.

Golden values were read in the sample (kg/data/A_77_464.fr.txt): draft resolution IV (lines
1628-2120) is A/C.3/77/L.11/Rev.1 (line 214: "A/C.3/77/L.11/Rev.1 (voir par. 31 ci-après,
projet de résolution IV)"), and its footnote 3 cites "Résolution 70/1." (line 1933); draft V
prints "sa résolution 70/1 du 25 septembre 2015" (line 2261). The report itself prints the
official-text links we make, e.g. "https://undocs.org/fr/A/C.3/77/L.11/Rev.1" (line 295).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from live_server import serving
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from kg.build import Settings, build, read_sources
from kg.ids import ExternalLinks, IdentifierError
from kg.serve import ServeSettings, create_app
from kg.store import open_store, run_query
from kg.vocab import ONTOLOGY_IRI, UNKG, ontology_path

CORPUS_EN = Path(__file__).resolve().parent / "fixtures" / "corpus" / "en"
BASE = "https://w3id.org/unkg"
ELI = "http://data.europa.eu/eli/ontology#"
PREFIXES = (
    f"PREFIX eli: <{ELI}> PREFIX dcterms: <http://purl.org/dc/terms/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)
ONTOLOGY_GRAPH = URIRef(f"{BASE}/graph/ontology")
UNIONS = {
    UNKG.CitationTarget: [UNKG.Document, UNKG.Instrument],
    UNKG.GroupOrBody: [UNKG.GroupOfStates, UNKG.Body],
    UNKG.DraftOrRecommendedText: [UNKG.DraftResolution, UNKG.ResolutionText],
    UNKG.ParagraphOrFootnote: [UNKG.Paragraph, UNKG.Footnote],
    UNKG.DraftOrStatement: [UNKG.DraftResolution, UNKG.Statement],
}

# RFC 3987: an IRI path is made of these characters (ASCII part of iunreserved, sub-delims,
# ":", "@", "/"), percent-encoded octets and ucschar (checked separately).
_IRI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2}|[^\x00-\x7f])*")
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)  # fmt: skip


def _is_iri_path(path: str) -> bool:
    non_ascii_ok = all(
        any(low <= ord(c) <= high for low, high in _UCSCHAR) for c in path if ord(c) > 0x7F
    )
    return _IRI_PATH.fullmatch(path) is not None and non_ascii_ok


# --- the link to a document's official text ----------------------------------------------------

symbols = st.text(min_size=1).filter(lambda s: s == s.strip())


@given(symbols, st.sampled_from([None, "en", "fr", "es", "ar", "zh", "ru"]))
@example("A/RES/77/7", None)
@example("A/DEC/74/550 A", "fr")
@example("A/77/L.34 #5?%20", "en")
@example("A/C.3/77/L.7/Rev.1\u00e9\ue000", None)
def test_official_text_link_is_an_iri_that_gives_the_symbol_back(
    symbol: str, language: str | None
) -> None:
    link = str(ExternalLinks.official_text(symbol, language))
    prefix = "https://undocs.org/" + (f"{language}/" if language else "")
    assert link.startswith(prefix)
    path = link.removeprefix(prefix)
    assert _is_iri_path(path), link
    assert unquote(path) == symbol


@pytest.mark.parametrize(
    ("symbol", "language", "expected"),
    [
        ("A/RES/77/7", None, "https://undocs.org/A/RES/77/7"),
        ("A/C.3/77/L.11/Rev.1", "fr", "https://undocs.org/fr/A/C.3/77/L.11/Rev.1"),  # line 295
        ("A/RES/ES-11/1", "en", "https://undocs.org/en/A/RES/ES-11/1"),
        ("A/DEC/74/550 A", None, "https://undocs.org/A/DEC/74/550%20A"),
    ],
)
def test_official_text_link_keeps_the_symbol_as_printed(
    symbol: str, language: str | None, expected: str
) -> None:
    assert str(ExternalLinks.official_text(symbol, language)) == expected


@pytest.mark.parametrize(("symbol", "language"), [(" A/1", None), ("A/1", "fra"), ("", None)])
def test_official_text_link_refuses_bad_input(symbol: str, language: str | None) -> None:
    with pytest.raises(IdentifierError):
        ExternalLinks.official_text(symbol, language)


def test_country_link_is_the_iso_code_in_the_eu_authority() -> None:
    expected = "http://publications.europa.eu/resource/authority/country/FRA"
    assert str(ExternalLinks.country("FRA")) == expected
    with pytest.raises(IdentifierError):
        ExternalLinks.country("fr")


# --- the sample's links and ELI terms, without inference ---------------------------------------


def _select(settings: Settings, sparql: str) -> list[tuple[str, ...]]:
    with open_store(settings.store) as store:
        result = run_query(store, PREFIXES + sparql)
        assert isinstance(result, ox.QuerySolutions)
        return sorted(tuple(str(term.value) for term in row) for row in result)


def test_eli_classes_and_citations_are_in_the_data(sample_build: Settings) -> None:
    resources = _select(sample_build, "SELECT ?r WHERE { ?r a eli:LegalResource }")
    symbols = _select(
        sample_build, "SELECT ?s WHERE { ?r a eli:LegalResource ; dcterms:identifier ?s }"
    )
    assert len(resources) == len(symbols) > 100
    assert ("A/77/464",) in symbols and ("A/RES/70/1",) in symbols
    cites = _select(
        sample_build,
        "SELECT ?a ?b WHERE { ?x eli:cites ?y . ?x dcterms:identifier ?a . "
        "?y dcterms:identifier ?b }",
    )
    assert ("A/C.3/77/L.11/Rev.1", "A/RES/70/1") in cites  # line 1933, in draft IV
    expressions = _select(
        sample_build,
        "SELECT ?e ?w WHERE { ?e a eli:LegalExpression ; eli:realizes ?w . "
        "?w eli:is_realized_by ?e }",
    )
    assert expressions == [(f"{BASE}/akn/un/doc/A-77-464/fra", f"{BASE}/akn/un/doc/A-77-464")]
    dates = _select(
        sample_build,
        "SELECT ?d WHERE { ?r dcterms:identifier 'A/RES/70/1' ; eli:date_document ?d }",
    )
    assert dates == [("2015-09-25",)]  # line 2261


def test_documents_and_expressions_link_to_their_official_texts(sample_build: Settings) -> None:
    links = _select(
        sample_build,
        "SELECT ?s ?l WHERE { ?r dcterms:identifier ?s ; rdfs:seeAlso ?l }",
    )
    by_symbol = dict(links)
    assert by_symbol["A/77/464"] == "https://undocs.org/A/77/464"
    assert by_symbol["A/C.3/77/L.11/Rev.1"] == "https://undocs.org/A/C.3/77/L.11/Rev.1"
    assert all(link == f"https://undocs.org/{symbol.replace(' ', '%20')}" for symbol, link in links)
    language = _select(
        sample_build,
        "SELECT ?l WHERE { ?e eli:realizes ?w ; rdfs:seeAlso ?l }",
    )
    assert language == [("https://undocs.org/fr/A/77/464",)]


def test_every_state_matches_its_eu_country_by_iso_code(sample_build: Settings) -> None:
    rows = _select(
        sample_build,
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> "
        "SELECT ?code ?match WHERE { ?s unkg:iso3166Alpha3 ?code "
        "OPTIONAL { ?s skos:exactMatch ?match } }",
    )
    assert len(rows) >= 193
    authority = "http://publications.europa.eu/resource/authority/country/"
    assert all(match == authority + code for code, match in rows)
    assert ("FRA", authority + "FRA") in rows


# --- ranges that match the data -----------------------------------------------------------------


def _declared_datatype_ranges() -> dict[URIRef, URIRef]:
    ontology = Graph().parse(ontology_path(), format="turtle")
    ranges: dict[URIRef, URIRef] = {}
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for range_ in ontology.objects(prop, RDFS.range):
            assert isinstance(prop, URIRef) and isinstance(range_, URIRef)
            ranges[prop] = range_
    return ranges


def _wrong_datatypes(exports: Path) -> list[str]:
    ranges = _declared_datatype_ranges()
    dataset = Dataset()
    dataset.parse(exports / "unkg.nq", format="nquads")
    wrong = []
    seen = set()
    for _, prop, value, _ in dataset.quads():
        if prop not in ranges:
            continue
        seen.add(prop)
        assert isinstance(value, Literal), f"{prop} has {value}"
        datatype = value.datatype or (RDF.langString if value.language else XSD.string)
        if datatype != ranges[prop]:
            wrong.append(f"{prop} {value!r}")
    assert UNKG.workDate in seen
    return wrong


def test_every_literal_has_the_datatype_its_property_declares(sample_build: Settings) -> None:
    assert _wrong_datatypes(sample_build.exports) == []


@pytest.fixture(scope="module")
def english_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("english-build")
    settings = Settings(store=root / "store", exports=root / "exports")
    build(read_sources(sorted(CORPUS_EN.glob("*.txt"))), settings)
    return settings


def test_every_literal_of_the_english_corpus_has_its_declared_datatype(
    english_build: Settings,
) -> None:
    assert _wrong_datatypes(english_build.exports) == []


def test_a_year_from_a_symbol_is_a_work_year_not_a_work_date(sample_build: Settings) -> None:
    """The report lists E/RES/2022/12 by its symbol only (its link is printed at line 175)."""
    years = _select(
        sample_build,
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> "
        "SELECT ?s ?y WHERE { ?r dcterms:identifier ?s ; unkg:workYear ?y }",
    )
    assert ("E/RES/2022/12", "2022") in years
    assert all(year in symbol for symbol, year in years)
    dated = _select(
        sample_build,
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> "
        "SELECT ?s WHERE { ?r dcterms:identifier ?s ; unkg:workYear ?y ; unkg:workDate ?d }",
    )
    assert dated == []


# --- the ontology's lists in dumps and pages ----------------------------------------------------


def _check_unions(graph: Graph) -> None:
    for union, members in UNIONS.items():
        head = graph.value(union, OWL.unionOf)
        assert head is not None, union
        cells = []
        node = head
        while node != RDF.nil:
            cells.append(node)
            assert len(list(graph.objects(node, RDF.first))) == 1, union
            assert len(list(graph.objects(node, RDF.rest))) == 1, union
            node = graph.value(node, RDF.rest)
            assert node is not None and len(cells) < 10
        assert list(Collection(graph, head)) == members


def _ontology_graph_of(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o in dataset.graph(ONTOLOGY_GRAPH):
        graph.add((s, p, o))
    return graph


def test_dumps_hold_the_ontology_lists_as_rdf_lists(sample_build: Settings) -> None:
    quads = Dataset()
    quads.parse(sample_build.exports / "unkg.nq", format="nquads")
    _check_unions(_ontology_graph_of(quads))
    for name, fmt in (("unkg.nt", "nt"), ("unkg.ttl", "turtle")):
        _check_unions(Graph().parse(sample_build.exports / name, format=fmt))
    assert b"/.well-known/genid/" not in (sample_build.exports / "unkg.nt").read_bytes()
    # The whole ontology comes back from the dump as it is written, blank nodes and all.
    source = Graph().parse(ontology_path(), format="turtle")
    assert isomorphic(_ontology_graph_of(quads), source)
    ranges = Graph().parse(sample_build.exports / "unkg.ttl", format="turtle")
    assert ranges.value(UNKG.citationTarget, RDFS.range) == UNKG.CitationTarget
    assert ranges.value(UNKG.memberOf, RDFS.range) == UNKG.GroupOrBody


@pytest.fixture(scope="module")
def client(sample_build: Settings) -> Iterator[httpx.Client]:
    settings = ServeSettings(store=sample_build.store, exports=sample_build.exports)
    with serving(create_app(settings)) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


def test_the_ontology_page_holds_its_lists(client: httpx.Client) -> None:
    response = client.get("/doc/ontology", params={"format": "ttl"})
    assert response.status_code == 200
    page = Graph().parse(data=response.text, format="turtle", publicID=ONTOLOGY_IRI)
    _check_unions(page)
    html = client.get("/doc/ontology", headers={"Accept": "text/html"}).text
    section = html[html.index('<section id="CitationTarget">') :]
    section = section[: section.index("</section>")]
    # The union's members are shown, by their labels, where the list is.
    assert '(<a href="#Document">document</a>, <a href="#Instrument">' in section
