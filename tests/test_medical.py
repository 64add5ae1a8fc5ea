"""The medical (YMYL) pack and the finance pack built from the same kinds.

Disclaimer phrasings and near misses live in tests/fixtures/medical/disclaimers.toml, topic
articles in tests/fixtures/medical/topics/ (folders ending "medical" are health content,
files named finance-* are personal finance); tests/benchmarks/medical_eval.py reports the
precision and recall these tests hold at 1.0.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from conftest import FIXTURES, SAMPLES, lint_file, lint_string

from lint.checks import ymyl_disclaimer_placement
from lint.config import Config
from lint.document import Document
from lint.rule_sets import pack_dirs
from lint.errors import RuleFileError
from lint.parsers import format_for, parse
from lint.rules import build_rule, load_rules

TOPICS = FIXTURES / "medical" / "topics"
PHRASINGS = tomllib.loads((FIXTURES / "medical" / "disclaimers.toml").read_text(encoding="utf-8"))
SEEDS = [SAMPLES / f"do-neurologists-do-botox.{ext}" for ext in ("txt", "md", "html")]
CLEAN = [SAMPLES / "clean" / f"neurologists-and-botox.{ext}" for ext in ("txt", "md", "html")]
TRUST_RULES = ("MED001", "MED003", "MED005", "MED006", "MED007")

ARTICLE = """# Botox for Chronic Migraine

Neurologists use Botox injections to prevent chronic migraine in adults who have headaches on 15 or more days a month.

A session involves about 31 injections into muscles of the head and neck, repeated every 12 weeks. Side effects include neck pain, headache and a drooping eyelid; people with myasthenia gravis should not have it.

{extra}
"""


def topic_files(suffix: str) -> list[Path]:
    return sorted(
        path
        for folder in TOPICS.iterdir()
        if folder.is_dir() and folder.name.endswith(suffix)
        for path in folder.iterdir()
        if format_for(path.name)
    )


def ids(rules: Any) -> set[str]:
    return {finding.rule_id for finding in rules.findings}


def lint_topic(path: Path, *select: str) -> Any:
    return lint_file(path, select=select)


# --- disclaimers -------------------------------------------------------------------------


def test_phrasing_lists_are_big_enough() -> None:
    assert len(PHRASINGS["count"]) >= 15
    assert len(PHRASINGS["near-misses"]) >= 10


@pytest.mark.parametrize("phrasing", PHRASINGS["count"] + PHRASINGS["holdout-count"])
def test_real_disclaimer_phrasing_counts(phrasing: str) -> None:
    result = lint_string(ARTICLE.format(extra=phrasing), select=["MED001"])
    assert "MED001" not in ids(result)


@pytest.mark.parametrize("sentence", PHRASINGS["near-misses"] + PHRASINGS["holdout-near-misses"])
def test_near_miss_is_not_a_disclaimer(sentence: str) -> None:
    result = lint_string(ARTICLE.format(extra=sentence), select=["MED001"])
    assert "MED001" in ids(result)


def test_finding_points_at_title_with_fix() -> None:
    result = lint_string(ARTICLE.format(extra=""), select=["MED001"])
    (finding,) = result.findings
    assert (finding.line, finding.text) == (1, "Botox for Chronic Migraine")
    assert finding.suggestion and "not a substitute for professional medical advice" in finding.suggestion
    assert "botox" in finding.message


def test_statement_and_framing_in_different_sentences_of_long_prose_do_not_count() -> None:
    prose = (
        "This guide covers the basics of Botox treatment for headache and for muscle spasms in the neck. "
        + "Most people tolerate the injections well and return to work the same day. " * 6
        + "Consult a qualified health professional before you book a session."
    )
    assert "MED001" in ids(lint_string(ARTICLE.format(extra=prose), select=["MED001"]))


def test_statement_under_disclaimer_heading_counts() -> None:
    extra = "## Medical disclaimer\n\nConsult a qualified health professional about your own treatment."
    assert "MED001" not in ids(lint_string(ARTICLE.format(extra=extra), select=["MED001"]))


def test_disclaimer_heading_without_statement_does_not_count() -> None:
    extra = "## Disclaimer\n\nPrices were correct when we published this page."
    assert "MED001" in ids(lint_string(ARTICLE.format(extra=extra), select=["MED001"]))


@pytest.mark.parametrize("value", ['"This content is general information, not medical advice."', "true"])
def test_front_matter_disclaimer_counts(value: str) -> None:
    text = f"---\ndisclaimer: {value}\n---\n\n" + ARTICLE.format(extra="")
    assert "MED001" not in ids(lint_string(text, select=["MED001"]))


def html_page(footer: str, aside: str = "") -> str:
    return f"""<!doctype html><html><head><title>Botox for Chronic Migraine</title></head><body>
