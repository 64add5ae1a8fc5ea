"""A guard for regular expressions that come from users (their rule packs and config tables).

Python's `re` backtracks: a pattern like `(a+)+b` takes exponential time on a line of
`a`s, so one pattern in a house pack could stall a corpus run. Two defences:

* At load time, `check_options` rejects patterns with a known catastrophic shape (a
  repeated group that holds a repeat of varying length, or repeated alternatives that
  start alike), naming the option key.
* While the loader prepares a rule with user-written options (`user_options()`), the
  generic kinds (existence, occurrence; lint.checks.patterns) run the user's regexes on
  RE2 (google-re2), which matches in linear time, whenever RE2 supports them. RE2 has no
  lookaround or backreferences; such a pattern runs on `re` (it passed the shape check,
  and the per-file time limit still bounds it), as do the YMYL kinds' pattern tables.

Built-in packs are reviewed code and keep Python's `re` semantics (Unicode `\\w` and `\\b`);
on RE2, `\\w`, `\\d`, `\\s` and `\\b` are ASCII-only.
"""

from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:
    import re2
except ImportError:  # pragma: no cover - the guard then relies on the shape check and time limit
    re2 = None  # type: ignore[assignment]

from lint.errors import OptionError

# Set while the loader prepares a rule with user-supplied options (see lint.rules).
_USER_OPTIONS: contextvars.ContextVar[bool] = contextvars.ContextVar("contentlint_user_options", default=False)
_REPEATS = frozenset({sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)})
_SINGLE = frozenset({sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY})
# Characters to compare what parts of a pattern match (letters, digits, marks, spaces).
_PROBES = frozenset("".join(map(chr, range(32, 127))) + "\t\n\u00a0\u00e9\u00c9\u2019\u201c\u2013\u2014\u0661\u4e2d")
_META = re.compile(r"[()*+?{|\\]")  # a string without these cannot hold a dangerous shape
# An outer repeat allowing more than this many rounds makes a nested repeat dangerous.
_MANY = 10


@contextmanager
def user_options() -> Iterator[None]:
    """Within this block patterns are guarded (the rule's options came from a user)."""
    token = _USER_OPTIONS.set(True)
    try:
        yield
    finally:
        _USER_OPTIONS.reset(token)


def is_guarding() -> bool:
    return _USER_OPTIONS.get()


