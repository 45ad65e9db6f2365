"""Fetching PDFs from ODS, offline: a MockTransport plays documents.un.org with the corpus PDFs.

The fake service answers like ODS: `/api/symbol/access?s=A/RES/73/6&l=en&t=pdf` redirects (302)
to `/doc/UNDOC/GEN/N18/347/65/pdf/N1834765.pdf`, which answers 200 `application/pdf`. Scripted
answers (errors, other statuses) replace the next requests. No test sleeps: `sleep` records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg import __version__
from kg import fetch as ods
from kg.cli import app, main
from kg.errors import InputError, KgError
from kg.fetch import (
    DocumentNotFoundError,
    DocumentTooLargeError,
    FetchError,
    FetchSettings,
    NotAPdfError,
    RetriesExhaustedError,
    ServiceUnreachableError,
    cache_file_name,
    fetch_document,
    parse_symbol,
    retry_after_seconds,
)

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
HOST = "https://documents.un.org"
# (symbol, language) -> (where ODS keeps the PDF, the corpus file served there)
CATALOGUE = {
    ("A/RES/73/6", "en"): ("/doc/UNDOC/GEN/N18/347/65/pdf/N1834765.pdf", "A_RES_73_6-EN.pdf"),
    ("A/RES/73/3", "en"): ("/doc/UNDOC/GEN/N18/168/95/pdf/N1816895.pdf", "A_RES_73_3-EN.pdf"),
    # Not the Spanish text: the English PDF stands in for it, to exercise the CLI's note.
    ("A/RES/73/6", "es"): ("/doc/UNDOC/GEN/N18/347/67/pdf/N1834767.pdf", "A_RES_73_6-EN.pdf"),
}
PDF_73_6 = (CORPUS / "A_RES_73_6-EN.pdf").read_bytes()
Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class FakeOds:
    """documents.un.org for one test: serves the catalogue and counts every request."""

    def __init__(self, *scripted: Answer, chunked: bool = False) -> None:
        self.requests: list[httpx.Request] = []
        self.scripted = list(scripted)  # answers to the next requests, before normal service
        self.chunked = chunked  # serve PDFs in 8 KiB chunks without Content-Length
        self.bytes_served = 0
        self.files = {path: (CORPUS / name).read_bytes() for path, name in CATALOGUE.values()}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.scripted:
            answer = self.scripted.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer if isinstance(answer, httpx.Response) else answer(request)
        return self.serve(request)

    def serve(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.path == "/api/symbol/access":
            entry = CATALOGUE.get((url.params.get("s", ""), url.params.get("l", "")))
            if entry is None or url.params.get("t") != "pdf":
                return httpx.Response(404, html="<html><body>Not found</body></html>")
            return httpx.Response(302, headers={"Location": HOST + entry[0]})
        if url.path not in self.files:
            return httpx.Response(404)
        data = self.files[url.path]
        if self.chunked:
            return httpx.Response(
                200, headers={"Content-Type": "application/pdf"}, content=self.chunks(data)
            )
        return httpx.Response(200, headers={"Content-Type": "application/pdf"}, content=data)

    def chunks(self, data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), 8192):
            self.bytes_served += len(data[start : start + 8192])
            yield data[start : start + 8192]

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


class Sleeps(list[float]):
    """Records the delays instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def settings(tmp_path: Path) -> FetchSettings:
    return FetchSettings(cache_dir=tmp_path / "cache")


def cache_contents(settings: FetchSettings) -> list[str]:
    """Every file in the cache, hidden temporary files included."""
    if not settings.cache_dir.exists():
        return []
    return sorted(path.name for path in settings.cache_dir.iterdir())


def pdf_from_ods_stream(data: bytes, fail_after: int) -> Callable[[httpx.Request], httpx.Response]:
    """An answer that sends `fail_after` bytes of `data` and then times out."""

    def answer(request: httpx.Request) -> httpx.Response:
        def body() -> Iterator[bytes]:
            yield data[:fail_after]
            raise httpx.ReadTimeout("The read operation timed out", request=request)

        return httpx.Response(200, headers={"Content-Type": "application/pdf"}, content=body())

    return answer


