"""GR001 (grammar kind) against a loopback server speaking LanguageTool's /v2 protocol.

tests/fake_languagetool.py answers like a real LanguageTool 6.x server (UTF-16 offsets,
the full match shape); the last test runs against a real server when CONTENTLINT_LT_URL
is set, e.g. `docker run -p 8010:8010 erikvl87/languagetool` and
`CONTENTLINT_LT_URL=http://localhost:8010 python -m pytest tests/test_grammar.py`.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import types
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest

from conftest import ROOT, lint_string
from fake_languagetool import FakeLanguageTool

from lint.config import Config, FileSettings
from lint.engine import FileResult, Linter, LintOptions
from lint.errors import ConfigError
from lint.reporters import REPORTERS, ReportContext, render

ARTICLE_MD = """---
title: Botox for chronic migraine
---
# Botox for chronic migraine

Botox is a option for adults with chronic migraine.

- Most paitents feel a brief sting 😀 and the the effect lasts months.
- People with blepharospasm respond within days.

Run `teh` in a terminal.
"""
ARTICLE_HTML = """<html lang="en-US"><head><title>Botox for chronic migraine</title></head><body><article>
<h1>Botox for chronic migraine</h1>
<p>Botox is <em>a</em> option for adults with &quot;chronic&quot; migraine.</p>
<ul><li>Most paitents feel a brief sting &#x1F600; and <b>the the</b> effect lasts months.</li>
<li>People with blepharospasm respond within days.</li></ul>
<p>Run <code>teh</code> in a terminal.</p>
</article></body></html>
"""
ARTICLE_TXT = """Botox for chronic migraine

Botox is a option for adults with chronic migraine.

  • Most paitents feel a brief sting 😀 and the the effect lasts months.
  • People with blepharospasm respond within days.
