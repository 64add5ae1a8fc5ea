"""sentence_starts: several sentences in a row that open with the same word.

As in Yoast, an opening article, numeral or demonstrative is read with the word after it
("The neurologist…" ×3 repeats; "The risk… The cost… The dose…" does not). A run is broken
by anything that is not measured prose (a heading, an FAQ question, a table, a fragment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from lint.checks.readability import is_english
from lint.checks.readability_prose import ProseSentence, article_block_sentences
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Openers that say little alone: the next word decides whether two starts repeat.
LEAD_WORDS = frozenset(
    "the a an this that these those one two three four five six seven eight nine ten".split()
)


@dataclass(frozen=True, slots=True)
class Options:
    min_run: int = 3  # how many consecutive sentences with the same opening are reported

    def __post_init__(self) -> None:
        if self.min_run < 2:
            raise OptionError("min-run", "expected 2 or more")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if not is_english(doc):
        return
    for run in _runs(doc):
        if len(run) >= rule.options.min_run:
            first = run[0]
            span = first.block.source_span(first.start, first.end)
            yield rule.finding(doc, span, count=len(run), opening=_display_opening(first))


def _runs(doc: Document) -> Iterator[list[ProseSentence]]:
    """Maximal runs of consecutive sentences sharing an opening."""
    run: list[ProseSentence] = []
    key: str | None = None
    for sentences in article_block_sentences(doc):
        if not sentences:
            yield run
            run, key = [], None
            continue
        for sentence in sentences:
            opening = opening_key(sentence.text)
            if opening is None or opening != key:
                yield run
                run = []
            run.append(sentence)
            key = opening
    yield run


def opening_key(sentence: str) -> str | None:
    """The sentence's first word in lower case (two when the first is a lead word)."""
    words = [word.lower().replace("’", "'") for word in _WORD.findall(sentence[:80])[:2]]
    if not words:
        return None
    return " ".join(words) if words[0] in LEAD_WORDS and len(words) > 1 else words[0]


def _display_opening(sentence: ProseSentence) -> str:
    count = 2 if " " in (opening_key(sentence.text) or "") else 1
    return " ".join(_WORD.findall(sentence.text)[:count])
