"""English committee reports of four Main Committees, read from their real text.

The six reports are `pdftotext` output (tests/fixtures/corpus/en/, copies of the shared corpus);
every expected value is read from the line of the file the comment names, and the golden
tables in tests/golden/en/ are described line by line in tests/golden/en/README.md.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from golden_tables import GOLDEN, assert_same_rows, query_tables, records

from kg.build import Settings, build, read_sources
from kg.lang import detect, language
from kg.model import (
    ActorRef,
    AdoptionMethod,
    DraftResolution,
    OfficeRef,
    ParagraphKind,
    Report,
    SponsorshipPhase,
    StatementTiming,
    SubmissionMode,
    VoteChoice,
    VotedPart,
    VoteOutcome,
)
from kg.parse.report import normalize_report, parse_report
from kg.reference.resolver import EntityResolver

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "en"
FILES = (
    "A_77_376.en.txt",
    "A_77_390.en.txt",
    "A_77_411.en.txt",
    "A_77_442.en.txt",
    "A_77_463_Add.1.en.txt",
    "A_77_466.en.txt",
)


@pytest.fixture(scope="module")
def reports(resolver: EntityResolver) -> dict[str, Report]:
    parsed = {}
    for name in FILES:
        text = (CORPUS / name).read_text(encoding="utf-8")
        parsed[name] = parse_report(normalize_report(name, text), resolver)
    return parsed


def draft(report: Report, symbol: str) -> DraftResolution:
    return next(d for d in report.drafts if d.symbol == symbol)


def state(iso3: str) -> ActorRef:
    return ActorRef("state", iso3)


def test_language_is_read_from_the_text(reports: dict[str, Report], sample_text: str) -> None:
    assert {r.language for r in reports.values()} == {"en"}
    assert detect(sample_text.splitlines()) is language("fr")
    assert detect(["Il était une fois."]) is None


@pytest.mark.parametrize(
    ("name", "identity", "item", "title"),
    [
        # Each header: symbol (l. 1), agenda item (l. 12), title, `Report of the ... Committee`.
        ("A_77_376.en.txt", ("A/77/376", "un-ga-c1"), 90, "Reduction of military budgets"),
        (
            "A_77_411.en.txt",
            ("A/77/411", "un-ga-c6"),
            73,
            "Responsibility of States for internationally wrongful acts",
        ),
        (
            "A_77_442.en.txt",
            ("A/77/442", "un-ga-c2"),
            17,
            "Follow-up to and implementation of the "
            "outcomes of the International Conferences on Financing for Development",
        ),
        (
            "A_77_463_Add.1.en.txt",
            ("A/77/463/Add.1", "un-ga-c3"),
            68,
            "Promotion and protection of human rights: implementation of human rights instruments",
        ),
        ("A_77_466.en.txt", ("A/77/466", "un-ga-c3"), 111, "International drug control"),
    ],
)
def test_report_header(
    reports: dict[str, Report], name: str, identity: tuple[str, str], item: int, title: str
) -> None:
    report = reports[name]
    assert (report.symbol, report.committee, report.session) == (*identity, 77)
    assert report.agenda_item_number == item
    assert report.agenda_item_title == title


def test_meetings_with_their_dates(reports: dict[str, Report]) -> None:
    meetings = {
        (m.ref.body, m.ref.number): m.date.isoformat() for m in reports["A_77_411.en.txt"].meetings
    }
    # l. 24 (3rd plenary meeting, 16 September 2022), l. 40 (1st meeting, 3 October 2022),
    # l. 65 (35th, 10 November), l. 70 (36th, 18 November). `at its 13th, 14th, 35th and 36th
    # meetings, on 13 October and on 10 and 18 November 2022` (l. 28-29) does not say which
    # meeting was on which day: no date is taken from it.
    assert meetings == {
        ("un-ga", 3): "2022-09-16",
        ("un-ga-c6", 1): "2022-10-03",
        ("un-ga-c6", 35): "2022-11-10",
        ("un-ga-c6", 36): "2022-11-18",
    }
    # A/77/442 l. 27-29: `at its 6th and 7th meetings, on 6 October`, `21st meeting, on
    # 10 November`, `22nd meeting, on 21 November 2022`.
    dated = {(m.ref.number, m.date.isoformat()) for m in reports["A_77_442.en.txt"].meetings}
    assert {(6, "2022-10-06"), (7, "2022-10-06"), (21, "2022-11-10"), (22, "2022-11-21")} <= dated


def test_documents_before_the_committee(reports: dict[str, Report]) -> None:
    def before(name: str) -> list[tuple[str, str]]:
        return [(d.symbol, d.kind) for d in reports[name].documents if d.meeting is None]

    # A/77/411 l. 33-38: `the following documents: (a) Report ... (A/77/198); (b) Report ...
    # (A/77/74).`; A/77/390 l. 57-59 and A/77/442 l. 34-36 (`( A/77/223)`): one report.
    assert before("A_77_411.en.txt") == [("A/77/198", "report"), ("A/77/74", "report")]
    assert before("A_77_390.en.txt")[0] == ("A/77/131", "report")
    assert before("A_77_442.en.txt")[0] == ("A/77/223", "report")
    # l. 101-107: the First Committee's verbatim records PV.2 to PV.32, not summary records;
    # PV.25 is named twice (with `PV.25 (Resumption 1)`).
    kinds = Counter(d.kind for d in reports["A_77_390.en.txt"].documents)
    assert kinds["verbatim_record"] == 32 and kinds["summary_record"] == 0


def test_recorded_vote_lists_every_state(reports: dict[str, Report]) -> None:
    adoption = draft(reports["A_77_466.en.txt"], "A/C.3/77/L.13/Rev.1").adoption
    assert adoption is not None
    # l. 80-81: `by a recorded vote of 116 to 9, with 45 abstentions`.
    assert adoption.method is AdoptionMethod.RECORDED_VOTE
    assert (adoption.votes_in_favour, adoption.votes_against, adoption.abstentions) == (116, 9, 45)
    assert adoption.meeting.number == 55 and adoption.date.isoformat() == "2022-11-17"
    choices = Counter(v.choice for v in adoption.votes)
    assert choices == {VoteChoice.YES: 116, VoteChoice.NO: 9, VoteChoice.ABSTAIN: 45}
    assert len({v.state for v in adoption.votes}) == 170
    by_state = {v.state.code: v.choice for v in adoption.votes}
    # `Austra lia` (l. 84), `I taly` (l. 91), United States (l. 101), Türkiye (l. 105),
    # China (l. 107), `GuineaBissau` (l. 108).
    assert by_state["AUS"] is VoteChoice.YES
    assert by_state["ITA"] is VoteChoice.YES
    assert by_state["USA"] is VoteChoice.YES
    assert by_state["TUR"] is VoteChoice.NO
    assert by_state["CHN"] is VoteChoice.ABSTAIN
    assert by_state["GNB"] is VoteChoice.ABSTAIN


def test_separate_votes_on_paragraphs(reports: dict[str, Report]) -> None:
    l24 = draft(reports["A_77_390.en.txt"], "A/C.1/77/L.24")
    votes = {v.part: v for v in l24.paragraph_votes}
    operative = ParagraphKind.OPERATIVE
    assert set(votes) == {VotedPart(operative, 2), VotedPart(operative, 5)}
    # l. 73: `Operative paragraph 2 was retained by a recorded vote of 166 to 2`; l. 126 `None.`
    second = votes[VotedPart(operative, 2)]
    assert second.part.label == "operative 2"
    assert second.outcome is VoteOutcome.RETAINED
    assert (second.votes_in_favour, second.votes_against, second.abstentions) == (166, 2, 0)
    assert Counter(v.choice for v in second.votes) == {VoteChoice.YES: 166, VoteChoice.NO: 2}
    # The In favour list runs over the page break at l. 99-119, a footnote block in between.
    assert {state("FIN"), state("TGO"), state("TTO"), state("ZWE")} <= {
        v.state for v in second.votes if v.choice is VoteChoice.YES
    }
    fifth = votes[VotedPart(operative, 5)]
    assert (fifth.votes_in_favour, fifth.votes_against, fifth.abstentions) == (165, 2, 0)
    assert state("MDA") in {v.state for v in fifth.votes}  # `Republic o f Moldova`, l. 147
    # l. 160-161: as a whole `by a recorded vote of 172 to none, with 2 abstentions`.
    whole = l24.adoption
    assert whole is not None and whole.meeting.number == 31
    assert (whole.votes_in_favour, whole.votes_against, whole.abstentions) == (172, 0, 2)
    assert Counter(v.choice for v in whole.votes) == {VoteChoice.YES: 172, VoteChoice.ABSTAIN: 2}
    assert state("KIR") not in {v.state for v in whole.votes}  # footnote 4 only


def test_withdrawal_in_favour_of_the_vice_chairs_text(reports: dict[str, Report]) -> None:
    report = reports["A_77_442.en.txt"]
    assert [d.symbol for d in report.drafts] == ["A/C.2/77/L.10", "A/C.2/77/L.50"]
    l10, l50 = report.drafts
    # l. 67-71: Pakistan, on behalf of the Group of 77 and China, introduced L.10.
    assert l10.submission is not None
    assert l10.submission.mode is SubmissionMode.ON_BEHALF_OF_GROUP
    assert l10.submission.submitted_by == state("PAK")
    assert l10.submission.on_behalf_of == ActorRef("group", "g77-china")
    assert l10.adoption is None
    # l. 85-86: `In the light of the adoption of draft resolution A/C.2/77/L.50, draft
    # resolution A/C.2/77/L.10 was withdrawn by its sponsors.`
    assert l10.withdrawal is not None
    assert l10.withdrawal.in_favour_of == "A/C.2/77/L.50"
    assert l10.withdrawal.meeting is not None and l10.withdrawal.meeting.number == 22
    # l. 75: `submitted by the ViceChair of the Committee, Vladamir Budhu (Trinidad and
    # Tobago)`: the office submits, not Trinidad and Tobago.
    assert l50.submission is not None
    assert l50.submission.mode is SubmissionMode.BY_OFFICE
    assert l50.submission.office == OfficeRef("un-ga-c2", "vice-chair")
    assert l50.submission.submitted_by is None
    assert l50.submission.office_holder == state("TTO")
    assert l50.adoption is not None and l50.withdrawal is None
    # l. 83-84: after the adoption, the United States.
    assert [(s.speaker, s.timing) for s in l50.statements] == [
        (state("USA"), StatementTiming.AFTER_ADOPTION)
    ]


def test_draft_introduced_on_behalf_of_the_bureau(reports: dict[str, Report]) -> None:
    l17 = draft(reports["A_77_411.en.txt"], "A/C.6/77/L.17")
    # l. 70-71: `the representative of Brazil, on behalf of the Bureau, introduced`.
    assert l17.submission is not None
    assert l17.submission.office == OfficeRef("un-ga-c6", "bureau")
    assert l17.submission.office_holder == state("BRA")
    assert l17.sponsorships == ()
    # l. 74-75: the Secretary's statement on the financial implications, 36th meeting.
    assert l17.budget_implications is not None
    assert l17.budget_implications.meeting.number == 36


def phases(d: DraftResolution) -> Counter[SponsorshipPhase]:
    return Counter(s.phase for s in d.sponsorships)


def test_sponsors_in_their_three_phases(reports: dict[str, Report]) -> None:
    report = reports["A_77_463_Add.1.en.txt"]
    l40 = draft(report, "A/C.3/77/L.40")
    # l. 102-109: 40 States submitted L.40; l. 109-114: 31 joined later (`Türki̇ ye` with
    # U+0307, l. 113); l. 115-116: Bhutan, Guinea and Timor-Leste at the 54th meeting.
    assert phases(l40) == {
        SponsorshipPhase.ORIGINAL: 40,
        SponsorshipPhase.LATER: 31,
        SponsorshipPhase.AT_MEETING: 3,
    }
    assert state("TUR") in {s.actor for s in l40.sponsorships}
    at_meeting = {s.actor.code for s in l40.sponsorships if s.phase is SponsorshipPhase.AT_MEETING}
    assert at_meeting == {"BTN", "GIN", "TLS"}
    assert {s.meeting.number for s in l40.sponsorships if s.meeting} == {54}
    # l. 84-85: eight States at the 47th meeting.
    l45 = draft(report, "A/C.3/77/L.45")
    assert phases(l45)[SponsorshipPhase.AT_MEETING] == 8
    # A/77/466 l. 64-65: `submitted by Ecuador, Honduras and Mexico`; l. 73-74: four at the
    # meeting.
    l13 = draft(reports["A_77_466.en.txt"], "A/C.3/77/L.13/Rev.1")
    original = {s.actor.code for s in l13.sponsorships if s.phase is SponsorshipPhase.ORIGINAL}
    assert original == {"ECU", "HND", "MEX"}
    assert phases(l13)[SponsorshipPhase.AT_MEETING] == 4
    # A/77/390 l. 63-65: the delegation of Algeria, on behalf of 18 States (Algeria among them).
    l24 = draft(reports["A_77_390.en.txt"], "A/C.1/77/L.24")
    assert phases(l24) == {SponsorshipPhase.ORIGINAL: 18, SponsorshipPhase.LATER: 12}


def test_statements_before_and_after_the_vote(reports: dict[str, Report]) -> None:
    l13 = draft(reports["A_77_466.en.txt"], "A/C.3/77/L.13/Rev.1")
    timing = {(s.speaker.code, s.timing) for s in l13.statements}
    # l. 113-124: before the vote, India ... Libya in explanation of vote, and Czechia (on
    # behalf of the European Union) ... Mexico; l. 125-129: after the vote, Malaysia ... the
    # Syrian Arab Republic, the United States and the observer for the Holy See.
    assert ("IND", StatementTiming.BEFORE_ADOPTION) in timing
    assert ("LBY", StatementTiming.BEFORE_ADOPTION) in timing
    assert ("VEN", StatementTiming.AFTER_ADOPTION) in timing
    assert ("VAT", StatementTiming.AFTER_ADOPTION) in timing
    czechia = next(s for s in l13.statements if s.speaker == state("CZE"))
    assert czechia.on_behalf_of == (ActorRef("body", "eu"),)
    guatemala = next(s for s in l13.statements if s.speaker == state("GTM"))
    assert guatemala.on_behalf_of == ()
    # A/77/463/Add.1 l. 117-118: Iceland `(also on behalf of Belgium, Slovenia and the Nordic
    # countries)`.
    l40 = draft(reports["A_77_463_Add.1.en.txt"], "A/C.3/77/L.40")
    iceland = next(s for s in l40.statements if s.speaker == state("ISL"))
    assert iceland.on_behalf_of == (
        state("BEL"),
        state("SVN"),
        ActorRef("group", "nordic-countries"),
    )


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        # SOURCES.md and the texts: one unnumbered text, or draft resolutions I and II.
        ("A_77_376.en.txt", [("A/C.1/77/L.63", "", 10)]),
        ("A_77_390.en.txt", [("A/C.1/77/L.24", "", 9)]),
        ("A_77_411.en.txt", [("A/C.6/77/L.17", "", 9)]),
        ("A_77_442.en.txt", [("A/C.2/77/L.50", "", 29)]),
        ("A_77_463_Add.1.en.txt", [("A/C.3/77/L.45", "I", 53), ("A/C.3/77/L.40", "II", 10)]),
        ("A_77_466.en.txt", [("A/C.3/77/L.13/Rev.1", "", 58)]),
    ],
)
def test_recommended_texts(
    reports: dict[str, Report], name: str, texts: list[tuple[str, str, int]]
) -> None:
    found = [(t.symbol, t.label, len(t.operative)) for t in reports[name].texts]
    assert found == texts
    assert all(t.language == "en" for t in reports[name].texts)


def test_footnotes_of_the_recommended_text_restart(reports: dict[str, Report]) -> None:
    report = reports["A_77_466.en.txt"]
    # The report's own footnotes 1-2 (l. 46-52), then the text's 1-27.
    assert [f.number for f in report.footnotes] == [1, 2]
    assert [f.number for f in report.texts[0].footnotes] == list(range(1, 28))


# --- the shipped queries over the six reports --------------------------------------------------


@pytest.fixture(scope="module")
def english_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("english-reports")
    settings = Settings(store=root / "store", exports=root / "exports")
    build(read_sources([CORPUS / name for name in FILES]), settings)
    return settings


def golden_en(name: str) -> list[tuple[str, ...]]:
    with (GOLDEN / "en" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return [tuple(row.values()) for row in csv.DictReader(file)]


def test_queries_over_the_english_reports(english_build: Settings) -> None:
    tables = query_tables(english_build.store, ["drafts", "votes", "sponsors", "amendments"])
    assert tables["votes"][0] == ["draft_symbol", "part", "state_iso3", "state_name", "vote"]
    assert tables["amendments"] == [["amendment_symbol", "draft_symbol", "outcome"]]
    drafts = [tuple(r.values()) for r in records(tables["drafts"])]
    assert_same_rows("en/drafts", drafts, golden_en("drafts"))
    votes = [tuple(r.values()) for r in records(tables["votes"])]
    assert_same_rows(
        "en/votes_not_in_favour",
        [v for v in votes if v[4] != "yes"],
        golden_en("votes_not_in_favour"),
    )
    in_favour = Counter((v[0], v[1]) for v in votes if v[4] == "yes")
    assert in_favour == {
        ("A/C.1/77/L.24", ""): 172,
        ("A/C.1/77/L.24", "operative 2"): 166,
        ("A/C.1/77/L.24", "operative 5"): 165,
        ("A/C.3/77/L.13/Rev.1", ""): 116,
    }
    sponsors = Counter((r["draft_symbol"], r["phase"]) for r in records(tables["sponsors"]))
    assert sponsors[("A/C.3/77/L.40", "original")] == 40
    assert sponsors[("A/C.2/77/L.10", "original")] == 1  # the Group of 77 and China
