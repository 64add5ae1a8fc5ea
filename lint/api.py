"""Python API: the same data the JSON report holds, without going through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from lint import __version__
from lint.config import Config, config_from_table
from lint.engine import FileResult, Linter, LintOptions
from lint.inputs import expand_inputs
from lint.reporters import ReportContext
from lint.reporters.json import file_data, report_data
from lint.runner import RunSettings, lint_all


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
    jobs: int | None = 1,
    client: Any = None,
) -> dict[str, Any]:
    """Lint files and folders (config discovered per file unless `config` is given).

    `jobs`: worker processes (None: one per CPU for big runs; 0: one per CPU). `client`: a
    `distributed.Client` to lint on a Dask cluster instead. The report is the same either way.
    """
    linter = Linter(_options(config, keyphrase=keyphrase, select=tuple(select), ignore=tuple(ignore)))
    items = list(expand_inputs(str(path) for path in paths))
    results = list(lint_all(linter, items, None, RunSettings(jobs, None, False, client)))
    return _report(results)


def iter_results(
    paths: Iterable[str | Path],
    *,
    keyphrase: str | None = None,
    config: Mapping[str, Any] | Config | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    jobs: int | None = None,
    client: Any = None,
    cache_dir: Path | None = None,
) -> Iterator[dict[str, Any]]:
    """Each file's entry of the JSON report as soon as it is linted, in input order: for
    corpora too big to hold (see `check_paths` for `jobs` and `client`; `cache_dir` turns
    the result cache on)."""
    linter = Linter(_options(config, keyphrase=keyphrase, select=tuple(select), ignore=tuple(ignore)))
    items = list(expand_inputs(str(path) for path in paths))
    for result in lint_all(linter, items, None, RunSettings(jobs, cache_dir, False, client)):
        yield file_data(result)
