"""The ontology in Turtle and its Python mirror `kg.vocab.UNKG` agree and are complete."""

from __future__ import annotations

import importlib.util
import inspect
import logging
from collections import Counter
from pathlib import Path
from typing import TypeGuard

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VANN

from kg.docs import write_ontology_docs
from kg.errors import InputError
from kg.vocab import ONTOLOGY_IRI, ONTOLOGY_NAMESPACE, UNKG, ontology_path

REPO_ROOT = Path(__file__).resolve().parent.parent
XSD_NS = "http://www.w3.org/2001/XMLSchema#"  # not rdflib's XSD: pytest's collection probes it


def xsd(name: str) -> URIRef:
    return URIRef(XSD_NS + name)


TERM_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
)

# The notations are the strings that queries return: they are a contract, not a detail.
EXPECTED_NOTATIONS: dict[str, dict[str, str]] = {
    "SponsorshipPhaseScheme": {
        "phase_original": "original",
        "phase_later": "later",
        "phase_at_meeting": "at_meeting",
    },
    "StatementTimingScheme": {
        "timing_before_adoption": "before_adoption",
        "timing_after_adoption": "after_adoption",
        "timing_at_meeting": "at_meeting",
    },
    "AdoptionMethodScheme": {
        "method_without_vote": "without_vote",
        "method_recorded_vote": "recorded_vote",
        "method_not_stated": "not_stated",
    },
    "SubmissionModeScheme": {
        "mode_on_recommendation": "on_recommendation",
        "mode_on_behalf_of_group": "on_behalf_of_group",
        "mode_by_states": "by_states",
        "mode_by_office": "by_office",
    },
    "VoteOutcomeScheme": {"outcome_retained": "retained", "outcome_deleted": "deleted"},
    "AmendmentOutcomeScheme": {
        "amendment_adopted": "adopted",
        "amendment_rejected": "rejected",
        "amendment_withdrawn": "withdrawn",
    },
    "VoteChoiceScheme": {"vote_yes": "yes", "vote_no": "no", "vote_abstain": "abstain"},
    "MembershipStatusScheme": {"status_member": "member", "status_observer": "observer"},
    "CitedKindScheme": {
        "kind_resolution": "resolution",
        "kind_decision": "decision",
        "kind_document": "document",
        "kind_instrument": "instrument",
    },
    "OpeningPhraseScheme": {},
    "AddresseeScheme": {},
    "FundingConditionScheme": {},
    "MandateActionScheme": {},
}

# Derived integer types are rewritten by Oxigraph: numbers must be plain xsd:integer.
DERIVED_INTEGER_TYPES = {
    xsd("nonNegativeInteger"),
    xsd("positiveInteger"),
    xsd("nonPositiveInteger"),
    xsd("negativeInteger"),
    xsd("int"),
    xsd("long"),
    xsd("short"),
    xsd("byte"),
    xsd("unsignedInt"),
    xsd("unsignedLong"),
    xsd("unsignedShort"),
    xsd("unsignedByte"),
}
ALLOWED_DATATYPE_RANGES = {
    xsd("integer"),
    xsd("date"),
    xsd("gYear"),  # unkg:workYear: a year the symbol gives (E/RES/2022/12), never a date
    xsd("string"),
    RDF.langString,
    xsd("boolean"),
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _in_namespace(node: object) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and str(node).startswith(ONTOLOGY_NAMESPACE)


def _declared_terms(graph: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)} & {
        s for s in graph.subjects() if _in_namespace(s)
    }


def _vocab_terms() -> set[URIRef]:
    return {UNKG[name] for name in inspect.get_annotations(UNKG)}


def _languages(graph: Graph, subject: URIRef, *predicates: URIRef) -> set[str]:
    return {
        o.language
        for p in predicates
        for o in graph.objects(subject, p)
        if isinstance(o, Literal) and o.language
    }


# --- parsing and packaging ---------------------------------------------------------------


