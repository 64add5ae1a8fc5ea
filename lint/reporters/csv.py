"""CSV for spreadsheets: `csv` has one row per finding, `csv-summary` one row per article.

UTF-8, comma-separated, a header row, LF line ends, fields quoted when needed. A cell from
the article that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets
a leading apostrophe, the usual guard against CSV injection.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

from lint.engine import FileResult
from lint.reporters import ReportContext, severity_counts
from lint.score import CATEGORIES, article_scores

FINDING_COLUMNS = (
    "path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message", "text", "suggestion",
)
SUMMARY_COLUMNS = (
    "path", "format", "keyphrase", "score", "errors", "warnings", "infos", "findings", "words",
    *(f"{category}_score" for category in CATEGORIES), *(f"{category}_findings" for category in CATEGORIES), "error",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    return rows_text([columns], escape=False) + rows_text(rows)


def rows_text(rows: Iterable[Sequence[object]], *, escape: bool = True) -> str:
    """CSV lines for `rows`; cells from articles are escaped (lint.streaming writes these per file)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([safe(value) for value in row] if escape else row for row in rows)
    return buffer.getvalue()


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return table(FINDING_COLUMNS, finding_rows(results))


def finding_rows(results: Sequence[FileResult]) -> Iterable[Sequence[object]]:
    for result in results:
        if result.error is not None:
            yield (result.path, "", "", "", "", "", "", "", "error", f"could not be linted: {result.error}", "", "")
        for f in result.findings:
            yield (
                f.path, f.line, f.column, f.end_line, f.end_column, f.rule_id, f.name, f.category, f.severity,
                f.message, f.text, f.suggestion or "",
            )


def render_summary(results: Sequence[FileResult], context: ReportContext) -> str:
    return table(SUMMARY_COLUMNS, summary_rows(results))


def summary_rows(results: Sequence[FileResult]) -> Iterable[Sequence[object]]:
    return (_summary_row(result) for result in results)


def _summary_row(result: FileResult) -> Sequence[object]:
    if result.error is not None:
        blanks = [""] * (len(SUMMARY_COLUMNS) - 3)
        return (result.path, result.format or "", *blanks, result.error)
    scores = article_scores(result.findings)
    categories = scores["categories"]
    assert isinstance(categories, dict)
    counts = severity_counts(result)
    per_category = [sum(1 for f in result.findings if f.category == category) for category in CATEGORIES]
    return (
        result.path, result.format, result.keyphrase or "", scores["score"], counts["error"], counts["warning"],
        counts["info"], len(result.findings), result.metrics.get("words", ""),
        *(categories[category] for category in CATEGORIES), *per_category, "",
    )