<article><h1>Botox for Chronic Migraine</h1>
<p>Neurologists use Botox injections to prevent chronic migraine in adults who have headaches on 15 or more days a month.</p>
<p>A session involves about 31 injections into the head and neck, repeated every 12 weeks. Side effects include neck pain and a drooping eyelid.</p>
</article>{aside}<footer><p>{footer}</p></footer></body></html>"""


def test_page_footer_disclaimer_counts() -> None:
    page = html_page("© 2025 HealthSite. The content on this site is for informational purposes only and is not medical advice.")
    assert "MED001" not in ids(lint_string(page, "html", select=["MED001"]))


def test_page_aside_disclaimer_counts() -> None:
    aside = "<aside><p>Our articles do not replace a consultation with your doctor.</p></aside>"
    assert "MED001" not in ids(lint_string(html_page("© 2025 HealthSite.", aside), "html", select=["MED001"]))


def test_page_footer_without_disclaimer_is_reported() -> None:
    page = html_page("© 2025 HealthSite. Talk to your doctor about any new symptoms.")
    assert "MED001" in ids(lint_string(page, "html", select=["MED001"]))


# --- placement (MED002, off by default) ----------------------------------------------------


def test_placement_is_off_by_default() -> None:
    rule = next(rule for rule in load_rules(pack_dirs(Config(root=FIXTURES.parent.parent))) if rule.id == "MED002")
    assert rule.enabled is False


def test_placement_accepts_disclaimer_near_top() -> None:
    text = ARTICLE.format(extra="").replace(
        "Neurologists use", "This article is for general information only and is not medical advice.\n\nNeurologists use"
    )
    assert "MED002" not in ids(lint_string(text, select=["MED002"]))


def test_placement_reports_footer_only_disclaimer() -> None:
    page = html_page("The content on this site is for informational purposes only.")
    (finding,) = lint_string(page, "html", select=["MED002"]).findings
    assert "outside the article" in finding.message


def test_placement_threshold_is_an_option() -> None:
    text = ARTICLE.format(extra="This article is for general information only and is not medical advice.")
    assert "MED002" in ids(lint_string(text, select=["MED002"], rules={"MED002": {"max-words-before": 20}}))
    assert "MED002" not in ids(lint_string(text, select=["MED002"], rules={"MED002": {"max-words-before": 300}}))


def test_placement_reports_collapsed_disclaimer() -> None:
    """A parser marks blocks inside a closed <details> with attrs["collapsed"]."""
    text = ARTICLE.format(extra="").replace(
        "Neurologists use", "This article is for general information only and is not medical advice.\n\nNeurologists use"
    )
    doc = parse(text, "collapsed.md", "md")
    blocks = tuple(
        dataclasses.replace(block, attrs={"collapsed": "1"}) if "general information" in block.text else block
        for block in doc.blocks
    )
    collapsed = dataclasses.replace(doc, blocks=blocks, memo={})
    rule = _rule("MED002")
    findings = list(ymyl_disclaimer_placement.check(collapsed, rule))
    assert [finding.message for finding in findings] == [
        "The medical disclaimer is only in a collapsed element; policy wants it within the first 300 words."
    ]
    assert not list(ymyl_disclaimer_placement.check(dataclasses.replace(doc, memo={}), rule))


def _rule(rule_id: str) -> Any:
    return next(rule for rule in load_rules(pack_dirs(Config(root=FIXTURES.parent.parent))) if rule.id == rule_id)


# --- topic detection --------------------------------------------------------------------


def test_topic_fixtures_cover_enough_topics() -> None:
    assert len(topic_files("medical")) >= 8 and len(topic_files("other")) >= 8
    names = " ".join(path.name for path in topic_files(""))
    for topic in ("pet-", "finance-", "travel-", "recipe-"):
        assert topic in names


@pytest.mark.parametrize("path", topic_files("medical"), ids=lambda path: path.name)
def test_health_article_is_medical(path: Path) -> None:
    result = lint_topic(path, "MED001")
    assert result.metrics["medical_topic"]["is_topic"], result.metrics["medical_topic"]
    assert "MED001" in ids(result)


@pytest.mark.parametrize("path", topic_files("other"), ids=lambda path: path.name)
def test_other_article_is_not_medical(path: Path) -> None:
    result = lint_topic(path, "medical")
    assert not result.metrics["medical_topic"]["is_topic"], result.metrics["medical_topic"]
    assert not ids(result)


@pytest.mark.parametrize("path", topic_files(""), ids=lambda path: path.name)
def test_finance_topic_only_on_finance_articles(path: Path) -> None:
    result = lint_topic(path, "finance")
    is_finance = path.name.startswith("finance-")
    assert result.metrics["finance_topic"]["is_topic"] is is_finance
    if not is_finance:
        assert not ids(result)


@pytest.mark.parametrize("path", SEEDS + CLEAN, ids=lambda path: path.name)
def test_finance_rules_never_fire_on_the_botox_articles(path: Path) -> None:
    assert not ids(lint_file(path, select=["finance"]))


def test_metrics_report_score_and_evidence_for_both_topics() -> None:
    result = lint_file(SEEDS[0], select=["MED001", "FIN001"])
    medical, finance = result.metrics["medical_topic"], result.metrics["finance_topic"]
    assert medical["is_topic"] and medical["decided_by"] == "detector"
    assert medical["score"] > 6 and {"botox", "neurologist", "migraine"} <= set(medical["evidence"])
    assert not finance["is_topic"]


def test_front_matter_forces_topic_off_and_on() -> None:
    off = "---\nmedical: false\n---\n\n" + ARTICLE.format(extra="")
    result = lint_string(off, select=["medical"])
    assert not ids(result) and result.metrics["medical_topic"]["decided_by"] == "front matter"
    recipe = (TOPICS / "other" / "recipe-banana-bread.md").read_text(encoding="utf-8")
    assert "MED001" in ids(lint_string("---\nmedical: yes\n---\n\n" + recipe, select=["MED001"]))


def test_rule_option_forces_topic_off() -> None:
    result = lint_string(ARTICLE.format(extra=""), select=["MED001"], rules={"MED001": {"applies": "never"}})
    assert not ids(result)


def test_users_extend_the_lexicon_through_config() -> None:
    text = "# Zorblax tablets\n\nZorblax and Quenfil are taken with Vextrin for Drummond's palsy, a rare condition of the Plimm gland."
    assert "MED001" not in ids(lint_string(text, select=["MED001"]))
    extra = {"topic-extra-terms": ["Zorblax", "Quenfil", "Vextrin", "Drummond's palsy", "Plimm gland"]}
    assert "MED001" in ids(lint_string(text, select=["MED001"], rules={"MED001": extra}))


def test_bad_lexicon_is_a_rule_file_error() -> None:
    rule_file = Path(__file__).parent.parent / "rules" / "medical" / "MED001.toml"
    data = tomllib.loads(rule_file.read_text(encoding="utf-8"))
    data["options"]["topic-lexicon"] = {"drugs": {"weight": "heavy", "terms": ["Botox"]}}
    with pytest.raises(RuleFileError, match=r"MED001\.toml: options\.topic-lexicon\.drugs\.weight: expected a number"):
        build_rule(data, rule_file, "medical")


# --- acceptance on the samples -----------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name)
def test_seed_gets_the_trust_findings(path: Path) -> None:
    assert set(TRUST_RULES) <= ids(lint_file(path, select=["medical"]))


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.name)
def test_clean_sample_gets_no_trust_findings_and_no_errors(path: Path) -> None:
    result = lint_file(path, select=["medical", "finance"])
    assert not ids(result) & set(TRUST_RULES + ("MED008", "MED009"))
    assert not [finding for finding in result.findings if finding.severity == "error"]


# --- author, reviewer, date --------------------------------------------------------------


def html_with_head(head: str, body_extra: str = "") -> str:
    return f"""<!doctype html><html><head><title>Botox for Chronic Migraine</title>{head}</head><body><article>
