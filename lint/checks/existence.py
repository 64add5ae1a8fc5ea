"""existence: words, phrases or patterns that should not appear in the rule's scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator

from lint.checks.patterns import PhraseScreen, block_words, screen_pattern
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE

_TRAILING = re.compile(r"[\s.:!?…\-–—|]*$")


@dataclass(frozen=True, slots=True)
class Options:
    tokens: Annotated[tuple[str, ...], FROM_FILE] = ()
    patterns: tuple[str, ...] = ()
    ignore_case: bool = True
    # Only when the phrase is the whole block ("Leave a Comment" as a line, not in prose).
    whole_block: bool = False

    def __post_init__(self) -> None:
        if not self.tokens and not self.patterns:
            raise OptionError("tokens", "give at least one token or pattern")


def prepare(options: Options) -> PhraseScreen:
    screen = screen_pattern(options.tokens, options.patterns, ignore_case=options.ignore_case)
    assert screen is not None  # __post_init__ requires a token or pattern
    return screen


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each forbidden token inside the rule's scope."""
    screen: PhraseScreen = rule.prepared
    if not screen.may_match_in(doc):
        return
    for block in doc.blocks_in(rule.scope):
        if rule.options.whole_block:  # only a match at the start can cover the block
            # An anchored match costs less than the screen; where the screen rules the
            # phrases out, `pattern` matches just what `rest` does.
            first = screen.pattern.match(block.text)
            matches = [first] if first is not None and _is_whole_block(block.text, first) else []
        else:
            words = block_words(doc, block) if screen.key_words is not None else None
            matches = list(screen.finditer(block.text, words))
        for match in matches:
            yield rule.finding(doc, block.source_span(*match.span()), match=match.group())


def _is_whole_block(text: str, match: re.Match[str]) -> bool:
    return match.start() == 0 and _TRAILING.match(text, match.end()) is not None
