"""Human-readable report: one line per finding, the source line with a caret underline."""

from __future__ import annotations

import re
from typing import Sequence

import click

from lint.engine import FileResult
from lint.findings import Finding
from lint.reporters import ReportContext, severity_counts, summary

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
# Lines as lint.document.LineIndex counts them (str.splitlines also splits at \f, \x1c…).
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
TAB_WIDTH = 1  # tabs are shown as one space so the caret stays under the right character
# Lines longer than this (minified HTML, pasted data) are shown cut to a window around the
# finding: the whole line under each of many findings would make the report quadratic in it.
LONG_LINE = 2000
WINDOW_CONTEXT = 120  # characters kept either side of a finding on a long line
ELLIPSIS = "…"


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines: list[str] = []
    for result in results:
        lines.extend(file_lines(result, context))
    lines.append(overall(summary(results), context))
    return "\n".join(lines) + "\n"


def file_lines(result: FileResult, context: ReportContext) -> list[str]:
    """A file's part of the report (lint.streaming writes it as soon as the file is done)."""
    if result.error is not None:
        return [_style(_printable(f"{result.path}: error: {result.error}"), "red", context, bold=True)]
    lines = []
    source_lines = _LINE_BREAK.split(result.source or "")
    for finding in result.findings:
        lines.append(_headline(finding, context))
        if not context.quiet:
            lines.extend(_excerpt(finding, source_lines, context))
            if finding.suggestion:
                lines.append(f"      = suggestion: {finding.suggestion}")
    if result.findings and not context.quiet:
        counts = severity_counts(result)
        lines.append(f"{result.path}: {_counts_text(counts['error'], counts['warning'], counts['info'])}")
        lines.append("")
    return lines


def _headline(finding: Finding, context: ReportContext) -> str:
    location = f"{finding.path}:{finding.line}:{finding.column}:"
    severity = _style(finding.severity, COLORS[finding.severity], context, bold=True)
    rule = _style(finding.rule_id, "cyan", context)
    message = _printable(finding.message)
    return f"{_style(_printable(location), None, context, bold=True)} {severity} {rule} {message} [{finding.name}]"


def _printable(text: str) -> str:
    """`text` with control characters shown as U+FFFD: an article (or its file name) must not
    send escape sequences to the terminal. One character each, so carets stay aligned."""
    return _CONTROL.sub("\ufffd", text)


def _excerpt(finding: Finding, source_lines: list[str], context: ReportContext) -> list[str]:
    if not 0 < finding.line <= len(source_lines):
        return []
    line = source_lines[finding.line - 1]
    last = finding.end_column if finding.end_line == finding.line else len(line)
    line, first, last = window(line, finding.column, last)
    line = _printable(line.replace("\t", " " * TAB_WIDTH))
    width = max(1, last - first + 1)
    gutter = f"{finding.line:>5} | "
    marker = " " * (first - 1) + "^" * width
    return [gutter + line, " " * (len(gutter) - 2) + "| " + _style(marker, COLORS[finding.severity], context)]


def window(line: str, first: int, last: int) -> tuple[str, int, int]:
    """`line` and the 1-based columns `first`..`last` (inclusive) in it; a line over LONG_LINE
    characters cut to WINDOW_CONTEXT characters either side of them (at most LONG_LINE in
    all), with an ellipsis where it was cut, and the columns moved to match."""
    if len(line) <= LONG_LINE:
        return line, first, last
    start = max(0, first - 1 - WINDOW_CONTEXT)
    end = min(len(line), max(first, last) + WINDOW_CONTEXT, start + LONG_LINE)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(line) else ""
    shift = start - len(prefix)
    return prefix + line[start:end] + suffix, first - shift, min(last, end) - shift


def overall(counts: dict[str, int], context: ReportContext) -> str:
    """The run's last line, from `summary` counts."""
    files = f"{counts['files']} file{'s' if counts['files'] != 1 else ''} checked"
    text = f"{files}: {_counts_text(counts['errors'], counts['warnings'], counts['infos'])}"
    if counts["unreadable"]:
        text += f"; {counts['unreadable']} could not be linted"
    return _style(text, None, context, bold=True)


def _counts_text(errors: int, warnings: int, infos: int) -> str:
    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return ", ".join((plural(errors, "error"), plural(warnings, "warning"), plural(infos, "info")))


def _style(text: str, color: str | None, context: ReportContext, *, bold: bool = False) -> str:
    return click.style(text, fg=color, bold=bold) if context.color else text
