"""Fingerprints that survive line shifts, and baselines built from them.

A fingerprint is the rule code, the finding's text and the sentence around it (white space
collapsed, case folded), hashed, plus an occurrence number for repeats of that triple in the
file. It never contains a line or column, so inserting text above a finding keeps its
fingerprint; editing the sentence the finding sits in makes it a new finding. SARIF's
`partialFingerprints` and the baseline file use the same value.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from lint.document import LineIndex
from lint.engine import FileResult
from lint.errors import UserError
from lint.findings import Finding
from lint.text import sentence_spans

BASELINE_VERSION = 1
CONTEXT_WINDOW = 2000  # characters either side of a finding searched for its sentence
_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def sentence_around(source: str, lines: LineIndex, finding: Finding) -> str:
    """The sentence of the finding's first line that contains the finding's start."""
    line = lines.line_span(finding.line)
    low = max(line.start, finding.start - CONTEXT_WINDOW)
    window = source[low : min(line.end, finding.start + CONTEXT_WINDOW)]
    offset = finding.start - low
    for span in sentence_spans(window):
        if span.start <= offset < max(span.end, span.start + 1):
            return window[span.start : span.end]
    return window


def fingerprints(result: FileResult) -> list[str]:
    """One fingerprint per finding of `result`, in the same order."""
    source = result.source or ""
    lines = LineIndex(source)
    seen: Counter[str] = Counter()
    prints = []
    for finding in result.findings:
        key = "\0".join((finding.rule_id, normalised(finding.text), normalised(sentence_around(source, lines, finding))))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
        seen[digest] += 1
        prints.append(f"{digest}:{seen[digest]}")
    return prints


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    line: int  # where it was when recorded; informational only
    text: str


@dataclass(frozen=True)
class Baseline:
    files: Mapping[str, tuple[Entry, ...]]  # path relative to the baseline's folder → entries


@dataclass(frozen=True)
class Fixed:
    path: str
    entry: Entry


def baseline_key(path: str, folder: Path) -> str:
    """A linted path as stored in a baseline: relative to the baseline file, with slashes."""
    if path.startswith("<"):
        return path
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    return posixpath.normpath(relative.replace(os.sep, "/"))


def build(results: Iterable[FileResult], folder: Path) -> Baseline:
    files: dict[str, tuple[Entry, ...]] = {}
    for result in results:
        if result.error is None and result.findings:
            entries = zip(fingerprints(result), result.findings)
            files[baseline_key(result.path, folder)] = tuple(
                Entry(print_, finding.rule_id, finding.line, finding.text) for print_, finding in entries
            )
    return Baseline(files)


def dumps(baseline: Baseline) -> str:
    files = {
        path: [{"fingerprint": e.fingerprint, "rule": e.rule, "line": e.line, "text": e.text} for e in entries]
        for path, entries in baseline.files.items()
    }
    data = {"tool": "contentlint", "version": BASELINE_VERSION, "files": files}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def loads(text: str, where: str) -> Baseline:
    """Parse a baseline file; a malformed one is a usage error naming the file."""
    try:
        data = json.loads(text)
        if data.get("version") != BASELINE_VERSION or not isinstance(data.get("files"), dict):
            raise ValueError(f"not a contentlint baseline (version {BASELINE_VERSION})")
        return Baseline({path: tuple(_entry(item) for item in items) for path, items in data["files"].items()})
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise UserError(f"{where}: invalid baseline: {error}") from None


def _entry(item: Mapping[str, Any]) -> Entry:
    return Entry(str(item["fingerprint"]), str(item["rule"]), int(item.get("line", 0)), str(item.get("text", "")))


def apply(
    results: Sequence[FileResult], baseline: Baseline, folder: Path
) -> tuple[list[FileResult], list[Fixed]]:
    """Results without the findings the baseline records, and the entries no longer found.

    Only files linted in this run can have fixed entries.
    """
    kept_results: list[FileResult] = []
    fixed: list[Fixed] = []
    for result in results:
        entries = baseline.files.get(baseline_key(result.path, folder), ())
        if result.error is not None or not entries:
            kept_results.append(result)
            continue
        prints = fingerprints(result)
        known, current = {entry.fingerprint for entry in entries}, set(prints)
        new = tuple(finding for print_, finding in zip(prints, result.findings) if print_ not in known)
        kept_results.append(replace(result, findings=new))
        fixed.extend(Fixed(result.path, entry) for entry in entries if entry.fingerprint not in current)
    return kept_results, fixed
