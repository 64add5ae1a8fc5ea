"""The command line: exit codes, formats, stdin, bad inputs and bad config."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SEED_TEXT

SCHEMA = json.loads((ROOT / "lint" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
ARTICLE = "# Sleep hygiene basics\n\nMost adults need seven to nine hours of sleep a night.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_seed_finds_leave_a_comment_at_117_1(run_cli) -> None:
    code, out, _ = run_cli("check", str(SEED_TEXT), "--select", "ED001")
    assert code == 1
    assert f"{SEED_TEXT}:117:1: error ED001 " in out
    assert "  117 | Leave a Comment" in out
    assert "^^^^^^^^^^^^^^^" in out


def test_clean_file_exits_zero(run_cli, tmp_path: Path) -> None:
    article = write(tmp_path / "ok.md", ARTICLE)
    code, out, _ = run_cli("check", str(article), "--select", "editorial")
    assert code == 0
    assert "1 file checked: 0 errors, 0 warnings, 0 infos" in out


def test_fail_on_thresholds(run_cli, tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", ARTICLE + "\nFor the full guide, click here.\n")  # a warning
    assert run_cli("check", str(article), "--select", "ED004")[0] == 0
    assert run_cli("check", str(article), "--select", "ED004", "--fail-on", "warning")[0] == 1
    assert run_cli("check", str(article), "--select", "ED004", "--fail-on", "never")[0] == 0


def test_json_report_matches_schema(run_cli, tmp_path: Path) -> None:
    code, out, _ = run_cli("check", str(SEED_TEXT), "--format", "json", "--select", "editorial")
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert code == 1
    finding = data["files"][0]["findings"][-1]
    assert (finding["rule"], finding["name"], finding["line"], finding["column"]) == ("ED001", "boilerplate-leftover", 117, 1)
    assert (finding["end_line"], finding["end_column"], finding["text"]) == (117, 15, "Leave a Comment")
    assert data["files"][0]["keyphrase"] == "Do Neurologists Do Botox?"
    assert data["files"][0]["keyphrase_source"] == "title"


def test_stdin_with_filename_picks_format(run_cli) -> None:
    text = "# Title here\n\nLeave a Comment\n"
    code, out, _ = run_cli("check", "-", "--stdin-filename", "draft.md", "--select", "ED001", input=text)
    assert code == 1 and "draft.md:3:1: error ED001" in out


def test_stdin_without_format_is_an_input_error(run_cli) -> None:
    code, out, _ = run_cli("check", "-", input="hello")
    assert code == 2 and "unknown file type" in out


def test_missing_path_is_reported_and_others_still_linted(run_cli, tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", "Title\n\nLeave a Comment\n")
    code, out, _ = run_cli("check", str(tmp_path / "nope.md"), str(good), "--select", "ED001")
    assert code == 2
    assert "nope.md: error: no such file or directory" in out
    assert "ok.txt:3:1: error ED001" in out


def test_binary_and_undecodable_files_are_errors_not_crashes(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "bin.txt", b"\x00\x01\x02binary")
    write(tmp_path / "latin.md", "# Caf\xe9\n".encode("latin-1"))
    write(tmp_path / "ok.md", ARTICLE)
    code, out, _ = run_cli("check", str(tmp_path))
    assert code == 2
    assert "bin.txt: error: binary file" in out
    assert "latin.md: error: cannot decode as utf-8 (byte 0xe9 at line 1, column 6)" in out
    assert "3 files checked" in out


def test_encodings_bom_utf16_and_declared_charset(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "bom.txt", b"\xef\xbb\xbfTitle\n\nLeave a Comment\n")
    write(tmp_path / "u16.txt", "Title\n\nLeave a Comment\n".encode("utf-16"))
    write(tmp_path / "cp.html", '<html><head><meta charset="windows-1252"></head><body><article><h1>Caf\xe9 guide</h1><p>Leave a Comment</p></article></body></html>'.encode("cp1252"))
    code, out, _ = run_cli("check", str(tmp_path), "--select", "ED001", "--format", "json")
    files = {Path(item["path"]).name: item for item in json.loads(out)["files"]}
    assert [f["line"] for f in files["bom.txt"]["findings"]] == [3]
    assert files["bom.txt"]["findings"][0]["column"] == 1
    assert [f["line"] for f in files["u16.txt"]["findings"]] == [3]
    assert files["cp.html"]["error"] is None and len(files["cp.html"]["findings"]) == 1


def test_directory_walk_and_globs(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "a" / "one.md", ARTICLE)
    write(tmp_path / "a" / "b" / "two.markdown", ARTICLE)
    write(tmp_path / "a" / "skip.json", "{}")
    code, out, _ = run_cli("check", str(tmp_path / "a"), "--format", "json", "--select", "ED001")
    assert sorted(Path(item["path"]).name for item in json.loads(out)["files"]) == ["one.md", "two.markdown"]
    code, out, _ = run_cli("check", str(tmp_path / "a" / "**" / "*.markdown"), "--format", "json", "--select", "ED001")
    assert [Path(item["path"]).name for item in json.loads(out)["files"]] == ["two.markdown"]


def test_output_file_is_written_whole(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run_cli("check", str(SEED_TEXT), "--format", "json", "--output", str(target))
    assert out == ""
    jsonschema.validate(json.loads(target.read_text(encoding="utf-8")), SCHEMA)
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


def test_bad_config_is_one_line_exit_2(run_cli, tmp_path: Path) -> None:
    config = write(tmp_path / "contentlint.toml", 'fail-on = "sometimes"\n')
    article = write(tmp_path / "a.md", ARTICLE)
    code, out, err = run_cli("check", str(article))
    assert code == 2
    assert err.strip().count("\n") == 0
    assert str(config) in err and "fail-on" in err


def test_bad_select_keyphrase_and_rules_listing(run_cli) -> None:
    code, out, _ = run_cli("rules", "--format", "json")
    rules = json.loads(out)
    assert {"ED001", "ED002"} <= {rule["id"] for rule in rules}
    assert all(rule["why"] and rule["fix"] and rule["example"] and rule["good"] for rule in rules)
    code, out, _ = run_cli("explain", "boilerplate-leftover")
    assert code == 0 and "ED001 boilerplate-leftover" in out and "How to fix:" in out
    code, _, err = run_cli("explain", "no-such-rule")
    assert code == 2 and "no rule named" in err


def test_inspect_shows_blocks_and_keyphrase_source(run_cli) -> None:
    code, out, _ = run_cli("inspect", str(SEED_TEXT))
    assert code == 0
    assert "keyphrase: Do Neurologists Do Botox?" in out and "keyphrase_source: title" in out
    assert "53:1-53:41" in out and "table-row" in out
    assert "faq-question" in out


def test_python_dash_m_and_version() -> None:
    done = subprocess.run([sys.executable, "-m", "lint", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("contentlint, version ")
    done = subprocess.run(
        [sys.executable, "-m", "lint", "check", str(SEED_TEXT), "--select", "ED001", "--quiet"],
        capture_output=True, text=True,
    )
    assert done.returncode == 1 and "117:1" in done.stdout and "\x1b[" not in done.stdout


def test_no_color_when_not_a_tty_or_no_color(run_cli) -> None:
    code, out, _ = run_cli("check", str(SEED_TEXT), "--select", "ED001", env={"NO_COLOR": "1"})
    assert "\x1b[" not in out
