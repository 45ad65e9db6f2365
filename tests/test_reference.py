"""Tests of the reference data (States, groups, bodies, sessions) and of name resolution."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.reference import (
    ActorRef,
    AmbiguousNameError,
    EntityResolver,
    LocalizedNames,
    ReferenceData,
    ReferenceDataError,
    State,
    load_reference_data,
    normalize_name,
    split_name_list,
    tidy_name,
)
from kg.reference import states as states_module

REFERENCE = load_reference_data()
RESOLVER = EntityResolver(REFERENCE)
SAMPLE = Path(__file__).resolve().parents[1] / "kg" / "data" / "A_77_464.fr.txt"

# French names as printed in the sponsor lists of A/77/464, line breaks and typography included.
SPONSOR_NAMES_FR = [
    ("Arménie", "ARM"),
    ("Côte d’Ivoire", "CIV"),
    ("Côte D’Ivoire", "CIV"),
    ("Équateur", "ECU"),
    ("Kirghizistan", "KGZ"),
    ("Pérou", "PER"),
    ("Arabie saoudite", "SAU"),
    ("Bolivie (État \n\nplurinational de)", "BOL"),
    ("Bosnie-Herzégovine", "BIH"),
    ("Chypre", "CYP"),
    ("Égypte", "EGY"),
    ("Jamaïque", "JAM"),
    ("Libye", "LBY"),
    ("Norvège", "NOR"),
    ("Palaos", "PLW"),
    ("Suisse", "CHE"),
    ("Thaïlande", "THA"),
    ("the Fédération de Russie", "RUS"),
    ("the \n\nPhilippines", "PHL"),
    ("the République centrafricaine", "CAF"),
    ("the République dominicaine", "DOM"),
    ("Venezuela (République bolivarienne du)", "VEN"),
    ("Macédoine du Nord", "MKD"),
    ("Nigéria", "NGA"),
    ("République-Unie de Tanzanie", "TZA"),
    ("Sénégal", "SEN"),
    ("Allemagne", "DEU"),
    ("Guinée équatoriale", "GNQ"),
    ("Royaume-Uni de Grande-\n\nBretagne et d’Irlande du Nord", "GBR"),
    ("Royaume-\n\nUni de Grande-Bretagne et d’Irlande du Nord", "GBR"),
    ("Tchéquie", "CZE"),
    ("Antigua-et-\n\nBarbuda", "ATG"),
    ("Bélarus", "BLR"),
    ("République de \n\nMoldova", "MDA"),
    ("Saint-Marin", "SMR"),
    ("Türki\u0307ye", "TUR"),
    ("États-Unis d’Amérique", "USA"),
    ("Micronésie (États fédérés de)", "FSM"),
    ("Érythrée", "ERI"),
    ("Pays-Bas", "NLD"),
    ("République de Corée", "KOR"),
    ("Sainte-Lucie", "LCA"),
    ("Saint-\n\nVincent-et-les Grenadines", "VCT"),
    ("the Congo", "COG"),
    ("Congo", "COG"),
    ("Trinité-et-\n\nTobago", "TTO"),
    ("Saint-Kitts-et-Nevis", "KNA"),
    ("Ouganda", "UGA"),
    ("Niger", "NER"),
    ("Guinée", "GIN"),
    # Names inside running text, with their article or preposition.
    ("l’Angola", "AGO"),
    ("la Guinée", "GIN"),
    ("le Niger", "NER"),
    ("le Sri Lanka", "LKA"),
    ("du Canada", "CAN"),
    ("de l’Islande", "ISL"),
    ("du Liechtenstein", "LIE"),
    ("de la \n\nNorvège", "NOR"),
    ("de la Nouvelle-Zélande", "NZL"),
    ("des États-Unis \n\nd’Amérique", "USA"),
    ("de l’Arabie saoudite", "SAU"),
    ("l’Ouganda", "UGA"),
    # A word split by end-of-line hyphenation.
    ("Tchéqu-\nie", "CZE"),
]

ARTICLES = ["", "the ", "The ", "la ", "le ", "les ", "l'", "l’", "de la ", "du ", "des ", "de l’"]
CASINGS: list[Callable[[str], str]] = [str, str.upper, str.lower, str.title, str.swapcase]


def _short_names(lang: str) -> list[str]:
    return sorted(state.names[lang].short for state in REFERENCE.states.values())


# --- loader ----------------------------------------------------------------------------------


def test_counts_members_and_observers() -> None:
    statuses = [state.status for state in REFERENCE.states.values()]
    assert statuses.count("member") == 193
    assert statuses.count("observer") == 2
    assert {s.iso3 for s in REFERENCE.states.values() if s.status == "observer"} == {"VAT", "PSE"}


def test_codes_come_from_pycountry() -> None:
    for iso3, state in REFERENCE.states.items():
        country = pycountry.countries.get(alpha_3=iso3)
        assert country is not None, iso3
        assert (state.iso3, state.iso2, state.m49) == (iso3, country.alpha_2, country.numeric)


def test_every_state_has_english_and_french_names() -> None:
    for state in REFERENCE.states.values():
        for lang in ("en", "fr"):
            names = state.names[lang]
            assert names.short.strip() == names.short and names.formal
            assert "’" not in "".join(names.all()), state.iso3


@pytest.mark.parametrize(
    ("iso3", "lang", "short", "formal"),
    [
        ("BOL", "en", "Bolivia (Plurinational State of)", "the Plurinational State of Bolivia"),
        ("BOL", "fr", "Bolivie (État plurinational de)", "l'État plurinational de Bolivie"),
        ("TUR", "en", "Türkiye", "the Republic of Türkiye"),
        ("CZE", "fr", "Tchéquie", "la République tchèque"),
        ("MDA", "fr", "République de Moldova", "la République de Moldova"),
        ("FSM", "fr", "Micronésie (États fédérés de)", "les États fédérés de Micronésie"),
        ("VCT", "fr", "Saint-Vincent-et-les Grenadines", "Saint-Vincent-et-les Grenadines"),
        ("PLW", "fr", "Palaos", "la République des Palaos"),
    ],
)
def test_un_names(iso3: str, lang: str, short: str, formal: str) -> None:
    names = REFERENCE.state(iso3).names[lang]
    assert (names.short, names.formal) == (short, formal)


def test_aliases_are_attached() -> None:
    assert "Turquie" in REFERENCE.state("TUR").names["fr"].aliases
    assert "Swaziland" in REFERENCE.state("SWZ").names["en"].aliases


def test_lookups_by_code() -> None:
    assert REFERENCE.state("fra").iso2 == "FR"
    assert REFERENCE.body("eu").kind == "igo"
    assert REFERENCE.body("un-ga-c3").parent == "un-ga"
    assert REFERENCE.body("un-ccpcj").parent == "un-ecosoc"
    assert REFERENCE.group("african-states").names["fr"].formal == "Groupe des États d'Afrique"
    assert REFERENCE.group("african-states").kind == "regional-group"
    with pytest.raises(KeyError, match="XXX"):
        REFERENCE.state("XXX")


def test_regional_groups_and_required_bodies() -> None:
    regional = {g.code for g in REFERENCE.groups.values() if g.kind == "regional-group"}
    assert len(regional) == 5
    assert "g77-china" in REFERENCE.groups
    assert "eu" not in REFERENCE.groups
    required = {"un-ga", "un-ga-gc", "un-ecosoc", "un-ccpcj", "un-cnd", "un-unodc", "un-sg"}
    required |= {f"un-ga-c{n}" for n in range(1, 7)}
    required |= {"un-secretariat", "un-sc", "un-hrc", "un-cosp-uncac", "un-cop-untoc"}
    assert required | {"eu", "un-unafri"} <= set(REFERENCE.bodies)


def test_sessions() -> None:
    numbers = [session.number for session in REFERENCE.sessions]
    assert numbers == list(range(numbers[0], numbers[-1] + 1))
    assert {60, 81} <= set(numbers)
    assert REFERENCE.session(73).opening == date(2018, 9, 18)
    assert REFERENCE.session(77).opening == date(2022, 9, 13)
    assert REFERENCE.session(77).closing == date(2023, 9, 4)
    assert REFERENCE.session(78).opening == date(2023, 9, 5)
    assert REFERENCE.sessions[-1].closing is None
    session = REFERENCE.session_on(date(2022, 12, 14))
    assert session is not None and session.number == 77
    assert REFERENCE.session_on(date(1900, 1, 1)) is None


# --- data errors -----------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the data files that the loader reads instead of the packaged ones."""
    source = files("kg.reference").joinpath("data")
    target = tmp_path / "data"
    target.mkdir()
    for name in ("states.tsv", "groups.tsv", "bodies.tsv", "aliases.tsv", "ga_sessions.tsv"):
        (target / name).write_text(source.joinpath(name).read_text(encoding="utf-8"), "utf-8")
    monkeypatch.setattr(states_module, "files", lambda _package: tmp_path)
    return target


