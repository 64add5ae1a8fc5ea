"""headings: the outline of the article — repeated headings, empty sections, broken hierarchy.

`check` picks the problem a rule reports:
- "duplicate": a heading whose text repeats an earlier heading (by default only among
  siblings in the same section, since "Symptoms" under "Adults" and under "Children" is fine);
- "empty-section": a heading followed directly by a heading of the same or a higher level;
- "hierarchy": skipped levels (H2 → H4), more H1s than allowed, a heading ending in a period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.text import ABBREVIATIONS, WORD

# Blocks that do not make a section non-empty: page furniture and views onto other blocks.
_NOT_CONTENT = frozenset({"title", "meta-description", "link-text"})
_LAST_WORD = re.compile(r"([\w.]+)\.$")


@dataclass(frozen=True, slots=True)
class Options:
    check: Literal["duplicate", "empty-section", "hierarchy"] = "duplicate"
    # duplicate: compare within the parent section only, or across the whole article.
    same_section_only: bool = True
    # hierarchy: which problems to report.
    skipped_levels: bool = True
    max_h1: int = 1
    trailing_period: bool = True
    # Input formats the rule reads; plain-text heading levels are guesses (see ED012).
    formats: tuple[str, ...] = ("md", "html", "txt")

    def __post_init__(self) -> None:
        if self.max_h1 < 0:
            raise OptionError("max-h1", "must be 0 or more")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if doc.format not in rule.options.formats:
        return
    headings = [block for block in doc.blocks_in(rule.scope) if block.kind in ("heading", "faq-question")]
    if rule.options.check == "duplicate":
        yield from _duplicates(doc, rule, headings)
    elif rule.options.check == "empty-section":
        yield from _empty_sections(doc, rule, set(map(id, headings)))
    else:
        yield from _hierarchy(doc, rule, headings)


def normalised_heading(text: str) -> str:
    # Lower-casing the joined words equals lower-casing each: a space is neither cased nor
    # case-ignorable, so it also ends the context of a final "Σ".
    return " ".join(WORD.findall(text.replace("’", "'"))).lower()


def _duplicates(doc: Document, rule: Any, headings: list[Block]) -> Iterator[Finding]:
    seen: dict[tuple[int, str], Block] = {}
    for heading, parent in zip(headings, _parents(headings)):
        section = id(parent) if rule.options.same_section_only and parent is not None else 0
        key = (section, normalised_heading(heading.text))
        if not key[1]:
            continue
        if key in seen:
            line = doc.position(seen[key].source_extent.start).line
            yield rule.finding(doc, heading.source_extent, heading=heading.text, line=line)
        else:
            seen[key] = heading


def _parents(headings: list[Block]) -> Iterator[Block | None]:
    """The nearest earlier heading of a higher level (smaller number) for each heading."""
    stack: list[Block] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        yield stack[-1] if stack else None
        stack.append(heading)


def _empty_sections(doc: Document, rule: Any, selected: set[int]) -> Iterator[Finding]:
    content = [block for block in doc.article_blocks if block.kind not in _NOT_CONTENT]
    for current, following in zip(content, content[1:]):
        if id(current) not in selected or following.kind != "heading":
            continue
        if following.level <= current.level:
            yield rule.finding(doc, current.source_extent, heading=current.text, level=current.level)


def _hierarchy(doc: Document, rule: Any, headings: list[Block]) -> Iterator[Finding]:
    options: Options = rule.options
    previous: Block | None = None
    h1_count = 0
    for heading in (block for block in headings if block.kind == "heading"):
        if heading.level == 1:
            h1_count += 1
            if h1_count > options.max_h1:
                yield rule.finding(doc, heading.source_extent, problem=f"is H1 number {h1_count}; a page has {options.max_h1}")
        if options.skipped_levels and previous is not None and heading.level > previous.level + 1:
            problem = f"jumps from H{previous.level} to H{heading.level}"
            yield rule.finding(doc, heading.source_extent, problem=problem)
        if options.trailing_period and ends_with_period(heading.text):
            yield rule.finding(doc, heading.source_extent, problem="ends with a period")
        previous = heading


def ends_with_period(text: str) -> bool:
    """A heading ending in a full stop (not an ellipsis or an abbreviation like "etc.")."""
    stripped = text.rstrip()
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    last = _LAST_WORD.search(stripped)
    return last is None or last.group(1).lower() not in ABBREVIATIONS | {"etc"}
