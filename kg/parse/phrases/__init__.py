"""Opening phrases of resolution paragraphs, one table per language (`phrases_<lang>.tsv`).

A preambular paragraph opens with a participle or an adjective (`Recalling`, `Rappelant
également`, `Profondément préoccupée`), an operative paragraph with a verb (`Requests`, `Prie`).
The tables map each phrase, as printed, to a language-neutral concept key (`recalling`,
`requests`) and its kind. Several rows share a key: adverbs of repetition (`also`, `également`,
`de nouveau`) and grammatical gender or number do not change the concept; the first row of a
key is its canonical label in that language (the SKOS preferred label).

Matching compares words case-insensitively, with typographic and straight apostrophes alike,
and ignores a comma after a word (`Reaffirming, in that regard,`); the longest phrase the text
starts with wins (`Prenant note avec satisfaction` over `Prenant note`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from types import MappingProxyType

from kg.model import ParagraphKind

# The languages with a phrase table: a new language is a new `phrases_<lang>.tsv` (and its
# `modifiers_<lang>.tsv`), nothing to change here.
LANGUAGES = tuple(
    sorted(
        match[1]
        for entry in resources.files(__package__).iterdir()
        if (match := re.fullmatch(r"phrases_([a-z]{2})\.tsv", entry.name))
    )
)
_COLUMNS = ("key", "kind", "phrase")
_KEY = re.compile(r"^[a-z][a-z_]*[a-z]$")
_TRAILING_PUNCTUATION = ",;:"
_OPENING_WORDS = 9  # an opening phrase with its modifiers is never longer
_MAX_MODIFIERS = 4


def fold_word(word: str) -> str:
    """The comparison form of one printed word."""
    return word.strip(_TRAILING_PUNCTUATION).replace("’", "'").casefold()


@dataclass(frozen=True)
class Phrase:
    key: str
    kind: ParagraphKind
    text: str  # as printed, e.g. `Rappelant également`
    words: tuple[str, ...]  # folded words


@dataclass(frozen=True)
class PhraseMatch:
    key: str
    kind: ParagraphKind
    printed: str  # the words of the paragraph that matched, as printed there
    length: int  # number of words matched
    modifiers: tuple[str, ...] = ()  # words of the opening not in the listed phrase, as printed


@dataclass(frozen=True)
class PhraseTable:
    """The opening phrases of one language, with the canonical labels of every language."""

    language: str
    phrases: tuple[Phrase, ...]
    canonical: Mapping[str, Mapping[str, str]]  # key -> language -> canonical phrase
    modifiers: tuple[tuple[str, ...], ...]  # folded words of each modifier, longest first
    _by_first_word: Mapping[str, tuple[Phrase, ...]] = field(repr=False, compare=False)

    def match(self, text: str) -> tuple[str, str] | None:
        """`Rappelant également sa résolution` -> (`recalling`, `Rappelant également`)."""
        found = self.find(text)
        return (found.key, found.printed) if found else None

    def find(self, text: str) -> PhraseMatch | None:
        """The longest phrase `text` starts with, with its kind and number of words; else a
        listed phrase with modifiers among its words (`Once again urges`, `Expresses its deep
        appreciation`): the phrase gives the concept, the modifiers are returned apart."""
        words = text.split(maxsplit=_OPENING_WORDS)[:_OPENING_WORDS]
        if not words:
            return None
        phrase = self._longest([fold_word(word) for word in words])
        whole = (
            PhraseMatch(
                phrase.key, phrase.kind, _printed(words, len(phrase.words)), len(phrase.words)
            )
            if phrase
            else None
        )
        modified = self._with_modifiers(words) if self._has_modifier(words) else None
        # The reading that covers more of the opening wins (`Engage également vivement` is
        # `Engage vivement` + `également`, not `Engage également`); a tie keeps the listed row.
        if modified is not None and (whole is None or modified.length > whole.length):
            return modified
        return whole

    def _longest(self, folded: Sequence[str]) -> Phrase | None:
        for phrase in self._by_first_word.get(folded[0], ()) if folded else ():
            if tuple(folded[: len(phrase.words)]) == phrase.words:
                return phrase
        return None

    def _has_modifier(self, words: Sequence[str]) -> bool:
        return any(fold_word(word) in self._modifier_words for word in words)

    @cached_property
    def _modifier_words(self) -> frozenset[str]:
        return frozenset(modifier[0] for modifier in self.modifiers)

    def _with_modifiers(self, words: Sequence[str]) -> PhraseMatch | None:
        """The words left once some modifiers are set aside, matched against the phrases: the
        longest phrase wins, so `Engage également vivement` is `Engage vivement` (urges) with
        `également`, not `Engage` (calls upon) with two modifiers."""
        folded = [fold_word(word) for word in words]
        spans: list[tuple[int, int]] = []  # where a modifier could stand: [start, end)
        index = 0
        while index < len(words) and len(spans) < _MAX_MODIFIERS:
            size = next(
                (len(m) for m in self.modifiers if tuple(folded[index : index + len(m)]) == m), 0
            )
            if size:
                spans.append((index, index + size))
            index += size or 1
        best: tuple[Phrase, int, tuple[tuple[int, int], ...]] | None = None
        for dropped in _non_empty_subsets(spans):
            gone = {i for start, stop in dropped for i in range(start, stop)}
            kept = [i for i in range(len(words)) if i not in gone]
            phrase = self._longest([folded[i] for i in kept])
            if phrase is None:
                continue
            end = kept[len(phrase.words) - 1] + 1
            if dropped[-1][1] > end:
                continue  # a modifier after the phrase belongs to the rest of the sentence
            if best is None or len(phrase.words) > len(best[0].words):
                best = (phrase, end, dropped)
        if best is None:
            return None
        phrase, end, dropped = best
        modifiers = tuple(_printed(words[start:stop], stop - start) for start, stop in dropped)
        return PhraseMatch(phrase.key, phrase.kind, _printed(words, end), end, modifiers)

    def kind(self, key: str) -> ParagraphKind:
        return next(p.kind for p in self.phrases if p.key == key)

    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.key for p in self.phrases))

    def labels(self, key: str) -> Mapping[str, str]:
        """The canonical phrase of `key` in each language that has it (`{"en": "Recalling",
        "fr": "Rappelant"}`), for SKOS labels; empty for an unknown key."""
        return self.canonical.get(key, MappingProxyType({}))


def _non_empty_subsets(
    spans: Sequence[tuple[int, int]],
) -> Iterator[tuple[tuple[int, int], ...]]:
    for mask in range(1, 1 << len(spans)):
        yield tuple(span for bit, span in enumerate(spans) if mask >> bit & 1)


def _printed(words: Sequence[str], size: int) -> str:
    return " ".join(words[:size]).rstrip(_TRAILING_PUNCTUATION)


class PhraseTableError(ValueError):
    """A phrase table of the package is malformed (a bug in the shipped data)."""


@cache
def load_phrases(language: str) -> PhraseTable:
    """The phrase table of `language` (`fr`, `en`), checked, cached."""
    if language not in LANGUAGES:
        raise PhraseTableError(f"no opening-phrase table for language {language!r}")
    rows = {lang: list(_read_rows(lang)) for lang in LANGUAGES}
    kinds: dict[str, ParagraphKind] = {}
    canonical: dict[str, dict[str, str]] = {}
    for lang, lang_rows in rows.items():
        seen: dict[tuple[str, ...], str] = {}
        for previous, phrase in zip([None, *lang_rows], lang_rows, strict=False):
            changes_key = previous is not None and previous.key != phrase.key
            if changes_key and lang in canonical.get(phrase.key, {}):
                raise PhraseTableError(
                    f"phrases_{lang}.tsv: the rows of key {phrase.key!r} are not together "
                    "(the first row of a key is its canonical label)"
                )
            if kinds.setdefault(phrase.key, phrase.kind) is not phrase.kind:
                raise PhraseTableError(
                    f"phrases_{lang}.tsv: key {phrase.key!r} is both {kinds[phrase.key]} and "
                    f"{phrase.kind}"
                )
            if seen.setdefault(phrase.words, phrase.key) != phrase.key:
                raise PhraseTableError(
                    f"phrases_{lang}.tsv: {phrase.text!r} maps to {seen[phrase.words]!r} and "
                    f"{phrase.key!r}"
                )
            canonical.setdefault(phrase.key, {}).setdefault(lang, phrase.text)
    phrases = tuple(rows[language])
    index: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        index.setdefault(phrase.words[0], []).append(phrase)
    return PhraseTable(
        language=language,
        phrases=phrases,
        modifiers=tuple(sorted(_read_modifiers(language), key=len, reverse=True)),
        canonical=MappingProxyType(
            {key: MappingProxyType(labels) for key, labels in canonical.items()}
        ),
        _by_first_word=MappingProxyType(
            {
                word: tuple(sorted(candidates, key=lambda p: len(p.words), reverse=True))
                for word, candidates in index.items()
            }
        ),
    )


def _read_rows(language: str) -> Iterator[Phrase]:
    name = f"phrases_{language}.tsv"
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = [
        (number, line.split("\t"))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not rows or tuple(rows[0][1]) != _COLUMNS:
        raise PhraseTableError(f"{name}: expected the header {'|'.join(_COLUMNS)} (tab-separated)")
    for number, row in rows[1:]:
        if len(row) != len(_COLUMNS):
            raise PhraseTableError(f"{name}:{number}: expected 3 tab-separated columns: {row}")
        key, kind, printed = (cell.strip() for cell in row)
        if not _KEY.match(key):
            raise PhraseTableError(f"{name}:{number}: bad key {key!r}")
        try:
            paragraph_kind = ParagraphKind(kind)
        except ValueError:
            raise PhraseTableError(f"{name}:{number}: bad kind {kind!r}") from None
        words = tuple(fold_word(word) for word in printed.split())
        if not words or not printed[:1].isupper():
            raise PhraseTableError(f"{name}:{number}: bad phrase {printed!r}")
        yield Phrase(key, paragraph_kind, " ".join(printed.split()), words)


def _read_modifiers(language: str) -> Iterator[tuple[str, ...]]:
    """The words that may stand around or inside a listed phrase without changing its concept
    (`once again`, `also`, `strongly`, `deep`): `modifiers_<lang>.tsv`, one per line."""
    name = f"modifiers_{language}.tsv"
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        words = tuple(fold_word(word) for word in line.split())
        if line != line.strip() or "\t" in line or not all(words):
            raise PhraseTableError(f"{name}:{number}: bad modifier {line!r}")
        yield words
