"""The Markdown parser: block structure, exact source positions, front matter, FAQ, tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Block, Document
from lint.errors import InputError
from lint.parsers.markdown import parse

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "do-neurologists-do-botox.md"
CLEAN = SAMPLES / "clean" / "neurologists-and-botox.md"


def kinds(doc: Document) -> list[tuple[str, int, str]]:
    return [(block.kind, block.level, block.text) for block in doc.blocks]


def block(doc: Document, kind: str, number: int = 0) -> Block:
    return [candidate for candidate in doc.blocks if candidate.kind == kind][number]


def where(doc: Document, found: Block, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based (line, column) in the source of the nth `phrase` in the block's text."""
    start = -1
    for _ in range(occurrence + 1):
        start = found.text.index(phrase, start + 1)
    span = found.source_span(start, start + len(phrase))
    return tuple(doc.position(span.start))  # type: ignore[return-value]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Block structure ---------------------------------------------------------------------------


def test_blocks_have_kinds_levels_and_order() -> None:
    source = (
        "# Sleep basics\n\n"
        "Intro text here.\n\n"
        "Setext title\n============\n\n"
        "Second level\n------------\n\n"
        "### Third ###\n\n"
        "- first item\n  - nested item\n- second item\n\n"
        "1. ordered one\n2. ordered two\n\n"
        "> quoted words\n\n"
        "```python\nprint('hi')\n```\n\n"
        "    indented code\n\n"
        "---\n\n"
        "<div class=\"ad\">\nBuy now\n</div>\n\n"
        "<!-- a comment -->\n\n"
        "Last paragraph.\n"
    )
    doc = parse(source, "a.md")
    assert kinds(doc) == [
        ("heading", 1, "Sleep basics"),
        ("paragraph", 0, "Intro text here."),
        ("heading", 1, "Setext title"),
        ("heading", 2, "Second level"),
        ("heading", 3, "Third"),
        ("list-item", 0, "first item"),
        ("list-item", 0, "nested item"),
        ("list-item", 0, "second item"),
        ("list-item", 0, "ordered one"),
        ("list-item", 0, "ordered two"),
        ("quote", 0, "quoted words"),
        ("code", 0, "print('hi')"),
        ("code", 0, "indented code"),
        ("paragraph", 0, "Last paragraph."),
    ]
    assert [found.index for found in doc.blocks] == list(range(len(doc.blocks)))
    assert doc.format == "md" and doc.path == "a.md"


def test_inline_markup_is_not_text_and_breaks_become_newlines() -> None:
    doc = parse("Some *very* **bold** `code` text\nnext line  \nhard break here.\n", "a.md")
    assert doc.blocks[0].text == "Some very bold code text\nnext line\nhard break here."


def test_links_and_images_add_their_own_blocks() -> None:
    source = 'See [the NHS page](https://www.nhs.uk "NHS") and ![A brain scan](scan.png) or <https://nih.gov>.\n'
    doc = parse(source, "a.md")
    assert [found.kind for found in doc.blocks] == ["paragraph", "link-text", "image-alt", "link-text"]
    assert doc.blocks[0].text == "See the NHS page and or https://nih.gov."
    link, image, autolink = doc.blocks[1:]
    assert (link.text, dict(link.attrs)) == ("the NHS page", {"href": "https://www.nhs.uk", "title": "NHS"})
    assert (image.text, dict(image.attrs)) == ("A brain scan", {"src": "scan.png", "alt": "A brain scan"})
    assert autolink.text == "https://nih.gov"
    assert where(doc, link, "NHS") == (1, 10)
    assert where(doc, image, "brain") == (1, 54)
    assert where(doc, doc.blocks[0], "or https") == (1, 76)


def test_image_without_alt_text_still_points_at_the_image() -> None:
    doc = parse("Intro words.\n\n![](chart.png)\n", "a.md")
    image = block(doc, "image-alt")
    assert image.text == "" and image.attrs["src"] == "chart.png"
    assert doc.position(image.source_extent.start) == (3, 1)


