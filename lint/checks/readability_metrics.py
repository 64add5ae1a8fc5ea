"""The `readability` block of a report's metrics: the document and each section.

Counts and scores cover measured prose only (see readability_prose): a heading, a bullet
fragment or a flattened table never becomes a sentence. `words` here is therefore the
number of words the formulas read, which can be lower than the report's overall `words`.
"""

from __future__ import annotations

from typing import Any, Iterable

from lint.checks import readability_stats as stats
from lint.checks.readability import (
    SYLLABLE_SOURCE,
    is_english,
    section_totals,
    sentence_records,
)
from lint.checks.readability_audience import AudienceOptions, audience_for
from lint.checks.readability_prose import ProseSentence, Section, sections
from lint.document import Document
from lint.metrics import WORDS_PER_MINUTE

PARAGRAPH_KINDS = frozenset({"paragraph", "faq-answer", "quote"})
DEFAULT_LONG_SENTENCE_WORDS = 20  # Yoast's bound, when a custom profile lacks it


def readability_metrics(doc: Document, options: AudienceOptions) -> dict[str, Any]:
    if not is_english(doc):
        return {"skipped": f"language {doc.meta.language!r}: readability formulas are English only"}
    audience = audience_for(doc, options)
    long_words = int(audience.thresholds.get("long-sentence-words", DEFAULT_LONG_SENTENCE_WORDS))
    everything = [sentence for section in sections(doc) for sentence in section.sentences]
    article, per_section = section_totals(doc, options.syllables)
    return {
        "audience": audience.name,
        "audience_source": audience.source,
        "syllable_source": SYLLABLE_SOURCE,
        "document": _summary(doc, article, everything, _paragraphs(sections(doc)), long_words),
        "sections": [
            _section_summary(doc, section, summed, long_words)
            for section, summed in zip(sections(doc), per_section, strict=True)
        ],
    }


def _section_summary(doc: Document, section: Section, summed: stats.Counts, long_words: int) -> dict[str, Any]:
    anchor = section.heading if section.heading is not None else section.sentences[0].block
    return {
        "heading": section.heading.text if section.heading is not None else None,
        "line": doc.position(anchor.source_extent.start).line,
        **_summary(doc, summed, list(section.sentences), _paragraphs([section]), long_words),
    }


def _paragraphs(parts: Iterable[Section]) -> int:
    return sum(1 for section in parts for block in section.prose_blocks if block.kind in PARAGRAPH_KINDS)


def _summary(
    doc: Document, summed: stats.Counts, sentences: list[ProseSentence], paragraphs: int, long_words: int
) -> dict[str, Any]:
    """`summed`: the counts of `sentences` (from section_totals: each section is summed once)."""
    records = sentence_records(doc)
    counted = [records[sentence] for sentence in sentences if records[sentence].is_counted]
    return {
        "words": summed.words,
        "sentences": summed.sentences,
        "paragraphs": paragraphs,
        **stats.scores(summed),
        "long_sentence_share": _share(sum(1 for record in counted if len(record.words) > long_words), len(counted)),
        "passive_sentence_share": _share(sum(1 for record in counted if record.is_passive), len(counted)),
        "reading_time_minutes": round(summed.words / WORDS_PER_MINUTE, 1),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0
