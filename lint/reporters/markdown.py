"""A Markdown report for a pull-request comment or a job summary.

Totals, a table of files with their quality scores, then per file a collapsed section with
its findings; rules are explained once at the end. Every string from the input is escaped
so an article cannot inject markup, links or @mentions into the comment.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from lint.engine import FileResult
from lint.findings import Finding
from lint.reporters import ReportContext, documenting_rule, finding_names, severity_counts, summary
from lint.score import article_scores

MAX_ROWS_PER_FILE = 100
MAX_LENGTH = 60_000  # GitHub rejects comments over 65,536 characters
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~]")  # what could start markup inside a table cell
_SPACE = re.compile(r"\s+")
_ENTITIES = {"<": "&lt;", ">": "&gt;"}


def cell(text: str) -> str:
    """Text safe in a table cell: one line, HTML and Markdown punctuation escaped."""
    text = _SPACE.sub(" ", text).strip().replace("&", "&amp;")
    escaped = _SPECIAL.sub(lambda match: _ENTITIES.get(match.group(), "\\" + match.group()), text)
    return escaped.replace("@", "@\u200b")  # no @mentions from article text


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(plural(counts[severity], severity) for severity in ("error", "warning", "info"))


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    parts = [_totals(results, context), _files_table(results)]
    sections = [section for section in map(_file_section, results) if section]
    length = sum(map(len, parts))
    for index, section in enumerate(sections):
        if length + len(section) > MAX_LENGTH:
            parts.append(f"*Findings of {plural(len(sections) - index, 'more file')} not shown; see the full report.*\n")
            break
        parts.append(section)
        length += len(section)
    parts.append(_rules_section(results, context))
    return "\n".join(part for part in parts if part)


def _totals(results: Sequence[FileResult], context: ReportContext) -> str:
    counts = summary(results)
    line = f"**{plural(counts['files'], 'file')} checked:** {counts['errors']} errors, {counts['warnings']} warnings, {counts['infos']} infos"
    if counts["unreadable"]:
        line += f"; {counts['unreadable']} could not be linted"
    return f"## contentlint report\n\n{line} (contentlint {cell(context.version)})\n"


def _files_table(results: Sequence[FileResult]) -> str:
    rows = ["| File | Score | Errors | Warnings | Infos |", "|---|---:|---:|---:|---:|"]
    for result in results:
        if result.error is not None:
            rows.append(f"| {cell(result.path)} | – | could not be linted: {cell(result.error)} | | |")
            continue
        counts = severity_counts(result)
        score = article_scores(result.findings)["score"]
        rows.append(f"| {cell(result.path)} | {score} | {counts['error']} | {counts['warning']} | {counts['info']} |")
    note = "Quality score: 0–100, 100 means no findings (see the README, \"Quality score\")."
    return "\n".join(rows) + f"\n\n{note}\n"


def _file_section(result: FileResult) -> str:
    if result.error is not None or not result.findings:
        return ""
    scores = article_scores(result.findings)
    summary_line = f"<strong>{cell(result.path)}</strong>: score {scores['score']}/100, {counts_text(severity_counts(result))}"
    lines = ["<details>", f"<summary>{summary_line}</summary>", "", _category_line(scores["categories"]), ""]
    lines += ["| Line | Severity | Rule | Message |", "|---:|---|---|---|"]
    lines += [_row(finding) for finding in result.findings[:MAX_ROWS_PER_FILE]]
    hidden = len(result.findings) - MAX_ROWS_PER_FILE
    if hidden > 0:
        lines.append(f"\n*{plural(hidden, 'more finding')} not shown.*")
    return "\n".join(lines + ["", "</details>", ""])


def _category_line(categories: Any) -> str:
    below = [f"{name} {value}" for name, value in categories.items() if value < 100]
    return "Category scores: " + (", ".join(below) + "; others 100." if below else "all 100.")


def _row(finding: Finding) -> str:
    message = cell(finding.message)
    if finding.suggestion:
        message += f" Suggestion: {cell(finding.suggestion)}"
    return f"| {finding.line}:{finding.column} | {finding.severity} | {cell(finding.rule_id)} {cell(finding.name)} | {message} |"


def _rules_section(results: Sequence[FileResult], context: ReportContext) -> str:
    names = finding_names(results)
    if not names:
        return ""
    items: list[str] = []
    described: set[str] = set()
    for rule_id in sorted(names):
        rule = documenting_rule(context.rules, rule_id, names[rule_id])
        if rule is not None and rule.id not in described:  # grammar/* findings share GR001's docs
            described.add(rule.id)
            items.append(f"- **{cell(rule.id)} {cell(rule.name)}** ({rule.category}, {rule.severity}): {cell(rule.docs.why)} *Fix:* {cell(rule.docs.fix)}")
    if not items:
        return ""
    return "<details>\n<summary>Rules in this report</summary>\n\n" + "\n".join(items) + "\n\n</details>\n"
