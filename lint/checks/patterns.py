"""Pattern helpers shared by check kinds: phrase lists and user regexes → one regex."""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, NamedTuple

from lint.checks import regex_screens
from lint.checks.regex_screens import ASCII_LOOKALIKES
from lint.document import Block, Document
from lint.errors import OptionError
from lint.regex_guard import is_guarding, on_re2


def phrase_alternatives(phrases: Iterable[str], *, ignore_case: bool | None = None) -> str:
    """A regex alternation matching each phrase as whole words; spaces match any white space.

    At any position it matches the longest phrase the text allows (and, when what follows
    rejects that, the next longest). ASCII lists are written as a trie ("how(?:ever|
    \\s+much)"): Python's `re` tries a flat alternation's phrases one by one at every
    position, which made long word lists the costliest part of a lint. `ignore_case` must
    match the flags the caller compiles with (a case-insensitive trie folds to lower case);
    None keeps the flat alternation.
    """
    unique = sorted(set(phrases), key=len, reverse=True)
    if ignore_case is not None and all(phrase and phrase.isascii() and _ONLY_SPACES.fullmatch(phrase) for phrase in unique):
        return _trie_alternatives(phrase.lower() if ignore_case else phrase for phrase in unique)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in unique)


# Phrases with no white space but the plain space: each trie branch then starts with a
# different character (or with the one space branch), so at most one branch can go on.
_ONLY_SPACES = re.compile(r"[^\t\n\r\f\v\x1c-\x1f]+")


def _trie_alternatives(phrases: Iterable[str]) -> str:
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _trie_regex(root)


