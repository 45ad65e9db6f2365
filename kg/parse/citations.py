"""Citations in resolution texts: resolutions, decisions and documents, in French and English.

`extract_citations` reads the text of one paragraph or one footnote and returns what it cites:

* resolutions and decisions with the body that adopted them (`sa résolution 46/152 du
  18 décembre 1991`, `ses résolutions 54/205 ... et 55/61 du 4 décembre 2000`, `décision 74/550 A`,
  `415 (V)`, `S-32/1`, `résolution 2022/12 du Conseil économique et social`, `la résolution 9/2 de
  la Conférence des États parties à la Convention`, `General Assembly resolution 51/122 of
  13 December 1996`, `Human Rights Council resolution 33/11`, footnotes `Résolution 76/181,
  annexe.`), with the date when it is given and the symbol when the number determines it;
* document symbols (`E/CN.15/2022/11`, `A/CONF.234/16`, `CAC/COSP/2019/17`), as documents.

How a number is read. A number counts only when a keyword (`résolution(s)`, `décision(s)`,
`resolution(s)`, `decision(s)`) governs it: right after the keyword (a body name may stand in
between: `les résolutions du Conseil économique et social 2004/27`), or further down the same
list, after a comma or `et` / `and` (`ses résolutions 72/195 du 19 décembre 2017, sur ...,
73/148 du 17 décembre 2018 ... et 73/154`). Paragraph numbers, chapters, pages and years never
have that shape, so they are never read as citations.

Which body adopted it, in order of precedence:

1. a body named next to the citation: before the keyword (`Human Rights Council resolution`),
   between the keyword and the number, or right after the number or its date (`2019/19 et
   2019/20 du Conseil économique et social`: a body after the last item of a list applies to
   the whole list);
2. a possessive (`sa`, `ses`, `its`): the General Assembly, when the number can be one of its
   own (session 31 or later, special sessions, the old style `415 (V)`); otherwise (`la
   Conférence ... dans ses résolutions 5/3 ...`) the body named last before the possessive;
3. `adoptée(s) par la Conférence ...` / `adopted by ...` after the citations;
4. a general mention just before (`toutes les résolutions du Conseil des droits de l'homme sur
   la question, y compris les résolutions 23/9 ...`);
5. in a footnote, the body whose document is cited with it (`Voir CAC/COSP/2021/17, sect. I.A,
   résolution 9/2`);
6. the shape of the number: `YYYY/n` is the Economic and Social Council, `n (YYYY)` the Security
   Council, a General Assembly session number or `S-32/1` the General Assembly. Not when an
   unknown organ is named after the number: then the body stays None.

Known limits: a possessive that refers to another body while the number could be the
Assembly's (`le Conseil des droits de l'homme, dans ses résolutions 41/9`) is read as the
Assembly's; `de la Conférence` with no conference named before it in the same text gives no
body; a date not printed next to the number (`adoptées ... lors de sa sixième session`) is not
guessed; document symbols are those `kg.symbols` recognises (not `WHA69/2016/REC/1`).

Symbols are derived only where the rule is certain: General Assembly (`A/RES/46/152`,
`A/RES/57/270 B`, `A/RES/415 (V)`, `A/RES/S-32/1`, `A/DEC/74/550 A`), Economic and Social
Council (`E/RES/2022/12`, `E/DEC/...`), Security Council (`S/RES/1373 (2001)`), Human Rights
Council (`A/HRC/RES/23/9`) and World Health Assembly (`WHA69.2`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg.model import Citation, CitedKind, SourceSpan
from kg.parse.lexicon import LEXICONS, Lexicon
from kg.symbols import DocumentSymbol, find_symbols

__all__ = ["CITING_BODIES", "extract_citations"]

_APOS = "['’ʼ]"
_GAP_LIMIT = 600  # characters between two items of one list
_LOOKBACK = 300  # characters searched back for the body a possessive refers to
_FIRST_GA_SESSION = 31  # the `session/number` style starts at the 31st session (1976)
_MAX_RESOLUTION = 400  # more resolutions than this in one session: a glued footnote marker
_MAX_DECISION = 600

# --- bodies -----------------------------------------------------------------------------------


def _words(phrase: str) -> str:
    """A regex for a phrase, tolerant of spacing, line breaks, apostrophes and hyphens."""
    parts = []
    for word in phrase.split():
        pieces = re.split(r"(['’\-])", word)
        out = []
        for piece in pieces:
            if piece in ("'", "’"):
                out.append(rf"\s*{_APOS}\s*")
            elif piece == "-":
                out.append(r"\s*-\s*")
            else:
                out.append(re.escape(piece))
        parts.append("".join(out))
    return r"\s+".join(parts)


# Bodies whose resolutions and decisions are cited, with their names in French and English.
_NAMED_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("who-wha", ("Assemblée mondiale de la Santé", "World Health Assembly")),
    ("un-ga", ("Assemblée générale", "General Assembly")),
    ("un-ecosoc", ("Conseil économique et social", "Economic and Social Council", "ECOSOC")),
    ("un-sc", ("Conseil de sécurité", "Security Council")),
    ("un-hrc", ("Conseil des droits de l'homme", "Human Rights Council")),
    (
        "un-ccpcj",
        (
            "Commission pour la prévention du crime et la justice pénale",
            "Commission on Crime Prevention and Criminal Justice",
        ),
    ),
    ("un-cnd", ("Commission des stupéfiants", "Commission on Narcotic Drugs")),
    ("un-statcom", ("Commission de statistique", "Statistical Commission")),
)
_CONFERENCE = re.compile(
    r"(?:Conférence\s+des\s+(?P<sp_fr>États\s+)?[Pp]arties"
    r"(?:\s+à\s+la\s+Convention(?P<conv_fr>(?:\s*-\s*cadre)?(?:\s+des\s+Nations\s+Unies)?"
    r"(?:\s+(?:contre|sur|relative\s+aux?|relative\s+à)(?:\s+[^\W\d_]+(?:['’][^\W\d_]+)?){1,5})?))?"
    r"|Conference\s+of\s+the\s+(?P<sp_en>States\s+)?Parties"
    r"(?:\s+to\s+the(?P<conv_en>(?:\s+United\s+Nations)?(?:\s+Framework)?\s+Convention"
    r"(?:\s+(?:against|on)(?:\s+[^\W\d_]+){1,4})?))?)",
)
_BARE_CONFERENCE = re.compile(r"\bConf[ée]rence\b(?!\s+(?:des|of|de|on|sur|internationale))")
_CONVENTION_BODIES = (
    (re.compile(r"corruption", re.IGNORECASE), "un-cosp-uncac"),
    (re.compile(r"criminalité|organized\s+crime", re.IGNORECASE), "un-cop-untoc"),
    (re.compile(r"climatiques|climate", re.IGNORECASE), "unfccc-cop"),
)
CITING_BODIES: frozenset[str] = frozenset(
    [code for code, _ in _NAMED_BODIES] + ["un-cosp-uncac", "un-cop-untoc", "unfccc-cop"]
)
"""Every body code `extract_citations` can give (all of them are in bodies.tsv)."""

_NAMED_BODY = re.compile(
    "|".join(
        f"(?P<b{index}>{'|'.join(_words(name) for name in names)})"
        for index, (_, names) in enumerate(_NAMED_BODIES)
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _BodyMatch:
    start: int
    end: int
    code: str | None  # None: a conference of parties to a convention we do not know


def _conference_body(match: re.Match[str]) -> str | None:
    convention = match["conv_fr"] or match["conv_en"]
    if convention is not None and convention.strip():
        for pattern, code in _CONVENTION_BODIES:
            if pattern.search(convention):
                return code
        return None
    # `la Conférence des États parties à la Convention`: in UN usage the States Parties meet in
    # the Conference of the Convention against Corruption, the Parties in that of the
    # Convention against Transnational Organized Crime.
    return "un-cosp-uncac" if (match["sp_fr"] or match["sp_en"]) else "un-cop-untoc"


def _find_bodies(text: str, context: str = "") -> list[_BodyMatch]:
    found = [
        _BodyMatch(m.start(), m.end(), _conference_body(m)) for m in _CONFERENCE.finditer(text)
    ]
    in_context = [_conference_body(m) for m in _CONFERENCE.finditer(context)]
    for match in _BARE_CONFERENCE.finditer(text):
        # `la résolution 7/5 de la Conférence`: the conference named last before, in the
        # paragraph or else in the text's title and preamble (`context`)
        if any(b.start <= match.start() < b.end for b in found):
            continue
        named = [b.code for b in found if b.end <= match.start()] or in_context
        found.append(_BodyMatch(match.start(), match.end(), named[-1] if named else None))
    for match in _NAMED_BODY.finditer(text):
        if any(b.start <= match.start() < b.end for b in found):
            continue
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        found.append(_BodyMatch(match.start(), match.end(), _NAMED_BODIES[index][0]))
    return sorted(found, key=lambda b: b.start)


# --- numbers ----------------------------------------------------------------------------------

_ROMAN = r"(?:[IVXLC]+|E?S-[IVX]+)"
_LETTER = r"(?:\s[A-H](?![\w/]))"
_NUMBER = re.compile(
    r"(?<![\w/.\-])(?:"
    r"(?P<unfccc>\d{1,3}/(?:CP|CMP|CMA)\.\d{1,2})"
    rf"|(?P<special>E?S-\d{{1,2}}/\d{{1,3}}{_LETTER}?)"
    rf"|(?P<old>\d{{1,4}}(?:\s?[A-H])?\s?\({_ROMAN}\))"
    r"|(?P<sc>\d{1,4}\s?\((?:19[4-9]\d|20\d\d)\))"
    rf"|(?P<slash>(?P<first>\d{{1,4}})/(?P<second>\d+)(?![/\d]|\.\d)(?P<letter>{_LETTER})?)"
    r"|(?P<dotted>\d{1,2}\.\d{1,3})(?![\d.]))",
)
_KEYWORD = re.compile(r"\b(?P<kw>r[ée]solutions?|d[ée]cisions?)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(?:sa|ses|son|its)\s+(?:(?:propres?|own)\s+)?$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"(?:,|\bet|\band|\bainsi\s+que|\bas\s+well\s+as)\s*$")
_GROUP_JOIN = re.compile(
    r"^\s*(?:,|\bet\b|\band\b|\bainsi\s+que\b)?\s*,?\s*(?:la|le|les|l['’]|the)?\s*$",
    re.IGNORECASE,
)
_AND = re.compile(r"\s*(?:\d{1,3}\s*)?(?:et|and)\s*")
_CONTINUATION = re.compile(
    r"(?:,|\bet|\band|\bainsi\s+que)\s*,?\s*(?:la|le|les|l['’]|the)?\s*$", re.IGNORECASE
)
_INHERIT = re.compile(
    r"(?:y\s+compris|notamment|en\s+particulier|dont|including|in\s+particular|notably)"
    r"\s*,?\s*(?:la|le|les|l['’]|the)?\s*$",
    re.IGNORECASE,
)
_MARKER = r"(?:\s*\d{1,3}(?![\d/.]))?"  # a footnote call standing after a citation
_PREPOSITION = r"\s*,?\s*(?:du|de\s+la|de\s+l['’]\s*|des|of\s+the|of)\s*"
_ADOPTION_OF = re.compile(
    r"adoption\s*,?\s*(?P<inner>[^;]{0,120}?)\s*,?\s+de\s+(?:la|l['’])\s*$", re.IGNORECASE
)
_AFTER_PREPOSITION = re.compile(_MARKER + _PREPOSITION, re.IGNORECASE)
_UNKNOWN_ORGAN = re.compile(
    rf"{_MARKER}{_PREPOSITION}(?:[A-ZÉÈ]|Conférence|Commission|Conseil|Comité|Assemblée)",
)
_ADOPTED_BY = re.compile(
    r"(?:\badoptée?(?P<plural_fr>s)?|\b(?P<en>adopted)|(?P<comma>,)(?=\s*par\s))"
    r"(?P<when>\s+(?:le|on)\s+[^,;]{5,30}?)?\s+(?:par|by)\s+(?:le|la|l['’]|the)?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Number:
    form: str  # unfccc, special, old, sc, slash, dotted
    text: str  # as printed, spacing normalised, glued footnote marker removed
    start: int
    end: int
    first: int | None = None  # the session (or year) of a `first/second` number
    plausible: bool = True

    @property
    def ecosoc_style(self) -> bool:
        return self.form == "slash" and self.first is not None and 1946 <= self.first <= 2100

    @property
    def ga_style(self) -> bool:
        """Can be a number of the General Assembly's own series."""
        if self.form == "slash":
            return self.first is not None and _FIRST_GA_SESSION <= self.first <= 99
        return self.form in ("special", "old")


