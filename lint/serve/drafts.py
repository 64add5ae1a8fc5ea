"""Linting one draft from the page, exactly as `contentlint check -` would lint it.

A draft is linted like standard input named by `--stdin-filename`: the same config (found
once at start), the same Linter and the same parsers, so the page and CI agree. Nothing here
touches the disk after the rule packs are loaded, and no draft text is ever logged.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from lint.config import Config, FileSettings
from lint.engine import FileResult, Linter, LintOptions
from lint.inputs import decode
from lint.parsers import FORMAT_NAMES, format_for
from lint.rule_sets import active_rules, pack_dirs
from lint.rules import Rule, load_rules
from lint.suppressions import UNUSED_RULE

AUTO = "auto"
KEPT_LINTERS = 8  # one Linter per keyphrase; editors switch between few keyphrases
MAX_FILENAME = 120
MAX_KEYPHRASE = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A pasted draft is HTML when it starts like a page or an element, or has tags and no
# Markdown structure; Markdown when it has front matter or some Markdown structure.
_HTML_START = re.compile(r"\A\s*<(?:!doctype|html|head|body|article|main|section|div|p|h[1-6]|ul|ol|table)\b", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?>", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n")
_MD_SIGNS = re.compile(
    r"^#{1,6}[ \t]+\S"  # ATX heading
    r"|^\s*(?:[-*+]|\d{1,3}[.)])[ \t]+\S"  # list item
    r"|\[[^\]\n]+\]\([^)\s]+\)"  # inline link
    r"|\*\*[^*\n]+\*\*"  # bold
    r"|^```|^\|.*\|\s*$",  # fenced code, table row
    re.MULTILINE,
)
SNIFFED_CHARACTERS = 20_000
MIN_HTML_TAGS = 3
MIN_MARKDOWN_SIGNS = 2  # one "- " line or one "**" in plain prose is not enough


class DraftError(ValueError):
    """A request the page (or an API caller) got wrong; the message is safe to show."""


@dataclass(frozen=True)
class Draft:
    text: str
    filename: str | None = None  # a base name only; never used to open anything
    input_format: str | None = None  # html | md | txt; None detects it
    keyphrase: str | None = None
    audience: str | None = None  # a profile name; None leaves the configured one


@dataclass(frozen=True)
class LintedDraft:
    result: FileResult
    rules: Mapping[str, Rule[Any, Any]] = field(default_factory=dict)  # every rule that ran, by ID


def draft_from_json(data: Any, audiences: tuple[str, ...]) -> Draft:
    """A Draft from the request's JSON object; wrong shapes are DraftErrors."""
    if not isinstance(data, dict):
        raise DraftError("expected a JSON object")
    unknown = sorted(set(data) - {"text", "filename", "format", "keyphrase", "audience"})
    if unknown:
        raise DraftError(f"unknown field {unknown[0]!r}")
    text = data.get("text", "")
    if not isinstance(text, str):
        raise DraftError("text: expected a string")
    return Draft(
        text=text,
        filename=safe_filename(_optional_string(data, "filename")),
        input_format=_format(_optional_string(data, "format")),
        keyphrase=(_optional_string(data, "keyphrase") or "").strip()[:MAX_KEYPHRASE] or None,
        audience=_audience(_optional_string(data, "audience"), audiences),
    )


