"""HTML parser: blocks, exact source positions, article selection, metadata, robustness."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from lint.document import Block, Document
from lint.errors import ConfigError
from lint.parsers import parse as parse_as
from lint.parsers.html import parse

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED_HTML = SAMPLES / "do-neurologists-do-botox.html"
CLEAN_HTML = SAMPLES / "clean" / "neurologists-and-botox.html"


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in doc.blocks]


def word_position(doc: Document, block: Block, occurrence: int, word: str) -> tuple[int, int]:
    """1-based (line, column) of the n-th (0-based) occurrence of `word` in block.text."""
    start = -1
    for _ in range(occurrence + 1):
        start = block.text.index(word, start + 1)
    span = block.source_span(start, start + len(word))
    assert doc.source[span.start : span.end] == word
    return tuple(doc.position(span.start))  # type: ignore[return-value]


def only(doc: Document, kind: str) -> Block:
    found = [block for block in doc.blocks if block.kind == kind]
    assert len(found) == 1, found
    return found[0]


def assert_spans_round_trip(doc: Document) -> int:
    """Every run lies in the source; words inside one 1:1 run read the same in the source."""
    checked = 0
    for index, block in enumerate(doc.blocks):
        assert block.index == index
        for run in block.runs:
            assert 0 <= run.source_start <= run.source_start + run.source_length <= len(doc.source)
        for word in block.words:
            start, end = block.source_span(*word)
            assert 0 <= start <= end <= len(doc.source)
            if _inside_one_exact_run(block, word.start, word.end):
                assert doc.source[start:end] == block.text[word.start : word.end]
                checked += 1
    return checked


def _inside_one_exact_run(block: Block, start: int, end: int) -> bool:
    return any(
        run.text_length == run.source_length and run.text_start <= start and end <= run.text_start + run.text_length
        for run in block.runs
    )


# Blocks -------------------------------------------------------------------------------


def test_fragment_blocks_kinds_levels_and_order() -> None:
    doc = parse(
        "<h1>Sleep basics</h1><p>Adults need <b>seven</b> hours.</p>"
        "<h3>Naps</h3><ul><li>Short naps<ul><li>under 30 minutes</li></ul> help</li></ul>"
        "<blockquote><p>Sleep is a pillar of health.</p></blockquote><pre>x = 1\ny = 2</pre>",
        "f.html",
    )
    assert kinds(doc) == [
        ("heading", "Sleep basics"),
        ("paragraph", "Adults need seven hours."),
        ("heading", "Naps"),
        ("list-item", "Short naps help"),
        ("list-item", "under 30 minutes"),
        ("quote", "Sleep is a pillar of health."),
        ("code", "x = 1\ny = 2"),
    ]
    assert [block.level for block in doc.headings] == [1, 3]
    assert [block.index for block in doc.blocks] == list(range(len(doc.blocks)))


def test_loose_div_text_line_breaks_and_white_space() -> None:
    doc = parse("<div>Loose   text\n here<p>Inside</p>after it</div><p>one<br>two <br/> three</p>", "f.html")
    assert kinds(doc) == [
        ("paragraph", "Loose text here"),
        ("paragraph", "Inside"),
        ("paragraph", "after it"),
        ("paragraph", "one\ntwo\nthree"),
    ]


def test_links_images_and_table_cells() -> None:
    doc = parse(
        '<p>See <a href="https://nih.gov" rel="nofollow noopener">the NIH</a> site.</p>'
        '<p><img src="a.jpg" alt="A nurse checks blood pressure"><img src="b.jpg"></p>'
        '<p><a href="/home"><img src="logo.png" alt="Home"></a></p>'
        "<table><tr><th>Drug</th><th>Dose</th></tr><tr><td colspan=2>None listed</td></tr></table>",
        "f.html",
    )
    assert kinds(doc)[:2] == [("paragraph", "See the NIH site."), ("link-text", "the NIH")]
    link = doc.blocks[1]
    assert dict(link.attrs) == {"href": "https://nih.gov", "rel": "nofollow noopener"}
    alt, missing = [block for block in doc.blocks if block.kind == "image-alt"][:2]
    assert dict(alt.attrs) == {"src": "a.jpg", "alt": "A nurse checks blood pressure"}
    assert doc.source[slice(*alt.source_extent)] == "A nurse checks blood pressure"
    assert missing.text == "" and dict(missing.attrs) == {"src": "b.jpg", "missing-alt": "1"}
    assert doc.source[missing.runs[0].source_start :].startswith('<img src="b.jpg">')
    assert [b.text for b in doc.blocks if b.kind == "link-text"] == ["the NIH", "Home"]
    cells = [(b.text, b.attrs["row"], b.attrs["col"]) for b in doc.blocks if b.kind == "table-cell"]
    assert cells == [("Drug", "0", "0"), ("Dose", "0", "1"), ("None listed", "1", "0")]


def test_paragraphs_inside_list_items_and_quotes_take_their_kind() -> None:
    doc = parse(
        "<ol><li><p>Rest the joint.</p><p>Ice it.</p></li></ol>"
        "<blockquote>Loose quote<ul><li><p>Quoted list</p></li></ul></blockquote>"
        "<ul><li><table><tr><td><p>Cell text</p></td></tr></table></li></ul>",
        "f.html",
    )
    assert kinds(doc) == [
        ("list-item", "Rest the joint."),
        ("list-item", "Ice it."),
        ("quote", "Loose quote"),
        ("list-item", "Quoted list"),
        ("paragraph", "Cell text"),
    ]


def test_registry_entry_point_passes_the_selector() -> None:
    doc = parse_as("<div class=post><p>Chosen</p></div><p>Other</p>", "x.html", "html", article_selector=".post")
    assert (doc.format, [b.text for b in doc.blocks]) == ("html", ["Chosen"])


def test_unclosed_and_misnested_tags_still_give_blocks() -> None:
    doc = parse("<p>First<p>Second <b>bold <i>both</b> italic</i><li>item", "f.html")
    assert [block.text for block in doc.blocks] == ["First", "Second bold both italic", "item"]
    assert_spans_round_trip(doc)


# Positions ----------------------------------------------------------------------------


def test_positions_after_entities_and_on_repeated_phrase() -> None:
    source = (
        "<html><body><article>\n"
        "<p>Caf&eacute; &amp; bar&#8217;s menu&nbsp;today &#x2014; open</p>\n"
        "<p>Do Neurologists Do Botox? Yes. Do Neurologists Do Botox? Often.</p>\n"
        "</article></body></html>"
    )
    doc = parse(source, "f.html")
    first, second = doc.blocks
    assert first.text == "Café & bar’s menu today — open"
    assert word_position(doc, first, 0, "menu") == (2, 34)
    assert word_position(doc, first, 0, "today") == (2, 44)
    assert word_position(doc, first, 0, "open") == (2, 59)
    entity = first.text.index("é")
    assert doc.source[slice(*first.source_span(entity, entity + 1))] == "&eacute;"
    # The phrase occurs twice: each copy maps to its own place, never to the first match.
    assert word_position(doc, second, 0, "Botox") == (3, 23)
    assert word_position(doc, second, 1, "Botox") == (3, 54)


def test_positions_with_crlf_and_lone_cr_line_breaks() -> None:
    doc = parse("<p>one</p>\r\n<p>two words</p>\r<p>three</p>", "f.html")
    two, three = doc.blocks[1], doc.blocks[2]
    assert word_position(doc, two, 0, "words") == (2, 8)
    assert word_position(doc, three, 0, "three") == (3, 4)


def test_title_and_meta_description_spans() -> None:
    source = '<head>\n<title>Botox &amp; migraine</title>\n<meta name="description" content="How &quot;Botox&quot; helps.">\n</head>'
    doc = parse(source, "f.html")
    title, description = doc.blocks
    assert (title.kind, title.text) == ("title", "Botox & migraine")
    assert (description.kind, description.text) == ("meta-description", 'How "Botox" helps.')
    assert doc.position(description.source_span(0, 3).start) == (3, 35)
    assert doc.source[slice(*description.source_extent)] == "How &quot;Botox&quot; helps."


# Article selection --------------------------------------------------------------------

PAGE = """<html><head><title>Neck pain</title></head><body>
<header><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav><p>Site tagline</p></header>
<aside class="sidebar"><h2>Popular</h2><p>Sidebar teaser</p></aside>
<article><header><h1>Neck pain</h1><p>By Jo Lee, MD</p></header>
<p>Most neck pain gets better on its own.</p>
<aside><p>Pull quote</p></aside>
<footer><p>Tags: neck</p></footer>
<div class="sharedaddy"><p>Share this</p></div>
</article>
<div id="comments"><div id="respond"><h3 id="reply-title">Leave a Comment</h3>
<form><p>Your email address will not be published.</p><button>Post Comment</button></form></div></div>
<footer><p>This site does not provide medical advice.</p><nav><a href="/privacy">Privacy</a></nav>
<script>var x = "<p>not text</p>";</script></footer>
</body></html>"""


def test_article_excludes_navigation_asides_footers_comments_and_widgets() -> None:
    doc = parse(PAGE, "page.html")
    article = [block.text for block in doc.article_blocks if block.kind != "title"]
    assert article == ["Neck pain", "By Jo Lee, MD", "Most neck pain gets better on its own."]
    page = [(block.kind, block.text) for block in doc.blocks if block.region == "page"]
    assert page == [
        ("heading", "Popular"),
        ("paragraph", "Sidebar teaser"),
        ("paragraph", "Pull quote"),  # the article's own aside and footer: page, not body text
        ("paragraph", "Tags: neck"),
        ("paragraph", "This site does not provide medical advice."),
    ]
    assert not any("Leave a Comment" in block.text or "Privacy" in block.text for block in doc.blocks)
    assert_spans_round_trip(doc)


def test_body_fallback_keeps_page_footer_as_page_region() -> None:
    doc = parse(
        "<body><nav>Menu</nav><h1>Neck pain</h1><p>Rest helps.</p>"
        "<footer><p>Not medical advice.</p></footer></body>",
        "f.html",
    )
    assert [(b.text, b.region) for b in doc.blocks] == [
        ("Neck pain", "article"),
        ("Rest helps.", "article"),
        ("Not medical advice.", "page"),
    ]


def test_largest_article_main_and_selector() -> None:
    two = "<article><p>Short teaser.</p></article><article><p>The long main article body text.</p></article>"
    assert [b.text for b in parse(two, "f.html").blocks] == ["The long main article body text."]
    main = "<div><p>Outside</p></div><div role=main><p>Inside main</p></div>"
    assert [b.text for b in parse(main, "f.html").blocks] == ["Inside main"]
    chosen = parse(two, "f.html", article_selector="article:first-of-type")
    assert [b.text for b in chosen.blocks] == ["Short teaser."]
    unmatched = parse(two, "f.html", article_selector="#nothing")
    assert [b.text for b in unmatched.blocks] == ["The long main article body text."]
    with pytest.raises(ConfigError):
        parse(two, "f.html", article_selector="p[")


# Metadata -----------------------------------------------------------------------------

HEAD = """<html lang="en-GB"><head>
<title>Migraine treatment | Example Health</title>
<meta name="description" content="What helps migraine.">
<meta name="keywords" content="migraine treatment, botox, ">
<meta name="robots" content="noindex">
<meta property="article:published_time" content="2024-01-02">
<link rel="canonical" href="https://example.org/health/migraine-treatment/">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "MedicalWebPage", "author": [{"@type": "Person", "name": "Ana Ruiz, MD"}],
  "reviewedBy": {"@type": "Person", "name": "Ben Cole, MD"}, "lastReviewed": "2024-06-01"},
 {"name": "no type"}]}</script>
