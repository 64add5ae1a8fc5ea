"""Topic gate for YMYL ("your money or your life") rules: is this document about health,
money, …? Not a check kind itself: the ymyl_* kinds inherit `TopicOptions` and call
`verdict(doc, options, model)` before looking for problems.

The detector scores weighted lexicon hits per 100 words of prose. Each distinct term counts
at most `CAP_PER_TERM` times (one word repeated a hundred times is still one piece of
evidence), terms in the title or a heading count once more, and a document is on topic only
with enough distinct strong terms (weight ≥ 2), so a travel article that mentions a pharmacy
and a hospital stays off topic.

The ymyl kinds skip text their expressions cannot match with lint.checks.regex_screens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from types import MappingProxyType
from typing import Annotated, Any, Iterator, Literal, Mapping, NamedTuple

from lint.checks.regex_literals import first_char_class
from lint.checks.regex_screens import Screen, fold, screen
from lint.document import EMPTY_MAPPING, Document
from lint.errors import OptionError
from lint.options import FROM_FILE
from lint.text import WORD

CAP_PER_TERM = 3
STRONG_WEIGHT = 2.0
MIN_WORDS = 150  # short texts are scored as if this long, so a caption is never "dense"
MAX_EVIDENCE = 12
_TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
_FALSE_WORDS = frozenset({"false", "no", "off", "0"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_SUFFIXES = ("'s", "es", "s")  # plural and possessive endings a lexicon term may carry


@dataclass(frozen=True, slots=True)
class TopicOptions:
    """Which documents a YMYL rule applies to; every ymyl kind's Options inherits these."""

    # Names the topic: the front matter key that forces it (`medical: true`) and the metrics key.
    topic: str = ""
    # Category → {weight, terms, patterns}; empty means the rule applies to every document.
    topic_lexicon: Annotated[Mapping[str, Any], FROM_FILE] = field(default_factory=lambda: EMPTY_MAPPING)
    topic_extra_terms: tuple[str, ...] = ()  # users' own strong terms, without editing the lexicon
    topic_threshold: float = 6.0  # weighted hits per 100 words of prose
    topic_min_terms: int = 3  # distinct strong terms
    applies: Literal["auto", "always", "never"] = "auto"

    def __post_init__(self) -> None:
        for name, category in self.topic_lexicon.items():
            _validate_category(name, category)
        if self.topic_lexicon and not self.topic:
            raise OptionError("topic", "a rule with a topic lexicon needs a topic name")


def _validate_category(name: str, category: Any) -> None:
    where = f"topic-lexicon.{name}"
    if not isinstance(category, Mapping):
        raise OptionError(where, "expected a table with weight, terms and/or patterns")
    unknown = sorted(set(category) - {"weight", "terms", "patterns"})
    if unknown:
        raise OptionError(f"{where}.{unknown[0]}", "unknown key (known: weight, terms, patterns)")
    weight = category.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        raise OptionError(f"{where}.weight", "expected a number ≥ 0")
    for key in ("terms", "patterns"):
        values = category.get(key, ())
        if not isinstance(values, (list, tuple)) or not all(isinstance(value, str) for value in values):
            raise OptionError(f"{where}.{key}", "expected a list of strings")


