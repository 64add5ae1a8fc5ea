"""Property tests (hypothesis): for any input the parsers do not raise (except InputError
for bad front matter), every block maps inside the source, and the source text at each
finding's reported line and column is the finding's `text`, with the whole default rule set.

`CONTENTLINT_FUZZ_EXAMPLES` raises the example budget (`.ci/run` fuzzes longer that way).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.strategies import articles
from lint.config import Config
from lint.engine import Linter, LintOptions
from lint.errors import InputError
from lint.parsers import parse
from lint.suppressions import mask_directives

EXAMPLES = int(os.environ.get("CONTENTLINT_FUZZ_EXAMPLES", "0")) or None
FAST = settings(max_examples=EXAMPLES or 150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=EXAMPLES or 40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = ("md", "html", "txt")
# The line breaks lint.document.LineIndex counts, restated here so the test checks it.
_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def line_starts(source: str) -> list[int]:
    return [0] + [match.end() for match in _BREAK.finditer(source)]


def offset_of(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def parsed(source: str, input_format: str) -> object | None:
    """The document, or None for front matter the parser rejects (the one allowed error)."""
    try:
        return parse(mask_directives(source, input_format), "article." + input_format, input_format)
    except InputError as error:
        assert input_format == "md" and str(error).startswith("front matter:"), error
        return None


@pytest.mark.parametrize("input_format", FORMATS)
@FAST
@given(data=st.data())
def test_parsing_never_raises_and_blocks_map_inside_the_source(input_format: str, data: st.DataObject) -> None:
    source = data.draw(articles(input_format))
    document = parsed(source, input_format)
    if document is None:
        return
    length = len(source)
    for block in document.blocks:
        start, end = block.source_extent
        assert 0 <= start <= end <= length, (block.kind, block.text, start, end)
        for run in block.runs:
            assert 0 <= run.source_start <= run.source_start + run.source_length <= length, (block.kind, run)
            assert 0 <= run.text_start <= run.text_start + run.text_length <= len(block.text), (block.kind, run)
        for sentence in block.sentences:
            span = block.source_span(*sentence)
            assert 0 <= span[0] <= span[1] <= length


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Linter, Config]:
    config = Config(root=tmp_path_factory.mktemp("properties"))
    return Linter(LintOptions(config=config)), config


@pytest.mark.parametrize("input_format", FORMATS)
@SLOW
@given(data=st.data())
def test_finding_positions_point_at_their_text(input_format: str, data: st.DataObject, linter: tuple[Linter, Config]) -> None:
    source = data.draw(articles(input_format))
    engine, config = linter
    result = engine.lint_text(source, f"article.{input_format}", input_format, config, config.for_path(Path("article")))
    if result.error is not None:
        assert input_format == "md" and result.error.startswith("front matter:"), result.error
        return
    starts = line_starts(source)
    for finding in result.findings:
        start = offset_of(starts, finding.line, finding.column)
        assert start == finding.start, finding
        if finding.text:
            end = offset_of(starts, finding.end_line, finding.end_column) + 1
            assert (finding.start, finding.end) == (start, end), finding
        assert source[finding.start : finding.end] == finding.text, finding


@pytest.mark.parametrize(
    "source, input_format",
    [
        ("<p>a &#; b &#x; c</p>\n<p>Recommended dose: TODO units.</p>", "html"),  # html.parser ate the rest as text
        ("<p>Dose: &# TODO</p><p>next</p>", "html"),
    ],
)
def test_found_examples_stay_fixed(source: str, input_format: str, linter: tuple[Linter, Config]) -> None:
    """Inputs fuzzing found bugs with, kept as plain regression tests."""
    document = parsed(source, input_format)
    assert document is not None
    assert all("</p>" not in block.text for block in document.blocks)
    test_finding_positions_point_at_their_text.hypothesis.inner_test(input_format=input_format, data=_Fixed(source), linter=linter)


class _Fixed:
    """Stands in for `st.data()`: draws return one fixed example."""

    def __init__(self, value: str) -> None:
        self.value = value

    def draw(self, strategy: object) -> str:
        return self.value