def on_re2(pattern: str, flags: int = 0) -> Any | None:
    """`pattern` compiled by RE2, or None when RE2 is missing or cannot run it (lookaround,
    backreferences, flags other than IGNORECASE, MULTILINE and DOTALL)."""
    if re2 is None or flags & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL):
        return None
    options = re2.Options()
    options.log_errors = False  # RE2 would print every pattern it rejects to standard error
    prefix = "".join(flag for bit, flag in ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s")) if flags & bit)
    try:
        return re2.compile(f"(?{prefix}){pattern}" if prefix else pattern, options)
    except re2.error:
        return None


def dangerous_reason(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically, or None (also for invalid patterns:
    compiling them reports those)."""
    if not _META.search(pattern):
        return None
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    return _walk(list(tree), outer_repeat=False)


def _walk(items: list[Any], outer_repeat: bool) -> str | None:
    for op, argument in items:
        reason = _visit(op, argument, outer_repeat)
        if reason:
            return reason
    return None


def _visit(op: Any, argument: Any, outer_repeat: bool) -> str | None:
    if op in _REPEATS:
        low, high, body = argument
        if outer_repeat and low != high:
            return "a repeated group holds another repeat, as in (a+)+ or (.*)*"
        many = high == sre_constants.MAXREPEAT or high > _MANY
        # `[a-z]+(?:-[a-z]+)*` is safe: each round must take a "-" the inner repeat cannot.
        return _walk(list(body), (outer_repeat or many) and not _is_delimited(list(body)))
    if op is sre_constants.BRANCH:
        branches = [list(branch) for branch in argument[1]]
        if outer_repeat and _branches_overlap(branches):
            return "a repeated group has alternatives that start alike, as in (a|aa)*"
        return next((reason for branch in branches if (reason := _walk(branch, outer_repeat))), None)
    if op is sre_constants.SUBPATTERN:
        return _walk(list(argument[-1]), outer_repeat)
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return _walk(list(argument[1]), outer_repeat)
    return None  # single characters, anchors; an atomic group never backtracks into itself


def _branches_overlap(branches: list[list[Any]]) -> bool:
    """Alternatives a repeat can choose between ambiguously: an empty one (`re` parses
    `(a|aa)*` as `(a(?:|a))*`), two equal ones, or two that start with the same character."""
    if any(not branch for branch in branches):
        return True
    if any(branch in branches[:index] for index, branch in enumerate(branches)):
        return True
    literals = [branch[0] for branch in branches if branch[0][0] is sre_constants.LITERAL]
    return len(set(literals)) < len(literals)


def _is_delimited(body: list[Any]) -> bool:
    """Whether a repeat's body has a required character that none of its inner repeats can
    match: it then splits the subject one way only, however the repeats nest."""
    while len(body) == 1 and body[0][0] is sre_constants.SUBPATTERN:  # `(\w+\s)*`: look inside the group
        body = list(body[0][1][-1])
    if any(op is sre_constants.BRANCH and _branches_overlap([list(b) for b in argument[1]]) for op, argument in body):
        return False  # `(a|a)*`: the alternatives themselves split the subject many ways
    variable = frozenset().union(*(_characters([item]) for item in body if item[0] not in _SINGLE))
    required = [_characters([item]) for item in body if item[0] in _SINGLE]
    return any(characters.isdisjoint(variable) for characters in required)


def _characters(items: list[Any]) -> frozenset[str]:
    """The probe characters any part of `items` can match (unknown parts: all of them)."""
    found: set[str] = set()
    for op, argument in items:
        if op is sre_constants.LITERAL:
            found.add(chr(argument))
        elif op in _SINGLE:
            found.update(ch for ch in _PROBES if _single_matches(op, argument, ch))
        elif op in _REPEATS:
            found |= _characters(list(argument[2]))
        elif op is sre_constants.SUBPATTERN:
            found |= _characters(list(argument[-1]))
        elif op is sre_constants.BRANCH:
            found = found.union(*(_characters(list(branch)) for branch in argument[1]))
        elif op is not sre_constants.AT:
            return _PROBES
    return frozenset(found)


def _single_matches(op: Any, argument: Any, ch: str) -> bool:
    if op is sre_constants.NOT_LITERAL:
        return ch != chr(argument)
    if op is sre_constants.ANY:
        return ch != "\n"
    negate = bool(argument) and argument[0][0] is sre_constants.NEGATE
    hit = any(_set_item_matches(kind, value, ch) for kind, value in argument)
    return hit != negate


def _set_item_matches(kind: Any, value: Any, ch: str) -> bool:
    if kind is sre_constants.LITERAL:
        return ch == chr(value)
    if kind is sre_constants.RANGE:
        return value[0] <= ord(ch) <= value[1]
    if kind is sre_constants.CATEGORY:
        name = str(value)
        test = {"DIGIT": ch.isdigit(), "SPACE": ch.isspace(), "WORD": ch.isalnum() or ch == "_"}
        base = next((result for key, result in test.items() if key in name), True)
        return not base if "NOT_" in name else base
    return kind is not sre_constants.NEGATE


def check_options(values: Mapping[str, Any]) -> None:
    """Raise OptionError for the first dangerous pattern among the strings of `values`
    (option key → value, possibly nested lists and tables)."""
    for key, value in values.items():
        _check_value(value, key)


def _check_value(value: Any, key: str) -> None:
    if isinstance(value, str):
        reason = dangerous_reason(value)
        if reason:
            raise OptionError(key, f"pattern {value!r} can take exponential time: {reason}; rewrite it without the nesting")
    elif isinstance(value, Mapping):
        for name, item in value.items():
            _check_value(item, f"{key}.{name}")
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_value(item, key)
