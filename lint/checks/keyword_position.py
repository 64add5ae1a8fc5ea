"""keyword_position: the keyphrase pasted verbatim where the sentence's grammar has no room.

Templated articles splice the keyphrase in its title form ("Do Neurologists Do Botox?")
into sentences: "Another misconception is that Do Neurologists Do Botox? solely for…".
An occurrence outside quotes, brackets, code and link text is odd when it
- keeps a question mark that a lower-case word continues ("Botox? solely"); or
- stands after other words of its sentence in Title Case and opens with a question word or
  a cue word ("that Can Dogs Eat Grapes", "find Best Hiking Boots"), or capitalises an
  inner function word ("Hiking Boots For Women"), or, right after a clause lead-in ("that",
  "whether"), capitalises words the article otherwise writes in lower case; or
- opens its sentence with a capitalised inner function word and runs on in lower case.
Capitals the article also uses elsewhere mid-sentence ("May", "Best Buy") are names, not
evidence. The keyphrase as its own sentence, after a colon, as a label, as a heading or in
quotes is fine, and lower case is always left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Callable, Iterable, Iterator, NamedTuple

from lint.checks.keyword_casing import Vocabulary, vocabulary
from lint.checks.keyword_common import (
    QUESTION_STARTERS,
    Keyphrase,
    enclosed_spans,
    is_code_or_link,
    is_enclosed,
    keyphrase_of,
    normal,
    phrase_core,
    phrase_pattern,
    text_words,
    word_set,
)
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import Span

# What may sit between a sentence start and a phrase that still starts the sentence.
_WORD_CHAR = re.compile(r"\w")
# How far before a phrase its lead-in and previous word are looked for: further than any word.
LOOK_BACK = 200
# Lead-ins after which a capital is normal: a colon, a dash, an opening quote or bracket.
_START_LIKE_END = re.compile(r"(?:[:—–(\[“\"‘]|\s-)\s*$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w'’\-]*)")
_LABEL_AFTER = re.compile(r"\s*:")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’\-]*)[^\w]*$")
_WORD_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
ALWAYS_CAPITALISED = frozenset({"i"})
# Capitalised function words that prove nothing: "I", and "May" the month.
NOT_EVIDENCE = frozenset({"i", "may"})


@dataclass(frozen=True, slots=True)
class Options:
    function_words: Annotated[tuple[str, ...], FROM_FILE] = ()
    # Title words that open pasted statement keyphrases ("Best …", "Top …").
    cue_words: Annotated[tuple[str, ...], FROM_FILE] = ("best", "top", "cheap", "cheapest", "easy", "easiest")
    # Lower-case replies that may follow a keyphrase question ("Do dogs eat grapes? no, …").
    answer_words: tuple[str, ...] = ("yes", "no")
    # Words after which farms splice the keyphrase where a clause belongs ("… that <Kw> …").
    lead_ins: tuple[str, ...] = ("that", "whether", "determining", "understanding", "knowing", "regarding")
    # One-word keyphrases are ordinary words; they cannot be told from natural use.
    min_words: int = 2
    ignore_case: bool = True

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise OptionError("min-words", "must be 1 or more")


@dataclass(frozen=True, slots=True)
class Prepared:
    function_words: frozenset[str]
    cue_words: frozenset[str]
    answer_words: frozenset[str]
    lead_ins: frozenset[str]


def prepare(options: Options) -> Prepared:
    return Prepared(
        word_set(options.function_words),
        word_set(options.cue_words),
        word_set(options.answer_words),
        word_set(options.lead_ins),
    )


class Odd(NamedTuple):
    """An odd occurrence: `text[start:end]` of `block`, and why it is odd."""

    block: Block
    start: int
    end: int
    reason: str


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each keyphrase occurrence that is pasted into a sentence."""
    if not doc.meta.keyphrase:
        return
    prepared: Prepared = rule.prepared
    keyphrase = keyphrase_of(doc.meta.keyphrase, prepared.function_words)
    if len(keyphrase.words) < rule.options.min_words:
        return
    pattern = phrase_pattern(keyphrase.words, ignore_case=rule.options.ignore_case)
    mask = phrase_pattern(keyphrase.words, ignore_case=True)

    def words() -> Vocabulary:
        return vocabulary(doc, mask)

    for odd in odd_occurrences(doc.blocks_in(rule.scope), pattern, keyphrase, prepared, words):
        if is_code_or_link(doc, odd.block, odd.start, odd.end):
            continue
        found = odd.block.text[odd.start : odd.end]
        natural = natural_form(found, prepared.function_words, words())
        yield rule.finding(
            doc,
            odd.block.source_span(odd.start, odd.end),
            suggestion=natural,
            match=found,
            reason=odd.reason,
            natural=natural,
        )


