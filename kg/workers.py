"""A pool of processes for work on one document at a time (reading, mapping, validating).

Results come back in the order of the inputs, whatever the number of workers and whichever
finishes first, so a build does not depend on either. With one job everything runs in the
calling process: no start-up cost for a single document.

Workers are forked from a forkserver that has imported the pipeline and loaded the reference
once (kg.preload), not from the calling process, which may run threads (a progress display)
that a fork would copy half-way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from types import TracebackType
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
_PRELOAD = ["kg.preload"]  # the pipeline, the reference and the shapes, shared by the workers


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Workers:
    """`jobs` processes, started on first use and stopped when the `with` block ends."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(
        self,
        task: Callable[[Item], Result],
        items: Sequence[Item],
        done: Callable[[int], None] | None = None,
    ) -> list[Result]:
        """`task` of every item, in the order of `items`; `done(index)` as each one finishes.

        `task` must be a module-level function (or a `functools.partial` of one) when more
        than one job runs, since it travels to the workers by pickling.
        """
        if self.jobs == 1 or len(items) < 2:
            results = []
            for index, item in enumerate(items):
                results.append(task(item))
                if done is not None:
                    done(index)
            return results
        pool = self._started()
        futures: dict[Future[Result], int] = {
            pool.submit(task, item): index for index, item in enumerate(items)
        }
        finished: dict[int, Result] = {}
        for future in as_completed(futures):
            index = futures[future]
            finished[index] = future.result()
            if done is not None:
                done(index)
        return [finished[index] for index in range(len(items))]

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        return self._pool