def _trie_regex(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if "" in node:  # longer phrases first, so the optional group is greedy
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def ascii_screen(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A quick test that rules out a case-insensitive phrase pattern on ASCII text.

    On ASCII text, ASCII phrases match case-insensitively exactly where their lower case
    matches the lower-cased text, so where this pattern (the phrases without the word-boundary
    guards, case-sensitive) finds nothing in `text.lower()`, the full pattern finds nothing in
    `text`. It is several times faster: without IGNORECASE and a leading lookbehind, `re`
    skips to the phrases' first letters. None when a phrase is not ASCII.
    """
    phrases = list(phrases)
    if not all(phrase.isascii() for phrase in phrases):
        return None
    return re.compile(phrase_alternatives([phrase.lower() for phrase in phrases], ignore_case=False))


def earliest_match(screen: re.Pattern[str] | None, text: str) -> int | None:
    """Where a match of the full pattern behind `screen` (from ascii_screen) can start at the
    earliest: None when it cannot match `text`, 0 when the screen cannot tell (no screen,
    non-ASCII text). The full pattern matches only where the screen does, so searching it
    from there (its lookbehind still sees the text before) finds the same matches."""
    if screen is None or not text.isascii():
        return 0
    found = screen.search(text.lower())
    return None if found is None else found.start()


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
    phrase_part = phrase_alternatives(phrases, ignore_case=ignore_case)
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
        # Both search again from where the last match ended, as the alternation's scan
        # does: a match of one inside a skipped match of the other still counts.
        position = 0
        while position <= len(text):
            first, second = self.first.search(text, position), self.second.search(text, position)
            if first is None and second is None:
                return
            match = first if second is None or (first is not None and first.start() <= second.start()) else second
            yield match
            position = match.end() if match.end() > match.start() else match.end() + 1

    def search(self, text: str) -> Any:
        return next(self.finditer(text), None)

    def match(self, text: str) -> Any:
        """The match `finditer` would yield first if it starts at 0 (`first` wins a tie)."""
        found = self.first.match(text)
        return found if found is not None else self.second.match(text)


_WORD_CHARS = re.compile(r"\w+")


class PhraseScreen(NamedTuple):
    """A phrase pattern with a cheap test that rules it out of most blocks.

    Every run of word characters in a phrase ("it", "s", "worth", "noting" in "it's worth
    noting") stands as a whole word wherever the phrase matches: the pattern forbids a word
    character before and after the phrase, and inside it runs are separated by non-word
    characters or white space. So a block whose lower-case words (`lower_words`) lack each
    phrase's key run (its longest) cannot match any phrase, nor can one that lacks some run
    of every phrase, and `pattern` finds there exactly what `rest` (the raw regexes alone)
    finds.
    """

    pattern: Any  # phrases | raw regexes: the rule's meaning (a `re.Pattern`, or see compile_pattern)
    rest: Any  # the raw regexes alone; None when there are none
    key_words: frozenset[str] | None  # None: some phrase has no ASCII word to screen on
    # Each phrase's lower-case runs: the finer test, run only on blocks with a key word
    # (a common key such as "as" or "guide" lets many through).
    phrase_words: tuple[frozenset[str], ...] = ()
    # What `rest` needs (see regex_screens); None when it needs nothing testable or runs on RE2.
    rest_screen: Any = None

    def may_match(self, words: frozenset[str] | None) -> bool:
        """Whether a block with lower-case words `words` (None: unknown) may hold a phrase."""
        if self.key_words is None or words is None:
            return True
        return not self.key_words.isdisjoint(words) and any(runs <= words for runs in self.phrase_words)

    def may_match_in(self, doc: Document) -> bool:
        """Whether any block of `doc` may hold a match: most articles hold none of a rule's
        phrases or literals, and one test of the document then spares a test per block."""
        if self.may_match(document_words(doc)):
            return True
        if self.rest is None:
            return False
        return self.rest_screen is None or _admits_some_block(self.rest_screen, regex_screens.document_fold(doc))

    def finditer(self, text: str, words: frozenset[str] | None) -> Iterator[re.Match[str]]:
        """Matches in `text`; `words` are its `lower_words`."""
        if self.may_match(words):
            return self.pattern.finditer(text)  # type: ignore[no-any-return]
        return self.rest.finditer(text) if self.rest is not None else iter(())

    def match(self, text: str, words: frozenset[str] | None) -> re.Match[str] | None:
        """The match at the start of `text` that `finditer` would yield first, or None."""
        if self.may_match(words):
            return self.pattern.match(text)  # type: ignore[no-any-return]
        return self.rest.match(text) if self.rest is not None else None


def _admits_some_block(screen: regex_screens.Screen, folded: str | None) -> bool:
    """Whether `screen` may admit a block of the document whose `document_fold` is
    `folded`: a block's fold is part of it, so a test the whole fails, every block fails.
    A document in ASCII has only ASCII blocks, which take the ASCII test alone; the two
    tests are mostly the same, and a scan of the whole document for each costs."""
    if folded is None:
        return True
    same = folded.isascii() or screen.for_ascii == screen.for_other
    tests = (screen.for_ascii,) if same else (screen.for_ascii, screen.for_other)
    return any(test is None or test.passes(folded) for test in tests)


def screen_pattern(phrases: Iterable[str], patterns: Iterable[str], *, ignore_case: bool) -> PhraseScreen | None:
    """`compile_pattern` plus the first-word screen (None when there is nothing to match)."""
    phrases, patterns = tuple(phrases), tuple(patterns)
    pattern = compile_pattern(phrases, patterns, ignore_case=ignore_case)
    if pattern is None:
        return None
    rest = compile_pattern((), patterns, ignore_case=ignore_case)
    keys = [max(_WORD_CHARS.findall(phrase), key=len, default="") for phrase in phrases]
    plain = bool(phrases) and all(key and key.isascii() for key in keys)
    rest_screen = regex_screens.screen(rest) if isinstance(rest, re.Pattern) else None
    if not plain:
        return PhraseScreen(pattern, rest, None, (), rest_screen)
    # A phrase's non-ASCII runs are left out: only its ASCII runs are known to lower-case
    # the way IGNORECASE compares them (see `lower_words`).
    phrase_words = tuple(frozenset(run.lower() for run in _WORD_CHARS.findall(phrase) if run.isascii()) for phrase in phrases)
    return PhraseScreen(pattern, rest, frozenset(key.lower() for key in keys), phrase_words, rest_screen)


# Every character lower-cases to one character, a word character exactly when it was one
# (tests check all of Unicode), once IGNORECASE's ASCII lookalikes ("İ", "ı", "ſ", the
# Kelvin sign) are written as their letter: a match of an ASCII run is then that run,
# lower-cased, in the words.


def lower_words(text: str) -> frozenset[str]:
    """The lower-case words of `text` (what `PhraseScreen` tests), lookalikes as ASCII."""
    if not text.isascii():
        for lookalike, letter in ASCII_LOOKALIKES.items():  # `in` and `replace` beat `translate`
            if lookalike in text:
                text = text.replace(lookalike, letter)
    return frozenset(_WORD_CHARS.findall(text.lower()))


def block_words(doc: Document, block: Block) -> frozenset[str]:
    """`lower_words` of a block, once per document for every rule that screens."""
    memo: dict[Block, frozenset[str]] = doc.cached("patterns.block-words", dict)
    if block not in memo:
        memo[block] = lower_words(block.text)
    return memo[block]


def document_words(doc: Document) -> frozenset[str]:
    """The `block_words` of every block of `doc` (rules that pass this test need them anyway)."""
    return doc.cached("patterns.document-words", lambda: frozenset().union(*(block_words(doc, block) for block in doc.blocks)))
