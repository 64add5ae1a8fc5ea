"""Topic gate for YMYL ("your money or your life") rules: is this document about health,
money, …? Not a check kind itself: the ymyl_* kinds inherit `TopicOptions` and call
`verdict(doc, options, model)` before looking for problems.

The detector scores weighted lexicon hits per 100 words of prose. Each distinct term counts
at most `CAP_PER_TERM` times (one word repeated a hundred times is still one piece of
evidence), terms in the title or a heading count once more, and a document is on topic only
with enough distinct strong terms (weight ≥ 2), so a travel article that mentions a pharmacy
and a hospital stays off topic.

The lexicon and the scan for its terms are in `ymyl_lexicon`. The ymyl kinds skip text
their expressions cannot match with lint.checks.regex_screens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Mapping, NamedTuple

from lint.checks.regex_screens import fold
from lint.checks.ymyl_lexicon import TopicModel, body_words, compiled_model, found_terms, term_words
from lint.document import EMPTY_MAPPING, Document
from lint.errors import OptionError
from lint.options import FROM_FILE

CAP_PER_TERM = 3
STRONG_WEIGHT = 2.0
MIN_WORDS = 150  # short texts are scored as if this long, so a caption is never "dense"
MAX_EVIDENCE = 12
_TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
_FALSE_WORDS = frozenset({"false", "no", "off", "0"})


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
    return compiled_model(specs, options.topic, options.topic_threshold, options.topic_min_terms)


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
    words = doc.cached("ymyl-topic.body-words", lambda: body_words(doc.body_text, body_fold))
    for term, weight in found_terms(doc.body_text, model, words, body_fold):
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
