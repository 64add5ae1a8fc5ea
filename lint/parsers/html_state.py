"""Records the HTML walker keeps: blocks being built, per-element frames, finished blocks."""

from __future__ import annotations

from typing import NamedTuple

from bs4 import Tag

from lint.document import Run
from lint.parsers.html_source import Piece
from lint.text import TextBuilder

# Elements whose text (minus nested blocks) is one block.
TEXT_BLOCKS = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    **dict.fromkeys(("p", "dt", "dd", "summary", "figcaption", "caption", "address"), "paragraph"),
    "li": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "pre": "code",
}
# Elements that only group blocks; text loose inside them becomes an anonymous paragraph.
CONTAINERS = frozenset(
    """html body main article section div ul ol dl menu table thead tbody tfoot tr blockquote
    figure details header footer aside hgroup center fieldset search""".split()
)
# Kinds kept even without text, because an empty one is itself worth reporting.
KEPT_WHEN_EMPTY = frozenset({"image-alt", "link-text", "meta-description"})


class Pending(NamedTuple):
    """A finished block before flattened-table detection and indexing."""

    kind: str
    text: str
    runs: tuple[Run, ...]
    level: int
    region: str
    attrs: dict[str, str]
    tag: Tag | None  # the element, for sibling checks; None for anonymous paragraphs


class OpenBlock:
    """A block still collecting text; `slot` keeps its place in source order."""

    __slots__ = ("kind", "level", "region", "attrs", "tag", "slot", "builder", "microdata", "anchor")

    def __init__(self, kind: str, region: str, slot: int, tag: Tag | None, anchor: tuple[int, int]) -> None:
        self.kind, self.region, self.slot, self.tag = kind, region, slot, tag
        self.anchor = anchor  # where an empty block points: its start tag
        self.level = 0
        self.attrs: dict[str, str] = {}
        self.builder = TextBuilder()
        self.microdata: str | None = None  # "question" or "answer" inside schema.org items

    @property
    def is_anonymous(self) -> bool:
        """Text loose in a container rather than inside a <p>, <li>…"""
        return self.tag is None


class Frame:
    """What an element changed on entry, so that its end undoes exactly that."""

    __slots__ = (
        "block", "saved_block", "link", "saved_region", "restores_region", "saved_microdata",
        "restores_microdata", "saved_silent", "closes_anonymous", "boundary", "context", "table", "pre", "collapsed",
    )  # fmt: skip

    def __init__(self) -> None:
        self.block: OpenBlock | None = None
        self.saved_block: OpenBlock | None = None
        self.link: OpenBlock | None = None
        self.saved_region: str | None = None
        self.restores_region = False
        self.saved_microdata: str | None = None
        self.restores_microdata = False
        self.saved_silent: int | None = None
        self.closes_anonymous = self.boundary = self.context = self.table = self.pre = False
        self.collapsed = False


def cell_attrs(tables: list[list[int]], tag: Tag) -> dict[str, str]:
    """Row and column (0-based, colspan-aware) of a table cell; advances the open table."""
    if not tables:
        return {"row": "0", "col": "0"}
    table = tables[-1]  # [row, next column]
    attrs = {"row": str(max(table[0], 0)), "col": str(table[1])}
    span = str(tag.get("colspan") or "1")
    table[1] += min(max(int(span), 1), 1000) if span.isdigit() else 1
    if tag.name == "th":
        attrs["header"] = "1"
    return attrs


def microdata_role(itemtype: str) -> str | None:
    """"question" or "answer" for schema.org Question/Answer items, else None."""
    types = itemtype.split()
    if any(item.endswith("/Question") for item in types):
        return "question"
    return "answer" if any(item.endswith("/Answer") for item in types) else None


def add_pieces(builder: TextBuilder, pieces: list[Piece], *, keep_newlines: bool) -> None:
    """Feed decoded pieces to a builder: verbatim ones map 1:1, the rest as units."""
    for piece in pieces:
        if keep_newlines and "\n" in piece.text:
            _add_lines(builder, piece)
        elif piece.is_verbatim:
            builder.add(piece.text, piece.source_start)
        else:
            builder.add_mapped(piece.text, piece.source_start, piece.source_end)


def _add_lines(builder: TextBuilder, piece: Piece) -> None:
    """Preformatted text keeps its line breaks (other white space still collapses)."""
    if not piece.is_verbatim:
        builder.add_space(piece.source_start, piece.source_end, newline=True)
        return
    position = 0
    for line in piece.text.split("\n"):
        builder.add(line, piece.source_start + position)
        position += len(line)
        if position < len(piece.text):
            builder.add_space(piece.source_start + position, piece.source_start + position + 1, newline=True)
            position += 1
