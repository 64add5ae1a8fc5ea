"""seo_links: the article's links and images (`link-text` and `image-alt` blocks).

`check` picks the problem a rule reports:
- "alt-missing": an image without alt text (HTML: no alt attribute — alt="" marks a
  decorative image on purpose; Markdown: empty alt, since `![](x)` cannot say "decorative");
- "alt-filename": alt text that is just the image's file name;
- "no-outbound" / "no-internal": fewer than `min-links` links off / within the site;
- "empty-text": a link with no text a reader or screen reader could announce;
- "insecure": an `http:` link or image on an `https:` page.
Plain text has no links or images, so these rules never fire on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Literal

from lint.checks.page import bare_host, file_name, images, link_class, links, scheme_of
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding

Check = Literal["alt-missing", "alt-filename", "no-outbound", "no-internal", "empty-text", "insecure"]
_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$", re.IGNORECASE)
# Camera and screenshot names that say nothing about the picture: IMG_0042, DSC01234, PXL_2023…
_CAMERA_NAME = re.compile(r"^(?:IMG|DSC[NF]?|PXL|DCIM|Screenshot|Screen Shot|image|photo)[\s_-]*\d[\w-]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Options:
    check: Check
    # Input formats the rule reads (plain text has no links).
    formats: tuple[str, ...] = ("html", "md")
    # no-outbound, no-internal: fewest links of that kind.
    min_links: int = 1
    # Hosts that count as the site itself, besides the canonical URL's host.
    site_hosts: tuple[str, ...] = ()
    # insecure: treat the page as https even without an https canonical URL.
    assume_https: bool = False

    def __post_init__(self) -> None:
        if self.min_links < 1:
            raise OptionError("min-links", "must be at least 1")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if doc.format not in rule.options.formats:
        return iter(())
    return CHECKS[rule.options.check](doc, rule)


def _alt_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    for image in images(doc):
        missing = image.attrs.get("missing-alt") == "1" or (doc.format == "md" and not image.text.strip())
        if missing:
            yield rule.finding(doc, image.source_extent, src=image.attrs.get("src", ""))


def _alt_filename(doc: Document, rule: Any) -> Iterator[Finding]:
    for image in images(doc):
        alt = image.text.strip()
        if alt and is_file_name_alt(alt, image.attrs.get("src", "")):
            yield rule.finding(doc, image.source_extent, alt=alt)


def is_file_name_alt(alt: str, src: str) -> bool:
    """Alt text that repeats the file name, with or without extension, or reads like one."""
    name = file_name(src).lower()
    stem = _IMAGE_EXTENSION.sub("", name)
    lowered = alt.lower()
    if lowered == name or (lowered == stem and not _is_plain_words(stem)):
        return True
    return _IMAGE_EXTENSION.search(alt) is not None or _CAMERA_NAME.match(alt) is not None


def _is_plain_words(stem: str) -> bool:
    """A stem that is already readable words ("migraine") makes a fair alt by coincidence."""
    return all(part.isalpha() for part in stem.split())


def _link_count(doc: Document, rule: Any, wanted: str) -> Iterator[Finding]:
    hosts = _site_hosts(doc, rule.options.site_hosts)
    count = sum(1 for link in links(doc) if link_class(link.attrs.get("href", ""), hosts) == wanted)
    if count < rule.options.min_links:
        yield rule.finding(doc, None, count=count, minimum=rule.options.min_links)


def _site_hosts(doc: Document, extra: tuple[str, ...]) -> frozenset[str]:
    hosts = {bare_host(url) for url in (doc.meta.canonical or "",)}
    hosts |= {host.removeprefix("www.") for host in (item.lower() for item in extra)}
    return frozenset(host for host in hosts if host)


def _no_outbound(doc: Document, rule: Any) -> Iterator[Finding]:
    return _link_count(doc, rule, "outbound")


def _no_internal(doc: Document, rule: Any) -> Iterator[Finding]:
    return _link_count(doc, rule, "internal")


def _empty_text(doc: Document, rule: Any) -> Iterator[Finding]:
    for link in links(doc):
        label = link.text.strip() or link.attrs.get("aria-label", "").strip() or link.attrs.get("title", "").strip()
        if not label:
            yield rule.finding(doc, link.source_extent, href=link.attrs.get("href", ""))


def _insecure(doc: Document, rule: Any) -> Iterator[Finding]:
    if not (rule.options.assume_https or scheme_of(doc.meta.canonical) == "https"):
        return
    for block in _linked_resources(doc):
        url = block.attrs.get("href" if block.kind == "link-text" else "src", "")
        if scheme_of(url) == "http":
            what = "link" if block.kind == "link-text" else "image"
            yield rule.finding(doc, block.source_extent, url=url.strip(), what=what)


def _linked_resources(doc: Document) -> Iterator[Block]:
    return doc.blocks_in(["link-text", "image-alt"])


CHECKS: dict[str, Callable[[Document, Any], Iterator[Finding]]] = {
    "alt-missing": _alt_missing,
    "alt-filename": _alt_filename,
    "no-outbound": _no_outbound,
    "no-internal": _no_internal,
    "empty-text": _empty_text,
    "insecure": _insecure,
}
