"""The engine: one source → Document → active rules → sorted, suppressed findings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from lint import metrics as base_metrics
from lint.checks import check_module
from lint.config import Config, FileSettings, discover_config
from lint.document import Document
from lint.errors import InputError, UserError
from lint.findings import Finding
from lint.inputs import InputFile, decode, read_bytes
from lint.limits import TimeLimitExceeded, time_limit
from lint.parsers import format_for, parse
from lint.parsers.common import keyphrase_from_title
from lint.rule_sets import active_rules, pack_dirs, with_languagetool
from lint.rules import Rule, load_rules
from lint.suppressions import (
    UNUSED_RULE,
    apply,
    find_suppressions,
    mask_directives,
    reports_unused,
    unused_findings,
)
from lint.text import Span

DEBUG_ENV = "CONTENTLINT_DEBUG"  # set by `contentlint --debug`; forked workers inherit it
@dataclass(frozen=True)
class FileResult:
    path: str
    format: str | None
    keyphrase: str | None = None
    keyphrase_source: str | None = None
    metrics: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    source: str | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "keyphrase": self.keyphrase,
            "keyphrase_source": self.keyphrase_source,
            "metrics": dict(self.metrics),
            "findings": [finding.as_dict() for finding in self.findings],
            "error": self.error,
        }


@dataclass(frozen=True)
class PreparedInput:
    """An input read and resolved, ready to lint here or in a worker process."""

    display: str
    format: str
    text: str
    config: Config
    settings: FileSettings
    is_stdin: bool = False


@dataclass(frozen=True)
class LintOptions:
    """What the command line (or API caller) asks for; these win over config files."""

    keyphrase: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    input_format: str | None = None
    stdin_filename: str | None = None
    config: Config | None = None  # --config FILE: used for every file, no discovery
    max_file_size: int | None = None  # bytes (0: no limit); None: the config's max-file-size
    time_limit: float | None = None  # seconds per file (0: none); None: the config's time-limit


class Linter:
    """Lints files with the config that applies to each; caches configs and rule sets."""

    def __init__(self, options: LintOptions | None = None) -> None:
        self.options = options or LintOptions()
        self._configs: dict[Path, Config] = {}
        self._rules: dict[tuple[str | None, str], tuple[Rule[Any, Any], ...]] = {}
        self._base_rules: dict[str | None, tuple[Rule[Any, Any], ...]] = {}
        self._rule_codes: dict[str | None, dict[str, str]] = {}
        self._reported_unused = False
        # Rule sets of results answered from the cache: loaded only if `used_rules` is asked.
        self._unloaded: dict[tuple[str | None, str], tuple[Config, FileSettings]] = {}

    def config_for(self, path: Path | None) -> Config:
        if self.options.config is not None:
            return self.options.config
        folder = (path.parent if path is not None else Path.cwd()).resolve()
        if folder not in self._configs:
            self._configs[folder] = discover_config(folder) or Config(root=Path.cwd())
        return self._configs[folder]

    def base_rules(self, config: Config) -> tuple[Rule[Any, Any], ...]:
        if config.path not in self._base_rules:
            self._base_rules[config.path] = with_languagetool(load_rules(pack_dirs(config)), config)
        return self._base_rules[config.path]

    def rules_for(self, config: Config, settings: FileSettings) -> tuple[Rule[Any, Any], ...]:
        key = (config.path, settings.cache_key)
        if key not in self._rules:
            self._rules[key] = active_rules(self.base_rules(config), settings, self.options)
        return self._rules[key]

    def note_rule_set(self, config: Config, settings: FileSettings) -> None:
        """A result from the cache came from this rule set (see `used_rules`)."""
        key = (config.path, settings.cache_key)
        if key not in self._rules:
            self._unloaded[key] = (config, settings)

    def used_rules(self) -> dict[str, Rule[Any, Any]]:
        """Every rule that ran, by ID (for reporters that describe rules)."""
        for config, settings in self._unloaded.values():
            self.rules_for(config, settings)
        self._unloaded.clear()
        used = {rule.id: rule for rules in self._rules.values() for rule in rules}
        if self._reported_unused:
            used[UNUSED_RULE.id] = UNUSED_RULE
        return used

    def rule_codes(self, config: Config) -> dict[str, str]:
        """Every code, name and alias of the config's rules (lower case) → the rule's code."""
        if config.path not in self._rule_codes:
            self._rule_codes[config.path] = {
                key.lower(): rule.id for rule in self.base_rules(config) for key in (rule.id, rule.name, *rule.aliases)
            }
        return self._rule_codes[config.path]

    def lint_input(self, item: InputFile, stdin: bytes | None = None) -> FileResult:
        """Lint one input; problems with the file itself become the result's `error`."""
        prepared = self.prepare_input(item, stdin)
        if isinstance(prepared, FileResult):
            return prepared
        return self.lint_text(prepared.text, prepared.display, prepared.format, prepared.config, prepared.settings)

    def prepare_input(self, item: InputFile, stdin: bytes | None = None) -> PreparedInput | FileResult:
        """Read and resolve one input (config, settings, format, text), or the error result.

        Parallel runs read in the parent and lint `PreparedInput`s in workers.
        """
        is_stdin = item.display == "-"
        display = (self.options.stdin_filename or "<stdin>") if is_stdin else item.display
        if item.error is not None:
            return FileResult(display, None, error=item.error)
        path = _stdin_path(self.options.stdin_filename) if is_stdin else item.path
        config = self.config_for(path)
        settings = config.for_path(path)
        input_format = self.options.input_format or settings.input_format or format_for(display)
        if input_format is None:
            return FileResult(display, None, error="unknown file type; use --input-format html|md|txt")
        try:
            max_size = self.options.max_file_size
            max_size = config.settings.max_file_size if max_size is None else max_size
            text = decode(read_bytes(item, stdin, max_size or None), input_format)
        except InputError as error:
            return FileResult(display, input_format, error=str(error))
        return PreparedInput(display, input_format, text, config, settings, is_stdin)

    def record(self, result: FileResult) -> None:
        """Note a result linted elsewhere (a worker, the cache) for `used_rules`."""
        self._reported_unused |= any(finding.rule_id == UNUSED_RULE.id for finding in result.findings)

    def lint_text(
        self, text: str, path: str, input_format: str, config: Config, settings: FileSettings
    ) -> FileResult:
        """Lint one text within the time limit (rules load before the clock starts)."""
        rules = self.rules_for(config, settings)
        try:
            with time_limit(_chosen(self.options.time_limit, config.settings.time_limit)):
                return self._lint_text(text, path, input_format, config, settings, rules)
        except TimeLimitExceeded as error:
            return FileResult(path, input_format, error=error.message)

    def _lint_text(
        self, text: str, path: str, input_format: str, config: Config, settings: FileSettings, rules: tuple[Rule[Any, Any], ...]
    ) -> FileResult:
        try:
            masked = mask_directives(text, input_format)
            document = parse(masked, path, input_format, **_parser_options(input_format, config))
        except InputError as error:
            return FileResult(path, input_format, error=str(error))
        except RecursionError:
            return FileResult(path, input_format, error="nesting too deep to parse")
        except Exception as error:  # a parser bug must not stop the other files
            if shows_tracebacks():
                raise
            return FileResult(path, input_format, error=f"internal parser error ({type(error).__name__}: {error}); please report it")
        document = with_keyphrase(document, self.options.keyphrase, settings.keyphrase)
        if masked != text and document.source == masked:  # directive lines were blanked for the parser
            document = replace(document, source=text)
        document = self.with_suppressions(document, config)
        select = self.options.select or settings.select
        findings = run_rules(
            document, rules, known=frozenset(self.rule_codes(config).values()),
            report_unused=reports_unused(select, settings.ignore + self.options.ignore), whole_rule_set=not select,
        )
        self._reported_unused |= any(finding.rule_id == UNUSED_RULE.id for finding in findings)
        return FileResult(
            path=path,
            format=input_format,
            keyphrase=document.meta.keyphrase,
            keyphrase_source=document.meta.keyphrase_source,
            metrics=document_metrics(document, rules),
            findings=findings,
            source=text,
        )

    def with_suppressions(self, document: Document, config: Config) -> Document:
        """The document with the suppressions its comments declare."""
        codes = self.rule_codes(config)
        return replace(document, suppressions=find_suppressions(document, lambda name: codes.get(name.lower(), name)))


