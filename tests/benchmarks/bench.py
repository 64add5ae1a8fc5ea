"""Throughput benchmark: lint a generated corpus and print articles/second and peak memory.

Not part of the test run. Usage: python tests/benchmarks/bench.py [N] [--format txt|md|html]
The corpus is generated from the samples with varied wording so caches cannot help.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import variant  # noqa: E402
from lint.engine import Linter, LintOptions  # noqa: E402
from lint.inputs import expand_inputs  # noqa: E402

SAMPLES = ROOT / "samples"


def generate(folder: Path, count: int, suffix: str, seed: int = 7) -> list[Path]:
    """`count` variants of the seed sample in `suffix` format, each a little different."""
    base = (SAMPLES / f"do-neurologists-do-botox.{suffix}").read_text(encoding="utf-8")
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:05d}.{suffix}"
        path.write_text(variant(base, rng, number), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=300)
    parser.add_argument("--format", default="txt", choices=["txt", "md", "html"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.count, args.format)
        linter = Linter(LintOptions())
        items = list(expand_inputs([folder]))
        linter.lint_input(items[0])  # load rules and dictionaries once, as a long run would
        started = time.perf_counter()
        findings = sum(len(linter.lint_input(item).findings) for item in items)
        elapsed = time.perf_counter() - started
    words = len((SAMPLES / f"do-neurologists-do-botox.{args.format}").read_text(encoding="utf-8").split())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(items)} ({args.format}, ~{words} words each), findings: {findings}")
    print(f"time: {elapsed:.2f} s  ->  {len(items) / elapsed:.1f} articles/s, {1000 * elapsed / len(items):.2f} ms/article")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
