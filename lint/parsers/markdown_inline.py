"""Map the inline events of one Markdown block to its text and exact source offsets.

pulldown-cmark (through pyromark) reports every event with its UTF-8 byte range in the
source; `Offsets` turns those into the code-point offsets the document model uses. Text
maps verbatim where its range holds it as it is, character by character where the parser
collapsed spacing (code spans), and as one unit otherwise (entities). Markup (`*`, `[`,
`](url)`, backticks, an escape's backslash) lies outside the text events, so no run holds it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any, NamedTuple

from lint.document import Run
from lint.text import TextBuilder

if TYPE_CHECKING:
    from pyromark.event import Range

# White space inside a paragraph, across at most one line break and the next line's prefix.
_SPACE_RUN = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*(?:>[ \t]?[ \t]*)*)?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BACKSLASHES = re.compile(r"\\+")


class Offsets:
    """Code-point offsets in the document for UTF-8 byte offsets in `source`, a part of it."""

    __slots__ = ("_byte_ends", "_extra", "_base")

    def __init__(self, source: str, base: int = 0) -> None:
        self._base = base  # where `source` starts in the whole document
        # For each non-ASCII character: the byte offset just after it, and how many bytes
        # beyond one per character the source has used up to there.
        self._byte_ends: list[int] = []
        self._extra: list[int] = []
        extra = 0
        for match in _NON_ASCII.finditer(source):
            extra += len(match.group().encode("utf-8", "surrogatepass")) - 1
            self._byte_ends.append(match.end() + extra)
            self._extra.append(extra)

    def span(self, byte_range: Range) -> tuple[int, int]:
        return self.char(byte_range["start"]), self.char(byte_range["end"])

    def char(self, byte_offset: int) -> int:
        if not self._byte_ends:
            return self._base + byte_offset
        index = bisect_right(self._byte_ends, byte_offset) - 1
        return self._base + byte_offset - (self._extra[index] if index >= 0 else 0)


def empty_runs(start: int, end: int) -> tuple[Run, ...]:
    """Runs for an empty block (an image without alt text) that still point at its source."""
    return (Run(0, start, 0, max(0, end - start)),)


class Extra(NamedTuple):
    """A block found inside inline content: link text or an image's alt text."""

    kind: str
    text: str
    runs: tuple[Run, ...]
    attrs: dict[str, str]


class _Open(NamedTuple):
    """A link or image whose closing event has not come yet."""

    kind: str
    builder: TextBuilder
    start: int
    end: int
    target: dict[str, Any]


