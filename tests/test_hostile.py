"""Hostile and broken input (issue 10): the corpus tests/hostile/generate.py writes at test
time. Each bad file is one line naming it, exit 2, and every other file is still linted."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from hostile.generate import PLACEHOLDER, write_configs, write_files, write_links
from lint.inputs import decode
from lint.parsers import format_for

ROOT = Path(__file__).resolve().parent.parent
# The files that cannot be linted, and what their one line says.
UNLINTABLE = {
    "binary.html": "binary file (NUL bytes, no UTF-16 byte-order mark); not linted",
    "nul.md": "binary file (NUL bytes",
    "cp1252.md": "cannot decode as utf-8 (byte 0xe9 at line 1, column 6); save it as UTF-8",
    "latin1.txt": "cannot decode as utf-8 (byte 0xe9 at line 1, column 4)",
    "wrong-charset-utf8.html": "declares charset utf-8 but is not utf-8 (byte 0xe9 at line 4, column 8)",
    "front-matter-broken.md": "front matter: found unexpected end of stream (line 3)",
    "front-matter-list.md": "front matter: expected a mapping of keys to values, got list (line 2)",
    "front-matter-scalar.md": "front matter: expected a mapping of keys to values, got str (line 2)",
    "front-matter-python.md": "front matter: could not determine a constructor for the tag",
    "front-matter-aliases.md": "front matter: more than 100,000 values once its aliases are expanded (line 2)",
    "front-matter-deep.md": "front matter: nested too deeply (line 2)",
}
# Files whose article text holds the placeholder: ED002 must find it (nothing lost).
NOT_ARTICLE_TEXT = {"script-style.html"}
_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def contentlint(
    *args: str, cwd: Path | None = None, timeout: float = 300, prefix: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess: what a user or CI sees, tracebacks included."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("PYTEST_CURRENT_TEST", None)
    command = [*prefix, sys.executable, "-m", "lint", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=timeout, env=environment)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_files(folder / "files")
    return folder / "files"


@pytest.fixture(scope="module")
def corpus_run(corpus: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """One run over every file, as CI would lint a scraped folder: JSON to a file, text out."""
    report = corpus.parent / "report.json"
    done = contentlint("check", "--no-cache", "--jobs", "2", "--format", f"json:{report}", "--format", "text", "files", cwd=corpus.parent)
    data = json.loads(report.read_text(encoding="utf-8"))
    return done, {Path(entry["path"]).name: entry for entry in data["files"]}


def test_each_bad_file_is_one_line_exit_2_and_the_rest_is_linted(corpus: Path, corpus_run: Any) -> None:
    done, entries = corpus_run
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert sorted(entries) == sorted(path.name for path in corpus.iterdir())
    errors = {name: entry["error"] for name, entry in entries.items() if entry["error"] is not None}
    assert sorted(errors) == sorted(UNLINTABLE)
    for name, expected in UNLINTABLE.items():
        assert expected in errors[name], name
        lines = [line for line in done.stdout.splitlines() if line.startswith(f"files/{name}")]
        assert lines == [f"files/{name}: error: {errors[name]}"]
    assert f"{len(entries)} files checked" in done.stdout and f"{len(UNLINTABLE)} could not be linted" in done.stdout


def test_nothing_is_lost_and_every_finding_points_at_its_text(corpus: Path, corpus_run: Any) -> None:
    _, entries = corpus_run
    for name, entry in entries.items():
        if entry["error"] is not None:
            continue
        source = decode((corpus / name).read_bytes(), format_for(name) or "txt")
        starts = [0] + [match.end() for match in _BREAK.finditer(source)]
        for finding in entry["findings"]:
            start = starts[finding["line"] - 1] + finding["column"] - 1
            end = starts[finding["end_line"] - 1] + finding["end_column"] if finding["text"] else start
            assert source[start:end] == finding["text"], (name, finding)
        placeholders = [finding for finding in entry["findings"] if finding["rule"] == "ED002" and finding["text"] == "TODO"]
        has_placeholder = PLACEHOLDER in source and name not in NOT_ARTICLE_TEXT
        assert bool(placeholders) == has_placeholder, name


@pytest.mark.parametrize(
    "name, places",
    [
        ("line-endings.md", [(6, 19)]),  # CRLF, CR, LF and U+2028 each end a line
        ("line-endings.txt", [(5, 19), (7, 19)]),
        ("line-endings.html", [(7, 19)]),  # the "\r" and U+2028 inside the page count too
        ("bom-utf8.md", [(3, 19)]),  # a byte-order mark is not a column
        ("bom-twice.md", [(3, 19)]),
        ("bom-utf16be.txt", [(3, 19)]),
        ("bom-utf16le.html", [(4, 36)]),
        ("bom-utf32.md", [(3, 19)]),
        ("cp1252.html", [(4, 52)]),
        ("entities.html", [(7, 22)]),
        ("deep-divs.html", [(4, 50022)]),
        ("deep-unclosed.html", [(4, 110019)]),
        ("misnested.html", [(3, 63)]),
    ],
)
def test_placeholder_places(name: str, places: list[tuple[int, int]], corpus_run: Any) -> None:
    _, entries = corpus_run
    found = [finding for finding in entries[name]["findings"] if finding["rule"] == "ED002" and finding["text"] == "TODO"]
    assert [(finding["line"], finding["column"]) for finding in found] == places


def inspect_blocks(path: Path) -> list[dict[str, Any]]:
    done = contentlint("inspect", "--format", "json", str(path))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["blocks"]


def test_script_and_style_text_is_not_article_text(corpus: Path, corpus_run: Any) -> None:
    texts = " ".join(block["text"] for block in inspect_blocks(corpus / "script-style.html"))
    for phrase in ("Lorem ipsum", "TODO", "Leave a Comment", "color", "template"):
        assert phrase not in texts
    _, entries = corpus_run
    assert not any(finding["rule"] in ("ED001", "ED002") for finding in entries["script-style.html"]["findings"])


def test_undeclared_windows_1252_html_reads_as_browsers_read_it(corpus: Path) -> None:
    assert inspect_blocks(corpus / "cp1252.html")[1]["text"] == "Café “Botox” for €200"


def test_a_declared_charset_is_followed(corpus: Path) -> None:
    """The page says ISO-8859-1 (which browsers read as windows-1252) but holds UTF-8: it
    shows readers mojibake, and contentlint lints what readers see."""
    heading = inspect_blocks(corpus / "wrong-charset-latin1.html")[1]["text"]
    assert heading.startswith("CafÃ©")


def test_entities_of_every_kind_decode_in_place(corpus: Path) -> None:
    texts = [block["text"] for block in inspect_blocks(corpus / "entities.html")]
    assert texts[2] == "Named: © é & <b> & no semicolon &notit; &bogus; &;"
    assert "Numeric: © © © \ufffd \ufffd \ufffd \ufffd \ufffd 😀 😀 &#; &#x; A" == texts[3]
    assert texts[4] == PLACEHOLDER  # nothing after the bare "&#" is swallowed as text


def test_front_matter_is_never_executed(corpus: Path, tmp_path: Path) -> None:
    done = contentlint("check", "--no-cache", str(corpus / "front-matter-python.md"), cwd=tmp_path)
    assert done.returncode == 2 and "could not determine a constructor" in done.stdout
    assert not (tmp_path / "pwned-by-front-matter").exists()


def test_empty_and_white_space_files_lint_without_error(corpus_run: Any) -> None:
    _, entries = corpus_run
    for name in ("empty.md", "empty.html", "empty.txt", "whitespace.md", "whitespace.html", "whitespace.txt"):
        assert entries[name]["error"] is None
        assert all(finding["text"] == "" for finding in entries[name]["findings"])


# Config and rule-pack files: one line naming the file, the line and the key.
CONFIG_ERRORS = {
    "config-unknown-key": "contentlint.toml:3: fial-on: unknown option",
    "config-wrong-type": "contentlint.toml:4: rules.ED002.tokens: cannot read data file",
    "config-invalid-toml": "contentlint.toml:3:1: invalid TOML: Unclosed array",
    "config-pyproject-wrong-type": "pyproject.toml:5: tool.contentlint.packs: expected a list, got a string",
    "config-unknown-rule": "contentlint.toml:4: rules.ED999: no such rule",
    "config-dangerous-pattern": "contentlint.toml:4: rules.ED002.patterns: pattern '(\\\\w+\\\\s?)*$' can take exponential time",
    "pack-invalid-pattern": "house/ED901.toml:9: options.patterns: invalid regular expression 'synergy('",
    "pack-dangerous-pattern": "house/ED902.toml:9: options.patterns: pattern '(a+)+b' can take exponential time",
    "pack-dangerous-star": "house/ED903.toml:10: options.patterns: pattern '(.*)*x' can take exponential time",
    "pack-invalid-toml": "house/ED904.toml:11:1: invalid TOML: Unclosed array",
}


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_configs(tmp_path_factory.mktemp("configs"))


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_config_and_rule_file_errors_name_file_line_and_key(case: str, configs: dict[str, Path]) -> None:
    done = contentlint("check", "--no-cache", "article.md", cwd=configs[case])
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"contentlint: error: {configs[case]}/{CONFIG_ERRORS[case]}"), done.stderr


def test_a_good_user_pack_runs_on_re2(configs: dict[str, Path]) -> None:
    re2 = pytest.importorskip("re2")
    from lint.config import load_config_file
    from lint.engine import Linter

    linter = Linter()
    rules = linter.base_rules(load_config_file(configs["pack-good"] / "contentlint.toml"))
    house = next(rule for rule in rules if rule.id == "ED905")
    # "syn(?:ergy|ergies)" runs on RE2; the lookbehind pattern, which RE2 lacks, on re.
    assert isinstance(house.prepared.rest.second, re2._Regexp)
    assert house.prepared.rest.first.pattern == "(?:(?<![\\w-])leverag(?:e|ing)\\b)"
    builtin = next(rule for rule in rules if rule.id == "ED002")  # built-in packs keep Python's re
    assert isinstance(builtin.prepared.pattern, re.Pattern)
    done = contentlint("check", "--no-cache", "--format", "json", "article.md", cwd=configs["pack-good"])
    findings = json.loads(done.stdout)["files"][0]["findings"]
    assert [(finding["rule"], finding["line"], finding["text"]) for finding in findings] == [("ED905", 5, "synergy")]


def test_symlinks_loops_pipes_in_a_folder_walk(tmp_path: Path) -> None:
    folder = write_links(tmp_path)
    done = contentlint("check", "--no-cache", "--format", "json", "--select", "ED002", "links", cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = {Path(entry["path"]).name: entry["error"] for entry in json.loads(done.stdout)["files"]}
    assert errors == {
        "dangling.md": "cannot read: No such file or directory",
        "fifo.md": "is a named pipe, not a regular file; not linted",
        "linked-article.md": None,  # the same file as real/article.md: linted once
        "loop-a.md": "cannot read: Too many levels of symbolic links",
        "loop-b.md": "cannot read: Too many levels of symbolic links",
    }
    assert (folder / "real" / "article.md").is_file()


def without_root_reads() -> tuple[str, ...]:
    """A command prefix under which permissions apply: root reads any file unless it drops
    the capabilities that let it."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: every file is readable")
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")


