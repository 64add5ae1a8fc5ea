"""Typed option records from TOML tables: kebab-case keys, strict types, no unknown keys.

A check kind declares its options as a frozen dataclass; this module maps a TOML table
onto it. A field annotated `FromFile[...]` also accepts a file name (relative to the rule
file) whose lines or table become the value, so long word lists can live as data.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
from collections.abc import Mapping as AbcMapping
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping, Union, get_args, get_origin, get_type_hints

from lint.errors import OptionError


class _FromFile:
    """Marker: the option may name a data file instead of holding the value inline."""


FROM_FILE = _FromFile()
_COMMENT = re.compile(r"\s+#.*$")


def field_name(key: str) -> str:
    return key.replace("-", "_")


def option_key(name: str) -> str:
    return name.replace("_", "-")


def parse_options(cls: type, raw: Mapping[str, Any], base_dir: Path | None = None) -> Any:
    """Build `cls` from a TOML table; raises OptionError naming the offending key."""
    if not isinstance(raw, AbcMapping):
        raise OptionError("", "expected a table")
    hints = get_type_hints(cls, include_extras=True)
    known = {field.name for field in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = field_name(key)
        if name not in known:
            choices = ", ".join(sorted(option_key(k) for k in known)) or "none"
            raise OptionError(key, f"unknown option (known: {choices})")
        values[name] = coerce(value, hints[name], key, base_dir)
    for field in dataclasses.fields(cls):
        if field.name not in values and field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise OptionError(option_key(field.name), "required")
    try:
        return cls(**values)
    except TypeError as error:
        raise OptionError("", str(error)) from None
    except ValueError as error:
        if isinstance(error, OptionError):
            raise
        raise OptionError("", str(error)) from None


def resolve_file_options(cls: type, raw: Mapping[str, Any], base_dir: Path | None) -> dict[str, Any]:
    """`raw` with data-file names made absolute, so they keep meaning when another
    file (a config) later adds options relative to its own folder."""
    if base_dir is None:
        return dict(raw)
    hints = get_type_hints(cls, include_extras=True)
    resolved = dict(raw)
    for key, value in raw.items():
        hint = hints.get(field_name(key))
        if isinstance(value, str) and get_origin(hint) is Annotated and FROM_FILE in get_args(hint)[1:]:
            resolved[key] = str((base_dir / value).resolve())
    return resolved


def coerce(value: Any, annotation: Any, key: str, base_dir: Path | None) -> Any:
    """Check `value` against `annotation`, converting lists to tuples and tables to mappings."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extras = get_args(annotation)
        if FROM_FILE in extras and isinstance(value, str):
            value = read_data_file(value, key, base_dir)
        return coerce(value, inner, key, base_dir)
    if origin in (Union, types.UnionType):
        return _coerce_union(value, get_args(annotation), key, base_dir)
    if origin is Literal:
        choices = get_args(annotation)
        if value not in choices:
            raise OptionError(key, f"expected one of {', '.join(map(repr, choices))}, got {value!r}")
        return value
    if origin is tuple:
        return _coerce_tuple(value, get_args(annotation), key, base_dir)
    if origin in (dict, AbcMapping, Mapping):
        return _coerce_mapping(value, get_args(annotation), key, base_dir)
    return _coerce_scalar(value, annotation, key)


def _coerce_union(value: Any, choices: tuple[Any, ...], key: str, base_dir: Path | None) -> Any:
    if value is None and type(None) in choices:
        return None
    problems = []
    for choice in choices:
        if choice is type(None):
            continue
        try:
            return coerce(value, choice, key, base_dir)
        except OptionError as error:
            problems.append(str(error).split(": ", 1)[-1])
    raise OptionError(key, " or ".join(problems))


def _coerce_tuple(value: Any, args: tuple[Any, ...], key: str, base_dir: Path | None) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise OptionError(key, f"expected a list, got {_type_name(value)}")
    item_type = args[0] if args else Any
    return tuple(coerce(item, item_type, key, base_dir) for item in value)


def _coerce_mapping(value: Any, args: tuple[Any, ...], key: str, base_dir: Path | None) -> Mapping[str, Any]:
    if not isinstance(value, AbcMapping):
        raise OptionError(key, f"expected a table, got {_type_name(value)}")
    value_type = args[1] if len(args) == 2 else Any
    return types.MappingProxyType(
        {str(name): coerce(item, value_type, f"{key}.{name}", base_dir) for name, item in value.items()}
    )


def _coerce_scalar(value: Any, annotation: Any, key: str) -> Any:
    if annotation is Any:
        return value
    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise OptionError(key, f"expected true or false, got {_type_name(value)}")
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise OptionError(key, f"expected an integer, got {_type_name(value)}")
    if annotation is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise OptionError(key, f"expected a number, got {_type_name(value)}")
    if annotation is str:
        if isinstance(value, str):
            return value
        raise OptionError(key, f"expected a string, got {_type_name(value)}")
    raise OptionError(key, f"unsupported option type {annotation!r}")


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def read_data_file(name: str, key: str, base_dir: Path | None) -> Any:
    """A word list (`.txt`: one entry a line, `#` comments) or a table (`.toml`)."""
    if base_dir is None:
        raise OptionError(key, "a data file name is only allowed in a rule file")
    path = (base_dir / name).resolve()
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as error:
        raise OptionError(key, f"cannot read data file {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise OptionError(key, f"data file {path} is not UTF-8 text") from None
    if path.suffix == ".toml":
        try:
            return tomllib.loads(content)
        except tomllib.TOMLDecodeError as error:
            raise OptionError(key, f"data file {path}: {error}") from None
    return tuple(entry for entry in (_COMMENT.sub("", line).strip() for line in content.splitlines()) if entry and not entry.startswith("#"))
