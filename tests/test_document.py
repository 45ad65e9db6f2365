"""Which parser reads a source, and a citation changed in the text changes the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.build import sample_source
from kg.doctypes import parse_document
from kg.errors import InputError
from kg.ids import IriMinter
from kg.mapping.report import map_report
from kg.mapping.text import known_citation_dates
from kg.model import Report, ResolutionText
from kg.parse.instruments import InstrumentTable, load_instruments
from kg.reference.resolver import EntityResolver
from kg.vocab import UNKG

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def instruments() -> InstrumentTable:
    return load_instruments()


def cited_numbers(text: ResolutionText) -> set[str]:
    return {c.number for p in (*text.preamble, *text.operative) for c in p.citations}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("A_RES_73_6.en.txt", ResolutionText),
        ("A_RES_73_6-EN.pdf", ResolutionText),
    ],
)
def test_adopted_resolutions_from_text_and_pdf(
    name: str, kind: type, resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    document = parse_document(name, (CORPUS / name).read_bytes(), resolver, instruments)
    assert isinstance(document, kind)
    assert isinstance(document, ResolutionText)
    assert (document.symbol, document.label, document.session) == ("A/RES/73/6", "73/6", 73)
    assert {"37/90", "54/68", "72/79"} <= cited_numbers(document)


def test_report_texts_are_enriched(resolver: EntityResolver, instruments: InstrumentTable) -> None:
    source = sample_source()
    report = parse_document(source.name, source.data, resolver, instruments)
    assert isinstance(report, Report)
    first = report.texts[0]
    # Projet de résolution I, third preambular paragraph: `sa résolution 46/152 du 18 décembre
    # 1991`; the last operative paragraph of text VII asks the Secretary-General for a report.
    assert "46/152" in cited_numbers(first)
    last = report.texts[-1].operative[-1]
    assert [(m.addressee.code, m.action, m.due_session) for m in last.mandates] == [
        ("un-sg", "requests", 78)
    ]


def test_changed_citation_changes_the_model(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    source = sample_source()
    data = source.data.replace(
        "sa résolution 46/152 du".encode(), "sa résolution 46/153 du".encode()
    )
    assert data != source.data
    report = parse_document(source.name, data, resolver, instruments)
    assert isinstance(report, Report)
    numbers = cited_numbers(report.texts[0])
    assert "46/153" in numbers and "46/152" not in numbers


def test_french_adopted_resolution_is_read_with_the_french_wording(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    # Was `test_adopted_resolution_in_another_language_is_refused`: issue 8 adds French adopted
    # resolutions. A French header without its text is recognised as a French adopted
    # resolution, and the error names the French formula the parser looked for.
    data = "A/RES/73/6\n\nRésolution adoptée par l’Assemblée générale le 26 octobre 2018\n"
    with pytest.raises(InputError) as error:
        parse_document("A_RES_73_6.fr.txt", data.encode(), resolver, instruments)
    assert "L’Assemblée générale," in str(error.value)


def test_undated_citations_take_the_date_another_text_of_the_report_prints(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    source = sample_source()
    report = parse_document(source.name, source.data, resolver, instruments)
    assert isinstance(report, Report)
    # Text I, line 512: "sa résolution 76/181 du 16 décembre 2021"; texts II and VII cite it
    # only in footnotes without a date ("Résolution 76/181, annexe.", lines 735 and 5220).
    assert str(known_citation_dates(report.texts)["A/RES/76/181"]) == "2021-12-16"
    second = next(text for text in report.texts if text.label == "II")
    assert "A/RES/76/181" not in known_citation_dates([second])  # text II alone: no date
    graph = map_report(report, IriMinter())
    # One IRI by symbol for every citation of it, dated or not; the date printed at line 512
    # is its work date, a property.
    work = URIRef("https://w3id.org/unkg/akn/un/doc/A-RES-76-181")
    lines = {
        int(str(graph.value(citation, UNKG.sourceLineStart)))
        for citation in graph.subjects(UNKG.citationTarget, work)
    }
    assert {512, 735, 5220} <= lines
    assert [str(date) for date in graph.objects(work, UNKG.workDate)] == ["2021-12-16"]
