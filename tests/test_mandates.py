"""Mandates of operative paragraphs, and the enrichment of whole resolution texts.

The paragraphs are copied from the corpus (A/77/464 Part III in French, A/RES/73/3 and A/RES/73/6
in English) with their lines joined and footnote calls removed, as `Paragraph.text` holds them;
long clauses that play no part are shortened with `...`. Every expected mandate was checked by
reading the paragraph.
"""

from __future__ import annotations

import pytest

from kg.model import (
    ActorRef,
    CitedKind,
    CollectiveAddressee,
    Footnote,
    Paragraph,
    ParagraphKind,
    ResolutionText,
    SourceSpan,
    TextKind,
)
from kg.parse.enrich import enrich_text
from kg.parse.instruments import load_instruments
from kg.parse.mandates import MANDATE_ACTIONS, extract_mandates
from kg.reference import EntityResolver

SPAN = SourceSpan(7880, 7884)

UNAFRI_TITLE = (
    "Institut africain des Nations Unies pour la prévention du crime et le traitement des "
    "délinquants"
)
UNCAC_PREAMBLE = (
    "Soulignant qu’il est indispensable que les États parties à la Convention donnent pleinement"
    " effet aux résolutions de la Conférence des États parties à la Convention des Nations Unies"
    " contre la corruption,"
)

