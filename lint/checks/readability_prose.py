"""What the readability pack reads: sections of running prose and their sentences.

Metrics and rules see prose only. Headings, FAQ questions, table cells, code and page
furniture (region "page") never enter. Within prose blocks:
- only sentences that end like one count: a bullet fragment ("Muscle weakness"), a
  caption or a byline without a full stop is not a sentence;
- a list item's "Label:" lead-in is dropped: the label works as a heading and would glue
  extra words onto the sentence after it;
- boilerplate is left out: disclaimer and byline paragraphs, and sections headed
  "References", "Sources" and the like (citations are not prose).
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from lint.document import Block, Document, Sentence
from lint.text import Span

# Block kinds whose sentences are measured (Document.PROSE_KINDS minus nothing, spelled out
# so a new prose kind is a deliberate choice here).
MEASURED_KINDS = frozenset({"paragraph", "list-item", "quote", "faq-answer"})
# Blocks a reader uses to navigate; they end a run of prose for "consecutive" and length rules.
SUBHEADING_KINDS = frozenset({"heading", "faq-question"})
# "Chronic Migraine: Botox injections…": a short capitalised label, a colon, then a sentence.
_LABEL = re.compile(r"^[A-Z][^\s:.!?]*(?:[ \t][^\s:.!?]+){0,5}:[ \t]+(?=[\"“']?[A-Z0-9])")
SENTENCE_END = frozenset(".!?…:;")
CLOSERS = "\"'”’)]"
# Standard notices that are the same on every page of a site.
_BOILERPLATE = re.compile(
    r"not (?:a |intended as a |meant to be a )?substitute for (?:professional )?medical advice"
    r"|for (?:general )?information(?:al)? (?:purposes )?only|^(?:medically )?reviewed by\b|^last (?:reviewed|updated)\b",
    re.IGNORECASE,
)
_BOILERPLATE_WORDS = ("substitute for", "information", "reviewed")
_CITATION_HEADING = re.compile(
    r"^(?:references?|sources?|bibliography|citations?|works cited|further reading|notes|footnotes)\b", re.IGNORECASE
)
MAX_LABEL_SHARE = 0.5  # a "label" longer than half the item is a sentence with a colon
# A character for which str.isalnum() holds: re's `\w` is exactly isalnum() or "_".
_ALNUM = re.compile(r"[^\W_]")


# One measured sentence: its block and its span within `block.text` (the document model's record).
ProseSentence = Sentence


class Section(NamedTuple):
    """The prose under one heading (or before the first heading: `heading` is None)."""

    heading: Block | None
    blocks: tuple[Block, ...]  # every article block in the section, in order
    sentences: tuple[ProseSentence, ...]

    @property
    def prose_blocks(self) -> tuple[Block, ...]:
        """Blocks holding at least one measured sentence."""
        blocks = {sentence.block: None for sentence in self.sentences}
        return tuple(blocks)


def is_measured(block: Block) -> bool:
    """Whether a block is prose the metrics read (not page furniture or a standard notice)."""
    if block.kind not in MEASURED_KINDS or block.region != "article":
        return False
    return not _may_be_boilerplate(block.text) or _BOILERPLATE.search(block.text) is None


def _may_be_boilerplate(text: str) -> bool:
    """False only when _BOILERPLATE cannot match: each of its branches needs one of these
    words. On ASCII text its case-insensitive match is a match in the lower-cased text (other
    text can fold to ASCII letters: "ſ", "K"), and `in` is much cheaper than the search."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in _BOILERPLATE_WORDS) or lowered.startswith("last")


def ends_like_sentence(text: str) -> bool:
    """Whether text ends with sentence punctuation (before closing quotes or brackets)."""
    return text.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_END


def is_citation_heading(block: Block) -> bool:
    return _CITATION_HEADING.match(block.text.strip()) is not None


def measured_start(block: Block) -> int:
    """Where measured text starts in a block: after a list item's "Label:" lead-in."""
    if block.kind != "list-item":
        return 0
    label = _LABEL.match(block.text)
    if label is None or label.end() > len(block.text) * MAX_LABEL_SHARE:
        return 0
    return label.end()


def block_sentences(block: Block) -> tuple[ProseSentence, ...]:
    """The measured sentences of one block (none for non-prose blocks)."""
    if not is_measured(block):
        return ()
    skip = measured_start(block)
    return tuple(_sentences_from(block, skip))


def _sentences_from(block: Block, skip: int) -> Iterator[ProseSentence]:
    for span in block.sentences:
        start = max(span.start, skip)
        if start >= span.end:
            continue
        while start < span.end and block.text[start].isspace():
            start += 1
        text = block.text[start : span.end]
        if ends_like_sentence(text) and _ALNUM.search(text) is not None:
            yield ProseSentence(block, start, span.end)


def is_subheading(block: Block, title: Block | None) -> bool:
    """A heading other than the article title, or an FAQ question."""
    return block.kind in SUBHEADING_KINDS and block is not title and block.kind != "title"


def sections(doc: Document) -> tuple[Section, ...]:
    """Article blocks grouped under their headings; sections without prose are dropped."""
    return doc.cached("readability.sections", lambda: _sections(doc))


def _sections(doc: Document) -> tuple[Section, ...]:
    title = doc.title_block
    groups: list[tuple[Block | None, list[Block], list[ProseSentence]]] = [(None, [], [])]
    for block, sentences in zip(doc.article_blocks, article_block_sentences(doc), strict=True):
        if block.kind == "heading" and block is not title:
            groups.append((block, [], []))
        elif block.kind != "title" and block is not title:
            groups[-1][1].append(block)
            groups[-1][2].extend(sentences)
    result = []
    for heading, blocks, section_sentences in groups:
        if heading is not None and is_citation_heading(heading):
            continue
        if section_sentences:
            result.append(Section(heading, tuple(blocks), tuple(section_sentences)))
    return tuple(result)


def article_block_sentences(doc: Document) -> tuple[tuple[ProseSentence, ...], ...]:
    """`block_sentences` of each of `doc.article_blocks`, in the same order (once per document)."""
    return doc.cached("readability.block-sentences", lambda: tuple(map(block_sentences, doc.article_blocks)))


def prose_sentences(doc: Document) -> tuple[ProseSentence, ...]:
    """Every measured sentence of the article, in source order."""
    return tuple(sentence for section in sections(doc) for sentence in section.sentences)


def section_anchor(doc: Document, section: Section) -> Span:
    """Where a finding about a section points: its heading, else its first prose block."""
    if section.heading is not None:
        return section.heading.source_extent
    return section.sentences[0].block.source_extent


def section_label(section: Section) -> str:
    return f"Section '{section.heading.text}'" if section.heading is not None else "The opening section"


def has_subheadings(doc: Document) -> bool:
    title = doc.title_block
    return any(is_subheading(block, title) for block in doc.article_blocks)


def line_of(doc: Document, sentence: ProseSentence) -> int:
    return doc.position(sentence.block.source_offset(sentence.start)).line


def quote(text: str, words: int = 8) -> str:
    """The first `words` words of a sentence, for naming it in a message."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
