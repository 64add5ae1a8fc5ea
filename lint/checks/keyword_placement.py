"""keyword_placement: where the keyphrase should appear (Yoast's placement checks).

`target` picks the place a rule checks:
- "title": the SEO title (`<title>`, front-matter title, else the first line or H1);
- "introduction": the first paragraph;
- "meta-description": the meta description, when the page has one;
- "subheadings": at least `min-share` of the H2/H3 subheadings;
- "slug": the slug or canonical URL, when known;
- "length": the keyphrase itself has at most `max-content-words` content words.

A place matches when it holds every content word of the keyphrase, stemmed and in any order
("neurologist … Botox" matches "neurologists and Botox"); a subheading needs more than half
of them. Synonyms (rule option or front matter `synonyms`) count where Yoast counts them —
introduction, meta description, subheadings — and related keyphrases (front matter
`related-keyphrases`) count for subheadings, where they show the section is on topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Literal

from lint.checks.keyword_common import (
    Keyphrase,
    Stem,
    block_stems,
    keyphrase_of,
    language_stemmer,
    related_of,
    share_present,
    slug_words,
    stems,
    synonyms_of,
    text_words,
    word_set,
)
from lint.checks.keyword_stuffing import reflects, subheadings
from lint.checks.patterns import compile_pattern
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import Span


@dataclass(frozen=True, slots=True)
class Options:
    target: Literal["title", "introduction", "meta-description", "subheadings", "slug", "length"] = "title"
    function_words: Annotated[tuple[str, ...], FROM_FILE] = ()
    language: str = "english"
    # Count synonyms / related keyphrases as matches (rule option plus front matter).
    count_synonyms: bool = True
    count_related: bool = False
    synonyms: tuple[str, ...] = ()
    related_keyphrases: tuple[str, ...] = ()
    # subheadings: the share wanted, the levels read, the fewest subheadings worth judging,
    # and how many content words a subheading needs (more than this share).
    min_share: float = 0.3
    levels: tuple[int, ...] = (2, 3)
    min_subheadings: int = 2
    word_share: float = 0.5
    # introduction: paragraphs that are not the introduction (bylines, dates, disclaimers).
    skip_paragraphs: tuple[str, ...] = ()
    # length
    max_content_words: int = 4

    def __post_init__(self) -> None:
        if not 0 <= self.min_share <= 1 or not 0 <= self.word_share < 1:
            raise OptionError("min-share", "min-share must be in [0, 1] and word-share in [0, 1)")
        if self.max_content_words < 1:
            raise OptionError("max-content-words", "must be 1 or more")


@dataclass(frozen=True, slots=True)
class Prepared:
    function_words: frozenset[str]
    stem: Stem
    skip: re.Pattern[str] | None


def prepare(options: Options) -> Prepared:
    skip = compile_pattern((), options.skip_paragraphs, ignore_case=False, key="skip-paragraphs")
    return Prepared(word_set(options.function_words), language_stemmer(options.language), skip)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if not doc.meta.keyphrase:
        return
    keyphrase = keyphrase_of(doc.meta.keyphrase, rule.prepared.function_words)
    if not keyphrase.content:
        return
    target = rule.options.target
    if target == "length":
        yield from _length(doc, rule, keyphrase)
    elif target == "subheadings":
        yield from _subheadings(doc, rule, keyphrase)
    else:
        place = _place(doc, target, rule.prepared.skip)
        if place is not None and not _holds(place[0], rule, doc, keyphrase):
            yield rule.finding(doc, place[1], keyphrase=keyphrase.text, place=target.replace("-", " "))


def _place(doc: Document, target: str, skip: re.Pattern[str] | None) -> tuple[tuple[str, ...], Span | None] | None:
    """The words of the place a target names and where a finding points; None when absent."""
    if target == "title":
        block = doc.title_block
        text = doc.meta.title or (block.text if block else None)
        return (text_words(text), block.source_extent if block else None) if text else None
    if target == "introduction":
        first = next((block for block in doc.blocks_in(["paragraph"]) if not (skip and skip.search(block.text))), None)
        return (text_words(first.text), first.source_extent) if first else None
    if target == "meta-description":
        if not doc.meta.description:
            return None
        block = next(doc.blocks_in(["meta-description"], region=None), None)
        return text_words(doc.meta.description), block.source_extent if block else None
    words = slug_words(doc)
    return (words, None) if words is not None else None


def _forms(doc: Document, rule: Any, keyphrase: Keyphrase, *, synonyms: bool, related: bool) -> list[tuple[str, ...]]:
    """Content stems of the keyphrase and of the alternatives that count here."""
    prepared: Prepared = rule.prepared
    texts: list[str] = []
    if synonyms:
        texts += synonyms_of(doc, rule.options.synonyms)
    if related:
        texts += related_of(doc, rule.options.related_keyphrases)
    forms = [keyphrase] + [keyphrase_of(text, prepared.function_words) for text in texts]
    return [stems(prepared.stem, form.content) for form in forms if form.content]


def _holds(words: tuple[str, ...], rule: Any, doc: Document, keyphrase: Keyphrase) -> bool:
    # Yoast counts synonyms in the introduction and meta description, never in title or slug.
    synonyms = rule.options.count_synonyms and rule.options.target in ("introduction", "meta-description")
    forms = _forms(doc, rule, keyphrase, synonyms=synonyms, related=False)
    found = stems(rule.prepared.stem, words)
    return any(share_present(found, form) == 1.0 for form in forms)


def _subheadings(doc: Document, rule: Any, keyphrase: Keyphrase) -> Iterator[Finding]:
    headings: list[Block] = subheadings(doc, rule.options.levels)
    if len(headings) < rule.options.min_subheadings:
        return
    forms = _forms(doc, rule, keyphrase, synonyms=rule.options.count_synonyms, related=rule.options.count_related)
    language = rule.options.language
    matched = sum(
        1
        for block in headings
        if reflects(block_stems(doc, rule.prepared.stem, language, block), forms, rule.options.word_share)
    )
    share = matched / len(headings)
    if share < rule.options.min_share:
        yield rule.finding(
            doc,
            None,
            keyphrase=keyphrase.text,
            count=matched,
            total=len(headings),
            percent=f"{100 * share:.0f}",
            limit=f"{100 * rule.options.min_share:g}",
        )


def _length(doc: Document, rule: Any, keyphrase: Keyphrase) -> Iterator[Finding]:
    count = len(keyphrase.content)
    if count > rule.options.max_content_words:
        yield rule.finding(doc, None, keyphrase=keyphrase.text, count=count, limit=rule.options.max_content_words)
