"""Machine reports: SARIF (against the official schema), GitHub commands, JUnit, Markdown, CSV, JSON score."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SAMPLES, SEED_TEXT, lint_file, lint_string

from lint.baseline import fingerprints
from lint.engine import FileResult, Linter, LintOptions
from lint.config import Config
from lint.findings import Finding
from lint.reporters import ReportContext, render
from lint.reporters.github import escape_data, escape_property
from lint.score import article_scores

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
REPORT_SCHEMA = json.loads((ROOT / "lint" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
HOSTILE = "<script>alert(1)</script> | =cmd() @octocat 100% done,\r\nnext: line\x01"


def linted(*paths: Path, select: tuple[str, ...] = ()) -> tuple[list[FileResult], ReportContext]:
    linter = Linter(LintOptions(select=select, config=Config(root=ROOT)))
    from lint.inputs import InputFile

    results = [linter.lint_input(InputFile(str(path.relative_to(ROOT)), path)) for path in paths]
    return results, ReportContext("9.9.9", linter.used_rules())


def hostile_result() -> FileResult:
    """A finding whose every string is hostile, as a rule quoting article text could make."""
    finding = Finding(
        rule_id="ED001", name="boilerplate-leftover", category="editorial", severity="info",
        message=HOSTILE, path="dir, with: odd%chars.md", line=2, column=3, end_line=2, end_column=9,
        start=10, end=17, text=HOSTILE, suggestion="=HYPERLINK(\"x\")",
    )
    return FileResult("dir, with: odd%chars.md", "md", findings=(finding,), source="# Title\n\nxx" + HOSTILE + "\n")


def sarif_errors(data: object) -> list[str]:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]


def test_sarif_validates_and_describes_rules_and_regions() -> None:
    results, context = linted(SEED_TEXT, SAMPLES / "clean" / "neurologists-and-botox.md")
    results.append(FileResult("missing.md", None, error="no such file or directory"))
    data = json.loads(render("sarif", results, context))
    assert sarif_errors(data) == []
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ed001 = next(rule for rule in rules if rule["id"] == "ED001")
    docs = context.rules["ED001"].docs
    assert ed001["fullDescription"]["text"] == docs.why
    assert docs.fix in ed001["help"]["text"] and docs.example in ed001["help"]["markdown"]
    assert ed001["shortDescription"]["text"] and ed001["defaultConfiguration"]["level"] == "error"
    result = next(item for item in run["results"] if item["ruleId"] == "ED001")
    assert rules[result["ruleIndex"]]["id"] == "ED001"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "samples/do-neurologists-do-botox.txt"
    # "Leave a Comment" is columns 1-15 inclusive; SARIF's end column is exclusive.
    assert location["region"] == {"startLine": 117, "startColumn": 1, "endLine": 117, "endColumn": 16, "snippet": {"text": "Leave a Comment"}}
    assert result["level"] == "error" and result["partialFingerprints"]["contentlint/v1"]
    levels = {item["level"] for item in run["results"]}
    assert levels <= {"error", "warning", "note"} and "note" in levels
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "missing.md" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_hostile_strings_and_odd_paths_stay_valid() -> None:
    data = json.loads(render("sarif", [hostile_result()], ReportContext("1", {})))
    assert sarif_errors(data) == []
    result = data["runs"][0]["results"][0]
    assert result["message"]["text"] == HOSTILE
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir%2C%20with%3A%20odd%25chars.md"


def test_fingerprints_survive_line_shifts_but_not_edits() -> None:
    article = "# Botox aftercare\n\nRest today.\n\nLeave a Comment\n"
    before = lint_string(article, select=["ED001"])
    shifted = lint_string(article.replace("Rest today.", "Rest today.\n\nAvoid massage.\n\nSleep upright."), select=["ED001"])
    assert [f.line for f in before.findings] != [f.line for f in shifted.findings]
    assert fingerprints(before) == fingerprints(shifted)
    twice = lint_string(article + "\nLeave a Comment\n", select=["ED001"])
    assert len(set(fingerprints(twice))) == 2 and fingerprints(twice)[0] == fingerprints(before)[0]
    sarif = json.loads(render("sarif", [shifted], ReportContext("1", {})))
    assert sarif["runs"][0]["results"][0]["partialFingerprints"]["contentlint/v1"] == fingerprints(before)[0]


def test_github_annotations_escape_data_and_properties() -> None:
    out = render("github", [hostile_result()], ReportContext("1", {})).splitlines()
    assert len(out) == 2  # the annotation stays on one line; then the summary
    command, _, message = out[0][2:].partition("::")
    kind, _, properties = command.partition(" ")
    assert kind == "notice"
    assert "file=dir%2C with%3A odd%25chars.md,line=2,col=3,endLine=2,endColumn=9,title=ED001 boilerplate-leftover" == properties
    assert message == HOSTILE.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A" and escape_data("a:b,c") == "a:b,c"


def test_github_annotation_levels_and_unreadable_files() -> None:
    results, context = linted(SEED_TEXT)
    results.append(FileResult("gone.md", None, error="no such file or directory"))
    lines = render("github", results, context).splitlines()
    assert "::error file=samples/do-neurologists-do-botox.txt,line=117,col=1,endLine=117,endColumn=15,title=ED001 boilerplate-leftover::" in "\n".join(lines)
    kinds = {line.split(" ", 1)[0] for line in lines if line.startswith("::")}
    assert kinds == {"::error", "::warning", "::notice"}
    assert "::error file=gone.md,title=contentlint::could not be linted: no such file or directory" in lines


def test_junit_one_case_per_file_and_rule() -> None:
    results, context = linted(SEED_TEXT, SAMPLES / "clean" / "neurologists-and-botox.md")
    results.append(FileResult("gone.md", None, error="no such file or directory"))
    root = ET.fromstring(render("junit", results, context))
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [r.path for r in results]
    seed = suites[0]
    assert len(seed.findall("testcase")) == len(context.rules) == int(seed.get("tests", "0"))
    ed001 = next(case for case in seed.findall("testcase") if case.get("name") == "ED001 boilerplate-leftover")
    failure = ed001.find("failure")
    assert failure is not None and failure.get("type") == "error" and ":117:1: error ED001" in (failure.text or "")
    failed = sum(case.find("failure") is not None for case in seed.findall("testcase"))
    assert failed == int(seed.get("failures", "-1")) and failed > 0
    assert int(root.get("tests", "0")) == sum(int(suite.get("tests", "0")) for suite in suites)
    assert suites[2].find("testcase/error") is not None and root.get("errors") == "1"


def test_junit_strips_characters_xml_cannot_hold() -> None:
    text = render("junit", [hostile_result()], ReportContext("1", {}))
    root = ET.fromstring(text)  # would raise on a raw \x01
    system_out = root.find("testsuite/testcase/system-out")
    assert system_out is not None and "<script>" in (system_out.text or "") and "\x01" not in text


def test_markdown_totals_tables_details_and_escaping() -> None:
    results, context = linted(SEED_TEXT, SAMPLES / "clean" / "neurologists-and-botox.md")
    out = render("markdown", results, context)
    seed_score = article_scores(results[0].findings)["score"]
    assert out.startswith("## contentlint report\n")
    assert f"| samples/do-neurologists-do-botox.txt | {seed_score} | " in out
    assert "<details>" in out and "</details>" in out
    assert "| 117:1 | error | ED001 boilerplate-leftover |" in out
    assert "Rules in this report" in out and context.rules["ED001"].docs.fix.split()[0] in out
    hostile = render("markdown", [hostile_result()], ReportContext("1", {}))
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
    assert "@octocat" not in hostile  # no mention from article text
    row = next(line for line in hostile.splitlines() if line.startswith("| 2:3 "))
    assert row.count(" | ") == 3  # the | in the message is escaped, the row keeps 4 cells


def test_csv_one_row_per_finding_with_formula_guard() -> None:
    results, context = linted(SEED_TEXT)
    rows = list(csv.DictReader(io.StringIO(render("csv", results, context))))
    assert len(rows) == len(results[0].findings)
    leave = next(row for row in rows if row["rule"] == "ED001")
    assert (leave["path"], leave["line"], leave["column"], leave["severity"], leave["category"], leave["text"]) == (
        "samples/do-neurologists-do-botox.txt", "117", "1", "error", "editorial", "Leave a Comment",
    )
    hostile = list(csv.DictReader(io.StringIO(render("csv", [hostile_result()], ReportContext("1", {})))))
    assert hostile[0]["suggestion"] == "'=HYPERLINK(\"x\")" and hostile[0]["message"] == HOSTILE


def test_csv_summary_one_row_per_article_with_scores() -> None:
    results, context = linted(SEED_TEXT, SAMPLES / "clean" / "neurologists-and-botox.md")
    results.append(FileResult("gone.md", None, error="no such file or directory"))
    rows = list(csv.DictReader(io.StringIO(render("csv-summary", results, context))))
    assert [row["path"] for row in rows] == [r.path for r in results]
    for row, result in zip(rows, results[:2]):
        scores = article_scores(result.findings)
        assert int(row["score"]) == scores["score"]
        assert int(row["medical_score"]) == scores["categories"]["medical"]  # type: ignore[index]
        assert int(row["findings"]) == len(result.findings)
        assert int(row["errors"]) == sum(f.severity == "error" for f in result.findings)
    assert rows[2]["score"] == "" and rows[2]["error"] == "no such file or directory"


def test_json_carries_the_shared_score() -> None:
    results, context = linted(SEED_TEXT)
    results.append(FileResult("gone.md", None, error="no such file or directory"))
    data = json.loads(render("json", results, context))
    jsonschema.validate(data, REPORT_SCHEMA)
    scores = article_scores(results[0].findings)
    assert data["files"][0]["score"] == scores["score"] and data["files"][0]["category_scores"] == scores["categories"]
    assert data["files"][1]["score"] is None


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "markdown", "csv", "csv-summary", "json"])
def test_reporters_are_deterministic(name: str) -> None:
    results, context = linted(SEED_TEXT)
    again, _ = linted(SEED_TEXT)
    assert render(name, results, context) == render(name, again, context)
    assert render(name, [], context)  # an empty run still renders a valid, non-empty report


def test_text_report_cuts_a_very_long_line_to_a_window_around_each_finding() -> None:
    # Minified HTML or pasted data: one line of 60,000 characters with findings along it.
    filler = "Neurologists treat migraine with injections. " * 700
    source = f"# Botox\n\n{filler}Dose: TODO units. {filler}Dose: TODO units.\n"
    result = lint_string(source, "md", path="long.md")
    report = render("text", [result], ReportContext("test", frozenset()))
    findings = [finding for finding in result.findings if finding.rule_id == "ED002"]
    assert len(findings) == 2
    for finding in findings:
        headline = next(index for index, line in enumerate(report.splitlines()) if line.startswith(f"{finding.path}:{finding.line}:{finding.column}:") and "ED002" in line)
        shown, marker = report.splitlines()[headline + 1 : headline + 3]
        assert len(shown) < 400 and shown.startswith("    3 | …")
        caret = marker.index("^")
        assert shown[caret : caret + 4] == "TODO"
        assert marker.count("^") == 4
    assert len(report) < len(source)  # whole, each of the ~13 excerpts would repeat the 63,000-character line


def test_text_report_shows_ordinary_lines_whole() -> None:
    result = lint_string("# Botox\n\nPlease Leave a Comment below.\n", "md", path="short.md")
    report = render("text", [result], ReportContext("test", frozenset()))
    assert "    3 | Please Leave a Comment below.\n" in report