class InlineMapper:
    """Collects one block's inline events: its text (in every open link's text too, and in
    an image's alt text instead), and the link and image blocks inside it."""

    def __init__(self, source: str, start: int, end: int, escaped: frozenset[int] = frozenset()) -> None:
        self.source = source
        self.escaped = escaped  # see escaped_offsets
        self.start = start
        self.end = end
        self.main = TextBuilder()
        self._sinks: list[TextBuilder] = [self.main]  # see _update_sinks
        self._open: list[_Open] = []
        # The builders of the open links and images: stacks, so that opening and closing
        # cost the same at any depth (images nest in image descriptions without limit).
        self._links: list[TextBuilder] = []
        self._images: list[TextBuilder] = []
        self.extras: list[tuple[int, Extra]] = []
        self._labels: list[str] = []  # one per inline event, for is_bold_only

    # Text -------------------------------------------------------------------------------

    def text(self, content: str, start: int, end: int) -> None:
        self._labels.append("")
        if not content:
            return
        if start in self.escaped and self.source.startswith(content[0], start):
            # An escape starts a text event just after its backslash: "\*" maps as a unit.
            self._emit_unit(content[0], start - 1, start + 1)
            content, start = content[1:], start + 1
            if not content:
                return
        if "\0" in content:  # CommonMark: U+0000 reads as U+FFFD (same length: still verbatim)
            content = content.replace("\0", "\ufffd")
            if self.source[start:end].replace("\0", "\ufffd") == content:
                self._emit_verbatim(content, start)
                return
        if end - start == len(content) and self.source.startswith(content, start):
            self._emit_verbatim(content, start)
            return
        self._aligned(content, start, end)

    def code(self, content: str, start: int, end: int) -> None:
        """A code span: its range holds the backticks and the padding the parser dropped."""
        self._labels.append("")
        source = self.source
        ticks = start
        while ticks < end and source[ticks] == "`":
            ticks += 1
        inner_end = end - (ticks - start)
        position = ticks
        if content and not content[0].isspace():
            space = _SPACE_RUN.match(source, position, inner_end)
            position = space.end() if space else position
        self._aligned(content.replace("\0", "\ufffd"), position, max(position, inner_end), whole=False)

    def line_break(self, start: int, end: int) -> None:
        self._labels.append("")
        for builder in self._sinks:
            builder.add_space(start, end, newline=True)

    def markup(self, label: str = "") -> None:
        """Emphasis and other markup: no text; `label` "strong" or "/strong" for bold."""
        self._labels.append(label)

    # Links and images -------------------------------------------------------------------

    def open_link(self, target: dict[str, Any], start: int, end: int) -> None:
        self._push(_Open("link-text", TextBuilder(), start, end, target), self._links)

    def open_image(self, target: dict[str, Any], start: int, end: int) -> None:
        self._push(_Open("image-alt", TextBuilder(), start, end, target), self._images)

    def _push(self, opened: _Open, stack: list[TextBuilder]) -> None:
        self._labels.append("")
        self._open.append(opened)
        stack.append(opened.builder)
        self._update_sinks()

    def close(self) -> None:
        """The innermost open link or image ends."""
        self._labels.append("")
        if not self._open:
            return
        opened = self._open.pop()
        (self._images if opened.kind == "image-alt" else self._links).pop()
        self._update_sinks()
        text, runs = opened.builder.build()
        target = opened.target
        if opened.kind == "image-alt":
            attrs = {"src": str(target.get("dest_url", "")), "alt": text}
        else:
            href = str(target.get("dest_url", ""))
            if target.get("link_type") == "Email" and not href.lower().startswith("mailto:"):
                href = "mailto:" + href
            attrs = {"href": href, "title": str(target.get("title") or "")}
        self.extras.append((opened.start, Extra(opened.kind, text, runs or empty_runs(opened.start, opened.end), attrs)))

    def _update_sinks(self) -> None:
        """Text goes to the innermost image's alt text, else to the block (alt text is not
        prose of the paragraph), and to every open link (CommonMark links do not nest, so
        there is at most one)."""
        self._sinks = [self._images[-1] if self._images else self.main, *self._links]

    # Result -----------------------------------------------------------------------------

    def result(self) -> tuple[str, tuple[Run, ...], tuple[Extra, ...]]:
        while self._open:  # an unbalanced stream cannot happen; close what is left
            self.close()
        text, runs = self.main.build()
        if not runs and self.start < self.end:
            runs = empty_runs(self.start, self.end)
        self.extras.sort(key=lambda pair: pair[0])
        return text, runs, tuple(extra for _, extra in self.extras)

    @property
    def is_bold_only(self) -> bool:
        """Whether the block is one strong span and nothing else (`**Question?**`)."""
        labels = self._labels
        return len(labels) >= 2 and labels[0] == "strong" and labels[-1] == "/strong" and labels.count("strong") == 1

    # Emitting ---------------------------------------------------------------------------

    def _emit_unit(self, text: str, start: int, end: int) -> None:
        for builder in self._sinks:
            builder.add_mapped(text, start, end)

    def _emit_verbatim(self, text: str, start: int) -> None:
        for builder in self._sinks:
            builder.add(text, start)

    def _aligned(self, content: str, start: int, end: int, *, whole: bool = True) -> None:
        """Map `content` onto source start..end piece by piece (all of it when `whole`: an
        entity matching only its first character is one unit), else as one unit."""
        pieces = aligned_pieces(self.source, content, start, end)
        if pieces is None or (whole and pieces and pieces[-1][2] != end):
            self._emit_unit(content, start, end)
            return
        for text, piece_start, piece_end in pieces:
            if text.isspace():
                for builder in self._sinks:
                    builder.add_space(piece_start, piece_end)
            elif piece_end - piece_start == len(text):
                self._emit_verbatim(text, piece_start)
            else:
                self._emit_unit(text, piece_start, piece_end)


def aligned_pieces(source: str, content: str, pos: int, limit: int) -> list[tuple[str, int, int]] | None:
    """(text, source start, source end) pieces matching `content` from `pos`, or None.

    Allows the differences a parser introduces: white space collapsed or turned into spaces
    (code spans), an escaped character, NUL read as U+FFFD.
    """
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


def escaped_offsets(source: str) -> frozenset[int]:
    """Offsets of the characters an odd run of backslashes escapes (one pass over the source:
    looking back from each text event would be quadratic in a long run of backslashes)."""
    if "\\" not in source:
        return frozenset()
    escaped: set[int] = set()
    for run in _BACKSLASHES.finditer(source):
        # In a run, each backslash at an even distance from its start escapes the next
        # character: the next backslash of the run, or, after an odd run, what follows it.
        escaped.update(range(run.start() + 1, run.end() + 1, 2))
    return frozenset(escaped)
