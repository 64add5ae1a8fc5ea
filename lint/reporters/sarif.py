"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every rule that ran is described (docs → shortDescription, fullDescription, help); each
finding is a result with an exact region (SARIF end columns are exclusive, ours inclusive)
and the line-independent fingerprint baselines use, so alerts stay put across commits.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any, Mapping, Sequence
from urllib.parse import quote

from lint.baseline import fingerprints
from lint.engine import FileResult
from lint.findings import Finding
from lint.reporters import ReportContext, documenting_rule, finding_names

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "contentlint/v1"
INFORMATION_URI = "https://pypi.org/project/contentlint/"


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json.dumps(sarif_log(results, context), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sarif_log(results: Sequence[FileResult], context: ReportContext) -> dict[str, Any]:
    rule_ids = sorted(set(context.rules) | {f.rule_id for r in results for f in r.findings})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    run = {
        "tool": {"driver": _driver(rule_ids, context, finding_names(results))},
        "columnKind": "unicodeCodePoints",
        "results": [item for result in results for item in _results(result, index)],
        "invocations": [_invocation(results)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _driver(rule_ids: list[str], context: ReportContext, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "name": "contentlint",
        "version": context.version,
        "semanticVersion": context.version,
        "informationUri": INFORMATION_URI,
        "rules": [
            _descriptor(rule_id, documenting_rule(context.rules, rule_id, names.get(rule_id, ""))) for rule_id in rule_ids
        ],
    }


def _descriptor(rule_id: str, rule: Any) -> dict[str, Any]:
    if rule is None:  # a finding of a rule the context does not describe
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    docs = rule.docs
    short = rule.name.replace("-", " ").capitalize()
    if rule_id != rule.id:  # one LanguageTool rule (grammar/EN_A_VS_AN), documented by the rule that emits it
        short = f"{short}: {rule_id.partition('/')[2]}"
    return {
        "id": rule_id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": docs.why},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": sorted({rule.category, rule.pack})},
    }


def _help_text(rule: Any) -> str:
    docs = rule.docs
    example, good = docs.example.strip("\n"), docs.good.strip("\n")
    return f"{docs.why}\n\nHow to fix: {docs.fix}\n\nExample:\n{example}\n\nBetter:\n{good}"


def _help_markdown(rule: Any) -> str:
    docs = rule.docs
    example, good = docs.example.strip("\n"), docs.good.strip("\n")
    fence = "````" if "```" in example + good else "```"
    return (
        f"**{rule.id} {rule.name}** ({rule.category})\n\n{docs.why}\n\n**How to fix:** {docs.fix}\n\n"
        f"Example:\n\n{fence}{docs.format}\n{example}\n{fence}\n\nBetter:\n\n{fence}{docs.format}\n{good}\n{fence}"
    )


def _results(result: FileResult, index: Mapping[str, int]) -> list[dict[str, Any]]:
    if result.error is not None:
        return []
    uri = artifact_uri(result.path)
    return [_result(finding, uri, print_, index) for finding, print_ in zip(result.findings, fingerprints(result))]


def _result(finding: Finding, uri: str, fingerprint: str, index: Mapping[str, int]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(finding)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.suggestion is not None:
        item["properties"] = {"suggestion": finding.suggestion}
    return item


def region(finding: Finding) -> dict[str, Any]:
    """The finding's region; SARIF's endColumn is one past the last character."""
    empty = finding.start == finding.end
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column + (0 if empty else 1),
        "snippet": {"text": finding.text},
    }


def artifact_uri(path: str) -> str:
    """A relative URI for a relative path (resolved by code scanning against the checkout
    root), a file: URI for an absolute one."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if pure.is_absolute():
        posix = pure.as_posix()
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:")
    return quote(posixpath.normpath(pure.as_posix()))


def _invocation(results: Sequence[FileResult]) -> dict[str, Any]:
    notes = [
        {
            "level": "error",
            "message": {"text": f"{result.path}: {result.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}}}],
        }
        for result in results
        if result.error is not None
    ]
    return {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
