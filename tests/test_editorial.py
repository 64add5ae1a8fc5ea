"""Editorial pack: the seed's leftovers in every format, clean samples, and the new kinds'
behaviour beyond what the marked fixtures show (options, helpers, format limits)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES

from lint.checks.duplicates import normalised_words, similarity_bound
from lint.checks.headings import ends_with_period
from lint.checks.typography import unbalanced_mark
from lint.config import Config, FileSettings, Settings
from lint.engine import FileResult, Linter, LintOptions
from lint.errors import ConfigError
from lint.inputs import InputFile

# Only the packs under test, so work in progress in other packs cannot break these tests.
CONFIG = Config(settings=Settings(packs=("editorial", "seo")), root=ROOT)
SEED = sorted(SAMPLES.glob("do-neurologists-do-botox.*"))
CLEAN = sorted((SAMPLES / "clean").glob("neurologists-and-botox.*"))


def lint(text: str, input_format: str = "md", *, select: tuple[str, ...] = (), rules: dict[str, Any] | None = None) -> FileResult:
    linter = Linter(LintOptions(select=select, config=CONFIG))
    settings = FileSettings(rules=rules or {}, config_path="test-config")
    result = linter.lint_text(text, f"test.{input_format}", input_format, CONFIG, settings)
    assert result.error is None, result.error
    return result


def lint_path(path: Path, *, select: tuple[str, ...] = ()) -> FileResult:
    return Linter(LintOptions(select=select, config=CONFIG)).lint_input(InputFile(str(path), path))


def found(result: FileResult, rule_id: str) -> list[Any]:
    return [finding for finding in result.findings if finding.rule_id == rule_id]


# The seed ------------------------------------------------------------------------------


def test_seed_exists_in_every_format() -> None:
    assert {path.suffix for path in SEED} == {".txt", ".md", ".html"}


@pytest.mark.parametrize("path", SEED, ids=lambda path: path.suffix)
def test_seed_leave_a_comment_found(path: Path) -> None:
    findings = found(lint_path(path, select=("ED001",)), "ED001")
    assert [finding.text for finding in findings] == ["Leave a Comment"]


@pytest.mark.parametrize("path", SEED, ids=lambda path: path.suffix)
def test_seed_flattened_table_reported_once_over_all_rows(path: Path) -> None:
    findings = found(lint_path(path, select=("ED014",)), "ED014")
    assert len(findings) == 1
    assert findings[0].end_line - findings[0].line == 4  # header row plus four rows
    assert findings[0].text.startswith("Feature Cosmetic Botox Neurological Botox")
    assert "Practitioner" in findings[0].text


@pytest.mark.parametrize("path", SEED, ids=lambda path: path.suffix)
def test_seed_filler_headings_found(path: Path) -> None:
    matches = {finding.text for finding in found(lint_path(path, select=("ED015",)), "ED015")}
    assert {"Unveiling", "A Deeper Dive"} <= matches


@pytest.mark.parametrize("path", SEED, ids=lambda path: path.suffix)
def test_seed_has_no_structural_false_alarms(path: Path) -> None:
    """The seed's outline and prose are tidy; only its leftovers should be reported."""
    result = lint_path(path, select=("ED009", "ED010", "ED011", "ED012", "ED013", "ED016", "ED018", "ED019"))
    assert [(finding.rule_id, finding.line) for finding in result.findings] == []


# Clean samples -------------------------------------------------------------------------


def test_clean_samples_exist() -> None:
    assert len(CLEAN) == 3


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.suffix)
def test_clean_samples_get_no_editorial_findings(path: Path) -> None:
    result = lint_path(path, select=("editorial",))
    assert [(f.rule_id, f.line, f.message) for f in result.findings] == []


# duplicates ----------------------------------------------------------------------------

REPEATED_PARAGRAPH = """# Sprained ankle

Rest the ankle and keep it raised for the first two days. Ice helps with swelling when used for twenty minutes at a time.

## Recovery

Rest the ankle and keep it raised for the first two days. Ice helps with swelling when used for twenty minutes at a time.
"""


