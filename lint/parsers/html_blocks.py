"""Walk a parsed page in document order and build blocks whose runs point at the source.

The walk is iterative (an explicit stack), so deeply nested or unclosed markup, which
html.parser turns into deep trees, cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

from typing import Iterator

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from lint.document import Run
from lint.parsers.html_regions import is_banner, is_page_landmark, is_sectioning_footer, is_skipped
from lint.parsers.html_source import Piece, SourceMap
from lint.parsers.html_state import (
    CONTAINERS, KEPT_WHEN_EMPTY, TEXT_BLOCKS, Frame, OpenBlock, Pending, add_pieces, cell_attrs, microdata_role,
)  # fmt: skip
from lint.parsers.html_structure import FaqState, is_bold_only
from lint.text import TextBuilder

_VOID = frozenset({"br", "img", "hr", "wbr"})
# The kind a <p> takes inside these (a cell resets it: a quote's table holds no quotes).
_CONTEXTS = {"blockquote": "quote", "li": "list-item", "td": "paragraph", "th": "paragraph"}


class PageWalker:
    """Builds blocks in source order: each reserves a slot when it opens, filled when it ends."""

    def __init__(self, source_map: SourceMap, root: Tag, root_is_page: bool) -> None:
        self.map, self.root, self.root_is_page = source_map, root, root_is_page
        self._root_ancestors = {id(parent) for parent in root.parents}
        self.slots: list[Pending | None] = []
        self.cursor = 0  # source offset just after the last thing walked
        self.region: str | None = None  # None: outside the article and page footers
        self.silent = 0  # > 0 inside skipped elements, whose text only moves the cursor
        self.block: OpenBlock | None = None
        self.links: list[OpenBlock] = []
        self.pre = 0
        self.collapsed = 0  # depth of closed <details>: their content is hidden until opened
        # Kinds a paragraph takes inside a blockquote or list item, innermost last.
        self.contexts: list[str] = []
        self.tables: list[list[int]] = []  # [row, next column] per open table
        self.microdata: str | None = None
        self.faq = FaqState()
        self.has_title = self.has_description = False

    def walk(self, soup: BeautifulSoup) -> None:
        if self.root is soup:
            self.region = "article"  # a fragment: the whole input is the article
        stack: list[tuple[Iterator[PageElement], Frame | None]] = [(iter(list(soup.contents)), None)]
        while stack:
            children, frame = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if frame is not None:
                    self._end(frame)
            elif isinstance(child, Tag):
                child_frame = self._start(child)
                if child_frame is not None:
                    stack.append((iter(list(child.contents)), child_frame))
            elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                self._text(str(child))  # comments, doctypes and CDATA are skipped as markup
        self._close_anonymous()

    def pending(self) -> list[Pending]:
        return [slot for slot in self.slots if slot is not None]

    # Elements -------------------------------------------------------------------------

    def _start(self, tag: Tag) -> Frame | None:
        """Enter an element; None means do not descend into it."""
        if tag.name == "meta":
            self._meta_description(tag)
            return None
        if tag.name == "title" and not self.has_title and tag.find_parent("svg") is None:
            return self._open_title(tag)
        if self.region is None:
            return self._start_outside(tag)
        self._move_to(tag)
        frame = Frame()
        if self.silent:
            return frame
        if is_skipped(tag) or is_banner(tag):
            frame.saved_silent, self.silent = self.silent, self.silent + 1
            return frame
        if self.region == "article" and self._is_article_aside(tag):
            # The article's own footer or aside: not body text, but a disclaimer there counts.
            frame.saved_region, frame.restores_region, self.region = self.region, True, "page"
        if tag.name in _VOID:
            self._void(tag)
            return None
        self._open(tag, frame)
        return frame

    def _start_outside(self, tag: Tag) -> Frame | None:
        frame = Frame()
        enters_page = is_page_landmark(tag) and id(tag) not in self._root_ancestors
        if tag is self.root or (enters_page and not is_skipped(tag) and not is_banner(tag)):
            self._move_to(tag)
            frame.saved_region, frame.restores_region = None, True
            self.region = "article" if tag is self.root else "page"
            self._open(tag, frame)
            return frame
        if id(tag) in self._root_ancestors or tag.name == "head":
            return frame  # the head holds the title and description
        return None if is_skipped(tag) or is_banner(tag) or enters_page else frame

    def _is_article_aside(self, tag: Tag) -> bool:
        """A footer or aside of the article itself (kept as a "page" block, not article text)."""
        return is_page_landmark(tag) and (not self.root_is_page or is_sectioning_footer(tag))

    def _open(self, tag: Tag, frame: Frame) -> None:
        name = tag.name
        if self.region == "article" and self.root_is_page and is_page_landmark(tag) and tag is not self.root:
            frame.saved_region, frame.restores_region, self.region = self.region, True, "page"
        if name == "details" and not tag.has_attr("open"):
            frame.collapsed, self.collapsed = True, self.collapsed + 1
        itemtype = str(tag.get("itemtype") or "")
        if itemtype:
            frame.saved_microdata, frame.restores_microdata = self.microdata, True
            self.microdata = microdata_role(itemtype)
        if name in TEXT_BLOCKS or name in CONTAINERS:
            # A block boundary inside other text (a link around a card, a div in a list
            # item) reads as a space.
            self._soft_break()
            frame.boundary = True
        if name in TEXT_BLOCKS:
            self._open_block(tag, frame, TEXT_BLOCKS[name])
        elif name in CONTAINERS and (self.block is None or self.block.is_anonymous):
            self._close_anonymous()
            frame.closes_anonymous = True
        self._enter_context(tag, frame)
        if name == "a" and tag.has_attr("href") and self.region == "article":
            self._open_link(tag, frame)

    def _enter_context(self, tag: Tag, frame: Frame) -> None:
        if tag.name in _CONTEXTS:
            frame.context = True
            self.contexts.append(_CONTEXTS[tag.name])
        elif tag.name == "table":
            frame.table = True
            self.tables.append([-1, 0])
        elif tag.name == "tr" and self.tables:
            self.tables[-1][0] += 1
            self.tables[-1][1] = 0
        elif tag.name == "pre":
            frame.pre, self.pre = True, self.pre + 1

    def _open_block(self, tag: Tag, frame: Frame, kind: str) -> None:
        self._close_anonymous()
        if kind == "paragraph" and self.contexts:
            kind = self.contexts[-1]  # as in the Markdown parser: quoted text is a quote
        block = self._new_block(kind, tag)
        if kind == "heading":
            block.level = int(tag.name[1])
        elif kind == "table-cell":
            block.attrs = cell_attrs(self.tables, tag)
        frame.saved_block, frame.block, self.block = self.block, block, block

    def _open_link(self, tag: Tag, frame: Frame) -> None:
        if self.block is None:
            self._open_anonymous()  # so the paragraph holding the link comes first
        link = self._new_block("link-text", tag)
        rel = tag.get("rel") or ""
        link.attrs = {"href": str(tag.get("href") or ""), "rel": " ".join(rel) if isinstance(rel, list) else rel}
        frame.link = link
        self.links.append(link)

    def _open_title(self, tag: Tag) -> Frame:
        self._move_to(tag)
        frame = Frame()
        frame.saved_region, frame.restores_region, self.region = self.region, True, "article"
        frame.saved_silent, self.silent = self.silent, 0  # a fragment's <head> is skipped text
        frame.saved_block, frame.block = self.block, self._new_block("title", tag)
        self.block = frame.block
        self.has_title = True
        return frame

    def _end(self, frame: Frame) -> None:
        if frame.link is not None:
            self._finish(frame.link)
            self.links.pop()
        if frame.block is not None:
            self._finish(frame.block)
            self.block = frame.saved_block
        if frame.closes_anonymous:
            self._close_anonymous()
        if frame.boundary:
            self._soft_break()
        if frame.saved_silent is not None:
            self.silent = frame.saved_silent
        if frame.context:
            self.contexts.pop()
        self.pre -= frame.pre
        self.collapsed -= frame.collapsed
        if frame.table:
            self.tables.pop()
        if frame.restores_microdata:
            self.microdata = frame.saved_microdata
        if frame.restores_region:
            self.region = frame.saved_region

    # Void elements and attributes -------------------------------------------------------

    def _void(self, tag: Tag) -> None:
        start = self.map.tag_start(tag)
        start = self.cursor if start is None else start
        if tag.name == "br":
            for builder in self._builders():
                builder.add_space(start, self.cursor, newline=True)
        elif tag.name == "hr":
            self._soft_break()
            self._close_anonymous()
        elif tag.name == "img" and self.region == "article":
            self._image(tag, start)

    def _image(self, tag: Tag, start: int) -> None:
        image = self._new_block("image-alt", tag)
        source, alt = str(tag.get("src") or ""), tag.get("alt")
        if alt is None:
            image.attrs = {"src": source, "missing-alt": "1"}
            self._finish(image)
            return
        image.attrs = {"src": source, "alt": str(alt)}
        span = self.map.attribute_span(start, self.cursor, "alt")
        if span is None:  # bs4 saw an alt this scan did not: map it to the whole tag
            span, pieces = (start, self.cursor), [Piece(str(alt), start, self.cursor, False)]
        else:
            pieces = self.map.align(str(alt), span[0], in_markup=False)[0]
        # A linked image's alt text is the link's text, as screen readers announce it.
        for builder in [image.builder, *(link.builder for link in self.links)]:
            add_pieces(builder, pieces, keep_newlines=False)
        self._finish(image, empty_span=span)

    def _meta_description(self, tag: Tag) -> None:
        if self.has_description or str(tag.get("name") or "").lower() != "description":
            return
        start, content = self.map.tag_start(tag), tag.get("content")
        if start is None or content is None:
            return
        span = self.map.attribute_span(start, self.map.start_tag_end(start), "content")
        if span is None:
            return
        self.has_description = True
        block = OpenBlock("meta-description", "article", self._reserve(), tag, span)
        add_pieces(block.builder, self.map.align(str(content), span[0], in_markup=False)[0], keep_newlines=False)
        self._finish(block, empty_span=span)

    # Text -------------------------------------------------------------------------------

    def _text(self, text: str) -> None:
        if self.region is None:
            return  # outside the article: the next element's position resets the cursor
        pieces, self.cursor = self.map.align(text, self.cursor)
        if self.silent:
            return
        if self.block is None:
            if not text.strip():
                return
            self._open_anonymous()
        for builder in self._builders():
            add_pieces(builder, pieces, keep_newlines=self.pre > 0)

    def _builders(self) -> list[TextBuilder]:
        if self.silent or self.region is None:
            return []
        builders = [link.builder for link in self.links]
        return builders if self.block is None else [self.block.builder, *builders]

    def _soft_break(self) -> None:
        """A block boundary inside a block's text reads as a space, mapped to no source."""
        for builder in self._builders():
            builder.add_space(self.cursor, self.cursor)

    def _move_to(self, tag: Tag) -> None:
        """Resynchronise on the tag's recorded position, then step past the start tag."""
        start = self.map.tag_start(tag)
        if start is not None:
            self.cursor = self.map.start_tag_end(start)

    # Blocks -----------------------------------------------------------------------------

    def _reserve(self) -> int:
        self.slots.append(None)
        return len(self.slots) - 1

    def _new_block(self, kind: str, tag: Tag | None) -> OpenBlock:
        start = self.map.tag_start(tag) if tag is not None else None
        anchor = (self.cursor, self.cursor) if start is None else (start, self.cursor)
        block = OpenBlock(kind, self.region or "article", self._reserve(), tag, anchor)
        block.microdata = self.microdata
        if self.collapsed and (tag is None or tag.name != "summary"):
            block.attrs["collapsed"] = "1"
        return block

    def _open_anonymous(self) -> None:
        self.block = self._new_block(self.contexts[-1] if self.contexts else "paragraph", None)

    def _close_anonymous(self) -> None:
        if self.block is not None and self.block.is_anonymous:
            self._finish(self.block)
            self.block = None

    def _finish(self, block: OpenBlock, *, empty_span: tuple[int, int] | None = None) -> None:
        text, runs = block.builder.build()
        kind = self._final_kind(block, text)
        if not text and kind not in KEPT_WHEN_EMPTY:
            return
        if not runs:  # an empty block still points at its element
            start, end = empty_span or block.anchor
            runs = (Run(0, start, 0, max(0, end - start)),)
        self.slots[block.slot] = Pending(kind, text, runs, block.level, block.region, block.attrs, block.tag)

    def _final_kind(self, block: OpenBlock, text: str) -> str:
        if block.region != "article":
            return block.kind
        if block.microdata == "question" and block.kind in ("heading", "paragraph"):
            return "faq-question"
        if block.microdata == "answer" and block.kind == "paragraph":
            return "faq-answer"
        name = block.tag.name if block.tag is not None else ""
        bold = block.kind == "paragraph" and block.tag is not None and is_bold_only(block.tag)
        return self.faq.classify(block.kind, name, block.level, text, is_bold_only=bold)
