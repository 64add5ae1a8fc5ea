"""Map markdown-it inline tokens back to exact source offsets.

markdown-it gives each block a line range but no positions inside it, so `map_inline` walks
a block's inline tokens in order over the block's source with a forward cursor: text maps
verbatim, markup (`*`, `[`, `](url)`, backticks, `>` on continuation lines) is skipped, and
escapes and entities map as units. A bounded forward search inside the block is the last
resort; the whole source is never searched, so a phrase that occurs twice maps correctly.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from markdown_it.token import Token

from lint.document import Run
from lint.text import TextBuilder

# Container markers and indentation that open a continuation line inside a block quote.
LINE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# White space inside a paragraph, across at most one line break and the next line's prefix.
_SPACE_RUN = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*(?:>[ \t]?[ \t]*)*)?")


class Extra(NamedTuple):
    """A block found inside inline content: link text or an image's alt text."""

    kind: str
    text: str
    runs: tuple[Run, ...]
    attrs: dict[str, str]


class InlineText(NamedTuple):
    text: str
    runs: tuple[Run, ...]
    extras: tuple[Extra, ...]


def map_inline(source: str, children: Sequence[Token], start: int, limit: int) -> InlineText:
    """Text, runs and link/image blocks of inline `children` whose source starts at `start`.

    `start` is where the content begins (after container markers, bullets, `#`s) and
    `limit` where the block's source ends; no offset outside them is produced.
    """
    mapper = _Mapper(source, start, limit)
    mapper.walk(children)
    text, runs = mapper.main.build()
    if not runs and start < limit:
        runs = empty_runs(start, limit)
    extras = sorted(mapper.extras, key=lambda pair: pair[0])
    return InlineText(text, runs, tuple(extra for _, extra in extras))


def empty_runs(start: int, end: int) -> tuple[Run, ...]:
    """Runs for an empty block (an image without alt text) that still point at its source."""
    return (Run(0, start, 0, max(0, end - start)),)


