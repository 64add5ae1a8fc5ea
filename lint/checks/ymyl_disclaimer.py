"""ymyl-disclaimer: an on-topic document (health, money…) must carry a disclaimer.

A block is a disclaimer when it holds a stand-alone phrasing ("for informational purposes
only", "not a substitute for professional medical advice"), or a disclaimer statement
("consult a qualified health professional", "should not be taken as medical advice") framed
as being about the content itself ("this article", "the information on this site", "we are
not…") in the same sentence, in the same short block, or under a "Disclaimer" label. So a
passing "talk to your doctor before…" in the prose does not count. Footers and asides
outside the article count, and so does a `disclaimer:` front matter entry that the site
template renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Iterator, Mapping, NamedTuple

from lint.checks import regex_screens, ymyl_topic
from lint.document import EMPTY_MAPPING, Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE

PHRASING_KEYS = frozenset({"standalone", "statements", "framing", "labels"})
_PHRASING_ORDER = ("standalone", "statements", "framing", "labels")  # as in `Phrasings`


@dataclass(frozen=True, slots=True)
class Options(ymyl_topic.TopicOptions):
    # Regex lists under standalone / statements / framing / labels (see rules/medical/disclaimer-phrasings.toml).
    phrasings: Annotated[Mapping[str, tuple[str, ...]], FROM_FILE] = field(default_factory=lambda: EMPTY_MAPPING)
    front_matter_keys: tuple[str, ...] = ("disclaimer",)
    # In a block this short, statement and framing may sit in different sentences.
    max_block_words: int = 80
    suggestion: str = ""

    def __post_init__(self) -> None:
        ymyl_topic.TopicOptions.__post_init__(self)
        unknown = sorted(set(self.phrasings) - PHRASING_KEYS)
        if unknown:
            raise OptionError(f"phrasings.{unknown[0]}", f"unknown key (known: {', '.join(sorted(PHRASING_KEYS))})")
        if not self.phrasings.get("standalone") and not self.phrasings.get("statements"):
            raise OptionError("phrasings", "give standalone and/or statements phrasings")


class Phrasings(NamedTuple):
    standalone: re.Pattern[str] | None
    statements: re.Pattern[str] | None
    framing: re.Pattern[str] | None
    labels: re.Pattern[str] | None
    # Every block is searched for standalone and statements, and almost none holds one.
    standalone_screen: regex_screens.Screen | None = None
    statements_screen: regex_screens.Screen | None = None
    either_screen: regex_screens.Screen | None = None  # admits what either of them does


class Prepared(NamedTuple):
    topic: ymyl_topic.TopicModel | None
    phrasings: Phrasings


def prepare(options: Options) -> Prepared:
    return Prepared(ymyl_topic.compile_model(options), compile_phrasings(options.phrasings))


def compile_phrasings(phrasings: Mapping[str, tuple[str, ...]]) -> Phrasings:
    standalone, statements, framing, labels = (_alternation(phrasings.get(key, ()), key) for key in _PHRASING_ORDER)
    screens = (regex_screens.screen(standalone), regex_screens.screen(statements))
    either = regex_screens.either(zip((standalone, statements), screens))
    return Phrasings(standalone, statements, framing, labels, *screens, either)


def _alternation(patterns: tuple[str, ...], key: str) -> re.Pattern[str] | None:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise OptionError(f"phrasings.{key}", f"invalid regular expression {pattern!r}: {error}") from None
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report an on-topic document that has no disclaimer anywhere, at its title."""
    options: Options = rule.options
    found = ymyl_topic.verdict(doc, options, rule.prepared.topic)
    if not found.is_topic or has_front_matter_disclaimer(doc, options.front_matter_keys):
        return
    if disclaimer_blocks(doc, rule.scope, rule.prepared.phrasings, options.max_block_words):
        return
    evidence = ", ".join(found.evidence[:5]) or found.decided_by
    yield rule.finding(doc, None, suggestion=options.suggestion or None, evidence=evidence)


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    return ymyl_topic.topic_metrics(doc, rule.options, rule.prepared.topic)


def has_front_matter_disclaimer(doc: Document, keys: tuple[str, ...]) -> bool:
    """A non-empty `disclaimer:` entry (text, or true for the template's standard one)."""
    for key in keys:
        value = doc.meta.front_matter.get(key)
        if value is True or (isinstance(value, str) and value.strip()):
            return True
    return False


def disclaimer_blocks(doc: Document, scope: tuple[str, ...], phrasings: Phrasings, max_words: int) -> tuple[Block, ...]:
    """Every block, article or page furniture, that reads as a disclaimer (memoised)."""
    key = f"ymyl-disclaimers:{hash((scope, phrasings, max_words))}"
    return doc.cached(key, lambda: tuple(_find_disclaimers(doc, scope, phrasings, max_words)))


def _find_disclaimers(doc: Document, scope: tuple[str, ...], phrasings: Phrasings, max_words: int) -> Iterator[Block]:
    phrasings = phrasings._replace(either_screen=regex_screens.narrowed(doc, phrasings.either_screen))
    if phrasings.either_screen is not None and phrasings.either_screen.rejects_all:
        return  # no block can hold either kind of phrasing
    in_scope = set(doc.blocks_in(scope, region=None))
    folds = regex_screens.block_folds(doc)
    under_label = False
    for block in doc.blocks:
        if block.kind in ("heading", "title"):
            under_label = _is_label(block.text, phrasings)
        if block in in_scope and _is_disclaimer(block, folds[block], phrasings, max_words, under_label):
            yield block


def _is_label(text: str, phrasings: Phrasings) -> bool:
    return phrasings.labels is not None and phrasings.labels.match(text.strip()) is not None


def is_disclaimer(block: Block, phrasings: Phrasings, max_words: int, *, labelled: bool = False) -> bool:
    """Whether one block says the content is general information, not professional advice."""
    return _is_disclaimer(block, regex_screens.fold(block.text), phrasings, max_words, labelled)


def _is_disclaimer(block: Block, folded: str | None, phrasings: Phrasings, max_words: int, labelled: bool) -> bool:
    """`is_disclaimer`, given `folded = regex_screens.fold(block.text)`."""
    text = block.text
    if phrasings.either_screen is not None and not phrasings.either_screen.admits(text, folded):
        return False
    if _search(phrasings.standalone, phrasings.standalone_screen, text, folded):
        return True
    if not _search(phrasings.statements, phrasings.statements_screen, text, folded):
        return False
    if labelled or _is_label(text, phrasings):
        return True
    if phrasings.framing is None:
        return False
    if block.word_count <= max_words and phrasings.framing.search(text):
        return True
    return any(_is_framed_statement(text[span.start : span.end], phrasings) for span in block.sentences)


def _search(pattern: re.Pattern[str] | None, screen: regex_screens.Screen | None, text: str, folded: str | None) -> bool:
    if pattern is None or (screen is not None and not screen.admits(text, folded)):
        return False
    return pattern.search(text) is not None


def _is_framed_statement(sentence: str, phrasings: Phrasings) -> bool:
    assert phrasings.statements is not None and phrasings.framing is not None
    return bool(phrasings.statements.search(sentence) and phrasings.framing.search(sentence))
