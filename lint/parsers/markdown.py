"""Markdown (CommonMark + GFM tables + YAML front matter) → Document.

pulldown-cmark (through pyromark) gives the event stream, each event with its byte range in
the source; `markdown_inline` maps each block's inline events to text with exact source
offsets. FAQ questions and answers and tables pasted as plain lines are recognised the same
way the text parser recognises them (`common`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import pyromark

from lint.document import Block, Document, Run
from lint.parsers.common import is_faq_heading, is_question, looks_like_table_rows
from lint.parsers.front_matter import front_matter_metadata, split_front_matter
from lint.parsers.markdown_inline import InlineMapper, Offsets, empty_runs, escaped_offsets
from lint.text import TextBuilder

if TYPE_CHECKING:
    from pyromark.event import Range

# Front matter is found here, not by pulldown-cmark, which takes any `---` block after a blank
# line, mid-article too, for metadata.
_OPTIONS = pyromark.Options.ENABLE_TABLES
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTAINERS = {"BlockQuote": "quote", "Item": "list-item"}


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
    starts = line_starts(source)
    front_matter = split_front_matter(source, starts)
    front_drafts = [_Draft(kind, text, runs, level=1 if kind == "title" else 0) for kind, text, runs in front_matter.blocks]
    walk = _Walk(source, starts, front_matter.end)
    for event, byte_range in pyromark.events_with_range(_for_parser(source[front_matter.end :]), options=_OPTIONS, merge_text=False):
        walk.event(event, byte_range)
    walk.flush()
    drafts = front_drafts + _classified(walk.drafts)
    blocks = tuple(
        Block(d.kind, d.text, d.runs, level=d.level, attrs=MappingProxyType(d.attrs), index=index)
        for index, d in enumerate(drafts)
    )
    return Document(path=path, format="md", source=source, blocks=blocks, meta=front_matter_metadata(front_matter.data))


def _for_parser(body: str) -> str:
    """`body` with each lone CR as LF (pulldown-cmark does not end every line at a lone CR, as
    CommonMark and the line numbers of findings do), and each lone surrogate, which only text
    sent to the API can hold and UTF-8 cannot encode, as U+FFFD. The same length in code
    points and in bytes (see Offsets), so every offset stays true."""
    if "\r" in body:
        body = _LONE_CR.sub("\n", body)
    if not body.isascii() and _SURROGATE.search(body):
        body = _SURROGATE.sub("\ufffd", body)
    return body


def line_starts(source: str) -> list[int]:
    """Offsets in the source where each line starts (CRLF counts once)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(source)]


def _tag_name(tag: Any) -> str:
    """A tag's name: pyromark gives a plain tag as its name ("Paragraph") and a tag with
    fields as a one-key mapping ({"Heading": {...}})."""
    return tag if isinstance(tag, str) else next(iter(tag))