def _replace_line(path: Path, line: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def test_unknown_iso3_names_file_and_row(data_copy: Path) -> None:
    _replace_line(data_copy / "states.tsv", 3, "XYZ\tmember\ta\tb\tc\td")
    with pytest.raises(ReferenceDataError, match=r"states\.tsv:3: 'XYZ' is not known"):
        load_reference_data()


def test_alias_of_unknown_entity_names_file_and_row(data_copy: Path) -> None:
    _replace_line(data_copy / "aliases.tsv", 2, "state\tQQQ\ten\tNowhere\t")
    with pytest.raises(ReferenceDataError, match=r"aliases\.tsv:2: unknown state code"):
        load_reference_data()


def test_missing_cell_names_file_and_row(data_copy: Path) -> None:
    _replace_line(data_copy / "bodies.tsv", 2, "un\tigo")
    with pytest.raises(ReferenceDataError, match=r"bodies\.tsv:2: expected 7"):
        load_reference_data()


def test_copied_data_loads(data_copy: Path) -> None:
    assert len(load_reference_data().states) == 195
    shutil.rmtree(data_copy)


def _state(iso3: str, short_fr: str) -> State:
    names = MappingProxyType({"fr": LocalizedNames(short_fr, short_fr)})
    return State(iso3, iso3[:2], "000", "member", names)


def test_shared_key_is_a_load_error() -> None:
    states = {"FRA": _state("FRA", "Francie"), "DEU": _state("DEU", "la FRANCIE")}
    reference = ReferenceData(MappingProxyType(states), {}, {}, ())
    with pytest.raises(AmbiguousNameError, match="francie"):
        EntityResolver(reference, languages=("fr",))


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ReferenceDataError, match="xx"):
        EntityResolver(REFERENCE, languages=("xx",))


