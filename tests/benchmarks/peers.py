"""contentlint against the prose linters it is compared with, side by side in one run.

Not part of the test run, and it installs nothing. Each tool is used only if present:
proselint (PyPI) on PATH; write-good and textlint (npm) from a node_modules folder
(--node-modules, default $PEERS_NODE_MODULES or ./node_modules). For example:

    pip install proselint
    (cd /tmp/peers && npm install write-good textlint textlint-rule-write-good \\
        textlint-rule-no-todo textlint-rule-alex textlint-rule-common-misspellings textlint-rule-terminology)
    python tests/benchmarks/peers.py 300 --node-modules /tmp/peers/node_modules

Every tool lints the same generated corpus (~1,700-word Markdown articles, variants of the
samples) in one process; the table gives articles/s, ms/article, peak memory (max RSS of
the process) and how many times slower each peer is than contentlint on one core. It also
times one file from a cold start, and contentlint on every core.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SWAPS as CORPUS_SWAPS  # noqa: E402
from corpus import variant  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SWAPS = (*CORPUS_SWAPS, ("often", "usually"))
TARGET_WORDS = 1700
# textlint's rule set for the comparison: five common prose rules.
TEXTLINT_RULES = ("write-good", "no-todo", "alex", "common-misspellings", "terminology")


class Timing(NamedTuple):
    tool: str
    articles: int
    seconds: float
    peak_mb: float
    note: str = ""

    @property
    def ms_per_article(self) -> float:
        return 1000 * self.seconds / self.articles

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def article_text(rng: random.Random, number: int) -> str:
    """A ~1,700-word Markdown article: the seed's paragraphs, then the clean sample's, varied."""
    seed = (SAMPLES / "do-neurologists-do-botox.md").read_text(encoding="utf-8")
    clean = (SAMPLES / "clean" / "neurologists-and-botox.md").read_text(encoding="utf-8")
    extra = [part for part in re.split(r"\n\s*\n", clean) if part.strip() and not part.startswith("---")]
    parts = [seed.rstrip()]
    words = len(seed.split())
    for part in extra:
        if words >= TARGET_WORDS:
            break
        parts.append(part.strip())
        words += len(part.split())
    return variant("\n\n".join(parts), rng, number, SWAPS)


def make_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:05d}.md"
        path.write_text(article_text(rng, number), encoding="utf-8")
        paths.append(path)
    return paths


def run(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process. Its output goes to a file and must
    not be empty: a misconfigured tool that reports nothing would look fast."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if output.tell() == 0:
            raise SystemExit(f"{command[0]} printed nothing: check that it is installed and configured")
    return elapsed, usage.ru_maxrss / 1024


def best_of(rounds: int, command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """The fastest of `rounds` runs (the cost on an idle machine) and its peak memory."""
    return min(run(command, cwd) for _ in range(rounds))


def contentlint_command(files: Sequence[Path], jobs: int) -> list[str]:
    return [sys.executable, "-m", "lint", "check", *map(str, files), "--format", "jsonl", "--no-cache", "--fail-on", "never", "--jobs", str(jobs)]


def peers(node_modules: Path | None, folder: Path) -> dict[str, list[str]]:
    """Command prefixes (files are appended) of the peers that are installed."""
    found: dict[str, list[str]] = {}
    proselint = shutil.which("proselint")
    if proselint:
        found["proselint"] = [proselint, "check", "-o", "json"]
    if node_modules is not None and node_modules.is_dir():
        binaries = node_modules / ".bin"
        if (binaries / "write-good").exists():
            found["write-good"] = [str(binaries / "write-good")]
        rules = [rule for rule in TEXTLINT_RULES if (node_modules / f"textlint-rule-{rule}").is_dir()]
        if (binaries / "textlint").exists() and rules:
            config = folder / ".textlintrc.json"
            config.write_text(json.dumps({"rules": {rule: True for rule in rules}}), encoding="utf-8")
            found[f"textlint ({len(rules)} rules)"] = [
                str(binaries / "textlint"), "--config", str(config), "--format", "json",
            ]
    return found


def measure(count: int, rounds: int, node_modules: Path | None, jobs: int) -> tuple[list[Timing], list[Timing], dict[str, int]]:
    with tempfile.TemporaryDirectory(prefix="contentlint-bench-") as name:
        folder = Path(name)
        files = make_corpus(folder, count)
        words = len(files[0].read_text(encoding="utf-8").split())
        corpus = [Timing("contentlint (1 core)", count, *best_of(rounds, contentlint_command(files, 1), folder))]
        corpus.append(Timing(f"contentlint ({jobs} cores)", count, *best_of(rounds, contentlint_command(files, jobs), folder)))
        single = [Timing("contentlint", 1, *best_of(rounds, contentlint_command(files[:1], 1), folder))]
        for tool, prefix in peers(node_modules, folder).items():
            corpus.append(Timing(tool, count, *best_of(rounds, [*prefix, *map(str, files)], folder)))
            single.append(Timing(tool, 1, *best_of(rounds, [*prefix, str(files[0])], folder)))
        version = run([sys.executable, "-m", "lint", "--version"], folder)
        single.append(Timing("contentlint --version", 1, version[0], version[1]))
    return corpus, single, {"words": words}


def table(corpus: list[Timing], single: list[Timing], facts: dict[str, int], count: int) -> str:
    own = corpus[0]
    lines = [
        f"Corpus: {count} Markdown articles of ~{facts['words']} words; one process per tool; best of the rounds.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.",
        "",
        "| Tool | articles/s | ms/article | peak memory | its time ÷ contentlint's (1 core) |",
        "|---|---:|---:|---:|---:|",
    ]
    for timing in corpus:
        ratio = "—" if timing.tool.startswith("contentlint") else f"×{timing.ms_per_article / own.ms_per_article:.1f}"
        lines.append(
            f"| {timing.tool} | {timing.per_second:.1f} | {timing.ms_per_article:.1f} | {timing.peak_mb:.0f} MB | {ratio} |"
        )
    lines += ["", "| One file, cold start | wall | peak memory |", "|---|---:|---:|"]
    lines += [f"| {timing.tool} | {timing.seconds:.2f} s | {timing.peak_mb:.0f} MB |" for timing in single]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=300, help="articles in the corpus [300]")
    parser.add_argument("--rounds", type=int, default=3, help="runs per tool; the fastest counts [3]")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="cores for the parallel contentlint run")
    parser.add_argument("--node-modules", type=Path, default=Path(os.environ.get("PEERS_NODE_MODULES", "node_modules")))
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    corpus, single, facts = measure(args.count, args.rounds, args.node_modules, args.jobs)
    report = table(corpus, single, facts, args.count)
    print(report, end="")
    if args.output:
        args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
