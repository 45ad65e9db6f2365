"""The served site in a real browser: Debian's chromium, headless, driven by Playwright.

What only a browser shows: the 303 from an IRI followed to its page, links clicked from a
resolution text to its draft and on to a sponsor, the SVG pictures laid out (no label outside
its picture or over another), YASGUI built from our own static files and running queries
against our own endpoint, the language chosen from the browser's Accept-Language, data shown
as text and never run, and no error in any page's console.

Chromium is the Debian package (`/usr/bin/chromium`, installed by `scripts/test`), never a
browser downloaded by `playwright install`. Without it (or without Playwright) the tests are
skipped, except under CI (`CI` set), where they fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from live_server import serving

from kg.build import Settings, build, sample_source
from kg.queries import available_queries
from kg.serve import ServeSettings, create_app

try:
    from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright
except ImportError:  # the dev extra installs it; without it, see _missing()
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
# Headless and quiet: the machine's network is closed, and without these chromium tries to
# reach Google's hosts (updates, sync, field trials) and waits on them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BASE = "https://w3id.org/unkg"
UNKG = "https://w3id.org/unkg/ontology#"
TEXT_VI = f"{BASE}/akn/un/doc/A-77-464/fra/!draftResolution_VI"
TEXT_VI_TITLE = "Adoption de mesures efficaces et renforcement et promotion de la coopération"
SPAIN = "/doc/akn/ontology/organization/un/state-esp"
EVIL_IRI = f"{BASE}/akn/un/test/escaping"
EVIL = (
    '<script>window.__kgInjected = 1</script><img id="kg-injected" src="/x" '
    'onerror="window.__kgInjected = 1"> & \'quoted\' "text"'
)

# Every `<text>` of an SVG as the quadrilateral it covers in the picture's coordinates (its box
# through its transform, so rotated labels count as rotated); returns the labels that leave
# the picture and the pairs that overlap (separating-axis test on the quadrilaterals).
LAYOUT_JS = """svg => {
  const w = svg.viewBox.baseVal.width, h = svg.viewBox.baseVal.height;
  const quads = [...svg.querySelectorAll("text")].map((t) => {
    const b = t.getBBox(), m = t.getCTM();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
                     [b.x, b.y + b.height]];
    return [t.textContent, corners.map(([x, y]) => new DOMPoint(x, y).matrixTransform(m))];
  });
  const axes = (q) => [0, 1].map((i) => [q[i + 1].y - q[i].y, q[i].x - q[i + 1].x]);
  const span = (q, a) => {
    const v = q.map((p) => (p.x * a[0] + p.y * a[1]) / Math.hypot(a[0], a[1]));
    return [Math.min(...v), Math.max(...v)];
  };
  const meet = (p, q) => [...axes(p), ...axes(q)].every((a) => {
    const [p0, p1] = span(p, a), [q0, q1] = span(q, a);
    return Math.min(p1, q1) - Math.max(p0, q0) > 0.5;
  });
  const outside = quads.filter(([, q]) => q.some((p) =>
    p.x < -0.5 || p.y < -0.5 || p.x > w + 0.5 || p.y > h + 0.5)).map(([s]) => s);
  const overlapping = [];
  for (let i = 0; i < quads.length; i++)
    for (let j = i + 1; j < quads.length; j++)
      if (meet(quads[i][1], quads[j][1])) overlapping.push([quads[i][0], quads[j][0]]);
  return { texts: quads.length, outside, overlapping };
}"""


# --- the site, the browser and a recorded tab ----------------------------------------------


@dataclass(frozen=True)
class Sample:
    settings: ServeSettings
    charted: list[str]  # pages with a picture: drafts, texts, some States, cited resolutions
    sponsors: dict[str, int]  # draft IRI -> number of sponsors (all phases)


def _select(store: ox.Store, query: str) -> list[list[str]]:
    result = store.query(
        f"PREFIX unkg: <{UNKG}> PREFIX dcterms: <http://purl.org/dc/terms/> {query}",
        use_default_graph_as_union=True,
    )
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [[solution[name].value for name in names] for solution in result]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The bundled sample, built, plus one resource whose title is markup (for escaping)."""
    root = tmp_path_factory.mktemp("browser")
    build([sample_source()], Settings(store=root / "store", exports=root / "exports"))
    store = ox.Store(str(root / "store"))
    evil = ox.Literal(EVIL, language="en")
    graph = ox.NamedNode(f"{BASE}/graph/test-escaping")
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    store.add(ox.Quad(ox.NamedNode(EVIL_IRI), title, evil, graph))
    store.flush()
    drafts = _select(store, "SELECT ?d WHERE { ?d a unkg:DraftResolution }")
    texts = _select(store, "SELECT ?t WHERE { ?t a unkg:ResolutionText }")
    states = _select(
        store,
        "SELECT ?state (COUNT(?s) AS ?n) WHERE { ?s unkg:sponsor ?state ."
        " ?state a unkg:MemberState } GROUP BY ?state ORDER BY DESC(?n) ?state LIMIT 4",
    )
    cited = _select(  # resolutions recalled by the most texts: their "cited by" pictures
        store,
        "SELECT ?work (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c unkg:citationTarget ?work ."
        " ?work a unkg:Resolution }"
        " GROUP BY ?work ORDER BY DESC(?n) ?work LIMIT 3",
    )
    sponsors = _select(
        store,
        "SELECT ?d (COUNT(DISTINCT ?state) AS ?n) WHERE {"
        " ?s unkg:sponsorshipOf ?d ; unkg:sponsor ?state } GROUP BY ?d",
    )
    del store  # the server opens it read-only
    charted = [row[0] for row in drafts + texts + states + cited]
    assert len(drafts) >= 7 and len(texts) == 7 and len(states) == 4 and len(cited) == 3
    return Sample(
        ServeSettings(store=root / "store", exports=root / "exports"),
        charted,
        {draft: int(count) for draft, count in sponsors},
    )