# (paragraph text, opening key, context, expected (addressee, action, deliverable, due session))
CASES = [
    pytest.param(
        "85. Prie le Secrétaire général de lui présenter, à sa soixante-dix-huitième session, un "
        "rapport sur l’exécution des mandats relevant du programme des Nations Unies pour la "
        "prévention du crime et la justice pénale, qui rende compte également des nouveaux "
        "problèmes qui sont rencontrés et des solutions qui peuvent y être apportées.",
        "requests",
        "",
        [("un-sg", "requests", "un rapport", 78)],
        id="VII-85-report-to-the-78th-session",
    ),
    pytest.param(
        "Prie le Secrétaire général de lui présenter, à sa soixante-dix-neuvième session, un "
        "rapport sur l’application de la présente résolution, assorti de recommandations sur les "
        "moyens de renforcer encore les capacités de l’Institut.",
        "requests",
        "",
        [("un-sg", "requests", "un rapport", 79)],
        id="IV-27-without-number",
    ),
    pytest.param(
        "21. Prie le Secrétaire général de lui faire rapport sur l’application de la présente "
        "résolution à sa soixante-dix-neuvième session, toutes les dépenses y afférentes devant "
        "être financées au moyen de ressources extrabudgétaires ;",
        "requests",
        "",
        [("un-sg", "requests", "faire rapport", 79)],
        id="VI-21-faire-rapport",
    ),
    pytest.param(
        "6. Invite les États Membres à présenter des suggestions concernant le thème général, les "
        "points de l’ordre du jour et les sujets des ateliers du quinzième Congrès, et prie le "
        "Secrétaire général d’inclure ces suggestions dans le rapport sur la suite à donner au "
        "quatorzième Congrès et les préparatifs du quinzième Congrès dont la Commission pour la "
        "prévention du crime et la justice pénale sera saisie à sa trente-deuxième session ;",
        "invites",
        "",
        [
            ("member-states", "invites", None, None),
            ("un-sg", "requests", "le rapport", 32),
        ],
        id="I-6-two-verbs",
    ),
    pytest.param(
        "8. Prie l’Office des Nations Unies contre la drogue et le crime, sous réserve de la "
        "disponibilité de ressources extrabudgétaires, de convoquer la réunion d’un groupe "
        "intergouvernemental d’experts à composition non limitée ...",
        "requests",
        "",
        [("un-unodc", "requests", None, None)],
        id="II-8-unodc",
    ),
    pytest.param(
        "11. Invite les États Membres et les autres donateurs à fournir des ressources "
        "extrabudgétaires aux fins des activités mentionnées dans la présente résolution, "
        "conformément aux règles et procédures de l’Organisation des Nations Unies ;",
        "invites",
        "",
        [("member-states", "invites", None, None)],
        id="II-11-donors-are-not-actors",
    ),
    pytest.param(
        "4. Prie instamment les États Membres d’incriminer toutes les formes d’exploitation et "
        "d’atteintes sexuelles visant les enfants, y compris en ligne, ...",
        "urges",
        "",
        [("member-states", "urges", None, None)],
        id="III-4-urges",
    ),
    pytest.param(
        "17. Prie l’Organisation mondiale de la Santé, l’Office des Nations Unies contre la drogue "
        "et le crime et le Haut-Commissariat des Nations Unies aux droits de l’homme de continuer "
        "de fournir des orientations aux États Membres ...",
        "requests",
        "",
        [
            ("who", "requests", None, None),
            ("un-unodc", "requests", None, None),
            ("un-ohchr", "requests", None, None),
        ],
        id="VI-17-three-addressees",
    ),
    pytest.param(
        "83. Se félicite de la Déclaration de Kyoto, et prie la Commission pour la prévention du "
        "crime et la justice pénale, agissant conformément à son mandat, de continuer à appliquer "
        "les mesures stratégiques et opérationnelles appropriées au suivi de la Déclaration de "
        "Kyoto ...",
        "welcomes",
        "",
        [("un-ccpcj", "requests", None, None)],
        id="VII-83-welcomes-then-requests",
    ),
    pytest.param(
        "77. Prie le Secrétaire général, eu égard à son obligation d’établir des rapports, de faire"
        " figurer dans le rapport qu’il lui présentera à sa soixante-dix-neuvième session, au titre"
        " de la question intitulée « Prévention du crime et justice pénale », une section "
        "analytique intitulée « Action préventive et lutte contre la corruption ... », et le prie "
        "également de lui transmettre le rapport de la Conférence des États parties à la "
        "Convention sur les travaux de sa dixième session.",
        "requests",
        "",
        [
            ("un-sg", "requests", "une section analytique", 79),
            ("un-sg", "requests", "le rapport", None),
        ],
        id="V-77-pronoun-and-eu-egard",
    ),
    pytest.param(
        "74. Se félicite des travaux menés par l’Office des Nations Unies contre la drogue et le "
        "crime, dans le cadre de son mandat, dans le domaine de l’éducation à la lutte contre la "
        "corruption et à l’état de droit, ..., et lui demande de continuer, sous réserve de la "
        "disponibilité de ressources extrabudgétaires ...",
        "welcomes",
        "",
        [("un-unodc", "calls_upon", None, None)],
        id="V-74-lui-demande",
    ),
    pytest.param(
        "21. Demande à l’Office des Nations Unies contre la drogue et le crime de continuer à "
        "travailler en étroite collaboration avec l’Institut et demande à celui-ci de présenter à "
        "l’Office, ainsi qu’à la Conférence des ministres africains des finances, de la "
        "planification et du développement économique de la Commission économique pour "
        "l’Afrique, un rapport annuel sur ses activités ;",
        "calls_upon",
        UNAFRI_TITLE,
        [
            ("un-unodc", "calls_upon", None, None),
            ("un-unafri", "calls_upon", "un rapport annuel", None),
        ],
        id="IV-21-celui-ci-is-the-institute",
    ),
    pytest.param(
        "9. Encourage l’Institut, agissant en collaboration avec les organismes des Nations Unies "
        "compétents, à associer à l’élaboration de ses stratégies de prévention de la criminalité "
        "les divers organes de planification de la région ...",
        "encourages",
        UNAFRI_TITLE,
        [("un-unafri", "encourages", None, None)],
        id="IV-9-short-name-from-the-title",
    ),
    pytest.param(
        "26. Invite à nouveau la Conférence des États parties à la Convention à recenser les "
        "lacunes et problèmes touchant l’application de la Convention ... et, à cet égard et dans "
        "un premier temps, invite la Conférence à tenir, dans l’avenir, à l’issue du deuxième "
        "cycle d’examen et après l’évaluation de ses résultats, une session extraordinaire ...",
        "invites",
        UNCAC_PREAMBLE,
        [
            ("un-cosp-uncac", "invites", None, None),
            ("un-cosp-uncac", "invites", None, None),
        ],
        id="V-26-conference-short-names",
    ),
    pytest.param(
        "10. Exhorte les États membres de l’Institut qui ne se sont pas acquittés de leurs "
        "contributions financières annuelles à l’Institut à verser la totalité ou une partie de "
        "leurs arriérés, ..., et, à cet égard, engage tous les États membres et organisations à "
        "honorer pleinement leurs obligations financières ;",
        "urges",
        UNAFRI_TITLE,
        # Members of the Institute, not the Member States of the United Nations (line 1950).
        [("states-members", "urges", None, None), ("states-members", "calls_upon", None, None)],
        id="IV-10-members-of-the-institute-are-not-member-states",
    ),
    pytest.param(
        "24. Invite son président, agissant en coopération avec l’Office des Nations Unies contre "
        "la drogue et le crime et avec la participation des parties concernées, à tenir durant la "
        "soixante-dix-septième session, dans la limite des ressources existantes, un débat de haut"
        " niveau sur le thème « Égal accès de tous à la justice » et à établir un résumé des "
        "débats qu’il transmettra à la Commission pour la prévention du crime et la justice pénale"
        " et à tous les États Membres ;",
        "invites",
        "",
        [("un-pga", "invites", "un résumé", 77)],
        id="VII-24-its-president",
    ),
    pytest.param(
        "5. Se félicite que 189 États parties aient déjà ratifié la Convention, ou y aient adhéré,"
        " ... et, à cet égard, engage instamment tous les États Membres et les organisations "
        "d’intégration économique régionale concernées qui ne l’ont pas encore fait à envisager "
        "..., et exhorte tous les États parties à prendre des mesures pour en assurer la mise en "
        "œuvre intégrale et effective ;",
        "welcomes",
        "",
        # `et exhorte tous les États parties` (lines 3231-3237): a second addressee.
        [("member-states", "urges", None, None), ("states-parties", "urges", None, None)],
        id="V-5-engage-instamment",
    ),
    pytest.param(
        "35. Prie le Secrétaire général de continuer de fournir à l’Office des Nations Unies "
        "contre la drogue et le crime les ressources dont il a besoin ..., et prie le Secrétariat "
        "de continuer d’apporter son soutien aux Commissions ...",
        "requests",
        "",
        [("un-sg", "requests", None, None), ("un-secretariat", "requests", None, None)],
        id="VII-35-secretariat",
    ),
    pytest.param(
        "22. Prend note du lancement de l’initiative GRACE par l’Office des Nations Unies contre "
        "la drogue et le crime, et prie celui-ci, sous réserve de la disponibilité de ressources "
        "extrabudgétaires et en étroite consultation avec les États Membres, de continuer à "
        "élaborer des supports pédagogiques ...",
        "takes_note",
        "",
        [("un-unodc", "requests", None, None)],
        id="VII-22-celui-ci",
    ),
    pytest.param(
        "5. Décide de tenir le quinzième Congrès des Nations Unies pour la prévention du crime et "
        "la justice pénale en 2026, ...",
        "decides",
        "",
        [],
        id="I-5-decides-is-no-mandate",
    ),
    pytest.param(
        "18. Demande que la coordination et la cohésion des entités des Nations Unies entre elles "
        "et avec les parties prenantes ... soient améliorées ...",
        "calls_for",
        "",
        [],
        id="VII-18-calls-for-is-no-mandate",
    ),
    pytest.param(
        "5. Prie instamment les États parties au Protocole facultatif à la Convention relative aux"
        " droits de l’enfant, concernant la vente d’enfants, ..., de respecter les obligations "
        "juridiques qu’ils ont contractées en vertu de ce protocole ;",
        "urges",
        "",
        [("states-parties", "urges", None, None)],
        id="III-5-states-parties-to-the-optional-protocol",
    ),
    pytest.param(
        "2. Invites the Committee on the Peaceful Uses of Outer Space to continue to develop, on "
        "the basis of the results of the UNISPACE+50 process, a “Space2030” agenda and "
        "implementation plan and to provide the General Assembly with the outcome of its work for "
        "consideration by the Assembly at its seventy -fifth session;",
        "invites",
        "",
        [("un-copuos", "invites", None, 75)],
        id="73/6-2-copuos",
    ),
    pytest.param(
        "11. Encourages the Committee on the Peaceful Uses of Outer Space and the Office for Outer "
        "Space Affairs to continue to fulfil their respective mandates ..., and invites the "
        "Committee to explore ways to optimize cooperation and coordination",
        "encourages",
        "",
        [
            ("un-copuos", "encourages", None, None),
            ("un-oosa", "encourages", None, None),
            ("un-copuos", "invites", None, None),
        ],
        id="73/6-11-two-addressees-and-the-committee",
    ),
    pytest.param(
        "13. Urges the Secretary-General to consider the sufficiency of resources provided to the "
        "Office for Outer Space Affairs in its role as secretariat ...",
        "urges",
        "",
        [("un-sg", "urges", None, None)],
        id="73/6-13-urges",
    ),
    pytest.param(
        "10. Encourages States Members of the United Nations that have not done so to consider "
        "becoming members of the Committee on the Peaceful Uses of Outer Space;",
        "encourages",
        "",
        [("member-states", "encourages", None, None)],
        id="73/6-10-states-members",
    ),
    pytest.param(
        "14. Invites Member States and other donors to provide voluntary extrabudgetary resources "
        "for these purposes, in accordance with the rules and procedures of the United Nations.",
        "invites",
        "",
        [("member-states", "invites", None, None)],
        id="73/6-14-donors",
    ),
    pytest.param(
        "49. Request the Director General of the World Health Organization to continue to develop"
        " the multisectoral accountability framework in line with World Health Assembly "
        "resolution 71.3 and ensure its timely implementation no later than 2019;",
        "requests",
        "",
        [("who-dg", "requests", None, None)],
        id="73/3-49-who-director-general",
    ),
    pytest.param(
        "53. Also request the Secretary-General, with the support of the World Health "
        "Organization, to provide a progress report in 2020 on global and national progress, ...",
        "requests",
        "",
        [("un-sg", "requests", "a progress report", None)],
        id="73/3-53-progress-report",
    ),
]


