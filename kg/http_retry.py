"""Retrying HTTP attempts, shared by every HTTP client of the project (`kg fetch`, `kg push`).

An attempt raises `TransientError` for what is worth retrying (no connection, a timeout, HTTP
429 or 5xx); `with_retries` runs it again after `retry_delay` (the server's Retry-After, else
exponential backoff with jitter) and re-raises the last failure when the attempts run out, for
the caller to word in its own terms. Anything else an attempt raises passes straight through.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

import httpx

T = TypeVar("T")


class TransientError(Exception):
    """An attempt failed in a way worth retrying."""

    def __init__(
        self, reason: str, retry_after: float | None = None, connect: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.connect = connect  # no connection at all (offline, wrong host or port)


def one_line(error: Exception) -> str:
    """An exception's message on one line (httpx messages can span several)."""
    return " ".join(str(error).split()) or type(error).__name__


@contextmanager
def network_errors_are_transient() -> Iterator[None]:
    """httpx's connection and timeout errors, raised in the block, as `TransientError`."""
    try:
        yield
    except httpx.ConnectError as error:
        raise TransientError(one_line(error), connect=True) from None
    except httpx.TimeoutException as error:
        raise TransientError(f"timed out ({type(error).__name__})") from None


class RetrySettings(Protocol):
    """What a client's settings say about retrying (`FetchSettings`, `PushSettings`)."""

    @property
    def retries(self) -> int: ...
    @property
    def backoff(self) -> float: ...
    @property
    def max_delay(self) -> float: ...


def attempts(settings: RetrySettings) -> int:
    return max(settings.retries, 0) + 1


def with_retries(
    attempt: Callable[[], T], settings: RetrySettings, sleep: Callable[[float], None]
) -> T:
    """`attempt()`, tried `settings.retries` more times while it raises `TransientError`."""
    for number in range(attempts(settings)):
        try:
            return attempt()
        except TransientError as failure:
            if number + 1 == attempts(settings):
                raise
            delay = retry_delay(
                number, failure.retry_after, backoff=settings.backoff, max_delay=settings.max_delay
            )
            sleep(delay)
    raise AssertionError("unreachable: the loop returns or raises")


def retry_delay(
    attempt: int, retry_after: float | None, *, backoff: float, max_delay: float
) -> float:
    """The wait before retry number `attempt + 1`: Retry-After if given, else exponential
    backoff with jitter (half to all of `backoff * 2**attempt`), never above `max_delay`."""
    if retry_after is not None:
        return min(retry_after, max_delay)
    ceiling = min(max_delay, backoff * 2**attempt)
    return random.uniform(ceiling / 2, ceiling)


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """A `Retry-After` header (seconds or an HTTP date) as seconds from now; None if unusable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())
