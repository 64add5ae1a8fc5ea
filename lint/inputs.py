"""Finding input files and decoding them to text (the only input I/O besides config)."""

from __future__ import annotations

import codecs
import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from lint.errors import InputError
from lint.parsers import EXTENSIONS

_GLOB_CHARS = re.compile(r"[*?\[]")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
STDIN = "-"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to lint; `error` is set when the argument named nothing lintable."""

    display: str  # the path as reported
    path: Path | None  # None for standard input
    error: str | None = None


def expand_inputs(arguments: Iterable[str]) -> Iterator[InputFile]:
    """Files, folders (recursively, known extensions only), globs and "-", each once."""
    seen: set[str] = set()
    for argument in arguments:
        for item in _expand(argument):
            key = item.display if item.path is None else str(item.path.resolve())
            if key not in seen:
                seen.add(key)
                yield item


def _expand(argument: str) -> Iterator[InputFile]:
    if argument == STDIN:
        yield InputFile(STDIN, None)
        return
    path = Path(argument)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield InputFile(argument, path)
    elif _GLOB_CHARS.search(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:
            yield InputFile(argument, None, "no files match this pattern")
        for match in matches:
            yield from _expand(match) if Path(match).is_dir() else iter([InputFile(match, Path(match))])
    else:
        yield InputFile(argument, None, "no such file or directory")


def _walk(folder: Path) -> Iterator[InputFile]:
    for directory, subdirectories, files in os.walk(folder):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in EXTENSIONS and not name.startswith("."):
                path = Path(directory) / name
                yield InputFile(str(path), path)


def read_bytes(item: InputFile, stdin: bytes | None = None) -> bytes:
    if item.path is None:
        return stdin or b""
    try:
        return item.path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None


def decode(data: bytes, input_format: str) -> str:
    """Text from bytes: a BOM wins, then HTML's declared charset, then strict UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding).lstrip("\ufeff")
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes, no UTF-16 byte-order mark); not linted")
    encoding = _declared_charset(data) if input_format == "html" else None
    return _decode_with(data, encoding or "utf-8")


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"cannot decode as {encoding} (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8 or declare its charset"
        ) from None


def listed_paths(list_file: Path, stdin: Any) -> list[str]:
    """The paths a list file names (`--files-from`; "-" reads standard input): one a line,
    blank lines and `#` comments skipped. A line "URL PATH", as a downloaded sitemap or
    crawl log lists pages, names PATH."""
    try:
        text = stdin.read() if str(list_file) == STDIN else list_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(f"--files-from {list_file}: cannot read: {reason}") from None
    paths = []
    for line in text.splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        first, _, rest = entry.partition(" ") if " " in entry else entry.partition("\t")
        paths.append(rest.strip() if _URL.match(first) and rest.strip() else entry)
    return paths