def test_repeated_paragraph_is_one_finding_not_one_per_sentence() -> None:
    result = lint(REPEATED_PARAGRAPH, select=("ED009", "ED010"))
    assert [(finding.rule_id, finding.line) for finding in result.findings] == [("ED010", 7)]
    assert "word for word" in result.findings[0].message and "line 3" in result.findings[0].message


def test_exact_similarity_ignores_near_duplicates() -> None:
    text = "# Ankle\n\nIce helps with swelling when used for twenty minutes.\n\nIce helps with the swelling when used for twenty minutes.\n"
    assert found(lint(text, select=("ED009",)), "ED009")
    assert not found(lint(text, select=("ED009",), rules={"ED009": {"similarity": 1.0}}), "ED009")


def test_short_sentences_may_repeat_and_min_words_is_an_option() -> None:
    text = "# Ankle\n\nSee a doctor soon.\n\nIt hurts. See a doctor soon.\n"
    assert not found(lint(text, select=("ED009",)), "ED009")
    assert found(lint(text, select=("ED009",), rules={"ED009": {"min-words": 3}}), "ED009")


def test_reference_sections_may_repeat_publishers() -> None:
    text = """# Botox

Botox relaxes overactive muscles for about three months.

## References

- National Institute of Neurological Disorders and Stroke. Migraine.
- National Institute of Neurological Disorders and Stroke. Dystonia.

## Summary

Botox relaxes overactive muscles for about three months.
"""
    assert [finding.line for finding in found(lint(text, select=("ED009",)), "ED009")] == [12]
    assert len(found(lint(text, select=("ED009",), rules={"ED009": {"skip-sections": []}}), "ED009")) == 2


@pytest.mark.parametrize(
    "first, second",
    [
        ("Rest the ankle and keep it raised for two days", "Keep the ankle raised and rest it for two whole days"),
        ("the the the ankle", "the ankle ankle"),
        ("Ice helps with swelling", "Ice helps with swelling"),
        ("Ice helps", "Completely different words here today"),
    ],
)
def test_similarity_bound_is_an_upper_bound(first: str, second: str) -> None:
    from difflib import SequenceMatcher

    from lint.checks.duplicates import make_unit

    units = [make_unit(normalised_words(text), None, None) for text in (first, second)]  # type: ignore[arg-type]
    ratio = SequenceMatcher(None, units[0].words, units[1].words, autojunk=False).ratio()
    assert ratio <= similarity_bound(*units) <= 1.0


def test_normalised_words_ignore_case_punctuation_and_apostrophe_style() -> None:
    assert normalised_words("It’s  FINE, really!") == normalised_words("it's fine really")


def test_similarity_option_is_validated() -> None:
    with pytest.raises(ConfigError, match="similarity"):
        lint("# A\n\nText.\n", select=("ED009",), rules={"ED009": {"similarity": 0.2}})


# headings ------------------------------------------------------------------------------

SECTIONS = """# Iron deficiency

## Adults

### Symptoms

Tiredness is common.

## Children

### Symptoms

Children may eat less.
"""


def test_same_heading_in_different_sections_is_fine_unless_configured() -> None:
    assert not found(lint(SECTIONS, select=("ED011",)), "ED011")
    configured = lint(SECTIONS, select=("ED011",), rules={"ED011": {"same-section-only": False}})
    assert [finding.line for finding in found(configured, "ED011")] == [11]


def test_last_heading_of_the_article_is_not_an_empty_section() -> None:
    assert not found(lint("# Title\n\nText here.\n\n## Leave a Comment\n", select=("ED012",)), "ED012")


def test_empty_section_is_not_guessed_in_plain_text() -> None:
    text = "Botox and Migraine\n\nBy Jordan Ellis\n\nReviewed by Priya Raman\n\nBotox helps some people with chronic migraine.\n"
    assert not found(lint(text, "txt", select=("ED012",)), "ED012")


def test_h1_limit_is_an_option() -> None:
    text = "# One\n\nText.\n\n# Two\n\nMore text.\n"
    assert [f.line for f in found(lint(text, select=("ED013",)), "ED013")] == [5]
    assert not found(lint(text, select=("ED013",), rules={"ED013": {"max-h1": 2}}), "ED013")


