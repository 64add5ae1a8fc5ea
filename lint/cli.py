"""Command line: `contentlint check|rules|explain|inspect`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, NoReturn, Sequence

import click

from lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json")


def _fail(message: str) -> NoReturn:
    click.echo(f"contentlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: Iterable[str]) -> tuple[str, ...]:
    """Selectors from repeated options and comma-separated lists."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def wants_color(stream: Any) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def write_atomically(path: Path, content: str) -> None:
    """Write via a temp file in the same folder and rename, so readers never see half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="contentlint")
def main() -> None:
    """Lint articles (HTML, Markdown, plain text) for SEO, readability, medical and editorial problems."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that fails the run [default: error].")
@click.option("--select", multiple=True, help="Only these rules (code, name or category; repeat or comma-separate).")
@click.option("--ignore", multiple=True, help="Skip these rules (code, name or category).")
@click.option("--keyphrase", help="The article's SEO keyphrase (wins over front matter and config).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file for every input.")
@click.option("--input-format", type=click.Choice(["html", "md", "txt"]), help="Read every input as this format.")
@click.option("--stdin-filename", help="Name (and format, by extension) for standard input.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no source excerpts or per-file summaries.")
def check(
    paths: Sequence[str],
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    keyphrase: str | None,
    config_file: Path | None,
    input_format: str | None,
    stdin_filename: str | None,
    quiet: bool,
) -> None:
    """Lint PATHS (files, folders, globs, or - for standard input)."""
    from lint.errors import UserError

    try:
        code = _run_check(
            paths or (".",), output_format, output, fail_on, _split(select), _split(ignore),
            keyphrase, config_file, input_format, stdin_filename, quiet,
        )
    except UserError as error:
        _fail(str(error))
    sys.exit(code)


def _run_check(
    paths: Sequence[str],
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    keyphrase: str | None,
    config_file: Path | None,
    input_format: str | None,
    stdin_filename: str | None,
    quiet: bool,
) -> int:
    from lint.config import discover_config, load_config_file
    from lint.engine import Linter, LintOptions
    from lint.findings import reaches
    from lint.inputs import expand_inputs
    from lint.reporters import ReportContext, render

    config = load_config_file(config_file) if config_file else None
    if config_file and config is None:
        _fail(f"{config_file}: no [tool.contentlint] table")
    linter = Linter(LintOptions(keyphrase, select, ignore, input_format, stdin_filename, config))
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    results = [linter.lint_input(item, stdin) for item in expand_inputs(paths)]
    rules = linter.used_rules()
    color = output is None and output_format == "text" and wants_color(sys.stdout)
    report = render(output_format, results, ReportContext(__version__, rules, color=color, quiet=quiet))
    if output is not None:
        write_atomically(output, report)
    else:
        click.echo(report, nl=False, color=color)
    threshold = fail_on or (config or discover_config(Path.cwd()) or _default_config()).settings.fail_on
    if any(result.error for result in results):
        return EXIT_ERROR
    failing = any(reaches(finding.severity, threshold) for result in results for finding in result.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _default_config() -> Any:
    from lint.config import Config

    return Config()


def _load_all_rules(config_file: Path | None) -> tuple[Any, ...]:
    from lint.config import Config, discover_config, load_config_file
    from lint.engine import pack_dirs
    from lint.rules import load_rules

    config = (load_config_file(config_file) if config_file else discover_config(Path.cwd())) or Config()
    return load_rules(pack_dirs(config))


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--markdown", "as_markdown", is_flag=True, help="Same as --format markdown (the README's rules table).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Include the packs this config names.")
def rules_command(output_format: str, as_markdown: bool, config_file: Path | None) -> None:
    """List every rule: code, name, category, severity and what it checks."""
    from lint.catalog import rules_json, rules_markdown, rules_table
    from lint.errors import UserError

    try:
        rules = _load_all_rules(config_file)
    except UserError as error:
        _fail(str(error))
    renderers = {"table": rules_table, "json": rules_json, "markdown": rules_markdown}
    click.echo(renderers["markdown" if as_markdown else output_format](rules), nl=False)


@main.command()
@click.argument("rule")
@click.option("--config", "config_file", type=click.Path(path_type=Path))
def explain(rule: str, config_file: Path | None) -> None:
    """Explain RULE (code or name): why it matters, how to fix it, examples, options."""
    from lint.catalog import explain_text
    from lint.errors import UserError

    try:
        rules = _load_all_rules(config_file)
    except UserError as error:
        _fail(str(error))
    matches = [candidate for candidate in rules if rule.lower() in (candidate.id.lower(), candidate.name, *candidate.aliases)]
    if not matches:
        _fail(f"no rule named {rule!r}; see 'contentlint rules'")
    click.echo(explain_text(matches[0]), nl=False)


@main.command()
@click.argument("path")
@click.option("--input-format", type=click.Choice(["html", "md", "txt"]))
@click.option("--keyphrase")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def inspect(path: str, input_format: str | None, keyphrase: str | None, output_format: str) -> None:
    """Show how contentlint reads PATH: metadata, keyphrase, and every block with its position."""
    from lint.catalog import inspect_document
    from lint.errors import UserError

    try:
        click.echo(inspect_document(path, input_format, keyphrase, output_format), nl=False)
    except UserError as error:
        _fail(f"{path}: {error}")