def redirect_to_pdf() -> httpx.Response:
    return httpx.Response(302, headers={"Location": HOST + CATALOGUE[("A/RES/73/6", "en")][0]})


# Downloads and the cache


def test_download_follows_the_redirect_and_writes_the_cache(settings: FetchSettings) -> None:
    service = FakeOds()
    document = fetch_document("A/RES/73/6", "en", settings, service.transport)
    assert document.path == settings.cache_dir / "A_RES_73_6.en.pdf"
    assert document.path.read_bytes() == PDF_73_6
    assert document.sha256 == hashlib.sha256(PDF_73_6).hexdigest()
    assert document.size == len(PDF_73_6)
    assert (document.symbol, document.language, document.from_cache) == ("A/RES/73/6", "en", False)
    access, pdf = service.requests
    assert access.url.path == "/api/symbol/access"
    assert dict(access.url.params) == {"s": "A/RES/73/6", "l": "en", "t": "pdf"}
    assert b"s=A%2FRES%2F73%2F6" in access.url.query  # encoded by httpx, not concatenated
    assert access.headers["User-Agent"] == f"un-kg/{__version__}"
    assert access.extensions["timeout"] == {
        "connect": 10.0,
        "read": 60.0,
        "write": 60.0,
        "pool": 60.0,
    }
    assert pdf.url.path == "/doc/UNDOC/GEN/N18/347/65/pdf/N1834765.pdf"
    assert cache_contents(settings) == ["A_RES_73_6.en.pdf"]


def test_second_fetch_is_a_cache_hit_without_any_request(settings: FetchSettings) -> None:
    service = FakeOds()
    first = fetch_document("A/RES/73/6", "en", settings, service.transport)
    requests = len(service.requests)
    second = fetch_document("A/RES/73/6", "en", settings, service.transport)
    assert len(service.requests) == requests == 2
    assert second.from_cache and not first.from_cache
    assert (second.path, second.sha256, second.size) == (first.path, first.sha256, first.size)
    other = fetch_document("A/RES/73/3", "en", settings, service.transport)
    assert not other.from_cache and len(service.requests) == 4


def test_refresh_downloads_again(settings: FetchSettings) -> None:
    service = FakeOds()
    fetch_document("A/RES/73/6", "en", settings, service.transport)
    again = fetch_document("A/RES/73/6", "en", settings, service.transport, refresh=True)
    assert not again.from_cache and len(service.requests) == 4
    assert cache_contents(settings) == ["A_RES_73_6.en.pdf"]


def test_a_cached_file_that_is_not_a_pdf_is_fetched_again(settings: FetchSettings) -> None:
    settings.cache_dir.mkdir(parents=True)
    (settings.cache_dir / "A_RES_73_6.en.pdf").write_bytes(b"<html>oops</html>")
    service = FakeOds()
    document = fetch_document("A/RES/73/6", "en", settings, service.transport)
    assert not document.from_cache and document.path.read_bytes() == PDF_73_6


def test_progress_reports_growing_sizes_and_the_announced_total(settings: FetchSettings) -> None:
    seen: list[tuple[int, int | None]] = []
    fetch_document(
        "A/RES/73/6", "en", settings, FakeOds().transport, progress=lambda n, t: seen.append((n, t))
    )
    assert seen[-1] == (len(PDF_73_6), len(PDF_73_6))
    assert [n for n, _ in seen] == sorted({n for n, _ in seen})


def test_default_settings_and_the_production_transport() -> None:
    settings = FetchSettings()
    assert settings.base_url == HOST and settings.host == "documents.un.org"
    assert settings.cache_dir == Path("var/cache/documents")
    assert (settings.connect_timeout, settings.read_timeout) == (10.0, 60.0)
    assert (settings.retries, settings.max_redirects) == (3, 5)
    assert settings.max_bytes == 50 * 1024 * 1024
    assert settings.user_agent == f"un-kg/{__version__}"
    assert ods.default_transport() is None  # httpx's own transport: the real network