class Pattern(NamedTuple):
    """A regex category ("200 units", "$5,000"): matches count under their own wording."""

    weight: float
    regex: re.Pattern[str]
    # The characters every match starts with, when they are few and case does not matter
    # (a digit for "200 units"): the body is searched for those, and the regex tried only
    # there, where a search would try it at every position.
    starts: re.Pattern[str] | None = None
    screen: Screen | None = None  # most articles hold no "%" for "5% a year" at all

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`regex.finditer(text)`: every match starts at one of `starts`, and a match at a
        position sees the text around it as the search would."""
        if self.starts is None:
            yield from self.regex.finditer(text)
            return
        end = 0
        for start in self.starts.finditer(text):
            if start.start() >= end:
                match = self.regex.match(text, start.start())
                if match is not None:
                    end = match.end()  # never empty: it starts with one of `starts`
                    yield match


class TopicModel(NamedTuple):
    """A compiled lexicon; `key` names its verdict in the per-document memo.

    Terms are looked up as word tuples (longest first), which is far faster on long
    articles than one regex alternation of hundreds of phrases.
    """

    name: str
    terms: Mapping[tuple[str, ...], tuple[str, float]]  # words → (term, weight)
    first_words: frozenset[str]  # a position whose word is not here starts no term
    longest: int
    patterns: tuple[Pattern, ...]
    threshold: float
    min_terms: int
    key: str
    # First word → lengths (longest first) of the multi-word terms it starts, so the
    # detector tries only sequence lengths that can hit.
    lengths: Mapping[str, tuple[int, ...]] = EMPTY_MAPPING
    # Every word sequence that is a term or a term with a plural or possessive last word →
    # that term: one dict lookup instead of trying each form.
    surfaces: Mapping[tuple[str, ...], tuple[str, float]] = MappingProxyType({})
    singles: Mapping[str, tuple[str, float]] = MappingProxyType({})  # the one-word `surfaces`
    # Words that can start a term; the detector skips all others.
    starters: frozenset[str] = frozenset()


class Verdict(NamedTuple):
    is_topic: bool
    decided_by: str  # "detector", "front matter", "option" or "no lexicon"
    score: float = 0.0
    strong_terms: int = 0
    evidence: tuple[str, ...] = ()

    def as_metrics(self) -> dict[str, Any]:
        return {
            "is_topic": self.is_topic,
            "decided_by": self.decided_by,
            "score": self.score,
            "strong_terms": self.strong_terms,
            "evidence": list(self.evidence),
        }


def compile_model(options: TopicOptions) -> TopicModel | None:
    """Compile the lexicon once (at load time); None when the rule has no topic gate."""
    if not options.topic_lexicon and not options.topic_extra_terms:
        return None
    specs = tuple(
        (name, spec.get("weight", 1), tuple(spec.get("terms", ())), tuple(spec.get("patterns", ())))
        for name, spec in options.topic_lexicon.items()
    )
    specs += (("extra", STRONG_WEIGHT, tuple(options.topic_extra_terms), ()),)
    return _compiled_model(specs, options.topic, options.topic_threshold, options.topic_min_terms)


# The rules of a pack share one lexicon: compiling it (hundreds of terms, their plurals)
# once, not once per rule, keeps loading them quick. Models are never modified.
@lru_cache(maxsize=32)
def _compiled_model(specs: tuple[tuple[Any, ...], ...], topic: str, threshold: float, min_terms: int) -> TopicModel:
    terms: dict[tuple[str, ...], tuple[str, float]] = {}
    patterns: list[Pattern] = []
    for name, weight, words, regexes in specs:
        for term in words:
            sequence = tuple(term_words(term))
            if sequence and weight > terms.get(sequence, ("", -1.0))[1]:
                terms[sequence] = (" ".join(sequence), float(weight))
        for regex in regexes:
            compiled = _compile(regex, name)
            patterns.append(Pattern(float(weight), compiled, first_char_class(compiled), screen(compiled)))
    longest = max((len(sequence) for sequence in terms), default=0)
    first_words = frozenset(sequence[0] for sequence in terms)
    fingerprint = hash((tuple(sorted(terms.items())), tuple(patterns), threshold, min_terms))
    memo_key = f"ymyl-topic:{topic}:{fingerprint}"
    lengths: dict[str, set[int]] = {}
    for sequence in terms:
        if len(sequence) > 1:
            lengths.setdefault(sequence[0], set()).add(len(sequence))
    surfaces = _surfaces(terms)
    return TopicModel(
        topic, terms, first_words, longest, tuple(patterns), threshold, min_terms,
        memo_key, {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()},
        surfaces, {words[0]: hit for words, hit in surfaces.items() if len(words) == 1},
        frozenset(words[0] for words in surfaces),
    )


def _surfaces(terms: Mapping[tuple[str, ...], tuple[str, float]]) -> dict[tuple[str, ...], tuple[str, float]]:
    """What `_lookup` finds for every word sequence for which it finds anything: only the
    last word of a term may carry a `_SUFFIXES` ending, so these are all such sequences."""
    surfaces: dict[tuple[str, ...], tuple[str, float]] = {}
    for sequence in terms:
        *head, last = sequence
        for word in (last, *(last + suffix for suffix in _SUFFIXES)):
            hit = _lookup((*head, word), terms)
            if hit is not None:
                surfaces[(*head, word)] = hit
    return surfaces


def _compile(pattern: str, category: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise OptionError(f"topic-lexicon.{category}.patterns", f"invalid regular expression {pattern!r}: {error}") from None


def term_words(text: str) -> list[str]:
    """Lower-case words, curly apostrophes made straight: "Parkinson’s disease" → [parkinson's, disease]."""
    words = WORD.findall(text)
    if not words:
        return []
    # One lower() for all words instead of one per word (the detector reads every word of
    # every article). A line break is in no word, is not made by lower-casing, and is
    # neither cased nor case-ignorable, so a final sigma lower-cases as it would alone.
    return "\n".join(words).lower().replace("’", "'").split("\n")


def verdict(doc: Document, options: TopicOptions, model: TopicModel | None) -> Verdict:
    """Whether the rule applies to `doc`: front matter, then the rule option, then the detector."""
    forced = front_matter_flag(doc, options.topic) if options.topic else None
    if forced is not None:
        return _with_decider(detected(doc, model), forced, "front matter")
    if options.applies != "auto":
        return _with_decider(detected(doc, model), options.applies == "always", "option")
    if model is None:
        return Verdict(True, "no lexicon")
    return detected(doc, model)


def _with_decider(found: Verdict, is_topic: bool, decided_by: str) -> Verdict:
    return found._replace(is_topic=is_topic, decided_by=decided_by)


def front_matter_flag(doc: Document, topic: str) -> bool | None:
    """`medical: true/false` (or yes/no) in front matter; None when absent or unclear."""
    value = doc.meta.front_matter.get(topic)
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE_WORDS:
            return True
        if lowered in _FALSE_WORDS:
            return False
    return None


def detected(doc: Document, model: TopicModel | None) -> Verdict:
    """The detector's verdict, computed once per document and lexicon."""
    if model is None:
        return Verdict(True, "no lexicon")
    return doc.cached(model.key, lambda: _detect(doc, model))


def _detect(doc: Document, model: TopicModel) -> Verdict:
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    # Every lexicon (medical, finance, …) reads the same body words: split them once.
    body_fold = doc.cached("ymyl-topic.body-fold", lambda: fold(doc.body_text))
    body_words = doc.cached("ymyl-topic.body-words", lambda: _body_words(doc.body_text, body_fold))
    for term, weight in found_terms(doc.body_text, model, body_words, body_fold):
        counts[term] = counts.get(term, 0) + 1
        weights[term] = weight
    prominent, prominent_words, prominent_fold = doc.cached("ymyl-topic.prominent", lambda: _prominent(doc))
    emphasised = {term for term, _ in found_terms(prominent, model, prominent_words, prominent_fold)}
    total = sum(weights[term] * (min(count, CAP_PER_TERM) + (term in emphasised)) for term, count in counts.items())
    score = round(total * 100 / max(len(doc.words), MIN_WORDS), 2)
    strong = sum(1 for term in counts if weights[term] >= STRONG_WEIGHT)
    evidence = tuple(sorted(counts, key=lambda term: (-weights[term] * counts[term], term))[:MAX_EVIDENCE])
    is_topic = score >= model.threshold and strong >= model.min_terms
    return Verdict(is_topic, "detector", score, strong, evidence)


def _prominent(doc: Document) -> tuple[str, list[str], str | None]:
    """The title and headings as one text, with its `term_words` and `fold`."""
    text = " \n ".join(block.text for block in doc.article_blocks if block.kind in ("title", "heading"))
    return text, term_words(text), fold(text)


def _body_words(text: str, folded: str | None) -> list[str]:
    """`term_words(text)`, given `folded = fold(text)`: lower-casing the whole text lower-cases
    each word as alone and leaves the words where they were, unless the text holds a capital
    sigma (whose lower case depends on what follows it) or "İ" (two characters; no fold)."""
    if folded is None or "\u03a3" in text:
        return term_words(text)
    return WORD.findall(folded.replace("’", "'"))


def found_terms(
    text: str, model: TopicModel, words: list[str] | None = None, folded: str | None = None
) -> Iterator[tuple[str, float]]:
    """(term, weight) for each lexicon hit in `text` (whose `term_words` and `fold` may be
    passed in): the longest word sequence wins, and plurals and possessives of a term count
    as the term ("migraines", "Botox's")."""
    words = term_words(text) if words is None else words
    lengths, singles = model.lengths, model.singles
    end = 0  # the words before `end` belong to a term already found
    # Only positions whose word can start a term, picked at C speed (most words cannot).
    for position in compress(range(len(words)), map(model.starters.__contains__, words)):
        if position < end:
            continue
        if words[position] in lengths:
            hit, length = _longest_term(words, position, model)
        else:
            hit, length = singles.get(words[position]), 1
        if hit is not None:
            yield hit
        end = position + length
    if folded is None and any(pattern.screen is not None for pattern in model.patterns):
        folded = fold(text)
    for pattern in model.patterns:
        if pattern.screen is not None and not pattern.screen.admits(text, folded):
            continue
        for match in pattern.finditer(text):
            yield _DIGITS.sub("#", " ".join(match.group().lower().split())), pattern.weight


def _longest_term(words: list[str], position: int, model: TopicModel) -> tuple[tuple[str, float] | None, int]:
    """The longest term starting at `position` and its length in words, else (None, 1).

    A term of two or more words starts with its exact first word (only the last word may be
    a plural or possessive), so only the lengths `model.lengths` lists for it are tried.
    """
    room = len(words) - position
    for length in model.lengths.get(words[position], ()):
        if length <= room:
            hit = model.surfaces.get(tuple(words[position : position + length]))
            if hit is not None:
                return hit, length
    return model.singles.get(words[position]), 1


def _lookup(words: tuple[str, ...], terms: Mapping[tuple[str, ...], tuple[str, float]]) -> tuple[str, float] | None:
    for form in _forms(words[-1]):
        hit = terms.get((*words[:-1], form))
        if hit is not None:
            return hit
    return None


def _forms(word: str) -> Iterator[str]:
    """The word, then what it could be the plural or possessive of."""
    yield word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            yield word[: -len(suffix)]


def topic_metrics(doc: Document, options: TopicOptions, model: TopicModel | None) -> dict[str, Any]:
    """Every topic verdict computed for `doc` so far (all YMYL packs), plus this rule's own.

    Kind metrics run once per kind after the checks, so reading the memo reports the
    medical and the finance verdicts even when both packs share a kind.
    """
    result: dict[str, Any] = {}
    if options.topic:
        result[f"{options.topic}_topic"] = verdict(doc, options, model).as_metrics()
    for key, value in doc.memo.items():
        if key.startswith("ymyl-topic:") and isinstance(value, Verdict):
            name = key.split(":")[1]
            result.setdefault(f"{name}_topic", value.as_metrics())
    return result