def _normalise_number(raw: str) -> str:
    return re.sub(r"(?<=[\dA-H])\(", " (", re.sub(r"\s+", " ", raw.strip()))


def _read_number(
    match: re.Match[str], kind: CitedKind, footnote_numbers: frozenset[int]
) -> _Number:
    forms = ("unfccc", "special", "old", "sc", "slash", "dotted")
    form = next(name for name in forms if match[name])
    if form != "slash":
        return _Number(form, _normalise_number(match[form]), match.start(), match.end())
    first, second, letter = match["first"], match["second"], match["letter"] or ""
    limit = _MAX_DECISION if kind is CitedKind.DECISION else _MAX_RESOLUTION
    plausible = int(second) <= limit and not second.startswith("0")
    if not plausible and footnote_numbers:
        for cut in (1, 2, 3):
            head, tail = second[:-cut], second[-cut:]
            if (
                head
                and not tail.startswith("0")
                and int(tail) in footnote_numbers
                and not head.startswith("0")
                and int(head) <= limit
            ):
                end = match.start("second") + len(head)
                return _Number("slash", f"{first}/{head}", match.start(), end, int(first))
    return _Number(
        "slash", f"{first}/{second}{letter}", match.start(), match.end(), int(first), plausible
    )


# --- dates ------------------------------------------------------------------------------------


