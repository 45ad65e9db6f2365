"""Pictures on the linked-data pages, rendered on the server as small, deterministic SVG.

Two layers: `*_data(store, iri)` read what a picture shows with SPARQL (the IRI is bound through
`run_query`'s substitutions, never spliced into the text), and `*_svg(...)` are pure functions
from that data to SVG text, every label escaped. `figure(store, iri)` picks the picture for a
resource by its type: a draft's sponsors by phase, a State's co-sponsorship network, a
resolution text's citations; "" for anything else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from kg.errors import KgError
from kg.ids import DocumentId, IdentifierError, IriMinter
from kg.store import run_query

UNKG = "https://w3id.org/unkg/ontology#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
PREFIXES = (
    "PREFIX unkg: <https://w3id.org/unkg/ontology#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
)
PHASES = ("original", "later", "at_meeting")
PHASE_COLOURS = {"original": "#1f5f99", "later": "#5b9bd5", "at_meeting": "#a9c9ea"}
FONT = 'font-family="sans-serif" font-size="11"'
FONT_10 = 'font-family="sans-serif" font-size="10"'
FONT_9 = 'font-family="sans-serif" font-size="9"'
MAX_NEIGHBOURS = 48
# Characters of cited numbers per line in a citations box: its 482 px of 10 px sans-serif at
# about 6.5 px a character of a symbol (capitals, digits, slashes; ~5.7 measured in Chromium).
LINE_CHARS = 72


@dataclass(frozen=True)
class Words:
    """The fixed words of the pictures in one language (data labels come from the store)."""

    sponsors_by_phase: str
    phases: Mapping[str, str]
    over_time: str
    submitted: str
    submitted_on: str  # "{date}"
    before_meeting: str
    at_meeting: str
    at_meeting_on: str  # "{number}", "{date}"
    cosponsors_of: str  # "{name}"
    drafts_together: tuple[str, str]  # "{count}", one draft and several
    more: str  # "{count}"
    no_cosponsors: str
    citations: str
    this_text: str
    unknown_body: str
    cites_nothing: str
    cited_by: str
    paragraphs: str  # "{count}"
    text_not_here: str


WORDS = {
    "en": Words(
        sponsors_by_phase="Sponsors by phase",
        phases={"original": "original", "later": "later", "at_meeting": "at the meeting"},
        over_time="Sponsors over time (cumulative)",
        submitted="submitted",
        submitted_on="submitted {date}",
        before_meeting="later, before the meeting",
        at_meeting="at the meeting",
        at_meeting_on="at meeting {number}, {date}",
        cosponsors_of="Co-sponsors of {name}",
        drafts_together=("{count} draft together", "{count} drafts together"),
        more="and {count} more",
        no_cosponsors="no co-sponsors",
        citations="Citations",
        this_text="this text",
        unknown_body="unknown body",
        cites_nothing="cites nothing",
        cited_by="Cited by",
        paragraphs="{count} ¶",
        text_not_here="its text is not in this graph",
    ),
    "fr": Words(
        sponsors_by_phase="Auteurs par phase",
        phases={"original": "d'origine", "later": "ultérieurs", "at_meeting": "en séance"},
        over_time="Auteurs dans le temps (cumul)",
        submitted="présentation",
        submitted_on="présenté le {date}",
        before_meeting="ensuite, avant la séance",
        at_meeting="à la séance",
        at_meeting_on="{number}e séance, {date}",
        cosponsors_of="Coauteurs avec : {name}",
        drafts_together=("{count} projet en commun", "{count} projets en commun"),
        more="et {count} autres",
        no_cosponsors="aucun coauteur",
        citations="Citations",
        this_text="ce texte",
        unknown_body="organe inconnu",
        cites_nothing="ne cite rien",
        cited_by="Cité par",
        paragraphs="{count} ¶",
        text_not_here="son texte n'est pas dans ce graphe",
    ),
}


def words_for(language: str) -> Words:
    """The words of `language`, English when we have none in it."""
    return WORDS.get(language, WORDS["en"])


@dataclass(frozen=True)
class Moments:
    """When a draft's sponsors joined, as far as the sources say: the draft's issue date, and
    the meeting where the last ones joined (its number and date); "" where unknown."""

    issued: str = ""
    meeting_number: str = ""
    meeting_date: str = ""


@dataclass(frozen=True, order=True)
class Party:
    """A sponsor or co-sponsor: its short code (ISO 3166 alpha-3, or a label) and its name."""

    code: str
    name: str


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _svg(width: int, height: int, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_text(title)}">'
        f"<title>{_text(title)}</title>{body}</svg>"
    )


# ---------------------------------------------------------------------------------------------
# Pure renderers


def sponsors_svg(
    phases: Mapping[str, Sequence[Party]],
    words: Words = WORDS["en"],
    moments: Moments = Moments(),
) -> str:
    """A stacked bar of the sponsors by phase with counts, one column of chips per phase, then
    the sponsors over time: a cumulative step line through submission, the additions before
    the meeting and those at the meeting, dated where the sources say."""
    columns = [(key, words.phases[key], sorted(phases.get(key, ()))) for key in PHASES]
    total = sum(len(parties) for _, _, parties in columns)
    width, bar_width, per_row, chip_w, chip_h = 660, 600, 5, 40, 16
    rows = max((math.ceil(len(p) / per_row) for _, _, p in columns), default=0)
    timeline_top = 90 + rows * (chip_h + 4) + 10
    height = timeline_top + 92
    title = f"{words.sponsors_by_phase} ({total})"
    parts: list[str] = [f'<text x="30" y="16" {FONT} font-weight="bold">{_text(title)}</text>']
    x = 30.0
    for key, label, parties in columns:
        if not parties:
            continue
        w = bar_width * len(parties) / total
        parts.append(
            f'<rect x="{x:.1f}" y="24" width="{w:.1f}" height="18" fill="{PHASE_COLOURS[key]}">'
            f"<title>{_text(label)}: {len(parties)}</title></rect>"
        )
        x += w
    for index, (key, label, parties) in enumerate(columns):
        left = 30 + index * 210
        parts.append(
            f'<rect x="{left}" y="52" width="10" height="10" fill="{PHASE_COLOURS[key]}"/>'
            f'<text x="{left + 14}" y="61" {FONT}>{_text(label)}: {len(parties)}</text>'
        )
        for n, party in enumerate(parties):
            cx = left + (n % per_row) * chip_w
            cy = 70 + (n // per_row) * (chip_h + 4)
            parts.append(
                f'<g><title>{_text(party.name)}</title><rect x="{cx}" y="{cy}" '
                f'width="{chip_w - 4}" height="{chip_h}" rx="3" fill="#eef3f9" '
                f'stroke="{PHASE_COLOURS[key]}"/><text x="{cx + (chip_w - 4) / 2}" '
                f'y="{cy + 12}" text-anchor="middle" {FONT_9}>'
                f"{_text(party.code[:5])}</text></g>"
            )
    parts.append(_timeline(columns, words, moments, timeline_top))
    return _svg(width, height, title, "".join(parts))


def _timeline(
    columns: Sequence[tuple[str, str, Sequence[Party]]], words: Words, moments: Moments, top: int
) -> str:
    """The cumulative step line under the sponsors picture (see `sponsors_svg`)."""
    counts = [len(parties) for _, _, parties in columns]
    cumulative = [sum(counts[: i + 1]) for i in range(len(counts))]
    most = max(cumulative[-1], 1)
    submitted = (
        words.submitted_on.format(date=moments.issued) if moments.issued else words.submitted
    )
    at_meeting = (
        words.at_meeting_on.format(number=moments.meeting_number, date=moments.meeting_date)
        if moments.meeting_number and moments.meeting_date
        else words.at_meeting
    )
    labels = (submitted, words.before_meeting, at_meeting)
    xs, anchors = (40, 330, 620), ("start", "middle", "end")
    axis = top + 66  # the highest count label stays clear of the title

    def level(count: int) -> float:
        return axis - 32 * count / most

    steps = [f"M{xs[0]} {axis}"]
    for x, total in zip(xs, cumulative, strict=True):
        steps.append(f"V{level(total):.1f}" if x == xs[0] else f"H{x}V{level(total):.1f}")
    parts = [
        f'<text x="30" y="{top + 12}" {FONT} font-weight="bold">{_text(words.over_time)}</text>',
        f'<line x1="30" y1="{axis}" x2="630" y2="{axis}" stroke="#888"/>',
        f'<path d="{" ".join(steps)}" fill="none" stroke="#1f5f99" stroke-width="2"/>',
    ]
    for x, anchor, label, total, (key, _, _) in zip(
        xs, anchors, labels, cumulative, columns, strict=True
    ):
        y = level(total)
        count_x = x + (6 if anchor == "start" else -6 if anchor == "end" else 0)
        parts.append(
            f'<circle cx="{x}" cy="{y:.1f}" r="4" fill="{PHASE_COLOURS[key]}" stroke="#1f5f99"/>'
            f'<text x="{count_x}" y="{y - 6:.1f}" text-anchor="{anchor}" {FONT_10}>{total}</text>'
            f'<text x="{x}" y="{axis + 16}" text-anchor="{anchor}" {FONT_10}>{_text(label)}</text>'
        )
    return "".join(parts)


def network_svg(
    centre: Party, neighbours: Sequence[tuple[Party, int]], words: Words = WORDS["en"]
) -> str:
    """A radial picture: the State in the middle, the States it co-sponsored with around it
    (most shared drafts first, clockwise from the top), edges as thick as the drafts shared."""
    ordered = sorted(neighbours, key=lambda item: (-item[1], item[0]))
    shown, hidden = ordered[:MAX_NEIGHBOURS], len(ordered) - MAX_NEIGHBOURS
    # Labels run outwards along their spoke (turned over on the left half to stay upright), so
    # neighbouring labels never overlap, even at the top and bottom of the circle; the title
    # sits in a band above the circle.
    width, height, radius = 440, 470, 170
    c, cy = width / 2, 245.0
    most = max((count for _, count in shown), default=1)
    edges: list[str] = []
    nodes: list[str] = []
    for index, (party, count) in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(shown), 1)
        x, y = c + radius * math.cos(angle), cy + radius * math.sin(angle)
        stroke = 0.5 + 3.5 * count / most
        together = words.drafts_together[0 if count == 1 else 1].format(count=count)
        tip = f"{party.name}: {together}"
        edges.append(
            f'<line x1="{c:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#5b9bd5" '
            f'stroke-opacity="0.6" stroke-width="{stroke:.2f}"/>'
        )
        lx, ly = c + (radius + 8) * math.cos(angle), cy + (radius + 8) * math.sin(angle)
        left = math.cos(angle) < -1e-9
        turn = math.degrees(angle) + (180 if left else 0)
        nodes.append(
            f'<g><title>{_text(tip)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="4" '
            f'fill="#1f5f99"/><text x="{lx:.1f}" y="{ly:.1f}" dy="0.35em" '
            f'text-anchor="{"end" if left else "start"}" '
            f'transform="rotate({turn:.1f} {lx:.1f} {ly:.1f})" '
            f"{FONT_9}>{_text(party.code[:5])} {count}</text></g>"
        )
    title = f"{words.cosponsors_of.format(name=centre.name)} ({len(ordered)})"
    body = (
        "".join(edges)
        + f'<circle cx="{c}" cy="{cy}" r="22" fill="#1f5f99"/><text x="{c}" y="{cy + 4}" '
        f'text-anchor="middle" {FONT} fill="#fff" font-weight="bold">'
        f"{_text(centre.code[:5])}</text>"
        + "".join(nodes)
        + f'<text x="6" y="14" {FONT} font-weight="bold">{_text(title)}</text>'
    )
    if hidden > 0:
        more = words.more.format(count=hidden)
        body += f'<text x="6" y="{height - 6}" {FONT}>{_text(more)}</text>'
    if not ordered:
        body += f'<text x="6" y="30" {FONT}>{_text(words.no_cosponsors)}</text>'
    return _svg(width, height, title, body)


@dataclass(frozen=True, order=True)
class Citer:
    """A text that cites the resource: its label (a symbol), its page and its citing paragraphs."""

    label: str
    page: str  # the path of its page on this server
    paragraphs: int


def citations_svg(
    groups: Mapping[tuple[str, str], Sequence[str]],
    words: Words = WORDS["en"],
    cited_by: Sequence[Citer] = (),
    centre: str = "",
) -> str:
    """The citation graph of a text or resolution: what it cites, grouped by body and kind (one
    box per group, e.g. "GA resolution: 12", with the cited numbers) on the right, and, when
    any text in the store cites it, those texts (linked to their pages) on the left.

    `centre` names a resolution whose text is not in the store (only cited): the right side
    then says so instead of claiming it cites nothing."""
    keys = sorted(groups)
    total = sum(len(set(groups[key])) for key in keys)
    boxes: list[tuple[tuple[str, str], list[list[str]]]] = []
    for key in keys:
        numbers = sorted(set(groups[key]), key=_natural)
        boxes.append((key, _wrap(numbers, LINE_CHARS)))
    citers = sorted(cited_by)
    left = 210 if citers else 0  # the cited-by column, when there is one
    right_height = 30 + sum(22 + 13 * len(lines) for _, lines in boxes) + 10
    height = max(right_height, 30 + 24 * len(citers) + 10, 80)
    width = 700 + left
    centre_x, centre_y = 6 + left, height / 2
    name = centre or words.this_text
    centre_w = max(90, 7 * len(name) + 12)  # about 6.5 px a character at 11 px
    heading = f"{words.cited_by} ({len(citers)})"
    title = heading if centre else f"{words.citations} ({total})"
    parts = [
        f'<rect x="{centre_x}" y="{centre_y - 15:.1f}" width="{centre_w}" height="30" rx="4" '
        f'fill="#1f5f99"/><text x="{centre_x + centre_w / 2}" y="{centre_y + 4:.1f}" '
        f'text-anchor="middle" {FONT} fill="#fff">{_text(name)}</text>',
    ]
    if not centre:
        parts.append(f'<text x="{6 + left}" y="14" {FONT} font-weight="bold">{_text(title)}</text>')
    if citers:
        parts.append(f'<text x="6" y="14" {FONT} font-weight="bold">{_text(heading)}</text>')
    for index, citer in enumerate(citers):
        y = 30 + 24 * index
        label = f"{citer.label}: {words.paragraphs.format(count=citer.paragraphs)}"
        parts.append(
            f'<path d="M166 {y + 9} C{centre_x - 20} {y + 9} {centre_x - 20} {centre_y:.1f} '
            f'{centre_x} {centre_y:.1f}" fill="none" stroke="#a9c9ea" '
            f'stroke-width="{1 + min(citer.paragraphs, 20) / 5:.1f}"/>'
            f'<a href="{_text(citer.page)}"><rect x="6" y="{y}" width="160" height="18" rx="4" '
            f'fill="#fff" stroke="#5b9bd5"/><text x="12" y="{y + 13}" {FONT_10}>'
            f"{_text(label)}</text></a>"
        )
    y = 30
    box_x = 200 + left
    for (body, kind), lines in boxes:
        box_h = 18 + 13 * len(lines)
        count = sum(len(line) for line in lines)
        label = f"{body or words.unknown_body} {kind}: {count}"
        parts.append(
            f'<path d="M{centre_x + centre_w} {centre_y:.1f} C{box_x - 50} {centre_y:.1f} '
            f'{box_x - 50} {y + 9} {box_x} {y + 9}" '
            f'fill="none" stroke="#5b9bd5" stroke-width="{1 + min(count, 20) / 5:.1f}"/>'
            f'<rect x="{box_x}" y="{y}" width="{width - box_x - 6}" height="{box_h}" rx="4" '
            f'fill="#eef3f9" stroke="#5b9bd5"/>'
            f'<text x="{box_x + 6}" y="{y + 13}" {FONT} font-weight="bold">{_text(label)}</text>'
        )
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{box_x + 6}" y="{y + 27 + 13 * n}" {FONT_10}>'
                f"{_text(', '.join(line))}</text>"
            )
        y += box_h + 4
    if not boxes:
        nothing = _text(words.text_not_here if centre else words.cites_nothing)
        parts.append(
            f'<text x="{centre_x + centre_w + 20}" y="{centre_y + 4:.1f}" {FONT}>{nothing}</text>'
        )
    return _svg(width, height, title, "".join(parts))


def _wrap(items: Sequence[str], budget: int) -> list[list[str]]:
    """Items greedily packed into lines of at most `budget` characters once joined by ", "
    (an item longer than the budget gets a line of its own)."""
    lines: list[list[str]] = []
    used = 0
    for item in items:
        if lines and used + 2 + len(item) <= budget:
            lines[-1].append(item)
            used += 2 + len(item)
        else:
            lines.append([item])
            used = len(item)
    return lines


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    out: list[tuple[int, str]] = []
    number = ""
    for char in text + "\0":
        if char.isdigit():
            number += char
            continue
        if number:
            out.append((int(number), ""))
            number = ""
        if char != "\0":
            out.append((-1, char))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Data


def _rows(
    store: ox.Store, sparql: str, **bindings: ox.NamedNode | ox.Literal
) -> list[dict[str, str]]:
    result = run_query(store, PREFIXES + sparql, bindings)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            row[name] = term.value if term is not None else ""
        rows.append(row)
    return rows


_PARTY = """
  OPTIONAL { ?party unkg:iso3166Alpha3 ?iso }
  OPTIONAL { ?party skos:prefLabel ?wanted FILTER(LANG(?wanted) = ?lang) }
  OPTIONAL { ?party skos:prefLabel ?english FILTER(LANG(?english) = "en") }