@pytest.mark.parametrize(("text", "key", "context", "expected"), CASES)
def test_mandates_of_corpus_paragraphs(
    text: str, key: str, context: str, expected: list[tuple], resolver: EntityResolver
) -> None:
    language = "fr" if any(word in text for word in (" le ", " la ", " les ")) else "en"
    mandates = extract_mandates(text, key, SPAN, language, resolver, context=context)
    assert [
        (m.addressee.code, m.action, m.deliverable, m.due_session) for m in mandates
    ] == expected
    assert all(
        (isinstance(m.addressee, CollectiveAddressee) or m.addressee.kind == "body")
        and m.span == SPAN
        for m in mandates
    )


def test_opening_key_gives_the_action_of_the_opening_verb(resolver: EntityResolver) -> None:
    text = "Engage vivement les États Membres à prendre des mesures"
    (mandate,) = extract_mandates(text, "urges", SPAN, "fr", resolver)
    assert mandate.action == "urges"
    # Unknown opening phrase: the verbs of the module's own table.
    (mandate,) = extract_mandates("Demande aux États Membres de ...", None, SPAN, "fr", resolver)
    assert mandate.action == "calls_upon"
    # An opening phrase the module does not know: the addressee follows its first word.
    text = "Charge le Secrétaire général de lui présenter une note à sa quatre-vingtième session"
    (mandate,) = extract_mandates(text, "requests", SPAN, "fr", resolver)
    assert (mandate.addressee, mandate.deliverable, mandate.due_session) == (
        ActorRef("body", "un-sg"),
        "une note",
        80,
    )


