"""flattened_table: a table pasted as plain lines, its rows and columns lost.

The parsers mark such lines as `table-row` blocks with `flattened = "1"` (see
`lint.parsers.common.looks_like_table_rows`); this kind reports each run of them once, at
the first row, with a span covering the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.text import Span

HEADER_PREVIEW_CHARS = 60


@dataclass(frozen=True, slots=True)
class Options:
    # The parsers need three lines to call a run a table; a higher bound reports fewer.
    min_rows: int = 3

    def __post_init__(self) -> None:
        if self.min_rows < 2:
            raise OptionError("min-rows", "must be at least 2")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """One finding per run of flattened rows, spanning the run."""
    for rows in flattened_runs(doc):
        if len(rows) < rule.options.min_rows:
            continue
        span = Span(rows[0].source_extent.start, rows[-1].source_extent.end)
        header = rows[0].text if len(rows[0].text) <= HEADER_PREVIEW_CHARS else rows[0].text[:HEADER_PREVIEW_CHARS] + "…"
        yield rule.finding(doc, span, rows=len(rows), header=header)


def flattened_runs(doc: Document) -> Iterator[list[Block]]:
    """Consecutive flattened table rows, grouped; a non-row block or a new header row ends a run."""
    run: list[Block] = []
    for block in doc.article_blocks:
        if block.kind == "link-text":
            continue  # a link inside a row is a view onto the row, not a break in the table
        is_row = block.kind == "table-row" and block.attrs.get("flattened") == "1"
        if run and (not is_row or block.attrs.get("row") == "0"):
            yield run
            run = []
        if is_row:
            run.append(block)
    if run:
        yield run
