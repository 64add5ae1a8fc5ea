"""Which part of a page is the article, and which elements are never article text."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from lint.errors import ConfigError

# Elements whose content is never prose a reader sees as the article.
SKIPPED_TAGS = frozenset(
    """nav script style noscript template svg math form button select option textarea input
    iframe object embed canvas video audio map dialog head""".split()
)
_SKIPPED_ROLES = frozenset({"navigation", "banner", "search", "menu", "menubar", "toolbar"})
_PAGE_ROLES = frozenset({"contentinfo", "complementary"})
# A <header> or <footer> inside one of these belongs to that section, not to the page.
_SECTIONING = ["article", "aside", "main", "nav", "section"]
# Comment threads, reply forms and share or related-post widgets, named by id or class.
_WIDGET_NAME = re.compile(
    r"^(?:comments?|comments-area|comment-(?:respond|form|list|reply|section|area)s?|commentlist"
    r"|respond|reply-title|disqus_thread|sharedaddy|addtoany|a2a_kit|jp-relatedposts"
    r"|yarpp-related|related-posts?|breadcrumbs?)$"
    r"|(?:^|[-_])(?:share|sharing|social-share|share-buttons?)(?:$|[-_])",
    re.IGNORECASE,
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_skipped(tag: Tag) -> bool:
    """Navigation, scripts, forms, hidden elements, comment sections and share widgets."""
    if tag.name in SKIPPED_TAGS or tag.has_attr("hidden"):
        return True
    if _attribute(tag, "role").lower() in _SKIPPED_ROLES:
        return True
    if _DISPLAY_NONE.search(_attribute(tag, "style")):
        return True
    names = [_attribute(tag, "id"), *_classes(tag)]
    return any(_WIDGET_NAME.search(name) for name in names if name)


def is_page_landmark(tag: Tag) -> bool:
    """A footer or aside (or an element with that role)."""
    return tag.name in ("footer", "aside") or _attribute(tag, "role").lower() in _PAGE_ROLES


def is_banner(tag: Tag) -> bool:
    """The site header: a <header> outside any sectioning element, or role=banner.

    A <header> inside an article holds its H1 and byline, so it stays article text.
    """
    return tag.name == "header" and tag.find_parent(_SECTIONING) is None


def is_sectioning_footer(tag: Tag) -> bool:
    return tag.name == "footer" and tag.find_parent(_SECTIONING) is not None


def article_root(soup: BeautifulSoup, selector: str | None) -> tuple[Tag, bool]:
    """The element holding the article, and whether it is a whole-page fallback.

    In a fallback (<body> or a fragment) page footers and asides sit inside the root, so
    they become page blocks rather than being dropped with the article's own footer.
    """
    if selector:
        try:
            selected = soup.select_one(selector)
        except Exception as error:  # soupsieve raises its own SelectorSyntaxError
            raise ConfigError(f"article-selector: invalid CSS selector {selector!r}: {error}") from error
        if selected is not None:
            return selected, False
    articles = [
        article
        for article in soup.find_all("article")
        if article.find_parent("article") is None and not _inside_skipped(article)
    ]
    if articles:
        return max(articles, key=_text_length), False  # max keeps the first of equals
    main = soup.find("main") or soup.find(role="main")
    if isinstance(main, Tag):
        return main, False
    body = soup.find("body")
    return (body, True) if isinstance(body, Tag) else (soup, True)


def _inside_skipped(tag: Tag) -> bool:
    return any(is_skipped(parent) or is_page_landmark(parent) for parent in tag.parents if parent.name)


def _text_length(tag: Tag) -> int:
    return sum(len(text.strip()) for text in tag.find_all(string=True))


def _attribute(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return list(value or [])