# Symbols, languages and file names


@pytest.mark.parametrize(
    ("symbol", "language", "name"),
    [
        ("A/RES/73/6", "en", "A_RES_73_6.en.pdf"),
        ("A/C.3/77/L.7/Rev.1", "fr", "A_C.3_77_L.7_Rev.1.fr.pdf"),
        ("A/RES/ES-11/1", "ru", "A_RES_ES-11_1.ru.pdf"),
        ("S/RES/2719 (2023)", "ar", "S_RES_2719%20%282023%29.ar.pdf"),
        (" E/RES/2022/12 ", "ZH", "E_RES_2022_12.zh.pdf"),
    ],
)
def test_cache_file_names(symbol: str, language: str, name: str) -> None:
    assert cache_file_name(parse_symbol(symbol), language) == name


# Pieces of symbols, valid or not, with traversal and encoding tricks mixed in.
_PIECES = (
    st.from_regex(r"[A-Z0-9][A-Za-z0-9.\-]{0,5}", fullmatch=True)
    | st.text(alphabet="ACELRSV019.-_ ()%~:\\\x00é", min_size=1, max_size=8)
    | st.just("..")
)
_SYMBOLISH = st.builds(
    lambda head, parts, tail: "/".join([head, *parts]) + tail,
    st.sampled_from(["A", "E", "S", "CAC", "..", ""]),
    st.lists(_PIECES, min_size=1, max_size=5),
    st.sampled_from(["", " (2023)", "/Rev.1", "/..", "%2F.."]),
)


@given(_SYMBOLISH)
def test_no_accepted_symbol_names_a_file_outside_the_cache(text: str) -> None:
    try:
        symbol = parse_symbol(text)
    except InputError:
        return
    name = cache_file_name(symbol, "en")
    assert set(name) <= set(string.ascii_letters + string.digits + "._-%")
    assert name.endswith(".en.pdf") and not name.startswith(".")
    cache = Path("/cache")
    assert (cache / name).parent == cache


@pytest.mark.parametrize(
    "symbol",
    [
        "../../etc/passwd",
        "A/RES/73/6/../../../../etc/passwd",
        "/etc/passwd",
        "A\\RES\\73\\6",
        "A/RES/73/6&l=ar",
        "A/RES/73/6?s=x",
        "https://evil.example/x.pdf",
        "a/res/73/6",
        "",
    ],
)
def test_invalid_symbols_are_refused_before_any_request(
    settings: FetchSettings, symbol: str
) -> None:
    service = FakeOds()
    with pytest.raises(InputError, match="expected a UN document symbol") as raised:
        fetch_document(symbol, "en", settings, service.transport)
    assert "\n" not in str(raised.value)
    assert service.requests == [] and not settings.cache_dir.exists()


@pytest.mark.parametrize("language", ["de", "english", "", "en/../x", "e"])
def test_other_languages_are_refused_before_any_request(
    settings: FetchSettings, language: str
) -> None:
    service = FakeOds()
    with pytest.raises(InputError, match=r"one of the six UN languages \(ar, zh, en, fr, ru, es\)"):
        fetch_document("A/RES/73/6", language, settings, service.transport)
    assert service.requests == [] and not settings.cache_dir.exists()


# Retries


def test_503_is_retried_with_exponential_backoff_and_jitter(settings: FetchSettings) -> None:
    service = FakeOds(httpx.Response(503), httpx.Response(502))
    sleeps = Sleeps()
    document = fetch_document("A/RES/73/6", "en", settings, service.transport, sleeps)
    assert document.path.read_bytes() == PDF_73_6
    assert len(service.requests) == 4  # two failures, then redirect + PDF
    assert len(sleeps) == 2
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 2.0


