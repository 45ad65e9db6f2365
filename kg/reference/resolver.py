"""Resolve names printed in UN documents to States, groups of States and bodies.

Resolution is deliberately strict: a name matches only if its normalized key equals the key of
a known spelling. Normalization removes what typesetting and PDF extraction add (case, accents,
typographic apostrophes, hyphenated line breaks, stray articles, trailing punctuation) and
nothing else, so a name is never forced onto the wrong State; an unknown name gives None and
the caller decides what to do with it. Two entities sharing a key is a data error, raised when
the resolver is built rather than silently picking one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence

from kg.model import ActorRef
from kg.reference.states import Names, ReferenceData, ReferenceDataError

# Characters that mean "apostrophe" or "hyphen" in typeset text, and letters that neither case
# folding nor compatibility decomposition reduce to plain Latin letters.
_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual typographic apostrophe
        "\u2018": "'",  # left single quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u02bb": "'",  # modifier letter turned comma
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent used as an apostrophe
        "`": "'",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2212": "-",  # minus sign
        "\u00ad": "",  # soft hyphen: invisible, marks only a possible line break
        "\u0153": "oe",
        "\u00e6": "ae",
        "\u0131": "i",  # dotless i, as in Turkish spellings of Türkiye
        "\u00f8": "o",
        "\u0111": "d",
        "\u0142": "l",
    }
)
_WHITESPACE = re.compile(r"\s+")
_AROUND_APOSTROPHE = re.compile(r"\s*'\s*")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_CLOSE_PAREN = re.compile(r"\s*\)")
_EDGE_PUNCTUATION = ' .,;:!?*"«»“”„'
# Leading articles and contracted prepositions of English and French. They are stripped from
# both the query and the known spellings, so "de la Norvège" and "la Norvège" meet "Norvège".
_LEADING_ARTICLE = re.compile(r"^(?:(?:the|le|la|les|du|des|de|au|aux) |[ld]')")
_HYPHEN_AT_LINE_END = re.compile(r"-[^\S\n]*\n\s*(?=\S)")
_HYPHEN_RUN = re.compile(r"[\s-]*-[\s-]*")
_INNER_HYPHEN = re.compile(r"(?<=\S)-(?=\S)")
_LIST_CONJUNCTION = re.compile(r"\s+(?:et|and)\s+")
_LEADING_CONJUNCTION = re.compile(r"^(?:et|and)\s+")
_COMMA = re.compile(r",")


class AmbiguousNameError(ReferenceDataError):
    """Two different entities have spellings with the same normalized key."""


# --- normalization ---------------------------------------------------------------------------


def _is_significant(char: str) -> bool:
    """False for combining marks (accents, U+0307 dots) and invisible format characters."""
    category = unicodedata.category(char)
    return category[0] != "M" and category != "Cf"


def _fold_characters(text: str) -> str:
    """Case-fold and strip accents and combining marks, map typographic variants to ASCII ones.

    Folding and decomposition do not commute for a few characters, so the steps are repeated
    until the text is stable; this keeps `normalize_name` idempotent.
    """
    previous = None
    while text != previous:
        previous = text
        decomposed = unicodedata.normalize("NFKD", text.translate(_CHAR_MAP)).casefold()
        decomposed = unicodedata.normalize("NFKD", decomposed)
        text = "".join(filter(_is_significant, decomposed)).translate(_CHAR_MAP)
    return text


def _tidy_spacing(text: str) -> str:
    """Hyphens become spaces, whitespace collapses, apostrophes and parentheses hug their words.

    Treating hyphens as spaces makes "Grande-\\nBretagne", "Grande- Bretagne" and
    "Grande-Bretagne" one key without guessing whether a line-end hyphen was a real one. A
    hyphen at either end is kept, so a name cut at a line break ("Guinée-" from
    "Guinée-Bissau") matches nothing rather than a shorter name.
    """
    text = _INNER_HYPHEN.sub(" ", _HYPHEN_RUN.sub("-", text))
    text = _AROUND_APOSTROPHE.sub("'", text)
    text = _OPEN_PAREN.sub(" (", text)
    text = _CLOSE_PAREN.sub(")", text)
    return _WHITESPACE.sub(" ", text).strip()


def _strip_edges(text: str) -> str:
    """Remove surrounding punctuation and leading articles, as often as they occur."""
    previous = None
    while text != previous:
        previous = text
        text = _LEADING_ARTICLE.sub("", text.strip(_EDGE_PUNCTUATION), count=1)
    return text


def normalize_name(text: str) -> str:
    """The matching key of a name: equal keys mean the same spelling up to typography.

    Tolerates case, accents, combining marks, typographic apostrophes and dashes, non-breaking
    and repeated whitespace, line breaks (also after a hyphen), stray leading English or French
    articles ("the", "la", "de l'", "des", ...) and surrounding punctuation.
    """
    folded = _WHITESPACE.sub(" ", _fold_characters(text)).strip(_EDGE_PUNCTUATION)
    return _strip_edges(_tidy_spacing(folded))


def tidy_name(text: str) -> str:
    """A name as printed, without layout: hyphenated line breaks joined, whitespace collapsed.

    Unlike `normalize_name` it keeps case, accents and apostrophes, so the result can be shown.
    """
    return _WHITESPACE.sub(" ", _HYPHEN_AT_LINE_END.sub("-", text)).strip()


# --- the resolver ----------------------------------------------------------------------------


def _entity_names(reference: ReferenceData) -> Iterator[tuple[ActorRef, Names]]:
    """Every entity that can be named in a document, with its names."""
    for iso3, state in reference.states.items():
        yield ActorRef("state", iso3), state.names
    for code, group in reference.groups.items():
        yield ActorRef("group", code), group.names
    for code, body in reference.bodies.items():
        yield ActorRef("body", code), body.names


def _describe(ref: ActorRef, spelling: str) -> str:
    return f"{ref.kind} {ref.code} ({spelling!r})"


class EntityResolver:
    """Maps names in the given languages to actors by exact match on the normalized key."""

    def __init__(self, reference: ReferenceData, languages: Sequence[str] = ("fr", "en")) -> None:
        missing = sorted(set(languages) - reference.languages)
        if missing:
            raise ReferenceDataError(f"no reference names in languages {missing}")
        self._languages = tuple(languages)
        self._index = self._build_index(reference)
        self._compact = _compact_index(self._index)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages whose spellings are recognized."""
        return self._languages

    def _build_index(self, reference: ReferenceData) -> Mapping[str, ActorRef]:
        """Key -> actor for every spelling; a key shared by two actors is an error."""
        index: dict[str, tuple[ActorRef, str]] = {}
        for ref, names in _entity_names(reference):
            for lang in self._languages:
                local = names.get(lang)
                for spelling in local.all() if local else ():
                    self._add(index, normalize_name(spelling), ref, spelling)
        return {key: ref for key, (ref, _) in index.items()}

    @staticmethod
    def _add(
        index: dict[str, tuple[ActorRef, str]], key: str, ref: ActorRef, spelling: str
    ) -> None:
        if not key:
            raise ReferenceDataError(f"{_describe(ref, spelling)} has an empty matching key")
        known = index.setdefault(key, (ref, spelling))
        if known[0] != ref:
            raise AmbiguousNameError(
                f"the matching key {key!r} is shared by {_describe(*known)}"
                f" and {_describe(ref, spelling)}"
            )

    def resolve(self, name: str) -> ActorRef | None:
        """The actor this name designates, or None if it is not a known spelling.

        If the name has a hyphen at a line end that is not part of any known spelling, the
        form with that hyphen removed (a word split by hyphenation) is tried too.
        """
        key = normalize_name(name)
        found = self._index.get(key)
        if found is None and _HYPHEN_AT_LINE_END.search(name):
            found = self._index.get(normalize_name(_HYPHEN_AT_LINE_END.sub("", name)))
        if found is None:
            # PDF extraction inserts and drops spaces inside words ("Fi nland", "Republic o f
            # Moldova", "GuineaBissau"): the key without spaces, if it names one actor only.
            found = self._compact.get(_compact_key(key))
        if found is None:
            # ... also when the split leaves what looks like an article (`Le banon`, `De nmark`).
            found = self._compact.get(_compact_key(normalize_name(_WHITESPACE.sub("", name))))
        return found

    def is_known(self, name: str) -> bool:
        """Whether `resolve` finds an actor for this name."""
        return self.resolve(name) is not None

    def split_name_list(self, text: str) -> list[str]:
        """Split an enumeration, keeping together names that contain "and" / "et"."""
        return split_name_list(text, self.is_known)


