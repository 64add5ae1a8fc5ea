"""Pattern helpers shared by check kinds: phrase lists and user regexes → one regex."""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, NamedTuple

from lint.document import Block, Document
from lint.errors import OptionError
from lint.regex_guard import is_guarding, on_re2


def phrase_alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation matching each phrase as whole words; spaces match any white space."""
    escaped = (re.escape(phrase).replace(r"\ ", r"\s+") for phrase in sorted(set(phrases), key=len, reverse=True))
    return "|".join(escaped)


def compile_pattern(
    phrases: Iterable[str], patterns: Iterable[str], *, ignore_case: bool, key: str = "patterns"
) -> Any:
    """One compiled pattern for literal phrases (word-bounded) and raw regexes; None when empty.

    Under the regex guard (a user wrote the patterns) the raw regexes run on RE2 when it
    supports them, the phrases (which need lookbehind) on `re`, merged by `EitherPattern`.
    """
    patterns = tuple(patterns)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise OptionError(key, f"invalid regular expression {pattern!r}: {error}") from None
    flags = re.IGNORECASE if ignore_case else 0
    phrase_part = phrase_alternatives(phrases)
    phrase_regex = rf"(?<![\w{{\[])(?:{phrase_part})(?![\w}}\]])" if phrase_part else ""
    if patterns and is_guarding():
        return _guarded(phrase_regex, patterns, flags)
    combined = "|".join(part for part in (phrase_regex, *(f"(?:{pattern})" for pattern in patterns)) if part)
    return re.compile(combined, flags) if combined else None


def _guarded(phrase_regex: str, patterns: tuple[str, ...], flags: int) -> Any:
    """User regexes on RE2 where it can run them; the phrases (which need lookbehind) and any
    pattern RE2 cannot run (it passed the shape check at load) on `re`."""
    runnable = [pattern for pattern in patterns if on_re2(pattern, flags) is not None]
    rest = [f"(?:{pattern})" for pattern in patterns if pattern not in runnable]
    python = "|".join(part for part in (phrase_regex, *rest) if part)
    first = re.compile(python, flags) if python else None
    second = on_re2("|".join(f"(?:{pattern})" for pattern in runnable), flags) if runnable else None
    if first is not None and second is not None:
        return EitherPattern(first, second)
    return first if second is None else second


class EitherPattern(NamedTuple):
    """Two patterns searched as one alternation `first|second` (leftmost match, `first`
    winning a tie), for phrases on `re` beside user regexes on RE2."""

    first: Any
    second: Any

    def finditer(self, text: str) -> Iterator[Any]:
        found = sorted(
            ((match.start(), order, match) for order, pattern in enumerate((self.first, self.second)) for match in pattern.finditer(text)),
            key=lambda item: item[:2],
        )
        end = 0
        for start, _, match in found:
            if start >= end:
                yield match
                end = max(match.end(), start + 1)

    def search(self, text: str) -> Any:
        return next(self.finditer(text), None)


_WORD_CHARS = re.compile(r"\w+")


class PhraseScreen(NamedTuple):
    """A phrase pattern with a cheap test that rules it out of most blocks.

    Every run of word characters in a phrase ("it", "s", "worth", "noting" in "it's worth
    noting") stands as a whole word wherever the phrase matches: the pattern forbids a word
    character before and after the phrase, and inside it runs are separated by non-word
    characters or white space. So in ASCII text, where IGNORECASE means lower-casing, a
    block whose words lack each phrase's key run (its longest) cannot match any phrase, and
    `pattern` finds there exactly what `rest` (the raw regexes alone) finds.
    """

    pattern: Any  # phrases | raw regexes: the rule's meaning (a `re.Pattern`, or see compile_pattern)
    rest: Any  # the raw regexes alone; None when there are none
    key_words: frozenset[str] | None  # None: some phrase has no ASCII word to screen on

    def finditer(self, text: str, words: frozenset[str] | None) -> Iterator[re.Match[str]]:
        """Matches in `text`; `words` are its lower-case words, None when not ASCII."""
        if self.key_words is None or words is None or not self.key_words.isdisjoint(words):
            return self.pattern.finditer(text)
        return self.rest.finditer(text) if self.rest is not None else iter(())


def screen_pattern(phrases: Iterable[str], patterns: Iterable[str], *, ignore_case: bool) -> PhraseScreen | None:
    """`compile_pattern` plus the first-word screen (None when there is nothing to match)."""
    phrases, patterns = tuple(phrases), tuple(patterns)
    pattern = compile_pattern(phrases, patterns, ignore_case=ignore_case)
    if pattern is None:
        return None
    rest = compile_pattern((), patterns, ignore_case=ignore_case)
    keys = [max(_WORD_CHARS.findall(phrase), key=len, default="") for phrase in phrases]
    plain = bool(phrases) and all(key and key.isascii() for key in keys)
    return PhraseScreen(pattern, rest, frozenset(key.lower() for key in keys) if plain else None)


def lower_words(text: str) -> frozenset[str] | None:
    """The lower-case words of ASCII `text` (what `PhraseScreen` tests); None otherwise."""
    return frozenset(_WORD_CHARS.findall(text.lower())) if text.isascii() else None


def block_words(doc: Document, block: Block) -> frozenset[str] | None:
    """`lower_words` of a block, once per document for every rule that screens."""
    memo: dict[Block, frozenset[str] | None] = doc.cached("patterns.block-words", dict)
    if block not in memo:
        memo[block] = lower_words(block.text)
    return memo[block]
