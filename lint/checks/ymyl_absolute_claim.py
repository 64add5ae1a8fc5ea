"""ymyl-absolute-claim: unqualified promises ("cures", "100% safe", "guaranteed returns").

Where the line is: a claim phrase is reported when the sentence asserts it. It is *not*
reported when
  * a hedge sits just before it (within `hedge-window` words): "relatively painless",
    "may cure", "generally considered safe";
  * it is negated earlier in its clause: "is not a cure", "there is no cure",
    "no treatment is risk-free", "results are not guaranteed";
  * the sentence reports or warns about it rather than making it: "a myth that…",
    "be wary of clinics that promise…", "marketed as a miracle…";
  * the sentence is a question ("Is Botox completely safe?");
  * for claims that need evidence ("clinically proven"), the paragraph cites a source.
Clauses end at , ; : ( ) dashes and "but", so "not a cure, but completely safe" is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Iterator, Mapping, NamedTuple

from lint.checks import regex_screens, ymyl_citations, ymyl_topic
from lint.checks.patterns import phrase_alternatives
from lint.document import EMPTY_MAPPING, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import WORD

CLAIM_KEYS = frozenset({"claims", "needs-citation", "hedges", "negations", "reporting"})
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\bbut\b|\bhowever\b|\bwhile\b|\bwhereas\b|\balthough\b", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»"


@dataclass(frozen=True, slots=True)
class Options(ymyl_topic.TopicOptions):
    # claims / needs-citation: regexes; hedges / negations / reporting: words and phrases.
    phrases: Annotated[Mapping[str, tuple[str, ...]], FROM_FILE] = field(default_factory=lambda: EMPTY_MAPPING)
    hedge_window: int = 3  # words before the claim a hedge may sit in
    negation_window: int = 8  # words before the claim, within its clause, a negation may sit in
    source_domains: Annotated[tuple[str, ...], FROM_FILE] = ()
    source_names: Annotated[tuple[str, ...], FROM_FILE] = ()

    def __post_init__(self) -> None:
        ymyl_topic.TopicOptions.__post_init__(self)
        unknown = sorted(set(self.phrases) - CLAIM_KEYS)
        if unknown:
            raise OptionError(f"phrases.{unknown[0]}", f"unknown key (known: {', '.join(sorted(CLAIM_KEYS))})")
        if not self.phrases.get("claims") and not self.phrases.get("needs-citation"):
            raise OptionError("phrases", "give claims and/or needs-citation patterns")


class Prepared(NamedTuple):
    topic: ymyl_topic.TopicModel | None
    claims: re.Pattern[str] | None
    needs_citation: re.Pattern[str] | None
    hedges: re.Pattern[str] | None  # anchored at the end of the text before the claim
    negations: re.Pattern[str] | None
    reporting: re.Pattern[str] | None
    sources: ymyl_citations.Sources
    # Screens of claims, needs_citation and reporting: almost no sentence holds any of them.
    claims_screen: regex_screens.Screen | None = None
    needs_citation_screen: regex_screens.Screen | None = None
    reporting_screen: regex_screens.Screen | None = None
    any_claim_screen: regex_screens.Screen | None = None  # admits what either claim screen does


def prepare(options: Options) -> Prepared:
    phrases = options.phrases
    claims = _regexes(phrases.get("claims", ()), "claims")
    needs_citation = _regexes(phrases.get("needs-citation", ()), "needs-citation")
    reporting = _words(phrases.get("reporting", ()))
    screens = (regex_screens.screen(claims), regex_screens.screen(needs_citation))
    return Prepared(
        ymyl_topic.compile_model(options),
        claims,
        needs_citation,
        _words(phrases.get("hedges", ())),
        _words(phrases.get("negations", ())),
        reporting,
        ymyl_citations.compile_sources(options.source_domains, options.source_names),
        *screens,
        regex_screens.screen(reporting),
        regex_screens.either(zip((claims, needs_citation), screens)),
    )


def _regexes(patterns: tuple[str, ...], key: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
    except re.error as error:
        raise OptionError(f"phrases.{key}", f"invalid regular expression: {error}") from None


def _words(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    # Curly and straight apostrophes alike: "isn't", "isn’t".
    alternatives = phrase_alternatives(phrases).replace("'", "['’]")
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE) if alternatives else None


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each asserted, unhedged claim phrase in the rule's scope."""
    prepared: Prepared = rule.prepared
    if not ymyl_topic.verdict(doc, rule.options, prepared.topic).is_topic:
        return
    screen = regex_screens.narrowed(doc, prepared.any_claim_screen)
    if screen is not None and screen.rejects_all:
        return  # the document makes no claim of either kind anywhere
    folds = regex_screens.block_folds(doc)
    for block in doc.blocks_in(rule.scope):
        folded = folds[block]
        if screen is not None and not screen.admits(block.text, folded):
            continue
        cited: bool | None = None  # looked up only when a claim needs it
        for span in block.sentences:
            sentence = block.text[span.start : span.end]
            if sentence.rstrip().endswith("?"):
                continue
            # A sentence's fold is its slice of the block's (folding keeps the length).
            sentence_folded = None if folded is None else folded[span.start : span.end]
            for match, needs_citation in asserted_claims(sentence, prepared, rule.options, sentence_folded):
                if needs_citation:
                    cited = ymyl_citations.block_is_cited(doc, block, prepared.sources) if cited is None else cited
                    if cited:
                        continue
                start, end = span.start + match.start(), span.start + match.end()
                yield rule.finding(doc, block.source_span(start, end), match=match.group())


