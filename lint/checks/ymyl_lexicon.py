"""The lexicon behind the YMYL topic gate: terms as word tuples (plurals and possessives
found by one lookup) and regex categories ("200 units"), compiled once per pack, and the
scan that finds them in a text. `ymyl_topic` scores what this finds."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from types import MappingProxyType
from typing import Any, Iterator, Mapping, NamedTuple

from lint.checks.regex_literals import first_char_class
from lint.checks.regex_screens import Screen, fold, screen
from lint.document import EMPTY_MAPPING
from lint.errors import OptionError
from lint.text import WORD

_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_SUFFIXES = ("'s", "es", "s")  # plural and possessive endings a lexicon term may carry


class Pattern(NamedTuple):
    """A regex category ("200 units", "$5,000"): matches count under their own wording."""

    weight: float
    regex: re.Pattern[str]
    # The characters every match starts with, when they are few and case does not matter
    # (a digit for "200 units"): the body is searched for those, and the regex tried only
    # there, where a search would try it at every position.
    starts: re.Pattern[str] | None = None
    screen: Screen | None = None  # most articles hold no "%" for "5% a year" at all

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`regex.finditer(text)`: every match starts at one of `starts`, and a match at a
        position sees the text around it as the search would."""
        if self.starts is None:
            yield from self.regex.finditer(text)
            return
        end = 0
        for start in self.starts.finditer(text):
            if start.start() >= end:
                match = self.regex.match(text, start.start())
                if match is not None:
                    end = match.end()  # never empty: it starts with one of `starts`
                    yield match


class TopicModel(NamedTuple):
    """A compiled lexicon; `key` names its verdict in the per-document memo.

    Terms are looked up as word tuples (longest first), which is far faster on long
    articles than one regex alternation of hundreds of phrases.
    """

    name: str
    terms: Mapping[tuple[str, ...], tuple[str, float]]  # words → (term, weight)
    first_words: frozenset[str]  # a position whose word is not here starts no term
    longest: int
    patterns: tuple[Pattern, ...]
    threshold: float
    min_terms: int
    key: str
    # First word → lengths (longest first) of the multi-word terms it starts, so the
    # detector tries only sequence lengths that can hit.
    lengths: Mapping[str, tuple[int, ...]] = EMPTY_MAPPING
    # Every word sequence that is a term or a term with a plural or possessive last word →
    # that term: one dict lookup instead of trying each form.
    surfaces: Mapping[tuple[str, ...], tuple[str, float]] = MappingProxyType({})
    singles: Mapping[str, tuple[str, float]] = MappingProxyType({})  # the one-word `surfaces`
    # Words that can start a term; the detector skips all others.
    starters: frozenset[str] = frozenset()


# The rules of a pack share one lexicon: compiling it (hundreds of terms, their plurals)
# once, not once per rule, keeps loading them quick. Models are never modified.
@lru_cache(maxsize=32)
def compiled_model(specs: tuple[tuple[Any, ...], ...], topic: str, threshold: float, min_terms: int) -> TopicModel:
    terms: dict[tuple[str, ...], tuple[str, float]] = {}
    patterns: list[Pattern] = []
    for name, weight, words, regexes in specs:
        for term in words:
            sequence = tuple(term_words(term))
            if sequence and weight > terms.get(sequence, ("", -1.0))[1]:
                terms[sequence] = (" ".join(sequence), float(weight))
        for regex in regexes:
            compiled = _compile(regex, name)
            patterns.append(Pattern(float(weight), compiled, first_char_class(compiled), screen(compiled)))
    longest = max((len(sequence) for sequence in terms), default=0)
    first_words = frozenset(sequence[0] for sequence in terms)
    fingerprint = hash((tuple(sorted(terms.items())), tuple(patterns), threshold, min_terms))
    memo_key = f"ymyl-topic:{topic}:{fingerprint}"
    lengths: dict[str, set[int]] = {}
    for sequence in terms:
        if len(sequence) > 1:
            lengths.setdefault(sequence[0], set()).add(len(sequence))
    surfaces = _surfaces(terms)
    return TopicModel(
        topic, terms, first_words, longest, tuple(patterns), threshold, min_terms,
        memo_key, {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()},
        surfaces, {words[0]: hit for words, hit in surfaces.items() if len(words) == 1},
        frozenset(words[0] for words in surfaces),
    )