def test_turtle_parses_and_has_a_header(graph: Graph) -> None:
    ontology = URIRef(ONTOLOGY_IRI)
    assert (ontology, RDF.type, OWL.Ontology) in graph
    assert graph.value(ontology, OWL.versionInfo) == Literal("0.1.0")
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (ontology, DCTERMS.license, cc_by) in graph
    assert str(graph.value(ontology, VANN.preferredNamespacePrefix)) == "unkg"
    assert {"en", "fr"} <= _languages(graph, ontology, DCTERMS.title)
    assert {"en", "fr"} <= _languages(graph, ontology, DCTERMS.description)


def test_ontology_path_finds_the_packaged_file() -> None:
    path = ontology_path()
    assert path.is_file()
    assert path.read_bytes() == (REPO_ROOT / "ontology" / "unkg.ttl").read_bytes()
    packaged = REPO_ROOT / "kg" / "resources" / "unkg.ttl"
    assert packaged.is_file(), "kg/resources/unkg.ttl must point to ontology/unkg.ttl"
    assert packaged.read_bytes() == path.read_bytes()


def test_namespace_constant_matches_the_terms() -> None:
    assert ONTOLOGY_NAMESPACE == "https://w3id.org/unkg/ontology#"
    assert str(UNKG.Document) == ONTOLOGY_NAMESPACE + "Document"
    assert ONTOLOGY_IRI + "#" == ONTOLOGY_NAMESPACE


def test_unknown_term_raises() -> None:
    with pytest.raises(AttributeError):
        getattr(UNKG, "Sponsorshp")  # noqa: B009 - the typo is the point


# --- vocab.py <-> Turtle -------------------------------------------------------------------


def test_every_vocab_term_is_declared_in_turtle(graph: Graph) -> None:
    missing = _vocab_terms() - _declared_terms(graph)
    assert not missing, f"in kg/vocab.py but not declared in unkg.ttl: {sorted(missing)}"


def test_every_turtle_term_is_in_vocab(graph: Graph) -> None:
    extra = _declared_terms(graph) - _vocab_terms()
    assert not extra, f"declared in unkg.ttl but missing from kg/vocab.py: {sorted(extra)}"


def test_every_namespace_iri_used_in_turtle_is_declared(graph: Graph) -> None:
    """Catches typos in domains, ranges and alignments (an undeclared unkg: IRI)."""
    used = {n for triple in graph for n in triple if _in_namespace(n)}
    undeclared = used - _declared_terms(graph)
    assert not undeclared, f"used but never declared: {sorted(undeclared)}"


def test_every_term_has_exactly_one_kind(graph: Graph) -> None:
    for term in _declared_terms(graph):
        kinds = [t for t in TERM_TYPES if (term, RDF.type, t) in graph]
        assert len(kinds) == 1, f"{term} has kinds {kinds}"


# --- documentation ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_term_has_a_label_and_definition(graph: Graph, language: str) -> None:
    for term in sorted(_declared_terms(graph)):
        labels = _languages(graph, term, RDFS.label, SKOS.prefLabel)
        definitions = _languages(graph, term, SKOS.definition, RDFS.comment)
        assert language in labels, f"{term} has no label @{language}"
        assert language in definitions, f"{term} has no definition @{language}"


def test_every_term_is_defined_by_the_ontology(graph: Graph) -> None:
    for term in _declared_terms(graph):
        assert (term, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)) in graph, term


# --- concept schemes ----------------------------------------------------------------------------


def test_every_concept_is_in_exactly_one_scheme_with_a_notation(graph: Graph) -> None:
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        in_schemes = list(graph.objects(concept, SKOS.inScheme))
        assert len(in_schemes) == 1, f"{concept} is in {in_schemes}"
        assert in_schemes[0] in schemes, f"{concept}: {in_schemes[0]} is not a ConceptScheme"
        notations = list(graph.objects(concept, SKOS.notation))
        assert len(notations) == 1, f"{concept} has notations {notations}"
        assert isinstance(notations[0], Literal)
        assert notations[0].datatype is None and notations[0].language is None


