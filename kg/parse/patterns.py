"""Every regular expression of the French report parser, commented, in one place.

Patterns describe the wording of UN Main Committee reports (the editorial style of the Secretariat
is very regular), never facts of one report. Month names come from the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kg.parse.lexicon import Lexicon

# Straight or typographic apostrophe.
APOS = "['’]"


@dataclass(frozen=True)
class FrenchReportPatterns:
    lexicon: Lexicon

    @cached_property
    def date(self) -> re.Pattern[str]:
        """`16 septembre 2022`, `1er décembre 1950`, `4 novembre` (year from context)."""
        return re.compile(
            rf"\b(?P<day>\d{{1,2}}(?:er)?)\s+(?P<month>{self.lexicon.month_pattern})"
            r"(?:\s+(?P<year>\d{4}))?\b",
            re.IGNORECASE,
        )

    @cached_property
    def meeting_mention(self) -> re.Pattern[str]:
        """`À sa 3e séance plénière, le 16 septembre 2022`, `à ses 5e et 6e séances, le 3 octobre
        2022`, `à ses 45e, 48e, 50e et 51e séances, les 4, 11 et 15 novembre 2022`,
        `À la 46e séance, le 10 novembre`, `À sa 45e séance` (no date)."""
        day = r"\d{1,2}(?:er)?"
        return re.compile(
            r"\b[àÀ]\s+(?:la|sa|ses|leurs?)\s+"
            r"(?P<numbers>\d{1,3}e(?:\s*(?:,|et)\s*\d{1,3}e)*)\s+séances?"
            r"(?P<plenary>\s+plénières?)?"
            rf"(?:\s*,\s*(?:le|les)\s+(?P<days>{day}(?:\s*(?:,|et)\s*{day})*)\s+"
            rf"(?P<month>{self.lexicon.month_pattern})(?:\s+(?P<year>\d{{4}}))?)?",
            re.IGNORECASE,
        )


# `À la même séance`, `À la même séance également`, `Toujours à la même séance`.
SAME_MEETING = re.compile(r"\bà la même séance\b", re.IGNORECASE)
# Agenda item: `... d'inscrire à l'ordre du jour de sa soixante-dix-septième session la question
# intitulée « Prévention du crime et justice pénale » et de la renvoyer à la Troisième Commission`.
AGENDA_ALLOCATION = re.compile(
    r"ordre du jour de sa (?P<session>[\w\-\s]+?) session la question intitulée\s*«\s*"
    r"(?P<title>[^»]+?)\s*»\s*et de la renvoyer à la (?P<committee>[^.,;]+?Commission)",
    re.IGNORECASE,
)
AGENDA_ITEM_NUMBER = re.compile(r"\bpoint (?P<number>\d{1,3}) de l{APOS}ordre du jour", re.I)
# The heading of Part III names the committee: `Recommandations de la Troisième Commission`.
RECOMMENDATIONS_HEADING = re.compile(r"^Recommandations? de la (?P<committee>.+Commission)$")
# `la Commission était saisie des documents suivants :` then lettered items.
DOCUMENTS_BEFORE = re.compile(r"saisie des documents suivants", re.IGNORECASE)
# A lettered item that names a document: `Rapport du Secrétaire général sur ... (A/77/127) ;`.
DOCUMENT_KIND_WORDS = (
    ("Rapport", "report"),
    ("Note", "note"),
    ("Lettre", "letter"),
    ("Projet de résolution", "draft"),
)
# `Dans sa résolution 2022/12, le Conseil économique et social a recommandé à l'Assemblée
# générale d'adopter un projet de résolution`
RECOMMENDED_BY_RESOLUTION = re.compile(
    r"Dans sa résolution (?P<number>\d{4}/\d{1,3}|\d{1,3}/\d{1,3}),\s+(?:le|la|l['’])\s*"
    r"(?P<body>[^,]+?) a recommandé",
    re.IGNORECASE,
)
# `déposé par le Président (République dominicaine) sur la recommandation du Conseil`
SUBMITTED_BY_CHAIR = re.compile(
    r"déposé par (?:le|la) (?P<role>Président|Présidente|Vice-Président(?:e)?)"
    r"(?:\s*\((?P<nationality>[^)]+)\))?",
    re.IGNORECASE,
)
# `déposé par l'Ouganda, au nom des États Membres ... membres du Groupe des États d'Afrique.`
SUBMITTED_ON_BEHALF = re.compile(
    rf"déposé par (?P<submitter>[^,]+?),\s+au nom (?P<group>(?:des|du|de la|de l{APOS}).+?)\.?$",
    re.IGNORECASE,
)
# `déposé par les pays suivants : Arménie, Autriche, ... et Pérou.`
SUBMITTED_BY_STATES = re.compile(
    r"déposé par les (?:pays|États|délégations) suivant(?:e)?s\s*:\s*(?P<list>[^.]+)\.",
    re.IGNORECASE,
)
# `Par la suite, les pays suivants se sont joints aux auteurs du projet de résolution : ...`
JOINED_LIST = re.compile(
    r"les (?:pays|États|délégations) suivant(?:e)?s se sont joint(?:e)?s aux auteurs du "
    r"projet de résolution\s*:\s*(?P<list>[^.]+)\.",
    re.IGNORECASE,
)
# `À la même séance, l'Angola, la Guinée, le Niger et le Sri Lanka se sont joints aux auteurs`
JOINED_INLINE = re.compile(
    r"^(?:(?:toujours\s+)?[àÀ] (?:la|sa) [^,]*séance[^,]*,\s*)(?P<list>.+?)\s+"
    r"(?:se sont joint(?:e)?s|s['’]est joint(?:e)?) aux auteurs",
    re.IGNORECASE,
)
LATER_MARKER = re.compile(r"^Par la suite\b", re.IGNORECASE)
# Draft title: `intitulé « ... »` (also `intitulée`).
TITLE = re.compile(r"intitulée?\s*«\s*(?P<title>[^»]+?)\s*»", re.IGNORECASE)
# `le Secrétaire de la Commission a donné lecture d'un état des incidences du projet de
# résolution A/C.3/77/L.2 sur le budget-programme`
BUDGET_IMPLICATIONS = re.compile(
    rf"(?P<reader>(?:le|la) [^,]+?) a donné lecture d{APOS}un état des incidences",
    re.IGNORECASE,
)
# `la Commission a adopté le projet de résolution A/C.3/77/L.2 (voir par. 31 ci-après,
# projet de résolution I)`, optionally `sans le mettre aux voix` or
# `par 120 voix contre 10, avec 30 abstentions` / `à l'issue d'un vote enregistré`.
ADOPTION = re.compile(
    r"la Commission a adopté le projet de résolution (?P<symbol>\S+?)(?P<how>[^(]*?)\s*"
    r"\(voir par\.\s*(?P<paragraph>\d+) ci-après, projet de résolution (?P<numeral>[IVXL]+)\)",
    re.IGNORECASE,
)
WITHOUT_VOTE = re.compile(r"sans (?:le mettre aux voix|vote)", re.IGNORECASE)
RECORDED_VOTE_COUNTS = re.compile(
    r"par (?P<yes>\d+) voix contre (?P<no>\d+)(?:,\s*avec (?P<abstain>\d+) abstentions?)?",
    re.IGNORECASE,
)
RECORDED_VOTE = re.compile(r"vote enregistré", re.IGNORECASE)
# Per-State votes following a recorded vote: `Ont voté pour : ...`, `Ont voté contre : ...`,
# `Se sont abstenus : ...`.
VOTE_LISTS = {
    "yes": re.compile(r"Ont voté pour\s*:\s*(?P<list>[^.]+)\.", re.IGNORECASE),
    "no": re.compile(r"Ont voté contre\s*:\s*(?P<list>[^.]+)\.", re.IGNORECASE),
    "abstain": re.compile(r"Se sont abstenus\s*:\s*(?P<list>[^.]+)\.", re.IGNORECASE),
}
# A statement: `<speakers> a fait une déclaration` / `ont fait des déclarations`, optionally
# `liminaire` and `au nom du Groupe ...`.
STATEMENT = re.compile(
    r"(?P<speakers>(?:le|la|les) représentant(?:e)?s?\b.+?)\s+(?:a|ont) fait "
    r"(?:une|des) déclarations?(?P<rest>[^.]*)",
    re.IGNORECASE,
)
STATEMENT_ON_BEHALF = re.compile(r"^\s*(?:liminaire\s*)?au nom (?P<actor>.+)$", re.IGNORECASE)
ALSO_ON_BEHALF = re.compile(
    r"\((?:s['’]exprimant|parlant) (?:également )?au nom (?P<list>[^)]+)\)", re.IGNORECASE
)
# One speaker inside the speakers phrase: `la représentante de l'Ouganda`,
# `les représentants des États-Unis d'Amérique et de l'Arabie saoudite`.
SPEAKER_SPLIT = re.compile(r",?\s+et\s+(?=(?:le|la|les) représentant)", re.IGNORECASE)
SPEAKER = re.compile(
    r"^(?P<role>(?:le|la|les) représentant(?:e)?s?)\s+(?P<names>.+)$", re.IGNORECASE
)
# Questions answered in a dialogue: `répondu aux questions et observations des représentants de
# l'Union européenne, du Bélarus et du Mexique`.
DIALOGUE = re.compile(
    r"répondu aux questions(?: et observations)? des représentants (?P<names>[^.]+)",
    re.IGNORECASE,
)
BEFORE_ADOPTION = re.compile(r"^Avant l['’]adoption", re.IGNORECASE)
AFTER_ADOPTION = re.compile(r"^Après l['’]adoption", re.IGNORECASE)
# Sentence boundary: a full stop followed by a capital (not `par. 31`).
SENTENCE_END = re.compile(r"(?<=[.])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])")
# French articles and contractions that may precede a name in a list.
LEADING_ARTICLE = re.compile(
    rf"^(?:de la |de l{APOS}|du |des |de |le |la |les |l{APOS})\s*", re.IGNORECASE
)
# A footnote marker glued to a word in running text: `correspondants1.`
GLUED_MARKER = re.compile(r"(?<=[^\W\d_])(?P<number>\d{1,3})(?=[\s.,;:)]|$)")
