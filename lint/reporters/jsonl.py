"""JSON Lines: one line per file, each the same object as an entry of the JSON report's
`files` (with its score). Written as the run goes, so a corpus of any size streams."""

from __future__ import annotations

import json
from typing import Sequence

from lint.engine import FileResult
from lint.reporters import ReportContext
from lint.reporters.json import file_data


def line(result: FileResult) -> str:
    return json.dumps(file_data(result), sort_keys=True, ensure_ascii=False) + "\n"


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return "".join(line(result) for result in results)