@pytest.fixture(scope="module")
def site(sample: Sample) -> Iterator[str]:
    with serving(create_app(sample.settings)) as url:
        yield url


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (Debian's chromium package; scripts/test installs it)"
    if sync_playwright is None:
        return "the Python package playwright is missing (the dev extra installs it)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run under CI: {missing}", pytrace=False)
        pytest.skip(missing)
    with sync_playwright() as playwright:
        # A fresh temporary profile per launch (Playwright's default for launch()).
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@dataclass
class Tab:
    """A page of a fresh browser context, with what it logged and asked for."""

    page: Page
    site: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        response = self.page.goto(self.site + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def foreign_requests(self) -> list[str]:
        host = urlsplit(self.site).netloc
        return [url for url in self.requests if urlsplit(url).netloc != host]


def _tab(browser: Browser, site: str, locale: str = "en-GB") -> Iterator[Tab]:
    """A fresh context; after the test, nothing logged as an error and no other host asked."""
    context = browser.new_context(locale=locale)
    context.set_default_timeout(10_000)
    page = context.new_page()
    tab = Tab(page, site)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(f"console: {message.text} {message.location}")

    context.on("request", lambda request: tab.requests.append(request.url))
    page.on("console", console)
    page.on("pageerror", lambda error: tab.errors.append(f"page error: {error}"))
    try:
        yield tab
        assert not tab.errors, tab.errors
        assert not tab.foreign_requests(), tab.foreign_requests()
    finally:
        context.close()


@pytest.fixture
def tab(browser: Browser, site: str) -> Iterator[Tab]:
    yield from _tab(browser, site)


@pytest.fixture
def french_tab(browser: Browser, site: str) -> Iterator[Tab]:
    yield from _tab(browser, site, locale="fr-FR")


# --- (a) from a resolution text to its draft, to a sponsor --------------------------------


def test_resolution_text_to_its_draft_and_a_sponsor(tab: Tab, sample: Sample) -> None:
    page = tab.page
    tab.open(TEXT_VI.removeprefix(BASE))  # the IRI itself: 303 to its page
    assert page.url == tab.site + "/doc" + TEXT_VI.removeprefix(BASE)
    expect(page.locator("h1")).to_contain_text(TEXT_VI_TITLE)
    expect(page).to_have_title(re.compile("^" + re.escape(TEXT_VI_TITLE)))
    expect(page.get_by_role("link", name="recommended resolution text")).to_be_visible()
    expect(page.get_by_text("L’Assemblée générale,", exact=True)).to_be_visible()

    citations = page.locator("figure.chart svg")
    expect(citations).to_be_visible()
    expect(citations).to_have_attribute("aria-label", "Citations (16)")
    box = citations.bounding_box()
    assert box is not None and box["width"] == 700 and box["height"] > 100
    labels = citations.locator("text").all_text_contents()
    assert "GA resolution: 10" in labels and "CCPCJ resolution: 2" in labels
    assert any("70/179" in label for label in labels)
    assert citations.locator("rect").count() >= 5 and citations.locator("path").count() >= 4

    recommended_by = page.locator("tr", has=page.locator('span[title$="#recommendedText"]'))
    recommended_by.get_by_role("link").click()
    page.wait_for_url("**/akn/un/doc/A-C.3-77-L.8-Rev.1")
    expect(page.locator("h1")).to_contain_text(TEXT_VI_TITLE)
    expect(page.get_by_role("cell", name="A/C.3/77/L.8/Rev.1", exact=True)).to_be_visible()
    draft = BASE + page.url.removeprefix(tab.site + "/doc")
    total = sample.sponsors[draft]
    sponsors = page.locator("figure.chart svg")
    expect(sponsors).to_have_attribute("aria-label", f"Sponsors by phase ({total})")
    chips = sponsors.locator("g")
    expect(chips).to_have_count(total)
    legend = [t for t in sponsors.locator("text").all_text_contents() if ": " in t]
    assert sum(int(t.rsplit(": ", 1)[1]) for t in legend) == total

    section = page.locator('section[id="sponsorship_original_state-esp_in_A-77-464"]')
    sponsor = section.locator('tr:has(span[title$="#sponsor"]) a')
    expect(sponsor).to_have_text("Spain")
    sponsor.click()
    page.wait_for_url("**" + SPAIN)
    expect(page.locator("h1")).to_have_text("Spain")
    network = page.locator("figure.chart svg")
    expect(network).to_have_attribute("aria-label", re.compile(r"^Co-sponsors of Spain \(\d+\)$"))
    label = network.get_attribute("aria-label") or ""
    partners = int(label.rsplit("(", 1)[1].rstrip(")"))
    expect(network.locator("circle")).to_have_count(1 + min(partners, 48))
    assert "PER 3" in network.locator("text").all_text_contents()


def test_every_picture_fits_and_no_labels_collide(tab: Tab, sample: Sample) -> None:
    """Drafts, resolution texts and the busiest States: every label inside its picture and
    clear of the others, as Chromium lays them out (long citation lists wrap, the
    co-sponsors' labels run along their spokes)."""
    bad: dict[str, object] = {}
    for iri in sample.charted:
        tab.open("/doc" + iri.removeprefix(BASE))
        svg = tab.page.locator("figure.chart svg")
        expect(svg).to_have_count(1)
        layout = svg.evaluate(LAYOUT_JS)
        assert layout["texts"] >= 4
        if layout["outside"] or layout["overlapping"]:
            bad[iri] = layout
    assert not bad


# --- (b) the query editor -------------------------------------------------------------------


def test_query_editor_runs_queries_on_our_endpoint(tab: Tab) -> None:
    page = tab.page
    tab.open("/query")
    for query in available_queries():  # one tab each
        expect(page.get_by_role("tab", name=query.name, exact=True)).to_have_count(1)
    # The files of YASGUI come from this server.
    assert any(url.endswith("/static/yasgui/yasgui.min.js") for url in tab.requests)

    page.get_by_role("tab", name="meetings", exact=True).click()
    panel = page.locator(".tabPanel.active")
    expect(panel.locator(".CodeMirror")).to_contain_text("SELECT")
    panel.locator(".yasqe_queryButton").click()
    rows = panel.locator(".yasr table.dataTable tbody tr")
    expect(rows).to_have_count(8)
    expect(panel.locator(".yasr table")).to_contain_text("2022-09-16")
    expect(panel.locator(".yasr table")).to_contain_text("un-ga-c3")

    # A query of one's own, typed (pasted) into the editor: its results are text, never markup.
    panel.locator(".CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?name ?markup WHERE {\n"
        f"  <{BASE}/akn/ontology/organization/un/state-esp> skos:prefLabel ?name .\n"
        '  FILTER(LANG(?name) = "fr")\n'
        '  BIND("<b id=\\"kg-bold\\">bold</b> & co" AS ?markup)\n'
        "}"
    )
    expect(panel.locator(".CodeMirror")).to_contain_text("FILTER(LANG(?name)")
    with page.expect_response(lambda r: r.url == tab.site + "/sparql") as answer:
        panel.locator(".yasqe_queryButton").click()
    assert answer.value.ok and answer.value.request.method == "POST"
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Espagne")
    expect(rows.first).to_contain_text('<b id="kg-bold">bold</b> & co')
    expect(page.locator("#kg-bold")).to_have_count(0)

    sparql = [url for url in tab.requests if url.startswith(tab.site + "/sparql")]
    assert len(sparql) == 2
    assert not tab.foreign_requests()


# --- (c) languages and escaping -------------------------------------------------------------


def test_language_follows_the_browser_and_the_switch(tab: Tab, french_tab: Tab) -> None:
    french_tab.open(SPAIN)  # Accept-Language: fr-FR, from the browser's locale
    page = french_tab.page
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Espagne")
    expect(page.get_by_role("link", name="État Membre").first).to_be_visible()
    expect(page.get_by_text("nom officiel", exact=True)).to_be_visible()
    expect(page.locator("figure.chart svg")).to_have_attribute(
        "aria-label", re.compile(r"^Coauteurs avec : Espagne \(")
    )

    tab.open(SPAIN)
    page = tab.page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Spain")
    expect(page.get_by_text("formal name", exact=True)).to_be_visible()
    page.get_by_role("link", name="fr", exact=True).click()
    page.wait_for_url("**?lang=fr")
    expect(page.locator("h1")).to_have_text("Espagne")
    expect(page.get_by_text("nom officiel", exact=True)).to_be_visible()


def test_data_is_shown_as_text_never_run(tab: Tab) -> None:
    tab.open(EVIL_IRI.removeprefix(BASE))
    page = tab.page
    expect(page.locator("h1")).to_have_text(EVIL)
    expect(page).to_have_title(EVIL)
    expect(page.locator("td span[lang=en]")).to_have_text(EVIL)
    expect(page.locator("#kg-injected")).to_have_count(0)
    assert page.evaluate("window.__kgInjected") is None
    assert not [url for url in tab.requests if url.endswith("/x")]


# --- (d) no errors anywhere -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/download", "/query", "/doc/ontology", SPAIN, "/doc" + TEXT_VI.removeprefix(BASE)],
)
def test_pages_log_no_errors(tab: Tab, path: str) -> None:
    page = tab.page
    tab.open(path)
    page.wait_for_load_state("networkidle")
    assert not tab.errors, tab.errors
    # The site's icon is declared and served (else browsers log a 404 for /favicon.ico).
    icon = page.locator('link[rel="icon"]')
    expect(icon).to_have_count(1)
    served = page.request.get(tab.site + (icon.get_attribute("href") or ""))
    assert served.ok and served.headers["content-type"].startswith("image/svg+xml")
    # Every page leads to the query editor and home.
    expect(page.locator("nav").get_by_role("link", name="Query editor")).to_be_visible()
    page.locator("nav").get_by_role("link", name="Home").click()
    page.wait_for_url(tab.site + "/")
    expect(page.get_by_role("link", name="Query editor")).to_have_count(2)  # nav and list
