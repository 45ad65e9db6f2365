"""Languages as data: what a UN committee report prints, in one object per language.

A `Language` bundles the `Lexicon` (months, ordinals) with the wording of Main Committee reports
(`ReportWording`: part and section headings, meeting mentions, submission, sponsors, statements,
adoption, votes, withdrawal, amendments, roles). The report parser receives a `Language` and
never names one; `detect` picks the language whose wording the text matches best. A new
language is one module here (like `en.py`, `fr.py`), found and registered on first use.

Adding Spanish to committee reports touches: `kg/lang/es.py` (this wording), the `Lexicon` in
`kg/parse/lexicon.py` (months and an ordinal writer), `kg/parse/phrases/phrases_es.tsv` and the
resolution-text wording for the recommended texts, and the reference names (`name_short_es`,
`name_formal_es` columns of `kg/reference/data/states.tsv`, `groups.tsv`, `bodies.tsv`, with
`es` among `EntityResolver`'s languages): no parser code.

Every pattern is compiled once, in its language module, from that language's words; group names
are the interface the parser relies on and are listed on each field below.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.parse.lexicon import Lexicon

Pattern = re.Pattern[str]


@dataclass(frozen=True)
class ReportWording:
    # --- structure ---------------------------------------------------------------------------
    introduction: Pattern  # title of Part I
    recommendations: Pattern  # title of the last part; group `committee`
    section_title: Pattern  # `Draft resolution A/C.3/77/L.45` (a lettered section's title)
    item: Pattern  # a lettered item; groups `letter`, `text`
    sentence_end: Pattern
    leading_article: Pattern  # articles before a name in a list
    name_tail: Pattern  # where the tail of a phrase may start naming an actor (`of the`)
    # --- Part I ------------------------------------------------------------------------------
    agenda_allocation: Pattern  # optional groups `session`, `title`; group `committee`
    item_title: Pattern  # `the item entitled “...”`; group `title`
    report_of: Pattern  # `Report of the First Committee`; group `committee`
    agenda_item_number: Pattern  # group `number`
    documents_before: Pattern
    document_before: Pattern  # one document in a sentence; groups `kind`, `symbol`
    document_kinds: tuple[tuple[str, str], ...]  # opening word of a listed document -> kind
    # --- meetings ----------------------------------------------------------------------------
    meeting_mention: Pattern  # groups `numbers`, `plenary`, `days`, `month`, `year`
    meeting_number: Pattern  # one number inside `numbers`; group `number`
    meeting_range: Pattern  # between two numbers inside `numbers`: a range (`2nd to 10th`)
    day: Pattern  # one day inside `days`
    more_dates: Pattern  # right after a mention: its dates go on (`on 13 October and on 10 ...`)
    same_meeting: Pattern
    # --- drafts ------------------------------------------------------------------------------
    title: Pattern  # group `title`, optional group `symbol`
    recommended_by_resolution: Pattern  # groups `number`, `body`
    submitted_by_office: tuple[Pattern, ...]  # groups `role`, optional `holder`
    submitted_on_behalf: tuple[Pattern, ...]  # groups `submitter`, `group`
    submitted_for_states: Pattern  # delegations submitting on behalf of listed States; `list`
    submitted_by_states: Pattern  # group `list`
    joined_list: Pattern  # group `list`
    joined_inline: Pattern  # group `list`
    later_marker: Pattern
    budget_implications: Pattern
    adoption: tuple[Pattern, ...]  # groups `symbol`, `how`, `paragraph`, optional `numeral`
    without_vote: Pattern
    recorded_vote_counts: Pattern  # groups `yes`, `no`, optional `abstain`
    recorded_vote: Pattern
    zero_words: frozenset[str]  # `none`, `no` in `172 to none, with no abstentions`
    vote_lists: Mapping[str, Pattern]  # yes/no/abstain -> pattern with group `list`
    nobody: Pattern  # the list is `None.` / `Néant.`
    paragraph_vote: Pattern  # groups `kind`, `number`, `outcome`
    paragraph_kinds: Mapping[str, str]  # printed word -> `operative` / `preambular`
    paragraph_outcomes: Mapping[str, str]  # printed verb -> `retained` / `deleted`
    withdrawn: Pattern  # group `symbol`
    in_favour_of: Pattern  # group `symbol` (the draft adopted instead)
    oral_revision: Pattern  # optional group `symbol`
    amendment: tuple[Pattern, ...]  # groups `symbol` (the amendment) and `draft`
    amendment_outcomes: Mapping[str, str]  # printed verb -> adopted / rejected / withdrawn
    amendment_outcome: tuple[Pattern, ...]  # groups `symbol`, `outcome`
    # --- statements --------------------------------------------------------------------------
    statement: tuple[Pattern, ...]  # groups `speakers`, `rest`
    statement_on_behalf: Pattern  # group `actor`
    also_on_behalf: Pattern  # `(also on behalf of ...)`; group `list`
    speaker_split: Pattern
    speaker: Pattern  # groups `role`, `names`
    dialogue: Pattern  # groups `role`, `names`
    before_adoption: Pattern
    after_adoption: Pattern
    # --- roles -------------------------------------------------------------------------------
    roles: Mapping[str, str]  # printed role (folded) -> role key: chair, vice-chair, ...

    def role_of(self, printed: str) -> str | None:
        return self.roles.get(fold_role(printed))


def fold_role(printed: str) -> str:
    """`ViceChair`, `Vice-Chair`, `vice-présidente` -> one key per spelling family."""
    return re.sub(r"[\s\-‐‑]", "", printed.casefold())


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    lexicon: Lexicon
    report: ReportWording
    original_line: Pattern  # `Original: English` naming this language


_REGISTRY: dict[str, Language] = {}


def register(language: Language) -> Language:
    _REGISTRY[language.code] = language
    return language


def languages() -> Mapping[str, Language]:
    _load()
    return dict(_REGISTRY)


def language(code: str) -> Language:
    _load()
    try:
        return _REGISTRY[code]
    except KeyError:
        raise ValueError(f"no language module for {code!r}") from None


def detect(lines: Iterable[str]) -> Language | None:
    """The language whose report wording the lines match most (meeting mentions, part
    headings); None when no language matches at all."""
    _load()
    text = "\n".join(lines)
    scores = {
        code: len(lang.report.meeting_mention.findall(text))
        + sum(1 for _ in lang.report.introduction.finditer(text))
        for code, lang in _REGISTRY.items()
    }
    best = max(scores, key=lambda code: scores[code], default=None)
    return _REGISTRY[best] if best is not None and scores[best] > 0 else None


def _load() -> None:
    """Import every language module of this package; each registers itself on import (they
    import this module, hence the import at first use rather than at the top)."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
