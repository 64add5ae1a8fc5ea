"""duplicates: the same or nearly the same sentence or paragraph twice in one article.

Text is compared as lower-case word sequences (punctuation, quotes and spacing ignored);
near-duplicates are pairs whose word-level similarity (difflib ratio) reaches the bound.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, count
from typing import Any, Iterator, Literal, NamedTuple

from lint.checks.keyword_common import block_words, normal_words, sentence_words
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.text import Span


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
    units = list(_units(doc, rule.scope, options))
    for later, earlier, ratio in _repeats(units, options.similarity):
        if options.unit == "sentence" and _blocks_repeat(doc, earlier.block, later.block, options.similarity):
            continue  # a repeated paragraph is the paragraph rule's finding, not one per sentence
        first_line = doc.position(earlier.block.source_offset(earlier.span.start)).line
        how = "word for word" if ratio == 1.0 else f"almost word for word ({math.floor(ratio * 100)}% similar)"
        yield rule.finding(
            doc, later.block.source_span(*later.span), line=first_line, how=how, similarity=round(ratio, 2)
        )


def normalised_words(text: str) -> tuple[str, ...]:
    return normal_words(text)


def _units(doc: Document, scope: tuple[str, ...], options: Options) -> Iterator[Unit]:
    """The sentences or paragraphs of `scope` with at least `min_words` words."""
    skipped = skipped_blocks(doc, options.skip_sections)
    paragraphs = options.unit == "paragraph"
    for block in doc.blocks_in(scope):
        if id(block) in skipped:
            continue
        if paragraphs:
            # A one-sentence paragraph repeated is a repeated sentence: the sentence rule's finding.
            if len(block.sentences) >= 2:
                words = block_words(doc, block)
                if len(words) >= options.min_words:
                    yield Unit(words, frozenset(words), block, Span(0, len(block.text)))
            continue
        for span, words in zip(block.sentences, sentence_words(doc, block)):
            if len(words) >= options.min_words:
                yield Unit(words, frozenset(words), block, span)


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
    """(later, earlier, similarity) for each unit that repeats an earlier one (first match).

    Near-duplicates are looked up by prefix filtering (as in set-similarity joins): every unit
    is filed under its `prefix` of rarest words, and two units that reach the bound always
    share a prefix word (see _limits), so only units filed under the new unit's prefix words
    are compared, not every earlier unit.
    """
    exact: dict[tuple[str, ...], Unit] = {}
    near = bound < 1.0
    rank = _word_ranks(units) if near else {}
    filed: dict[int, list[int]] = defaultdict(list)  # word rank → numbers of kept units
    limits: dict[int, tuple[int, int, int]] = {}  # length → _limits(length, bound)
    for number, unit in enumerate(units):
        earlier = exact.get(unit.words)
        if earlier is not None:
            yield unit, earlier, 1.0
            continue
        if near:
            length = len(unit.words)
            if length not in limits:
                limits[length] = _limits(length, bound)
            shortest, longest, size = limits[length]
            prefix = sorted(map(rank.__getitem__, unit.vocabulary))[:size]
            numbers = {other for word in prefix for other in filed.get(word, ())}
            if numbers:
                candidates = [units[other] for other in sorted(numbers) if shortest <= len(units[other].words) <= longest]
                match = _near_match(unit, candidates, bound)
                if match is not None:
                    yield unit, match[0], match[1]
                    continue
            for word in prefix:
                filed[word].append(number)
        exact[unit.words] = unit


def _word_ranks(units: list[Unit]) -> dict[str, int]:
    """A rank for every word, rarest (held by fewest units) first.

    Any one order shared by all units keeps prefix filtering exact; rarity keeps the lists of
    units filed under a word short.
    """
    held = Counter(chain.from_iterable(unit.vocabulary for unit in units))
    return dict(zip(sorted(held, key=held.__getitem__), count()))


def _limits(length: int, bound: float) -> tuple[int, int, int]:
    """For a unit of `length` words: the shortest and longest partner that can reach the bound
    (2·shorter/total ≥ bound), and how many of its rarest words make its prefix.

    difflib matches at most length − |words the partner lacks| words, so a partner (of at
    least `shortest` words) lacking `missing` + 1 distinct words of this unit has ratio below
    the bound. Two units that reach it thus each lack at most `missing` of the other's words,
    and the rarest word they share is in both prefixes of `missing` + 1 words.
    """
    shortest = math.ceil(length * bound / (2.0 - bound) - 1e-9)  # the slack absorbs float error
    longest = math.floor(length * (2.0 - bound) / bound + 1e-9)
    # Largest `missing` with 2·(length − missing)/(length + shortest) ≥ bound; the slack keeps
    # a word too many rather than one too few.
    missing = max(0, math.floor(length - (bound - 1e-9) * (length + shortest) / 2.0))
    return shortest, longest, missing + 1


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


def _blocks_repeat(doc: Document, first: Block, second: Block, bound: float) -> bool:
    """Whether two multi-sentence blocks are near-duplicates (the paragraph rule reports those)."""
    if first is second or len(first.sentences) < 2 or len(second.sentences) < 2:
        return False
    whole_first = make_unit(block_words(doc, first), first, Span(0, len(first.text)))
    whole_second = make_unit(block_words(doc, second), second, Span(0, len(second.text)))
    if whole_first.words == whole_second.words:
        return True
    if similarity_bound(whole_first, whole_second) < bound:
        return False
    return SequenceMatcher(None, whole_first.words, whole_second.words, autojunk=False).ratio() >= bound
