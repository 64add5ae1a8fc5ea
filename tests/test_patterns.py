"""Phrase lists compiled as a trie match exactly what the flat alternation matched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.patterns import compile_pattern, phrase_alternatives

# Few letters, so phrases share prefixes and texts contain them often.
_PHRASE = st.text(alphabet="abAB -'.", min_size=1, max_size=8).filter(lambda phrase: phrase.strip() == phrase and phrase.strip())
_TEXT = st.text(alphabet="abAB -'.\n\t{}xé", max_size=60)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _bounded(alternation: str, flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w{{\[])(?:{alternation})(?![\w}}\]])", flags)


@settings(max_examples=600, deadline=None)
@given(phrases=st.lists(_PHRASE, min_size=1, max_size=8), text=_TEXT, ignore_case=st.booleans())
def test_trie_finds_what_the_flat_alternation_finds(phrases: list[str], text: str, ignore_case: bool) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    flat = _bounded(phrase_alternatives(phrases), flags)
    trie = _bounded(phrase_alternatives(phrases, ignore_case=ignore_case), flags)
    assert _spans(trie, text) == _spans(flat, text)


@settings(max_examples=300, deadline=None)
@given(phrases=st.lists(_PHRASE, min_size=1, max_size=6), text=_TEXT)
def test_trie_backs_off_to_shorter_phrases_when_what_follows_rejects_the_longer(phrases: list[str], text: str) -> None:
    suffix = r"\s*(?::|\s)"  # the byline pattern's shape: a phrase, then a colon or a space
    flat = re.compile(rf"(?:{phrase_alternatives(phrases)}){suffix}", re.IGNORECASE)
    trie = re.compile(rf"(?:{phrase_alternatives(phrases, ignore_case=True)}){suffix}", re.IGNORECASE)
    assert [flat.match(text, start) and flat.match(text, start).span() for start in range(len(text))] == [
        trie.match(text, start) and trie.match(text, start).span() for start in range(len(text))
    ]


def test_trie_is_used_for_ascii_lists_and_shares_prefixes() -> None:
    assert phrase_alternatives(["however", "how much", "How"], ignore_case=True) == r"how(?:\s+much|ever)?"
    assert phrase_alternatives(["however", "how"]) == "however|how"  # flat unless asked


def test_lists_with_other_white_space_or_non_ascii_stay_flat() -> None:
    assert phrase_alternatives(["naïveté", "naive"], ignore_case=True) == "naïveté|naive"
    assert phrase_alternatives(["a\tb", "ab"], ignore_case=False) == "a\\\tb|ab"


def test_compiled_phrase_lists_match_case_insensitively() -> None:
    pattern = compile_pattern(["Leave a Comment", "Leave a Reply", "Comments"], (), ignore_case=True)
    found = [match.group() for match in pattern.finditer("LEAVE A  REPLY. leave a comment; comments")]
    assert found == ["LEAVE A  REPLY", "leave a comment", "comments"]
