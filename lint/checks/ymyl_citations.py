"""What counts as citing a source, shared by the ymyl kinds (not a check kind itself).

A citation is a link to an outside page, a bare URL, a numbered marker ("[3]"), an
author–year reference ("(Simpson et al., 2021)"), a DOI or PubMed ID, or a named
authoritative source ("according to the NHS", "the American Academy of Neurology
recommends"). Authoritative sources are data: domains (`nih.gov`, or `.gov` for a whole
suffix) and organisation or journal names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable, Iterator, NamedTuple
from urllib.parse import urlsplit

from lint.checks.patterns import phrase_alternatives
from lint.document import Block, Document

URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>\"')\]]*", re.IGNORECASE)
# A bare domain in prose or a source list: "nhs.uk/conditions/migraine", "(cdc.gov)".
BARE_DOMAIN = re.compile(r"(?<![\w@/.-])((?:[a-z0-9-]+\.)+(?:gov|org|com|edu|int|uk|au|ca|eu|net|nz|ie|de|fr)(?:\.[a-z]{2})?)\b(?:/\S*)?", re.IGNORECASE)
MARKERS = re.compile(
    r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]"  # [3], [1, 4], [2–5]
    r"|\((?:[A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'’-]+))?),?\s+(?:19|20)\d{2}[a-z]?\)"  # (Smith et al., 2021)
    r"|\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/[^\s\"<>]+"  # DOI
    r"|\bPMID:?\s*\d{5,9}\b|\bPMC\d{5,9}\b"
)


class Sources(NamedTuple):
    """Compiled authoritative sources: exact domains, domain suffixes and a names pattern."""

    domains: frozenset[str]
    suffixes: tuple[str, ...]
    names: re.Pattern[str] | None


def compile_sources(domains: Iterable[str], names: Iterable[str]) -> Sources:
    cleaned = [domain.strip().lower() for domain in domains if domain.strip()]
    alternatives = phrase_alternatives(names)
    names_pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if alternatives else None
    return Sources(
        frozenset(domain for domain in cleaned if not domain.startswith(".")),
        tuple(domain for domain in cleaned if domain.startswith(".")),
        names_pattern,
    )


def host_of(url: str) -> str:
    """Lower-case host without `www.` ("https://www.NHS.uk/x" → "nhs.uk"); "" when none."""
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def is_authoritative(host: str, sources: Sources) -> bool:
    if not host:
        return False
    if host in sources.domains or any(host.endswith("." + domain) for domain in sources.domains):
        return True
    return any(host.endswith(suffix) or host == suffix[1:] for suffix in sources.suffixes)


def links_within(doc: Document, block: Block) -> Iterator[Block]:
    """Link blocks whose source lies inside `block` (a paragraph's own links)."""
    links, starts = doc.cached("ymyl-links-by-start", lambda: _links_by_start(doc))
    start, end = block.source_extent
    for link in links[bisect_left(starts, start) :]:
        if link.source_extent.start >= end:
            return
        if link.source_extent.end <= end:
            yield link


def _links_by_start(doc: Document) -> tuple[tuple[Block, ...], list[int]]:
    links = tuple(sorted((b for b in doc.blocks if b.kind == "link-text"), key=lambda link: link.source_extent.start))
    return links, [link.source_extent.start for link in links]


def hosts_in_block(doc: Document, block: Block) -> Iterator[str]:
    """Hosts of the block's links, bare URLs and bare domains."""
    for link in links_within(doc, block):
        yield from _link_host(link)
    yield from _text_hosts(block.text)


def outbound_hosts(doc: Document) -> tuple[str, ...]:
    """Every outside host the article links to or prints as a URL (memoised)."""

    def collect() -> tuple[str, ...]:
        hosts = [host for link in doc.blocks_in(("link-text",)) for host in _link_host(link)]
        hosts += [host for block in doc.article_blocks if block.kind != "link-text" for host in _text_hosts(block.text)]
        return tuple(host for host in hosts if host)

    return doc.cached("ymyl-outbound-hosts", collect)


def _link_host(link: Block) -> Iterator[str]:
    href = link.attrs.get("href", "")
    if href.startswith(("http://", "https://", "//")):
        yield host_of(href)


def _text_hosts(text: str) -> Iterator[str]:
    for match in URL.finditer(text):
        yield host_of(match.group())
    for match in BARE_DOMAIN.finditer(text):
        yield host_of(match.group(1))


def has_marker(text: str) -> bool:
    return MARKERS.search(text) is not None


def names_source(text: str, sources: Sources) -> bool:
    return sources.names is not None and sources.names.search(text) is not None


def block_is_cited(doc: Document, block: Block, sources: Sources) -> bool:
    """Whether a paragraph carries any citation: outside link, URL, marker or named source."""
    if has_marker(block.text) or names_source(block.text, sources):
        return True
    return any(hosts_in_block(doc, block))
