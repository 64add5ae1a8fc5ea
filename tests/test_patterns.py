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


# Every character but surrogates, for the properties `lower_words` relies on.
_ALL_CHARACTERS = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_only_the_known_lookalikes_match_an_ascii_word_character_under_ignorecase() -> None:
    from lint.checks.regex_screens import ASCII_LOOKALIKES

    found = {
        char: letter
        for letter in "abcdefghijklmnopqrstuvwxyz0123456789_"
        for char in re.findall(re.escape(letter), _ALL_CHARACTERS, re.IGNORECASE)
        if not char.isascii()
    }
    assert found == ASCII_LOOKALIKES


def test_lower_casing_with_lookalikes_replaced_keeps_each_character_and_its_wordness() -> None:
    from lint.checks.regex_screens import ASCII_LOOKALIKES

    word = re.compile(r"\w")
    replaced = ASCII_LOOKALIKES
    for char in _ALL_CHARACTERS:
        lowered = replaced.get(char, char).lower()
        assert len(lowered) == 1 and bool(word.match(char)) == bool(word.match(lowered)), hex(ord(char))


_SCREENED = ["Leave a Comment", "it's worth noting", "in today’s fast-paced world", "As an AI, I", "TK", "by admin", "lait au café"]
_SCREEN_TEXT = st.lists(
    st.sampled_from(
        [*_SCREENED, "leave", "a", "comment", "İt’s", "ıt's", "worth", "noting.", "TKs", "[TK]", "ſhare", "\u212a", "as", "AS",
         "an", "ai", "AI,", "İ", "CAFÉ", "café", "au", "LAİT", "Post Views: 12", "\n", " ", "é", "-", "'", "’", "today's", "BY ADMİN", "admin"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(text=_SCREEN_TEXT, ignore_case=st.booleans())
def test_phrase_screen_finds_what_the_pattern_finds_in_any_text(text: str, ignore_case: bool) -> None:
    from lint.checks.patterns import lower_words, screen_pattern

    screen = screen_pattern(_SCREENED, [r"Post\s+Views:\s*\d+"], ignore_case=ignore_case)
    assert screen is not None and screen.key_words is not None
    assert _spans(screen.pattern, text) == [match.span() for match in screen.finditer(text, lower_words(text))]
    # Without the raw regex, a text the screen rules out holds no phrase at all.
    phrases = screen_pattern(_SCREENED, [], ignore_case=ignore_case)
    assert phrases is not None
    if not phrases.may_match(lower_words(text)):
        assert _spans(phrases.pattern, text) == []


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(_SCREEN_TEXT, min_size=1, max_size=4), ignore_case=st.booleans())
def test_a_document_the_screens_rule_out_holds_no_match(paragraphs: list[str], ignore_case: bool) -> None:
    from lint.checks.patterns import screen_pattern
    from lint.parsers.text import parse

    doc = parse("\n\n".join(paragraph.replace("\n", " ").strip() or "x" for paragraph in paragraphs), "a.txt")
    screen = screen_pattern(_SCREENED, [r"Post\s+Views:\s*\d+", r"\{\{?\s*[A-Za-z_]\w*\}\}?"], ignore_case=ignore_case)
    assert screen is not None and screen.rest_screen is not None
    if not screen.may_match_in(doc):
        assert all(_spans(screen.pattern, block.text) == [] for block in doc.blocks)


@settings(max_examples=400, deadline=None)
@given(
    first=st.lists(st.text(alphabet="abcd", min_size=1, max_size=3), min_size=1, max_size=3),
    second=st.lists(st.text(alphabet="abcd", min_size=1, max_size=3), min_size=1, max_size=3),
    text=st.text(alphabet="abcd ", max_size=30),
)
def test_either_pattern_finds_what_the_alternation_finds(first: list[str], second: list[str], text: str) -> None:
    """Phrases on `re` beside user patterns on RE2 behave as one alternation `first|second`."""
    from lint.checks.patterns import EitherPattern

    one, two = "|".join(map(re.escape, first)), "|".join(map(re.escape, second))
    either = EitherPattern(re.compile(one), re.compile(two))
    assert [match.span() for match in either.finditer(text)] == _spans(re.compile(f"(?:{one})|(?:{two})"), text)


def test_either_pattern_keeps_a_match_inside_a_skipped_one() -> None:
    from lint.checks.patterns import EitherPattern

    either = EitherPattern(re.compile("cd|de"), re.compile("bc"))
    assert [match.group() for match in either.finditer("bcde")] == ["bc", "de"]
