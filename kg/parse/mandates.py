"""Mandates of operative paragraphs: who is asked to do what, and by when.

`extract_mandates` reads one operative paragraph and returns one `Mandate` per addressee of each
action verb that creates a mandate. The actions that do (`MANDATE_ACTIONS`):

* `requests` (`Prie`, `Requests`), `urges` (`Prie instamment`, `Exhorte`, `Engage instamment`,
  `Demande instamment`, `Invite instamment`, `Urges`), `invites` (`Invite`, `Invites`),
  `encourages` (`Encourage`, `Encourages`), `calls_upon` (`Demande`, `Engage`, `Calls upon`),
  and, when they name an addressee, `recommends` (`Recommande aux États Membres de ...`) and
  `authorizes`.

Other opening phrases (`decides`, `welcomes`, `notes`, `reaffirms`, ...) do not address anyone:
the Assembly decides, welcomes or notes itself. Their paragraphs still create mandates when a
later clause does (`Se félicite de ..., et prie la Commission ... de ...`).

For each verb: the addressee right after it, resolved with the `EntityResolver` (`le Secrétaire
général` -> un-sg, `les États Membres` / `all Member States` -> member-states, `l'Office des
Nations Unies contre la drogue et le crime` -> un-unodc); a list of addressees gives one
mandate each (`Prie l'Organisation mondiale de la Santé, l'Office ... et le Haut-Commissariat
...`), and the list stops at the first name that is not an actor (`les États Membres et les
autres donateurs`: the donors are dropped). A pronoun (`le prie également`, `lui demande`,
`prie celui-ci`) stands for the addressee before it in the paragraph, or else the actor named
last before the verb. An addressee that resolves to nothing gives no mandate.

In the clause of the verb (up to the next verb): the deliverable (`un rapport`, `une note`,
`une étude`, `a report`, `a progress report`, or the verb phrase `faire rapport` / `rendre
compte` / `report` when there is no noun) and the due session (`à sa soixante-dix-huitième
session` -> 78, `at its seventy-fifth session` -> 75), read with `Lexicon.ordinal_value`; the
session of something already done (`adoptée par la Conférence ... à sa sixième session`) is not
a due session. The due session is the one printed: for `Prie la Commission ... d'approuver à
sa trente-deuxième session` it is the Commission's 32nd session.

Known limits: addressees that are not actors of the reference data give no mandate (`les
États parties à la Convention`, `les gouvernements`, `la communauté internationale`, `tous les
États`, `le secteur privé`); only the nouns above count as deliverables (`a "Space2030" agenda`
does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.model import ActorRef, CollectiveAddressee, Mandate, SourceSpan
from kg.parse.instruments import InstrumentTable, fold
from kg.parse.lexicon import LEXICONS, Lexicon
from kg.parse.mandate_terms import load_addressees, load_funding_conditions
from kg.reference.resolver import EntityResolver, normalize_name

__all__ = ["MANDATE_ACTIONS", "extract_mandates"]

MANDATE_ACTIONS = frozenset(
    {"requests", "urges", "invites", "encourages", "calls_upon", "recommends", "authorizes"}
)
_APOS = "['’]"
_MAX_NAME_WORDS = 16  # `l'Institut africain des Nations Unies ... des délinquants` has 15

# Verbs and the concept key of the action, most specific first.
_VERBS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (
        (r"prie\s+instamment", "urges"),
        (r"prie", "requests"),
        (r"exhorte", "urges"),
        (r"engage\s+(?:instamment|vivement)", "urges"),
        (r"engage", "calls_upon"),
        (r"demande\s+instamment", "urges"),
        (r"demande", "calls_upon"),
        (r"invite\s+instamment", "urges"),
        (r"invite", "invites"),
        (r"encourage", "encourages"),
        (r"lance\s+un\s+appel", "calls_upon"),
        (r"recommande", "recommends"),
        (r"autorise", "authorizes"),
    ),
    "en": (
        (r"urges?", "urges"),
        (r"requests?", "requests"),
        (r"invites?", "invites"),
        (r"encourages?", "encourages"),
        (r"calls?\s+(?:up)?on", "calls_upon"),
        (r"recommends?", "recommends"),
        (r"authorizes?", "authorizes"),
    ),
}
_VERB_PATTERNS = {
    language: re.compile("|".join(f"(?P<v{i}>{verb})" for i, (verb, _) in enumerate(verbs)))
    for language, verbs in _VERBS.items()
}
# Object pronouns before the verb: `le prie`, `les invite`, `lui demande`.
_PRONOUN_BEFORE = {
    "fr": rf"(?P<pronoun>(?:le|la|les)\s+|l{_APOS}\s*|(?:lui|leur)\s+)?",
    "en": r"(?P<pronoun>)",
}
_ADVERB_BEFORE = {
    "fr": r"(?:(?:à\s+cet\s+égard|dans\s+ce\s+contexte|en\s+outre|par\s+ailleurs),?\s+)?",
    "en": (
        r"(?:(?:also|further|again|once\s+again|strongly|in\s+this\s+regard,?"
        r"|in\s+that\s+regard,?)\s+)*"
    ),
}
_ADVERB_AFTER = {
    "fr": re.compile(
        r"(?:\s*,?\s*(?:également|aussi|en\s+outre|de\s+nouveau|à\s+nouveau|de\s+même|vivement"
        r"|instamment|encore|par\s+ailleurs|enfin|à\s+cet\s+égard|à\s+ce\s+propos"
        r"|dans\s+ce\s+contexte|toutefois)\b,?)*\s*",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?:\s*,?\s*(?:also|further|again|once\s+again|strongly|in\s+this\s+regard"
        r"|in\s+that\s+regard)\b,?)*\s*",
        re.IGNORECASE,
    ),
}
_CLAUSE_START = r"(?:^\s*(?:\d{1,3}\s*\.\s*)?|[,;:]\s*|\b(?:et|and)\s+)"
# `celui-ci`, also printed `celui -ci` or `celui ‑ci` (a stray space, a non-breaking hyphen).
_PRONOUN_AFTER = re.compile(
    r"(?:à\s+)?(?:(?:celui|celle|ceux|celles)\s*[-‐‑]\s*ci|ce\s+dernier|cette\s+dernière"
    r"|it|them|him|her)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(
    rf"^(?:(?:à|to)\s+)?(?:(?:tous|toutes|all)\s+(?:les\s+|the\s+)?)?(?:que\s+|qu{_APOS}\s*)?",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(
    rf"\s*(?:,?\s*ainsi\s+qu(?:e\s+|{_APOS}\s*)(?:à\s+|aux\s+)?|,?\s*as\s+well\s+as\s+"
    rf"|,\s*(?:et|and)\s+|,\s*|\s+(?:et|and)\s+)",
    re.IGNORECASE,
)
# A list item that names no actor but only others asked alongside (`les organisations non
# gouvernementales` in `tous les États Membres et les organisations non gouvernementales, ainsi
# que la communauté internationale`): skipped when a named addressee follows. It holds no
# preposition, so the clause of the verb (`à fournir ...`) is never skipped.
_OTHER_ITEM = {
    "fr": re.compile(
        r"(?:les|la|le|l['’]|des|d['’]autres|autres)\s*"
        r"(?:(?!\b(?:à|de|du|des|d['’]|aux?)\b)[^,;:()])*?(?=,)"
    ),
    "en": re.compile(r"(?:the|other)\s+(?:(?!\b(?:to|of|for|with)\b)[^,;:()])*?(?=,)"),
}
# Where a collective addressee names its instrument or body: `les États parties à la Convention`,
# `States parties to the Convention`, `les États membres de l'Institut`.
_SCOPE_LINK = {
    "instrument": {"fr": re.compile(r"\s+(?:à|au|aux)\s+"), "en": re.compile(r"\s+to\s+")},
    "body": {"fr": re.compile(r"\s+(?:de|du|des)\s+"), "en": re.compile(r"\s+of\s+")},
}
_ARTICLE = re.compile(r"(?:la\s+|le\s+|les\s+|l['’]\s*|the\s+)?", re.IGNORECASE)
# A short name of an instrument named before: `la Convention`, `ce protocole`, `the Convention`.
_SHORT_INSTRUMENT = re.compile(
    r"(?:la|le|l['’]|ce|cette|the|this)\s*(?P<head>Convention|Protocole|Protocol|Pacte|Covenant)\b",
    re.IGNORECASE,
)
# A second addressee of the same verb, after its clause: `Invite les États Membres ... à fournir
# ..., et l'Organisation mondiale de la Santé à faciliter ...`, `ou d'y adhérer et aux États
# Parties d'en appliquer ...`: `et` then a name then the infinitive the verb governs.
_NEXT_ADDRESSEE = {
    "fr": re.compile(r"(?:[,;]\s*|\s)et\s+"),
    "en": re.compile(r"(?:[,;]\s*|\s)and\s+"),
}
_INFINITIVE = {
    "fr": re.compile(r"\s*,?\s*(?:à|de|d['’])\s*(?:\w+\s+)?\w+(?:er|ir|re)\b"),
    "en": re.compile(r"\s*,?\s*to\s+\w+"),
}
# Whose session `à sa trente-deuxième session` is: the Assembly when it is the one addressed in
# the clause (`de lui présenter, à sa ... session`), else a deliberative body named before it
# (`dont la Commission ... sera saisie à sa ... session`), else the addressee if it is one
# (`Prie la Commission ... d'approuver à sa ... session`), else the Assembly.
_ASSEMBLY_IN_CLAUSE = {
    "fr": re.compile(r"\blui\b|\bl['’]Assemblée\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:to|by)\s+it\b|\bthe\s+(?:General\s+)?Assembly\b"),
}
_DELIBERATIVE = re.compile(
    r"\b(?:Commission|Conférence|Comité|Conseil|Assemblée|Committee|Conference|Council|Assembly)\b"
)
_ASSEMBLY = "un-ga"
_PRESIDENT = re.compile(r"(?:son\s+président|its\s+President)\b", re.IGNORECASE)
_PRESIDENT_NAMES = {
    "fr": "Président de l'Assemblée générale",
    "en": "President of the General Assembly",
}
_MEMBER_STATES = "member-states"
_INITIAL = re.compile(
    rf"(?:(?:les|le|la|l{_APOS}|du|des|de\s+la|de\s+l{_APOS}|aux|au|the)\s*)?(?P<initial>\w)",
    re.IGNORECASE,
)
# A body named by its head noun, in full or in short (`l'Institut`, `the Committee`).
_HEAD = re.compile(
    rf"(?:\b(?:l{_APOS}|le\s+|la\s+|les\s+|du\s+|des\s+|au\s+|aux\s+|the\s+)|(?<=[\s,;])|^)\s*"
    r"(?P<head>Institut|Office|Commission|Conférence|Comité|Conseil|Bureau|Groupe|Organisation"
    r"|Fonds|Programme|Institute|Committee|Conference|Council|Group|Organization|Fund)\b"
)

_DELIVERABLE_NOUNS = {
    "fr": (
        rf"(?P<det>un|une|le|la|l{_APOS}|ses|son|sa|des)\s*(?P<noun>(?:(?:nouvel|nouveau"
        r"|nouvelle|bref|brève|court)\s+)?(?:rapport|note|étude|section\s+analytique|résumé"
        r"|compte\s+rendu)(?:\s+(?:annuel|intérimaire|complet|d['’]\s*étape|détaillé|analytique"
        r"|de\s+synthèse))?)\b"
    ),
    "en": (
        r"(?P<det>a|an|the|its)\s+(?P<noun>(?:(?:progress|comprehensive|detailed|annual|brief"
        r"|final|interim|consolidated|analytical)\s+)?(?:report|note|study|summary|analytical"
        r"\s+section))\b"
    ),
}
_DELIVERABLE_VERBS = {
    "fr": re.compile(r"\b(?P<verb>faire\s+rapport|rendre\s+compte)\b", re.IGNORECASE),
    "en": re.compile(r"\bto\s+(?P<verb>report)\b", re.IGNORECASE),
}
_PAST = re.compile(r"\b(?:adopté(?:e|s|es)?|tenue?s?|adopted|held)\b[^,;]*$", re.IGNORECASE)
_SESSION = {
    "fr": re.compile(
        r"\b(?:à|lors\s+de|durant|pendant)\s+(?:sa|la|leur)\s+(?P<ordinal>[^\W\d_][\w\s\-]{2,45}?)"
        r"\s+session\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:at|during)\s+(?:its|the|their)\s+(?P<ordinal>[^\W\d_][\w\s\-]{2,45}?)\s+session\b",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class _Verb:
    action: str
    start: int  # where the clause of the verb begins
    end: int  # just after the verb and its adverbs
    pronoun: bool  # an object pronoun before it: the addressee is named earlier


def _verb_action(match: re.Match[str], language: str) -> str:
    index = int(next(name for name, value in match.groupdict().items() if value)[1:])
    return _VERBS[language][index][1]


def _find_verbs(text: str, language: str, opening_key: str | None) -> list[_Verb]:
    """The mandate verbs of a paragraph: its opening verb and those opening later clauses."""
    verbs: list[_Verb] = []
    found_opening = False
    verb = _VERB_PATTERNS[language].pattern
    pattern = re.compile(
        rf"{_CLAUSE_START}{_ADVERB_BEFORE[language]}{_PRONOUN_BEFORE[language]}"
        rf"(?P<verb>{verb})\b",
        re.IGNORECASE,
    )
    for match in pattern.finditer(text):
        inner = _VERB_PATTERNS[language].fullmatch(match["verb"].lower())
        if inner is None:
            continue
        action = _verb_action(inner, language)
        opening = match.start() == 0
        if opening and opening_key is not None:
            if opening_key not in MANDATE_ACTIONS:
                continue
            action = opening_key
        pronoun = bool(match["pronoun"])
        if pronoun and action == "calls_upon" and match["pronoun"].strip() not in ("lui", "leur"):
            continue  # `et la demande` is a noun
        adverbs = _ADVERB_AFTER[language].match(text, match.end())
        end = adverbs.end() if adverbs else match.end()
        verbs.append(_Verb(action, match.start("verb"), end, pronoun))
        found_opening = found_opening or opening
    if opening_key in MANDATE_ACTIONS and not found_opening:
        # An opening phrase this module does not know (`Charge le Secrétaire général de`):
        # the addressee follows its first word.
        first = re.match(r"\s*(?:\d{1,3}\s*\.\s*)?\S+\s+", text)
        if first is not None and opening_key is not None:
            verbs.insert(0, _Verb(opening_key, first.start(), first.end(), False))
    return verbs


@dataclass(frozen=True)
class _Mention:
    actor: ActorRef
    key: str  # the normalised name as printed
    start: int
    end: int


@lru_cache(maxsize=65536)
def _resolve(resolver: EntityResolver, name: str) -> ActorRef | None:
    return resolver.resolve(name)


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return normalize_name(name)


def _longest_name(
    text: str, position: int, resolver: EntityResolver
) -> tuple[ActorRef, int] | None:
    """The longest name of an actor starting at `position` (after `à`, `tous les`, `que`)."""
    rest = text[position : position + 400]
    lead = _LEADING.match(rest)
    offset = lead.end() if lead else 0
    ends = [m.end() for m in re.finditer(r"[^\s,;:()]+", rest[offset:])][:_MAX_NAME_WORDS]
    initial = _INITIAL.match(rest, offset)
    if initial is None or not initial["initial"].isupper():
        return None  # names of actors are capitalised: `eu égard` is not the EU
    for end in reversed(ends):
        candidate = rest[offset : offset + end]
        found = _resolve(resolver, candidate)
        if found is None:
            continue
        if found.code == _MEMBER_STATES and re.search(r"\b(?:membres|member)\b", candidate):
            return None  # `les États membres de l'Institut`: members of another body
        return found, position + offset + end
    return None


def _head_mentions(
    text: str, resolver: EntityResolver, known: tuple[_Mention, ...] = ()
) -> tuple[_Mention, ...]:
    """Actors named with a head noun (`l'Office des Nations Unies ...`, `the Committee on ...`),
    in order; a short form (`l'Institut`, `la Conférence des États parties à la Convention`)
    is the actor of the last earlier mention (in `known`, then in `text`) it abbreviates."""
    found: list[_Mention] = []
    for match in _HEAD.finditer(text):
        full = _longest_name(text, match.start("head"), resolver)
        if full is not None:
            key = _key(text[match.start("head") : full[1]])
            found.append(_Mention(full[0], key, match.start("head"), full[1]))
            continue
        short = _abbreviation(text, match.start("head"), (*known, *found))
        if short is not None:
            found.append(short)
    return tuple(found)


def _abbreviation(text: str, position: int, known: tuple[_Mention, ...]) -> _Mention | None:
    """The last mention in `known` whose name the words at `position` begin, longest first."""
    words = [m.end() for m in re.finditer(r"[^\s,;:()]+", text[position : position + 200])]
    for end in reversed(words[:_MAX_NAME_WORDS]):
        key = _key(text[position : position + end])
        for mention in reversed(known):
            if mention.key == key or mention.key.startswith(key + " "):
                return _Mention(mention.actor, mention.key, position, position + end)
    return None


@lru_cache(maxsize=32)
def _context_mentions(context: str, resolver: EntityResolver) -> tuple[_Mention, ...]:
    return _head_mentions(context, resolver)


Addressee = ActorRef | CollectiveAddressee


@dataclass
class _Reader:
    text: str
    language: str
    lexicon: Lexicon
    resolver: EntityResolver
    context: tuple[_Mention, ...] = ()
    mentions: tuple[_Mention, ...] = ()
    instruments: InstrumentTable | None = None
    context_text: str = ""

    def __post_init__(self) -> None:
        self.mentions = _head_mentions(self.text, self.resolver, self.context)

    def collective_at(self, position: int) -> tuple[CollectiveAddressee, int] | None:
        """A collective addressee of the data (`les États parties à la Convention`, `tous les
        États`, `les gouvernements`) and where it ends, with the instrument or body it names."""
        for term in load_addressees():
            pattern = term.wording.get(self.language)
            match = pattern.match(self.text, position) if pattern is not None else None
            if match is None:
                continue
            end = match.end()
            link = _SCOPE_LINK.get(term.scope, {}).get(self.language)
            scoped = link.match(self.text, end) if link is not None else None
            if scoped is None:
                return CollectiveAddressee(term.key), end
            if term.scope == "instrument":
                found = self.instrument_at(scoped.end())
                if found is not None:
                    return CollectiveAddressee(term.key, instrument=found[0]), found[1]
            else:
                body = self.name_at(scoped.end())
                if body is not None and isinstance(body[0], ActorRef):
                    return CollectiveAddressee(term.key, body=body[0]), body[1]
            return CollectiveAddressee(term.key), end
        return None

    def instrument_at(self, position: int) -> tuple[str, int] | None:
        """The instrument named at `position` (after its article), or the one a short name
        (`la Convention`, `ce protocole`) stands for: the last named before with that head."""
        if self.instruments is None:
            return None
        start = _ARTICLE.match(self.text, position)
        at = start.end() if start else position
        here = self.text[: at + 400]
        for code, begin, end in self.instruments.matches(here, self.language):
            if begin == at:
                return code, end
        short = _SHORT_INSTRUMENT.match(self.text, position)
        if short is None:
            return None
        head = fold(short["head"])
        named_before = [
            code
            for source in (self.context_text, self.text[:position])
            for code, _, _ in self.instruments.matches(source, self.language)
            if fold(self.instruments[code].name(self.language)).startswith(head)
        ]
        return (named_before[-1], short.end()) if named_before else None

    def name_at(self, position: int) -> tuple[Addressee, int] | None:
        """The actor named at `position` and where its name ends: a full name, `son
        président`, a collective addressee (`les États parties`), or a short form of a body
        named before (`l'Institut`, `the Committee`)."""
        rest = self.text[position : position + 400]
        lead = _LEADING.match(rest)
        offset = lead.end() if lead else 0
        president = _PRESIDENT.match(rest, offset)
        if president is not None:
            found = self.resolver.resolve(_PRESIDENT_NAMES[self.language])
            return (found, position + president.end()) if found else None
        full = _longest_name(self.text, position, self.resolver)
        if full is not None:
            return full
        collective = self.collective_at(position)
        if collective is not None:
            return collective
        head = _HEAD.match(self.text, position + offset)  # after `à` (`demande à l'Office`)
        if head is None:
            return None
        earlier = tuple(m for m in self.mentions if m.end <= head.start("head"))
        short = _abbreviation(self.text, head.start("head"), (*self.context, *earlier))
        return (short.actor, short.end) if short is not None else None

    def names_at(self, position: int) -> tuple[list[Addressee], int]:
        """A list of actors (`A, B et C`): as many as resolve, and where the last ends; an item
        naming no actor is passed over when an actor follows it (`_OTHER_ITEM`)."""
        actors: list[Addressee] = []
        end = position
        while True:
            found = self.name_at(end)
            if found is None:
                break
            actors.append(found[0])
            end = found[1]
            join = self._next_item(end)
            if join is None:
                break
            end = join
        return actors, end

    def _next_item(self, end: int) -> int | None:
        """Where the next named item of a list begins, or None when the list ends at `end`."""
        join = _LIST_JOIN.match(self.text, end)
        if join is None:
            return None
        if self.name_at(join.end()) is not None:
            return join.end()
        other = _OTHER_ITEM[self.language].match(self.text, join.end())
        if other is None:
            return None
        after = _LIST_JOIN.match(self.text, other.end())
        if after is None or self.name_at(after.end()) is None:
            return None
        return after.end()

    def later_addressees(self, start: int, end: int) -> list[Addressee]:
        """Addressees of the same verb after its clause (`..., et l'Organisation mondiale de la
        Santé à faciliter ...`), between `start` and `end`."""
        found: list[Addressee] = []
        for join in _NEXT_ADDRESSEE[self.language].finditer(self.text, start, end):
            named = self.names_at(join.end())
            if named[0] and _INFINITIVE[self.language].match(self.text, named[1]):
                found.extend(named[0])
        return found

    def last_mentioned(self, position: int) -> list[Addressee]:
        """The actor named last before `position` in the paragraph (for `celui-ci`, `lui`)."""
        before = [m for m in self.mentions if m.end <= position]
        return [before[-1].actor] if before else []


def _deliverable(clause: str, language: str) -> str | None:
    """`un rapport`, `une note`, `a progress report`; else `faire rapport`; else `le rapport`."""
    nouns = list(re.finditer(_DELIVERABLE_NOUNS[language], clause, re.IGNORECASE))
    indefinite = [m for m in nouns if m["det"].lower() in ("un", "une", "des", "a", "an")]
    if indefinite:
        return _tidy(indefinite[0].group(0))
    verb = _DELIVERABLE_VERBS[language].search(clause)
    if verb is not None:
        return _tidy(verb["verb"])
    return _tidy(nouns[0].group(0)) if nouns else None


def _due_session(clause: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """The first session the clause names and where it is printed, unless it is that of
    something already done (`la résolution adoptée par la Conférence ... à sa sixième
    session`)."""
    for match in _SESSION[lexicon.language].finditer(clause):
        if _PAST.search(clause, 0, match.start()):
            continue
        value = lexicon.ordinal_value(match["ordinal"])
        if value is not None:
            return value, match.start()
    return None


def _session_body(
    reader: _Reader, clause_start: int, session_at: int, addressee: Addressee, named: str
) -> str:
    """Whose session a due session is (see `_ASSEMBLY_IN_CLAUSE`): `named` is the addressee
    as printed, `clause_start` and `session_at` positions in the paragraph."""
    before = reader.text[clause_start:session_at]
    assembly = [m.end() for m in _ASSEMBLY_IN_CLAUSE[reader.language].finditer(before)]
    bodies = [
        (m.end - clause_start, m.actor.code)
        for m in reader.mentions
        if clause_start <= m.start
        and m.end <= session_at
        and _DELIBERATIVE.match(reader.text, m.start)
    ]
    last_assembly = assembly[-1] if assembly else -1
    if bodies and bodies[-1][0] > last_assembly:
        return bodies[-1][1]
    if last_assembly >= 0:
        return _ASSEMBLY
    if isinstance(addressee, ActorRef) and addressee.kind == "body" and _DELIBERATIVE.search(named):
        return addressee.code
    return _ASSEMBLY


def _funding(clause: str, language: str) -> str | None:
    """The funding condition the clause states (`sous réserve de ressources extrabudgétaires`)."""
    for term in load_funding_conditions():
        pattern = term.wording.get(language)
        if pattern is not None and pattern.search(clause):
            return term.key
    return None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _line_span(text: str, start: int, end: int, span: SourceSpan) -> SourceSpan:
    if text.count("\n") != span.end_line - span.start_line:
        return span
    first = span.start_line + text.count("\n", 0, start)
    return SourceSpan(first, span.start_line + text.count("\n", 0, max(start, end - 1)))


def extract_mandates(
    text: str,
    opening_key: str | None,
    span: SourceSpan,
    language: str,
    resolver: EntityResolver,
    *,
    context: str = "",
    instruments: InstrumentTable | None = None,
) -> tuple[Mandate, ...]:
    """The mandates of one operative paragraph (see the module docstring for the rules).

    `opening_key` is the concept key of the paragraph's opening phrase (`requests`, `notes`,
    ...), or None if it is not known; it gives the action of the opening verb. `context` is
    text the paragraph may refer back to with a short name (the title and preamble of its
    resolution): `Encourage l'Institut` is the United Nations African Institute named there.
    `instruments` names the instruments of `les États parties à la Convention ...`.
    """
    lexicon = LEXICONS.get(language)
    if lexicon is None or language not in _VERBS:
        raise ValueError(f"no mandate verbs for language {language!r}")
    known = _context_mentions(context, resolver) if context else ()
    reader = _Reader(
        text, language, lexicon, resolver, known, instruments=instruments, context_text=context
    )
    verbs = _find_verbs(text, language, opening_key)
    mandates: list[Mandate] = []
    previous: list[Addressee] = []
    for index, verb in enumerate(verbs):
        clause_end = verbs[index + 1].start if index + 1 < len(verbs) else len(text)
        demonstrative = _PRONOUN_AFTER.match(text, verb.end)
        if demonstrative is not None:  # `prie celui-ci`: the actor named last
            actors = reader.last_mentioned(verb.start) or previous
            addressee_end = demonstrative.end()
        elif verb.pronoun:  # `le prie également`: the addressee before, or the actor named last
            actors = previous or reader.last_mentioned(verb.start)
            addressee_end = verb.end
        else:
            actors, addressee_end = reader.names_at(verb.end)
        if not actors:
            continue
        actors = actors + [
            a for a in reader.later_addressees(addressee_end, clause_end) if a not in actors
        ]
        previous = actors
        clause = text[addressee_end:clause_end]
        deliverable = _deliverable(clause, language)
        due = _due_session(clause, lexicon)
        funding = _funding(clause, language)
        where = _line_span(text, verb.start, clause_end, span)
        named = text[verb.end : addressee_end]
        mandates.extend(
            Mandate(
                addressee=actor,
                action=verb.action,
                span=where,
                deliverable=deliverable,
                due_session=due[0] if due else None,
                due_body=(
                    _session_body(reader, addressee_end, addressee_end + due[1], actor, named)
                    if due
                    else None
                ),
                funding=funding,
            )
            for actor in actors
        )
    return tuple(mandates)
