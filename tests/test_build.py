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
    parse_sources,
    parse_warnings,
    sample_source,
)
from kg.errors import InputError, ShapeViolationError
from kg.model import ParseWarning
from kg.reference.states import load_reference_data
from kg.store import named_graphs, open_store

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
            "https://w3id.org/unkg/graph/A-77-464",
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
    jsonld = ox.Store()
    jsonld.load(path=str(settings.exports / "unkg.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert (
        len(nt)
        == len(ttl)
        == len(jsonld)
        == next(d.triples for d in result.dumps if d.name == "unkg.nt")
    )


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
        assert "https://w3id.org/unkg/graph/A-77-999" in named_graphs(store)
    build([renamed_sample("A/77/999")], settings)
    with open_store(settings.store) as store:
        graphs = named_graphs(store)
    assert "https://w3id.org/unkg/graph/A-77-999" in graphs
    assert "https://w3id.org/unkg/graph/A-77-464" not in graphs


def test_failed_build_leaves_store_and_dumps_intact(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build([sample_source()], settings)
    before = digests(settings.exports)
    broken = Source("broken.txt", sample_source().data.replace(b"Kirghizistan", b"Atlantide"))
    with pytest.raises(InputError):
        build([sample_source(), renamed_sample("A/77/999"), broken], settings)
    assert digests(settings.exports) == before
    with open_store(settings.store) as store:
        assert "https://w3id.org/unkg/graph/A-77-999" not in named_graphs(store)
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
