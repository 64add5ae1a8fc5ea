"""Linting on a Dask cluster: `--dask-scheduler tcp://host:8786`, or a `distributed.Client`
from Python. Needs the optional extra: `pip install "contentlint[dask]"`.

The parent reads every file and ships its text, so workers need contentlint (and any extra
rule-pack folders the config names) but not the articles. Inputs go in batches of
`BATCH_SIZE` (a Dask task costs ≈ 1.6 ms to schedule); each worker builds its linter on its
first batch and keeps it, like a forked worker.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from lint.engine import FileResult, LintOptions, PreparedInput
from lint.errors import UserError
from lint.parallel import batches, lint_batch, lost_worker_result, options_key, ordered_results

BATCH_SIZE = 50


def connect(address: str) -> Any:
    """A client of the scheduler at `address`; a usage error when Dask is missing or unreachable."""
    try:
        from distributed import Client
    except ImportError:
        raise UserError('--dask-scheduler needs Dask: pip install "contentlint[dask]"') from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise UserError(f"--dask-scheduler {address}: cannot connect: {error}") from None


def worker_total(client: Any) -> int:
    """Threads across the cluster's workers (at least 1), to size the batches in flight."""
    info = client.scheduler_info()
    return max(1, sum(worker.get("nthreads", 1) for worker in info.get("workers", {}).values()))


class DaskExecutor:
    """Batches of prepared inputs as Dask tasks; results come back in input order."""

    def __init__(self, client: Any, options: LintOptions, *, batch_size: int = BATCH_SIZE, owns_client: bool = False) -> None:
        self.client = client
        self.key = options_key(options)
        self.batch_size = batch_size
        self.owns_client = owns_client
        self._is_warm = False

    @property
    def window(self) -> int:
        """Inputs per window: four batches per worker thread keeps every worker busy."""
        return max(1000, worker_total(self.client) * self.batch_size * 4)

    def run(self, jobs: Sequence[PreparedInput]) -> Iterator[FileResult]:
        if jobs and not self._is_warm:
            # Every worker loads rules and dictionaries now, on one input, so that none
            # pays for them in the middle of the run (as forked workers never do).
            self.client.run(lint_batch, self.key, [jobs[0]])
            self._is_warm = True
        groups = batches(jobs, self.batch_size)
        # pure=False: two equal batches (the same file twice) are still two tasks.
        futures = self.client.map(lint_batch, [self.key] * len(groups), groups, pure=False)
        return ordered_results(zip(groups, futures), _lost_worker_errors(), self._one_by_one)

    def _one_by_one(self, batch: Sequence[PreparedInput]) -> Iterator[FileResult]:
        """A batch the cluster gave up on (its workers died running it) again, one file per
        task: only the file that kills workers becomes an error."""
        futures = [self.client.submit(lint_batch, self.key, [job], pure=False) for job in batch]
        for job, future in zip(batch, futures):
            try:
                yield from future.result()
            except _lost_worker_errors():
                yield lost_worker_result(job)

    def close(self) -> None:
        if self.owns_client:
            self.client.close()


def _lost_worker_errors() -> tuple[type[BaseException], ...]:
    """What a future raises when the workers running its task died (Dask retries a task on
    other workers a few times first)."""
    from distributed import KilledWorker

    return (KilledWorker,)
