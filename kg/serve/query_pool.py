"""A pool of query worker processes, driven from the event loop of the web process.

Python threads cannot be cancelled and Oxigraph's evaluation offers no cancellation, so each
query runs in a worker process (`kg.serve.query_worker`) holding the store open read-only; a
query that overruns its time is stopped by killing its worker, and a fresh one replaces it while
the others keep answering. Callers take a worker only after getting one of the endpoint's slots
(`kg.serve.sparql`), so a free worker is normally waiting; one spare covers a replacement.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path

from kg.serve.query_worker import Job, Reply, text_reply

WORKER_START_TIMEOUT = 60.0  # seconds for a new worker to import and open the store


# A fresh interpreter that imports only the worker's module. multiprocessing's spawn would
# import the parent's __main__ again (the `kg` script, hence the whole CLI and rdflib): 80 MiB
# per worker instead of 25.
WORKER_PROGRAM = "from kg.serve.query_worker import run_worker; run_worker()"


class Worker:
    """One worker process and our end of the socket pair its jobs and replies travel on."""

    def __init__(self, store: Path, cap: int) -> None:
        ours, theirs = socket.socketpair()
        with ours, theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-c", WORKER_PROGRAM, str(theirs.fileno()), str(store), str(cap)],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
            )
            self.conn = Connection(ours.detach())

    def wait_ready(self, timeout: float) -> bool:
        try:
            return bool(self.conn.poll(timeout)) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        self.process.kill()
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.conn.close()


WARM_WORKERS = 2  # started with the server; more on demand, up to the pool's size


class QueryPool:
    """Worker processes, driven from the event loop; one that overruns is killed and replaced.

    Jobs are written to a worker's socket and its reply awaited with the loop's reader callback,
    so a query costs no thread hand-off; only starting and killing processes, which block, run
    in threads. The pool starts with `WARM_WORKERS` and grows, up to `size`, when a query finds
    none idle (a worker costs about 32 MiB at rest, so an idle server stays small).
    """

    def __init__(self, store: Path, cap: int, size: int) -> None:
        self._store = store
        self._cap = cap
        self._size = size
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._workers: set[Worker] = set()
        self._planned = 0  # workers running or starting
        self._waiting = 0  # jobs waiting for an idle worker (touched only in the event loop)
        self._lock = threading.Lock()
        self._closed = False

    @property
    def planned(self) -> int:
        with self._lock:
            return self._planned

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        warm = min(self._size, WARM_WORKERS)
        with self._lock:
            self._planned = warm
        await asyncio.gather(
            *(loop.run_in_executor(None, self._add_worker, loop) for _ in range(warm))
        )
        if self._idle.empty():
            raise RuntimeError(f"{self._store}: no query worker could open the store")

    def _grow(self, loop: asyncio.AbstractEventLoop) -> None:
        """One more worker, in a thread, unless the pool is at its size."""
        with self._lock:
            if self._closed or self._planned >= self._size:
                return
            self._planned += 1
        threading.Thread(target=self._add_worker, args=(loop,), daemon=True).start()

    def _add_worker(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start a worker and, once it has opened the store, queue it as idle (in a thread)."""
        worker = Worker(self._store, self._cap)
        with self._lock:
            self._workers.add(worker)
        if worker.wait_ready(WORKER_START_TIMEOUT) and not self._closed:
            loop.call_soon_threadsafe(self._idle.put_nowait, worker)
        else:
            self._discard(worker)
            with self._lock:
                self._planned -= 1

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

    def _replace(self, worker: Worker) -> None:
        loop = asyncio.get_running_loop()

        def replace() -> None:
            self._discard(worker)
            if not self._closed:
                self._add_worker(loop)

        threading.Thread(target=replace, daemon=True).start()

    async def run(self, job: Job, timeout: float) -> Reply:
        """Answer `job` within `timeout` seconds of evaluation, or 504 and a fresh worker.

        The caller holds a slot, so a worker is idle unless one is starting (the pool grows on
        demand) or being replaced; waiting for it does not count against the query's time.
        """
        loop = asyncio.get_running_loop()
        if self._idle.qsize() <= self._waiting:
            self._grow(loop)  # none idle for this job: the next free worker, old or new, takes it
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), WORKER_START_TIMEOUT)
        except TimeoutError:
            return text_reply(503, "no query worker could be started; try again later")
        finally:
            self._waiting -= 1
        readable: asyncio.Future[None] = loop.create_future()

        def on_readable() -> None:
            if not readable.done():
                readable.set_result(None)

        try:
            worker.conn.send(job)
            loop.add_reader(worker.conn.fileno(), on_readable)
            try:
                await asyncio.wait_for(readable, timeout)
            finally:
                loop.remove_reader(worker.conn.fileno())
            # The loop may have made the socket non-blocking; the reply is being written at
            # once by the worker, so reading the rest of it blocks only briefly.
            os.set_blocking(worker.conn.fileno(), True)
            reply: Reply = worker.conn.recv()
        except TimeoutError:
            self._replace(worker)
            return text_reply(
                504,
                f"the query ran longer than this endpoint's limit of {timeout:g} s and was "
                "stopped; narrow it (more specific patterns, LIMIT) and try again",
            )
        except (EOFError, OSError):
            self._replace(worker)
            return text_reply(
                500, "the query worker stopped while answering this query; it has been replaced"
            )
        except asyncio.CancelledError:
            self._replace(worker)  # its reply would be read by the next job
            raise
        self._idle.put_nowait(worker)
        return reply

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            with suppress(OSError):
                worker.conn.send(None)
            with suppress(subprocess.TimeoutExpired):
                worker.process.wait(1)
            worker.kill()