<h1>Botox for Chronic Migraine</h1>{body_extra}
<p>Neurologists use Botox injections to prevent chronic migraine in adults who have headaches on 15 or more days a month.</p>
<p>A session involves about 31 injections into the head and neck, repeated every 12 weeks. Side effects include neck pain and a drooping eyelid.</p>
</article></body></html>"""


JSON_LD = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "MedicalWebPage",
"author": {"@type": "Person", "name": "Jordan Ellis"},
"reviewedBy": {"@type": "Person", "name": "Priya Raman", "honorificSuffix": "MD"},
"lastReviewed": "2025-01-20"}</script>"""


def test_json_ld_supplies_author_reviewer_and_date() -> None:
    result = lint_string(html_with_head(JSON_LD), "html", select=["MED005", "MED006", "MED007", "MED009"])
    assert not ids(result)


def test_meta_tags_supply_author_and_date() -> None:
    head = '<meta name="author" content="Jordan Ellis"><meta property="article:published_time" content="2025-01-20">'
    result = lint_string(html_with_head(head), "html", select=["MED005", "MED006", "MED007", "MED009"])
    assert ids(result) == {"MED006", "MED009"}


def test_text_byline_supplies_all_three() -> None:
    byline = "*By Jordan Ellis, MPH | Medically reviewed by Dr. Priya Raman, MD | Last reviewed: 20 January 2025*\n\n"
    text = ARTICLE.format(extra="").replace("Neurologists use", byline + "Neurologists use")
    assert not ids(lint_string(text, select=["MED005", "MED006", "MED007"]))


