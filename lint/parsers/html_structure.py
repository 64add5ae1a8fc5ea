"""FAQ sections and tables pasted as paragraphs, recognised as the other parsers do."""

from __future__ import annotations

from typing import Iterable

from bs4 import Tag
from bs4.element import Comment, NavigableString

from lint.document import Run
from lint.parsers.common import ends_like_sentence, is_faq_heading, is_question, looks_like_table_rows
from lint.parsers.html_state import Pending
from lint.text import TextBuilder

_BOLD = frozenset({"strong", "b"})


class FaqState:
    """Tracks FAQ sections while blocks finish in source order.

    Under a heading that names an FAQ, question headings (and <dt>, <summary> or bold-only
    paragraphs ending in "?") are questions; the paragraphs after one, up to the next
    question or heading, are its answer. Mirrors the Markdown parser's rules.
    """

    __slots__ = ("level", "answering")

    def __init__(self) -> None:
        self.level = 0  # the FAQ heading's level; 0 outside an FAQ section
        self.answering = False

    def classify(self, kind: str, tag_name: str, level: int, text: str, *, is_bold_only: bool) -> str:
        if kind == "heading":
            return self._heading(level, text)
        if kind != "paragraph" or not self.level:
            return kind
        if is_question(text) and (tag_name in ("dt", "summary") or is_bold_only):
            self.answering = True
            return "faq-question"
        return "faq-answer" if self.answering else kind

    def _heading(self, level: int, text: str) -> str:
        if self.level and level <= self.level:
            self.level = 0
        if is_faq_heading(text):
            self.level, self.answering = level, False
        elif self.level and is_question(text):
            self.answering = True
            return "faq-question"
        else:
            self.answering = False
        return "heading"


def is_bold_only(tag: Tag) -> bool:
    """Whether an element's only content is one <strong> or <b> ("<p><b>Question?</b></p>")."""
    content = [child for child in tag.children if not _is_blank(child)]
    return len(content) == 1 and isinstance(content[0], Tag) and content[0].name in _BOLD


def with_table_rows(blocks: list[Pending]) -> list[Pending]:
    """Turn tables pasted as consecutive <p> lines (or <br> lines) into table-row blocks."""
    rows = _flattened_paragraphs(blocks)
    result: list[Pending] = []
    for index, block in enumerate(blocks):
        lines = block.text.split("\n")
        if index in rows:
            result.append(block._replace(kind="table-row", attrs={"flattened": "1", "row": str(rows[index])}))
        elif block.kind == "paragraph" and block.region == "article" and looks_like_table_rows(lines):
            result.extend(_split_rows(block, lines))
        else:
            result.append(block)
    return result


def _flattened_paragraphs(blocks: list[Pending]) -> dict[int, int]:
    """Indexes of <p> blocks that form a flattened table, mapped to their row number."""
    rows: dict[int, int] = {}
    for chain in _sibling_chains(blocks):
        for run in _row_candidates(chain, blocks):
            if len(run) >= 3 and looks_like_table_rows([blocks[index].text for index in run]):
                rows.update((index, row) for row, index in enumerate(run))
    return rows


def _sibling_chains(blocks: list[Pending]) -> Iterable[list[int]]:
    """Runs of paragraph blocks from <p> elements that are consecutive siblings."""
    chain: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or block.region != "article" or block.tag is None or block.tag.name != "p":
            continue
        if chain and _next_element(blocks[chain[-1]].tag) is not block.tag:
            yield chain
            chain = []
        chain.append(index)
    if chain:
        yield chain


def _row_candidates(chain: list[int], blocks: list[Pending]) -> Iterable[list[int]]:
    """Split a chain at lines that cannot be rows (prose ends like a sentence)."""
    run: list[int] = []
    for index in chain:
        text = blocks[index].text
        if ends_like_sentence(text) or "\n" in text:
            yield run
            run = []
        else:
            run.append(index)
    yield run


def _next_element(tag: Tag | None) -> Tag | None:
    """The next sibling element when only white space or comments lie between."""
    if tag is None:
        return None
    for sibling in tag.next_siblings:
        if isinstance(sibling, Tag):
            return sibling
        if not _is_blank(sibling):
            return None
    return None


def _is_blank(node: object) -> bool:
    return isinstance(node, Comment) or (isinstance(node, NavigableString) and not node.strip())


def _split_rows(block: Pending, lines: list[str]) -> Iterable[Pending]:
    start = 0
    for row, line in enumerate(lines):
        text, runs = _slice(block, start, start + len(line))
        yield block._replace(kind="table-row", text=text, runs=runs, attrs={"flattened": "1", "row": str(row)})
        start += len(line) + 1


def _slice(block: Pending, start: int, end: int) -> tuple[str, tuple[Run, ...]]:
    """Text and runs of block.text[start:end], mapped to the same source."""
    builder = TextBuilder()
    for run in block.runs:
        left, right = max(start, run.text_start), min(end, run.text_start + run.text_length)
        if left >= right:
            continue
        piece = block.text[left:right]
        if run.text_length == run.source_length:
            builder.add(piece, run.source_start + left - run.text_start)
        else:
            builder.add_mapped(piece, run.source_start, run.source_start + run.source_length)
    return builder.build()