@cache
def _date_pattern(lexicon: Lexicon, named: bool = True) -> re.Pattern[str]:
    """`1er décembre 1950`, `19décembre 2016`, `13 juin 20131` (footnote 1 glued to the year)."""
    day, month, year = ("?P<day>", "?P<month>", "?P<year>") if named else ("?:", "?:", "?:")
    return re.compile(
        rf"({day}\d{{1,2}})(?:er)?\s*({month}{lexicon.month_pattern})\s+"
        rf"({year}\d{{4}})(?:\d{{1,3}})?(?!\d)",
        re.IGNORECASE,
    )


@cache
def _introduced_date(lexicon: Lexicon, intro: str) -> re.Pattern[str]:
    return re.compile(rf"{intro}\s*{_date_pattern(lexicon).pattern}", re.IGNORECASE)


@cache
def _respectively(lexicon: Lexicon) -> re.Pattern[str]:
    """`, en date du 29 novembre 2013 18, du 6 novembre 201519 et du ... respectivement`."""
    one = _date_pattern(lexicon, named=False).pattern
    return re.compile(
        rf"{_MARKER}\s*,?\s*en\s+date\s+du\s+(?P<dates>{one}(?:{_MARKER}\s*,?\s*(?:et\s+)?"
        rf"du\s+{one})+){_MARKER}\s+respectivement",
        re.IGNORECASE,
    )


