"""Pre-screens for regular expressions: a few substring tests that prove a text cannot match.

Most blocks and sentences of an article match none of a rule's expressions, and a search
with a long alternation costs far more than the substring tests. A `Screen` is derived from
the expression itself (its parsed form: which literal words every match must contain), so
it rules out only text the expression cannot match (tests/test_ymyl_screens.py compares
them); `fold`s of the text, once per document, serve every screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Mapping, NamedTuple

from lint.checks.regex_literals import required_literals
from lint.document import Block, Document

# The non-ASCII characters IGNORECASE equates with an ASCII letter: "İ" and "ı" match "i",
# "ſ" matches "s", the Kelvin sign "k". Only the last lower-cases to its letter, so text
# holding any is not screened, and in a pattern each stands for its letter.
ASCII_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
# What one way of matching (one alternative of a pattern) needs: each entry a set of
# lower-case literals one of which the match contains, most selective first.
Needs = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Test:
    """A screen's test for one kind of text (see `Screen`): passed by a text that holds a
    literal of every set one of the `alternatives` needs."""

    alternatives: tuple[Needs, ...]
    # The literals of the alternatives' first sets, none containing another: a text with
    # none of them passes no alternative, the usual verdict.
    gate: tuple[str, ...] = field(init=False)
    # Gate literal → what else the alternatives it may stand for need; () when its
    # presence alone passes the test.
    followers: Mapping[str, tuple[Needs, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        gate = _shortest({literal for needs in self.alternatives for literal in needs[0]})
        followers: dict[str, tuple[Needs, ...]] = {}
        for key in gate:
            # A present key meets the first set it is in; a longer literal containing it
            # still has to be looked for.
            rests = [
                needs[1:] if key in needs[0] else needs
                for needs in self.alternatives
                if any(key in literal for literal in needs[0])
            ]
            followers[key] = () if () in rests else tuple(rests)
        object.__setattr__(self, "gate", gate)
        object.__setattr__(self, "followers", followers)

    def passes(self, folded: str) -> bool:
        """Whether the text whose `fold` is `folded` passes."""
        # Plain loops and C-level tests: this runs for most blocks of every article.
        contains = folded.__contains__
        for literal in filter(contains, self.gate):
            rests = self.followers[literal]
            if not rests:
                return True
            for rest in rests:
                for literals in rest:
                    if not any(map(contains, literals)):
                        break
                else:
                    return True
        return False


class Screen(NamedTuple):
    """What the text of any match of a pattern contains, as literals: a text whose `fold`
    lacks them cannot match, so the pattern need not run.

    Lower-casing is what IGNORECASE compares for ASCII letters in text without
    `ASCII_LOOKALIKES`. A non-ASCII literal ("µg") has case partners of its own ("μg"),
    but in ASCII text it cannot match at all: `for_ascii` serves ASCII text and drops the
    alternatives that need one; `for_other` serves other text and ignores such literals.
    Either is None when some alternative needs no literal at all.
    """

    for_ascii: Test | None
    for_other: Test | None

    @classmethod
    def of(cls, alternatives: Iterable[Iterable[Iterable[str]]]) -> Screen:
        """The screen of a pattern whose `alternatives` need these (raw) literals."""
        needs = [[frozenset(literals) for literals in alternative] for alternative in alternatives]
        return cls(_test(_tidy(needs, ascii_text=True)), _test(_tidy(needs, ascii_text=False)))

    def admits(self, text: str, folded: str | None) -> bool:
        """Whether the pattern may match `text`, given `folded = fold(text)`."""
        test = self.for_ascii if text.isascii() else self.for_other
        return test is None or folded is None or test.passes(folded)

    @property
    def rejects_all(self) -> bool:
        """Whether the screen admits no text it can test (see `within`)."""
        return self.for_ascii is _NEVER and self.for_other is _NEVER

    def union(self, other: Screen) -> Screen:
        """A screen that admits what either screen admits."""
        return Screen(_joined(self.for_ascii, other.for_ascii), _joined(self.for_other, other.for_other))

    def within(self, folded: str) -> Screen:
        """The screen for the parts of a text whose fold is `folded`: a part holds only
        literals the whole holds, so a test the whole fails, every part fails."""
        return Screen(*(test if test is None or test.passes(folded) else _NEVER for test in self))


@lru_cache(maxsize=256)  # rules of a pack share phrasings and claims; deriving takes ms
def screen(pattern: re.Pattern[str] | None) -> Screen | None:
    """The `Screen` of a compiled pattern (None for no pattern)."""
    if pattern is None:
        return None
    found = Screen.of(required_literals(pattern))
    return None if found.for_ascii is None and found.for_other is None else found


def either(screened: Iterable[tuple[re.Pattern[str] | None, Screen | None]]) -> Screen | None:
    """A screen that admits what any of the (pattern, its screen) pairs may match; None when
    a pattern has no screen."""
    return _either(tuple(screened))


@lru_cache(maxsize=64)
def _either(screened: tuple[tuple[re.Pattern[str] | None, Screen | None], ...]) -> Screen | None:
    union: Screen | None = None
    for pattern, found in screened:
        if pattern is None:
            continue
        if found is None:
            return None
        union = found if union is None else union.union(found)
    return union


def fold(text: str) -> str | None:
    """`text` lower-cased for `Screen.admits`, character for character (so a sentence's fold
    is its slice of the block's); None when it holds one of `ASCII_LOOKALIKES` or a
    character that lower-cases to two ("İ")."""
    if text.isascii():
        return text.lower()
    if any(char in text for char in ASCII_LOOKALIKES):
        return None
    folded = text.lower()
    return folded if len(folded) == len(text) else None


def block_fold(doc: Document, block: Block) -> str | None:
    """`fold(block.text)`, once per document for every ymyl rule."""
    return block_folds(doc)[block]


def block_folds(doc: Document) -> Mapping[Block, str | None]:
    """`fold` of every block's text (memoised; loops over blocks look them up here)."""
    return doc.cached("ymyl-fold", lambda: {block: fold(block.text) for block in doc.blocks})


def narrowed(doc: Document, screen: Screen | None) -> Screen | None:
    """`screen` for the blocks of `doc` and their sentences (memoised): one test of the
    whole document rules out every block when, as usual, it holds no match anywhere."""
    if screen is None:
        return None
    folded = document_fold(doc)
    if folded is None:
        return screen
    memo: dict[Screen, Screen] = doc.cached("ymyl-screens", dict)
    if screen not in memo:
        memo[screen] = screen.within(folded)
    return memo[screen]


def document_fold(doc: Document) -> str | None:
    """The folds of all blocks, one per line; None when a block has none (see `fold`)."""

    def join() -> str | None:
        folds = [folded for folded in block_folds(doc).values() if folded is not None]
        return "\n".join(folds) if len(folds) == len(doc.blocks) else None

    return doc.cached("ymyl-document-fold", join)


def _tidy(alternatives: list[list[frozenset[str]]], *, ascii_text: bool) -> list[Needs] | None:
    """`Screen` alternatives for ASCII text or for other text; None when one needs nothing."""
    tidied = []
    for needs in alternatives:
        kept: list[tuple[str, ...]] = []
        for literals in needs:
            if ascii_text:
                converted = {literal for literal in map(_ascii_literal, literals) if literal is not None}
                if not converted:
                    break  # the alternative needs a literal ASCII text cannot hold
            elif all(literal.isascii() for literal in literals):
                converted = {literal.lower() for literal in literals}
            else:
                continue  # a non-ASCII literal's case partners are not known here: test the others
            kept.append(_shortest(converted))
        else:
            if not kept:
                return None
            tidied.append(tuple(sorted(set(kept), key=lambda literals: (-min(map(len, literals)), literals))))
    return _simplest(tidied)


def _test(alternatives: list[Needs] | None) -> Test | None:
    return None if alternatives is None else Test(tuple(_gated(alternatives)))


def _gated(alternatives: list[Needs]) -> list[Needs]:
    """The alternatives, each with the set its gate literals come from moved first.

    Every text pays for each gate literal, so sets several alternatives need go into the
    gate first ("safe" for "is safe", "considered safe", "safe for"…), unless their
    literals are short and so common (greedy set cover).
    """
    first: dict[int, tuple[str, ...]] = {}
    while len(first) < len(alternatives):
        left = [(index, needs) for index, needs in enumerate(alternatives) if index not in first]
        shared = max(
            {literals for _, needs in left for literals in needs},
            key=lambda literals: (
                min(map(len, literals)) >= 4,  # shorter literals ("be", "of") are in most texts
                sum(literals in needs for _, needs in left),
                min(map(len, literals)),
                sum(map(len, literals)),
                literals,
            ),
        )
        first.update((index, shared) for index, needs in left if shared in needs)
    gated = [(first[index], *(literals for literals in needs if literals != first[index])) for index, needs in enumerate(alternatives)]
    return _merged(gated)


def _merged(alternatives: list[Needs]) -> list[Needs]:
    """Alternatives that need the same first set and differ in one other set merged: "safe"
    and "is", or "safe" and "are", is "safe" and one of "is", "are"."""
    merged = [(needs[0], frozenset(needs[1:])) for needs in alternatives]
    changed = True
    while changed:
        changed = False
        for one, other in combinations(range(len(merged)), 2):
            (first, rest), (other_first, other_rest) = merged[one], merged[other]
            if first == other_first and len(rest) == len(other_rest) and len(rest - other_rest) == 1:
                (mine,), (theirs,) = rest - other_rest, other_rest - rest
                merged[one] = (first, (rest & other_rest) | {_shortest({*mine, *theirs})})
                del merged[other]
                changed = True
                break
    return [(first, *sorted(rest, key=lambda literals: (-min(map(len, literals)), literals))) for first, rest in merged]


def _simplest(alternatives: list[Needs]) -> list[Needs]:
    """The same test with fewer literals: alternatives that another one's test already
    admits left out ("cures" beside "cure"), those that need one set merged into one."""
    kept: list[Needs] = []
    for needs in alternatives:
        if not any(_implies(needs, other) for other in kept):
            kept = [other for other in kept if not _implies(other, needs)] + [needs]
    single = _shortest({literal for needs in kept if len(needs) == 1 for literal in needs[0]})
    return [(single,)] * bool(single) + [needs for needs in kept if len(needs) > 1]


def _implies(stricter: Needs, weaker: Needs) -> bool:
    """Whether every text that meets `stricter` meets `weaker`: each set `weaker` needs
    has a set in `stricter` whose every literal contains one of its literals."""
    return all(any(_covers(literals, wanted) for literals in stricter) for wanted in weaker)


def _covers(literals: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Whether each of `literals` contains one of `wanted` (a text with one holds one)."""
    for strong in literals:
        for weak in wanted:
            if weak in strong:
                break
        else:
            return False
    return True


def _shortest(literals: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The literals that contain no other (where "mg/kg" occurs, so does "mg")."""
    return tuple(sorted(key for key in literals if not any(other != key and other in key for other in literals)))


def _ascii_literal(literal: str) -> str | None:
    """The literal as it occurs in lower-cased ASCII text; None when it cannot."""
    chars = []
    for char in literal:
        ascii_char = char.lower() if char.isascii() else ASCII_LOOKALIKES.get(char)
        if ascii_char is None:
            return None
        chars.append(ascii_char)
    return "".join(chars)


def _joined(first: Test | None, second: Test | None) -> Test | None:
    if first is None or second is None:
        return None
    return _test(_simplest([*first.alternatives, *second.alternatives]))


_NEVER = Test(())  # passed by no text


