"""Rule catalog and document inspection views for `contentlint rules|explain|inspect`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Sequence

from lint.options import option_key
from lint.rules import Rule


def rule_record(rule: Rule[Any, Any]) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "kind": rule.kind,
        "enabled": rule.enabled,
        "scope": list(rule.scope),
        "message": rule.message,
        "why": rule.docs.why,
        "fix": rule.docs.fix,
        "example": rule.docs.example,
        "good": rule.docs.good,
        "options": option_values(rule),
        "aliases": list(rule.aliases),
    }


def option_values(rule: Rule[Any, Any]) -> dict[str, Any]:
    if not dataclasses.is_dataclass(rule.options):
        return {}
    values = {}
    for field in dataclasses.fields(rule.options):
        value = getattr(rule.options, field.name)
        raw = rule.raw_options.get(option_key(field.name))
        if isinstance(raw, str) and not isinstance(value, str):
            values[option_key(field.name)] = f"(data file {Path(raw).name})"
            continue
        if isinstance(value, tuple) and len(value) > 12:
            value = list(value[:12]) + [f"… {len(value) - 12} more"]
        elif hasattr(value, "items") and len(value) > 12:
            value = dict(list(value.items())[:12])
        values[option_key(field.name)] = _plain(value)
    return values


def rules_table(rules: Sequence[Rule[Any, Any]]) -> str:
    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "DESCRIPTION")]
    rows += [(r.id, r.name, r.category, r.severity + ("" if r.enabled else " (off)"), _first_sentence(r.docs.why)) for r in rules]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4] + "\n" for row in rows)


def rules_json(rules: Sequence[Rule[Any, Any]]) -> str:
    return json.dumps([rule_record(rule) for rule in rules], indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def rules_markdown(rules: Sequence[Rule[Any, Any]]) -> str:
    lines = ["| Code | Name | Category | Severity | What it finds |", "|---|---|---|---|---|"]
    for rule in rules:
        off = " (off by default)" if not rule.enabled else ""
        lines.append(f"| {rule.id} | `{rule.name}` | {rule.category} | {rule.severity}{off} | {_first_sentence(rule.docs.why)} |")
    return "\n".join(lines) + "\n"


def _first_sentence(text: str) -> str:
    sentence = " ".join(text.split()).split(". ")[0].rstrip(".")
    return sentence.replace("|", "\\|") + "."


def explain_text(rule: Rule[Any, Any]) -> str:
    record = rule_record(rule)
    options = "\n".join(f"  {key} = {json.dumps(value, ensure_ascii=False)}" for key, value in record["options"].items())
    return (
        f"{rule.id} {rule.name} ({rule.category}, {rule.severity}{'' if rule.enabled else ', off by default'})\n\n"
        f"Why it matters:\n  {rule.docs.why}\n\nHow to fix:\n  {rule.docs.fix}\n\n"
        f"Fires on:\n{_indent(rule.docs.example)}\n\nPasses:\n{_indent(rule.docs.good)}\n\n"
        f"Options (set under [tool.contentlint.rules.{rule.id}]):\n{options or '  none'}\n"
    )


def _indent(text: str) -> str:
    return "\n".join("  | " + line for line in text.strip("\n").splitlines())


def inspect_document(path: str, input_format: str | None, keyphrase: str | None, output_format: str) -> str:
    """How the parser read a file: metadata, keyphrase and every block with its position."""
    from lint.engine import with_keyphrase
    from lint.errors import InputError
    from lint.inputs import InputFile, decode, read_bytes
    from lint.parsers import format_for, parse

    chosen = input_format or format_for(path)
    if chosen is None:
        raise InputError("unknown file type; use --input-format html|md|txt")
    item = InputFile(path, Path(path))
    if not item.path or not item.path.is_file():
        raise InputError("no such file")
    document = with_keyphrase(parse(decode(read_bytes(item), chosen), path, chosen), keyphrase, None)
    data = document_record(document)
    if output_format == "json":
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
    return _inspect_text(data)


def document_record(document: Any) -> dict[str, Any]:
    meta = {
        field.name: _plain(getattr(document.meta, field.name))
        for field in dataclasses.fields(document.meta)
        if getattr(document.meta, field.name) not in (None, (), {}, [])
    }
    blocks = []
    for block in document.blocks:
        start, end = block.source_extent
        begin, last = document.position(start), document.position(max(start, end - 1))
        blocks.append({
            "kind": block.kind,
            "level": block.level,
            "region": block.region,
            "line": begin.line, "column": begin.column, "end_line": last.line, "end_column": last.column,
            "attrs": dict(block.attrs),
            "text": block.text,
            "sentences": [block.text[span.start:span.end] for span in block.sentences] if block.is_prose else [],
        })
    return {"path": document.path, "format": document.format, "metadata": meta, "blocks": blocks}


def _plain(value: Any) -> Any:
    """Mapping proxies and tuples as plain dicts and lists, for printing and JSON."""
    if hasattr(value, "items"):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _inspect_text(data: dict[str, Any]) -> str:
    lines = [f"{data['path']} ({data['format']})", "", "Metadata:"]
    for key, value in data["metadata"].items():
        lines.append(f"  {key}: {value}")
    lines += ["", "Blocks:"]
    for block in data["blocks"]:
        level = f" h{block['level']}" if block["kind"] == "heading" else ""
        region = "" if block["region"] == "article" else f" [{block['region']}]"
        where = f"{block['line']}:{block['column']}-{block['end_line']}:{block['end_column']}"
        lines.append(f"  {where:<14} {block['kind']}{level}{region}: {_clip(block['text'])}")
        for number, sentence in enumerate(block["sentences"], 1):
            lines.append(f"  {'':<14}   {number}. {_clip(sentence)}")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