"""


def _party(row: Mapping[str, str]) -> Party:
    name = row.get("name") or row.get("party", "").rsplit("/", 1)[-1]
    return Party(row.get("iso") or name, name)


def sponsors_data(store: ox.Store, draft: str, language: str = "en") -> dict[str, list[Party]]:
    rows = _rows(
        store,
        "SELECT ?draft ?lang ?party ?phase (SAMPLE(?iso) AS ?iso)"
        " (SAMPLE(COALESCE(?wanted, ?english)) AS ?name)"
        " WHERE { ?s unkg:sponsorshipOf ?draft ; unkg:sponsor ?party ;"
        " unkg:phase/skos:notation ?phase ." + _PARTY + "} GROUP BY ?draft ?lang ?party ?phase",
        draft=ox.NamedNode(draft),
        lang=ox.Literal(language),
    )
    phases: dict[str, list[Party]] = {}
    for row in rows:
        phases.setdefault(row["phase"], []).append(_party(row))
    return phases


def sponsor_moments(store: ox.Store, draft: str) -> Moments:
    """The draft's issue date (as one of its language versions prints it) and its last meeting."""
    rows = _rows(
        store,
        "SELECT ?draft (SAMPLE(?issue) AS ?issued) (MAX(?date) AS ?last) WHERE {"
        " OPTIONAL { ?draft unkg:isRealizedBy/dcterms:issued ?issue }"
        " OPTIONAL { ?draft unkg:consideredAt/dcterms:date ?date } } GROUP BY ?draft",
        draft=ox.NamedNode(draft),
    )
    if not rows:
        return Moments()
    issued, last = rows[0]["issued"], rows[0]["last"]
    if not last:
        return Moments(issued)
    numbers = _rows(
        store,
        "SELECT ?draft ?date ?number WHERE {"
        " ?draft unkg:consideredAt ?meeting . ?meeting dcterms:date ?date ;"
        " unkg:meetingNumber ?number } ORDER BY ?number",
        draft=ox.NamedNode(draft),
        date=ox.Literal(last, datatype=ox.NamedNode(XSD_DATE)),
    )
    number = numbers[-1]["number"] if numbers else ""
    return Moments(issued, number, last if number else "")


