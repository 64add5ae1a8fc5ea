"""JSON Lines: one line per file, each the same object as an entry of the JSON report's
`files` (with its score). Written as the run goes, so a corpus of any size streams."""

from __future__ import annotations

import json
from typing import Sequence

from lint.engine import FileResult
from lint.reporters import ReportContext
from lint.reporters.json import file_data


def line(result: FileResult) -> str:
    text = json.dumps(file_data(result), sort_keys=True, ensure_ascii=False)
    # Escaped, so readers that split lines at every Unicode line break still see one object a line.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return "".join(line(result) for result in results)
