"""One error hierarchy. User errors carry the document, the line and what was expected.

The CLI turns every `KgError` into one readable line and a non-zero exit code; anything else
is a bug and is allowed to show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    """Where in which document something was found (1-based line numbers)."""

    document: str
    line: int | None = None

    def __str__(self) -> str:
        return self.document if self.line is None else f"{self.document}:{self.line}"


class KgError(Exception):
    """Base of all errors the user can cause and fix."""

    exit_code = 1


class InputError(KgError):
    """The input document cannot be read or does not have the expected structure."""

    exit_code = 2

    def __init__(self, location: SourceLocation, expected: str, found: str | None = None) -> None:
        self.location = location
        self.expected = expected
        self.found = found
        detail = f"{location}: expected {expected}"
        if found:
            detail += f", found {found!r}"
        super().__init__(detail)


class UnresolvedEntityError(InputError):
    """A name in the text matches no known State, group or body."""


class ShapeViolationError(KgError):
    """The graph violates the SHACL shapes; carries the typed report."""

    exit_code = 3


class StoreError(KgError):
    """The store cannot be opened, written or queried."""

    exit_code = 4


class ServeError(KgError):
    """The server cannot start: its address is taken, or the application failed to start."""


class QueryError(KgError):
    """A query name is unknown or the SPARQL text is invalid."""

    exit_code = 5
