"""What the corpus does not show, on constructed reports (tests/fixtures/constructed/, each says
so in its first lines) written in the wording of real reports: a French recorded vote and
separate vote, amendments adopted, rejected and withdrawn, oral revisions, a draft withdrawn in
French, the Chair and a Vice-Chair as submitters, sponsors listed in an addendum; and property
tests of the parsers this issue adds (meeting numbers, names printed with stray spaces)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from golden_tables import query_tables, records
from hypothesis import given
from hypothesis import strategies as st

from kg.build import Settings, build, read_sources
from kg.lang import language
from kg.model import (
    ActorRef,
    AdoptionMethod,
    AmendmentOutcome,
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
from kg.parse.lexicon import english_ordinal
from kg.parse.report import _meeting_numbers, normalize_report, parse_report
from kg.reference.resolver import EntityResolver
from kg.reference.states import ReferenceData

CONSTRUCTED = Path(__file__).resolve().parent / "fixtures" / "constructed"
FRENCH = "A_77_990.fr.txt"
ENGLISH = "A_77_991.en.txt"


def parse(name: str, resolver: EntityResolver) -> Report:
    text = (CONSTRUCTED / name).read_text(encoding="utf-8")
    return parse_report(normalize_report(name, text), resolver)


@pytest.fixture(scope="module")
def french(resolver: EntityResolver) -> Report:
    return parse(FRENCH, resolver)


@pytest.fixture(scope="module")
def english(resolver: EntityResolver) -> Report:
    return parse(ENGLISH, resolver)


def test_french_recorded_and_separate_votes(french: Report) -> None:
    assert french.language == "fr"
    l31 = next(d for d in french.drafts if d.symbol == "A/C.3/77/L.31")
    # par. 8 a): `Le paragraphe 2 du dispositif a été maintenu par 3 voix contre 1, avec
    # 1 abstention`, then the three lists.
    (separate,) = l31.paragraph_votes
    assert separate.part == VotedPart(ParagraphKind.OPERATIVE, 2)
    assert separate.outcome is VoteOutcome.RETAINED
    assert (separate.votes_in_favour, separate.votes_against, separate.abstentions) == (3, 1, 1)
    assert {v.state.code: v.choice for v in separate.votes} == {
        "AUT": VoteChoice.YES,
        "IRL": VoteChoice.YES,
        "MEX": VoteChoice.YES,
        "PER": VoteChoice.NO,
        "CHL": VoteChoice.ABSTAIN,
    }
    # par. 8 b): `dans son ensemble, a été adopté par 4 voix contre zéro, avec 1 abstention`,
    # `Ont voté contre : Néant.`
    adoption = l31.adoption
    assert adoption is not None and adoption.method is AdoptionMethod.RECORDED_VOTE
    assert (adoption.votes_in_favour, adoption.votes_against, adoption.abstentions) == (4, 0, 1)
    assert Counter(v.choice for v in adoption.votes) == {VoteChoice.YES: 4, VoteChoice.ABSTAIN: 1}
    assert adoption.meeting.number == 51
    # par. 9: `Avant le vote, la représentante du Pérou a fait une déclaration.`
    assert [(s.speaker.code, s.timing) for s in l31.statements] == [
        ("PER", StatementTiming.BEFORE_ADOPTION)
    ]


def test_french_withdrawal_amendments_revision_and_office(french: Report) -> None:
    l30, l31 = french.drafts
    # par. 10: `Compte tenu de l'adoption du projet de résolution A/C.3/77/L.31, le projet de
    # résolution A/C.3/77/L.30 a été retiré par ses auteurs.`
    assert l30.withdrawal is not None and l30.withdrawal.in_favour_of == "A/C.3/77/L.31"
    assert l30.adoption is None and l31.withdrawal is None
    # par. 4: `le représentant du Mexique a révisé oralement le projet de résolution` (50e séance)
    assert [r.meeting.number for r in l30.oral_revisions] == [50]
    # par. 6-7: L.60 rejected, L.61 adopted, both amending L.31.
    assert [(a.symbol, a.draft_symbol, a.outcome) for a in l31.amendments] == [
        ("A/C.3/77/L.60", "A/C.3/77/L.31", AmendmentOutcome.REJECTED),
        ("A/C.3/77/L.61", "A/C.3/77/L.31", AmendmentOutcome.ADOPTED),
    ]
    # par. 5: `déposé par la Vice-Présidente de la Commission, Mme Ana Ruiz (Chili)`.
    assert l31.submission is not None
    assert l31.submission.mode is SubmissionMode.BY_OFFICE
    assert l31.submission.office == OfficeRef("un-ga-c3", "vice-chair")
    assert l31.submission.office_holder == ActorRef("state", "CHL")
    assert l31.submission.submitted_by is None


def test_english_amendments_revision_chair_and_addendum(english: Report) -> None:
    l40, l41 = english.drafts
    # par. 4 and 6: L.62 (`contained in document`) rejected by a recorded vote, L.63 withdrawn.
    outcomes = {a.symbol: a.outcome for a in l40.amendments}
    assert outcomes == {
        "A/C.3/77/L.62": AmendmentOutcome.REJECTED,
        "A/C.3/77/L.63": AmendmentOutcome.WITHDRAWN,
    }
    # par. 5 only: `as orally revised` (par. 7) names the text adopted, it is no revision.
    assert len(l40.oral_revisions) == 1
    assert l40.adoption is not None and l40.adoption.method is AdoptionMethod.WITHOUT_VOTE
    # par. 3: `submitted by the Chair of the Committee, Ms. Jane Doe (Ireland)`.
    assert l40.submission is not None and l40.submission.office == OfficeRef("un-ga-c3", "chair")
    # par. 3: `Subsequently, Chile and Peru joined ... (see A/C.3/77/L.40/Add.1)`: later.
    assert {(s.actor.code, s.phase) for s in l40.sponsorships} == {
        ("CHL", SponsorshipPhase.LATER),
        ("PER", SponsorshipPhase.LATER),
    }
    # par. 6: `submitted by Egypt and Pakistan (on behalf of the Group of 77 and China)`: the
    # group sponsors; two States submit, so no single submitter.
    g77 = ActorRef("group", "g77-china")
    assert l41.submission is not None
    assert l41.submission.mode is SubmissionMode.ON_BEHALF_OF_GROUP
    assert l41.submission.on_behalf_of == g77
    assert l41.submission.submitters == (ActorRef("state", "EGY"), ActorRef("state", "PAK"))
    assert l41.submission.submitted_by is None
    assert [(s.actor, s.phase) for s in l41.sponsorships] == [(g77, SponsorshipPhase.ORIGINAL)]
    assert l41.adoption is None and l41.withdrawal is None


def test_queries_over_the_constructed_reports(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build(read_sources([CONSTRUCTED / FRENCH, CONSTRUCTED / ENGLISH]), settings)
    tables = query_tables(settings.store, ["amendments", "votes"])
    assert tables["amendments"][0] == ["amendment_symbol", "draft_symbol", "outcome"]
    assert [tuple(r.values()) for r in records(tables["amendments"])] == [
        ("A/C.3/77/L.60", "A/C.3/77/L.31", "rejected"),
        ("A/C.3/77/L.61", "A/C.3/77/L.31", "adopted"),
        ("A/C.3/77/L.62", "A/C.3/77/L.40", "rejected"),
        ("A/C.3/77/L.63", "A/C.3/77/L.40", "withdrawn"),
    ]
    votes = {(r["part"], r["state_iso3"]): r["vote"] for r in records(tables["votes"])}
    assert votes[("operative 2", "PER")] == "no"
    assert votes[("", "PER")] == "yes"
    assert votes[("", "CHL")] == "abstain"


# --- property tests of the parsers added here -------------------------------------------------


@given(st.lists(st.integers(min_value=1, max_value=999), min_size=1, max_size=6, unique=True))
def test_meeting_numbers_read_back(numbers: list[int]) -> None:
    """`45th, 48th, 50th and 51st` -> the numbers, in English and French."""
    ordered = sorted(numbers)
    english = [f"{n}{english_ordinal(n)[-2:]}" for n in ordered]
    french = [f"{n}e" for n in ordered]
    for words, code, conjunction in ((english, "en", "and"), (french, "fr", "et")):
        text = ", ".join(words[:-1]) + (f" {conjunction} " if len(words) > 1 else "") + words[-1]
        assert _meeting_numbers(text, language(code).report) == ordered


@given(st.integers(min_value=1, max_value=300), st.integers(min_value=1, max_value=300))
def test_meeting_range_is_expanded(first: int, count: int) -> None:
    last = first + count
    text = f"{first}{english_ordinal(first)[-2:]} to {last}{english_ordinal(last)[-2:]}"
    assert _meeting_numbers(text, language("en").report) == list(range(first, last + 1))


@given(data=st.data())
def test_a_stray_space_inside_a_name_still_resolves(
    data: st.DataObject, reference: ReferenceData, resolver: EntityResolver
) -> None:
    """PDF extraction splits words (`Fi nland`) or joins them (`GuineaBissau`)."""
    state = data.draw(st.sampled_from(sorted(reference.states.values(), key=lambda s: s.iso3)))
    name = state.names["en"].short
    cut = data.draw(st.integers(min_value=1, max_value=max(1, len(name) - 1)))
    broken = name[:cut] + " " + name[cut:]
    assert resolver.resolve(broken) == ActorRef("state", state.iso3)
    assert resolver.resolve(name.replace(" ", "").replace("-", "")) == ActorRef("state", state.iso3)


@pytest.mark.parametrize(
    ("code", "pattern", "text"),
    [
        # The Fourth Committee's full name, as the reports of the Special Political and
        # Decolonization Committee print it in the allocation and in the last part's heading.
        (
            "en",
            "agenda_allocation",
            "decided to include the item in its agenda and to allocate it to the Special "
            "Political and Decolonization Committee (Fourth Committee).",
        ),
        (
            "en",
            "recommendations",
            "Recommendations of the Special Political and Decolonization Committee (Fourth "
            "Committee)",
        ),
        (
            "fr",
            "agenda_allocation",
            "d’inscrire à l’ordre du jour de sa soixante-dix-septième session la question "
            "intitulée « Question de Gibraltar » et de la renvoyer à la Commission des questions "
            "politiques spéciales et de la décolonisation (Quatrième Commission).",
        ),
        (
            "fr",
            "recommendations",
            "Recommandations de la Commission des questions politiques spéciales et de la "
            "décolonisation (Quatrième Commission)",
        ),
    ],
)
def test_the_fourth_committee_is_named_in_full(
    code: str, pattern: str, text: str, resolver: EntityResolver
) -> None:
    match = getattr(language(code).report, pattern).search(text)
    assert match is not None
    assert resolver.resolve(match["committee"]) == ActorRef("body", "un-ga-c4")
