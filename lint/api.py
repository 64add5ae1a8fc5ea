"""Python API: the same data the JSON report holds, without going through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from lint import __version__
from lint.config import Config, config_from_table
from lint.engine import FileResult, Linter, LintOptions
from lint.inputs import expand_inputs
from lint.reporters import ReportContext
from lint.reporters.json import report_data


def _options(config: Mapping[str, Any] | Config | None, **kwargs: Any) -> LintOptions:
    if isinstance(config, Mapping):
        config = config_from_table(config, Path.cwd() / "contentlint.toml")
    return LintOptions(config=config, **kwargs)


def _report(results: list[FileResult]) -> dict[str, Any]:
    return report_data(results, ReportContext(version=__version__, rules={}))


def check_text(
    text: str,
    format: str = "md",
    *,
    keyphrase: str | None = None,
    config: Mapping[str, Any] | Config | None = None,
    path: str = "<text>",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> dict[str, Any]:
    """Lint a string; `config` is a `[tool.contentlint]`-shaped mapping or a Config."""
    linter = Linter(_options(config, keyphrase=keyphrase, select=tuple(select), ignore=tuple(ignore)))
    active = linter.config_for(None)
    result = linter.lint_text(text, path, format, active, active.for_path(None))
    return _report([result])


def check_paths(
    paths: Iterable[str | Path],
    *,
    keyphrase: str | None = None,
    config: Mapping[str, Any] | Config | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> dict[str, Any]:
    """Lint files and folders (config discovered per file unless `config` is given)."""
    linter = Linter(_options(config, keyphrase=keyphrase, select=tuple(select), ignore=tuple(ignore)))
    results = [linter.lint_input(item) for item in expand_inputs(str(path) for path in paths)]
    return _report(results)
