"""The ASGI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from kg.errors import StoreError
from kg.serve import pages, query_page, sparql
from kg.serve.settings import ServeSettings
from kg.store import STORE_MARKER, open_store


def create_app(settings: ServeSettings) -> Starlette:
    if not (settings.store / STORE_MARKER).exists():
        raise StoreError(f"{settings.store}: no store here; run 'kg build' first")
    # Opened once here, so a damaged store is one clear error before the server starts, not a
    # failure in every query worker.
    with open_store(settings.store):
        pass
    routes: list[BaseRoute] = [*sparql.routes(settings), *pages.routes(settings)]
    routes += query_page.routes(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with sparql.lifespan(app, settings):
            yield

    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            # Reads only: the endpoint is read-only, so cross-origin GET/POST of queries is safe.
            Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"]),
        ],
    )
