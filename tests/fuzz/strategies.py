"""Hypothesis strategies for articles: realistic pieces (words, sentences that trigger rules,
Markdown and HTML syntax, entities, odd line breaks) mixed with arbitrary text, so that
both the parsers' edge cases and the rules' code paths are reached."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = (
    "Botox", "neurologists", "migraine", "injections", "the", "a", "and", "of", "dose", "mg", "units",
    "cure", "guaranteed", "Understanding", "TODO", "lorem", "ipsum", "Leave", "Comment", "café", "naïve",
    "don't", "it’s", "U.S.", "Dr.", "e.g.", "50%", "$200", "2024", "—", "–", "…",
)
SENTENCES = (
    "Do neurologists do Botox? ",
    "Yes, neurologists do Botox for chronic migraine. ",
    "In this article we will explore the world of Botox. ",
    "Recommended dose: TODO units per session. ",
    "Botox is 100% safe and cures migraine forever. ",
    "Read More: Botox side effects ",
    "Leave a Comment ",
    "According to a 2019 study (https://pubmed.ncbi.nlm.nih.gov/123/), it helps. ",
    "This article is not medical advice; talk to your doctor. ",
    "The the muscle relaxes. ",
    "It is was reported by experts that it were given. ",
    "Understanding Botox: A Deeper Dive ",
)
BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\n\n", "\r\n\r\n", "\x0c", "\x85")
ENTITIES = (
    "&amp;", "&copy;", "&nbsp;", "&eacute;", "&#169;", "&#xA9;", "&#0;", "&#xD800;", "&#x110000;", "&#99999999;",
    "&#;", "&#x;", "&#", "&bogus;", "&amp", "&notit;", "&", "&#65", "&lt;p&gt;",
)
MARKDOWN = (
    "# ", "## ", "### ", "> ", "- ", "* ", "1. ", "  ", "    ", "**", "*", "_", "__", "`", "```", "~~~", "---",
    "[", "]", "(", ")", "![alt](img.png)", "[link](https://example.com)", "<https://example.com>", "| a | b |",
    "|---|---|", "<!-- contentlint-disable ED002 -->", "<!-- contentlint-enable -->", "<br>", "<b>", "</b>", "\\", "\t",
)
HTML = (
    "<p>", "</p>", "<h1>", "</h1>", "<h2>", "</h2>", "<div>", "</div>", "<article>", "</article>", "<br/>",
    "<a href=\"https://example.com\">", "<a href='/x'>", "</a>", "<img alt=\"Botox injection\" src=\"x.png\">",
    "<ul><li>", "</li></ul>", "<table><tr><td>", "</td></tr></table>", "<script>var a = '<p>TODO</p>';</script>",
    "<style>p { color: red }</style>", "<!-- note -->", "<![CDATA[x]]>", "<title>Botox</title>",
    "<meta name=\"description\" content=\"Botox &amp; migraine\">", "<blockquote>", "</blockquote>", "<b>", "</i>",
    "<p class=\"byline\">By Maya Chen, MD</p>", "<script type=\"application/ld+json\">{\"@type\": \"Article\"}</script>",
    "<", ">", "</", "<!", "<?xml?>", "=\"", "'",
)
FRONT_MATTER = (
    "---\ntitle: Do neurologists do Botox?\nkeyphrase: neurologists do Botox\n---\n",
    "---\ntitle: \"Botox\"\nauthor: Maya Chen\ndate: 2024-03-12\n---\n",
    "---\n- not a mapping\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\n",
    "",
)


def _pieces(syntax: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS).map(lambda word: word + " "),
        st.sampled_from(SENTENCES),
        st.sampled_from(BREAKS),
        st.sampled_from(ENTITIES),
        st.sampled_from(syntax),
        st.text(max_size=8),
    )


def articles(input_format: str, max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Article-like sources for `input_format` ("md", "html" or "txt")."""
    syntax = {"md": MARKDOWN, "html": HTML, "txt": ()}[input_format] or ("",)
    body = st.lists(_pieces(syntax), max_size=max_pieces).map("".join)
    if input_format == "md":
        return st.tuples(st.sampled_from(FRONT_MATTER), body).map("".join)
    return body