def test_mandate_lines(resolver: EntityResolver) -> None:
    text = (
        "9. Prie le Secrétaire général de lui présenter, à sa soixante-dix-huitième\n"
        "session, un rapport sur l’application de la présente résolution ;\n"
        "et invite les États Membres à présenter des suggestions"
    )
    first, second = extract_mandates(text, "requests", SourceSpan(641, 643), "fr", resolver)
    assert first.span == SourceSpan(641, 643)  # up to the next verb, on the third line
    assert second.span == SourceSpan(643, 643)


def test_mandate_actions() -> None:
    assert {"requests", "invites", "urges", "encourages", "calls_upon"} <= MANDATE_ACTIONS
    assert not {"decides", "welcomes", "notes", "takes_note", "calls_for"} & MANDATE_ACTIONS


def test_unknown_language_is_refused(resolver: EntityResolver) -> None:
    with pytest.raises(ValueError, match="xx"):
        extract_mandates("Prie le Secrétaire général", "requests", SPAN, "xx", resolver)


# --- enriching a whole text -------------------------------------------------------------------


def _paragraph(
    kind: ParagraphKind, number: int, key: str, text: str, line: int, *calls: int
) -> Paragraph:
    opening = text.split(" ", 1)[0]
    return Paragraph(kind, number, key, opening, text, SourceSpan(line, line + 2), calls)


