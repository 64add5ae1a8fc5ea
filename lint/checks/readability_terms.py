"""explained_terms: technical terms that readers need explained, reported when never explained.

`terms` (rules/readability/plain-language-medical.toml) maps clinical words a patient may
not know to plain wording ("contraindicated" → "should not be used"). Unlike plain jargon
(the `substitution` kind, rule plain-language), a term is fine once the article explains it
anywhere, so only the first use of a term that is never explained is reported. Explained means: a parenthesis, appositive or definition right after
it ("ptosis (a drooping eyelid)", "topical anaesthetic (a numbing cream)", "dystonia, a
movement disorder", "Dystonia: …", "X is a…", "X means…"), the term in brackets after the
plain words ("a drooping eyelid (ptosis)"), "called X", or the plain alternative's words in
the same or a neighbouring sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Mapping

from lint.checks.patterns import ascii_screen, earliest_match, phrase_alternatives
from lint.checks.readability import is_english
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import Span, sentence_spans

_DEFINITION_AFTER = re.compile(
    r"""\s*(?:\(|[—–]|\s-\s|:\s
    |,\s*(?:a|an|the|or|which|meaning|that\s+is|i\.e\.|also\s+called|also\s+known\s+as|known\s+as)\b
    |\s*(?:is|are|means|mean|refers\s+to|describes|involves|happens\s+when|occurs\s+when)\s)""",
    re.IGNORECASE | re.VERBOSE,
)
# A modifier explained with its noun: "topical anaesthetic (a numbing cream)".
_PHRASE_IN_BRACKETS_AFTER = re.compile(r"\s+[\w-]+\s*\(")
_NAMED_BEFORE = re.compile(r"(?:\(\s*|\bcalled\s+|\bknown\s+as\s+|\bterm\s+|\bnamed\s+)[\"'“‘]?$", re.IGNORECASE)
_CONTENT_WORD = re.compile(r"[a-z]{4,}")
STOP_WORDS = frozenset("with that this from have been were what when your they them than then into only".split())
STEM = 5  # "stiff" matches "stiffness": compare word beginnings


@dataclass(frozen=True, slots=True)
class Options:
    terms: Annotated[Mapping[str, str], FROM_FILE]

    def __post_init__(self) -> None:
        if not self.terms:
            raise OptionError("terms", "give at least one term")


@dataclass(frozen=True, slots=True)
class Prepared:
    pattern: re.Pattern[str]
    lookup: Mapping[str, str]  # lower-case term, spaces collapsed → plain wording
    screen: re.Pattern[str] | None = None  # see patterns.ascii_screen


def prepare(options: Options) -> Prepared:
    lookup = {_normalise(term): plain for term, plain in options.terms.items()}
    pattern = re.compile(rf"(?<![\w-])(?:{phrase_alternatives(options.terms, ignore_case=True)})(?![\w-])", re.IGNORECASE)
    return Prepared(pattern, lookup, ascii_screen(options.terms))


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """The first use of each term that the article never explains."""
    if not is_english(doc):
        return
    prepared: Prepared = rule.prepared
    first: dict[str, tuple[Block, re.Match[str]]] = {}
    explained: set[str] = set()
    for block in doc.blocks_in(rule.scope):
        start = earliest_match(prepared.screen, block.text)
        if start is None:
            continue
        for match in prepared.pattern.finditer(block.text, start):
            term = _normalise(match.group())
            first.setdefault(term, (block, match))
            if term not in explained and is_explained(block.text, match, prepared.lookup[term]):
                explained.add(term)
    for term, (block, match) in first.items():
        if term not in explained:
            yield _finding(doc, rule, block, match)


def _finding(doc: Document, rule: Any, block: Block, match: re.Match[str]) -> Finding:
    found = match.group()
    plain = rule.prepared.lookup[_normalise(found)]
    finding: Finding = rule.finding(doc, block.source_span(*match.span()), suggestion=plain, match=found, replacement=plain)
    return finding


def is_explained(text: str, match: re.Match[str], plain: str) -> bool:
    """Whether the term at `match` is defined next to it or its plain meaning is nearby."""
    after = match.end()
    if _DEFINITION_AFTER.match(text, after) or _PHRASE_IN_BRACKETS_AFTER.match(text, after):
        return True
    if _NAMED_BEFORE.search(text, 0, match.start()):
        return True
    return _mentions_plain_words(_neighbourhood(text, match.span()), plain)


def _neighbourhood(text: str, span: tuple[int, int]) -> str:
    """The sentence holding `span` and the sentences on either side of it (within the block)."""
    spans = list(sentence_spans(text)) or [Span(0, len(text))]
    index = next((number for number, sentence in enumerate(spans) if sentence.start <= span[0] < sentence.end), 0)
    low, high = max(0, index - 1), min(len(spans), index + 2)
    return text[spans[low].start : spans[high - 1].end]


def _mentions_plain_words(nearby: str, plain: str) -> bool:
    wanted = [word[:STEM] for word in _CONTENT_WORD.findall(plain.lower()) if word not in STOP_WORDS]
    if not wanted:
        return False
    present = {word[:STEM] for word in _CONTENT_WORD.findall(nearby.lower())}
    return all(word in present for word in wanted)


def _normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split())
