"""Fetching UN documents as PDF from the Official Document System (ODS), by symbol and language.

`https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf` answers with a redirect
to the PDF. Guarantees (each one is tested in tests/test_fetch.py, offline, through an injected
`httpx.MockTransport`; production passes no transport and gets httpx's default one):

1. The symbol is parsed as a `DocumentSymbol` and the language checked against the six UN
   languages before any URL is built; the symbol reaches the query string through httpx
   `params`, and the cache file name is derived from it with `/` -> `_` and every character
   outside `[A-Za-z0-9._-]` percent-encoded, so no input can name a path outside the cache.
2. A cached copy is returned without any request unless `refresh` is asked for.
3. Connect errors, timeouts, 429 and 5xx answers are retried `retries` times with exponential
   backoff and jitter, or after the delay a `Retry-After` header asks for; nothing else is.
4. The answer must be a PDF: its content type, when given, names one, and it starts with `%PDF-`.
5. The size cap is enforced while streaming; the file is written to a temporary file in the
   cache directory and renamed into place, so a failure of any kind leaves no partial file.
6. Every failure is a `KgError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import os
import string
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from kg import __version__
from kg.errors import InputError, KgError, SourceLocation
from kg.http_retry import (
    TransientError,
    attempts,
    network_errors_are_transient,
    one_line,
    retry_after_seconds,
    with_retries,
)
from kg.symbols import DocumentSymbol, SymbolError

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
ACCESS_PATH = "/api/symbol/access"
PDF_MAGIC = b"%PDF-"
# Content types a PDF may be served with; the magic number decides for the generic ones.
PDF_CONTENT_TYPES = frozenset(
    {"application/pdf", "application/x-pdf", "application/octet-stream", "binary/octet-stream"}
)
NOT_FOUND_STATUSES = frozenset({404, 410})
_SAFE_CHARACTERS = frozenset(string.ascii_letters + string.digits + "._-")
_CHUNK_SIZE = 64 * 1024

# Called after each chunk with the bytes received so far and the announced total, if any.
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class FetchSettings:
    base_url: str = "https://documents.un.org"
    cache_dir: Path = Path("var/cache/documents")
    connect_timeout: float = 10.0  # seconds
    read_timeout: float = 60.0  # seconds, between two chunks (also write and pool)
    retries: int = 3  # after the first attempt
    backoff: float = 1.0  # the first wait in seconds before jitter; doubles at each retry
    max_delay: float = 60.0  # no single wait is longer, Retry-After included
    max_redirects: int = 5
    max_bytes: int = 50 * 1024 * 1024
    user_agent: str = f"un-kg/{__version__}"

    @property
    def host(self) -> str:
        return httpx.URL(self.base_url).host


@dataclass(frozen=True)
class FetchedDocument:
    path: Path
    symbol: str  # as DocumentSymbol prints it
    language: str
    from_cache: bool
    sha256: str
    size: int


class FetchError(KgError):
    """The document could not be fetched; the message says why in one line."""


class ServiceUnreachableError(FetchError):
    """No connection to the service: offline, DNS failure, refused connection."""


class DocumentNotFoundError(FetchError):
    """The service has no document under this symbol in this language."""


class NotAPdfError(FetchError):
    """The service answered with something else than a PDF (an HTML page, typically)."""


class DocumentTooLargeError(FetchError):
    """The document is larger than the size cap."""


class RetriesExhaustedError(FetchError):
    """Transient failures (429, 5xx, timeouts) outlasted the retries."""


@dataclass(frozen=True)
class _Target:
    symbol: str
    language: str
    path: Path

    def __str__(self) -> str:
        return f"{self.symbol} in {self.language}"


def default_transport() -> httpx.BaseTransport | None:
    """The transport the CLI uses: None, httpx's default. Tests replace this function."""
    return None


def fetch_document(
    symbol: str,
    language: str,
    settings: FetchSettings,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    *,
    refresh: bool = False,
    progress: Progress | None = None,
) -> FetchedDocument:
    """The PDF of `symbol` in `language`, from the cache or else from ODS into the cache."""
    parsed = parse_symbol(symbol)
    checked = check_language(language)
    target = _Target(str(parsed), checked, settings.cache_dir / cache_file_name(parsed, checked))
    if not refresh:
        cached = _from_cache(target)
        if cached is not None:
            return cached
    with _client(settings, transport) as client:
        return _download(client, target, settings, sleep, progress)


def parse_symbol(text: str) -> DocumentSymbol:
    try:
        return DocumentSymbol.parse(text)
    except SymbolError:
        raise InputError(
            SourceLocation("symbol"), "a UN document symbol such as 'A/RES/73/6'", text
        ) from None


def check_language(text: str) -> str:
    language = text.strip().lower()
    if language not in UN_LANGUAGES:
        expected = f"one of the six UN languages ({', '.join(UN_LANGUAGES)})"
        raise InputError(SourceLocation("language"), expected, text)
    return language


def cache_file_name(symbol: DocumentSymbol, language: str) -> str:
    """`A/RES/73/6`, `en` -> `A_RES_73_6.en.pdf`; never a separator, never `..` alone."""
    stem = "".join(_safe_character(c) for c in str(symbol).replace("/", "_"))
    return f"{stem}.{check_language(language)}.pdf"


