"""Word lists the spelling and grammar kinds accept, and the text neither should spell-check.

Shared by `spelling` (offline dictionary) and `grammar` (LanguageTool's spelling matches):
the built-in medical vocabulary, a project's word list, an article's own front-matter
words; inline code and URL-like tokens; the words a document capitalises mid-sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Iterable

from lint.document import Block, Document
from lint.text import Span

# Inline code is not marked in block text, so find it in the source (Markdown backtick
# spans, HTML code-like elements) and skip words whose source offset falls inside.
_MARKDOWN_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_CODE = re.compile(r"<(code|kbd|samp|tt|var|pre)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A white-space-delimited token that is a URL, e-mail, domain, path or identifier, or
# carries a digit ("5mg", "COVID-19", "H2O"): not a word to spell-check.
NON_WORD_TOKEN = re.compile(
    r"://|^\W*www\.|@|\w\.(?:com|org|net|edu|gov|io|co|uk|de|html?|php|pdf)\b|[/\\_=#{}<>|~^]|\d|[a-z][A-Z]"
)
_TOKEN = re.compile(r"\S+")
# NON_WORD_TOKEN over a whole text: no part of it matches white space, so each match lies
# inside one token and marks it; the token start `^` becomes "after white space or at the
# start". One scan of the text replaces a search per token.
_NON_WORD_IN_TEXT = re.compile(
    r"://|(?<!\S)[^\w\s]*www\.|@|\w\.(?:com|org|net|edu|gov|io|co|uk|de|html?|php|pdf)\b|[/\\_=#{}<>|~^]|\d|[a-z][A-Z]"
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalised(word: str) -> str:
    return word.translate(_APOSTROPHES).lower()


@dataclass(frozen=True)
class Vocabulary:
    """Accepted words, compared case-insensitively; plurals and possessives of them too."""

    words: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *lists: Iterable[str]) -> Vocabulary:
        return cls(frozenset(normalised(word.strip()) for words in lists for word in words if word.strip()))

    def knows(self, word: str) -> bool:
        return any(form in self.words for form in _forms(normalised(word)))

    def with_words(self, extra: Iterable[str]) -> Vocabulary:
        return Vocabulary(self.words | Vocabulary.of(extra).words)


def _forms(word: str) -> tuple[str, ...]:
    """The word, without a possessive, and as a singular ("spasms", "dystonias", "injectors'")."""
    base = word.removesuffix("'s").removesuffix("'")
    forms = [word, base]
    if base.endswith("es"):
        forms.append(base[:-2])
    if base.endswith("s"):
        forms.append(base[:-1])
    return tuple(forms)


def front_matter_words(doc: Document, keys: tuple[str, ...]) -> tuple[str, ...]:
    """Words an article accepts for itself: front matter `spelling-words: [..]` or "a, b"."""
    words: list[str] = []
    for key in keys:
        value: Any = doc.meta.front_matter.get(key)
        if isinstance(value, str):
            words.extend(re.split(r"[\s,]+", value))
        elif isinstance(value, (list, tuple)):
            words.extend(str(item) for item in value if isinstance(item, (str, int, float)))
    return tuple(word for word in words if word)


def code_spans(doc: Document) -> tuple[Span, ...]:
    """Source spans of inline code and code elements, sorted (once per document)."""

    def find() -> tuple[Span, ...]:
        if doc.format == "md":
            pattern = _MARKDOWN_CODE
        elif doc.format == "html":
            pattern = _HTML_CODE
        else:
            return ()
        return tuple(Span(*match.span()) for match in pattern.finditer(doc.source))

    return doc.cached("vocabulary.code-spans", find)


def in_spans(offset: int, spans: tuple[Span, ...]) -> bool:
    index = bisect_right([span.start for span in spans], offset) - 1
    return index >= 0 and spans[index].start <= offset < spans[index].end


def non_word_spans(text: str) -> tuple[Span, ...]:
    """Spans of `text` tokens that are URLs, addresses, identifiers or carry digits."""
    hits = [match.start() for match in _NON_WORD_IN_TEXT.finditer(text)]
    if not hits:
        return ()
    tokens = [Span(*token.span()) for token in _TOKEN.finditer(text)]
    starts = [token.start for token in tokens]
    # A hit lies in the last token starting at or before it; tokens in order, each once.
    return tuple(tokens[index] for index in sorted({bisect_right(starts, hit) - 1 for hit in hits}))


def capitalised_mid_sentence(doc: Document) -> frozenset[str]:
    """Words the article capitalises inside a sentence (names), so it can skip them even
    where a sentence starts with them (once per document)."""

    def find() -> frozenset[str]:
        return frozenset(
            block.text[span.start : span.end]
            for block in doc.blocks
            for span, starts_sentence in words_with_position(block)
            if not starts_sentence and block.text[span.start].isupper()
        )

    return doc.cached("vocabulary.names", find)


def words_with_position(block: Block) -> list[tuple[Span, bool]]:
    """The block's words, each with whether it is the first word of its sentence."""
    sentence_starts = [sentence.start for sentence in block.sentences]
    result: list[tuple[Span, bool]] = []
    current = -2  # no sentence yet
    for span in block.words:
        index = bisect_right(sentence_starts, span.start) - 1
        result.append((span, index != current))
        current = index
    return result
