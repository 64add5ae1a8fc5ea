"""transition_words: too few sentences that use a transition word ("however", "for example").

Yoast's bound: at least 30 % of sentences, in texts of 200 words or more. The word list is
data (rules/readability/transition-words.txt); matching is whole words, case-insensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator

from lint.checks.patterns import ascii_screen, compile_pattern, earliest_match
from lint.checks.readability import is_english, sentence_records
from lint.checks.readability_audience import AudienceOptions, threshold
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE


@dataclass(frozen=True, slots=True)
class Options(AudienceOptions):
    words: Annotated[tuple[str, ...], FROM_FILE] = ()
    min_share: float | None = None  # None takes the profile's `min-transition-share`
    min_words: int = 200  # shorter texts are not assessed

    def __post_init__(self) -> None:
        AudienceOptions.__post_init__(self)
        if not self.words:
            raise OptionError("words", "give the transition words (a list or a data file)")
        self.require("min-transition-share", self.min_share)


@dataclass(frozen=True, slots=True)
class Prepared:
    pattern: re.Pattern[str]
    screen: re.Pattern[str] | None  # see patterns.ascii_screen


def prepare(options: Options) -> Prepared:
    pattern = compile_pattern(options.words, (), ignore_case=True, key="words")
    assert pattern is not None  # __post_init__ requires words
    return Prepared(pattern, ascii_screen(options.words))


def uses_transition(prepared: Prepared, sentence: str) -> bool:
    start = earliest_match(prepared.screen, sentence)
    return start is not None and prepared.pattern.search(sentence, start) is not None


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if not is_english(doc):
        return
    options: Options = rule.options
    counted = [record for record in sentence_records(doc).values() if record.is_counted]
    words = sum(len(record.words) for record in counted)
    if words < options.min_words or not counted:
        return
    minimum = threshold(doc, options, "min-transition-share", options.min_share)
    linked = sum(1 for record in counted if uses_transition(rule.prepared, record.sentence.text))
    if linked < minimum * len(counted):
        yield rule.finding(
            doc,
            None,
            share=f"{linked / len(counted):.0%}",
            count=linked,
            total=len(counted),
            limit=f"{minimum:.0%}",
        )
