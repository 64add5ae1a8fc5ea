"""typography: spacing and paired punctuation that careful copy gets right.

`check` picks the problem a rule reports:
- "double-space": two or more spaces between words in the source (Markdown and text;
  browsers collapse spaces in HTML, so readers never see them there);
- "mixed-quotes": straight and curly quotes in one article; reports the first quote of the
  less common style;
- "unbalanced": a bracket or double quote without its partner inside one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Literal, NamedTuple

from lint.document import Block, Document
from lint.findings import Finding
from lint.text import Span

_SPACES = re.compile(r" {2,}")
# 5'10" marks feet and inches, not quotes. The quote comes first so `re` can scan for it.
_STRAIGHT = re.compile(r"""['"](?<![\d'"]['"])""")
_CURLY = re.compile(r"[‘’“”]")
_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“"}
_OPENERS = frozenset(_PAIRS.values())
# Closers that stand alone on purpose: enumerators "a)", "ii)", "2)" and smileys ":)".
_LONE_CLOSER = re.compile(r"(?:(?<!\S)(?:[a-zA-Z]|[ivx]{1,4}|\d{1,2})|[:;]-?)\)")
_INCH_MARK = re.compile(r'(?<=\d)"')
_STRAIGHT_QUOTE = re.compile('"')
# Every opener and closer: the scan visits only these characters, not every character.
_MARKS = re.compile("[" + re.escape("".join(sorted({*_PAIRS, *_OPENERS}))) + "]")


@dataclass(frozen=True, slots=True)
class Options:
    check: Literal["double-space", "mixed-quotes", "unbalanced"] = "double-space"
    # Input formats the rule reads; double spaces are invisible in rendered HTML.
    formats: tuple[str, ...] = ("md", "txt", "html")
    # double-space: also report two spaces after a sentence's full stop (typewriter style).
    after_sentence: bool = True


class Mark(NamedTuple):
    block: Block
    start: int  # offset in block.text
    char: str


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    options: Options = rule.options
    if doc.format not in options.formats:
        return
    blocks = list(doc.blocks_in(rule.scope))
    if options.check == "double-space":
        yield from _double_spaces(doc, rule, blocks)
    elif options.check == "mixed-quotes":
        yield from _mixed_quotes(doc, rule, blocks)
    else:
        yield from _unbalanced(doc, rule, blocks)


def _double_spaces(doc: Document, rule: Any, blocks: list[Block]) -> Iterator[Finding]:
    """Spaces the parser collapsed into one between two words of the same line."""
    for block in blocks:
        for run in block.runs:
            if run.text_length != 1 or run.source_length < 2 or block.text[run.text_start] != " ":
                continue
            if not _SPACES.fullmatch(doc.source, run.source_start, run.source_start + run.source_length):
                continue  # a line break or a tab, not a typed double space
            if not rule.options.after_sentence and block.text[run.text_start - 1 : run.text_start] in ".!?":
                continue
            yield rule.finding(doc, Span(run.source_start, run.source_start + run.source_length), count=run.source_length)


def _mixed_quotes(doc: Document, rule: Any, blocks: list[Block]) -> Iterator[Finding]:
    # Counted with `findall`: only the first quote of the minority style needs its place.
    straight = sum(len(_STRAIGHT.findall(block.text)) for block in blocks)
    curly = sum(len(_CURLY.findall(block.text)) for block in blocks)
    if not straight or not curly:
        return
    pattern, style = (_STRAIGHT, "straight") if straight <= curly else (_CURLY, "curly")
    first = next(Mark(block, match.start(), match.group()) for block in blocks for match in pattern.finditer(block.text))
    yield rule.finding(
        doc,
        first.block.source_span(first.start, first.start + 1),
        style=style,
        straight=straight,
        curly=curly,
    )


def _unbalanced(doc: Document, rule: Any, blocks: list[Block]) -> Iterator[Finding]:
    for number, block in enumerate(blocks):
        mark = unbalanced_mark(block.text)
        if mark is None:
            continue
        following = blocks[number + 1].text if number + 1 < len(blocks) else ""
        if mark[1] == "“" and following.startswith("“"):
            continue  # a quotation running over paragraphs reopens each one and closes once
        yield rule.finding(doc, block.source_span(mark[0], mark[0] + 1), mark=mark[1])


def unbalanced_mark(text: str) -> tuple[int, str] | None:
    """(offset, character) of the first bracket or double quote without a partner, if any."""
    lone: set[int] | None = None  # found only when a closer lacks its opener: it rarely does
    stack: list[tuple[int, str]] = []
    for match in _MARKS.finditer(text):
        offset, char = match.start(), match.group()
        if char in _OPENERS:
            stack.append((offset, char))
        elif char in _PAIRS:
            if stack and stack[-1][1] == _PAIRS[char]:
                stack.pop()
                continue
            if lone is None:
                lone = {found.end() - 1 for found in _LONE_CLOSER.finditer(text)}
            if offset not in lone:  # an enumerator closes nothing, so it only counts when unmatched
                return offset, char
    if stack:
        return stack[0]
    return _odd_straight_quote(text) if '"' in text else None


def _odd_straight_quote(text: str) -> tuple[int, str] | None:
    inches = {match.start() for match in _INCH_MARK.finditer(text)}
    quotes = [match.start() for match in _STRAIGHT_QUOTE.finditer(text) if match.start() not in inches]
    return (quotes[-1], '"') if len(quotes) % 2 else None
