"""The SHACL shapes (shapes/unkg-shapes.ttl): documented, met by the sample, and each rule bites.

Negative tests start from the real graph of the bundled sample, break exactly one thing with
rdflib and check that the expected rule (the local name of the shape) is reported for the
expected focus node, with its source line when the node was read from the text.

pyshacl is slow (it parses a SPARQL constraint again for every focus node), so only one test
validates the whole sample; the others validate the part of the graph around the broken node:
the nodes the break touched or added, the draft it is about with its sponsorships, adoption and
statements, and everything these nodes point to (meetings, report, expression, States, sessions).
`test_unbroken_neighbourhood_conforms` checks that these parts conform before anything is broken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH, SKOS
from rdflib.term import Node

from kg.build import SAMPLE_NAME, parse_sources, sample_source
from kg.ids import ActorId, IriMinter, MeetingId, SessionId
from kg.mapping import map_reference, map_report
from kg.mapping.text import phrase_iri
from kg.model import ActorKind
from kg.reference.states import ReferenceData
from kg.validate import (
    ValidationReport,
    Violation,
    class_hierarchy,
    load_shapes,
    shapes_path,
    validate_graph,
    validate_graph_with_pyshacl_only,
)
from kg.vocab import UNKG

SHAPES = Namespace("https://w3id.org/unkg/shapes#")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
REPO = Path(__file__).resolve().parent.parent

L2 = "A/C.3/77/L.2"
L11 = "A/C.3/77/L.11/Rev.1"
L8 = "A/C.3/77/L.8/Rev.1"


# --- fixtures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    graph: Graph
    reference: Graph
    minter: IriMinter


@pytest.fixture(scope="module")
def sample(reference: ReferenceData) -> Sample:
    minter = IriMinter()
    report = parse_sources([sample_source()], reference)[0]
    return Sample(map_report(report, minter), map_reference(reference, minter), minter)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def hierarchy() -> Graph:
    return class_hierarchy()


def copy(graph: Graph) -> Graph:
    result = Graph()
    result += graph
    return result


# --- finding and changing nodes of the sample ---------------------------------------------


def draft(graph: Graph, symbol: str) -> URIRef:
    for node in graph.subjects(DCTERMS.identifier, Literal(symbol)):
        if isinstance(node, URIRef) and (node, RDF.type, UNKG.DraftResolution) in graph:
            return node
    raise LookupError(f"no draft {symbol}")


def part(graph: Graph, prop: URIRef, symbol: str) -> URIRef:
    """The one node that points to the draft `symbol` with `prop` (its adoption, ...)."""
    nodes = [n for n in graph.subjects(prop, draft(graph, symbol)) if isinstance(n, URIRef)]
    assert len(nodes) == 1, nodes
    return nodes[0]


def the(graph: Graph, cls: URIRef) -> URIRef:
    nodes = [n for n in graph.subjects(RDF.type, cls) if isinstance(n, URIRef)]
    assert len(nodes) == 1, nodes
    return nodes[0]


def statement(graph: Graph, speaker: URIRef, meeting: URIRef) -> URIRef:
    nodes = [
        n
        for n in graph.subjects(UNKG.speaker, speaker)
        if (n, UNKG.meeting, meeting) in graph and isinstance(n, URIRef)
    ]
    assert len(nodes) == 1, nodes
    return nodes[0]


def meeting(minter: IriMinter, number: int) -> URIRef:
    return minter.iri(MeetingId("un-ga-c3", 77, number))


def actor(minter: IriMinter, kind: ActorKind, code: str) -> URIRef:
    return minter.iri(ActorId(kind, code))


def rename(graph: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(graph):
        if old in (s, o):
            graph.remove((s, p, o))
            graph.add((new if s == old else s, p, new if o == old else o))


def copy_node(graph: Graph, old: URIRef, new: URIRef, skip: tuple[URIRef, ...] = ()) -> None:
    for p, o in list(graph.predicate_objects(old)):
        if p not in skip:
            graph.add((new, p, o))


def around_draft(graph: Graph, symbol: str) -> set[Node]:
    """A draft, its sponsorships, adoption, budget implications and the statements on it."""
    node = draft(graph, symbol)
    nodes: set[Node] = {node}
    for prop in (UNKG.sponsorshipOf, UNKG.adoptionOf, UNKG.budgetImplicationsOf, UNKG.concerns):
        nodes.update(graph.subjects(prop, node))
    return nodes


def neighbourhood(data: Graph, context: Graph, seeds: Iterable[Node]) -> set[Node]:
    """The seeds and every node they point to, directly or not (rdf:type aside)."""
    todo, seen = list(seeds), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for graph in (data, context):
            for prop, value in graph.predicate_objects(node):
                if prop != RDF.type and isinstance(value, URIRef):
                    todo.append(value)
    return seen


def restrict(graph: Graph, nodes: set[Node]) -> Graph:
    result = Graph()
    for triple in graph:
        if triple[0] in nodes:
            result.add(triple)
    return result


def changed(before: Graph, after: Graph) -> set[Node]:
    """The subjects of the triples a break added, and those of the triples it removed."""
    return set((after - before).subjects()) | set((before - after).subjects())


def validate_around(
    report: Graph, reference: Graph, seeds: Iterable[Node], shapes: Graph, hierarchy: Graph
) -> ValidationReport:
    nodes = neighbourhood(report, reference, seeds)
    return validate_graph(
        restrict(report, nodes), [restrict(reference, nodes), hierarchy], shapes, SAMPLE_NAME
    )


# --- the shapes file -------------------------------------------------------------------------


def shape_nodes(graph: Graph) -> set[Node]:
    """Every shape: declared, referenced with sh:property / sh:node / sh:not, or in sh:or."""
    shapes: set[Node] = set(graph.subjects(RDF.type, SH.NodeShape))
    shapes.update(graph.subjects(RDF.type, SH.PropertyShape))
    shapes.update(graph.subjects(SH.path, None))
    for prop in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.sparql):
        shapes.update(graph.subjects(prop, None))
    for prop in (SH.property, SH.node, SH["not"]):
        shapes.update(graph.objects(None, prop))
    for prop in (SH["or"], SH["and"], SH.xone):
        for head in graph.objects(None, prop):
            shapes.update(Collection(graph, head))
    return shapes


def test_shapes_file_parses_and_ships_with_the_package() -> None:
    graph = Graph().parse(REPO / "shapes" / "unkg-shapes.ttl", format="turtle")
    assert len(graph) > 500
    assert shapes_path().resolve() == (REPO / "shapes" / "unkg-shapes.ttl").resolve()


def test_every_shape_is_named_and_documented_in_english_and_french(shapes: Graph) -> None:
    found = shape_nodes(shapes)
    assert len(found) > 100
    for shape in found:
        assert isinstance(shape, URIRef) and shape.startswith(str(SHAPES)), shape
        for prop in (RDFS.label, RDFS.comment):
            languages = {getattr(v, "language", None) for v in shapes.objects(shape, prop)}
            assert {"en", "fr"} <= languages, f"{shape} lacks an {prop} in en and fr"


def test_every_constraint_says_what_is_wrong_in_english(shapes: Graph) -> None:
    structural = {
        SH.property,
        SH.sparql,
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        RDF.type,
        RDFS.label,
        RDFS.comment,
        SH.message,
        SH.severity,
    }
    targeted = {
        s
        for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
        for s in shapes.subjects(p, None)
    }
    # node shapes with constraints of their own, their property shapes, SPARQL constraints
    needing = {s for s in targeted if set(shapes.predicates(s)) - structural}
    needing |= {p for s in targeted for p in shapes.objects(s, SH.property)}
    needing |= set(shapes.objects(None, SH.sparql))
    assert len(needing) > 100
    for node in needing:
        messages = [m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)]
        assert any(m.language == "en" and len(m) > 20 for m in messages), node


# --- the sample conforms -------------------------------------------------------------------


def test_the_whole_sample_conforms(sample: Sample, shapes: Graph, hierarchy: Graph) -> None:
    result = validate_graph(sample.graph, [sample.reference, hierarchy], shapes, SAMPLE_NAME)
    assert result.conforms
    # not even a warning (SummaryRecordDateShape warns without blocking a build)
    # Warnings (unresolved citations of the texts) do not break conformance.
    assert [str(v) for v in result.violations if v.severity == "Violation"] == []


NEIGHBOURHOODS: dict[str, Callable[[Sample], set[Node]]] = {
    "L.2": lambda s: around_draft(s.graph, L2),
    "L.11/Rev.1": lambda s: around_draft(s.graph, L11),
    "L.8/Rev.1": lambda s: around_draft(s.graph, L8),
    "meeting 45": lambda s: {meeting(s.minter, 45)},
    "report": lambda s: {the(s.graph, UNKG.CommitteeReport)},
    "France": lambda s: {actor(s.minter, "state", "FRA")},
    "session 77": lambda s: {s.minter.iri(SessionId("un-ga", 77))},
}


@pytest.mark.parametrize("name", NEIGHBOURHOODS)
def test_unbroken_neighbourhood_conforms(
    name: str, sample: Sample, shapes: Graph, hierarchy: Graph
) -> None:
    seeds = NEIGHBOURHOODS[name](sample)
    result = validate_around(sample.graph, sample.reference, seeds, shapes, hierarchy)
    # Warnings (unresolved citations of the texts) do not break conformance.
    assert [str(v) for v in result.violations if v.severity == "Violation"] == []


# --- negative tests: break one thing, get the expected rule ------------------------------------

Break = Callable[[Graph, Graph, IriMinter], URIRef]


@dataclass(frozen=True)
class Case:
    id: str
    rule: str
    brk: Break  # changes the report or the reference graph, returns the expected focus node
    around: str | None = None  # a draft whose neighbourhood is needed to see the problem
    from_text: bool = True  # whether the focus node was read from the text (has a line)
    severity: str = "Violation"
    # seed the neighbourhood with every node whose triples changed (not for a renamed node that
    # many nodes point to, such as the expression: that would validate the whole graph)
    seed_changes: bool = True


def set_value(graph: Graph, node: URIRef, prop: URIRef, value: Node) -> URIRef:
    graph.set((node, prop, value))
    return node


def adoption_dated(day: dt.date) -> Break:
    def brk(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
        return set_value(report, part(report, UNKG.adoptionOf, L2), DCTERMS.date, Literal(day))

    return brk


def sponsorship_by(sponsor: Callable[[IriMinter], URIRef], local: str) -> Break:
    """A new sponsorship of L.11/Rev.1, read from the same lines as the existing one."""

    def brk(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
        existing = part(report, UNKG.sponsorshipOf, L11)
        node = URIRef(f"{draft(report, L11)}#{local}")
        copy_node(report, existing, node, skip=(UNKG.sponsor, UNKG.phase))
        report.add((node, UNKG.sponsor, sponsor(minter)))
        report.add((node, UNKG.phase, UNKG.phase_later))
        return node

    return brk


def duplicate_sponsor(report: Graph, ref: Graph, minter: IriMinter) -> URIRef:
    group = actor(minter, "group", "african-states")
    sponsorship_by(lambda _m: group, "sponsorship_later_group-african-states_in_A-77-464")(
        report, ref, minter
    )
    return draft(report, L11)


def meeting_with_second_date(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    node = meeting(minter, 45)
    report.add((node, DCTERMS.date, Literal(dt.date(2022, 11, 7))))
    return node


def meeting_minted_twice(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    node = meeting(minter, 45)
    twin = URIRef(str(node).replace("-m45", "-pm45"))
    copy_node(report, node, twin, skip=(DCTERMS.date,))
    report.add((twin, DCTERMS.date, Literal(dt.date(2022, 11, 8))))
    return node


def timed_statement_without_adoption(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    node = statement(report, actor(minter, "state", "USA"), meeting(minter, 46))
    return set_value(report, node, UNKG.timing, UNKG.timing_after_adoption)


def statement_on_draft_adopted_elsewhere(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    node = statement(report, actor(minter, "state", "BLR"), meeting(minter, 51))
    return set_value(report, node, UNKG.concerns, draft(report, L2))


def sponsorship_of_l11(report: Graph) -> URIRef:
    return part(report, UNKG.sponsorshipOf, L11)


def at_meeting_without_meeting(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    return set_value(report, sponsorship_of_l11(report), UNKG.phase, UNKG.phase_at_meeting)


def joined_at_another_meeting(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    node = URIRef(f"{draft(report, L8)}#sponsorship_at_meeting_state-ago_in_A-77-464")
    assert (node, UNKG.meeting, meeting(minter, 51)) in report
    return set_value(report, node, UNKG.meeting, meeting(minter, 50))


def meeting_after_its_session(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    return set_value(report, meeting(minter, 45), DCTERMS.date, Literal(dt.date(2023, 10, 2)))


def record_dated_before_meeting(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    record = report.value(meeting(minter, 45), UNKG.summaryRecord)
    assert isinstance(record, URIRef)
    return set_value(report, record, UNKG.workDate, Literal(dt.date(2022, 1, 3)))


def draft_iri(old: str, new: str) -> Break:
    def brk(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
        node = draft(report, L2)
        renamed = URIRef(str(node).replace(old, new))
        assert renamed != node
        rename(report, node, renamed)
        return renamed

    return brk


def expression_iri(suffix: str) -> Break:
    """The expression IRI with an AKN4UN suffix we do not use (`@!main`, `@2022-11-15`)."""

    def brk(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
        node = the(report, UNKG.Expression)
        renamed = URIRef(str(node) + suffix)
        rename(report, node, renamed)
        return renamed

    return brk


def part_named_by_position(node: Callable[[Graph, IriMinter], URIRef], local: str) -> Break:
    """A part renamed as before issue 10: by its position or kind alone in one source."""

    def brk(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
        old = node(report, minter)
        renamed = URIRef(str(old).split("#", 1)[0] + "#" + local)
        rename(report, old, renamed)
        return renamed

    return brk


def state_iri_in_upper_case(_report: Graph, ref: Graph, minter: IriMinter) -> URIRef:
    node = actor(minter, "state", "FRA")
    renamed = URIRef(str(node).replace("state-fra", "state-FRA"))
    rename(ref, node, renamed)
    return renamed


def without(prop: URIRef, node: Callable[[Graph, IriMinter], URIRef]) -> Break:
    def brk(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
        focus = node(report, minter)
        assert (focus, prop, None) in report
        report.remove((focus, prop, None))
        return focus

    return brk


def also(prop: URIRef, value: Node, node: Callable[[Graph, IriMinter], URIRef]) -> Break:
    """A second value beside the one the node has."""

    def brk(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
        focus = node(report, minter)
        assert (focus, prop, None) in report
        report.add((focus, prop, value))
        return focus

    return brk


def with_value(prop: URIRef, value: Node, node: Callable[[Graph, IriMinter], URIRef]) -> Break:
    def brk(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
        return set_value(report, node(report, minter), prop, value)

    return brk


def reference_value(prop: URIRef, value: Node, node: Callable[[IriMinter], URIRef]) -> Break:
    def brk(_report: Graph, ref: Graph, minter: IriMinter) -> URIRef:
        return set_value(ref, node(minter), prop, value)

    return brk


def reference_without(prop: URIRef, node: Callable[[IriMinter], URIRef]) -> Break:
    def brk(_report: Graph, ref: Graph, minter: IriMinter) -> URIRef:
        focus = node(minter)
        assert (focus, prop, None) in ref
        ref.remove((focus, prop, None))
        return focus

    return brk


def l2(report: Graph, _minter: IriMinter) -> URIRef:
    return draft(report, L2)


def l2_adoption(report: Graph, _minter: IriMinter) -> URIRef:
    return part(report, UNKG.adoptionOf, L2)


def l11_sponsorship(report: Graph, _minter: IriMinter) -> URIRef:
    return sponsorship_of_l11(report)


def usa_statement(report: Graph, minter: IriMinter) -> URIRef:
    return statement(report, actor(minter, "state", "USA"), meeting(minter, 46))


def france(minter: IriMinter) -> URIRef:
    return actor(minter, "state", "FRA")


def votes_disagreeing_with_counts(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    """L.2 adopted by a recorded vote `of 2 to 0` whose list names one State in favour."""
    adoption = l2_adoption(report, minter)
    vote = URIRef(f"{l2(report, minter)}#vote_state-fra")
    report.set((adoption, UNKG.adoptionMethod, UNKG.method_recorded_vote))
    report.set((adoption, UNKG.votesInFavour, Literal(2, datatype=XSD.integer)))
    report.add((adoption, UNKG.hasVote, vote))
    report.add((vote, RDF.type, UNKG.Vote))
    report.add((vote, UNKG.voter, france(minter)))
    report.add((vote, UNKG.voteChoice, UNKG.vote_yes))
    return adoption


def line_start_after_end(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    node = part(report, UNKG.adoptionOf, L2)
    end = report.value(node, UNKG.sourceLineEnd)
    assert isinstance(end, Literal)
    return set_value(report, node, UNKG.sourceLineStart, Literal(int(end) + 5))


def adopted_twice(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    node = draft(report, L2)
    report.add((URIRef(f"{node}#adoption_again"), UNKG.adoptionOf, node))
    return node


def vote_with_literal_choice(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    adoption = part(report, UNKG.adoptionOf, L2)
    vote = URIRef(f"{draft(report, L2)}#vote_un-ga-c3-77-m45_text_state-fra_in_A-77-464")
    report.add((vote, RDF.type, UNKG.Vote))
    report.add((adoption, UNKG.hasVote, vote))
    report.add((vote, UNKG.voter, actor(minter, "state", "FRA")))
    report.add((vote, UNKG.voteChoice, Literal("yes")))
    return vote


def statement_on_a_report(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    target = next(report.subjects(RDF.type, UNKG.SecretaryGeneralReport))
    assert isinstance(target, URIRef)
    set_value(report, usa_statement(report, minter), UNKG.concerns, target)
    return target


def footnote_zero(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    node = next(report.subjects(RDF.type, UNKG.Footnote))
    assert isinstance(node, URIRef)
    return set_value(report, node, UNKG.footnoteNumber, Literal(0))


# --- resolution texts ------------------------------------------------------------------------


def recommended_text(graph: Graph, symbol: str) -> URIRef:
    """The text of Part III recommended for the draft `symbol`."""
    node = graph.value(draft(graph, symbol), UNKG.recommendedText)
    assert isinstance(node, URIRef)
    return node


def operative(graph: Graph, text: URIRef, number: int) -> URIRef:
    for paragraph in graph.objects(text, UNKG.hasParagraph):
        if graph.value(paragraph, UNKG.paragraphNumber) == Literal(number):
            assert isinstance(paragraph, URIRef)
            return paragraph
    raise AssertionError(f"no operative paragraph {number} in {text}")


def operative_paragraph_removed(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    text = recommended_text(report, L2)
    removed = operative(report, text, 2)
    report.remove((text, UNKG.hasParagraph, removed))
    report.remove((removed, None, None))
    return text


def footnote_never_called(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    text = recommended_text(report, L2)
    note = next(n for n in report.objects(text, UNKG.hasFootnote) if isinstance(n, URIRef))
    report.remove((None, UNKG.callsFootnote, note))
    return note


def citation_of_the_wrong_kind(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    """A citation that says `decision` but points to a resolution (E/RES/2022/12)."""
    text = recommended_text(report, L2)
    paragraph = operative(report, text, 1)
    resolution = next(
        n for n in report.subjects(RDF.type, UNKG.Resolution) if isinstance(n, URIRef)
    )
    node = URIRef(f"{paragraph}__cit_99")
    copy_node(
        report,
        paragraph,
        node,
        skip=(
            RDF.type,
            UNKG.text,
            UNKG.paragraphNumber,
            UNKG.openingPhrase,
            UNKG.callsFootnote,
            UNKG.hasCitation,
            UNKG.hasMandate,
            UNKG.citesInstrument,
            UNKG.hasSubParagraph,
        ),
    )
    report.add((node, RDF.type, UNKG.Citation))
    report.add((paragraph, UNKG.hasCitation, node))
    report.add((node, UNKG.citedKind, UNKG.kind_decision))
    report.add((node, UNKG.citedNumber, Literal("2022/12")))
    report.add((node, UNKG.citationTarget, resolution))
    return node


def two_opening_phrases(report: Graph, _ref: Graph, minter: IriMinter) -> URIRef:
    """At most one opening phrase (an unclassified opening has none)."""
    paragraph = operative(report, recommended_text(report, L2), 1)
    report.add((paragraph, UNKG.openingPhrase, phrase_iri(minter, "authorizes")))
    return paragraph


def modifier_without_language(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    """An opening modifier printed without the language of its text."""
    paragraph = operative(report, recommended_text(report, L2), 1)
    report.add((paragraph, UNKG.openingModifier, Literal("de nouveau")))
    return paragraph


def state_with_the_code_of(code: str, prop: URIRef) -> Break:
    """Spain's node given France's ISO code: two States named by one code."""

    def brk(_report: Graph, ref: Graph, minter: IriMinter) -> URIRef:
        ref.set((actor(minter, "state", "ESP"), prop, Literal(code)))
        return actor(minter, "state", "FRA")

    return brk


def instrument_named_twice_in_english(_report: Graph, ref: Graph, _minter: IriMinter) -> URIRef:
    instrument = next(n for n in ref.subjects(RDF.type, UNKG.Instrument) if isinstance(n, URIRef))
    ref.add((instrument, SKOS.prefLabel, Literal("Another name", lang="en")))
    return instrument


def instrument_in_two_unts_volumes(_report: Graph, ref: Graph, _minter: IriMinter) -> URIRef:
    instrument = next(n for n in ref.subjects(UNKG.untsVolume, None) if isinstance(n, URIRef))
    volume = ref.value(instrument, UNKG.untsVolume)
    assert isinstance(volume, Literal)
    ref.add((instrument, UNKG.untsVolume, Literal(int(volume) + 1, datatype=XSD.integer)))
    return instrument


def subparagraph_label_in_brackets(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    """`(a)` as printed, where the label is `a` (the brackets are layout)."""
    point = next(n for n in report.subjects(RDF.type, UNKG.SubParagraph) if isinstance(n, URIRef))
    label = report.value(point, UNKG.subParagraphLabel)
    return set_value(report, point, UNKG.subParagraphLabel, Literal(f"({label})"))


def subparagraph_of_no_paragraph(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    point = next(n for n in report.subjects(RDF.type, UNKG.SubParagraph) if isinstance(n, URIRef))
    report.remove((None, UNKG.hasSubParagraph, point))
    return point


def preamble(graph: Graph, symbol: str) -> URIRef:
    node = graph.value(recommended_text(graph, symbol), UNKG.hasPreamble)
    assert isinstance(node, URIRef)
    return node


def operative_paragraph_in_the_preamble(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    node = preamble(report, L2)
    report.add((node, UNKG.hasParagraph, operative(report, recommended_text(report, L2), 1)))
    return node


def preamble_of_no_text(report: Graph, _ref: Graph, _minter: IriMinter) -> URIRef:
    node = preamble(report, L2)
    report.remove((None, UNKG.hasPreamble, node))
    return node


CASES = [
    # resolution texts
    Case("opening modifier without language", "ParagraphShape-modifier", modifier_without_language),
    Case("operative paragraph 2 missing", "OperativeNumberingShape", operative_paragraph_removed),
    Case("footnote called by no paragraph", "FootnoteCalledOnceShape", footnote_never_called),
    Case(
        "decision citation pointing to a resolution",
        "CitationTargetKindShape",
        citation_of_the_wrong_kind,
    ),
    # consistency rules
    Case(
        "a: adoption on another day than its meeting",
        "AdoptionMeetingDateShape",
        adoption_dated(dt.date(2022, 11, 5)),
        around=L2,
    ),
    Case(
        "b: a body as sponsor",
        "SponsorIsStateOrGroupShape",
        sponsorship_by(
            lambda m: actor(m, "body", "un-unodc"), "sponsorship_later_body-un-unodc_in_A-77-464"
        ),
        around=L11,
    ),
    Case(
        "c: sponsor listed again in another phase",
        "DuplicateSponsorShape",
        duplicate_sponsor,
        around=L11,
    ),
    Case(
        "d: adoption after the session closed",
        "AdoptionWithinSessionShape",
        adoption_dated(dt.date(2030, 6, 1)),
        around=L2,
    ),
    Case(
        "d: adoption before the session opened",
        "AdoptionWithinSessionShape",
        adoption_dated(dt.date(2022, 9, 1)),
        around=L2,
    ),
    Case("e: a meeting with two dates", "MeetingDateShape", meeting_with_second_date),
    Case("e: one meeting number, two nodes, two dates", "MeetingDateShape", meeting_minted_twice),
    Case(
        "f: after adoption, but no draft", "StatementTimingShape", timed_statement_without_adoption
    ),
    Case(
        "f: after adoption of a draft adopted elsewhere",
        "StatementTimingShape",
        statement_on_draft_adopted_elsewhere,
        around=L2,
    ),
    Case(
        "g: at meeting without a meeting",
        "SponsorshipAtMeetingShape",
        at_meeting_without_meeting,
        around=L11,
    ),
    Case(
        "g: joined at a meeting that did not consider the draft",
        "SponsorshipMeetingShape",
        joined_at_another_meeting,
        around=L8,
    ),
    Case("meeting outside its session", "MeetingWithinSessionShape", meeting_after_its_session),
    Case(
        "recorded vote whose listed votes disagree with its counts",
        "VoteCountsShape",
        votes_disagreeing_with_counts,
        around=L2,
    ),
    Case(
        "summary record dated before its meeting",
        "SummaryRecordDateShape",
        record_dated_before_meeting,
        severity="Warning",
    ),
    # IRI forms
    Case(
        "draft IRI in the AKN4UN form with kind, body and date",
        "DraftResolutionShape",
        draft_iri("/akn/un/doc/", "/akn/un/statement/deliberation/ga-c3/2022-11-15/"),
        around=L2,
    ),
    Case(
        "draft IRI with a date segment",
        "DraftResolutionShape",
        draft_iri("/akn/un/doc/", "/akn/un/doc/2022-11-15/"),
        around=L2,
    ),
    Case(
        "expression IRI in the @!main form",
        "ExpressionShape",
        expression_iri("@!main"),
        from_text=False,
        seed_changes=False,
    ),
    Case(
        "expression IRI with a date (lang@date)",
        "ExpressionShape",
        expression_iri("@2022-11-15"),
        from_text=False,
        seed_changes=False,
    ),
    Case(
        "adoption IRI without its meeting and source (#adoption)",
        "AdoptionShape",
        part_named_by_position(l2_adoption, "adoption"),
        around=L2,
    ),
    Case(
        "statement IRI numbered by position (#statement_003)",
        "StatementShape",
        part_named_by_position(usa_statement, "statement_003"),
    ),
    Case(
        "sponsorship IRI without its source",
        "SponsorshipShape",
        part_named_by_position(l11_sponsorship, "sponsorship_original_group-african-states"),
        around=L11,
    ),
    Case(
        "State IRI in upper case",
        "StateShape",
        state_iri_in_upper_case,
        from_text=False,
        seed_changes=False,
    ),
    # property constraints
    Case(
        "draft without title",
        "DescribedDraftResolutionShape-title",
        without(DCTERMS.title, l2),
        around=L2,
    ),
    Case(
        "draft without report",
        "DescribedDraftResolutionShape-recommendedIn",
        without(UNKG.recommendedIn, l2),
        around=L2,
    ),
    # A draft the report deals with has at most one section letter; none where Part II has no
    # lettered sections (the English reports of A/77/390, A/77/411).
    Case(
        "draft of the report in two sections",
        "DescribedDraftResolutionShape-draftSection",
        also(UNKG.draftSection, Literal("Z"), l2),
        around=L2,
    ),
    Case(
        "paragraph with two opening phrases",
        "ParagraphShape-opening",
        two_opening_phrases,
    ),
    Case(
        "draft symbol without dot",
        "DraftResolutionShape-identifier",
        with_value(DCTERMS.identifier, Literal("A/C.3/77/L2"), l2),
        around=L2,
    ),
    Case(
        "recommendedAs in Arabic numerals",
        "DescribedDraftResolutionShape-recommendedAs",
        with_value(UNKG.recommendedAs, Literal("1"), l2),
        around=L2,
    ),
    Case("draft adopted twice", "DraftResolutionShape-adoption", adopted_twice, around=L2),
    Case("statement concerning a report", "DescribedDraftResolutionShape", statement_on_a_report),
    Case(
        "ISO3 code in lower case",
        "StateShape-iso3166Alpha3",
        reference_value(UNKG.iso3166Alpha3, Literal("fra"), france),
        from_text=False,
    ),
    Case(
        "Member State with observer status",
        "MemberStateShape-membershipStatus",
        reference_value(UNKG.membershipStatus, UNKG.status_observer, france),
        from_text=False,
    ),
    Case(
        "session closing before it opens",
        "SessionShape-openingDate",
        reference_value(
            UNKG.closingDate, Literal(dt.date(2022, 1, 1)), lambda m: m.iri(SessionId("un-ga", 77))
        ),
        from_text=False,
    ),
    Case(
        # A session of another body known only as a deadline may have no date; the
        # Assembly's sessions are reference data and always have one (issue 10).
        "session of the Assembly without opening date",
        "SessionShape",
        reference_without(UNKG.openingDate, lambda m: m.iri(SessionId("un-ga", 77))),
        from_text=False,
    ),
    Case(
        "phase outside the phase scheme",
        "SponsorshipShape-phase",
        with_value(UNKG.phase, UNKG.timing_at_meeting, l11_sponsorship),
        around=L11,
    ),
    Case(
        "sponsorship without sponsor",
        "SponsorshipShape-sponsor",
        without(UNKG.sponsor, l11_sponsorship),
        around=L11,
    ),
    Case(
        "meeting number as a string",
        "MeetingShape-meetingNumber",
        with_value(UNKG.meetingNumber, Literal("45"), lambda _g, m: meeting(m, 45)),
    ),
    Case(
        "adoption without date", "AdoptionShape-date", without(DCTERMS.date, l2_adoption), around=L2
    ),
    Case(
        "source lines in the wrong order", "SourceLineStartShape", line_start_after_end, around=L2
    ),
    Case(
        "statement without source document",
        "SourceDocumentShape",
        without(UNKG.sourceDocument, usa_statement),
    ),
    Case(
        "agenda item title without language",
        "CommitteeReportShape-agendaItemTitle",
        with_value(
            UNKG.agendaItemTitle,
            Literal("Prévention du crime"),
            lambda g, _m: the(g, UNKG.CommitteeReport),
        ),
    ),
    Case(
        "expression in a language that is not a UN language",
        "ExpressionShape-language",
        with_value(DCTERMS.language, LANGUAGE.DEU, lambda g, _m: the(g, UNKG.Expression)),
        from_text=False,
    ),
    Case(
        "vote choice as a literal",
        "VoteShape-voteChoice",
        vote_with_literal_choice,
        around=L2,
        from_text=False,
    ),
    Case("footnote number 0", "FootnoteShape-footnoteNumber", footnote_zero),
    # issue 10.6: shapes for instruments, subparagraphs, preambles, and ISO codes of one State
    Case(
        "two States with one ISO alpha-3 code",
        "UniqueIsoCodeShape",
        state_with_the_code_of("FRA", UNKG.iso3166Alpha3),
        from_text=False,
    ),
    Case(
        "two States with one ISO alpha-2 code",
        "UniqueIsoCodeShape",
        state_with_the_code_of("FR", UNKG.iso3166Alpha2),
        from_text=False,
    ),
    Case(
        "instrument with two English names",
        "InstrumentShape-prefLabel",
        instrument_named_twice_in_english,
        from_text=False,
    ),
    Case(
        "instrument in two UNTS volumes",
        "InstrumentShape-untsVolume",
        instrument_in_two_unts_volumes,
        from_text=False,
    ),
    Case(
        "subparagraph label in brackets", "SubParagraphShape-label", subparagraph_label_in_brackets
    ),
    Case(
        "subparagraph of no paragraph", "SubParagraphShape-paragraph", subparagraph_of_no_paragraph
    ),
    Case(
        "operative paragraph in the preamble",
        "PreambleShape-paragraph",
        operative_paragraph_in_the_preamble,
        from_text=False,
    ),
    Case("preamble of no text", "PreambleShape-text", preamble_of_no_text, from_text=False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_is_reported(case: Case, sample: Sample, shapes: Graph, hierarchy: Graph) -> None:
    report, reference = copy(sample.graph), copy(sample.reference)
    focus = case.brk(report, reference, sample.minter)
    seeds: set[Node] = {focus}
    if case.seed_changes:
        seeds |= changed(sample.graph, report) | changed(sample.reference, reference)
    if case.around is not None:
        seeds |= around_draft(sample.graph, case.around)
    result = validate_around(report, reference, seeds, shapes, hierarchy)

    found = [v for v in result.violations if v.rule == case.rule and v.focus == str(focus)]
    assert found, f"{case.rule} not reported for {focus}: " + "; ".join(map(str, result.violations))
    violation: Violation = found[0]
    assert violation.severity == case.severity
    assert violation.document == SAMPLE_NAME
    assert len(violation.message) > 20 and "ConstraintComponent" not in violation.message
    line = report.value(focus, UNKG.sourceLineStart)
    if case.from_text:
        assert isinstance(line, Literal)
        assert violation.source_line == int(line)
    else:
        assert line is None and violation.source_line is None
    assert result.conforms is (case.severity != "Violation")


REQUIRED_RULES = {
    "AdoptionMeetingDateShape",  # a
    "SponsorIsStateOrGroupShape",  # b
    "DuplicateSponsorShape",  # c
    "AdoptionWithinSessionShape",  # d
    "MeetingDateShape",  # e
    "StatementTimingShape",  # f
    "SponsorshipAtMeetingShape",  # g
    "SponsorshipMeetingShape",  # g
}


def test_every_rule_has_a_negative_case(shapes: Graph) -> None:
    covered = {c.rule for c in CASES}
    assert covered >= REQUIRED_RULES
    rules = {str(s).removeprefix(str(SHAPES)) for s in shapes.subjects(SH.sparql, None)}
    assert rules <= covered, rules - covered
    for rule in covered:
        assert (SHAPES[rule], None, None) in shapes, rule


def only_shape(shapes: Graph, name: str) -> Graph:
    """A shapes graph with one node shape, its blank-node constraints and the prefixes."""
    graph = Graph()

    def copy(node: Node) -> None:
        for triple in shapes.triples((node, None, None)):
            graph.add(triple)
            if isinstance(triple[2], BNode):
                copy(triple[2])

    copy(SHAPES[name])
    copy(URIRef("https://w3id.org/unkg/shapes"))
    return graph


SPARQL_CASES = [
    c
    for c in CASES
    if c.rule
    in {
        "AdoptionMeetingDateShape",
        "DuplicateSponsorShape",
        "AdoptionWithinSessionShape",
        "MeetingDateShape",
        "StatementTimingShape",
        "SponsorshipMeetingShape",
        "MeetingWithinSessionShape",
        "SummaryRecordDateShape",
        "UniqueIsoCodeShape",
    }
]


@pytest.mark.parametrize("case", SPARQL_CASES, ids=lambda case: case.id)
def test_oxigraph_evaluation_of_sparql_rules_agrees_with_pyshacl(
    case: Case, sample: Sample, shapes: Graph, hierarchy: Graph
) -> None:
    """kg.validate runs SHACL-SPARQL rules in Oxigraph: same results as pyshacl's own run."""
    report, reference = copy(sample.graph), copy(sample.reference)
    focus = case.brk(report, reference, sample.minter)
    seeds: set[Node] = (
        {focus} | changed(sample.graph, report) | changed(sample.reference, reference)
    )
    if case.around is not None:
        seeds |= around_draft(sample.graph, case.around)
    nodes = neighbourhood(report, reference, seeds)
    # Only the rule's own shape: pyshacl's run of every shape over the neighbourhood is what
    # this comparison would otherwise spend its time on.
    rule_shapes = only_shape(shapes, case.rule)
    args = (
        restrict(report, nodes),
        [restrict(reference, nodes), hierarchy],
        rule_shapes,
        SAMPLE_NAME,
    )
    ours = validate_graph(*args)
    theirs = validate_graph_with_pyshacl_only(*args)

    def key(report: ValidationReport) -> set[tuple[str, str, str | None, str]]:
        return {(v.rule, v.focus, v.path, v.severity) for v in report.violations}

    assert key(ours) == key(theirs)
    assert ours.conforms == theirs.conforms
