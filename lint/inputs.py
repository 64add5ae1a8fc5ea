"""Finding input files and decoding them to text (the only input I/O besides config)."""

from __future__ import annotations

import codecs
import glob
import os
import re
import stat
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
# windows-1252 as browsers decode it: Python's cp1252 for 0x80-0x9f, and the five bytes it
# leaves undefined kept as the C1 controls of the same value (what the latin-1 step gives).
_WINDOWS_1252 = {
    byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to lint; `error` is set when the argument named nothing lintable."""

    display: str  # the path as reported
    # Where to read it (None for standard input). Kept as a string, usually the display
    # string itself: a run over 100,000 files holds all of them (Path objects took 42 MB).
    location: str | Path | None
    error: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.location, Path):
            object.__setattr__(self, "location", str(self.location))

    @property
    def path(self) -> Path | None:
        return None if self.location is None else Path(self.location)


def expand_inputs(arguments: Iterable[str]) -> Iterator[InputFile]:
    """Files, folders (recursively, known extensions only), globs and "-", each once."""
    seen: set[str] = set()
    for argument in arguments:
        for item in _expand(argument):
            key = item.display if item.path is None else _identity(item.path)
            if key not in seen:
                seen.add(key)
                yield item


def _identity(path: Path) -> str:
    """The file a path names, so two links to one file are linted once."""
    return os.path.realpath(path)  # unlike resolve(), no error on a symlink loop: reading reports it


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
            if os.path.splitext(name)[1].lower() in EXTENSIONS and not name.startswith("."):
                path = str(Path(directory) / name)  # Path's spelling: "./a.md" is "a.md"
                yield InputFile(path, path)


def read_bytes(item: InputFile, stdin: bytes | None = None, max_size: int | None = None) -> bytes:
    """The file's bytes. Only regular files are read (a named pipe would block the run, a
    device never end), and none larger than `max_size` bytes."""
    if item.path is None:
        return _within_limit(stdin or b"", max_size)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer before fstat rejects it.
        handle = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{_file_kind(status.st_mode)}, not a regular file; not linted")
        _within_limit(status.st_size, max_size)
        try:
            data = stream.read() if max_size is None else stream.read(max_size + 1)
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    return _within_limit(data, max_size)


def _within_limit(data: Any, max_size: int | None) -> Any:
    """`data` (bytes, or a size) unchanged when it fits in `max_size` bytes."""
    size = data if isinstance(data, int) else len(data)
    if max_size is not None and size > max_size:
        raise InputError(f"larger than the {max_size:,}-byte limit (max-file-size); not linted")
    return data


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a named pipe"), (stat.S_ISSOCK, "is a socket"))
    return next((text for test, text in kinds if test(mode)), "is a device")


def decode(data: bytes, input_format: str) -> str:
    """Text from bytes: a BOM wins, then HTML's declared charset, then UTF-8; an HTML page
    that declares nothing and is not UTF-8 is read as windows-1252, as browsers read it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding).lstrip("\ufeff")
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes, no UTF-16 byte-order mark); not linted")
    declared = _declared_charset(data) if input_format == "html" else None
    if declared is not None:
        return _decode_with(data, declared, declared=True)
    if input_format == "html" and not _is_utf8(data):
        return _decode_with(data, "windows-1252")
    return _decode_with(data, "utf-8")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_charset(data: bytes) -> str | None:
    """The `<meta charset>` a page declares, as browsers take it: Latin-1 and ASCII labels
    mean windows-1252; UTF-16 and UTF-32 labels (the tag was just read as ASCII) mean UTF-8."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii", "cp1252"):
        return "windows-1252"
    return "utf-8" if codec.startswith(("utf-16", "utf-32")) else codec


def _decode_with(data: bytes, encoding: str, *, declared: bool = False) -> str:
    if encoding == "windows-1252":
        return data.decode("latin-1").translate(_WINDOWS_1252)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        where = f"byte 0x{data[error.start]:02x} at line {line}, column {column}"
        if declared:
            raise InputError(
                f"declares charset {encoding} but is not {encoding} ({where}); correct the <meta charset> or re-save the file"
            ) from None
        raise InputError(f"cannot decode as {encoding} ({where}); save it as UTF-8 or declare its charset") from None


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
