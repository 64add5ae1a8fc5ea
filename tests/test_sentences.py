from lint.text import TextBuilder, sentence_spans, word_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_splits_plain_sentences() -> None:
    assert sentences("Rest the ankle. Ice it often! Does it hurt?  Call a doctor.") == [
        "Rest the ankle.", "Ice it often!", "Does it hurt?", "Call a doctor."
    ]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "Dr. Smith saw 3.5 mg doses in the U.S. Army, e.g. in J. R. Doe's trial. Next came Prof. Lee."
    assert sentences(text) == [
        "Dr. Smith saw 3.5 mg doses in the U.S. Army, e.g. in J. R. Doe's trial.",
        "Next came Prof. Lee.",
    ]


def test_question_mark_followed_by_lowercase_stays_in_the_sentence() -> None:
    text = "Another misconception is that Do Neurologists Do Botox? solely for cosmetic purposes – no. Yes."
    assert sentences(text) == [
        "Another misconception is that Do Neurologists Do Botox? solely for cosmetic purposes – no.",
        "Yes.",
    ]


def test_closing_quotes_belong_to_the_sentence() -> None:
    assert sentences('She said "Stop." Then she left.') == ['She said "Stop."', "Then she left."]


def test_unterminated_tail_is_a_sentence() -> None:
    assert sentences("One. Two without end") == ["One.", "Two without end"]


def test_words_keep_hyphens_and_apostrophes() -> None:
    text = "It’s a follow-up, isn't it?"
    assert [text[s:e] for s, e in word_spans(text)] == ["It’s", "a", "follow-up", "isn't", "it"]


def test_builder_collapses_space_and_maps_back() -> None:
    source = "<p>Hello   big\n world &amp; more</p>"
    builder = TextBuilder()
    builder.add("Hello   big\n world ", 3)
    builder.add_mapped("&", 22, 27)
    builder.add(" more", 27)
    text, runs = builder.build()
    assert text == "Hello big world & more"
    from lint.document import Block

    block = Block("paragraph", text, runs)
    start, end = block.source_span(text.index("world"), text.index("world") + 5)
    assert source[start:end] == "world"
    start, end = block.source_span(text.index("&"), text.index("&") + 1)
    assert source[start:end] == "&amp;"
    start, end = block.source_span(text.index("more"), len(text))
    assert source[start:end] == "more"