def test_notations_are_unique_within_each_scheme(graph: Graph) -> None:
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        notations = Counter(
            str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.inScheme, scheme)
        )
        duplicates = [n for n, count in notations.items() if count > 1]
        assert not duplicates, f"{scheme}: duplicate notations {duplicates}"


def test_schemes_and_notations_are_exactly_the_contract(graph: Graph) -> None:
    found: dict[str, dict[str, str]] = {}
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        found[str(scheme)[len(ONTOLOGY_NAMESPACE) :]] = {
            str(c)[len(ONTOLOGY_NAMESPACE) :]: str(graph.value(c, SKOS.notation))
            for c in graph.subjects(SKOS.inScheme, scheme)
        }
    assert found == EXPECTED_NOTATIONS


def test_top_concepts_agree_with_membership(graph: Graph) -> None:
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        members = set(graph.subjects(SKOS.inScheme, scheme))
        assert set(graph.objects(scheme, SKOS.hasTopConcept)) == members
        assert set(graph.subjects(SKOS.topConceptOf, scheme)) == members


# --- properties ---------------------------------------------------------------------------


def test_datatype_property_ranges(graph: Graph) -> None:
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        ranges = set(graph.objects(prop, RDFS.range))
        assert len(ranges) == 1, f"{prop} has ranges {ranges}"
        assert xsd("nonNegativeInteger") not in ranges
        assert not ranges & DERIVED_INTEGER_TYPES, f"{prop}: use xsd:integer"
        assert ranges <= ALLOWED_DATATYPE_RANGES, f"{prop} has range {ranges}"


def test_no_derived_integer_type_anywhere(graph: Graph) -> None:
    used = {o for _, _, o in graph if isinstance(o, URIRef)} | {
        o.datatype for _, _, o in graph if isinstance(o, Literal) and o.datatype
    }
    assert not used & DERIVED_INTEGER_TYPES


@pytest.mark.parametrize(
    ("prop", "expected"),
    [
        (UNKG.sessionNumber, xsd("integer")),
        (UNKG.votesInFavour, xsd("integer")),
        (UNKG.untsNumber, xsd("integer")),
        (UNKG.workDate, xsd("date")),
        (UNKG.workYear, xsd("gYear")),
        (UNKG.draftSection, xsd("string")),
        (UNKG.m49Code, xsd("string")),
        (UNKG.text, RDF.langString),
        (UNKG.agendaItemTitle, RDF.langString),
        (UNKG.hasBudgetImplications, xsd("boolean")),
    ],
)
def test_selected_datatype_ranges(graph: Graph, prop: URIRef, expected: URIRef) -> None:
    assert graph.value(prop, RDFS.range) == expected


def test_object_properties_do_not_point_to_datatypes(graph: Graph) -> None:
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        for range_ in graph.objects(prop, RDFS.range):
            assert not str(range_).startswith(XSD_NS), f"{prop} has a datatype range"
            assert range_ != RDF.langString


def test_inverse_properties_are_declared_both_ways(graph: Graph) -> None:
    for prop, inverse in graph.subject_objects(OWL.inverseOf):
        assert (inverse, OWL.inverseOf, prop) in graph, f"{prop} / {inverse}"