@pytest.mark.parametrize(
    "heading, expected",
    [("Using your inhaler.", True), ("What next...", False), ("Asthma in the U.S.", False), ("Spacers, masks etc.", False), ("Dr. Smith's advice", False)],
)
def test_ends_with_period(heading: str, expected: bool) -> None:
    assert ends_with_period(heading) is expected


# flattened-table -----------------------------------------------------------------------


def test_min_rows_option_raises_the_bar() -> None:
    text = (SAMPLES / "do-neurologists-do-botox.txt").read_text(encoding="utf-8")
    assert found(lint(text, "txt", select=("ED014",)), "ED014")
    assert not found(lint(text, "txt", select=("ED014",), rules={"ED014": {"min-rows": 6}}), "ED014")


def test_real_markdown_table_is_not_flattened() -> None:
    text = "# Botox\n\n| Feature | Cosmetic | Neurological |\n|---|---|---|\n| Goal | Wrinkles | Migraine |\n| Dose | Lower | Higher |\n"
    assert not found(lint(text, select=("ED014",)), "ED014")


# typography ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rest (and fluids) help.", None),
        ("Rest (and fluids help.", (5, "(")),
        ("Steps: a) rest, b) fluids.", None),
        ("See (step 1) and 2) below.", None),
        ("He said “stay home.", (8, "“")),
        ('She said "stay home.', (9, '"')),
        ('A 6" spacer and a "standard" one.', None),
        ("Closing ] without opening.", (8, "]")),
        ("Happy patients :)", None),
    ],
)
def test_unbalanced_mark(text: str, expected: tuple[int, str] | None) -> None:
    assert unbalanced_mark(text) == expected


def test_double_space_is_not_reported_in_html() -> None:
    html = "<article><h1>Cold</h1><p>Drink fluids  and rest.</p></article>"
    assert not found(lint(html, "html", select=("ED017",)), "ED017")
    assert found(lint("Cold\n\nDrink fluids  and rest.\n", "txt", select=("ED017",)), "ED017")


def test_one_quote_style_is_not_mixed() -> None:
    text = "# Flu\n\nYou're contagious, and it's \"wise\" to stay home.\n"
    assert not found(lint(text, select=("ED018",)), "ED018")


# existence-based rules -----------------------------------------------------------------


def test_filler_phrases_come_from_an_editable_data_file() -> None:
    from lint.rule_sets import pack_dirs
    from lint.rules import load_rules

    rule = next(rule for rule in load_rules(pack_dirs(CONFIG)) if rule.id == "ED015")
    lines = (ROOT / "rules" / "editorial" / "filler-phrases.txt").read_text(encoding="utf-8").splitlines()
    listed = [line for line in lines if line and not line.startswith("#")]
    assert list(rule.options.tokens) == listed
    custom = lint("# Botox\n\nBotox is a game changer. Unveiling it.\n", select=("ED015",), rules={"ED015": {"tokens": ["game changer"]}})
    assert [finding.text for finding in found(custom, "ED015")] == ["game changer"]


@pytest.mark.parametrize("line", ["Read More: Best Foods for Hair", "Also Read: Mattress Guide", "👉 Recommended Read: Gummies"])
def test_related_link_lines(line: str) -> None:
    assert found(lint(f"# Sleep\n\nCaffeine lasts hours.\n\n{line}\n", select=("ED007",)), "ED007")


@pytest.mark.parametrize("line", ["Read more about caffeine in the NHS guide.", "Read More", "Related conditions include insomnia."])
def test_not_related_link_lines(line: str) -> None:
    assert not found(lint(f"# Sleep\n\nCaffeine lasts hours.\n\n{line}\n", select=("ED007",)), "ED007")


@pytest.mark.parametrize("sentence", ["that that is true", "they had had enough", "say bye bye", "in Walla Walla"])
def test_repeated_word_exceptions(sentence: str) -> None:
    assert not found(lint(f"# Words\n\nWe noted {sentence}.\n", select=("ED016",)), "ED016")


def test_ai_leftover_needs_the_chatbot_phrasing() -> None:
    assert found(lint("# Sleep\n\nAs an AI language model, I cannot advise you.\n", select=("ED005",)), "ED005")
    assert not found(lint("# Sleep\n\nWe asked an AI model to summarise the studies; a doctor checked it.\n", select=("ED005",)), "ED005")
