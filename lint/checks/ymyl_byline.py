"""ymyl-byline: an on-topic article names its author, its credentialed reviewer, or its date.

One kind, three rules (`require = "author" | "reviewer" | "date"`). Each looks, in order, at
front matter, the page's meta tags (doc.meta), JSON-LD (`author`, `reviewedBy`,
`lastReviewed`, `datePublished`, `dateModified`), then byline lines in the text ("By Jane
Doe, MD", "Medically reviewed by …", "Last reviewed: 3 May 2024"), including page
furniture outside the article. A reviewer counts only with credentials ("MD", "DVM", "Dr",
"board-certified"); an author named "admin" or "staff" is no author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Annotated, Any, Iterator, Literal, NamedTuple

from lint.checks import ymyl_structured_data as structured
from lint.checks import ymyl_topic
from lint.checks.patterns import phrase_alternatives
from lint.document import Block, Document
from lint.findings import Finding
from lint.options import FROM_FILE
from lint.text import WORD

DATE = re.compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+\d{4})\b",
    re.IGNORECASE,
)
# Byline lines often pack several fields: "By Jane Doe, MD | Reviewed by … · Updated …".
_SEGMENT = re.compile(r"\s*(?:[|•·]|\s[–—-]\s|\n)\s*")
# What a `_SEGMENT` match holds: one of "|•·", a line break, or a dash with white space on
# both sides. Starting with one set of characters, the search skips quickly to them.
_SEPARATOR = re.compile(r"[|•·\n–—-](?:(?<=[|•·\n])|(?<=\s[–—-])(?=\s))")
MAX_BYLINE_WORDS = 40
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "del", "la", "le", "bin", "al", "ter", "dos"})


@dataclass(frozen=True, slots=True)
class Options(ymyl_topic.TopicOptions):
    require: Literal["author", "reviewer", "date"] = "author"
    # Front matter keys per field, in the order they are tried.
    author_keys: tuple[str, ...] = ("author", "authors", "byline")
    reviewer_keys: tuple[str, ...] = ("reviewed_by", "reviewer", "medical_reviewer", "reviewed-by", "reviewedBy")
    date_keys: tuple[str, ...] = ("date", "updated", "last_reviewed", "reviewed", "published", "modified", "lastmod")
    # Line openings that introduce each field in the text (matched at a segment's start).
    author_lead_ins: tuple[str, ...] = ("by", "written by", "author", "words by", "reported by")
    reviewer_lead_ins: tuple[str, ...] = ("medically reviewed by", "reviewed by", "clinically reviewed by")
    date_lead_ins: tuple[str, ...] = ("last reviewed", "reviewed", "last updated", "updated", "published", "posted", "date")
    credentials: Annotated[tuple[str, ...], FROM_FILE] = ("MD", "DO", "PhD", "RN", "DVM", "Dr")
    anonymous_authors: tuple[str, ...] = ("admin", "administrator", "staff", "editor", "editorial team", "team", "guest", "webmaster", "user")


class Prepared(NamedTuple):
    topic: ymyl_topic.TopicModel | None
    author: re.Pattern[str]
    reviewer: re.Pattern[str]
    date: re.Pattern[str]
    credentials: re.Pattern[str]


def prepare(options: Options) -> Prepared:
    return Prepared(
        ymyl_topic.compile_model(options),
        _lead_in(options.author_lead_ins),
        _lead_in(options.reviewer_lead_ins),
        _lead_in(options.date_lead_ins),
        re.compile(rf"(?<![\w.])(?:{phrase_alternatives(options.credentials)})(?![\w])"),
    )


def _lead_in(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{phrase_alternatives(phrases)})\s*(?::|\s(?:on\s+)?)\s*", re.IGNORECASE)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report, at the title, an on-topic article missing the required byline field."""
    prepared, options = rule.prepared, rule.options
    if not ymyl_topic.verdict(doc, options, prepared.topic).is_topic:
        return
    problem = missing(doc, options, prepared)
    if problem is not None:
        yield rule.finding(doc, None, problem=problem)


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    return ymyl_topic.topic_metrics(doc, rule.options, rule.prepared.topic)