def _read_date(match: re.Match[str], lexicon: Lexicon) -> dt.date | None:
    try:
        return lexicon.date(match["day"], match["month"], int(match["year"]))
    except ValueError:
        return None


# --- the reading ------------------------------------------------------------------------------


@dataclass
class _Item:
    number: _Number
    start: int  # where the printed citation begins
    end: int  # where it ends (number, date, body named after it)
    date: dt.date | None = None
    body: str | None = None
    explicit: bool = False  # the body was named next to it, or by a possessive
    trailing: bool = False  # the body is named after the number
    unknown_organ: bool = False


@dataclass
class _Chain:
    kind: CitedKind
    keyword_start: int
    keyword_end: int
    text_start: int
    possessive: bool = False
    body: str | None = None
    items: list[_Item] = field(default_factory=list)
    generic_body: str | None = None
    date_before: dt.date | None = None  # `l'adoption, le 18 mars 2022, de la résolution 65/2`
    unknown_organ: bool = False  # `les résolutions de la Conférence des Parties à <unknown>`
    adoption: bool = False  # cited as the object of `l'adoption ... de la résolution`


@dataclass
class _Reader:
    text: str
    lexicon: Lexicon
    footnote_numbers: frozenset[int]
    context: str = ""  # the title and preamble of the text (see `extract_citations`)
    bodies: list[_BodyMatch] = field(default_factory=list)
    chains: list[_Chain] = field(default_factory=list)

    # -- helpers on the text --

    def body_at(self, position: int) -> _BodyMatch | None:
        """The body named right at `position`, after spaces."""
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        return next((b for b in self.bodies if b.start == position), None)

    def body_after_preposition(self, position: int) -> _BodyMatch | None:
        """`du Conseil ...`, `, de la Commission ...`, `of the Council`: the body and its end."""
        match = _AFTER_PREPOSITION.match(self.text, position)
        if match is None:
            return None
        return self.body_at(match.end())

    def date_after(self, position: int, intro: str) -> tuple[dt.date | None, int]:
        """A date introduced by `intro` right at `position`: the date and where it ends."""
        match = _introduced_date(self.lexicon, intro).match(self.text, position)
        if match is None:
            return None, position
        return _read_date(match, self.lexicon), match.end("year")

    def clause_open(self, start: int, end: int) -> bool:
        """No `;` between the two positions: they belong to the same clause."""
        return ";" not in self.text[start:end]

    # -- reading --

    def read(self) -> None:
        self.bodies = _find_bodies(self.text, self.context)
        events: list[tuple[int, str, re.Match[str]]] = [
            (m.start(), "keyword", m) for m in _KEYWORD.finditer(self.text)
        ]
        events += [(m.start(), "number", m) for m in _NUMBER.finditer(self.text)]
        events.sort(key=lambda event: event[0])
        chain: _Chain | None = None
        for _, what, match in events:
            if what == "keyword":
                chain = self.open_chain(match)
                self.chains.append(chain)
            elif chain is not None:
                self.add_number(chain, match)

    def open_chain(self, match: re.Match[str]) -> _Chain:
        kind = CitedKind.DECISION if match["kw"][0] in "dD" else CitedKind.RESOLUTION
        before = self.text[max(0, match.start() - 160) : match.start()]
        chain = _Chain(kind, match.start(), match.end(), match.start())
        possessive = _POSSESSIVE.search(before)
        if possessive:
            chain.possessive = True
            chain.text_start = match.start() - len(before) + possessive.start()
            return chain
        for body in self.bodies:
            if body.end <= match.start() and not self.text[body.end : match.start()].strip():
                # `General Assembly resolution 51/122`
                chain.body, chain.text_start = body.code, body.start
                return chain
        self.adoption_before(chain, before)
        return chain

    def adoption_before(self, chain: _Chain, before: str) -> None:
        """`l'adoption par le Conseil ... de la résolution`, `l'adoption, le 18 mars 2022, de`."""
        last = before.lower().rfind("adoption")
        if last < 0:
            return
        match = _ADOPTION_OF.match(before, last)
        if match is None:
            return
        chain.adoption = True
        inner = match["inner"]
        offset = chain.keyword_start - len(before) + match.start("inner")
        by = re.match(r"par\s+(?:le|la|l['’])\s*", inner, re.IGNORECASE)
        if by is not None:
            body = self.body_at(offset + by.end())
            if body is not None and body.end <= offset + len(inner):
                chain.body = body.code
        when = re.match(rf"(?:le\s+)?{_date_pattern(self.lexicon).pattern}", inner, re.I)
        if when is not None:
            chain.date_before = _read_date(when, self.lexicon)

    def add_number(self, chain: _Chain, match: re.Match[str]) -> None:
        number = _read_number(match, chain.kind, self.footnote_numbers)
        if chain.items and chain.items[-1].end > number.start:
            return
        if chain.items:
            previous = chain.items[-1]
            gap = self.text[previous.end : number.start]
            if (
                len(gap) > _GAP_LIMIT
                or ";" in gap
                or not _LIST_SEPARATOR.search(gap)
                or (number.form == "dotted" and len(gap.strip()) > 3)
            ):
                return
            start = number.start
        else:
            gap = self.text[chain.keyword_end : number.start]
            if gap.strip():
                body = self.body_after_preposition(chain.keyword_end)
                if body is None or self.text[body.end : number.start].strip():
                    return
                chain.body = chain.body or body.code  # `les résolutions du Conseil ... 2004/27`
                chain.unknown_organ = body.code is None
            start = chain.text_start
        item = _Item(number, start, number.end, unknown_organ=chain.unknown_organ)
        self.read_after(chain, item)
        if chain.items and item.date is not None:
            # `67/189 et 67/192 du 20 décembre 2012`: one date for both
            previous = chain.items[-1]
            if previous.date is None and _AND.fullmatch(self.text[previous.end : number.start]):
                previous.date = item.date
        chain.items.append(item)

    def read_after(self, chain: _Chain, item: _Item) -> None:
        """The date, and the body named after the number: `du 18 décembre 1991`, `du Conseil`."""
        intro = r"\s*,?\s*(?:du|en\s+date\s+du|of|dated)\s+"
        item.date, item.end = self.date_after(item.number.end, intro)
        body = self.body_after_preposition(item.end)
        if body is not None:
            item.body, item.explicit, item.end = body.code, True, body.end
            item.trailing = True
            item.unknown_organ = body.code is None
            if item.date is None and not self.respectively(chain, item):
                item.date, item.end = self.date_after(
                    item.end,
                    rf"{_MARKER}\s*,?\s*(?:en\s+date\s+du|du|of|dated|adoptée?s?\s+le"
                    r"|adopted\s+on)\s+",
                )
                if item.date is not None:
                    # `les résolutions 2019/19 et 2019/20 du Conseil ..., en date du 23 juillet`
                    for previous in chain.items:
                        previous.date = previous.date or item.date
        elif _UNKNOWN_ORGAN.match(self.text, item.end) and not self.body_at(item.end):
            item.unknown_organ = True

    def respectively(self, chain: _Chain, item: _Item) -> bool:
        """`... de la Conférence, en date du 29 novembre 2013, du ... et du ... respectivement`."""
        match = _respectively(self.lexicon).match(self.text, item.end)
        if match is None:
            return False
        dates = [
            _read_date(m, self.lexicon)
            for m in _date_pattern(self.lexicon).finditer(match["dates"])
        ]
        group = [member for _, member in self.group_items(chain)]
        if item not in group:
            group.append(item)
        if len(dates) != len(group):
            return False
        for member, date in zip(group, dates, strict=True):
            member.date = date
        item.end = match.end()
        return True

    def group_items(self, chain: _Chain) -> list[tuple[_Chain, _Item]]:
        """Items of the chains listed just before this one (`la décision 5/1, la résolution 6/1
        ... et la décision 8/1 de la Conférence`), then of this chain, in order."""
        chains = [chain]
        index = self.chains.index(chain)
        while index > 0:
            previous = self.chains[index - 1]
            if not previous.items:
                break
            gap = self.text[previous.items[-1].end : chains[0].keyword_start]
            if not _GROUP_JOIN.match(gap):
                break
            chains.insert(0, previous)
            index -= 1
        return [(c, item) for c in chains for item in c.items]

    # -- bodies --

    def assign_bodies(self) -> None:
        self.explicit_bodies()
        for chain in self.chains:
            for item in chain.items:
                if item.body is None and chain.possessive and item.number.ga_style:
                    item.body, item.explicit = "un-ga", True
        self.adopted_by()
        self.inherited()
        self.possessive_fallback()
        self.symbol_context()
        for chain in self.chains:
            for item in chain.items:
                if item.body is None and not item.unknown_organ:
                    item.body = _default_body(item.number)

    def explicit_bodies(self) -> None:
        for chain in self.chains:
            for item in chain.items:
                if item.body is None and chain.body is not None:
                    item.body, item.explicit = chain.body, True
            if chain.items and chain.items[-1].trailing:
                last = chain.items[-1]
                for owner, item in self.group_items(chain):
                    if owner.possessive or owner.body is not None or item.body is not None:
                        continue
                    item.body, item.explicit = last.body, True
                    item.unknown_organ = last.unknown_organ
            if chain.date_before is not None and chain.items and chain.items[0].date is None:
                chain.items[0].date = chain.date_before

    def all_items(self) -> list[_Item]:
        return [item for chain in self.chains for item in chain.items]

    def adopted_by(self) -> None:
        """`..., adoptées par la Conférence des États parties à la Convention`; also `de
        l'adoption le ... de la résolution 5/6 ... et de l'adoption ... de la résolution 6/5,
        par la Conférence`."""
        pairs = [(chain, item) for chain in self.chains for item in chain.items]
        for match in _ADOPTED_BY.finditer(self.text):
            body = self.body_at(match.end())
            if body is None:
                continue
            before = [(c, i) for c, i in pairs if i.end <= match.start()]
            if match["comma"]:
                before = [(c, i) for c, i in before if c.adoption]
            if match["when"]:
                found = _date_pattern(self.lexicon).search(match["when"])
                when = _read_date(found, self.lexicon) if found else None
            else:
                when, _ = self.date_after(body.end, r"\s*,?\s*(?:le|on)\s+")
            for position, (chain, item) in enumerate(reversed(before)):
                if not self.clause_open(item.end, match.start()) or item.explicit:
                    break
                if item.body is None and not item.unknown_organ:
                    item.body = body.code
                if position == 0 and item.date is None:
                    item.date = when
                keyword = self.text[chain.keyword_start : chain.keyword_end]
                english_plural = match["en"] and keyword.endswith("s")
                plural = match["plural_fr"] or match["comma"] or english_plural
                if not plural:
                    break

    def inherited(self) -> None:
        """A general mention gives its body to the citations that follow it in the clause."""
        for index, chain in enumerate(self.chains):
            if chain.items or not self.text[chain.keyword_start : chain.keyword_end].endswith("s"):
                continue
            following = self.chains[index + 1 :]
            window_end = min(
                chain.keyword_end + 150,
                following[0].keyword_start if following else len(self.text),
            )
            body = next(
                (
                    b
                    for b in self.bodies
                    if chain.keyword_end <= b.start < window_end
                    and self.clause_open(chain.keyword_end, b.start)
                ),
                None,
            )
            chain.generic_body = body.code if body is not None else None
        context: str | None = None
        context_end = 0
        for chain in self.chains:
            if not self.clause_open(context_end, chain.keyword_start):
                context = None
            if not chain.items:
                if chain.generic_body is not None:
                    context, context_end = chain.generic_body, chain.keyword_end
                continue
            if chain.possessive or chain.body is not None:
                context = None
                continue
            lead = self.text[max(0, chain.keyword_start - 40) : chain.keyword_start]
            joined = _INHERIT.search(lead) or _CONTINUATION.search(lead)
            if context is not None and joined:
                for item in chain.items:
                    if item.body is None and not item.unknown_organ:
                        item.body = context
                context_end = chain.items[-1].end
            elif any(item.explicit for item in chain.items):
                context = None

    def possessive_fallback(self) -> None:
        """`la Conférence ... avait demandé ... dans ses résolutions 5/3 ...`."""
        for chain in self.chains:
            if not chain.possessive:
                continue
            named = [
                b
                for b in self.bodies
                if chain.keyword_start - _LOOKBACK <= b.start
                and b.end <= chain.keyword_start
                and self.clause_open(b.end, chain.keyword_start)
            ]
            for item in chain.items:
                if item.body is None and named:
                    item.body = named[-1].code

    def symbol_context(self) -> None:
        """In a footnote: `Voir CAC/COSP/2021/17, sect. I.A, résolution 9/2, par. 15.`"""
        symbols = [
            (start, symbol.issuing_body)
            for symbol, start, _ in find_symbols(self.text)
            if symbol.issuing_body not in (None, "un-ga", "un-ecosoc")
        ]
        for item in self.all_items():
            if item.body is not None or item.unknown_organ or item.number.ga_style:
                continue
            before = [body for start, body in symbols if start < item.start]
            if before:
                item.body = before[-1]