def _text() -> ResolutionText:
    """The start and end of draft resolution III of A/77/464, with two footnotes."""
    pre, op = ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE
    return ResolutionText(
        kind=TextKind.RECOMMENDED,
        source_name="A_77_464.fr.txt",
        language="fr",
        symbol="A/C.3/77/L.4",
        label="III",
        title="Renforcer l’action menée aux niveaux national et international, y compris avec le "
        "secteur privé, pour protéger les enfants contre l’exploitation et les atteintes sexuelles",
        formula="L’Assemblée générale,",
        preamble=(
            _paragraph(
                pre,
                1,
                "recalling",
                "Rappelant la Convention relative aux droits de l’enfant, le Protocole facultatif "
                "à la Convention relative aux droits de l’enfant concernant la vente d’enfants, la"
                " prostitution des enfants et la pornographie mettant en scène des enfants, et "
                "d’autres instruments internationaux et régionaux pertinents,",
                910,
                1,
                2,
            ),
            _paragraph(
                pre,
                2,
                "recalling",
                "Rappelant la résolution 26/3 de la Commission pour la prévention du crime et la "
                "justice pénale en date du 26 mai 2017, sur la prise en considération de la "
                "problématique femmes-hommes,",
                1094,
                3,
            ),
        ),
        operative=(
            _paragraph(
                op,
                21,
                "requests",
                "21. Prie l’Office des Nations Unies contre la drogue et le crime d’offrir aux "
                "États Membres qui en font la demande des services d’assistance technique, et "
                "invite les États Membres à lui apporter leur soutien à cet égard ;",
                1608,
            ),
        ),
        footnotes=(
            Footnote(
                1, "Nations Unies, Recueil des Traités, vol. 1577, no 27531.", SourceSpan(958, 958)
            ),
            Footnote(2, "Ibid., vol. 2171, no 27531.", SourceSpan(959, 959)),
            Footnote(
                3,
                "Voir Documents officiels du Conseil économique et social, 2017, Supplément no 10"
                " (E/2017/30), chap. I, sect. D.",
                SourceSpan(1110, 1111),
            ),
        ),
        span=SourceSpan(902, 1625),
        session=77,
    )


def test_enrich_text(resolver: EntityResolver) -> None:
    text = _text()
    enriched = enrich_text(text, resolver, load_instruments())
    first, second = enriched.preamble
    (operative,) = enriched.operative

    assert first.citations == ()
    assert [(m.code, m.unts_volume, m.unts_number) for m in first.instruments] == [
        ("crc", 1577, 27531),
        ("crc-opsc", 2171, 27531),
    ]
    assert first.mandates == ()  # preambular paragraphs carry no mandates

    # The citation of the paragraph, then that of the footnote it calls, with its own span.
    assert [(c.kind, c.body, c.number, c.span) for c in second.citations] == [
        (CitedKind.RESOLUTION, "un-ccpcj", "26/3", SourceSpan(1094, 1096)),
        (CitedKind.DOCUMENT, "un-ecosoc", "E/2017/30", SourceSpan(1110, 1111)),
    ]

    assert [(m.addressee.code, m.action) for m in operative.mandates] == [
        ("un-unodc", "requests"),
        ("member-states", "invites"),
    ]

    # Nothing else changes, and enriching again gives the same text.
    assert enriched.title == text.title and enriched.footnotes == text.footnotes
    assert [p.text for p in enriched.preamble] == [p.text for p in text.preamble]
    assert enrich_text(enriched, resolver, load_instruments()) == enriched


