"""HTTP content negotiation shared by the endpoint and the pages: Accept header -> format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

Offer = TypeVar("Offer")


def parse_accept(
    header: str | None, aliases: Mapping[str, str] | None = None
) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (malformed q counts as 0).

    `aliases` renames ranges (the endpoint reads `application/json` as SPARQL JSON results).
    """
    ranges = []
    for part in (header or "").split(","):
        fields = [field.strip() for field in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(((aliases or {}).get(media, media), q))
    return ranges


def quality(types: Iterable[str], ranges: list[tuple[str, float]]) -> float | None:
    """The q of the most specific range matching any of the media types; None if none does."""
    found: tuple[int, float] | None = None
    for media in types:
        major = media.split("/")[0]
        for pattern, q in ranges:
            if pattern == media:
                rank = 2
            elif pattern == f"{major}/*":
                rank = 1
            elif pattern == "*/*":
                rank = 0
            else:
                continue
            if found is None or rank > found[0]:
                found = (rank, q)
    return None if found is None else found[1]


def best_offer(
    ranges: list[tuple[str, float]], offers: Iterable[tuple[Offer, Iterable[str]]]
) -> Offer | None:
    """The offer (with its media types) the ranges prefer; the server's order breaks ties."""
    best: tuple[float, Offer] | None = None
    for offer, types in offers:
        q = quality(types, ranges)
        if q is not None and q > 0 and (best is None or q > best[0]):
            best = (q, offer)
    return None if best is None else best[1]