def test_gfm_table_cells_have_row_and_column() -> None:
    source = "| Drug | Use |\n| --- | --- |\n| Botox | Migraine \\| spasm |\n| Other | `x` |\n"
    doc = parse(source, "a.md")
    cells = [(found.text, found.attrs["row"], found.attrs["col"]) for found in doc.blocks]
    assert cells == [
        ("Drug", "0", "0"), ("Use", "0", "1"), ("Botox", "1", "0"),
        ("Migraine | spasm", "1", "1"), ("Other", "2", "0"), ("x", "2", "1"),
    ]  # fmt: skip
    assert where(doc, doc.blocks[3], "spasm") == (3, 23)
    assert where(doc, doc.blocks[5], "x") == (4, 12)


# Exact positions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind", "phrase", "expected"),
    [
        ("- **Label:** sentence here\n", "list-item", "sentence", (1, 14)),
        ("1. Ordered words\n", "list-item", "words", (1, 12)),
        ("Some *very* important words\n", "paragraph", "important", (1, 13)),
        ("Start __strong__ and _em_ end\n", "paragraph", "end", (1, 27)),
        ("Visit [our clinic](https://x.org/a_(b)) today\n", "paragraph", "today", (1, 41)),
        ("Ref [clinic][c] today\n\n[c]: https://x.org\n", "paragraph", "today", (1, 17)),
        ("Price \\*not\\* final here\n", "paragraph", "final", (1, 15)),
        ("Fish &amp; chips &copy; taste good\n", "paragraph", "chips", (1, 12)),
        ("Run `pip install` now\n", "paragraph", "now", (1, 19)),
        ("> First line\n> second words here\n", "quote", "second", (2, 3)),
        ("> > Deep quote\n> > next line\n", "quote", "next", (2, 5)),
        ("> lazy start\ncontinues here\n", "quote", "continues", (2, 1)),
        ("- item starts\n  and continues\n", "list-item", "continues", (2, 7)),
        ("> - quoted item\n>   goes on\n", "list-item", "goes", (2, 5)),
        ("## Side effects ##\n", "heading", "effects", (1, 9)),
        ("   ### Indented heading\n", "heading", "heading", (1, 17)),
        ("Multi line\nsetext title\n===\n", "heading", "setext", (2, 1)),
        ("one  \ntwo\\\nthree\n", "paragraph", "three", (3, 1)),
        ("Tabs\tinside\n\tand after\n", "paragraph", "after", (2, 6)),
    ],
)
def test_word_positions(source: str, kind: str, phrase: str, expected: tuple[int, int]) -> None:
    doc = parse(source, "a.md")
    assert where(doc, block(doc, kind), phrase) == expected


def test_escapes_and_entities_map_as_units() -> None:
    doc = parse("A \\* and &amp; here\n", "a.md")
    paragraph = doc.blocks[0]
    assert paragraph.text == "A * and & here"
    assert paragraph.source_span(2, 3) == (2, 4)  # "*" stands for "\*"
    assert paragraph.source_span(8, 9) == (9, 14)  # "&" stands for "&amp;"


def test_crlf_sources_keep_original_offsets() -> None:
    source = "---\r\ntitle: Sleep\r\n---\r\n# Heading\r\n\r\nFirst line\r\nsecond *line* words\r\n\r\n- item one\r\n"
    doc = parse(source, "a.md")
    assert kinds(doc)[1:] == [
        ("heading", 1, "Heading"),
        ("paragraph", 0, "First line\nsecond line words"),
        ("list-item", 0, "item one"),
    ]
    paragraph = block(doc, "paragraph")
    assert where(doc, paragraph, "words") == (7, 15)
    assert where(doc, block(doc, "list-item"), "one") == (9, 8)
    assert where(doc, block(doc, "title"), "Sleep") == (2, 8)
    for found in doc.blocks:
        for word in found.words:
            assert source[slice(*found.source_span(*word))] == found.text[word.start : word.end]


def test_a_phrase_that_occurs_twice_maps_to_each_occurrence() -> None:
    source = "Botox helps *Botox* users.\nBotox helps again.\n"
    doc = parse(source, "a.md")
    paragraph = doc.blocks[0]
    assert where(doc, paragraph, "Botox helps", 0) == (1, 1)
    assert where(doc, paragraph, "Botox", 1) == (1, 14)
    assert where(doc, paragraph, "Botox helps", 1) == (2, 1)
    assert where(doc, paragraph, "again") == (2, 13)


