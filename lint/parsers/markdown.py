"""Markdown (CommonMark + GFM tables + YAML front matter) → Document.

markdown-it gives the structure; `markdown_inline` maps each block's text back to exact
source offsets. FAQ questions and answers and tables pasted as plain lines are recognised
the same way the text parser recognises them (`common`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from lint.document import Block, Document, Run
from lint.parsers.common import is_faq_heading, is_question, looks_like_table_rows
from lint.parsers.front_matter import as_text, front_matter_metadata, load_front_matter, value_text
from lint.parsers.markdown_inline import LINE_PREFIX, empty_runs, map_inline
from lint.text import TextBuilder

# Configured once and only read afterwards; `parse` keeps its state per call.
# text_join is off so escapes and entities stay separate tokens that map as units.
_MARKDOWN = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).disable("text_join")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what markdown-it counts as a line break
# Block quote markers, list bullets and indentation before a block's first line of text.
_BLOCK_PREFIX = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t\r\n]|$)))*[ \t]*")
_ATX_MARKER = re.compile(r"#{1,6}(?=[ \t\r\n]|$)[ \t]*")


@dataclass(slots=True)
class _Draft:
    """A block before FAQ and flattened-table classification and indexing."""

    kind: str
    text: str
    runs: tuple[Run, ...]
    level: int = 0
    attrs: dict[str, str] = field(default_factory=dict)
    is_bold_only: bool = False


def parse(source: str, path: str) -> Document:
    """Parse Markdown; only front matter that is not a YAML mapping raises (InputError)."""
    tokens = _MARKDOWN.parse(source)
    starts = line_starts(source)
    front_matter, drafts = _front_matter(tokens, source, starts)
    drafts += _classified(_article_drafts(tokens, source, starts))
    blocks = tuple(
        Block(d.kind, d.text, d.runs, level=d.level, attrs=MappingProxyType(d.attrs), index=index)
        for index, d in enumerate(drafts)
    )
    return Document(path=path, format="md", source=source, blocks=blocks, meta=front_matter_metadata(front_matter))


def line_starts(source: str) -> list[int]:
    """Offsets in the original source where each markdown-it line starts (CRLF counts once)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(source)]


def _line_offset(starts: list[int], line: int, source: str) -> int:
    return starts[line] if line < len(starts) else len(source)


def _line_text(source: str, starts: list[int], line: int) -> str:
    return source[starts[line] : _line_offset(starts, line + 1, source)].rstrip("\r\n")


# Front matter -----------------------------------------------------------------------------


def _front_matter(tokens: list[Token], source: str, starts: list[int]) -> tuple[dict[str, Any], list[_Draft]]:
    """The front matter mapping, and title and meta-description blocks from it."""
    if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
        return {}, []
    first, last = tokens[0].map
    data = load_front_matter(tokens[0].content, first_line=first + 2)
    lines = [(starts[line], _line_text(source, starts, line)) for line in range(first + 1, last - 1)]
    drafts = []
    for kind, key in (("title", "title"), ("meta-description", "description")):
        value = as_text(data.get(key))
        if value:
            text, runs = value_text(lines, key, value)
            drafts.append(_Draft(kind, text, runs, level=1 if kind == "title" else 0))
    return data, drafts


# Article blocks ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Table:
    """Where the walk is inside a GFM table: row (0 is the header), column, cell spans."""

    row: int = -1
    column: int = 0
    cells: list[tuple[int, int]] = field(default_factory=list)


def _article_drafts(tokens: list[Token], source: str, starts: list[int]) -> Iterator[_Draft]:
    containers: list[str] = []  # open block quotes and list items, innermost last
    table = _Table()
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("blockquote_open", "list_item_open"):
            containers.append(kind)
        elif kind in ("blockquote_close", "list_item_close") and containers:
            containers.pop()
        elif kind in ("table_open", "tr_open", "th_close", "td_close"):
            _track_table(table, token, source, starts)
        elif kind in ("fence", "code_block") and token.map:
            yield _code_draft(token, source, starts)
        elif kind == "inline" and token.map and index:
            yield from _text_drafts(tokens[index - 1], token, containers, table, source, starts)


def _track_table(table: _Table, token: Token, source: str, starts: list[int]) -> None:
    if token.type == "table_open":
        table.row = -1
    elif token.type == "tr_open" and token.map:
        line = token.map[0]
        table.row, table.column = table.row + 1, 0
        table.cells = cell_spans(source, starts[line], _line_offset(starts, line + 1, source))
    elif token.type in ("th_close", "td_close"):
        table.column += 1


def _text_drafts(
    opener: Token, inline: Token, containers: list[str], table: _Table, source: str, starts: list[int]
) -> Iterator[_Draft]:
    """Blocks for one inline token, by what opened it: heading, paragraph or table cell."""
    assert inline.map is not None
    if opener.type in ("th_open", "td_open"):
        if table.column < len(table.cells):
            attrs = {"row": str(table.row), "col": str(table.column)}
            yield from _inline_drafts("table-cell", inline, source, *table.cells[table.column], attrs=attrs)
        return
    begin, limit = starts[inline.map[0]], _line_offset(starts, inline.map[1], source)
    prefix = _BLOCK_PREFIX.match(source, begin, limit)
    start = prefix.end() if prefix else begin
    if opener.type == "heading_open":
        marker = _ATX_MARKER.match(source, start, limit) if opener.markup.startswith("#") else None
        level = int(opener.tag[1:]) if opener.tag[1:].isdigit() else 1
        yield from _inline_drafts("heading", inline, source, marker.end() if marker else start, limit, level=level)
    elif opener.type == "paragraph_open":
        container = containers[-1] if containers else ""
        kind = {"blockquote_open": "quote", "list_item_open": "list-item"}.get(container, "paragraph")
        yield from _inline_drafts(kind, inline, source, start, limit)


