"""One writer at a time on a store: an exclusive lock on a file next to it.

`kg build` (and any command that changes a store) holds the lock from the moment it writes the
staged store until both the store and the dumps are in place. A second writer waits up to its
timeout, then fails with one line naming the process that holds the lock. The lock file is
removed on release; a waiter that locked a file removed meanwhile tries again on the new one.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import StoreError

_POLL_SECONDS = 0.1


def lock_path(store: Path) -> Path:
    store = store.resolve()
    return store.with_name(f".{store.name}.lock")


@contextmanager
def store_lock(
    store: Path, timeout: float, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store's lock for the `with` block; StoreError after `timeout` seconds."""
    path = lock_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            os.close(handle)
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"{store}: another kg command ({holder}) is changing this store; "
                    f"gave up after {timeout:g}s (--lock-timeout)"
                ) from None
            if waiting is not None and not told:
                waiting(f"waiting for {holder} to finish with {store}")
                told = True
            time.sleep(_POLL_SECONDS)
            continue
        if _same_file(handle, path):
            break
        os.close(handle)  # the holder removed the file as we locked it: lock the new one
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(handle)


def _holder(handle: int) -> str:
    try:
        pid = os.pread(handle, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


def _same_file(handle: int, path: Path) -> bool:
    try:
        return os.fstat(handle).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False
