"""The 0–100 quality score every report shares (documented in README "Quality score").

Each finding costs points by severity; a rule counts at most `REPEATS_COUNTED` times so one
noisy rule cannot sink an article alone. The article score is 100 minus the cost (never
below 0); a category score is the same over that category's findings.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from lint.findings import Finding

COST = {"error": 10, "warning": 4, "info": 1}
REPEATS_COUNTED = 3
CATEGORIES = ("keyword", "readability", "medical", "finance", "editorial", "seo", "grammar", "spelling")


def penalty(findings: Iterable[Finding]) -> int:
    seen: Counter[str] = Counter()
    total = 0
    for finding in findings:
        seen[finding.rule_id] += 1
        if seen[finding.rule_id] <= REPEATS_COUNTED:
            total += COST[finding.severity]
    return total


def score(findings: Iterable[Finding]) -> int:
    return max(0, 100 - penalty(findings))


def category_scores(findings: Iterable[Finding]) -> dict[str, int]:
    """A score for every category (100 where it has no findings)."""
    found = list(findings)
    return {category: score(f for f in found if f.category == category) for category in CATEGORIES}


def article_scores(findings: Iterable[Finding]) -> dict[str, object]:
    found = list(findings)
    return {"score": score(found), "categories": category_scores(found)}
