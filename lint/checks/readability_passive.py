"""passive_voice: too many passive sentences (`report = "share"`), or each one (`"sentences"`).

Yoast's bound is 10 % of sentences. Detection is lint.checks.passive (English only), run
once per sentence and shared through the readability sentence records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Literal

from lint.checks.readability import SentenceRecord, is_english, sentence_records
from lint.checks.readability_audience import AudienceOptions, threshold
from lint.checks.readability_prose import line_of, quote
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding


@dataclass(frozen=True, slots=True)
class Options(AudienceOptions):
    report: Literal["share", "sentences"] = "share"
    max_share: float | None = None  # share: None takes the profile's `max-passive-share`
    min_sentences: int = 5  # share: a share of fewer sentences says little

    def __post_init__(self) -> None:
        AudienceOptions.__post_init__(self)
        if self.report == "share":
            self.require("max-passive-share", self.max_share)
        if self.max_share is not None and not 0 <= self.max_share <= 1:
            raise OptionError("max-share", "expected a fraction between 0 and 1")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if not is_english(doc):
        return
    records = list(sentence_records(doc).values())
    if rule.options.report == "sentences":
        yield from _each_passive(doc, rule, records)
    else:
        yield from _passive_share(doc, rule, records)


def _each_passive(doc: Document, rule: Any, records: list[SentenceRecord]) -> Iterator[Finding]:
    for record in records:
        if record.passive is not None:
            sentence = record.sentence
            start, end = (sentence.start + offset for offset in record.passive)
            yield rule.finding(doc, sentence.block.source_span(start, end), match=sentence.block.text[start:end])


def _passive_share(doc: Document, rule: Any, records: list[SentenceRecord]) -> Iterator[Finding]:
    options: Options = rule.options
    limit = threshold(doc, options, "max-passive-share", options.max_share)
    counted = [record for record in records if record.is_counted]
    passive = [record for record in counted if record.is_passive]
    if len(counted) < options.min_sentences or len(passive) <= limit * len(counted):
        return
    examples = "; ".join(f"line {line_of(doc, record.sentence)} “{quote(record.sentence.text)}”" for record in passive[:2])
    yield rule.finding(
        doc,
        None,
        share=f"{len(passive) / len(counted):.0%}",
        count=len(passive),
        total=len(counted),
        limit=f"{limit:.0%}",
        examples=examples,
    )
