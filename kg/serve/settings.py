"""The settings of the service, passed down explicitly (no configuration read at import)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import ServeError
from kg.store import store_base


@dataclass(frozen=True)
class ServeSettings:
    """Everything the service needs, passed down explicitly."""

    store: Path = Path("var/store")
    exports: Path = Path("exports")
    # The base of the IRIs served; None: the one `kg build` recorded with the store. Given, it
    # must be that one: a store answers only for the IRIs it was built with.
    base: str | None = None
    query_timeout: float = 10.0  # seconds; a query running longer is stopped
    result_cap: int = 10_000  # rows (or triples); more is an explicit error, never truncation
    max_body_bytes: int = 1_000_000  # request bodies and GET query strings
    max_concurrent_queries: int = 8  # queries evaluated at once (one worker process each)
    max_queued_queries: int = 64  # more wait for a slot; beyond them, 503 with Retry-After

    def iri_base(self) -> str:
        """The base of the store's IRIs (read from the store, checked against `base`)."""
        recorded = store_base(self.store)
        if self.base is not None and self.base != recorded:
            raise ServeError(
                f"{self.store} was built with the base {recorded}, not {self.base}; serve it"
                " without --base, or build it again with --base"
            )
        return recorded
