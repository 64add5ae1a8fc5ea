"""Where each report goes: `--format NAME[:PATH]` (repeatable), `--output`, `--output-dir`."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lint.errors import UserError
from lint.reporters import REPORTERS, extension

DEFAULT_FORMAT = "text"


@dataclass(frozen=True)
class Output:
    format: str
    path: Path | None  # None: standard output


def new_file_mode(path: Path) -> int:
    """The mode a report written in place would get: an existing file's, else 0666 less the
    umask (a temp file from mkstemp is 0600, which the rename would keep)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def format_name(spec: str) -> str:
    """The format part of `NAME[:PATH]`; names never contain a colon, paths may."""
    return spec.partition(":")[0]


def plan_outputs(specs: Sequence[str], output: Path | None, output_dir: Path | None) -> list[Output]:
    """One Output per --format; at most one may go to standard output."""
    planned = []
    for spec in specs or (DEFAULT_FORMAT,):
        name, has_path, path = spec.partition(":")
        if name not in REPORTERS:
            raise UserError(f"--format {name!r}: unknown format (known: {', '.join(REPORTERS)})")
        if has_path and not path:
            raise UserError(f"--format {spec!r}: the path after ':' is empty")
        if path:
            planned.append(Output(name, Path(path)))
        elif output_dir is not None:
            planned.append(Output(name, output_dir / f"contentlint.{extension(name)}"))
        else:
            planned.append(Output(name, None))
    return _with_output_file(planned, output, output_dir)


def _with_output_file(planned: list[Output], output: Path | None, output_dir: Path | None) -> list[Output]:
    to_stdout = [item for item in planned if item.path is None]
    if output is not None:
        if output_dir is not None or len(to_stdout) != 1:
            raise UserError("--output names the file of the one --format without a path; use --format NAME:PATH for several")
        planned = [Output(item.format, output) if item.path is None else item for item in planned]
    elif len(to_stdout) > 1:
        names = ", ".join(item.format for item in to_stdout)
        raise UserError(f"only one report can go to standard output ({names}); give the others a path (--format NAME:PATH) or use --output-dir")
    paths = [os.path.realpath(item.path) for item in planned if item.path is not None]  # no error on a link loop
    if len(paths) != len(set(paths)):
        raise UserError("two reports would be written to the same file")
    return planned
