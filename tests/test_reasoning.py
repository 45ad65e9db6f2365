"""The ontology holds together with what it aligns to: PROV-O, SKOS and DCTERMS (shipped copies,
tests/fixtures/vocabularies) loaded with our ontology and the sample's data are consistent for
an OWL RL closure (owlrl) and for an OWL 2 DL reasoner (HermiT, the jar owlready2 ships, run on
Debian's Java runtime). Each check is shown to fail on a known inconsistency first.

HermiT runs with `--ignoreUnsupportedDatatypes`: xsd:date is not in the OWL 2 datatype map, and
the data and DCTERMS use it; axioms on such literals are left out of its reasoning.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import PROV

from kg.build import Settings
from kg.vocab import ontology_path

VOCABULARIES = Path(__file__).parent / "fixtures" / "vocabularies"
UNKG = "https://w3id.org/unkg/ontology#"
ONTOLOGY_GRAPH = URIRef("https://w3id.org/unkg/graph/ontology")


def _aligned_vocabularies_and_ontology() -> Graph:
    graph = Graph()
    for name in ("prov", "skos", "dcterms"):
        dataset = Dataset()
        dataset.parse(VOCABULARIES / f"{name}.nq", format="nquads")
        for s, p, o, _ in dataset.quads():
            graph.add((s, p, o))
    graph.parse(ontology_path(), format="turtle")
    # Reasoners would try to fetch imported ontologies; everything they need is here.
    graph.remove((None, OWL.imports, None))
    return graph


def _with_sample_data(settings: Settings) -> Graph:
    """The sample's data graphs from the dumps; the ontology from its Turtle source, whose
    lists are intact (the ontology graph of the store is a copy)."""
    graph = _aligned_vocabularies_and_ontology()
    dataset = Dataset()
    dataset.parse(settings.exports / "unkg.nq", format="nquads")
    for s, p, o, g in dataset.quads():
        if g != ONTOLOGY_GRAPH:
            graph.add((s, p, o))
    return graph


def _activity_with_a_prov_derivation(graph: Graph) -> Graph:
    """The inconsistency the ontology had: an activity (a statement) given a source document
    through a subproperty of prov:wasDerivedFrom, whose domain PROV-O makes an Entity."""
    statement = URIRef("https://example.org/statement")
    graph.add((URIRef(UNKG + "sourceDocument"), RDFS.subPropertyOf, PROV.wasDerivedFrom))
    graph.add((statement, RDF.type, URIRef(UNKG + "Statement")))
    graph.add((statement, URIRef(UNKG + "sourceDocument"), URIRef("https://example.org/doc")))
    return graph


def _owl_rl_errors(graph: Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return sorted(str(message) for message in graph.objects(None, ERRNS.error))


def test_owl_rl_closure_reports_the_known_inconsistency() -> None:
    errors = _owl_rl_errors(_activity_with_a_prov_derivation(_aligned_vocabularies_and_ontology()))
    assert any("prov#Activity" in e and "prov#Entity" in e for e in errors)


def test_owl_rl_closure_of_ontology_vocabularies_and_sample_is_consistent(
    sample_build: Settings,
) -> None:
    assert _owl_rl_errors(_with_sample_data(sample_build)) == []


def _hermit(graph: Graph, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    java = shutil.which("java")
    spec = find_spec("owlready2")
    if java is None or spec is None or spec.origin is None:
        if os.environ.get("CI"):
            pytest.fail("HermiT needs Java and owlready2 (scripts/test installs both)")
        pytest.skip("no Java runtime or owlready2 here (scripts/test installs them)")
    jars = Path(spec.origin).parent / "hermit"
    source = tmp_path / "all.nt"
    graph.serialize(source, format="nt", encoding="utf-8")
    command = [
        java,
        "-Xmx2000M",
        "-cp",
        f"{jars}{os.pathsep}{jars / 'HermiT.jar'}",
        "org.semanticweb.HermiT.cli.CommandLine",
        "--consistency",
        "--ignoreUnsupportedDatatypes",
        source.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def test_hermit_reports_the_known_inconsistency(tmp_path: Path) -> None:
    graph = _activity_with_a_prov_derivation(_aligned_vocabularies_and_ontology())
    result = _hermit(graph, tmp_path)
    assert result.returncode != 0
    assert "InconsistentOntologyException" in result.stdout + result.stderr


def test_hermit_finds_ontology_vocabularies_and_sample_consistent(
    sample_build: Settings, tmp_path: Path
) -> None:
    result = _hermit(_with_sample_data(sample_build), tmp_path)
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    assert "owl#Thing is satisfiable" in result.stdout