def missing(doc: Document, options: Options, prepared: Prepared) -> str | None:
    """Why the required field is missing, or None when it is there."""
    if options.require == "date":
        return None if _dates(doc, options, prepared) else "no published or last-reviewed date found"
    if options.require == "reviewer":
        reviewers = list(_reviewers(doc, options, prepared))
        if any(prepared.credentials.search(name) for name in reviewers):
            return None
        return f"reviewer '{reviewers[0]}' has no credentials" if reviewers else "no medical reviewer named"
    authors = list(_authors(doc, options, prepared))
    named = [name for name in authors if name.strip().lower() not in options.anonymous_authors]
    if named:
        return None
    return f"author '{authors[0]}' is not a named person" if authors else "no author named"


def _authors(doc: Document, options: Options, prepared: Prepared) -> Iterator[str]:
    yield from structured.front_matter_values(doc, options.author_keys)
    if doc.meta.author:
        yield doc.meta.author
    yield from structured.people(doc.meta.json_ld, ("author", "creator"))
    yield from (value for value in _byline_values(doc, prepared.author) if _names_a_person(value))


def _reviewers(doc: Document, options: Options, prepared: Prepared) -> Iterator[str]:
    yield from structured.front_matter_values(doc, options.reviewer_keys)
    if doc.meta.reviewer:
        yield doc.meta.reviewer
    yield from structured.people(doc.meta.json_ld, ("reviewedBy",))
    yield from (value for value in _byline_values(doc, prepared.reviewer) if _names_a_person(value))


def _dates(doc: Document, options: Options, prepared: Prepared) -> list[str]:
    values = [*structured.front_matter_values(doc, options.date_keys), doc.meta.date_published or "", doc.meta.date_modified or ""]
    values += structured.scalar_values(doc.meta.json_ld, ("datePublished", "dateModified", "lastReviewed", "dateCreated"))
    for lead_in in (prepared.date, prepared.reviewer, prepared.author):
        values += [value for value in _byline_values(doc, lead_in) if DATE.search(value)]
    return [value for value in values if value.strip()]


def _byline_values(doc: Document, lead_in: re.Pattern[str]) -> Iterator[str]:
    """What follows a lead-in at the start of a short line or of a `|`-separated segment."""
    for block, segment in _segments(doc):
        match = lead_in.match(segment)
        # Counting words only here, where a lead-in matched: most blocks are long paragraphs.
        if match is None or not _is_short(block.text):
            continue
        value = segment[match.end() :].strip()
        if value and (value[0].isupper() or value[0].isdigit()):
            yield value


def _segments(doc: Document) -> tuple[tuple[Block, str], ...]:
    """Every block that may be a byline with each of its segments, in order (split once
    per document: each rule reads them for one to three lead-ins)."""

    def split() -> tuple[tuple[Block, str], ...]:
        return tuple(
            (block, segment)
            for block in doc.blocks_in(("any",), region=None)
            if block.kind != "title"  # a title such as "By Design: …" is not a byline
            for segment in _split(block.text)
        )

    return doc.cached("ymyl-byline.segments", split)


def _is_short(text: str) -> bool:
    """Whether `text` has at most MAX_BYLINE_WORDS words, as `Block.words` counts them
    (two words need a character between them, so text this short needs no count)."""
    if len(text) < 2 * MAX_BYLINE_WORDS + 1:
        return True
    return next(islice(WORD.finditer(text), MAX_BYLINE_WORDS, None), None) is None


def _split(text: str) -> list[str]:
    # Most blocks hold no separator, and the split takes far longer to find none.
    return _SEGMENT.split(text) if _SEPARATOR.search(text) else [text]


def _names_a_person(value: str) -> bool:
    """"Jane Doe, MD" or a lone "Admin" do; "Christmas, most patients had…" does not.

    The name runs to the first comma: two to five capitalised words (particles and
    initials allowed), or one word standing alone.
    """
    name, _, rest = value.partition(",")
    words = name.split()
    if not words or len(words) > 5 or not all(word[0].isupper() or word in _PARTICLES for word in words):
        return False
    return len(words) >= 2 or not rest.strip()
