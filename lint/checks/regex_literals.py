"""What a compiled regular expression needs, read from its parsed form (Python's `re`
parser): the literal words every match contains, and the characters a match can start with.

lint.checks.regex_screens turns the literals into screens; the ymyl topic detector tries
number patterns only where their first character stands. Both read Python's private
`re._parser`, as lint.regex_guard does; tests compare the screens with the expressions.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = frozenset({sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)})
_ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", None)
_ZERO_WIDTH = frozenset({sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT})
_CASELESS_CATEGORIES = {sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_SPACE: r"\s"}


def required_literals(pattern: re.Pattern[str]) -> list[list[frozenset[str]]]:
    """Per alternative of `pattern`: sets of literals, one of each of which its matches contain."""
    return [_needs(branch) for branch in _branches(sre_parse.parse(pattern.pattern, pattern.flags))]


def _branches(items: Iterable[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The alternatives of a parsed pattern: `a|b`, `(?:a)|(?:b)` → [a, b]. The parser
    moves a prefix all alternatives share out of the alternation (`\\b(?:a|b)`), so a
    sequence with one alternation in it is that alternation with the rest around each branch."""
    items = list(items)
    if len(items) == 1 and items[0][0] is sre_constants.SUBPATTERN:
        return _branches(items[0][1][-1])
    splits = [index for index, (op, _) in enumerate(items) if op is sre_constants.BRANCH]
    if len(splits) != 1:
        return [items]
    before, (_, (_, branches)), after = items[: splits[0]], items[splits[0]], items[splits[0] + 1 :]
    return [alternative for branch in branches for alternative in _branches([*before, *branch, *after])]


def _needs(items: Iterable[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Sets of literals, one of each of which every match of the parsed sequence contains.

    A run of literal characters is such a set of one; a group and a repeat of at least one
    add what their contents need; an alternation adds the union of one set per branch.
    """
    needs: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        if run:
            needs.append(frozenset({"".join(run)}))
            run = []
        if op is sre_constants.SUBPATTERN:
            needs += _needs(value[-1])
        elif op is _ATOMIC_GROUP:
            needs += _needs(value)
        elif op in _REPEATS and value[0] >= 1:
            needs += _needs(value[2])
        elif op is sre_constants.BRANCH:
            union = _branches_need(value[1])
            if union is not None:
                needs.append(union)
        # Classes, anchors, lookarounds, back references, optional parts: nothing needed.
    if run:
        needs.append(frozenset({"".join(run)}))
    return needs


def _branches_need(branches: Iterable[Iterable[tuple[Any, Any]]]) -> frozenset[str] | None:
    """The union of one set each branch needs (its most selective); None when one needs none."""
    union: set[str] = set()
    for branch in branches:
        best = max(_needs(branch), key=_selectivity, default=None)
        if best is None:
            return None
        union |= best
    return frozenset(union)


def _selectivity(literals: frozenset[str]) -> tuple[int, int]:
    """Longer literals, and fewer of them, rule out more text."""
    return min(map(len, literals)), -len(literals)


def first_char_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of caseless characters every match of `pattern` starts with, else None (a
    search can then try the pattern only where such a character stands)."""
    parts = _first_chars(sre_parse.parse(pattern.pattern, pattern.flags))
    return re.compile(f"[{''.join(parts)}]", pattern.flags) if parts else None


def _first_chars(items: Iterable[tuple[Any, Any]]) -> list[str] | None:
    """Class syntax for the characters the parsed sequence's first character can be."""
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.LITERAL:
            return [re.escape(chr(value))] if _caseless(chr(value)) else None
        if op is sre_constants.IN:
            return _class_chars(value)
        if op is sre_constants.SUBPATTERN:
            return _first_chars(value[-1])
        if op in _REPEATS and value[0] >= 1:
            return _first_chars(value[2])
        if op is sre_constants.BRANCH:
            parts: list[str] = []
            for branch in value[1]:
                chars = _first_chars(branch)
                if chars is None:
                    return None
                parts += chars
            return parts
        return None  # may match nothing, or what it matches is not known here
    return None


def _class_chars(items: Iterable[tuple[Any, Any]]) -> list[str] | None:
    parts = []
    for op, value in items:
        if op is sre_constants.LITERAL and _caseless(chr(value)):
            parts.append(re.escape(chr(value)))
        elif op is sre_constants.RANGE and all(_caseless(chr(code)) for code in range(value[0], value[1] + 1)):
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is sre_constants.CATEGORY and value in _CASELESS_CATEGORIES:
            parts.append(_CASELESS_CATEGORIES[value])
        else:
            return None  # a negated class, a letter, a word character…
    return parts


def _caseless(char: str) -> bool:
    return char.lower() == char == char.upper()