def _safe_character(character: str) -> str:
    if character in _SAFE_CHARACTERS:
        return character
    return "".join(f"%{byte:02X}" for byte in character.encode("utf-8"))


def _from_cache(target: _Target) -> FetchedDocument | None:
    """The cached copy if there is one that is a PDF (anything else is fetched again)."""
    try:
        with target.path.open("rb") as file:
            if file.read(len(PDF_MAGIC)) != PDF_MAGIC:
                return None
            file.seek(0)
            digest = hashlib.file_digest(file, "sha256")
            size = file.tell()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as error:
        raise FetchError(f"cannot read the cached copy {target.path}: {error.strerror}") from None
    return FetchedDocument(
        target.path, target.symbol, target.language, True, digest.hexdigest(), size
    )


def _client(settings: FetchSettings, transport: httpx.BaseTransport | None) -> httpx.Client:
    return httpx.Client(
        base_url=settings.base_url,
        transport=transport,
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": "application/pdf"},
    )


def _download(
    client: httpx.Client,
    target: _Target,
    settings: FetchSettings,
    sleep: Callable[[float], None],
    progress: Progress | None,
) -> FetchedDocument:
    try:
        return with_retries(lambda: _attempt(client, target, settings, progress), settings, sleep)
    except TransientError as failure:
        if failure.connect:
            raise ServiceUnreachableError(
                f"cannot reach {settings.host}: {failure.reason} (offline?)"
            ) from None
        raise RetriesExhaustedError(
            f"gave up fetching {target} from {settings.host} after "
            f"{attempts(settings)} attempts; last: {failure.reason}"
        ) from None


def _attempt(
    client: httpx.Client, target: _Target, settings: FetchSettings, progress: Progress | None
) -> FetchedDocument:
    params = {"s": target.symbol, "l": target.language, "t": "pdf"}
    try:
        with (
            network_errors_are_transient(),
            client.stream("GET", ACCESS_PATH, params=params) as response,
        ):
            _check_answer(response, target, settings)
            return _save(response, target, settings, progress)
    except httpx.TooManyRedirects:
        raise FetchError(
            f"{settings.host} redirected more than {settings.max_redirects} times for {target}"
        ) from None
    except httpx.HTTPError as error:
        raise FetchError(
            f"failed to fetch {target} from {settings.host}: {one_line(error)}"
        ) from None


def _check_answer(response: httpx.Response, target: _Target, settings: FetchSettings) -> None:
    status = response.status_code
    answered = f"HTTP {status} {response.reason_phrase}".rstrip()
    if status in NOT_FOUND_STATUSES:
        raise DocumentNotFoundError(f"no document {target} ({settings.host} answered {answered})")
    if status == 429 or status >= 500:
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        raise TransientError(answered, retry_after)
    if status != 200:
        raise FetchError(f"{settings.host} answered {answered} for {target}")
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media_type and media_type not in PDF_CONTENT_TYPES:
        raise NotAPdfError(
            f"{response.url.host} answered {media_type} instead of a PDF for {target}"
        )
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        raise DocumentTooLargeError(_too_large(target, settings, f"{int(length)} bytes announced"))


def _save(
    response: httpx.Response, target: _Target, settings: FetchSettings, progress: Progress | None
) -> FetchedDocument:
    """Stream into a temporary file next to the target, then rename it into place."""
    try:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(
            dir=settings.cache_dir, prefix=f".{target.path.name}.", suffix=".part"
        )
    except OSError as error:
        raise FetchError(f"cannot write to {settings.cache_dir}: {error.strerror}") from None
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as file:
            sha256, size = _stream(response, file, target, settings, progress)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(target.path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise FetchError(f"cannot write {target.path}: {error.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return FetchedDocument(target.path, target.symbol, target.language, False, sha256, size)


def _stream(
    response: httpx.Response,
    file: BinaryIO,
    target: _Target,
    settings: FetchSettings,
    progress: Progress | None,
) -> tuple[str, int]:
    length = response.headers.get("Content-Length", "")
    total = int(length) if length.isdigit() else None
    digest = hashlib.sha256()
    head = b""
    size = 0
    for chunk in response.iter_bytes(_CHUNK_SIZE):
        if len(head) < len(PDF_MAGIC):
            head += chunk[:16]
            if not PDF_MAGIC.startswith(head[: len(PDF_MAGIC)]):
                raise _not_a_pdf(response, target, head)
        size += len(chunk)
        if size > settings.max_bytes:
            raise DocumentTooLargeError(_too_large(target, settings, f"{size} bytes received"))
        digest.update(chunk)
        file.write(chunk)
        if progress is not None:
            progress(size, total)
    if not head.startswith(PDF_MAGIC):
        raise _not_a_pdf(response, target, head)
    return digest.hexdigest(), size


def _not_a_pdf(response: httpx.Response, target: _Target, start: bytes) -> NotAPdfError:
    return NotAPdfError(
        f"{response.url.host} answered something else than a PDF for {target} "
        f"(it starts with {start[:16]!r})"
    )


def _too_large(target: _Target, settings: FetchSettings, found: str) -> str:
    return f"{target} is larger than the cap of {settings.max_bytes} bytes ({found}); nothing kept"
