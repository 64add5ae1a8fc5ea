"""keyword_title: the title printed again at the top, or repeated as a further H1.

The template of article farms prints the keyphrase title, then the same title again with a
subtitle ("Do Neurologists Do Botox?" / "Do Neurologists Do Botox? Unveiling the
Connection"). A bare identical repeat is how many clean pages lay out a title (H1 plus
breadcrumb or section label, `<title>` equal to `<h1>`), so only a repeat that adds a
subtitle after "?", ":", a dash or a bar counts, and only in the first heading or paragraph
after the title (`look-ahead`). A further H1 that repeats the title is reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.text import WORD

_SEPARATOR = re.compile(r"[\s:;,.!?|\-–—]*")
_SUBTITLE_MARK = re.compile(r"[?:|\-–—]")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*$")
_FOLLOWERS = frozenset({"heading", "paragraph"})


@dataclass(frozen=True, slots=True)
class Options:
    # How many blocks after the title may hold the repeat (1: only the very next one).
    look_ahead: int = 1
    # Fewer words than this in the title make "starts with the title" meaningless.
    min_title_words: int = 2
    # More H1 headings than this are reported (0 turns the check off) when they repeat the
    # title, or all of them with `any-h1` (heading-hierarchy already reports stray H1s).
    max_h1: int = 1
    any_h1: bool = False
    # A paragraph longer than this after the repeated title is prose, not a subtitle.
    max_subtitle_words: int = 12

    def __post_init__(self) -> None:
        if self.look_ahead < 1:
            raise OptionError("look-ahead", "must be 1 or more")
        if self.max_h1 < 0:
            raise OptionError("max-h1", "must be 0 or more")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report a title repeated with a subtitle right below it, and surplus H1 headings."""
    lead = visible_title(doc)
    repeated: set[int] = set()
    if lead is not None and len(_words(lead.text)) >= rule.options.min_title_words:
        for block in following_blocks(doc, lead, rule.options.look_ahead):
            subtitle = added_subtitle(lead.text, block, rule.options.max_subtitle_words)
            if subtitle:
                repeated.add(block.index)
                detail = f"'{lead.text}' is printed again with the subtitle '{subtitle}'"
                yield rule.finding(doc, block.source_extent, title=lead.text, detail=detail)
    if rule.options.max_h1 and lead is not None:
        for block in surplus_h1(doc, rule.options.max_h1):
            if block.index in repeated or not (rule.options.any_h1 or starts_with_words(block.text, lead.text)):
                continue
            detail = f"a further H1 '{block.text}' repeats it"
            yield rule.finding(doc, block.source_extent, title=lead.text, detail=detail)


def visible_title(doc: Document) -> Block | None:
    """The title a reader sees: the first H1, else the title block (a text file's first line).

    A `<title>` tag or front-matter title that equals the H1 is metadata, not a repeat.
    """
    for block in doc.headings:
        if block.level == 1:
            return block
    return doc.title_block


def following_blocks(doc: Document, lead: Block, count: int) -> Iterator[Block]:
    """The next `count` headings or paragraphs after `lead` in the article."""
    after = [block for block in doc.article_blocks if block.index > lead.index and block.kind in _FOLLOWERS]
    return iter(after[:count])


def added_subtitle(title: str, block: Block, max_words: int) -> str | None:
    """The subtitle `block` appends to a word-for-word repeat of `title`, if it does.

    The subtitle must follow a question mark, colon, dash or bar ("Title? Unveiling …",
    "Title: A Guide", "Title- Facts"): "Chronic migraine symptoms" under "Chronic Migraine"
    is a section, not a repeat. A paragraph must also read like a subtitle, not a sentence.
    """
    count = len(_words(title))
    matches = list(WORD.finditer(block.text))
    if len(matches) <= count or not starts_with_words(block.text, title):
        return None
    separator = _SEPARATOR.match(block.text, matches[count - 1].end())
    assert separator is not None
    if not _SUBTITLE_MARK.search(separator.group()):
        return None
    rest = block.text[separator.end() :].strip()
    if block.kind != "heading" and (_SENTENCE_END.search(rest) or len(_words(rest)) > max_words):
        return None
    return rest or None


def starts_with_words(text: str, title: str) -> bool:
    """Whether `text` opens with every word of `title`, in order (case ignored)."""
    title_words = [word.lower() for word in _words(title)]
    return bool(title_words) and [word.lower() for word in _words(text)[: len(title_words)]] == title_words


def surplus_h1(doc: Document, allowed: int) -> Iterator[Block]:
    h1 = [block for block in doc.headings if block.level == 1]
    return iter(h1[allowed:])


def _words(text: str) -> list[str]:
    return [match.group() for match in WORD.finditer(text)]