def test_timeouts_and_connect_errors_are_retried(settings: FetchSettings) -> None:
    service = FakeOds(httpx.ConnectTimeout("timed out"), httpx.ConnectError("refused"))
    sleeps = Sleeps()
    fetch_document("A/RES/73/6", "en", settings, service.transport, sleeps)
    assert len(sleeps) == 2 and len(service.requests) == 4


def test_retry_after_is_honoured(settings: FetchSettings) -> None:
    service = FakeOds(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503, headers={"Retry-After": "3600"}),  # capped at max_delay
    )
    sleeps = Sleeps()
    fetch_document("A/RES/73/6", "en", settings, service.transport, sleeps)
    assert sleeps == [7.0, settings.max_delay]


def test_retry_after_as_an_http_date() -> None:
    now = dt.datetime(2024, 5, 1, 12, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_gives_up_after_the_retries_with_the_last_status(settings: FetchSettings) -> None:
    service = FakeOds(*(httpx.Response(503) for _ in range(10)))
    sleeps = Sleeps()
    with pytest.raises(RetriesExhaustedError) as raised:
        fetch_document("A/RES/73/6", "en", settings, service.transport, sleeps)
    assert str(raised.value) == (
        "gave up fetching A/RES/73/6 in en from documents.un.org after 4 attempts; "
        "last: HTTP 503 Service Unavailable"
    )
    assert len(service.requests) == 4 and len(sleeps) == 3
    assert all(
        low <= s <= high for s, low, high in zip(sleeps, [0.5, 1, 2], [1, 2, 4], strict=True)
    )
    assert cache_contents(settings) == []


def test_gives_up_after_repeated_timeouts(settings: FetchSettings) -> None:
    service = FakeOds(*(httpx.ReadTimeout("timed out") for _ in range(2)))
    limited = FetchSettings(cache_dir=settings.cache_dir, retries=1)
    with pytest.raises(RetriesExhaustedError, match=r"after 2 attempts; last: timed out"):
        fetch_document("A/RES/73/6", "en", limited, service.transport, Sleeps())
    assert len(service.requests) == 2


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (404, DocumentNotFoundError),
        (410, DocumentNotFoundError),
        (403, FetchError),
        (400, FetchError),
    ],
)
def test_client_errors_are_not_retried(
    settings: FetchSettings, status: int, kind: type[FetchError]
) -> None:
    service = FakeOds(httpx.Response(status))
    sleeps = Sleeps()
    with pytest.raises(kind):
        fetch_document("A/RES/73/6", "en", settings, service.transport, sleeps)
    assert len(service.requests) == 1 and sleeps == []


# Clear errors


def test_404_names_the_document_and_language(settings: FetchSettings) -> None:
    service = FakeOds()
    with pytest.raises(DocumentNotFoundError) as raised:
        fetch_document("A/RES/99/999", "fr", settings, service.transport, Sleeps())
    assert str(raised.value) == (
        "no document A/RES/99/999 in fr (documents.un.org answered HTTP 404 Not Found)"
    )
    assert len(service.requests) == 1 and not settings.cache_dir.exists()


def test_offline_is_one_clear_error(settings: FetchSettings) -> None:
    offline = httpx.ConnectError("[Errno -3] Temporary failure in name resolution")
    service = FakeOds(*(offline for _ in range(4)))
    sleeps = Sleeps()
    with pytest.raises(ServiceUnreachableError) as raised:
        fetch_document("A/RES/73/6", "en", settings, service.transport, sleeps)
    assert str(raised.value) == (
        "cannot reach documents.un.org: [Errno -3] Temporary failure in name resolution (offline?)"
    )
    assert len(sleeps) == 3 and cache_contents(settings) == []


def test_html_instead_of_a_pdf(settings: FetchSettings) -> None:
    page = httpx.Response(200, html="<!DOCTYPE html><html><body>Sign in</body></html>")
    service = FakeOds(redirect_to_pdf(), page)
    with pytest.raises(
        NotAPdfError, match="answered text/html instead of a PDF for A/RES/73/6 in en"
    ):
        fetch_document("A/RES/73/6", "en", settings, service.transport, Sleeps())
    assert cache_contents(settings) == []


