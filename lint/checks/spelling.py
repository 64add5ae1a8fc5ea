"""spelling: words an offline dictionary does not know (pyspellchecker, English by default).

Works with no server. A word is accepted when pyspellchecker's dictionary, the rule's
vocabulary (the built-in medical list), the project's word list or the article's front
matter (`spelling-words`) knows it. Names, acronyms, code, URLs and tokens with digits are
never checked: a false alarm on a drug brand costs more than a missed typo.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import (
    Annotated,
    Any,
    Callable,
    Generic,
    Iterator,
    Mapping,
    NamedTuple,
    TypeVar,
)

from lint.checks.spelling_dictionary import Dictionary, load_dictionary
from lint.checks.spelling_variants import (
    HYPHEN_PREFIXES,
    american_forms,
    derivation_bases,
    inflection_bases,
    looks_medical,
)
from lint.checks.vocabulary import (
    Vocabulary,
    capitalised_mid_sentence,
    code_spans,
    front_matter_words,
    in_spans,
    non_word_spans,
    normalised,
)
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import WORD, Span

# The dictionaries pyspellchecker 0.9 ships (resources/<code>.json.gz).
T = TypeVar("T")
LANGUAGES = frozenset({"en", "es", "fr", "pt", "de", "it", "ru", "ar", "lv", "eu", "nl", "fa"})


@dataclass(frozen=True, slots=True)
class Options:
    language: str = "en"
    medical_words: Annotated[tuple[str, ...], FROM_FILE] = ()  # terms the dictionary lacks
    everyday_words: Annotated[tuple[str, ...], FROM_FILE] = ()  # newer words it lacks ("smartphone")
    words: Annotated[tuple[str, ...], FROM_FILE] = ()  # the project's own list (a file next to the config)
    front_matter_keys: tuple[str, ...] = ("spelling-words",)
    british_spellings: bool = True  # accept "colour", "centre", "summarise" (the dictionary is American)
    medical_shapes: bool = True  # accept long words shaped like clinical terms ("doxylamine", "paraspinal")
    min_length: int = 3  # shorter words are mostly abbreviations and units
    suggestions: int = 3  # corrections offered per word (0: none, saves time)
    # A capitalised first word of a sentence is mostly a name in articles ("Dodick DW, et
    # al.", "Xeomin is…"), so it is checked only when this is on.
    check_sentence_start: bool = False

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise OptionError("language", f"no dictionary for {self.language!r} (known: {', '.join(sorted(LANGUAGES))})")
        if self.min_length < 1 or self.suggestions < 0:
            raise OptionError("min-length", "min-length must be at least 1 and suggestions at least 0")


def prepare(options: Options) -> Vocabulary:
    return Vocabulary.of(options.medical_words, options.everyday_words, options.words)


@lru_cache(maxsize=None)
def dictionary_for(language: str) -> Dictionary:
    """pyspellchecker's dictionary, loaded on first use (≈40 ms), once per language.

    Suggestions are one edit away: that keeps them fast and still finds transpositions
    ("recieve").
    """
    return load_dictionary(language)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report each word no dictionary or word list knows, with likely corrections."""
    options: Options = rule.options
    vocabulary = rule.prepared.with_words(front_matter_words(doc, options.front_matter_keys))
    dictionary = dictionary_for(options.language)
    # Most words are plain dictionary words: a dict lookup of their lower-case form settles
    # them before the costlier filters and variant forms below.
    plain = _PlainWords(dictionary.frequency, vocabulary.words)
    names = Lazy(lambda: capitalised_mid_sentence(doc))
    code = code_spans(doc)
    verdicts: dict[str, bool] = {}  # articles repeat their words: look each up once
    for block in doc.blocks_in(rule.scope):
        for span, word in candidate_words(block, options, names, plain):
            if word not in verdicts:
                verdicts[word] = _is_known(word, dictionary, vocabulary, options)
            if verdicts[word]:
                continue
            source = block.source_span(*span)
            if in_spans(source.start, code):
                continue
            yield rule.finding(doc, source, suggestion=_suggestion(word, dictionary, options.suggestions), word=word)


