"""Which rules apply: the packs a config selects, then its settings, select and ignore."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from lint.config import Config, FileSettings
from lint.errors import ConfigError, RuleFileError
from lint.rules import Rule, with_options

if TYPE_CHECKING:
    from lint.engine import LintOptions

PACKAGE_RULES = Path(__file__).parent / "_rules"  # where a wheel installs the built-in packs
SOURCE_RULES = Path(__file__).parent.parent / "rules"  # a source checkout or editable install


def builtin_rules_dir() -> Path:
    return PACKAGE_RULES if PACKAGE_RULES.is_dir() else SOURCE_RULES


def builtin_packs() -> tuple[str, ...]:
    return tuple(sorted(path.name for path in builtin_rules_dir().iterdir() if path.is_dir()))


def pack_dirs(config: Config) -> list[Path]:
    """Built-in packs the config selects, then the config's own pack folders."""
    builtin = builtin_rules_dir()
    names = config.settings.packs if config.settings.packs is not None else builtin_packs()
    folders = []
    for name in names:
        folder = builtin / name
        if not folder.is_dir():
            raise ConfigError(f"{config.path}: packs: no built-in pack {name!r} (known: {', '.join(builtin_packs())})")
        folders.append(folder)
    for extra in config.settings.rule_packs:
        folder = (config.root / extra).resolve()
        if not folder.is_dir():
            raise ConfigError(f"{config.path}: rule-packs: {extra!r} is not a folder")
        folders.append(folder)
    return folders


def active_rules(
    rules: Iterable[Rule[Any, Any]], settings: FileSettings, options: LintOptions
) -> tuple[Rule[Any, Any], ...]:
    """Rules after config settings, select and ignore (command-line selections win)."""
    rules = tuple(rules)
    _check_rule_keys(rules, settings)
    select = options.select or settings.select
    ignore = settings.ignore + options.ignore
    chosen = []
    for rule in rules:
        configured = apply_setting(rule, _setting_for(rule, settings.rules), settings.config_path)
        if configured is None:
            continue
        if select and not any(rule.matches(selector) for selector in select):
            continue
        if not select and not configured.enabled:
            continue
        if any(rule.matches(selector) for selector in ignore):
            continue
        chosen.append(configured)
    return tuple(chosen)


def with_languagetool(rules: tuple[Rule[Any, Any], ...], config: Config) -> tuple[Rule[Any, Any], ...]:
    """`[tool.contentlint.languagetool]` holds the grammar rules' options and so turns them on."""
    table = config.settings.languagetool
    if not table:
        return rules
    if not any(rule.kind == "grammar" for rule in rules):
        raise ConfigError(f"{config.path}: languagetool: no grammar rule is loaded (add \"grammar\" to packs)")
    configured = []
    for rule in rules:
        if rule.kind == "grammar":
            try:
                rule = apply_setting(rule, table, config.path) or replace(rule, enabled=False)
            except ConfigError as error:
                raise ConfigError(str(error).replace(f"rules.{rule.id}", "languagetool", 1)) from None
        configured.append(rule)
    return tuple(configured)


def _setting_for(rule: Rule[Any, Any], settings: Mapping[str, Any]) -> Any:
    for key in (rule.id, rule.name, *rule.aliases):
        if key in settings:
            return settings[key]
    return None


def _check_rule_keys(rules: tuple[Rule[Any, Any], ...], settings: FileSettings) -> None:
    known = {key for rule in rules for key in (rule.id, rule.name, *rule.aliases)}
    for key in settings.rules:
        if key not in known:
            raise ConfigError(f"{settings.config_path}: rules.{key}: no such rule")


def apply_setting(rule: Rule[Any, Any], setting: Any, where: str | None) -> Rule[Any, Any] | None:
    """The rule as a config entry changes it: "off", a severity, or a table; None when off."""
    if setting is None:
        return rule
    if setting == "off":
        return None
    if setting in ("error", "warning", "info"):
        return replace(rule, severity=setting, enabled=True)
    if not isinstance(setting, Mapping):
        raise ConfigError(f"{where}: rules.{rule.id}: expected \"off\", a severity or a table")
    table = dict(setting)
    severity = table.pop("severity", rule.severity)
    enabled = table.pop("enabled", True)
    if severity not in ("error", "warning", "info") or not isinstance(enabled, bool):
        raise ConfigError(f"{where}: rules.{rule.id}: severity must be error|warning|info, enabled true|false")
    if not enabled:
        return None
    if table:
        try:
            # Data files named in a config resolve against the config's folder.
            base_dir = Path(where).parent if where else Path.cwd()
            rule = with_options(replace(rule, source=str(where)), {**rule.raw_options, **table}, base_dir, tuple(table))
        except RuleFileError as error:
            raise ConfigError(str(error).replace("options.", f"rules.{rule.id}.", 1)) from None
    return replace(rule, severity=severity, enabled=True)