# Front matter -----------------------------------------------------------------------------


def test_front_matter_fills_metadata_and_title_block() -> None:
    source = (
        "---\n"
        'title: "Botox and migraine"\n'
        "description: How neurologists use Botox.  # short\n"
        "focus_keyword: Botox for migraine\n"
        "keywords: botox, migraine , neurology\n"
        "author: {name: \"Dr. Ana Lee, MD\"}\n"
        "medically_reviewed_by: Dr. Sam Cho\n"
        "date: 2024-05-01\n"
        "last_reviewed: 2025-01-02\n"
        "canonical: https://example.com/botox\n"
        "slug: botox\n"
        "language: en\n"
        "robots: noindex\n"
        "tags: [a, b]\n"
        "---\n"
        "# Botox and migraine\n"
    )
    doc = parse(source, "a.md")
    meta = doc.meta
    assert meta.title == "Botox and migraine"
    assert meta.description == "How neurologists use Botox."
    assert (meta.keyphrase, meta.keyphrase_source) == ("Botox for migraine", "front-matter")
    assert meta.keywords == ("botox", "migraine", "neurology")
    assert (meta.author, meta.reviewer) == ("Dr. Ana Lee, MD", "Dr. Sam Cho")
    assert (meta.date_published, meta.date_modified) == ("2024-05-01", "2025-01-02")
    assert (meta.canonical, meta.slug, meta.language, meta.robots) == ("https://example.com/botox", "botox", "en", "noindex")
    assert meta.front_matter["tags"] == ["a", "b"]
    title = doc.blocks[0]
    assert (title.kind, title.text, doc.title_block) == ("title", "Botox and migraine", title)
    assert where(doc, title, "migraine") == (2, 19)
    assert where(doc, block(doc, "meta-description"), "Botox") == (3, 35)
    assert kinds(doc)[2] == ("heading", 1, "Botox and migraine")


