"""`--diff REF`: which lines of a file changed since a git ref (runs git, like inputs.py reads files).

A file git does not track yet counts as changed throughout; a finding is kept when any of
its lines changed.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from lint.engine import FileResult
from lint.errors import UserError
from lint.findings import Finding

# "@@ -12,3 +14,5 @@": the new side starts at line 14 and has 5 lines (1 when omitted).
HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
GIT_TIMEOUT = 60  # seconds; a diff of one file is fast, a hung git must not hang CI


@dataclass(frozen=True)
class ChangedLines:
    """Lines of one file changed since the ref; `everything` for untracked files."""

    lines: frozenset[int]
    everything: bool = False

    def touches(self, finding: Finding) -> bool:
        return self.everything or any(line in self.lines for line in range(finding.line, finding.end_line + 1))


def changed_lines(diff: str) -> frozenset[int]:
    """Added or modified lines (new-file numbering) in `git diff -U0` output."""
    lines: set[int] = set()
    for match in HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))  # count 0: a pure deletion adds no line
    return frozenset(lines)


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *arguments],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError:
        raise UserError("--diff needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UserError(f"--diff: git did not answer within {GIT_TIMEOUT} s") from None


def changes_since(path: Path, ref: str) -> ChangedLines:
    """Run git for one file; a bad ref or a file outside a repository is a usage error."""
    folder, name = path.resolve().parent, path.name
    tracked = _git(folder, "ls-files", "--error-unmatch", "--", name)
    if tracked.returncode != 0:
        inside = _git(folder, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0:
            raise UserError(f"--diff: {path} is not inside a git repository")
        return ChangedLines(frozenset(), everything=True)
    done = _git(folder, "diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", ref, "--", name)
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[0] if done.stderr.strip() else f"git exited {done.returncode}"
        raise UserError(f"--diff {ref}: {message}")
    return ChangedLines(changed_lines(done.stdout))


def only_changed(results: Sequence[FileResult], ref: str) -> list[FileResult]:
    """Each result with only the findings on lines changed since `ref`."""
    kept = []
    for result in results:
        if result.error is not None or not result.findings:
            kept.append(result)
            continue
        if result.path == "-" or result.path.startswith("<"):
            raise UserError("--diff cannot be used with standard input")
        changes = changes_since(Path(result.path), ref)
        kept.append(replace(result, findings=tuple(f for f in result.findings if changes.touches(f))))
    return kept
