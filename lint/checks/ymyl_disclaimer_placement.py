"""ymyl-disclaimer-placement: the disclaimer is there, but readers meet it too late.

Reported when every disclaimer block either comes after more than `max-words-before` words
of article prose, or sits where readers may never see it: page furniture outside the
article (footer, aside) or a collapsed element. A disclaimer supplied through front matter
is placed by the site template, so it is not judged. Missing disclaimers are
ymyl-disclaimer's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from lint.checks import ymyl_disclaimer, ymyl_topic
from lint.document import Block, Document
from lint.findings import Finding

# The block attribute a parser sets on content inside a closed <details> or similar widget.
COLLAPSED_ATTR = "collapsed"


@dataclass(frozen=True, slots=True)
class Options(ymyl_disclaimer.Options):
    max_words_before: int = 300


prepare = ymyl_disclaimer.prepare
metrics = ymyl_disclaimer.metrics


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report the first disclaimer block when none is both visible and near the top."""
    options: Options = rule.options
    if not ymyl_topic.verdict(doc, options, rule.prepared.topic).is_topic:
        return
    if ymyl_disclaimer.has_front_matter_disclaimer(doc, options.front_matter_keys):
        return
    blocks = ymyl_disclaimer.disclaimer_blocks(doc, rule.scope, rule.prepared.phrasings, options.max_block_words)
    if not blocks:
        return
    words_before = prose_words_before(doc)
    placements = [(block, _hidden_in(block), words_before.get(id(block), 0)) for block in blocks]
    if any(hidden is None and words <= options.max_words_before for _, hidden, words in placements):
        return
    block, hidden, words = placements[0]
    problem = f"only in {hidden}" if hidden else f"placed after {words} words of the article"
    yield rule.finding(doc, block.source_extent, problem=problem, limit=options.max_words_before)


def prose_words_before(doc: Document) -> dict[int, int]:
    """For each block (by id), how many words of article prose precede it."""
    counts: dict[int, int] = {}
    total = 0
    for block in doc.blocks:
        counts[id(block)] = total
        if block.region == "article" and block.is_prose:
            total += block.word_count
    return counts


def _hidden_in(block: Block) -> str | None:
    """Where a block is out of readers' sight, or None when it is in the article's flow."""
    if block.region != "article":
        return "the page footer or sidebar, outside the article"
    if block.attrs.get(COLLAPSED_ATTR):
        return "a collapsed element"
    return None
