"""A finding: one problem at one place in one file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    name: str
    category: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int  # line and column of the last character (inclusive)
    end_column: int
    start: int  # 0-based source offsets, end exclusive
    end: int
    text: str
    suggestion: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule_id, self.message)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule_id,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        return data


def reaches(severity: str, threshold: str) -> bool:
    """Whether a finding of `severity` counts against `--fail-on threshold`."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
