"""Rule packs: `rules/<pack>/<ID>.toml` files → validated, ready-to-run `Rule` objects."""

from __future__ import annotations

import re
import tomllib
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, Iterable, Mapping, TypeVar

from lint.checks import check_module, known_kinds
from lint.document import BLOCK_KINDS, Document
from lint.errors import OptionError, RuleFileError
from lint.findings import SEVERITIES, Finding
from lint.options import field_name, parse_options, resolve_file_options
from lint.regex_guard import check_options, user_options
from lint.text import Span

O = TypeVar("O")
P = TypeVar("P")

RULE_FILE = re.compile(r"^[A-Z]{2,4}\d{3}\.toml$")
RULE_ID = re.compile(r"^[A-Z]{2,4}\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
PACK_PREFIXES = {
    "keyword": "KW",
    "readability": "RD",
    "medical": "MED",
    "editorial": "ED",
    "seo": "SEO",
    "grammar": "GR",
    "spelling": "SP",
    "finance": "FIN",
}
CATEGORIES = frozenset({"keyword", "readability", "medical", "finance", "editorial", "seo", "grammar", "spelling"})
_TOP_KEYS = frozenset(
    {"id", "name", "extends", "severity", "category", "scope", "message", "aliases", "enabled", "options", "docs"}
)
_DOC_KEYS = frozenset({"why", "fix", "example", "good", "format", "keyphrase"})
# Folders that hold the built-in packs: a wheel's, then a source checkout's.
_BUILTIN_ROOTS = (Path(__file__).parent / "_rules", Path(__file__).parent.parent / "rules")


@dataclass(frozen=True)
class RuleDocs:
    why: str
    fix: str
    example: str  # a text the rule fires on
    good: str  # the same text, fixed
    format: str = "md"  # the format the examples are written in
    keyphrase: str | None = None


@dataclass(frozen=True)
class Rule(Generic[O, P]):
    id: str
    name: str
    kind: str
    severity: str
    category: str
    pack: str
    scope: tuple[str, ...]
    message: str
    docs: RuleDocs
    options: O
    prepared: P
    raw_options: Mapping[str, Any] = field(default_factory=dict, repr=False)
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    source: str = ""

    def finding(
        self,
        doc: Document,
        span: Span | None = None,
        *,
        suggestion: str | None = None,
        severity: str | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding of this rule at `span` (source offsets); None means the whole document."""
        if span is None:
            span = document_span(doc)
        start, end = span
        last = max(start, end - 1)
        begin_at, end_at = doc.position(start), doc.position(last)
        return Finding(
            rule_id=self.id,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            message=format_message(self.message, fields),
            path=doc.path,
            line=begin_at.line,
            column=begin_at.column,
            end_line=end_at.line,
            end_column=end_at.column,
            start=start,
            end=end,
            text=doc.source[start:end],
            suggestion=suggestion,
        )

    def matches(self, selector: str) -> bool:
        """Whether `selector` (code, name, alias, category or pack) names this rule."""
        lowered = selector.lower()
        return lowered in (self.id.lower(), self.name, self.category, self.pack) or lowered in self.aliases


def document_span(doc: Document) -> Span:
    """Where a whole-document finding points: the title block, else line 1 column 1."""
    block = doc.title_block
    return block.source_extent if block is not None else Span(0, 0)


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, fields: Mapping[str, Any]) -> str:
    return template.format_map(_Fields(fields))


def load_rules(pack_dirs: Iterable[Path]) -> tuple[Rule[Any, Any], ...]:
    """Load every rule file of every pack; IDs and names must be unique."""
    rules: list[Rule[Any, Any]] = []
    seen: dict[str, str] = {}
    for pack_dir in pack_dirs:
        for path in sorted(pack_dir.glob("*.toml")):
            if not RULE_FILE.match(path.name):
                continue
            rule = load_rule_file(path, pack_dir.name)
            for key in (rule.id, rule.name, *rule.aliases):
                if key in seen:
                    raise RuleFileError(f"{path}: {key!r} is already used by {seen[key]}")
                seen[key] = str(path)
            rules.append(rule)
    return tuple(rules)


def load_rule_file(path: Path, pack: str) -> Rule[Any, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RuleFileError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise RuleFileError(f"{path}: invalid TOML: {error}") from None
    return build_rule(data, path, pack)


def build_rule(data: Mapping[str, Any], path: Path, pack: str) -> Rule[Any, Any]:
    where = str(path)
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise RuleFileError(f"{where}: {unknown[0]}: unknown key")
    rule_id = _required_str(data, "id", where)
    if not RULE_ID.match(rule_id) or path.stem != rule_id:
        raise RuleFileError(f"{where}: id: {rule_id!r} must be a pack prefix plus three digits and match the file name")
    name = _required_str(data, "name", where)
    if not RULE_NAME.match(name):
        raise RuleFileError(f"{where}: name: {name!r} is not a kebab-case slug")
    kind = _required_str(data, "extends", where)
    if kind not in known_kinds():
        raise RuleFileError(f"{where}: extends: unknown check kind {kind!r} (known: {', '.join(sorted(known_kinds()))})")
    severity = _choice(data, "severity", SEVERITIES, where)
    category = data.get("category", pack)
    if category not in CATEGORIES:
        raise RuleFileError(f"{where}: category: {category!r} is not one of {', '.join(sorted(CATEGORIES))}")
    rule: Rule[Any, Any] = Rule(
        id=rule_id,
        name=name,
        kind=kind,
        severity=severity,
        category=category,
        pack=pack,
        scope=_scope(data, where),
        message=_required_str(data, "message", where),
        docs=_docs(data, where),
        options=None,
        prepared=None,
        raw_options=dict(data.get("options", {})),
        aliases=_string_list(data, "aliases", where),
        enabled=_boolean(data, "enabled", where, default=True),
        source=where,
    )
    user_keys = () if is_builtin_pack(path.parent) else tuple(rule.raw_options)
    return with_options(rule, rule.raw_options, path.parent, user_keys)


def is_builtin_pack(folder: Path) -> bool:
    return folder.resolve().parent in {root.resolve() for root in _BUILTIN_ROOTS}


def with_options(
    rule: Rule[Any, Any], raw: Mapping[str, Any], base_dir: Path | None, user_keys: Iterable[str] = ()
) -> Rule[Any, Any]:
    """The rule with `raw` options validated against its kind and prepared.

    Patterns in `user_keys` (options a user wrote, in a pack of theirs or a config) must not
    have a catastrophic shape, and the rule's patterns are compiled under the regex guard.
    """
    module = check_module(rule.kind)
    raw = resolve_file_options(module.Options, raw, base_dir)
    user_keys = tuple(user_keys)
    try:
        options = parse_options(module.Options, raw, base_dir)
        check_options({key: getattr(options, field_name(key)) for key in user_keys if key in raw})
        with user_options() if user_keys else nullcontext():
            prepared = module.prepare(options) if hasattr(module, "prepare") else None
    except OptionError as error:
        raise RuleFileError(f"{rule.source}: {error}") from None
    except re.error as error:
        raise RuleFileError(f"{rule.source}: options: invalid regular expression: {error}") from None
    return replace(rule, options=options, prepared=prepared, raw_options=dict(raw))


def _required_str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(f"{where}: {key}: required, a non-empty string")
    return value


def _choice(data: Mapping[str, Any], key: str, choices: Iterable[str], where: str) -> str:
    value = _required_str(data, key, where)
    if value not in choices:
        raise RuleFileError(f"{where}: {key}: {value!r} is not one of {', '.join(choices)}")
    return value


def _string_list(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RuleFileError(f"{where}: {key}: expected a list of strings")
    return tuple(value)


def _boolean(data: Mapping[str, Any], key: str, where: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise RuleFileError(f"{where}: {key}: expected true or false")
    return value


def _scope(data: Mapping[str, Any], where: str) -> tuple[str, ...]:
    scope = _string_list(data, "scope", where) or ("any",)
    unknown = [kind for kind in scope if kind not in BLOCK_KINDS and kind != "any"]
    if unknown:
        raise RuleFileError(f"{where}: scope: unknown block kind {unknown[0]!r}")
    return scope


def _docs(data: Mapping[str, Any], where: str) -> RuleDocs:
    docs = data.get("docs")
    if not isinstance(docs, dict):
        raise RuleFileError(f"{where}: docs: required table with why, fix, example, good")
    unknown = sorted(set(docs) - _DOC_KEYS)
    if unknown:
        raise RuleFileError(f"{where}: docs.{unknown[0]}: unknown key")
    values = {key: _required_str(docs, key, f"{where}: docs") for key in ("why", "fix", "example", "good")}
    doc_format = docs.get("format", "md")
    if doc_format not in ("md", "html", "txt"):
        raise RuleFileError(f"{where}: docs.format: expected md, html or txt")
    keyphrase = docs.get("keyphrase")
    if keyphrase is not None and not isinstance(keyphrase, str):
        raise RuleFileError(f"{where}: docs.keyphrase: expected a string")
    return RuleDocs(format=doc_format, keyphrase=keyphrase, **values)
