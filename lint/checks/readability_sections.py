"""section_length: paragraphs, sections and whole texts that run too long for the web.

`unit = "paragraph"`: a block of the rule's scope over `max-words` words (Yoast: 150).
`unit = "section"`: a stretch of prose between subheadings (headings other than the title,
and FAQ questions) over `max-words` (Yoast: 300); skipped when the text has no subheading
at all, which `unit = "document"` reports once instead (a wall of text over `max-words`).
A reference list ("References", "Sources") is not prose to scan, so it is never reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Literal

from lint.checks.readability_audience import AudienceOptions, threshold
from lint.checks.readability_prose import (
    has_subheadings,
    is_citation_heading,
    is_subheading,
)
from lint.document import Block, Document
from lint.findings import Finding

PROFILE_KEYS = {"paragraph": "max-paragraph-words", "section": "max-section-words", "document": "max-section-words"}


@dataclass(frozen=True, slots=True)
class Options(AudienceOptions):
    unit: Literal["paragraph", "section", "document"] = "paragraph"
    max_words: int | None = None  # None takes the audience profile's value for the unit

    def __post_init__(self) -> None:
        AudienceOptions.__post_init__(self)
        self.require(PROFILE_KEYS[self.unit], self.max_words)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    options: Options = rule.options
    limit = int(threshold(doc, options, PROFILE_KEYS[options.unit], options.max_words))
    if options.unit == "paragraph":
        yield from _long_paragraphs(doc, rule, limit)
    elif options.unit == "section":
        yield from _long_sections(doc, rule, limit)
    else:
        yield from _wall_of_text(doc, rule, limit)


def _long_paragraphs(doc: Document, rule: Any, limit: int) -> Iterator[Finding]:
    for block in doc.blocks_in(rule.scope):
        if block.word_count > limit:
            yield rule.finding(doc, block.source_extent, count=block.word_count, limit=limit, heading="")


def _long_sections(doc: Document, rule: Any, limit: int) -> Iterator[Finding]:
    if not has_subheadings(doc):
        return
    for anchor, blocks in _runs(doc, rule):
        count = sum(block.word_count for block in blocks)
        if count > limit and not (anchor is not None and is_citation_heading(anchor)):
            name = f"'{anchor.text}'" if anchor is not None else "The opening text"
            span = (anchor or blocks[0]).source_extent
            yield rule.finding(doc, span, count=count, limit=limit, heading=name)


def _runs(doc: Document, rule: Any) -> Iterator[tuple[Block | None, list[Block]]]:
    """Prose blocks between subheadings, each with the subheading it follows (None: the top)."""
    title, scope = doc.title_block, set(doc.blocks_in(rule.scope))
    anchor: Block | None = None
    blocks: list[Block] = []
    for block in doc.article_blocks:
        if is_subheading(block, title):
            if blocks:
                yield anchor, blocks
            anchor, blocks = block, []
        elif block in scope:
            blocks.append(block)
    if blocks:
        yield anchor, blocks


def _wall_of_text(doc: Document, rule: Any, limit: int) -> Iterator[Finding]:
    count = sum(block.word_count for block in doc.blocks_in(rule.scope))
    if count > limit and not has_subheadings(doc):
        yield rule.finding(doc, None, count=count, limit=limit, heading="")
