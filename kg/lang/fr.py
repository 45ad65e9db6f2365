"""French: the wording of Main Committee reports (Secretariat editorial style)."""

from __future__ import annotations

import re

from kg.lang import Language, ReportWording, register
from kg.parse.lexicon import FRENCH

APOS = "['’]"  # straight or typographic apostrophe
_MONTHS = FRENCH.month_pattern
_DAY = r"\d{1,2}(?:er)?"
_I = re.IGNORECASE
_DRAFT = r"projet de (?:résolution|décision)"
_SYMBOL = r"(?P<symbol>A/[^\s,;()]*[^\s,;().])"  # a full stop after it ends the sentence
_OFFICE_ROLES = (
    r"Vice-Président(?:e)?|Président(?:e)?|Rapporteu(?:r|se)|facilitat(?:eur|rice)|Bureau"
)

REPORT = ReportWording(
    introduction=re.compile(r"^I\.\s+Introduction$", re.M),
    recommendations=re.compile(r"^Recommandations? de la (?P<committee>.*?Commission.*)$"),
    section_title=re.compile(r"^Projets? de (?:résolution|décision)\b", _I),
    item=re.compile(r"^(?P<letter>[a-z])\)\s+(?P<text>\S.*)$"),
    # A full stop followed by a capital (not `par. 31`).
    sentence_end=re.compile(r"(?<=[.])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])"),
    leading_article=re.compile(rf"^(?:de la |de l{APOS}|du |des |de |le |la |les |l{APOS})\s*", _I),
    name_tail=re.compile(rf"\s(?:du|des|de la|de l{APOS}|de)\s*"),
    # `... d'inscrire à l'ordre du jour de sa soixante-dix-septième session la question
    # intitulée « Prévention du crime et justice pénale » et de la renvoyer à la Troisième
    # Commission`.
    agenda_allocation=re.compile(
        r"ordre du jour de sa (?P<session>[\w\-\s]+?) session la question intitulée\s*«\s*"
        r"(?P<title>[^»]+?)\s*»\s*et de la renvoyer à la "
        r"(?P<committee>[^.,;()]*?Commission[^.,;()]*?(?:\s*\([^)]*Commission\))?)"
        r"(?=\s*[.,;]|\s*$)",
        _I,
    ),
    item_title=re.compile(r"question intitulée\s*«\s*(?P<title>[^»]+?)\s*»", _I),
    report_of=re.compile(r"^Rapport de la (?P<committee>.*?Commission.*)$"),
    agenda_item_number=re.compile(rf"au titre du point (?P<number>\d{{1,3}}) de l{APOS}ordre"),
    documents_before=re.compile(r"saisie des documents suivants", _I),
    # `la Commission était saisie du rapport du Secrétaire général sur ... (A/77/131)`
    document_before=re.compile(
        r"était saisie (?:du|de la) (?P<kind>rapport|note|lettre) [^()]*"
        r"\(\s*(?P<symbol>A/[^)\s]+)\s*\)",
        _I,
    ),
    document_kinds=(
        ("Rapport", "report"),
        ("Note", "note"),
        ("Lettre", "letter"),
        ("Projet de résolution", "draft"),
    ),
    # `À sa 3e séance plénière, le 16 septembre 2022`, `à ses 5e et 6e séances, le 3 octobre
    # 2022`, `à ses 45e, 48e, 50e et 51e séances, les 4, 11 et 15 novembre 2022`, `À la 46e
    # séance, le 10 novembre`, `À sa 45e séance` (no date).
    meeting_mention=re.compile(
        r"\b[àÀ]\s+(?:la|sa|ses|leurs?)\s+"
        r"(?P<numbers>\d{1,3}e(?:\s*(?:,|et|à)\s*\d{1,3}e)*)\s+séances?"
        r"(?P<plenary>\s+plénières?)?"
        rf"(?:\s*,\s*(?:le|les)\s+(?P<days>{_DAY}(?:\s*(?:,|et)\s*{_DAY})*)\s+"
        rf"(?P<month>{_MONTHS})(?:\s+(?P<year>\d{{4}}))?)?",
        _I,
    ),
    meeting_number=re.compile(r"(?P<number>\d{1,3})e"),
    meeting_range=re.compile(r"^\s*à\s*$"),
    day=re.compile(_DAY),
    more_dates=re.compile(r"^\s*(?:,\s*)?(?:et\s+)?(?:le|les|du)\s+\d"),
    same_meeting=re.compile(r"\bà la même séance\b", _I),
    title=re.compile(r"intitulée?\s*«\s*(?P<title>[^»]+?)\s*»(?:\s*\((?P<symbol>[^)]+)\))?", _I),
    # `Dans sa résolution 2022/12, le Conseil économique et social a recommandé ...`
    recommended_by_resolution=re.compile(
        rf"Dans sa résolution (?P<number>\d{{4}}/\d{{1,3}}|\d{{1,3}}/\d{{1,3}}),\s+"
        rf"(?:le|la|l{APOS})\s*(?P<body>[^,]+?) a recommandé",
        _I,
    ),
    # `déposé par le Président (République dominicaine) sur la recommandation du Conseil`:
    # the office submits; the State in brackets is the nationality of its holder.
    submitted_by_office=(
        re.compile(
            rf"(?:déposé|présenté) par (?:le|la|l{APOS})\s*(?P<role>{_OFFICE_ROLES})"
            r"(?:\s+de la Commission)?(?:,?\s*[^().;]{0,80}?\((?P<holder>[^)]+)\))?",
            _I,
        ),
        re.compile(
            rf"(?:le|la) représentante? (?:de |du |des |de la |de l{APOS})(?P<holder>[^,]+),"
            rf"\s+au nom du (?P<role>Bureau)",
            _I,
        ),
    ),
    # `déposé par l'Ouganda, au nom des États Membres ... membres du Groupe des États
    # d'Afrique.`
    submitted_on_behalf=(
        re.compile(
            rf"déposé par (?P<submitter>[^,]+?),\s+au nom (?P<group>(?:des|du|de la|de l{APOS})"
            r".+?)\.?$",
            _I,
        ),
        # `déposé par l'Égypte et le Pakistan (au nom du Groupe des 77 et de la Chine)`
        re.compile(r"déposé par (?P<submitter>[^,()]+?)\s*\(au nom (?P<group>[^)]+)\)", _I),
    ),
    submitted_for_states=re.compile(
        r"délégations? (?:de |du |des |de la |de l['’])(?P<submitter>.+?),\s+au nom "
        r"(?:de |du |des |de la |de l['’])(?P<list>.+?),\s+a(?:ont)? (?:présenté|déposé)",
        _I,
    ),
    # `déposé par les pays suivants : Arménie, Autriche, ... et Pérou.`
    submitted_by_states=re.compile(
        r"déposé par les (?:pays|États|délégations) suivant(?:e)?s\s*:\s*(?P<list>[^.]+)\.",
        _I,
    ),
    # `Par la suite, les pays suivants se sont joints aux auteurs du projet de résolution : ...`
    joined_list=re.compile(
        r"les (?:pays|États|délégations) suivant(?:e)?s se sont joint(?:e)?s aux auteurs du "
        r"projet de (?:résolution|décision)\s*:\s*(?P<list>[^.]+)\.",
        _I,
    ),
    # `À la même séance, l'Angola, la Guinée, le Niger et le Sri Lanka se sont joints aux
    # auteurs`
    joined_inline=re.compile(
        r"^(?:(?:toujours\s+)?[àÀ] (?:la|sa) [^,]*séance[^,]*,\s*)(?P<list>.+?)\s+"
        r"(?:se sont joint(?:e)?s|s['’]est joint(?:e)?) aux auteurs",
        _I,
    ),
    later_marker=re.compile(r"^Par la suite\b", _I),
    # `le Secrétaire de la Commission a donné lecture d'un état des incidences ...`
    budget_implications=re.compile(
        rf"(?:le|la) [^,]+? a donné lecture d{APOS}un état des incidences", _I
    ),
    # `la Commission a adopté le projet de résolution A/C.3/77/L.2 (voir par. 31 ci-après,
    # projet de résolution I)`, optionally `sans le mettre aux voix` or `par 120 voix contre
    # 10, avec 30 abstentions`; or `Le projet de résolution ..., dans son ensemble, a été
    # adopté par ...`.
    adoption=(
        re.compile(
            rf"la Commission a adopté le {_DRAFT} (?P<symbol>\S+)(?P<how>(?:\s[^(]*?)?)\s*"
            r"\(voir par\.\s*(?P<paragraph>\d+) ci-après(?:, projet de (?:résolution|décision) "
            r"(?P<numeral>[IVXL]+))?\)",
            _I,
        ),
        re.compile(
            rf"le {_DRAFT} (?P<symbol>\S+?),? dans son ensemble,? a été adopté"
            r"(?P<how>[^(]*?)\s*\(voir par\.\s*(?P<paragraph>\d+) ci-après"
            r"(?:, projet de (?:résolution|décision) (?P<numeral>[IVXL]+))?\)",
            _I,
        ),
    ),
    without_vote=re.compile(r"sans (?:le mettre aux voix|vote)", _I),
    recorded_vote_counts=re.compile(
        r"par (?P<yes>\d+) voix contre (?P<no>\d+|zéro)"
        r"(?:,\s*avec (?P<abstain>\d+) abstentions?|,\s*sans (?P<none>abstention))?",
        _I,
    ),
    recorded_vote=re.compile(r"vote enregistré", _I),
    zero_words=frozenset({"zéro", "abstention"}),
    # `Ont voté pour : ...`, `Ont voté contre : ...`, `Se sont abstenus : ...`.
    vote_lists={
        "yes": re.compile(r"Ont voté pour\s*:\s*(?P<list>[^.]+)\.", _I),
        "no": re.compile(r"Ont voté contre\s*:\s*(?P<list>[^.]+)\.", _I),
        "abstain": re.compile(r"Se sont abstenus\s*:\s*(?P<list>[^.]+)\.", _I),
    },
    nobody=re.compile(r"^(?:Néant|Aucun)$", _I),
    # `Le paragraphe 2 du dispositif a été maintenu par 166 voix contre 2`
    paragraph_vote=re.compile(
        r"\ble paragraphe (?P<number>\d{1,3}) du (?P<kind>dispositif|préambule)"
        r"(?: du projet de (?:résolution|décision) \S+)? a été "
        r"(?P<outcome>maintenu|supprimé|adopté|rejeté)",
        _I,
    ),
    paragraph_kinds={"dispositif": "operative", "préambule": "preambular"},
    paragraph_outcomes={
        "maintenu": "retained",
        "adopté": "retained",
        "supprimé": "deleted",
        "rejeté": "deleted",
    },
    # `Compte tenu de l'adoption du projet de résolution A/C.3/77/L.50, le projet de
    # résolution A/C.3/77/L.10 a été retiré par ses auteurs.`
    withdrawn=re.compile(rf"\ble {_DRAFT} {_SYMBOL}[,.]?\s+a été retiré", _I),
    in_favour_of=re.compile(
        rf"(?:compte tenu de|à la suite de|vu) l{APOS}adoption du {_DRAFT} {_SYMBOL}[,.]?\s", _I
    ),
    oral_revision=re.compile(r"(?:a révisé oralement|a oralement révisé|révisé oralement)", _I),
    # `la Commission était saisie d'un amendement (A/C.3/77/L.60) au projet de résolution ...`
    amendment=(
        re.compile(
            rf"amendements? \({_SYMBOL}\) (?:au|du) {_DRAFT} (?P<draft>A/[^\s,;()]+?)[,.;]?"
            r"(?:\s|$)",
            _I,
        ),
        re.compile(
            rf"amendements? (?:au|du) {_DRAFT} (?P<draft>A/[^\s,;()]+?),?\s+(?:publiés? sous "
            rf"la cote|figurant dans le document) {_SYMBOL}[,.;]?(?:\s|$)",
            _I,
        ),
    ),
    amendment_outcomes={
        "adopté": "adopted",
        "rejeté": "rejected",
        "retiré": "withdrawn",
    },
    amendment_outcome=(
        re.compile(
            rf"la Commission a (?P<outcome>adopté|rejeté) l{APOS}amendement \({_SYMBOL}\)", _I
        ),
        re.compile(rf"l{APOS}amendement \({_SYMBOL}\) a été (?P<outcome>adopté|rejeté|retiré)", _I),
    ),
    # `<speakers> a fait une déclaration` / `ont fait des déclarations`, optionally `liminaire`
    # and `au nom du Groupe ...`.
    statement=(
        re.compile(
            r"(?P<speakers>(?:le|la|les) représentant(?:e)?s?\b.+?)\s+(?:a|ont) fait "
            r"(?:une|des) déclarations?(?P<rest>[^.]*)",
            _I,
        ),
    ),
    statement_on_behalf=re.compile(r"^\s*(?:liminaire\s*)?au nom (?P<actor>.+)$", _I),
    also_on_behalf=re.compile(
        r"\((?:s['’]exprimant|parlant) (?:également )?au nom (?P<list>[^)]+)\)", _I
    ),
    # `la représentante de l'Ouganda`, `les représentants des États-Unis d'Amérique et de
    # l'Arabie saoudite`.
    speaker_split=re.compile(r",?\s+et\s+(?=(?:le|la|les) représentant)", _I),
    speaker=re.compile(r"^(?P<role>(?:le|la|les) représentant(?:e)?s?)\s+(?P<names>.+)$", _I),
    # `répondu aux questions et observations des représentants de l'Union européenne, ...`
    dialogue=re.compile(
        r"répondu aux questions(?: et observations)? des (?P<role>représentants) (?P<names>[^.]+)",
        _I,
    ),
    before_adoption=re.compile(r"^Avant (?:l['’]adoption|le vote)", _I),
    after_adoption=re.compile(r"^Après (?:l['’]adoption|le vote)", _I),
    roles={
        "président": "chair",
        "présidente": "chair",
        "viceprésident": "vice-chair",
        "viceprésidente": "vice-chair",
        "rapporteur": "rapporteur",
        "rapporteuse": "rapporteur",
        "facilitateur": "facilitator",
        "facilitatrice": "facilitator",
        "bureau": "bureau",
    },
)

FRENCH_LANGUAGE = register(
    Language(
        code="fr",
        lexicon=FRENCH,
        report=REPORT,
        original_line=re.compile(r"^Original\s*:\s*français$", re.M | _I),
    )
)
