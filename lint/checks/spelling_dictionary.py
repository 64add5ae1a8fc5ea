"""pyspellchecker's word-frequency dictionaries, looked up without its start-up cost.

`SpellChecker(language=...)` spends about 90 ms before its first lookup: besides reading
the gzipped JSON (40 ms) it lower-cases every key again, copies them into a Counter and
collects the letter set and longest word over all 160,000 words, which only corrections
need. This module reads the same file and keeps the plain mapping; the letter set and
longest word are computed on the first correction. `candidates` is `SpellChecker(distance=1)
.candidates`, step for step (tests compare the two on misspellings).
"""

from __future__ import annotations

import gzip
import json
import pkgutil
import string
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping

# Words float() accepts that pyspellchecker still checks (its issue #125).
_NOT_NUMBERS = ("nan", "inf", "infinity")


@dataclass(frozen=True)
class Dictionary:
    frequency: Mapping[str, int]  # lower-case word → how often the corpus has it

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self.frequency

    @cached_property
    def letters(self) -> frozenset[str]:
        return frozenset().union(*self.frequency)

    @cached_property
    def longest(self) -> int:
        return max(map(len, self.frequency), default=0)

    def candidates(self, word: str) -> set[str] | None:
        """Known words one edit away (the word itself when known or not checkable), else None."""
        if self.known([word]):
            return {word}
        if not self._should_check(word):
            return {word}
        return self.known(self._edits(word)) or None

    def known(self, words: list[str] | set[str]) -> set[str]:
        lowered = (word.lower() for word in words)
        return {word for word in lowered if word in self.frequency and self._should_check(word)}

    def _edits(self, word: str) -> set[str]:
        word = word.lower()
        if not self._should_check(word):
            return {word}
        splits = [(word[:index], word[index:]) for index in range(len(word) + 1)]
        deletes = [left + right[1:] for left, right in splits if right]
        transposes = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
        replaces = [left + letter + right[1:] for left, right in splits if right for letter in self.letters]
        inserts = [left + letter + right for left, right in splits for letter in self.letters]
        return set(deletes + transposes + replaces + inserts)

    def _should_check(self, word: str) -> bool:
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self.longest + 3:
            return False
        if word.lower() in _NOT_NUMBERS:
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False


def load_dictionary(language: str) -> Dictionary:
    """The dictionary pyspellchecker ships for `language` (resources/<code>.json.gz)."""
    data = pkgutil.get_data("spellchecker", f"resources/{language.lower()}.json.gz")
    if data is None:
        raise ValueError(f"no dictionary for {language!r}")
    words: dict[str, int] = json.loads(gzip.decompress(data).decode("utf-8"))
    if "".join(words).islower():  # the shipped lists are lower case: no copy needed
        return Dictionary(words)
    lowered = {key.lower(): value for key, value in words.items()}
    if len(lowered) != len(words):  # words that differ only in case: their counts add up
        summed: Counter[str] = Counter()
        for key, value in words.items():
            summed[key.lower()] += value
        lowered = dict(summed)
    return Dictionary(lowered)
