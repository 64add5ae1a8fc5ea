"""Shared helpers for the keyword kinds: the keyphrase as words and stems, phrase patterns,
quoted or bracketed stretches, and the article's own casing habits.

Per-document work (stems of every sentence, the casing vocabulary) is memoised with
`doc.cached`, so several keyword rules on one article compute it once.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterable, NamedTuple
from urllib.parse import urlsplit

import snowballstemmer  # type: ignore[import-untyped]

from lint.document import Block, Document
from lint.errors import OptionError
from lint.text import WORD, Span

# Words that open a question ("Do neurologists…", "How to…"); a keyphrase starting with one
# is question-form, whose word order does not fit inside a statement.
QUESTION_STARTERS = frozenset(
    """am are can could did do does had has have how is may might must shall should was were
    what when where which who whom whose why will would""".split()
)
# Quotes, parentheses and brackets: a keyphrase inside them is mentioned, not pasted.
_ENCLOSED = re.compile(
    r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"|‘.*?’(?!\w)|(?<!\w)'[^'\n]*'(?!\w)|\([^()]*\)|\[[^\]]*\]"
)
_APOSTROPHE = re.compile(r"['’]")
MAX_KEYPHRASE_WORDS = 40  # real keyphrases have a handful; titles rarely pass 20
_SLUG_WORD = re.compile(r"[^\W_]+")
# A word that does not open a sentence: it follows a word character, comma, closing quote or
# bracket and a space (a sentence's first word is capitalised for grammar, not as a name).
_WORD_INSIDE_SENTENCE = re.compile(r"(?<=[\w,;’'\)\"”%] )([^\W\d_][\w'’\-]*)")
# Front-matter keys that carry synonyms and related keyphrases (Yoast's two extra fields).
SYNONYM_KEYS = ("keyphrase-synonyms", "keyphrase_synonyms", "synonyms")
RELATED_KEYS = ("related-keyphrases", "related_keyphrases", "related-keywords", "related_keywords")


class Keyphrase(NamedTuple):
    """A keyphrase split into words; `content` holds its lower-case non-function words."""

    text: str
    words: tuple[str, ...]
    content: tuple[str, ...]

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?") or (bool(self.words) and self.words[0].lower() in QUESTION_STARTERS)


def keyphrase_of(text: str, function_words: frozenset[str]) -> Keyphrase:
    """The keyphrase's words; only the first MAX_KEYPHRASE_WORDS of a runaway one (a text file
    whose first line, its title, is a whole article) so its pattern stays small."""
    matches = list(islice(WORD.finditer(text), MAX_KEYPHRASE_WORDS))
    words = tuple(match.group() for match in matches)
    if len(matches) == MAX_KEYPHRASE_WORDS:
        text = text[: matches[-1].end()]
    content = tuple(dict.fromkeys(word.lower() for word in words if normal(word) not in function_words))
    return Keyphrase(text.strip(), words, content)


def normal(word: str) -> str:
    """Lower case with a straight apostrophe, the form word lists are written in."""
    return word.lower().replace("’", "'")  # str.replace: called for every word of every article


def word_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normal(word) for word in words)


Stem = Callable[[str], str]


def language_stemmer(language: str) -> Stem:
    """A Snowball stemmer for lower-case words, memoised (articles repeat their words)."""
    try:
        stemmer = snowballstemmer.stemmer(language)
    except KeyError:
        raise OptionError("language", f"no Snowball stemmer for {language!r}") from None
    return lru_cache(maxsize=50_000)(stemmer.stemWord)  # type: ignore[no-any-return]


def stems(stem: Stem, words: Iterable[str]) -> tuple[str, ...]:
    return tuple(stem(normal(word)) for word in words)


def phrase_pattern(words: tuple[str, ...], *, ignore_case: bool) -> re.Pattern[str]:
    """The phrase as whole words, any white space or hyphen between them, plus a trailing `?`.

    Compiled per keyphrase (it comes from the document); `re` caches repeated patterns.
    """
    escaped = (_APOSTROPHE.sub("['’]", re.escape(word)) for word in words)
    body = r"[\s\-]+".join(escaped)
    return re.compile(rf"(?<![\w'’\-])(?:{body})(?![\w'’\-])\??", re.IGNORECASE if ignore_case else 0)


def enclosed_spans(text: str) -> tuple[Span, ...]:
    """Quoted, parenthesised and bracketed stretches of `text`."""
    return tuple(Span(*match.span()) for match in _ENCLOSED.finditer(text))


def is_enclosed(spans: Iterable[Span], start: int, end: int) -> bool:
    return any(span.start <= start and end <= span.end for span in spans)


def is_code_or_link(doc: Document, block: Block, start: int, end: int) -> bool:
    """Whether `block.text[start:end]` is inline code or the text of a link.

    A linked title ("see How To Fix A Leaky Faucet") names another page, and code is code.
    """
    span = block.source_span(start, end)
    links = doc.cached("keyword.link-spans", lambda: [b.source_extent for b in doc.blocks if b.kind == "link-text"])
    if any(link.start <= span.start and span.end <= link.end for link in links):
        return True
    return _is_inline_code(doc, block, span.start)


def _is_inline_code(doc: Document, block: Block, source_offset: int) -> bool:
    """Parsers keep inline code as plain block text, so this reads the source between the
    block's start and the span: an odd number of backticks, or a `<code>` not yet closed."""
    if doc.format not in ("md", "html"):
        return False
    before = doc.source[block.source_extent.start : source_offset]
    if doc.format == "md":
        return before.count("`") % 2 == 1
    lowered = before.lower()
    return lowered.count("<code") > lowered.count("</code")


