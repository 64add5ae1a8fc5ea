"""Per-article cost of the readability pack: every readability rule plus its metrics.

Not part of the test run. Usage: python tests/benchmarks/readability_bench.py [ROUNDS]
Each round parses every sample afresh (so per-document caches start empty) and times only
the pack's work: the rules and the `metrics` hook, as the engine runs them. "cold" also
clears textstat's own string caches first, as for an article whose words were never seen;
"warm" is a batch of similar articles. For comparison it times what the issue measured:
textstat's seven formulas called on each section's prose. Each column shows the best and
the median round (the best is the cost on an idle machine; the median shows the noise).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from textstat.backend import counts, metrics, selections, transformations, validations  # noqa: E402
from textstat.textstat import textstatistics  # noqa: E402

from lint.checks.readability_prose import sections  # noqa: E402
from lint.config import Config, Settings  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import document_metrics, run_rules  # noqa: E402
from lint.rule_sets import pack_dirs  # noqa: E402
from lint.parsers import parse  # noqa: E402
from lint.rules import load_rules  # noqa: E402

SAMPLES = ROOT / "samples"
ARTICLES = [
    SAMPLES / "do-neurologists-do-botox.txt",
    SAMPLES / "do-neurologists-do-botox.md",
    SAMPLES / "do-neurologists-do-botox.html",
    *sorted((SAMPLES / "clean").glob("neurologists-and-botox.*")),
]
FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "gunning_fog",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)


def clear_textstat_caches() -> None:
    for module in (counts, metrics, selections, transformations, validations):
        for name in dir(module):
            cache_clear = getattr(getattr(module, name), "cache_clear", None)
            if callable(cache_clear) and name != "get_cmudict":  # the dictionary stays loaded
                cache_clear()


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def pack_cost(path: Path, rules: tuple[Any, ...], cold: bool) -> float:
    document = parse(path.read_text(encoding="utf-8"), str(path), path.suffix[1:])
    if cold:
        clear_textstat_caches()
    return timed(lambda: (run_rules(document, rules), document_metrics(document, rules)))


def naive_cost(document: Document) -> float:
    """textstat's seven formulas on each section's text, as a one-call-per-section design would."""
    clear_textstat_caches()
    counter = textstatistics()
    texts = [" ".join(sentence.text for sentence in section.sentences) for section in sections(document)]
    return timed(lambda: [getattr(counter, name)(text) for text in texts for name in FORMULAS])


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rules = load_rules(pack_dirs(Config(settings=Settings(packs=("readability",)), root=ROOT)))
    pack_cost(ARTICLES[0], rules, cold=True)  # load CMUdict and the rules once, as a long run would
    print(f"readability pack ({len(rules)} rules + metrics), {rounds} rounds, ms per article: best / median")
    print(f"{'article':40} {'words':>5} {'pack, cold':>13} {'pack, warm':>13} {'textstat x7/section':>20}")
    for path in ARTICLES:
        source = path.read_text(encoding="utf-8")
        words = len(parse(source, str(path), path.suffix[1:]).words)
        cold = [pack_cost(path, rules, cold=True) for _ in range(rounds)]
        warm = [pack_cost(path, rules, cold=False) for _ in range(rounds)]
        naive = [naive_cost(parse(source, str(path), path.suffix[1:])) for _ in range(rounds)]
        columns = " ".join(f"{min(times):6.1f}/{statistics.median(times):<6.1f}" for times in (cold, warm, naive))
        print(f"{path.relative_to(SAMPLES).as_posix():40} {words:5d} {columns}")


if __name__ == "__main__":
    main()