def _default_body(number: _Number) -> str | None:
    if number.form == "sc":
        return "un-sc"
    if number.form == "unfccc":
        return "unfccc-cop" if "/CP." in number.text else None
    if number.ecosoc_style:
        return "un-ecosoc"
    if number.ga_style:
        return "un-ga"
    return None


def citation_symbol(kind: CitedKind, body: str | None, number: str) -> str | None:
    """The symbol a number determines, or None where no rule is certain.

    >>> citation_symbol(CitedKind.RESOLUTION, "un-ga", "57/270 B")
    'A/RES/57/270 B'
    """
    match = _NUMBER.fullmatch(number)
    if match is None or kind not in (CitedKind.RESOLUTION, CitedKind.DECISION):
        return None
    parsed = _read_number(match, kind, frozenset())
    if not parsed.plausible:
        return None
    series = "RES" if kind is CitedKind.RESOLUTION else "DEC"
    if body == "un-ga" and parsed.ga_style:
        return f"A/{series}/{parsed.text}"
    if body == "un-ecosoc" and parsed.ecosoc_style:
        return f"E/{series}/{parsed.text}"
    if body == "un-sc" and parsed.form == "sc" and kind is CitedKind.RESOLUTION:
        return f"S/RES/{parsed.text}"
    if body == "un-hrc" and parsed.form in ("slash", "special") and not parsed.ecosoc_style:
        return f"A/HRC/{series}/{parsed.text}"
    if body == "who-wha" and parsed.form == "dotted" and kind is CitedKind.RESOLUTION:
        return f"WHA{parsed.text}"
    return None