# --- resolution ------------------------------------------------------------------------------


def test_no_two_states_share_a_key() -> None:
    owner: dict[str, str] = {}
    for state in REFERENCE.states.values():
        for names in state.names.values():
            for spelling in names.all():
                key = normalize_name(spelling)
                assert owner.setdefault(key, state.iso3) == state.iso3, spelling


@pytest.mark.parametrize(("name", "iso3"), SPONSOR_NAMES_FR)
def test_sponsor_names_resolve(name: str, iso3: str) -> None:
    assert RESOLVER.resolve(name) == ActorRef("state", iso3)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Groupe des États d’Afrique", ActorRef("group", "african-states")),
        ("Group of 77 and China", ActorRef("group", "g77-china")),
        ("la Troisième Commission", ActorRef("body", "un-ga-c3")),
        ("Third Committee", ActorRef("body", "un-ga-c3")),
        ("Bureau", ActorRef("body", "un-ga-gc")),
        ("Conseil économique et social", ActorRef("body", "un-ecosoc")),
        ("l’Union européenne", ActorRef("body", "eu")),
        ("Secrétaire général", ActorRef("body", "un-sg")),
        ("Office des Nations Unies contre la drogue et le crime", ActorRef("body", "un-unodc")),
        (
            "Institut africain des Nations Unies pour la prévention du crime et le traitement "
            "des délinquants",
            ActorRef("body", "un-unafri"),
        ),
        ("the former Yugoslav Republic of Macedonia", ActorRef("state", "MKD")),
        ("Swaziland", ActorRef("state", "SWZ")),
        ("Turquie", ActorRef("state", "TUR")),
        ("République tchèque", ActorRef("state", "CZE")),
        ("Saint-Siège", ActorRef("state", "VAT")),
        ("État de Palestine", ActorRef("state", "PSE")),
        ("Côte d'Ivoire.", ActorRef("state", "CIV")),
        ("  Norvège ;", ActorRef("state", "NOR")),
        ("Nigéria\u00a0", ActorRef("state", "NGA")),
    ],
)
def test_groups_bodies_and_variants_resolve(name: str, expected: ActorRef) -> None:
    assert RESOLVER.resolve(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Atlantide",
        "Commission",
        "la Commission",
        "",
        "Grande-Bretagne",
        "Corée",
        "Guinée-",
        "Guinée-\n",
        "Guinée- .",
        "Trinité-et-",
    ],
)
def test_unknown_names_give_none(name: str) -> None:
    assert RESOLVER.resolve(name) is None


