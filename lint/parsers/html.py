"""HTML page or fragment → Document.

BeautifulSoup ("html.parser", which records where each start tag begins) gives the tree;
`html_source` maps decoded text back to exact source offsets, `html_regions` decides what
is article text, `html_blocks` walks the tree into blocks and `html_meta` reads the head
and JSON-LD.

Choices worth knowing:
- Article body: `article_selector`, else the largest top-level <article>, else <main> or
  [role=main], else <body>, else the whole fragment.
- Outside the article only the page's <footer>/<aside> become blocks (region "page"),
  because medical disclaimers often live there. A <header> inside the article (its H1
  and byline in most CMS themes) is article text; the site header is not.
- <p> inside <blockquote> (and text loose in it) become "quote" blocks and <p> inside <li>
  "list-item" blocks, as in Markdown. A <li>'s own text excludes its nested lists.
- Link text also stays in the block around it; an image inside a link lends its alt text
  to the link. Empty link-text, image-alt and meta-description blocks point at their tag.
"""

from __future__ import annotations

import re
import warnings
from types import MappingProxyType

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.exceptions import ParserRejectedMarkup

from lint.document import Block, Document, Metadata
from lint.parsers.html_blocks import PageWalker
from lint.parsers.html_meta import extract_metadata
from lint.parsers.html_regions import article_root
from lint.parsers.html_source import SourceMap
from lint.parsers.html_state import Pending
from lint.parsers.html_structure import with_table_rows

# "&" and the reference it may start: a character number, or a name.
_LONE_AMPERSAND = re.compile(r"&(#[0-9]|#[xX][0-9a-fA-F]|[a-zA-Z][a-zA-Z0-9]*)?")
_STAND_IN = "\ue000"  # a private-use character, as rare in real text as any


def parse(source: str, path: str, *, article_selector: str | None = None) -> Document:
    """Parse HTML. Never raises on bad markup; an invalid selector raises ConfigError."""
    source_map = SourceMap(source)
    soup = _soup(source)
    if soup is None:
        return Document(path=path, format="html", source=source, blocks=())
    root, root_is_page = article_root(soup, article_selector)
    walker = PageWalker(source_map, root, root_is_page)
    try:
        walker.walk(soup)
    except RecursionError:
        pass  # keep the blocks built so far
    blocks = _blocks(with_table_rows(walker.pending()))
    try:
        meta = extract_metadata(soup, source_map, root, blocks)
    except RecursionError:
        meta = Metadata()
    return Document(path=path, format="html", source=source, blocks=blocks, meta=meta)


def _soup(source: str) -> BeautifulSoup | None:
    # An "&" that starts no reference bs4 knows is text, but html.parser mishandles some:
    # after a second "&#" with no digits (Python 3.11) it takes the rest of the page, tags
    # included, as text, and "&bogus;" loses its ";". Hide each such "&" behind a stand-in
    # of the same length (positions stay exact) and put it back in the tree's strings.
    fed = _LONE_AMPERSAND.sub(_hide_ampersand, source)
    with warnings.catch_warnings():
        # Input that looks like a file name or URL is still markup to lint.
        warnings.simplefilter("ignore")
        try:
            soup = BeautifulSoup(fed, "html.parser")
        except (ParserRejectedMarkup, RecursionError):
            return None
    if fed != source:
        _restore_ampersands(soup)
    return soup


def _hide_ampersand(match: re.Match[str]) -> str:
    reference = match.group(1)
    if reference and (reference.startswith("#") or reference in EntitySubstitution.HTML_ENTITY_TO_CHARACTER):
        return match.group()
    return _STAND_IN + match.group()[1:]


def _restore_ampersands(soup: BeautifulSoup) -> None:
    for string in list(soup.find_all(string=lambda text: _STAND_IN in text)):
        string.replace_with(type(string)(string.replace(_STAND_IN, "&")))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if isinstance(value, str) and _STAND_IN in value:
                tag.attrs[name] = value.replace(_STAND_IN, "&")
            elif isinstance(value, list):
                tag.attrs[name] = type(value)(item.replace(_STAND_IN, "&") for item in value)


def _blocks(pending: list[Pending]) -> tuple[Block, ...]:
    return tuple(
        Block(
            kind=item.kind,
            text=item.text,
            runs=item.runs,
            level=item.level,
            region=item.region,
            attrs=MappingProxyType(dict(item.attrs)),
            index=index,
        )
        for index, item in enumerate(pending)
    )
