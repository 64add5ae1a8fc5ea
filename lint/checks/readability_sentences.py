"""sentence_length: sentences over a word limit, or too large a share of long sentences.

`mode = "each"` reports every sentence with more than `max-words` words; `mode = "share"`
reports the document when more than `max-share` of its sentences have more than
`long-words` words (Yoast: 25 % over 20 words). Words are counted as the readability
formulas count them, on measured prose only (see readability_prose).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Literal

from lint.checks.readability import is_english, sentence_records
from lint.checks.readability_audience import AudienceOptions, audience_for, threshold
from lint.checks.readability_prose import line_of, quote
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding


@dataclass(frozen=True, slots=True)
class Options(AudienceOptions):
    mode: Literal["each", "share"] = "each"
    max_words: int | None = None  # each: None takes the profile's `max-sentence-words`
    long_words: int | None = None  # share: None takes the profile's `long-sentence-words`
    max_share: float | None = None  # share: None takes the profile's `max-long-sentence-share`
    min_sentences: int = 5  # share: a share of fewer sentences says little

    def __post_init__(self) -> None:
        AudienceOptions.__post_init__(self)
        if self.mode == "each":
            self.require("max-sentence-words", self.max_words)
        else:
            self.require("long-sentence-words", self.long_words)
            self.require("max-long-sentence-share", self.max_share)
        if self.max_share is not None and not 0 <= self.max_share <= 1:
            raise OptionError("max-share", "expected a fraction between 0 and 1")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if not is_english(doc):
        return
    if rule.options.mode == "each":
        yield from _long_sentences(doc, rule)
    else:
        yield from _long_share(doc, rule)


def _long_sentences(doc: Document, rule: Any) -> Iterator[Finding]:
    options: Options = rule.options
    limit = int(threshold(doc, options, "max-sentence-words", options.max_words))
    audience = audience_for(doc, options).name
    for record in sentence_records(doc).values():
        if len(record.words) > limit:
            sentence = record.sentence
            span = sentence.block.source_span(sentence.start, sentence.end)
            yield rule.finding(doc, span, count=len(record.words), limit=limit, audience=audience)


def _long_share(doc: Document, rule: Any) -> Iterator[Finding]:
    options: Options = rule.options
    long_words = int(threshold(doc, options, "long-sentence-words", options.long_words))
    max_share = threshold(doc, options, "max-long-sentence-share", options.max_share)
    counted = [record for record in sentence_records(doc).values() if record.is_counted]
    long = [record for record in counted if len(record.words) > long_words]
    if len(counted) < options.min_sentences or len(long) <= max_share * len(counted):
        return
    longest = max(long, key=lambda record: len(record.words))
    yield rule.finding(
        doc,
        None,
        share=f"{len(long) / len(counted):.0%}",
        count=len(long),
        total=len(counted),
        long_words=long_words,
        limit=f"{max_share:.0%}",
        longest=f"line {line_of(doc, longest.sentence)} “{quote(longest.sentence.text)}” ({len(longest.words)} words)",
    )