@pytest.mark.parametrize(
    ("term", "predicate", "external"),
    [
        (UNKG.Document, RDFS.subClassOf, "http://purl.org/vocab/frbr/core#Work"),
        (UNKG.Document, RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalResource"),
        (UNKG.Expression, RDFS.subClassOf, "http://purl.org/vocab/frbr/core#Expression"),
        (UNKG.Expression, RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalExpression"),
        (UNKG.realizes, RDFS.subPropertyOf, "http://data.europa.eu/eli/ontology#realizes"),
        (
            UNKG.isRealizedBy,
            RDFS.subPropertyOf,
            "http://data.europa.eu/eli/ontology#is_realized_by",
        ),
        (UNKG.hasPart, RDFS.subPropertyOf, "http://purl.org/dc/terms/hasPart"),
        (UNKG.isPartOf, RDFS.subPropertyOf, "http://purl.org/dc/terms/isPartOf"),
        (UNKG.memberOf, RDFS.subPropertyOf, "http://www.w3.org/ns/org#memberOf"),
        (UNKG.parentBody, RDFS.subPropertyOf, "http://www.w3.org/ns/org#subOrganizationOf"),
        # not prov:wasDerivedFrom: its domain prov:Entity is disjoint from our activities
        (UNKG.sourceDocument, RDFS.subPropertyOf, "http://purl.org/dc/terms/source"),
        (UNKG.Body, RDFS.subClassOf, "http://www.w3.org/ns/org#Organization"),
        (UNKG.Adoption, RDFS.subClassOf, "http://www.w3.org/ns/prov#Activity"),
        (UNKG.SourceSpan, RDFS.subClassOf, "http://www.w3.org/ns/oa#Selector"),
        (UNKG.Mandate, SKOS.closeMatch, "https://w3id.org/un/ontology/undo/Relation"),
    ],
)
def test_alignments(graph: Graph, term: URIRef, predicate: URIRef, external: str) -> None:
    assert (term, predicate, URIRef(external)) in graph


def test_subclasses_from_the_brief(graph: Graph) -> None:
    expected = {
        UNKG.CommitteeReport: UNKG.Document,
        UNKG.DraftResolution: UNKG.Document,
        UNKG.Resolution: UNKG.Document,
        UNKG.Decision: UNKG.Document,
        UNKG.SecretaryGeneralReport: UNKG.Document,
        UNKG.Note: UNKG.Document,
        UNKG.SummaryRecord: UNKG.Document,
        UNKG.OtherDocument: UNKG.Document,
        UNKG.PreambularParagraph: UNKG.Paragraph,
        UNKG.OperativeParagraph: UNKG.Paragraph,
        UNKG.SubParagraph: UNKG.Paragraph,
        UNKG.Session: UNKG.Event,
        UNKG.Meeting: UNKG.Event,
        UNKG.State: UNKG.Actor,
        UNKG.MemberState: UNKG.State,
        UNKG.ObserverState: UNKG.State,
        UNKG.GroupOfStates: UNKG.Actor,
        UNKG.Body: UNKG.Actor,
    }
    for sub, sup in expected.items():
        assert (sub, RDFS.subClassOf, sup) in graph, f"{sub} should be a subclass of {sup}"


# --- HTML documentation --------------------------------------------------------------------------


def test_write_ontology_docs_rejects_bad_turtle(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(InputError):
        write_ontology_docs(bad, tmp_path / "out")
    with pytest.raises(InputError):
        write_ontology_docs(tmp_path / "missing.ttl", tmp_path / "out")


def test_write_ontology_docs(tmp_path: Path) -> None:
    # find_spec, not importorskip: pyLODE 3.4.1 fails at import with FileNotFoundError, which
    # kg.docs works around, and that must be tested rather than skipped.
    if importlib.util.find_spec("pylode") is None:
        pytest.skip("pyLODE is not installed")
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    out = write_ontology_docs(ontology_path(), tmp_path / "docs")

    assert out == tmp_path / "docs" / "ontology.html"
    html = out.read_text(encoding="utf-8")
    assert "Sponsorship" in html
    assert "UN-KG ontology: United Nations General Assembly documents" in html
    assert "parrainage (qualité d&#x27;auteur)" in html or "parrainage (qualité d'auteur)" in html
    assert 'id="conceptschemes"' in html
    assert "<code>at_meeting</code>" in html
    assert "https://w3id.org/un/ontology/undo/Relation" in html
    # pyLODE must not leave the root logger reconfigured
    assert (root.level, root.handlers) == (level, handlers)
