"""Shared helpers for the keyword kinds: the keyphrase as words and stems, phrase patterns,
quoted or bracketed stretches, and the article's own casing habits.

Per-document work (the words and stems of every sentence, subheading stems, keyphrase matches,
the casing vocabulary) is memoised with `doc.cached`, so several rules on one article (the
duplicate kinds too) compute it once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, islice
from typing import Callable, Iterable, NamedTuple, Sequence
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
# lint.text.WORD as `normal_text` knows it, and the letters whose lower case needs context.
_PLAIN_WORD = r"[^\W_]+(?:[-'’][^\W_]+)*"
_CONTEXT_CASED = re.compile("[\u0130\u03a3]")
# The whole-word guards around a phrase: no word character, apostrophe or hyphen on either side.
_PHRASE_BEFORE = r"(?<![\w'’\-])"
_PHRASE_AFTER = r"(?![\w'’\-])\??"
MAX_KEYPHRASE_WORDS = 40  # real keyphrases have a handful; titles rarely pass 20
_SLUG_WORD = re.compile(r"[^\W_]+")
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


def normal_all(words: Sequence[str]) -> list[str]:
    """`normal` of each word, in one pass over the joined words (C-level, not a call per word).

    Exact: a line break is neither cased nor case-ignorable, so it also stops the look-around
    of the one context-dependent lower case (final "Σ"); words holding one are done singly.
    """
    if not words:
        return []
    normalised = "\n".join(words).lower().replace("’", "'").split("\n")
    return normalised if len(normalised) == len(words) else [normal(word) for word in words]


def normal_words(text: str) -> tuple[str, ...]:
    """The `normal` form of each word of `text`."""
    lowered = normal_text(text)
    return tuple(WORD.findall(lowered) if lowered is not None else normal_all(WORD.findall(text)))


def normal_text(text: str) -> str | None:
    """`normal` applied to the whole text, when WORD then finds the `normal` form of each word
    it finds in `text` at the same offsets; None when that is not certain.

    Lower case maps every character to one character of the same kind for WORD (letter or
    digit, hyphen or apostrophe, other) except "İ" (two characters) and "Σ" (final or not by
    what follows); tests/test_keyword.py checks this over all of Unicode. It holds for the
    WORD pattern of today only.
    """
    if WORD.pattern != _PLAIN_WORD or _CONTEXT_CASED.search(text):
        return None
    return text.lower().replace("’", "'")


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
    return tuple(map(stem, normal_all(list(words))))


def phrase_pattern(words: tuple[str, ...], *, ignore_case: bool) -> re.Pattern[str]:
    """The phrase as whole words, any white space or hyphen between them, plus a trailing `?`.

    Compiled per keyphrase (it comes from the document); `re` caches repeated patterns.
    """
    escaped = (_APOSTROPHE.sub("['’]", re.escape(word)) for word in words)
    body = r"[\s\-]+".join(escaped)
    return re.compile(rf"{_PHRASE_BEFORE}(?:{body}){_PHRASE_AFTER}", re.IGNORECASE if ignore_case else 0)


def phrase_core(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A `phrase_pattern` without its whole-word guards; None for any other pattern.

    Having no look-around, it matches a text whenever the full pattern matches any slice of
    it (a sentence), so a block it does not match can be skipped without splitting it.
    """
    text = pattern.pattern
    if not (text.startswith(_PHRASE_BEFORE) and text.endswith(_PHRASE_AFTER)):
        return None
    return re.compile(text[len(_PHRASE_BEFORE) : -len(_PHRASE_AFTER)], pattern.flags)  # `re` caches it


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
    return tuple(WORD.findall(text))  # WORD has no capturing group: findall gives whole matches


def sentence_words(doc: Document, block: Block) -> tuple[tuple[str, ...], ...]:
    """The `normal` words of each sentence of `block`, memoised per document: duplicate
    detection and keyphrase density both read every sentence's words."""
    memo: dict[Block, tuple[tuple[str, ...], ...]] = doc.cached("keyword.sentence-words", dict)
    found = memo.get(block)
    if found is None:
        found = memo[block] = _sentence_words(block.text, block.sentences)
    return found


def _sentence_words(text: str, sentences: tuple[Span, ...]) -> tuple[tuple[str, ...], ...]:
    lowered = normal_text(text)
    if lowered is not None:  # WORD has no look-arounds: matching within pos..endpos equals slicing
        return tuple([tuple(WORD.findall(lowered, span.start, span.end)) for span in sentences])
    raw = [WORD.findall(text[span.start : span.end]) for span in sentences]
    normalised = iter(normal_all(list(chain.from_iterable(raw))))  # one pass, cut back into sentences
    return tuple(tuple(islice(normalised, len(words))) for words in raw)


def block_words(doc: Document, block: Block) -> tuple[str, ...]:
    """The `normal` words of the whole block, from its sentences' words when those are known to
    hold them all: every stretch outside the sentences is (non-empty) white space, which no
    word contains or crosses."""
    if not _sentences_cover(block):
        return normal_words(block.text)
    return tuple(chain.from_iterable(sentence_words(doc, block)))


def _sentences_cover(block: Block) -> bool:
    """Whether only white space lies before, between (at least one character) and after the
    block's sentences, so that the sentences' words are all the block's words."""
    text, position = block.text, 0
    for number, span in enumerate(block.sentences):
        gap = text[position : span.start]
        if span.start < position or (number and not gap) or (gap and not gap.isspace()):
            return False
        position = span.end
    tail = text[position:]
    return not tail or tail.isspace()


def sentence_stems(doc: Document, stem: Stem, blocks: Iterable[Block], key: str) -> tuple[tuple[str, ...], ...]:
    """Stems of each sentence of `blocks`, memoised per document under `key`."""

    def compute() -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(map(stem, words)) for block in blocks for words in sentence_words(doc, block))

    return doc.cached(f"keyword.stems:{key}", compute)


def block_stems(doc: Document, stem: Stem, language: str, block: Block) -> frozenset[str]:
    """The stems of a block's words (`stem` is the `language` stemmer), memoised per document:
    the subheading rules of both kinds read every subheading."""
    memo: dict[Block, frozenset[str]] = doc.cached(f"keyword.block-stems:{language}", dict)
    found = memo.get(block)
    if found is None:
        found = memo[block] = frozenset(stems(stem, WORD.findall(block.text)))
    return found


def phrase_matches(doc: Document, pattern: re.Pattern[str]) -> dict[Block, list[tuple[int, int]]]:
    """Spans of `pattern` in each article block that holds it, memoised per document: the
    exact-repeat rule and the report's metrics count the same keyphrase."""

    def compute() -> dict[Block, list[tuple[int, int]]]:
        core = phrase_core(pattern)
        found: dict[Block, list[tuple[int, int]]] = {}
        for block in doc.article_blocks:
            if core is not None and core.search(block.text) is None:
                continue  # a cheap scan without look-arounds rules out most blocks
            spans = [match.span() for match in pattern.finditer(block.text)]
            if spans:
                found[block] = spans
        return found

    return doc.cached(f"keyword.matches:{pattern.flags}:{pattern.pattern}", compute)


def count_in_sentence(sentence: tuple[str, ...], wanted: tuple[str, ...]) -> int:
    """Yoast's count: how often every wanted stem occurs in one sentence (the rarest one)."""
    return min((sentence.count(stem) for stem in wanted), default=0)


def share_present(found: Iterable[str], wanted: tuple[str, ...]) -> float:
    """Share of `wanted` stems that occur in `found`."""
    if not wanted:
        return 0.0
    present = found if isinstance(found, (set, frozenset)) else set(found)
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