# --- issue 10: every mandate ------------------------------------------------------------------
# Each rule on its real passage (A/77/464, line numbers given); English wording on equivalents of
# the same passages, as the English versions of these resolutions print them.

UNCAC_TITLE = "Prévention de la corruption ... la Convention des Nations Unies contre la corruption"


def _mandates(
    text: str, key: str, resolver: EntityResolver, language: str = "fr", context: str = ""
) -> list[tuple]:
    found = extract_mandates(
        text, key, SPAN, language, resolver, context=context, instruments=load_instruments()
    )
    return [(m.addressee, m.action) for m in found]


def test_states_parties_to_a_named_instrument_and_their_pronoun(resolver: EntityResolver) -> None:
    # Line 3324: the short name `la Convention` is the one the title names.
    text = (
        "13. Encourage vivement les États parties à la Convention à continuer de participer "
        "activement aux activités du Mécanisme d’examen de l’application de la Convention ... et "
        "les invite à fournir les ressources extrabudgétaires voulues pour contribuer au "
        "financement du Mécanisme ;"
    )
    parties = CollectiveAddressee("states-parties", instrument="uncac")
    assert _mandates(text, "encourages", resolver, context=UNCAC_TITLE) == [
        (parties, "encourages"),
        (parties, "invites"),
    ]
    # Line 1394: the instrument named in full.
    text = (
        "5. Prie instamment les États parties au Protocole facultatif à la Convention relative aux"
        " droits de l’enfant, concernant la vente d’enfants, la prostitution des enfants et la "
        "pornographie mettant en scène des enfants, de respecter les obligations ..."
    )
    assert _mandates(text, "urges", resolver) == [
        (CollectiveAddressee("states-parties", instrument="crc-opsc"), "urges")
    ]
    english = (
        "13. Strongly encourages States parties to the United Nations Convention against "
        "Corruption to continue to participate actively in the Implementation Review Mechanism"
    )
    assert _mandates(english, "encourages", resolver, "en") == [
        (CollectiveAddressee("states-parties", instrument="uncac"), "encourages")
    ]


