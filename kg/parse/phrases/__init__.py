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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType

from kg.model import ParagraphKind

LANGUAGES = ("en", "fr")
_COLUMNS = ("key", "kind", "phrase")
_KEY = re.compile(r"^[a-z][a-z_]*[a-z]$")
_TRAILING_PUNCTUATION = ",;:"


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


@dataclass(frozen=True)
class PhraseTable:
    """The opening phrases of one language, with the canonical labels of every language."""

    language: str
    phrases: tuple[Phrase, ...]
    canonical: Mapping[str, Mapping[str, str]]  # key -> language -> canonical phrase
    _by_first_word: Mapping[str, tuple[Phrase, ...]] = field(repr=False, compare=False)

    def match(self, text: str) -> tuple[str, str] | None:
        """`Rappelant également sa résolution` -> (`recalling`, `Rappelant également`)."""
        found = self.find(text)
        return (found.key, found.printed) if found else None

    def find(self, text: str) -> PhraseMatch | None:
        """The longest phrase `text` starts with, with its kind and number of words."""
        words = text.split(maxsplit=8)
        if not words:
            return None
        for phrase in self._by_first_word.get(fold_word(words[0]), ()):
            size = len(phrase.words)
            if size <= len(words) and all(
                fold_word(word) == expected
                for word, expected in zip(words[:size], phrase.words, strict=True)
            ):
                printed = " ".join(words[:size]).rstrip(_TRAILING_PUNCTUATION)
                return PhraseMatch(phrase.key, phrase.kind, printed, size)
        return None

    def kind(self, key: str) -> ParagraphKind:
        return next(p.kind for p in self.phrases if p.key == key)

    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.key for p in self.phrases))

    def labels(self, key: str) -> Mapping[str, str]:
        """The canonical phrase of `key` in each language that has it (`{"en": "Recalling",
        "fr": "Rappelant"}`), for SKOS labels; empty for an unknown key."""
        return self.canonical.get(key, MappingProxyType({}))


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