def asserted_claims(
    sentence: str, prepared: Prepared, options: Options, folded: str | None = None
) -> Iterator[tuple[re.Match[str], bool]]:
    """Claim matches in one sentence that are neither hedged, negated, reported nor quoted,
    each with whether it is a claim that only a citation can support. `folded`, the
    sentence's `regex_screens.fold`, lets the screens skip searches."""
    found = [
        (match, needs_citation)
        for pattern, screen, needs_citation in (
            (prepared.claims, prepared.claims_screen, False),
            (prepared.needs_citation, prepared.needs_citation_screen, True),
        )
        if pattern is not None and (screen is None or screen.admits(sentence, folded))
        for match in pattern.finditer(sentence)
    ]
    # Whether the sentence reports on claims matters only when it makes one (most do not).
    if not found or _reports(sentence, folded, prepared):
        return
    for match, needs_citation in found:
        if not is_qualified(sentence, match, prepared, options):
            yield match, needs_citation


def _reports(sentence: str, folded: str | None, prepared: Prepared) -> bool:
    screen = prepared.reporting_screen
    if prepared.reporting is None or (screen is not None and not screen.admits(sentence, folded)):
        return False
    return prepared.reporting.search(sentence) is not None


def is_qualified(sentence: str, match: re.Match[str], prepared: Prepared, options: Options) -> bool:
    before = sentence[: match.start()]
    clause = _CLAUSE_BREAK.split(before)[-1]
    if _is_quoted(sentence, match):
        return True
    if prepared.negations is not None and prepared.negations.search(_last_words(clause, options.negation_window)):
        return True
    return prepared.hedges is not None and prepared.hedges.search(_last_words(clause, options.hedge_window)) is not None


def _last_words(text: str, count: int) -> str:
    words = list(WORD.finditer(text))
    if len(words) <= count:
        return text
    return text[words[-count].start() :]


def _is_quoted(sentence: str, match: re.Match[str]) -> bool:
    """Scare quotes: the claim is named, not made ('so-called "miracle" cures')."""
    opening = sentence[match.start() - 1 : match.start()]
    closing = sentence[match.end() : match.end() + 1]
    return bool(opening and closing and opening in _QUOTES and closing in _QUOTES)


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    return ymyl_topic.topic_metrics(doc, rule.options, rule.prepared.topic)