def network_data(
    store: ox.Store, state: str, language: str = "en"
) -> tuple[Party, list[tuple[Party, int]]]:
    rows = _rows(
        store,
        "SELECT ?state ?lang ?party (SAMPLE(?iso) AS ?iso)"
        " (SAMPLE(COALESCE(?wanted, ?english)) AS ?name)"
        " (COUNT(DISTINCT ?draft) AS ?drafts) WHERE {"
        " ?a unkg:sponsorshipOf ?draft ; unkg:sponsor ?state ."
        " ?b unkg:sponsorshipOf ?draft ; unkg:sponsor ?party . FILTER(?party != ?state)"
        + _PARTY
        + "} GROUP BY ?state ?lang ?party",
        state=ox.NamedNode(state),
        lang=ox.Literal(language),
    )
    centre_rows = _rows(
        store,
        "SELECT ?party ?lang (SAMPLE(?iso) AS ?iso)"
        " (SAMPLE(COALESCE(?wanted, ?english)) AS ?name) WHERE {"
        + _PARTY
        + "} GROUP BY ?party ?lang",
        party=ox.NamedNode(state),
        lang=ox.Literal(language),
    )
    centre = _party({**(centre_rows[0] if centre_rows else {}), "party": state})
    return centre, [(_party(row), int(row["drafts"])) for row in rows]


