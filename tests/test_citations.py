"""Citations of resolutions, decisions and documents, and instruments, read from real sentences.

The sentences are copied from the corpus (A/77/464 Part III in French, A/RES/73/3 and A/RES/73/6
in English), footnote calls as printed; every expected value was checked by reading them.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.model import CitedKind, Footnote, SourceSpan
from kg.parse.citations import CITING_BODIES, citation_symbol, extract_citations
from kg.parse.instruments import (
    KINDS,
    find_instruments,
    load_instruments,
    parse_instruments,
    treaty_series_references,
    unts_from_footnote,
    unts_references,
)
from kg.parse.lexicon import ENGLISH, FRENCH
from kg.reference import ReferenceData, ReferenceDataError

SPAN = SourceSpan(10, 12)
TABLE = load_instruments()

R, D, DOC = CitedKind.RESOLUTION, CitedKind.DECISION, CitedKind.DOCUMENT


def _read(text: str, language: str = "fr", footnotes: frozenset[int] = frozenset()) -> list[tuple]:
    return [
        (c.kind, c.body, c.number, c.date, c.symbol)
        for c in extract_citations(text, SPAN, language, footnotes)
    ]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- French ----------------------------------------------------------------------------------

FRENCH_CASES = [
    pytest.param(
        "en vertu de la résolution 155 C (VII) du Conseil économique et social en date du "
        "13 août 1948 et de sa propre résolution 415 (V) du 1er décembre 1950,",
        [
            (R, "un-ecosoc", "155 C (VII)", _day("1948-08-13"), None),
            (R, "un-ga", "415 (V)", _day("1950-12-01"), "A/RES/415 (V)"),
        ],
        id="old-style-ecosoc-and-ga",
    ),
    pytest.param(
        "Rappelant sa résolution 46/152 du 18 décembre 1991, à l’annexe de laquelle",
        [(R, "un-ga", "46/152", _day("1991-12-18"), "A/RES/46/152")],
        id="possessive",
    ),
    pytest.param(
        "Rappelant également sa résolution 57/270 B du 23 juin 2003 sur l’application",
        [(R, "un-ga", "57/270 B", _day("2003-06-23"), "A/RES/57/270 B")],
        id="lettered-part",
    ),
    pytest.param(
        "Rappelant en outre sa décision 74/550 A du 13 avril 2020, dans laquelle elle a pris note"
        " ..., et sa décision 74/550 B du 12 août 2020, dans laquelle elle a décidé",
        [
            (D, "un-ga", "74/550 A", _day("2020-04-13"), "A/DEC/74/550 A"),
            (D, "un-ga", "74/550 B", _day("2020-08-12"), "A/DEC/74/550 B"),
        ],
        id="decisions",
    ),
    pytest.param(
        "Rappelant ses résolutions 54/205 du 22 décembre 1999, 55/61 du 4 décembre 2000, "
        "55/188 du 20 décembre 2000, 56/186 du 21 décembre 2001 et 57/244 du 20 décembre 2002,",
        [
            (R, "un-ga", "54/205", _day("1999-12-22"), "A/RES/54/205"),
            (R, "un-ga", "55/61", _day("2000-12-04"), "A/RES/55/61"),
            (R, "un-ga", "55/188", _day("2000-12-20"), "A/RES/55/188"),
            (R, "un-ga", "56/186", _day("2001-12-21"), "A/RES/56/186"),
            (R, "un-ga", "57/244", _day("2002-12-20"), "A/RES/57/244"),
        ],
        id="list-of-resolutions",
    ),
    pytest.param(
        "64/237 du 24 décembre 2009, 65/169 du 20 décembre 2010, 67/189 et 67/192 du "
        "20 décembre 2012, 68/195 du 18 décembre 2013",
        [],
        id="numbers-without-keyword-are-not-citations",
    ),
    pytest.param(
        "et rappelant également ses résolutions 65/169 du 20 décembre 2010, 67/189 et 67/192 du "
        "20 décembre 2012, 68/195 du 18 décembre 2013",
        [
            (R, "un-ga", "65/169", _day("2010-12-20"), "A/RES/65/169"),
            (R, "un-ga", "67/189", _day("2012-12-20"), "A/RES/67/189"),
            (R, "un-ga", "67/192", _day("2012-12-20"), "A/RES/67/192"),
            (R, "un-ga", "68/195", _day("2013-12-18"), "A/RES/68/195"),
        ],
        id="shared-date",
    ),
    pytest.param(
        "et toutes les résolutions du Conseil des droits de l’homme sur la question, y compris les"
        " résolutions 23/9 du 13 juin 20131, 29/11 du 2 juillet 20152 et 35/25 du 23 juin 20173, "
        "41/9 du 11 juillet 20194 et 47/7 du 12 juillet 20215, ainsi que sa résolution 74/276 du "
        "1er juin 2020 et sa décision 74/568 du 31 août 2020",
        [
            (R, "un-hrc", "23/9", _day("2013-06-13"), "A/HRC/RES/23/9"),
            (R, "un-hrc", "29/11", _day("2015-07-02"), "A/HRC/RES/29/11"),
            (R, "un-hrc", "35/25", _day("2017-06-23"), "A/HRC/RES/35/25"),
            (R, "un-hrc", "41/9", _day("2019-07-11"), "A/HRC/RES/41/9"),
            (R, "un-hrc", "47/7", _day("2021-07-12"), "A/HRC/RES/47/7"),
            (R, "un-ga", "74/276", _day("2020-06-01"), "A/RES/74/276"),
            (D, "un-ga", "74/568", _day("2020-08-31"), "A/DEC/74/568"),
        ],
        id="human-rights-council-by-general-mention",
    ),
    pytest.param(
        "conformément à sa résolution 46/152 du 18 décembre 1991 et à la résolution 1992/22 du "
        "Conseil économique et social, en date du 30 juillet 1992,",
        [
            (R, "un-ga", "46/152", _day("1991-12-18"), "A/RES/46/152"),
            (R, "un-ecosoc", "1992/22", _day("1992-07-30"), "E/RES/1992/22"),
        ],
        id="ecosoc-body-after",
    ),
    pytest.param(
        "les résolutions du Conseil économique et social 2004/27 du 21 juillet 2004, sur les lignes"
        " directrices ..., 2005/20 du 22 juillet 2005, sur ..., et 2011/33 du 28 juillet 2011, sur"
        " la prévention, ainsi que la résolution 16/2 de la Commission pour la prévention du crime"
        " et la justice pénale en date du 27 avril 2007,",
        [
            (R, "un-ecosoc", "2004/27", _day("2004-07-21"), "E/RES/2004/27"),
            (R, "un-ecosoc", "2005/20", _day("2005-07-22"), "E/RES/2005/20"),
            (R, "un-ecosoc", "2011/33", _day("2011-07-28"), "E/RES/2011/33"),
            (R, "un-ccpcj", "16/2", _day("2007-04-27"), None),
        ],
        id="body-between-keyword-and-number",
    ),
    pytest.param(
        "ainsi que les résolutions 2019/19 et 2019/20 du Conseil économique et social, en date du "
        "23 juillet 2019,",
        [
            (R, "un-ecosoc", "2019/19", _day("2019-07-23"), "E/RES/2019/19"),
            (R, "un-ecosoc", "2019/20", _day("2019-07-23"), "E/RES/2019/20"),
        ],
        id="body-and-date-after-a-list",
    ),
    pytest.param(
        "Se félicitant également de l’adoption par le Conseil économique et social de la "
        "résolution 2017/19 du 6 juillet 2017, intitulée « Promouvoir »",
        [(R, "un-ecosoc", "2017/19", _day("2017-07-06"), "E/RES/2017/19")],
        id="adoption-by-body",
    ),
    pytest.param(
        "la résolution 2016/18 adoptée par le Conseil économique et social le 26 juillet 2016,",
        [(R, "un-ecosoc", "2016/18", _day("2016-07-26"), "E/RES/2016/18")],
        id="adopted-by-body-on-date",
    ),
    pytest.param(
        "Rappelant la résolution 26/3 de la Commission pour la prévention du crime et la justice "
        "pénale en date du 26 mai 2017, sur la prise en considération",
        [(R, "un-ccpcj", "26/3", _day("2017-05-26"), None)],
        id="ccpcj",
    ),
    pytest.param(
        "et la résolution de la Commission pour la prévention du crime et la justice pénale 30/1 "
        "du 21 mai 202129,",
        [(R, "un-ccpcj", "30/1", _day("2021-05-21"), None)],
        id="ccpcj-name-before-number",
    ),
    pytest.param(
        "et notant l’adoption, le 18 mars 2022, de la résolution 65/2 de la Commission des "
        "stupéfiants intitulée « Renforcer la coopération internationale »",
        [(R, "un-cnd", "65/2", _day("2022-03-18"), None)],
        id="cnd-date-before",
    ),
    pytest.param(
        "avec satisfaction la résolution 9/2 de la Conférence des États parties à la Convention 8, "
        "en date du 17 décembre 2021,",
        [(R, "un-cosp-uncac", "9/2", _day("2021-12-17"), None)],
        id="cosp-short-name",
    ),
    pytest.param(
        "lancée en application de la résolution 10/1 de la Conférence des Parties à la Convention "
        "des Nations Unies contre la criminalité transnationale organisée12, adoptée le "
        "16 octobre 2020,",
        [(R, "un-cop-untoc", "10/1", _day("2020-10-16"), None)],
        id="cop-untoc",
    ),
    pytest.param(
        "et rappelle à cet égard la résolution 10/4 de la Conférence des États parties à la "
        "Convention des Nations Unies contre la criminalité transnationale organisée, en date "
        "du 16 octobre 202043,",
        [(R, "un-cop-untoc", "10/4", _day("2020-10-16"), None)],
        id="convention-name-decides-the-conference",
    ),
    pytest.param(
        "Accueillant avec satisfaction la résolution 9/8 sur l’éducation, la sensibilisation et la"
        " formation à la lutte contre la corruption 11, adoptée le 17 décembre 2021 par la "
        "Conférence des États parties à la Convention des Nations Unies contre la corruption,",
        [(R, "un-cosp-uncac", "9/8", _day("2021-12-17"), None)],
        id="adopted-on-date-by",
    ),
    pytest.param(
        "Accueillant avec satisfaction les résolutions 7/8 du 10 novembre 201714 et 8/4 du "
        "20 décembre 2019 15 de la Conférence des États parties à la Convention des Nations Unies "
        "contre la corruption sur la corruption dans le sport, ..., ainsi que la résolution 7/5 de"
        " la Conférence, en date du 10 novembre 2017, intitulée",
        [
            (R, "un-cosp-uncac", "7/8", _day("2017-11-10"), None),
            (R, "un-cosp-uncac", "8/4", _day("2019-12-20"), None),
            (R, "un-cosp-uncac", "7/5", _day("2017-11-10"), None),
        ],
        id="cosp-list-and-short-conference",
    ),
    pytest.param(
        "ainsi que la décision 5/1, la résolution 6/1, la résolution 8/2 et la décision 8/1 de la "
        "Conférence des États parties, en date du 29 novembre 2013 18, du 6 novembre 201519, du "
        "20 décembre 201920 et du 20 décembre 201921 respectivement,",
        [
            (D, "un-cosp-uncac", "5/1", _day("2013-11-29"), None),
            (R, "un-cosp-uncac", "6/1", _day("2015-11-06"), None),
            (R, "un-cosp-uncac", "8/2", _day("2019-12-20"), None),
            (D, "un-cosp-uncac", "8/1", _day("2019-12-20"), None),
        ],
        id="respectively",
    ),
    pytest.param(
        "dont la Conférence des États parties à la Convention avait demandé l’élaboration dans ses"
        " résolutions 5/3 du 29 novembre 201324 , 6/2 et 6/3 du 6 novembre 201525 et 7/1 du "
        "10 novembre 2017 26 aient été élaborés",
        [
            (R, "un-cosp-uncac", "5/3", _day("2013-11-29"), None),
            (R, "un-cosp-uncac", "6/2", _day("2015-11-06"), None),
            (R, "un-cosp-uncac", "6/3", _day("2015-11-06"), None),
            (R, "un-cosp-uncac", "7/1", _day("2017-11-10"), None),
        ],
        id="possessive-of-another-body",
    ),
    pytest.param(
        "Rappelant la résolution 6/2, qui vise à favoriser la coopération, la résolution 6/3, dont "
        "l’objet est d’encourager le recouvrement, et la résolution 6/4 du 6 novembre 2015 sur le "
        "recours accru 27, adoptées par la Conférence des États parties à la Convention lors de sa"
        " sixième session,",
        [
            (R, "un-cosp-uncac", "6/2", None, None),
            (R, "un-cosp-uncac", "6/3", None, None),
            (R, "un-cosp-uncac", "6/4", _day("2015-11-06"), None),
        ],
        id="adopted-by-after-a-list",
    ),
    pytest.param(
        "et se félicite à cet égard de l’adoption le 29 novembre 2013 de la résolution 5/6 sur le "
        "secteur privé34 et de l’adoption le 6 novembre 2015 de la résolution 6/5 intitulée "
        "Déclaration de Saint-Pétersbourg 35 , par la Conférence des États parties à la Convention",
        [
            (R, "un-cosp-uncac", "5/6", _day("2013-11-29"), None),
            (R, "un-cosp-uncac", "6/5", _day("2015-11-06"), None),
        ],
        id="adoption-on-date-then-by",
    ),
    pytest.param(
        "des Principes directeurs ... que la soixante-troisième Assemblée mondiale de la Santé a "
        "approuvés dans sa résolution 63.22 du 21 mai 20108,",
        [(R, "who-wha", "63.22", _day("2010-05-21"), "WHA63.22")],
        id="world-health-assembly-possessive",
    ),
    pytest.param(
        "et notant à cet égard le paragraphe d) de la décision 53/113 de la Commission de "
        "statistique en date du 11 mars 2022 22,",
        [(D, "un-statcom", "53/113", _day("2022-03-11"), None)],
        id="statistical-commission",
    ),
    pytest.param(
        "avec le Comité du Conseil de sécurité créé par la résolution 1373 (2001) concernant la "
        "lutte antiterroriste",
        [(R, "un-sc", "1373 (2001)", None, "S/RES/1373 (2001)")],
        id="security-council",
    ),
    pytest.param(
        "Notant les mesures prises par l’Office pour mettre en œuvre la résolution 76/182 de "
        "l’Assemblée générale, à savoir",
        [(R, "un-ga", "76/182", None, "A/RES/76/182")],
        id="general-assembly-named",
    ),
    pytest.param(
        "dans le cadre de la mise en œuvre de la résolution 9/4 de la Conférence, et prie",
        [(R, None, "9/4", None, None)],
        id="unknown-conference-gives-no-body",
    ),
    pytest.param(
        "Rappelant ses résolutions 71/167 du\n19décembre 2016, 72/195 du 19 décembre 2017",
        [
            (R, "un-ga", "71/167", _day("2016-12-19"), "A/RES/71/167"),
            (R, "un-ga", "72/195", _day("2017-12-19"), "A/RES/72/195"),
        ],
        id="missing-space-before-month",
    ),
]

FOOTNOTE_CASES = [
    pytest.param("Résolution 76/181, annexe.", [(R, "un-ga", "76/181", None, "A/RES/76/181")]),
    pytest.param("Résolution 70/1.", [(R, "un-ga", "70/1", None, "A/RES/70/1")]),
    pytest.param("Résolution S-32/1, annexe.", [(R, "un-ga", "S-32/1", None, "A/RES/S-32/1")]),
    pytest.param(
        "Résolution 217 A (III).", [(R, "un-ga", "217 A (III)", None, "A/RES/217 A (III)")]
    ),
    pytest.param(
        "Résolutions 68/191 et 70/176.",
        [
            (R, "un-ga", "68/191", None, "A/RES/68/191"),
            (R, "un-ga", "70/176", None, "A/RES/70/176"),
        ],
    ),
    pytest.param(
        "E/CN.15/2022/11.", [(DOC, "un-ccpcj", "E/CN.15/2022/11", None, "E/CN.15/2022/11")]
    ),
    pytest.param("A/77/127.", [(DOC, "un-ga", "A/77/127", None, "A/77/127")]),
    pytest.param(
        "A/CONF.234/16, chap. VII, sect. B.",
        [(DOC, "un-ga", "A/CONF.234/16", None, "A/CONF.234/16")],
    ),
    pytest.param(
        "Voir CAC/COSP/2019/17, sect. I.B.",
        [(DOC, "un-cosp-uncac", "CAC/COSP/2019/17", None, "CAC/COSP/2019/17")],
    ),
    pytest.param(
        "Voir CAC/COSP/2021/17, sect. I.A, résolution 9/2, par. 15.",
        [
            (DOC, "un-cosp-uncac", "CAC/COSP/2021/17", None, "CAC/COSP/2021/17"),
            (R, "un-cosp-uncac", "9/2", None, None),
        ],
    ),
    pytest.param(
        "Voir Documents officiels du Conseil économique et social, 2017, Supplément n o 10 "
        "(E/2017/30), chap. I, sect. D.",
        [(DOC, "un-ecosoc", "E/2017/30", None, "E/2017/30")],
    ),
    pytest.param("Nations Unies, Recueil des Traités, vol. 2349, no 42146.", []),
]


@pytest.mark.parametrize(("text", "expected"), FRENCH_CASES)
def test_french_citations(text: str, expected: list[tuple]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), FOOTNOTE_CASES)
def test_footnote_citations(text: str, expected: list[tuple]) -> None:
    assert _read(text) == expected


# --- English ---------------------------------------------------------------------------------

ENGLISH_CASES = [
    pytest.param(
        "Recalling its resolutions 2453 A (XXIII) of 20 December 1968, 37/90 of\n10 December 1982,"
        " 54/68 of 6 December 1999, 59/2 of 20 October 2004 and 72/79\nof 7 December 2017,",
        [
            (R, "un-ga", "2453 A (XXIII)", _day("1968-12-20"), "A/RES/2453 A (XXIII)"),
            (R, "un-ga", "37/90", _day("1982-12-10"), "A/RES/37/90"),
            (R, "un-ga", "54/68", _day("1999-12-06"), "A/RES/54/68"),
            (R, "un-ga", "59/2", _day("2004-10-20"), "A/RES/59/2"),
            (R, "un-ga", "72/79", _day("2017-12-07"), "A/RES/72/79"),
        ],
        id="its-resolutions",
    ),
    pytest.param(
        "Reaffirming, in that regard, General Assembly resolution 51/122 of\n13 December 1996, "
        "entitled “Declaration on International Cooperation",
        [(R, "un-ga", "51/122", _day("1996-12-13"), "A/RES/51/122")],
        id="general-assembly-resolution",
    ),
    pytest.param(
        "and take note of World Health Assembly resolution 69.2 of 28 May\n2016, entitled "
        "“Committing to implementation”, 3 and Human Rights Council resolution 33/11 of\n"
        "29 September 2016 on preventable mortality",
        [
            (R, "who-wha", "69.2", _day("2016-05-28"), "WHA69.2"),
            (R, "un-hrc", "33/11", _day("2016-09-29"), "A/HRC/RES/33/11"),
        ],
        id="wha-and-hrc",
    ),
    pytest.param(
        "as reflected in its resolution 71/3\nof 5 October 2016, the 2016 political declaration on"
        " HIV and AIDS, adopted in its\nresolution 70/266 of 8 June 2016,",
        [
            (R, "un-ga", "71/3", _day("2016-10-05"), "A/RES/71/3"),
            (R, "un-ga", "70/266", _day("2016-06-08"), "A/RES/70/266"),
        ],
        id="its-resolution",
    ),
    pytest.param("Resolution 70/1.", [(R, "un-ga", "70/1", None, "A/RES/70/1")], id="footnote"),
    pytest.param(
        "Resolution 69/283, annex II.",
        [(R, "un-ga", "69/283", None, "A/RES/69/283")],
        id="footnote-annex",
    ),
    pytest.param(
        "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
        [
            (DOC, None, "FCCC/CP/2015/10/Add.1", None, "FCCC/CP/2015/10/Add.1"),
            (D, "unfccc-cop", "1/CP.21", None, None),
        ],
        id="unfccc-decision",
    ),
    pytest.param(
        "See A/AC.105/1137.",
        [(DOC, "un-ga", "A/AC.105/1137", None, "A/AC.105/1137")],
        id="document",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_CASES)
def test_english_citations(text: str, expected: list[tuple]) -> None:
    assert _read(text, "en") == expected


# --- footnote calls, spans, symbols, negatives ------------------------------------------------


def test_footnote_call_glued_to_a_number_is_removed() -> None:
    text = "1. Prend note avec satisfaction du rapport du Secrétaire général établi en application"
    text += " de sa résolution 76/18742 ;"
    assert _read(text, footnotes=frozenset(range(1, 48))) == [
        (R, "un-ga", "76/187", None, "A/RES/76/187")
    ]
    # Without the footnote numbers the number is kept as printed, and no symbol is made up.
    assert _read(text) == [(R, "un-ga", "76/18742", None, None)]
    # A plausible number is never cut, even when its last digits are a footnote number.
    assert _read("sa résolution 70/12 ;", footnotes=frozenset({2})) == [
        (R, "un-ga", "70/12", None, "A/RES/70/12")
    ]


def test_citation_text_and_lines() -> None:
    text = "Rappelant ses résolutions 54/205 du 22 décembre 1999,\n55/61 du 4 décembre\n2000,"
    first, second = extract_citations(text, SourceSpan(100, 102), "fr")
    assert first.text == "ses résolutions 54/205 du 22 décembre 1999"
    assert first.span == SourceSpan(100, 100)
    assert second.text == "55/61 du 4 décembre 2000"
    assert second.span == SourceSpan(101, 102)
    # A text whose line breaks are gone keeps the span it was given.
    joined = extract_citations(text.replace("\n", " "), SourceSpan(100, 102), "fr")
    assert {c.span for c in joined} == {SourceSpan(100, 102)}


@pytest.mark.parametrize(
    "text",
    [
        "conformément au paragraphe 5 de l’article 57 de la Convention contre la corruption",
        "notamment le paragraphe 29 de la Déclaration",
        "au chapitre V de la Convention, chap. VII, sect. B",
        "Transplantation, vol. 91, 15 juin 2011, p. S29-S31.",
        "tenu à Kyoto (Japon) du 7 au 12 mars 2021",
        "le Plan d’action de l’Union africaine (2019-2023)",
        "80 pour cent du budget approuvé, 189 États parties, d’ici à 2030",
        "la présente résolution et toutes les autres résolutions sur la question",
        "Nations Unies, Recueil des Traités, vol. 2225, 2237, 2241 et 2326, no 39574.",
        "la note 2019/20 du service, le tableau 12/3",
        "under 5 years of age, in 2019, page 12, chapter VII, paragraph 5",
    ],
)
def test_not_citations(text: str) -> None:
    assert extract_citations(text, SPAN, "fr") == ()
    assert extract_citations(text, SPAN, "en") == ()


def test_resolution_symbols_in_text_are_resolutions() -> None:
    assert _read("voir A/RES/76/181 et S/RES/2719 (2023)") == [
        (R, "un-ga", "76/181", None, "A/RES/76/181"),
        (R, "un-sc", "2719 (2023)", None, "S/RES/2719 (2023)"),
    ]


def test_symbols_only_where_certain() -> None:
    assert citation_symbol(R, "un-ga", "46/152") == "A/RES/46/152"
    assert citation_symbol(D, "un-ga", "74/550 A") == "A/DEC/74/550 A"
    assert citation_symbol(R, "un-ecosoc", "2022/12") == "E/RES/2022/12"
    assert citation_symbol(R, "un-ga", "2022/12") is None
    assert citation_symbol(R, "un-ecosoc", "155 C (VII)") is None
    assert citation_symbol(R, "un-ccpcj", "26/3") is None
    assert citation_symbol(R, "un-cosp-uncac", "9/2") is None
    assert citation_symbol(R, None, "70/1") is None


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="xx"):
        extract_citations("résolution 70/1", SPAN, "xx")


def test_citing_bodies_are_reference_bodies(reference: ReferenceData) -> None:
    assert set(CITING_BODIES) <= set(reference.bodies)


# --- properties -------------------------------------------------------------------------------

DAYS = st.integers(1, 28)
SESSIONS = st.integers(1, 99)
NUMBERS = st.integers(1, 400)
YEARS = st.integers(1946, 2099)
MONTHS = st.integers(1, 12)


@given(SESSIONS, NUMBERS, DAYS, MONTHS, YEARS)
def test_french_citation_read_back(
    session: int, number: int, day: int, month: int, year: int
) -> None:
    printed_day = "1er" if day == 1 else str(day)
    text = f"résolution {session}/{number} du {printed_day} {FRENCH.months[month - 1]} {year}"
    (citation,) = extract_citations(text, SPAN, "fr")
    assert citation.kind is CitedKind.RESOLUTION
    assert citation.number == f"{session}/{number}"
    assert citation.date == dt.date(year, month, day)
    assert citation.text == text
    if session >= 31:
        assert citation.body == "un-ga"
        assert citation.symbol == f"A/RES/{session}/{number}"
    else:  # before the 31st session, `n/m` cannot be a General Assembly number
        assert citation.body is None
        assert citation.symbol is None


@given(st.integers(31, 99), NUMBERS, st.dates(dt.date(1946, 1, 1)), st.sampled_from(["", " A"]))
def test_english_citation_read_back(session: int, number: int, day: dt.date, part: str) -> None:
    month = ENGLISH.months[day.month - 1]
    text = f"Recalling its decision {session}/{number}{part} of {day.day} {month} {day.year},"
    (citation,) = extract_citations(text, SPAN, "en")
    assert (citation.kind, citation.body) == (CitedKind.DECISION, "un-ga")
    assert citation.number == f"{session}/{number}{part}"
    assert citation.date == day
    assert citation.symbol == f"A/DEC/{session}/{number}{part}"


@given(st.integers(1946, 2099), st.integers(1, 60), DAYS, MONTHS, YEARS)
def test_ecosoc_citation_read_back(
    session: int, number: int, day: int, month: int, year: int
) -> None:
    text = (
        f"la résolution {session}/{number} du Conseil économique et social en date du "
        f"{day} {FRENCH.months[month - 1]} {year}"
    )
    (citation,) = extract_citations(text, SPAN, "fr")
    assert (citation.body, citation.number) == ("un-ecosoc", f"{session}/{number}")
    assert citation.date == dt.date(year, month, day)
    assert citation.symbol == f"E/RES/{session}/{number}"


@given(st.integers(1, 3000), st.integers(1, 3000))
def test_bare_numbers_are_never_citations(first: int, second: int) -> None:
    text = f"voir le tableau {first}/{second}, le paragraphe {first} et l’année {second}"
    assert extract_citations(text, SPAN, "fr") == ()


# --- instruments ------------------------------------------------------------------------------


def test_instrument_table() -> None:
    assert len(TABLE) == 70
    for instrument in TABLE.instruments.values():
        assert instrument.kind in KINDS
        assert set(instrument.names) == {"en", "fr"}
    uncac = TABLE["uncac"]
    assert (uncac.unts_volume, uncac.unts_number, uncac.adopted_by) == (2349, 42146, "A/RES/58/4")
    assert TABLE["crc-opsc"].unts_volume == 2171
    assert TABLE["outer-space-treaty"].unts_number == 8843


INSTRUMENT_CASES = [
    pytest.param(
        "Rappelant la Convention relative aux droits de l’enfant1, le Protocole facultatif à la "
        "Convention relative aux droits de l’enfant concernant la vente d’enfants, la prostitution"
        " des enfants et la pornographie mettant en scène des enfants 2, et d’autres instruments",
        "fr",
        ["crc", "crc-opsc"],
        id="convention-and-its-protocol",
    ),
    pytest.param(
        "Réaffirmant la Convention des Nations Unies contre la criminalité transnationale "
        "organisée 5 et le Protocole additionnel à la Convention des Nations Unies contre la "
        "criminalité transnationale organisée visant à prévenir, réprimer et punir la traite des "
        "personnes, en particulier des femmes et des enfants 6,",
        "fr",
        ["untoc", "untoc-trafficking-protocol"],
        id="longest-match-first",
    ),
    pytest.param(
        "l’Ensemble de règles minima des Nations Unies pour le traitement des détenus (Règles "
        "Nelson Mandela)4, les Règles des Nations Unies concernant le traitement des détenues et "
        "l’imposition de mesures non privatives de liberté aux délinquantes (Règles de Bangkok)5 "
        "et les Règles minima des Nations Unies pour l’élaboration de mesures non privatives de "
        "liberté (Règles de Tokyo)6,",
        "fr",
        ["nelson-mandela-rules", "bangkok-rules", "tokyo-rules"],
        id="rules",
    ),
    pytest.param(
        "la Déclaration de Kyoto visant à faire progresser la prévention de la criminalité, la "
        "justice pénale et l ’état de droit : vers la réalisation du Programme de développement "
        "durable à l’horizon 2030 2, adoptée par le quatorzième Congrès,",
        "fr",
        ["kyoto-declaration"],
        id="title-containing-another-instrument",
    ),
    pytest.param(
        "en application notamment de l’ensemble des dispositions de la Convention contre la "
        "criminalité organisée et de la Convention contre la corruption, et rappelle le Programme "
        "2030 et la Charte des Nations Unies",
        "fr",
        ["untoc", "uncac", "agenda-2030", "charter-un"],
        id="aliases",
    ),
    pytest.param(
        "la Convention est l’instrument le plus complet ; rappelle l’article 51 de la Convention",
        "fr",
        [],
        id="anaphora-is-not-a-name",
    ),
    pytest.param(
        "Convinced that the fulfilment of the 2030 Agenda for Sustainable\nDevelopment, 2 of the "
        "Sendai Framework for Disaster Risk Reduction 2015–2030 3 and\nof the commitments by "
        "States parties to the Paris Agreement 4 requires",
        "en",
        ["agenda-2030", "sendai-framework", "paris-agreement"],
        id="english",
    ),
    pytest.param(
        "reaffirming the World\nTrade Organization Agreement on Trade-Related Aspects of "
        "Intellectual Property\nRights (TRIPS Agreement), as amended, and also reaffirming the 2001"
        " World Trade\nOrganization Doha Declaration on the TRIPS Agreement and Public Health,",
        "en",
        ["trips-agreement", "doha-declaration-trips"],
        id="english-longest",
    ),
    pytest.param(
        "consistent with the long-standing principles contained in the Treaty on Principles\n"
        "Governing the Activities of States in the Exploration and Use of Outer Space,\nincluding "
        "the Moon and Other Celestial Bodies, 5",
        "en",
        ["outer-space-treaty"],
        id="outer-space-treaty",
    ),
    pytest.param(
        "reaffirm the United Nations Standard Minimum Rules for\nthe Treatment of Prisoners (the "
        "Nelson Mandela Rules) as defined in General\nAssembly resolution 70/175",
        "en",
        ["nelson-mandela-rules"],
        id="english-rules",
    ),
]


@pytest.mark.parametrize(("text", "language", "codes"), INSTRUMENT_CASES)
def test_find_instruments(text: str, language: str, codes: list[str]) -> None:
    mentions = find_instruments(text, SPAN, language, TABLE)
    assert [m.code for m in mentions] == codes
    assert all(m.span == SPAN and m.unts_number is None for m in mentions)


def test_mention_text_is_as_printed() -> None:
    (mention,) = find_instruments(
        "engage les États à ratifier la CONVENTION DES NATIONS\nUNIES contre la corruption6 et",
        SPAN,
        "fr",
        TABLE,
    )
    assert mention.text == "CONVENTION DES NATIONS UNIES contre la corruption"


@pytest.mark.parametrize(
    ("footnote", "expected"),
    [
        ("Nations Unies, Recueil des Traités, vol. 2349, no 42146.", (2349, 42146)),
        ("Ibid., vol. 2171, no 27531.", (2171, 27531)),
        (
            "Nations Unies, Recueil des Traités, vol. 2225, 2237, 2241 et 2326, no 39574.",
            (2225, 39574),
        ),
        ("United Nations, Treaty Series, vol. 610, No. 8843.", (610, 8843)),
        (
            "Ibid., 2007, Supplément no 10 (E/2007/30/Rev.1), première partie, chap. I, sect. D.",
            None,
        ),
        ("Résolution 76/181, annexe.", None),
    ],
)
def test_unts_from_footnote(footnote: str, expected: tuple[int, int] | None) -> None:
    assert unts_from_footnote(footnote) == expected


def test_unts_references_of_a_text() -> None:
    notes = [
        "Nations Unies, Recueil des Traités, vol. 2225, 2237, 2241 et 2326, no 39574.",
        "Ibid., vol. 976, no 14152.",
        "Voir Documents officiels du Conseil économique et social, 2017, Supplément no 10.",
        "Ibid., vol. 3, no 12.",  # Ibid. of the Official Records: not the Treaty Series
    ]
    footnotes = [Footnote(n, text, SourceSpan(n, n)) for n, text in enumerate(notes, start=1)]
    assert treaty_series_references(footnotes) == {
        1: ((2225, 39574), (2237, 39574), (2241, 39574), (2326, 39574)),
        2: ((976, 14152),),
    }
    assert unts_references(notes[3], after_treaty_series=False) == ()


def _table_text(*rows: str) -> str:
    header = "code\tkind\tname_en\tname_fr\taliases_en\taliases_fr\tunts_volume\tunts_number"
    return "\n".join([header + "\tadopted_by\tyear", *rows]) + "\n"


def test_instrument_table_errors_name_the_line() -> None:
    good = "a-b\tconvention\tA\tB\t\t\t1\t2\t\t2000"
    assert len(parse_instruments(_table_text(good))) == 1
    with pytest.raises(ReferenceDataError, match=r"instruments\.tsv:3: kind"):
        parse_instruments(_table_text(good, "c\ttreaty\tC\tC\t\t\t\t\t\t"))
    with pytest.raises(ReferenceDataError, match=r"instruments\.tsv:2: column 'unts_volume'"):
        parse_instruments(_table_text("a\tconvention\tA\tB\t\t\tvol\t2\t\t"))
    with pytest.raises(ReferenceDataError, match="also a name of 'a-b'"):
        parse_instruments(_table_text(good, "c\tprotocol\tC\tb\t\t\t\t\t\t"))
    with pytest.raises(ReferenceDataError, match=r"instruments\.tsv:1"):
        parse_instruments("code\tkind\n")


def test_instrument_file_is_plain_tsv() -> None:
    text = files("kg.reference").joinpath("data", "instruments.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    assert {len(row) for row in rows} == {10}
    assert len({row[0] for row in rows[1:]}) == len(rows) - 1


def test_bare_conference_is_the_one_the_preamble_names() -> None:
    # Text V op. 58, line 4007: the paragraph names no conference; its preamble names the
    # Conference of the States Parties to the Convention against Corruption (issue 10).
    text = "dans le cadre de la mise en œuvre de la résolution 9/4 de la Conférence, et prie"
    context = (
        "Rappelant les résolutions de la Conférence des États parties à la Convention des "
        "Nations Unies contre la corruption,"
    )
    (citation,) = extract_citations(text, SourceSpan(4007, 4007), "fr", context=context)
    assert (citation.number, citation.body) == ("9/4", "un-cosp-uncac")


def test_goals_are_not_instruments_and_asset_recovery_principles_are() -> None:
    # Issue 10: text V, line 2283 `les objectifs du Millénaire pour le développement` are goals,
    # not an instrument; line 3090 `les Principes sur le recouvrement d'avoirs` is one of the
    # G20 standards listed with the others.
    table = load_instruments()
    goals = "fait dans le cadre des objectifs du Millénaire pour le développement, dont elle"
    assert table.matches(goals, "fr") == []
    principles = "les Principes sur le recouvrement d’avoirs, les profils de pays"
    assert [code for code, _, _ in table.matches(principles, "fr")] == [
        "g20-asset-recovery-principles"
    ]
