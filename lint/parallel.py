"""Linting prepared inputs: in this process, in forked worker processes, or (lint.cluster)
on a Dask cluster. Every executor returns results in input order.

Workers find their `Linter` by a key: the pickled `LintOptions`. A forked worker inherits
the parent's linter (rules, configs and dictionaries already loaded, so no worker pays for
them again); a Dask worker builds one from the options on its first batch and keeps it.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import signal
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence, TypeVar

from lint.cpus import cpu_count
from lint.engine import FileResult, Linter, LintOptions, PreparedInput
from lint.process_pool import Pool

BATCH_SIZE = 25  # inputs per task: big enough that pickling and scheduling cost little
AUTO_PARALLEL_MIN = 50  # runs with more inputs than this use every core by default
T = TypeVar("T")

# The linter of each options key in this process. Module state on purpose: a worker process
# keeps its linter (and the rules and dictionaries it loaded) from one batch to the next.
_LINTERS: dict[bytes, Linter] = {}


class Executor(Protocol):
    def run(self, jobs: Sequence[PreparedInput]) -> Iterator[FileResult]:
        """Lint `jobs`, yielding their results in order; work may start before iteration."""
        ...

    def close(self) -> None: ...


def options_key(options: LintOptions) -> bytes:
    return pickle.dumps(options, protocol=pickle.HIGHEST_PROTOCOL)


def register(linter: Linter) -> bytes:
    """Make `linter` the one workers forked from this process use; returns its key."""
    key = options_key(linter.options)
    _LINTERS[key] = linter
    return key


def worker_linter(key: bytes) -> Linter:
    if key not in _LINTERS:
        _LINTERS[key] = Linter(pickle.loads(key))
    return _LINTERS[key]


def lint_one(linter: Linter, job: PreparedInput) -> FileResult:
    return linter.lint_text(job.text, job.display, job.format, job.config, job.settings)


def lint_batch(key: bytes, jobs: Sequence[PreparedInput]) -> list[FileResult]:
    """A worker's task: lint a batch; the parent still holds the texts, so drop them."""
    linter = worker_linter(key)
    return [replace(lint_one(linter, job), source=None) for job in jobs]


def batches(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def worker_count(requested: int | None, inputs: int) -> int:
    """--jobs N as given (0: every core); by default every core for runs of more than
    AUTO_PARALLEL_MIN inputs, else one process (forking costs more than it saves)."""
    if requested is None:
        return cpu_count() if inputs > AUTO_PARALLEL_MIN else 1
    return requested if requested > 0 else cpu_count()


class SerialExecutor:
    """Lint in this process, lazily (one result at a time)."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter

    def run(self, jobs: Sequence[PreparedInput]) -> Iterator[FileResult]:
        return (lint_one(self.linter, job) for job in jobs)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """Batches to forked worker processes; all of a window's batches are queued at once."""

    def __init__(self, linter: Linter, workers: int, batch_size: int = BATCH_SIZE) -> None:
        self.key = register(linter)
        self.batch_size = batch_size
        # Objects alive now (rules, dictionaries, the input list) stay out of the cycle
        # collector: its passes would write to their pages in every worker, turning pages
        # shared with the parent into private copies.
        gc.freeze()
        self.workers = workers
        self.pool = self._new_pool()

    def _new_pool(self) -> Pool:
        # fork: workers start with the parent's loaded rules and dictionaries, at no cost.
        return Pool(
            max_workers=self.workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals
        )

    def run(self, jobs: Sequence[PreparedInput]) -> Iterator[FileResult]:
        try:
            return self._submit(jobs)
        except BrokenProcessPool:  # a worker died between two windows
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            return self._submit(jobs)

    def _submit(self, jobs: Sequence[PreparedInput]) -> Iterator[FileResult]:
        pool = self.pool
        submitted = [(batch, pool.submit(lint_batch, self.key, batch)) for batch in batches(jobs, self.batch_size)]
        return ordered_results(submitted, (BrokenProcessPool,), lambda batch: self._one_by_one(batch, pool))

    def _one_by_one(self, batch: Sequence[PreparedInput], broken: Pool) -> Iterator[FileResult]:
        """A batch lost with the `broken` pool again, one file per task in a working pool: a
        file whose task kills its worker again is the one that did, and becomes an error."""
        for job in batch:
            if self.pool is broken:
                broken.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new_pool()
            try:
                yield from self.pool.submit(lint_batch, self.key, [job]).result()
            except BrokenProcessPool:
                broken = self.pool
                yield lost_worker_result(job)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        gc.unfreeze()

    def abort(self) -> None:
        """Stop the workers now (Ctrl-C, SIGTERM): their batches' results are not wanted."""
        for process in list((getattr(self.pool, "_processes", None) or {}).values()):
            process.terminate()
        self.pool.shutdown(wait=False, cancel_futures=True)


def _worker_signals() -> None:
    """Ctrl-C reaches the whole process group; the parent decides, and stops workers with
    SIGTERM, which must kill them quietly rather than run the parent's handler."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def ordered_results(
    submitted: Iterable[tuple[Sequence[PreparedInput], Any]],
    lost: tuple[type[BaseException], ...],
    retry: Callable[[Sequence[PreparedInput]], Iterator[FileResult]],
) -> Iterator[FileResult]:
    """Each (batch, future)'s results, in submission order; a future (concurrent or Dask)
    is let go once read.

    A batch whose worker died (killed for memory, a crash: the `lost` errors) goes to `retry`,
    so one lost worker costs its files a second try, not the run.
    """
    queue = deque(submitted)
    while queue:
        batch, future = queue.popleft()
        try:
            results = future.result()
        except lost:
            yield from retry(batch)
            continue
        yield from results


def lost_worker_result(job: PreparedInput) -> FileResult:
    return FileResult(
        job.display, job.format, error="the worker process linting it died (out of memory, or killed); not linted"
    )


def make_executor(linter: Linter, workers: int) -> SerialExecutor | ProcessExecutor:
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return SerialExecutor(linter)
    return ProcessExecutor(linter, workers)