class _Walk:
    """Turns the event stream into drafts: block structure here, inline text in InlineMapper."""

    def __init__(self, source: str, starts: list[int], body_start: int) -> None:
        self.source = source
        self.offsets = Offsets(source[body_start:], body_start)
        self.escaped = escaped_offsets(source)
        self.starts = starts
        self.drafts: list[_Draft] = []
        self.containers: list[str] = []  # open quotes and list items, innermost last
        self.inline: InlineMapper | None = None
        self.inline_kind: tuple[str, int, dict[str, str]] = ("paragraph", 0, {})
        self.implicit = False  # the open inline is a tight list item's text (no paragraph event)
        self.row, self.column = -1, 0
        self.code: list[tuple[str, int, int]] | None = None  # inside a code block: its text pieces
        self.code_start: tuple[int, str] = (0, "")  # where the code block starts, its info string
        self.in_html = False

    # Dispatch ---------------------------------------------------------------------------

    def event(self, event: Any, byte_range: Range) -> None:
        if isinstance(event, str):  # SoftBreak, HardBreak, Rule
            if event in ("SoftBreak", "HardBreak"):
                self._inline_at(byte_range).line_break(*self.offsets.span(byte_range))
            elif event == "Rule":
                self.flush()
            return
        kind, value = next(iter(event.items()))
        if kind == "Text":
            self._text(value, byte_range)
        elif kind == "Start":
            self._start(value, byte_range)
        elif kind == "End":
            self._end(_tag_name(value))
        elif kind == "Code":
            self._inline_at(byte_range).code(value, *self.offsets.span(byte_range))
        elif kind == "InlineHtml":
            self._inline_at(byte_range).markup()
        # Html (inside an HTML block), footnote references, task markers, math: no prose.

    def _text(self, text: str, byte_range: Range) -> None:
        if self.code is not None:  # CommonMark reads U+0000 as U+FFFD
            self.code.append((text.replace("\0", "\ufffd"), *self.offsets.span(byte_range)))
        elif not self.in_html:
            self._inline_at(byte_range).text(text, *self.offsets.span(byte_range))

    def _start(self, tag: Any, byte_range: Range) -> None:
        name = _tag_name(tag)
        if name == "Paragraph":
            self._open(self._prose_kind(), 0, {}, *self.offsets.span(byte_range))
        elif name == "Heading":
            level = str(tag["Heading"].get("level", "H1"))
            self._open("heading", int(level[1:]) if level[1:].isdigit() else 1, {}, *self.offsets.span(byte_range))
        elif name == "TableCell":
            self._open("table-cell", 0, {"row": str(self.row), "col": str(self.column)}, *self.offsets.span(byte_range))
        elif name in ("Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript"):
            self._inline_at(byte_range).markup("strong" if name == "Strong" else "")
        elif name == "Link":
            self._inline_at(byte_range).open_link(tag["Link"], *self.offsets.span(byte_range))
        elif name == "Image":
            self._inline_at(byte_range).open_image(tag["Image"], *self.offsets.span(byte_range))
        else:
            self.flush()
            if name in _CONTAINERS:
                self.containers.append(_CONTAINERS[name])
            elif name == "Table":
                self.row = -1
            elif name in ("TableHead", "TableRow"):
                self.row, self.column = self.row + 1, 0
            elif name == "CodeBlock":
                block = tag["CodeBlock"]
                info = str(block.get("Fenced", "")) if isinstance(block, dict) else ""
                self.code, self.code_start = [], (self.offsets.char(byte_range["start"]), info)
            elif name == "HtmlBlock":
                self.in_html = True

    def _end(self, name: str) -> None:
        if name in ("Paragraph", "Heading", "TableCell"):
            self.flush(explicit=True)
            if name == "TableCell":
                self.column += 1
        elif name == "Strong":
            if self.inline is not None:
                self.inline.markup("/strong")
        elif name in ("Link", "Image"):
            if self.inline is not None:
                self.inline.close()
        elif name in ("Emphasis", "Strikethrough", "Superscript", "Subscript"):
            if self.inline is not None:
                self.inline.markup()
        else:
            self.flush()
            if name in _CONTAINERS and self.containers:
                self.containers.pop()
            elif name == "CodeBlock":
                self._finish_code()
            elif name == "HtmlBlock":
                self.in_html = False

    # Inline blocks ----------------------------------------------------------------------

    def _prose_kind(self) -> str:
        return self.containers[-1] if self.containers else "paragraph"

    def _open(self, kind: str, level: int, attrs: dict[str, str], start: int, end: int) -> None:
        self.flush()
        self.inline = InlineMapper(self.source, start, end, self.escaped)
        self.inline_kind = (kind, level, attrs)
        self.implicit = False

    def _inline_at(self, byte_range: Range) -> InlineMapper:
        """The open inline block, or a new one for a tight list item's text."""
        if self.inline is None:
            start, end = self.offsets.span(byte_range)
            self._open(self._prose_kind(), 0, {}, start, end)
            self.implicit = True
        assert self.inline is not None
        return self.inline

    def flush(self, *, explicit: bool = False) -> None:
        """Close the open inline block (a paragraph, heading or cell only at its own end)."""
        inline = self.inline
        if inline is None or (not explicit and not self.implicit):
            return
        self.inline = None
        kind, level, attrs = self.inline_kind
        text, runs, extras = inline.result()
        if text:
            self.drafts.append(_Draft(kind, text, runs, level, dict(attrs), inline.is_bold_only))
        for extra in extras:
            self.drafts.append(_Draft(extra.kind, extra.text, extra.runs, attrs=extra.attrs))

    # Code -------------------------------------------------------------------------------

    def _finish_code(self) -> None:
        """Code keeps its white space: each line maps to its own source range."""
        pieces = list(_normalised_line_ends(self.code or []))
        self.code = None
        while pieces and pieces[-1][0] == "\n":
            pieces.pop()
        runs: list[Run] = []
        length = 0
        for text, start, end in pieces:
            runs.append(Run(length, start, len(text), end - start))
            length += len(text)
        start, info = self.code_start
        anchor = self.starts[bisect_right(self.starts, start) - 1]
        code = "".join(text for text, _, _ in pieces)
        self.drafts.append(_Draft("code", code, tuple(runs) or empty_runs(anchor, anchor), attrs={"info": info.strip()}))


def _normalised_line_ends(pieces: list[tuple[str, int, int]]) -> Iterator[tuple[str, int, int]]:
    """Code pieces split at line ends, each CRLF or CR read as one "\\n" (as CommonMark reads them)."""
    for text, start, end in pieces:
        if end - start != len(text):  # not the source as it stands (cannot happen for code): one unit
            yield text.replace("\r\n", "\n").replace("\r", "\n"), start, end
            continue
        position = 0
        for line_end in _LINE_BREAK.finditer(text):
            if line_end.start() > position:
                yield text[position : line_end.start()], start + position, start + line_end.start()
            yield "\n", start + line_end.start(), start + line_end.end()
            position = line_end.end()
        if position < len(text):
            yield text[position:], start + position, end


# Classification ---------------------------------------------------------------------------


def _classified(drafts: Iterable[_Draft]) -> list[_Draft]:
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
