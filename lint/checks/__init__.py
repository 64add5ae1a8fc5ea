"""Check kinds. A rule file names its kind in `extends`; KINDS maps that name to a module.

A kind module defines `Options` (a frozen dataclass, the only home of defaults),
optionally `prepare(options)` (compile once at load time), and
`check(doc, rule) -> Iterator[Finding]`. Modules are imported on first use to keep
start-up fast.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "existence": "lint.checks.existence",
    "substitution": "lint.checks.substitution",
    "occurrence": "lint.checks.occurrence",
}


def known_kinds() -> frozenset[str]:
    return frozenset(KINDS)


def check_module(kind: str) -> ModuleType:
    return importlib.import_module(KINDS[kind])
