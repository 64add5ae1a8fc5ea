"""Reporters: each module's `render(results, context) -> str` is pure and deterministic."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from lint.findings import SEVERITIES

if TYPE_CHECKING:  # the CLI imports this module for REPORTERS; keep that import light
    from lint.engine import FileResult

REPORTERS = {
    "text": "lint.reporters.text",
    "json": "lint.reporters.json",
    "html": "lint.reporters.html",
    "sarif": "lint.reporters.sarif",
    "github": "lint.reporters.github",
    "junit": "lint.reporters.junit",
    "markdown": "lint.reporters.markdown",
    "csv": "lint.reporters.csv",
    "csv-summary": "lint.reporters.csv:render_summary",  # module:function when not `render`
    "jsonl": "lint.reporters.jsonl",
}
# File names under --output-dir (and in tests/golden/<format>/); others get contentlint.<format>.
EXTENSIONS = {
    "text": "txt", "json": "json", "html": "html", "sarif": "sarif", "github": "github.txt",
    "junit": "junit.xml", "markdown": "md", "csv": "csv", "csv-summary": "summary.csv", "jsonl": "jsonl",
}


@dataclass(frozen=True)
class ReportContext:
    version: str
    rules: Mapping[str, Any]  # rule id → Rule, for reporters that describe rules
    color: bool = False
    quiet: bool = False


def render(name: str, results: Sequence[FileResult], context: ReportContext) -> str:
    module_name, _, function = REPORTERS[name].partition(":")
    module = importlib.import_module(module_name)
    output: str = getattr(module, function or "render")(results, context)
    return output


def extension(name: str) -> str:
    return EXTENSIONS.get(name, name)


def documenting_rule(rules: Mapping[str, Any], rule_id: str, name: str) -> Any | None:
    """The rule that documents findings `rule_id` (named `name`): its own entry, else, for a
    per-finding id such as `grammar/EN_A_VS_AN`, the rule that emitted it (same name)."""
    rule = rules.get(rule_id)
    if rule is None and "/" in rule_id:
        rule = next((candidate for candidate in rules.values() if candidate.name == name), None)
    return rule


def finding_names(results: Iterable[FileResult]) -> dict[str, str]:
    """Each finding rule id → the name its findings carry (to look up `documenting_rule`)."""
    return {finding.rule_id: finding.name for result in results for finding in result.findings}


def summary(results: Iterable[FileResult]) -> dict[str, int]:
    counts = {"files": 0, "errors": 0, "warnings": 0, "infos": 0, "unreadable": 0}
    for result in results:
        counts["files"] += 1
        counts["unreadable"] += result.error is not None
        for finding in result.findings:
            counts[finding.severity + "s"] += 1
    return counts


def severity_counts(result: FileResult) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in result.findings:
        counts[finding.severity] += 1
    return counts
