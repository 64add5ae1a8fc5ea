"""occurrence: a pattern must appear at least `minimum` / at most `maximum` times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Literal

from lint.checks.patterns import compile_pattern
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE


@dataclass(frozen=True, slots=True)
class Options:
    tokens: Annotated[tuple[str, ...], FROM_FILE] = ()
    patterns: tuple[str, ...] = ()
    ignore_case: bool = True
    minimum: int | None = None
    maximum: int | None = None
    per: Literal["document", "block"] = "document"

    def __post_init__(self) -> None:
        if not self.tokens and not self.patterns:
            raise OptionError("tokens", "give at least one token or pattern")
        if self.minimum is None and self.maximum is None:
            raise OptionError("maximum", "give a minimum, a maximum or both")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise OptionError("minimum", "must not exceed maximum")


def prepare(options: Options) -> re.Pattern[str]:
    pattern = compile_pattern(options.tokens, options.patterns, ignore_case=options.ignore_case)
    assert pattern is not None
    return pattern


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Count matches per document or per block and report counts outside the bounds."""
    blocks = list(doc.blocks_in(rule.scope))
    groups = [[block] for block in blocks] if rule.options.per == "block" else [blocks]
    for group in groups:
        yield from _check_group(doc, rule, group)


def _check_group(doc: Document, rule: Any, blocks: list[Block]) -> Iterator[Finding]:
    matches = [(block, match) for block in blocks for match in rule.prepared.finditer(block.text)]
    count, options = len(matches), rule.options
    if options.maximum is not None and count > options.maximum:
        block, match = matches[options.maximum]
        yield rule.finding(
            doc, block.source_span(*match.span()), match=match.group(), count=count, limit=options.maximum
        )
    elif options.minimum is not None and count < options.minimum:
        span = blocks[0].source_extent if options.per == "block" and blocks else None
        yield rule.finding(doc, span, match="", count=count, limit=options.minimum)