# --- the public function ----------------------------------------------------------------------


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;")


def _sub_span(text: str, start: int, end: int, span: SourceSpan) -> SourceSpan:
    """The lines of `text[start:end]`, when the text still has the line breaks of its span."""
    if text.count("\n") != span.end_line - span.start_line:
        return span
    first = span.start_line + text.count("\n", 0, start)
    last = span.start_line + text.count("\n", 0, max(start, end - 1))
    return SourceSpan(first, last)


def _symbol_citation(
    symbol: DocumentSymbol, text: str, start: int, end: int, span: SourceSpan
) -> Citation:
    """A symbol cited as such: a document, or a resolution or decision named by its symbol."""
    kind = {"resolution": CitedKind.RESOLUTION, "decision": CitedKind.DECISION}.get(
        symbol.document_type, CitedKind.DOCUMENT
    )
    number = str(symbol)
    if kind is not CitedKind.DOCUMENT:
        marker = "RES" if kind is CitedKind.RESOLUTION else "DEC"
        after = symbol.series[list(symbol.series).index(marker) + 1 :]
        number = "/".join(after) + (f" ({symbol.year})" if symbol.year else "")
    return Citation(
        kind=kind,
        body=symbol.issuing_body,
        number=number,
        text=text[start:end],
        span=_sub_span(text, start, end, span),
        symbol=str(symbol),
    )


