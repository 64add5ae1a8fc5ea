"""duplicates: the same or nearly the same sentence or paragraph twice in one article.

Text is compared as lower-case word sequences (punctuation, quotes and spacing ignored);
near-duplicates are pairs whose word-level similarity (difflib ratio) reaches the bound.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Iterator, Literal, NamedTuple

from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.text import WORD, Span


@dataclass(frozen=True, slots=True)
class Options:
    unit: Literal["sentence", "paragraph"] = "sentence"
    # 1.0 reports exact repeats only (after normalisation); 0.9 also catches a changed word or two.
    similarity: float = 0.9
    # Short stock lines ("Talk to your doctor.") repeat legitimately in FAQs and lists.
    min_words: int = 6
    # Sections whose heading starts with one of these are skipped: reference lists repeat
    # publishers and journal names on purpose.
    skip_sections: tuple[str, ...] = ("references", "sources", "bibliography", "citations", "further reading")

    def __post_init__(self) -> None:
        if not 0.5 <= self.similarity <= 1.0:
            raise OptionError("similarity", "must be between 0.5 and 1.0")
        if self.min_words < 1:
            raise OptionError("min-words", "must be at least 1")


class Unit(NamedTuple):
    """A sentence or paragraph: its normalised words and where it sits."""

    words: tuple[str, ...]
    vocabulary: frozenset[str]
    block: Block
    span: Span  # within block.text


def make_unit(words: tuple[str, ...], block: Block, span: Span) -> Unit:
    return Unit(words, frozenset(words), block, span)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each unit that repeats an earlier one, pointing back at the first."""
    options: Options = rule.options
    units = [unit for unit in _units(doc, rule.scope, options) if len(unit.words) >= options.min_words]
    for later, earlier, ratio in _repeats(units, options.similarity):
        if options.unit == "sentence" and _blocks_repeat(earlier.block, later.block, options.similarity):
            continue  # a repeated paragraph is the paragraph rule's finding, not one per sentence
        first_line = doc.position(earlier.block.source_offset(earlier.span.start)).line
        how = "word for word" if ratio == 1.0 else f"almost word for word ({math.floor(ratio * 100)}% similar)"
        yield rule.finding(
            doc, later.block.source_span(*later.span), line=first_line, how=how, similarity=round(ratio, 2)
        )


def normalised_words(text: str) -> tuple[str, ...]:
    return tuple([match.group().lower().replace("’", "'") for match in WORD.finditer(text)])


def _units(doc: Document, scope: tuple[str, ...], options: Options) -> Iterator[Unit]:
    skipped = skipped_blocks(doc, options.skip_sections)
    unit = options.unit
    for block in doc.blocks_in(scope):
        if id(block) in skipped:
            continue
        if unit == "paragraph":
            # A one-sentence paragraph repeated is a repeated sentence: the sentence rule's finding.
            if len(block.sentences) >= 2:
                yield make_unit(normalised_words(block.text), block, Span(0, len(block.text)))
            continue
        for span in block.sentences:
            yield make_unit(normalised_words(block.text[span.start : span.end]), block, span)


def skipped_blocks(doc: Document, headings: tuple[str, ...]) -> set[int]:
    """ids of the blocks inside sections whose heading starts with one of `headings`."""
    prefixes = tuple(heading.lower() for heading in headings)
    skipped: set[int] = set()
    skip_level = 0  # level of the skipped section's heading; 0 while not skipping
    for block in doc.article_blocks:
        if block.kind == "heading":
            if skip_level and block.level > skip_level:
                continue
            skip_level = block.level if block.text.strip().lower().startswith(prefixes) else 0
        elif skip_level:
            skipped.add(id(block))
    return skipped


def _repeats(units: list[Unit], bound: float) -> Iterator[tuple[Unit, Unit, float]]:
    """(later, earlier, similarity) for each unit that repeats an earlier one (first match)."""
    exact: dict[tuple[str, ...], Unit] = {}
    by_length: dict[int, list[tuple[int, Unit]]] = defaultdict(list)  # kept units, numbered
    for number, unit in enumerate(units):
        if unit.words in exact:
            yield unit, exact[unit.words], 1.0
            continue
        if bound < 1.0:
            match = _near_match(unit, _candidates(by_length, len(unit.words), bound), bound)
            if match is not None:
                yield unit, match[0], match[1]
                continue
        exact[unit.words] = unit
        by_length[len(unit.words)].append((number, unit))


def _candidates(by_length: dict[int, list[tuple[int, Unit]]], length: int, bound: float) -> list[Unit]:
    """Earlier units whose length allows the bound (2·shorter/total ≥ bound), in order."""
    shortest = math.ceil(length * bound / (2.0 - bound) - 1e-9)  # the slack absorbs float error
    longest = math.floor(length * (2.0 - bound) / bound + 1e-9)
    numbered = [item for size in range(shortest, longest + 1) for item in by_length.get(size, ())]
    return [unit for _, unit in sorted(numbered, key=lambda item: item[0])]


def _near_match(unit: Unit, earlier: list[Unit], bound: float) -> tuple[Unit, float] | None:
    for candidate in earlier:
        if similarity_bound(unit, candidate) < bound:
            continue  # a cheap upper bound rules out most pairs before difflib runs
        ratio = SequenceMatcher(None, unit.words, candidate.words, autojunk=False).ratio()
        if ratio >= bound:
            return candidate, ratio
    return None


def similarity_bound(first: Unit, second: Unit) -> float:
    """An upper bound of difflib's ratio for two units, from lengths and vocabularies.

    difflib's ratio is 2·matched/total; every distinct word one unit has and the other lacks
    is at least one unmatched word, so matched ≤ length − |own vocabulary − other's|.
    """
    total = len(first.words) + len(second.words)
    if total == 0:
        return 1.0
    shortest = min(len(first.words), len(second.words))
    if 2.0 * shortest / total < 0.5:  # below any allowed bound: skip the set work
        return 2.0 * shortest / total
    # |A − B| = |A| − |A ∩ B|: one intersection instead of two differences.
    common = len(first.vocabulary & second.vocabulary)
    matched = min(
        len(first.words) - (len(first.vocabulary) - common),
        len(second.words) - (len(second.vocabulary) - common),
    )
    return 2.0 * matched / total


def _blocks_repeat(first: Block, second: Block, bound: float) -> bool:
    """Whether two multi-sentence blocks are near-duplicates (the paragraph rule reports those)."""
    if first is second or len(first.sentences) < 2 or len(second.sentences) < 2:
        return False
    whole_first = make_unit(normalised_words(first.text), first, Span(0, len(first.text)))
    whole_second = make_unit(normalised_words(second.text), second, Span(0, len(second.text)))
    if whole_first.words == whole_second.words:
        return True
    if similarity_bound(whole_first, whole_second) < bound:
        return False
    return SequenceMatcher(None, whole_first.words, whole_second.words, autojunk=False).ratio() >= bound
