"""GitHub Actions workflow commands, so findings show inline on a pull request.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; columns are 1-based
code points and `endColumn` is the last character (inclusive). Values are escaped as the
runner expects: `%`, CR and LF everywhere, plus `:` and `,` inside properties. The job
summary (`$GITHUB_STEP_SUMMARY`) is the Markdown report, written by the CLI.
"""

from __future__ import annotations

import posixpath
from typing import Sequence

from lint.engine import FileResult
from lint.findings import Finding
from lint.reporters import ReportContext, summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_LIMIT = 1024 * 1024 - 1024  # GitHub rejects a step summary over 1 MiB


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str) -> str:
    """Paths relative to the workspace, as GitHub matches them ("./a.md" → "a.md")."""
    return path if path.startswith(("/", "<")) else posixpath.normpath(path.replace("\\", "/"))


def command(kind: str, properties: Sequence[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties)
    return f"::{kind} {props}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    properties = (
        ("file", display_path(finding.path)),
        ("line", finding.line),
        ("col", finding.column),
        ("endLine", finding.end_line),
        ("endColumn", finding.end_column),
        ("title", f"{finding.rule_id} {finding.name}"),
    )
    return command(COMMANDS[finding.severity], properties, finding.message)


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines = [line for result in results for line in file_lines(result)]
    lines.append(overall(summary(results), context))
    return "\n".join(lines) + "\n"


def file_lines(result: FileResult) -> list[str]:
    """A file's annotations (lint.streaming writes them as soon as the file is done)."""
    lines = []
    if result.error is not None:
        properties = (("file", display_path(result.path)), ("title", "contentlint"))
        lines.append(command("error", properties, f"could not be linted: {result.error}"))
    lines.extend(annotation(finding) for finding in result.findings)
    return lines


def overall(counts: dict[str, int], context: ReportContext) -> str:
    files = f"{counts['files']} file{'' if counts['files'] == 1 else 's'}"
    return (
        f"contentlint {context.version}: {files} checked: {counts['errors']} errors, "
        f"{counts['warnings']} warnings, {counts['infos']} infos"
    )


def step_summary(markdown: str) -> str:
    """The Markdown report cut to what a step summary may hold."""
    if len(markdown.encode("utf-8")) <= SUMMARY_LIMIT:
        return markdown
    cut = markdown.encode("utf-8")[:SUMMARY_LIMIT].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1] + "\n*Report truncated: see the full report in the job log or artifacts.*\n"
