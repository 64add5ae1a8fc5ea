"""Reporters: each module's `render(results, context) -> str` is pure and deterministic."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from lint.engine import FileResult
from lint.findings import SEVERITIES

REPORTERS = {"text": "lint.reporters.text", "json": "lint.reporters.json"}


@dataclass(frozen=True)
class ReportContext:
    version: str
    rules: Mapping[str, Any]  # rule id → Rule, for reporters that describe rules
    color: bool = False
    quiet: bool = False


def render(name: str, results: Sequence[FileResult], context: ReportContext) -> str:
    module = importlib.import_module(REPORTERS[name])
    output: str = module.render(results, context)
    return output


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
