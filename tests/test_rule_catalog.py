"""The rule catalog is complete and consistent: every rule documented, fixtured and listed."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from conftest import FIXTURES, ROOT, is_finding_of, lint_string
from lint.catalog import rules_markdown
from lint.checks import known_kinds
from lint.config import Config
from lint.rule_sets import builtin_rules_dir, pack_dirs
from lint.rules import PACK_PREFIXES, load_rules

RULES = load_rules(pack_dirs(Config(root=ROOT)))
README_TABLE = re.compile(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", re.DOTALL)


def test_rules_load() -> None:
    assert RULES, "no rules found"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_has_marked_fixture(rule: Any) -> None:
    fixtures = list((FIXTURES / rule.pack).glob(f"{rule.id}*"))
    assert [path for path in fixtures if path.suffix in (".md", ".html", ".txt")], f"no fixture for {rule.id}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_id_matches_pack(rule: Any) -> None:
    prefix = PACK_PREFIXES.get(rule.pack)
    if prefix is not None:
        assert re.fullmatch(rf"{prefix}\d{{3}}", rule.id)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_example_fires_and_good_passes(rule: Any) -> None:
    fmt, keyphrase = rule.docs.format, rule.docs.keyphrase
    bad = lint_string(rule.docs.example, fmt, select=[rule.id], keyphrase=keyphrase, path="example")
    good = lint_string(rule.docs.good, fmt, select=[rule.id], keyphrase=keyphrase, path="good")
    assert [f for f in bad.findings if is_finding_of(f, rule.id)], f"{rule.id}: docs.example does not trigger it"
    assert not [f for f in good.findings if is_finding_of(f, rule.id)], f"{rule.id}: docs.good triggers it"


def test_every_kind_is_used() -> None:
    used = {rule.kind for rule in RULES}
    assert known_kinds() - used == set()


def test_ids_and_names_unique() -> None:
    keys = [key for rule in RULES for key in (rule.id, rule.name, *rule.aliases)]
    assert len(keys) == len(set(keys))


def test_readme_rules_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = README_TABLE.search(readme)
    assert match, "README.md lacks the <!-- rules-table:start/end --> block"
    if os.environ.get("UPDATE_GOLDEN"):
        start, end = match.span(1)
        readme = readme[:start] + rules_markdown(RULES) + readme[end:]
        (ROOT / "README.md").write_text(readme, encoding="utf-8")
        match = README_TABLE.search(readme)
        assert match
    assert match.group(1) == rules_markdown(RULES), "README rules table is stale: run `UPDATE_GOLDEN=1 pytest tests/test_rule_catalog.py`"


def test_builtin_rules_dir_exists() -> None:
    assert builtin_rules_dir().is_dir()
