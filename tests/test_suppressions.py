"""Inline suppressions: ranges, next-line, plain-text lines, code blocks, unused reports."""

from __future__ import annotations

from conftest import ROOT, lint_string, rule_lines

from lint.config import Config, FileSettings
from lint.engine import Linter, LintOptions

from lint.suppressions import UNUSED_RULE, directives, mask_directives

UNUSED = UNUSED_RULE.id


def unused_lines(result) -> list[tuple[int, str]]:
    return sorted((f.line, f.message) for f in result.findings if f.rule_id == UNUSED)


def test_markdown_range_hides_only_between_disable_and_enable() -> None:
    text = (
        "# Botox for chronic migraine\n\n"
        "Leave a Comment\n\n"
        "<!-- contentlint-disable ED001 -->\n"
        "Leave a Comment\n\n"
        "Leave a Comment\n"
        "<!-- contentlint-enable -->\n\n"
        "Leave a Comment\n"
    )
    result = lint_string(text, select=["ED001"])
    assert rule_lines(result, "ED001") == [3, 11]
    assert unused_lines(result) == []


def test_disable_without_enable_runs_to_the_end_and_names_work() -> None:
    text = "# Botox aftercare\n\n<!-- contentlint-disable boilerplate-leftover -->\n\nLeave a Comment\n\nLeave a Comment\n"
    assert rule_lines(lint_string(text, select=["ED001"]), "ED001") == []


def test_next_line_covers_exactly_the_next_line() -> None:
    text = (
        "# Botox aftercare\n\n"
        "<!-- contentlint-disable-next-line ED001 -- quoted from the clinic's old page -->\n"
        "Leave a Comment\n\n"
        "Leave a Comment\n"
    )
    result = lint_string(text, select=["ED001"])
    assert rule_lines(result, "ED001") == [6]


def test_other_rules_are_not_suppressed() -> None:
    text = "# Botox aftercare\n\n<!-- contentlint-disable ED002 -->\nLeave a Comment\n"
    result = lint_string(text, select=["ED001", "ED002"])
    assert rule_lines(result, "ED001") == [4]


def test_enable_with_rule_closes_only_that_rule() -> None:
    text = (
        "# Botox aftercare\n\n"
        "<!-- contentlint-disable ED001, ED002 -->\n"
        "Leave a Comment. Dose: TK mg.\n"
        "<!-- contentlint-enable ED002 -->\n\n"
        "Leave a Comment. Dose: TK mg.\n"
    )
    result = lint_string(text, select=["ED001", "ED002"])
    assert rule_lines(result, "ED001") == []
    assert rule_lines(result, "ED002") == [7]


def test_directive_inside_a_code_block_is_an_example_not_an_instruction() -> None:
    text = "# How to silence a rule\n\n```html\n<!-- contentlint-disable -->\n```\n\nLeave a Comment\n"
    result = lint_string(text, select=["ED001"])
    assert rule_lines(result, "ED001") == [7]


def test_html_comments() -> None:
    text = (
        "<html><head><title>Botox aftercare</title></head><body><article>\n"
        "<h1>Botox aftercare</h1>\n"
        "<!-- contentlint-disable-next-line ED001 -->\n"
        "<p>Leave a Comment</p>\n"
        "<p>Leave a Comment</p>\n"
        "</article></body></html>\n"
    )
    result = lint_string(text, "html", select=["ED001"])
    assert rule_lines(result, "ED001") == [5]


def test_plain_text_bracket_lines_are_directives_not_article_text() -> None:
    text = (
        "Botox aftercare\n\n"
        "[contentlint-disable ED001]\n"
        "Leave a Comment\n"
        "[contentlint-enable]\n\n"
        "Leave a Comment\n\n"
        "  [contentlint-disable-next-line ED001]\n"
        "Leave a Comment\n"
    )
    result = lint_string(text, "txt", select=["ED001"])
    assert rule_lines(result, "ED001") == [7]
    assert [f.text for f in result.findings] == ["Leave a Comment"]
    masked = mask_directives(text, "txt")
    assert len(masked) == len(text) and "contentlint" not in masked
    # An inline mention is prose, not a directive: only whole lines count in plain text.
    assert list(directives("See [contentlint-disable ED001] in the docs.\n", "txt")) == []


def test_unused_named_suppression_is_an_info_at_the_comment() -> None:
    text = "# Botox aftercare\n\nIntro text.\n\n<!-- contentlint-disable-next-line ED001 -->\nRest after treatment.\n"
    result = lint_string(text, select=["ED001", "unused-suppression"])
    finding = next(f for f in result.findings if f.rule_id == UNUSED)
    assert (finding.line, finding.column, finding.severity) == (5, 1, "info")
    assert finding.text == "<!-- contentlint-disable-next-line ED001 -->"
    assert "'ED001' hides no finding" in finding.message


def test_unknown_rule_is_reported_and_unselected_rule_is_not() -> None:
    text = "# Botox aftercare\n\n<!-- contentlint-disable ED002, XX999 -->\nRest after treatment.\n"
    result = lint_string(text, select=["ED001", "unused-suppression"])
    assert unused_lines(result) == [(3, "Suppression names no known rule 'XX999'.")]


def test_blanket_suppression_is_judged_only_when_every_rule_ran() -> None:
    text = "# Botox aftercare\n\nRest after treatment.\n\n<!-- contentlint-disable -->\n"
    assert unused_lines(lint_string(text, select=["ED001", "unused-suppression"])) == []
    everything = lint_string(text)
    assert (5, "Suppression of any rule hides no finding; remove the comment.") in unused_lines(everything)


def test_unused_report_obeys_select_and_ignore() -> None:
    text = "# Botox aftercare\n\n<!-- contentlint-disable-next-line ED001 -->\nRest after treatment.\n"
    assert unused_lines(lint_string(text, select=["ED001", "unused-suppression"])) != []
    assert unused_lines(lint_string(text, select=["ED001"])) == []  # not selected
    linter = Linter(LintOptions(ignore=("unused-suppression",), config=Config(root=ROOT)))
    ignored = linter.lint_text(text, "a.md", "md", Config(root=ROOT), FileSettings(rules={}, config_path="test"))
    assert rule_lines(ignored, "ED001") == [] and unused_lines(ignored) == []
