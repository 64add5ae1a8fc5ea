"""ymyl-claim-citation: sentences that state risky specifics (doses, durations, safety,
contraindications…) need a citation in the same paragraph.

Claims are data: a table of labelled regex lists. Only statements count: questions (FAQ
questions, "Is Botox safe?") are skipped, and a paragraph with any citation (see
ymyl_citations) covers all its sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Iterator, Mapping, NamedTuple

from lint.checks import regex_screens, ymyl_citations, ymyl_topic
from lint.document import EMPTY_MAPPING, Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import Span


@dataclass(frozen=True, slots=True)
class Options(ymyl_topic.TopicOptions):
    # Label ("dosage", "safety") → regexes; the label names the claim in the message.
    claims: Annotated[Mapping[str, tuple[str, ...]], FROM_FILE] = field(default_factory=lambda: EMPTY_MAPPING)
    source_domains: Annotated[tuple[str, ...], FROM_FILE] = ()
    source_names: Annotated[tuple[str, ...], FROM_FILE] = ()
    max_per_document: int = 20  # beyond this the article needs sources, not more findings

    def __post_init__(self) -> None:
        ymyl_topic.TopicOptions.__post_init__(self)
        if not self.claims:
            raise OptionError("claims", "give at least one labelled list of claim patterns")


class Claim(NamedTuple):
    label: str
    pattern: re.Pattern[str]
    screen: regex_screens.Screen | None = None


class Prepared(NamedTuple):
    topic: ymyl_topic.TopicModel | None
    claims: tuple[Claim, ...]
    sources: ymyl_citations.Sources
    # All claim patterns in one: most sentences state no claim, and one search says so.
    any_claim: re.Pattern[str] | None = None
    # What a block or sentence must contain to state any claim (None: no such test).
    any_claim_screen: regex_screens.Screen | None = None


def prepare(options: Options) -> Prepared:
    claims = []
    for label, patterns in options.claims.items():
        try:
            pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error as error:
            raise OptionError(f"claims.{label}", f"invalid regular expression: {error}") from None
        claims.append(Claim(label, pattern, regex_screens.screen(pattern)))
    sources = ymyl_citations.compile_sources(options.source_domains, options.source_names)
    any_claim = _any_claim(claims)
    return Prepared(
        ymyl_topic.compile_model(options),
        tuple(claims),
        sources,
        any_claim,
        regex_screens.either((claim.pattern, claim.screen) for claim in claims),
    )


def _any_claim(claims: list[Claim]) -> re.Pattern[str] | None:
    """One pattern that matches where any claim pattern does; None when groups (whose
    numbers would shift) or flags make joining them unsafe."""
    if not claims or any(claim.pattern.groups for claim in claims):
        return None
    try:
        return re.compile("|".join(f"(?:{claim.pattern.pattern})" for claim in claims), re.IGNORECASE)
    except re.error:
        return None


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each claim sentence whose paragraph cites nothing."""
    prepared: Prepared = rule.prepared
    if not ymyl_topic.verdict(doc, rule.options, prepared.topic).is_topic:
        return
    prepared = prepared._replace(any_claim_screen=regex_screens.narrowed(doc, prepared.any_claim_screen))
    if prepared.any_claim_screen is not None and prepared.any_claim_screen.rejects_all:
        return  # the document states no claim anywhere
    reported = 0
    folds = regex_screens.block_folds(doc)
    for block in doc.blocks_in(rule.scope):
        if reported >= rule.options.max_per_document:
            return
        # Claims first: most paragraphs state none, and then whether they cite is moot.
        claims = block_claims(block, folds[block], prepared)
        if not claims or ymyl_citations.block_is_cited(doc, block, prepared.sources):
            continue
        for span, label in claims:
            reported += 1
            yield rule.finding(doc, block.source_span(span.start, span.end), claim=label)
            if reported >= rule.options.max_per_document:
                return


def block_claims(block: Block, folded: str | None, prepared: Prepared) -> list[tuple[Span, str]]:
    """Each statement (not a question) in the block that states a claim, with its label.

    `folded` is `regex_screens.fold(block.text)`; a sentence's fold is its slice of it.
    """
    text = block.text
    screen = prepared.any_claim_screen
    if screen is not None and not screen.admits(text, folded):
        return []
    # A claim the block's screen rules out is in none of its sentences.
    claims = tuple(claim for claim in prepared.claims if claim.screen is None or claim.screen.admits(text, folded))
    found = []
    for span in block.sentences:
        sentence = text[span.start : span.end]
        sentence_folded = None if folded is None else folded[span.start : span.end]
        # The claims' own screens rule out most sentences; without screens, one search
        # for all claims does.
        if screen is None and prepared.any_claim is not None and prepared.any_claim.search(sentence) is None:
            continue
        label = claim_label(sentence, claims, sentence_folded)
        if label is None or sentence.rstrip().endswith("?"):
            continue
        found.append((span, label))
    return found


def claim_label(sentence: str, claims: tuple[Claim, ...], folded: str | None = None) -> str | None:
    """The label of the first claim kind the sentence states, or None (`folded`, the
    sentence's `regex_screens.fold`, lets the claims' screens skip searches)."""
    for claim in claims:
        if claim.screen is not None and not claim.screen.admits(sentence, folded):
            continue
        if claim.pattern.search(sentence):
            return claim.label
    return None


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    return ymyl_topic.topic_metrics(doc, rule.options, rule.prepared.topic)
