"""The query editor page, the vendored YASGUI bundle and the SVG pictures, over real HTTP."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_server import serving

from kg.build import Settings
from kg.queries import available_queries
from kg.serve import ServeSettings, charts, create_app
from kg.serve.query_page import _json_for_html

SVG = "{http://www.w3.org/2000/svg}"
DRAFT = "/doc/akn/un/doc/A-C.3-77-L.7-Rev.1"
SPAIN = "/doc/akn/ontology/organization/un/state-esp"
TEXT = "/doc/akn/un/doc/A-77-464/fra/!draftResolution_VI"
STATIC = Path(charts.__file__).parent / "static"


@pytest.fixture(scope="module")
def client(sample_build: Settings) -> Iterator[httpx.Client]:
    settings = ServeSettings(store=sample_build.store, exports=sample_build.exports)
    with serving(create_app(settings)) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


def _svgs(page: str) -> list[ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    return [ET.fromstring(svg) for svg in found]


def _texts(svg: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in svg.iter() if e.tag in (SVG + "text", SVG + "title")]


def test_query_page_uses_only_local_assets(client: httpx.Client) -> None:
    response = client.get("/query")
    assert response.status_code == 200
    page = response.text
    sources = re.findall(r'<script[^>]*\bsrc="([^"]*)"', page)
    styles = re.findall(r'<link[^>]*\bhref="([^"]*)"', page)
    assert "/static/yasgui/yasgui.min.js" in sources and "/static/query.js" in sources
    assert "/static/yasgui/yasgui.min.css" in styles
    assert all(url.startswith("/static/") for url in sources + styles)
    assert "//" not in "".join(sources + styles)
    for query in available_queries():
        assert f"<code>{query.name}</code>" in page
    assert '"endpoint": "/sparql"' in page


def test_query_page_json_cannot_close_its_script() -> None:
    assert "</script>" not in _json_for_html({"text": "</script><b>&"})


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/static/yasgui/yasgui.min.js", "javascript"),
        ("/static/yasgui/yasgui.min.css", "text/css"),
        ("/static/query.js", "javascript"),
    ],
)
def test_static_files_are_served(client: httpx.Client, path: str, media: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert media in response.headers["content-type"]
    assert response.content == (STATIC / path.removeprefix("/static/")).read_bytes()
    assert client.get("/static/../app.py").status_code == 404


def test_vendored_bundle_is_recorded_and_calls_no_third_party_by_default() -> None:
    version = (STATIC / "yasgui" / "VERSION").read_text(encoding="utf-8")
    assert re.search(r"^version: \d+\.\d+\.\d+$", version, flags=re.M)
    assert "licence: MIT" in version
    for name in ("yasgui.min.js", "yasgui.min.css"):
        digest = hashlib.sha256((STATIC / "yasgui" / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in version
    bundle = (STATIC / "yasgui" / "yasgui.min.js").read_text(encoding="utf-8")
    assert "prefixCcApi:null" in bundle  # bundled prefixes unless configured otherwise
    assert "sourceMappingURL" not in bundle
    page_js = (STATIC / "query.js").read_text(encoding="utf-8")
    assert 'keep = ["prefixes", "variables"]' in page_js  # LOV autocompleters off
    assert "http" not in page_js.replace("window.location.href", "")


def test_draft_page_shows_sponsors_by_phase(client: httpx.Client) -> None:
    page = client.get(DRAFT).text
    svgs = _svgs(page)
    assert len(svgs) == 1
    texts = _texts(svgs[0])
    assert "Sponsors by phase (63)" in texts
    for label in ("original: 10", "later: 43", "at the meeting: 10"):
        assert label in texts
    assert "ESP" in texts and "Spain" in texts
    # Over time: 10 at submission (undated in the report), 53 before the meeting, 63 at the
    # 50th meeting on 15 November 2022, where the draft was acted upon (report, lines 220-253).
    assert "Sponsors over time (cumulative)" in texts
    assert texts[-6:] == [
        "10",
        "submitted",
        "53",
        "later, before the meeting",
        "63",
        "at meeting 50, 2022-11-15",
    ]


def test_state_page_shows_cosponsorship_network(client: httpx.Client) -> None:
    svgs = _svgs(client.get(SPAIN).text)
    assert len(svgs) == 1
    texts = _texts(svgs[0])
    assert any(t.startswith("Co-sponsors of Spain (") for t in texts)
    assert "PER 3" in texts  # Peru: three drafts together, the most
    french = _texts(_svgs(client.get(SPAIN, params={"lang": "fr"}).text)[0])
    assert any(t.startswith("Coauteurs avec : Espagne (") for t in french)


def test_pictures_speak_the_pages_language(client: httpx.Client) -> None:
    texts = _texts(_svgs(client.get(DRAFT, params={"lang": "fr"}).text)[0])
    assert "Auteurs par phase (63)" in texts
    for label in ("d'origine: 10", "ultérieurs: 43", "en séance: 10"):
        assert label in texts
    assert "Espagne" in texts
    # Every language has a word for every phase.
    for words in charts.WORDS.values():
        assert set(words.phases) == set(charts.PHASES)


def test_resolution_text_page_shows_citations(client: httpx.Client) -> None:
    svgs = _svgs(client.get(TEXT).text)
    assert len(svgs) == 1
    texts = _texts(svgs[0])
    assert "GA resolution: 10" in texts
    assert any("70/179" in t for t in texts) and "CCPCJ resolution: 2" in texts


def test_other_pages_have_no_picture(client: httpx.Client) -> None:
    assert not _svgs(client.get("/doc/ontology").text)


def test_pictures_are_deterministic(client: httpx.Client) -> None:
    for path in (DRAFT, SPAIN, TEXT):
        assert _svgs(client.get(path).text) and client.get(path).text == client.get(path).text


EVIL = '<script>alert("x")</script> & co'


def test_charts_escape_labels() -> None:
    evil = charts.Party(EVIL, EVIL)
    pictures = [
        charts.sponsors_svg({"original": [evil], "later": [charts.Party("ESP", "Spain")]}),
        charts.network_svg(evil, [(evil, 2), (charts.Party("FRA", "France"), 1)]),
        charts.citations_svg({(EVIL, "resolution"): [EVIL, "1/2"]}),
        charts.citations_svg({}, cited_by=[charts.Citer(EVIL, '/x" onclick="x', 1)], centre=EVIL),
    ]
    for svg in pictures:
        assert "<script" not in svg
        root = ET.fromstring(svg)
        assert any(EVIL in t or EVIL[:5] in t for t in _texts(root))


def test_charts_handle_empty_data() -> None:
    for svg in (
        charts.sponsors_svg({}),
        charts.network_svg(charts.Party("ESP", "Spain"), []),
        charts.citations_svg({}),
    ):
        ET.fromstring(svg)


CITED = "/doc/akn/un/doc/A-RES-76-181"


def test_a_cited_resolution_shows_what_recalls_it(client: httpx.Client) -> None:
    # Resolution 76/181 is cited by text I (preamble 6 at line 512 with its date, footnote 2
    # of paragraph 2 at line 610), text II (footnote of preamble 1, line 735), text III
    # (preamble 3, line 927), text V (preamble 13, lines 2362-2376 and its footnote at 2460)
    # and text VII (footnote of preamble 3, line 5220); the undated footnotes take the date
    # text I prints. Texts I, II, III, V and VII are those of L.2, L.3, L.4, L.7/Rev.1 and
    # L.12/Rev.1.
    svgs = _svgs(client.get(CITED).text)
    assert len(svgs) == 1
    texts = _texts(svgs[0])
    assert "Cited by (5)" in texts
    assert "A/RES/76/181" in texts
    citers = {
        "A/C.3/77/L.2: 2 ¶",
        "A/C.3/77/L.3: 1 ¶",
        "A/C.3/77/L.4: 1 ¶",
        "A/C.3/77/L.7/Rev.1: 1 ¶",
        "A/C.3/77/L.12/Rev.1: 1 ¶",
    }
    assert citers <= set(texts)
    assert "its text is not in this graph" in texts
    links = [a.get("href") for a in svgs[0].iter("{http://www.w3.org/2000/svg}a")]
    assert len(links) == 5
    for link in links:
        assert link is not None and client.get(link).status_code == 200
    french = _texts(_svgs(client.get(CITED, params={"lang": "fr"}).text)[0])
    assert "Cité par (5)" in french
