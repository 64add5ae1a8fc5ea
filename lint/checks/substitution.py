"""substitution: a word or phrase that has a preferred replacement ("utilize" → "use")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Mapping

from lint.checks.patterns import ascii_screen, earliest_match, phrase_alternatives
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE


@dataclass(frozen=True, slots=True)
class Options:
    replacements: Annotated[Mapping[str, str], FROM_FILE]
    ignore_case: bool = True

    def __post_init__(self) -> None:
        if not self.replacements:
            raise OptionError("replacements", "give at least one replacement")


@dataclass(frozen=True, slots=True)
class Prepared:
    pattern: re.Pattern[str]
    lookup: Mapping[str, str]  # normalised phrase → replacement
    screen: re.Pattern[str] | None = None  # see ascii_screen


def prepare(options: Options) -> Prepared:
    alternatives = phrase_alternatives(options.replacements, ignore_case=options.ignore_case)
    flags = re.IGNORECASE if options.ignore_case else 0
    lookup = {_normalise(key, options.ignore_case): value for key, value in options.replacements.items()}
    screen = ascii_screen(options.replacements) if options.ignore_case else None
    return Prepared(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags), lookup, screen)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each phrase that has a preferred replacement, with the replacement."""
    prepared: Prepared = rule.prepared
    for block in doc.blocks_in(rule.scope):
        start = earliest_match(prepared.screen, block.text)
        if start is None:
            continue
        for match in prepared.pattern.finditer(block.text, start):
            found = match.group()
            replacement = _match_case(prepared.lookup[_normalise(found, rule.options.ignore_case)], found)
            span = block.source_span(*match.span())
            yield rule.finding(doc, span, suggestion=replacement, match=found, replacement=replacement)


def _normalise(phrase: str, ignore_case: bool) -> str:
    folded = " ".join(phrase.split())
    return folded.lower() if ignore_case else folded


def _match_case(replacement: str, found: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