def _optional_string(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise DraftError(f"{key}: expected a string")
    return value


def _format(value: str | None) -> str | None:
    if not value or value == AUTO:
        return None
    if value.lower() not in FORMAT_NAMES:
        raise DraftError(f"format: {value!r} is not one of auto, html, md, txt")
    return FORMAT_NAMES[value.lower()]


def _audience(value: str | None, audiences: tuple[str, ...]) -> str | None:
    if not value or value == AUTO:
        return None
    if value not in audiences:
        raise DraftError(f"audience: {value!r} is not one of {', '.join((AUTO, *audiences))}")
    return value


def safe_filename(name: str | None) -> str | None:
    """The base name of an uploaded file, for display and format only (folders dropped)."""
    if not name:
        return None
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = _CONTROL.sub("", base).strip()[:MAX_FILENAME]
    return base if base not in ("", ".", "..") else None


def guess_format(text: str) -> str:
    """html, md or txt for a pasted draft that names no format."""
    head = text[:SNIFFED_CHARACTERS]
    if _HTML_START.match(head):
        return "html"
    if _FRONT_MATTER.match(head) or len(_MD_SIGNS.findall(head)) >= MIN_MARKDOWN_SIGNS:
        return "md"
    return "html" if len(_HTML_TAG.findall(head)) >= MIN_HTML_TAGS else "txt"


def decode_upload(data: bytes, filename: str | None) -> tuple[str, str]:
    """An uploaded file's text and format, decoded as the CLI decodes files (BOM, charset)."""
    name = safe_filename(filename)
    declared = format_for(name) if name else None
    text = decode(data, declared or "txt")  # raises InputError with a readable message
    return text, declared or guess_format(text)


def with_audience(
    configured: Mapping[str, Any], rules: tuple[Rule[Any, Any], ...], audience: str
) -> dict[str, Any]:
    """Rule settings with `audience` set on every rule that takes one, like a config entry.

    Rules switched off (by the config or by default) stay off; a configured severity or
    table is kept.
    """
    settings = dict(configured)
    for rule in rules:
        if audience not in _profiles(rule):
            continue
        key = next((name for name in (rule.id, rule.name, *rule.aliases) if name in settings), rule.id)
        current = settings.get(key)
        if current == "off" or (current is None and not rule.enabled):
            continue
        table = dict(current) if isinstance(current, Mapping) else {"severity": current} if isinstance(current, str) else {}
        settings[key] = {**table, "audience": audience}
    return settings


class _SharedRules:
    """Rule packs loaded once, and the active rule set for each distinct settings."""

    def __init__(self, rules: tuple[Rule[Any, Any], ...]) -> None:
        self.rules = rules
        self.active: dict[str, tuple[Rule[Any, Any], ...]] = {}


class _SharedRulesLinter(Linter):
    """A Linter for one keyphrase that reuses the rules every other one already prepared,
    so a new keyphrase costs no rule loading (and no file reads)."""

    def __init__(self, options: LintOptions, shared: _SharedRules) -> None:
        super().__init__(options)
        self._shared = shared

    def base_rules(self, config: Config) -> tuple[Rule[Any, Any], ...]:
        return self._shared.rules

    def rules_for(self, config: Config, settings: FileSettings) -> tuple[Rule[Any, Any], ...]:
        # Every draft linter has the same config, select and ignore: settings alone decide.
        if settings.cache_key not in self._shared.active:
            self._shared.active[settings.cache_key] = active_rules(self._shared.rules, settings, self.options)
        return self._shared.active[settings.cache_key]


class DraftLinter:
    """Lints drafts with one config; thread-safe (one draft at a time, it is one editor's tool)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.rules = tuple(load_rules(pack_dirs(config)))  # config and rule errors surface at start
        self.audiences = tuple(sorted({name for rule in self.rules for name in _profiles(rule)}))
        self._shared = _SharedRules(self.rules)
        self._linters: OrderedDict[str | None, Linter] = OrderedDict()
        self._lock = threading.Lock()

    def lint(self, draft: Draft) -> LintedDraft:
        with self._lock:
            return self._lint(self._linter_for(draft.keyphrase), draft)

    def _lint(self, linter: Linter, draft: Draft) -> LintedDraft:
        """What `Linter.lint_input` does for standard input named `--stdin-filename`."""
        text = draft.text.removeprefix("\ufeff")  # as decode() drops a byte-order mark
        name = draft.filename or f"draft.{draft.input_format or guess_format(text)}"
        settings = self.config.for_path(Path(name))
        input_format = draft.input_format or settings.input_format or format_for(name) or guess_format(text)
        if draft.audience is not None:
            settings = replace(settings, rules=with_audience(settings.rules, self.rules, draft.audience))
        result = linter.lint_text(text, name, input_format, self.config, settings)
        used = {rule.id: rule for rule in linter.rules_for(self.config, settings)}
        if any(finding.rule_id == UNUSED_RULE.id for finding in result.findings):
            used[UNUSED_RULE.id] = UNUSED_RULE
        return LintedDraft(result, used)

    def _linter_for(self, keyphrase: str | None) -> Linter:
        if keyphrase in self._linters:
            self._linters.move_to_end(keyphrase)
            return self._linters[keyphrase]
        linter = _SharedRulesLinter(LintOptions(keyphrase=keyphrase, config=self.config), self._shared)
        self._linters[keyphrase] = linter
        if len(self._linters) > KEPT_LINTERS:
            self._linters.popitem(last=False)
        return linter

    def warm_up(self) -> None:
        """Lint a short text in each format and for each audience, so that dictionaries and
        rule variants are ready before the first draft arrives (and requests read no files)."""
        sample = "Warm up\n\nThe doctor said the treatment helps most patients with migraine pain.\n"
        for audience in (None, *self.audiences):
            for input_format in ("txt", "md", "html"):
                self.lint(Draft(sample, input_format=input_format, audience=audience))


def _profiles(rule: Rule[Any, Any]) -> tuple[str, ...]:
    profiles = getattr(rule.options, "profiles", None) if hasattr(rule.options, "audience") else None
    return tuple(profiles) if isinstance(profiles, Mapping) else ()
