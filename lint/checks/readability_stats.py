"""Readability formulas on counts: pure arithmetic, the same constants as textstat 0.7.8 (English).

Counts are summed per sentence, so a section's or the document's scores come from adding
sentence counts: no text is measured twice. Each formula matches textstat's function of
the same name when fed the same sentences (tests compare them), with one difference by
design: sentences are the linter's own (abbreviations and decimals do not split them).
"""

from __future__ import annotations

import math
from typing import Iterable, NamedTuple

MIN_COUNTED_WORDS = 3  # textstat does not count a "sentence" of two words or fewer
DALE_CHALL_ADJUSTMENT_SHARE = 5.0  # percent of unfamiliar words above which 3.6365 is added


class Counts(NamedTuple):
    """What the formulas read, for one sentence or summed over many (see `total`)."""

    words: int = 0  # words with punctuation removed (textstat `lexicon_count`)
    sentences: int = 0  # sentences of three or more words
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables (SMOG)
    complex_words: int = 0  # three or more syllables and not on the Dale–Chall list (Fog)
    unfamiliar_words: int = 0  # not on the Dale–Chall list of familiar words
    letters: int = 0  # letters and digits (Coleman–Liau)
    characters: int = 0  # characters other than white space (ARI)
    tokens: int = 0  # white-space separated tokens, punctuation included (ARI)


def total(counts: Iterable[Counts]) -> Counts:
    """Field-by-field sum."""
    columns = list(zip(*counts, strict=True))
    return Counts(*map(sum, columns)) if columns else Counts()


def _sentence_total(counts: Counts) -> int:
    # textstat: max(1, sentences) for any non-empty text.
    return max(1, counts.sentences) if counts.words else 0


def words_per_sentence(counts: Counts) -> float:
    sentences = _sentence_total(counts)
    return counts.words / sentences if sentences else 0.0


def syllables_per_word(counts: Counts) -> float:
    return counts.syllables / counts.words if counts.words else 0.0


def flesch_reading_ease(counts: Counts) -> float:
    length, syllables = words_per_sentence(counts), syllables_per_word(counts)
    if length == 0 or syllables == 0:
        return 0.0
    return 206.835 - 1.015 * length - 84.6 * syllables


def flesch_kincaid_grade(counts: Counts) -> float:
    length, syllables = words_per_sentence(counts), syllables_per_word(counts)
    if length == 0 or syllables == 0:
        return 0.0
    return 0.39 * length + 11.8 * syllables - 15.59


def smog_index(counts: Counts) -> float:
    sentences = _sentence_total(counts)
    if not sentences:
        return 0.0
    return 1.043 * math.sqrt(30 * counts.polysyllables / sentences) + 3.1291


def gunning_fog(counts: Counts) -> float:
    if not counts.words:
        return 0.0
    return 0.4 * (words_per_sentence(counts) + 100 * counts.complex_words / counts.words)


def coleman_liau_index(counts: Counts) -> float:
    if not counts.words:
        return 0.0
    letters = 100 * counts.letters / counts.words
    sentences = 100 * _sentence_total(counts) / counts.words
    if letters == 0 or sentences == 0:
        return 0.0
    return 0.058 * letters - 0.296 * sentences - 15.8


def automated_readability_index(counts: Counts) -> float:
    characters = counts.characters / counts.tokens if counts.tokens else 0.0
    length = words_per_sentence(counts)
    if characters == 0 or length == 0:
        return 0.0
    return 4.71 * characters + 0.5 * length - 21.43


def dale_chall_score(counts: Counts) -> float:
    if not counts.words:
        return 0.0
    share = 100 * counts.unfamiliar_words / counts.words
    score = 0.1579 * share + 0.0496 * words_per_sentence(counts)
    return score + 3.6365 if share > DALE_CHALL_ADJUSTMENT_SHARE else score


GRADE_FORMULAS = {
    "flesch-kincaid": flesch_kincaid_grade,
    "smog": smog_index,
    "gunning-fog": gunning_fog,
    "coleman-liau": coleman_liau_index,
    "automated-readability": automated_readability_index,
}
GRADE_NAMES = {
    "flesch-kincaid": "Flesch–Kincaid",
    "smog": "SMOG",
    "gunning-fog": "Gunning Fog",
    "coleman-liau": "Coleman–Liau",
    "automated-readability": "ARI",
    "consensus": "median of five grade formulas",
}


def grade(counts: Counts, measure: str) -> float:
    """A US school grade by one formula, or the median of the five ("consensus")."""
    if measure == "consensus":
        values = sorted(formula(counts) for formula in GRADE_FORMULAS.values())
        return values[len(values) // 2]
    return GRADE_FORMULAS[measure](counts)


def scores(counts: Counts) -> dict[str, float]:
    """Every formula, rounded for reports."""
    values = {
        "flesch_reading_ease": flesch_reading_ease(counts),
        "flesch_kincaid_grade": flesch_kincaid_grade(counts),
        "smog_index": smog_index(counts),
        "gunning_fog": gunning_fog(counts),
        "coleman_liau_index": coleman_liau_index(counts),
        "automated_readability_index": automated_readability_index(counts),
        "dale_chall_score": dale_chall_score(counts),
        "average_sentence_length": words_per_sentence(counts),
    }
    return {name: round(value, 2) for name, value in values.items()}
