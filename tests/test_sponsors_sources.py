"""A sponsorship belongs to the source that records it (issue 8, point 5): a draft document's
own list gives `original` sponsors; where a report of the same draft is in the store too, the
`sponsors` query gives the report's phases, one row per draft, State and phase.

The constructed draft tests/fixtures/corpus/fr/A_C.3_77_L.7_Rev.1.fr.txt lists Albanie,
Arménie, Autriche, Botswana et Colombie; the sample report (kg/data/A_77_464.fr.txt, par. 16,
lines 225-240) has Arménie, Autriche, Botswana, Colombie ... as original sponsors of
A/C.3/77/L.7/Rev.1 and Albanie joining later.
"""

from __future__ import annotations

from pathlib import Path

from golden_tables import query_tables, records

from kg.build import Settings, build, read_sources, sample_source

DRAFT = Path(__file__).parent / "fixtures" / "corpus" / "fr" / "A_C.3_77_L.7_Rev.1.fr.txt"
SYMBOL = "A/C.3/77/L.7/Rev.1"


def sponsor_rows(settings: Settings) -> list[tuple[str, str, str]]:
    table = query_tables(settings.store, ["sponsors"])["sponsors"]
    return [
        (row["state_iso3"], row["phase"], row["draft_symbol"])
        for row in records(table)
        if row["draft_symbol"] == SYMBOL
    ]


def test_a_draft_document_alone_gives_its_listed_sponsors_as_original(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build(read_sources([DRAFT]), settings)
    assert sorted(sponsor_rows(settings)) == [
        (iso3, "original", SYMBOL) for iso3 in ("ALB", "ARM", "AUT", "BWA", "COL")
    ]


def test_with_the_report_in_the_store_the_report_phases_win(
    tmp_path: Path, sample_build: Settings
) -> None:
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build([sample_source(), *read_sources([DRAFT])], settings)
    with_draft = sponsor_rows(settings)
    assert with_draft == sponsor_rows(sample_build)  # the draft's own list adds no row
    assert ("ALB", "later", SYMBOL) in with_draft
    assert ("ALB", "original", SYMBOL) not in with_draft
    assert len(with_draft) == len(set(with_draft))  # one row per draft, State and phase
