"""Where one article's lint time goes: parsing, each rule, metrics. Not part of the test run.

Usage: python tests/benchmarks/profile_rules.py [N] [--top K] [--cprofile] [--only ID,ID]

Lints N generated ~1,700-word Markdown articles (the corpus of peers.py) in this process
after one warm-up article, and prints milliseconds per article for each stage and rule,
largest first. Work that several rules share (sentences, topic scores) is charged to the
first rule that asks for it, so a rule's figure can drop when an earlier rule is switched
off. `--cprofile` prints the functions with the most own time instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402
from lint import engine  # noqa: E402
from lint.engine import Linter, LintOptions  # noqa: E402


def timed(label: Callable[..., str], function: Callable[..., Any], totals: dict[str, float]) -> Callable[..., Any]:
    """`function`, adding its wall time to `totals[label(*args)]` on each call."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label(*args)] += time.perf_counter() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=100)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated rule ids to run (default: every default rule)")
    args = parser.parse_args()

    rng = random.Random(7)
    texts = [peers.article_text(rng, number) for number in range(args.count)]
    options = LintOptions(select=tuple(filter(None, args.only.split(",")))) if args.only else LintOptions()
    linter = Linter(options)
    path = Path("article.md")
    config = linter.config_for(path)
    settings = config.for_path(path)
    linter.lint_text(texts[0], "article.md", "md", config, settings)  # rules and dictionaries load once

    totals: dict[str, float] = defaultdict(float)
    if not args.cprofile:
        engine._run_rule = timed(lambda document, rule: rule.id, engine._run_rule, totals)  # type: ignore[assignment]
        engine.parse = timed(lambda *_: "(parse)", engine.parse, totals)  # type: ignore[assignment]
        engine.document_metrics = timed(lambda *_: "(metrics)", engine.document_metrics, totals)  # type: ignore[assignment]
    profile = cProfile.Profile() if args.cprofile else None
    started = time.perf_counter()
    if profile:
        profile.enable()
    for text in texts:
        linter.lint_text(text, "article.md", "md", config, settings)
    if profile:
        profile.disable()
    elapsed = time.perf_counter() - started

    words = len(texts[0].split())
    print(f"{args.count} articles of ~{words} words: {1000 * elapsed / args.count:.2f} ms/article in all")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
        return
    running = 0.0
    print(f"{'stage or rule':16} {'ms/article':>10} {'cumulative':>10}")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1])[: args.top]:
        running += seconds
        print(f"{name:16} {1000 * seconds / args.count:10.3f} {1000 * running / args.count:10.2f}")
    rest = elapsed - sum(totals.values())
    print(f"{'(engine rest)':16} {1000 * rest / args.count:10.3f}")


if __name__ == "__main__":
    main()
