"""The regex guard (lint/regex_guard.py), merged phrase/RE2 patterns, and config line lookup."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.patterns import compile_pattern
from lint.config import Config
from lint.rule_sets import pack_dirs
from lint.locate import key_line, with_line
from lint.regex_guard import dangerous_reason, user_options
from lint.rules import load_rules


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+b", "(.*)*x", "(a*)*", "(\\w+\\s?)*$", "(?:\\s*\\w+)+$", "(.+,)*x", "(\\d+|\\w+)*", "(a|a)*b", "(a|aa)*b",
     "(x|a|ab)+", "(?:-(a+)+)*", "(a{1,3})+", "(?=(a+)+b)"],
)
def test_dangerous_shapes_are_named(pattern: str) -> None:
    assert dangerous_reason(pattern) is not None


@pytest.mark.parametrize(
    "pattern",
    ["synergy", "\\b(?:take|takes)\\s+\\d+\\s*mg\\b", "(?:\\d{1,3},)*\\d+", "[a-z]+(?:-[a-z]+)*", "(\\w+\\s)*",
     "([^,]+,)*x", "(ab|cd)+", "(a{2})+", "(?:a+){2}", "((ab)+c)*", "(?>a+)+b", "(", "C++"],
)
def test_safe_and_invalid_patterns_pass(pattern: str) -> None:
    assert dangerous_reason(pattern) is None


def test_the_shapes_it_rejects_really_are_slow_on_python_re() -> None:
    """The rejected shapes are the catastrophic ones: (a+)+b backtracks exponentially."""
    started = time.perf_counter()
    assert re.match(r"(a+)+b", "a" * 20) is None
    slow = time.perf_counter() - started
    started = time.perf_counter()
    assert re.match(r"a+b", "a" * 20) is None
    assert slow > 20 * (time.perf_counter() - started)


def test_every_built_in_pattern_passes_the_shape_check() -> None:
    """Built-in packs are not guarded, but none of their 150-odd patterns is dangerous either."""
    checked = 0
    for rule in load_rules(pack_dirs(Config())):
        for value in _strings(getattr(rule, "raw_options", {})):
            if any(char in value for char in "()*+"):
                checked += 1
                assert dangerous_reason(value) is None, (rule.id, value)
    assert checked > 20


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [item for inner in value.values() for item in _strings(inner)]
    if isinstance(value, (list, tuple)):
        return [item for inner in value for item in _strings(inner)]
    return []


WORDS = st.sampled_from(["synergy", "Synergy", "leverage", "leveraging", "synergies", "team", "-", " ", "e", ".", "é"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(WORDS, max_size=30).map("".join), ignore_case=st.booleans())
def test_guarded_patterns_find_what_python_re_finds_on_ascii_words(text: str, ignore_case: bool) -> None:
    """Phrases on re plus user regexes on RE2 (EitherPattern) match like the one combined
    Python pattern they replace."""
    pytest.importorskip("re2")
    phrases, patterns = ["team"], ["syn(?:ergy|ergies)", "leverag(?:e|ing)"]
    plain = compile_pattern(phrases, patterns, ignore_case=ignore_case)
    with user_options():
        guarded = compile_pattern(phrases, patterns, ignore_case=ignore_case)
    assert not isinstance(guarded, re.Pattern)
    assert [match.span() for match in guarded.finditer(text)] == [match.span() for match in plain.finditer(text)]


CONFIG = """[project]
name = "site"

[tool.contentlint]
packs = ["editorial"]
fail-on = "error"

[tool.contentlint.rules]
ED002 = { severity = "error", tokens = 3 }
placeholder-text.severity = "info"

[[tool.contentlint.overrides]]
paths = ["drafts/**"]

[[tool.contentlint.overrides]]
paths = 7
"""


@pytest.mark.parametrize(
    "key, line",
    [
        ("tool.contentlint.fail-on", 6),
        ("tool.contentlint.rules.ED002.tokens", 9),  # inside an inline table: the table's line
        ("tool.contentlint.rules.placeholder-text.severity", 10),
        ("tool.contentlint.overrides.[1].paths", 16),
        ("tool.contentlint.overrides.[0]", 12),
        ("tool.contentlint.unknown", 4),  # not in the file: its table's header
    ],
)
def test_key_lines(key: str, line: int) -> None:
    assert key_line(CONFIG, key.split(".")) == line


def test_messages_gain_the_line_of_their_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(CONFIG, encoding="utf-8")
    assert with_line(f"{path}: overrides[1].paths: expected a list") == f"{path}:16: overrides[1].paths: expected a list"
    assert with_line(f"{path}: invalid TOML: Unclosed array (at line 3, column 1)") == f"{path}:3:1: invalid TOML: Unclosed array"
    assert with_line("no such rule named 'x'") == "no such rule named 'x'"
    assert with_line(f"{tmp_path}/missing.toml: rules.X: no such rule") == f"{tmp_path}/missing.toml: rules.X: no such rule"
