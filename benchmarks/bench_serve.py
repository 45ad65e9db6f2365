"""SPARQL endpoint benchmark: `kg serve` beside `oxigraph serve-read-only` and rdflib-endpoint.

The same data, the same query text and the same bounded load (wrk, 8 connections, from a second
process on loopback) against each server, one after the other, in one run:

* data: the bundled sample (`kg build` into a temporary directory, ~17k quads) and a synthetic
  graph of ~1M quads made of renamed copies of the sample's report graph (report, draft and
  graph IRIs and draft symbols get a per-copy suffix; the reference and ontology graphs once);
* queries: a draft by `dcterms:identifier`, the co-sponsorship aggregation
  (`kg/queries/cosponsorship.rq`), a 2-hop citation query for one text, a CONTAINS text search;
  each alone, then the mix: every connection sends the four in turn (a wrk Lua script), and
  the mix without the aggregation (`mix-no-agg`);
* figures: requests/s (2xx only), p50/p99 latency, non-2xx count, RSS at rest and peak under load
  (kg serve: the web process and the sum over it and its query workers).

Results of every query are compared across servers (row count, sorted values) before timing.

    .venv/bin/python benchmarks/bench_serve.py [--copies 78] [--duration 15] [--skip-rdflib-1m]

Needs the `bench` extra (oxigraph CLI, rdflib-endpoint, psutil) and `wrk` on PATH.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import psutil
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REPORT_GRAPH = "https://w3id.org/unkg/graph/A-77-464/fra"
ACCEPT = "application/sparql-results+json"

PREFIXES = """PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
QUERIES: dict[str, str] = {
    "lookup": PREFIXES
    + """SELECT ?draft ?p ?o WHERE {
  ?draft dcterms:identifier "A/C.3/77/L.2" ; a unkg:DraftResolution ; ?p ?o .
}""",
    "cosponsorship": (ROOT / "kg/queries/cosponsorship.rq").read_text(encoding="utf-8"),
    "citations-2hop": PREFIXES
    + """SELECT ?paragraph ?citation ?kind ?number WHERE {
  ?draft dcterms:identifier "A/C.3/77/L.2" ; unkg:recommendedText ?text .
  { ?text unkg:hasParagraph ?paragraph }
  UNION { ?text unkg:hasPreamble/unkg:hasParagraph ?paragraph }
  ?paragraph unkg:hasCitation ?citation .
  ?citation unkg:citedKind/skos:notation ?kind ; unkg:citedNumber ?number .
}""",
    "text-contains": PREFIXES
    + """SELECT ?paragraph ?text WHERE {
  ?paragraph unkg:text ?text .
  FILTER(CONTAINS(?text, "corruption"))
} LIMIT 100""",
}


# --- data ----------------------------------------------------------------------------------


def build_sample(work: Path) -> Path:
    """`kg build` of the bundled sample into `work`; returns the N-Quads dump."""
    nq = work / "sample/exports/unkg.nq"
    if not nq.exists():
        subprocess.run(
            [
                str(BIN / "kg"),
                "build",
                "-q",
                "--store",
                str(work / "sample/kgstore"),
                "--exports",
                str(work / "sample/exports"),
            ],
            check=True,
        )
    return nq


def synthesize(sample_nq: Path, out: Path, copies: int) -> int:
    """N-Quads of `copies` renamed copies of the report graph plus the shared graphs once."""
    lines = sample_nq.read_text(encoding="utf-8").splitlines()
    report = [line for line in lines if line.endswith(f"<{REPORT_GRAPH}> .")]
    shared = [line for line in lines if not line.endswith(f"<{REPORT_GRAPH}> .")]
    # Report IRIs, the graph name and draft IRIs/symbols get the copy number; copy 0 keeps the
    # sample's own names so the same query text finds the same draft in both datasets.
    report_text = "\n".join(report) + "\n"
    count = len(shared)
    with out.open("w", encoding="utf-8") as sink:
        sink.write("\n".join(shared) + "\n")
        for k in range(copies):
            if k == 0:
                sink.write(report_text)
            else:
                text = report_text.replace("A-77-464", f"A-77-464-c{k}")
                text = text.replace("A-C.3-77-L.", f"A-C.3-77-c{k}-L.")
                text = text.replace('"A/C.3/77/L.', f'"A/C.3/77/c{k}/L.')
                sink.write(text)
            count += len(report)
    return count


def load_kg_store(nq: Path, path: Path) -> None:
    """A store directory `kg serve` accepts: bulk-loaded N-Quads plus kg's marker file."""
    if (path / "unkg-store").exists():
        return
    shutil.rmtree(path, ignore_errors=True)
    store = ox.Store(str(path))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
    (path / "unkg-store").write_text("1\n", encoding="utf-8")


