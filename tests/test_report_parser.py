"""The report parser on the sample, and perturbations that show the model follows the text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from kg.errors import InputError
from kg.model import (
    ActorRef,
    AdoptionMethod,
    MeetingRef,
    OfficeRef,
    Report,
    SponsorshipPhase,
    StatementTiming,
    SubmissionMode,
)
from kg.parse.normalize import normalize
from kg.parse.report import parse_report
from kg.reference.resolver import EntityResolver


def parse(text: str, resolver: EntityResolver) -> Report:
    return parse_report(normalize("A_77_464.fr.txt", text), resolver)


def edit(text: str, old: str, new: str, count: int = 0) -> str:
    """Replace `old` (its spaces match any run of whitespace, line breaks included)."""
    pattern = r"\s+".join(re.escape(word) for word in old.split())
    changed, made = re.subn(pattern, new, text, count=count)
    assert made, f"perturbation did not apply: {old!r}"
    return changed


@pytest.fixture(scope="module")
def report(sample_text: str, resolver: EntityResolver) -> Report:
    return parse(sample_text, resolver)


def draft(report: Report, symbol: str):  # type: ignore[no-untyped-def]
    return next(d for d in report.drafts if d.symbol == symbol)


def test_report_metadata(report: Report) -> None:
    # Read from the page headers (A/77/464) and paragraph 1 of the report.
    assert report.symbol == "A/77/464"
    assert report.session == 77
    assert report.committee == "un-ga-c3"
    assert report.language == "fr"
    assert report.agenda_item_title == "Prévention du crime et justice pénale"


def test_documents_before_the_committee(report: Report) -> None:
    # Paragraph 3, items a) to e).
    before = [(d.symbol, d.kind) for d in report.documents if d.kind != "summary_record"]
    assert before == [
        ("A/77/127", "report"),
        ("A/77/128", "report"),
        ("A/77/132", "report"),
        ("A/77/164", "report"),
        ("A/77/125", "note"),
    ]
    records = {d.symbol: d.meeting.number for d in report.documents if d.meeting}
    # Footnotes 1 and 2 of the report.
    assert records == {
        "A/C.3/77/SR.5": 5,
        "A/C.3/77/SR.6": 6,
        "A/C.3/77/SR.45": 45,
        "A/C.3/77/SR.48": 48,
        "A/C.3/77/SR.50": 50,
        "A/C.3/77/SR.51": 51,
        "A/C.3/77/SR.46": 46,
    }


def test_drafts_sections_and_how_they_came(report: Report) -> None:
    assert [(d.section, d.symbol, d.recommended_as) for d in report.drafts] == [
        ("A", "A/C.3/77/L.2", "I"),
        ("B", "A/C.3/77/L.3", "II"),
        ("C", "A/C.3/77/L.4", "III"),
        ("D", "A/C.3/77/L.11/Rev.1", "IV"),
        ("E", "A/C.3/77/L.7/Rev.1", "V"),
        ("F", "A/C.3/77/L.8/Rev.1", "VI"),
        ("G", "A/C.3/77/L.12/Rev.1", "VII"),
    ]
    l2 = draft(report, "A/C.3/77/L.2")
    assert l2.submission is not None
    assert l2.submission.mode is SubmissionMode.ON_RECOMMENDATION
    assert l2.submission.recommended_by_symbol == "E/RES/2022/12"
    assert l2.submission.submitter_role == "chair"
    # `déposé par le Président (République dominicaine)` (paragraph 7): the Chair's office
    # submits; the Dominican Republic is the nationality of its holder, not the submitter.
    assert l2.submission.submitted_by is None
    assert l2.submission.office == OfficeRef("un-ga-c3", "chair")
    assert l2.submission.office_holder == ActorRef("state", "DOM")
    assert l2.budget_implications is not None and l2.budget_implications.meeting.number == 45
    l11 = draft(report, "A/C.3/77/L.11/Rev.1")
    assert l11.submission is not None
    assert l11.submission.mode is SubmissionMode.ON_BEHALF_OF_GROUP
    assert l11.submission.submitted_by is not None and l11.submission.submitted_by.code == "UGA"
    assert l11.submission.on_behalf_of is not None
    assert l11.submission.on_behalf_of.code == "african-states"
    assert draft(report, "A/C.3/77/L.7/Rev.1").submission.mode is SubmissionMode.BY_STATES  # type: ignore[union-attr]


def test_sponsor_counts_per_phase(report: Report) -> None:
    # Counted by reading paragraphs 16-17, 21-22 and 26-27.
    counts = {d.symbol: Counter(s.phase.value for s in d.sponsorships) for d in report.drafts}
    assert counts["A/C.3/77/L.7/Rev.1"] == {"original": 10, "later": 43, "at_meeting": 10}
    assert counts["A/C.3/77/L.8/Rev.1"] == {"original": 30, "later": 39, "at_meeting": 4}
    assert counts["A/C.3/77/L.12/Rev.1"] == {"original": 12, "later": 74, "at_meeting": 12}
    assert counts["A/C.3/77/L.2"] == {}


def test_adoptions(report: Report) -> None:
    adoptions = {
        d.symbol: (d.adoption.meeting.number, d.adoption.date, d.adoption.method)
        for d in report.drafts
        if d.adoption
    }
    assert adoptions["A/C.3/77/L.2"] == (45, dt.date(2022, 11, 4), AdoptionMethod.NOT_STATED)
    assert adoptions["A/C.3/77/L.11/Rev.1"] == (
        48,
        dt.date(2022, 11, 11),
        AdoptionMethod.NOT_STATED,
    )
    assert adoptions["A/C.3/77/L.12/Rev.1"] == (
        51,
        dt.date(2022, 11, 15),
        AdoptionMethod.NOT_STATED,
    )
    assert len(adoptions) == 7


def test_meetings_and_their_dates(report: Report) -> None:
    dates = {(m.ref.body, m.ref.number): m.date for m in report.meetings}
    assert dates == {
        ("un-ga", 3): dt.date(2022, 9, 16),
        ("un-ga-c3", 5): dt.date(2022, 10, 3),
        ("un-ga-c3", 6): dt.date(2022, 10, 3),
        ("un-ga-c3", 45): dt.date(2022, 11, 4),
        ("un-ga-c3", 46): dt.date(2022, 11, 10),
        ("un-ga-c3", 48): dt.date(2022, 11, 11),
        ("un-ga-c3", 50): dt.date(2022, 11, 15),
        ("un-ga-c3", 51): dt.date(2022, 11, 15),
    }


def test_statement_on_behalf_and_also_on_behalf(report: Report) -> None:
    australia = next(
        s for s in draft(report, "A/C.3/77/L.12/Rev.1").statements if s.speaker.code == "AUS"
    )
    assert australia.timing is StatementTiming.AFTER_ADOPTION
    assert [a.code for a in australia.on_behalf_of] == ["CAN", "ISL", "LIE", "NOR", "NZL"]
    uganda = draft(report, "A/C.3/77/L.11/Rev.1").statements[0]
    assert (uganda.speaker.code, [a.code for a in uganda.on_behalf_of]) == (
        "UGA",
        ["african-states"],
    )


def test_source_spans_point_at_the_text(report: Report, sample_text: str) -> None:
    lines = sample_text.splitlines()
    l7 = draft(report, "A/C.3/77/L.7/Rev.1")
    armenia = next(s for s in l7.sponsorships if s.actor.code == "ARM")
    span = lines[armenia.span.start_line - 1 : armenia.span.end_line]
    assert any("Arménie" in line for line in span)
    assert "Projet de résolution A/C.3/77/L.7/Rev.1" in lines[l7.span.start_line - 1]


# --- perturbations: change the text, the model follows ---------------------------------------


def test_removed_sponsor_disappears(sample_text: str, resolver: EntityResolver) -> None:
    text = edit(
        sample_text,
        "déposé par les pays suivants : Arménie, Autriche,",
        "déposé par les pays suivants : Autriche,",
        1,
    )
    l7 = draft(parse(text, resolver), "A/C.3/77/L.7/Rev.1")
    originals = {s.actor.code for s in l7.sponsorships if s.phase is SponsorshipPhase.ORIGINAL}
    assert "ARM" not in originals and len(originals) == 9


def test_added_sponsor_appears_in_its_phase(sample_text: str, resolver: EntityResolver) -> None:
    text = edit(
        sample_text,
        "l’Angola, la Guinée, le Niger et le Sri Lanka",
        "l’Angola, la Guinée, le Niger, la France et le Sri Lanka",
        1,
    )
    l8 = draft(parse(text, resolver), "A/C.3/77/L.8/Rev.1")
    at_meeting = {s.actor.code for s in l8.sponsorships if s.phase is SponsorshipPhase.AT_MEETING}
    assert at_meeting == {"AGO", "GIN", "NER", "FRA", "LKA"}


def test_changed_date_moves_meeting_and_adoption(
    sample_text: str, resolver: EntityResolver
) -> None:
    text = edit(sample_text, "À sa 50e séance, le 15 novembre", "À sa 50e séance, le 16 novembre")
    report = parse(text, resolver)
    l7 = draft(report, "A/C.3/77/L.7/Rev.1")
    assert l7.adoption is not None and l7.adoption.date == dt.date(2022, 11, 16)
    assert report.meeting(MeetingRef("un-ga-c3", 77, 50)).date == dt.date(2022, 11, 16)  # type: ignore[union-attr]


def test_changed_symbol_and_vote(sample_text: str, resolver: EntityResolver) -> None:
    text = edit(sample_text, "A/C.3/77/L.12/Rev.1", "A/C.3/77/L.12/Rev.2")
    text = edit(
        text,
        "la Commission a adopté le projet de résolution A/C.3/77/L.3 (voir",
        "la Commission a adopté le projet de résolution A/C.3/77/L.3 par 120 voix contre 3, "
        "avec 40 abstentions (voir",
    )
    text = edit(
        text,
        "la Commission a adopté le projet de résolution A/C.3/77/L.4 (voir",
        "la Commission a adopté le projet de résolution A/C.3/77/L.4 sans le mettre aux voix (voir",
    )
    report = parse(text, resolver)
    assert "A/C.3/77/L.12/Rev.2" in [d.symbol for d in report.drafts]
    l3 = draft(report, "A/C.3/77/L.3").adoption
    assert l3 is not None
    assert (l3.method, l3.votes_in_favour, l3.votes_against, l3.abstentions) == (
        AdoptionMethod.RECORDED_VOTE,
        120,
        3,
        40,
    )
    assert draft(report, "A/C.3/77/L.4").adoption.method is AdoptionMethod.WITHOUT_VOTE  # type: ignore[union-attr]


def test_changed_timing(sample_text: str, resolver: EntityResolver) -> None:
    text = edit(
        sample_text,
        "20. Après l’adoption du projet de résolution, les représentants",
        "20. Avant l’adoption du projet de résolution, les représentants",
    )
    l7 = draft(parse(text, resolver), "A/C.3/77/L.7/Rev.1")
    timings = {s.speaker.code: s.timing for s in l7.statements}
    assert timings["USA"] is StatementTiming.BEFORE_ADOPTION
    assert timings["SAU"] is StatementTiming.BEFORE_ADOPTION


def test_unknown_name_is_reported_with_its_line(sample_text: str, resolver: EntityResolver) -> None:
    text = edit(sample_text, "Kirghizistan, Mongolie", "Kirghizistan, Atlantide, Mongolie", 1)
    with pytest.raises(InputError) as error:
        parse(text, resolver)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "Atlantide" in t)
    assert "Atlantide" in str(error.value)
    # The error names a line of the paragraph the name is in.
    reported = int(str(error.value).split("A_77_464.fr.txt:")[2].split(":")[0])
    assert reported <= line


def test_truncated_report_is_refused(sample_text: str, resolver: EntityResolver) -> None:
    truncated = "\n".join(sample_text.splitlines()[:300])
    with pytest.raises(InputError) as error:
        parse(truncated, resolver)
    assert "truncated" in str(error.value)


def test_text_that_is_not_a_report(resolver: EntityResolver) -> None:
    with pytest.raises(InputError) as error:
        parse("Il était une fois une histoire sans rapport.\n" * 20, resolver)
    assert "committee report with Parts" in str(error.value)


def test_no_symbol_anywhere(resolver: EntityResolver) -> None:
    with pytest.raises(InputError) as error:
        parse_report(normalize("notes.txt", "Il était une fois.\n" * 20), resolver)
    assert str(error.value).startswith("notes.txt:1: expected a UN report")


def test_recorded_vote_with_per_state_lists(sample_text: str, resolver: EntityResolver) -> None:
    text = edit(
        sample_text,
        "la Commission a adopté le projet de résolution A/C.3/77/L.3 (voir",
        "la Commission a adopté le projet de résolution A/C.3/77/L.3 à l’issue d’un vote "
        "enregistré par 2 voix contre 1, avec 1 abstention. Ont voté pour : France, Japon. "
        "Ont voté contre : Bélarus. Se sont abstenus : Inde. (voir",
    )
    adoption = draft(parse(text, resolver), "A/C.3/77/L.3").adoption
    assert adoption is not None
    assert adoption.method is AdoptionMethod.RECORDED_VOTE
    assert (adoption.votes_in_favour, adoption.votes_against, adoption.abstentions) == (2, 1, 1)
    assert sorted((v.state.code, v.choice.value) for v in adoption.votes) == [
        ("BLR", "no"),
        ("FRA", "yes"),
        ("IND", "abstain"),
        ("JPN", "yes"),
    ]
