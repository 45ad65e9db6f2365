"""The whole build: store contents, deterministic dumps, atomic writes, bad input via the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import (
    BuildResult,
    Settings,
    Source,
    build,
    check_one_file_per_version,
    graph_id,
    map_document,
    parse_sources,
    parse_warnings,
    sample_source,
)
from kg.consistency import check_store
from kg.errors import InputError, ShapeViolationError, StoreError
from kg.ids import DEFAULT_BASE, IriMinter
from kg.model import ParseWarning
from kg.reference.states import load_reference_data
from kg.serve import ServeSettings, create_app
from kg.store import STORE_MARKER, GraphData, named_graphs, open_store, run_query, stage_store

SAMPLE_SYMBOL = "A/77/464"


def renamed_sample(symbol: str) -> Source:
    """The sample under another report symbol (its page headers carry the symbol)."""
    text = sample_source().data.decode("utf-8")
    lines = [symbol if line.strip() == SAMPLE_SYMBOL else line for line in text.splitlines()]
    return Source(f"{symbol.replace('/', '_')}.fr.txt", "\n".join(lines).encode("utf-8"))


def digests(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
        if not path.name.startswith(".")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildResult]:
    root = tmp_path_factory.mktemp("build")
    settings = Settings(store=root / "store", exports=root / "exports")
    return settings, build([sample_source()], settings)


def test_store_has_one_named_graph_per_document(built: tuple[Settings, BuildResult]) -> None:
    settings, result = built
    with open_store(settings.store) as store:
        graphs = named_graphs(store)
    assert graphs == sorted(
        [
            "https://w3id.org/unkg/graph/A-77-464/fra",
            "https://w3id.org/unkg/graph/ontology",
            "https://w3id.org/unkg/graph/reference",
        ]
    )
    assert result.quads > 4000


def test_dumps_and_checksums(built: tuple[Settings, BuildResult]) -> None:
    settings, result = built
    files = digests(settings.exports)
    assert {"unkg.ttl", "unkg.nt", "unkg.nq", "unkg.jsonld", "void.ttl", "SHA256SUMS"} <= set(files)
    sums = dict(
        reversed(line.split("  "))
        for line in (settings.exports / "SHA256SUMS").read_text().splitlines()
    )
    for name, digest in sums.items():
        assert files[name] == digest
    # The dumps parse and hold the same triples.
    nt = ox.Store()
    nt.load(path=str(settings.exports / "unkg.nt"), format=ox.RdfFormat.N_TRIPLES)
    ttl = ox.Store()
    ttl.load(path=str(settings.exports / "unkg.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(nt) == len(ttl) == next(d.triples for d in result.dumps if d.name == "unkg.nt")


def test_jsonld_dump_keeps_the_named_graphs_and_writes_types_as_type(
    built: tuple[Settings, BuildResult],
) -> None:
    settings, _ = built
    nquads = set(ox.parse(path=str(settings.exports / "unkg.nq"), format=ox.RdfFormat.N_QUADS))
    jsonld = set(ox.parse(path=str(settings.exports / "unkg.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert jsonld == nquads
    document = json.loads((settings.exports / "unkg.jsonld").read_text("utf-8"))
    assert document["@context"]["type"] == "@type"
    graphs = {entry["id"]: entry["@graph"] for entry in document["@graph"]}
    assert "https://w3id.org/unkg/graph/A-77-464/fra" in graphs
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    nodes = [node for nodes in graphs.values() for node in nodes]
    assert not any(rdf_type in node or "rdf:type" in node for node in nodes)
    assert sum(1 for node in nodes if "type" in node) > 1000


def test_same_input_gives_byte_identical_dumps(
    tmp_path: Path, built: tuple[Settings, BuildResult]
) -> None:
    settings, _ = built
    # Another process with another hash seed: nothing may depend on set or dict order.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            "--quiet",
            "--store",
            str(tmp_path / "store"),
            "--exports",
            str(tmp_path / "exports"),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    assert digests(tmp_path / "exports") == digests(settings.exports)


def test_store_holds_exactly_the_documents_given(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build([sample_source(), renamed_sample("A/77/999")], settings)
    with open_store(settings.store) as store:
        assert "https://w3id.org/unkg/graph/A-77-999/fra" in named_graphs(store)
    build([renamed_sample("A/77/999")], settings)
    with open_store(settings.store) as store:
        graphs = named_graphs(store)
    assert "https://w3id.org/unkg/graph/A-77-999/fra" in graphs
    assert "https://w3id.org/unkg/graph/A-77-464/fra" not in graphs


def test_failed_build_leaves_store_and_dumps_intact(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build([sample_source()], settings)
    before = digests(settings.exports)
    broken = Source("broken.txt", sample_source().data.replace(b"Kirghizistan", b"Atlantide"))
    with pytest.raises(InputError):
        build([sample_source(), renamed_sample("A/77/999"), broken], settings)
    assert digests(settings.exports) == before
    with open_store(settings.store) as store:
        assert "https://w3id.org/unkg/graph/A-77-999/fra" not in named_graphs(store)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02\x03binary\xff", "binary file"),
        (b"%PDF-1.7\n\x00\x01binary", "PDF"),
        ("Rapport de la Troisième Commission".encode("cp1252") + b"\xe9\xe8", "encoding"),
        # issue 8: recognised by content; was "committee report with Parts" (every text that
        # was not an adopted resolution was read as a report)
        (b"Un texte en prose qui n'est pas un rapport.\n" * 30, "without a UN symbol"),
        ("\n".join(sample_source().data.decode().splitlines()[:300]).encode(), "truncated"),
    ],
    ids=["empty", "binary", "broken-pdf", "unknown-encoding", "not-a-report", "truncated"],
)
def test_bad_input_gives_one_clear_line_and_writes_nothing(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    bad = tmp_path / "A_77_464.fr.txt"
    bad.write_bytes(content)
    result = run_cli("build", "--quiet", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: A_77_464.fr.txt:") and expected in lines[0]
    assert not (tmp_path / "var").exists() and not (tmp_path / "exports").exists()


def test_missing_file_and_unknown_query(tmp_path: Path) -> None:
    missing = run_cli("build", "--quiet", "nowhere.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere.txt" in missing.stderr
    no_store = run_cli("query", "meetings", cwd=tmp_path)
    assert no_store.returncode == 4 and "kg build" in no_store.stderr
    assert "Traceback" not in missing.stderr + no_store.stderr


def test_query_formats_through_the_cli(built: tuple[Settings, BuildResult], tmp_path: Path) -> None:
    settings, _ = built
    csv = run_cli(
        "query", "meetings", "--format", "csv", "--store", str(settings.store), cwd=tmp_path
    )
    assert csv.returncode == 0
    assert csv.stdout.splitlines()[0] == "body,number,date"
    assert "un-ga-c3,45,2022-11-04" in csv.stdout.splitlines()
    js = run_cli(
        "query", "drafts", "--format", "json", "--store", str(settings.store), cwd=tmp_path
    )
    data = json.loads(js.stdout)
    assert data["head"]["vars"] == [
        "draft_symbol",
        "title",
        "adoption_date",
        "adoption_meeting",
        "recommended_as",
    ]
    assert len(data["results"]["bindings"]) == 7
    bad = run_cli("query", "unknown-query", "--store", str(settings.store), cwd=tmp_path)
    assert bad.returncode == 5 and "meetings" in bad.stderr


def test_parse_json_is_the_typed_model(tmp_path: Path) -> None:
    result = run_cli("parse", "--json", cwd=tmp_path)
    model = json.loads(result.stdout)
    assert model["symbol"] == SAMPLE_SYMBOL
    assert [d["recommended_as"] for d in model["drafts"]] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
    ]
    assert model["drafts"][4]["sponsorships"][0]["span"]["start_line"] > 0


def test_meeting_dated_differently_in_two_documents_fails_the_build(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    other = renamed_sample("A/77/999")
    shifted = Source(
        other.name,
        other.data.replace(
            "À sa 48e séance, le 11 novembre".encode(), "À sa 48e séance, le 12 novembre".encode()
        ),
    )
    assert shifted.data != other.data
    with pytest.raises(ShapeViolationError) as error:
        build([sample_source(), shifted], settings)
    assert "meeting-dates-agree" in str(error.value) and "un-ga-c3-77-m48" in str(error.value)
    assert not settings.store.exists()


def test_validate_and_build_agree_on_a_meeting_dated_differently(tmp_path: Path) -> None:
    """issue 10.6: `kg validate` ran SHACL only and said "conforms" where `kg build` of the same
    files exited 3; both now run kg.validate.validate, with the rules across documents."""
    other = renamed_sample("A/77/999")
    shifted = other.data.replace(
        "À sa 48e séance, le 11 novembre".encode(), "À sa 48e séance, le 12 novembre".encode()
    )
    assert shifted != other.data
    (tmp_path / "A_77_464.fr.txt").write_bytes(sample_source().data)
    (tmp_path / other.name).write_bytes(shifted)
    files = [str(tmp_path / "A_77_464.fr.txt"), str(tmp_path / other.name)]
    validated = run_cli("validate", "--quiet", "--jobs", "1", *files, cwd=tmp_path)
    built = run_cli("build", "--quiet", "--jobs", "1", *files, cwd=tmp_path)
    assert validated.returncode == built.returncode == 3, validated.stderr + built.stderr
    for output in (validated.stderr, built.stderr):
        assert "Violation [meeting-dates-agree] https://w3id.org/unkg/" in output
        assert "un-ga-c3-77-m48: meeting stated with different dates: " in output
    assert validated.stdout.splitlines() == [
        "A_77_464.fr.txt: VIOLATIONS",
        "A_77_999.fr.txt: VIOLATIONS",
    ]
    assert not (tmp_path / "var").exists()


def test_state_listed_twice_for_one_draft_fails_validation(tmp_path: Path) -> None:
    data = sample_source().data.replace(
        "Kirghizistan, Mongolie et Pérou".encode(),
        "Kirghizistan, Mongolie, Arménie et Pérou".encode(),
    )
    assert data != sample_source().data
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    with pytest.raises(ShapeViolationError) as error:
        build([Source("A_77_464.fr.txt", data)], settings)
    assert "DuplicateSponsorShape" in str(error.value)
    assert "A_77_464.fr.txt:" in str(error.value)  # the source line of the draft
    assert not settings.store.exists()


def test_parse_warnings_name_the_document_and_line_of_each_text() -> None:
    report = parse_sources([sample_source()], load_reference_data())[0]
    assert parse_warnings([report]) == ()
    text = replace(report.texts[0], warnings=(ParseWarning(612, "unknown opening 'Notes'"),))
    warned = replace(report, texts=(text,), warnings=(ParseWarning(3, "odd"),))
    assert isinstance(warned, type(report))
    assert parse_warnings([warned]) == (
        "A_77_464.fr.txt:3: warning: odd",
        "A_77_464.fr.txt:612: warning: unknown opening 'Notes'",
    )


def test_same_symbol_twice_in_one_language_names_both_files(tmp_path: Path) -> None:
    """`kg build` of two files holding A/77/464 in French: an input error naming both."""
    copy = Source("copie.txt", sample_source().data)
    with pytest.raises(InputError) as error:
        parse_sources([sample_source(), copy], load_reference_data())
    message = str(error.value)
    assert message.startswith("copie.txt: expected one file per document and language")
    assert "A/77/464 (fr) is in both A_77_464.fr.txt and copie.txt" in message
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(sample_source().data)
    second.write_bytes(sample_source().data)
    result = run_cli("build", "--quiet", str(first), str(second), cwd=tmp_path)
    assert result.returncode == 2
    assert "is in both a.txt and b.txt" in result.stderr
    assert not (tmp_path / "var").exists()


def test_same_symbol_in_two_languages_is_allowed() -> None:
    report = parse_sources([sample_source()], load_reference_data())[0]
    english = replace(report, language="en", source_name="A_77_464.en.txt")
    check_one_file_per_version([report, english])
    with pytest.raises(InputError, match=r"is in both A_77_464\.fr\.txt and A_77_464\.en\.txt"):
        check_one_file_per_version([report, replace(english, language="fr")])


def test_the_same_symbol_and_language_twice_is_an_input_error_naming_both() -> None:
    twin = Source("copy.txt", sample_source().data)
    with pytest.raises(InputError) as error:
        parse_sources([sample_source(), twin], load_reference_data())
    message = str(error.value)
    assert "copy.txt" in message and "A_77_464.fr.txt" in message and "A/77/464" in message


def test_two_reports_give_each_document_one_iri_and_keep_their_records_apart(
    tmp_path: Path,
) -> None:
    """Two reports naming the same drafts and documents, loaded in either order: one IRI per
    symbol, the same IRIs both times, and what each report records about a draft its own."""
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    symbols = "SELECT ?symbol ?node WHERE { ?node <http://purl.org/dc/terms/identifier> ?symbol }"
    adoptions = "SELECT ?node WHERE { ?node a <https://w3id.org/unkg/ontology#Adoption> }"
    tables = []
    for order in (
        [sample_source(), renamed_sample("A/77/999")],
        [renamed_sample("A/77/999"), sample_source()],
    ):
        build(order, settings)
        with open_store(settings.store) as store:
            rows = run_query(store, symbols)
            assert isinstance(rows, ox.QuerySolutions)
            table = {(str(r["symbol"].value), str(r["node"].value)) for r in rows}  # type: ignore[union-attr]
            found = run_query(store, adoptions)
            assert isinstance(found, ox.QuerySolutions)
            adopted = {str(r["node"].value) for r in found}  # type: ignore[union-attr]
            assert not [i for i in check_store(store) if i.severity == "Violation"]
        tables.append(table)
    assert tables[0] == tables[1]
    nodes: dict[str, set[str]] = {}
    for symbol, node in tables[0]:
        nodes.setdefault(symbol, set()).add(node)
    assert [s for s, found in nodes.items() if len(found) > 1] == []
    draft = "https://w3id.org/unkg/akn/un/doc/A-C.3-77-L.2"
    assert nodes["A/C.3/77/L.2"] == {draft}
    assert nodes["A/77/164"] == {"https://w3id.org/unkg/akn/un/doc/A-77-164"}
    assert {a for a in adopted if a.startswith(draft + "#")} == {
        f"{draft}#adoption_un-ga-c3-77-m45_in_A-77-464",
        f"{draft}#adoption_un-ga-c3-77-m45_in_A-77-999",
    }


def test_one_symbol_under_two_iris_is_rejected_across_documents(tmp_path: Path) -> None:
    """The cross-document rule holds for every kind of document, here a note and a report of
    the Secretary-General minted under two IRIs for one symbol by two sources."""
    unkg, rdf = "https://w3id.org/unkg/ontology#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    sub_class = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
    ontology = "".join(
        f"<{unkg}{cls}> {sub_class} <{unkg}Document> .\n"
        for cls in ("Note", "SecretaryGeneralReport")
    )

    def source(iri: str, cls: str) -> bytes:
        return (
            f'<{iri}> <http://purl.org/dc/terms/identifier> "A/77/164" .\n'
            f"<{iri}> <{rdf}type> <{unkg}{cls}> .\n"
        ).encode()

    one = "https://w3id.org/unkg/akn/un/doc/A-77-164"
    old = "https://w3id.org/unkg/akn/un/doc/report/un/2022-10-03/A-77-164"
    graphs = [
        GraphData("https://w3id.org/unkg/graph/ontology", ontology.encode()),
        GraphData(
            "https://w3id.org/unkg/graph/A-77-464/fra", source(one, "SecretaryGeneralReport")
        ),
        GraphData("https://w3id.org/unkg/graph/A-77-465/eng", source(old, "Note")),
    ]
    staged = stage_store(tmp_path / "store", graphs, base=DEFAULT_BASE)
    try:
        problems = check_store(staged.open())
    finally:
        staged.discard()
    assert [(p.rule, p.focus, p.severity) for p in problems] == [
        ("one-iri-per-symbol", "A/77/164", "Violation")
    ]
    assert one in problems[0].message and old in problems[0].message
    staged = stage_store(tmp_path / "store", graphs[:2], base=DEFAULT_BASE)
    try:
        assert check_store(staged.open()) == []
    finally:
        staged.discard()


@pytest.mark.parametrize("marker", ["1\n", ""])
def test_a_store_of_an_older_format_must_be_rebuilt(tmp_path: Path, marker: str) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build([sample_source()], settings)
    (settings.store / STORE_MARKER).write_text(marker, encoding="utf-8")
    with pytest.raises(StoreError) as error, open_store(settings.store):
        pass
    assert "run 'kg build' again" in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(StoreError, match="run 'kg build' again"):
        create_app(ServeSettings(store=settings.store, exports=settings.exports))
    result = run_cli("query", "meetings", "--store", str(settings.store), cwd=tmp_path)
    assert result.returncode == 4
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "kg build" in result.stderr


def test_two_language_versions_of_one_document_live_in_one_store(tmp_path: Path) -> None:
    """The French sample and a stand-in for its English version (the same parsed report, read
    as English): two sources, two named graphs, one work with two expressions."""
    french = parse_sources([sample_source()], load_reference_data())[0]
    english = replace(french, language="en", source_name="A_77_464.en.txt")
    check_one_file_per_version([french, english])
    with pytest.raises(InputError, match=r"A_77_464\.fr\.txt"):
        check_one_file_per_version([french, replace(french, source_name="again.fr.txt")])
    minter = IriMinter()
    staged = stage_store(
        tmp_path / "store",
        [
            GraphData(
                str(minter.iri(graph_id(d))),
                map_document(d, minter).serialize(format="nt").encode(),
            )
            for d in (french, english)
        ],
        base=minter.base,
    )
    try:
        store = staged.open()
        assert named_graphs(store) == [
            "https://w3id.org/unkg/graph/A-77-464/eng",
            "https://w3id.org/unkg/graph/A-77-464/fra",
        ]
        found = run_query(
            store,
            "SELECT ?expression WHERE { <https://w3id.org/unkg/akn/un/doc/A-77-464>"
            " <https://w3id.org/unkg/ontology#isRealizedBy> ?expression }",
        )
        assert isinstance(found, ox.QuerySolutions)
        assert sorted(str(r["expression"].value) for r in found) == [  # type: ignore[union-attr]
            "https://w3id.org/unkg/akn/un/doc/A-77-464/eng",
            "https://w3id.org/unkg/akn/un/doc/A-77-464/fra",
        ]
        assert [i for i in check_store(store) if i.severity == "Violation"] == []
        del store
    finally:
        staged.discard()


def test_a_resolution_cited_with_two_dates_is_one_iri_and_a_warning(
    built: tuple[Settings, BuildResult],
) -> None:
    """Line 5134 cites `69/196 du 18 décembre 2014`; line 6224 reads `69/196 et 73/130 du
    13 décembre 2018`, which gives 69/196 the date of 73/130. Before issue 10 that minted two
    IRIs for A/RES/69/196; now it is one IRI, and the disagreement is a warning."""
    settings, result = built
    with open_store(settings.store) as store:
        found = run_query(
            store,
            'SELECT ?node WHERE { ?node <http://purl.org/dc/terms/identifier> "A/RES/69/196" }',
        )
        assert isinstance(found, ox.QuerySolutions)
        nodes = [str(row["node"].value) for row in found]  # type: ignore[union-attr]
    assert nodes == ["https://w3id.org/unkg/akn/un/doc/A-RES-69-196"]
    warned = [
        w for w in result.warnings if w.startswith("Warning [cited-dates-agree] A/RES/69/196")
    ]
    assert len(warned) == 1 and "2014-12-18" in warned[0] and "2018-12-13" in warned[0]
