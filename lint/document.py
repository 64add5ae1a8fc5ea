"""The document model every parser produces and every check reads.

A parser turns one source file into a `Document`: metadata plus an ordered tuple of
`Block`s. Each block carries its plain text and `runs` that map every text offset back to
a 0-based offset in the decoded source, so findings point at the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple, TypeVar

from lint.text import WORD, Span, sentence_spans, word_spans

EMPTY_MAPPING: Mapping[str, Any] = MappingProxyType({})
T = TypeVar("T")

# Block kinds; the kind doubles as the scope a rule selects.
BLOCK_KINDS = frozenset(
    {
        "title",
        "meta-description",
        "heading",
        "paragraph",
        "list-item",
        "quote",
        "table-cell",
        "table-row",
        "faq-question",
        "faq-answer",
        "image-alt",
        "link-text",
        "code",
    }
)
# Blocks that hold running prose, for rules and metrics that read sentences.
PROSE_KINDS = frozenset({"paragraph", "list-item", "quote", "faq-answer"})
# "any" in a rule's scope means every kind a reader sees as article text.
ANY_SCOPE = frozenset(BLOCK_KINDS - {"code", "image-alt", "link-text", "meta-description"})

_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


class Run(NamedTuple):
    """A stretch of block text and the stretch of source it came from.

    Equal lengths map character by character; unequal lengths (an entity, collapsed
    white space, a dropped bullet) map as one unit.
    """

    text_start: int
    source_start: int
    text_length: int
    source_length: int


class Position(NamedTuple):
    line: int
    column: int


class LineIndex:
    """1-based line and column (in code points) for 0-based source offsets."""

    __slots__ = ("_starts", "_length")

    def __init__(self, source: str) -> None:
        self._starts = [0] + [match.end() for match in _LINE_BREAK.finditer(source)]
        self._length = len(source)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def line_span(self, line: int) -> Span:
        """Source offsets of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else self._length
        return Span(start, end)

    @property
    def line_count(self) -> int:
        return len(self._starts)


@dataclass(frozen=True, eq=False)
class Block:
    """One unit of article text: a heading, a paragraph, a list item, a table cell…"""

    kind: str
    text: str
    runs: tuple[Run, ...]
    level: int = 0
    region: str = "article"  # "article", or "page" for footers and asides outside it
    attrs: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)
    index: int = 0

    @cached_property
    def _run_starts(self) -> list[int]:
        return [run.text_start for run in self.runs]

    def source_offset(self, offset: int, *, is_end: bool = False) -> int:
        """Map an offset in `text` to the decoded source (end offsets are exclusive)."""
        if not self.runs:
            return 0
        probe = offset - 1 if is_end and offset > 0 else offset
        run = self.runs[max(0, bisect_right(self._run_starts, probe) - 1)]
        inside = probe - run.text_start
        if run.text_length == run.source_length:
            inside = min(max(inside, 0), run.source_length - (1 if is_end else 0))
            return run.source_start + inside + (1 if is_end else 0)
        return run.source_start + (run.source_length if is_end else 0)

    def source_span(self, start: int, end: int) -> Span:
        """Source span of `text[start:end]`."""
        if end <= start:
            begin = self.source_offset(start)
            return Span(begin, begin)
        return Span(self.source_offset(start), self.source_offset(end, is_end=True))

    @cached_property
    def source_extent(self) -> Span:
        """Source span of the whole block."""
        return self.source_span(0, len(self.text))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans within `text`."""
        return tuple(sentence_spans(self.text))

    @cached_property
    def words(self) -> tuple[Span, ...]:
        """Word spans within `text`."""
        return word_spans(self.text)

    @cached_property
    def word_count(self) -> int:
        """`len(self.words)` (the same matches), without building the spans, which cost twice
        as much, where only the count is needed."""
        return len(WORD.findall(self.text))

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS


class Sentence(NamedTuple):
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself (head, front matter, JSON-LD) and where."""

    title: str | None = None
    description: str | None = None
    keyphrase: str | None = None
    keyphrase_source: str | None = None
    keywords: tuple[str, ...] = ()
    language: str | None = None
    author: str | None = None
    reviewer: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    canonical: str | None = None
    slug: str | None = None
    robots: str | None = None
    json_ld: tuple[Mapping[str, Any], ...] = ()
    json_ld_errors: tuple[tuple[str, int], ...] = ()  # (problem, source offset)
    front_matter: Mapping[str, Any] = field(default_factory=lambda: EMPTY_MAPPING)


class Suppression(NamedTuple):
    """An inline `contentlint-disable` comment: rules off from `start` to `end` (source)."""

    rules: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    comment_start: int


@dataclass(frozen=True, eq=False)
class Document:
    path: str
    format: str
    source: str
    blocks: tuple[Block, ...]
    meta: Metadata = field(default_factory=Metadata)
    suppressions: tuple[Suppression, ...] = ()
    # Per-document memo for work several rules share (section statistics, topic scores).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key: str, factory: Callable[[], T]) -> T:
        """`factory()` computed once per document under `key`."""
        if key not in self.memo:
            self.memo[key] = factory()
        return self.memo[key]  # type: ignore[no-any-return]

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.source)

    @property
    def title(self) -> str | None:
        return self.meta.title

    @property
    def keyphrase(self) -> str | None:
        return self.meta.keyphrase

    def blocks_in(self, scope: Iterable[str], *, region: str | None = "article") -> Iterator[Block]:
        """Blocks whose kind is in `scope` ("any" for all article text), in source order."""
        kinds = _expand_scope(scope)
        for block in self.blocks:
            if block.kind in kinds and (region is None or block.region == region):
                yield block

    @cached_property
    def article_blocks(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.region == "article")

    @cached_property
    def prose_blocks(self) -> tuple[Block, ...]:
        return tuple(block for block in self.article_blocks if block.is_prose)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of running prose, in source order."""
        return tuple(
            Sentence(block, span.start, span.end)
            for block in self.prose_blocks
            for span in block.sentences
        )

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Every word of running prose (the text of each block's `words` spans)."""
        return tuple(word for block in self.prose_blocks for word in WORD.findall(block.text))

    @cached_property
    def body_text(self) -> str:
        """Article text, blocks separated by blank lines (for whole-text rules)."""
        return "\n\n".join(block.text for block in self.article_blocks if block.kind != "code")

    @cached_property
    def headings(self) -> tuple[Block, ...]:
        return tuple(block for block in self.article_blocks if block.kind == "heading")

    @cached_property
    def title_block(self) -> Block | None:
        """The block a whole-document finding points at: title, else the first H1."""
        for block in self.blocks:
            if block.kind == "title":
                return block
        for block in self.headings:
            if block.level == 1:
                return block
        return None

    def position(self, offset: int) -> Position:
        return self.line_index.position(offset)


def _expand_scope(scope: Iterable[str]) -> frozenset[str]:
    kinds = frozenset(scope)
    return ANY_SCOPE | (kinds - {"any"}) if "any" in kinds else kinds
