"""Where a report's text goes: a file written atomically, standard output, GitHub's step summary."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lint.outputs import new_file_mode


class FileSink:
    """Chunks to a temp file beside `path`, renamed into place at the end (never half a report)."""

    def __init__(self, path: Path) -> None:
        folder = path.parent if str(path.parent) else Path(".")
        folder.mkdir(parents=True, exist_ok=True)
        handle, self.temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.fchmod(handle, new_file_mode(path))
        self.path = path
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")

    def write(self, chunk: str) -> None:
        if chunk:
            self.stream.write(chunk)

    def close(self) -> None:
        self.stream.close()
        os.replace(self.temp_name, self.path)

    def abort(self) -> None:
        self.stream.close()
        Path(self.temp_name).unlink(missing_ok=True)


class EchoSink:
    """Chunks to standard output through click (which strips colour when it should)."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def write(self, chunk: str) -> None:
        if chunk:
            import click

            click.echo(chunk, nl=False, color=self.color)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


class StepSummarySink:
    """The Markdown report, cut to size, appended to GitHub's step summary file at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts: list[str] = []

    def write(self, chunk: str) -> None:
        self.parts.append(chunk)

    def close(self) -> None:
        from lint.reporters.github import step_summary

        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(step_summary("".join(self.parts)) + "\n")

    def abort(self) -> None:
        pass


def write_atomically(path: Path, content: str) -> None:
    """Write `content` so that readers never see half a file (see FileSink)."""
    sink = FileSink(path)
    try:
        sink.write(content)
    except BaseException:
        sink.abort()
        raise
    sink.close()
