"""The shipped queries, run over the bundled sample, against tables verified by reading it.

The expected tables in `tests/golden/` were written by hand from lines 1-400 of the report
(see `tests/golden/README.md` for the paragraphs each row comes from). The store is built
with the real pipeline, and the queries go through the same functions that the CLI uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations

import pytest
from golden_tables import assert_same_rows, golden, query_tables, records

from kg.build import Settings

Row = tuple[str, ...]

# Golden codes for sponsors and speakers that are not States. The queries give these an
# empty ISO3 column and report their English name instead.
GROUP_NAMES = {"group:african-states": "African States"}
BODY_NAMES = {
    "un-unodc": "United Nations Office on Drugs and Crime",
    "eu": "European Union",
}

HEADERS = {
    "meetings": ["body", "number", "date"],
    "drafts": ["draft_symbol", "title", "adoption_date", "adoption_meeting", "recommended_as"],
    "sponsors": ["draft_symbol", "state_iso3", "state_name", "phase"],
    "statements": ["draft_symbol", "speaker", "speaker_iso3", "timing"],
    "cosponsorship": ["state_a_iso3", "state_b_iso3", "drafts"],
}


@pytest.fixture(scope="module")
def results(sample_build: Settings) -> dict[str, list[list[str]]]:
    """Each shipped query's CSV output over the sample, header row first."""
    return query_tables(sample_build.store, HEADERS)


@pytest.mark.parametrize("name", list(HEADERS))
def test_header_is_the_public_column_names(results: dict[str, list[list[str]]], name: str) -> None:
    assert results[name], f"{name}: no output at all"
    assert results[name][0] == HEADERS[name]


def test_meetings(results: dict[str, list[list[str]]]) -> None:
    columns = HEADERS["meetings"]
    actual = [tuple(r[c] for c in columns) for r in records(results["meetings"])]
    expected = [tuple(r[c] for c in columns) for r in golden("meetings")]
    assert_same_rows("meetings", actual, expected)


def test_drafts(results: dict[str, list[list[str]]]) -> None:
    columns = HEADERS["drafts"]
    actual = [tuple(r[c] for c in columns) for r in records(results["drafts"])]
    expected = [tuple(r[c] for c in columns) for r in golden("drafts")]
    assert_same_rows("drafts", actual, expected)


def sponsor_key(iso3: str, name: str) -> str:
    """The ISO3 code of a State; for a group, `group:` and its English name."""
    return iso3 if iso3 else f"group:{name}"


def test_sponsors(results: dict[str, list[list[str]]]) -> None:
    actual = [
        (r["draft_symbol"], sponsor_key(r["state_iso3"], r["state_name"]), r["phase"])
        for r in records(results["sponsors"])
    ]
    expected = []
    for r in golden("sponsors"):
        sponsor = r["state_iso3"]
        if sponsor.startswith("group:"):
            sponsor = sponsor_key("", GROUP_NAMES[sponsor])
        expected.append((r["draft_symbol"], sponsor, r["phase"]))
    assert_same_rows("sponsors", actual, expected)


def test_statements(results: dict[str, list[list[str]]]) -> None:
    actual = [
        (r["draft_symbol"], r["speaker_iso3"] or r["speaker"], r["timing"])
        for r in records(results["statements"])
    ]
    expected = [
        (r["draft_symbol"], BODY_NAMES.get(r["speaker"], r["speaker"]), r["timing"])
        for r in golden("statements")
    ]
    assert_same_rows("statements", actual, expected)


def expected_cosponsorship() -> Iterator[Row]:
    """Pairs of States (a < b) and how many drafts both sponsored, from the golden sponsors."""
    states_by_draft: dict[str, set[str]] = {}
    for r in golden("sponsors"):
        if not r["state_iso3"].startswith("group:"):
            states_by_draft.setdefault(r["draft_symbol"], set()).add(r["state_iso3"])
    pairs: Counter[tuple[str, str]] = Counter()
    for states in states_by_draft.values():
        pairs.update(combinations(sorted(states), 2))
    for (a, b), count in pairs.items():
        yield (a, b, str(count))


def test_cosponsorship(results: dict[str, list[list[str]]]) -> None:
    columns = HEADERS["cosponsorship"]
    actual = [tuple(r[c] for c in columns) for r in records(results["cosponsorship"])]
    assert_same_rows("cosponsorship", actual, expected_cosponsorship())


def test_golden_files_are_well_formed() -> None:
    """Guards against typos in the hand-written tables themselves."""
    assert [len(golden(n)) for n in ("meetings", "drafts", "sponsors", "statements")] == [
        8,
        7,
        235,
        15,
    ]
    sponsors = golden("sponsors")
    assert len({(r["draft_symbol"], r["state_iso3"]) for r in sponsors}) == len(sponsors)
    for r in sponsors:
        code = r["state_iso3"]
        assert code in GROUP_NAMES or (len(code) == 3 and code.isupper()), r
        assert r["phase"] in {"original", "later", "at_meeting"}, r
    for r in golden("statements"):
        speaker = r["speaker"]
        assert speaker in BODY_NAMES or (len(speaker) == 3 and speaker.isupper()), r
        assert r["timing"] in {"before_adoption", "after_adoption", "at_meeting"}, r
