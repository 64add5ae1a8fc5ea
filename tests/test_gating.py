"""CI gating through the real CLI: several reports at once, baselines, --max-warnings, --diff
(on a real temporary git repository) and the GitHub step summary."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEED_TEXT

from lint.gitdiff import changed_lines

ARTICLE = "# Botox aftercare\n\nRest for a day after the injections.\n\nLeave a Comment\n"
CLICK_HERE = "# Botox aftercare\n\nFor the full aftercare guide, click here.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=test@example.com", *arguments],
        capture_output=True, text=True, check=True,
    )
    return done.stdout


def test_several_formats_at_once(run_cli, tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out" / "r.sarif", tmp_path / "r.xml"
    code, out, _ = run_cli(
        "check", str(SEED_TEXT), "--select", "ED001", "--format", "text",
        "--format", f"sarif:{sarif}", "--format", f"junit:{junit}",
    )
    assert code == 1 and ":117:1: error ED001" in out
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "ED001"
    assert junit.read_text(encoding="utf-8").startswith("<?xml")


def test_output_dir_names_files_by_format(run_cli, tmp_path: Path) -> None:
    code, out, _ = run_cli(
        "check", str(SEED_TEXT), "--select", "ED001", "--output-dir", str(tmp_path / "reports"),
        "--format", "json", "--format", "csv-summary", "--format", "markdown",
    )
    assert code == 1 and out == ""
    assert sorted(path.name for path in (tmp_path / "reports").iterdir()) == [
        "contentlint.json", "contentlint.md", "contentlint.summary.csv",
    ]


def test_format_errors_are_usage_errors(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli("check", str(SEED_TEXT), "--format", "json", "--format", "sarif")
    assert code == 2 and "only one report can go to standard output" in err
    code, _, err = run_cli("check", str(SEED_TEXT), "--format", "yaml")
    assert code == 2 and "'yaml' is not one of" in err
    code, _, err = run_cli("check", str(SEED_TEXT), "--format", f"json:{tmp_path / 'a'}", "--format", f"csv:{tmp_path / 'a'}")
    assert code == 2 and "same file" in err


def test_baseline_survives_line_shifts_and_reports_fixed(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = write(tmp_path / "site" / "aftercare.md", ARTICLE + "\nDose: TK mg.\n")
    code, _, err = run_cli("check", "site", "--select", "ED001,ED002", "--write-baseline", "baseline.json")
    assert code == 0 and "recorded 2 findings of 1 files" in err
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert list(recorded["files"]) == ["site/aftercare.md"]
    assert "line" not in recorded["files"]["site/aftercare.md"][0]["fingerprint"]

    # Text inserted above moves both findings down; one is fixed, one is new.
    write(article, ARTICLE.replace("# Botox aftercare\n", "# Botox aftercare\n\nAsk your neurologist first.\n\n") + "\nLeave a Comment\n")
    code, out, err = run_cli("check", "./site/aftercare.md", "--select", "ED001,ED002", "--baseline", "baseline.json", "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 1 and [(f["rule"], f["line"]) for f in findings] == [("ED001", 10)]  # the old one moved to 8
    assert "1 findings recorded in baseline.json no longer occur (fixed)" in err and "ED002 'TK'" in err

    write(article, ARTICLE)
    code, out, _ = run_cli("check", "site", "--select", "ED001,ED002", "--baseline", "baseline.json")
    assert code == 0 and "0 errors" in out


def test_bad_baseline_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    bad = write(tmp_path / "b.json", '{"files": []}')
    code, _, err = run_cli("check", str(SEED_TEXT), "--baseline", str(bad))
    assert code == 2 and "invalid baseline" in err and str(bad) in err
    code, _, err = run_cli("check", str(SEED_TEXT), "--baseline", str(tmp_path / "none.json"))
    assert code == 2 and "cannot read baseline" in err


def test_max_warnings(run_cli, tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", CLICK_HERE + "\nRead more, click here.\n")
    assert run_cli("check", str(article), "--select", "ED004")[0] == 0
    assert run_cli("check", str(article), "--select", "ED004", "--max-warnings", "2")[0] == 0
    code, _, err = run_cli("check", str(article), "--select", "ED004", "--max-warnings", "1")
    assert code == 1 and "2 warnings exceed --max-warnings 1" in err


def test_changed_lines_from_hunks() -> None:
    diff = "@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,3 +22,0 @@\n-e\n"
    assert changed_lines(diff) == frozenset({3, 11, 12})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_reports_only_changed_lines(run_cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    article = write(repo / "aftercare.md", ARTICLE)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    write(article, "# Botox aftercare\n\nNew intro line.\n\n" + ARTICLE.split("\n", 2)[2] + "\nLeave a Reply\n")
    code, out, _ = run_cli("check", str(article), "--select", "ED001", "--diff", "HEAD", "--format", "json")
    assert code == 1
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [9]  # line 7 only moved
    code, out, _ = run_cli("check", str(article), "--select", "ED001", "--format", "json")
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [7, 9]

    untracked = write(repo / "new.md", ARTICLE)
    code, out, _ = run_cli("check", str(untracked), "--select", "ED001", "--diff", "HEAD", "--format", "json")
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [5]

    code, _, err = run_cli("check", str(article), "--select", "ED001", "--diff", "no-such-ref")
    assert code == 2 and "--diff no-such-ref" in err
    outside = write(tmp_path / "outside" / "a.md", ARTICLE)
    code, _, err = run_cli("check", str(outside), "--select", "ED001", "--diff", "HEAD")
    assert code == 2 and "not inside a git repository" in err


def test_github_format_appends_the_step_summary(run_cli, tmp_path: Path) -> None:
    summary = write(tmp_path / "summary.md", "# Earlier step\n")
    code, out, _ = run_cli("check", str(SEED_TEXT), "--select", "ED001", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1 and out.startswith("::error file=")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## contentlint report") and "| 117:1 | error | ED001" in text
    code, _, _ = run_cli("check", str(SEED_TEXT), "--select", "ED001", "--format", "text", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8") == text  # only the github format writes it