def test_resolution_is_restricted_to_languages() -> None:
    english_only = EntityResolver(REFERENCE, languages=("en",))
    assert english_only.resolve("Allemagne") is None
    assert english_only.resolve("Germany") == ActorRef("state", "DEU")


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample document not present")
def test_every_sponsor_in_the_sample_resolves() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.strip().startswith("https://"))
    lists = re.findall(
        r"(?:pays\s+suivants|auteurs\s+du\s+projet\s+de\s+résolution)\s*:\s*(.+?)\.(?:\s|$)",
        text,
        flags=re.DOTALL,
    )
    names = [name for found in lists for name in RESOLVER.split_name_list(found)]
    assert len(lists) == 8 and len(names) > 200
    assert [name for name in names if RESOLVER.resolve(name) is None] == []


# --- splitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tunisie et Venezuela (République bolivarienne du).",
            ["Tunisie", "Venezuela (République bolivarienne du)"],
        ),
        (
            "Bolivie (État \nplurinational de), Bosnie-Herzégovine, Trinité-et-\nTobago et Tunisie",
            [
                "Bolivie (État plurinational de)",
                "Bosnie-Herzégovine",
                "Trinité-et-Tobago",
                "Tunisie",
            ],
        ),
        (
            "Portugal, Royaume-Uni de Grande-\nBretagne et d’Irlande du Nord et Tchéquie",
            ["Portugal", "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Tchéquie"],
        ),
        (
            "Trinidad and Tobago, Saint Vincent and the Grenadines, and Bosnia and Herzegovina",
            ["Trinidad and Tobago", "Saint Vincent and the Grenadines", "Bosnia and Herzegovina"],
        ),
        (
            "Antigua and Barbuda and Sao Tome and Principe",
            ["Antigua and Barbuda", "Sao Tome and Principe"],
        ),
        (
            "l’Angola, la Guinée, le Niger et le Sri Lanka",
            ["l’Angola", "la Guinée", "le Niger", "le Sri Lanka"],
        ),
        ("Saint-Kitts-et-Nevis", ["Saint-Kitts-et-Nevis"]),
    ],
)
def test_split_name_list(text: str, expected: list[str]) -> None:
    assert RESOLVER.split_name_list(text) == expected


def test_split_without_name_list_uses_capitals() -> None:
    assert split_name_list("A, B (c, d et e) et F.") == ["A", "B (c, d et e)", "F"]
    assert split_name_list("Saint Vincent and the Grenadines") == [
        "Saint Vincent and the Grenadines"
    ]
    assert split_name_list("") == []


def test_tidy_name() -> None:
    assert (
        tidy_name(" Royaume-\n Uni de\u00a0Grande-Bretagne \n") == "Royaume-Uni de Grande-Bretagne"
    )


# --- properties ------------------------------------------------------------------------------

LATIN_TEXT = st.text(
    alphabet=st.characters(codec="latin-1", categories=("L", "N", "P", "Zs")), max_size=40
)


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    key = normalize_name(text)
    assert normalize_name(key) == key


@given(LATIN_TEXT)
def test_normalize_ignores_case(text: str) -> None:
    key = normalize_name(text)
    assert normalize_name(text.upper()) == key
    assert normalize_name(text.lower()) == key
    assert normalize_name(text.swapcase()) == key


@given(st.text())
def test_normalize_ignores_apostrophe_style(text: str) -> None:
    assert normalize_name(text.replace("'", "’")) == normalize_name(text)


@given(
    st.sampled_from(sorted(REFERENCE.states)),
    st.sampled_from(["en", "fr"]),
    st.sampled_from(ARTICLES),
    st.sampled_from(CASINGS),
)
def test_own_short_name_resolves(
    iso3: str, lang: str, article: str, casing: Callable[[str], str]
) -> None:
    name = casing(article + REFERENCE.state(iso3).names[lang].short)
    assert RESOLVER.resolve(name) == ActorRef("state", iso3)


@settings(max_examples=200)
@given(st.data(), st.sampled_from([("fr", " et "), ("en", " and ")]))
def test_split_gives_back_joined_names(
    data: st.DataObject, lang_and_conjunction: tuple[str, str]
) -> None:
    lang, conjunction = lang_and_conjunction
    names = data.draw(
        st.lists(st.sampled_from(_short_names(lang)), min_size=1, max_size=8, unique=True)
    )
    text = ", ".join(names[:-1]) + conjunction + names[-1] if len(names) > 1 else names[0]
    assert RESOLVER.split_name_list(text) == names
