"""ymyl-schema: an on-topic HTML page should describe itself in JSON-LD as a page or article
type (`MedicalWebPage`, `Article`, …) that carries its author and its review metadata.

The author and the review may sit on different nodes of one `@graph` (an `Article` with
`author` inside a `MedicalWebPage` with `reviewedBy`); both must be on accepted types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, NamedTuple

from lint.checks import ymyl_structured_data as structured
from lint.checks import ymyl_topic
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding


@dataclass(frozen=True, slots=True)
class Options(ymyl_topic.TopicOptions):
    types: tuple[str, ...] = ("MedicalWebPage", "Article")
    author_properties: tuple[str, ...] = ("author",)
    review_properties: tuple[str, ...] = ("reviewedBy", "lastReviewed")
    formats: tuple[str, ...] = ("html",)  # Markdown and text have no structured data of their own

    def __post_init__(self) -> None:
        ymyl_topic.TopicOptions.__post_init__(self)
        if not self.types:
            raise OptionError("types", "give at least one schema.org type")


class Prepared(NamedTuple):
    topic: ymyl_topic.TopicModel | None


def prepare(options: Options) -> Prepared:
    return Prepared(ymyl_topic.compile_model(options))


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report, at the title, an on-topic page whose structured data lacks type, author or review."""
    options: Options = rule.options
    if doc.format not in options.formats:
        return
    if not ymyl_topic.verdict(doc, options, rule.prepared.topic).is_topic:
        return
    problem = schema_problem(doc, options)
    if problem is not None:
        yield rule.finding(doc, None, problem=problem, types=" or ".join(options.types))


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    return ymyl_topic.topic_metrics(doc, rule.options, rule.prepared.topic)


def schema_problem(doc: Document, options: Options) -> str | None:
    """What is missing from the page's structured data, or None."""
    if not doc.meta.json_ld:
        return "the page has no JSON-LD"
    accepted = frozenset(options.types)
    typed = [node for node in structured.nodes(doc.meta.json_ld) if structured.types_of(node) & accepted]
    if not typed:
        return f"no {' or '.join(options.types)} object in its JSON-LD"
    if not any(node.get(key) for node in typed for key in options.author_properties):
        return f"no {' or '.join(options.author_properties)} on the {' or '.join(options.types)} object"
    if not any(node.get(key) for node in typed for key in options.review_properties):
        return f"no {' or '.join(options.review_properties)} on the {' or '.join(options.types)} object"
    return None
