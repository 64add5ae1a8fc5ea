"""Configuration discovery, validation, per-path overrides and rule settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.api import check_paths, check_text
from lint.config import discover_config, glob_matches, load_config_file
from lint.errors import ConfigError

PLACEHOLDER = "# Guide to sleep\n\nRecommended dose: TK mg. Click here for more.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rule_ids(report: dict) -> list[str]:
    return [finding["rule"] for item in report["files"] for finding in item["findings"]]


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.contentlint]\nselect = ["ED002"]\n')
    write(tmp_path / "sub" / "contentlint.toml", 'select = ["ED004"]\n')
    write(tmp_path / "top.md", PLACEHOLDER)
    write(tmp_path / "sub" / "inner.md", PLACEHOLDER)
    report = check_paths([tmp_path])
    by_name = {Path(item["path"]).name: [f["rule"] for f in item["findings"]] for item in report["files"]}
    assert by_name == {"top.md": ["ED002"], "inner.md": ["ED004"]}


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert discover_config(tmp_path) is None or discover_config(tmp_path).path != str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize(
    "text, key",
    [
        ('colour = "red"\n', "colour: unknown option"),
        ('select = "ED001"\n', "select: expected a list"),
        ('fail-on = 3\n', "fail-on"),
        ('[rules]\nED099 = "off"\n', "rules.ED099: no such rule"),
        ('[rules]\nED002 = { tokens = "x" }\n', "rules.ED002.tokens"),
        ('[rules]\nED002 = { patterns = ["(unclosed"] }\n', "invalid regular expression"),
        ('[[overrides]]\nrules = {}\n', "overrides[0].paths"),
        ('[[overrides]]\npaths = ["*.md"]\nbogus = 1\n', "overrides[0].bogus: unknown option"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    config_path = write(tmp_path / "contentlint.toml", text)
    write(tmp_path / "a.md", PLACEHOLDER)
    with pytest.raises(ConfigError) as caught:
        check_paths([tmp_path / "a.md"])
    assert str(config_path) in str(caught.value) and key in str(caught.value)


def test_rule_settings_off_severity_and_options(tmp_path: Path) -> None:
    write(tmp_path / "contentlint.toml", 'select = ["editorial"]\n[rules]\nED004 = "off"\nplaceholder-text = { severity = "warning", tokens = ["TK"] }\n')
    write(tmp_path / "a.md", PLACEHOLDER + "\nTODO: finish.\n")
    report = check_paths([tmp_path / "a.md"])
    findings = report["files"][0]["findings"]
    assert [(f["rule"], f["severity"], f["text"]) for f in findings] == [("ED002", "warning", "TK")]


def test_per_path_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / "contentlint.toml",
        'select = ["editorial"]\n[[overrides]]\npaths = ["drafts/**"]\nrules = { ED002 = "off" }\nkeyphrase = "sleep guide"\n',
    )
    write(tmp_path / "drafts" / "x" / "a.md", PLACEHOLDER)
    write(tmp_path / "final" / "a.md", PLACEHOLDER)
    report = check_paths([tmp_path])
    by_dir = {Path(item["path"]).parent.name: item for item in report["files"]}
    assert rule_ids({"files": [by_dir["x"]]}) == ["ED004"]
    assert by_dir["x"]["keyphrase"] == "sleep guide" and by_dir["x"]["keyphrase_source"] == "config"
    assert sorted(rule_ids({"files": [by_dir["final"]]})) == ["ED002", "ED004"]


def test_extra_rule_pack_folder(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    write(pack / "ED900.toml", (
        'id = "ED900"\nname = "house-banned-word"\nextends = "existence"\nseverity = "error"\ncategory = "editorial"\n'
        'message = "Banned word {match}."\n[options]\ntokens = ["synergy"]\n'
        '[docs]\nwhy = "House style."\nfix = "Say what you mean."\nexample = "Synergy wins."\ngood = "Teams win."\n'
    ))
    write(tmp_path / "contentlint.toml", 'packs = ["editorial"]\nrule-packs = ["house"]\nselect = ["ED900"]\n')
    write(tmp_path / "a.md", "# Title\n\nOur synergy is real.\n")
    assert rule_ids(check_paths([tmp_path / "a.md"])) == ["ED900"]


def test_bad_regex_in_rule_pack_names_file(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    rule_file = write(pack / "ED901.toml", (
        'id = "ED901"\nname = "broken"\nextends = "existence"\nseverity = "error"\ncategory = "editorial"\n'
        'message = "x"\n[options]\npatterns = ["(a"]\n[docs]\nwhy = "w"\nfix = "f"\nexample = "e"\ngood = "g"\n'
    ))
    write(tmp_path / "contentlint.toml", 'rule-packs = ["house"]\n')
    write(tmp_path / "a.md", "# Title\n")
    with pytest.raises(Exception) as caught:
        check_paths([tmp_path / "a.md"])
    assert str(rule_file) in str(caught.value) and "regular expression" in str(caught.value)


def test_check_text_api_returns_report_data() -> None:
    report = check_text("Title\n\nLeave a Comment\n", format="txt", select=["ED001"])
    assert report["schema_version"] == 1
    assert [(f["rule"], f["line"], f["column"]) for f in report["files"][0]["findings"]] == [("ED001", 3, 1)]
    report = check_text(PLACEHOLDER, config={"select": ["ED004"]}, keyphrase="sleep")
    assert rule_ids(report) == ["ED004"] and report["files"][0]["keyphrase_source"] == "cli"


@pytest.mark.parametrize(
    "pattern, path, expected",
    [
        ("*.md", "a/b/c.md", True),
        ("drafts/**", "drafts/x/y.md", True),
        ("drafts/*.md", "drafts/x/y.md", False),
        ("**/faq-*.html", "site/faq-1.html", True),
        ("docs/a?.txt", "docs/ab.txt", True),
    ],
)
def test_glob_matching(pattern: str, path: str, expected: bool) -> None:
    assert glob_matches(pattern, path) is expected
