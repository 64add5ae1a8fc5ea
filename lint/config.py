"""Configuration: `[tool.contentlint]` in pyproject.toml or a contentlint.toml.

The nearest config file above each linted file wins (or `--config FILE` for all). Keys are
kebab-case; unknown keys and wrong types are errors naming the file and the key.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Mapping

from lint.errors import ConfigError, OptionError
from lint.options import parse_options

CONFIG_NAMES = ("contentlint.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_MAX_FILE_SIZE = 20_000_000  # bytes; long articles are well under 1 MB
DEFAULT_TIME_LIMIT = 60.0  # seconds per file; a 5 MB article lints in about 20
RuleSetting = Any  # "off" | severity | table of severity/enabled/options, validated against the rule


@dataclass(frozen=True, slots=True)
class Override:
    """Settings for files matching `paths` (globs relative to the config file)."""

    paths: tuple[str, ...]
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    keyphrase: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    input_format: Literal["html", "md", "txt"] | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """The config file's keys, validated (see README "Configuration")."""

    packs: tuple[str, ...] | None = None  # None: every built-in pack
    rule_packs: tuple[str, ...] = ()  # extra pack folders, relative to the config file
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    keyphrase: str | None = None
    article_selector: str | None = None
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    overrides: tuple[Mapping[str, Any], ...] = ()
    # Options of the grammar rules (GR001): a LanguageTool server `url`, `mode`, `language`,
    # `enabled-rules`, `disabled-rules`…; setting any turns grammar checking on.
    languagetool: Mapping[str, Any] = field(default_factory=dict)
    # Resource limits per file (0: none): bigger files and slower lints are per-file errors.
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    time_limit: float = DEFAULT_TIME_LIMIT

    def __post_init__(self) -> None:
        if self.max_file_size < 0:
            raise OptionError("max-file-size", "must be 0 (no limit) or a number of bytes")
        if self.time_limit < 0:
            raise OptionError("time-limit", "must be 0 (no limit) or a number of seconds")


@dataclass(frozen=True)
class Config:
    settings: Settings = field(default_factory=Settings)
    overrides: tuple[Override, ...] = ()
    path: str | None = None  # the file it came from; None for defaults
    root: Path = field(default_factory=Path.cwd)

    def for_path(self, path: Path | None) -> FileSettings:
        """The settings that apply to one file: base settings plus matching overrides."""
        resolved = FileSettings(
            rules=dict(self.settings.rules),
            keyphrase=self.settings.keyphrase,
            select=self.settings.select,
            ignore=self.settings.ignore,
            config_path=self.path,
        )
        relative = _relative(path, self.root) if path is not None else None
        for override in self.overrides:
            if relative is not None and any(glob_matches(pattern, relative) for pattern in override.paths):
                resolved = resolved.merged(override)
        return resolved


@dataclass(frozen=True)
class FileSettings:
    rules: Mapping[str, RuleSetting]
    keyphrase: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    input_format: str | None = None
    config_path: str | None = None

    def merged(self, override: Override) -> FileSettings:
        return replace(
            self,
            rules={**self.rules, **override.rules},
            keyphrase=override.keyphrase or self.keyphrase,
            select=override.select or self.select,
            ignore=self.ignore + override.ignore,
            input_format=override.input_format or self.input_format,
        )

    @property
    def cache_key(self) -> str:
        return repr((sorted(self.rules.items(), key=lambda item: item[0]), self.select, self.ignore))


def load_config_file(path: Path) -> Config | None:
    """The config in `path`; None for a pyproject.toml without a [tool.contentlint] table."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("contentlint")
        if table is None:
            return None
        prefix = "tool.contentlint."
    else:
        table, prefix = data.get("tool", {}).get("contentlint", data), ""
    return config_from_table(table, path, prefix)


def config_from_table(table: Mapping[str, Any], path: Path, prefix: str = "") -> Config:
    where = str(path)
    try:
        settings = parse_options(Settings, table, path.parent)
        overrides = tuple(
            _override(raw, f"overrides[{index}]") for index, raw in enumerate(settings.overrides)
        )
    except OptionError as error:
        raise ConfigError(f"{where}: {prefix}{str(error).removeprefix('options.')}") from None
    return Config(settings=settings, overrides=overrides, path=where, root=path.parent.resolve())


def _override(raw: Any, key: str) -> Override:
    try:
        override: Override = parse_options(Override, raw)
    except OptionError as error:
        raise OptionError(f"{key}.{error.key}", str(error).split(": ", 1)[-1]) from None
    if not override.paths:
        raise OptionError(f"{key}.paths", "required, a list of globs")
    return override


def discover_config(start: Path) -> Config | None:
    """The nearest config file in `start` or a folder above it."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                config = load_config_file(candidate)
                if config is not None:
                    return config
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        # realpath, not resolve(): it does not raise on a symlink loop (Python 3.11).
        return Path(os.path.realpath(path)).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def glob_matches(pattern: str, relative_path: str) -> bool:
    """Gitignore-like globs: `*` within a folder, `**` across folders; a bare name matches anywhere."""
    regex = _glob_regex(pattern if "/" in pattern else f"**/{pattern}")
    return regex.fullmatch(relative_path) is not None


def _glob_regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern)
    translated = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(translated.get(part, re.escape(part)) for part in parts))