def odd_occurrences(
    blocks: Iterable[Block],
    pattern: re.Pattern[str],
    keyphrase: Keyphrase,
    prepared: Prepared,
    words: Callable[[], Vocabulary],
) -> Iterator[Odd]:
    """Odd occurrences of `pattern`, sentence by sentence; `words` gives the casing vocabulary,
    computed only once an occurrence needs judging (most articles rarely paste the phrase)."""
    if not keyphrase.words:  # a title without words ("---"): its pattern matches empty strings everywhere
        return
    core = phrase_core(pattern)
    for block in blocks:
        if core is not None and core.search(block.text) is None:
            continue  # the phrase is in none of the block's sentences: skip splitting them
        for sentence in block.sentences:
            text = block.text[sentence.start : sentence.end]
            enclosed: tuple[Span, ...] | None = None
            for match in pattern.finditer(text):
                if enclosed is None:
                    enclosed = enclosed_spans(text)
                if is_enclosed(enclosed, *match.span()):
                    continue
                reason = odd_reason(text, match, keyphrase, prepared, words())
                if reason:
                    yield Odd(block, sentence.start + match.start(), sentence.start + match.end(), reason)


def odd_reason(
    text: str, match: re.Match[str], keyphrase: Keyphrase, prepared: Prepared, words: Vocabulary
) -> str | None:
    """Why this occurrence does not fit its sentence, or None when it reads naturally."""
    # Only the end of the text before the phrase matters (its last word, a lead-in): a
    # bounded window keeps a sentence with thousands of occurrences linear.
    before = text[max(0, match.start() - LOOK_BACK) : match.start()]
    found = text_words(match.group())
    next_word = _NEXT_WORD.match(text, match.end())
    continues_lower = next_word is not None and next_word.group(1)[:1].islower()
    starts_sentence = _WORD_CHAR.search(text, 0, match.start()) is None
    if match.group().endswith("?") and continues_lower:
        assert next_word is not None
        if not starts_sentence or normal(next_word.group(1)) not in prepared.answer_words:
            return f"question mark followed by '{next_word.group(1)}'"
    if starts_sentence or _START_LIKE_END.search(before):
        inner = capitalised_inner_function_word(found, prepared.function_words, words)
        if inner and continues_lower and not _LABEL_AFTER.match(text, match.end()):
            return f"Title-Case '{inner}' with the sentence running on"
        return None
    previous = _PREVIOUS_WORD.search(before)
    return mid_sentence_reason(found, previous.group(1) if previous else "", keyphrase, prepared, words)


def mid_sentence_reason(
    found: tuple[str, ...], previous: str, keyphrase: Keyphrase, prepared: Prepared, words: Vocabulary
) -> str | None:
    """Why a phrase after other words of its sentence is pasted; `previous` is the word before it."""
    inner = capitalised_inner_function_word(found, prepared.function_words, words)
    if inner:
        return f"Title-Case '{inner}' mid-sentence"
    if not is_title_case(found, prepared.function_words):
        return None
    first = found[0]
    first_key = normal(first)
    if not words.is_capitalised_elsewhere(first):
        if first_key in QUESTION_STARTERS and keyphrase.is_question:
            return f"question form '{first} …' inside a statement"
        if first_key in prepared.cue_words:
            return f"Title-Case '{first} …' mid-sentence"
    # Weakest cue: ordinary words capitalised, right after a lead-in that expects a clause.
    if normal(previous) in prepared.lead_ins and all(
        words.lower[normal(word)] and not words.is_capitalised_elsewhere(word) for word in found
    ):
        return f"Title Case after '{previous}' on words the article writes in lower case"
    return None


def capitalised_inner_function_word(
    found: tuple[str, ...], function_words: frozenset[str], words: Vocabulary
) -> str | None:
    """An inner function word written with a capital that is not a name elsewhere ("For", not "May")."""
    all_caps = all(word.isupper() for word in found)
    for word in found[1:]:
        key = normal(word)
        if key not in function_words or key in NOT_EVIDENCE or not word[:1].isupper():
            continue
        if (word.isupper() and len(word) > 1 and not all_caps) or words.is_capitalised_elsewhere(word):
            continue  # an acronym ("US") or a name the article capitalises anyway ("May")
        return word
    return None


def is_title_case(found: tuple[str, ...], function_words: frozenset[str]) -> bool:
    """Two or more words, every content word capitalised."""
    content = [word for word in found if normal(word) not in function_words]
    return len(found) >= 2 and bool(content) and all(word[:1].isupper() for word in content) and found[0][:1].isupper()


def natural_form(found: str, function_words: frozenset[str], words: Vocabulary) -> str:
    """The phrase as running text would write it: lower case except names, no question mark."""

    def case(match: re.Match[str]) -> str:
        word = match.group()
        keep = words.is_name(word) and normal(word) not in function_words or normal(word) in ALWAYS_CAPITALISED
        return word if keep else word.lower()

    return _WORD_TOKEN.sub(case, found).rstrip("?").rstrip()