def _unique(citations: Iterable[tuple[int, Citation]]) -> tuple[Citation, ...]:
    seen: set[tuple[object, ...]] = set()
    result = []
    for _, citation in sorted(citations, key=lambda pair: pair[0]):
        key = (citation.kind, citation.body, citation.number, citation.date, citation.symbol)
        if key not in seen:
            seen.add(key)
            result.append(citation)
    return tuple(result)


def extract_citations(
    text: str,
    span: SourceSpan,
    language: str,
    footnote_numbers: frozenset[int] = frozenset(),
    *,
    context: str = "",
) -> tuple[Citation, ...]:
    """The resolutions, decisions and documents cited in `text` (a paragraph or a footnote).

    `footnote_numbers` are the footnote numbers of the resolution text: a footnote call glued to
    a number (`76/18742`: resolution 76/187, footnote 42) is removed when what remains is a
    plausible number and the call is one of them. Every citation gets `span`, narrowed to its
    own lines when the text still has the line breaks of the span. Citations come in the order
    of the text, exact repetitions once. `context` is the text's title and preamble, where
    `de la Conférence` finds its conference when the paragraph names none.
    """
    lexicon = LEXICONS.get(language)
    if lexicon is None:
        raise ValueError(f"no lexicon for language {language!r}")
    reader = _Reader(text, lexicon, footnote_numbers, context)
    reader.read()
    reader.assign_bodies()
    found: list[tuple[int, Citation]] = []
    taken: list[tuple[int, int]] = []
    for chain in reader.chains:
        for item in chain.items:
            number = item.number
            symbol = (
                citation_symbol(chain.kind, item.body, number.text) if number.plausible else None
            )
            citation = Citation(
                kind=chain.kind,
                body=item.body,
                number=number.text,
                text=_tidy(text[item.start : item.end]),
                span=_sub_span(text, item.start, item.end, span),
                date=item.date,
                symbol=symbol,
            )
            found.append((item.start, citation))
            taken.append((number.start, number.end))
    symbols_cited = {citation.symbol for _, citation in found if citation.symbol}
    for document, start, end in find_symbols(text):
        if str(document) in symbols_cited or any(s < end and start < e for s, e in taken):
            continue
        found.append((start, _symbol_citation(document, text, start, end, span)))
    return _unique(found)
