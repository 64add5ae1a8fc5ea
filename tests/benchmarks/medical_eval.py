"""Measure the YMYL packs: topic detection and disclaimer recognition, precision and recall.

Run from the repository root:  python tests/benchmarks/medical_eval.py [-v]

* Topic detection: every article under tests/fixtures/medical/topics/*medical/ must be classed
  medical, every one under .../*other/ must not; articles named finance-* must be classed
  finance and no other article may be. The detectors are the ones MED001 and FIN001 use.
  "tuning" articles were used to set the lexicons and thresholds; "held-out" articles were
  written afterwards and are reported separately.
* Disclaimer recognition: tests/fixtures/medical/disclaimers.toml lists real-world phrasings
  that must count as a medical disclaimer and near misses that must not (tuning and held-out).
* Timing: the medical and finance packs over the seed article in all three formats.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lint.checks import ymyl_disclaimer, ymyl_topic
from lint.document import Block, Document
from lint.parsers import format_for, parse
from lint.rules import Rule, load_rules
from lint.text import verbatim

TOPICS = ROOT / "tests" / "fixtures" / "medical" / "topics"
DISCLAIMERS = ROOT / "tests" / "fixtures" / "medical" / "disclaimers.toml"
SEEDS = [ROOT / "samples" / f"do-neurologists-do-botox.{ext}" for ext in ("txt", "md", "html")]


def rule(rule_id: str) -> Rule[Any, Any]:
    pack = "medical" if rule_id.startswith("MED") else "finance"
    return next(r for r in load_rules([ROOT / "rules" / pack]) if r.id == rule_id)


SETS = {"tuning": ("medical", "other"), "held-out": ("holdout-medical", "holdout-other")}


def topic_articles(folders: tuple[str, ...]) -> list[tuple[Path, bool, bool]]:
    """(path, is medical, is finance) for every topic fixture in `folders`."""
    found = []
    for label in folders:
        for path in sorted((TOPICS / label).iterdir()):
            if format_for(path.name):
                found.append((path, label.endswith("medical"), path.name.startswith("finance-")))
    return found


def load(path: Path) -> Document:
    fmt = format_for(path.name)
    assert fmt is not None
    return parse(path.read_text(encoding="utf-8"), str(path), fmt)


def precision_recall(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, false positives, false negatives) of (expected, got)."""
    tp = fp = fn = 0
    for expected, got in pairs:
        tp += expected and got
        fp += got and not expected
        fn += expected and not got
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def topic_report(verbose: bool) -> None:
    for name, folders in SETS.items():
        print(f"[{name}]")
        topic_set_report(topic_articles(folders), verbose)


def topic_set_report(articles: list[tuple[Path, bool, bool]], verbose: bool) -> None:
    medical, finance = rule("MED001"), rule("FIN001")
    medical_pairs, finance_pairs = [], []
    for path, is_medical, is_finance in articles:
        doc = load(path)
        med = ymyl_topic.detected(doc, medical.prepared.topic)
        fin = ymyl_topic.detected(doc, finance.prepared.topic)
        medical_pairs.append((is_medical, med.is_topic))
        finance_pairs.append((is_finance, fin.is_topic))
        if verbose or med.is_topic != is_medical or fin.is_topic != is_finance:
            flag = "" if (med.is_topic, fin.is_topic) == (is_medical, is_finance) else "  <-- WRONG"
            print(f"  {path.parent.name}/{path.name:34} medical {med.score:6.2f} ({med.strong_terms:2} strong) "
                  f"finance {fin.score:6.2f} ({fin.strong_terms:2} strong){flag}")
    for name, pairs in (("medical", medical_pairs), ("finance", finance_pairs)):
        precision, recall, tp, fp, fn = precision_recall(pairs)
        print(f"topic {name:8} n={len(pairs):3}  precision {precision:.2f}  recall {recall:.2f}  (tp {tp}, fp {fp}, fn {fn})")


def phrase_block(text: str) -> Block:
    body, runs = verbatim(text, 0)
    return Block("paragraph", body, runs)


def disclaimer_report(verbose: bool) -> None:
    data = tomllib.loads(DISCLAIMERS.read_text(encoding="utf-8"))
    for name, prefix in (("tuning", ""), ("held-out", "holdout-")):
        print(f"[{name}]")
        disclaimer_set_report(data[f"{prefix}count"], data[f"{prefix}near-misses"], verbose)


def disclaimer_set_report(positives: list[str], near_misses: list[str], verbose: bool) -> None:
    med = rule("MED001")
    phrasings, max_words = med.prepared.phrasings, med.options.max_block_words
    pairs = []
    for expected, texts in ((True, positives), (False, near_misses)):
        for text in texts:
            got = ymyl_disclaimer.is_disclaimer(phrase_block(text), phrasings, max_words)
            pairs.append((expected, got))
            if got != expected or verbose:
                print(f"  {'ok' if got == expected else 'missed' if expected else 'false disclaimer'}: {text}")
    precision, recall, tp, fp, fn = precision_recall(pairs)
    print(f"disclaimer       n={len(pairs):3}  precision {precision:.2f}  recall {recall:.2f}  (tp {tp}, fp {fp}, fn {fn})")


def timing_report(repeats: int = 20) -> None:
    from lint.config import Config, FileSettings
    from lint.engine import Linter, LintOptions

    config = Config(root=ROOT)
    linter = Linter(LintOptions(select=("medical", "finance"), config=config))
    settings = FileSettings(rules={}, config_path=None)
    for path in SEEDS:
        text, fmt = path.read_text(encoding="utf-8"), format_for(path.name) or "txt"
        linter.lint_text(text, str(path), fmt, config, settings)  # warm up: rule loading, imports
        parse_ms = _mean_ms(lambda: parse(text, str(path), fmt), repeats)
        total_ms = _mean_ms(lambda: linter.lint_text(text, str(path), fmt, config, settings), repeats)
        print(f"timing  {path.name:32} parse {parse_ms:5.1f} ms, medical+finance rules {total_ms - parse_ms:5.1f} ms")


def _mean_ms(action: Callable[[], object], repeats: int) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        action()
    return (time.perf_counter() - start) / repeats * 1000


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    topic_report(verbose)
    disclaimer_report(verbose)
    timing_report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
