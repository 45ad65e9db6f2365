"""English: the wording of Main Committee reports (Secretariat editorial style)."""

from __future__ import annotations

import re

from kg.lang import Language, ReportWording, register
from kg.parse.lexicon import ENGLISH

_MONTHS = ENGLISH.month_pattern
_I = re.IGNORECASE
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
_DRAFT = r"draft (?:resolution|decision)"
_SYMBOL = r"(?P<symbol>A/[^\s,;()]*[^\s,;().])"  # a full stop after it ends the sentence
_QUOTED = r"[“\"](?P<title>[^”\"]+?)[”\"]"
# `ViceChair` (hyphen lost in extraction) is the same word as `Vice-Chair`.
_OFFICE_ROLES = r"Vice-?\s?Chair(?:person)?|Chair(?:person)?|Rapporteur|facilitator|Bureau"
_SPEAKERS = r"the (?:representatives?|observers?|delegations?) (?:of|for)"

REPORT = ReportWording(
    introduction=re.compile(r"^I\.\s+Introduction$", re.M),
    # `Recommendations of the Special Political and Decolonization Committee (Fourth Committee)`
    recommendations=re.compile(r"^Recommendations? of the (?P<committee>.*?Committee.*)$"),
    section_title=re.compile(r"^Draft (?:resolutions?|decisions?)\b", _I),
    item=re.compile(r"^\((?P<letter>[a-z])\)\s+(?P<text>\S.*)$"),
    sentence_end=re.compile(r"(?<=[.])\s+(?=[A-Z])"),
    leading_article=re.compile(r"^(?:the )\s*", _I),
    name_tail=re.compile(r"\s(?:of the|of|for the|for)\s+"),
    # `... decided to include in the agenda of its seventy-seventh session the item entitled
    # “...” and to allocate it to the First Committee.` (or `to include the item in its agenda
    # and to allocate it to the Sixth Committee`)
    agenda_allocation=re.compile(
        r"(?:agenda of its (?P<session>[\w\-]+) session\b.*?)?"
        r"allocate it to the (?P<committee>[^.,;()]*?Committee(?:\s*\([^)]*Committee\))?)"
        r"(?=\s*[.,;]|\s*$)",
        _I | re.S,
    ),
    item_title=re.compile(rf"\bitem entitled:?\s*{_QUOTED}", _I),
    report_of=re.compile(r"^Report of the (?P<committee>.*?Committee.*)$"),
    agenda_item_number=re.compile(r"^Agenda items? (?P<number>\d{1,3})\b", re.M),
    documents_before=re.compile(r"had before it the following documents", _I),
    # `the Committee had before it the report of the Secretary-General on ... (A/77/131)`
    document_before=re.compile(
        r"had before it the (?P<kind>report|note|letter) of [^()]*\(\s*(?P<symbol>A/[^)\s]+)\s*\)",
        _I,
    ),
    document_kinds=(
        ("Report", "report"),
        ("Note", "note"),
        ("Letter", "letter"),
        ("Draft resolution", "draft"),
    ),
    # `At its 3rd plenary meeting, on 16 September 2022`, `at its 6th and 7th meetings, on
    # 6 October`, `at its 13th, 14th, 35th and 36th meetings, on ...`, `At the 5th meeting`,
    # `At its 2nd to 10th meetings` (a range).
    meeting_mention=re.compile(
        r"\bat\s+(?:its|the|their)\s+"
        rf"(?P<numbers>{_ORDINAL}(?:\s*(?:,\s*and|,|and|to)\s*{_ORDINAL})*)\s+"
        r"(?P<plenary>plenary\s+)?meetings?"
        r"(?:\s*,\s*on\s+(?P<days>\d{1,2}(?:\s*(?:,\s*and|,|and)\s*\d{1,2})*)\s+"
        rf"(?P<month>{_MONTHS})(?:\s+(?P<year>\d{{4}}))?)?",
        _I,
    ),
    meeting_number=re.compile(r"(?P<number>\d{1,3})(?:st|nd|rd|th)"),
    meeting_range=re.compile(r"^\s*to\s*$"),
    day=re.compile(r"\d{1,2}"),
    more_dates=re.compile(r"^\s*(?:,\s*)?(?:and\s+)?(?:on|from)\s+\d"),
    same_meeting=re.compile(r"\bat the same meeting\b", _I),
    title=re.compile(rf"\bentitled:?\s*{_QUOTED}(?:\s*\((?P<symbol>[^)]+)\))?", _I),
    # `In its resolution 2022/12, the Economic and Social Council recommended ...`
    recommended_by_resolution=re.compile(
        r"In its resolution (?P<number>\d{4}/\d{1,3}|\d{1,3}/\d{1,3}),\s+the\s+"
        r"(?P<body>[^,]+?) recommended",
        _I,
    ),
    # `submitted by the ViceChair of the Committee, Vladamir Budhu (Trinidad and Tobago)`;
    # `the representative of Brazil, on behalf of the Bureau, introduced`.
    submitted_by_office=(
        re.compile(
            rf"(?:submitted|introduced) by the (?P<role>{_OFFICE_ROLES})\b"
            r"(?:\s+of the Committee)?(?:,?\s*[^().;]{0,80}?\((?P<holder>[^)]+)\))?",
            _I,
        ),
        re.compile(
            r"the (?:representative|delegation) of (?P<holder>[^,]+), on behalf of the "
            r"(?P<role>Bureau)\b",
            _I,
        ),
    ),
    # `the representative of Pakistan, on behalf of the States Members of the United Nations
    # that are members of the Group of 77 and China, introduced a draft resolution`;
    # `submitted by Uganda, on behalf of the Group of African States`.
    submitted_on_behalf=(
        re.compile(
            r"the (?:representative|delegation) of (?P<submitter>[^,]+?), on behalf of "
            r"(?P<group>[^,]+?),\s+(?:introduced|submitted)",
            _I,
        ),
        re.compile(r"submitted by (?P<submitter>[^,]+?),\s+on behalf of (?P<group>[^,]+?)\.?$", _I),
        # `submitted by Egypt and Pakistan (on behalf of the Group of 77 and China)`
        re.compile(
            r"(?:submitted|introduced) by (?P<submitter>[^,()]+?)\s*"
            r"\(on behalf of (?P<group>[^)]+)\)",
            _I,
        ),
        re.compile(
            r"the representatives? of (?P<submitter>[^,()]+?)\s*\(on behalf of "
            r"(?P<group>[^)]+)\),?\s+(?:introduced|submitted)",
            _I,
        ),
    ),
    # `the delegations of Germany and Romania, on behalf of Albania, ..., submitted a draft`
    submitted_for_states=re.compile(
        r"delegations? of (?P<submitter>.+?),\s+on behalf of (?P<list>.+?),\s+submitted", _I
    ),
    # `submitted by Ecuador, Honduras and Mexico.`
    submitted_by_states=re.compile(
        rf"\bsubmitted by (?!the (?:{_OFFICE_ROLES})\b)(?P<list>(?:(?!\(on behalf)[^.])+)\.", _I
    ),
    # `Subsequently, Armenia, ... and Türkiye joined in sponsoring the draft resolution.`
    joined_list=re.compile(r"^Subsequently,\s*(?P<list>.+?)\s+joined in sponsoring", _I),
    # `At the same meeting, Angola, the Gambia ... joined in sponsoring the draft resolution.`
    joined_inline=re.compile(
        r"^(?:(?:also\s+)?at (?:the|its) [^,]*meeting[^,]*,\s*)(?P<list>.+?)\s+"
        r"joined in sponsoring",
        _I,
    ),
    later_marker=re.compile(r"^Subsequently\b", _I),
    # `the Secretary of the Committee made a statement regarding the financial implications`
    budget_implications=re.compile(
        r"made a statement (?:regarding|on) the (?:financial|programme budget) implications", _I
    ),
    # `the Committee adopted draft resolution A/C.1/77/L.63 without a vote (see para. 7)`,
    # `(see para. 14, draft resolution I)`; `Draft resolution A/C.1/77/L.24, as a whole, was
    # adopted by a recorded vote of 172 to none, with 2 abstentions (see para. 7).`
    adoption=(
        re.compile(
            rf"the Committee adopted {_DRAFT} (?P<symbol>\S+)(?P<how>(?:\s[^(]*?)?)\s*"
            r"\(see para\.\s*(?P<paragraph>\d+)(?:, draft (?:resolution|decision) "
            r"(?P<numeral>[IVXL]+))?\)",
            _I,
        ),
        re.compile(
            rf"{_DRAFT} (?P<symbol>\S+?),? as a whole,? was adopted(?P<how>[^(]*?)\s*"
            r"\(see para\.\s*(?P<paragraph>\d+)(?:, draft (?:resolution|decision) "
            r"(?P<numeral>[IVXL]+))?\)",
            _I,
        ),
    ),
    without_vote=re.compile(r"without a vote", _I),
    recorded_vote_counts=re.compile(
        r"by a recorded vote of (?P<yes>\d+) to (?P<no>\d+|none)"
        r"(?:,?\s*with (?P<abstain>\d+|no) abstentions?)?",
        _I,
    ),
    recorded_vote=re.compile(r"recorded vote", _I),
    zero_words=frozenset({"none", "no"}),
    # `In favour: ... Against: ... Abstaining: ...`, each list ending at a full stop.
    vote_lists={
        "yes": re.compile(r"\bIn favour\s*:\s*(?P<list>[^.]+)\.", _I),
        "no": re.compile(r"\bAgainst\s*:\s*(?P<list>[^.]+)\.", _I),
        "abstain": re.compile(r"\bAbstaining\s*:\s*(?P<list>[^.]+)\.", _I),
    },
    nobody=re.compile(r"^None$", _I),
    # `Operative paragraph 2 was retained by a recorded vote of 166 to 2`
    paragraph_vote=re.compile(
        r"\b(?P<kind>operative|preambular) paragraph (?P<number>\d{1,3})"
        rf"(?: of {_DRAFT} \S+)? was (?P<outcome>retained|deleted|adopted|rejected)",
        _I,
    ),
    paragraph_kinds={"operative": "operative", "preambular": "preambular"},
    paragraph_outcomes={
        "retained": "retained",
        "adopted": "retained",
        "deleted": "deleted",
        "rejected": "deleted",
    },
    # `In the light of the adoption of draft resolution A/C.2/77/L.50, draft resolution
    # A/C.2/77/L.10 was withdrawn by its sponsors.`
    withdrawn=re.compile(rf"\b{_DRAFT} {_SYMBOL}[,.]?\s+was withdrawn", _I),
    in_favour_of=re.compile(
        rf"(?:in the light of|following|in view of) the adoption of {_DRAFT} {_SYMBOL}[,.]?\s",
        _I,
    ),
    # `as orally revised` names the draft adopted, not a revision.
    oral_revision=re.compile(
        r"\b(?:(?<!as )orally revised|revised (?:it )?orally|oral revisions?)\b", _I
    ),
    # `the Committee had before it an amendment (A/C.3/77/L.60) to draft resolution ...`,
    # `amendments to draft resolution A/C.3/77/L.13, contained in document A/C.3/77/L.60`.
    amendment=(
        re.compile(
            rf"amendments? \({_SYMBOL}\) to {_DRAFT} (?P<draft>A/[^\s,;()]+?)[,.;]?(?:\s|$)", _I
        ),
        re.compile(
            rf"amendments? to {_DRAFT} (?P<draft>A/[^\s,;()]+?),?\s+(?:as )?contained in "
            rf"documents? {_SYMBOL}[,.;]?(?:\s|$)",
            _I,
        ),
    ),
    amendment_outcomes={"adopted": "adopted", "rejected": "rejected", "withdrawn": "withdrawn"},
    amendment_outcome=(
        re.compile(
            rf"the Committee (?P<outcome>adopted|rejected) the amendments? "
            rf"(?:\(|contained in documents? ){_SYMBOL}[),.;\s]",
            _I,
        ),
        re.compile(
            rf"the amendments? (?:\(|contained in documents? ){_SYMBOL}\)?,? (?:was|were) "
            r"(?P<outcome>adopted|rejected|withdrawn)",
            _I,
        ),
    ),
    # `the representative of Denmark made a statement`, `statements were made by the
    # representatives of ...`, `made statements in explanation of vote`.
    statement=(
        re.compile(
            rf"(?P<speakers>{_SPEAKERS} .+?)\s+made (?:a |an )?(?:general |introductory )?"
            r"statements?"
            r"(?P<rest>[^.,(]*(?:\s*\([^)]*\))?)",
            _I,
        ),
        re.compile(
            rf"statements? (?:was|were) made by (?P<speakers>{_SPEAKERS} [^.]+?)(?P<rest>)"
            r"(?:\.|$)",
            _I,
        ),
    ),
    statement_on_behalf=re.compile(r"^\s*on behalf of (?P<actor>.+)$", _I),
    also_on_behalf=re.compile(r"\((?:also )?on behalf of (?P<list>[^)]+)\)", _I),
    speaker_split=re.compile(
        r",?\s+(?:and|as well as)\s+(?=the (?:representative|observer|delegation))", _I
    ),
    speaker=re.compile(
        r"^(?P<role>the (?:representatives?|observers?|delegations?))\s+(?:of|for)\s+"
        r"(?P<names>.+?),?$",
        _I,
    ),
    # `responded to comments made and questions posed by the representatives of Pakistan, ...`
    dialogue=re.compile(
        r"responded to (?:questions|comments)[^.]*? by the (?P<role>representatives?) of "
        r"(?P<names>[^.]+)",
        _I,
    ),
    before_adoption=re.compile(
        r"(?:^|,\s)(?:before|prior to) (?:the adoption|the vote|the voting|action)", _I
    ),
    after_adoption=re.compile(r"(?:^|,\s)after (?:the adoption|the vote|the voting|action)", _I),
    roles={
        "chair": "chair",
        "chairperson": "chair",
        "vicechair": "vice-chair",
        "vicechairperson": "vice-chair",
        "rapporteur": "rapporteur",
        "facilitator": "facilitator",
        "bureau": "bureau",
    },
)

ENGLISH_LANGUAGE = register(
    Language(
        code="en",
        lexicon=ENGLISH,
        report=REPORT,
        original_line=re.compile(r"^Original\s*:\s*English$", re.M | _I),
    )
)