def _compact_key(key: str) -> str:
    return key.replace(" ", "")


def _compact_index(index: Mapping[str, ActorRef]) -> Mapping[str, ActorRef]:
    """Space-free key -> actor, without the keys that two actors would share."""
    compact: dict[str, ActorRef] = {}
    shared: set[str] = set()
    for key, ref in index.items():
        short = _compact_key(key)
        if compact.setdefault(short, ref) != ref:
            shared.add(short)
    return {key: ref for key, ref in compact.items() if key not in shared}


# --- splitting enumerations ------------------------------------------------------------------


def _top_level_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of `pattern` that are not inside parentheses."""
    depth_at: list[int] = []
    depth = 0
    for char in text:
        depth_at.append(depth)
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
    return [match for match in pattern.finditer(text) if depth_at[match.start()] == 0]


def _cut(text: str, matches: Sequence[re.Match[str]]) -> list[str]:
    """The pieces of `text` between the given separator matches."""
    starts = [0, *(match.end() for match in matches)]
    ends = [*(match.start() for match in matches), len(text)]
    return [text[start:end] for start, end in zip(starts, ends, strict=True)]


def _split_at_last_capitalized(item: str, joins: Sequence[re.Match[str]]) -> list[str]:
    """Without a name list: split at the last conjunction if a capitalized word follows.

    That is the "A, B and C" convention; it keeps "Saint Vincent and the Grenadines" and
    "Grande-Bretagne et d'Irlande du Nord" whole but cannot tell "Trinidad and Tobago" apart.
    """
    last = joins[-1]
    if item[last.end() : last.end() + 1].isupper():
        return [item[: last.start()], item[last.end() :]]
    return [item]


def _split_known(
    item: str, joins: Sequence[re.Match[str]], is_name: Callable[[str], bool]
) -> list[str] | None:
    """The split of `item` at conjunctions into the fewest known names, or None if there is none.

    Dynamic programming over the conjunctions: `best[j]` is the shortest split of the text
    before boundary j. Ties keep the split found first, whose last piece is the longest.
    """
    starts = [0, *(join.end() for join in joins)]
    ends = [*(join.start() for join in joins), len(item)]
    best: list[list[str] | None] = [[]] + [None] * len(ends)
    for j in range(1, len(ends) + 1):
        for i in range(j):
            prefix = best[i]
            piece = item[starts[i] : ends[j - 1]]
            if prefix is None or not is_name(piece):
                continue
            current = best[j]
            if current is None or len(prefix) + 1 < len(current):
                best[j] = [*prefix, piece]
    return best[-1]


def _split_item(item: str, is_name: Callable[[str], bool] | None) -> list[str]:
    """Split one comma-separated item at the "and" / "et" that separates two names, if any."""
    joins = _top_level_matches(_LIST_CONJUNCTION, item)
    if not joins:
        return [item]
    if is_name is not None:
        if is_name(item):
            return [item]
        known = _split_known(item, joins, is_name)
        if known is not None:
            return known
    return _split_at_last_capitalized(item, joins)


def split_name_list(text: str, is_name: Callable[[str], bool] | None = None) -> list[str]:
    """Split "A, B, C et D" or "A, B and C" into names, tidied of line breaks.

    Commas and conjunctions inside parentheses never split ("Venezuela (République
    bolivarienne du)"). A conjunction splits only between list items: with `is_name` (e.g.
    `EntityResolver.is_known`, or use `EntityResolver.split_name_list`) the whole item is tried
    first, then the split into the fewest known names, so "Trinidad and Tobago" and
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord" stay whole. Hyphenated forms such as
    "Trinité-et-Tobago" never split, as their "et" is not surrounded by spaces.
    """
    names: list[str] = []
    for raw in _cut(text, _top_level_matches(_COMMA, text)):
        item = _LEADING_CONJUNCTION.sub("", tidy_name(raw)).strip(" .;:")
        if item:
            names.extend(piece.strip() for piece in _split_item(item, is_name))
    return [name for name in names if name]
