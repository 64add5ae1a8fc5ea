"""What `contentlint check` does once its options are parsed: lint, gate, report, exit code.

Problems a user can fix end as `UserError` (the command prints one line); the exit code
says whether the findings fail the run.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import click

from lint import __version__
from lint.errors import UserError
from lint.sinks import write_atomically

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class CheckRequest:
    """Everything `contentlint check` was asked for, past the linting itself."""

    formats: tuple[str, ...] = ()
    output: Path | None = None
    output_dir: Path | None = None
    fail_on: str | None = None
    max_warnings: int | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    diff: str | None = None
    quiet: bool = False


@dataclass(frozen=True)
class RunRequest:
    """How `contentlint check` runs: inputs from a list file, workers, cache, Dask."""

    files_from: Path | None = None
    jobs: int | None = None
    use_cache: bool = True
    cache_dir: Path | None = None
    dask_scheduler: str | None = None
    max_file_size: int | None = None
    time_limit: float | None = None


def run_check(
    paths: Sequence[str],
    request: CheckRequest,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    keyphrase: str | None,
    config_file: Path | None,
    input_format: str | None,
    stdin_filename: str | None,
    run: RunRequest = RunRequest(),
) -> int:
    from lint.cache import cache_folder
    from lint.config import discover_config, load_config_file
    from lint.engine import Linter, LintOptions
    from lint.inputs import expand_inputs, listed_paths
    from lint.outputs import plan_outputs
    from lint.progress import with_progress
    from lint.runner import RunSettings, lint_all
    from lint.streaming import Tally, needs_source

    outputs = plan_outputs(request.formats, request.output, request.output_dir)
    config = load_config_file(config_file) if config_file else None
    if config_file and config is None:
        raise UserError(f"{config_file}: no [tool.contentlint] table")
    threshold = request.fail_on or (config or discover_config(Path.cwd()) or _default_config()).settings.fail_on
    linter = Linter(LintOptions(keyphrase, select, ignore, input_format, stdin_filename, config, run.max_file_size, run.time_limit))
    if run.files_from is not None and str(run.files_from) == "-" and "-" in paths:
        raise UserError("standard input cannot be both --files-from - and an input (-)")
    listed = listed_paths(run.files_from, sys.stdin) if run.files_from else ()
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    items = list(expand_inputs((*paths, *listed)))
    is_gated = request.baseline is not None or request.write_baseline is not None or request.diff is not None
    keep_source = is_gated or needs_source([item.format for item in outputs], request.quiet)
    cache_dir = cache_folder(run.cache_dir) if run.use_cache and not run.dask_scheduler else None
    settings = RunSettings(run.jobs, cache_dir, keep_source, run.dask_scheduler)
    results: Iterable[Any] = with_progress(lint_all(linter, items, stdin, settings), len(items), request.quiet, sys.stderr)
    if is_gated:
        results = _gate(list(results), request)
    tally = Tally(threshold)
    _write_reports(results, outputs, linter, request.quiet, tally)
    return _exit_code(tally, request)




def _gate(results: list[Any], request: CheckRequest) -> list[Any]:
    """Write and apply baselines, then keep only changed lines (--diff)."""
    from lint import baseline as baselines

    if request.write_baseline is not None:
        recorded = baselines.build(results, request.write_baseline.parent)
        _write_file(request.write_baseline, baselines.dumps(recorded))
        count = sum(len(entries) for entries in recorded.files.values())
        click.echo(f"contentlint: recorded {count} findings of {len(recorded.files)} files in {request.write_baseline}", err=True)
    if request.baseline is not None:
        results, fixed = baselines.apply(results, _read_baseline(request.baseline), request.baseline.parent)
        _echo_fixed(fixed, request.baseline)
    if request.diff is not None:
        from lint.gitdiff import only_changed

        results = only_changed(results, request.diff)
    return results


def _write_file(path: Path, content: str) -> None:
    """Write a report or baseline, creating its folder; failures are one-line usage errors."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
    except OSError as error:
        raise UserError(f"{path}: cannot write: {error.strerror or error}") from None


def _read_baseline(path: Path) -> Any:
    from lint import baseline as baselines

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    return baselines.loads(text, str(path))


def _echo_fixed(fixed: Sequence[Any], path: Path) -> None:
    if not fixed:
        return
    click.echo(f"contentlint: {len(fixed)} findings recorded in {path} no longer occur (fixed):", err=True)
    for item in fixed:
        click.echo(f"  {item.path}: {item.entry.rule} {item.entry.text[:60]!r} (recorded at line {item.entry.line})", err=True)
    click.echo("  Run with --write-baseline to drop them from the baseline.", err=True)


def _write_reports(results: Iterable[Any], outputs: Sequence[Any], linter: Any, quiet: bool, tally: Any) -> None:
    """Stream results into every report (lint.streaming), counting what the exit code needs."""
    from lint.reporters import ReportContext
    from lint.sinks import StepSummarySink
    from lint.streaming import (
        Collecting,
        Report,
        open_reports,
        write_reports,
    )

    reports = open_reports(outputs, __version__, quiet, wants_color(sys.stdout))
    if any(item.format == "github" for item in outputs) and os.environ.get("GITHUB_STEP_SUMMARY"):
        # GitHub shows this file's Markdown on the run's summary page.
        summary_sink = StepSummarySink(Path(os.environ["GITHUB_STEP_SUMMARY"]))
        reports.append(Report(Collecting("markdown"), summary_sink, ReportContext(__version__, {})))
    write_reports(results, reports, linter.used_rules, tally)


def _exit_code(tally: Any, request: CheckRequest) -> int:
    if tally.has_unreadable:
        return EXIT_ERROR
    if request.write_baseline is not None:
        return EXIT_OK  # every finding was just recorded as accepted
    failing = tally.is_failing
    if request.max_warnings is not None and tally.warnings > request.max_warnings:
        click.echo(f"contentlint: {tally.warnings} warnings exceed --max-warnings {request.max_warnings}", err=True)
        failing = True
    return EXIT_FINDINGS if failing else EXIT_OK


def _default_config() -> Any:
    from lint.config import Config

    return Config()


def wants_color(stream: Any) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()
