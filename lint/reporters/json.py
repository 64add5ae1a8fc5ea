"""JSON report, schema version 1 (lint/schemas/report.schema.json)."""

from __future__ import annotations

import json
from typing import Sequence

from lint.engine import FileResult
from lint.reporters import ReportContext, summary

SCHEMA_VERSION = 1


def report_data(results: Sequence[FileResult], context: ReportContext) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "contentlint", "version": context.version},
        "files": [result.as_dict() for result in results],
        "summary": summary(results),
    }


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json.dumps(report_data(results, context), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
