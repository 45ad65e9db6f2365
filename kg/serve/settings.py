"""The settings of the service, passed down explicitly (no configuration read at import)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.ids import DEFAULT_BASE


@dataclass(frozen=True)
class ServeSettings:
    """Everything the service needs, passed down explicitly."""

    store: Path = Path("var/store")
    exports: Path = Path("exports")
    base: str = DEFAULT_BASE
    query_timeout: float = 10.0  # seconds; a query running longer is stopped
    result_cap: int = 10_000  # rows (or triples); more is an explicit error, never truncation
    max_body_bytes: int = 1_000_000  # request bodies and GET query strings
    max_concurrent_queries: int = 8  # queries evaluated at once (one worker process each)
    max_queued_queries: int = 64  # more wait for a slot; beyond them, 503 with Retry-After
