"""Precision and recall of keyword-odd-position (KW001) on labelled sentences.

Each case of tests/data/keyword_sentences.toml is linted through the real engine and rule
file as a small Markdown article (the keyphrase in front matter, "# <keyphrase>", a context
paragraph, the sentence); a case
counts as flagged when KW001 reports a finding on the sentence's line.

    python tests/benchmarks/keyword_eval.py          # scores
    python tests/benchmarks/keyword_eval.py -v       # plus every miss and false alarm
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, Iterable, NamedTuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from lint.config import Config, FileSettings, Settings
from lint.engine import Linter, LintOptions

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "data" / "keyword_sentences.toml"
RULE = "KW001"
# keyword-title-fragment needs no keyphrase; scored with its keyphrase hand-off turned off.
FRAGMENT_RULE, FRAGMENT_SETTINGS = "KW002", {"KW002": {"skip-keyphrase": False}}


class Case(NamedTuple):
    keyphrase: str
    context: str
    sentence: str
    is_pasted: bool


class Score(NamedTuple):
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    misses: tuple[Case, ...]
    false_alarms: tuple[Case, ...]

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        pasted = self.true_positives + self.false_negatives
        return self.true_positives / pasted if pasted else 1.0


def load_cases(path: Path = CASES) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = []
    for group in data["group"]:
        for label, is_pasted in (("pasted", True), ("natural", False)):
            cases += [Case(group["keyphrase"], group.get("context", ""), text, is_pasted) for text in group[label]]
    return cases


def article(case: Case) -> tuple[str, int]:
    """The case as a Markdown article, and the 1-based line of its sentence."""
    quoted = case.keyphrase.replace("\\", "\\\\").replace('"', '\\"')
    lines = ["---", f'keyphrase: "{quoted}"', "---", "", f"# {case.keyphrase}", ""]
    if case.context:
        lines += [case.context, ""]
    return "\n".join(lines + [case.sentence, ""]), len(lines) + 1


def is_flagged(linter: Linter, config: Config, settings: FileSettings, case: Case, rule: str) -> bool:
    text, line = article(case)
    result = linter.lint_text(text, "case.md", "md", config, settings)
    if result.error:
        raise RuntimeError(result.error)
    return any(finding.rule_id == rule and finding.line == line for finding in result.findings)


def evaluate(cases: Iterable[Case], rule: str = RULE, rules: dict[str, Any] | None = None) -> Score:
    """Score `rule` (with `rules` settings, as in a config file) on `cases`."""
    config = Config(settings=Settings(packs=("keyword",)), root=ROOT)
    linter = Linter(LintOptions(select=(rule,), config=config))
    settings = FileSettings(rules=rules or {}, config_path=None)
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    misses: list[Case] = []
    false_alarms: list[Case] = []
    for case in cases:
        flagged = is_flagged(linter, config, settings, case, rule)
        if case.is_pasted:
            counts["tp" if flagged else "fn"] += 1
            if not flagged:
                misses.append(case)
        else:
            counts["fp" if flagged else "tn"] += 1
            if flagged:
                false_alarms.append(case)
    return Score(counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(misses), tuple(false_alarms))


def main(argv: list[str]) -> int:
    cases = load_cases()
    started = time.perf_counter()
    score = evaluate(cases)
    elapsed = time.perf_counter() - started
    positives = sum(case.is_pasted for case in cases)
    print(f"{RULE} on {len(cases)} sentences ({positives} pasted, {len(cases) - positives} natural)")
    print(f"precision {score.precision:.3f}  recall {score.recall:.3f}")
    print(
        f"tp {score.true_positives}  fp {score.false_positives}  fn {score.false_negatives}  tn {score.true_negatives}"
    )
    print(f"{1000 * elapsed / len(cases):.1f} ms per sentence article")
    fragment = evaluate(cases, FRAGMENT_RULE, FRAGMENT_SETTINGS)
    print(f"{FRAGMENT_RULE} (no keyphrase needed): precision {fragment.precision:.3f}  recall {fragment.recall:.3f}")
    if "-v" in argv:
        for case in score.misses:
            print(f"missed:      [{case.keyphrase}] {case.sentence}")
        for case in score.false_alarms:
            print(f"false alarm: [{case.keyphrase}] {case.sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