def text_words(text: str) -> tuple[str, ...]:
    return tuple(match.group() for match in WORD.finditer(text))


class Vocabulary(NamedTuple):
    """How the article itself writes each word inside sentences (not at their start).

    A word the article writes in lower case is an ordinary word; one it capitalises
    mid-sentence is a name ("Botox", "May", "American"), whose capital proves nothing.
    """

    lower: Counter[str]
    capitalised: Counter[str]

    def is_name(self, word: str) -> bool:
        key = normal(word)
        return self.capitalised[key] > 0 and self.lower[key] == 0

    def is_capitalised_elsewhere(self, word: str) -> bool:
        return self.capitalised[normal(word)] > 0


def vocabulary(doc: Document, masked: re.Pattern[str] | None) -> Vocabulary:
    """Casing counts over the article's prose, with `masked` matches (the keyphrase) left out."""
    key = f"keyword.vocabulary:{masked.pattern if masked else ''}"
    return doc.cached(key, lambda: _count_casing(doc, masked))


def _count_casing(doc: Document, masked: re.Pattern[str] | None) -> Vocabulary:
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for block in doc.prose_blocks:
        text = masked.sub(" ", block.text) if masked else block.text
        for match in _WORD_INSIDE_SENTENCE.finditer(text):
            word = match.group(1)
            if word[:1].islower():
                lower[normal(word)] += 1
            elif word[:1].isupper() and not word.isupper():
                capitalised[normal(word)] += 1
    return Vocabulary(lower, capitalised)


def sentence_stems(doc: Document, stem: Stem, blocks: Iterable[Block], key: str) -> tuple[tuple[str, ...], ...]:
    """Stems of each sentence of `blocks`, memoised per document under `key`."""

    def compute() -> tuple[tuple[str, ...], ...]:
        return tuple(
            stems(stem, text_words(block.text[span.start : span.end])) for block in blocks for span in block.sentences
        )

    return doc.cached(f"keyword.stems:{key}", compute)


def count_in_sentence(sentence: tuple[str, ...], wanted: tuple[str, ...]) -> int:
    """Yoast's count: how often every wanted stem occurs in one sentence (the rarest one)."""
    if not wanted:
        return 0
    counts = Counter(sentence)
    return min(counts[stem] for stem in wanted)


def share_present(found: Iterable[str], wanted: tuple[str, ...]) -> float:
    """Share of `wanted` stems that occur in `found`."""
    if not wanted:
        return 0.0
    present = set(found)
    return sum(1 for stem in wanted if stem in present) / len(wanted)


def front_matter_list(doc: Document, keys: Iterable[str]) -> tuple[str, ...]:
    """A list (or comma-separated string) from the first front-matter key present."""
    for key in keys:
        value = doc.meta.front_matter.get(key)
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, (list, tuple)):
            return tuple(str(part).strip() for part in value if str(part).strip())
    return ()


def synonyms_of(doc: Document, configured: Iterable[str]) -> tuple[str, ...]:
    """Keyphrase synonyms from the rule's options and the article's front matter."""
    return tuple(dict.fromkeys([*configured, *front_matter_list(doc, SYNONYM_KEYS)]))


def related_of(doc: Document, configured: Iterable[str]) -> tuple[str, ...]:
    """Related keyphrases from the rule's options and the article's front matter."""
    return tuple(dict.fromkeys([*configured, *front_matter_list(doc, RELATED_KEYS)]))


def slug_words(doc: Document) -> tuple[str, ...] | None:
    """Words of the page's slug (front matter, canonical URL); None when it is unknown."""
    meta = doc.meta
    candidates = [meta.slug, meta.front_matter.get("permalink"), meta.front_matter.get("url"), meta.canonical]
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        path = urlsplit(candidate.strip()).path.rstrip("/")
        last = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if last:
            return tuple(_SLUG_WORD.findall(last))
    return None
