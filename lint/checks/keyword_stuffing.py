"""keyword_stuffing: the keyphrase used so often that the copy reads as written for robots.

`measure` picks what a rule counts:
- "density": keyphrase occurrences per 100 words of prose, Yoast-style: an occurrence is a
  sentence holding every content word of the keyphrase (stemmed, so "neurologist" matches
  "neurologists"; function words ignored), counted as often as its rarest word. Outside
  `min-percent`..`max-percent` is reported (Yoast's band is 0.5–3 %).
- "exact-repeats": the keyphrase verbatim more than `max-per-thousand` times per 1,000 words
  (a shorter text is allowed that many in total).
- "subheadings": more than `max-share` of H2/H3 subheadings reflect the keyphrase.
- "image-alt": every image's alt text is the keyphrase itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Literal

from lint.checks.keyword_common import (
    Keyphrase,
    Stem,
    block_stems,
    count_in_sentence,
    keyphrase_of,
    language_stemmer,
    phrase_matches,
    phrase_pattern,
    sentence_stems,
    share_present,
    stems,
    synonyms_of,
    text_words,
    word_set,
)
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE


@dataclass(frozen=True, slots=True)
class Options:
    measure: Literal["density", "exact-repeats", "subheadings", "image-alt"] = "density"
    function_words: Annotated[tuple[str, ...], FROM_FILE] = ()
    language: str = "english"
    # density: the band, and the text length below which density means little.
    min_percent: float = 0.5
    max_percent: float = 3.0
    min_words: int = 100
    # Also count synonyms (rule option plus front matter `synonyms`), as Yoast Premium does.
    count_synonyms: bool = False
    synonyms: tuple[str, ...] = ()
    # exact-repeats
    max_per_thousand: float = 4.0
    # subheadings: the share that counts as stuffing, the levels read, and how many content
    # words a subheading needs to reflect the keyphrase (more than this share).
    max_share: float = 0.75
    min_subheadings: int = 4
    levels: tuple[int, ...] = (2, 3)
    word_share: float = 0.5
    # image-alt: fewer images than this are not a pattern.
    min_images: int = 2

    def __post_init__(self) -> None:
        if not 0 <= self.min_percent <= self.max_percent:
            raise OptionError("min-percent", "must be between 0 and max-percent")
        if not 0 < self.max_share <= 1 or not 0 <= self.word_share < 1:
            raise OptionError("max-share", "max-share must be in (0, 1] and word-share in [0, 1)")


@dataclass(frozen=True, slots=True)
class Prepared:
    function_words: frozenset[str]
    stem: Stem


def prepare(options: Options) -> Prepared:
    return Prepared(word_set(options.function_words), language_stemmer(options.language))


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if not doc.meta.keyphrase:
        return
    keyphrase = keyphrase_of(doc.meta.keyphrase, rule.prepared.function_words)
    if not keyphrase.content:
        return
    measure = rule.options.measure
    if measure == "density":
        yield from _density(doc, rule, keyphrase)
    elif measure == "exact-repeats":
        yield from _exact_repeats(doc, rule, keyphrase)
    elif measure == "subheadings":
        yield from _subheadings(doc, rule, keyphrase)
    else:
        yield from _image_alt(doc, rule, keyphrase)


def density(doc: Document, rule: Any, keyphrase: Keyphrase) -> tuple[int, int, float]:
    """(occurrences, prose words, percent) of the keyphrase, synonyms included if asked."""
    prepared: Prepared = rule.prepared
    forms = [keyphrase] + [keyphrase_of(text, prepared.function_words) for text in _synonyms(doc, rule)]
    wanted = [stems(prepared.stem, form.content) for form in forms if form.content]
    sentences = sentence_stems(doc, prepared.stem, doc.prose_blocks, f"prose:{rule.options.language}")
    count = sum(sum(count_in_sentence(sentence, stem_list) for stem_list in wanted) for sentence in sentences)
    words = len(doc.words)
    return count, words, (100.0 * count / words if words else 0.0)


def _synonyms(doc: Document, rule: Any) -> tuple[str, ...]:
    return synonyms_of(doc, rule.options.synonyms) if rule.options.count_synonyms else ()


def _density(doc: Document, rule: Any, keyphrase: Keyphrase) -> Iterator[Finding]:
    count, words, percent = density(doc, rule, keyphrase)
    options = rule.options
    if words < options.min_words or options.min_percent <= percent <= options.max_percent:
        return
    bound = (
        f"at least {options.min_percent:g} %" if percent < options.min_percent else f"at most {options.max_percent:g} %"
    )
    yield rule.finding(
        doc, None, keyphrase=keyphrase.text, percent=f"{percent:.1f}", count=count, words=words, bound=bound
    )


def _exact_repeats(doc: Document, rule: Any, keyphrase: Keyphrase) -> Iterator[Finding]:
    found = phrase_matches(doc, phrase_pattern(keyphrase.words, ignore_case=True))
    matches = [(block, span) for block in doc.blocks_in(rule.scope) for span in found.get(block, ())]
    words = len(doc.words)
    allowed = int(rule.options.max_per_thousand * max(words, 1000) / 1000)
    if len(matches) > allowed:
        block, span = matches[allowed]
        yield rule.finding(
            doc,
            block.source_span(*span),
            keyphrase=keyphrase.text,
            count=len(matches),
            words=words,
            limit=f"{rule.options.max_per_thousand:g}",
        )


def subheadings(doc: Document, levels: tuple[int, ...]) -> list[Block]:
    """H2/H3-level headings and FAQ questions of the article."""
    kinds = ("heading", "faq-question")
    return [block for block in doc.article_blocks if block.kind in kinds and block.level in levels]


def reflects(found: frozenset[str], forms: list[tuple[str, ...]], word_share: float) -> bool:
    """Whether more than `word_share` of some form's content stems occur in `found` (a block's stems)."""
    return any(share_present(found, form) > word_share for form in forms)


def _subheadings(doc: Document, rule: Any, keyphrase: Keyphrase) -> Iterator[Finding]:
    prepared: Prepared = rule.prepared
    headings = subheadings(doc, rule.options.levels)
    if len(headings) < rule.options.min_subheadings:
        return
    forms = [keyphrase] + [keyphrase_of(text, prepared.function_words) for text in _synonyms(doc, rule)]
    wanted = [stems(prepared.stem, form.content) for form in forms if form.content]
    language = rule.options.language
    matched = sum(
        1
        for block in headings
        if reflects(block_stems(doc, prepared.stem, language, block), wanted, rule.options.word_share)
    )
    share = matched / len(headings)
    if share > rule.options.max_share:
        yield rule.finding(
            doc,
            None,
            keyphrase=keyphrase.text,
            count=matched,
            total=len(headings),
            percent=f"{100 * share:.0f}",
            limit=f"{100 * rule.options.max_share:g}",
        )


def _image_alt(doc: Document, rule: Any, keyphrase: Keyphrase) -> Iterator[Finding]:
    alts = list(doc.blocks_in(["image-alt"]))
    if len(alts) < rule.options.min_images:
        return
    target = [word.lower() for word in keyphrase.words]
    if all([word.lower() for word in text_words(block.text)] == target for block in alts):
        yield rule.finding(doc, alts[0].source_extent, keyphrase=keyphrase.text, count=len(alts))


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    """Keyphrase counts for the report, whichever stuffing rule runs first."""
    if not doc.meta.keyphrase:
        return {}
    keyphrase = keyphrase_of(doc.meta.keyphrase, rule.prepared.function_words)
    count, _, percent = density(doc, rule, keyphrase)
    exact = phrase_matches(doc, phrase_pattern(keyphrase.words, ignore_case=True))
    exact_count = sum(
        len(exact.get(block, ())) for block in doc.article_blocks if block.kind not in ("title", "meta-description")
    )
    return {"keyphrase_count": count, "keyphrase_density": round(percent, 2), "keyphrase_exact_count": exact_count}
