"""The ASGI application factory, and running it under uvicorn."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from kg.errors import ServeError
from kg.serve import pages, query_page, sparql
from kg.serve.settings import ServeSettings
from kg.store import check_store_format, open_store


def create_app(settings: ServeSettings) -> Starlette:
    """The service of one store, under the base its IRIs were minted with."""
    check_store_format(settings.store)
    # Opened once here, so a damaged store is one clear error before the server starts, not a
    # failure in every query worker.
    with open_store(settings.store):
        pass
    settings = replace(settings, base=settings.iri_base())
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


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on `host:port`, or a `ServeError` saying why not (e.g. in use)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as error:
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def run_server(settings: ServeSettings, host: str, port: int, *, access_log: bool) -> None:
    """Serve until interrupted, on a production ASGI server (uvicorn, with uvloop and
    httptools); a slow client cannot hold a connection open without sending.

    The store is checked and the address taken before anything starts, so a damaged store or
    a port in use is one clear error and no worker process is started for nothing."""
    application = create_app(settings)
    sock = listen(host, port)
    config = uvicorn.Config(
        application, timeout_keep_alive=5, log_level="info", access_log=access_log
    )
    server = uvicorn.Server(config)
    with sock:
        server.run(sockets=[sock])
    if not server.started:
        raise ServeError("the server did not start; see the messages above")
