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

from lint.checks import regex_screens
from lint.checks.patterns import phrase_alternatives
from lint.document import Block, Document

URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>\"')\]]*", re.IGNORECASE)
_TOP_LEVEL_DOMAINS = ("gov", "org", "com", "edu", "int", "uk", "au", "ca", "eu", "net", "nz", "ie", "de", "fr")
# A bare domain in prose or a source list: "nhs.uk/conditions/migraine", "(cdc.gov)".
BARE_DOMAIN = re.compile(
    rf"(?<![\w@/.-])((?:[a-z0-9-]+\.)+(?:{'|'.join(_TOP_LEVEL_DOMAINS)})(?:\.[a-z]{{2}})?)\b(?:/\S*)?", re.IGNORECASE
)
MARKERS = re.compile(
    r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]"  # [3], [1, 4], [2–5]
    r"|\((?:[A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'’-]+))?),?\s+(?:19|20)\d{2}[a-z]?\)"  # (Smith et al., 2021)
    r"|\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/[^\s\"<>]+"  # DOI
    r"|\bPMID:?\s*\d{5,9}\b|\bPMC\d{5,9}\b"
)
# Most blocks hold no URL, domain or marker: these say so faster than the searches.
_URL_SCREEN = regex_screens.screen(URL)
_MARKERS_SCREEN = regex_screens.screen(MARKERS)
# A bare domain has a dot right before its top-level domain: in a `regex_screens.fold`, a
# search that skips from dot to dot (the screen ymyl_topic derives would only ask for the
# top-level domain: "de", "ca").
_DOT_DOMAIN = re.compile(rf"\.(?:{'|'.join(_TOP_LEVEL_DOMAINS)})")


class Sources(NamedTuple):
    """Compiled authoritative sources: exact domains, domain suffixes and a names pattern."""

    domains: frozenset[str]
    suffixes: tuple[str, ...]
    names: re.Pattern[str] | None
    # The names without the word-boundary lookarounds: every branch then starts with a
    # literal (case matters), so the regex engine skips ahead to where a name can start.
    # Wherever `names` matches, this does.
    names_screen: re.Pattern[str] | None = None


def compile_sources(domains: Iterable[str], names: Iterable[str]) -> Sources:
    cleaned = [domain.strip().lower() for domain in domains if domain.strip()]
    alternatives = phrase_alternatives(names)
    names_pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if alternatives else None
    return Sources(
        frozenset(domain for domain in cleaned if not domain.startswith(".")),
        tuple(domain for domain in cleaned if domain.startswith(".")),
        names_pattern,
        re.compile(alternatives) if alternatives else None,
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
    yield from _text_hosts(doc, block)


def outbound_hosts(doc: Document) -> tuple[str, ...]:
    """Every outside host the article links to or prints as a URL (memoised)."""

    def collect() -> tuple[str, ...]:
        hosts = [host for link in doc.blocks_in(("link-text",)) for host in _link_host(link)]
        if not _screens(doc).no_hosts:
            hosts += [
                host
                for block in doc.article_blocks
                if block.kind != "link-text"
                for host in _text_hosts(doc, block)
            ]
        return tuple(host for host in hosts if host)

    return doc.cached("ymyl-outbound-hosts", collect)


def _link_host(link: Block) -> Iterator[str]:
    href = link.attrs.get("href", "")
    if href.startswith(("http://", "https://", "//")):
        yield host_of(href)


def _text_hosts(doc: Document, block: Block) -> Iterator[str]:
    """Hosts of the URLs and bare domains in the block's text."""
    screens = _screens(doc)
    if screens.no_hosts:
        return
    text, folded = block.text, regex_screens.block_fold(doc, block)
    if _admits(screens.url, text, folded):
        for match in URL.finditer(text):
            yield host_of(match.group())
    if screens.bare_domain and (folded is None or _DOT_DOMAIN.search(folded)):
        for match in BARE_DOMAIN.finditer(text):
            yield host_of(match.group(1))


def has_marker(text: str) -> bool:
    return MARKERS.search(text) is not None


def block_has_marker(doc: Document, block: Block) -> bool:
    """`has_marker(block.text)`, mostly answered by a screen."""
    markers = _screens(doc).markers
    if markers is not None and (markers.rejects_all or not markers.admits(block.text, regex_screens.block_fold(doc, block))):
        return False
    return has_marker(block.text)


def document_has_marker(doc: Document) -> bool:
    """Whether any article block holds a citation marker."""
    markers = _screens(doc).markers
    if markers is not None and markers.rejects_all:
        return False
    return any(block_has_marker(doc, block) for block in doc.article_blocks)


def names_source(text: str, sources: Sources) -> bool:
    if sources.names is None or (sources.names_screen is not None and sources.names_screen.search(text) is None):
        return False
    return sources.names.search(text) is not None


def names_source_in(blocks: tuple[Block, ...], sources: Sources) -> bool:
    """Whether one of `blocks` names a source; one search of them all usually says no."""
    if sources.names_screen is not None and sources.names_screen.search("\n".join(block.text for block in blocks)) is None:
        return False
    return any(names_source(block.text, sources) for block in blocks)


def block_is_cited(doc: Document, block: Block, sources: Sources) -> bool:
    """Whether a paragraph carries any citation: outside link, URL, marker or named source
    (memoised: several rules ask about the same paragraphs)."""
    memo: dict[tuple[Block, Sources], bool] = doc.cached("ymyl-cited", dict)
    key = (block, sources)
    if key not in memo:
        memo[key] = block_has_marker(doc, block) or names_source(block.text, sources) or any(hosts_in_block(doc, block))
    return memo[key]


class _Screens(NamedTuple):
    """What may be in the blocks of one document (most print no URL, domain or marker)."""

    url: regex_screens.Screen | None
    bare_domain: bool  # whether a block may print one
    markers: regex_screens.Screen | None

    @property
    def no_hosts(self) -> bool:
        """Whether no block of the document prints a URL or a domain."""
        return not self.bare_domain and self.url is not None and self.url.rejects_all


def _screens(doc: Document) -> _Screens:
    """This module's screens narrowed to the document (see `regex_screens.narrowed`)."""

    def narrow() -> _Screens:
        folded = regex_screens.document_fold(doc)
        return _Screens(
            regex_screens.narrowed(doc, _URL_SCREEN),
            folded is None or _DOT_DOMAIN.search(folded) is not None,
            regex_screens.narrowed(doc, _MARKERS_SCREEN),
        )

    return doc.cached("ymyl-citation-screens", narrow)


def _admits(screen: regex_screens.Screen | None, text: str, folded: str | None) -> bool:
    return screen is None or screen.admits(text, folded)
