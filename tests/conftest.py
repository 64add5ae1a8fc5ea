"""Shared test helpers: lint a string or a file with chosen rules, through the real engine."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterable

import pytest

from lint.config import Config, FileSettings
from lint.engine import FileResult, Linter, LintOptions

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED_TEXT = SAMPLES / "do-neurologists-do-botox.txt"


def lint_string(
    text: str,
    input_format: str = "md",
    *,
    select: Iterable[str] = (),
    keyphrase: str | None = None,
    rules: dict[str, Any] | None = None,
    path: str = "fixture",
) -> FileResult:
    """Lint `text` as if it were a file named `path`.`input_format`, with an empty config."""
    config = Config(root=ROOT)
    linter = Linter(LintOptions(keyphrase=keyphrase, select=tuple(select), config=config))
    settings = FileSettings(rules=rules or {}, config_path="test-config")
    return linter.lint_text(text, f"{path}.{input_format}", input_format, config, settings)


def lint_file(path: Path, *, select: Iterable[str] = (), keyphrase: str | None = None) -> FileResult:
    from lint.inputs import InputFile

    linter = Linter(LintOptions(keyphrase=keyphrase, select=tuple(select), config=Config(root=ROOT)))
    return linter.lint_input(InputFile(str(path), path))


def rule_lines(result: FileResult, rule_id: str) -> list[int]:
    return sorted(finding.line for finding in result.findings if finding.rule_id == rule_id)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the CLI in-process with click's runner; returns (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from lint.cli import main

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        runner = CliRunner()
        result = runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run
