"""How an article writes its own words: which it keeps in lower case and which it capitalises
mid-sentence (names), so keyword rules can tell a pasted title-case keyphrase from a name."""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, NamedTuple, Protocol

from lint.checks.keyword_common import normal, normal_all, phrase_core
from lint.document import Document

# A word that does not open a sentence: it follows a word character, comma, closing quote or
# bracket and a space (a sentence's first word is capitalised for grammar, not as a name).
_WORD_INSIDE_SENTENCE = re.compile(r"(?<=[\w,;’'\)\"”%] )([^\W\d_][\w'’\-]*)")


class Counts(Protocol):
    """How often each word (`normal` form) occurs; 0 for words that do not (like a Counter)."""

    def __getitem__(self, key: str, /) -> int: ...


class Vocabulary(NamedTuple):
    """How the article itself writes each word inside sentences (not at their start).

    A word the article writes in lower case is an ordinary word; one it capitalises
    mid-sentence is a name ("Botox", "May", "American"), whose capital proves nothing.
    """

    lower: Counts
    capitalised: Counts

    def is_name(self, word: str) -> bool:
        key = normal(word)
        return self.capitalised[key] > 0 and self.lower[key] == 0

    def is_capitalised_elsewhere(self, word: str) -> bool:
        return self.capitalised[normal(word)] > 0


def vocabulary(doc: Document, masked: re.Pattern[str] | None) -> Vocabulary:
    """Casing counts over the article's prose, with `masked` matches (the keyphrase) left out."""
    key = f"keyword.vocabulary:{masked.pattern if masked else ''}"
    return doc.cached(key, lambda: _count_casing(doc, masked))


def _count_casing(doc: Document, masked: re.Pattern[str] | None) -> Vocabulary:
    core = phrase_core(masked) if masked else None
    words = [
        word
        for block in doc.prose_blocks
        for word in _WORD_INSIDE_SENTENCE.findall(_masked_text(block.text, masked, core))
    ]
    forms = _Forms(Counter(words))
    return Vocabulary(_CaseCounts(forms, _is_lower), _CaseCounts(forms, _is_capitalised))


def _is_lower(word: str) -> bool:
    return word[:1].islower()


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


class _Forms:
    """The distinct spellings of an article's words by `normal` form.

    Rules look up a handful of words (the keyphrase's), so spellings are grouped with C-level
    dict and Counter work up front and only a looked-up word's spellings are read one by one.
    """

    __slots__ = ("_first", "_shared", "_spellings", "counts")

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self._spellings = list(counts)
        keys = normal_all(self._spellings)
        self._first = dict(zip(keys, self._spellings))  # one spelling per normal form
        self._shared = {key for key, number in Counter(keys).items() if number > 1}

    def of(self, key: str) -> list[str]:
        if key in self._shared:
            return [spelling for spelling in self._spellings if normal(spelling) == key]
        return [self._first[key]] if key in self._first else []


class _CaseCounts:
    """Counts of the words whose spelling passes `kept` (a case test), by `normal` form,
    summed on first lookup and memoised (per document, with the vocabulary)."""

    __slots__ = ("_forms", "_kept", "_memo")

    def __init__(self, forms: _Forms, kept: Callable[[str], bool]) -> None:
        self._forms = forms
        self._kept = kept
        self._memo: dict[str, int] = {}

    def __getitem__(self, key: str, /) -> int:
        found = self._memo.get(key)
        if found is None:
            counts = self._forms.counts
            found = self._memo[key] = sum(counts[spelling] for spelling in self._forms.of(key) if self._kept(spelling))
        return found


def _masked_text(text: str, masked: re.Pattern[str] | None, core: re.Pattern[str] | None) -> str:
    """`text` with `masked` matches blanked; `core` (see phrase_core) first rules out most texts."""
    if masked is None or (core is not None and core.search(text) is None):
        return text
    return masked.sub(" ", text)
