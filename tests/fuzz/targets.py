"""Fuzz targets: bytes in, an exception out when contentlint misbehaves.

Each target decodes the bytes as `contentlint check` would, so undecodable input is a
clean InputError rather than a crash. Used by `fuzz.py` (atheris) and importable by tests.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Callable

from lint.errors import InputError
from lint.inputs import decode
from lint.parsers import parse
from lint.suppressions import mask_directives


def check_parser(data: bytes, input_format: str) -> None:
    """Parsing raises nothing but InputError (bad bytes, bad front matter), and every block
    and run maps inside the source."""
    try:
        source = decode(data, input_format)
        document = parse(mask_directives(source, input_format), f"fuzz.{input_format}", input_format)
    except InputError:
        return
    for block in document.blocks:
        start, end = block.source_extent
        if not 0 <= start <= end <= len(source):
            raise AssertionError(f"{block.kind} block maps to {start}-{end}, outside 0-{len(source)}")
        for run in block.runs:
            if run.text_start + run.text_length > len(block.text) or run.source_start + run.source_length > len(source):
                raise AssertionError(f"{block.kind} run {run} reaches past its text or the source")


def check_cli(data: bytes, folder: Path | None = None) -> None:
    """`contentlint check` on the bytes as an HTML, a Markdown and a text file: exit 0, 1 or 2,
    a JSON report that parses, and no traceback."""
    from lint.cli import main

    with tempfile.TemporaryDirectory(dir=folder) as temp:
        paths = []
        for extension in ("html", "md", "txt"):
            path = Path(temp) / f"fuzz.{extension}"
            path.write_bytes(data)
            paths.append(str(path))
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(["check", "--no-cache", "--jobs", "1", "--format", "json", *paths], standalone_mode=False)
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 2
    if code not in (0, 1, 2) or "Traceback" in err.getvalue():
        raise AssertionError(f"exit {code}: {err.getvalue()[-2000:]}")
    report = json.loads(out.getvalue())
    if len(report["files"]) != 3:
        raise AssertionError(f"{len(report['files'])} files reported, 3 linted")


BY_NAME: dict[str, Callable[[bytes], None]] = {
    "markdown": lambda data: check_parser(data, "md"),
    "html": lambda data: check_parser(data, "html"),
    "text": lambda data: check_parser(data, "txt"),
    "cli": check_cli,
}


def seconds_for(name: str, data: bytes) -> float:
    """Wall seconds target `name` takes on `data` once rules and dictionaries are loaded (as
    they are for every input but the first of a fuzzing run)."""
    BY_NAME[name](b"# Warm up\n\nA short paragraph.\n")
    started = time.perf_counter()
    BY_NAME[name](data)
    return time.perf_counter() - started


os.environ.setdefault("NO_COLOR", "1")
