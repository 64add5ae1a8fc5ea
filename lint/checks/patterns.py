"""Pattern helpers shared by check kinds: phrase lists and user regexes → one regex."""

from __future__ import annotations

import re
from typing import Iterable

from lint.errors import OptionError


def phrase_alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation matching each phrase as whole words; spaces match any white space."""
    escaped = (re.escape(phrase).replace(r"\ ", r"\s+") for phrase in sorted(set(phrases), key=len, reverse=True))
    return "|".join(escaped)


def compile_pattern(
    phrases: Iterable[str], patterns: Iterable[str], *, ignore_case: bool, key: str = "patterns"
) -> re.Pattern[str] | None:
    """One compiled pattern for literal phrases (word-bounded) and raw regexes; None when empty."""
    parts = []
    phrase_part = phrase_alternatives(phrases)
    if phrase_part:
        parts.append(rf"(?<![\w{{\[])(?:{phrase_part})(?![\w}}\]])")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise OptionError(key, f"invalid regular expression {pattern!r}: {error}") from None
        parts.append(f"(?:{pattern})")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE if ignore_case else 0)
