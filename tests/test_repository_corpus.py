"""The whole repository corpus builds together (issue 8, "Done when"): the French sample, the
ten English documents of tests/fixtures/corpus/en/, one form of each English resolution of
session 73 (text for 73/3, PDF for 73/6), and the constructed French fixtures, among them a
French version of A/RES/77/30 beside the English one: two expressions of one work."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import BuildResult, Settings, build, read_sources, sample_source
from kg.store import open_store, run_query

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FILES = [
    *sorted((CORPUS / "en").glob("*.txt")),
    *sorted((CORPUS / "fr").glob("*.txt")),
    CORPUS / "A_RES_73_3.en.txt",
    CORPUS / "A_RES_73_6-EN.pdf",
]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildResult]:
    root = tmp_path_factory.mktemp("corpus")
    settings = Settings(store=root / "store", exports=root / "exports")
    return settings, build([sample_source(), *read_sources(FILES)], settings)


def select(settings: Settings, query: str) -> list[tuple[str, ...]]:
    with open_store(settings.store) as store:
        result = run_query(store, query)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [tuple(str(row[n].value) for n in names) for row in result]  # type: ignore[union-attr]


def test_every_document_builds_together(corpus_build: tuple[Settings, BuildResult]) -> None:
    _, result = corpus_build
    assert len(result.reports) == 1 + len(FILES)
    assert {d.symbol for d in result.reports} >= {
        "A/77/464",
        "A/77/376",
        "A/77/390",
        "A/77/411",
        "A/77/442",
        "A/77/463/Add.1",
        "A/77/466",
        "A/77/L.34",
        "A/RES/76/300",
        "A/RES/77/100",
        "A/RES/77/30",
        "A/RES/73/3",
        "A/RES/73/6",
        "A/C.3/77/L.30/Rev.1",
        "A/C.3/77/L.7/Rev.1",
    }


def test_one_work_two_language_versions(corpus_build: tuple[Settings, BuildResult]) -> None:
    settings, _ = corpus_build
    rows = select(
        settings,
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT DISTINCT ?work ?expression WHERE { "
        "?work dcterms:identifier 'A/RES/77/30' ; unkg:isRealizedBy ?expression } "
        "ORDER BY ?expression",
    )
    work = "https://w3id.org/unkg/akn/un/doc/A-RES-77-30"
    assert rows == [(work, f"{work}/eng"), (work, f"{work}/fra")]
    graphs = select(
        settings,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/unkg/graph/A-RES-77-30')) } ORDER BY ?g",
    )
    assert graphs == [
        ("https://w3id.org/unkg/graph/A-RES-77-30/eng",),
        ("https://w3id.org/unkg/graph/A-RES-77-30/fra",),
    ]


def test_one_iri_per_symbol_across_the_corpus(corpus_build: tuple[Settings, BuildResult]) -> None:
    settings, _ = corpus_build
    shared = select(
        settings,
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?symbol (COUNT(DISTINCT ?node) AS ?nodes) WHERE { "
        "?node dcterms:identifier ?symbol . FILTER(STRSTARTS(STR(?node), "
        "'https://w3id.org/unkg/akn/un/doc/')) FILTER(!CONTAINS(STR(?node), '#')) "
        "FILTER(!CONTAINS(SUBSTR(STR(?node), 34), '/')) } "
        "GROUP BY ?symbol HAVING (COUNT(DISTINCT ?node) > 1)",
    )
    assert shared == []
