"""Command line: `contentlint check|rules|explain|inspect`."""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, NoReturn, Sequence

import click

from lint import __version__
from lint.reporters import REPORTERS

EXIT_ERROR = 2  # as lint.check_run's: a usage error, an unreadable input or an internal error
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them


def _fail(message: str) -> NoReturn:
    from lint.locate import with_line

    click.echo(f"contentlint: error: {with_line(message)}", err=True)
    sys.exit(EXIT_ERROR)


class Terminated(BaseException):
    """SIGTERM, raised where the run is, so reports in progress are abandoned like on Ctrl-C."""


@contextmanager
def _stoppable() -> Iterator[None]:
    """Turn SIGTERM into `Terminated` (SIGINT already raises KeyboardInterrupt)."""
    def terminate(signum: int, frame: Any) -> None:
        raise Terminated()

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set in the main thread
        return
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _internal_error(error: BaseException) -> NoReturn:
    """An unexpected exception: one line, or with --debug the traceback; exit 2 either way."""
    from lint.engine import shows_tracebacks

    if shows_tracebacks():
        traceback.print_exception(error)
        sys.exit(EXIT_ERROR)
    _fail(f"internal error ({type(error).__name__}: {error}); run with --debug for the traceback, and please report it")


def _set_debug(context: click.Context, parameter: click.Parameter, value: bool) -> None:
    from lint.engine import DEBUG_ENV

    if value:
        os.environ[DEBUG_ENV] = "1"  # read by the engine, here and in forked workers


_debug_option = click.option(
    "--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
    help="Let internal errors show their traceback instead of one line.",
)


def _split(values: Iterable[str]) -> tuple[str, ...]:
    """Selectors from repeated options and comma-separated lists."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="contentlint")
@_debug_option
def main() -> None:
    """Lint articles (HTML, Markdown, plain text) for SEO, readability, medical and editorial problems."""


def _check_formats(context: click.Context, parameter: click.Parameter, values: Sequence[str]) -> tuple[str, ...]:
    from lint.outputs import format_name

    for value in values:
        if format_name(value) not in REPORTERS:
            raise click.BadParameter(f"{format_name(value)!r} is not one of {', '.join(map(repr, REPORTERS))}.")
    return tuple(values)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "formats", multiple=True, callback=_check_formats, metavar="FORMAT[:PATH]",
    help=f"Report format: {', '.join(REPORTERS)} [default: text]. Repeat for several reports; FORMAT:PATH writes one to PATH.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", help="Write each report without a path to DIR/contentlint.<ext>.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that fails the run [default: error].")
@click.option("--max-warnings", type=click.IntRange(min=0), help="Also fail when there are more than N warnings.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), help="Record today's findings in FILE (the run then passes).")
@click.option("--diff", "diff_ref", metavar="REF", help="Report only findings on lines changed since the git REF.")
@click.option("--select", multiple=True, help="Only these rules (code, name or category; repeat or comma-separate).")
@click.option("--ignore", multiple=True, help="Skip these rules (code, name or category).")
@click.option("--keyphrase", help="The article's SEO keyphrase (wins over front matter and config).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file for every input.")
@click.option("--input-format", type=click.Choice(["html", "md", "txt"]), help="Read every input as this format.")
@click.option("--stdin-filename", help="Name (and format, by extension) for standard input.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no source excerpts or per-file summaries.")
@click.option("--files-from", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE", help="Also lint the paths listed in FILE (one a line; - for standard input).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), help="Worker processes (0: one per CPU) [default: one per CPU for more than 50 files].")
@click.option("--no-cache", is_flag=True, help="Lint every file, ignoring and not updating the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", help="Result cache folder [default: $CONTENTLINT_CACHE_DIR or ~/.cache/contentlint].")
@click.option("--dask-scheduler", metavar="ADDRESS", help="Lint on the Dask cluster at ADDRESS (tcp://host:8786); needs contentlint[dask].")
@click.option("--max-file-size", type=click.IntRange(min=0), metavar="BYTES", help="Skip (as an error) files larger than this; 0: no limit [default: config's max-file-size, 20000000].")
@click.option("--time-limit", type=click.FloatRange(min=0), metavar="SECONDS", help="Stop linting a file after this long (an error for that file); 0: no limit [default: config's time-limit, 60].")
@_debug_option
def check(
    paths: Sequence[str],
    formats: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    fail_on: str | None,
    max_warnings: int | None,
    baseline: Path | None,
    write_baseline: Path | None,
    diff_ref: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    keyphrase: str | None,
    config_file: Path | None,
    input_format: str | None,
    stdin_filename: str | None,
    quiet: bool,
    files_from: Path | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    dask_scheduler: str | None,
    max_file_size: int | None,
    time_limit: float | None,
) -> None:
    """Lint PATHS (files, folders, globs, or - for standard input)."""
    from lint.check_run import CheckRequest, RunRequest, run_check
    from lint.errors import UserError

    request = CheckRequest(formats, output, output_dir, fail_on, max_warnings, baseline, write_baseline, diff_ref, quiet)
    run = RunRequest(files_from, jobs, not no_cache, cache_dir, dask_scheduler, max_file_size, time_limit)
    try:
        with _stoppable():
            code = run_check(
                paths or (() if files_from else (".",)), request, _split(select), _split(ignore), keyphrase, config_file,
                input_format, stdin_filename, run,
            )
    except UserError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        click.echo("contentlint: interrupted; no report was written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        click.echo("contentlint: terminated; no report was written", err=True)
        sys.exit(EXIT_TERMINATED)
    except Exception as error:  # a bug: one line, not a traceback (unless --debug)
        _internal_error(error)
    sys.exit(code)


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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; anything but loopback is reachable from other machines (a warning says so).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0 picks a free one).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file [default: discovered from the current folder, as `check` does].")
@click.option("--max-request-size", default=5_000_000, show_default=True, type=click.IntRange(min=1), metavar="BYTES", help="Refuse drafts and uploads larger than this.")
def serve(host: str, port: int, config_file: Path | None, max_request_size: int) -> None:
    """Start a local web page where editors paste or drop drafts and see findings as they type."""
    from lint.errors import UserError

    try:
        from lint.serve.server import run
    except ModuleNotFoundError as error:
        if error.name not in ("starlette", "uvicorn"):
            raise
        _fail("contentlint serve needs the serve extra: pip install 'contentlint[serve]'")
    try:
        run(host, port, config_file, max_request_size, echo=click.echo)
    except UserError as error:
        _fail(str(error))
