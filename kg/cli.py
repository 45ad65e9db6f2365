"""The `kg` command line: thin commands that call the library.

Exit codes: 0 success; 1 other user error; 2 bad input document; 3 SHACL violations;
4 store error (e.g. another command holds the store's lock); 5 query error. `kg build
--keep-going` exits 2 when a document was rejected as input, else 3 when one failed validation.
User errors print one line per problem, never a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import importlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from kg import build as pipeline
from kg import fetch as ods
from kg import push as gsp
from kg import update
from kg.akn import akn_files, write_files
from kg.docs import write_ontology_docs
from kg.doctypes import document_type_of
from kg.errors import InputError, KgError, QueryError, ShapeViolationError, SourceLocation
from kg.ids import DEFAULT_BASE, IriMinter
from kg.parse.lexicon import LEXICONS
from kg.queries import available_queries, load_query
from kg.reference.states import load_reference_data
from kg.serve import ServeSettings, run_server
from kg.store import graph_sizes, open_store, run_query, serialize_results, store_base
from kg.vocab import ontology_path
from kg.workers import Workers, default_jobs

app = typer.Typer(
    help="The knowledge graph of United Nations resolutions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

StoreOption = Annotated[Path, typer.Option("--store", help="Oxigraph store directory.")]
FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Text or PDF files, or folders of them (default: the bundled sample A/77/464).",
        show_default=False,
    ),
]


class OutputFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    tsv = "tsv"


def _sources(files: list[Path] | None, quiet: bool = False) -> list[pipeline.Source]:
    """The sources named, a folder standing for its .txt and .pdf files (the rest listed as
    skipped); the bundled sample when none is named."""
    if not files:
        return [pipeline.sample_source()]
    paths, skipped = pipeline.expand_folders(files)
    for path in skipped if not quiet else ():
        kind = "a folder" if path.is_dir() else "not a .txt or .pdf file"
        err.print(f"skipped: {path} ({kind})", markup=False, highlight=False, soft_wrap=True)
    if not paths:
        raise InputError(SourceLocation(str(files[0])), "a .txt or .pdf file", "none")
    return pipeline.read_sources(paths)


JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Processes reading, mapping and validating documents (0, the default: one per core).",
        show_default=False,
    ),
]


LockTimeoutOption = Annotated[
    float,
    typer.Option(min=0, help="Seconds to wait while another command changes the store."),
]


ExportsOption = Annotated[Path, typer.Option(help="Directory for the dumps.")]
BaseOption = Annotated[str, typer.Option(help="Base IRI of minted identifiers.")]


def _settings(
    store: Path,
    exports: Path,
    base: str,
    *,
    jobs: int = 1,
    lock_timeout: float,
    keep_going: bool = False,
) -> pipeline.Settings:
    return pipeline.Settings(
        base=base,
        store=store,
        exports=exports,
        jobs=jobs or default_jobs(),
        keep_going=keep_going,
        lock_timeout=lock_timeout,
    )


class _RateColumn(ProgressColumn):
    """Documents per second of a stage."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} doc/s" if speed else "- doc/s")


class _ProgressDisplay:
    """A progress bar on a terminal, one plain line per step otherwise, nothing when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeRemainingColumn(),
        )
        self.bar = Progress(*columns, console=err, transient=True, disable=True)
        self.bar.disable = quiet or not err.is_terminal
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _ProgressDisplay:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def __call__(self, step: pipeline.Step) -> None:
        if self.quiet:
            return
        if not self.bar.disable:
            if step.stage not in self.tasks:
                self.tasks[step.stage] = self.bar.add_task(step.stage, total=step.total or None)
            self.bar.update(self.tasks[step.stage], completed=step.done)
            return
        counted = f" {step.done}/{step.total}" if step.total else ""
        err.print(f"{step.stage}{counted}", markup=False, highlight=False)


@app.command()
def build(
    files: FilesArgument = None,
    *,
    store: StoreOption = pipeline.Settings.store,
    exports: ExportsOption = pipeline.Settings.exports,
    base: BaseOption = DEFAULT_BASE,
    jobs: JobsOption = 0,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going", help="Build the documents that pass; one line per one rejected."
        ),
    ] = False,
    lock_timeout: LockTimeoutOption = pipeline.Settings.lock_timeout,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Parse, map, validate, load the store and write the dumps (all or nothing, unless
    --keep-going). FILES may be folders: their .txt and .pdf files are read."""
    settings = _settings(
        store, exports, base, jobs=jobs, lock_timeout=lock_timeout, keep_going=keep_going
    )
    sources = _sources(files, quiet)
    with _ProgressDisplay(quiet) as progress:
        result = pipeline.build(sources, settings, progress)
    for rejected in result.rejected:
        err.print(str(rejected), markup=False, highlight=False, soft_wrap=True)
    if not quiet and result.dumps:
        total = sum(result.times.values())
        stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.times.items())
        out.print(
            f"{len(result.reports)} document(s), {result.quads} quads in {store} "
            f"({total:.2f}s: {stages})"
        )
        if result.warnings:
            out.print(f"{len(result.warnings)} warning(s) (kg validate lists them)")
        for dump in result.dumps:
            out.print(f"  {exports / dump.name}  {dump.size} bytes  sha256 {dump.sha256[:16]}")
    if result.exit_code:
        raise typer.Exit(result.exit_code)


