"""The library of competency queries shipped with the package (`*.rq`).

Query names and their result columns are public interface. Each file starts with a comment
block: its first line is `name: summary`, the rest documents columns and parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.errors import QueryError


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    text: str


def available_queries() -> list[NamedQuery]:
    queries = []
    for entry in sorted(files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = text.splitlines()[0].lstrip("# ") if text else ""
            summary = first.split(":", 1)[1].strip() if ":" in first else first
            queries.append(NamedQuery(entry.name.removesuffix(".rq"), summary, text))
    return queries


def load_query(name_or_file: str) -> NamedQuery:
    """A shipped query by name, or a SPARQL file given by path."""
    for query in available_queries():
        if query.name == name_or_file:
            return query
    path = Path(name_or_file)
    if path.suffix in (".rq", ".sparql") and path.is_file():
        try:
            return NamedQuery(path.stem, str(path), path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the query: {error}") from None
    names = ", ".join(q.name for q in available_queries())
    raise QueryError(f"{name_or_file}: no such query; expected one of {names} or a .rq file")
