"""JSON report, schema version 1 (lint/schemas/report.schema.json)."""

from __future__ import annotations

import json
from typing import Sequence

from lint.engine import FileResult
from lint.reporters import ReportContext, summary
from lint.score import article_scores

SCHEMA_VERSION = 1


def report_data(results: Sequence[FileResult], context: ReportContext) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "contentlint", "version": context.version},
        "files": [file_data(result) for result in results],
        "summary": summary(results),
    }


def file_data(result: FileResult) -> dict[str, object]:
    """A file's entry, with its quality score (null when it could not be linted)."""
    data = result.as_dict()
    scores = article_scores(result.findings) if result.error is None else {"score": None, "categories": None}
    data["score"], data["category_scores"] = scores["score"], scores["categories"]
    return data


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json.dumps(report_data(results, context), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
