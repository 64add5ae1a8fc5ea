"""Block text packed into few LanguageTool requests, and matches mapped back to blocks.

Blocks are joined with a blank line, which LanguageTool treats as a paragraph break, so
each heading, paragraph or list item is checked as its own paragraph. A request holds
whole blocks up to a size limit (a block longer than the limit is split at sentences);
a match that runs across a separator belongs to no block and is dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Iterator, NamedTuple

from lint.document import Block

SEPARATOR = "\n\n"


class Segment(NamedTuple):
    """`block.text[start:end]`, sent at `offset` of the request text."""

    block: Block
    start: int
    end: int
    offset: int


class Batch(NamedTuple):
    text: str
    segments: tuple[Segment, ...]

    def locate(self, start: int, end: int) -> tuple[Block, int, int] | None:
        """The block and block-text offsets of request text `[start, end)`; None across blocks."""
        index = bisect_right([segment.offset for segment in self.segments], start) - 1
        if index < 0:
            return None
        segment = self.segments[index]
        length = segment.end - segment.start
        if end > segment.offset + length:
            return None
        shift = segment.start - segment.offset
        return segment.block, start + shift, end + shift


def batches(blocks: Iterable[Block], max_chars: int) -> Iterator[Batch]:
    """The blocks' text in requests of at most `max_chars` characters (separators included)."""
    pending: list[tuple[Block, int, int]] = []
    size = 0
    for piece in _pieces(blocks, max_chars):
        length = piece[2] - piece[1]
        if pending and size + len(SEPARATOR) + length > max_chars:
            yield _batch(pending)
            pending, size = [], 0
        size += length + (len(SEPARATOR) if pending else 0)
        pending.append(piece)
    if pending:
        yield _batch(pending)


def _pieces(blocks: Iterable[Block], max_chars: int) -> Iterator[tuple[Block, int, int]]:
    """Each block whole, or in runs of sentences when it alone exceeds `max_chars`."""
    for block in blocks:
        if not block.text.strip():
            continue
        if len(block.text) <= max_chars:
            yield block, 0, len(block.text)
            continue
        start = end = 0
        for sentence in block.sentences:
            if sentence.end - start > max_chars and end > start:
                yield block, start, end
                start = sentence.start
            end = sentence.end
        if end > start:
            yield block, start, end


def _batch(pieces: list[tuple[Block, int, int]]) -> Batch:
    segments, texts, offset = [], [], 0
    for block, start, end in pieces:
        segments.append(Segment(block, start, end, offset))
        texts.append(block.text[start:end])
        offset += end - start + len(SEPARATOR)
    return Batch(SEPARATOR.join(texts), tuple(segments))