# The paragraphs of a text that can carry citations: operative, preambular and annexed.
_TEXT_PARAGRAPH = (
    " { ?text unkg:hasParagraph ?paragraph }"
    " UNION { ?text unkg:hasPreamble/unkg:hasParagraph ?paragraph }"
    " UNION { ?text unkg:hasAnnex/unkg:hasParagraph ?paragraph }"
)


def citations_data(store: ox.Store, text: str) -> dict[tuple[str, str], list[str]]:
    """What the text `text` cites, by (body, kind): the cited numbers."""
    rows = _rows(
        store,
        "SELECT DISTINCT ?text ?body ?kind ?number WHERE {"
        + _TEXT_PARAGRAPH
        + " ?paragraph unkg:hasCitation ?citation ."
        " ?citation unkg:citedKind/skos:notation ?kind ; unkg:citedNumber ?number ."
        " OPTIONAL { ?citation unkg:citedBody/skos:notation ?code }"
        ' BIND(COALESCE(UCASE(REPLACE(?code, "^un-", "")), "") AS ?body) }',
        text=ox.NamedNode(text),
    )
    groups: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        groups.setdefault((row["body"], row["kind"]), []).append(row["number"])
    return groups


def cited_by_data(store: ox.Store, work: str, base: str) -> list[Citer]:
    """The texts whose paragraphs cite `work`, labelled by the symbol of their draft or
    resolution, with the number of citing paragraphs."""
    rows = _rows(
        store,
        "SELECT ?work ?text (SAMPLE(?symbol) AS ?label) (COUNT(DISTINCT ?paragraph) AS ?n)"
        " WHERE { ?citation unkg:citationTarget ?work . ?paragraph unkg:hasCitation ?citation ."
        + _TEXT_PARAGRAPH
        + " ?text a unkg:ResolutionText ."
        " OPTIONAL { { ?draft unkg:recommendedText ?text }"
        " UNION { ?draft unkg:isRealizedBy/unkg:hasPart ?text }"
        " ?draft dcterms:identifier ?symbol } } GROUP BY ?work ?text",
        work=ox.NamedNode(work),
    )
    return [
        Citer(
            row["label"] or row["text"].rsplit("/", 1)[-1],
            "/doc" + row["text"].removeprefix(base),
            int(row["n"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class CitationGraph:
    cites: dict[tuple[str, str], list[str]]
    cited_by: list[Citer]
    centre: str  # "" for a text in the store, else the cited resolution's symbol


def citation_graph(store: ox.Store, iri: str, types: set[str], base: str) -> CitationGraph | None:
    """What a resolution text, or a resolution, cites and what cites it; None when `iri` is
    neither a text nor anything cited."""
    if UNKG + "ResolutionText" in types:
        texts = [iri]
        works = [
            row["work"]
            for row in _rows(
                store,
                "SELECT ?text ?work WHERE { ?expression unkg:hasPart ?text ; unkg:realizes ?work }",
                text=ox.NamedNode(iri),
            )
        ]
    else:
        works = [iri]
        texts = [
            row["text"]
            for row in _rows(
                store,
                "SELECT ?work ?text WHERE { ?work unkg:isRealizedBy/unkg:hasPart ?text ."
                " ?text a unkg:ResolutionText }",
                work=ox.NamedNode(iri),
            )
        ]
    groups: dict[tuple[str, str], list[str]] = {}
    for text in texts:
        for key, numbers in citations_data(store, text).items():
            groups.setdefault(key, []).extend(numbers)
    citers = [citer for work in works for citer in cited_by_data(store, work, base)]
    if not texts and not citers:
        return None
    return CitationGraph(groups, citers, "" if texts else _symbol_of(iri, base))


def _symbol_of(iri: str, base: str) -> str:
    """The document symbol an IRI was minted from (`.../A-RES-76-181` -> A/RES/76/181)."""
    try:
        identifier = IriMinter(base).parse(iri)
    except IdentifierError:
        return iri.rsplit("/", 1)[-1]
    return identifier.symbol if isinstance(identifier, DocumentId) else iri.rsplit("/", 1)[-1]


def _types(store: ox.Store, iri: str) -> set[str]:
    rows = _rows(store, "SELECT DISTINCT ?x ?type WHERE { ?x a ?type }", x=ox.NamedNode(iri))
    return {row["type"] for row in rows}


def figure(store: ox.Store, iri: str, language: str = "en", base: str = "") -> str:
    """The picture for a resource's page (a `<figure>`), or "" when it has none."""
    try:
        types = _types(store, iri)
        words = words_for(language)
        if UNKG + "DraftResolution" in types:
            phases = sponsors_data(store, iri, language)
            svg = sponsors_svg(phases, words, sponsor_moments(store, iri))
        elif types & {UNKG + "MemberState", UNKG + "ObserverState"}:
            svg = network_svg(*network_data(store, iri, language), words)
        elif (graph := citation_graph(store, iri, types, base)) is not None:
            svg = citations_svg(graph.cites, words, graph.cited_by, graph.centre)
        else:
            return ""
    except KgError:
        return ""
    return f'<figure class="chart">{svg}</figure>'
