"""seo_page: what a page says about itself — title, meta description, H1, length, head tags.

`check` picks the problem a rule reports. Where the data comes from:
- HTML: <title>, <meta name=description>, <html lang>, <link rel=canonical>, <meta name=robots>.
- Markdown: front matter (`title`, `description`, `canonical`, `robots`); `#` headings.
- Plain text carries no page metadata: title and description rules never fire on it.
"Missing" checks only run where the data could exist: a full HTML page (not a body
fragment, whose template supplies the head) or Markdown with front matter (see `page`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Literal
from urllib.parse import urlsplit

from lint.checks.page import (
    carries_page_metadata,
    first_block,
    has_front_matter,
    is_full_page,
)
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.text import WORD

Check = Literal[
    "title-missing",
    "title-length",
    "description-missing",
    "description-length",
    "description-same-as-title",
    "h1-missing",
    "too-short",
    "lang-missing",
    "canonical-missing",
    "canonical-relative",
    "noindex",
]
_NOINDEX = re.compile(r"(?<![\w-])(?:noindex|none)(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Options:
    check: Check
    # title-length, description-length: bounds in characters (0 = no bound).
    min_chars: int = 0
    max_chars: int = 0
    # too-short: fewest words of article text.
    min_words: int = 300
    # Input formats the rule reads at all.
    formats: tuple[str, ...] = ("html", "md", "txt")

    def __post_init__(self) -> None:
        if self.min_chars < 0 or self.max_chars < 0 or self.min_words < 0:
            raise OptionError("min-chars", "bounds must be 0 or more")
        if self.max_chars and self.min_chars > self.max_chars:
            raise OptionError("min-chars", "must not exceed max-chars")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if doc.format not in rule.options.formats:
        return iter(())
    return CHECKS[rule.options.check](doc, rule)


def _title_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    if carries_page_metadata(doc) and not (doc.meta.title or "").strip():
        yield rule.finding(doc, None, where=_where(doc, "title"))


def _title_length(doc: Document, rule: Any) -> Iterator[Finding]:
    if doc.format != "txt":  # a text file's first line is its heading, not a <title>
        yield from _length(doc, rule, doc.meta.title, first_block(doc, "title"))


def _description_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    if carries_page_metadata(doc) and not (doc.meta.description or "").strip():
        yield rule.finding(doc, None, where=_where(doc, "description"))


def _description_length(doc: Document, rule: Any) -> Iterator[Finding]:
    yield from _length(doc, rule, doc.meta.description, first_block(doc, "meta-description"))


def _length(doc: Document, rule: Any, value: str | None, block: Any) -> Iterator[Finding]:
    text = " ".join((value or "").split())
    if not text:
        return  # missing is another rule's finding
    length, options = len(text), rule.options
    span = block.source_extent if block is not None else None
    if options.min_chars and length < options.min_chars:
        yield rule.finding(doc, span, length=length, bound=f"at least {options.min_chars}", problem="short")
    elif options.max_chars and length > options.max_chars:
        yield rule.finding(doc, span, length=length, bound=f"at most {options.max_chars}", problem="long")


def _description_same_as_title(doc: Document, rule: Any) -> Iterator[Finding]:
    title, description = _comparable(doc.meta.title), _comparable(doc.meta.description)
    if title and title == description:
        block = first_block(doc, "meta-description")
        yield rule.finding(doc, block.source_extent if block is not None else None)


def _comparable(text: str | None) -> str:
    return " ".join(match.group().lower() for match in WORD.finditer(text or ""))


def _h1_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    """No H1 with text on a full page, or in Markdown that has no front-matter title either.

    A body fragment's H1 comes from its template, as does a Markdown page's when its front
    matter has a title; a text file's first line is its H1.
    """
    if is_full_page(doc) or (doc.format == "md" and not (has_front_matter(doc) and doc.meta.title)):
        h1s = [block for block in doc.blocks_in(["heading"], region=None) if block.level == 1]
        if not any(block.text.strip() for block in h1s):
            yield rule.finding(doc, None)


def _too_short(doc: Document, rule: Any) -> Iterator[Finding]:
    words = sum(block.word_count for block in doc.blocks_in(["any"]) if block.kind != "title")
    if words < rule.options.min_words:
        yield rule.finding(doc, None, words=words, minimum=rule.options.min_words)


def _lang_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    if is_full_page(doc) and not (doc.meta.language or "").strip():
        yield rule.finding(doc, None)


def _canonical_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    if is_full_page(doc) and not (doc.meta.canonical or "").strip():
        yield rule.finding(doc, None)


def _canonical_relative(doc: Document, rule: Any) -> Iterator[Finding]:
    canonical = (doc.meta.canonical or "").strip()
    if canonical and not _is_absolute(canonical):
        yield rule.finding(doc, None, canonical=canonical)


def _is_absolute(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _noindex(doc: Document, rule: Any) -> Iterator[Finding]:
    robots = doc.meta.robots or ""
    if _NOINDEX.search(robots):
        yield rule.finding(doc, None, robots=robots.strip())


_HEAD_ELEMENTS = {"title": "<title> element", "description": '<meta name="description"> tag'}


def _where(doc: Document, field: str) -> str:
    if doc.format == "md":
        return f"no '{field}' in the front matter"
    return f"no {_HEAD_ELEMENTS[field]} in the head"


CHECKS: dict[str, Callable[[Document, Any], Iterator[Finding]]] = {
    "title-missing": _title_missing,
    "title-length": _title_length,
    "description-missing": _description_missing,
    "description-length": _description_length,
    "description-same-as-title": _description_same_as_title,
    "h1-missing": _h1_missing,
    "too-short": _too_short,
    "lang-missing": _lang_missing,
    "canonical-missing": _canonical_missing,
    "canonical-relative": _canonical_relative,
    "noindex": _noindex,
}
