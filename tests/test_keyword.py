"""The keyword pack: acceptance on the seed samples, the clean samples, the labelled sentence
set (precision/recall), and the behaviours the fixtures cannot show on their own."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from benchmarks.keyword_eval import FRAGMENT_RULE, FRAGMENT_SETTINGS, evaluate, load_cases
from conftest import ROOT, SAMPLES

from lint.checks.keyword_casing import Vocabulary
from lint.checks.keyword_common import (
    _CONTEXT_CASED,
    _PLAIN_WORD,
    keyphrase_of,
    normal,
    normal_all,
    normal_words,
)
from lint.checks.keyword_position import natural_form
from lint.config import Config, FileSettings, Settings
from lint.engine import FileResult, Linter, LintOptions
from lint.errors import ConfigError
from lint.inputs import InputFile
from lint.text import WORD


# Only the keyword pack, so other packs' work in progress cannot mask these results.
CONFIG = Config(settings=Settings(packs=("keyword",)), root=ROOT)
SEED = "Do Neurologists Do Botox?"
MIN_PRECISION = 0.9
MIN_RECALL = 0.9


def lint(
    text: str,
    fmt: str = "md",
    *,
    select: tuple[str, ...] = (),
    keyphrase: str | None = None,
    rules: dict[str, Any] | None = None,
) -> FileResult:
    linter = Linter(LintOptions(keyphrase=keyphrase, select=select, config=CONFIG))
    settings = FileSettings(rules=rules or {}, config_path="test-config")
    return linter.lint_text(text, f"case.{fmt}", fmt, CONFIG, settings)


def lint_path(path: Path, *, select: tuple[str, ...] = ()) -> FileResult:
    result = Linter(LintOptions(select=select, config=CONFIG)).lint_input(InputFile(str(path), path))
    assert result.error is None, result.error
    return result


def found(result: FileResult, rule_id: str) -> list[Any]:
    return [finding for finding in result.findings if finding.rule_id == rule_id]


# --- Acceptance on the seed ----------------------------------------------------------------


def test_seed_text_pasted_keyphrase_positions() -> None:
    findings = found(lint_path(SAMPLES / "do-neurologists-do-botox.txt"), "KW001")
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [
        (61, 264, 61, 288),
        (115, 263, 115, 287),
    ]
    assert all(f.severity == "error" and f.text == SEED and f.name == "keyword-odd-position" for f in findings)
    assert findings[0].suggestion == "do neurologists do Botox"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_seed_samples_in_every_format(suffix: str) -> None:
    path = SAMPLES / f"do-neurologists-do-botox{suffix}"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    result = lint_path(path)
    source_lines = path.read_text(encoding="utf-8").splitlines()
    pasted = found(result, "KW001")
    assert [f.text for f in pasted] == [SEED, SEED]
    assert "Another misconception is that" in source_lines[pasted[0].line - 1]
    assert "Remember that" in source_lines[pasted[1].line - 1]
    duplicated = found(result, "KW003")
    assert len(duplicated) == 1 and duplicated[0].severity == "error"
    assert "Unveiling the Connection" in source_lines[duplicated[0].line - 1]
    if suffix == ".txt":
        assert duplicated[0].line == 3


def test_seed_fragment_rule_defers_to_odd_position() -> None:
    path = SAMPLES / "do-neurologists-do-botox.txt"
    assert not found(lint_path(path, select=("KW002",)), "KW002")
    text = path.read_text(encoding="utf-8")
    result = lint(text, "txt", select=("KW002",), rules={"KW002": {"skip-keyphrase": False}})
    assert {(f.line, f.column) for f in found(result, "KW002")} == {(61, 264), (115, 263)}


CLEAN = sorted((SAMPLES / "clean").glob("*.*")) if (SAMPLES / "clean").is_dir() else []


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.name)
def test_clean_samples_have_no_keyword_errors(path: Path) -> None:
    result = lint_path(path)
    assert [f"{f.line}:{f.column} {f.message}" for f in result.findings if f.severity == "error"] == []
    assert not found(result, "KW002")


# --- Labelled sentences --------------------------------------------------------------------


def test_sentence_set_is_large_enough() -> None:
    cases = load_cases()
    assert sum(case.is_pasted for case in cases) >= 30
    assert sum(not case.is_pasted for case in cases) >= 30
    assert len({case.keyphrase for case in cases}) >= 6


def test_odd_position_precision_and_recall() -> None:
    score = evaluate(load_cases())
    misses = [case.sentence for case in score.misses]
    false_alarms = [case.sentence for case in score.false_alarms]
    assert score.precision >= MIN_PRECISION, false_alarms
    assert score.recall >= MIN_RECALL, misses


def test_fragment_rule_precision_without_keyphrase() -> None:
    score = evaluate(load_cases(), FRAGMENT_RULE, FRAGMENT_SETTINGS)
    assert score.precision >= MIN_PRECISION, [case.sentence for case in score.false_alarms]
    assert score.recall >= 0.75, [case.sentence for case in score.misses]


# --- keyword-odd-position ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Would you ever type `Do Neurologists Do Botox? solely` into a search box?",
        "The FAQ entry (Do Neurologists Do Botox? solely for wrinkles) was removed.",
        "Do neurologists do Botox? Yes, many do.",
    ],
)
def test_odd_position_leaves_code_brackets_and_answers_alone(sentence: str) -> None:
    result = lint(f"# Botox\n\n{sentence}\n", select=("KW001",), keyphrase=SEED)
    assert not found(result, "KW001")


def test_odd_position_leaves_linked_titles_alone() -> None:
    linked = "# Faucets\n\nOur guide [How To Fix A Leaky Faucet](/faucet) covers washers too.\n"
    pasted = "# Faucets\n\nOur guide How To Fix A Leaky Faucet covers washers too.\n"
    keyphrase = "how to fix a leaky faucet"
    assert not found(lint(linked, select=("KW001",), keyphrase=keyphrase), "KW001")
    assert len(found(lint(pasted, select=("KW001",), keyphrase=keyphrase), "KW001")) == 1


def test_odd_position_reads_list_items_table_cells_and_faq_answers() -> None:
    text = (
        "# Can Dogs Eat Grapes?\n\n"
        "- Lethargy: understanding Can Dogs Eat Grapes? helps owners act quickly.\n\n"
        "| Food | Verdict |\n| --- | --- |\n| Grapes | Most owners think Can Dogs Eat Grapes? is harmless. |\n\n"
        "## Frequently asked questions\n\n### Can dogs eat grapes if peeled?\n\n"
        "No. Remember that Can Dogs Eat Grapes? with your vet's advice.\n"
    )
    result = lint(text, select=("KW001",))
    assert [f.line for f in found(result, "KW001")] == [3, 7, 13]


def test_odd_position_ignores_capitals_the_article_uses_as_names() -> None:
    # "May" and "US" are written with capitals everywhere; they are not Title-Case evidence.
    text = "# Garden\n\nFrost ends in May in the south. Here is what to plant in May in the US.\n"
    assert not found(lint(text, select=("KW001",), keyphrase="what to plant in may"), "KW001")
    pasted = "# Garden\n\nFrost ends in May. Gardeners agree that What To Plant In May depends on frost.\n"
    assert [f.text for f in found(lint(pasted, select=("KW001",), keyphrase="what to plant in may"), "KW001")] == [
        "What To Plant In May"
    ]


def test_natural_form_keeps_names_and_drops_the_question_mark() -> None:
    function_words = frozenset({"do", "can", "for"})
    vocabulary = Vocabulary(lower=Counter({"neurologists": 3}), capitalised=Counter({"botox": 5}))
    assert natural_form("Do Neurologists Do Botox?", function_words, vocabulary) == "do neurologists do Botox"


def test_keyphrase_content_words_skip_function_words() -> None:
    keyphrase = keyphrase_of("How To Fix A Leaky Faucet", frozenset({"how", "to", "a"}))
    assert keyphrase.content == ("fix", "leaky", "faucet")
    assert keyphrase.is_question
    assert not keyphrase_of("Best Hiking Boots For Women", frozenset({"for"})).is_question


# --- keyword-title-fragment ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "“Is it safe?” she asked, and her doctor nodded.",
        "Ask your doctor: is it safe? how long will it last? what does it cost?",
        "The form (is it covered? who referred you?) takes a minute.",
        "Type `is it safe? maybe` into the chat box to test the bot.",
        "Is it safe? Yes, for most adults.",
    ],
)
def test_fragment_leaves_quotes_lists_of_questions_and_code_alone(sentence: str) -> None:
    result = lint(f"# Fasting Guide\n\n{sentence}\n", select=("KW002",), keyphrase="fasting guide")
    assert not found(result, "KW002")


def test_fragment_spans_the_title_case_question() -> None:
    result = lint("# Botox\n\nMany patients still ask Does Botox Hurt? before the first session.\n", select=("KW002",))
    assert [f.text for f in found(result, "KW002")] == ["Does Botox Hurt?"]


def test_fragment_finds_the_title_without_a_keyphrase() -> None:
    text = "# Best Hiking Boots For Women\n\nExperts agree that Best Hiking Boots For Women varies by season.\n"
    result = lint(text, select=("KW002",), keyphrase="trail footwear")
    assert [f.text for f in found(result, "KW002")] == ["Best Hiking Boots For Women"]


# --- keyword-title-duplicated --------------------------------------------------------------


def test_html_title_tag_equal_to_h1_is_not_a_repeat() -> None:
    html = (
        "<html><head><title>Sleep Hygiene Basics</title></head><body><article>"
        "<h1>Sleep Hygiene Basics</h1><p>Sleep Hygiene Basics: the habits that help you sleep.</p>"
        "</article></body></html>"
    )
    assert not found(lint(html, "html", select=("KW003",)), "KW003")


def test_plain_text_bare_repeat_counts_once() -> None:
    text = "Do Neurologists Do Botox?\n\nDo Neurologists Do Botox?\n\nYes, many neurologists give Botox.\n"
    assert not found(lint(text, "txt", select=("KW003",)), "KW003")


def test_title_words_starting_a_section_heading_are_not_a_repeat() -> None:
    text = "# Chronic Migraine\n\n## Chronic migraine symptoms\n\nThrobbing pain and nausea are common.\n"
    assert not found(lint(text, select=("KW003",)), "KW003")


# --- stuffing ------------------------------------------------------------------------------


def test_density_matches_inflected_forms_with_the_stemmer() -> None:
    filler = " ".join(["Patients often ask about side effects and costs before treatment."] * 12)
    text = f"# Botox\n\nA neurologist injects Botox. Neurologists injected Botox for years. {filler}\n"
    result = lint(text, select=("KW004",), keyphrase="neurologists botox")
    assert result.metrics["keyphrase_count"] == 2
    assert result.metrics["keyphrase_density"] == pytest.approx(200 / result.metrics["words"], abs=0.01)


def test_density_band_is_an_option() -> None:
    text = (SAMPLES / "do-neurologists-do-botox.txt").read_text(encoding="utf-8")
    assert not found(lint(text, "txt", select=("KW004",)), "KW004")
    tight = lint(text, "txt", select=("KW004",), rules={"KW004": {"max-percent": 1.0}})
    assert [f.severity for f in found(tight, "KW004")] == ["warning"]


def test_unknown_stemmer_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="language"):
        lint("# A\n\nText.\n", select=("KW004",), rules={"KW004": {"language": "klingon"}})


def test_alt_text_describing_images_is_fine() -> None:
    text = "# Espresso\n\n![home espresso machine](a.jpg)\n\n![A portafilter with ground coffee](b.jpg)\n"
    assert not found(lint(text, select=("KW007",), keyphrase="home espresso machine"), "KW007")


# --- placement -----------------------------------------------------------------------------


def test_introduction_counts_front_matter_synonyms() -> None:
    text = (
        '---\nkeyphrase: "melatonin for kids"\nsynonyms: ["melatonin for children"]\n---\n\n'
        "# Melatonin for Kids\n\nMelatonin for children is sold as gummies and drops.\n"
    )
    assert not found(lint(text, select=("KW009",)), "KW009")


def test_introduction_skips_bylines_and_disclaimers() -> None:
    text = (
        "# Melatonin for Kids\n\nBy Dana Reyes, RN — Last reviewed March 2, 2025\n\n"
        "This article is for general information only and is not a substitute for medical advice.\n\n"
        "Melatonin is often given to kids who struggle to fall asleep.\n"
    )
    assert not found(lint(text, select=("KW009",), keyphrase="melatonin for kids"), "KW009")


def test_placement_needs_a_known_place() -> None:
    text = "# Melatonin for Kids\n\nMelatonin is often given to kids.\n"
    result = lint(text, select=("KW010", "KW012"), keyphrase="melatonin for kids")
    assert not result.findings  # no meta description, no slug: nothing to check


def test_keyphrase_length_counts_content_words_only() -> None:
    short = lint("# A\n\nText.\n", select=("KW013",), keyphrase="how to fix a leaky faucet")
    long = lint("# A\n\nText.\n", select=("KW013",), keyphrase="cheap waterproof hiking boots for wide feet")
    assert not found(short, "KW013")
    assert [f.message for f in found(long, "KW013")] == [
        "The keyphrase 'cheap waterproof hiking boots for wide feet' has 6 content words; keep it to 4."
    ]


# shared word helpers ----------------------------------------------------------------------


def _word_kind(char: str) -> str:
    return "word" if re.fullmatch(r"[^\W_]", char) else "joiner" if char in "-'’" else "other"


def test_lower_casing_keeps_each_character_and_its_word_class() -> None:
    """`normal_text` lower-cases whole texts before splitting them into words; that is exact
    only while lower case maps each character (but "İ" and "Σ") to one of the same kind."""
    assert WORD.pattern == _PLAIN_WORD, "WORD changed: normal_text now falls back to word-by-word"
    codes = (code for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    odd = {
        char
        for char in map(chr, codes)
        if char.lower() != char and (len(char.lower()) != 1 or _word_kind(char) != _word_kind(char.lower()))
    }
    assert odd <= set("\u0130\u03a3") and all(_CONTEXT_CASED.match(char) for char in "\u0130\u03a3")


@pytest.mark.parametrize(
    "text",
    ["It’s a Well-Known FACT, isn't it?", "ΟΔΟΣ.Α and İstanbul", "Straße ǅungla ﬁne", "", "   ", "a_b c--d 'quoted'"],
)
def test_normal_words_match_word_by_word_normalisation(text: str) -> None:
    expected = tuple(normal(word) for word in WORD.findall(text))
    assert normal_words(text) == expected
    assert tuple(normal_all(WORD.findall(text))) == expected
