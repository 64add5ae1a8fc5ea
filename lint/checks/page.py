"""Helpers for page-level SEO kinds: what page data an input can carry, and URL classes.

Only a full HTML page (with <html> or <head>) carries a head, and only Markdown with front
matter carries page metadata; plain text carries neither. Rules that report *missing* page
data stay silent where that data cannot exist, so a CMS body fragment or a bare Markdown
file is not blamed for its template's job.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote, urlsplit

from lint.document import Block, Document

_PAGE_MARKUP = re.compile(r"<(?:html|head)[\s>]", re.IGNORECASE)
_NON_PAGE_SCHEMES = frozenset({"mailto", "tel", "sms", "javascript", "data", "ftp", "file"})


def is_full_page(doc: Document) -> bool:
    """An HTML input with its own <html> or <head>, not a body fragment."""
    return doc.format == "html" and _PAGE_MARKUP.search(doc.source) is not None


def has_front_matter(doc: Document) -> bool:
    return doc.format == "md" and bool(doc.meta.front_matter)


def carries_page_metadata(doc: Document) -> bool:
    """Whether a missing title or description here is the article's fault."""
    return is_full_page(doc) or has_front_matter(doc)


def first_block(doc: Document, kind: str) -> Block | None:
    return next(iter(doc.blocks_in([kind], region=None)), None)


def links(doc: Document) -> Iterator[Block]:
    return doc.blocks_in(["link-text"])


def images(doc: Document) -> Iterator[Block]:
    return doc.blocks_in(["image-alt"])


def bare_host(url: str) -> str | None:
    """The URL's host without a leading "www.", lower case; None for relative URLs."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def link_class(href: str, site_hosts: frozenset[str]) -> str | None:
    """"internal", "outbound", or None for anchors and non-web links (mailto:, tel:, #top)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in _NON_PAGE_SCHEMES or (scheme and scheme not in ("http", "https")):
        return None
    host = bare_host(href)
    if host is None:
        return "internal"  # a relative URL stays on the site
    return "internal" if host in site_hosts else "outbound"


def scheme_of(url: str | None) -> str:
    if not url:
        return ""
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def file_name(url: str) -> str:
    """The last path segment of a URL, decoded ("photos/IMG_0042.jpg?w=300" → "IMG_0042.jpg")."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        path = url
    return unquote(path.rstrip("/").rsplit("/", 1)[-1])