def test_keywords_as_a_list_and_missing_front_matter() -> None:
    assert parse("---\nkeywords: [a b, c]\n---\nText.\n", "a.md").meta.keywords == ("a b", "c")
    plain = parse("# Just a heading\n", "a.md")
    assert plain.meta.title is None and plain.meta.keyphrase is None
    assert plain.title_block is plain.blocks[0]
    assert parse("---\n---\nBody.\n", "a.md").meta.front_matter == {}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("---\ntitle: ok\nbad: [unclosed\n---\nText\n", r"front matter: expected ',' or ']'.* \(line 3\)"),
        ("---\ntitle: x\nfoo: bar: baz\n---\n", r"front matter: mapping values are not allowed here \(line 3\)"),
        ("---\n- a\n- b\n---\n", r"front matter: expected a mapping.* \(line 2\)"),
        ("---\njust text\n---\n", r"front matter: expected a mapping.* \(line 2\)"),
        ("---\ndate: 2024-13-45\n---\n", r"front matter: .* \(line 2\)"),
    ],
)
def test_bad_front_matter_raises_input_error(source: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse(source, "a.md")


# FAQ and flattened tables -----------------------------------------------------------------


def test_faq_questions_and_answers() -> None:
    source = (
        "## Is it safe?\n\nA normal section, not an FAQ.\n\n"
        "## Frequently asked questions\n\n"
        "Intro before any question.\n\n"
        "### Does it hurt?\n\nA little.\n\nOnly briefly.\n\n"
        "**Is it covered by insurance?**\n\nOften, yes.\n\n"
        "How long does it last?\n\nAbout three months.\n\n"
        "### Related reading\n\nNot an answer.\n\n"
        "## Sources\n\nReference text.\n"
    )
    doc = parse(source, "a.md")
    assert [(found.kind, found.text) for found in doc.blocks] == [
        ("heading", "Is it safe?"),
        ("paragraph", "A normal section, not an FAQ."),
        ("heading", "Frequently asked questions"),
        ("paragraph", "Intro before any question."),
        ("faq-question", "Does it hurt?"),
        ("faq-answer", "A little."),
        ("faq-answer", "Only briefly."),
        ("faq-question", "Is it covered by insurance?"),
        ("faq-answer", "Often, yes."),
        ("faq-question", "How long does it last?"),
        ("faq-answer", "About three months."),
        ("heading", "Related reading"),
        ("paragraph", "Not an answer."),
        ("heading", "Sources"),
        ("paragraph", "Reference text."),
    ]
    assert block(doc, "faq-question").level == 3


def test_flattened_table_becomes_rows() -> None:
    source = (
        "Intro sentence.\n\n"
        "Feature Cosmetic Neurological\n"
        "Goal Reduce wrinkles Treat migraine\n"
        "Dose Typically lower Often higher\n\n"
        "This prose wraps\nover two lines and ends.\n"
    )
    doc = parse(source, "a.md")
    rows = [found for found in doc.blocks if found.kind == "table-row"]
    assert [row.text for row in rows] == [
        "Feature Cosmetic Neurological",
        "Goal Reduce wrinkles Treat migraine",
        "Dose Typically lower Often higher",
    ]
    assert [dict(row.attrs) for row in rows] == [{"flattened": "1", "row": str(number)} for number in range(3)]
    assert where(doc, rows[2], "higher") == (5, 28)
    assert doc.blocks[-1].kind == "paragraph"


# Samples and robustness -------------------------------------------------------------------


def test_seed_sample_keeps_the_seed_defects() -> None:
    doc = parse(read(SEED), str(SEED))
    assert doc.meta.title == "Do Neurologists Do Botox?" and doc.meta.author is None
    assert [found.text for found in doc.headings[:2]] == [
        "Do Neurologists Do Botox?",
        "Do Neurologists Do Botox? Unveiling the Connection",
    ]
    assert len([found for found in doc.blocks if found.kind == "table-row"]) == 5
    assert len([found for found in doc.blocks if found.kind == "faq-question"]) == 12
    assert doc.blocks[-1].text == "Leave a Comment"
    assert sum("Do Neurologists Do Botox?" in found.text for found in doc.prose_blocks) == 2


def test_clean_sample_is_complete() -> None:
    doc = parse(read(CLEAN), str(CLEAN))
    meta = doc.meta
    assert 30 <= len(meta.title or "") <= 60 and 120 <= len(meta.description or "") <= 156
    assert meta.keyphrase and meta.author and meta.reviewer and meta.date_modified
    assert (meta.canonical or "").startswith("https://")
    assert [found.level for found in doc.headings].count(1) == 1
    assert any(found.kind == "table-cell" for found in doc.blocks)
    assert any(found.kind == "faq-answer" for found in doc.blocks)
    hrefs = [found.attrs["href"] for found in doc.blocks if found.kind == "link-text"]
    assert any("ninds.nih.gov" in href for href in hrefs) and any("fda.gov" in href for href in hrefs)


@pytest.mark.parametrize("path", [SEED, CLEAN], ids=["seed", "clean"])
@pytest.mark.parametrize("line_break", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_sample_word_spans_round_trip(path: Path, line_break: str) -> None:
    source = read(path).replace("\n", line_break)
    doc = parse(source, str(path))
    assert doc.blocks
    for found in doc.blocks:
        assert 0 <= found.source_extent.start <= found.source_extent.end <= len(source)
        for word in found.words:
            assert source[slice(*found.source_span(*word))] == found.text[word.start : word.end]


_PIECES = st.sampled_from(
    list("ab *_`[]()!<>\\&#;|-=:~\t\r\n\"'x?1.\0é") + ["&amp;", "---\n", "```", "<http://a>", "| a |", "\r\n", "    ", "FAQ"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_any_input_parses_with_spans_inside_the_source(source: str) -> None:
    try:
        doc = parse(source, "a.md")
    except InputError as error:
        assert str(error).startswith("front matter: ")
        return
    for found in doc.blocks:
        for run in found.runs:
            assert 0 <= run.source_start <= run.source_start + run.source_length <= len(source)
            text = found.text[run.text_start : run.text_start + run.text_length]
            original = source[run.source_start : run.source_start + run.source_length]
            if run.text_length == run.source_length and "\0" not in original:
                assert all(a == b or (a.isspace() and b.isspace()) for a, b in zip(text, original))


@pytest.mark.parametrize("source", ["[`", "a [` b", "[`x`", "**[`a(b)", "> [`\n> x"])
def test_unclosed_code_span_inside_a_link_bracket_parses(source: str) -> None:
    # markdown-it.rs 0.6 (markdown-it-pyrs 0.4) panics on "[`"; the parser must not.
    doc = parse(source, "a.md")
    assert "[" in "".join(found.text for found in doc.blocks)


@pytest.mark.parametrize("closing", ["---", "...", "----", "...  "])
def test_front_matter_closes_with_dashes_or_yaml_document_end(closing: str) -> None:
    doc = parse(f"---\ntitle: Botox and migraine\n{closing}\n\nBody text here.\n", "a.md")
    assert doc.meta.title == "Botox and migraine"
    assert kinds(doc) == [("title", 1, "Botox and migraine"), ("paragraph", 0, "Body text here.")]


@pytest.mark.parametrize(
    "source",
    [
        "Intro paragraph.\n\n---\ntitle: not metadata\n---\n\nMore.\n",  # rules mid-article
        "\n---\ntitle: x\n---\n",  # not on the first line
        "---\ntitle: x\n\nNever closed.\n",
        "--- x\ntitle: x\n---\n",
        "---\ntitle: x\n--\n",  # a shorter closing line does not close
    ],
)
def test_dashed_blocks_that_are_not_front_matter_stay_article_text(source: str) -> None:
    doc = parse(source, "a.md")
    assert doc.meta.front_matter == {}
    assert "title" in " ".join(found.text for found in doc.blocks)


def test_lone_carriage_returns_end_lines() -> None:
    source = "# Title\r\rFirst paragraph\rcontinues.\r\r    code line\r"
    doc = parse(source, "a.md")
    assert kinds(doc) == [("heading", 1, "Title"), ("paragraph", 0, "First paragraph\ncontinues."), ("code", 0, "code line")]
    assert where(doc, block(doc, "paragraph"), "continues") == (4, 1)


def test_non_ascii_text_maps_code_points_not_bytes() -> None:
    source = "# Ünïcode 😀 title\n\nCafé *crème* and naïve [liens](https://é.example) here.\n"
    doc = parse(source, "a.md")
    paragraph = block(doc, "paragraph")
    for phrase in ("Café", "crème", "naïve", "liens", "here"):
        span = paragraph.source_span(paragraph.text.index(phrase), paragraph.text.index(phrase) + len(phrase))
        assert source[span.start : span.end] == phrase
    heading = block(doc, "heading")
    assert source[slice(*heading.source_span(heading.text.index("title"), len(heading.text)))] == "title"


def test_lone_surrogates_from_the_api_do_not_break_parsing() -> None:
    doc = parse("# T\udcff x\n\nSome\ud800 text.\n", "a.md")
    assert [found.kind for found in doc.blocks] == ["heading", "paragraph"]
    assert block(doc, "paragraph").source_span(0, 4) == (8, 12)


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_code_keeps_blank_lines_and_maps_each_line(line_break: str) -> None:
    source = "```py\nfirst()\n\n\nsecond()\n```\n\n- item\n\n  ```\n  a\n\n  b\n  ```\n".replace("\n", line_break)
    doc = parse(source, "a.md")
    code = block(doc, "code")
    assert code.text == "first()\n\n\nsecond()"
    assert code.attrs["info"] == "py"
    start = code.text.index("second")
    assert source[slice(*code.source_span(start, start + 8))] == "second()"
    assert block(doc, "code", 1).text == "a\n\nb"  # inside a list item, indentation left out


def test_escaped_backslashes_map_as_units() -> None:
    source = "A \\\\* b \\\\\\* c\n"  # an escaped backslash, then one more and an escaped star
    paragraph = parse(source, "a.md").blocks[0]
    assert paragraph.text == "A \\* b \\* c"
    first = paragraph.text.index("\\")
    assert paragraph.source_span(first, first + 1) == (2, 4)
    second = paragraph.text.index("\\", first + 1)
    assert paragraph.source_span(second, second + 2) == (8, 12)  # "\\\\" and "\\*"
