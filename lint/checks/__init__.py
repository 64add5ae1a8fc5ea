"""Check kinds. A rule file names its kind in `extends`; KINDS maps that name to a module.

A kind module defines `Options` (a frozen dataclass, the only home of defaults),
optionally `prepare(options)` (compile once at load time), and
`check(doc, rule) -> Iterator[Finding]`. Modules are imported on first use to keep
start-up fast.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

KINDS: dict[str, str] = {
    "existence": "lint.checks.existence",
    "substitution": "lint.checks.substitution",
    "occurrence": "lint.checks.occurrence",
    "duplicates": "lint.checks.duplicates",
    "headings": "lint.checks.headings",
    "flattened_table": "lint.checks.flattened_table",
    "typography": "lint.checks.typography",
    "seo_page": "lint.checks.seo_page",
    "seo_links": "lint.checks.seo_links",
    "structured_data": "lint.checks.structured_data",
    "keyword_position": "lint.checks.keyword_position",
    "keyword_fragment": "lint.checks.keyword_fragment",
    "keyword_title": "lint.checks.keyword_title",
    "keyword_stuffing": "lint.checks.keyword_stuffing",
    "keyword_placement": "lint.checks.keyword_placement",
    "ymyl_disclaimer": "lint.checks.ymyl_disclaimer",
    "ymyl_disclaimer_placement": "lint.checks.ymyl_disclaimer_placement",
    "ymyl_sources": "lint.checks.ymyl_sources",
    "ymyl_claim_citation": "lint.checks.ymyl_claim_citation",
    "ymyl_byline": "lint.checks.ymyl_byline",
    "ymyl_absolute_claim": "lint.checks.ymyl_absolute_claim",
    "ymyl_schema": "lint.checks.ymyl_schema",
    "readability": "lint.checks.readability",
    "sentence_length": "lint.checks.readability_sentences",
    "section_length": "lint.checks.readability_sections",
    "passive_voice": "lint.checks.readability_passive",
    "sentence_starts": "lint.checks.readability_starts",
    "explained_terms": "lint.checks.readability_terms",
    "transition_words": "lint.checks.readability_transitions",
    "grammar": "lint.checks.grammar",
    "spelling": "lint.checks.spelling",
}


def known_kinds() -> frozenset[str]:
    return frozenset(KINDS)


def check_module(kind: str) -> ModuleType:
    # Called for every rule on every document: an imported module is looked up directly,
    # without import_module's locking and path handling.
    name = KINDS[kind]
    return sys.modules.get(name) or importlib.import_module(name)
