"""Errors a user can cause; the CLI prints each as one line and exits 2."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, config or rule files, named in one line."""


class ConfigError(UserError):
    """Invalid configuration: the message names the file and the key."""


class RuleFileError(UserError):
    """Invalid rule pack file: the message names the file and the key."""


class InputError(UserError):
    """A file that cannot be read or decoded as text."""


class OptionError(ValueError):
    """An option value a check kind rejects; the loader adds the file name."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"options.{key}: {problem}")
        self.key = key