def test_front_matter_supplies_all_three() -> None:
    front = '---\nauthor: "Jordan Ellis"\nreviewed_by: "Priya Raman, MD"\ndate: 2025-01-20\n---\n\n'
    assert not ids(lint_string(front + ARTICLE.format(extra=""), select=["MED005", "MED006", "MED007"]))


def test_reviewer_without_credentials_and_anonymous_author_are_reported() -> None:
    front = '---\nauthor: "admin"\nreviewed_by: "Priya Raman"\n---\n\n'
    findings = lint_string(front + ARTICLE.format(extra=""), select=["MED005", "MED006"]).findings
    messages = sorted(finding.message for finding in findings)
    assert messages == [
        "Health article has no credentialed medical reviewer: reviewer 'Priya Raman' has no credentials.",
        "Health article names no author: author 'admin' is not a named person.",
    ]


def test_prose_starting_with_by_is_not_a_byline() -> None:
    text = ARTICLE.format(extra="By Christmas, most patients had had three sessions.")
    assert "MED005" in ids(lint_string(text, select=["MED005"]))


def test_schema_accepts_review_and_author_on_graph_nodes() -> None:
    graph = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
{"@type": "MedicalWebPage", "reviewedBy": {"@type": "Person", "name": "Priya Raman, MD"}},
{"@type": "Article", "author": {"@type": "Person", "name": "Jordan Ellis"}}]}</script>"""
    assert "MED009" not in ids(lint_string(html_with_head(graph), "html", select=["MED009"]))


def test_schema_rule_ignores_markdown() -> None:
    assert "MED009" not in ids(lint_string(ARTICLE.format(extra=""), select=["MED009"]))


# --- claims --------------------------------------------------------------------------------

ABSOLUTE = [
    "Botox cures chronic migraine.",
    "The injections are completely safe.",
    "This treatment has no side effects.",
    "Our neurologists guarantee results.",
    "The procedure is painless.",
    "A miracle treatment for dystonia.",
    "Botox is 100% safe for everyone.",
    "Our clinically proven protocol halves headache days.",
]
QUALIFIED = [
    "Botox is not a cure for chronic migraine.",
    "There is currently no cure for dystonia.",
    "The injections are relatively painless.",
    "Botox is generally considered safe when a neurologist gives it.",
    "Most people have no side effects beyond a brief sting.",
    "No treatment is completely safe.",
    "Results are not guaranteed.",
    "It is a myth that Botox has no side effects.",
    "Be wary of clinics that promise a miracle cure.",
    "Is Botox completely safe?",
    "Some clinics call it a \"miracle\" treatment.",
    "Botox was clinically proven to reduce headache days in the PREEMPT trials (Dodick et al., 2010).",
    "The cure rate for early melanoma is high.",
    "Limit processed and cured meats.",
    "A painless lump in the neck should always be checked.",
    "Women with no risk factors can wait.",
    "The aim of treatment is to cure the infection.",
]


@pytest.mark.parametrize("sentence", ABSOLUTE)
def test_absolute_claim_is_reported(sentence: str) -> None:
    assert "MED008" in ids(lint_string(ARTICLE.format(extra=sentence), select=["MED008"]))


@pytest.mark.parametrize("sentence", QUALIFIED)
def test_hedged_negated_reported_or_cited_claim_is_not(sentence: str) -> None:
    assert "MED008" not in ids(lint_string(ARTICLE.format(extra=sentence), select=["MED008"]))


def test_claim_citation_accepts_any_outside_link_in_the_paragraph() -> None:
    cited = "The usual dose is 155 units every 12 weeks ([label](https://www.accessdata.fda.gov/label.pdf))."
    uncited = "The usual dose is 155 units every 12 weeks."
    assert not lint_string(ARTICLE.format(extra=cited), select=["MED004"], rules={"MED004": {"claims": {"dosage": [r"\d+ units"]}}}).findings
    assert lint_string(ARTICLE.format(extra=uncited), select=["MED004"], rules={"MED004": {"claims": {"dosage": [r"\d+ units"]}}}).findings


def test_sources_section_or_authoritative_link_satisfies_sources_rule() -> None:
    section = "## Sources\n\n- [Migraine](https://www.ninds.nih.gov/health-information/disorders/migraine). NINDS."
    link = "Read the [NHS guide](https://www.nhs.uk/conditions/migraine/) for more."
    blog = "Read [our other post](https://another-blog.example.com/botox) for more."
    assert "MED003" not in ids(lint_string(ARTICLE.format(extra=section), select=["MED003"]))
    assert "MED003" not in ids(lint_string(ARTICLE.format(extra=link), select=["MED003"]))
    assert "MED003" in ids(lint_string(ARTICLE.format(extra=blog), select=["MED003"]))


# --- finance -------------------------------------------------------------------------------


FINANCE_ARTICLE = (TOPICS / "other" / "finance-roth-ira.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "phrasing",
    [
        "This article is for informational purposes only and does not constitute financial advice.",
        "Nothing in this post constitutes investment advice.",
        "Past performance is not a reliable indicator of future results.",
        "Capital at risk. This article does not take into account your personal circumstances.",
        "We are not financial advisers; speak to a regulated financial adviser before you invest.",
        "Not financial advice.",
    ],
)
def test_finance_disclaimer_recognised(phrasing: str) -> None:
    assert "FIN001" not in ids(lint_string(FINANCE_ARTICLE + "\n\n" + phrasing + "\n", select=["FIN001"]))


@pytest.mark.parametrize(
    "sentence",
    [
        "Talk to a financial adviser before you buy an annuity.",
        "The past performance of this fund was strong in 2021.",
        "Investing involves choosing a mix of stocks and bonds.",
        "Financial advice from a fee-only planner costs less than you think.",
    ],
)
def test_finance_near_miss_is_not_a_disclaimer(sentence: str) -> None:
    assert "FIN001" in ids(lint_string(FINANCE_ARTICLE + "\n\n" + sentence + "\n", select=["FIN001"]))


def test_medical_disclaimer_does_not_satisfy_finance_rule() -> None:
    extra = "\n\nThis article is not a substitute for professional medical advice.\n"
    assert "FIN001" in ids(lint_string(FINANCE_ARTICLE + extra, select=["FIN001"]))


def test_risky_promise_on_finance_article_only() -> None:
    promise = "\n\nThis fund offers guaranteed returns of 12% a year.\n"
    assert "FIN002" in ids(lint_string(FINANCE_ARTICLE + promise, select=["FIN002"]))
    assert "FIN002" not in ids(lint_string(ARTICLE.format(extra=promise), select=["FIN002"]))


def test_document_parse_round_trip_for_topic_fixtures() -> None:
    """Every topic fixture parses (guards against a fixture silently becoming empty)."""
    for path in topic_files(""):
        doc: Document = parse(path.read_text(encoding="utf-8"), str(path), format_for(path.name) or "txt")
        assert len(doc.words) > 100, path.name
