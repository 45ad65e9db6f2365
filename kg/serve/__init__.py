"""`kg serve`: the built store as a linked-data service (SPARQL endpoint, pages, downloads).

`create_app(settings)` is the only entry: it opens the store read-only and assembles the routes
of `kg.serve.sparql` (SPARQL 1.1 Protocol) and `kg.serve.pages` (dereferenceable IRIs,
downloads, dataset description). No module state: everything hangs on the app.
"""

from __future__ import annotations

from kg.serve.app import create_app
from kg.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
