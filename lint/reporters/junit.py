"""JUnit XML for CI test reports: a test suite per file, a test case per file × rule.

A rule with errors or warnings in a file is a failed test case whose body lists them; info
findings do not fail a case and are listed in its `system-out`. A file that could not be
linted is one test case with an `<error>`. No timestamps or durations, so output is stable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any, Sequence

from lint.engine import FileResult
from lint.findings import Finding
from lint.reporters import ReportContext, documenting_rule

# Characters XML 1.0 cannot hold even escaped (controls other than tab, LF, CR; lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    root = ET.Element("testsuites", name="contentlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = _suite(result, context)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(result: FileResult, context: ReportContext) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_text(result.path))
    if result.error is not None:
        case = ET.SubElement(suite, "testcase", name="contentlint.read", classname=xml_text(result.path), time="0")
        ET.SubElement(case, "error", message=xml_text(result.error), type="unreadable")
        return _with_counts(suite, tests=1, failures=0, errors=1)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.rule_id].append(finding)
    failures = 0
    for rule_id in sorted(set(context.rules) | set(by_rule)):
        findings = by_rule.get(rule_id, [])
        rule = documenting_rule(context.rules, rule_id, findings[0].name if findings else "")
        case = _case(result.path, rule_id, rule, findings)
        failures += case.find("failure") is not None
        suite.append(case)
    return _with_counts(suite, tests=len(suite), failures=failures, errors=0)


def _with_counts(suite: ET.Element, *, tests: int, failures: int, errors: int) -> ET.Element:
    for key, value in (("tests", tests), ("failures", failures), ("errors", errors), ("skipped", 0), ("time", 0)):
        suite.set(key, str(value))
    return suite


def _case(path: str, rule_id: str, rule: Any, findings: list[Finding]) -> ET.Element:
    name = f"{rule_id} {rule.name}" if rule is not None else rule_id
    case = ET.Element("testcase", name=xml_text(name), classname=xml_text(path), time="0")
    failing = [finding for finding in findings if finding.severity != "info"]
    infos = [finding for finding in findings if finding.severity == "info"]
    if failing:
        worst = "error" if any(finding.severity == "error" for finding in failing) else "warning"
        message = f"{len(failing)} finding{'s' if len(failing) != 1 else ''}: {failing[0].message}"
        failure = ET.SubElement(case, "failure", message=xml_text(message), type=worst)
        failure.text = xml_text("\n".join(_line(finding) for finding in failing))
    if infos:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(_line(finding) for finding in infos))
    return case


def _line(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule_id} {finding.message}"