def test_a_body_without_the_pdf_magic_is_refused(settings: FetchSettings) -> None:
    fake = httpx.Response(
        200, headers={"Content-Type": "application/octet-stream"}, content=b"<!DOCTYPE html>..."
    )
    service = FakeOds(redirect_to_pdf(), fake)
    with pytest.raises(NotAPdfError, match=r"something else than a PDF .* starts with b'<!DOCTYPE"):
        fetch_document("A/RES/73/6", "en", settings, service.transport, Sleeps())
    assert cache_contents(settings) == []


def test_an_empty_body_is_not_a_pdf(settings: FetchSettings) -> None:
    empty = httpx.Response(200, headers={"Content-Type": "application/pdf"}, content=b"")
    service = FakeOds(redirect_to_pdf(), empty)
    with pytest.raises(NotAPdfError):
        fetch_document("A/RES/73/6", "en", settings, service.transport, Sleeps())
    assert cache_contents(settings) == []


def test_size_cap_is_enforced_mid_stream_and_leaves_no_file(tmp_path: Path) -> None:
    settings = FetchSettings(cache_dir=tmp_path / "cache", max_bytes=100_000)
    service = FakeOds(chunked=True)
    with pytest.raises(DocumentTooLargeError, match="larger than the cap of 100000 bytes"):
        fetch_document("A/RES/73/6", "en", settings, service.transport, Sleeps())
    assert 100_000 < service.bytes_served < len(PDF_73_6)  # aborted, not read to the end
    assert cache_contents(settings) == []


def test_an_announced_size_over_the_cap_is_refused_before_reading(tmp_path: Path) -> None:
    settings = FetchSettings(cache_dir=tmp_path / "cache", max_bytes=100_000)
    service = FakeOds()
    with pytest.raises(DocumentTooLargeError, match=f"{len(PDF_73_6)} bytes announced"):
        fetch_document("A/RES/73/6", "en", settings, service.transport, Sleeps())
    assert cache_contents(settings) == []


def test_too_many_redirects(settings: FetchSettings) -> None:
    loop = httpx.Response(302, headers={"Location": f"{HOST}/api/symbol/access?s=A/RES/73/6"})
    service = FakeOds(*(loop for _ in range(10)))
    with pytest.raises(FetchError, match="redirected more than 5 times for A/RES/73/6 in en"):
        fetch_document("A/RES/73/6", "en", settings, service.transport, Sleeps())
    assert len(service.requests) == 6


# Atomicity


def test_a_timeout_mid_stream_leaves_no_partial_file_and_is_retried(
    settings: FetchSettings,
) -> None:
    service = FakeOds(redirect_to_pdf(), pdf_from_ods_stream(PDF_73_6, 50_000))
    partial: list[list[str]] = []
    sleeps = Sleeps()

    def sleep(seconds: float) -> None:  # look at the cache between the two attempts
        partial.append(cache_contents(settings))
        sleeps(seconds)

    document = fetch_document("A/RES/73/6", "en", settings, service.transport, sleep)
    assert partial == [[]]
    assert document.path.read_bytes() == PDF_73_6
    assert cache_contents(settings) == ["A_RES_73_6.en.pdf"]


def test_a_failed_refresh_keeps_the_cached_copy_intact(settings: FetchSettings) -> None:
    service = FakeOds()
    first = fetch_document("A/RES/73/6", "en", settings, service.transport)
    service.scripted = [redirect_to_pdf(), pdf_from_ods_stream(PDF_73_6, 10_000)]
    limited = FetchSettings(cache_dir=settings.cache_dir, retries=0)
    with pytest.raises(RetriesExhaustedError):
        fetch_document("A/RES/73/6", "en", limited, service.transport, Sleeps(), refresh=True)
    assert first.path.read_bytes() == PDF_73_6
    assert cache_contents(settings) == ["A_RES_73_6.en.pdf"]


