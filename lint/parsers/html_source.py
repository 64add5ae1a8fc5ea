"""Map text that BeautifulSoup decoded back to offsets in the HTML source.

html.parser records where each start tag begins; everything between tags is found by
walking the source forward from there: markup is skipped, entities map as one unit to the
text they decode to, and plain text is matched character by character (or in one step
when it appears verbatim). Text is never located by searching for it, because a phrase
that occurs twice would then point at the wrong copy.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from bs4 import Tag

_ASCII_SPACE = " \t\n\r\f"
# Markup html.parser skips between text: comments, CDATA, declarations, processing
# instructions, end tags and start tags (whose quoted attribute values may hold ">").
# Possessive and atomic groups make an unterminated tag fail fast instead of backtracking.
_MARKUP = re.compile(
    r"""<(?:
        !--.*?--!?\s*>
      | !\[CDATA\[.*?\]\]>
      | ![^>]*+>
      | \?[^>]*+>
      | /[a-zA-Z][^>]*+>
      | [a-zA-Z][^\s/>]*+(?>[^>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+>
    )""",
    re.DOTALL | re.VERBOSE,
)
_START_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*+(?>[^>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+>""")
_TAG_NAME = re.compile(r"<[^\s/>]*")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
# Named (with or without ";"), decimal and hex character references.
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[a-zA-Z][a-zA-Z0-9]*;?)")
# How far ahead a local resync may look when bs4 and the source disagree.
_RESYNC_WINDOW = 256


class Piece(NamedTuple):
    """Decoded text and the source stretch it came from; verbatim pieces map 1:1."""

    text: str
    source_start: int
    source_end: int
    is_verbatim: bool


class SourceMap:
    """Offsets of tags, attribute values and decoded text in one HTML source."""

    __slots__ = ("source", "length", "_line_starts")

    def __init__(self, source: str) -> None:
        self.source = source
        self.length = len(source)
        # html.parser counts lines by "\n" only, so its (line, column) needs this table
        # rather than the document's LineIndex, which also breaks lines at a lone "\r".
        starts = [0]
        found = source.find("\n")
        while found >= 0:
            starts.append(found + 1)
            found = source.find("\n", found + 1)
        self._line_starts = starts

    def tag_start(self, tag: Tag) -> int | None:
        """Source offset of a tag's "<", or None when bs4 recorded no usable position."""
        line, column = tag.sourceline, tag.sourcepos
        if line is None or column is None or not 0 < line <= len(self._line_starts):
            return None
        offset = self._line_starts[line - 1] + column
        return offset if self.source.startswith("<", offset) else None

    def start_tag_end(self, offset: int) -> int:
        """End of the start tag that begins at `offset`."""
        match = _START_TAG.match(self.source, offset)
        if match is not None:
            return match.end()
        closing = self.source.find(">", offset)
        return self.length if closing < 0 else closing + 1

    def skip_markup(self, offset: int) -> int:
        source = self.source
        while source.startswith("<", offset):
            match = _MARKUP.match(source, offset)
            if match is None:
                break  # a "<" that html.parser reads as text ("a < b")
            offset = match.end()
        return offset

    def attribute_span(self, tag_start: int, tag_end: int, name: str) -> tuple[int, int] | None:
        """Source span of an attribute's value inside a start tag (bs4 keeps the last one)."""
        name_match = _TAG_NAME.match(self.source, tag_start)
        position = name_match.end() if name_match else tag_start
        span = None
        for match in _ATTRIBUTE.finditer(self.source, position, max(position, tag_end - 1)):
            if match.group(1).lower() != name:
                continue
            group = next((index for index in (2, 3, 4) if match.group(index) is not None), 0)
            span = match.span(group) if group else (match.end(), match.end())
        return span

    def align(self, text: str, offset: int, *, in_markup: bool = True) -> tuple[list[Piece], int]:
        """Pieces of `text` found in the source from `offset`, and the offset after them.

        `in_markup` is False inside an attribute value, where "<" is plain text.
        """
        if text.startswith("<") and self.source.startswith(text, offset):
            # html.parser reads some malformed markup ("<!--" never closed) as text.
            return [Piece(text, offset, offset + len(text), True)], offset + len(text)
        if in_markup:
            offset = self.skip_markup(offset)
        if not text.strip(_ASCII_SPACE):
            # bs4 collapses white-space-only strings to " " or "\n"; take the whole run.
            end = offset
            while end < self.length and self.source[end] in _ASCII_SPACE:
                end += 1
            return [Piece(text, offset, end, False)], end
        if self.source.startswith(text, offset):
            end = offset + len(text)
            return [Piece(text, offset, end, True)], end
        return self._walk(text, offset, in_markup)

    def _walk(self, text: str, offset: int, in_markup: bool) -> tuple[list[Piece], int]:
        """Character-level alignment for text with entities or other differences."""
        source, length, size = self.source, self.length, len(text)
        pieces: list[Piece] = []
        index, position = 0, offset
        run_index, run_position = 0, offset  # start of the current verbatim stretch
        while index < size and position < length:
            char = source[position]
            if char == "&":
                entity = self._entity(text, index, position)
                if entity is not None:
                    _flush(pieces, text, run_index, index, run_position)
                    pieces.append(entity)
                    index += len(entity.text)
                    position = entity.source_end
                    run_index, run_position = index, position
                    continue
            if char == text[index]:
                index += 1
                position += 1
                continue
            _flush(pieces, text, run_index, index, run_position)
            index, position = self._reconcile(text, index, position, in_markup, pieces)
            run_index, run_position = index, position
        _flush(pieces, text, run_index, index, run_position)
        if index < size:  # the source ran out: keep the rest, pointing at the end
            pieces.append(Piece(text[index:], length, length, False))
        return pieces, position

    def _entity(self, text: str, index: int, position: int) -> Piece | None:
        match = _ENTITY.match(self.source, position)
        if match is None:
            return None
        reference = match.group()
        decoded = html.unescape(reference)
        if decoded != reference and text.startswith(decoded, index):
            return Piece(decoded, position, match.end(), False)
        if reference.startswith("&#") and text[index] != "&":
            # bs4 decoded a numeric reference differently; it is still one character.
            return Piece(text[index], position, match.end(), False)
        return None

    def _reconcile(
        self, text: str, index: int, position: int, in_markup: bool, pieces: list[Piece]
    ) -> tuple[int, int]:
        """Step past a difference between bs4's text and the source; new (index, position)."""
        source = self.source
        char = source[position]
        if in_markup and char == "<":
            match = _MARKUP.match(source, position)
            if match is not None:
                return index, match.end()
        if char in _ASCII_SPACE and text[index].isspace():
            end_index, end_position = index, position
            while end_index < len(text) and text[end_index].isspace():
                end_index += 1
            while end_position < self.length and source[end_position] in _ASCII_SPACE:
                end_position += 1
            pieces.append(Piece(text[index:end_index], position, end_position, False))
            return end_index, end_position
        # Last resort: look a little ahead for the next few characters of the text.
        needle = text[index : index + 12].split(None, 1)[0] if not text[index].isspace() else text[index]
        found = source.find(needle, position + 1, position + _RESYNC_WINDOW + len(needle))
        if found > position:
            return index, found
        # Not nearby: map the rest of the text as one unit at this point. An empty source
        # stretch keeps it a unit (equal lengths would read as a 1:1 mapping).
        pieces.append(Piece(text[index:], position, position, False))
        return len(text), position


def _flush(pieces: list[Piece], text: str, start: int, end: int, source_start: int) -> None:
    if end > start:
        pieces.append(Piece(text[start:end], source_start, source_start + end - start, True))
