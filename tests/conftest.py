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
    """Lint `text` as if it were a file named `path`.`input_format`, with an empty config.

    GR001 (LanguageTool), when selected without a server, talks to the loopback fake in
    tests/fake_languagetool.py."""
    from fake_languagetool import with_fake_server

    select = tuple(select)
    config = Config(root=ROOT)
    linter = Linter(LintOptions(keyphrase=keyphrase, select=select, config=config))
    settings = FileSettings(rules=with_fake_server(select, rules or {}), config_path="test-config")
    return linter.lint_text(text, f"{path}.{input_format}", input_format, config, settings)


def lint_file(path: Path, *, select: Iterable[str] = (), keyphrase: str | None = None) -> FileResult:
    from lint.inputs import InputFile

    linter = Linter(LintOptions(keyphrase=keyphrase, select=tuple(select), config=Config(root=ROOT)))
    return linter.lint_input(InputFile(str(path), path))


def is_finding_of(finding: Any, rule_id: str) -> bool:
    """Whether `finding` comes from rule `rule_id`, per-finding ids included (GR001 reports
    `grammar/<LanguageTool rule id>` and names itself in `finding.name`)."""
    return finding.rule_id == rule_id or ("/" in finding.rule_id and finding.name == _rule_names().get(rule_id))


def _rule_names() -> dict[str, str]:
    if not _RULE_NAMES:
        from lint.rule_sets import pack_dirs
        from lint.rules import load_rules

        _RULE_NAMES.update((rule.id, rule.name) for rule in load_rules(pack_dirs(Config(root=ROOT))))
    return _RULE_NAMES


_RULE_NAMES: dict[str, str] = {}


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
