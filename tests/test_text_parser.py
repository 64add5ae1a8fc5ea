from conftest import SEED_TEXT

from lint.parsers.text import parse


def seed():
    return parse(SEED_TEXT.read_text(encoding="utf-8"), str(SEED_TEXT))


def kinds_at(document):
    return {document.position(block.source_extent.start).line: block.kind for block in document.blocks}


def test_seed_structure_as_a_reader_sees_it() -> None:
    document = seed()
    kinds = kinds_at(document)
    assert kinds[1] == "title"
    assert kinds[3] == kinds[7] == kinds[67] == "heading"
    assert kinds[5] == kinds[9] == "paragraph"
    assert kinds[17] == kinds[43] == "list-item"
    assert [kinds[line] for line in range(53, 58)] == ["table-row"] * 5
    assert kinds[69] == kinds[113] == "faq-question"
    assert kinds[71] == kinds[115] == "faq-answer"
    assert kinds[117] == "heading"
    assert document.title == "Do Neurologists Do Botox?"


def test_list_item_text_drops_the_bullet_and_maps_columns() -> None:
    document = seed()
    item = next(block for block in document.blocks if block.kind == "list-item")
    assert item.text.startswith("Chronic Migraine:")
    assert tuple(document.position(item.source_extent.start)) == (17, 5)


def test_pasted_keyphrase_position_in_seed() -> None:
    document = seed()
    block = next(block for block in document.blocks if "Another misconception" in block.text)
    start = block.text.index("Do Neurologists Do Botox? solely")
    span = block.source_span(start, start + len("Do Neurologists Do Botox?"))
    assert tuple(document.position(span.start)) == (61, 264)
    assert document.source[span.start : span.end] == "Do Neurologists Do Botox?"


def test_every_word_span_round_trips() -> None:
    document = seed()
    for block in document.blocks:
        for start, end in block.words:
            source_start, source_end = block.source_span(start, end)
            assert document.source[source_start:source_end] == block.text[start:end]


def test_crlf_and_multiline_paragraphs() -> None:
    source = "Title here\r\n\r\nFirst line of a paragraph\r\ncontinues here.\r\n\r\n- item one\r\n- item two\r\n"
    document = parse(source, "x.txt")
    paragraph = document.blocks[1]
    assert paragraph.kind == "paragraph" and paragraph.text == "First line of a paragraph\ncontinues here."
    start = paragraph.text.index("continues")
    assert tuple(document.position(paragraph.source_span(start, start + 9).start)) == (4, 1)
    assert [block.kind for block in document.blocks[2:]] == ["list-item", "list-item"]


def test_empty_and_blank_sources() -> None:
    assert parse("", "x.txt").blocks == ()
    assert parse(" \n\n \t\n", "x.txt").blocks == ()


def test_question_lines_outside_faq_are_headings_inside_are_questions() -> None:
    source = "Title\n\nIs it safe?\n\nMostly yes.\n\nFAQ\n\nIs it safe?\n\nMostly yes.\n"
    kinds = [block.kind for block in parse(source, "x.txt").blocks]
    assert kinds == ["title", "heading", "paragraph", "heading", "faq-question", "faq-answer"]


def test_byline_and_date_lines_are_paragraphs_not_headings() -> None:
    source = "Neck pain basics\n\nBy Jo Lee, MD\n\nLast reviewed: 3 March 2026\n\nRest helps most people.\n"
    assert [block.kind for block in parse(source, "x.txt").blocks] == ["title", "paragraph", "paragraph", "paragraph"]