def _inline_drafts(
    kind: str, inline: Token, source: str, start: int, limit: int, *, level: int = 0, attrs: dict[str, str] | None = None
) -> Iterator[_Draft]:
    """The block itself (when it has text), then its link and image blocks."""
    children = inline.children or []
    mapped = map_inline(source, children, start, limit)
    if mapped.text:
        yield _Draft(kind, mapped.text, mapped.runs, level, dict(attrs or {}), _is_bold_only(children))
    for extra in mapped.extras:
        yield _Draft(extra.kind, extra.text, extra.runs, attrs=extra.attrs)


def _is_bold_only(children: Sequence[Token]) -> bool:
    types = [child.type for child in children]
    wrapped = len(types) >= 2 and types[0] == "strong_open" and types[-1] == "strong_close"
    return wrapped and types.count("strong_open") == 1


def cell_spans(source: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Source spans of a table row's cells: text between unescaped pipes, trimmed."""
    prefix = LINE_PREFIX.match(source, begin, end)
    start = prefix.end() if prefix else begin
    line = source[start:end].rstrip()
    pipes = [i for i, char in enumerate(line) if char == "|" and _backslashes_before(line, i) % 2 == 0]
    bounds = [-1] + pipes + [len(line)]
    if pipes and not line[: pipes[0]].strip():
        bounds = bounds[1:]  # a leading pipe opens the first cell
    if pipes and pipes[-1] == len(line) - 1:
        bounds = bounds[:-1]  # a trailing pipe closes the last cell
    spans = []
    for left, right in zip(bounds, bounds[1:]):
        cell = line[left + 1 : right]
        inner = len(cell) - len(cell.lstrip())
        spans.append((start + left + 1 + inner, start + left + 1 + len(cell.rstrip())))
    return spans


def _backslashes_before(line: str, index: int) -> int:
    count = 0
    while index - count - 1 >= 0 and line[index - count - 1] == "\\":
        count += 1
    return count


def _code_draft(token: Token, source: str, starts: list[int]) -> _Draft:
    """Code keeps its white space: each content line maps to the end of its source line
    (container markers and indentation before it are not code)."""
    assert token.map is not None
    first = token.map[0] + (1 if token.type == "fence" else 0)
    parts: list[str] = []
    runs: list[Run] = []
    length, previous_end = 0, _line_offset(starts, first, source)
    for number, line in enumerate(token.content.rstrip("\n").split("\n")):
        line_start = _line_offset(starts, first + number, source)
        source_line = _line_text(source, starts, first + number) if first + number < len(starts) else ""
        if number:
            runs.append(Run(length, previous_end, 1, max(0, line_start - previous_end)))
            parts.append("\n")
            length += 1
        if line:
            exact = source_line.endswith(line)
            offset = line_start + len(source_line) - len(line) if exact else line_start
            runs.append(Run(length, offset, len(line), len(line) if exact else len(source_line)))
        parts.append(line)
        length += len(line)
        previous_end = line_start + len(source_line)
    anchor = _line_offset(starts, token.map[0], source)
    return _Draft("code", "".join(parts), tuple(runs) or empty_runs(anchor, anchor), attrs={"info": token.info.strip()})


# Classification ---------------------------------------------------------------------------


def _classified(drafts: Iterator[_Draft]) -> list[_Draft]:
    """Split flattened tables into rows, then mark FAQ questions and answers."""
    result: list[_Draft] = []
    for draft in drafts:
        lines = draft.text.split("\n")
        if draft.kind == "paragraph" and looks_like_table_rows(lines):
            result.extend(_table_rows(draft, lines))
        else:
            result.append(draft)
    return _with_faq(result)


def _table_rows(draft: _Draft, lines: list[str]) -> Iterator[_Draft]:
    start = 0
    for row, line in enumerate(lines):
        text, runs = _slice(draft, start, start + len(line))
        yield _Draft("table-row", text, runs, attrs={"flattened": "1", "row": str(row)})
        start += len(line) + 1


def _slice(draft: _Draft, start: int, end: int) -> tuple[str, tuple[Run, ...]]:
    """Text and runs of draft.text[start:end], mapped to the same source."""
    builder = TextBuilder()
    for run in draft.runs:
        left, right = max(start, run.text_start), min(end, run.text_start + run.text_length)
        if left >= right:
            continue
        piece = draft.text[left:right]
        if run.text_length == run.source_length:
            builder.add(piece, run.source_start + left - run.text_start)
        else:
            builder.add_mapped(piece, run.source_start, run.source_start + run.source_length)
    return builder.build()


def _with_faq(drafts: list[_Draft]) -> list[_Draft]:
    """In an FAQ section, question sub-headings or one-line/bold questions start a question;
    the paragraphs after them, up to the next question or heading, are its answer."""
    faq_level, answering = 0, False
    for index, draft in enumerate(drafts):
        if draft.kind == "heading":
            if faq_level and draft.level <= faq_level:
                faq_level = 0
            if is_faq_heading(draft.text):
                faq_level, answering = draft.level, False
            elif faq_level and is_question(draft.text):
                drafts[index], answering = replace(draft, kind="faq-question"), True
            else:
                answering = False
        elif draft.kind == "paragraph" and faq_level:
            if is_question(draft.text) and (draft.is_bold_only or "\n" not in draft.text):
                drafts[index], answering = replace(draft, kind="faq-question"), True
            elif answering:
                drafts[index] = replace(draft, kind="faq-answer")
    return drafts