class _Mapper:
    """A forward cursor over one block's source that feeds every open text builder."""

    def __init__(self, source: str, start: int, limit: int) -> None:
        self.source = source
        self.pos = start
        self.floor = start  # resync searches never look back past mapped text
        self.limit = limit
        self.main = TextBuilder()
        self.sinks: list[TextBuilder] = [self.main]
        self.links: list[tuple[TextBuilder, Token, int]] = []
        self.extras: list[tuple[int, Extra]] = []

    def walk(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind == "text":
                self._text(token.content)
            elif kind == "text_special":
                self._unit(token.content, token.markup)
            elif kind in ("softbreak", "hardbreak"):
                self._line_break()
            elif kind == "code_inline":
                self._code(token)
            elif kind == "link_open":
                self._open_link(token)
            elif kind == "link_close":
                self._close_link()
            elif kind == "image":
                self._image(token)
            elif kind == "html_inline":
                self._skip(token.content)
            elif token.markup:  # emphasis delimiters
                self._skip(token.markup)

    # Emitting ---------------------------------------------------------------------------

    def _emit(self, text: str, start: int) -> None:
        for builder in self.sinks:
            builder.add(text, start)

    def _emit_unit(self, text: str, start: int, end: int) -> None:
        for builder in self.sinks:
            builder.add_mapped(text, start, end)

    def _emit_space(self, start: int, end: int, *, newline: bool = False) -> None:
        for builder in self.sinks:
            builder.add_space(start, end, newline=newline)

    # Locating ---------------------------------------------------------------------------

    def _advance(self, offset: int) -> None:
        self.pos = self.floor = offset

    def _find(self, needle: str) -> int | None:
        """Where `needle` starts: at the cursor, else the next place in the block."""
        if self.source.startswith(needle, self.pos):
            return self.pos
        found = self.source.find(needle, self.floor, self.limit) if needle else -1
        return found if found >= 0 else None

    def _skip(self, markup: str) -> int:
        """Step over markup; returns where it started (the cursor if it is not found)."""
        found = self._find(markup)
        if found is None:
            return self.pos
        self._advance(found + len(markup))
        return found

    # Token handlers ---------------------------------------------------------------------

    def _text(self, content: str) -> None:
        if not content:
            return
        if self.source.startswith(content, self.pos):
            self._emit(content, self.pos)
            self._advance(self.pos + len(content))
            return
        if self._align(content):
            return
        found = self._find(content)
        if found is None:  # unmappable: keep the text, point at the cursor
            self._emit_unit(content, self.pos, self.pos)
            return
        self._emit(content, found)
        self._advance(found + len(content))

    def _unit(self, content: str, markup: str) -> None:
        """An escape or entity: its text stands for the whole source markup."""
        found = self._find(markup)
        if found is None:
            self._emit_unit(content, self.pos, self.pos)
            return
        self._emit_unit(content, found, found + len(markup))
        self._advance(found + len(markup))

    def _line_break(self) -> None:
        found = _LINE_BREAK.search(self.source, self.pos, self.limit)
        if found is None:
            self._emit_space(self.pos, self.pos, newline=True)
            return
        self._emit_space(self.pos, found.end(), newline=True)
        prefix = LINE_PREFIX.match(self.source, found.end(), self.limit)
        self._advance(prefix.end() if prefix else found.end())

    def _code(self, token: Token) -> None:
        self._skip(token.markup)
        content = token.content
        # markdown-it drops one padding space and turns line breaks into spaces.
        if content and not content[0].isspace():
            space = _SPACE_RUN.match(self.source, self.pos, self.limit)
            if space:
                self._advance(space.end())
        if not self._align(content):
            self._text(content)
        self._skip(token.markup)

    def _open_link(self, token: Token) -> None:
        start = self._skip("<" if token.markup == "autolink" else "[")
        builder = TextBuilder()
        self.sinks.append(builder)
        self.links.append((builder, token, start))

    def _close_link(self) -> None:
        if not self.links:
            return
        builder, token, start = self.links.pop()
        self.sinks = [sink for sink in self.sinks if sink is not builder]
        if token.markup == "autolink":
            self._skip(">")
        else:
            self._skip("]")
            self._skip_destination()
        attrs = {"href": str(token.attrs.get("href", "")), "title": str(token.attrs.get("title", ""))}
        self._add_extra("link-text", builder, start, attrs)

    def _image(self, token: Token) -> None:
        start = self._skip("![")
        builder = TextBuilder()
        saved = self.sinks
        # Alt text is not prose of the paragraph, but it is the text of a link around it.
        self.sinks = [builder] + [link for link, _, _ in self.links]
        self.walk(token.children or ())
        self.sinks = saved
        self._skip("]")
        self._skip_destination()
        text = builder.build()[0]
        self._add_extra("image-alt", builder, start, {"src": str(token.attrs.get("src", "")), "alt": text})

    def _add_extra(self, kind: str, builder: TextBuilder, start: int, attrs: dict[str, str]) -> None:
        text, runs = builder.build()
        if not runs:
            runs = empty_runs(start, max(start, self.pos))
        self.extras.append((start, Extra(kind, text, runs, attrs)))

    def _skip_destination(self) -> None:
        """Step over `(url "title")` or `[label]` after a link's closing bracket."""
        source, pos = self.source, self.pos
        if pos < self.limit and source[pos] == "(":
            self._advance(destination_end(source, pos, self.limit))
        elif pos < self.limit and source[pos] == "[":
            close = source.find("]", pos, self.limit)
            self._advance(close + 1 if close >= 0 else pos)

    def _align(self, content: str) -> bool:
        """Map `content` character by character from the cursor, allowing the differences
        markdown-it introduces (escaped pipes in tables, NUL → U+FFFD, collapsed white
        space, line breaks in code spans); emit nothing and return False on a mismatch."""
        pieces = aligned_pieces(self.source, content, self.pos, self.limit)
        if pieces is None:
            return False
        for text, start, end in pieces:
            if text.isspace():
                self._emit_space(start, end)
            elif end - start == len(text) and self.source[start:end] == text:
                self._emit(text, start)
            else:
                self._emit_unit(text, start, end)
        self._advance(pieces[-1][2] if pieces else self.pos)
        return True


def aligned_pieces(source: str, content: str, pos: int, limit: int) -> list[tuple[str, int, int]] | None:
    """(text, source start, source end) pieces matching `content` from `pos`, or None."""
    pieces: list[tuple[str, int, int]] = []
    index = 0
    while index < len(content):
        char = content[index]
        here = source[pos] if pos < limit else ""
        if here == char and not char.isspace():
            pieces.append((char, pos, pos + 1))
            pos, index = pos + 1, index + 1
        elif char.isspace() and here.isspace():
            space = _SPACE_RUN.match(source, pos, limit)
            end = space.end() if space and space.end() > pos else pos + 1
            pieces.append((" ", pos, end))
            pos, index = end, index + 1
            while index < len(content) and content[index].isspace():
                index += 1
        elif here == "\\" and source[pos + 1 : pos + 2] == char and pos + 1 < limit:
            pieces.append((char, pos, pos + 2))
            pos, index = pos + 2, index + 1
        elif char == "\ufffd" and here == "\0":
            pieces.append((char, pos, pos + 1))
            pos, index = pos + 1, index + 1
        else:
            return None
    return pieces


def destination_end(source: str, pos: int, limit: int) -> int:
    """End of a `(url "title")` link destination starting at `pos`; `pos` if unbalanced."""
    depth, index, quote = 0, pos, ""
    while index < limit:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char == "<" and source[index - 1] in "( \t\r\n":
            close = source.find(">", index, limit)
            index = close if close >= 0 else index
        elif char in "\"'" and source[index - 1] in " \t\r\n":
            quote = char  # a title; parentheses inside it do not count
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return pos
