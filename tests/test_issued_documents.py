"""Documents issued under their own symbol, recognised by content: adopted resolutions (English
from the shared corpus, French constructed) and a plenary draft (A/77/L.34); the registry of
document types and its one-line answer for what it does not read.

Every golden value below was read in the file (tests/fixtures/corpus/en/..., copies of
/work/shared/corpus/en; see en/SOURCES.md there for each file's oddities); the line numbers
are those of the file.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal
from rdflib.namespace import DCTERMS

from kg.build import map_document, validate_reports
from kg.doctypes import REGISTRY, Source, parse_document, read_head
from kg.errors import InputError
from kg.ids import IriMinter
from kg.mapping import map_reference
from kg.mapping.draft import map_draft_document
from kg.model import DraftDocument, DraftKind, ResolutionText, SponsorshipPhase, TextKind
from kg.parse.instruments import InstrumentTable, load_instruments
from kg.parse.normalize import NormalizedDocument
from kg.parse.pdf import normalize_pdf
from kg.parse.phrases import LANGUAGES, Phrase, load_phrases
from kg.reference.resolver import EntityResolver
from kg.reference.states import ReferenceData
from kg.vocab import UNKG

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def instruments() -> InstrumentTable:
    return load_instruments()


def read(
    path: str, resolver: EntityResolver, instruments: InstrumentTable
) -> ResolutionText | DraftDocument:
    document = parse_document(Path(path).name, (CORPUS / path).read_bytes(), resolver, instruments)
    assert isinstance(document, ResolutionText | DraftDocument)
    return document


def adopted(path: str, resolver: EntityResolver, instruments: InstrumentTable) -> ResolutionText:
    document = read(path, resolver, instruments)
    assert isinstance(document, ResolutionText)
    return document


# --- adopted resolutions, golden values read in the files --------------------------------------


def test_a_res_77_30(resolver: EntityResolver, instruments: InstrumentTable) -> None:
    text = adopted("en/A_RES_77_30.en.txt", resolver, instruments)
    assert (text.kind, text.symbol, text.label, text.language) == (
        TextKind.ADOPTED,
        "A/RES/77/30",  # line 1
        "77/30",  # line 21
        "en",
    )
    assert text.title == "Assistance to the Palestinian people"  # line 23
    assert text.session == 77 and text.agenda_items == (69,)  # lines 10-11
    assert text.issue_date == dt.date(2022, 12, 8)  # lines 7-8
    assert text.adoption_date == dt.date(2022, 12, 6)  # lines 17-18 and 314
    assert text.plenary_meeting == 45  # line 313
    # line 19: `[without reference to a Main Committee (A/77/L.34)]`
    assert text.without_reference_to_committee and text.adopted_on_report is None
    assert text.draft_symbols == ("A/77/L.34",)
    # 30 preambular paragraphs from `Recalling` (line 25) to `Expressing grave concern` (line
    # 186); 21 operative (`1.` line 187 ... `21. Decides` line 309); footnotes 1-5 on p. 1,
    # 6 (`A/77/93-E/2022/67.`) and 7 (`A/51/889-S/1997/357, annex.`).
    assert (len(text.preamble), len(text.operative), len(text.footnotes)) == (30, 21, 7)
    underlining = text.preamble[13]  # line 95, after a line the layout filled (line 94)
    assert (underlining.span.start_line, underlining.opening_phrase) == (95, "underlining")
    # lines 195-196: `3.` `Also expresses its appreciation`: listed head, `Also` a modifier
    third = text.operative[2]
    assert (third.opening_phrase, third.opening_modifiers) == ("expresses_appreciation", ("Also",))
    assert text.warnings == ()


def test_a_res_76_300(resolver: EntityResolver, instruments: InstrumentTable) -> None:
    text = adopted("en/A_RES_76_300.en.txt", resolver, instruments)
    assert text.symbol == "A/RES/76/300"
    # line 23
    assert text.title == "The human right to a clean, healthy and sustainable environment"
    assert text.agenda_items == (74,)  # line 11: `Agenda item 74 (b)`
    assert text.issue_date == dt.date(2022, 8, 1)  # line 8
    assert (text.plenary_meeting, text.adoption_date) == (97, dt.date(2022, 7, 28))  # 173-174
    assert text.draft_symbols == ("A/76/L.75", "A/76/L.75/Add.1")  # line 19
    # 20 preambular (`Guided by` line 25 ... `Noting also` line 155), 4 operative (lines
    # 158-172), 14 footnotes (SOURCES.md; 14 is `A/73/188, A/74/161 ...` on p. 3).
    assert (len(text.preamble), len(text.operative), len(text.footnotes)) == (20, 4, 14)
    # lines 71-75: `... held in Rio de Janeiro,` / `Brazil, in June 2012, ...` is one paragraph
    recalling = text.preamble[4]
    assert (recalling.span.start_line, recalling.span.end_line) == (71, 75)
    assert text.preamble[5].span.start_line == 76  # `Recalling also Human Rights Council`
    # line 78-81: `2020, 8 45/17 of ...` and `2020 10 and 46/7`: footnote calls 8 to 11
    assert text.preamble[6].footnote_calls == (8, 9, 10, 11)
    assert text.warnings == ()


def test_a_res_77_100_with_its_annexed_convention(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    text = adopted("en/A_RES_77_100.en.txt", resolver, instruments)
    assert text.symbol == "A/RES/77/100"
    # lines 21-22
    assert text.title == (
        "United Nations Convention on the International Effects of Judicial Sales of Ships"
    )
    # line 17: `[on the report of the Sixth Committee (A/77/413, para. 11)]`
    assert text.adopted_on_report == "A/77/413" and not text.without_reference_to_committee
    assert (text.plenary_meeting, text.adoption_date) == (47, dt.date(2022, 12, 7))  # 83-84
    assert text.issue_date == dt.date(2022, 12, 19)  # line 8
    # 9 preambular (`Recalling` line 24 ... `Expressing its appreciation` line 65), 4 operative
    # (lines 67-82), 2 footnotes (lines 105-108); the Convention after the closing lines
    # (`Annex` line 85, 23 articles, its own annexes I and II) is not the resolution's text.
    assert (len(text.preamble), len(text.operative), len(text.footnotes)) == (9, 4, 2)
    assert text.preamble[3].opening_phrase == "wishing"  # line 36: `Wishing, for that purpose,`
    # line 63: `Taking note with satisfaction of the draft convention`
    assert text.preamble[7].opening_phrase == "taking_note_with_satisfaction"
    (annex,) = text.annexes
    assert annex.title == text.title  # lines 86-87
    assert (annex.span.start_line, annex.introduction, annex.paragraphs) == (85, (), ())
    assert text.warnings == ()


def test_a_french_adopted_resolution(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    # Constructed (its first line says so), in the wording of French A/RES documents.
    text = adopted("fr/A_RES_77_30.fr.txt", resolver, instruments)
    assert (text.symbol, text.label, text.language) == ("A/RES/77/30", "77/30", "fr")
    assert text.title == "Assistance au peuple palestinien"  # line 24
    assert text.agenda_items == (69,)  # line 12: `Point 69 b) de l’ordre du jour`
    assert (text.issue_date, text.adoption_date) == (dt.date(2022, 12, 8), dt.date(2022, 12, 6))
    assert text.plenary_meeting == 45  # line 57: `45e séance plénière`
    assert text.draft_symbols == ("A/77/L.34",)  # line 20
    assert (len(text.preamble), len(text.operative), len(text.footnotes)) == (5, 5, 2)
    openings = [(p.opening_phrase, p.opening_modifiers) for p in text.operative]
    assert openings == [
        ("takes_note", ()),
        ("expresses_appreciation", ()),  # `Exprime sa gratitude`
        ("urges", ("de nouveau",)),  # `Prie de nouveau instamment`
        ("urges", ()),  # `Engage vivement`, listed whole
        ("decides", ()),
    ]
    assert text.warnings == ()


def test_closing_lines_apart_and_missing(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    source = (CORPUS / "en" / "A_RES_76_300.en.txt").read_text(encoding="utf-8")
    lines = source.split("\n")
    assert lines[172:174] == ["97th plenary meeting", "28 July 2022"]
    # The date printed before the meeting line (A/RES/77/249 prints them apart): still read.
    swapped = "\n".join([*lines[:172], lines[173], "", lines[172], *lines[174:]])
    text = adopted_from(swapped, resolver, instruments)
    assert (text.plenary_meeting, text.adoption_date) == (97, dt.date(2022, 7, 28))
    # Without its closing lines, the text is read with a warning naming the last line.
    cut = "\n".join([*lines[:172], *lines[174:]])
    text = adopted_from(cut, resolver, instruments)
    assert text.plenary_meeting is None and len(text.operative) == 4
    (warning,) = text.warnings
    assert "ends without its closing lines" in warning.message


def adopted_from(
    text: str, resolver: EntityResolver, instruments: InstrumentTable
) -> ResolutionText:
    document = parse_document("A_RES_76_300.en.txt", text.encode(), resolver, instruments)
    assert isinstance(document, ResolutionText)
    return document


# --- a draft issued as a document ---------------------------------------------------------------


def test_a_77_l34(resolver: EntityResolver, instruments: InstrumentTable) -> None:
    draft = read("en/A_77_L.34.en.txt", resolver, instruments)
    assert isinstance(draft, DraftDocument)
    assert (draft.symbol, draft.kind, draft.body, draft.session) == (
        "A/77/L.34",  # line 1
        DraftKind.RESOLUTION,  # line 21: `...: draft resolution`
        "un-ga",  # a plenary draft: no `C.n` in the symbol
        77,  # line 11
    )
    assert draft.issue_date == dt.date(2022, 11, 30)  # lines 7-8, `Distr.: Limited`
    assert draft.original_language == "English"  # line 9
    assert draft.agenda_items == (69,)  # line 12
    assert draft.agenda_item_title == (  # lines 13-16
        "Strengthening of the coordination of humanitarian and disaster relief assistance of "
        "the United Nations, including special economic assistance: assistance to the "
        "Palestinian people"
    )
    assert draft.title == "Assistance to the Palestinian people"  # line 23
    # lines 17-21: 32 States, `Austria` ... `Spain` / `and Sweden: draft resolution`
    codes = [s.actor.code for s in draft.sponsorships]
    assert len(codes) == 32 and codes[:2] == ["AUT", "BEL"] and codes[-2:] == ["ESP", "SWE"]
    assert {s.phase for s in draft.sponsorships} == {SponsorshipPhase.ORIGINAL}
    assert {(s.span.start_line, s.span.end_line) for s in draft.sponsorships} == {(17, 21)}
    text = draft.text
    assert text.kind is TextKind.DRAFT and text.formula == "The General Assembly,"  # line 24
    # the same text as A/RES/77/30: 30 preambular, 21 operative (`21. Decides` line 299), 7
    # footnotes
    assert (len(text.preamble), len(text.operative), len(text.footnotes)) == (30, 21, 7)
    # lines 283-285: `(a)` / `people;` / `An assessment ... Palestinian` read in order
    points = text.operative[19].sub_paragraphs
    assert [p.label for p in points] == ["a", "b"]
    assert points[0].text == (
        "An assessment of the assistance actually received by the Palestinian people;"
    )
    assert draft.warnings == ()


def test_a_draft_maps_to_a_sponsored_draft_resolution(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    draft = read("en/A_77_L.34.en.txt", resolver, instruments)
    assert isinstance(draft, DraftDocument)
    graph = map_draft_document(draft, IriMinter())
    (node,) = graph.subjects(DCTERMS.identifier, Literal("A/77/L.34"))
    assert (node, RDF.type, UNKG.DraftResolution) in graph
    assert (node, UNKG.workDate, Literal(draft.issue_date)) in graph
    assert str(node) == "https://w3id.org/unkg/akn/un/doc/A-77-L.34"  # by symbol alone
    sponsorships = list(graph.subjects(UNKG.sponsorshipOf, node))
    assert len(sponsorships) == 32
    assert {graph.value(s, UNKG.phase) for s in sponsorships} == {UNKG.phase_original}


def test_a_truncated_draft_warns(resolver: EntityResolver, instruments: InstrumentTable) -> None:
    lines = (CORPUS / "en" / "A_77_L.34.en.txt").read_text(encoding="utf-8").split("\n")
    assert lines[299].startswith("under the item entitled")  # line 300, inside paragraph 21
    cut = "\n".join(lines[:300])
    draft = parse_document("A_77_L.34.en.txt", cut.encode(), resolver, instruments)
    assert isinstance(draft, DraftDocument)
    (warning,) = draft.warnings
    assert warning.line == 300 and "ends without its final full stop" in warning.message


# --- recognition by content ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("en/A_RES_77_30.en.txt", ("adopted resolutions", "en")),
        ("fr/A_RES_77_30.fr.txt", ("adopted resolutions", "fr")),
        ("en/A_77_L.34.en.txt", ("drafts issued as documents", "en")),
        ("A_RES_73_6-EN.pdf", ("adopted resolutions", "en")),
    ],
)
def test_recognised_by_content_not_by_name(path: str, expected: tuple[str, str]) -> None:
    data = (CORPUS / path).read_bytes()
    source = (
        Source("renamed.bin", None, _pdf(data))
        if data.startswith(b"%PDF")
        else Source("renamed.bin", data.decode("utf-8"), None)
    )
    head = read_head(source)
    entry = next(entry for entry in REGISTRY if entry.recognise(head))
    assert head.lexicon is not None
    assert (entry.name, head.lexicon.language) == expected


def _pdf(data: bytes) -> NormalizedDocument:
    return normalize_pdf("renamed.bin", data)


def test_an_unrecognised_document_gets_one_line(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    with pytest.raises(InputError) as raised:
        parse_document("notes.txt", b"Minutes of the book club\n\nWe met.\n", resolver, instruments)
    message = str(raised.value)
    assert "\n" not in message
    assert "a text without a UN symbol in its header" in message
    assert "expected a committee report (text), an adopted resolution or a draft" in message
    assert "English" in message and "French" in message
    # a UN symbol but no type's heading: said so, and no claim about languages
    with pytest.raises(InputError, match="with the symbol A/77/999 but none of the headings"):
        parse_document(
            "x.txt", b"A/77/999\n\nGeneral Assembly\n\nOriginal: English\n", resolver, instruments
        )


# --- properties of the phrase matching with modifiers ------------------------------------------

_TABLES = {language: load_phrases(language) for language in LANGUAGES}


@st.composite
def _phrase_with_a_modifier(draw: st.DrawFn) -> tuple[str, Phrase, str, str]:
    language = draw(st.sampled_from(LANGUAGES))
    table = _TABLES[language]
    phrase = draw(st.sampled_from(table.phrases))
    modifier = " ".join(draw(st.sampled_from(table.modifiers)))
    return language, phrase, modifier, draw(st.sampled_from(["the", "les", "that", "à"]))


@settings(max_examples=300, deadline=None)
@given(_phrase_with_a_modifier())
def test_a_modifier_before_a_listed_phrase_keeps_its_concept(
    case: tuple[str, Phrase, str, str],
) -> None:
    language, phrase, modifier, rest = case
    table = _TABLES[language]
    text = f"{modifier.capitalize()} {phrase.text[:1].lower()}{phrase.text[1:]} {rest} ..."
    found = table.find(text)
    assert found is not None
    listed = table.find(f"{phrase.text} {rest}")
    assert listed is not None
    # The concept is the listed phrase's, or a longer listed phrase the modifier belongs to
    # (`Also` + `requests` is the row `Also requests`): never nothing, never another kind.
    assert found.kind is phrase.kind
    if found.modifiers:
        assert found.key == listed.key
        assert [m.casefold() for m in found.modifiers] == [modifier.casefold()]


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(
        st.sampled_from(
            [
                "Austria",
                "Belgium",
                "Czechia",
                "Saint Vincent and the Grenadines",
                "Trinidad and Tobago",
                "Sweden",
            ]
        ),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    width=st.integers(min_value=20, max_value=70),
)
def test_sponsors_line_reads_back_the_states_listed(
    names: list[str], width: int, resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    lines = (CORPUS / "en" / "A_77_L.34.en.txt").read_text(encoding="utf-8").split("\n")
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    wrapped = textwrap.wrap(f"{listed}: draft resolution", width=width, break_on_hyphens=False)
    changed = "\n".join([*lines[:16], *wrapped, *lines[21:]])  # lines 17-21: the sponsors
    draft = parse_document("A_77_L.34.en.txt", changed.encode(), resolver, instruments)
    assert isinstance(draft, DraftDocument)
    expected = [resolver.resolve(name) for name in names]
    assert [s.actor for s in draft.sponsorships] == expected
    assert draft.agenda_item_title.endswith("assistance to the Palestinian people")


def test_a_french_committee_draft_revised(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    # Constructed (its first line says so), in the wording of French committee drafts.
    draft = read("fr/A_C.3_77_L.30_Rev.1.fr.txt", resolver, instruments)
    assert isinstance(draft, DraftDocument)
    assert (draft.symbol, draft.body, draft.language) == ("A/C.3/77/L.30/Rev.1", "un-ga-c3", "fr")
    assert draft.kind is DraftKind.RESOLUTION  # line 21: `: projet de résolution révisé`
    assert (draft.issue_date, draft.original_language) == (dt.date(2022, 11, 15), "anglais")
    assert draft.agenda_items == (68,)  # line 15: `Point 68 b) de l’ordre du jour`
    assert draft.agenda_item_title.startswith("Promotion et protection")  # lines 16-19
    assert draft.title == "Coopération internationale dans le domaine des droits humains"
    codes = [s.actor.code for s in draft.sponsorships]  # lines 20-21
    assert codes == ["DZA", "BHR", "EGY", "JOR", "KWT", "MAR", "OMN", "QAT", "TUN"]
    text = draft.text
    assert (len(text.preamble), len(text.operative), len(text.footnotes)) == (3, 3, 1)
    second = text.operative[1]  # line 33: `Engage de nouveau vivement` = `Engage vivement`
    assert (second.opening_phrase, second.opening_modifiers) == ("urges", ("de nouveau",))
    assert [p.label for p in second.sub_paragraphs] == ["a", "b"]
    assert draft.warnings == ()


@pytest.mark.parametrize(
    "path", ["en/A_77_L.34.en.txt", "fr/A_C.3_77_L.30_Rev.1.fr.txt", "fr/A_RES_77_30.fr.txt"]
)
def test_the_graphs_conform_to_the_shapes(
    path: str, reference: ReferenceData, resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    document = read(path, resolver, instruments)
    minter = IriMinter()
    graph = map_document(document, minter)
    result = validate_reports([(document, graph)], map_reference(reference, minter))
    assert result.conforms, [str(v) for v in result.violations if v.severity == "Violation"]


@pytest.mark.parametrize(
    "path",
    [
        "en/A_RES_77_30.en.txt",
        "en/A_RES_76_300.en.txt",
        "en/A_RES_77_100.en.txt",
        "en/A_77_L.34.en.txt",
        "A_RES_73_6.en.txt",
    ],
)
def test_the_same_model_without_form_feeds(
    path: str, resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    # Saved without its page separators, a text is cut into pages at its furniture (job number
    # with page counter or barcode); the form feed sits inside a line, so lines keep numbers.
    data = (CORPUS / path).read_bytes()
    assert b"\f" in data
    name = Path(path).name
    with_feeds = parse_document(name, data, resolver, instruments)
    without = parse_document(name, data.replace(b"\f", b""), resolver, instruments)
    # A_RES_73_6.en.txt ends with a form feed alone on a last line: one line fewer without it.
    assert replace(without, span=with_feeds.span) == with_feeds


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Pakistan (on behalf of the Group of 77 and China): draft resolution",
            [("group", "g77-china")],
        ),
        ("Chile and Mexico: draft decision", [("state", "CHL"), ("state", "MEX")]),
    ],
)
def test_sponsors_for_a_group_and_draft_decisions(
    line: str,
    expected: list[tuple[str, str]],
    resolver: EntityResolver,
    instruments: InstrumentTable,
) -> None:
    # Lines 17-21 of A/77/L.34 (the sponsors) replaced by another sponsors line of the form
    # Second Committee drafts print (`X (on behalf of the Group of 77 and China): ...`).
    lines = (CORPUS / "en" / "A_77_L.34.en.txt").read_text(encoding="utf-8").split("\n")
    changed = "\n".join([*lines[:16], line, *lines[21:]])
    draft = parse_document("A_77_L.34.en.txt", changed.encode(), resolver, instruments)
    assert isinstance(draft, DraftDocument)
    assert [(s.actor.kind, s.actor.code) for s in draft.sponsorships] == expected
    decision = "draft decision" in line
    assert draft.kind is (DraftKind.DECISION if decision else DraftKind.RESOLUTION)


def test_a_french_resolution_adopted_on_a_report(
    resolver: EntityResolver, instruments: InstrumentTable
) -> None:
    # Line 20 of the constructed French resolution, `[sans renvoi à une grande commission
    # (A/77/L.34)]`, replaced by the line French resolutions print after a committee report.
    text = (CORPUS / "fr" / "A_RES_77_30.fr.txt").read_text(encoding="utf-8")
    before = "[sans renvoi à une grande commission (A/77/L.34)]"
    after = "[sur la base du rapport de la Troisième Commission (A/77/464, par. 93)]"
    assert text.split("\n")[19] == before
    document = parse_document(
        "A_RES_77_30.fr.txt", text.replace(before, after).encode(), resolver, instruments
    )
    assert isinstance(document, ResolutionText)
    assert document.adopted_on_report == "A/77/464"
    assert not document.without_reference_to_committee and document.draft_symbols == ()
