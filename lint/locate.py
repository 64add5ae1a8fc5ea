"""Line numbers for config and rule-file errors: `file.toml: key: problem` → `file.toml:LINE: key: problem`.

Errors are raised where the meaning of a value is known, which is far from the TOML text
(tomllib keeps no positions). The CLI reads the file again and finds the line of the key
the message names: its `key =` line, or the header of its table, or (for a key inside an
inline table) the line of the nearest enclosing key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

_MESSAGE = re.compile(r"^(?P<path>[^\n]+?\.toml): (?P<key>[A-Za-z0-9_\-.\[\]]+): (?P<problem>.*)$", re.DOTALL)
_TOML_ERROR = re.compile(r"^(?P<path>[^\n]+?\.toml): (?P<problem>invalid TOML: .*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_KEY = re.compile(rf"^\s*({_DOTTED})\s*=")
_INDEX = re.compile(r"\[(\d+)\]")


def with_line(message: str) -> str:
    """`message` with the line (and column, for invalid TOML) of the problem after the file
    name, when it names a TOML file and a key found in it; otherwise unchanged."""
    toml_error = _TOML_ERROR.match(message)
    if toml_error:
        return f"{toml_error['path']}:{toml_error['line']}:{toml_error['column']}: {toml_error['problem']}"
    match = _MESSAGE.match(message)
    if match is None:
        return message
    try:
        text = Path(match["path"]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return message
    line = key_line(text, _target(match["key"], match["path"]))
    return f"{match['path']}:{line}: {match['key']}: {match['problem']}" if line else message


def _target(key: str, path: str) -> list[str]:
    """The key as parts; a pyproject.toml's keys live under [tool.contentlint]."""
    parts = _INDEX.sub(r".[\1]", key).split(".")
    parts = [part for part in parts if part]
    if Path(path).name == "pyproject.toml" and parts[:2] != ["tool", "contentlint"]:
        parts = ["tool", "contentlint", *parts]
    return parts


def key_line(text: str, target: list[str]) -> int | None:
    """The 1-based line of the entry whose key path is the longest prefix of `target`."""
    best: tuple[int, int] | None = None  # (matched parts, line)
    for path, line in _entries(text):
        size = len(path)
        if size and path == target[:size] and (best is None or size > best[0]):
            best = (size, line)
    return best[1] if best else None


def _entries(text: str) -> Iterator[tuple[list[str], int]]:
    """(key path, line) of every table header and `key =` line."""
    table: list[str] = []
    arrays: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(2))
            if header.group(1) == "[[":
                index = arrays[tuple(table)] = arrays.get(tuple(table), -1) + 1
                table = [*table, f"[{index}]"]
            yield table, number
            continue
        key = _KEY.match(line)
        if key:
            yield [*table, *_parts(key.group(1))], number


def _parts(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(_PART, dotted)]