@pytest.mark.parametrize(
    ("text", "key", "language", "expected"),
    [
        pytest.param(  # line 552
            "2. Invite de nouveau les gouvernements à prendre en compte la Déclaration de Kyoto",
            "invites",
            "fr",
            [("governments", "invites")],
            id="552-governments",
        ),
        pytest.param(
            "2. Again invites Governments to take into consideration the Kyoto Declaration",
            "invites",
            "en",
            [("governments", "invites")],
            id="governments-en",
        ),
        pytest.param(  # lines 1980-1985: all States, then States parties in a second clause
            "14. Exhorte tous les États qui ne l’ont pas encore fait à envisager de ratifier la "
            "Convention des Nations Unies contre la criminalité transnationale organisée ..., ou "
            "d’y adhérer, et engage les États parties qui n’ont pas encore mis en œuvre les "
            "conventions à informer l’Office des Nations Unies contre la drogue et le crime",
            "urges",
            "fr",
            [("all-states", "urges"), ("states-parties", "calls_upon")],
            id="1980-all-states",
        ),
        pytest.param(
            "20. Calls upon all States to develop national and local crime prevention plans",
            "calls_upon",
            "en",
            [("all-states", "calls_upon")],
            id="all-states-en",
        ),
        pytest.param(  # line 1970: the NGOs are passed over, the community is not
            "13. Exhorte tous les États Membres et les organisations non gouvernementales, ainsi "
            "que la communauté internationale, à continuer d’adopter des mesures pratiques",
            "urges",
            "fr",
            [("member-states", "urges"), ("international-community", "urges")],
            id="1970-international-community",
        ),
        pytest.param(  # line 3987
            "57. Exhorte la communauté internationale à fournir, entre autres, une assistance "
            "technique",
            "urges",
            "fr",
            [("international-community", "urges")],
            id="3987-international-community",
        ),
        pytest.param(  # line 3922
            "54. Demande de nouveau au secteur privé, tant au niveau national qu’au niveau "
            "international, ..., de rester pleinement engagé dans la lutte contre la corruption",
            "calls_upon",
            "fr",
            [("private-sector", "calls_upon")],
            id="3922-private-sector",
        ),
        pytest.param(
            "54. Again calls upon the private sector, both at the national and at the "
            "international levels, to remain fully engaged in the fight against corruption",
            "calls_upon",
            "en",
            [("private-sector", "calls_upon")],
            id="private-sector-en",
        ),
        pytest.param(  # line 3678: `les États` with no qualifier
            "38. Prie instamment les États d’élaborer, d’appliquer ou de poursuivre ... des "
            "politiques de lutte contre la corruption",
            "urges",
            "fr",
            [("states", "urges")],
            id="3678-states",
        ),
        pytest.param(  # line 4126: requesting States are not States in general
            "67. Invite les États requérants à s’assurer que les procédures d’investigation "
            "voulues ont été engagées",
            "invites",
            "fr",
            [],
            id="4126-requesting-states-are-not-states",
        ),
        pytest.param(  # lines 7262-7270: `et aux États Parties d'en appliquer`
            "48. Demande aux États Membres d’envisager de ratifier le Protocole contre le trafic "
            "illicite de migrants par terre, air et mer, ou d’y adhérer et aux États Parties d’en "
            "appliquer les dispositions, de renforcer la coopération internationale",
            "calls_upon",
            "fr",
            [("member-states", "calls_upon"), ("states-parties", "calls_upon")],
            id="7262-second-addressee-without-comma",
        ),
    ],
)
def test_collective_addressees(
    text: str, key: str, language: str, expected: list[tuple[str, str]], resolver: EntityResolver
) -> None:
    found = [(a.code, action) for a, action in _mandates(text, key, resolver, language)]
    assert found == expected


def test_states_members_of_a_body(resolver: EntityResolver) -> None:
    # Line 1950: the members of the Institute named in the title, not the Member States.
    text = (
        "10. Exhorte les États membres de l’Institut qui ne se sont pas acquittés de leurs "
        "contributions financières annuelles à l’Institut à verser la totalité ..."
    )
    assert _mandates(text, "urges", resolver, context=UNAFRI_TITLE) == [
        (CollectiveAddressee("states-members", body=ActorRef("body", "un-unafri")), "urges")
    ]


def test_pronoun_with_a_stray_space(resolver: EntityResolver) -> None:
    # Line 6773: `prie celui -ci` as printed (and `celui ‑ci` with a non-breaking hyphen).
    for pronoun in ("celui -ci", "celui \u2011ci", "celui-ci"):
        text = (
            "22. Prend note du lancement de l’initiative GRACE par l’Office des Nations Unies "
            f"contre la drogue et le crime, et prie {pronoun}, sous réserve de la disponibilité "
            "de ressources extrabudgétaires, de continuer à élaborer des supports pédagogiques"
        )
        assert _mandates(text, "takes_note", resolver) == [
            (ActorRef("body", "un-unodc"), "requests")
        ]


