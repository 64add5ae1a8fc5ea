"""Scaling of a corpus run: one process, forked workers (--jobs), and a Dask LocalCluster.

Not part of the test run; needs `contentlint[dask]`. Usage:

    python tests/benchmarks/dask_scaling.py [N] [--workers 1 2]

Lints the same generated corpus (see peers.py) every way, checks that each report equals
the serial one, and prints wall time, articles/s and speed-up over one process. Cluster
start-up is timed separately: a long-lived cluster pays it once.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import make_corpus  # noqa: E402

from lint.api import check_paths  # noqa: E402


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = run()
    return time.perf_counter() - started, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory(prefix="contentlint-dask-") as name:
        files = [str(path) for path in make_corpus(Path(name), args.count)]
        serial_seconds, serial = timed(lambda: check_paths(files, jobs=1))
        rows = [("one process", serial_seconds)]
        for workers in args.workers:
            seconds, report = timed(lambda workers=workers: check_paths(files, jobs=workers))
            assert report == serial, f"--jobs {workers} report differs"
            rows.append((f"--jobs {workers} (fork)", seconds))
        for workers in args.workers:
            start, cluster = timed(
                lambda workers=workers: LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
                )
            )
            with cluster, Client(cluster) as client:
                check_paths(files[:2], client=client)  # workers load rules and dictionaries
                seconds, report = timed(lambda: check_paths(files, client=client))
            assert report == serial, f"Dask report with {workers} workers differs"
            rows.append((f"Dask LocalCluster, {workers} worker{'s' if workers > 1 else ''} (start {start:.1f} s)", seconds))
    print(f"{args.count} articles of ~1,700 words, every default pack; reports identical to the serial run.\n")
    print("| Run | wall | articles/s | speed-up |\n|---|---:|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} s | {args.count / seconds:.1f} | ×{serial_seconds / seconds:.2f} |")


if __name__ == "__main__":
    main()