"""
EXPECTED = {  # LanguageTool rule id → the source text its finding must cover
    "grammar/EN_A_VS_AN": "a",
    "grammar/MORFOLOGIK_RULE_EN_US": "paitents",
    "grammar/ENGLISH_WORD_REPEAT_RULE": "the the",
}


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    server = FakeLanguageTool()
    yield server
    server.close()


def linter_for(url: str, select: tuple[str, ...] = ("GR001",), **options: Any) -> tuple[Linter, Config, FileSettings]:
    config = Config(root=ROOT)
    linter = Linter(LintOptions(select=select, config=config))
    return linter, config, FileSettings(rules={"GR001": {"url": url, **options}}, config_path="test-config")


def lint(url: str, text: str, fmt: str = "md", select: tuple[str, ...] = ("GR001",), **options: Any) -> FileResult:
    linter, config, settings = linter_for(url, select, **options)
    return linter.lint_text(text, f"article.{fmt}", fmt, config, settings)


def grammar_findings(result: FileResult) -> list[Any]:
    return [finding for finding in result.findings if finding.rule_id.startswith("grammar/")]


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("fmt, text", [("md", ARTICLE_MD), ("html", ARTICLE_HTML), ("txt", ARTICLE_TXT)])
def test_matches_land_on_their_source_text_in_every_format(fake: FakeLanguageTool, fmt: str, text: str) -> None:
    result = lint(fake.url, text, fmt)
    findings = grammar_findings(result)
    assert {finding.rule_id: finding.text for finding in findings} == EXPECTED
    lines = text.split("\n")
    for finding in findings:
        # line/column (code points, after an astral emoji and entities) point at the same text
        assert lines[finding.line - 1][finding.column - 1 : finding.end_column] == finding.text
        assert text[finding.start : finding.end] == finding.text
    # blepharospasm is in the medical vocabulary; `teh` is inline code
    assert "blepharospasm" not in {finding.text for finding in findings}
    assert fake.checks and "teh" not in fake.checks[0]["text"].split("\n\n")[0]


def test_finding_carries_message_category_suggestion_and_rule_name(fake: FakeLanguageTool) -> None:
    finding = next(f for f in grammar_findings(lint(fake.url, ARTICLE_MD)) if f.rule_id == "grammar/MORFOLOGIK_RULE_EN_US")
    assert finding.message == "Possible Typo: Possible spelling mistake found."
    assert finding.suggestion == "patients"
    assert (finding.name, finding.category, finding.severity) == ("grammar", "grammar", "warning")


def test_only_prose_is_sent_one_request_per_document(fake: FakeLanguageTool) -> None:
    paragraphs = "\n\n".join(f"Paragraph {number} is a option worth a note." for number in range(40))
    result = lint(fake.url, f"# Title\n\n{paragraphs}\n\n```\na example in code\n```\n")
    assert len(grammar_findings(result)) == 40
    assert [method for method, _ in fake.requests] == ["GET", "POST"]  # probe, then one check
    sent = fake.checks[0]["text"]
    assert sent.count("\n\n") == 40 and "a example in code" not in sent


def test_large_documents_are_split_at_block_boundaries(fake: FakeLanguageTool) -> None:
    paragraphs = "\n\n".join(f"Paragraph {number} is a option for many readers of this page." for number in range(100))
    result = lint(fake.url, f"# Title\n\n{paragraphs}\n", max_request_chars=1000)
    assert len(grammar_findings(result)) == 100
    sizes = [len(check["text"]) for check in fake.checks]
    assert len(sizes) >= 6 and max(sizes) <= 1000


def test_many_documents_share_one_probe_and_one_connection(fake: FakeLanguageTool) -> None:
    linter, config, settings = linter_for(fake.url)
    for number in range(5):
        linter.lint_text(f"# Note {number}\n\nThis is a option.\n", f"note{number}.md", "md", config, settings)
    assert [method for method, _ in fake.requests].count("GET") == 1
    assert len(fake.checks) == 5
    assert fake.connections == 1  # kept alive: not a connection per document, let alone per sentence


def test_match_across_two_blocks_is_dropped(fake: FakeLanguageTool) -> None:
    text = "# Side effects\n\n- Headache and neck pain\n- pain at the site fades\n"
    assert fake.url and grammar_findings(lint(fake.url, text)) == []
    assert "pain\n\npain" in fake.checks[0]["text"]  # the fake did report it, across the separator


def test_rule_selection_and_language_reach_the_server(fake: FakeLanguageTool) -> None:
    result = lint(fake.url, ARTICLE_MD, disabled_rules=["EN_A_VS_AN"], disabled_categories=["TYPOS"])
    assert {f.rule_id for f in grammar_findings(result)} == {"grammar/ENGLISH_WORD_REPEAT_RULE"}
    assert fake.checks[-1]["disabledRules"] == "EN_A_VS_AN" and fake.checks[-1]["language"] == "en-US"
    only = lint(fake.url, ARTICLE_MD, enabled_rules=["EN_A_VS_AN"], enabled_only=True)
    assert {f.rule_id for f in grammar_findings(only)} == {"grammar/EN_A_VS_AN"}
    assert fake.checks[-1]["enabledOnly"] == "true"


def test_document_language_variant_is_followed(fake: FakeLanguageTool) -> None:
    british = ARTICLE_HTML.replace('lang="en-US"', 'lang="en-GB"')
    assert "grammar/MORFOLOGIK_RULE_EN_GB" in {f.rule_id for f in grammar_findings(lint(fake.url, british, "html"))}
    assert fake.checks[-1]["language"] == "en-GB"
    lint(fake.url, british, "html", follow_document_language=False)
    assert fake.checks[-1]["language"] == "en-US"
    lint(fake.url, ARTICLE_HTML.replace('lang="en-US"', 'lang="en-ZZ"'), "html")  # the server lacks it
    assert fake.checks[-1]["language"] == "en-US"


def test_project_and_article_vocabularies_drop_spelling_matches(fake: FakeLanguageTool) -> None:
    assert "paitents" not in {f.text for f in grammar_findings(lint(fake.url, ARTICLE_MD, words=["paitents"]))}
    with_front_matter = ARTICLE_MD.replace("---\n# Botox", "spelling-words: [paitents]\n---\n# Botox", 1)
    texts = {f.text for f in grammar_findings(lint(fake.url, with_front_matter))}
    assert "paitents" not in texts and "a" in texts


def test_server_error_is_one_finding_naming_the_url_and_others_still_run(fake: FakeLanguageTool) -> None:
    fake.behaviour = "error"
    text = "# Title\n\nThis is a option. TODO: add the dose.\n"
    result = lint(fake.url, text, select=("GR001", "ED002"))
    problems = [f for f in result.findings if f.rule_id == "GR001"]
    assert len(problems) == 1 and problems[0].severity == "error"
    assert fake.url in problems[0].message and "HTTP 500" in problems[0].message
    assert len(fake.checks) == 2  # retried once
    assert any(f.rule_id == "ED002" for f in result.findings)


def test_garbage_answer_is_retried_then_reported(fake: FakeLanguageTool) -> None:
    fake.behaviour = "garbage"
    problems = [f for f in lint(fake.url, ARTICLE_MD, unavailable_severity="warning").findings if f.rule_id == "GR001"]
    assert len(problems) == 1 and "not JSON" in problems[0].message and problems[0].severity == "warning"
    assert len(fake.checks) == 2


def test_one_failure_is_retried_transparently(fake: FakeLanguageTool) -> None:
    fake.behaviour = "fail-once"
    result = lint(fake.url, ARTICLE_MD)
    assert {f.rule_id for f in result.findings} == set(EXPECTED)
    assert len(fake.checks) == 2


def test_slow_server_times_out_once_for_the_whole_run(fake: FakeLanguageTool) -> None:
    fake.behaviour, fake.delay = "sleep", 3.0
    linter, config, settings = linter_for(fake.url, timeout=0.3)
    started = time.monotonic()
    results = [linter.lint_text(ARTICLE_MD, f"a{n}.md", "md", config, settings) for n in range(4)]
    elapsed = time.monotonic() - started
    messages = [f.message for result in results for f in result.findings]
    assert len(messages) == 1 and "no answer within 0.3 s" in messages[0]
    assert len(fake.checks) == 2  # the first document's try and retry; the rest wait for retry-after
    assert elapsed < 2.0


def test_unreachable_server_message_names_the_url() -> None:
    url = closed_port_url()
    result = lint(url, ARTICLE_MD, probe_timeout=1.0)
    [problem] = result.findings
    assert problem.message.startswith(f"LanguageTool at {url}/v2/ is unavailable (connection refused)")
    assert (problem.line, problem.column) == (2, 8)  # the title, as for whole-document findings


def test_no_server_configured_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no LanguageTool server is configured"):
        lint_string(ARTICLE_MD, select=["GR001"], rules={"GR001": {"mode": "server"}})


def test_public_api_needs_explicit_opt_in(fake: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="allow-public-api = true"):
        lint_string(ARTICLE_MD, select=["GR001"], rules={"GR001": {"mode": "public-api"}})
    monkeypatch.setattr("lint.checks.grammar_service.PUBLIC_API_URL", fake.url)  # stand in for languagetool.org
    result = lint_string(ARTICLE_MD, select=["GR001"], rules={"GR001": {"mode": "public-api", "allow-public-api": True}})
    assert {f.rule_id for f in result.findings} == set(EXPECTED)


def test_server_mode_never_imports_language_tool_python(fake: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "language_tool_python", None)  # importing it would fail
    assert {f.rule_id for f in lint(fake.url, ARTICLE_MD).findings} == set(EXPECTED)


def test_local_mode_starts_language_tool_python_and_uses_its_server(fake: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []

    class LanguageTool:
        def __init__(self, language: str) -> None:
            started.append(language)
            self.url = f"{fake.url}/v2/"

    monkeypatch.setitem(sys.modules, "language_tool_python", types.SimpleNamespace(LanguageTool=LanguageTool))
    result = lint_string(ARTICLE_MD, select=["GR001"], rules={"GR001": {"mode": "local"}})
    assert {f.rule_id for f in result.findings} == set(EXPECTED) and started == ["en-US"]
    monkeypatch.setitem(sys.modules, "language_tool_python", None)
    with pytest.raises(ConfigError, match=r"pip install 'contentlint\[grammar\]'"):
        lint_string(ARTICLE_MD, select=["GR001"], rules={"GR001": {"mode": "local"}})


def test_suppressions_by_code_name_and_languagetool_rule(fake: FakeLanguageTool) -> None:
    text = (
        "# Title\n\n<!-- contentlint-disable-next-line GR001 -->\nThis is a option.\n\n"
        "<!-- contentlint-disable-next-line grammar -->\nThis is a option.\n\n"
        "<!-- contentlint-disable-next-line grammar/EN_A_VS_AN -->\nThis is a option and the the end.\n"
    )
    findings = grammar_findings(lint(fake.url, text))
    assert [(f.rule_id, f.line) for f in findings] == [("grammar/ENGLISH_WORD_REPEAT_RULE", 10)]


def write_config(folder: Path, body: str) -> None:
    (folder / "contentlint.toml").write_text(body, encoding="utf-8")
    (folder / "article.md").write_text(ARTICLE_MD, encoding="utf-8")


def test_languagetool_table_turns_grammar_on(fake: FakeLanguageTool, run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, f'packs = ["grammar"]\n[languagetool]\nurl = "{fake.url}"\ndisabled-rules = ["EN_A_VS_AN"]\n')
    code, out, _ = run_cli("check", "article.md", "--format", "json")
    rules = {finding["rule"] for finding in json.loads(out)["files"][0]["findings"]}
    assert rules == {"grammar/MORFOLOGIK_RULE_EN_US", "grammar/ENGLISH_WORD_REPEAT_RULE"} and code == 0
    write_config(tmp_path, f'packs = ["grammar"]\n[languagetool]\nurl = "{fake.url}"\nenabled = false\n')
    assert run_cli("check", "article.md")[0:2] == (0, "1 file checked: 0 errors, 0 warnings, 0 infos\n")
    write_config(tmp_path, f'packs = ["grammar"]\n[rules]\ngrammar = {{ url = "{fake.url}", severity = "error" }}\n')
    code, out, _ = run_cli("check", "article.md")
    assert code == 1 and "error grammar/EN_A_VS_AN" in out
    write_config(tmp_path, '[languagetool]\nurl = "ftp://example.org"\n')
    code, _, err = run_cli("check", "article.md")
    assert code == 2 and "languagetool.url" in err and "http" in err


def test_unreachable_server_exit_code_follows_fail_on(run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = closed_port_url()
    write_config(tmp_path, f'packs = ["grammar", "editorial"]\n[languagetool]\nurl = "{url}"\n')
    (tmp_path / "second.md").write_text("# Second\n\nTODO: write it.\n", encoding="utf-8")
    code, out, _ = run_cli("check", "article.md", "second.md")
    assert code == 1 and out.count(f"LanguageTool at {url}/v2/ is unavailable") == 1
    assert "ED002" in out  # the other rules still ran
    code, out, _ = run_cli("check", "article.md", "--fail-on", "never")
    assert code == 0 and "unavailable" in out


def test_every_report_format_handles_languagetool_ids(fake: FakeLanguageTool) -> None:
    linter, config, settings = linter_for(fake.url)
    result = linter.lint_text(ARTICLE_MD, "article.md", "md", config, settings)
    context = ReportContext("9.9.9", linter.used_rules())
    assert "grammar/EN_A_VS_AN" not in context.rules  # reporters must fall back to GR001's docs
    why = context.rules["GR001"].docs.why
    reports = {name: render(name, [result], context) for name in REPORTERS}
    for name in REPORTERS:
        assert render(name, [result], ReportContext("9.9.9", {}))  # no rule descriptions at all
    assert "article.md:6:10: warning grammar/EN_A_VS_AN" in reports["text"]
    sarif_log = json.loads(reports["sarif"])
    validator = jsonschema.Draft4Validator(json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    assert [error.message for error in validator.iter_errors(sarif_log)] == []
    report_schema = json.loads((ROOT / "lint" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert [error.message for error in jsonschema.Draft202012Validator(report_schema).iter_errors(json.loads(reports["json"]))] == []
    sarif = sarif_log["runs"][0]
    descriptors = {rule["id"]: rule for rule in sarif["tool"]["driver"]["rules"]}
    assert descriptors["grammar/EN_A_VS_AN"]["fullDescription"]["text"] == why
    assert descriptors["grammar/EN_A_VS_AN"]["shortDescription"]["text"] == "Grammar: EN_A_VS_AN"
    region = next(r for r in sarif["results"] if r["ruleId"] == "grammar/EN_A_VS_AN")["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (6, 10, 11)
    assert {f["rule"] for f in json.loads(reports["json"])["files"][0]["findings"]} == set(EXPECTED)
    assert reports["markdown"].count(why) == 1 and r"grammar/EN\_A\_VS\_AN" in reports["markdown"]
    assert reports["html"].count("Grammar slips and wrong words") == 1
    cases = {case.get("name") for case in ET.fromstring(reports["junit"]).iter("testcase")}
    assert "grammar/EN_A_VS_AN grammar" in cases
    assert "line=6,col=10" in reports["github"] and "title=grammar/EN_A_VS_AN grammar" in reports["github"]
    assert "article.md,6,10,6,10,grammar/EN_A_VS_AN,grammar" in reports["csv"]


@pytest.mark.skipif(not os.environ.get("CONTENTLINT_LT_URL"), reason="set CONTENTLINT_LT_URL to a LanguageTool server")
def test_real_languagetool_server() -> None:
    url = os.environ["CONTENTLINT_LT_URL"]
    for fmt, text in (("md", ARTICLE_MD), ("html", ARTICLE_HTML), ("txt", ARTICLE_TXT)):
        findings = grammar_findings(lint(url, text, fmt))
        found = {(f.rule_id, f.text) for f in findings}
        assert ("grammar/EN_A_VS_AN", "a") in found, found
        lines = text.split("\n")
        for finding in findings:
            assert lines[finding.line - 1][finding.column - 1 : finding.end_column] == finding.text