class _PlainWords(NamedTuple):
    """Lower-case words known as they stand (no variant forms needed)."""

    dictionary: Mapping[str, int]
    vocabulary: frozenset[str]

    def knows(self, key: str) -> bool:
        return (key in self.dictionary or key in self.vocabulary) and "-" not in key

    def knows_all(self, lowered: str) -> bool:
        """Whether every word of ASCII `lowered` is known as it stands (most blocks' case)."""
        known, vocabulary = self.dictionary, self.vocabulary
        return all((key in known or key in vocabulary) and "-" not in key for key in WORD.findall(lowered))


class Lazy(Generic[T]):
    """A value computed on first use (names are needed only for capitalised sentence starts)."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._value: T | None = None

    def get(self) -> T:
        if self._value is None:
            self._value = self._factory()
        return self._value


def candidate_words(
    block: Block, options: Options, names: Lazy[frozenset[str]], plain: _PlainWords | None = None
) -> Iterator[tuple[Span, str]]:
    """Words worth looking up: not names, acronyms, URLs or digit tokens; hyphenated parts
    apart. Words `plain` knows as they stand are skipped."""
    text = block.text
    lowered = normalised(text)
    # In ASCII, lower-casing keeps offsets and word boundaries: the lowered words are the
    # block's words, so a block whose words are all known has no candidate.
    if plain is not None and lowered.isascii() and plain.knows_all(lowered):
        return
    aligned = plain is not None and len(lowered) == len(text)
    words = block.words
    skipped: tuple[Span, ...] | None = None
    sentence_starts: list[int] = []
    for index, span in enumerate(words):
        if aligned and plain.knows(lowered[span.start : span.end]):  # type: ignore[union-attr]
            continue
        if skipped is None:
            skipped = non_word_spans(text)
            sentence_starts = [sentence.start for sentence in block.sentences]
        if any(start <= span.start < end for start, end in skipped):
            continue
        starts_sentence = index == 0 or _sentence_of(sentence_starts, words[index - 1]) != _sentence_of(sentence_starts, span)
        for part in _parts(text, span):
            word = text[part.start : part.end]
            if _is_checked(word, starts_sentence and part.start == span.start, options, names):
                yield part, word


def _sentence_of(starts: list[int], span: Span) -> int:
    return bisect_right(starts, span.start) - 1


def _parts(text: str, span: Span) -> Iterator[Span]:
    """The pieces of a hyphenated word ("flu-like" → "flu", "like"), prefixes ("pre-") left out."""
    start = span.start
    pieces = text[span.start : span.end].split("-")
    for index, piece in enumerate(pieces):
        if not (index < len(pieces) - 1 and piece.lower() in HYPHEN_PREFIXES):
            yield Span(start, start + len(piece))
        start += len(piece) + 1


def _is_checked(word: str, starts_sentence: bool, options: Options, names: Lazy[frozenset[str]]) -> bool:
    letters = word.translate({ord("'"): None, ord("’"): None})
    if len(letters) < options.min_length or not letters.isalpha():
        return False
    if options.language == "en" and not letters.isascii():  # loanwords: café, naïve, cafetière
        return False
    if sum(char.isupper() for char in letters) > 1:  # acronyms, CamelCase brands
        return False
    if word[0].isupper():  # a name, unless only its sentence's first word made it capital
        return starts_sentence and options.check_sentence_start and word not in names.get()
    return True


def _is_known(word: str, dictionary: Dictionary, vocabulary: Vocabulary, options: Options) -> bool:
    lowered = normalised(word)
    if lowered in dictionary or vocabulary.knows(lowered):
        return True
    base = lowered.removesuffix("'s").removesuffix("'")
    forms = [lowered, base, *inflection_bases(base), *derivation_bases(base)]
    if options.british_spellings:
        forms += [american for form in forms[1:] for american in american_forms(form)]
    if any(form in dictionary for form in forms):
        return True
    return options.medical_shapes and looks_medical(base, lambda part: part in dictionary or vocabulary.knows(part))


def _suggestion(word: str, dictionary: Dictionary, limit: int) -> str | None:
    if limit == 0:
        return None
    # A word too long to check comes back as its own candidate, and is no suggestion.
    candidates = [candidate for candidate in dictionary.candidates(normalised(word)) or () if candidate in dictionary.frequency]
    ranked = sorted(candidates, key=lambda candidate: (-dictionary.frequency[candidate], candidate))[:limit]
    if word[0].isupper():
        ranked = [candidate.capitalize() for candidate in ranked]
    return " / ".join(ranked) or None