def load_oxigraph_location(nq: Path, path: Path) -> None:
    if (path / ".loaded").exists():
        return
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run(
        [str(BIN / "oxigraph"), "load", "--location", str(path), "--file", str(nq)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (path / ".loaded").write_text("1\n", encoding="utf-8")


# --- servers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    command: list[str]
    port: int
    path: str = "/sparql"
    process: subprocess.Popen[bytes] | None = None
    startup: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def start(self, ready_timeout: float) -> bool:
        started = time.monotonic()
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        while time.monotonic() - started < ready_timeout:
            if self.process.poll() is not None:
                return False
            with contextlib.suppress(httpx.HTTPError):
                reply = httpx.get(
                    self.url, params={"query": "ASK {}"}, headers={"Accept": ACCEPT}, timeout=5
                )
                if reply.status_code == 200:
                    self.startup = time.monotonic() - started
                    return True
            time.sleep(0.25)
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def rss(self) -> tuple[int, int]:
        """RSS in bytes of the server process, and of it plus all its children."""
        assert self.process is not None
        try:
            main = psutil.Process(self.process.pid)
            own = main.memory_info().rss
            total = own + sum(child.memory_info().rss for child in main.children(recursive=True))
        except psutil.Error:
            return 0, 0
        return own, total


def servers_for(
    kgstore: Path, oxloc: Path, nq: Path, exports: Path, kg_args: list[str]
) -> list[Server]:
    return [
        Server(
            "kg serve",
            [
                sys.executable,
                "-m",
                "kg",
                "serve",
                "--store",
                str(kgstore),
                "--exports",
                str(exports),
                "--port",
                str(port := free_port()),
                "--timeout",
                "120",
                "--no-access-log",  # as oxigraph, which logs nothing per request
                *kg_args,
            ],
            port,
        ),
        Server(
            "oxigraph",
            [
                str(BIN / "oxigraph"),
                "serve-read-only",
                "--location",
                str(oxloc),
                "--union-default-graph",
                "--bind",
                f"127.0.0.1:{(port2 := free_port())}",
            ],
            port2,
            path="/query",
        ),
        Server(
            "rdflib-endpoint",
            [
                str(BIN / "rdflib-endpoint"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port3 := free_port()),
                str(nq),
            ],
            port3,
            path="/",
        ),
    ]


# --- queries and load ----------------------------------------------------------------------


def fetch(server: Server, query: str) -> tuple[int, list[tuple[str, ...]], float]:
    started = time.monotonic()
    reply = httpx.get(server.url, params={"query": query}, headers={"Accept": ACCEPT}, timeout=600)
    elapsed = time.monotonic() - started
    if reply.status_code != 200:
        return reply.status_code, [], elapsed
    data = json.loads(reply.content)
    names = data["head"]["vars"]
    rows = [
        tuple(row.get(name, {}).get("value", "") for name in names)
        for row in data["results"]["bindings"]
    ]
    return 200, rows, elapsed


def settle(server: Server) -> None:
    """Wait until queries left running by the load generator have drained (kg serve: 503s)."""
    for _ in range(600):
        with contextlib.suppress(httpx.HTTPError):
            reply = httpx.get(
                server.url, params={"query": "ASK {}"}, headers={"Accept": ACCEPT}, timeout=60
            )
            if reply.status_code == 200:
                return
        time.sleep(0.2)


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


@dataclass
class Load:
    requests: int
    non_2xx: int
    timeouts: int
    duration: float
    p50_ms: float
    p99_ms: float
    rss_rest: tuple[int, int]
    rss_peak: tuple[int, int]

    @property
    def ok_per_s(self) -> float:
        return (self.requests - self.non_2xx) / self.duration


MIX_SCRIPT = """-- Every connection sends the queries of the mix in turn.
local paths = {%s}
local next_index = 0
request = function()
  next_index = next_index %% #paths + 1
  return wrk.format("GET", paths[next_index])
end
"""


def load(server: Server, queries: list[str], duration: int, connections: int) -> Load:
    """wrk against one query, or against several in turn (the mix)."""
    rest = server.rss()
    peak = list(rest)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            own, total = server.rss()
            peak[0], peak[1] = max(peak[0], own), max(peak[1], total)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    paths = [f"{urlsplit(server.url).path}?query={quote(query, safe='')}" for query in queries]
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(MIX_SCRIPT % ", ".join(json.dumps(path) for path in paths), "utf-8")
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "60s",
        "--latency",
        "-H",
        f"Accept: {ACCEPT}",
        "-s",
        str(script),
        server.url,
    ]
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        script.unlink()
    done.set()
    sampler.join()
    settle(server)
    requests = re.search(r"(\d+) requests in ([\d.]+)(\w+)", output)
    assert requests, output
    seconds = _ms(f"{requests.group(2)}{requests.group(3)}") / 1e3
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    p50 = re.search(r"50%\s+(\S+)", output)
    p99 = re.search(r"99%\s+(\S+)", output)
    return Load(
        int(requests.group(1)),
        int(non_2xx.group(1)) if non_2xx else 0,
        int(timeouts.group(1)) if timeouts else 0,
        seconds,
        _ms(p50.group(1)) if p50 else float("nan"),
        _ms(p99.group(1)) if p99 else float("nan"),
        (rest[0], rest[1]),
        (peak[0], peak[1]),
    )


# --- the run -------------------------------------------------------------------------------


def mib(value: int) -> str:
    return f"{value / 2**20:.0f}"


@contextlib.contextmanager
def running(server: Server, ready_timeout: float) -> Iterator[bool]:
    try:
        yield server.start(ready_timeout)
    finally:
        server.stop()


def run_load(
    label: str, server: Server, name: str, queries: list[str], args: argparse.Namespace
) -> str:
    figures = load(server, queries, args.duration, args.connections)
    row = (
        f"{label:7} {server.name:16} {name:15}"
        f" {figures.ok_per_s:9.1f} {figures.p50_ms:9.1f} {figures.p99_ms:9.1f}"
        f" {figures.non_2xx:7} {figures.timeouts:5}"
        f" {mib(figures.rss_peak[0]):>8} {mib(figures.rss_peak[1]):>9}"
    )
    print(row, flush=True)
    return row


def bench_dataset(
    label: str, nq: Path, work: Path, args: argparse.Namespace, out: list[str]
) -> None:
    kgstore, oxloc = work / f"{label}.kgstore", work / f"{label}.oxloc"
    started = time.monotonic()
    load_kg_store(nq, kgstore)
    kg_load = time.monotonic() - started
    started = time.monotonic()
    load_oxigraph_location(nq, oxloc)
    ox_load = time.monotonic() - started
    quads = len(ox.Store.read_only(str(kgstore)))
    out.append(f"\n== dataset {label}: {quads} quads ({nq.stat().st_size / 2**20:.0f} MiB N-Quads)")
    out.append(f"load: pyoxigraph bulk_load {kg_load:.1f} s, oxigraph load {ox_load:.1f} s")
    reference: dict[str, list[tuple[str, ...]]] = {}
    rows: list[str] = []
    kg_args = args.kg_args.split()
    for server in servers_for(kgstore, oxloc, nq, work / "sample/exports", kg_args):
        if args.servers and server.name not in args.servers:
            continue
        if server.name == "rdflib-endpoint" and label == "1m" and args.skip_rdflib_1m:
            out.append("rdflib-endpoint: skipped at 1M (--skip-rdflib-1m)")
            continue
        with running(server, args.ready_timeout) as ready:
            if not ready:
                out.append(f"{server.name}: not ready within {args.ready_timeout:.0f} s; skipped")
                continue
            own, total = server.rss()
            out.append(
                f"{server.name}: ready in {server.startup:.1f} s, RSS at rest {mib(own)} MiB"
                f" (with children {mib(total)} MiB)"
            )
            for name, query in QUERIES.items():
                status, result, elapsed = fetch(server, query)
                verdict = "ok"
                if status != 200:
                    verdict = f"HTTP {status}"
                elif name not in reference:
                    reference[name] = sorted(result)
                elif sorted(result) != reference[name]:
                    same_count = len(result) == len(reference[name])
                    verdict = "DIFFERS" + (" (same row count)" if same_count else "")
                out.append(
                    f"  check {name}: {len(result)} rows, {elapsed * 1e3:.0f} ms single, {verdict}"
                )
                if status != 200:
                    continue
                rows.append(run_load(label, server, name, [query], args))
            if all(name in reference for name in QUERIES):
                rows.append(run_load(label, server, "mix", list(QUERIES.values()), args))
                # The mix without the aggregation, which at 1M runs longer than the window.
                light = [q for name, q in QUERIES.items() if name != "cosponsorship"]
                rows.append(run_load(label, server, "mix-no-agg", light, args))
    out.append(
        f"{'data':7} {'server':16} {'query':15} {'ok req/s':>9} {'p50 ms':>9} {'p99 ms':>9}"
        f" {'non2xx':>7} {'tmout':>5} {'RSS MiB':>8} {'+children':>9}"
    )
    out.extend(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=78, help="report copies in the 1M graph")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per query")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    parser.add_argument("--skip-rdflib-1m", action="store_true")
    parser.add_argument("--kg-args", default="", help="more options for kg serve, one string")
    parser.add_argument(
        "--servers", nargs="*", default=None, help="only these (kg serve, oxigraph, ...)"
    )
    parser.add_argument("--only", choices=["sample", "1m"], default=None)
    parser.add_argument("--work", type=Path, default=None, help="keep data here (reused)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/RESULTS-serve.txt")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed on PATH (apt-get install wrk)")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    out = [
        "command: " + " ".join([Path(sys.executable).name, *sys.argv]),
        f"date: {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, "
        f"pyoxigraph {ox.__version__}, load: wrk -t1 -c{args.connections} -d{args.duration}s"
        + (f", kg serve {args.kg_args}" if args.kg_args else ""),
    ]
    sample_nq = build_sample(work)
    if args.only in (None, "sample"):
        bench_dataset("sample", sample_nq, work, args, out)
    if args.only in (None, "1m"):
        big = work / "synthetic-1m.nq"
        if not big.exists():
            count = synthesize(sample_nq, big, args.copies)
            print(f"synthetic graph: {count} quad lines", flush=True)
        bench_dataset("1m", big, work, args, out)
    text = "\n".join(out) + "\n"
    print(text)
    with args.out.open("a", encoding="utf-8") as sink:
        sink.write(text)


if __name__ == "__main__":
    main()
