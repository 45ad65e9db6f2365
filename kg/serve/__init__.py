"""`kg serve`: the built store as a linked-data service (SPARQL endpoint, pages, downloads).

`create_app(settings)` is the only entry: it opens the store read-only and assembles the routes
of `kg.serve.sparql` (SPARQL 1.1 Protocol) and `kg.serve.pages` (dereferenceable IRIs,
downloads, dataset description). No module state: everything hangs on the app.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.serve.app import create_app, run_server
    from kg.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app", "run_server"]

# Imported on first use (PEP 562): a query worker process imports `kg.serve.query_worker`,
# which must not drag the web application (Starlette, rdflib) into every worker's memory.
_LAZY = {
    "create_app": "kg.serve.app",
    "run_server": "kg.serve.app",
    "ServeSettings": "kg.serve.settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg.serve' has no attribute {name!r}")
