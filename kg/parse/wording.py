"""What a language prints around the paragraphs of a resolution text, adopted or draft.

One `ResolutionWording` per language, held by that language's `Lexicon` (kg.parse.lexicon):
the formula, the sub-point labels, the lines of the header block of a document issued under its
own symbol (`Distr.: General` / `Distr.: Limited`, `Original:`, session, agenda items, the
adoption line, how it came before the Assembly), the sponsors line of a draft, the closing
lines, and the words that tell a footnote call from a quantity. Patterns are regex sources:
`{months}` stands for the lexicon's month names, `{date}` for `date` with a group `date`.
The opening phrases are tables of their own (kg/parse/phrases). A new language is one more
instance here, with its lexicon and phrase tables; no parser changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class ResolutionWording:
    """The wording of one language; every `str` field but `sub_label` and `name` is a regex."""

    name: str  # the language's name in English, for messages (`French`)
    formula: str  # the whole formula line
    draft_heading: str  # group `numeral`: a text recommended in a committee report
    sub_point: str  # groups `label` and `text`
    sub_point_alone: str  # group `label`: a label whose text the extraction printed apart
    sub_label: str  # how a label is printed, `{}` is the letter
    list_joiners: frozenset[str]  # a sub-point may end with these before the next one
    # Words after which a number is a quantity or a reference, not a footnote call.
    number_words: frozenset[str]
    # Words before which a number is a quantity (and, with a number after them, a range).
    unit_words: frozenset[str]
    range_words: frozenset[str]
    # The header block of a document issued under its own symbol.
    distribution: str  # group `date`
    limited: str  # the distribution of a draft (`Distr.: Limited`)
    original: str  # group `language`: `Original: English`
    session: str  # group `ordinal`
    agenda: str  # group `items`
    adopted: str  # group `date`
    adopted_heading: str  # the heading alone, for recognising an adopted resolution
    report_heading: str  # `Report of the Third Committee`, for recognising a report
    report_opening: str  # the first heading of a report's text, `I. Introduction`
    without_reference: str
    on_report: str  # groups `committee`, `report`, and `paragraph` when printed
    # The sponsors line of a draft issued as a document: groups `sponsors`, `kind`.
    sponsors: str
    decision: str  # `kind` holds this word for a draft decision (else a draft resolution)
    on_behalf: str  # a sponsor for a group: groups `state`, `group`
    plenary: str  # group `number`
    annex_heading: str  # the heading of an annex after the closing lines
    date: str  # groups `day`, `month`, `year`; `{months}` is the lexicon's alternation
    # What the lines look like, as printed, for error messages: (name, example) pairs.
    examples: tuple[tuple[str, str], ...]

    def example(self, name: str) -> str:
        """`formula` -> `'The General Assembly,'`: the example, quoted, for a message."""
        return f"'{dict(self.examples)[name]}'"

    def compiled(self, name: str, months: str) -> re.Pattern[str]:
        pattern = getattr(self, name)
        pattern = pattern.replace("{date}", f"(?P<date>{self.date})")
        return re.compile(pattern.replace("{months}", months))


# A symbol as printed in brackets after a report or a draft (`A/77/462`, `A/76/L.75/Add.1`).
_SYMBOL = r"[A-Z]+(?:/[A-Z0-9.\-]+)+"

FRENCH_WORDING = ResolutionWording(
    name="French",
    formula=r"^L['’]Assemblée générale,?$",
    draft_heading=r"^Projet de résolution (?P<numeral>[IVXLC]+)$",
    sub_point=r"^(?P<label>[a-z])\)\s+(?P<text>\S.*)$",
    sub_point_alone=r"^(?P<label>[a-z])\)$",
    sub_label="{})",
    list_joiners=_words("et ou"),
    number_words=_words(
        "du au le les la de des à aux sur par en entre et ou paragraphe paragraphes par. "
        "article articles point points alinéa alinéas chapitre chap. section sect. vol. no n° "
        "nos résolution résolutions décision décisions annexe règle règles principe principes "
        "objectif objectifs cible cibles session séance page p. pp. environ plus moins que "
        "tous toutes"
    ),
    unit_words=_words(
        "ans an années mois jours semaines heures pour % millions million milliards fois "
        "états pays personnes er e"
    ),
    range_words=_words("au à et ou - – —"),
    distribution=r"Distr\.\s*:?\s*(?:générale|limitée|restreinte)\s+{date}",
    limited=r"Distr\.\s*:?\s*limitée",
    original=r"Original\s*:\s*(?P<language>[^\W\d_]+)",
    session=r"(?P<ordinal>[^\W\d_][\w\-]*) session\b",
    agenda=r"Points? (?P<items>\d{1,3}(?:\s*\(?[a-z]\))?"
    r"(?:\s*(?:,|et)\s*\d{1,3}(?:\s*\(?[a-z]\))?)*) de l['’]ordre du jour",
    adopted=r"Résolution adoptée par l['’]Assemblée générale le {date}",
    adopted_heading=r"Résolution\s+adoptée\s+par\s+l['’]Assemblée\s+générale",
    report_heading=r"\bRapport\s+de\s+la\s+(?:[\w\-]+\s+){0,6}?Commission\b",
    report_opening=r"^\s*I\.\s+Introduction\s*$",
    without_reference=r"\[sans renvoi à une grande commission(?:\s*\([^)]*\))?\]",
    on_report=r"\[sur (?:la base du|le) rapport de la (?P<committee>[^(\]]+?)\s*"
    rf"\((?P<report>{_SYMBOL})(?:,\s*par\.\s*(?P<paragraph>[^)\]]+))?\)\]",
    sponsors=r"^(?P<sponsors>\S.*?)\s*:\s*(?P<kind>projet de (?:résolution|décision)(?: révisé)?)$",
    decision="décision",
    on_behalf=r"^(?P<state>.+?)\s*\(au nom (?:du|de la|des|de l['’])\s*(?P<group>[^)]+)\)$",
    plenary=r"^(?P<number>\d{1,3})e séance plénière$",
    annex_heading=r"^Annexe(?:\s+[IVXLC]+)?$",
    date=r"(?P<day>\d{1,2}(?:er)?)\s+(?P<month>{months})\s+(?P<year>\d{4})",
    examples=(
        ("formula", "L’Assemblée générale,"),
        ("operative", "1. Prie ..."),
        ("recommended_as", "(voir par. ... ci-après, projet de résolution {numeral})"),
        ("closing", "45e séance plénière"),
        ("date", "6 décembre 2022"),
        ("issued", "Distr. générale 8 décembre 2022"),
        ("limited", "Distr. limitée"),
        ("session", "Soixante-dix-septième session"),
        ("agenda", "Point 69 b) de l’ordre du jour"),
        ("adopted", "Résolution adoptée par l’Assemblée générale le ..."),
        ("origin", "[sur la base du rapport de la Troisième Commission (A/77/464, par. 93)]"),
        ("without_reference", "[sans renvoi à une grande commission (A/77/L.34)]"),
        ("sponsors", "Algérie, Bahreïn ... : projet de résolution"),
    ),
)

ENGLISH_WORDING = ResolutionWording(
    name="English",
    formula=r"^The General Assembly,?$",
    draft_heading=r"^Draft resolution (?P<numeral>[IVXLC]+)$",
    sub_point=r"^\((?P<label>[a-z])\)\s+(?P<text>\S.*)$",
    sub_point_alone=r"^\((?P<label>[a-z])\)$",
    sub_label="({})",
    list_joiners=_words("and or"),
    number_words=_words(
        "of on to from by under over than between and or in at for the paragraph paragraphs "
        "para. paras. article articles item items chapter chap. section sect. vol. no. nos. "
        "resolution resolutions decision decisions annex rule rules principle principles goal "
        "target targets session meeting page p. pp. about some least all top"
    ),
    unit_words=_words(
        "years year months days weeks hours per percent % million billion times countries "
        "states people persons"
    ),
    range_words=_words("to and or - – —"),
    distribution=r"Distr\.:\s*(?:General|Limited|Restricted)\s+{date}",
    limited=r"Distr\.:\s*Limited",
    original=r"Original:\s*(?P<language>[^\W\d_]+)",
    session=r"(?P<ordinal>[^\W\d_][\w\-]*) session\b",
    agenda=r"Agenda items? (?P<items>\d{1,3}(?:\s*\([a-z]\))?"
    r"(?:\s*(?:,|and|,\s*and)\s*\d{1,3}(?:\s*\([a-z]\))?)*)",
    adopted=r"Resolution adopted by the General Assembly on {date}",
    adopted_heading=r"Resolution\s+adopted\s+by\s+the\s+General\s+Assembly",
    report_heading=r"\bReport\s+of\s+the\s+(?:[\w\-]+\s+){0,5}?Committee\b",
    report_opening=r"^\s*I\.\s+Introduction\s*$",
    without_reference=r"\[without reference to a Main Committee(?:\s*\([^)]*\))?\]",
    on_report=r"\[on the report of the (?P<committee>[^(\]]+?)\s*"
    rf"\((?P<report>{_SYMBOL})(?:,\s*paras?\.\s*(?P<paragraph>[^)\]]+))?\)\]",
    sponsors=r"^(?P<sponsors>\S.*?)\s*:\s*(?P<kind>(?:revised )?draft (?:resolution|decision))$",
    decision="decision",
    on_behalf=r"^(?P<state>.+?)\s*\(on behalf of (?:the )?(?P<group>[^)]+)\)$",
    plenary=r"^(?P<number>\d{1,3})(?:st|nd|rd|th) plenary meeting$",
    annex_heading=r"^Annex(?:\s+[IVXLC]+)?$",
    date=r"(?P<day>\d{1,2})\s+(?P<month>{months})\s+(?P<year>\d{4})",
    examples=(
        ("formula", "The General Assembly,"),
        ("operative", "1. Requests ..."),
        ("recommended_as", "(see para. ... below, draft resolution {numeral})"),
        ("closing", "45th plenary meeting"),
        ("date", "6 December 2022"),
        ("issued", "Distr.: General 8 December 2022"),
        ("limited", "Distr.: Limited"),
        ("session", "Seventy-seventh session"),
        ("agenda", "Agenda item 69 (b)"),
        ("adopted", "Resolution adopted by the General Assembly on ..."),
        ("origin", "[on the report of the Third Committee (A/77/462, para. 35)]"),
        ("without_reference", "[without reference to a Main Committee (A/77/L.34)]"),
        ("sponsors", "Algeria, Bahrain ...: draft resolution"),
    ),
)
