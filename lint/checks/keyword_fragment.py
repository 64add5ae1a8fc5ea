"""keyword_fragment: traces of a pasted title that need no keyphrase to spot.

- A question mark that a lower-case word continues inside one sentence ("… Botox? solely
  for …"): the sentence splitter keeps such a sentence whole, so the `?` is mid-sentence.
  Quoted speech ("'Is it safe?' she asked"), brackets, URLs and series of questions ("is
  it safe? does it hurt? what does it cost?") are left alone.
- The title (or H1) in its Title-Case form inside a sentence, judged like the keyphrase
  in keyword_position.

Places where the keyphrase itself is pasted are left to keyword_position (an error there),
so one defect is reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator

from lint.checks.keyword_casing import vocabulary
from lint.checks.keyword_common import (
    enclosed_spans,
    is_code_or_link,
    is_enclosed,
    keyphrase_of,
    phrase_pattern,
    word_set,
)
from lint.checks.keyword_position import Prepared, odd_occurrences
from lint.checks.keyword_title import visible_title
from lint.document import Block, Document
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.parsers.common import keyphrase_from_title
from lint.text import Span

# `?`, white space, then a letter: if it is lower case, the question runs on into the sentence.
_QUESTION_RUN_ON = re.compile(r"\?(?=\s+[^\W\d_])")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’\-]*)")
_CLAUSE_END = re.compile(r"[.!?;]")
# A capitalised word or a short lower-case link word inside a Title-Case run.
_RUN_WORD = re.compile(r"(?:[A-Z][\w'’\-]*|[a-z]{1,4})$")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Options:
    function_words: Annotated[tuple[str, ...], FROM_FILE] = ()
    cue_words: Annotated[tuple[str, ...], FROM_FILE] = ("best", "top", "cheap", "cheapest", "easy", "easiest")
    answer_words: tuple[str, ...] = ("yes", "no")
    lead_ins: tuple[str, ...] = ("that", "whether", "determining", "understanding", "knowing", "regarding")
    question_marks: bool = True
    title: bool = True
    # Titles shorter than this are ordinary words, not a recognisable run.
    min_title_words: int = 2
    # Leave pasted keyphrases to keyword_position (set false when that rule is off).
    skip_keyphrase: bool = True


def prepare(options: Options) -> Prepared:
    return Prepared(
        word_set(options.function_words),
        word_set(options.cue_words),
        word_set(options.answer_words),
        word_set(options.lead_ins),
    )


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report the title pasted into sentences and run-on question marks."""
    reported = keyphrase_spans(doc, rule) if rule.options.skip_keyphrase else []
    blocks = list(doc.blocks_in(rule.scope))
    found = list(title_fragments(doc, rule, blocks)) if rule.options.title else []
    if rule.options.question_marks:
        found += [
            (block, span, f"question mark followed by '{word}'") for block, span, word in question_run_ons(blocks)
        ]
    for block, span, reason in found:
        if _overlaps(reported, block, span) or is_code_or_link(doc, block, *span):
            continue
        reported.append((block.index, span.start, span.end))
        yield rule.finding(doc, block.source_span(*span), match=block.text[span.start : span.end], reason=reason)


def keyphrase_spans(doc: Document, rule: Any) -> list[tuple[int, int, int]]:
    """(block index, start, end) of each keyphrase occurrence keyword_position reports."""
    if not doc.meta.keyphrase:
        return []
    keyphrase = keyphrase_of(doc.meta.keyphrase, rule.prepared.function_words)
    pattern = phrase_pattern(keyphrase.words, ignore_case=True)
    odd = odd_occurrences(doc.blocks_in(rule.scope), pattern, keyphrase, rule.prepared, lambda: vocabulary(doc, pattern))
    return [(item.block.index, item.start, item.end) for item in odd]


def _overlaps(reported: list[tuple[int, int, int]], block: Block, span: Span) -> bool:
    return any(index == block.index and start < span.end and span.start < end for index, start, end in reported)


def title_fragments(doc: Document, rule: Any, blocks: list[Block]) -> Iterator[tuple[Block, Span, str]]:
    """The visible title (H1, else first line) in its own casing, pasted into a sentence."""
    title = visible_title(doc)
    if title is None or not title.text:
        return
    prepared: Prepared = rule.prepared
    phrase = keyphrase_of(keyphrase_from_title(title.text), prepared.function_words)
    if len(phrase.words) < rule.options.min_title_words:
        return
    pattern = phrase_pattern(phrase.words, ignore_case=False)
    mask = phrase_pattern(phrase.words, ignore_case=True)
    for odd in odd_occurrences(blocks, pattern, phrase, prepared, lambda: vocabulary(doc, mask)):
        yield odd.block, Span(odd.start, odd.end), odd.reason


def question_run_ons(blocks: list[Block]) -> Iterator[tuple[Block, Span, str]]:
    """Each `?` continued in lower case, as the span of the question it closes."""
    for block in blocks:
        if "?" not in block.text:
            continue  # most blocks hold no question mark: skip splitting them
        for sentence in block.sentences:
            text = block.text[sentence.start : sentence.end]
            enclosed: tuple[Span, ...] | None = None
            for match in _QUESTION_RUN_ON.finditer(text):
                next_word = _NEXT_WORD.match(text, match.end())
                assert next_word is not None
                if not next_word.group(1)[:1].islower():
                    continue
                if enclosed is None:
                    enclosed = enclosed_spans(text)
                if is_enclosed(enclosed, match.start(), match.end()):
                    continue
                if _is_question_series(text, match.end()):
                    continue
                start = title_run_start(text, match.start())
                yield block, Span(sentence.start + start, sentence.start + match.end()), next_word.group(1)


def _is_question_series(text: str, after: int) -> bool:
    """Whether the clause after this `?` is itself a question ("safe? does it hurt?")."""
    end = _CLAUSE_END.search(text, after)
    return end is not None and end.group() == "?"


def title_run_start(text: str, question: int) -> int:
    """Start of the Title-Case run ending at `question`, else of the word just before it."""
    words = list(_TOKEN.finditer(text, 0, question))
    if not words:
        return question
    start, capitals, lower_in_a_row = words[-1].start(), 0, 0
    for word in reversed(words):
        token = word.group().strip("\"'“”‘’()[],;:")
        if not token or not _RUN_WORD.match(token):
            break
        if token[:1].isupper():
            capitals, lower_in_a_row, start = capitals + 1, 0, word.start()
        else:
            lower_in_a_row += 1
            if lower_in_a_row > 1:  # two lower-case words: the run is over
                break
    return start if capitals >= 2 else words[-1].start()
