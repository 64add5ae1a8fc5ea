"""Plain text (like a scraped article): structure inferred the way a reader would.

The first line is the title; a short line without closing punctuation is a heading; lines
starting with a bullet are list items; three or more column-like lines are a flattened
table; under an FAQ heading, lines ending in "?" are questions and what follows answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from lint.document import Block, Document, Metadata
from lint.parsers.common import ends_like_sentence, is_byline, is_faq_heading, is_question, looks_like_table_rows
from lint.text import TextBuilder

_LINE = re.compile(r"[^\r\n\u2028\u2029]*(?:\r\n|\r|\n|\u2028|\u2029|$)")
_BULLET = re.compile(r"^[ \t]*(?:[•\-*–—·▪‣◦●○■□➢➤✓✔]|\d{1,3}[.)])[ \t]+")
_TRAILING_BREAK = re.compile(r"[\r\n\u2028\u2029]+$")
MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # without the line break
    start: int  # source offset of the first character

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def source_lines(source: str) -> list[Line]:
    lines = []
    for match in _LINE.finditer(source):
        if match.start() == match.end():
            break
        lines.append(Line(_TRAILING_BREAK.sub("", match.group()), match.start()))
    return lines


def line_groups(lines: list[Line]) -> Iterator[list[Line]]:
    """Runs of non-blank lines, split at blank lines."""
    group: list[Line] = []
    for line in lines:
        if line.is_blank:
            if group:
                yield group
            group = []
        else:
            group.append(line)
    if group:
        yield group


def is_heading_line(text: str) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    if _BULLET.match(text) or is_byline(stripped) or (ends_like_sentence(stripped) and not is_question(stripped)):
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def parse(source: str, path: str) -> Document:
    blocks: list[Block] = []
    in_faq = after_question = False
    for group in line_groups(source_lines(source.lstrip("\ufeff"))):
        if not blocks:
            blocks.append(_block("title", group[:1], level=1))
            group = group[1:]
            if not group:
                continue
        for kind, lines, level, attrs in _classify(group, in_faq, after_question):
            blocks.append(_block(kind, lines, level=level, attrs=attrs))
            if kind == "heading":
                in_faq = is_faq_heading(blocks[-1].text)
            after_question = kind in ("faq-question", "faq-answer")
    indexed = tuple(_with_index(block, index) for index, block in enumerate(blocks))
    title = indexed[0].text if indexed else None
    return Document(path=path, format="txt", source=source, blocks=indexed, meta=Metadata(title=title))


def _classify(
    group: list[Line], in_faq: bool, after_question: bool
) -> Iterator[tuple[str, list[Line], int, dict[str, str]]]:
    texts = [line.text for line in group]
    if any(_BULLET.match(text) for text in texts):
        yield from _list_items(group)
    elif looks_like_table_rows(texts):
        for row, line in enumerate(group):
            yield "table-row", [line], 0, {"flattened": "1", "row": str(row)}
    elif len(group) == 1 and in_faq and is_question(texts[0]) and is_heading_line(texts[0] + " x"):
        yield "faq-question", group, 3, {}
    elif len(group) == 1 and is_heading_line(texts[0]):
        yield "heading", group, 2, {}
    else:
        yield ("faq-answer" if in_faq and after_question else "paragraph"), group, 0, {}


def _list_items(group: list[Line]) -> Iterator[tuple[str, list[Line], int, dict[str, str]]]:
    """Bullet lines start items; other lines continue the item above them."""
    item: list[Line] = []
    for line in group:
        if _BULLET.match(line.text) and item:
            yield "list-item", item, 0, {}
            item = []
        item.append(line)
    if item:
        yield "list-item", item, 0, {}


def _block(kind: str, lines: list[Line], *, level: int = 0, attrs: dict[str, str] | None = None) -> Block:
    builder = TextBuilder()
    for number, line in enumerate(lines):
        if number:
            builder.add_space(line.start - 1, line.start, newline=True)
        bullet = _BULLET.match(line.text) if kind == "list-item" and number == 0 else None
        skip = bullet.end() if bullet else 0
        builder.add(line.text[skip:], line.start + skip)
    text, runs = builder.build()
    return Block(kind=kind, text=text, runs=runs, level=level, attrs=attrs or {})


def _with_index(block: Block, index: int) -> Block:
    return Block(block.kind, block.text, block.runs, block.level, block.region, block.attrs, index)