def _chosen(command_line: float | None, configured: float) -> float:
    return configured if command_line is None else command_line


def shows_tracebacks() -> bool:
    """Whether internal errors propagate (tests, `--debug`) instead of becoming a per-file
    error or an error finding."""
    return "PYTEST_CURRENT_TEST" in os.environ or bool(os.environ.get(DEBUG_ENV))


def _stdin_path(name: str | None) -> Path | None:
    return Path(name) if name else None


def _parser_options(input_format: str, config: Config) -> dict[str, Any]:
    if input_format == "html" and config.settings.article_selector:
        return {"article_selector": config.settings.article_selector}
    return {}


def with_keyphrase(document: Document, cli: str | None, configured: str | None) -> Document:
    """Resolve the keyphrase: command line, front matter or meta keywords, config, title."""
    meta = document.meta
    if cli:
        keyphrase, source = cli, "cli"
    elif meta.keyphrase:
        return document
    elif configured:
        keyphrase, source = configured, "config"
    elif document.title_block is not None and document.title_block.text:
        keyphrase, source = keyphrase_from_title(document.title_block.text), "title"
    else:
        return document
    return replace(document, meta=replace(meta, keyphrase=keyphrase, keyphrase_source=source))


def run_rules(
    document: Document,
    rules: Iterable[Rule[Any, Any]],
    *,
    known: frozenset[str] | None = None,
    report_unused: bool = True,
    whole_rule_set: bool = False,
) -> tuple[Finding, ...]:
    """Findings of `rules` that no inline suppression hides, sorted; plus (info) the
    suppressions that hid nothing, judged against `known` rule codes."""
    rules = tuple(rules)
    findings: list[Finding] = []
    emitted_by: dict[str, str] = {}  # per-finding ids ("grammar/EN_A_VS_AN") → the rule's code
    for rule in rules:
        found = _run_rule(document, rule)
        emitted_by.update((finding.rule_id, rule.id) for finding in found if finding.rule_id != rule.id)
        findings.extend(found)
    for finding in findings:
        if not 0 <= finding.start <= finding.end <= len(document.source):
            raise AssertionError(f"{finding.rule_id}: span {finding.start}-{finding.end} outside the source")
    kept, used = apply(document.suppressions, findings, emitted_by)
    if report_unused and document.suppressions:
        active = frozenset(rule.id for rule in rules)
        kept.extend(unused_findings(document, used, active, known or active, whole_rule_set=whole_rule_set))
    return tuple(sorted(set(kept), key=lambda finding: finding.sort_key))


def _run_rule(document: Document, rule: Rule[Any, Any]) -> list[Finding]:
    try:
        return list(check_module(rule.kind).check(document, rule))
    except UserError:
        raise
    except TimeLimitExceeded as error:
        error.rule = error.rule or rule.id  # the message names the rule that ran out of time
        raise
    except Exception as error:  # a crashing check must not lose the other findings
        if shows_tracebacks():
            raise
        return [_crash_finding(document, rule, error)]


def _crash_finding(document: Document, rule: Rule[Any, Any], error: Exception) -> Finding:
    base = rule.finding(document, Span(0, 0), severity="error")
    return replace(base, message=f"internal error in rule {rule.id} ({type(error).__name__}: {error}); please report it")


def document_metrics(document: Document, rules: Iterable[Rule[Any, Any]]) -> dict[str, Any]:
    """Base counts plus what each active kind contributes (`metrics(doc, rule)`).

    A kind's metrics are computed once, with its first active rule, however many rules
    extend it.
    """
    result = base_metrics.compute(document)
    seen: set[str] = set()
    for rule in rules:
        module = check_module(rule.kind)
        if rule.kind not in seen and hasattr(module, "metrics"):
            result.update(module.metrics(document, rule))
        seen.add(rule.kind)
    return result