<script type="application/ld+json">[{"@type": "FAQPage"}, {"@type": "BreadcrumbList"}]</script>
<script type="application/ld+json">{"@type": "Article",}</script>
</head><body><article><p>Text.</p></article></body></html>"""


def test_metadata_from_head_and_json_ld() -> None:
    meta = parse(HEAD, "f.html").meta
    assert meta.title == "Migraine treatment | Example Health"
    assert meta.description == "What helps migraine."
    assert meta.keywords == ("migraine treatment", "botox")
    assert (meta.keyphrase, meta.keyphrase_source) == ("migraine treatment", "meta-keywords")
    assert (meta.language, meta.robots) == ("en-GB", "noindex")
    assert meta.canonical == "https://example.org/health/migraine-treatment/"
    assert meta.slug == "migraine-treatment"
    assert (meta.author, meta.reviewer) == ("Ana Ruiz, MD", "Ben Cole, MD")
    assert (meta.date_published, meta.date_modified) == ("2024-01-02", "2024-06-01")
    assert [item["@type"] for item in meta.json_ld] == ["MedicalWebPage", "FAQPage", "BreadcrumbList"]


def test_json_ld_errors_point_at_their_script() -> None:
    doc = parse(HEAD, "f.html")
    problems = [problem for problem, _ in doc.meta.json_ld_errors]
    assert problems[0] == "JSON-LD object has no @type"
    assert problems[1].startswith("JSON-LD is not valid JSON")
    offsets = [offset for _, offset in doc.meta.json_ld_errors]
    assert doc.position(offsets[0]) == (8, 1)
    assert doc.position(offsets[1]) == (13, 1)


def test_metadata_fallbacks_author_dates_and_missing_values() -> None:
    source = (
        '<meta name="author" content="Sam Fox"><article><p>By <a rel="author" href="/a">Other</a></p>'
        '<time datetime="2023-05-01">May 1</time> <time class="updated" datetime="2023-06-01">June</time></article>'
    )
    meta = parse(source, "f.html").meta
    assert (meta.author, meta.date_published, meta.date_modified) == ("Sam Fox", "2023-05-01", "2023-06-01")
    empty = parse("<p>Just text.</p>", "f.html").meta
    assert (empty.title, empty.description, empty.keyphrase, empty.language, empty.slug) == (None,) * 5


# FAQ and flattened tables -------------------------------------------------------------


def test_faq_headings_definition_lists_and_bold_questions() -> None:
    doc = parse(
        "<h2>Is it safe?</h2><p>Intro answer outside FAQ.</p>"
        "<h2>Frequently Asked Questions</h2>"
        "<h3>Does it hurt?</h3><p>A little.</p><p>It passes fast.</p>"
        "<p><strong>How long does it last?</strong></p><p>Three months.</p>"
        "<dl><dt>Is it covered?</dt><dd>Often.</dd></dl>"
        "<h2>Costs</h2><p>Prices vary.</p>",
        "f.html",
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Is it safe?"),
        ("paragraph", "Intro answer outside FAQ."),
        ("heading", "Frequently Asked Questions"),
        ("faq-question", "Does it hurt?"),
        ("faq-answer", "A little."),
        ("faq-answer", "It passes fast."),
        ("faq-question", "How long does it last?"),
        ("faq-answer", "Three months."),
        ("faq-question", "Is it covered?"),
        ("faq-answer", "Often."),
        ("heading", "Costs"),
        ("paragraph", "Prices vary."),
    ]


def test_faq_from_schema_org_microdata() -> None:
    doc = parse(
        '<div itemscope itemtype="https://schema.org/Question"><h4 itemprop="name">Can kids have it</h4>'
        '<div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer">'
        '<div itemprop="text"><p>Only for some conditions.</p></div></div></div>',
        "f.html",
    )
    assert kinds(doc) == [("faq-question", "Can kids have it"), ("faq-answer", "Only for some conditions.")]


def test_flattened_table_from_sibling_paragraphs_and_br_lines() -> None:
    rows = "".join(
        f"<p>{line}</p>\n"
        for line in ("Feature Cosmetic Medical", "Goal Smooth lines Treat disease", "Dose Lower Higher")
    )
    doc = parse(f"<p>Compare them below.</p>{rows}<p>That is all.</p>", "f.html")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table-row", "table-row", "table-row", "paragraph"]
    assert [dict(b.attrs) for b in doc.blocks[1:4]] == [{"flattened": "1", "row": str(n)} for n in range(3)]
    broken = parse("<p>Feature Cosmetic Medical<br>Goal Smooth lines Treat disease<br>\nDose Lower Higher</p>", "f.html")
    assert [(b.kind, b.text) for b in broken.blocks] == [
        ("table-row", "Feature Cosmetic Medical"),
        ("table-row", "Goal Smooth lines Treat disease"),
        ("table-row", "Dose Lower Higher"),
    ]
    assert_spans_round_trip(broken)
    apart = parse("<p>Feature Cosmetic Medical</p><div><p>Goal Smooth lines</p></div><p>Dose Lower Higher</p>", "f.html")
    assert "table-row" not in [b.kind for b in apart.blocks]


# Samples ------------------------------------------------------------------------------


def test_seed_sample_keeps_article_text_and_drops_comment_form() -> None:
    source = SEED_HTML.read_text(encoding="utf-8")
    doc = parse(source, str(SEED_HTML))
    leave = [block for block in doc.blocks if "Leave a Comment" in block.text]
    assert len(leave) == 1 and leave[0].region == "article" and leave[0].text == "Leave a Comment"
    line = source.split("\n").index("<p>Leave a Comment</p>") + 1
    assert doc.position(leave[0].source_extent.start) == (line, 4)
    assert not any("email address" in block.text or "Post Comment" in block.text for block in doc.blocks)
    assert [b.text for b in doc.blocks if b.kind == "table-row"][0] == "Feature Cosmetic Botox Neurological Botox"
    assert len([b for b in doc.blocks if b.kind == "faq-question"]) == 12
    assert (doc.meta.author, doc.meta.date_published, doc.meta.slug) == (None, None, "do-neurologists-do-botox")


def test_seed_sample_matches_seed_text_line_for_line() -> None:
    doc = parse(SEED_HTML.read_text(encoding="utf-8"), str(SEED_HTML))
    seed = (SAMPLES / "do-neurologists-do-botox.txt").read_text(encoding="utf-8").split("\n")
    expected = [line.strip().removeprefix("• ") for line in seed if line.strip()]
    shown = [b.text for b in doc.article_blocks if b.kind not in ("title", "meta-description", "link-text")]
    assert shown == expected


def test_clean_sample_metadata() -> None:
    meta = parse(CLEAN_HTML.read_text(encoding="utf-8"), str(CLEAN_HTML)).meta
    assert meta.title is not None and 30 <= len(meta.title) <= 60
    assert meta.description is not None and 120 <= len(meta.description) <= 156
    assert (meta.author, meta.reviewer, meta.language) == ("Maya Chen, MD", "Daniel Okafor, MD", "en")
    assert {item["@type"] for item in meta.json_ld} == {"MedicalWebPage", "FAQPage"}
    assert meta.json_ld_errors == ()


@pytest.mark.parametrize("path", [SEED_HTML, CLEAN_HTML], ids=lambda path: path.name)
def test_sample_spans_round_trip(path: Path) -> None:
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    words = sum(len(block.words) for block in doc.blocks)
    assert assert_spans_round_trip(doc) > 0.95 * words


def test_parsing_the_seed_sample_is_fast() -> None:
    source = SEED_HTML.read_text(encoding="utf-8")
    parse(source, "warm-up.html")
    start = time.perf_counter()
    parse(source, "timed.html")
    assert time.perf_counter() - start < 0.25  # a few ms normally; generous for slow CI


# Robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "",
        "   \n",
        "plain text, no tags",
        "<",
        "<p",
        '<p title="unterminated>text',
        "<!-- unterminated comment <p>x</p>",
        "<![CDATA[x]]><?php echo 1 ?><!DOCTYPE html><p>after</p>",
        "<p>&foo; &#xZZ; &#99999999; &#0; &amp &ampx &copy2024 < b > </p>",
        "<table><td>cell<tr>row</table></td>",
        "<div>" * 3000 + "deep" + "</div>" * 3000,
        "<b>" * 5000 + "unclosed",
        "<p>a</p>" * 2000,
        "<svg><title>icon</title></svg><title>Real</title>",
        "<p>x\x00y\ufffd</p>",
        "<h2><!--\"\n&<a href='x'><table><tr><td>two words <div><script>&#8217;<h2>",
    ],
    ids=lambda source: repr(source[:24]),
)
def test_never_raises_and_spans_stay_in_source(source: str) -> None:
    doc = parse(source, "odd.html")
    assert_spans_round_trip(doc)


def test_random_markup_never_raises() -> None:
    pieces = ["<p>", "</p>", "<div>", "</div>", "<a href='x'>", "</a>", "<br>", "&amp;", "&#8217;", "&nbsp;",
              "<!--", "-->", "<li>", "<h2>", "</h2>", "<img alt='pic'>", "word ", "two words ", "\n", "<", ">",
              '"', "'", "=", "<script>", "</script>", "<table><tr><td>", "&", ";", "<footer>", "<nav>"]  # fmt: skip
    generator = random.Random(1234)
    for _ in range(300):
        source = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 60)))
        assert_spans_round_trip(parse(source, "fuzz.html"))


def test_closed_details_content_is_marked_collapsed() -> None:
    doc = parse(
        "<article><p>Body.</p><details><summary>Disclaimer</summary><p>Not medical advice.</p></details>"
        "<details open><p>Shown.</p></details></article>",
        "f.html",
    )
    assert [(b.text, b.attrs.get("collapsed")) for b in doc.blocks] == [
        ("Body.", None), ("Disclaimer", None), ("Not medical advice.", "1"), ("Shown.", None)
    ]
