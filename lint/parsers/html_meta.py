"""What an HTML page says about itself: <head> tags, JSON-LD and the article's <time>."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from lint.document import Block, Metadata
from lint.parsers.html_source import SourceMap

_SPACE = re.compile(r"\s+")
_PAGE_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)
_UPDATED_CLASS = re.compile(r"updated|modified", re.IGNORECASE)


def extract_metadata(soup: BeautifulSoup, source_map: SourceMap, root: Tag, blocks: Sequence[Block]) -> Metadata:
    metas = _meta_contents(soup)
    objects, errors = json_ld(soup, source_map)
    keywords = tuple(word.strip() for word in metas.get("keywords", "").split(",") if word.strip())
    canonical = _link_href(soup, "canonical")
    published, modified = _article_times(root)
    return Metadata(
        title=_block_text(blocks, "title"),
        description=_block_text(blocks, "meta-description"),
        keyphrase=keywords[0] if keywords else None,
        keyphrase_source="meta-keywords" if keywords else None,
        keywords=keywords,
        language=_language(soup, metas),
        author=_first(metas.get("author"), _not_url(metas.get("article:author")), _person(objects, "author"), _rel_author(soup)),
        reviewer=_person(objects, "reviewedBy"),
        date_published=_first(
            metas.get("article:published_time"), metas.get("date"), _value(objects, "datePublished"), published
        ),
        date_modified=_first(
            metas.get("article:modified_time"),
            metas.get("og:updated_time"),
            _value(objects, "dateModified"),
            _value(objects, "lastReviewed"),
            modified,
        ),
        canonical=canonical,
        slug=_slug(canonical),
        robots=metas.get("robots"),
        json_ld=tuple(objects),
        json_ld_errors=tuple(errors),
    )


def json_ld(soup: BeautifulSoup, source_map: SourceMap) -> tuple[list[dict[str, Any]], list[tuple[str, int]]]:
    """Every JSON-LD object (top-level lists and @graph flattened) and every problem found."""
    objects: list[dict[str, Any]] = []
    errors: list[tuple[str, int]] = []
    for script in soup.find_all("script"):
        if str(script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        offset = source_map.tag_start(script) or 0
        try:
            data = json.loads(script.get_text())
        except (ValueError, RecursionError) as error:
            errors.append((f"JSON-LD is not valid JSON: {_json_problem(error)}", offset))
            continue
        for item in _flattened(data):
            if not isinstance(item, dict):
                errors.append((f"JSON-LD item is {type(item).__name__}, not an object", offset))
            elif "@type" not in item:
                errors.append(("JSON-LD object has no @type", offset))
            else:
                objects.append(item)
    return objects, errors


def _json_problem(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (line {error.lineno}, column {error.colno})"
    return "nested too deeply" if isinstance(error, RecursionError) else str(error)


def _flattened(data: Any) -> Iterator[Any]:
    items = data if isinstance(data, list) else [data]
    for item in items:
        graph = item.get("@graph") if isinstance(item, dict) else None
        if isinstance(graph, list):
            if "@type" in item:
                yield item
            yield from graph
        else:
            yield item


def _meta_contents(soup: BeautifulSoup) -> dict[str, str]:
    """Content of each <meta name|property|http-equiv>, keyed in lower case; first wins."""
    contents: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attribute in ("name", "property", "http-equiv"):
            key = str(meta.get(attribute) or "").strip().lower()
            if key and key not in contents:
                contents[key] = _SPACE.sub(" ", str(content)).strip()
    return contents


def _language(soup: BeautifulSoup, metas: Mapping[str, str]) -> str | None:
    document = soup.find("html")
    language = str(document.get("lang") or "").strip() if isinstance(document, Tag) else ""
    return language or metas.get("content-language") or None


def _link_href(soup: BeautifulSoup, relation: str) -> str | None:
    for link in soup.find_all("link"):
        if relation in _relations(link) and link.get("href"):
            return str(link["href"]).strip()
    return None


def _rel_author(soup: BeautifulSoup) -> str | None:
    for anchor in soup.find_all("a"):
        if "author" in _relations(anchor):
            name = _SPACE.sub(" ", anchor.get_text()).strip()
            if name:
                return name
    return None


def _relations(tag: Tag) -> list[str]:
    value: str | list[str] = tag.get("rel") or []
    return [part.lower() for part in (value.split() if isinstance(value, str) else value)]


def _article_times(root: Tag) -> tuple[str | None, str | None]:
    """The first <time datetime> in the article, and one marked as an update."""
    published = modified = None
    for time in root.find_all("time"):
        stamp = str(time.get("datetime") or "").strip()
        if not stamp:
            continue
        classes = " ".join(time.get("class") or [])
        if str(time.get("itemprop") or "") == "dateModified" or _UPDATED_CLASS.search(classes):
            modified = modified or stamp
        else:
            published = published or stamp
    return published, modified


def _person(objects: Iterable[Mapping[str, Any]], key: str) -> str | None:
    """The name of the first author (or reviewer) any JSON-LD object gives."""
    for item in objects:
        value = item.get(key)
        for person in value if isinstance(value, list) else [value]:
            name = person.get("name") if isinstance(person, dict) else person
            if isinstance(name, str) and name.strip():
                return name.strip()
    return None


def _value(objects: Iterable[Mapping[str, Any]], key: str) -> str | None:
    for item in objects:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _block_text(blocks: Sequence[Block], kind: str) -> str | None:
    return next((block.text for block in blocks if block.kind == kind), None)


def _not_url(value: str | None) -> str | None:
    return None if value is None or value.startswith(("http://", "https://", "//")) else value


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)


def _slug(canonical: str | None) -> str | None:
    if not canonical:
        return None
    try:
        path = urlsplit(canonical).path
    except ValueError:  # a malformed URL (an unbalanced "[" in the host)
        return None
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    return _PAGE_EXTENSION.sub("", segment) or None