@app.command()
def validate(
    files: FilesArgument = None,
    jobs: JobsOption = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Parse, map and validate as `kg build` does (SHACL, then the rules across documents),
    without writing anything."""
    settings = pipeline.Settings(jobs=jobs or default_jobs())
    sources = _sources(files, quiet)
    with Workers(min(settings.jobs, len(sources))) as workers, _ProgressDisplay(quiet) as shown:
        checked = pipeline.check(sources, settings, workers, progress=shown)
    for line in pipeline.parse_warnings(checked.documents):
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    for _, error in checked.unreadable:
        err.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
    for violation in checked.report.violations:
        err.print(str(violation), markup=False, highlight=False, soft_wrap=True)
    for graph in checked.graphs:
        failed = any(v.blocking and v.involves(graph.source) for v in checked.report.violations)
        out.print(f"{graph.source}: {'VIOLATIONS' if failed else 'conforms'}", markup=False)
    if checked.unreadable:
        raise typer.Exit(InputError.exit_code)
    if not checked.report.conforms:
        raise typer.Exit(ShapeViolationError.exit_code)


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="Text or PDF files, or folders of them.")],
    *,
    store: StoreOption = pipeline.Settings.store,
    exports: ExportsOption = pipeline.Settings.exports,
    base: BaseOption = DEFAULT_BASE,
    jobs: JobsOption = 0,
    lock_timeout: LockTimeoutOption = pipeline.Settings.lock_timeout,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Add documents to the store (all or nothing); one with the symbol and language of a
    stored document replaces it."""
    settings = _settings(store, exports, base, jobs=jobs, lock_timeout=lock_timeout)
    sources = _sources(files, quiet)
    with _ProgressDisplay(quiet) as progress:
        result = update.add(sources, settings, progress)
    if not quiet:
        for replaced in result.replaced:
            out.print(f"replaced {replaced}", markup=False, soft_wrap=True)
        _print_update(result, store)


@app.command()
def remove(
    symbols: Annotated[list[str], typer.Argument(help="Document symbols, e.g. A/77/464.")],
    *,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only this language version (en, fr).")
    ] = None,
    store: StoreOption = pipeline.Settings.store,
    exports: ExportsOption = pipeline.Settings.exports,
    base: BaseOption = DEFAULT_BASE,
    lock_timeout: LockTimeoutOption = pipeline.Settings.lock_timeout,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Remove documents from the store: every language version of each symbol, or one."""
    settings = _settings(store, exports, base, lock_timeout=lock_timeout)
    with _ProgressDisplay(quiet) as progress:
        result = update.remove(symbols, settings, lang, progress)
    if not quiet:
        for name in result.removed:
            out.print(f"removed {name}", markup=False, soft_wrap=True)
        _print_update(result, store)


def _print_update(result: update.UpdateResult, store: Path) -> None:
    total = sum(result.times.values())
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.times.items())
    out.print(f"{result.quads} quads in {store} ({total:.2f}s: {stages})", soft_wrap=True)


@app.command()
def parse(
    file: Annotated[
        Path | None, typer.Argument(help="Text or PDF file (default: the sample).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the typed model as JSON.")] = False,
) -> None:
    """Parse one document (committee report, adopted resolution or draft) and show its typed
    model."""
    reference = load_reference_data()
    report = pipeline.parse_sources(_sources([file] if file else None), reference)[0]
    if as_json:
        sys.stdout.write(json.dumps(_jsonable(report), ensure_ascii=False, indent=2) + "\n")
        return
    for line in document_type_of(report).summarise(report):
        out.print(line)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@app.command()
def stats(store: StoreOption = pipeline.Settings.store) -> None:
    """Triples per named graph and instances per class."""
    with open_store(store) as opened:
        sizes = graph_sizes(opened)
        table = Table("graph", "triples")
        for name, size in sizes.items():
            table.add_row(name, str(size))
        table.add_row("total", str(sum(sizes.values())))
        out.print(table)
        result = run_query(
            opened,
            "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } "
            "GROUP BY ?class ORDER BY DESC(?n) ?class",
        )
        assert isinstance(result, ox.QuerySolutions)
        classes = Table("class", "instances")
        for row in result:
            classes.add_row(_cell(row["class"]), _cell(row["n"]))
        out.print(classes)


@app.command()
def queries() -> None:
    """List the shipped competency queries."""
    for query in available_queries():
        out.print(f"[bold]{query.name}[/bold]  {query.summary}")


_RESULT_FORMATS = {
    OutputFormat.csv: ox.QueryResultsFormat.CSV,
    OutputFormat.tsv: ox.QueryResultsFormat.TSV,
    OutputFormat.json: ox.QueryResultsFormat.JSON,
}


@app.command()
def query(
    name_or_file: Annotated[str, typer.Argument(help="A shipped query name or a .rq file.")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    store: StoreOption = pipeline.Settings.store,
) -> None:
    """Run a SPARQL query against the store."""
    named = load_query(name_or_file)
    with open_store(store) as opened:
        result = run_query(opened, named.text)
        if isinstance(result, ox.QueryBoolean):
            out.print(str(bool(result)).lower())
            return
        if isinstance(result, ox.QueryTriples):
            data = result.serialize(format=ox.RdfFormat.TURTLE)
            sys.stdout.buffer.write(data or b"")
            return
        if output is not OutputFormat.table:
            sys.stdout.buffer.write(serialize_results(result, _RESULT_FORMATS[output]))
            return
        variables = [v.value for v in result.variables]
        table = Table(*variables)
        for row in result:
            table.add_row(*(_cell(row[v]) for v in variables))
        out.print(table)


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal | ox.NamedNode):
        return term.value
    return str(term)


@app.command()
def docs(
    exports: Annotated[Path, typer.Option(help="Output directory.")] = pipeline.Settings.exports,
) -> None:
    """Generate the ontology's HTML documentation (pyLODE)."""
    path = write_ontology_docs(ontology_path(), exports)
    out.print(f"wrote {path}")


@app.command()
def fetch(
    symbol: Annotated[str, typer.Argument(help="Document symbol, e.g. A/RES/73/6.")],
    lang: Annotated[str, typer.Option("--lang", help="ar, zh, en, fr, ru or es.")] = "en",
    refresh: Annotated[bool, typer.Option("--refresh", help="Download even if cached.")] = False,
    cache: Annotated[Path, typer.Option(help="Cache directory.")] = ods.FetchSettings.cache_dir,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Download a document's PDF from the UN Official Document System, then parse it."""
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    shown = not quiet and err.is_terminal
    with Progress(*columns, console=err, transient=True, disable=not shown) as bar:
        task: list[TaskID] = []

        def progress(received: int, total: int | None) -> None:
            if not task and max(received, total or 0) >= 1_000_000:  # large files only
                task.append(bar.add_task(f"{symbol} ({lang})", total=total))
            if task:
                bar.update(task[0], completed=received)

        document = ods.fetch_document(
            symbol,
            lang,
            ods.FetchSettings(cache_dir=cache),
            ods.default_transport(),
            refresh=refresh,
            progress=progress,
        )
    origin = "cached" if document.from_cache else "downloaded"
    out.print(
        f"{document.symbol} ({document.language}) {origin}: {document.path}",
        soft_wrap=True,
        markup=False,
    )
    out.print(f"{document.size} bytes  sha256 {document.sha256}", soft_wrap=True, markup=False)
    if document.language not in LEXICONS:
        out.print(
            f"note: no lexicon exists yet for '{document.language}'; the PDF is kept, not parsed"
        )
        return
    try:
        pdf_parser = importlib.import_module("kg.parse.pdf")
    except ModuleNotFoundError as error:
        if error.name != "kg.parse.pdf":
            raise
        pdf_parser = None
    normalize_pdf = getattr(pdf_parser, "normalize_pdf", None)
    if normalize_pdf is None:
        out.print("note: PDF parsing (kg.parse.pdf) is not available yet; the PDF is kept")
        return
    parsed = normalize_pdf(document.path.name, document.path.read_bytes())
    out.print(
        f"parsed: {len(getattr(parsed, 'lines', ()))} content lines, "
        f"{len(getattr(parsed, 'footnotes', ()))} footnotes, "
        f"running header {getattr(parsed, 'running_header', None) or 'none'}",
        soft_wrap=True,
    )


@app.command()
def serve(
    *,
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: StoreOption = pipeline.Settings.store,
    exports: Annotated[Path, typer.Option(help="Directory of the dumps to offer.")] = (
        pipeline.Settings.exports
    ),
    base: Annotated[
        str | None,
        typer.Option(help="Base IRI the store was built with (default: read from the store)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a query may run before it is stopped (504).")
    ] = ServeSettings.query_timeout,
    result_cap: Annotated[
        int, typer.Option(min=1, help="Most rows or triples in a result; more is a 413.")
    ] = ServeSettings.result_cap,
    max_concurrent_queries: Annotated[
        int, typer.Option(min=1, help="Queries evaluated at once (one worker process each).")
    ] = ServeSettings.max_concurrent_queries,
    max_queued_queries: Annotated[
        int, typer.Option(min=0, help="Queries that may wait for a slot; beyond, 503.")
    ] = ServeSettings.max_queued_queries,
    access_log: Annotated[
        bool, typer.Option(help="Log every request (one line each) on standard error.")
    ] = True,
) -> None:
    """Serve the store: SPARQL endpoint, linked-data pages, downloads (read-only)."""
    settings = ServeSettings(
        store=store,
        exports=exports,
        base=base,
        query_timeout=timeout,
        result_cap=result_cap,
        max_concurrent_queries=max_concurrent_queries,
        max_queued_queries=max_queued_queries,
    )
    run_server(settings, host, port, access_log=access_log)


@app.command()
def push(
    *,
    store_url: Annotated[
        str,
        typer.Option(
            "--store-url",
            help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (docs/push.md).",
        ),
    ],
    query_url: Annotated[
        str | None,
        typer.Option(
            "--query-url", help="SPARQL query endpoint (default: derived from --store-url)."
        ),
    ] = None,
    graph_per_document: Annotated[
        bool,
        typer.Option(
            "--graph-per-document", help="One target graph per named graph (else the default)."
        ),
    ] = False,
    user: Annotated[str | None, typer.Option("--user", help="HTTP basic auth user.")] = None,
    password_env: Annotated[
        str | None,
        typer.Option("--password-env", help="Environment variable holding the password."),
    ] = None,
    auth: Annotated[
        str, typer.Option("--auth", help="HTTP auth scheme: basic or digest (Virtuoso).")
    ] = "basic",
    batch_triples: Annotated[
        int, typer.Option("--batch-triples", help="Triples per request.")
    ] = gsp.PushSettings.batch_triples,
    retries: Annotated[
        int, typer.Option(help="Retries on connect errors, timeouts, 429, 5xx.")
    ] = gsp.PushSettings.retries,
    store: StoreOption = pipeline.Settings.store,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Send the store to an external triple store (SPARQL 1.1 Graph Store Protocol)."""
    if (user is None) != (password_env is None):
        raise KgError("give --user and --password-env together (or neither)")
    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise KgError(f"the environment variable {password_env} (--password-env) is not set")
    settings = gsp.PushSettings(
        store_url=store_url,
        query_url=query_url,
        graph_per_document=graph_per_document,
        user=user,
        password=password,
        auth_scheme=auth,
        batch_triples=batch_triples,
        retries=retries,
    )

    def progress(message: str) -> None:
        if not quiet:
            err.print(f"pushed {message}", markup=False, soft_wrap=True)

    result = gsp.push(store, settings, progress=progress)
    if not quiet:
        out.print(
            f"{result.graphs} graph(s), {result.triples} triples pushed to {store_url} "
            f"in {result.requests} request(s), {result.seconds:.2f}s; counts verified",
            markup=False,
            soft_wrap=True,
        )


@app.command("export-akn")
def export_akn(
    symbols: Annotated[
        list[str] | None,
        typer.Argument(
            help="Document symbols (default: every text in the store).", show_default=False
        ),
    ] = None,
    *,
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the XML files.")],
    store: StoreOption = pipeline.Settings.store,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Write resolutions, drafts and recommended texts as Akoma Ntoso 3.0 XML (all or none)."""
    started = time.perf_counter()
    minter = IriMinter(store_base(store))  # the IRIs are those the store was built with
    with open_store(store) as opened:
        files = akn_files(opened, symbols or None, minter)
    written = write_files(files, out_dir)
    if not quiet:
        seconds = time.perf_counter() - started
        out.print(
            f"{len(written)} file(s) in {out_dir} ({seconds:.2f}s)", markup=False, soft_wrap=True
        )


def main() -> None:
    try:
        app()
    except ShapeViolationError as error:
        for line in str(error).splitlines():
            print(f"violation: {line}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KgError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)


__all__ = ["QueryError", "app", "main"]
