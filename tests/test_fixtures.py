"""One marked fixture per rule: `{ID}` at a line's end means "a finding of ID starts on this
line"; `{ID:N}` means one on line N (document-level findings). Unmarked lines must stay
silent. `<stem>.toml` next to a fixture holds option overrides (`[options]`) and/or a
`keyphrase`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from conftest import FIXTURES, is_finding_of, lint_string

MARKER = re.compile(r"[ \t]*\{([A-Z]{2,4}\d{3})(?::(\d+))?\}")
FIXTURE_FILES = sorted(
    path for path in FIXTURES.glob("*/*") if path.suffix in (".md", ".html", ".txt") and re.match(r"[A-Z]{2,4}\d{3}", path.name)
)


def parse_markers(text: str, rule_id: str) -> tuple[str, set[tuple[str, int]]]:
    """The fixture without markers, and the expected (rule, line) pairs for `rule_id`."""
    expected: set[tuple[str, int]] = set()
    clean_lines = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in MARKER.finditer(line):
            if match.group(1) == rule_id:
                expected.add((rule_id, int(match.group(2) or number)))
        clean_lines.append(MARKER.sub("", line))
    return "\n".join(clean_lines), expected


def fixture_settings(path: Path) -> tuple[dict[str, object], str | None]:
    variant = path.with_suffix(".toml")
    if not variant.exists():
        return {}, None
    data = tomllib.loads(variant.read_text(encoding="utf-8"))
    return dict(data.get("options", {})), data.get("keyphrase")


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_fixture(path: Path) -> None:
    rule_id = re.match(r"[A-Z]{2,4}\d{3}", path.name).group()  # type: ignore[union-attr]
    text, expected = parse_markers(path.read_text(encoding="utf-8"), rule_id)
    options, keyphrase = fixture_settings(path)
    rules = {rule_id: options} if options else {}
    result = lint_string(text, path.suffix[1:], select=[rule_id], keyphrase=keyphrase, rules=rules, path=path.stem)
    assert result.error is None, result.error
    actual = {(rule_id, finding.line) for finding in result.findings if is_finding_of(finding, rule_id)}
    assert actual == expected, "\n".join(f"{f.line}:{f.column} {f.message}" for f in result.findings)
    assert expected, f"{path.name} marks no finding: every fixture must show the rule firing"