def test_an_unwritable_cache_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    settings = FetchSettings(cache_dir=blocker / "cache")
    with pytest.raises(FetchError, match="cannot write to"):
        fetch_document("A/RES/73/6", "en", settings, FakeOds().transport, Sleeps())


# The command line


@pytest.fixture
def fake_ods(monkeypatch: pytest.MonkeyPatch) -> FakeOds:
    service = FakeOds()
    monkeypatch.setattr(ods, "default_transport", lambda: service.transport)
    return service


@pytest.fixture
def without_pdf_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kg.parse.pdf", None)  # as if the module did not exist


@pytest.mark.usefixtures("without_pdf_parser")
def test_cli_downloads_then_reads_the_cache(fake_ods: FakeOds, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["fetch", "A/RES/73/6", "--lang", "en", "--cache", str(cache)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    path = cache / "A_RES_73_6.en.pdf"
    assert f"A/RES/73/6 (en) downloaded: {path}" in result.stdout
    assert f"sha256 {hashlib.sha256(PDF_73_6).hexdigest()}" in result.stdout
    assert "PDF parsing (kg.parse.pdf) is not available yet" in result.stdout
    again = CliRunner().invoke(app, [*args, "--quiet"])
    assert again.exit_code == 0 and "A/RES/73/6 (en) cached" in again.stdout
    assert len(fake_ods.requests) == 2
    refreshed = CliRunner().invoke(app, [*args, "--refresh", "-q"])
    assert refreshed.exit_code == 0 and "downloaded" in refreshed.stdout
    assert len(fake_ods.requests) == 4


def test_cli_prints_what_the_pdf_parser_read(
    fake_ods: FakeOds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, int]] = []

    def normalize_pdf(name: str, data: bytes) -> types.SimpleNamespace:
        calls.append((name, len(data)))
        return types.SimpleNamespace(lines=[1, 2, 3], footnotes=[1], running_header="A/RES/73/6")

    module = types.ModuleType("kg.parse.pdf")
    module.normalize_pdf = normalize_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.parse.pdf", module)
    result = CliRunner().invoke(app, ["fetch", "A/RES/73/6", "--cache", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert calls == [("A_RES_73_6.en.pdf", len(PDF_73_6))]
    assert "parsed: 3 content lines, 1 footnotes, running header A/RES/73/6" in result.stdout


@pytest.mark.usefixtures("fake_ods")
def test_cli_keeps_pdfs_without_a_lexicon_and_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["fetch", "A/RES/73/6", "--lang", "es", "--cache", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "A_RES_73_6.es.pdf").is_file()
    assert "note: no lexicon exists yet for 'es'; the PDF is kept, not parsed" in result.stdout


@pytest.mark.usefixtures("fake_ods")
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["A/RES/99/999"],
            (1, "no document A/RES/99/999 in en (documents.un.org answered HTTP 404 Not Found)"),
        ),
        (
            ["A/RES/73/6", "--lang", "de"],
            (
                2,
                "language: expected one of the six UN languages (ar, zh, en, fr, ru, es), "
                "found 'de'",
            ),
        ),
        (
            ["../../etc/passwd"],
            (
                2,
                "symbol: expected a UN document symbol such as 'A/RES/73/6', "
                "found '../../etc/passwd'",
            ),
        ),
    ],
    ids=["not-found", "language", "traversal"],
)
def test_cli_errors_are_one_line_without_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: tuple[int, str],
) -> None:
    code, line = expected
    monkeypatch.setattr(sys, "argv", ["kg", "fetch", *args, "--cache", str(tmp_path / "c")])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == code
    assert capsys.readouterr().err.splitlines() == [f"error: {line}"]
    assert not (tmp_path / "c").exists()


def test_every_fetch_error_is_a_kg_error() -> None:
    for kind in (
        FetchError,
        ServiceUnreachableError,
        DocumentNotFoundError,
        NotAPdfError,
        DocumentTooLargeError,
        RetriesExhaustedError,
    ):
        assert issubclass(kind, KgError)
