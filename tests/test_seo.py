"""SEO pack: what the seed and clean samples get, where page-level rules must stay silent
(fragments, bare Markdown, plain text), options, and the URL and alt-text helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES

from lint.checks.page import file_name, link_class
from lint.checks.seo_links import is_file_name_alt
from lint.config import Config, FileSettings, Settings
from lint.engine import FileResult, Linter, LintOptions
from lint.inputs import InputFile

CONFIG = Config(settings=Settings(packs=("editorial", "seo")), root=ROOT)
SEED = SAMPLES / "do-neurologists-do-botox"
CLEAN = sorted((SAMPLES / "clean").glob("neurologists-and-botox.*"))
# Rules that report missing page data, which only full pages and front matter can carry.
MISSING_PAGE_DATA = ("SEO001", "SEO003", "SEO006", "SEO015", "SEO016", "SEO019")

LONG_TITLE = "A Very Long Title About Neurologists, Botox, Migraine, Dystonia and Everything Else"
FRAGMENT = f"""<article>
<h2>{LONG_TITLE}</h2>
<p>Neurologists inject Botox every twelve weeks for chronic migraine.</p>
<h2>Frequently asked questions</h2>
<h3>Does it hurt?</h3><p>Only a brief sting.</p>
<h3>How long does it last?</h3><p>About three months.</p>
</article>"""


def lint(text: str, input_format: str = "html", *, select: tuple[str, ...] = ("seo",), rules: dict[str, Any] | None = None) -> FileResult:
    linter = Linter(LintOptions(select=select, config=CONFIG))
    settings = FileSettings(rules=rules or {}, config_path="test-config")
    result = linter.lint_text(text, f"test.{input_format}", input_format, CONFIG, settings)
    assert result.error is None, result.error
    return result


def lint_path(path: Path, *, select: tuple[str, ...] = ("seo",)) -> FileResult:
    return Linter(LintOptions(select=select, config=CONFIG)).lint_input(InputFile(str(path), path))


def rule_ids(result: FileResult) -> set[str]:
    return {finding.rule_id for finding in result.findings}


# Samples -------------------------------------------------------------------------------


def test_seed_html_gets_the_findings_its_head_and_body_warrant() -> None:
    result = lint_path(SEED.with_suffix(".html"))
    # Description 174 characters; no links in the article body (only in nav and footer);
    # a 12-question FAQ without FAQPage data. Title, H1, lang, canonical, JSON-LD are fine.
    assert rule_ids(result) == {"SEO004", "SEO010", "SEO011", "SEO019"}
    description = next(f for f in result.findings if f.rule_id == "SEO004")
    assert "174 characters" in description.message


def test_seed_markdown_is_judged_on_its_front_matter() -> None:
    result = lint_path(SEED.with_suffix(".md"))
    # Front matter has a 25-character title and no description; the body has no links.
    assert rule_ids(result) == {"SEO002", "SEO003", "SEO010", "SEO011"}


def test_seed_text_has_no_page_data_to_judge() -> None:
    assert lint_path(SEED.with_suffix(".txt")).findings == ()


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.suffix)
def test_clean_samples_get_no_seo_errors(path: Path) -> None:
    findings = lint_path(path).findings
    assert [f for f in findings if f.severity == "error"] == []
    # The clean Markdown cites only outside sources, so "no internal links" is all it may get.
    assert rule_ids(lint_path(path)) <= {"SEO011"}


# Where page-level rules stay silent -----------------------------------------------------


def test_html_fragment_is_not_blamed_for_its_template() -> None:
    result = lint(FRAGMENT)
    assert rule_ids(result) & set(MISSING_PAGE_DATA) == set()


def test_the_same_content_as_a_full_page_is_judged() -> None:
    page = f"<!DOCTYPE html><html><head></head><body>{FRAGMENT}</body></html>"
    assert set(MISSING_PAGE_DATA) <= rule_ids(lint(page))


def test_markdown_without_front_matter_is_not_missing_title_or_description() -> None:
    result = lint("# Do neurologists do Botox?\n\nYes, for migraine.\n", "md")
    assert rule_ids(result) & {"SEO001", "SEO003", "SEO006"} == set()


def test_markdown_h1_comes_from_front_matter_title_or_a_hash_heading() -> None:
    no_h1 = "Neurologists inject Botox every twelve weeks.\n\n## Dystonia\n\nText.\n"
    assert "SEO006" in rule_ids(lint(no_h1, "md", select=("SEO006",)))
    with_title = '---\ntitle: "Botox for Migraine: What Neurologists Do"\n---\n\n' + no_h1
    assert "SEO006" not in rule_ids(lint(with_title, "md", select=("SEO006",)))


def test_plain_text_first_line_is_not_a_page_title() -> None:
    text = f"{LONG_TITLE}\n\nNeurologists inject Botox every twelve weeks for chronic migraine.\n"
    assert rule_ids(lint(text, "txt")) & {"SEO001", "SEO002", "SEO003", "SEO004", "SEO006", "SEO010", "SEO011"} == set()


# Options -------------------------------------------------------------------------------


def test_title_bounds_are_options() -> None:
    page = f"<html lang='en'><head><title>{LONG_TITLE}</title></head><body><h1>Botox</h1></body></html>"
    assert "SEO002" in rule_ids(lint(page, select=("SEO002",)))
    assert "SEO002" not in rule_ids(lint(page, select=("SEO002",), rules={"SEO002": {"max-chars": 90}}))


def test_minimum_word_count_is_an_option() -> None:
    seed = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    assert "SEO007" not in rule_ids(lint(seed, "txt", select=("SEO007",)))
    long_bar = lint(seed, "txt", select=("SEO007",), rules={"SEO007": {"min-words": 5000}})
    assert "The article has" in long_bar.findings[0].message


def test_site_hosts_option_makes_a_link_internal() -> None:
    text = "# Botox\n\nSee our [migraine guide](https://guides.example.org/migraine/).\n"
    assert "SEO011" in rule_ids(lint(text, "md", select=("SEO011",)))
    configured = lint(text, "md", select=("SEO011",), rules={"SEO011": {"site-hosts": ["guides.example.org"]}})
    assert "SEO011" not in rule_ids(configured)


def test_insecure_links_need_a_known_https_page() -> None:
    text = "# Botox\n\nSee the [Migraine Trust](http://migrainetrust.org/).\n"
    assert "SEO014" not in rule_ids(lint(text, "md", select=("SEO014",)))
    assert "SEO014" in rule_ids(lint(text, "md", select=("SEO014",), rules={"SEO014": {"assume-https": True}}))


def test_faq_microdata_counts_as_structured_data() -> None:
    page = f'<html lang="en"><head><title>Botox FAQ</title></head><body itemscope itemtype="https://schema.org/FAQPage">{FRAGMENT}</body></html>'
    assert "SEO019" not in rule_ids(lint(page, select=("SEO019",)))


def test_faq_min_questions_is_an_option() -> None:
    page = f"<html><head><title>Botox FAQ</title></head><body>{FRAGMENT}</body></html>"
    assert "SEO019" in rule_ids(lint(page, select=("SEO019",)))
    assert "SEO019" not in rule_ids(lint(page, select=("SEO019",), rules={"SEO019": {"min-questions": 3}}))


# Helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href, expected",
    [
        ("/migraine/", "internal"),
        ("guide.html", "internal"),
        ("https://www.example.org/x", "internal"),
        ("//example.org/x", "internal"),
        ("https://www.nhs.uk/", "outbound"),
        ("HTTP://nice.org.uk", "outbound"),
        ("#faq", None),
        ("mailto:clinic@example.org", None),
        ("tel:+441234", None),
        ("javascript:void(0)", None),
        ("", None),
    ],
)
def test_link_class(href: str, expected: str | None) -> None:
    assert link_class(href, frozenset({"example.org"})) == expected


@pytest.mark.parametrize(
    "alt, src, expected",
    [
        ("IMG_0042.jpg", "/up/IMG_0042.jpg", True),
        ("botox-injection-sites", "/up/botox-injection-sites.png?w=800", True),
        ("DSC01234", "/up/other.jpg", True),
        ("chart.png", "/up/chart-final.png", True),
        ("Migraine", "/up/migraine.jpg", False),
        ("Photo 2 of the clinic waiting room", "/up/photo-2.jpg", False),
        ("Injection points on the neck", "/up/neck.jpg", False),
    ],
)
def test_is_file_name_alt(alt: str, src: str, expected: bool) -> None:
    assert is_file_name_alt(alt, src) is expected


def test_file_name_decodes_and_drops_query() -> None:
    assert file_name("https://cdn.example.org/a/My%20Photo.jpg?w=300#x") == "My Photo.jpg"