def test_unreadable_file_is_one_error_and_others_are_linted() -> None:
    folder = Path(tempfile.mkdtemp(prefix="contentlint-unreadable-"))
    try:
        (folder / "ok.md").write_text(f"# Botox\n\n{PLACEHOLDER}\n", encoding="utf-8")
        secret = folder / "secret.md"
        secret.write_text("# Secret\n", encoding="utf-8")
        secret.chmod(0o000)
        done = contentlint("check", "--no-cache", "--select", "ED002", "-q", ".", cwd=folder, prefix=without_root_reads())
        assert done.returncode == 2, done.stderr
        assert "secret.md: error: cannot read: Permission denied" in done.stdout
        assert "ok.md:3:19: error ED002" in done.stdout
    finally:
        secret.chmod(0o600)
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def test_a_file_that_vanishes_during_the_run(tmp_path: Path) -> None:
    from lint.engine import Linter, LintOptions
    from lint.inputs import expand_inputs
    from lint.runner import RunSettings, lint_paths

    for index in range(3):
        (tmp_path / f"article-{index}.md").write_text(f"# Botox {index}\n\n{PLACEHOLDER}\n", encoding="utf-8")
    items = list(expand_inputs([str(tmp_path)]))  # listed first, as a folder walk does
    (tmp_path / "article-1.md").unlink()
    for jobs in (1, 2):
        results = lint_paths(Linter(LintOptions(select=("ED002",))), items, RunSettings(jobs=jobs))
        assert [result.error for result in results] == [None, "cannot read: No such file or directory", None]
        assert [len(result.findings) for result in results] == [1, 0, 1]
