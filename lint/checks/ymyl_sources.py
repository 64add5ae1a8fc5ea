"""ymyl-sources: an on-topic article must show where its facts come from.

Any one of these is enough: a references section with at least one entry, a citation marker
or DOI in the text, a link (or printed URL) to an authoritative domain, a named
authoritative source in the prose, or a `citation` in the page's JSON-LD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Mapping, NamedTuple

from lint.checks import ymyl_citations, ymyl_topic
from lint.checks.patterns import phrase_alternatives
from lint.document import Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.options import FROM_FILE


@dataclass(frozen=True, slots=True)
class Options(ymyl_topic.TopicOptions):
    source_domains: Annotated[tuple[str, ...], FROM_FILE] = ()
    source_names: Annotated[tuple[str, ...], FROM_FILE] = ()
    # Headings that open a references section ("References", "Sources and further reading").
    reference_headings: tuple[str, ...] = ("references", "sources", "citations", "bibliography", "works cited")
    suggestion: str = ""

    def __post_init__(self) -> None:
        ymyl_topic.TopicOptions.__post_init__(self)
        if not self.source_domains and not self.source_names:
            raise OptionError("source-domains", "give source-domains and/or source-names")


class Prepared(NamedTuple):
    topic: ymyl_topic.TopicModel | None
    sources: ymyl_citations.Sources
    reference_heading: re.Pattern[str] | None


def prepare(options: Options) -> Prepared:
    alternatives = phrase_alternatives(options.reference_headings)
    heading = re.compile(rf"^(?:{alternatives})\b", re.IGNORECASE) if alternatives else None
    return Prepared(
        ymyl_topic.compile_model(options),
        ymyl_citations.compile_sources(options.source_domains, options.source_names),
        heading,
    )


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Report an on-topic article with no sign of a source, at its title."""
    prepared: Prepared = rule.prepared
    if not ymyl_topic.verdict(doc, rule.options, prepared.topic).is_topic:
        return
    if cites_sources(doc, prepared):
        return
    yield rule.finding(doc, None, suggestion=rule.options.suggestion or None)


def metrics(doc: Document, rule: Any) -> dict[str, Any]:
    return ymyl_topic.topic_metrics(doc, rule.options, rule.prepared.topic)


def cites_sources(doc: Document, prepared: Prepared) -> bool:
    return (
        has_reference_section(doc, prepared.reference_heading)
        or ymyl_citations.document_has_marker(doc)
        or any(ymyl_citations.is_authoritative(host, prepared.sources) for host in ymyl_citations.outbound_hosts(doc))
        or ymyl_citations.names_source_in(doc.prose_blocks, prepared.sources)
        or any(_has_citation(node) for node in doc.meta.json_ld)
    )


def has_reference_section(doc: Document, heading: re.Pattern[str] | None) -> bool:
    """A references heading followed by at least one entry (plain text makes a one-line
    entry a heading, so any following block with text counts)."""
    if heading is None:
        return False
    blocks = doc.article_blocks
    for position, block in enumerate(blocks):
        if block.kind == "heading" and heading.match(block.text.strip()):
            following = blocks[position + 1 : position + 2]
            if following and following[0].text.strip():
                return True
    return False


def _has_citation(node: Any) -> bool:
    if isinstance(node, Mapping):
        if node.get("citation"):
            return True
        return any(_has_citation(value) for key, value in node.items() if key != "citation")
    if isinstance(node, list):
        return any(_has_citation(item) for item in node)
    return False