@pytest.mark.parametrize(
    ("text", "key", "context", "expected"),
    [
        pytest.param(  # lines 5084-5088: `..., et l'Organisation mondiale de la Santé à faciliter`
            "20. Invite les États Membres et les autres donateurs à fournir des ressources "
            "extrabudgétaires à l’Office des Nations Unies contre la drogue et le crime aux fins "
            "de l’application de la présente résolution, et l’Organisation mondiale de la Santé à"
            " faciliter la diffusion et l’application des principes approuvés",
            "invites",
            "",
            [(ActorRef("body", "member-states"), "invites"), (ActorRef("body", "who"), "invites")],
            id="5084-second-addressee-after-the-clause",
        ),
        pytest.param(  # lines 6939-6950: `et demande à l'Office`, the Office named in the context
            "30. Prie les États Membres de resserrer la coopération ..., et demande à l’Office de "
            "continuer de fournir aux États Membres qui le demandent une assistance technique",
            "requests",
            "l’Office des Nations Unies contre la drogue et le crime",
            [
                (ActorRef("body", "member-states"), "requests"),
                (ActorRef("body", "un-unodc"), "calls_upon"),
            ],
            id="6939-short-name-after-a",
        ),
        pytest.param(  # lines 4261-4266: `ce dernier` is the Group of Twenty
            "76. Salue l’action menée par le Groupe des Vingt pour combattre la corruption ..., "
            "prend note avec appréciation des initiatives mentionnées dans le communiqué du "
            "Sommet du Groupe des Vingt, tenu à Rome les 30 et 31 octobre 2021, et prie "
            "instamment ce dernier de continuer d’intéresser à ses travaux",
            "salutes",
            "",
            [(ActorRef("body", "g20"), "urges")],
            id="4261-ce-dernier",
        ),
    ],
)
def test_named_addressees(
    text: str, key: str, context: str, expected: list[tuple], resolver: EntityResolver
) -> None:
    assert _mandates(text, key, resolver, context=context) == expected


@pytest.mark.parametrize(
    ("text", "language", "due"),
    [
        pytest.param(  # line 635: the Commission's session
            "8. Prie la Commission pour la prévention du crime et la justice pénale d’approuver à "
            "sa trente-deuxième session le thème général",
            "fr",
            (32, "un-ccpcj"),
            id="635-commission",
        ),
        pytest.param(  # line 641: `lui` is the Assembly
            "9. Prie le Secrétaire général de lui présenter, à sa soixante-dix-huitième session, "
            "un rapport sur l’application de la présente résolution.",
            "fr",
            (78, "un-ga"),
            id="641-assembly",
        ),
        pytest.param(
            "8. Requests the Commission on Crime Prevention and Criminal Justice to approve, at "
            "its thirty-second session, the overall theme",
            "en",
            (32, "un-ccpcj"),
            id="commission-en",
        ),
        pytest.param(
            "9. Requests the Secretary-General to submit to it at its seventy-eighth session a "
            "report on the implementation of the present resolution.",
            "en",
            (78, "un-ga"),
            id="assembly-en",
        ),
    ],
)
def test_due_session_of_the_body_named(
    text: str, language: str, due: tuple[int, str], resolver: EntityResolver
) -> None:
    (mandate,) = extract_mandates(text, "requests", SPAN, language, resolver)
    assert (mandate.due_session, mandate.due_body) == due


@pytest.mark.parametrize(
    ("text", "language", "funding"),
    [
        pytest.param(  # lines 574-584
            "4. Prie la Commission pour la prévention du crime et la justice pénale ... de tenir, "
            "entre ses sessions, des discussions thématiques ..., sous réserve de la disponibilité"
            " de ressources extrabudgétaires ;",
            "fr",
            "extrabudgetary-resources",
            id="584-extrabudgetary",
        ),
        pytest.param(
            "4. Requests the Commission on Crime Prevention and Criminal Justice ... to hold "
            "thematic discussions, subject to the availability of extrabudgetary resources;",
            "en",
            "extrabudgetary-resources",
            id="extrabudgetary-en",
        ),
        pytest.param(
            "9. Requests the Secretary-General to convene the meeting within existing resources;",
            "en",
            "existing-resources",
            id="existing-en",
        ),
        pytest.param(
            "9. Prie le Secrétaire général de convoquer la réunion dans la limite des ressources "
            "existantes ;",
            "fr",
            "existing-resources",
            id="existing-fr",
        ),
        pytest.param(  # line 641: no condition
            "9. Prie le Secrétaire général de lui présenter, à sa soixante-dix-huitième session, "
            "un rapport.",
            "fr",
            None,
            id="641-none",
        ),
    ],
)
def test_funding_condition(
    text: str, language: str, funding: str | None, resolver: EntityResolver
) -> None:
    (mandate,) = extract_mandates(text, "requests", SPAN, language, resolver)
    assert mandate.funding == funding