def _surfaces(terms: Mapping[tuple[str, ...], tuple[str, float]]) -> dict[tuple[str, ...], tuple[str, float]]:
    """What `_lookup` finds for every word sequence for which it finds anything: only the
    last word of a term may carry a `_SUFFIXES` ending, so these are all such sequences."""
    surfaces: dict[tuple[str, ...], tuple[str, float]] = {}
    for sequence in terms:
        *head, last = sequence
        for word in (last, *(last + suffix for suffix in _SUFFIXES)):
            hit = _lookup((*head, word), terms)
            if hit is not None:
                surfaces[(*head, word)] = hit
    return surfaces


def _compile(pattern: str, category: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise OptionError(f"topic-lexicon.{category}.patterns", f"invalid regular expression {pattern!r}: {error}") from None


def term_words(text: str) -> list[str]:
    """Lower-case words, curly apostrophes made straight: "Parkinson’s disease" → [parkinson's, disease]."""
    words = WORD.findall(text)
    if not words:
        return []
    # One lower() for all words instead of one per word (the detector reads every word of
    # every article). A line break is in no word, is not made by lower-casing, and is
    # neither cased nor case-ignorable, so a final sigma lower-cases as it would alone.
    return "\n".join(words).lower().replace("’", "'").split("\n")


def body_words(text: str, folded: str | None) -> list[str]:
    """`term_words(text)`, given `folded = fold(text)`: lower-casing the whole text lower-cases
    each word as alone and leaves the words where they were, unless the text holds a capital
    sigma (whose lower case depends on what follows it) or "İ" (two characters; no fold)."""
    if folded is None or "\u03a3" in text:
        return term_words(text)
    return WORD.findall(folded.replace("’", "'"))


def found_terms(
    text: str, model: TopicModel, words: list[str] | None = None, folded: str | None = None
) -> Iterator[tuple[str, float]]:
    """(term, weight) for each lexicon hit in `text` (whose `term_words` and `fold` may be
    passed in): the longest word sequence wins, and plurals and possessives of a term count
    as the term ("migraines", "Botox's")."""
    words = term_words(text) if words is None else words
    lengths, singles = model.lengths, model.singles
    end = 0  # the words before `end` belong to a term already found
    # Only positions whose word can start a term, picked at C speed (most words cannot).
    for position in compress(range(len(words)), map(model.starters.__contains__, words)):
        if position < end:
            continue
        if words[position] in lengths:
            hit, length = _longest_term(words, position, model)
        else:
            hit, length = singles.get(words[position]), 1
        if hit is not None:
            yield hit
        end = position + length
    if folded is None and any(pattern.screen is not None for pattern in model.patterns):
        folded = fold(text)
    for pattern in model.patterns:
        if pattern.screen is not None and not pattern.screen.admits(text, folded):
            continue
        for match in pattern.finditer(text):
            yield _DIGITS.sub("#", " ".join(match.group().lower().split())), pattern.weight


def _longest_term(words: list[str], position: int, model: TopicModel) -> tuple[tuple[str, float] | None, int]:
    """The longest term starting at `position` and its length in words, else (None, 1).

    A term of two or more words starts with its exact first word (only the last word may be
    a plural or possessive), so only the lengths `model.lengths` lists for it are tried.
    """
    room = len(words) - position
    for length in model.lengths.get(words[position], ()):
        if length <= room:
            hit = model.surfaces.get(tuple(words[position : position + length]))
            if hit is not None:
                return hit, length
    return model.singles.get(words[position]), 1


def _lookup(words: tuple[str, ...], terms: Mapping[tuple[str, ...], tuple[str, float]]) -> tuple[str, float] | None:
    for form in _forms(words[-1]):
        hit = terms.get((*words[:-1], form))
        if hit is not None:
            return hit
    return None


def _forms(word: str) -> Iterator[str]:
    """The word, then what it could be the plural or possessive of."""
    yield word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            yield word[: -len(suffix)]
