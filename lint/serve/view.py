"""What the page shows for a linted draft, built from the reporters' own pieces.

The report itself is the JSON reporter's data, byte for byte what `contentlint check
--format json` prints; the highlighted draft is the HTML report's source view; downloads
are the reporters' output. The page adds nothing but layout.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from lint.findings import SEVERITIES
from lint.reporters import EXTENSIONS, REPORTERS, ReportContext, render
from lint.reporters.html_figures import headline, value_text
from lint.reporters.html_overview import band
from lint.reporters.html_source import marks_for, render_source
from lint.reporters.json import report_data
from lint.score import CATEGORIES
from lint.serve.drafts import LintedDraft

DOWNLOADS = ("json", "markdown", "html")  # report formats the page offers
MARK_PREFIX = "d"  # marks are keyed d-f0, d-f1, ... in report order


def preload_reporters() -> None:
    """Import the download reporters now: the HTML one reads its assets on import, and a
    request must not read files."""
    for report_format in DOWNLOADS:
        importlib.import_module(REPORTERS[report_format].partition(":")[0])


def report_text(linted: LintedDraft, report_format: str, version: str) -> str:
    """The report exactly as `contentlint check --format <report_format>` renders it."""
    return render(report_format, [linted.result], ReportContext(version, linted.rules))


def download_name(linted: LintedDraft, report_format: str) -> str:
    stem = linted.result.path.rsplit(".", 1)[0] or "draft"
    return f"contentlint-{stem}.{EXTENSIONS[report_format]}"


def view_data(linted: LintedDraft, version: str) -> dict[str, Any]:
    """The report plus what the page needs to show it: highlights, offsets, figures, docs."""
    result = linted.result
    report = report_data([result], ReportContext(version, linted.rules))
    source = result.source or ""
    findings = result.findings
    entry: Mapping[str, Any] = report["files"][0]  # type: ignore[index]
    score = entry.get("score")
    return {
        "report": report,
        "highlighted": render_source(source, marks_for(findings, MARK_PREFIX, len(source))) if result.error is None else "",
        "spans": [[finding.start, finding.end] for finding in findings],  # code points, like the marks
        "band": band(score) if isinstance(score, int) else None,
        "category_bands": {name: band(value) for name, value in (entry.get("category_scores") or {}).items()},
        "figures": [[title, value_text(value)] for title, value in headline(result.metrics).items()],
        "audience": _audience(result.metrics),
        "categories": list(CATEGORIES),
        "severities": list(SEVERITIES),
        "rules": _rule_docs(linted),
    }


def _audience(metrics: Mapping[str, Any]) -> dict[str, str] | None:
    readability = metrics.get("readability")
    if not isinstance(readability, Mapping) or "audience" not in readability:
        return None
    return {"name": str(readability["audience"]), "source": str(readability.get("audience_source", ""))}


def _rule_docs(linted: LintedDraft) -> dict[str, dict[str, str]]:
    """Why and fix of each rule with a finding (the page shows them next to the finding)."""
    docs = {}
    for rule_id in sorted({finding.rule_id for finding in linted.result.findings}):
        rule = linted.rules.get(rule_id)
        if rule is not None:
            docs[rule_id] = {"why": rule.docs.why.strip(), "fix": rule.docs.fix.strip()}
    return docs
