"""Structure heuristics every parser shares, so the three formats read alike."""

from __future__ import annotations

import re
from typing import Sequence

FAQ_HEADING = re.compile(r"\b(?:FAQs?|frequently\s+asked\s+questions?|common\s+questions|questions\s+and\s+answers|Q\s*&\s*A)\b", re.IGNORECASE)
# Sentence punctuation that a flattened table row does not end with.
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*\s*$")
_WORD = re.compile(r"\S+")
# Bylines and date lines stack up like short rows but are not a table.
_BYLINE = re.compile(
    r"^(?:by|written by|author|(?:medically |fact[- ]checked |expert )?reviewed by|updated|published|posted|"
    r"last (?:reviewed|updated|modified)|\d+\s+min(?:ute)?s?\s+read)\b",
    re.IGNORECASE,
)
MIN_TABLE_ROWS = 3


def is_faq_heading(text: str) -> bool:
    return FAQ_HEADING.search(text) is not None


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def ends_like_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None


def is_byline(line: str) -> bool:
    """A byline or date line ("By Jo Lee, MD", "Last reviewed: 3 March 2026")."""
    return _BYLINE.match(line.strip()) is not None


def looks_like_table_rows(lines: Sequence[str]) -> bool:
    """Whether consecutive lines read as a table pasted without its structure.

    Three or more lines, none ending like a sentence, each of at least two words, and the
    first (a header row) short. Prose wrapped over lines ends its last line with a full stop,
    so it does not qualify.
    """
    stripped = [line.strip() for line in lines if line.strip()]
    if len(stripped) < MIN_TABLE_ROWS or len(stripped) != len([line for line in lines if line.strip()]):
        return False
    if any(ends_like_sentence(line) or is_byline(line) for line in stripped):
        return False
    word_counts = [len(_WORD.findall(line)) for line in stripped]
    return min(word_counts) >= 2 and word_counts[0] <= 12


def keyphrase_from_title(title: str) -> str:
    """The keyphrase a title implies: the title without a site name or templated subtitle."""
    text = title.strip()
    for separator in (" | ", " – ", " — ", " - ", ": "):
        if separator in text:
            head = text.split(separator, 1)[0].strip()
            if len(head.split()) >= 2:
                text = head
    return text
