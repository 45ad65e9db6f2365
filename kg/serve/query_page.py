"""The query editor page `/query` and the package's static files under `/static/`.

YASGUI (`@zazuko/yasgui`, vendored by `scripts/update-yasgui` into `kg/serve/static/yasgui/`
with its version and checksums in `VERSION`) is served from the package, never from a CDN, with
its licence and the notices of the libraries bundled in it (`LICENSE`, `THIRD-PARTY-NOTICES.txt`,
linked from the page's footer). The page hands the endpoint and the shipped competency queries
to `static/query.js` as JSON in a non-executable `<script type="application/json">` block; the
same queries are listed as plain HTML for readers without JavaScript. Everything is escaped.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kg.queries import available_queries
from kg.serve.pages import ICON, NAV, STYLE
from kg.serve.settings import ServeSettings

ENDPOINT = "/sparql"
YASGUI_JS = "/static/yasgui/yasgui.min.js"
YASGUI_CSS = "/static/yasgui/yasgui.min.css"
PAGE_JS = "/static/query.js"
YASGUI_LICENCE = "/static/yasgui/LICENSE"
YASGUI_NOTICES = "/static/yasgui/THIRD-PARTY-NOTICES.txt"
STATIC = Path(__file__).parent / "static"


def _json_for_html(value: object) -> str:
    """JSON safe inside a `<script>` element: no `<`, `>` or `&` can close or open a tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render() -> str:
    queries = available_queries()
    data = {
        "endpoint": ENDPOINT,
        "queries": [{"name": q.name, "summary": q.summary, "text": q.text} for q in queries],
    }
    listing = "".join(
        f'<details id="query-{escape(q.name)}"><summary><code>{escape(q.name)}</code> — '
        f"{escape(q.summary)}</summary><pre>{escape(q.text)}</pre></details>"
        for q in queries
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>SPARQL query editor — UN-KG</title>{ICON}"
        f'<link rel="stylesheet" href="{YASGUI_CSS}"><style>{STYLE}'
        "body{max-width:80em}</style></head><body>"
        f"{NAV}"
        "<h1>SPARQL query editor</h1>"
        f"<p>Queries run on this server's endpoint <code>{escape(ENDPOINT)}</code>; "
        "one tab per competency query shipped with <code>kg</code>.</p>"
        '<div id="yasgui"></div>'
        f'<script type="application/json" id="unkg-queries">{_json_for_html(data)}</script>'
        f'<script src="{YASGUI_JS}"></script><script src="{PAGE_JS}"></script>'
        f"<h2>Competency queries</h2>{listing}"
        f'<footer><small>YASGUI <a href="{YASGUI_LICENCE}">licence</a> and '
        f'<a href="{YASGUI_NOTICES}">notices</a></small></footer></body></html>'
    )


def routes(settings: ServeSettings) -> list[BaseRoute]:
    page = render()

    async def query(request: Request) -> Response:
        return HTMLResponse(page)

    async def licence(request: Request) -> Response:
        # Shown as text: without a suffix, StaticFiles would send it as an octet-stream download.
        return FileResponse(STATIC / "yasgui" / "LICENSE", media_type="text/plain")

    return [
        Route("/query", query, methods=["GET", "HEAD"]),
        Route(YASGUI_LICENCE, licence, methods=["GET", "HEAD"]),
        Mount("/static", app=StaticFiles(packages=[("kg.serve", "static")]), name="static"),
    ]
